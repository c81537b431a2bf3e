"""--remote-webdriver: the browser engine driving a remote WebDriver instead of local processes.

The remote side is a real ChromeDriver started by the test on a port of its own: the same W3C
WebDriver protocol a Grid speaks, and the same Chromium, in a second. tests/grid_test.py runs a
real Selenium Grid (hub and nodes) for what only a Grid does: queues, nodes that die."""
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import ConfigError, load_config
from inclusicheck.engines.browser import BrowserEngine
from inclusicheck.engines.browser_options import BrowserError
from inclusicheck.engines.remote_webdriver import on_loopback

from .conftest import HAS_BROWSER, wrap
from .helpers import run_cli

needs_browser = pytest.mark.skipif(not HAS_BROWSER, reason="Chromium/ChromeDriver not installed "
                                   "(apt-get install chromium chromium-driver)")
MISSING_ALT = wrap('<p>Logo</p><img src="logo.png">')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


OURS: set[int] = set()  # the test's own ChromeDriver (the "Grid")


@pytest.fixture(scope="module")
def remote_url():
    """A ChromeDriver of the test's own, standing for the Grid."""
    port = free_port()
    process = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    OURS.add(process.pid)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(url + "/status", timeout=1) as response:
                if json.load(response)["value"]["ready"]:
                    break
        except OSError:
            time.sleep(0.1)
    yield url
    os.killpg(process.pid, 9)
    process.wait(timeout=10)


def remote_config(tmp_path, url: str, timeout: float = 5):
    # the test's ChromeDriver needs to be told where Chromium is, as a Grid node's configuration would
    (tmp_path / "inclusicheck.toml").write_text(
        f'remote_webdriver = "{url}"\n[wcag]\nchromium = "/usr/bin/chromium"\n'
        f"page_load_timeout = {timeout}\nscript_timeout = {timeout}\n", encoding="utf-8")
    return load_config(cwd=tmp_path)


