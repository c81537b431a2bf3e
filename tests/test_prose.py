"""Text packs read human prose only (issue 14, DSFR demo pages): code samples in <pre><code>, JS in
attributes and inline <code> are not prose; repeats of one rule in one block are one finding."""
import json

import jsonschema
import pytest
from lxml import etree

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.document.dom import build_document, looks_like_code
from inclusicheck.model import RunResult
from inclusicheck.reporters.junit import junit_tree
from inclusicheck.reporters.markdown import markdown_summary
from inclusicheck.reporters.sarif import sarif_log
from inclusicheck.runner import tool_info

from .conftest import ROOT

UDHR = dict(line.split("\t", 1) for line in (ROOT / "tests" / "data" / "udhr_article1.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
SCHEMA = json.loads((ROOT / "inclusicheck" / "schemas" / "report-v1.json").read_text())

# As on the DSFR demo pages (example/component/alert, table): an HTML sample, escaped, in <pre><code>.
DSFR_SAMPLE = """<pre class=" language-html"><code>&lt;div class="fr-alert fr-alert--info"&gt;
    &lt;h3 class="fr-alert__title"&gt;Information : titre de l&#39;alerte&lt;/h3&gt;
    &lt;button title="Masquer le message" onclick="const alert = this.parentNode; alert.parentNode.removeChild(alert)" type="button" class="fr-btn--close fr-btn"&gt;Masquer le message&lt;/button&gt;
&lt;/div&gt;</code></pre>"""
LONG = ("Pour obtenir votre carte de stationnement résident il faut remplir le formulaire en ligne puis "
        "joindre un justificatif de domicile récent ainsi que la carte grise du véhicule concerné.")


def page(body: str) -> str:
    return f'<!doctype html><html lang="fr"><head><title>Alertes</title></head><body>{body}</body></html>'


@pytest.fixture(scope="module")
def checker():
    return Checker(load_config(cwd=ROOT / "tests"), browser=False,
                   rules=["falc.special-characters", "falc.sentence-length", "falc.semicolons",
                          "regional.missing-lang"])


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_code_samples_are_not_read_but_prose_next_to_them_is(checker):
    html = page(f"<p>{LONG}</p>{DSFR_SAMPLE}<p>Horaires : lundi &amp; mardi ; fermé le 14/07.</p>"
                f"<p>{UDHR['br']}</p>")
    result = checker.check_html(html)
    # the sample's 40-odd special characters, its 50-word "sentence", its ; in JS are gone
    assert all("fr-alert" not in (f.snippet or "") for f in result.findings)
    long, = by_rule(result, "falc.sentence-length")
    assert long.snippet.startswith("Pour obtenir")
    special, = by_rule(result, "falc.special-characters")
    assert [o.text for o in special.occurrences] == [] and special.snippet[special.span[0]:special.span[1]] == "&"
    semicolon, = by_rule(result, "falc.semicolons")
    assert semicolon.snippet.startswith("Horaires")
    breton, = by_rule(result, "regional.missing-lang")  # the real Breton passage, not the HTML sample
    assert "breton" in breton.message


def test_pre_is_not_read_even_without_code_inside():
    doc = build_document("t.html", page("<div><pre>npm install ; puis make &amp; make test</pre></div><p>Texte.</p>"))
    assert [b.text for b in doc.blocks if b.kind != "title"] == ["Texte."]


def test_js_in_attributes_is_not_read(checker):
    result = checker.check_html(page('<button onclick="const a = this; a.remove()" data-x="a;b">Fermer</button>'
                                     '<img src="a.png" alt="Plan : mairie &amp; école">'))
    assert [(f.rule, f.snippet) for f in result.findings] == [("falc.special-characters", "Plan : mairie & école")]


def test_inline_code_in_a_sentence(checker):
    html = page("<p>Ajoutez la classe <code>fr-btn--secondary</code> sur l'élément <code>&lt;a&gt;</code> "
                "si besoin ; le bouton garde son style &amp; sa taille.</p><p><code>&lt;p&gt;&lt;/p&gt;</code></p>")
    doc = build_document("t.html", html)
    block, = [b for b in doc.blocks if b.kind == "paragraph"]  # a paragraph of code only is no block
    assert [block.text[s:e] for s, e in block.code_spans] == ["fr-btn--secondary", "<a>"]
    result = checker.check_html(html)
    special, = by_rule(result, "falc.special-characters")  # the & of the prose, not the <a> of the code
    assert special.snippet[special.span[0]:special.span[1]] == "&" and special.count == 1
    assert len(by_rule(result, "falc.semicolons")) == 1


@pytest.mark.parametrize("text", [
    '<div class="fr-table" id="table-md"> <div class="fr-table__wrapper"> <table> <caption>Titre</caption>',
    '<button type="button" class="fr-btn fr-btn--icon-left fr-btn--secondary">Libellé bouton</button>',
    '.fr-artwork-decorative { fill: var(--artwork-decorative-blue-france); } .fr-artwork-minor { fill: red; }',
    '{"name": "dsfr", "version": "1.15.3", "main": "dist/dsfr.js", "scripts": {"build": "node build.js"}}',
    "document.querySelectorAll('.fr-btn').forEach((el) => { el.addEventListener('click', () => go()); });",
    "//// /// Logo Setting /// @group logo //// $follow-icons: ( bluesky: bluesky-fill, facebook: facebook-circle-line )",
])
def test_code_density_sees_markup_and_code(text):
    assert looks_like_code(text)


@pytest.mark.parametrize("text", [
    "Tél. : 01 23 45 67 89 (du lundi au vendredi, de 9 h à 17 h 30) ; courriel : contact@mairie-exemple.fr.",
    "Tarif : 12,50 € TTC (soit 10,42 € HT) ; gratuit pour les moins de 18 ans, le 14/07/2025 & le 15/08.",
    "Rendez-vous sur https://www.service-public.fr/particuliers/vosdroits/F1234 avant le 31 mars 2026.",
    "Snippet à inclure dans <head></head>",  # a DSFR sentence naming tags: prose with two signs
    "Accessibilité : non/partiellement/totalement conforme",
    "Pour ne plus recevoir cette lettre : {{unsubscribe}} ou {{ preferences }}",  # e-mail template placeholders
    "Art. L. 2121-29 du CGCT : « le conseil municipal règle par ses délibérations les affaires de la commune ».",
])
def test_code_density_keeps_french_prose(text):
    assert not looks_like_code(text)


# ---- grouping --------------------------------------------------------------------------------------

def test_repeats_in_one_block_are_one_finding_with_occurrences(checker):
    result = checker.check_html(page("<p>Entrée / sortie / parking / accueil.</p><p>Mairie / école.</p>"))
    first, second = by_rule(result, "falc.special-characters")
    assert first.count == 3 and [o.text for o in first.occurrences] == ["/", "/", "/"]
    assert all(first.snippet[o.span[0]:o.span[1]] == "/" for o in first.occurrences)
    assert first.span == first.occurrences[0].span
    assert "(3 occurrences dans ce paragraphe)" in first.message
    assert second.count == 1 and second.occurrences == [] and "occurrences" not in second.message
    mixed, = by_rule(checker.check_html(page("<p>Entrée / sortie &amp; parking / accueil.</p>")),
                     "falc.special-characters")  # the message quotes the first: it names the others
    assert mixed.count == 3 and "(3 occurrences dans ce paragraphe : « / », « & »)" in mixed.message
    assert first.fingerprint != second.fingerprint
    assert result.to_dict()["findings"][0]["count"] == 3
    report = RunResult(tool=tool_info(), documents=[result]).to_dict()
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["findings"] == 2  # findings, not occurrences


def test_grouped_message_in_english_and_fingerprint_of_the_first_hit():
    checker = Checker(load_config(cwd=ROOT / "tests"), browser=False, rules=["falc.special-characters"], lang="en")
    alone = checker.check_html(page("<h2>Entrée / sortie</h2>")).findings[0]
    grouped = checker.check_html(page("<h2>Entrée / sortie / parking</h2>")).findings[0]
    assert "(2 occurrences in this heading)" in grouped.message and grouped.count == 2 and alone.count == 1
    # the first hit's fingerprint: a baseline made before grouping still knows the finding
    assert grouped.fingerprint == alone.fingerprint


def test_reporters_show_the_count(checker):
    result = RunResult(tool=tool_info(), documents=[
        checker.check_html(page("<p>Entrée / sortie / parking / accueil.</p>"))])
    sarif = sarif_log(result)
    schema = json.loads((ROOT / "inclusicheck" / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    sarif_result, = sarif["runs"][0]["results"]  # one result, not three
    assert sarif_result["properties"]["count"] == 3 and sarif_result["properties"]["occurrences"] == ["/"] * 3
    assert "3 occurrences dans ce paragraphe" in markdown_summary(result)
    assert "3 occurrences dans ce paragraphe" in etree.tostring(junit_tree(result, fail_on="info"), encoding="unicode")
