"""One browser and one page load: a headless Chromium (local, or a session of a remote WebDriver)
that renders a page and gives what rendering-based rules need (`Rendered`): the axe-core results,
the computed style and box of every text block, the page facts, and optionally a screenshot."""
from __future__ import annotations

import base64
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from typing import Any

from ..document.dom import index
from ..model import Document
from .axe_run import axe_setup, run_axe
from .browser_options import BrowserError, BrowserOptions, chrome_options, command_timeout, first_line
from .contrast import measure as measure_contrast
from .pagefacts import collect as page_facts
from .remote_webdriver import remote_session

STYLE_KEYS = ("font-family", "font-style", "font-weight", "text-align", "text-transform",
              "text-decoration-line", "hyphens", "color", "background-color", "line-height", "display",
              "visibility")

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


class Browser:
    """One headless Chromium: local, with its ChromeDriver in a process group of their own so that a
    hung browser can be killed without touching anything else; or a session of a remote WebDriver."""

    def __init__(self, options: BrowserOptions, axe_source: str):
        self.options, self.axe_source = options, axe_source
        self.service = None
        self.profile = None if options.remote else tempfile.mkdtemp(prefix="inclusicheck-chromium-")
        try:
            self.driver = self._start(chrome_options(options, self.profile))
        except Exception:
            self.kill()
            raise

    def _start(self, chrome):
        from selenium import webdriver
        if self.options.remote:
            from selenium.webdriver.remote.client_config import ClientConfig
            # the timeout also bounds the session request (a full Grid queues it)
            client = ClientConfig(remote_server_addr=self.options.remote, timeout=command_timeout(self.options))
            return remote_session(lambda: self._set_up(webdriver.Remote(
                command_executor=self.options.remote, options=chrome, client_config=client)),
                command_timeout(self.options))
        from selenium.webdriver.chrome.service import Service
        self.service = Service(self.options.chromedriver, popen_kw={"start_new_session": True})
        return self._set_up(webdriver.Chrome(options=chrome, service=self.service))

    def _set_up(self, driver):
        """axe in every new document, frames included, compiled once per browser (sending 500 kB of
        script to each page costs more than checking it); the page's stylesheet errors; the timeouts.
        A remote session whose set-up fails is ended here, before remote_session tries again (its
        node may have died just after creating it); a local browser is killed by __init__."""
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe_setup(self.axe_source)})
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STYLE_ERRORS_WATCH_JS})
            driver.set_page_load_timeout(self.options.page_load_timeout)
            driver.set_script_timeout(self.options.script_timeout)
            driver.command_executor._client_config.timeout = command_timeout(self.options)
        except Exception:
            if self.options.remote:
                quit_quietly(driver)
            raise
        return driver

    def render(self, doc: Document, url: str, rule_ids: list[str]) -> Rendered:
        from selenium.common.exceptions import TimeoutException, WebDriverException
        try:
            self._load(url)
            failed_styles = self.driver.execute_script(FAILED_STYLES_JS) or []
            styles = self.driver.execute_script(BLOCK_STYLES_JS, block_selectors(doc), list(STYLE_KEYS))
            axe = (run_axe(self.driver, self.axe_source, rule_ids, self.options.script_timeout) if rule_ids
                   else {"violations": [], "incomplete": []})
            facts = page_facts(self.driver)
            png = self._screenshot() if self.options.screenshots else None
            contrast = measure_contrast(self.driver, axe)  # last: it scrolls and restyles the page
        except TimeoutException:
            raise BrowserError("browser.timeout", load=self.options.page_load_timeout,
                               script=self.options.script_timeout) from None
        except BrowserError:
            raise
        except WebDriverException as exc:
            raise BrowserError("browser.crashed", reason=first_line(exc.msg or str(exc))) from None
        except Exception as exc:  # the driver went away (connection refused, HTTP timeout...)
            raise BrowserError("browser.crashed", reason=first_line(f"{type(exc).__name__}: {exc}")) from None
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
            quit_quietly(driver)

    def close(self) -> None:
        self._quit()
        self.kill()


def quit_quietly(driver) -> None:
    """End the session; one that cannot be ended (its browser or node is gone) is left as it is."""
    try:
        driver.quit()
    except Exception:
        pass


def block_selectors(doc: Document) -> list[str | None]:
    dom = index(doc) if doc.tree is not None else None
    return [dom.selector(b.element) if dom and b.element is not None else None for b in doc.blocks]