def chromedrivers_started_by(pid: int) -> list[int]:
    """ChromeDriver processes whose parent is `pid`, other than the test's own."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, after = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        child = int(stat.parent.name)
        if "chromedriver" in name and int(after[1]) == pid and child not in OURS:
            found.append(child)
    return found


@needs_browser
def test_axe_findings_come_back_from_the_remote_browser(tmp_path, remote_url):
    from selenium.webdriver import Chrome
    with Checker(remote_config(tmp_path, remote_url), rules=["wcag.image-alt", "wcag.html-has-lang"]) as checker:
        result = checker.check_html(MISSING_ALT, uri="remote.html")
        assert result.status == "checked", result.error
        assert [f.rule for f in result.findings] == ["wcag.image-alt"]
        browser = checker.engines.get("browser")._idle.queue[-1]
        assert browser.service is None and not isinstance(browser.driver, Chrome)
        assert browser.driver.capabilities["browserName"] in ("chrome", "chromium")
        assert chromedrivers_started_by(os.getpid()) == []  # no local driver of ours


@needs_browser
def test_local_files_are_served_to_a_loopback_remote(tmp_path, remote_url):
    site = tmp_path / "site"
    (site / "plans").mkdir(parents=True)
    (site / "plans" / "inner.html").write_text(wrap('<img src="plan.png">'), encoding="utf-8")
    page = site / "index.html"
    page.write_text(wrap('<h1>Plan</h1><iframe src="plans/inner.html" title="Plan du bourg"></iframe>'),
                    encoding="utf-8")
    with Checker(remote_config(tmp_path, remote_url), rules=["wcag.image-alt"]) as checker:
        result = checker.check_html(page.read_text(encoding="utf-8"), uri=str(page), path=str(page))
        assert result.status == "checked", result.error
        # the frame's image was found: the relative page was served too
        assert [f.location.selector for f in result.findings] == ["iframe >>> img"]


@needs_browser
def test_a_session_ended_behind_our_back_is_replaced(tmp_path, remote_url):
    with Checker(remote_config(tmp_path, remote_url), rules=["wcag.image-alt"]) as checker:
        assert checker.check_html(MISSING_ALT).status == "checked"
        browser = checker.engines.get("browser")._idle.queue[-1]
        request = urllib.request.Request(f"{remote_url}/session/{browser.driver.session_id}", method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()
        result = checker.check_html(MISSING_ALT)
        assert result.status == "checked", result.error
        assert [f.rule for f in result.findings] == ["wcag.image-alt"]
        assert checker.engines.get("browser")._idle.queue[-1] is not browser


def test_an_unreachable_remote_is_a_skip_reason_not_a_hang(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    engine = BrowserEngine(remote_config(tmp_path, url))
    try:
        reason = engine.unavailable()
    finally:
        engine.close()
    assert reason and url in reason and "injoignable" in reason


def test_a_remote_that_never_answers_gives_up_after_the_timeout(tmp_path):
    with socket.socket() as silent:  # accepts connections, never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        engine = BrowserEngine(remote_config(tmp_path, url, timeout=1))
        started = time.monotonic()
        reason = engine.unavailable()
        engine.close()
    assert reason and url in reason
    assert time.monotonic() - started < 8  # bounded by page_load_timeout, not forever


def test_local_files_need_a_remote_on_this_machine(tmp_path):
    from inclusicheck.document.dom import build_document
    engine = BrowserEngine(remote_config(tmp_path, "http://grid.example:4444/wd/hub"))
    try:
        page = build_document("page.html", MISSING_ALT)
        with pytest.raises(BrowserError) as caught:
            engine._url(page)
        assert "local files" in str(caught.value)
        url_page = build_document("https://www.example.fr/", MISSING_ALT)
        assert engine._url(url_page) == ("https://www.example.fr/", None)  # URLs go to the grid as they are
    finally:
        engine.close()


def test_loopback_detection():
    assert on_loopback("http://127.0.0.1:4444") and on_loopback("http://localhost:9515/")
    assert on_loopback("http://[::1]:4444/wd/hub")
    assert not on_loopback("http://grid:4444/wd/hub") and not on_loopback("http://10.0.0.5:4444")


def test_remote_webdriver_must_be_an_http_url(tmp_path):
    (tmp_path / "inclusicheck.toml").write_text('remote_webdriver = "grid:4444"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="remote_webdriver"):
        load_config(cwd=tmp_path)


@needs_browser
def test_cli_option(tmp_path, remote_url):
    page = tmp_path / "page.html"
    page.write_text(MISSING_ALT, encoding="utf-8")
    (tmp_path / "inclusicheck.toml").write_text('[wcag]\nchromium = "/usr/bin/chromium"\n', encoding="utf-8")
    code, out, err = run_cli("check", page, "--config", tmp_path / "inclusicheck.toml", "--rule", "wcag.image-alt",
                             "--remote-webdriver", remote_url, "--format", "json", "--no-cache", "--quiet")
    report = json.loads(out)
    assert [f["rule"] for d in report["documents"] for f in d["findings"]] == ["wcag.image-alt"], err
    assert code == 1


@needs_browser
def test_a_plain_chromedriver_is_no_grid(tmp_path, remote_url):
    from inclusicheck.engines.remote_webdriver import grid_queue_waiting, is_grid
    assert grid_queue_waiting(remote_url) is None  # it has no session queue (404)
    assert is_grid(remote_url) is False and is_grid("http://127.0.0.1:9") is None  # no nodes; no answer
    with Checker(remote_config(tmp_path, remote_url), rules=["wcag.image-alt"]) as checker:
        for _ in range(2):
            assert checker.check_html(MISSING_ALT).status == "checked"
        engine = checker.engines.get("browser")
        assert engine._grid is False and engine._watcher is None  # no slot sharing: one session kept
        assert len(engine._idle.queue) == 1


@needs_browser
def test_a_remote_page_that_times_out_is_not_checked_twice(tmp_path, remote_url, monkeypatch):
    """Only a page whose session ended under it is retried: a page that hangs is its own fault."""
    from inclusicheck.engines.browser_session import Browser
    renders = []
    original = Browser.render
    monkeypatch.setattr(Browser, "render", lambda self, *a: renders.append(1) or original(self, *a))
    with Checker(remote_config(tmp_path, remote_url, timeout=2), rules=["wcag.image-alt"]) as checker:
        result = checker.check_html(wrap("<script>while (true) {}</script><p>Bloqué</p>"))
        assert result.status == "error" and "temps" in result.error
        assert renders == [1]
        assert checker.check_html(MISSING_ALT).status == "checked"  # a fresh session for the next page


def failing_start(*errors: Exception):
    """A session start that raises `errors` one by one, then opens a session; and its tries."""
    tries: list[int] = []

    def start():
        tries.append(1)
        if len(tries) <= len(errors):
            raise errors[len(tries) - 1]
        return "session"
    return start, tries


def test_a_request_the_hub_sends_to_a_dead_node_is_sent_again():
    from selenium.common.exceptions import SessionNotCreatedException, WebDriverException

    from inclusicheck.engines.remote_webdriver import remote_session
    gone = SessionNotCreatedException("Could not start a new session. Connection error "
                                      "(POST http://127.0.0.1:5555/se/grid/node/session)")
    start, tries = failing_start(gone, gone)
    assert remote_session(start, budget=5) == "session" and len(tries) == 3
    # the node died just after creating the session, before our set-up commands
    died = WebDriverException("Unable to execute request for an existing session: Failed to execute request "
                              "(POST http://127.0.0.1:5555/session/5f3c/goog/cdp/execute)")
    start, tries = failing_start(died)
    assert remote_session(start, budget=5) == "session" and len(tries) == 2
    start, tries = failing_start(WebDriverException("unknown command: goog/cdp/execute"))
    with pytest.raises(WebDriverException):
        remote_session(start, budget=5)
    assert tries == [1]  # the remote browser cannot do what we ask: not tried again
    refused = SessionNotCreatedException("Could not start a new session. No matching capabilities")
    start, tries = failing_start(refused)
    with pytest.raises(SessionNotCreatedException):
        remote_session(start, budget=5)
    assert tries == [1]  # capabilities refused: not tried again


def test_a_session_request_unanswered_for_its_timeout_is_not_sent_again():
    """It waited that long in the hub's queue for a slot: a second request would double the wait and
    leave the first one queued (the slot it waited for was held by an idle session: grid_test.py)."""
    from urllib3.exceptions import ReadTimeoutError

    from inclusicheck.engines.remote_webdriver import remote_session
    start, tries = failing_start(ReadTimeoutError(None, "/session", "Read timed out."))
    with pytest.raises(ReadTimeoutError):
        remote_session(start, budget=5)
    assert tries == [1]


def test_a_status_that_does_not_answer_once_does_not_turn_slot_sharing_off(monkeypatch):
    """Whether the remote WebDriver is a Grid is asked again until /status answers (a failed first
    look used to decide "no Grid" for the whole run)."""
    from inclusicheck.engines import browser
    answers = iter([None, True])
    monkeypatch.setattr(browser, "is_grid", lambda url: next(answers))
    monkeypatch.setattr(browser, "grid_queue_waiting", lambda url: False)
    engine = browser.BrowserEngine.__new__(browser.BrowserEngine)
    engine.options, engine._grid = SimpleNamespace(remote="http://grid:4444"), None
    engine._share_slot()
    assert engine._grid is None
    engine._share_slot()
    assert engine._grid is True
