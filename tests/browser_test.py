"""The browser engine and the axe rules, in real headless Chromium: timeouts, frames, crash
recovery, parallel runs, reports without a browser."""
import json
import os
import signal
import threading
from pathlib import Path

import pytest

from inclusicheck.api import Checker
from inclusicheck.cli import ExitCode
from inclusicheck.config import load_config
from inclusicheck.document.dom import build_document
from inclusicheck.model import Outcome, Severity

from .conftest import HAS_BROWSER, wrap
from .helpers import run_cli

needs_browser = pytest.mark.skipif(not HAS_BROWSER, reason="Chromium/ChromeDriver not installed "
                                   "(apt-get install chromium chromium-driver)")
ENDLESS = wrap("<p>Avant</p><script>while (true) {}</script><p>Après</p>")
MISSING_ALT = wrap('<p>Logo</p><img src="logo.png">')


def config_in(tmp_path, settings: str = "", top: str = ""):
    (tmp_path / "inclusicheck.toml").write_text(f"{top}\n[wcag]\n{settings}\n", encoding="utf-8")
    return load_config(cwd=tmp_path)


@pytest.fixture
def fast_checker(tmp_path):
    config = config_in(tmp_path, "page_load_timeout = 3\nscript_timeout = 3")
    with Checker(config, rules=["wcag.image-alt", "wcag.frame-title"]) as checker:
        yield checker


def browser_of(checker):
    return checker.engines.get("browser")


@needs_browser
def test_endless_script_times_out_and_next_page_is_checked(fast_checker):
    hung = fast_checker.check_html(ENDLESS, uri="endless.html")
    assert hung.status == "error"
    assert "délai" in hung.error.lower() or "temps" in hung.error.lower(), hung.error
    assert hung.error.count("navigateur") == 1  # said once, not once per axe rule
    after = fast_checker.check_html(MISSING_ALT, uri="after.html")
    assert after.status == "checked", after.error
    assert [f.rule for f in after.findings] == ["wcag.image-alt"]


@needs_browser
def test_iframe_content_is_checked(tmp_path, fast_checker):
    (tmp_path / "inner.html").write_text(wrap('<img src="plan.png">'), encoding="utf-8")
    outer = tmp_path / "outer.html"
    outer.write_text(wrap('<h1>Plan</h1><iframe src="inner.html" title="Plan du bourg"></iframe>'), encoding="utf-8")
    result = fast_checker.check_html(outer.read_text(encoding="utf-8"), uri=str(outer), path=str(outer))
    assert result.status == "checked", result.error
    found = [f for f in result.findings if f.rule == "wcag.image-alt"]
    assert len(found) == 1
    assert found[0].location.selector == "iframe >>> img"  # axe's selector through the frame
    assert found[0].location.line is None  # not an element of the outer page's source


@needs_browser
def test_driver_killed_between_pages_is_replaced(fast_checker):
    assert fast_checker.check_html(MISSING_ALT).status == "checked"
    engine = browser_of(fast_checker)
    browser = engine._idle.queue[-1]
    os.killpg(browser.service.process.pid, signal.SIGKILL)
    browser.service.process.wait(timeout=10)
    result = fast_checker.check_html(MISSING_ALT)
    assert result.status == "checked", result.error
    assert [f.rule for f in result.findings] == ["wcag.image-alt"]


@needs_browser
def test_driver_killed_during_a_page_gives_an_error_then_recovers(fast_checker):
    assert fast_checker.check_html(MISSING_ALT).status == "checked"
    engine = browser_of(fast_checker)
    browser = engine._idle.queue[-1]
    slow = wrap("<p>Lent</p><script>const end = Date.now() + 2500; while (Date.now() < end) {}</script>")
    killer = threading.Timer(1.0, os.killpg, (browser.service.process.pid, signal.SIGKILL))
    killer.start()
    try:
        crashed = fast_checker.check_html(slow, uri="slow.html")
    finally:
        killer.join()
    assert crashed.status == "error"
    assert crashed.error.count("navigateur") == 1, crashed.error
    after = fast_checker.check_html(MISSING_ALT)
    assert after.status == "checked", after.error
    assert len(after.findings) == 1


