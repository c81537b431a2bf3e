"""The static layer of the wcag pack: the tricky logic of its checks (unit tests), the language
identification path with a stand-in analysis, and its consistency on the W3C ACT test cases."""
import json
from dataclasses import dataclass

import pytest

from inclusicheck.api import Checker
from inclusicheck.checks import stopwords
from inclusicheck.checks.wcag import lang as wcag_lang, links as wcag_links, structure as wcag_structure, tables as wcag_tables
from inclusicheck.config import load_config
from inclusicheck.document.dom import build_document
from inclusicheck.language.tags import check_tag

from .conftest import ROOT, wrap


# ---- URL normalisation -------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("https://ex.fr/actu/", "https://ex.fr/actu"),
    ("https://ex.fr/actu#top", "https://ex.fr/actu"),
    ("https://EX.fr:443/actu", "https://ex.fr/actu"),
    ("http://ex.fr:80/", "http://ex.fr"),
    ("../actu/", "https://ex.fr/actu"),  # resolved against the base below
])
def test_same_destination(a, b):
    base = "https://ex.fr/accueil/page.html"
    assert wcag_links.normalise_url(a, base) == wcag_links.normalise_url(b, base)


@pytest.mark.parametrize("a,b", [
    ("https://ex.fr/contact?page=1", "https://ex.fr/contact?page=2"),
    ("https://ex.fr/actu/1", "https://ex.fr/actu/2"),
    ("http://ex.fr/a", "https://ex.fr/a"),
    ("https://ex.fr:8443/a", "https://ex.fr/a"),
])
def test_different_destinations(a, b):
    assert wcag_links.normalise_url(a) != wcag_links.normalise_url(b)


# ---- format and size of documents -------------------------------------------------------------

@pytest.mark.parametrize("text", ["(PDF, 250 Ko)", "1,2 Mo", "3 Go", "512 octets", "2.5 MB", "800 kB", "1 MiB",
                                  "PDF – 61,88 Ko", "12 Kio", "1 234 Ko", "40 o"])
def test_sizes_are_recognised(text):
    assert wcag_links.has_size(text)


@pytest.mark.parametrize("text", ["Conseil du 12 mars 2024", "Mo Farah", "Kouign-amann", "page 12", "10 000 habitants",
                                  "Go !", "lot 3B", "version 2.5 beta", "2 motos"])
def test_non_sizes_are_not(text):
    assert not wcag_links.has_size(text)


@pytest.mark.parametrize("href,ext", [
    ("/docs/cr.pdf", "pdf"), ("cr.PDF?v=2#page=3", "pdf"), ("https://ex.fr/a/b.docx", "docx"),
    ("/pdf/", None), ("/actualites.html", None), ("/telechargement", None), ("https://ex.fr/.pdf/x", None),
])
def test_document_extension(href, ext):
    extensions = {"pdf", "docx", "odt"}
    assert wcag_links.document_extension(href, extensions) == ext


def test_context_goes_to_the_link_it_follows():
    doc = build_document("x.html", wrap('<p>Lire <a href="a.pdf">A</a> (PDF, 1 Mo) et <a href="b.pdf">B</a>.</p>'))
    first, second = doc.tree.iter("a")
    assert "1 Mo" in wcag_links.link_contexts(first)
    assert "1 Mo" not in wcag_links.link_contexts(second)


# ---- headings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("levels,jumps", [
    ([1, 2, 3, 2, 3], []),
    ([1, 2, 4], [(2, 2, 4)]),
    ([1, 3, 4, 6, 2], [(1, 1, 3), (3, 4, 6)]),
    ([2, 1, 3], [(2, 1, 3)]),
    ([3, 3, 1], []),  # going up is always fine
    ([], []),
])
def test_heading_jumps(levels, jumps):
    assert wcag_structure.heading_jumps(levels) == jumps


def test_heading_levels_follow_aria():
    doc = build_document("x.html", wrap('<h2 aria-level="4">a</h2><div role="heading">b</div>'
                                        '<h3 role="none">c</h3><p role="heading" aria-level="x">d</p>'))
    assert [level for _, level in wcag_structure.headings(doc)] == [4, 2, 2]


# ---- language of parts -------------------------------------------------------------------------

