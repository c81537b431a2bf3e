import json

import jsonschema
import pytest

from inclusicheck.cli import ExitCode

from .conftest import ROOT
from .helpers import run_cli

SCHEMA = json.loads((ROOT / "inclusicheck" / "schemas" / "report-v1.json").read_text())
BAD = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p><a href="/x">cliquez ici</a></p></body></html>'
GOOD = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p>Bonjour.</p></body></html>'
NO_LANG = '<!doctype html><html><head><title>T</title></head><body><p>Bonjour.</p></body></html>'


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    (tmp_path / "nolang.html").write_text(NO_LANG, encoding="utf-8")
    return tmp_path


def checked(*args, **kw):
    return run_cli("check", "--no-browser", "-q", *args, **kw)


def test_json_report_follows_the_schema(site):
    code, out, _ = checked("bad.html", "nolang.html", "--format", "json", "--pack", "wcag")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert code == ExitCode.FINDINGS  # html-lang is an error
    rules = sorted(f["rule"] for d in report["documents"] for f in d["findings"])
    assert rules == ["wcag.html-lang", "wcag.link-text"]
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 1}


def test_fail_on_threshold(site):
    assert checked("bad.html", "--pack", "wcag")[0] == ExitCode.OK  # only a warning
    assert checked("bad.html", "--pack", "wcag", "--fail-on", "warning")[0] == ExitCode.FINDINGS
    assert checked("nolang.html", "--fail-on", "never")[0] == ExitCode.OK


def test_unreadable_target_wins_and_others_are_still_checked(site):
    code, out, _ = checked("nolang.html", "missing.html", "--format", "json", "--pack", "wcag")
    report = json.loads(out)
    assert code == ExitCode.UNREADABLE
    by_uri = {d["uri"]: d for d in report["documents"]}
    assert by_uri["missing.html"]["status"] == "error"
    assert "introuvable" in by_uri["missing.html"]["error"]
    assert by_uri["nolang.html"]["findings"][0]["rule"] == "wcag.html-lang"


def test_english_messages(site):
    code, out, _ = checked("missing.html", "nolang.html", "--format", "json", "--lang", "en", "--pack", "wcag")
    docs = {d["uri"]: d for d in json.loads(out)["documents"]}
    assert docs["missing.html"]["error"].startswith("File or folder not found")
    assert docs["nolang.html"]["findings"][0]["message"].startswith("The page does not state its language")


def test_stdin_and_output_file_and_extra_report(site):
    code, out, err = checked("-", "--format", "json", "--output", "out.json", "--report", "json:extra.json",
                             stdin=BAD.encode())
    assert out == ""  # machine output went to the file
    first = json.loads((site / "out.json").read_text())
    second = json.loads((site / "extra.json").read_text())
    assert first == second
    assert first["documents"][0]["uri"] == "stdin"
    assert "extra.json" in err


def test_rule_selection_globs(site):
    _, out, _ = checked("bad.html", "nolang.html", "--format", "json", "--rule", "wcag.*", "--exclude-rule",
                        "wcag.link-text")
    rules = {f["rule"] for d in json.loads(out)["documents"] for f in d["findings"]}
    assert rules == {"wcag.html-lang"}


def test_usage_errors_exit_2(site):
    assert checked("bad.html", "--format", "yaml")[0] == ExitCode.USAGE
    assert checked("bad.html", "--report", "json")[0] == ExitCode.USAGE
    assert checked("bad.html", "--pack", "nope")[0] == ExitCode.USAGE
    assert run_cli("explain", "wcag.nope")[0] == ExitCode.USAGE
    assert run_cli("check")[0] == ExitCode.USAGE


def test_terminal_report_labels_severity_in_words(site):
    code, out, _ = checked("bad.html", "nolang.html")
    assert "[ERREUR] wcag.html-lang" in out and "[AVERTISSEMENT] wcag.link-text" in out
    assert "Résumé" in out


def test_no_finding_never_claims_conformity(site):
    code, out, _ = checked("good.html", "--pack", "wcag")
    assert code == ExitCode.OK
    assert "ne veut pas dire que le document est conforme" in out


def test_rules_and_explain(site):
    code, out, _ = run_cli("rules", "--format", "json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert listed["wcag.html-lang"]["severity"] == "error"
    code, out, _ = run_cli("explain", "wcag.link-text")
    assert code == 0 and "RGAA" in out and "cliquez ici" in out


def test_init_writes_a_config_the_tool_accepts(site):
    assert run_cli("init")[0] == 0
    assert run_cli("init")[0] == ExitCode.USAGE  # no silent overwrite
    code, out, _ = run_cli("config")
    assert code == 0 and json.loads(out)["files"][0].endswith("inclusicheck.toml")


def one_line(text: str) -> str:
    return " ".join(text.split())  # rich wraps stderr at the terminal's width


@pytest.mark.parametrize("typo,suggested", [
    ("wcag.colour-contrast", "wcag.color-contrast"),  # a spelling
    ("color-contrast", "wcag.color-contrast"),  # a rule name without its pack
    ("falc.sentance-length", "falc.sentence-length"),
])
def test_explain_suggests_the_closest_rule_in_french(tmp_path, monkeypatch, typo, suggested):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("explain", typo)
    assert code == ExitCode.USAGE and out == ""
    assert f"Règle inconnue : {typo}. Vouliez-vous dire {suggested}" in one_line(err)


def test_explain_suggests_every_pack_s_rule_of_that_name_in_english(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("explain", "heading-order", "--lang", "en")
    assert code == ExitCode.USAGE
    assert "Unknown rule: heading-order. Did you mean office.heading-order or wcag.heading-order?" in one_line(err)


def test_explain_suggests_nothing_when_nothing_is_close(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("explain", "zzz")
    assert code == ExitCode.USAGE and "Règle inconnue : zzz" in err and "Vouliez-vous" not in err


def test_rule_option_typo_warns_with_a_suggestion(site):
    code, _, err = checked("good.html", "--rule", "wcag.lnk-text", "--exclude-rule", "wcag.html-lang")
    assert "« wcag.lnk-text » ne correspond à aucune règle. Vouliez-vous dire wcag.link-text" in one_line(err)
    assert "« wcag.html-lang »" not in err  # a known rule: no warning
