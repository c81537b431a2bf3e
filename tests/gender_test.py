"""The gender pack beyond its rule examples: expansion of abbreviated forms, masking, the lexicon,
the pack settings (policy, doublet order, per-file overrides), the balance metric, odd input."""
import pytest

from inclusicheck.api import Checker
from inclusicheck.checks.gender_forms import find_abbreviated, lexicon, mask, pluralise
from inclusicheck.config import load_config

from .conftest import wrap


@pytest.mark.parametrize("text,expanded", [
    ("citoyen·ne·s", "citoyennes et citoyens"),
    ("agent.e.s", "agentes et agents"),
    ("électeur‧rice‧s", "électeurs et électrices"),
    ("candidat(e)s", "candidates et candidats"),
    ("assesseur/e/s", "assesseures et assesseurs"),
    ("élu-e-s", "élues et élus"),
    ("citoyenNEs", "citoyennes et citoyens"),
    ("conseiller·ères", "conseillères et conseillers"),
    ("municipaux·ales", "municipales et municipaux"),
    ("travailleur·euse·s", "travailleurs et travailleuses"),
    ("sous-préfet·e", "sous-préfet et sous-préfète"),
    ("tou·te·s", "tous et toutes"),
    ("Iels", "Elles ou ils"),
])
def test_abbreviated_forms_expand_to_full_doublets(text, expanded):
    forms = find_abbreviated(f"Avec les {text} de la commune.")
    assert [f.expanded("alphabetical") for f in forms] == [expanded]


@pytest.mark.parametrize("text", [
    "www.ville.fr", "https://ville.e-services.fr/demarches", "ville.e-services.fr", "accueil@mairie.fr",
    "c.-à-d. le bureau", "M. Dupont", "52.4 %", "le 12.03.2026", "grand-mère", "peut-être",
    "Seine-et-Marne", "le/la", "km/h", "et/ou", "rapport.pdf", "S.N.C.F.", "fin de phrase.Les suivants",
])
def test_look_alikes_are_not_abbreviated_forms(text):
    assert not find_abbreviated(text)


def test_mask_keeps_offsets():
    text = "Voir www.ville.fr ou écrire à a.b@ville.fr, c.-à-d. le 12.03."
    assert len(mask(text)) == len(text)
    assert "ville" not in mask(text)


def test_pluralise_noun_phrases():
    assert pluralise("conseiller municipal") == "conseillers municipaux"
    assert pluralise("agent d'accueil") == "agents d'accueil"
    assert pluralise("directeur général des services") == "directeurs généraux des services"
    assert pluralise("vice-président") == "vice-présidents"


def test_lexicon_has_300_pairs_with_distinct_forms():
    lex = lexicon()
    assert len(lex.pairs) >= 300
    for noun in lex.pairs:
        assert noun.m != noun.f, noun
    masculine = {n.m for n in lex.pairs}
    assert not masculine & lex.epicene
    for head in lex.collective:
        assert head in masculine, head


def _checker(tmp_path, toml: str, rules):
    (tmp_path / "inclusicheck.toml").write_text(toml, encoding="utf-8")
    return Checker(load_config(cwd=tmp_path), rules=rules)


def _findings(checker, body, uri="page.html"):
    result = checker.check_html(wrap(body), uri=uri)
    assert result.status == "checked", result.error
    return result.findings


def test_policy_error_and_per_file_override(tmp_path):
    checker = _checker(tmp_path, """
[[overrides]]
files = ["elections/*"]
gender = { abbreviated_policy = "error" }
""", ["gender.abbreviated"])
    body = "<p>Les candidat·e·s sont affiché·e·s.</p>"
    plain = _findings(checker, body, uri="actualites/page.html")
    election = _findings(checker, body, uri="elections/bulletin.html")
    assert {f.severity.value for f in plain} == {"warning"}
    assert {f.severity.value for f in election} == {"error"}
    assert len(plain) == len(election) == 2


def test_policy_allow_point_median_enforces_one_separator(tmp_path):
    checker = _checker(tmp_path, '[gender]\nabbreviated_policy = "allow-point-median"\n', ["gender.abbreviated"])
    assert _findings(checker, "<p>Les citoyen·ne·s votent.</p>") == []
    found = _findings(checker, "<p>Les citoyen.ne.s et les agent(e)s votent.</p>")
    assert len(found) == 2
    assert "citoyen·ne·s" in found[0].message and "agent·e·s" in found[1].message


def test_unknown_policy_is_a_config_error(tmp_path):
    from inclusicheck.config import ConfigError
    (tmp_path / "inclusicheck.toml").write_text('[[overrides]]\nfiles = ["a/*"]\ngender = { doublet_order = "random" }\n')
    with pytest.raises(ConfigError, match="doublet_order.*alphabetical"):
        load_config(cwd=tmp_path)


