"""House rule folders (`rule_paths`): data-only rules, and rules with their own check function in a
.py file next to them (the worked example of CONTRIBUTING.md lives in docs/regles-maison/)."""
import json

import pytest

from inclusicheck.api import Checker
from inclusicheck.cli import ExitCode
from inclusicheck.config import ConfigError, load_config

from .conftest import ROOT, wrap
from .helpers import run_cli

DOCUMENTED = ROOT / "docs" / "regles-maison"
PACK = 'id: maison\ntitle: {fr: Maison, en: House}\ndescription: {fr: Règles maison, en: House rules}\n'
PAGE = '<html lang="fr"><head><title>T</title></head><body><p>Appelez le 0240123456 ou le 02 40 12 34 56.</p></body></html>'


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def house_config(tmp_path, folder, extra=""):
    write(tmp_path / "inclusicheck.toml", f'rule_paths = ["{folder}"]\n{extra}')
    return load_config(cwd=tmp_path)


def test_the_documented_house_pack_passes_its_own_examples(tmp_path):
    config = house_config(tmp_path, DOCUMENTED)
    rules = [r for r in config.registry.rules.values() if r.pack == "maison"]
    assert {r.id for r in rules} == {"maison.jargon", "maison.telephone"}
    checker = Checker(config, packs=["maison"], browser=False)
    for rule in rules:
        for example in rule.examples:
            text = example.get("fail") or example["pass"]
            found = [f for f in checker.check_html(wrap(text)).findings if f.rule == rule.id]
            assert bool(found) == ("fail" in example), (rule.id, text, [f.message for f in found])


def test_a_house_check_function_gives_messages_suggestions_and_params(tmp_path):
    config = house_config(tmp_path, DOCUMENTED, '[rules]\n"maison.telephone" = { grouping = 5 }\n')
    result = Checker(config, rules=["maison.telephone"], browser=False).check_html(
        wrap("<p>Appelez le 0240123456 ou le 02.40.12.34.56, dossier 2024123456.</p>"))
    assert [(f.message, f.suggestion) for f in result.findings] == [
        ("« 0240123456 » : écrivez le numéro par groupes de 5 chiffres.", "02401 23456"),
        ("« 02.40.12.34.56 » : séparez les chiffres par des espaces plutôt que des points.", "02401 23456")]


def house_rule(check_name: str) -> str:
    return f"""id: maison.regle
title: {{fr: "Règle", en: "Rule"}}
description: {{fr: "Une règle.", en: "A rule."}}
check: {check_name}
message: {{fr: "Trouvé.", en: "Found."}}
examples:
  - fail: "<p>0240123456</p>"
  - pass: "<p>rien</p>"
"""


CHECK = """from inclusicheck.checks import Hit, check

@check()
def found(doc, params, ctx):
    for block in doc.blocks:
        if "{word}" in block.text:
            yield Hit(block=block)
"""


def test_a_missing_house_function_is_an_error_naming_the_rule_file(tmp_path):
    write(tmp_path / "regles" / "maison" / "pack.yml", PACK)
    write(tmp_path / "regles" / "maison" / "regle.yml", house_rule("mien.absent"))
    write(tmp_path / "regles" / "maison" / "mien.py", CHECK.format(word="0240"))
    with pytest.raises(ConfigError, match=r"regle.yml: field 'check': no check function 'mien.absent'"):
        house_config(tmp_path, "regles")


def test_a_house_module_that_fails_to_import_is_an_error_naming_it(tmp_path, monkeypatch):
    write(tmp_path / "regles" / "maison" / "pack.yml", PACK)
    write(tmp_path / "regles" / "maison" / "regle.yml", house_rule("casse.found"))
    write(tmp_path / "regles" / "maison" / "casse.py", "import inexistant_module_xyz\n")
    with pytest.raises(ConfigError, match=r"casse.py cannot be imported \(ModuleNotFoundError"):
        house_config(tmp_path, "regles")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--no-browser", "-q", "--pack", "maison", "x.html")
    assert code == ExitCode.USAGE and out == ""


def test_a_house_rule_can_name_a_built_in_check(tmp_path):
    write(tmp_path / "regles" / "maison" / "pack.yml", PACK)
    write(tmp_path / "regles" / "maison" / "regle.yml", house_rule("wcag.structure.page_title"))
    config = house_config(tmp_path, "regles")
    assert config.registry.rules["maison.regle"].check.__module__ == "inclusicheck.checks.wcag.structure"


def test_editing_a_house_check_changes_cached_results(tmp_path, monkeypatch):
    """The result cache's key holds the house rule files: an edited check runs again."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "inclusicheck.toml", f'rule_paths = ["regles"]\ncache_dir = "{tmp_path / "cache"}"\n')
    write(tmp_path / "regles" / "maison" / "pack.yml", PACK)
    write(tmp_path / "regles" / "maison" / "regle.yml", house_rule("mien.found"))
    write(tmp_path / "p.html", PAGE)

    def rules_found():
        code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--pack", "maison", "p.html")
        return [f["rule"] for d in json.loads(out)["documents"] for f in d["findings"]]
    write(tmp_path / "regles" / "maison" / "mien.py", CHECK.format(word="0240"))
    assert rules_found() == ["maison.regle"]
    assert rules_found() == ["maison.regle"]  # from the cache
    write(tmp_path / "regles" / "maison" / "mien.py", CHECK.format(word="jamais"))
    _forget_house_modules()
    assert rules_found() == []


def _forget_house_modules():
    """A new process would import the edited file; this one has it in sys.modules."""
    import sys
    for name in [n for n in sys.modules if n.startswith("inclusicheck_house_")]:
        del sys.modules[name]


def test_a_config_file_both_found_and_named_loads_its_house_folder_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "inclusicheck.toml", f'rule_paths = ["{DOCUMENTED}"]\n')
    write(tmp_path / "p.html", PAGE)
    code, out, err = run_cli("check", "--config", "inclusicheck.toml", "--no-browser", "-q", "--format", "json",
                             "--pack", "maison", "p.html")
    assert code == ExitCode.OK, err
    assert [f["rule"] for d in json.loads(out)["documents"] for f in d["findings"]] == ["maison.telephone"]
