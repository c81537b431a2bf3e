"""Where two packs could report the same passage, exactly one does."""
from inclusicheck.api import Checker
from inclusicheck.config import load_config

from .conftest import ROOT, wrap

BRETON = ("<p>Degemer mat e ti-kêr. Digor eo ti-kêr eus al Lun d'ar Gwener, eus 8e30 betek 12e. "
          "Bloavezh mat d'an holl tud eus ar gumun.</p>")


def rules_found(rules):
    with Checker(load_config(cwd=ROOT / "tests"), rules=rules, browser=False) as checker:
        return sorted(f.rule for f in checker.check_html(wrap(BRETON)).findings)


def test_unmarked_breton_is_reported_once_by_the_regional_pack():
    assert rules_found(["wcag.lang-change", "regional.missing-lang"]) == ["regional.missing-lang"]


def test_without_the_regional_rule_wcag_still_reports_it():
    assert rules_found(["wcag.lang-change"]) == ["wcag.lang-change"]


def test_axe_twins_stay_silent_when_the_static_rule_runs():
    from .conftest import HAS_BROWSER
    import pytest
    if not HAS_BROWSER:
        pytest.skip("Chromium/ChromeDriver not installed")
    page = "<!doctype html><html><head></head><body><p>Bonjour.</p></body></html>"
    both = ["wcag.html-lang", "wcag.html-has-lang", "wcag.page-title", "wcag.document-title"]
    with Checker(load_config(cwd=ROOT / "tests"), rules=both) as checker:
        assert sorted(f.rule for f in checker.check_html(page).findings) == ["wcag.html-lang", "wcag.page-title"]
    with Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.html-has-lang", "wcag.document-title"]) as checker:
        assert sorted(f.rule for f in checker.check_html(page).findings) == ["wcag.document-title",
                                                                             "wcag.html-has-lang"]
