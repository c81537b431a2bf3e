"""Hits of a rule on elements of one kind are one finding with occurrences (findings.grouping.merge_elements):
the same tag and class, the same message and parameters. Static wcag checks here; axe-core in
real Chromium at the end (target-size, measured contrasts)."""
import json

import jsonschema
import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.model import Outcome, RunResult
from inclusicheck.reporters.sarif import sarif_log
from inclusicheck.runner import tool_info

from .conftest import HAS_BROWSER, ROOT, wrap

SCHEMA = json.loads((ROOT / "inclusicheck" / "schemas" / "report-v1.json").read_text())
SARIF_SCHEMA = json.loads((ROOT / "inclusicheck" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def link(text="cliquez ici", cls="fr-link", href="/a"):
    return f'<p><a class="{cls}" href="{href}">{text}</a></p>'


@pytest.fixture(scope="module")
def checker():
    with Checker(load_config(cwd=ROOT / "tests"), browser=False,
                 rules=["wcag.link-text", "wcag.alt-filename"]) as checker:
        yield checker


def findings(checker, body, rule="wcag.link-text", uri="page.html"):
    return [f for f in checker.check_html(wrap(body), uri=uri).findings if f.rule == rule]


def test_identical_elements_are_one_finding_listing_each_element(checker):
    grouped, = findings(checker, "".join(link(href=f"/{n}") for n in range(4)))
    assert grouped.count == 4
    assert [o.location.selector for o in grouped.occurrences] == [
        f"html > body > p:nth-of-type({n}) > a" for n in range(1, 5)]
    assert all(o.location.line and o.text == "cliquez ici" and o.span is None for o in grouped.occurrences)
    assert grouped.message.endswith("(4 éléments semblables sur la page)")
    assert grouped.location == grouped.occurrences[0].location  # the first element leads
    assert grouped.snippet == '<a class="fr-link" href="/0">cliquez ici</a>'
    alone, = findings(checker, link(href="/0"))
    assert alone.count == 1 and alone.occurrences == [] and "semblables" not in alone.message


def test_identical_image_alts_group_and_other_alts_stay_apart(checker):
    body = "".join(f'<img class="card" src="{n}.jpg" alt="photo.jpg">' for n in range(5)) \
        + '<img class="card" src="x.jpg" alt="IMG_2.png">'
    grouped, other = findings(checker, body, "wcag.alt-filename")
    assert grouped.count == 5 and [o.text for o in grouped.occurrences][0] == '<img class="card" src="0.jpg" alt="photo.jpg">'
    assert other.count == 1 and "IMG_2.png" in other.message


def test_another_class_or_tag_stays_another_finding(checker):
    body = link(cls="fr-link") + link(cls="fr-link fr-link--sm") + link(cls="fr-link")
    first, second = findings(checker, body)
    assert first.count == 2 and second.count == 1
    # the order of the classes does not make another kind of element
    swapped, = findings(checker, link(cls="a b") + link(cls="b  a"))
    assert swapped.count == 2


def test_another_message_stays_another_finding(checker):
    first, second = findings(checker, link("cliquez ici") + link("lire la suite") + link("cliquez ici"))
    assert (first.count, second.count) == (2, 1) and "lire la suite" in second.message


def test_english_message(tmp_path):
    with Checker(load_config(cwd=ROOT / "tests"), browser=False, rules=["wcag.link-text"], lang="en") as checker:
        grouped, = findings(checker, link() + link())
    assert grouped.message.endswith("(2 similar elements on this page)")


def test_a_suppressed_element_leaves_the_group_only(checker):
    body = link(href="/1") + "<!-- inclusicheck-disable-next wcag.link-text -->" + link(href="/2") + link(href="/3")
    grouped, = findings(checker, body)
    assert grouped.count == 2
    assert [o.location.selector for o in grouped.occurrences] == [
        "html > body > p:nth-of-type(1) > a", "html > body > p:nth-of-type(3) > a"]


def test_fingerprint_is_the_first_elements_so_old_baselines_know_it(checker):
    alone, = findings(checker, link(href="/1"))
    grouped, = findings(checker, link(href="/1") + link(href="/2") + link(href="/3"))
    assert grouped.fingerprint == alone.fingerprint
    second_alone, = findings(checker, link(href="/2"))
    assert second_alone.fingerprint != alone.fingerprint  # the fingerprint does see the element


def test_json_report_carries_the_elements_and_validates(checker):
    doc = checker.check_html(wrap(link() + link() + link()), uri="page.html")
    report = RunResult(tool=tool_info(), documents=[doc]).to_dict()
    jsonschema.validate(report, SCHEMA)
    finding, = report["documents"][0]["findings"]
    assert finding["count"] == 3 and len(finding["occurrences"]) == 3
    assert finding["occurrences"][2]["location"]["selector"] == "html > body > p:nth-of-type(3) > a"
    assert finding["occurrences"][2]["span"] is None
    assert report["summary"]["findings"] == 1


def test_sarif_lists_the_other_elements_as_related_locations(checker):
    doc = checker.check_html(wrap(link() + "\n" + link() + "\n" + link()), uri="page.html")
    sarif = sarif_log(RunResult(tool=tool_info(), documents=[doc]))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    result, = sarif["runs"][0]["results"]
    assert len(result["locations"]) == 1  # GitHub reads the first location only
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert [r["logicalLocations"][0]["fullyQualifiedName"] for r in related] == [
        "html > body > p:nth-of-type(2) > a", "html > body > p:nth-of-type(3) > a"]
    lines = [r["physicalLocation"]["region"]["startLine"] for r in related]
    assert lines[0] < lines[1] and result["locations"][0]["physicalLocation"]["region"]["startLine"] < lines[0]
    assert result["message"]["text"].endswith(f"Aussi : [ligne {lines[0]}](1), [ligne {lines[1]}](2)")
    assert result["properties"]["count"] == 3


def test_sarif_of_a_single_finding_has_no_related_locations(checker):
    doc = checker.check_html(wrap(link()), uri="page.html")
    result, = sarif_log(RunResult(tool=tool_info(), documents=[doc]))["runs"][0]["results"]
    assert "relatedLocations" not in result and "Aussi" not in result["message"]["text"]


# ---- axe-core in real Chromium --------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.skipif(not HAS_BROWSER, reason="needs chromium and chromedriver")
def test_axe_target_size_and_contrast_group_only_equal_problems(tmp_path):
    small = '<button class="tiny" style="width:10px;height:10px;padding:0;border:0;margin:0;color:#000;background:#fff">{}</button>'
    other = '<button class="mini" style="width:10px;height:10px;padding:0;border:0;margin:0;color:#000;background:#fff">{}</button>'
    grey = '<p class="note" style="color:{};background:#fff">Inscriptions avant le 6 février</p>'
    body = ("<main><p>" + "".join(small.format(n) for n in range(6)) + other.format("x") + other.format("y")
            + "</p>" + grey.format("#999") + grey.format("#999") + grey.format("#aaa") + "</main>")
    (tmp_path / "inclusicheck.toml").write_text("[wcag]\n", encoding="utf-8")
    with Checker(load_config(cwd=tmp_path), rules=["wcag.target-size", "wcag.color-contrast"]) as checker:
        result = checker.check_html(wrap(body), uri="page.html")
    targets = sorted((f for f in result.findings if f.rule == "wcag.target-size"), key=lambda f: -f.count)
    assert [f.count for f in targets] == [6, 2]  # two classes, two findings
    assert len({o.location.selector for o in targets[0].occurrences}) == 6
    assert [o.text for o in targets[0].occurrences] == [str(n) for n in range(6)]
    contrasts = sorted((f for f in result.findings if f.rule == "wcag.color-contrast" and f.outcome is Outcome.FAIL),
                       key=lambda f: -f.count)
    assert [f.count for f in contrasts] == [2, 1]  # #999 twice, #aaa once: other measured ratios
    assert "2,84:1" in contrasts[0].message and "#999999" in contrasts[0].message
    assert "2,32:1" in contrasts[1].message and "#aaaaaa" in contrasts[1].message


def test_kind_of_an_element_known_only_from_axes_html():
    """axe may report an element our source does not have (added by a script, in a frame): its
    kind is read from the start tag axe gives."""
    from inclusicheck.checks import Hit
    from inclusicheck.findings.grouping import element_kind
    assert element_kind(Hit(selector="#x", snippet='<a data-class="no" class="fr-btn  fr-btn--sm" href="#">')) \
        == ("a", "fr-btn fr-btn--sm")
    assert element_kind(Hit(selector="#y", snippet="<IMG src=a.png class=logo>")) == ("img", "logo")
    assert element_kind(Hit(selector="#z", snippet="<button>")) == ("button", "")
    assert element_kind(Hit(selector="#t", snippet="not html")) is None  # not about an element: stands alone


def test_html_report_says_where_each_element_is(checker):
    from inclusicheck.reporters.html import render_report
    doc = checker.check_html(wrap(link() + link() + link()), uri="page.html")
    page = render_report(RunResult(tool=tool_info(), documents=[doc]), "fr")
    assert "3 occurrences" in page
    for n in (1, 2, 3):
        assert f"<code>html &gt; body &gt; p:nth-of-type({n}) &gt; a</code>)</span></li>" in page
    repeats = Checker(load_config(cwd=ROOT / "tests"), browser=False, rules=["falc.special-characters"])
    text = repeats.check_html(wrap("<p>Entrée / sortie / parking.</p>"), uri="page.html")
    page = render_report(RunResult(tool=tool_info(), documents=[text]), "fr")
    assert "<li>/</li>" in page  # repeats in one block share the finding's place: none per item


def test_the_same_words_in_identical_blocks_of_one_kind_are_one_finding():
    """A placeholder left on every card of a page (DSFR card demo), flagged by falc.capitals."""
    text = "[À MODIFIER - description de la carte]"
    body = "".join(f'<div><p class="fr-card__desc">{text}</p></div>' for _ in range(4)) \
        + f'<p class="intro">{text}</p><p class="fr-card__desc">AVIS DE LA MAIRIE</p>'
    with Checker(load_config(cwd=ROOT / "tests"), browser=False, rules=["falc.capitals"]) as checker:
        cards, intro, other = findings(checker, body, "falc.capitals")
    assert cards.count == 4 and "(4 éléments semblables sur la page)" in cards.message
    assert [o.location.selector for o in cards.occurrences] == [
        f"html > body > div:nth-of-type({n}) > p" for n in range(1, 5)]
    assert all(cards.snippet[o.span[0]:o.span[1]] == o.text == "À MODIFIER" for o in cards.occurrences)
    assert intro.count == 1 and other.count == 1 and "MAIRIE" in other.message


def test_repeats_in_identical_paragraphs_and_a_different_one():
    with Checker(load_config(cwd=ROOT / "tests"), browser=False, rules=["falc.special-characters"]) as checker:
        twins, other = findings(checker, "<p>Entrée / sortie / parking.</p>" * 2 + "<p>Entrée / sortie.</p>",
                                "falc.special-characters")
    assert twins.count == 4 and "(2 éléments semblables sur la page)" in twins.message
    assert [o.location.selector for o in twins.occurrences] == [
        "html > body > p:nth-of-type(1)", "html > body > p:nth-of-type(1)",
        "html > body > p:nth-of-type(2)", "html > body > p:nth-of-type(2)"]
    assert all(twins.snippet[o.span[0]:o.span[1]] == "/" for o in twins.occurrences)
    assert other.count == 1 and other.occurrences == []
