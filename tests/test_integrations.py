"""The integration files we document stay true: hooks and CI examples call options that exist,
and the built wheel works in a clean virtual environment with its rules inside (the base install,
without extras, as a pre-commit hook installs it)."""
import glob
import json
import os
import shlex
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
import yaml

from inclusicheck.cli import cli
from inclusicheck.reporters import FORMATS

from .conftest import ROOT


def parse_check(command: str):
    args = shlex.split(command)
    assert args[:2] == ["inclusicheck", "check"], command
    ctx = cli.commands["check"].make_context("check", args[2:])
    for spec in ctx.params["reports"]:
        assert spec.split(":")[0] in FORMATS, spec
    return ctx


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook, = hooks
    assert {"id", "name", "entry", "language"} <= set(hook)
    ctx = parse_check(hook["entry"] + " page.html")
    assert ctx.params["no_browser"] is True


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_use_real_options(name):
    text = (ROOT / "docs" / "ci" / name).read_text()
    data = yaml.safe_load(text)
    commands = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node.strip().startswith("inclusicheck check"):
            commands.append(" ".join(node.split()))
    walk(data)
    assert commands, name
    for command in commands:
        assert parse_check(command).params["baseline"] == ".inclusicheck-baseline.json"
    if name == "github-actions.yml":
        assert "github/codeql-action/upload-sarif" in text and "security-events: write" in text


def test_wheel_installs_in_a_clean_venv_with_its_rules(tmp_path):
    """The base install (no extras): the static rules run, the others are skipped naming their extra."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel, = wheels.glob("inclusicheck-*.whl")
    env_dir = tmp_path / "clean"
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the tree (and its egg-info) unseen
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True,
                             text=True, env=clean_env)
    assert install.returncode == 0, install.stderr[-2000:]
    rules = subprocess.run([str(env_dir / "bin" / "inclusicheck"), "rules", "--format", "json"], capture_output=True,
                           text=True, cwd=tmp_path, env=clean_env)
    assert rules.returncode == 0, rules.stderr
    assert "wcag.html-lang" in rules.stdout
    page = tmp_path / "p.html"
    page.write_text('<html><head><title>T</title></head><body><p>Mademoiselle</p></body></html>')
    checked = subprocess.run([str(env_dir / "bin" / "inclusicheck"), "check", "--no-browser", "-q", "--format",
                              "json", str(page)], capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert checked.returncode == 1, checked.stderr
    assert "wcag.html-lang" in checked.stdout and "gender.obsolete-terms" in checked.stdout
    reasons = [entry["reason"] for entry in json.loads(checked.stdout)["skipped"]]
    assert any("pip install 'inclusicheck[nlp]'" in reason for reason in reasons), reasons
    assert any("pip install 'inclusicheck[langid]'" in reason for reason in reasons), reasons
    pdf = ROOT / "examples" / "elections" / "procuration.pdf"
    with_pdf = subprocess.run([str(env_dir / "bin" / "inclusicheck"), "check", "-q", "--format", "json", str(page),
                               str(pdf)], capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert with_pdf.returncode == 3, with_pdf.stderr  # the PDF is not read: the run is incomplete
    report = json.loads(with_pdf.stdout)
    errors = [doc["error"] for doc in report["documents"] if doc["status"] == "error"]
    assert len(errors) == 1 and "pip install 'inclusicheck[pdf]'" in errors[0], errors
    reasons = [entry["reason"] for entry in report["skipped"]]
    assert any("pip install 'inclusicheck[browser]'" in reason for reason in reasons), reasons  # no --no-browser


def test_package_data_globs_match_real_files_and_cover_them():
    """Each package-data glob of pyproject.toml matches files (a folder moved or renamed would drop
    them from the wheel silently), and every data file of the package is matched by one."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["inclusicheck"]
    package = ROOT / "inclusicheck"
    matched = set()
    for pattern in globs:
        found = {path for path in glob.glob(pattern, root_dir=package, recursive=True) if (package / path).is_file()}
        assert found, pattern
        matched |= found
    tracked = subprocess.run(["git", "ls-files", "inclusicheck"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    data = {str(Path(path).relative_to("inclusicheck")) for path in tracked if not path.endswith(".py")}
    assert data - matched == set()
