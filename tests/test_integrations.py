"""The integration files we document stay true: hooks and CI examples call options that exist,
and the built wheel works in a clean virtual environment with its rules inside."""
import shlex
import subprocess
import sys
import venv

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
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel, = wheels.glob("inclusicheck-*.whl")
    env_dir = tmp_path / "clean"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True,
                             text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    rules = subprocess.run([str(env_dir / "bin" / "inclusicheck"), "rules", "--format", "json"], capture_output=True,
                           text=True, cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    assert "wcag.html-lang" in rules.stdout
    page = tmp_path / "p.html"
    page.write_text('<html><head><title>T</title></head><body><p>Mademoiselle</p></body></html>')
    checked = subprocess.run([str(env_dir / "bin" / "inclusicheck"), "check", "--no-browser", "-q", "--format",
                              "json", str(page)], capture_output=True, text=True, cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert "wcag.html-lang" in checked.stdout and "gender.obsolete-terms" in checked.stdout