@needs_browser
def test_violation_maps_to_source_element_and_references(fast_checker):
    html = wrap('<p>Logo</p>\n<img src="logo.png">')
    result = fast_checker.check_html(html)
    finding = result.findings[0]
    assert finding.location.line == 2
    assert finding.snippet == '<img src="logo.png">'
    assert finding.references["wcag"] == ["1.1.1"]
    assert finding.references["rgaa"] == ["1.1.1"]
    assert "23a2a8" in finding.references["act"]
    assert finding.severity is Severity.ERROR and finding.outcome is Outcome.FAIL


@needs_browser
def test_inline_suppression_applies_to_axe_findings(fast_checker):
    html = wrap('<!-- inclusicheck-disable-next wcag.image-alt -->\n<img src="logo.png"><img src="b.png">')
    result = fast_checker.check_html(html)
    assert [f.snippet for f in result.findings] == ['<img src="b.png">']


@needs_browser
def test_incomplete_is_review_and_never_an_error(tmp_path):
    page = tmp_path / "review.html"
    # text over a gradient: axe cannot compute the contrast, and the measured background varies
    # from passing (black) to failing (grey): a person must look
    page.write_text(wrap('<p style="color:#777;background:linear-gradient(90deg,#000,#fff)">Horaires de la mairie</p>'),
                    encoding="utf-8")
    code, report = cli([str(page), "--rule", "wcag.color-contrast", "--format", "json", "--fail-on", "error"])
    findings = report["documents"][0]["findings"]
    assert findings, "axe should ask for a review of this contrast"
    assert {f["outcome"] for f in findings} == {"review"}
    assert {f["severity"] for f in findings} <= {"warning", "info"}
    assert code == ExitCode.OK


@needs_browser
def test_block_styles_are_aligned_with_blocks(fast_checker):
    html = wrap('<h1 style="font-size:32px">Mairie</h1><p style="text-align:justify;font-style:italic">Texte</p>'
                '<table><tr><td>Lundi</td></tr></table>')
    doc = build_document("styles.html", html)
    rendered = browser_of(fast_checker).analyse(doc)
    assert len(rendered.block_styles) == len(doc.blocks)
    by_text = {b.text: s for b, s in zip(doc.blocks, rendered.block_styles)}
    assert by_text["Mairie"]["font-size"] == 32.0
    assert by_text["Texte"]["text-align"] == "justify" and by_text["Texte"]["font-style"] == "italic"
    assert by_text["Lundi"] is not None  # found although the browser inserted <tbody>
    assert by_text["Mairie"]["box"]["width"] > 0
    assert rendered.screenshot() is None  # off unless the `screenshots` setting is on


@needs_browser
def test_screenshot_when_asked(tmp_path):
    config = config_in(tmp_path, "screenshots = true")
    with Checker(config, rules=["wcag.image-alt"]) as checker:
        rendered = checker.engines.get("browser").analyse(build_document("s.html", MISSING_ALT))
    assert rendered.screenshot()[:8] == b"\x89PNG\r\n\x1a\n"


def cli(args, stdin: str = ""):
    """Exit code and the parsed JSON report (or the raw output) of `inclusicheck check`."""
    code, out, _ = run_cli("check", "--quiet", "--no-cache", *args, stdin=stdin.encode())
    return code, (json.loads(out) if out.strip().startswith("{") else out)


