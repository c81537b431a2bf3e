"""The browser engine: system Chromium driven by Selenium, headless, with axe-core injected.

One page load per document gives everything rendering-based rules need (`Rendered`, from
browser_session.py): the axe-core results (axe_run.py), the computed style and box of every text
block, the page facts, and optionally a screenshot.

Browsers are started lazily and reused across documents; a pool holds up to `jobs` of them so
that pages can be checked in parallel. A browser that crashes or hangs (a page whose scripts never
end) is killed and replaced: that page gets an error, the next pages are still checked.

With `remote_webdriver` (--remote-webdriver URL), the same browsers are sessions of a remote
WebDriver (a Selenium Grid, or a ChromeDriver on another port) instead of local processes: replacing
one means ending its session and opening another (remote_webdriver.py). A remote browser cannot open
our files, so local pages are served to it over HTTP from a loopback server of ours when it runs on
this machine, and are an error otherwise (docs/wcag-axe.md).
"""
from __future__ import annotations

import os
import queue
import tempfile
import threading
from pathlib import Path

from ..extras import missing_reason
from ..i18n import t
from ..model import Document
from .axe_run import AXE_VERSION
from .browser_options import INSTALL_HINT, BrowserError, BrowserOptions, first_line
from .browser_session import Browser, Rendered
from .remote_webdriver import PageServer, grid_queue_waiting, is_grid, on_loopback, remote_status


