"""--jobs N: documents checked in worker processes give the same reports as --jobs 1, stream in input
order, and a Ctrl-C leaves partial reports and no browser behind."""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inclusicheck import parallel
from inclusicheck.sources import Target

from .conftest import HAS_BROWSER, ROOT, wrap
from .helpers import run_cli
from .site_server import Site

needs_browser = pytest.mark.skipif(not HAS_BROWSER, reason="needs chromium and chromedriver")

PAGES = [
    '<h1>Inscription</h1><p>Les électeurs doivent s’inscrire sur les listes électorales avant le 7 février, '
    'munis d’une pièce d’identité et d’un justificatif de domicile récent.</p><img src="x.png">',
    '<p>Le formulaire devra être rempli par le demandeur et il sera instruit par les services.</p>'
    '<p lang="br">Degemer mat e ti-kêr ar gumun, deuit da welet ac’hanomp.</p>',
    '<p>Tous les citoyens sont invités. Cliquez <a href="/a">ici</a>.</p>',
    '<p>🎉🎉🎉</p>',
]


def write_pages(folder: Path, pages=PAGES) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i, body in enumerate(pages):
        path = folder / f"p{i}.html"
        path.write_text(wrap(body), encoding="utf-8")
        paths.append(str(path))
    return paths


def report_bytes(tmp_path: Path, name: str, *args) -> bytes:
    out = tmp_path / name
    code, _, err = run_cli("check", "-q", "--no-cache", "--format", "json", "--output", out, *args)
    assert code in (0, 1), err
    return out.read_bytes()


@needs_browser
def test_jobs_two_report_is_byte_identical_with_every_engine(tmp_path):
    folder = tmp_path / "site"
    write_pages(folder)
    one = report_bytes(tmp_path, "one.json", folder)
    two = report_bytes(tmp_path, "two.json", folder, "--jobs", "2")
    assert one == two
    report = json.loads(one)
    rules = {f["rule"] for d in report["documents"] for f in d["findings"]}
    # the three engines really ran: axe (browser), spaCy (falc) and language identification
    assert "wcag.image-alt" in rules and any(r.startswith("falc.") for r in rules)
    assert {"axe-core", "spacy-model"} <= set(report["tool"]["engines"])
    assert not report["skipped"]


def test_jobs_two_without_browser_keeps_input_order_and_stdin(tmp_path):
    pages = write_pages(tmp_path / "site", PAGES * 2)
    stdin = wrap(PAGES[2]).encode()
    code, out, err = run_cli("check", "-q", "--no-browser", "--no-cache", "--format", "json", "--jobs", "2",
                             pages[0], "-", *pages[1:], "missing.html", stdin=stdin)
    report = json.loads(out)
    assert [d["uri"] for d in report["documents"]] == [pages[0], "stdin", *pages[1:], "missing.html"]
    assert report["documents"][-1]["status"] == "error"  # read by the parent, reported in its place
    stdin_rules = [f["rule"] for f in report["documents"][1]["findings"]]
    assert "wcag.link-text" in stdin_rules
    _, out_one, _ = run_cli("check", "-q", "--no-browser", "--no-cache", "--format", "json",
                            pages[0], "-", *pages[1:], "missing.html", stdin=stdin)
    assert out == out_one


def test_jobs_two_with_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pages = write_pages(tmp_path / "site")
    args = ("check", "-q", "--no-browser", "--format", "json", "--jobs", "2", *pages)
    _, first, _ = run_cli(*args)
    entries = list((tmp_path / "cache" / "inclusicheck").glob("*/*.json"))  # results (not registry.json)
    assert len(entries) == len(pages)  # written by the workers
    Path(pages[0]).write_text(wrap("<p>Autre texte.</p>"), encoding="utf-8")
    _, second, _ = run_cli(*args)
    assert json.loads(first)["documents"][1:] == json.loads(second)["documents"][1:]
    assert json.loads(first)["documents"][0] != json.loads(second)["documents"][0]
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # the parent finds every hit: no worker starts
    _, third, _ = run_cli(*args)
    assert third == second


