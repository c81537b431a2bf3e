"""The browser engine: system Chromium driven by Selenium, headless, with axe-core injected.

One page load per document gives everything rendering-based rules need (`Rendered`): the axe-core
results, the computed style and box of every text block, and optionally a screenshot.

Browsers are started lazily and reused across documents; a pool holds up to `jobs` of them so
that pages can be checked in parallel. A browser that crashes or hangs (a page whose scripts never
end) is killed and replaced: that page gets an error, the next pages are still checked.

With `remote_webdriver` (--remote-webdriver URL), the same browsers are sessions of a remote
WebDriver (a Selenium Grid, or a ChromeDriver on another port) instead of local processes: replacing
one means ending its session and opening another. A remote browser cannot open our files, so local
pages are served to it over HTTP from a loopback server of ours when it runs on this machine, and
are an error otherwise (docs/wcag-axe.md).
"""
from __future__ import annotations

import base64
import ipaddress
import json
import os
import queue
import re
import secrets
import shutil
import signal
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document.dom import index
from ..extras import missing_reason
from ..i18n import t
from ..model import Document
from . import EngineError
from .contrast import measure as measure_contrast
from .pagefacts import collect as page_facts

# Flags for a quiet, isolated headless Chromium (each browser also gets a fresh --user-data-dir).
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--no-first-run",
                  "--disable-sync", "--window-size=1280,1024", "--mute-audio", "--hide-scrollbars")
STYLE_KEYS = ("font-family", "font-style", "font-weight", "text-align", "text-transform",
              "text-decoration-line", "hyphens", "color", "background-color", "line-height", "display",
              "visibility")
AXE_VERSION = re.compile(r"axe v(\d+\.\d+\.\d+)")
FRAME_DEPTH = 3  # axe is injected into frames nested this deep
INSTALL_HINT = "apt-get install chromium chromium-driver"