class BrowserEngine:
    name = "browser"

    def __init__(self, config):
        self.options = BrowserOptions.from_config(config)
        self.size = max(1, int(config.values.get("jobs", 1)))
        self.lang = config.values.get("lang", "fr")
        self.explicit_rules = set(config.values.get("rules") or {})
        self.axe_rules: list[str] = []
        self._known_rules: set[str] | None = None
        self._idle: queue.LifoQueue[Browser] = queue.LifoQueue()
        self._live: set[Browser] = set()  # every started browser, idle or rendering (for abort)
        self._started = 0
        self._lock = threading.Lock()
        self._reason: str | None = None
        self._checked = False
        self._axe_source: str | None = None
        self.axe_version: str | None = None
        self._temp = tempfile.TemporaryDirectory(prefix="inclusicheck-pages-")
        self._pages: PageServer | None = None
        self._grid: bool | None = None  # whether the remote WebDriver is a Selenium Grid (its /status lists nodes)
        self._watcher: threading.Thread | None = None  # ends idle Grid sessions others wait for
        self._stop_watching = threading.Event()

    # ---- availability --------------------------------------------------------------------

    def unavailable(self) -> str | None:
        with self._lock:
            first = not self._checked
            if first:
                self._checked = True
                self._reason = self._why_unavailable()
        if first and self._reason is None:
            # the browser this check started is idle until the first page, like one after a page: on
            # a Grid it gives its slot away too (a --jobs worker that gets no page would keep it)
            self._share_slot_while_idle()
        return self._reason

    def _why_unavailable(self) -> str | None:
        missing = missing_reason("browser", self.lang)
        if missing:
            return missing
        if self.options.remote:
            problem = remote_status(self.options.remote, timeout=min(10.0, self.options.page_load_timeout))
            if problem:
                return t("browser.remote_unreachable", self.lang, url=self.options.remote, reason=problem)
        elif not all(path and Path(path).is_file() for path in (self.options.chromium, self.options.chromedriver)):
            return t("browser.missing", self.lang, install=INSTALL_HINT)
        try:
            self._axe_source = self.options.axe_script.read_text(encoding="utf-8")
        except OSError as exc:
            return t("browser.no_axe", self.lang, path=str(self.options.axe_script), reason=exc.strerror or exc)
        found = AXE_VERSION.search(self._axe_source[:500])
        self.axe_version = found.group(1) if found else None
        try:  # start the first browser now: a broken install is a skip with a reason, not N page errors
            browser = self._start()
        except Exception as exc:
            return self._start_failed(exc)
        self._started = 1
        self._idle.put(browser)
        return None

    def versions(self) -> dict[str, str]:
        return {"axe-core": self.axe_version} if self.axe_version else {}

    # ---- which axe rules run ----------------------------------------------------------------

    def prepare(self, rules) -> None:
        """Called with the run's enabled rules: axe runs the axe-backed ones (check `axe.*`).
        Best-practice and AAA rules run only when opted in (pack setting, or named in config), except
        those tagged `on-by-default` (best-practice rules that answer a W3C ACT rule)."""
        wanted = set(self.axe_rules)
        for rule in rules:
            if not (rule.check_name or "").startswith("wcag.axe.") or rule.pack != "wcag":
                continue
            opt_in = "on-by-default" not in rule.tags and (
                ("best-practice" in rule.tags and not self.options.best_practice)
                or ("wcag-aaa" in rule.tags and not self.options.aaa))
            if opt_in and rule.id not in self.explicit_rules:
                continue
            wanted.add(rule.id.split(".", 1)[1])
        self.axe_rules = sorted(wanted)

    # ---- one document -------------------------------------------------------------------------

    def analyse(self, doc: Document) -> Rendered:
        if self.unavailable():
            raise BrowserError("browser.unavailable", reason=self._reason)
        url, temp = self._url(doc)
        try:
            rendered = self._render(doc, url)
        finally:
            if temp:
                os.unlink(temp)
        version = (rendered.axe.get("testEngine") or {}).get("version")
        if version:
            self.axe_version = version
        return rendered

    def _render(self, doc: Document, url: str, retry: bool = True) -> Rendered:
        browser = self._acquire()
        try:
            rendered = browser.render(doc, url, self._runnable(browser))
        except Exception as exc:
            # a remote session that ended under the page (its Grid node went away) says nothing
            # about the page: it is checked again, once, in a new session (on another node). A
            # timeout is the page's own doing (and a hung session would not answer alive()).
            lost = (retry and self.options.remote and getattr(exc, "key", None) != "browser.timeout"
                    and not browser.alive())
            self._discard(browser)
            if lost:
                return self._render(doc, url, retry=False)
            raise
        except BaseException:
            self._discard(browser)  # crashed or hung: the next document gets a fresh browser
            raise
        self._release(browser)
        return rendered

    def _release(self, browser: Browser) -> None:
        """Keep the browser for the next document."""
        self._idle.put(browser)
        self._share_slot_while_idle()

    def _share_slot_while_idle(self) -> None:
        """On a Grid, an idle session whose slot others wait for (a node died, fewer slots than
        --jobs) is ended, now and while it stays idle, so that the workers take turns instead of one
        waiting for a slot that another keeps."""
        if self.options.remote and self._grid is not False:
            self._share_slot()
            if self._grid and self._watcher is None:
                self._stop_watching = threading.Event()
                self._watcher = threading.Thread(target=self._watch_grid, args=(self._stop_watching,),
                                                 daemon=True, name="inclusicheck-grid-share")
                self._watcher.start()

    def _share_slot(self) -> None:
        if self._grid is None:  # asked again while /status does not answer: one failure must not turn sharing off
            self._grid = is_grid(self.options.remote)
        if not self._grid or not grid_queue_waiting(self.options.remote):
            return
        with self._lock:  # taken and counted out together: _acquire then starts a new one
            try:
                browser = self._idle.get_nowait()
            except queue.Empty:
                return
            self._started -= 1
        self._live.discard(browser)
        browser.kill()

    def _watch_grid(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            if self._idle.qsize():
                self._share_slot()

    def _runnable(self, browser: Browser) -> list[str]:
        """Our axe rule ids that the injected axe knows (a newer or older axe.min.js may differ)."""
        if self._known_rules is None:
            browser.driver.get("about:blank")
            browser.driver.execute_script(self._axe_source)
            self._known_rules = set(browser.driver.execute_script("return axe.getRules().map(r => r.ruleId)"))
        return [r for r in self.axe_rules if r in self._known_rules]

    def _url(self, doc: Document) -> tuple[str, str | None]:
        """The URL to load, and the temporary file to remove afterwards (if any)."""
        if not doc.path and doc.uri.startswith(("http://", "https://")):
            return doc.uri, None
        if self.options.remote and not on_loopback(self.options.remote):
            raise BrowserError("browser.remote_local_file", url=self.options.remote)
        if doc.path:
            path, temp = Path(doc.path).resolve(), None
        else:  # inline HTML or stdin: a file of our own (the BOM makes Chromium read it as UTF-8)
            fd, temp = tempfile.mkstemp(suffix=".html", dir=self._temp.name)
            with os.fdopen(fd, "w", encoding="utf-8-sig") as out:
                out.write(doc.source)
            path = Path(temp)
        if not self.options.remote:
            return path.as_uri(), temp
        with self._lock:
            if self._pages is None:
                self._pages = PageServer()
        return self._pages.url(path), temp

    def _acquire(self) -> Browser:
        with self._lock:
            try:
                browser = self._idle.get_nowait()
            except queue.Empty:
                browser = None
                start = self._started < self.size
                if start:
                    self._started += 1
        if browser is None and not start:
            browser = self._idle.get()
        if browser is not None:
            if browser.alive():
                return browser
            self._discard(browser)  # its driver died between two pages: start a fresh one
            with self._lock:
                self._started += 1
        try:
            return self._start()
        except Exception as exc:
            with self._lock:
                self._started -= 1
            if self.options.remote:
                raise BrowserError("browser.remote_unreachable", url=self.options.remote,
                                   reason=first_line(str(exc))) from None
            raise BrowserError("browser.start_failed", reason=first_line(str(exc)), install=INSTALL_HINT) from None

    def _start(self) -> Browser:
        browser = Browser(self.options, self._axe_source)
        self._live.add(browser)
        return browser

    def _start_failed(self, exc: Exception) -> str:
        reason = first_line(str(exc))
        if self.options.remote:
            return t("browser.remote_unreachable", self.lang, url=self.options.remote, reason=reason)
        return t("browser.start_failed", self.lang, reason=reason, install=INSTALL_HINT)

    def _discard(self, browser: Browser) -> None:
        browser.kill()
        self._live.discard(browser)
        with self._lock:
            self._started -= 1

    def abort(self) -> None:
        """End every browser at once, also one rendering a page: the process is being stopped."""
        for browser in list(self._live):
            browser.kill()
        self._live.clear()

    def close(self) -> None:
        self._stop_watching.set()
        self._watcher = None
        while True:
            try:
                browser = self._idle.get_nowait()
            except queue.Empty:
                break
            browser.close()
            self._live.discard(browser)
        self._started = 0
        if self._pages is not None:
            self._pages.close()
            self._pages = None
        self._temp.cleanup()
