"""The command line's own words: French by default, English by the environment or --lang, click's too."""
import gettext
from pathlib import Path

import click
import pytest

from inclusicheck import cli_lang
from inclusicheck.cli import ExitCode, cli
from inclusicheck.config import ConfigError, load_config
from inclusicheck.i18n import environment_lang

from .helpers import run_cli
from .test_catalogue import catalogue

LOCALE_VARIABLES = ("INCLUSICHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment (no language variable) in an empty folder; call it to set variables."""
    monkeypatch.chdir(tmp_path)
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_variables(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
    return set_variables


def one_line(text: str) -> str:
    return " ".join(text.split())  # click and rich wrap at the terminal's width


def no_space(text: str) -> str:
    return "".join(text.split())  # rich also cuts a long path where it likes


@pytest.mark.parametrize("environ,lang", [
    ({}, "fr"),
    ({"LANG": "C.UTF-8"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "fr"),  # neither language: the tool's default
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),  # LC_ALL first, as for gettext
    ({"LANG": "fr_FR.UTF-8", "INCLUSICHECK_LANG": "en"}, "en"),
    ({"LANG": "en_US.UTF-8", "INCLUSICHECK_LANG": "fr"}, "fr"),
    ({"LANG": "en_US.UTF-8", "INCLUSICHECK_LANG": "klingon"}, "en"),  # unknown: the locale decides
])
def test_environment_lang(environ, lang):
    assert environment_lang(environ) == lang


def test_help_is_french_by_default(env):
    env(LANG="C.UTF-8")
    code, out, _ = run_cli("--help")
    assert code == ExitCode.OK
    assert out.startswith("Utilisation : inclusicheck [OPTIONS] COMMANDE [ARGUMENTS]...")
    assert "Vérifie l'accessibilité" in out and "Afficher ce message et quitter." in out
    assert "Commandes :" in out and "Options :" in out and "Liste les règles" in one_line(out)
    _, out, _ = run_cli("check", "--help")
    assert "[CIBLES]..." in out and "--include MOTIF" in out and "[défaut : terminal]" in one_line(out)
    assert "Pack à exécuter (répétable ; défaut : tous)." in one_line(out)
    assert "Usage:" not in out and "Show this message" not in out


@pytest.mark.parametrize("variables", [{"LANG": "en_US.UTF-8"}, {"LANG": "fr_FR.UTF-8", "INCLUSICHECK_LANG": "en"}])
def test_help_is_english_with_the_environment_rule(env, variables):
    env(**variables)
    code, out, _ = run_cli("check", "--help")
    assert code == ExitCode.OK
    assert out.startswith("Usage: inclusicheck check [OPTIONS] [TARGETS]...")
    assert "Check HTML files, folders, URLs" in out and "Show this message and exit." in out
    assert "Pack to run (repeatable; default: all)." in one_line(out) and "[default: terminal]" in one_line(out)
    assert "Utilisation" not in out and "Afficher" not in out and "\nOptions:\n" in out


def test_lang_on_the_command_line_chooses_the_help_language(env):
    env(LANG="fr_FR.UTF-8")
    assert run_cli("explain", "--lang", "en", "--help")[1].startswith("Usage: inclusicheck explain [OPTIONS] RULE_ID")
    env(LANG="en_US.UTF-8")
    assert run_cli("explain", "--lang=fr", "--help")[1].startswith("Utilisation : inclusicheck explain [OPTIONS] RÈGLE")


def test_click_errors_are_said_in_the_help_language(env):
    code, _, err = run_cli("check", "--nope")
    assert code == ExitCode.USAGE
    assert "Erreur : Option inconnue : '--nope'. Vouliez-vous dire '--no-cache' ?" in err
    assert "Essayez « inclusicheck check --help » pour l'aide." in err
    code, _, err = run_cli("check", "--fail-on", "sometimes")
    assert code == ExitCode.USAGE
    assert "Valeur incorrecte pour '--fail-on' : 'sometimes' n'est pas l'une de ces valeurs" in one_line(err)
    code, _, err = run_cli("report", "import", "absente.ods")
    assert code == ExitCode.USAGE and "Valeur incorrecte pour 'GRILLE' : Fichier 'absente.ods' introuvable." in err
    env(LANG="en_US.UTF-8")
    code, _, err = run_cli("report", "import", "absente.ods")
    assert code == ExitCode.USAGE and "Invalid value for 'GRID': File 'absente.ods' does not exist." in err
    code, _, err = run_cli("check", "--nope")
    assert code == ExitCode.USAGE and "Error: No such option '--nope'." in err and "Erreur" not in err


def test_click_keeps_its_gettext_after_a_run(env):
    run_cli("check", "--nope")
    assert click.core._ is gettext.gettext and click.types.ngettext is gettext.ngettext


def test_every_help_text_comes_from_the_catalogue(monkeypatch):
    asked = []
    monkeypatch.setattr(cli_lang, "t", lambda key, lang, **params: asked.append(key) or f"<{key}>")
    cli_lang.localise_help(cli, "fr")
    check = cli.commands["check"]
    assert check.help == "<cli.check.help>" and cli.commands["report"].commands["import"].help == "<cli.report.import.help>"
    helps = {max(p.opts, key=len): p.help for p in check.params if isinstance(p, click.Option)}
    assert helps["--exclude-rule"] == "<cli.check.exclude-rule>" and helps["--lang"] == "<cli.option.lang>"
    assert check.get_help_option(click.Context(check)).help == "<cli.option.help>"
    missing = sorted(key for key in asked if key not in catalogue("fr") or key not in catalogue("en"))
    assert missing == []  # a new option needs its cli.<command>.<option> key (or cli.option.<option>)
    unused = sorted(key for key in catalogue("fr") if key.startswith("cli.") and key not in asked)
    assert unused == []


def test_config_error_in_french_by_default_and_in_english_when_asked(env):
    Path("inclusicheck.toml").write_text('colour = "blue"\n', encoding="utf-8")
    code, out, err = run_cli("check", "--no-browser", "x.html")
    assert code == ExitCode.USAGE and out == ""
    assert "inclusicheck.toml : clé inconnue « colour » (clés possibles : browser," in one_line(err)
    code, _, err = run_cli("check", "--no-browser", "--lang", "en", "x.html")
    assert code == ExitCode.USAGE and "inclusicheck.toml:unknownkey'colour'(allowed:browser," in no_space(err)
    env(LANG="en_US.UTF-8")
    assert "unknown key 'colour'" in one_line(run_cli("rules")[2])


def test_config_error_suggestion_in_both_languages(tmp_path):
    (tmp_path / "inclusicheck.toml").write_text('[rules]\n"link-text" = "off"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert caught.value.render("fr").endswith(
        ": règle inconnue « link-text » (voir `inclusicheck rules`). "
        "Vouliez-vous dire office.link-text, social.link-text ou wcag.link-text ?")
    assert str(caught.value).endswith(
        ": unknown rule 'link-text' (see `inclusicheck rules`). "
        "Did you mean office.link-text, social.link-text or wcag.link-text?")


def test_init_in_french_by_default(env):
    code, out, _ = run_cli("init")
    assert code == ExitCode.OK and out.strip() == "inclusicheck.toml écrit."
    written = Path("inclusicheck.toml").read_text(encoding="utf-8")
    assert written.startswith("# Configuration d'inclusicheck (voir README.md, « Configuration »)")
    assert 'lang = "fr"              # langue des messages et des rapports : fr | en' in written
    assert '# "falc.sentence-length" = { warning_words = 10, error_words = 15 }' in written
    code, _, err = run_cli("init")
    assert code == ExitCode.USAGE and "inclusicheck.toml existe déjà (--force pour l'écraser)." in one_line(err)


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_init_in_english(env, how):
    if how == "environment":
        env(LANG="en_US.UTF-8")
    code, out, _ = run_cli("init", *(["--lang", "en"] if how == "flag" else []))
    assert code == ExitCode.OK and out.strip() == "inclusicheck.toml written."
    written = Path("inclusicheck.toml").read_text(encoding="utf-8")
    assert written.startswith('# inclusicheck configuration (see README.md, "Configuration")')
    assert "langue" not in written and 'lang = "en"' in written
    assert load_config().lang == "en"  # the file the tool wrote is one it reads
    code, _, err = run_cli("init", "--lang", "en")
    assert code == ExitCode.USAGE and "inclusicheck.toml exists (use --force to overwrite)." in one_line(err)


def test_explain_labels_and_values_in_french(env):
    code, out, _ = run_cli("explain", "wcag.link-text")
    assert code == ExitCode.OK
    assert "- Pack : `wcag`\n- Gravité : avertissement\n- Résultat : non conforme\n- Références : WCAG" in out
    assert "### Exemples" in out and "À éviter :" in out and "Correct :" in out
    assert "warning" not in out and "Severity" not in out
    assert "- Résultat : à vérifier" in run_cli("explain", "falc.passive-voice")[1]


def test_explain_labels_and_values_in_english(env):
    env(LANG="fr_FR.UTF-8")  # --lang decides the report, whatever the locale
    code, out, _ = run_cli("explain", "wcag.link-text", "--lang", "en")
    assert code == ExitCode.OK
    assert "- Pack: `wcag`\n- Severity: warning\n- Outcome: fail\n- References: WCAG" in out
    assert "### Examples" in out and "Fails:" in out and "Passes:" in out
    assert "Gravité" not in out and "avertissement" not in out
    assert "- Outcome: to review" in run_cli("explain", "falc.passive-voice", "--lang", "en")[1]


def test_rules_table_in_both_languages(env):
    out = run_cli("rules", "--pack", "wcag")[1]
    assert "Gravité" in out and "avertissement" in out and "warning" not in out
    out = run_cli("rules", "--pack", "wcag", "--lang", "en")[1]
    assert "Severity" in out and "warning" in out and "avertissement" not in out


def test_grid_error_in_both_languages(env):
    Path("grille.ods").write_bytes(b"not a zip")
    code, _, err = run_cli("report", "import", "grille.ods")
    assert code == ExitCode.USAGE and "grille.ods : ce n'est pas un tableur ODS" in one_line(err)
    code, _, err = run_cli("report", "import", "grille.ods", "--lang", "en")
    assert code == ExitCode.USAGE and "grille.ods: not an ODS spreadsheet" in one_line(err)


def test_browser_setting_error_in_both_languages_and_across_processes(tmp_path):
    import pickle

    from inclusicheck.engines.browser_options import BrowserOptions
    (tmp_path / "inclusicheck.toml").write_text("[wcag]\npage_load_timeout = 0\n", encoding="utf-8")
    config = load_config(cwd=tmp_path)
    with pytest.raises(ConfigError) as caught:
        BrowserOptions.from_config(config)
    assert caught.value.render("fr") == "le réglage « wcag.page_load_timeout » doit être un nombre de secondes entre 0 et 3600"
    assert str(caught.value) == "setting 'wcag.page_load_timeout' must be a number of seconds between 0 and 3600"
    copy = pickle.loads(pickle.dumps(caught.value))  # as a --jobs worker sends it back
    assert copy.render("fr") == caught.value.render("fr") and str(copy) == str(caught.value)
