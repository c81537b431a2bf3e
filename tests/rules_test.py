"""Every example of every rule, run through the real engines (sqlfluff's yaml_test_cases_test).

A `fail` example must give at least one finding of its rule (exactly `count` when given, and on
exactly the `selectors` when given); a `pass` example none. `with: [ids]` enables other rules the
example needs (the suppression rule judges other rules' findings); `config: {pack: {setting: value}}`
sets pack settings for that example (e.g. the regional languages a page should contain)."""
import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.engines import Engines
from inclusicheck.packs import Rule, load_registry

from .conftest import HAS_BROWSER, ROOT, wrap
from .officemaker import make_docx, make_odt
from .pdfmaker import make_pdf

REGISTRY = load_registry()
CASES = [pytest.param(rule, i, id=f"{rule.id}[{i}-{'fail' if 'fail' in ex else 'pass'}]")
         for rule in REGISTRY.rules.values() for i, ex in enumerate(rule.examples)]
_checkers: dict = {}
_engines: dict = {}  # settings -> engines: one browser for every rule's checker


def checker_for(rule, example):
    key = (rule.id, tuple(example.get("with", ())), repr(example.get("config")))
    if key not in _checkers:
        config = load_config(cwd=ROOT / "tests", flags=example.get("config"))
        settings = repr(example.get("config"))  # checkers with the same settings share their engines
        if settings not in _engines:
            _engines[settings] = Engines(config)
        _checkers[key] = Checker(config, rules=[rule.id, *example.get("with", ())], engines=_engines[settings])
    return _checkers[key]


@pytest.fixture(scope="module", autouse=True)
def _close_engines():
    yield
    for engines in _engines.values():
        engines.close()


@pytest.fixture
def asked_keys(monkeypatch):
    """The (rule, message key) pairs the run asks messages for: a key its rule does not declare
    would silently show the default message (Rule.message falls back to it)."""
    asked = []
    message = Rule.message

    def recording(self, key, lang):
        asked.append((self.id, key, key in self.messages))
        return message(self, key, lang)
    monkeypatch.setattr(Rule, "message", recording)
    return asked


@pytest.mark.parametrize("rule,i", CASES)
def test_rule_example(rule, i, asked_keys):
    if "browser" in rule.needs and not HAS_BROWSER:
        pytest.skip("Chromium/ChromeDriver not installed")
    example = rule.examples[i]
    expected_fail = "fail" in example
    text = example["fail" if expected_fail else "pass"]
    kind = example.get("kind", "page")
    if kind == "pdf":  # a spec of the PDF to build (tests/pdfmaker.py)
        result = checker_for(rule, example).check_bytes(make_pdf(text), "example.pdf")
    elif kind in ("docx", "odt"):  # a spec of the document to build (tests/officemaker.py)
        make = make_docx if kind == "docx" else make_odt
        result = checker_for(rule, example).check_bytes(make(text), f"example.{kind}")
    elif kind == "social":  # posts as a text file holds them ("[x]" channel line, "---" between posts)
        result = checker_for(rule, example).check_bytes(text.encode("utf-8"), "example.social.txt")
    elif kind == "newsletter" and not text.lstrip().startswith("<"):  # a whole e-mail message
        result = checker_for(rule, example).check_bytes(text.encode("utf-8"), "example.eml")
    else:
        result = checker_for(rule, example).check_html(wrap(text, example.get("lang", "fr")), kind=kind)
    assert result.status == "checked", result.error
    found = [f for f in result.findings if f.rule == rule.id]
    assert [(r, k) for r, k, declared in asked_keys if not declared] == [], "message keys not in the rule's messages"
    if expected_fail:
        assert found, f"{rule.id}: no finding on its fail example #{i}"
        assert any(r == rule.id for r, _, _ in asked_keys)  # the recording sees the run's messages
        if "count" in example:
            assert len(found) == example["count"], [f.message for f in found]
        if "selectors" in example:
            assert sorted(f.location.selector for f in found) == sorted(example["selectors"])
    else:
        assert not found, f"{rule.id}: finding(s) on its pass example #{i}: {[f.message for f in found]}"


def test_rules_have_both_languages_and_known_references():
    for rule in REGISTRY.rules.values():
        for variants in rule.messages.values():
            assert variants["fr"].strip() and variants["en"].strip(), rule.id
        assert set(rule.references) <= {"wcag", "rgaa", "act", "falc", "gender", "regional", "pdfua"}, rule.id


def test_rule_ids_match_files_and_are_unique():
    ids = [r.id for r in REGISTRY.rules.values()]
    assert len(ids) == len(set(ids))
    for rule in REGISTRY.rules.values():
        assert rule.id == f"{rule.pack}.{rule.path.stem}"


def test_every_shipped_data_file_names_source_and_licence():
    for path in (ROOT / "inclusicheck" / "rules").glob("*/data/*"):
        if path.is_file():
            head = path.read_text(encoding="utf-8", errors="replace")[:3000].lower()
            assert "source" in head, f"{path} has no source in its header"
            assert "licen" in head, f"{path} has no licence in its header"