@needs_browser
def test_json_report_names_axe_core_version(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(MISSING_ALT, encoding="utf-8")
    code, report = cli([str(page), "--pack", "wcag", "--format", "json"])
    assert report["tool"]["engines"]["axe-core"] == "4.10.2"
    assert code == ExitCode.FINDINGS
    assert "wcag.image-alt" in {f["rule"] for f in report["documents"][0]["findings"]}


@needs_browser
def test_stdin_is_rendered_too():
    code, report = cli(["-", "--rule", "wcag.image-alt", "--format", "json"], stdin=MISSING_ALT)
    assert [f["rule"] for f in report["documents"][0]["findings"]] == ["wcag.image-alt"]


@needs_browser
def test_jobs_two_gives_the_same_results_in_input_order(tmp_path):
    pages = []
    for i in range(5):
        page = tmp_path / f"p{i}.html"
        page.write_text(wrap("<p>ok</p>" + '<img src="x.png">' * i), encoding="utf-8")
        pages.append(str(page))
    _, one = cli([*pages, "--pack", "wcag", "--format", "json"])
    _, two = cli([*pages, "--pack", "wcag", "--format", "json", "--jobs", "2"])
    assert [d["uri"] for d in two["documents"]] == pages
    # identical images are one finding with an occurrence each (findings.grouping.merge_elements): count those
    count = lambda report: [sum(f["count"] for f in d["findings"] if f["rule"] == "wcag.image-alt")  # noqa: E731
                            for d in report["documents"]]
    assert count(one) == count(two) == [0, 1, 2, 3, 4]


def test_no_browser_reports_axe_rules_skipped_once(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(wrap('<p>Bonjour</p>'), encoding="utf-8")
    code, report = cli([str(page), "--pack", "wcag", "--format", "json", "--no-browser"])
    assert code == ExitCode.OK
    skipped = [s for s in report["skipped"] if "wcag.image-alt" in s["rules"]]
    assert len(skipped) == 1
    assert "wcag.color-contrast" in skipped[0]["rules"]
    assert "axe-core" not in report["tool"]["engines"]
    assert report["documents"][0]["status"] == "checked"


def test_missing_chromium_is_a_skip_with_install_hint(tmp_path):
    config = config_in(tmp_path, 'chromium = "/nonexistent/chromium"')
    checker = Checker(config, packs=["wcag"])
    skipped = [s for s in checker.plan.skipped if "wcag.image-alt" in s.rules]
    assert skipped and "apt-get install chromium chromium-driver" in skipped[0].reason
    result = checker.check_html(wrap("<p>Bonjour</p>"))
    assert result.status == "checked"  # the static rules still ran
    checker.close()


@pytest.mark.parametrize("setting", ["page_load_timeout = -1", "script_timeout = 0", 'axe_script = 3'])
def test_bad_browser_settings_are_config_errors(tmp_path, setting):
    (tmp_path / "inclusicheck.toml").write_text(f"[wcag]\n{setting}\n", encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text(wrap("<p>Bonjour</p>"), encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        code, _ = cli([str(page), "--pack", "wcag"])
    finally:
        os.chdir(cwd)
    assert code == ExitCode.USAGE


@needs_browser
def test_other_axe_script_is_used(tmp_path):
    from inclusicheck.engines.browser_options import bundled_axe
    script = tmp_path / "axe.min.js"
    script.write_text(bundled_axe().read_text(encoding="utf-8").replace("4.10.2", "4.10.99"), encoding="utf-8")
    config = config_in(tmp_path, f'axe_script = "{script}"')
    with Checker(config, rules=["wcag.image-alt"]) as checker:
        assert checker.check_html(MISSING_ALT).findings
        assert checker.engines.versions()["axe-core"] == "4.10.99"


@needs_browser
def test_contrast_message_gives_the_measured_ratio(tmp_path):
    config = config_in(tmp_path)
    with Checker(config, rules=["wcag.color-contrast"]) as checker:
        result = checker.check_html(wrap('<p style="color:#aaaaaa;background:#ffffff">Horaires</p>'))
    [finding] = result.findings
    assert finding.message == ("Contraste insuffisant : 2,32:1 entre le texte (#aaaaaa) et son fond (#ffffff), "
                               "minimum 4,5:1.")


@needs_browser
def test_contrast_of_an_icon_letter_is_left_to_review(tmp_path):
    config = config_in(tmp_path)
    html = wrap('<button style="color:#666;background:#000" aria-label="Fermer">X</button>'
                '<p style="color:#000;background:#666">Horaires de la mairie</p>')
    with Checker(config, rules=["wcag.color-contrast"]) as checker:
        result = checker.check_html(html)
    outcomes = sorted((f.snippet[:2], f.outcome.value) for f in result.findings)
    assert outcomes == [("<b", "review"), ("<p", "fail")]


# two 10 × 10 px buttons side by side: too small whatever the stylesheet says (inline style)
SMALL_TARGETS = ('<p><button style="width:10px;height:10px;padding:0;border:0">a</button>'
                 '<button style="width:10px;height:10px;padding:0;border:0">b</button></p>')


def page_with_sheet(tmp_path, href: str) -> Path:
    (tmp_path / "site.css").write_text("p { color: #222 }", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(wrap(f'<link rel="stylesheet" href="{href}">\n{SMALL_TARGETS}'), encoding="utf-8")
    return page


@pytest.fixture
def styles_checker(tmp_path):
    config = config_in(tmp_path, "page_load_timeout = 10\nscript_timeout = 10")
    with Checker(config, rules=["wcag.target-size", "wcag.styles-not-loaded"]) as checker:
        yield checker


def check_page(checker, page: Path):
    return checker.check_html(page.read_text(encoding="utf-8"), uri=str(page), path=str(page))


@needs_browser
@pytest.mark.parametrize("href", ["http://127.0.0.1:9/x.css", "missing.css"])  # refused; not on disk
def test_stylesheet_not_loaded_is_said_and_layout_findings_become_review(tmp_path, styles_checker, href):
    result = check_page(styles_checker, page_with_sheet(tmp_path, href))
    by_rule = {f.rule: f for f in result.findings}
    notice = by_rule["wcag.styles-not-loaded"]
    assert notice.outcome is Outcome.REVIEW and notice.severity is Severity.WARNING
    assert ("x.css" if href.startswith("http") else "missing.css") in notice.message
    assert result.metrics["styles.failed"] == 1
    targets = [f for f in result.findings if f.rule == "wcag.target-size"]
    assert targets  # still found, but not posing as established
    for target in targets:
        assert target.outcome is Outcome.REVIEW and target.severity is Severity.WARNING
        assert target.message.endswith("(feuille de style non chargée : résultat à vérifier)")


@needs_browser
def test_stylesheet_loaded_gives_no_notice_and_target_size_stays_a_fail(tmp_path, styles_checker):
    result = check_page(styles_checker, page_with_sheet(tmp_path, "site.css"))
    assert result.findings and {f.rule for f in result.findings} == {"wcag.target-size"}
    for target in result.findings:
        assert target.outcome is Outcome.FAIL and target.severity is Severity.ERROR
        assert "feuille de style" not in target.message
    assert result.metrics["styles.failed"] == 0


@needs_browser
@pytest.mark.parametrize("href, outcome", [("missing.css", Outcome.REVIEW), ("site.css", Outcome.FAIL)])
def test_falc_typography_read_without_the_stylesheet_is_review(tmp_path, href, outcome):
    config = config_in(tmp_path, "page_load_timeout = 10", top='[falc]\ndocuments = ["*"]')
    (tmp_path / "site.css").write_text("p { color: #222 }", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(wrap(f'<link rel="stylesheet" href="{href}">\n<p style="font-family: Georgia">'
                         'La mairie est ouverte le lundi.</p>'), encoding="utf-8")
    with Checker(config, rules=["falc.serif-font"]) as checker:
        result = check_page(checker, page)
    assert [(f.rule, f.outcome) for f in result.findings] == [("falc.serif-font", outcome)]
    assert ("feuille de style non chargée" in result.findings[0].message) is (outcome is Outcome.REVIEW)
