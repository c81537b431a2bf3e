"""Loads the rule packs (YAML data) into a registry, validates them, and selects rules.

A pack is a folder `<pack>/` holding `pack.yml` and one `<slug>.yml` per rule. The built-in
packs live in `inclusicheck/rules/`; a commune can add folders of its own (`rule_paths` in config).
A rule either names its check function (`check: module.function`) or is of a generic data-only
kind (`kind: existence | substitution | pair`, see checks/generic.py).
"""
from __future__ import annotations

import fnmatch
import importlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from .checks import Check
from .model import Outcome, Severity

BUILTIN_RULES = Path(__file__).parent / "rules"
LANGS = ("fr", "en")
RULE_ID = re.compile(r"^[a-z][a-z0-9]*\.[a-z0-9]+(-[a-z0-9]+)*$")
GENERIC_KINDS = {"existence", "substitution", "pair"}
DOC_KINDS = {"page", "newsletter", "pdf"}
RULE_FIELDS = {
    "id", "title", "description", "severity", "outcome", "references", "params", "check", "kind",
    "data", "message", "messages", "examples", "applies_to", "tags", "aliases",
}


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

    @cached_property
    def check(self) -> Check:
        if self.kind:
            from .checks import generic
            return generic.KINDS[self.kind]
        return resolve_check(self.check_name, self.path)

    @property
    def needs(self) -> frozenset[str]:
        return getattr(self.check, "needs", frozenset())

    def message(self, key: str, lang: str) -> str:
        variants = self.messages.get(key) or self.messages["default"]
        return variants.get(lang) or variants["fr"]


def resolve_check(name: str, path: Path | str) -> Check:
    module_name, _, func = name.rpartition(".")
    try:
        module = importlib.import_module(f"inclusicheck.checks.{module_name}")
        fn = getattr(module, func)
    except (ImportError, AttributeError) as exc:
        raise RuleError(path, "check", f"no check function '{name}' ({exc})") from None
    return fn


class Registry:
    """Every known pack and rule. Rules are looked up by id or alias."""

    def __init__(self, packs: dict[str, Pack], rules: dict[str, Rule]):
        self.packs = packs
        self.rules = rules
        self.aliases = {alias: r.id for r in rules.values() for alias in r.aliases}

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(self.aliases.get(rule_id, rule_id))

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

    def metrics(self, packs: Iterable[str]) -> list[Callable]:
        """Metric functions of the given packs (defined in inclusicheck/checks/<pack>.py)."""
        found = []
        for pack in sorted(set(packs)):
            try:
                module = importlib.import_module(f"inclusicheck.checks.{pack}")
            except ImportError:
                continue
            found += [fn for fn in vars(module).values() if getattr(fn, "is_metric", False)]
        return found


def load_registry(extra_paths: Iterable[Path] = ()) -> Registry:
    packs: dict[str, Pack] = {}
    rules: dict[str, Rule] = {}
    roots = [BUILTIN_RULES, *map(Path, extra_paths)]
    for root in roots:
        pack_dirs = [root] if (root / "pack.yml").exists() else sorted(
            p for p in root.iterdir() if (p / "pack.yml").exists())
        for pack_dir in pack_dirs:
            pack = packs.get(pack_dir.name) or _load_pack(pack_dir)
            packs[pack.id] = pack
            for rule_file in sorted(pack_dir.glob("*.yml")):
                if rule_file.name == "pack.yml":
                    continue
                rule = load_rule(rule_file, pack)
                if rule.id in rules:
                    raise RuleError(rule_file, "id", f"'{rule.id}' is already defined in {rules[rule.id].path}")
                rules[rule.id] = rule
    registry = Registry(packs, rules)
    for alias, target in registry.aliases.items():
        if alias in rules:
            raise RuleError(rules[target].path, "aliases", f"'{alias}' is the id of another rule")
    return registry


