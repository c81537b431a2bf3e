"""The rule and pack files against their JSON Schemas (inclusicheck/schemas/rule-v1.json, pack-v1.json),
and the message keys the checks yield against the messages their rules declare.

jsonschema is a dev dependency: the loader (packs/loading.py) keeps its own checks at load, and these tests keep
the schema and the loader in agreement (every shipped file valid for both, every broken one refused
by both)."""
import ast
import copy
import json

import pytest
import yaml

from inclusicheck.packs import RuleError
from inclusicheck.packs.loading import EXAMPLE_FIELDS, RULE_FIELDS, RuleFiles, _load_pack, load_rule
from inclusicheck.packs.registry import BUILTIN_RULES

from .conftest import ROOT

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency (pip install -e .[dev])")
from referencing import Registry, Resource  # noqa: E402  (jsonschema's own dependency)

SCHEMAS = ROOT / "inclusicheck" / "schemas"
RULE_SCHEMA = json.loads((SCHEMAS / "rule-v1.json").read_text(encoding="utf-8"))
PACK_SCHEMA = json.loads((SCHEMAS / "pack-v1.json").read_text(encoding="utf-8"))
SCHEMA_REGISTRY = Registry().with_resource("rule-v1.json", Resource.from_contents(RULE_SCHEMA))
HOUSE_EXAMPLE = ROOT / "docs" / "regles-maison"  # CONTRIBUTING.md's worked example
RULE_FILES = sorted(p for root in (BUILTIN_RULES, HOUSE_EXAMPLE) for p in root.glob("*/*.yml") if p.name != "pack.yml")


def validator(schema):
    return jsonschema.Draft202012Validator(schema, registry=SCHEMA_REGISTRY)


def schema_errors(schema, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(data)]


