"""The data-only rule kinds, so that simple rules (and a commune's house rules) need no Python.

    kind: existence        # flag every match of `patterns`
    kind: substitution     # flag every key of `swap`, suggest its value
    kind: pair             # flag every key of `pairs` unless its value (the other form) is in the
                           # same sentence (retext-equality `or`), suggest both forms

`data:` is inline or the name of a YAML file in the pack's folder (e.g. data/obsolete-terms.yml).
Both kinds accept `exceptions` (regexes: a match inside one is not flagged), `scope` (block
kinds), `lang` (`fr`: French blocks only; otherwise a primary language subtag) and `ignore_case`.
Patterns are regexes matched on whole words; a straight apostrophe also matches ’.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..language.tags import is_french, primary
from . import Hit, check

DATA_FIELDS = {"patterns", "swap", "pairs", "exceptions", "scope", "lang", "ignore_case"}
ENTRIES = {"existence": "patterns", "substitution": "swap", "pair": "pairs"}
SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)")


@dataclass
class Matcher:
    """A generic rule's data. Its regexes are compiled on first use (a run served by the cache
    compiles none); `compile()` checks them when the rule is loaded from its file."""
    patterns: list[str]  # one alternative group per entry
    suggestions: list[str | None]  # per alternative group
    exception_patterns: list[str]
    scope: set[str] | None
    lang: str | None
    flags: int
    counterpart_patterns: list[str] | None = None  # kind pair: the other form of each entry

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile("|".join(f"({_word_regex(p)})" for p in self.patterns), self.flags)

    @cached_property
    def exceptions(self) -> re.Pattern | None:
        if not self.exception_patterns:
            return None
        return re.compile("|".join(_word_regex(e) for e in self.exception_patterns), self.flags)

    @cached_property
    def counterparts(self) -> list[re.Pattern] | None:
        if self.counterpart_patterns is None:
            return None
        return [re.compile(_word_regex(c), self.flags) for c in self.counterpart_patterns]

    def compile(self) -> None:
        self.regex, self.exceptions, self.counterparts  # noqa: B018


def _word_regex(pattern: str) -> str:
    return r"(?<!\w)(?:" + pattern.replace("'", "['’]") + r")(?!\w)"


def load_data(rule, data: Any, files) -> Matcher:
    """`files`: the registry's RuleFiles, which reads a data file (or has it from the snapshot)."""
    from ..packs import RuleError
    if isinstance(data, str):
        path = Path(rule.path).parent / data
        if not path.is_file():
            raise RuleError(rule.path, "data", f"no such file {data}")
        data = files.yaml(path)
    if not isinstance(data, dict) or set(data) - DATA_FIELDS:
        raise RuleError(rule.path, "data", f"must be a mapping with keys among {', '.join(sorted(DATA_FIELDS))}")
    key = ENTRIES[rule.kind]
    if rule.kind == "existence":
        entries = [(p, None) for p in data.get(key) or []]
    else:
        entries = list((data.get(key) or {}).items())
    if not entries:
        raise RuleError(rule.path, "data", f"'{key}' is empty")
    flags = re.IGNORECASE if data.get("ignore_case", True) else 0
    matcher = Matcher([p for p, _ in entries], [s for _, s in entries], data.get("exceptions") or [],
                      set(data["scope"]) if data.get("scope") else None, data.get("lang"), flags,
                      [c for _, c in entries] if rule.kind == "pair" else None)
    if files.fresh:  # read from the file itself, not from the registry's snapshot: check it
        try:
            matcher.compile()
        except re.error as exc:
            raise RuleError(rule.path, "data", f"bad regular expression: {exc}") from None
    return matcher


def _in_lang(block_lang: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if wanted == "fr":
        return is_french(block_lang)
    return primary(block_lang) == wanted


def match_case(word: str, suggestion: str) -> str:
    if word[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


@check()
def text_matches(doc, params, ctx):
    matcher: Matcher = ctx.rule.data
    for block in doc.blocks:
        if matcher.scope and block.kind not in matcher.scope:
            continue
        if not _in_lang(block.lang or doc.lang, matcher.lang):
            continue
        excluded = [m.span() for m in matcher.exceptions.finditer(block.text)] if matcher.exceptions else []
        for m in matcher.regex.finditer(block.text):
            if any(s <= m.start() and m.end() <= e for s, e in excluded):
                continue
            index = m.lastindex - 1 if m.lastindex else 0
            suggestion = matcher.suggestions[index]
            if matcher.counterparts is not None:
                if matcher.counterparts[index].search(_sentence(block.text, m.start())):
                    continue  # both forms are there
                suggestion = f"{suggestion.split('|')[0]} et {m.group(0).lower()}"
            if suggestion is not None:
                suggestion = match_case(m.group(0), suggestion)
            yield Hit(block=block, span=m.span(), data={"match": m.group(0), "suggestion": suggestion},
                      suggestion=suggestion)


def _sentence(text: str, position: int) -> str:
    """The sentence of `text` around `position` (a light split on . ! ? …)."""
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, position)), default=0)
    end = SENTENCE_END.search(text, position)
    return text[start:end.end() if end else len(text)]


KINDS = {"existence": text_matches, "substitution": text_matches, "pair": text_matches}