BLOCK_STYLES_JS = """
const [selectors, keys] = arguments;
function find(sel) {
  // lxml does not insert <tbody> as browsers do: retry with it
  for (const s of [sel, sel.replace(/table > tr/g, 'table > tbody > tr')]) {
    try { const el = document.querySelector(s); if (el) return el; } catch (e) { return null; }
  }
  return null;
}
return selectors.map(sel => {
  const el = sel && find(sel);
  if (!el) return null;
  const cs = getComputedStyle(el), r = el.getBoundingClientRect(), out = {};
  for (const k of keys) out[k] = cs.getPropertyValue(k);
  out['font-size'] = parseFloat(cs.fontSize);
  out.box = {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
  return out;
});
"""
# Stylesheets the page asked for and did not get (offline, 404, refused): Chromium then keeps an
# empty sheet that a cross-origin page cannot tell from a real one, so the <link>'s error event is
# recorded as it happens, by a script run in every new document (@import failures have no event and
# are not seen). Read right after the load, with the links still without a sheet (still loading when
# the load timed out): the same page load, bounded by the page load timeout.
STYLE_ERRORS_WATCH_JS = """
window.__inclusicheckFailedStyles = [];
addEventListener('error', e => {
  const link = e.target;
  if (link instanceof HTMLLinkElement && link.relList.contains('stylesheet'))
    window.__inclusicheckFailedStyles.push(link.href);
}, true);
"""
FAILED_STYLES_JS = """
const failed = new Set(window.__inclusicheckFailedStyles || []);
for (const link of document.querySelectorAll('link[rel~="stylesheet" i][href]')) {
  if (!link.sheet && !link.disabled && !link.relList.contains('alternate')) failed.add(link.href);
}
return [...failed];
"""
AXE_RUN_JS = """
const [ruleIds, frameWait] = arguments, done = arguments[arguments.length - 1];
// Where axe 4.10 departs from the W3C ACT rules, in ways a page can be checked for:
function element(target) {  // target[0]: the element, or the frame holding it, in this document
  if (typeof target[0] !== 'string') return null;
  try { return document.querySelector(target[0]); } catch (e) { return null; }
}
// 1. inert content (under [inert], or outside an open modal dialog) cannot take focus (ACT akn7bn)
function inert(el) {
  const modal = document.querySelector('dialog:modal');
  return !!el.closest('[inert]') || (!!modal && !modal.contains(el));
}
// 2. spacing is judged on the element whose own text it styles (ACT 24afc2, 9e45ec, 78fd32)
function noOwnText(el) {
  return ![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
}
// 3. contrast is about text: a one-character glyph whose name comes from aria-label (a close
//    button's "X") is an icon, left to a person (ACT afw4f7)
function icon(el) {
  return el.textContent.trim().length === 1 && !!el.closest('[aria-label], [aria-labelledby]');
}
// 4. frames with the same name must have an equivalent purpose (ACT 4b1c6c): the same resource
//    (one video embedded twice under its title) is; a same title over another resource is not
function sameResource(el) {
  const name = f => (f.getAttribute('title') || '').trim().replace(/\\s+/g, ' ').toLowerCase();
  const resource = f => f.hasAttribute('srcdoc') ? 'srcdoc:' + f.getAttribute('srcdoc') : f.src;
  const twins = [...document.querySelectorAll('iframe, frame')].filter(f => f !== el && name(f) === name(el));
  return twins.length > 0 && !!resource(el) && twins.every(f => resource(f) === resource(el));
}
// 5. a link is in a text block only amid prose of its own block (a site-name link in a header,
//    a link wrapping a heading or a card, a link alone in its list item is not)
function notInProse(link) {
  const inline = e => /^inline/.test(getComputedStyle(e).display) || getComputedStyle(e).display === 'contents';
  if ([...link.querySelectorAll('*')].some(d => !inline(d) && d.textContent.trim())) return true;
  let block = link.parentElement;
  while (block && block.parentElement && inline(block)) block = block.parentElement;
  if (!block) return true;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (link.contains(text) || parent.closest('a[href]') || !/\\p{L}{2}/u.test(text.textContent)) continue;
    let up = parent;
    while (up !== block && inline(up)) up = up.parentElement;
    if (up === block && parent.checkVisibility()) return false;  // prose next to the link
  }
  return true;
}
const DROP = {'frame-focusable-content': inert, 'scrollable-region-focusable': inert,
              'avoid-inline-spacing': noOwnText};
// nodes outside the rule's applicability, decided or not
const NOT_APPLICABLE = {'frame-title-unique': sameResource, 'link-in-text-block': notInProse};
const REVIEW = {'color-contrast': icon, 'color-contrast-enhanced': icon};
// 6. css-orientation-lock is "incomplete" on most pages (style sheets it cannot tell about): noise
const NO_INCOMPLETE = new Set(['css-orientation-lock']);
// 7. aria-controls next to aria-haspopup (the DSFR menu button): axe leaves it undecided whatever
//    the value, as the popup may only be created when it opens (messageKey controlsWithinPopup).
//    Once the page's scripts ran, every id it names existing in the DOM decides it: valid.
function popupDoubt(n) {
  return [...(n.any || []), ...(n.all || [])].some(c => c.data && c.data.messageKey === 'controlsWithinPopup');
}
function controlsExist(el, n) {
  const ids = (el.getAttribute('aria-controls') || '').trim().split(/\\s+/).filter(Boolean);
  return popupDoubt(n) && ids.length > 0 && ids.every(id => document.getElementById(id));
}
// undecided nodes the rendered page decides (passed)
const DECIDED = {'aria-valid-attr-value': controlsExist};
function undecided(v) {
  const decided = DECIDED[v.id];
  if (decided) v.nodes = v.nodes.filter(n => { const el = element(n.target); return !(el && decided(el, n)); });
  return v.nodes.length > 0;
}
function applicable(v) {
  const outside = NOT_APPLICABLE[v.id];
  if (outside) v.nodes = v.nodes.filter(n => { const el = element(n.target); return !(el && outside(el)); });
  return v.nodes.length > 0;
}
function adjust(r) {
  r.incomplete = r.incomplete.filter(v => !NO_INCOMPLETE.has(v.id) && applicable(v) && undecided(v));
  r.violations = r.violations.filter(applicable);
  for (const v of r.violations) {
    const drop = DROP[v.id], review = REVIEW[v.id];
    if (!drop && !review) continue;
    const moved = [];
    v.nodes = v.nodes.filter(n => {
      const el = element(n.target);
      if (el && drop && drop(el)) return false;
      if (el && review && review(el)) { moved.push({...n, icon: true}); return false; }
      return true;
    });
    if (moved.length) r.incomplete.push({...v, nodes: moved});
  }
  r.violations = r.violations.filter(v => v.nodes.length);
  return r;
}
// preload: axe waits up to 10 s by default for media and style sheets that do not load; 3 s is plenty.
// Style sheets only (css-orientation-lock reads them; a preload object without `assets` preloads
// nothing): one media file that does not load fails the whole preload after the timeout.
axe.run(document, {runOnly: {type: 'rule', values: ruleIds}, resultTypes: ['violations', 'incomplete'],
                   frameWaitTime: frameWait, performanceTimer: false,
                   preload: {assets: ['cssom'], timeout: 3000}})
  .then(r => done(adjust(r)), e => done({error: String(e && e.stack || e)}));
"""


