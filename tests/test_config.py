import json

import pytest

from inclusicheck.cli import ExitCode
from inclusicheck.config import ConfigError, load_config
from inclusicheck.model import Severity

from .helpers import run_cli

PAGE = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p><a href="/x">cliquez ici</a></p></body></html>'


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up_from_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.inclusicheck]\nfail_on = "warning"\n'
          '[tool.inclusicheck.rules]\n"wcag.link-text" = "error"\n')
    sub = tmp_path / "site" / "pages"
    sub.mkdir(parents=True)
    config = load_config(cwd=sub)
    assert config.fail_on == "warning"
    assert config.rule_setting("wcag.link-text").severity is Severity.ERROR


def test_layers_explicit_file_and_flags_win(tmp_path):
    write(tmp_path / "inclusicheck.toml", 'fail_on = "warning"\nlang = "en"\n')
    explicit = write(tmp_path / "ci.toml", '[tool.inclusicheck]\nfail_on = "info"\n')
    config = load_config(str(explicit), cwd=tmp_path, flags={"lang": "fr"})
    assert config.fail_on == "info" and config.lang == "fr"
    assert config.files == [str(tmp_path / "inclusicheck.toml"), str(explicit)]


def test_rule_params_and_off(tmp_path):
    write(tmp_path / "inclusicheck.toml", '[rules]\n"wcag.link-text" = { generic = ["voir"], severity = "info" }\n'
          '"wcag.page-title" = "off"\n')
    config = load_config(cwd=tmp_path)
    setting = config.rule_setting("wcag.link-text")
    assert setting.params["generic"] == ["voir"] and setting.severity is Severity.INFO
    assert not config.rule_setting("wcag.page-title").enabled


@pytest.mark.parametrize("toml,message", [
    ('colour = "blue"\n', "unknown key 'colour'"),
    ('[rules]\n"wcag.nope" = "off"\n', "unknown rule 'wcag.nope'"),
    ('[rules]\n"wcag.colour-contrast" = "off"\n', "Did you mean wcag.color-contrast"),
    ('[rules]\n"link-text" = "off"\n', "Did you mean office.link-text, social.link-text or wcag.link-text?"),
    ('[rules]\n"wcag.link-text" = { max = 3 }\n', "unknown param 'max'"),
    ('[rules]\n"wcag.link-text" = { generic = "ici" }\n', "must be a list"),
    ('[rules]\n"wcag.link-text" = "fatal"\n', "'fatal' is not one of"),
    ('fail_on = "sometimes"\n', "'fail_on' must be one of"),
    ('packs = ["wcag", "klingon"]\n', "unknown pack 'klingon'"),
    ('[wcag]\nshiny = true\n', "unknown setting 'wcag.shiny'"),
    ('[[overrides]]\nrules = {}\n', "needs 'files'"),
    ('fail_on = \n', "inclusicheck.toml"),
])
def test_config_errors_are_clear(tmp_path, toml, message):
    write(tmp_path / "inclusicheck.toml", toml)
    with pytest.raises(ConfigError) as err:
        load_config(cwd=tmp_path)
    assert message in str(err.value)
    assert "inclusicheck.toml" in str(err.value)


def test_config_error_exit_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "inclusicheck.toml", 'colour = "blue"\n')
    write(tmp_path / "p.html", PAGE)
    code, out, err = run_cli("check", "--no-browser", "p.html")
    assert code == ExitCode.USAGE and "colour" in err and out == ""


def test_overrides_per_file_glob(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "inclusicheck.toml", '[[overrides]]\nfiles = ["elections/*"]\nrules = { "wcag.link-text" = "error" }\n')
    write(tmp_path / "elections" / "vote.html", PAGE)
    write(tmp_path / "news" / "a.html", PAGE)
    code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--pack", "wcag", ".")
    severities = {d["uri"]: d["findings"][0]["severity"] for d in json.loads(out)["documents"]}
    assert severities == {"elections/vote.html": "error", "news/a.html": "warning"}
    assert code == ExitCode.FINDINGS


def test_house_rules_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "inclusicheck.toml", 'rule_paths = ["regles"]\n')
    write(tmp_path / "regles" / "maison" / "pack.yml",
          'id: maison\ntitle: {fr: Maison, en: House}\ndescription: {fr: Règles maison, en: House rules}\n')
    write(tmp_path / "regles" / "maison" / "nom-commune.yml", """
id: maison.nom-commune
title: {fr: "Nom de la commune", en: "Town name"}
description: {fr: "Le nom s'écrit avec un trait d'union.", en: "The name takes a hyphen."}
kind: substitution
data: {swap: {"saint herblon": "Saint-Herblon"}}
message: {fr: "Écrire « {suggestion} ».", en: "Write “{suggestion}”."}
examples:
  - fail: "<p>Bienvenue à Saint Herblon.</p>"
  - pass: "<p>Bienvenue à Saint-Herblon.</p>"
""")
    write(tmp_path / "p.html", '<html lang="fr"><head><title>T</title></head><body><p>Saint Herblon</p></body></html>')
    code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--pack", "maison", "p.html")
    finding = json.loads(out)["documents"][0]["findings"][0]
    assert finding["rule"] == "maison.nom-commune" and finding["suggestion"] == "Saint-Herblon"


def test_the_readme_configuration_example_is_valid(tmp_path):
    import re

    from .conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Configuration.*?```toml\n(.*?)```", readme, re.S).group(1)
    write(tmp_path / "pyproject.toml", example)
    (tmp_path / "regles-maison").mkdir()
    config = load_config(cwd=tmp_path)
    assert config.packs == ["wcag", "falc", "gender"]
    assert config.rule_setting("falc.sentence-length").params["error_words"] == 15
    assert config.rule_setting("wcag.link-text", "elections/vote.html").severity is Severity.ERROR


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_init_template_is_valid_once_uncommented(tmp_path, lang):
    from inclusicheck.i18n import t
    uncommented = "\n".join(line[2:] if line.startswith('# "') or line.startswith("# packs") else line
                            for line in t("init.config", lang).splitlines())
    write(tmp_path / "inclusicheck.toml", uncommented)
    config = load_config(cwd=tmp_path)
    assert config.rule_setting("falc.sentence-length").params["warning_words"] == 10
    assert config.lang == lang and config.packs == ["wcag", "falc", "gender", "regional"]
