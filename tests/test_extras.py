"""A base install (no extras) runs the static rules and says, once per run, which extra the other
rules need; a PDF without the `pdf` extra is an error of that document. The missing packages are
simulated by tests/without_packages.py (an import blocker in a subprocess); test_integrations.py
installs the real base in a fresh venv."""
import json
import os
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from inclusicheck.extras import EXTRA_MODULES, importable, install_command

from .conftest import ROOT
from .helpers import run_cli

BASE_ONLY = ",".join(module for modules in EXTRA_MODULES.values() for module in modules)
PAGE = ('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title></head><body>'
        "<p>Mademoiselle Durand est attendue à la MAIRIE ; les dossiers qui ont été déposés par les "
        "habitants de la commune pendant le mois dernier seront examinés par le conseil municipal.</p>"
        '<p><a href="/inscription">cliquez ici</a></p></body></html>')


def run_without(modules: str, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tests.without_packages", modules, *map(str, args)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def finding_rules(report: dict) -> set[str]:
    return {f["rule"] for doc in report["documents"] for f in doc["findings"]}


def test_every_module_imports_without_the_extras():
    done = run_without(BASE_ONLY, "--import-all")
    assert done.returncode == 0, done.stderr[-3000:]


def test_base_runs_static_rules_and_names_each_extra_once(tmp_path):
    """Several pages and PDFs: one line per missing extra for the run, one error per PDF."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.html").write_text(PAGE, encoding="utf-8")
    pdfs = sorted((ROOT / "examples" / "elections").glob("*.pdf"))
    done = run_without(BASE_ONLY, "check", tmp_path, *pdfs, "--no-cache")
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 3, done.stdout[-3000:]  # the PDFs could not be read: the run is incomplete
    for extra in ("nlp", "langid", "browser"):
        assert done.stdout.count(install_command(extra)) == 1, extra
    assert done.stdout.count(install_command("pdf")) == len(pdfs) > 0
    for rule in ("wcag.link-text", "gender.obsolete-terms", "falc.capitals", "falc.semicolons"):
        assert rule in done.stdout  # the static rules ran on the pages


def test_base_json_report_lists_skipped_rules_with_the_extra(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = run_without(BASE_ONLY, "check", page, "--format", "json", "--no-cache", "--fail-on", "warning")
    assert done.returncode == 1, done.stderr[-3000:]  # findings, nothing unreadable
    report = json.loads(done.stdout)
    assert {"wcag.link-text", "gender.obsolete-terms", "falc.capitals"} <= finding_rules(report)
    skipped = {rule: entry["reason"] for entry in report["skipped"] for rule in entry["rules"]}
    assert install_command("nlp") in skipped["falc.sentence-length"]
    assert install_command("nlp") in skipped["gender.masculine-generic"]
    assert install_command("langid") in skipped["regional.missing-lang"]
    assert install_command("browser") in skipped["wcag.image-alt"]
    assert not finding_rules(report) & set(skipped)


@pytest.mark.parametrize("extra, packs, skipped_rule, kept_rule", [
    ("nlp", ["falc", "gender"], "falc.sentence-length", "falc.capitals"),
    ("browser", ["wcag"], "wcag.color-contrast", "wcag.link-text"),
])
def test_one_missing_extra_skips_only_its_rules(tmp_path, extra, packs, skipped_rule, kept_rule):
    """Only that extra is missing: its rules are skipped (the browser ones without --no-browser,
    as --no-browser would), the pack's other rules run."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    args = [arg for pack in packs for arg in ("--pack", pack)]
    done = run_without(",".join(EXTRA_MODULES[extra]), "check", page, *args, "--format", "json", "--no-cache",
                       "--fail-on", "warning")
    assert done.returncode == 1, done.stderr[-3000:]
    report = json.loads(done.stdout)
    reasons = [entry["reason"] for entry in report["skipped"] if skipped_rule in entry["rules"]]
    assert len(reasons) == 1 and install_command(extra) in reasons[0]
    assert kept_rule in finding_rules(report)
    others = [install_command(other) for other in EXTRA_MODULES if other != extra]
    assert not any(other in entry["reason"] for entry in report["skipped"] for other in others)


def test_rules_command_says_which_extra_a_rule_needs():
    code, out, _ = run_cli("rules", "--format", "json")
    assert code == 0
    extras = {rule["id"]: rule["extras"] for rule in json.loads(out)}
    assert extras["falc.sentence-length"] == ["nlp"] and extras["falc.capitals"] == []
    assert extras["regional.missing-lang"] == ["langid"] and extras["wcag.image-alt"] == ["browser"]
    assert extras["pdf.tagged"] == ["pdf"] and extras["wcag.link-text"] == []


def test_rules_table_marks_the_missing_extras():
    done = run_without(BASE_ONLY, "rules", "--pack", "falc")
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if "falc.sentence-length" in line)
    assert "nlp ✗" in line
    assert "✗" not in next(line for line in done.stdout.splitlines() if "falc.capitals" in line)


def test_importable_tells_without_importing():
    assert importable("lxml") and not importable("no_such_module_inclusicheck")
    assert not importable("no_such_module_inclusicheck.child")  # a parent that is missing: no error


def test_pyproject_extras_bring_the_modules_the_code_checks():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    distributions = packages_distributions()

    def names(requirements):
        return {canonicalize_name(Requirement(req).name) for req in requirements}
    for extra, modules in EXTRA_MODULES.items():
        for module in modules:
            provided_by = set(map(canonicalize_name, distributions[module]))
            assert provided_by & names(extras[extra]), (extra, module)
            assert not provided_by & names(project["dependencies"]), module
    assert extras["all"] == [f"inclusicheck[{','.join(EXTRA_MODULES)}]"]
    assert "inclusicheck[all]" in extras["dev"]
