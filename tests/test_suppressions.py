from inclusicheck.api import Checker
from inclusicheck.config import load_config

from .conftest import ROOT, wrap

LINK = '<p><a href="/x">cliquez ici</a></p>'


def findings(body):
    with Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.link-text", "gender.obsolete-terms",
                                                         "inclusicheck.unused-suppression"]) as checker:
        return [(f.rule, f.location.line) for f in checker.check_html(wrap(body)).findings]


def test_range_covers_until_enable():
    body = f"<!-- inclusicheck-disable wcag.link-text -->{LINK}{LINK}<!-- inclusicheck-enable wcag.link-text -->{LINK}"
    assert [r for r, _ in findings(body)] == ["wcag.link-text"]


def test_range_with_glob_and_no_enable_covers_the_rest():
    body = f"{LINK}<!-- inclusicheck-disable wcag.* --><p>Mademoiselle</p>{LINK}"
    assert sorted(r for r, _ in findings(body)) == ["gender.obsolete-terms", "wcag.link-text"]


def test_disable_next_covers_only_the_next_element():
    body = f"<!-- inclusicheck-disable-next wcag.link-text -->{LINK}{LINK}"
    assert [r for r, _ in findings(body)] == ["wcag.link-text"]


def test_attribute_covers_the_subtree():
    body = f'<div data-inclusicheck-ignore="gender.obsolete-terms wcag.link-text"><p>Mlle</p>{LINK}</div><p>Mlle</p>'
    assert [r for r, _ in findings(body)] == ["gender.obsolete-terms"]


def test_unused_and_unknown_directives_are_reported_as_info():
    body = ("<!-- inclusicheck-disable-next wcag.link-text --><p>Rien à signaler.</p>"
            "<!-- inclusicheck-disable-next wcag.nope --><p>Bonjour.</p>")
    with Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.link-text", "inclusicheck.unused-suppression"],
                 lang="en") as checker:
        result = checker.check_html(wrap(body))
    messages = sorted(f.message for f in result.findings)
    assert all(f.rule == "inclusicheck.unused-suppression" and f.severity.value == "info" for f in result.findings)
    assert messages == ["The directive for “wcag.link-text” covers no finding: remove it.",
                        "The directive names “wcag.nope”, which matches no rule."]
