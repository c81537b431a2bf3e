"""Loads the rule packs (YAML data) into a registry and validates them.

A pack is a folder `<pack>/` holding `pack.yml` and one `<slug>.yml` per rule. The built-in
packs live in `inclusicheck/rules/`; a commune can add folders of its own (`rule_paths` in config).

The registry can be kept as a snapshot in the result cache's folder (see load_registry): what the
rule files hold once parsed, each check's needs and each pack's metrics, as JSON.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from ..cache import code_signature, read_entry, write_entry
from ..model import Outcome, Severity
from .generic_data import load_data
from .registry import BUILTIN_RULES, KIND_CHECKS, Metric, Pack, Registry, Rule, RuleError, house_signature

LANGS = ("fr", "en")
RULE_ID = re.compile(r"^[a-z][a-z0-9]*\.[a-z0-9]+(-[a-z0-9]+)*$")
DOC_KINDS = {"page", "newsletter", "pdf", "text", "markdown", "docx", "odt", "social"}
RULE_FIELDS = {
    "id", "title", "description", "severity", "outcome", "references", "params", "check", "kind",
    "data", "message", "messages", "examples", "applies_to", "tags", "aliases",
}
EXAMPLE_FIELDS = {"fail", "pass", "count", "selectors", "kind", "lang", "with", "config"}  # see tests/rules_test.py


SNAPSHOT = "inclusicheck/registry/v1"


def load_registry(extra_paths: Iterable[Path] = (), snapshot_dir: Path | None = None) -> Registry:
    """Every pack and rule of the built-in folder and of `extra_paths` (house rules).

    With `snapshot_dir` (the result cache's folder), the registry is kept there as JSON under a key
    made of our code and every rule file: a later run with the same files builds it again without
    parsing YAML or importing a check module (most of a cached re-run's start-up). Rules are
    validated in full, check names included, whenever the snapshot is made."""
    roots = [BUILTIN_RULES, *map(Path, extra_paths)]
    if snapshot_dir is None:
        return _build(roots, RuleFiles())
    path = Path(snapshot_dir) / "registry.json"
    house = house_signature(roots[1:])
    key = _snapshot_key(house)
    snapshot = _read_snapshot(path, key)
    if snapshot is not None:
        try:
            registry = _build(roots, RuleFiles(snapshot))
            registry.house_signature = house  # the house files are read once a run
            return registry
        except Exception:  # a damaged snapshot is never trusted: the files are read again
            pass
    files = RuleFiles()
    registry = _build(roots, files)
    registry.house_signature = house
    _write_snapshot(path, key, files, registry)
    return registry


def _build(roots: list[Path], files: RuleFiles) -> Registry:
    packs: dict[str, Pack] = {}
    rules: dict[str, Rule] = {}
    for root in roots:
        pack_dirs = [root] if (root / "pack.yml").exists() else sorted(
            p for p in root.iterdir() if (p / "pack.yml").exists())
        for pack_dir in pack_dirs:
            pack = packs.get(pack_dir.name) or _load_pack(pack_dir, files)
            packs[pack.id] = pack
            for rule_file in sorted(pack_dir.glob("*.yml")):
                if rule_file.name == "pack.yml":
                    continue
                rule = load_rule(rule_file, pack, files)
                if rule.id in rules:
                    raise RuleError(rule_file, "id", f"'{rule.id}' is already defined in {rules[rule.id].path}")
                rules[rule.id] = rule
    metrics = files.metrics if not files.fresh else {pack: _find_metrics(pack) for pack in packs}
    registry = Registry(packs, rules, metrics)
    registry.house_roots = roots[1:]
    for alias, target in registry.aliases.items():
        if alias in rules:
            raise RuleError(rules[target].path, "aliases", f"'{alias}' is the id of another rule")
    return registry


class RuleFiles:
    """Reads the rule files for load_registry: from the snapshot when there is one (each check's
    needs and each pack's metrics too), else from disk, keeping what it parsed for the next one."""

    def __init__(self, snapshot: dict | None = None):
        self.fresh = snapshot is None
        self.parsed: dict[str, Any] = dict(snapshot["files"]) if snapshot else {}
        self.needs: dict[str, list[str]] = dict(snapshot["needs"]) if snapshot else {}
        self.metrics = {pack: [Metric(module, name, frozenset(needs)) for module, name, needs in found]
                        for pack, found in snapshot["metrics"].items()} if snapshot else {}

    def yaml(self, path: Path) -> Any:
        name = str(path)
        if name not in self.parsed:
            self.parsed[name] = load_yaml(path)
        return self.parsed[name]


def _find_metrics(pack: str) -> list[Metric]:
    try:
        module = importlib.import_module(f"inclusicheck.checks.{pack}")
    except ImportError:  # a house pack: no metrics
        return []
    return [Metric(module.__name__, fn.__name__, fn.needs) for fn in vars(module).values()
            if getattr(fn, "is_metric", False)]


def _snapshot_key(house: str) -> str:
    """Our code and built-in rules (code_signature), the Python version, and every house rule file."""
    return hashlib.sha256(f"{SNAPSHOT}|{code_signature()}|{sys.version}|{house}".encode()).hexdigest()


def _read_snapshot(path: Path, key: str) -> dict | None:
    entry = read_entry(path, SNAPSHOT, key)
    try:
        return json.loads(entry[1]) if entry is not None else None
    except ValueError:
        return None


def _write_snapshot(path: Path, key: str, files: RuleFiles, registry: Registry) -> None:
    data = {"files": files.parsed,
            "needs": {rule.id: sorted(rule.needs) for rule in registry.rules.values()},
            "metrics": {pack: [[m.module, m.name, sorted(m.needs)] for m in found]
                        for pack, found in registry.pack_metrics.items()}}
    body = json.dumps(data, ensure_ascii=False, default=repr)
    if json.loads(body) == data:  # YAML can hold what JSON cannot (dates...): then no snapshot
        write_entry(path, {"format": SNAPSHOT, "key": key}, body)


def load_yaml(path: Path):
    """yaml.safe_load, with libyaml's C parser when PyYAML has it (8× faster)."""
    import yaml  # not needed when the registry comes from its snapshot
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise RuleError(path, "(yaml)", str(exc).replace("\n", " ")) from None


def _read_yaml(path: Path, files: RuleFiles) -> dict:
    data = files.yaml(path)
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


def _load_pack(pack_dir: Path, files: RuleFiles) -> Pack:
    path = pack_dir / "pack.yml"
    data = _read_yaml(path, files)
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


def load_rule(path: Path, pack: Pack, files: RuleFiles) -> Rule:
    data = _read_yaml(path, files)
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
    if kind and kind not in KIND_CHECKS:
        raise RuleError(path, "kind", f"'{kind}' is not one of {', '.join(sorted(KIND_CHECKS))}")

    rule = Rule(
        id=rule_id, pack=pack.id, title=_texts(data, "title", path),
        description=_texts(data, "description", path),
        severity=_severity(data.get("severity", pack.severity.value), path), outcome=outcome,
        references=references, params=params, messages=messages,
        examples=_examples(data, path), applies_to=applies_to, tags=list(data.get("tags") or []),
        aliases=list(data.get("aliases") or []), path=path, check_name=check_name, kind=kind,
        raw=data)
    if kind:
        rule.data = load_data(rule, data.get("data"), files)
    if not files.fresh:
        rule.needs = frozenset(files.needs[rule_id])
    else:  # resolve now: a typo in `check:` is an error at load time, naming the file
        rule.needs = getattr(rule.check, "needs", frozenset())
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
        if set(example) - EXAMPLE_FIELDS:  # a misspelt key would make its test weaker, silently
            raise RuleError(path, "examples", f"unknown key '{sorted(set(example) - EXAMPLE_FIELDS)[0]}' "
                                              f"(allowed: {', '.join(sorted(EXAMPLE_FIELDS))})")
    kinds = {k for e in examples for k in ("fail", "pass") if k in e}
    if kinds != {"fail", "pass"}:
        raise RuleError(path, "examples", "needs at least one 'fail' and one 'pass' example")
    return examples