def test_schemas_are_valid_json_schemas():
    jsonschema.Draft202012Validator.check_schema(RULE_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(PACK_SCHEMA)


def test_schema_and_loader_know_the_same_fields():
    assert set(RULE_SCHEMA["properties"]) == RULE_FIELDS
    assert set(RULE_SCHEMA["$defs"]["example"]["properties"]) == EXAMPLE_FIELDS


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_rule_file_is_valid(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema_errors(RULE_SCHEMA, data) == []
    if isinstance(data.get("data"), str):  # a generic kind's data file
        data_file = yaml.safe_load((path.parent / data["data"]).read_text(encoding="utf-8"))
        assert schema_errors({"$ref": "rule-v1.json#/$defs/data"}, data_file) == []


@pytest.mark.parametrize("path", sorted([*BUILTIN_RULES.glob("*/pack.yml"), *HOUSE_EXAMPLE.glob("*/pack.yml")]),
                         ids=lambda p: p.parent.name)
def test_every_pack_file_is_valid(path):
    assert schema_errors(PACK_SCHEMA, yaml.safe_load(path.read_text(encoding="utf-8"))) == []


HOUSE_RULE = {
    "id": "maison.jargon",
    "title": {"fr": "Jargon administratif", "en": "Administrative jargon"},
    "description": {"fr": "Mots de jargon.", "en": "Jargon words."},
    "kind": "existence",
    "data": {"patterns": ["susvisé"]},
    "message": {"fr": "« {match} » : jargon.", "en": "“{match}”: jargon."},
    "examples": [{"fail": "<p>Le document susvisé.</p>"}, {"pass": "<p>Ce document.</p>"}],
}

BROKEN = {  # what is wrong -> the change that breaks the valid rule above
    "unknown field": lambda r: r.update(colour="red"),
    "no English title": lambda r: r["title"].pop("en"),
    "blank French message": lambda r: r["message"].update(fr="  "),
    "both check and kind": lambda r: r.update(check="wcag.links.link_text"),
    "neither check nor kind": lambda r: [r.pop("kind"), r.pop("data")],
    "unknown kind": lambda r: r.update(kind="regex"),
    "unknown severity": lambda r: r.update(severity="critical"),
    "unknown outcome": lambda r: r.update(outcome="maybe"),
    "unknown document kind": lambda r: r.update(applies_to=["page", "poster"]),
    "no message": lambda r: r.pop("message"),
    "messages without default": lambda r: [r.pop("message"), r.update(messages={"long": r["title"]})],
    "no pass example": lambda r: r.update(examples=[{"fail": "<p>susvisé</p>"}, {"fail": "<p>susvisée</p>"}]),
    "example with fail and pass": lambda r: r["examples"].append({"fail": "a", "pass": "b"}),
    "misspelt example key": lambda r: r["examples"][0].update(selector=["p"]),
    "references not lists": lambda r: r.update(references={"wcag": "1.1.1"}),
    "params not a mapping": lambda r: r.update(params=[1, 2]),
    "unknown data key": lambda r: r["data"].update(words=["x"]),
    "bad id": lambda r: r.update(id="Maison.Jargon"),
}


def load_house_rule(tmp_path, data):
    pack_dir = tmp_path / "maison"
    pack_dir.mkdir(exist_ok=True)
    (pack_dir / "pack.yml").write_text(yaml.safe_dump({"id": "maison", "title": {"fr": "Maison", "en": "House"},
                                                        "description": {"fr": "Règles.", "en": "Rules."}}))
    path = pack_dir / "jargon.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = RuleFiles()
    return load_rule(path, _load_pack(pack_dir, files), files)


def test_a_valid_house_rule_passes_both(tmp_path):
    assert schema_errors(RULE_SCHEMA, HOUSE_RULE) == []
    assert load_house_rule(tmp_path, HOUSE_RULE).id == "maison.jargon"


@pytest.mark.parametrize("problem", BROKEN)
def test_a_broken_rule_is_refused_by_schema_and_loader(tmp_path, problem):
    rule = copy.deepcopy(HOUSE_RULE)
    BROKEN[problem](rule)
    assert schema_errors(RULE_SCHEMA, rule), f"the schema accepts a rule with {problem}"
    with pytest.raises(RuleError):
        load_house_rule(tmp_path, rule)


# Message keys. A Hit's message_key must be declared in its rule's `messages`: Rule.message falls back
# to the default message, so a typo would silently show a vaguer text. Literal keys are read from the
# check modules' source here; computed keys (message_key=key) are checked as rules_test.py runs every
# example (test_rule_example records the keys asked for).

def literal_message_keys(tree: ast.AST) -> set[str]:
    """Strings given as `message_key=...` or assigned to `x.message_key` (also in tuples and `a if c else b`)."""
    values = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "message_key":
            values.append(node.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                pairs = zip(target.elts, node.value.elts) if isinstance(target, ast.Tuple) and isinstance(
                    node.value, ast.Tuple) else [(target, node.value)]
                values += [v for t, v in pairs if isinstance(t, ast.Attribute) and t.attr == "message_key"]
    keys = set()
    while values:
        value = values.pop()
        if isinstance(value, ast.IfExp):
            values += [value.body, value.orelse]
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            keys.add(value.value)
    return keys


def test_literal_message_keys_are_declared_by_a_rule_of_their_module():
    from .rules_test import REGISTRY
    declared: dict[str, set[str]] = {}
    for rule in REGISTRY.rules.values():
        if rule.check_name:
            declared.setdefault(rule.check_name.rpartition(".")[0], set()).update(rule.messages)
    checked = 0
    for module, keys in declared.items():
        path = f"checks/{module.replace('.', '/')}.py"  # falc.sentences: checks/falc/sentences.py
        used = literal_message_keys(ast.parse((ROOT / "inclusicheck" / path).read_text(encoding="utf-8")))
        assert used <= keys, f"{path} yields message keys no rule of it declares: {sorted(used - keys)}"
        checked += len(used)
    assert checked > 50  # the walk finds the keys (74 `message_key` places in checks/ when written)


def test_literal_message_keys_finds_every_form():
    tree = ast.parse('Hit(message_key="a"); h.message_key = "b"; h.message_key, h.outcome = "c", 1\n'
                     'Hit(message_key="d" if x else "e"); Hit(message_key=key)')
    assert literal_message_keys(tree) == {"a", "b", "c", "d", "e"}
