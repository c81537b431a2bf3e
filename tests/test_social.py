"""Social posts: JSON/CSV exports and texts read as posts (one block and one location per post),
the social pack's checks next to their false alarms, and bad exports."""
import json

from inclusicheck.sources import LoadOptions
from inclusicheck.checks.social import split_words
from inclusicheck.sources.social import load_bytes

from .helpers import run_cli

OPTIONS = LoadOptions()


def check(*args, stdin: bytes = b""):
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", *args, stdin=stdin)
    return code, json.loads(out)


def rules_of(report):
    return [(f["rule"], f["location"]["selector"]) for d in report["documents"] for f in d["findings"]]


POSTS = [
    {"channel": "facebook", "message": "Votez dimanche 15 mars, de 8 h à 18 h. #ÉlectionsMunicipales",
     "images": [{"alt": "Affiche : vote dimanche 15 mars, de 8 h à 18 h."}]},
    {"network": "twitter", "text": "Le programme est sur l'affiche. #electionsmunicipales", "images": [{"alt": ""}]},
]


def test_a_json_export_gives_one_block_and_location_per_post(tmp_path):
    doc = load_bytes(json.dumps({"posts": POSTS}).encode(), "export.json", None, OPTIONS, None)
    assert doc.kind == "social" and [b.where for b in doc.blocks] == ["publication 1 (facebook)", "publication 2 (x)"]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(POSTS), encoding="utf-8")
    _, report = check(path, "--pack", "social")
    assert sorted(rules_of(report)) == [("social.hashtag-case", "publication 2 (x)"),
                                        ("social.image-text", "publication 2 (x)")]


def test_a_csv_export(tmp_path):
    path = tmp_path / "publications.csv"
    path.write_text("reseau;texte;image;texte_alternatif\n"
                    "sms;Mairie : votez dimanche de 8 h à 18 h.;;\n"  # no image: nothing to describe
                    "facebook;Le bureau de vote change de lieu.;plan.png;\n"
                    "instagram;Bjr ! Tout est sur le visuel.;affiche.png;Affiche du vote\n", encoding="utf-8")
    _, report = check(path, "--pack", "social")
    assert sorted(rules_of(report)) == [("social.image-text", "publication 2 (facebook)"),
                                        ("social.sms-abbreviations", "publication 3 (instagram)")]


def test_a_text_is_read_as_posts_with_kind_social_only(tmp_path):
    path = tmp_path / "message.txt"
    path.write_text("[x]\nVotez dimanche ! #electionsmunicipales\n---\nBjr, rdv à la mairie.\n", encoding="utf-8")
    _, plain = check(path)
    assert plain["documents"][0]["kind"] == "text"
    _, posts = check(path, "--kind", "social", "--pack", "social")
    assert posts["documents"][0]["kind"] == "social"
    assert [(r, s) for r, s in rules_of(posts)] == [
        ("social.hashtag-case", "publication 1 (x)"), ("social.sms-abbreviations", "publication 2"),
        ("social.sms-abbreviations", "publication 2")]
    lines = [f["location"]["line"] for f in posts["documents"][0]["findings"]]
    assert lines == [2, 4, 4]
    _, stdin = check("-", "--kind", "social", "--pack", "social", stdin="Slt ! #votezdimanche".encode())
    assert {r for r, _ in rules_of(stdin)} == {"social.hashtag-case", "social.sms-abbreviations"}


def test_hashtags_split_into_words_and_single_words_pass():
    assert split_words("electionsmunicipales", 3.0) == ("elections", "municipales")
    assert split_words("xqzwv", 3.0) is None
    doc = load_bytes("#vote #ÉlectionsMunicipales #electionsmunicipales".encode(), "a.social.txt", None, OPTIONS, None)
    from inclusicheck.api import Checker
    from inclusicheck.config import load_config
    from .conftest import ROOT
    with Checker(load_config(cwd=ROOT / "tests"), rules=["social.hashtag-case"], browser=False) as checker:
        result = checker.check_bytes(doc.source.encode(), "a.social.txt")
    assert [(f.snippet[f.span[0]:f.span[1]], f.suggestion) for f in result.findings] == [
        ("#electionsmunicipales", "#ElectionsMunicipales")]


def test_sms_length_depends_on_the_alphabet(tmp_path):
    gsm = "Mairie : votez dimanche à l'école, rue des Écoles, de 8 h à 18 h. Merci."  # 73 characters, GSM only
    unicode = gsm.replace("Merci", "Fête")
    path = tmp_path / "sms-posts.txt"
    path.write_text(f"[sms]\n{gsm}\n---\n[sms]\n{unicode}\n", encoding="utf-8")
    _, report = check(path, "--rule", "social.length")
    findings = report["documents"][0]["findings"]
    assert [f["location"]["selector"] for f in findings] == ["publication 2 (sms)"]
    assert "Unicode" in findings[0]["message"] and "ê" in findings[0]["message"]


def test_text_packs_leave_hashtags_and_addresses_to_the_social_pack(tmp_path):
    path = tmp_path / "posts.txt"
    path.write_text("Votez dimanche & venez tôt. saint-herblon.fr/vote #electionsmunicipales\n", encoding="utf-8")
    _, report = check(path, "--rule", "falc.special-characters", "--rule", "falc.rare-words")
    found = [(f["rule"], f["snippet"][f["span"][0]:f["span"][1]]) for d in report["documents"] for f in d["findings"]]
    assert found == [("falc.special-characters", "&")]  # the true problem; not the # of the hashtag


def test_a_bad_export_is_a_clear_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "posts.json").write_text("{pas du json", encoding="utf-8")
    (tmp_path / "publications.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "publications.txt").write_text("Votez dimanche !\n", encoding="utf-8")
    _, report = check(tmp_path)
    status = {d["uri"].rsplit("/", 1)[-1]: (d["status"], d["error"]) for d in report["documents"]}
    assert status["publications.txt"] == ("checked", None)
    assert status["posts.json"][0] == "error" and "JSON" in status["posts.json"][1]
    assert status["publications.csv"][0] == "error" and "CSV" in status["publications.csv"][1]
