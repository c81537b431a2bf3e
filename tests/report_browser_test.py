"""The HTML report in real headless Chromium: hostile page content never runs or loads anything,
the report loads, markers and findings link both ways, filters work; plus a screenshot.

Set INCLUSICHECK_UPDATE_SCREENSHOT=1 to also write docs/img/report.png (the README's picture)."""
import http.server
import os
import shutil
import struct
import tempfile
import threading
import time
from pathlib import Path

import pytest

from inclusicheck.engines.browser_options import CHROMIUM_FLAGS

from inclusicheck.cli import main

from .conftest import HAS_BROWSER, ROOT

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not HAS_BROWSER, reason="needs chromium and chromedriver")]

SHOWCASE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>Élections municipales – Mairie de Plouzané</title>
<style>body{font-family:Georgia,serif;margin:24px;max-width:720px} h1{color:#00509e}
.bandeau{background:#00509e;color:#fff;padding:8px 16px}</style></head>
<body>
<p class="bandeau">Mairie de Plouzané – Kêr Plouzane</p>
<h1>Élections municipales des 15 et 22 mars</h1>
<p>Pour voter, il faut être inscrit sur les listes électorales. Pour vous inscrire, <a href="/inscription">cliquez ici</a>.</p>
<h2>Procurations</h2>
<p>Mademoiselle Le Gall, chef de famille, peut donner procuration. <a href="/procuration">Lire la suite</a></p>
<h2>Bureaux de vote</h2>
<p>Les bureaux sont ouverts de 8 h à 18 h. <a href="/bureaux">Lire la suite</a></p>
</body></html>
"""


class Recorder(http.server.BaseHTTPRequestHandler):
    """Any request reaching this server means the report loaded something from the network."""
    requests: list = []

    def do_GET(self):  # noqa: N802
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.end_headers()
        self.wfile.write(b"window.pwned = 'loaded';")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp()
    options = webdriver.ChromeOptions()
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    chrome = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    yield chrome
    chrome.quit()
    shutil.rmtree(profile, ignore_errors=True)


def make_report(folder: Path, html: str, lang: str = "fr") -> Path:
    (folder / "page.html").write_text(html, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        main(["check", "page.html", "--no-browser", "-q", "--format", "json", "-o", "out.json",
              "--report", "html:report.html", "--lang", lang])
    finally:
        os.chdir(cwd)
    return folder / "report.html"


def open_report(driver, path: Path):
    driver.switch_to.default_content()
    driver.get(path.as_uri())
    time.sleep(0.8)  # the frames load their srcdoc and receive the filter state


def hostile_page(server: str) -> str:
    return f"""<!doctype html><html><head><title>Piège</title>
<script src="{server}/external.js"></script>
<script>window.pwned = 'inline'; new Image().src = '{server}/inline';</script>
<link rel="stylesheet" href="{server}/style.css">
<meta http-equiv="refresh" content="0;url={server}/refresh">
<style>body {{ background: url({server}/bg.png) }}</style><script>new Image().src='{server}/after-style';</script>
</head><body onload="new Image().src='{server}/onload'">
<p title='"><script>new Image().src="{server}/attr"</script>'>Mademoiselle Dupont</p>
<p><a id="js" href="javascript:new Image().src='{server}/js-url'">cliquez ici</a></p>
<img src="{server}/img.png" onerror="new Image().src='{server}/onerror'" alt="x">
<svg><style><img src=x onerror="new Image().src='{server}/svg-style'"></style></svg>
<noscript><p title="</noscript><img src=x onerror=new Image().src='{server}/noscript'>"></p></noscript>
<iframe src="{server}/frame"></iframe><object data="{server}/object"></object>
<div style="background:url({server}/inline-style)">Texte</div>
</body></html>"""


def test_hostile_page_content_never_runs_or_loads(driver, server, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    Recorder.requests.clear()
    report = make_report(tmp_path, hostile_page(server))
    text = report.read_text()
    assert "Content-Security-Policy" in text
    open_report(driver, report)
    time.sleep(0.7)
    assert driver.execute_script("return window.pwned === undefined")
    frame = driver.find_element("css selector", "iframe.preview")
    driver.switch_to.frame(frame)
    assert driver.execute_script("return window.pwned === undefined")
    for link in driver.find_elements("css selector", "a"):
        try:
            link.click()
        except Exception:  # noqa: BLE001 - covered or not clickable: clicking is only a bonus here
            pass
    time.sleep(0.5)
    assert driver.execute_script("return window.pwned === undefined")
    driver.switch_to.default_content()
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 (reading it raises when there is no alert)
    assert Recorder.requests == []
    # the hostile markup is shown, as text
    snippets = " ".join(p.get_attribute("textContent") for p in driver.find_elements("css selector", "pre.snippet"))
    assert "href=\"javascript:new" in snippets


def test_report_loads_markers_and_findings_link_both_ways(driver, tmp_path):
    report = make_report(tmp_path, SHOWCASE)
    open_report(driver, report)
    items = driver.find_elements("css selector", "li.finding")
    assert len(items) >= 5
    assert driver.find_element("css selector", "h1").text == "Rapport inclusicheck"
    frame = driver.find_element("css selector", "iframe.preview")
    driver.switch_to.frame(frame)
    markers = driver.find_elements("css selector", ".ic-marker")
    assert len(markers) == len(items)
    target = markers[2]
    expected = target.get_attribute("data-finding")
    target.click()
    driver.switch_to.default_content()
    time.sleep(0.4)
    current = driver.find_elements("css selector", "li.finding.current")
    assert [c.get_attribute("id") for c in current] == [expected]
    assert driver.execute_script("return location.hash") == "#" + expected
    assert driver.execute_script("return document.activeElement.id") == expected
    # and back: the number of a finding shows its marker in the page
    item = driver.find_element("id", expected)
    item.find_element("css selector", "button.num").click()
    time.sleep(0.4)
    driver.switch_to.frame(frame)
    assert driver.execute_script("return document.activeElement.dataset.finding") == expected
    driver.switch_to.default_content()


def test_filters_hide_findings_and_their_markers(driver, tmp_path):
    report = make_report(tmp_path, SHOWCASE, lang="en")
    open_report(driver, report)
    gender = driver.find_element("css selector", 'input[data-filter="pack"][value="gender"]')
    gender.click()
    time.sleep(0.3)
    items = driver.find_elements("css selector", "li.finding")
    hidden = {i.get_attribute("id") for i in items if not i.is_displayed()}
    expected = {i.get_attribute("id") for i in items if i.get_attribute("data-pack") == "gender"}
    assert hidden == expected and expected
    frame = driver.find_element("css selector", "iframe.preview")
    driver.switch_to.frame(frame)
    shown = {m.get_attribute("data-finding") for m in driver.find_elements("css selector", ".ic-marker")
             if m.is_displayed()}
    driver.switch_to.default_content()
    assert shown and not shown & expected
    driver.find_element("css selector", 'input[data-filter="severity"][value="error"]').click()
    time.sleep(0.3)
    errors = [i for i in items if i.get_attribute("data-severity") == "error"]
    assert errors and not any(i.is_displayed() for i in errors)
    gender.click()  # back on: gender findings show again
    time.sleep(0.3)
    assert all(i.is_displayed() for i in items if i.get_attribute("data-pack") == "gender")


def test_screenshot(driver, tmp_path):
    report = make_report(tmp_path, SHOWCASE)
    open_report(driver, report)
    driver.execute_script("document.getElementById('doc-1').scrollIntoView()")
    time.sleep(0.3)
    png = driver.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 1000 and height >= 700
    assert len(png) > 30_000  # a blank page compresses to a few kB
    (tmp_path / "report.png").write_bytes(png)
    if os.environ.get("INCLUSICHECK_UPDATE_SCREENSHOT"):
        target = ROOT / "docs" / "img" / "report.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)


def test_marker_of_a_far_document_shows_once_its_frame_loads(driver, tmp_path):
    """Preview frames load lazily: a click on a finding of the last document still shows its marker."""
    for name in ("a.html", "b.html", "c.html"):
        (tmp_path / name).write_text(SHOWCASE, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        main(["check", "a.html", "b.html", "c.html", "--no-browser", "-q", "--format", "html", "-o", "r.html"])
    finally:
        os.chdir(cwd)
    open_report(driver, tmp_path / "r.html")
    button = driver.find_element("css selector", "#doc-3 li.finding button.num")
    expected = button.find_element("xpath", "ancestor::li").get_attribute("id")
    driver.execute_script("arguments[0].click()", button)
    time.sleep(1.0)
    driver.switch_to.frame(driver.find_element("id", "frame-3"))
    assert driver.execute_script("return document.activeElement.dataset.finding") == expected
    driver.switch_to.default_content()


def test_marker_of_a_collapsed_finding_opens_its_list(driver, tmp_path):
    """A rule's findings past the first few are in a closed <details>: its marker still leads there."""
    from inclusicheck.reporters.html_document import SHOWN_OPEN
    # a class each: links of one kind would be one finding (findings.grouping.merge_elements)
    links = "".join(f'<p>Pour le dossier {n}, <a class="d{n}" href="/d{n}">cliquez ici</a>.</p>'
                    for n in range(SHOWN_OPEN + 3))
    report = make_report(tmp_path, f'<!doctype html><html lang="fr"><head><title>Dossiers</title></head><body>'
                                   f'<h1>Dossiers</h1>{links}</body></html>')
    open_report(driver, report)
    more = driver.find_element("css selector", "details.more")
    hidden = more.find_element("css selector", "li.finding")
    assert not hidden.is_displayed() and more.get_attribute("open") is None
    expected = hidden.get_attribute("id")
    driver.switch_to.frame(driver.find_element("css selector", "iframe.preview"))
    marker = driver.find_element("css selector", f'.ic-marker[data-finding="{expected}"]')
    driver.execute_script("arguments[0].click()", marker)
    driver.switch_to.default_content()
    time.sleep(0.4)
    assert more.get_attribute("open") is not None and hidden.is_displayed()
    assert driver.execute_script("return document.activeElement.id") == expected
