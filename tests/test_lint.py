"""`ruff check` (pyproject.toml's [tool.ruff]: pyflakes, syntax errors, bugbear) finds nothing, so that
`make test` catches a repeated dict key or an undefined name as any failing test does."""
import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is a dev dependency (pip install -e .[dev])")
def test_ruff_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
