"""The axe rules as data: one rule file per axe-core rule that runs by default, and the RGAA 4.1.2
mapping table (rules/wcag/data/rgaa-mapping.yml) covering every axe rule with a WCAG A/AA tag."""
import json
import re

import pytest
import yaml

from inclusicheck.packs import load_registry
from inclusicheck.packs.registry import BUILTIN_RULES

from .conftest import HAS_BROWSER

TABLE = yaml.safe_load((BUILTIN_RULES / "wcag" / "data" / "rgaa-mapping.yml").read_text(encoding="utf-8"))
REGISTRY = load_registry()
AXE_RULES = {r.id.split(".", 1)[1]: r for r in REGISTRY.rules.values() if r.check_name == "wcag.axe.results"}
A_AA = re.compile(r"^wcag2(1|2)?a{1,2}$")
WCAG_SC = re.compile(r"^wcag(\d)(\d)(\d+)$")


@pytest.fixture(scope="module")
def bundled_axe_rules():
    """axe.getRules() of the axe-core we inject, read in real Chromium."""
    if not HAS_BROWSER:
        pytest.skip("Chromium/ChromeDriver not installed (apt-get install chromium chromium-driver)")
    from inclusicheck.config import load_config
    from inclusicheck.engines.browser_options import BrowserOptions
    from inclusicheck.engines.browser_session import Browser
    options = BrowserOptions.from_config(load_config(cwd=BUILTIN_RULES))
    browser = Browser(options, options.axe_script.read_text(encoding="utf-8"))
    try:
        browser.driver.get("about:blank")
        browser.driver.execute_script(options.axe_script.read_text(encoding="utf-8"))
        return browser.driver.execute_script("return axe.getRules()")
    finally:
        browser.close()


def runs_by_default(rule: dict) -> bool:
    tags = set(rule["tags"])
    return any(A_AA.match(t) for t in tags) and not tags & {"experimental", "deprecated"}


def test_table_covers_every_wcag_a_aa_axe_rule(bundled_axe_rules):
    default = {r["ruleId"] for r in bundled_axe_rules if runs_by_default(r)}
    assert len(default) > 50  # the 4.10.2 bundle has 62: a broken getRules would make this vacuous
    assert default - set(TABLE) == set()
    assert default - set(AXE_RULES) == set()  # each has a rule file with French texts


def test_rule_files_agree_with_axe_metadata(bundled_axe_rules):
    for meta in bundled_axe_rules:
        rule = AXE_RULES.get(meta["ruleId"])
        if rule is None:
            continue
        sc = [".".join(WCAG_SC.match(t).groups()) for t in meta["tags"] if WCAG_SC.match(t)]
        assert rule.references["wcag"] == sc, rule.id
        extra = TABLE.get(meta["ruleId"], {}).get("act_extra", [])  # ACT rules axe implements without listing them
        assert rule.references["act"] == (meta["actIds"] or []) + extra, rule.id
        assert ("best-practice" in rule.tags) == ("best-practice" in meta["tags"] and not runs_by_default(meta))


def test_rule_files_and_table_agree():
    assert set(AXE_RULES) == set(TABLE)
    for axe_id, rule in AXE_RULES.items():
        assert rule.references["rgaa"] == TABLE[axe_id]["rgaa"], rule.id
        assert rule.references["wcag"] == TABLE[axe_id]["wcag"], rule.id
        level = "bp" if "best-practice" in rule.tags else "aaa" if "wcag-aaa" in rule.tags else "aa"
        assert TABLE[axe_id]["level"] == level, rule.id
        if not TABLE[axe_id]["rgaa"]:
            assert TABLE[axe_id].get("note"), f"{axe_id}: an empty RGAA list needs a note saying why"


def test_table_names_real_rgaa_tests(shared):
    criteria = json.loads((shared / "reference" / "rgaa" / "criteres.json").read_text(encoding="utf-8"))
    tests = {f"{topic['number']}.{c['criterium']['number']}.{n}"
             for topic in criteria["topics"] for c in topic["criteria"] for n in c["criterium"]["tests"]}
    assert len(tests) == 258
    for axe_id, entry in TABLE.items():
        assert set(entry["rgaa"]) <= tests, (axe_id, set(entry["rgaa"]) - tests)


def test_every_axe_rule_has_a_french_message_of_its_own():
    english = {r.messages["default"]["en"] for r in AXE_RULES.values()}
    for rule in AXE_RULES.values():
        fr = rule.messages["default"]["fr"]
        assert fr not in english and rule.title["fr"] != rule.title["en"], rule.id


def test_contrast_reasons_come_from_the_catalogue_with_a_fallback_for_new_axe_keys():
    from inclusicheck.checks.wcag.axe import not_measured_reason, undecided_reason
    assert undecided_reason("bgImage", "fr") == "le fond est une image"
    assert undecided_reason("bgImage", "en") == "the background is an image"
    assert undecided_reason("someKeyAxeAddsLater", "en") == undecided_reason(None, "en") == (
        "axe-core could not compute the contrast")
    assert not_measured_reason("budget", "fr") == "limite de textes mesurés par page atteinte"
    assert not_measured_reason("unheard-of", "en") == "the measurement failed"