class BrowserError(EngineError):
    """The browser could not render this page (timeout, crash): the page gets status error."""


@dataclass
class Rendered:
    """What one page load gives the rules (the contract with the falc and report code)."""
    axe: dict[str, Any]
    block_styles: list[dict | None]
    url: str
    png: bytes | None = field(default=None, repr=False)
    facts: dict[str, Any] = field(default_factory=dict)  # engines/pagefacts.py, for our browser rules
    contrast: dict[str, dict] = field(default_factory=dict)  # engines/contrast.py: axe selector -> measurement
    failed_styles: list[str] = field(default_factory=list)  # URLs of the stylesheets that did not load

    def screenshot(self) -> bytes | None:
        """PNG of the full page, taken during the same page load (setting `screenshots`)."""
        return self.png


@dataclass
class BrowserOptions:
    remote: str | None  # URL of a remote WebDriver; None: local Chromium and ChromeDriver
    chromium: str | None
    chromedriver: str | None
    axe_script: Path
    page_load_timeout: float
    script_timeout: float
    screenshots: bool
    best_practice: bool
    aaa: bool

    @classmethod
    def from_config(cls, config) -> "BrowserOptions":
        from ..config import ConfigError
        s = config.pack_settings("wcag") if "wcag" in config.registry.packs else {}
        for key in ("page_load_timeout", "script_timeout"):
            value = s.get(key, 30.0)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 3600:
                raise ConfigError("config.seconds", name=f"wcag.{key}")
        for key in ("axe_script", "chromium", "chromedriver"):
            if s.get(key) is not None and not isinstance(s[key], str):
                raise ConfigError("config.path", name=f"wcag.{key}")
        remote = config.values.get("remote_webdriver") or None
        if remote:  # the remote side has its own browser: a binary path only when one is set
            chromium = s.get("chromium")
        else:
            chromium = s.get("chromium") or which("chromium", "chromium-browser", "google-chrome")
        return cls(remote=remote, chromium=chromium,
                   chromedriver=s.get("chromedriver") or which("chromedriver"),
                   axe_script=Path(s["axe_script"]).expanduser() if s.get("axe_script") else bundled_axe(),
                   page_load_timeout=float(s.get("page_load_timeout", 30.0)),
                   script_timeout=float(s.get("script_timeout", 30.0)),
                   screenshots=bool(s.get("screenshots", False)),
                   best_practice=bool(s.get("axe_best_practice", False)), aaa=bool(s.get("axe_aaa", False)))


def which(*names: str) -> str | None:
    return next((found for found in map(shutil.which, names) if found), None)