def test_crawled_pages_are_reloaded_in_the_workers(tmp_path):
    config = tmp_path / "inclusicheck.toml"
    config.write_text("timeout = 1.0\n[crawl]\ndelay = 0.0\nconcurrency = 2\n", encoding="utf-8")

    def crawl(*extra):
        code, out, _ = run_cli("check", "--no-browser", "-q", "--no-cache", "--format", "json", "--config", config,
                               "--pack", "wcag", "--crawl", site.url + "/", "--max-pages", "12", *extra)
        docs = json.loads(out)["documents"]
        return {d["uri"]: (d["status"], d["error"], d["lang"], len(d["findings"])) for d in docs}

    with Site(slow_seconds=3.0) as site:
        one, two = crawl(), crawl("--jobs", "2")
    assert one == two and len(one) == 12
    assert any(status == "error" for status, *_ in one.values())  # error targets too


def test_a_single_document_starts_no_worker():
    answered = []
    results = parallel.check_in_processes(iter([Target("a.html")]), 4, None, answered.append, None, None, None)
    assert list(results) == [None] and [t.uri for t in answered] == ["a.html"]


def chromium_processes(marker: str) -> list[int]:
    return list(chromium_profiles(marker))


def chromium_profiles(marker: str) -> dict[int, str]:
    """Chromium processes whose profile (--user-data-dir) is under `marker`: pid -> profile."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        profile = re.search(r"--user-data-dir=(%s[^\x00 ]*)" % re.escape(marker), cmdline)
        if entry.name.isdigit() and profile and "chrom" in cmdline:
            found[int(entry.name)] = profile.group(1)
    return found


@needs_browser
def test_ctrl_c_with_jobs_two_writes_partial_reports_and_leaves_no_browser(tmp_path):
    pages = write_pages(tmp_path / "site", PAGES * 10)
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}  # browsers' profiles go there
    report = tmp_path / "partial.json"
    proc = subprocess.Popen([sys.executable, "-m", "inclusicheck.cli", "check", "-q", "--no-cache", "--jobs", "2",
                             str(tmp_path / "site"), "--format", "json", "--output", str(report)],
                            env=env, cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # the parent's own browser (availability check) is closed before the workers start theirs
    while len(set(chromium_profiles(str(tmp_path)).values())) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(set(chromium_profiles(str(tmp_path)).values())) == 2, "the workers' browsers were never seen"
    time.sleep(3)  # a few pages are checked
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    uris = [d["uri"] for d in json.loads(report.read_text())["documents"]]
    assert len(uris) < len(pages) and uris == sorted(pages)[: len(uris)]
    deadline = time.monotonic() + 15
    while chromium_processes(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert chromium_processes(str(tmp_path)) == []


@needs_browser
def test_no_browser_is_left_after_a_jobs_two_run(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    write_pages(tmp_path / "site")
    proc = subprocess.run([sys.executable, "-m", "inclusicheck.cli", "check", "-q", "--no-cache", "--jobs", "2",
                           "--format", "json", str(tmp_path / "site")], env=env, capture_output=True, timeout=300)
    assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["documents"] == len(PAGES)
    time.sleep(1)
    assert chromium_processes(str(tmp_path)) == []


def test_a_worker_that_dies_fails_only_its_documents(tmp_path):
    pages = write_pages(tmp_path / "site", PAGES * 100)  # long enough that the kill lands mid-run
    proc = subprocess.Popen([sys.executable, "-m", "inclusicheck.cli", "check", "-q", "--no-cache", "--no-browser",
                             "--jobs", "2", "--format", "json", str(tmp_path / "site")],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not descendants(proc.pid, depth=2) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # it is checking documents
    while time.monotonic() < deadline:  # the list read just before: a process seen earlier may be gone
        try:
            os.kill(descendants(proc.pid, depth=2)[0], signal.SIGKILL)
            break
        except (IndexError, ProcessLookupError):
            time.sleep(0.1)
    out, err = proc.communicate(timeout=300)
    report = json.loads(out)
    assert proc.returncode == 3, err.decode()  # some documents could not be checked
    assert [d["uri"] for d in report["documents"]] == sorted(pages)  # every document, in order
    failed = [d for d in report["documents"] if d["status"] == "error"]
    assert failed and all("processus" in d["error"] for d in failed)
    assert report["documents"][-1]["status"] == "checked"  # new workers took over


def descendants(pid: int, depth: int) -> list[int]:
    """Processes exactly `depth` generations below `pid` (the workers are the forkserver's children)."""
    parents = parallel.process_parents()
    level = {pid}
    for _ in range(depth):
        level = {child for child, parent in parents.items() if parent in level}
    return sorted(level)
