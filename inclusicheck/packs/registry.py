"""What the registry holds (packs, rules, metrics) and how rules are looked up and selected.

A rule either names its check function (`check: module.function`, imported on first use) or is of
a generic data-only kind (`kind: existence | substitution | pair`, see checks/generic.py). The
registry is built from the rule files by loading.py.
"""
from __future__ import annotations

import difflib
import fnmatch
import hashlib
import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..model import Outcome, Severity

if TYPE_CHECKING:  # checks are found by name (resolve_check): packs never import them
    from ..checks import Check

BUILTIN_RULES = Path(__file__).parent.parent / "rules"
# a generic kind -> its check function in checks/generic.py (found by name, as `check:` functions are)
KIND_CHECKS = {"existence": "text_matches", "substitution": "text_matches", "pair": "text_matches"}


class RuleError(Exception):
    """A malformed pack or rule file: names the file and the field."""

    def __init__(self, path: Path | str, field_name: str, problem: str):
        super().__init__(f"{path}: field '{field_name}': {problem}")
        self.path, self.field, self.problem = path, field_name, problem


@dataclass
class Pack:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    severity: Severity
    settings: dict[str, Any]
    path: Path
    choices: dict[str, list] = field(default_factory=dict)  # setting -> its allowed values, when closed


@dataclass
class Rule:
    id: str
    pack: str
    title: dict[str, str]
    description: dict[str, str]
    severity: Severity
    outcome: Outcome
    references: dict[str, list[str]]
    params: dict[str, Any]
    messages: dict[str, dict[str, str]]  # message key -> lang -> template
    examples: list[dict[str, Any]]
    applies_to: frozenset[str]
    tags: list[str]
    aliases: list[str]
    path: Path
    check_name: str | None = None
    kind: str | None = None
    data: Any = None  # the generic kind's data (patterns, swaps...), loaded
    raw: dict = field(default_factory=dict, repr=False)
    needs: frozenset[str] = frozenset()  # the engines its check asks for (@check(needs=...))

    @cached_property
    def check(self) -> Check:
        """The check function, imported on first use (a run served by the cache imports none)."""
        if self.kind:  # always ours: a `generic.py` of a house rule folder is not this one
            return getattr(importlib.import_module("inclusicheck.checks.generic"), KIND_CHECKS[self.kind])
        return resolve_check(self.check_name, self.path)

    def message(self, key: str, lang: str) -> str:
        variants = self.messages.get(key) or self.messages["default"]
        return variants.get(lang) or variants["fr"]


def resolve_check(name: str, path: Path | str) -> Check:
    """`module.function`: in a house rule folder, from `module.py` next to the rule file when there
    is one; else from inclusicheck/checks/."""
    module_name, _, func = name.rpartition(".")
    try:
        module = _house_module(module_name, Path(path)) or importlib.import_module(f"inclusicheck.checks.{module_name}")
        fn = getattr(module, func)
    except (ImportError, AttributeError) as exc:
        raise RuleError(path, "check", f"no check function '{name}' ({exc})") from None
    return fn


def _house_module(name: str, rule_path: Path):
    """The module of a house rule's own check (`<name>.py` in the rule's folder), imported once."""
    folder = rule_path.parent
    file = folder.joinpath(*name.split(".")).with_suffix(".py")
    if folder.resolve().is_relative_to(BUILTIN_RULES.resolve()) or not file.is_file():
        return None
    module_name = f"inclusicheck_house_{hashlib.sha1(str(file.resolve()).encode()).hexdigest()[:12]}_{file.stem}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, file)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # the commune's code: its error is a rule error, naming the file
            raise RuleError(rule_path, "check", f"{file} cannot be imported ({type(exc).__name__}: {exc})") from None
        sys.modules[module_name] = module
    return sys.modules[module_name]


@dataclass(frozen=True)
class Metric:
    """A pack's metric function (`@metric` in inclusicheck/checks/<pack>.py), imported on first call."""
    module: str
    name: str
    needs: frozenset[str]

    def __call__(self, doc, ctx) -> dict:
        return getattr(importlib.import_module(self.module), self.name)(doc, ctx)


class Registry:
    """Every known pack and rule. Rules are looked up by id or alias."""

    def __init__(self, packs: dict[str, Pack], rules: dict[str, Rule], metrics: dict[str, list[Metric]]):
        self.packs = packs
        self.rules = rules
        self.pack_metrics = metrics  # pack -> its metrics
        self.aliases = {alias: r.id for r in rules.values() for alias in r.aliases}
        self.house_roots: list[Path] = []  # the rule_paths folders (set by load_registry)

    @cached_property
    def house_signature(self) -> str:
        """A hash of every file of the house rule folders (rules, data, check modules): part of the
        result cache's key, as code_signature is for our own rules and code."""
        return house_signature(self.house_roots)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(self.aliases.get(rule_id, rule_id))

    def suggest(self, name: str, most: int = 3) -> list[str]:
        """The rule ids closest to a mistyped `name` ("wcag.colour-contrast"), best first; a rule
        name without its pack ("color-contrast") gives the rules of that name in every pack."""
        ids = sorted(self.rules)
        by_slug: dict[str, list[str]] = {}
        for rule_id in ids:
            by_slug.setdefault(rule_id.partition(".")[2], []).append(rule_id)
        if name in by_slug:
            return by_slug[name]
        found = [self.aliases.get(c, c) for c in difflib.get_close_matches(name, [*ids, *self.aliases], most)]
        if "." not in name:
            found += [i for slug in difflib.get_close_matches(name, by_slug, most) for i in by_slug[slug]]
        return list(dict.fromkeys(found))[:most]

    def matching(self, pattern: str) -> list[Rule]:
        """Rules matching an id, an alias, a pack name or a glob such as `falc.*`."""
        if pattern in self.packs:
            pattern = f"{pattern}.*"
        canonical = self.aliases.get(pattern, pattern)
        return [r for r in self.rules.values() if fnmatch.fnmatchcase(r.id, canonical)]

    def select(self, packs: Iterable[str] | None = None, include: Iterable[str] = (),
               exclude: Iterable[str] = (), off: Iterable[str] = ()) -> list[Rule]:
        """The enabled rules: in the chosen packs (all when None), narrowed to `include`
        patterns when given, minus `exclude` patterns and rules switched off."""
        packs = set(packs) if packs else set(self.packs)
        chosen = [r for r in self.rules.values() if r.pack in packs or r.pack == "inclusicheck"]
        include = list(include)
        if include:
            wanted = {r.id for p in include for r in self.matching(p)}
            chosen = [r for r in chosen if r.id in wanted]
        dropped = {r.id for p in [*exclude, *off] for r in self.matching(p)}
        return sorted((r for r in chosen if r.id not in dropped), key=lambda r: r.id)

    def metrics(self, packs: Iterable[str]) -> list[Metric]:
        """The metrics of the given packs."""
        return [m for pack in sorted(set(packs)) for m in self.pack_metrics.get(pack, [])]


def house_signature(roots: list[Path]) -> str:
    """A hash of every file of the house rule folders (their Python caches aside)."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"\0{path}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
