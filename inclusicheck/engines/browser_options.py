"""What every part of the browser engine shares: its settings (BrowserOptions, from the `wcag` pack
settings and `remote_webdriver`), the Chromium flags, and the error a page gets when it cannot be
rendered."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import EngineError

# Flags for a quiet, isolated headless Chromium (each browser also gets a fresh --user-data-dir).
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--no-first-run",
                  "--disable-sync", "--window-size=1280,1024", "--mute-audio", "--hide-scrollbars")
INSTALL_HINT = "apt-get install chromium chromium-driver"


class BrowserError(EngineError):
    """The browser could not render this page (timeout, crash): the page gets status error."""


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


def first_line(text: str) -> str:
    """The first line of an error, short enough for a message."""
    return (text or "").strip().splitlines()[0][:300] if (text or "").strip() else "?"
