"""The data of the generic rule kinds (checks/generic.py matches it): read from the rule file
or its `data:` file, and checked when the rule is loaded, so that a bad pattern is a rule error
naming the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .registry import RuleError

DATA_FIELDS = {"patterns", "swap", "pairs", "exceptions", "scope", "lang", "ignore_case"}
ENTRIES = {"existence": "patterns", "substitution": "swap", "pair": "pairs"}


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