def test_language_key():
    assert wcag_lang.language_key("fr-FR") == wcag_lang.language_key("fr") == "fr"
    assert wcag_lang.language_key("fr-gallo") == "fr-gallo" != wcag_lang.language_key("fr")
    assert wcag_lang.language_key("br-FR") == "br"
    assert wcag_lang.language_key("") is None


def test_names_and_titles_are_left_out():
    assert stopwords.without_names("Lecture de The Lord of the Rings à la médiathèque") == [
        "Lecture", "de", "à", "la", "médiathèque"]
    assert stopwords.without_names("Our town sends its wishes") == ["Our", "town", "sends", "its", "wishes"]


@dataclass
class FakeGuess:
    tag: str | None
    confidence: float
    regional: bool = False


class FakeLangid:
    """Stands in for the regional pack's analysis (contract: segments(block) -> [(start, end, LangGuess)])."""

    def __init__(self, guesses):
        self.guesses = guesses  # text of the segment -> guess

    def segments(self, block):
        found = []
        for text, guess in self.guesses.items():
            start = block.text.find(text)
            if start >= 0:
                found.append((start, start + len(text), guess))
        return found


class FakeContext:
    lang = "fr"

    def __init__(self, langid):
        self.langid = langid

    def has(self, name):
        return name == "langid"


def lang_change_params():
    return dict(load_config(cwd=ROOT / "tests").registry.get("wcag.lang-change").params)


def test_lang_change_uses_the_language_identifier_when_there():
    breton = "Degemer mat d'an holl tud er gouel bras-mañ e kreiz ar vro"
    gallo = "Les gens d'ichitt sont bin aise de vous vair a la fête"
    name = "Jean-Yves Le Drian Et Marie Curie Sont Venus"
    html = wrap(f"<p>Bienvenue à tous. {breton}. {gallo}. {name}.</p><p lang=\"br\">{breton}.</p>")
    doc = build_document("x.html", html)
    ctx = FakeContext(FakeLangid({breton: FakeGuess("br", 0.97, True), gallo: FakeGuess(None, 0.9, True),
                                  name: FakeGuess("en", 0.99), "Bienvenue à tous": FakeGuess("fr", 0.99)}))
    hits = list(wcag_lang.lang_change(doc, lang_change_params(), ctx))
    flagged = {h.block.text[h.span[0]:h.span[1]]: h for h in hits}
    assert set(flagged) == {breton, gallo}  # not the French, not the names, not the marked paragraph
    assert flagged[breton].suggestion == 'lang="br"' and flagged[breton].message_key == "default"
    assert flagged[gallo].message_key == "regional"


def test_lang_change_ignores_unsure_guesses():
    text = "Wij wensen iedereen een fijne dag en veel plezier vandaag"  # Dutch: no stop-word profile
    doc = build_document("x.html", wrap(f"<p>Bonjour à tous les amis. {text}.</p>"))
    ctx = FakeContext(FakeLangid({text: FakeGuess("nl", 0.5)}))
    assert not list(wcag_lang.lang_change(doc, lang_change_params(), ctx))
    ctx = FakeContext(FakeLangid({text: FakeGuess("nl", 0.95)}))
    assert [h.suggestion for h in wcag_lang.lang_change(doc, lang_change_params(), ctx)] == ['lang="nl"']


def test_confident_identifier_wins_over_stopwords():
    english = "The town council will meet on Monday and all the people are welcome"
    doc = build_document("x.html", wrap(f"<p>Bonjour à tous les amis. {english}.</p>"))
    ctx = FakeContext(FakeLangid({english: FakeGuess("fr", 0.99)}))
    assert not list(wcag_lang.lang_change(doc, lang_change_params(), ctx))
    ctx = FakeContext(FakeLangid({}))  # the identifier could not tell: the stop words decide
    assert [h.suggestion for h in wcag_lang.lang_change(doc, lang_change_params(), ctx)] == ['lang="en"']


def test_lang_change_without_identifier_uses_stopwords():
    checker = Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.lang-change"], browser=False)
    page = wrap("<p>Bonjour. The town council will meet on Monday and all the people are welcome.</p>")
    result = checker.check_html(page)
    assert [f.suggestion for f in result.findings] == ['lang="en"']
    english_page = wrap("<p>The town council will meet on Monday and all the people are welcome.</p>", lang="en")
    assert not checker.check_html(english_page).findings