def bundled_axe() -> Path:
    """The axe.min.js that axe-selenium-python ships (axe-core 4.10.2 for its 3.0.0 release)."""
    import axe_selenium_python
    return Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def chrome_options(options: BrowserOptions, profile: str | None):
    from selenium import webdriver
    chrome = webdriver.ChromeOptions()
    if options.chromium:
        chrome.binary_location = options.chromium
    for flag in CHROMIUM_FLAGS:
        chrome.add_argument(flag)
    if profile:  # a remote ChromeDriver makes a fresh profile of its own
        chrome.add_argument(f"--user-data-dir={profile}")
    chrome.page_load_strategy = "normal"
    return chrome


def command_timeout(options: BrowserOptions) -> float:
    """Seconds a driver gets to answer one command: a driver that stops answering must not block the run."""
    return options.page_load_timeout + options.script_timeout + 10


def on_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def remote_status(url: str, timeout: float = 10.0) -> str | None:
    """Why the remote WebDriver at `url` cannot take sessions (its /status), or None when it can."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/status", timeout=timeout) as response:
            value = json.loads(response.read(1_000_000)).get("value") or {}
    except (OSError, ValueError) as exc:
        return _first_line(f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}")
    if not isinstance(value, dict) or value.get("ready") is False:
        return _first_line(str(value.get("message") if isinstance(value, dict) else value) or "not ready")
    return None


# In what a Selenium Grid answers when the node it chose for a new session did not answer ("Connection
# error (POST http://node/se/grid/node/session)", "Failed to execute request (POST ...)"): the node
# died and the hub has not noticed yet (its health check runs every --healthcheck-interval seconds)
NODE_GONE = "/se/grid/node/session"


def remote_session(start, budget: float):
    """start(), tried again while the Grid hands the request to a node that is gone: after its next
    health check the hub sends it to a live node, or queues it until a slot is free. Anything else
    (no Grid there, capabilities refused) fails at once."""
    from selenium.common.exceptions import SessionNotCreatedException
    from urllib3.exceptions import ReadTimeoutError
    deadline = time.monotonic() + budget
    timed_out = False
    while True:
        try:
            return start()
        except SessionNotCreatedException as exc:
            if NODE_GONE not in str(exc) or time.monotonic() > deadline:
                raise
        except ReadTimeoutError:
            # a request the hub handed to a node just before that node died can hang past the
            # budget; once the hub has seen the node go, a new request reaches a live one: try once more
            if timed_out:
                raise
            timed_out, deadline = True, time.monotonic() + budget
        time.sleep(1)


def grid_queue_waiting(url: str) -> bool | None:
    """Whether session requests wait in the Selenium Grid's queue at `url` (its
    /se/grid/newsessionqueue/queue); None when `url` is no Grid (a plain ChromeDriver has no queue)."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/se/grid/newsessionqueue/queue", timeout=5) as response:
            waiting = json.loads(response.read(1_000_000)).get("value")
    except (OSError, ValueError, AttributeError):
        return None
    return bool(waiting) if isinstance(waiting, list) else None


