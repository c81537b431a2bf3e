"""HTML -> PDF with headless Chromium's own print engine (no extra dependency)."""
from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from ..extras import missing_reason
from ..i18n import t
from .browser_options import CHROMIUM_FLAGS, INSTALL_HINT, which


class PdfUnavailable(Exception):
    pass


def html_to_pdf(page: str, lang: str = "fr") -> bytes:
    missing = missing_reason("browser", lang)
    if missing:  # a base install: selenium comes with the browser extra
        raise PdfUnavailable(missing)
    chromium, driver_path = which("chromium", "chromium-browser"), which("chromedriver")
    if not chromium or not driver_path:
        raise PdfUnavailable(t("browser.missing", lang, install=INSTALL_HINT))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.print_page_options import PrintOptions
    with tempfile.TemporaryDirectory() as tmp:
        options = webdriver.ChromeOptions()
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={tmp}/profile")
        options.binary_location = chromium
        source = Path(tmp) / "audit.html"
        source.write_text(page, encoding="utf-8")
        driver = webdriver.Chrome(options=options, service=Service(driver_path))
        try:
            driver.get(source.as_uri())
            print_options = PrintOptions()
            print_options.orientation = "landscape"
            return base64.b64decode(driver.print_page(print_options))
        finally:
            driver.quit()