@pytest.mark.parametrize("html", ["", "<p>😀😀😀 🎉🎉</p>", "<p>" + "la " * 50000 + "</p>", "<table></table>",
                                  "<a href=''>x</a><a>y</a>", "<p lang>x</p><html lang='  '>", "<h7>x</h7>"])
def test_static_rules_survive_odd_input(html):
    checker = Checker(load_config(cwd=ROOT / "tests"), packs=["wcag"], browser=False)
    result = checker.check_html(html if not html.startswith("<p>") else wrap(html))
    assert result.status == "checked", result.error


# ---- layout tables ---------------------------------------------------------------------------

def _table(html):
    return next(build_document("x.html", wrap(html)).tree.iter("table"))


def test_data_table_markup_ignores_nested_tables():
    outer = _table('<table role="presentation"><tr><td><table><tr><th>h</th><td>d</td></tr></table></td></tr></table>')
    assert wcag_tables.data_table_markup(outer) == []


def test_layout_signals():
    assert "nested" in wcag_tables.layout_signals(_table("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"))
    assert "single_cell" in wcag_tables.layout_signals(_table("<table><tr><td>x</td></tr></table>"))
    grid = wcag_tables.layout_signals(_table("<table>" + "<tr><td>1</td><td>2</td><td>3</td></tr>" * 3 + "</table>"))
    assert grid == []


# ---- ACT test cases: no inconsistency from our static rules ----------------------------------

def static_rule_ids(registry):
    """The pack's rules that read the DOM alone (checks/wcag*.py without the browser)."""
    return sorted(r.id for r in registry.rules.values()
                  if r.pack == "wcag" and r.check_name and r.check_name.startswith("wcag") and "browser" not in r.needs)


def test_static_rules_are_consistent_on_act_cases(shared):
    """W3C implementation-report logic: a passed or inapplicable example of ACT rule X must not get a
    failure mapped (references.act) to X. Review findings are "cantTell", not failures."""
    act = shared / "data" / "act"
    manifest = json.loads((act / "manifest.json").read_text(encoding="utf-8"))
    config = load_config(cwd=ROOT / "tests")
    ids = static_rule_ids(config.registry)
    claimed = {a for i in ids for a in config.registry.get(i).references.get("act", [])}
    checker = Checker(config, rules=ids, browser=False)
    inconsistent, caught, checked = [], set(), 0
    for case in manifest["testcases"]:
        if not case["file"].endswith(".html") or case["ruleId"] not in claimed:
            continue
        html = (act / case["file"]).read_text(encoding="utf-8", errors="replace")
        result = checker.check_html(html, uri="http://127.0.0.1/" + case["file"])
        assert result.status == "checked", (case["file"], result.error)
        checked += 1
        failures = [f.rule for f in result.findings
                    if f.outcome.value == "fail" and case["ruleId"] in f.references.get("act", [])]
        if failures and case["expected"] in ("passed", "inapplicable"):
            inconsistent.append((case["ruleId"], case["testcaseTitle"], failures))
        if failures and case["expected"] == "failed":
            caught.add(case["ruleId"])
    assert checked > 20, "the ACT cases of the rules we claim were not found"
    assert not inconsistent
    assert {"de46e4", "b5c3f8", "bf051a", "2779a5", "d0f69e"} <= caught  # the deterministic rules do catch failures


def test_lang_change_with_the_real_language_identifier():
    """The regional pack's engine, for real, when it is installed (it lands on another branch)."""
    langid = pytest.importorskip("inclusicheck.engines.langid")
    reason = langid.LangIdEngine(None).unavailable()
    if reason:
        pytest.skip(reason)
    checker = Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.lang-change"], browser=False)
    breton = ("Ar brezhoneg a zo ur yezh keltiek komzet e Breizh. Bez ez eus kalz a dud o teskiñ anezhañ "
              "er skolioù divyezhek hag er c'hentelioù noz evit an oadourien.")
    english = "Our twin town sends its warmest wishes to all the people of the town and hopes to see you soon."
    french = ("Le conseil municipal se réunira lundi à dix-huit heures dans la salle des fêtes. "
              "Les habitants sont invités à venir nombreux pour débattre du budget.")
    result = checker.check_html(wrap(f"<p>{french}</p><p>{breton}</p><p>{english}</p>"))
    assert {f.suggestion for f in result.findings} == {'lang="br"', 'lang="en"'}
    assert not checker.check_html(wrap(f"<p>{french}</p><p lang=\"br\">{breton}</p>")).findings


LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing, incididunt, ut labore et dolore magna aliqua. "
         "Vitae sapien pellentesque habitant morbi tristique senectus et netus.")
LATIN = ("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, tertiam qui "
         "ipsorum lingua Celtae, nostra Galli appellantur.")


@pytest.mark.parametrize("lang, name", [("fr", "latin"), ("en", "Latin")])
def test_lang_change_names_the_language_and_leaves_lorem_ipsum_out(lang, name):
    """DSFR demo pages: "Ce passage semble écrit en la" on their Lorem ipsum filler. Filler text is
    not Latin to mark; a real Latin passage is still found, named in the message language."""
    langid = pytest.importorskip("inclusicheck.engines.langid")
    reason = langid.LangIdEngine(None).unavailable()
    if reason:
        pytest.skip(reason)
    checker = Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.lang-change"], browser=False, lang=lang)
    french = "Le conseil municipal se réunira lundi à dix-huit heures dans la salle des fêtes."
    assert checker.check_html(wrap(f"<p>{french}</p><p>{LOREM}</p>")).findings == []
    [found] = checker.check_html(wrap(f"<p>{french}</p><p>{LOREM}</p><p>{LATIN}</p>")).findings
    assert found.snippet.startswith("Gallia") and found.suggestion == 'lang="la"'
    assert f" {name}, " in found.message and "en la," not in found.message, found.message


def test_language_names_beyond_the_table_come_from_the_registry():
    assert [wcag_lang.language_name(tag, "fr") for tag in ("la", "eo", "de")] == ["latin", "espéranto", "allemand"]
    assert wcag_lang.language_name("la", "en") == "Latin"


@pytest.fixture(scope="module")
def wcag_checker():
    with Checker(load_config(cwd=ROOT), packs=["wcag"], browser=False, rules=["wcag.document-link"]) as checker:
        yield checker


@pytest.mark.parametrize("html,says", [
    # issue 14, DISIC page: « (pdf) » right after the link, outside it, gives the format
    ('<p><strong>Découvrez <a href="https://ex.fr/r.pdf" title="https://ex.fr/r.pdf">les rapports</a> (pdf) '
     "de l'étude.</strong></p>", "indique le format du document (PDF) mais pas son poids"),
    # the same link with no format anywhere: the address in the title does not count as one
    ('<p><strong>Lire <a href="https://ex.fr/r.pdf" title="https://ex.fr/r.pdf">le rapport</a> du Sénat.</strong></p>',
     "sans indiquer son format ni son poids"),
])
def test_document_link_reads_the_format_next_to_the_link(wcag_checker, html, says):
    found = [f for f in wcag_checker.check_html(wrap(html)).findings if f.rule == "wcag.document-link"]
    assert len(found) == 1 and says in found[0].message


def test_catalogue_names_come_before_the_registry_and_no_tag_is_a_regional_language():
    assert [wcag_lang.language_name(tag, "fr") for tag in ("gsw", "fr-gallo", "br-FR")] == ["alsacien", "gallo", "breton"]
    assert [wcag_lang.language_name(tag, "en") for tag in ("gsw", "fr-gallo")] == ["Alsatian", "Gallo"]
    assert wcag_lang.language_name(None, "fr") == "langue régionale"
    assert wcag_lang.language_name(None, "en") == "regional language"


def test_tag_problem_names_the_faulty_part_in_each_language():
    assert wcag_lang.tag_problem(check_tag("fr_FR"), "fr") == "syntaxe incorrecte : fr_FR"
    assert wcag_lang.tag_problem(check_tag("fr_FR"), "en") == "bad syntax: fr_FR"
    assert wcag_lang.tag_problem(check_tag(" "), "en") == "only spaces"  # no detail: no colon
