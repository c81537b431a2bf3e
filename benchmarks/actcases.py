"""Shared by act.py and speed.py: the W3C ACT test cases served on a loopback port, inclusicheck
run over URLs through its API, and the plain axe-selenium-python loop used as the baseline."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACT = ROOT.parent / "shared" / "data" / "act"
sys.path.insert(0, str(ROOT))


def load_cases(act_dir: Path = ACT) -> list[dict]:
    """HTML cases whose assets are all there (the W3C reports skip the others too)."""
    if not (act_dir / "manifest.json").is_file():
        sys.exit(f"ACT test cases not found in {act_dir} (the project's ../shared/data/act)")
    cases = json.loads((act_dir / "manifest.json").read_text(encoding="utf-8"))["testcases"]
    return [c for c in cases if c["file"].endswith(".html") and c["allAssetsPresentLocally"] is not False
            and not c["usesRemoteAssets"]]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    # as w3.org serves them: some cases have no <meta charset> and would be read as windows-1252
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8"}

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that stops loading a page (window.stop, next page) breaks the pipe: fine


@contextmanager
def serve(folder: Path):
    """The folder as web root on 127.0.0.1 (cases load their assets from /WAI/...)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_inclusicheck(urls: list[str], jobs: int = 1, packs=("wcag",), wcag: dict | None = None):
    """inclusicheck's own run (batch.run, as the CLI does), without the result cache;
    `wcag`: pack settings (e.g. {"axe_best_practice": True})."""
    from inclusicheck.config import load_config
    from inclusicheck.engines import Engines
    from inclusicheck.batch import run
    from inclusicheck.runner import make_plan
    from inclusicheck.sources import discover
    config = load_config(cwd=Path("/"), flags={"jobs": jobs, "cache": False, "wcag": wcag})
    engines = Engines(config)
    try:
        plan = make_plan(config, engines, list(packs))
        if any("wcag.image-alt" in s.rules for s in plan.skipped):
            sys.exit(f"the browser is not available: {plan.skipped[0].reason}")
        return run(list(discover(urls)), config, plan, engines)
    finally:
        engines.close()


class PlainAxe:
    """The baseline: axe-selenium-python as its README shows it, one Chrome for all pages."""

    def __init__(self):
        from axe_selenium_python import Axe
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        self.profile = tempfile.mkdtemp(prefix="plain-axe-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-sync", f"--user-data-dir={self.profile}"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(30)
        self.axe = Axe(self.driver)
        self.act_ids: dict[str, list[str]] | None = None

    def check(self, url: str) -> dict:
        self.driver.get(url)
        self.axe.inject()
        if self.act_ids is None:
            rules = self.driver.execute_script("return axe.getRules()")
            self.act_ids = {r["ruleId"]: r.get("actIds") or [] for r in rules}
        return self.axe.run()

    def close(self):
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)
