import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HAS_BROWSER = bool(shutil.which("chromium") and shutil.which("chromedriver"))


def wrap(fragment: str, lang: str = "fr") -> str:
    """A rule example is a full page when it starts like one, else a body fragment."""
    head = fragment.lstrip()[:15].lower()
    if head.startswith(("<!doctype", "<html")):
        return fragment
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Exemple</title></head>'
            f"<body>{fragment}</body></html>")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Each test gets its own result cache, so that no test sees another's results."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (fresh clone): this test reads the project's shared test material")
    return SHARED


@pytest.fixture(scope="session")
def registry():
    from inclusicheck.packs import load_registry
    return load_registry()