class Browser:
    """One headless Chromium: local, with its ChromeDriver in a process group of their own so that a
    hung browser can be killed without touching anything else; or a session of a remote WebDriver."""

    def __init__(self, options: BrowserOptions, axe_source: str):
        self.options, self.axe_source = options, axe_source
        self.service = None
        self.profile = None if options.remote else tempfile.mkdtemp(prefix="inclusicheck-chromium-")
        try:
            self.driver = self._start(chrome_options(options, self.profile))
            # axe in every new document, frames included, compiled once per browser (sending 500 kB
            # of script to each page costs more than checking it)
            self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": self._axe_setup()})
            self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STYLE_ERRORS_WATCH_JS})
            self.driver.set_page_load_timeout(options.page_load_timeout)
            self.driver.set_script_timeout(options.script_timeout)
            self.driver.command_executor._client_config.timeout = command_timeout(options)
        except Exception:
            self.kill()
            raise

    def _start(self, chrome):
        from selenium import webdriver
        if self.options.remote:
            from selenium.webdriver.remote.client_config import ClientConfig
            # the timeout also bounds the session request (a full Grid queues it)
            client = ClientConfig(remote_server_addr=self.options.remote, timeout=command_timeout(self.options))
            return remote_session(lambda: webdriver.Remote(command_executor=self.options.remote, options=chrome,
                                                           client_config=client), command_timeout(self.options))
        from selenium.webdriver.chrome.service import Service
        self.service = Service(self.options.chromedriver, popen_kw={"start_new_session": True})
        return webdriver.Chrome(options=chrome, service=self.service)

    def render(self, doc: Document, url: str, rule_ids: list[str]) -> Rendered:
        from selenium.common.exceptions import TimeoutException, WebDriverException
        try:
            self._load(url)
            failed_styles = self.driver.execute_script(FAILED_STYLES_JS) or []
            styles = self.driver.execute_script(BLOCK_STYLES_JS, block_selectors(doc), list(STYLE_KEYS))
            axe = self._run_axe(rule_ids) if rule_ids else {"violations": [], "incomplete": []}
            facts = page_facts(self.driver)
            png = self._screenshot() if self.options.screenshots else None
            contrast = measure_contrast(self.driver, axe)  # last: it scrolls and restyles the page
        except TimeoutException:
            raise BrowserError("browser.timeout", load=self.options.page_load_timeout,
                               script=self.options.script_timeout) from None
        except BrowserError:
            raise
        except WebDriverException as exc:
            raise BrowserError("browser.crashed", reason=_first_line(exc.msg or str(exc))) from None
        except Exception as exc:  # the driver went away (connection refused, HTTP timeout...)
            raise BrowserError("browser.crashed", reason=_first_line(f"{type(exc).__name__}: {exc}")) from None
        return Rendered(axe=axe, block_styles=styles, url=url, png=png, facts=facts, contrast=contrast,
                        failed_styles=failed_styles)

    def alive(self) -> bool:
        if self.options.remote:  # one round trip: the session may have ended (Grid timeout, node gone)
            try:
                return self.driver.execute_script("return 1") == 1
            except Exception:
                return False
        process = getattr(self.service, "process", None)
        return process is not None and process.poll() is None

    def _load(self, url: str) -> None:
        from selenium.common.exceptions import TimeoutException
        try:
            self.driver.get(url)
        except TimeoutException:
            # a slow asset: stop loading and check what is there. A renderer stuck in a script
            # cannot run this either, and the TimeoutException goes up (the browser is replaced).
            self.driver.execute_script("window.stop()")

    def _axe_setup(self) -> str:
        # file:// frames have opaque origins: axe must accept messages from every origin
        return self.axe_source + ";axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"

    def _run_axe(self, rule_ids: list[str]) -> dict:
        if not self.driver.execute_script("return typeof axe === 'object' && !!axe.run"):
            self._inject(0)  # the page replaced or removed it: inject by hand, frames included
            self.driver.switch_to.default_content()
        frame_wait = int(min(self.options.script_timeout, 10) * 1000)
        result = self.driver.execute_async_script(AXE_RUN_JS, rule_ids, frame_wait)
        if not isinstance(result, dict) or "error" in result:
            raise BrowserError("browser.axe_failed", reason=_first_line(str((result or {}).get("error"))))
        return result

    def _inject(self, depth: int) -> None:
        """axe in this document and in every frame below it, so that axe.run checks frames too
        (it talks to the copies in frames by postMessage)."""
        self.driver.execute_script(self._axe_setup())
        if depth >= FRAME_DEPTH:
            return
        from selenium.common.exceptions import WebDriverException
        for frame in self.driver.find_elements("css selector", "iframe, frame"):
            try:
                self.driver.switch_to.frame(frame)
                self._inject(depth + 1)
            except WebDriverException:
                pass  # a frame that went away or cannot be entered: axe skips it after frameWaitTime
            finally:
                self.driver.switch_to.parent_frame()

    def _screenshot(self) -> bytes:
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot",
                                           {"format": "png", "captureBeyondViewport": True})
        return base64.b64decode(shot["data"])

    def kill(self) -> None:
        """End the driver and its browsers: politely when they answer, by process group if not.
        A remote browser can only be ended by ending its session (the Grid then frees its slot)."""
        if self.options.remote:
            self._quit()
            return
        process = getattr(self.service, "process", None)
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _quit(self) -> None:
        driver, self.driver = getattr(self, "driver", None), None
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass

    def close(self) -> None:
        self._quit()
        self.kill()


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0][:300] if (text or "").strip() else "?"