def test_doublet_order_setting_drives_suggestions(tmp_path):
    body = "<p>Les électeurs sont convoqués.</p>"
    alphabetical = _findings(_checker(tmp_path, "", ["gender.masculine-generic"]), body)
    feminine_first = _findings(_checker(tmp_path, '[gender]\ndoublet_order = "feminine-first"\n',
                                        ["gender.masculine-generic"]), body)
    assert "les électeurs et les électrices" in alphabetical[0].message
    assert "les électrices et les électeurs" in feminine_first[0].message
    assert alphabetical[0].suggestion == "Le corps électoral"  # the collective phrase comes first


def test_balance_metric_counts_people_once_and_names_nobody():
    checker = Checker(load_config(cwd=__import__("pathlib").Path("/")), rules=["gender.balance"])
    body = ("<p>Jean Martin, Pierre Le Gall, Yann Kerbrat et Marc Durand ont présenté le projet.</p>"
            "<p>M. Martin a rappelé que Marie Cosquer et Mme Cosquer (la même personne) ont aidé.</p>"
            "<p>Rendez-vous rue Victor Hugo, école Jules Ferry.</p>")
    result = checker.check_html(wrap(body))
    assert result.metrics["gender.women_named"] == 1
    assert result.metrics["gender.men_named"] == 4
    [finding] = [f for f in result.findings if f.rule == "gender.balance"]
    for name in ("Marie", "Cosquer", "Jean", "Martin"):
        assert name not in finding.message


@pytest.mark.parametrize("body", [
    "", "<p>😀🎉🗳️</p>", "<p>" + "Les citoyen·ne·s et les électeurs. " * 3000 + "</p>",
    '<p lang="en">All citizens and voters are welcome.</p>', "<p>·····.....((((////----</p>",
])
def test_odd_input_does_not_crash(body):
    checker = Checker(load_config(cwd=__import__("pathlib").Path("/")), packs=["gender"], browser=False)
    result = checker.check_html(wrap(body))
    assert result.status == "checked", result.error
    if "lang=\"en\"" in body or "😀" in body:
        assert not result.findings


def test_real_french_text_gives_no_false_abbreviated_forms_or_titles(shared):
    """WiViCo (Wikipedia/Vikidia sentences, CC BY-SA, ../shared/data/falc) has dots, hyphens,
    slashes, parentheses and capitals, but no abbreviated inclusive form and no title of a woman:
    the high-precision rules must stay silent on it."""
    import csv
    from html import escape
    sentences = []
    with (shared / "data" / "falc" / "wivico-dev.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            sentences += [cell for cell in row if len(cell.split()) > 5]
    assert len(sentences) > 200
    checker = Checker(load_config(cwd=__import__("pathlib").Path("/")),
                      rules=["gender.abbreviated", "gender.title-feminine", "gender.slash-doublet", "gender.job-ad"])
    body = "".join(f"<p>{escape(s)}</p>" for s in sentences)
    result = checker.check_html(wrap(body))
    assert result.status == "checked", result.error
    assert [(f.rule, f.snippet) for f in result.findings] == []


def test_house_pair_rule_is_silenced_by_the_other_form(tmp_path):
    """`kind: pair` (retext-equality `or`): a commune's own data-only rule, no Python."""
    pack = tmp_path / "maison"
    pack.mkdir()
    (pack / "pack.yml").write_text("id: maison\ntitle: {fr: Maison, en: House}\n"
                                   "description: {fr: Règles maison, en: House rules}\n", encoding="utf-8")
    (pack / "benevoles.yml").write_text("""id: maison.benevoles
title: {fr: "Sapeurs-pompiers", en: "Firefighters"}
description: {fr: "Nommer les deux.", en: "Name both."}
kind: pair
data: {pairs: {"pompiers": "pompières", "sapeurs-pompiers": "sapeuses-pompières"}, lang: fr}
message: {fr: "« {match} » : écrire « {suggestion} ».", en: "“{match}”: write “{suggestion}”."}
examples:
  - fail: "<p>Les pompiers recrutent.</p>"
  - pass: "<p>Les pompières et les pompiers recrutent.</p>"
""", encoding="utf-8")
    checker = _checker(tmp_path, 'rule_paths = ["."]\n', ["maison.benevoles"])
    found = _findings(checker, "<p>Les pompières et les pompiers recrutent. Les sapeurs-pompiers aussi.</p>")
    assert [(f.snippet[f.span[0]:f.span[1]], f.suggestion) for f in found] == [
        ("sapeurs-pompiers", "sapeuses-pompières et sapeurs-pompiers")]
