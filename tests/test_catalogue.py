"""The message catalogues: one per language, the same keys in each, every key the code asks for."""
from __future__ import annotations

import ast
import builtins
import re
import string
from pathlib import Path

import pytest

from inclusicheck.i18n import LANGS, catalogue_path, t

read_po = pytest.importorskip("babel.messages.pofile", reason="Babel (dev extra) reads the .po sources").read_po

PACKAGE = Path(__file__).parent.parent / "inclusicheck"
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+")


def catalogue(lang: str) -> dict[str, str]:
    with catalogue_path(lang).open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def package_trees():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def is_message_call(node: ast.AST) -> bool:
    """t(...), or a LocalisedError subclass raised with its key (SourceError("source.missing"))."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    name = getattr(node.func, "id", getattr(node.func, "attr", ""))
    return name == "t" or name.endswith("Error")


def keys_asked():
    """(file, line, key) of every literal key, and the prefixes of keys built at run time (f"block.{kind}")."""
    literal, prefixes = [], set()
    for path, tree in package_trees():
        for node in ast.walk(tree):
            if not is_message_call(node):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and KEY.fullmatch(first.value):
                literal.append((path.name, node.lineno, first.value))
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefixes.add(first.values[0].value)
            elif isinstance(first, ast.BinOp) and isinstance(first.left, ast.Constant):
                prefixes.add(first.left.value)
    return literal, prefixes


def test_both_languages_have_the_same_keys_and_placeholders():
    french, english = catalogue("fr"), catalogue("en")
    assert len(french) > 50
    assert sorted(set(french) ^ set(english)) == []
    differing = [key for key in french if placeholders(french[key]) != placeholders(english[key])]
    assert differing == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_key_is_written_twice(lang):
    # two branches adding the same key are merged by git's union driver (.gitattributes): catch it here
    ids = re.findall(r'^msgid "(.+)"$', catalogue_path(lang).read_text(encoding="utf-8"), re.M)
    assert sorted({key for key in ids if ids.count(key) > 1}) == []
    assert all(KEY.fullmatch(key) for key in ids), [key for key in ids if not KEY.fullmatch(key)]


def test_every_key_the_code_asks_for_exists():
    literal, _ = keys_asked()
    assert len(literal) > 50
    missing = [(name, line, key) for name, line, key in literal if key not in catalogue("fr")]
    assert missing == []


def test_every_key_of_the_catalogue_is_used():
    literal, prefixes = keys_asked()
    sources = "\n".join(path.read_text(encoding="utf-8") for path, _ in package_trees())
    asked = {key for _, _, key in literal}
    unused = [key for key in catalogue("fr") if key not in asked and f'"{key}"' not in sources
              and not any(key.startswith(prefix) for prefix in prefixes)]
    assert unused == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_is_up_to_date_with_its_source(lang):
    from babel.messages.mofile import read_mo
    with catalogue_path(lang).with_suffix(".mo").open("rb") as mo:
        compiled = {message.id: message.string for message in read_mo(mo) if message.id}
    assert compiled == catalogue(lang), "compile the catalogues: `python scripts/catalogue.py` (make catalogue)"


def test_every_message_has_a_text():
    empty = [(lang, key) for lang in LANGS for key, text in catalogue(lang).items() if not text.strip()]
    assert empty == []


def test_t_falls_back_to_french_and_fills_placeholders():
    assert t("source.missing", "en", path="a.html") == "File or folder not found: a.html"
    assert t("source.missing", "de", path="a.html") == "Fichier ou dossier introuvable : a.html"
    with pytest.raises(KeyError):
        t("no.such-key")


SENTENCE = re.compile(r"[A-Za-zÀ-ÿ]{2,}[ ,:'’][ A-Za-zÀ-ÿ]{2,}")
PROGRAMMING_ERRORS = set(dir(builtins))  # ValueError, TypeError...: for developers; users get ours
SPEAKERS = {"echo", "secho", "print", "BadParameter", "UsageError", "ClickException", "fail"}


def is_sentence(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(SENTENCE.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(is_sentence(part) for part in node.values)
    return False


def words_outside_the_catalogue(tree: ast.AST):
    """Bilingual tables ({"fr": ..., "en": ...}), help= texts and sentences shown or raised as literals."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {key.value for key in node.keys if isinstance(key, ast.Constant)}
            if {"fr", "en"} <= keys and all(isinstance(value, (ast.Constant, ast.JoinedStr, ast.Dict))
                                            for value in node.values):
                yield node.lineno, "bilingual table"
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if not name.endswith("Error") and name not in PROGRAMMING_ERRORS and is_sentence(node.exc.args[0]):
                yield node.lineno, f"words in raise {name}()"  # an exception of ours not named *Error
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            said = [kw.value for kw in node.keywords if kw.arg == "help"]
            if name in SPEAKERS or (name.endswith("Error") and name not in PROGRAMMING_ERRORS):
                said += node.args[:1]
            for value in said:
                if is_sentence(value):
                    yield value.lineno, f"words in {name}()"


def test_no_user_facing_words_outside_the_catalogue():
    found = [f"{path.relative_to(PACKAGE)}:{line}: {what}" for path, tree in package_trees()
             for line, what in words_outside_the_catalogue(tree)]
    assert found == []


def test_the_detector_sees_tables_help_and_messages():
    code = ('T = {"fr": "Mot de passe oublié", "en": "Forgot password"}\n'
            '@click.option("--x", help="Check the pages")\n'
            'def f():\n    raise ConfigError(f"unknown pack {name}")\n'
            'def g():\n    raise PdfUnavailable("PDF needs Chromium")\n')
    assert sorted(what for _, what in words_outside_the_catalogue(ast.parse(code))) == [
        "bilingual table", "words in ConfigError()", "words in option()", "words in raise PdfUnavailable()"]


def test_has_tells_keys_built_from_outside_data():
    from inclusicheck.i18n import has, text
    assert has("standard.falc") and not has("standard.x-house")
    assert text("html.count", "en") == "{n} finding(s)"  # the template, its placeholder not filled