def load_yaml(text: str):
    """yaml.safe_load, with libyaml's C parser when PyYAML has it (8× faster: every run reads
    every rule file)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _read_yaml(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleError(path, "(yaml)", str(exc).replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise RuleError(path, "(root)", "must be a mapping")
    return data


def _texts(data: dict, key: str, path: Path, required: bool = True) -> dict[str, str]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                              for lang in LANGS):
        raise RuleError(path, key, "needs non-empty 'fr' and 'en' texts")
    return value


def _severity(value: Any, path: Path, key: str = "severity") -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise RuleError(path, key, f"'{value}' is not one of error, warning, info") from None


def _load_pack(pack_dir: Path) -> Pack:
    path = pack_dir / "pack.yml"
    data = _read_yaml(path)
    if data.get("id") != pack_dir.name:
        raise RuleError(path, "id", f"must be the folder name '{pack_dir.name}'")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise RuleError(path, "settings", "must be a mapping")
    choices = data.get("setting_choices") or {}
    if not isinstance(choices, dict) or not all(k in settings and isinstance(v, list) and settings[k] in v
                                                for k, v in choices.items()):
        raise RuleError(path, "setting_choices", "must map settings to lists of values that include the default")
    return Pack(id=data["id"], title=_texts(data, "title", path),
                description=_texts(data, "description", path),
                severity=_severity(data.get("severity", "warning"), path), settings=settings,
                path=pack_dir, choices=choices)


def load_rule(path: Path, pack: Pack) -> Rule:
    data = _read_yaml(path)
    unknown = set(data) - RULE_FIELDS
    if unknown:
        raise RuleError(path, sorted(unknown)[0], f"unknown field (allowed: {', '.join(sorted(RULE_FIELDS))})")
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise RuleError(path, "id", f"'{rule_id}' is not of the form pack.slug")
    if rule_id != f"{pack.id}.{path.stem}":
        raise RuleError(path, "id", f"must be '{pack.id}.{path.stem}' (pack folder + file name)")

    messages = _messages(data, path)
    references = data.get("references") or {}
    if not isinstance(references, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in references.values()):
        raise RuleError(path, "references", "must map a standard to a list of strings")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise RuleError(path, "params", "must be a mapping")
    applies_to = frozenset(data.get("applies_to") or DOC_KINDS)
    if not applies_to <= DOC_KINDS:
        raise RuleError(path, "applies_to", f"unknown document kinds {sorted(applies_to - DOC_KINDS)}")
    try:
        outcome = Outcome(data.get("outcome", "fail"))
    except ValueError:
        raise RuleError(path, "outcome", "must be fail or review") from None

    check_name, kind = data.get("check"), data.get("kind")
    if bool(check_name) == bool(kind):
        raise RuleError(path, "check", "a rule needs exactly one of 'check' or 'kind'")
    if kind and kind not in GENERIC_KINDS:
        raise RuleError(path, "kind", f"'{kind}' is not one of {', '.join(sorted(GENERIC_KINDS))}")

    rule = Rule(
        id=rule_id, pack=pack.id, title=_texts(data, "title", path),
        description=_texts(data, "description", path),
        severity=_severity(data.get("severity", pack.severity.value), path), outcome=outcome,
        references=references, params=params, messages=messages,
        examples=_examples(data, path), applies_to=applies_to, tags=list(data.get("tags") or []),
        aliases=list(data.get("aliases") or []), path=path, check_name=check_name, kind=kind,
        raw=data)
    if kind:
        from .checks import generic
        rule.data = generic.load_data(rule, data.get("data"))
    else:
        rule.check  # resolve now: a typo in `check:` is an error at load time, naming the file
    return rule


def _messages(data: dict, path: Path) -> dict[str, dict[str, str]]:
    if "message" in data:
        return {"default": _texts(data, "message", path)}
    variants = data.get("messages")
    if not isinstance(variants, dict) or "default" not in variants:
        raise RuleError(path, "message", "needs 'message' (fr/en) or 'messages' with a 'default' key")
    return {key: _texts(variants, key, path) for key in variants}


def _examples(data: dict, path: Path) -> list[dict]:
    examples = data.get("examples")
    if not isinstance(examples, list) or not examples:
        raise RuleError(path, "examples", "needs a list of examples")
    for example in examples:
        if not isinstance(example, dict) or len({"fail", "pass"} & set(example)) != 1:
            raise RuleError(path, "examples", "each example has exactly one of 'fail' or 'pass'")
    kinds = {k for e in examples for k in ("fail", "pass") if k in e}
    if kinds != {"fail", "pass"}:
        raise RuleError(path, "examples", "needs at least one 'fail' and one 'pass' example")
    return examples
