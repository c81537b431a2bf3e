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