def block_selectors(doc: Document) -> list[str | None]:
    dom = index(doc) if doc.tree is not None else None
    return [dom.selector(b.element) if dom and b.element is not None else None for b in doc.blocks]


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
        self._grid: bool | None = None  # whether the remote WebDriver is a Selenium Grid (it has a queue)
        self._watcher: threading.Thread | None = None  # ends idle Grid sessions others wait for
        self._stop_watching = threading.Event()

    # ---- availability --------------------------------------------------------------------

    def unavailable(self) -> str | None:
        with self._lock:
            if not self._checked:
                self._checked = True
                self._reason = self._why_unavailable()
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
        """Keep the browser for the next document. On a Grid, an idle session whose slot others
        wait for (a node died, fewer slots than --jobs) is ended, now and while it stays idle, so that
        the workers take turns instead of one waiting for a slot that another keeps."""
        self._idle.put(browser)
        if self.options.remote and self._grid is not False:
            self._share_slot()
            if self._grid and self._watcher is None:
                self._stop_watching = threading.Event()
                self._watcher = threading.Thread(target=self._watch_grid, args=(self._stop_watching,),
                                                 daemon=True, name="inclusicheck-grid-share")
                self._watcher.start()

    def _share_slot(self) -> None:
        waiting = grid_queue_waiting(self.options.remote)
        if self._grid is None:  # the first answer tells whether it is a Grid (later ones may fail)
            self._grid = waiting is not None
        if not waiting:
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
                                   reason=_first_line(str(exc))) from None
            raise BrowserError("browser.start_failed", reason=_first_line(str(exc)), install=INSTALL_HINT) from None

    def _start(self) -> Browser:
        browser = Browser(self.options, self._axe_source)
        self._live.add(browser)
        return browser

    def _start_failed(self, exc: Exception) -> str:
        reason = _first_line(str(exc))
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


class PageServer:
    """Local pages over HTTP on 127.0.0.1, for a remote WebDriver on this machine (it cannot open
    file:// URLs of ours when it runs as another user or in a sandbox). Each folder is served under a
    random token, so nothing else on the disk is reachable; relative links work inside that folder
    (the current directory when the page is under it, so that `../style.css` of a site loads too)."""

    def __init__(self):
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
        roots: dict[str, str] = {}
        self._tokens: dict[Path, str] = {}
        self._roots = roots

        class Handler(SimpleHTTPRequestHandler):
            def translate_path(self, path):
                token, _, rest = urllib.parse.urlsplit(path).path.lstrip("/").partition("/")
                self.directory = roots.get(token, os.devnull)  # unknown token: nothing found
                return super().translate_path("/" + rest)

            def list_directory(self, path):
                self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True, name="inclusicheck-pages").start()

    def url(self, path: Path) -> str:
        cwd = Path.cwd()
        root = cwd if path.is_relative_to(cwd) and cwd != Path(cwd.anchor) else path.parent
        token = self._tokens.get(root)
        if token is None:
            token = self._tokens[root] = secrets.token_urlsafe(16)
            self._roots[token] = str(root)
        relative = urllib.parse.quote(path.relative_to(root).as_posix())
        return f"http://127.0.0.1:{self.server.server_address[1]}/{token}/{relative}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
