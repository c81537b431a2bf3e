"""examples/ is the README's first run and functional test input (as bandit's examples)."""
import json

import jsonschema

from inclusicheck.cli import ExitCode
from inclusicheck.checks.wcag.axe import STATIC_TWINS
from inclusicheck.packs import load_registry

from .conftest import HAS_BROWSER, ROOT
from .helpers import run_cli

SCHEMA = json.loads((ROOT / "inclusicheck" / "schemas" / "report-v1.json").read_text())


def report(*args):
    code, out, _ = run_cli("check", "-q", "--format", "json", *args)
    return code, json.loads(out)


def test_examples_have_real_findings_and_a_valid_report():
    code, result = report(str(ROOT / "examples"), "--config", str(ROOT / "examples" / "inclusicheck.toml"),
                          *([] if HAS_BROWSER else ["--no-browser"]))
    jsonschema.validate(result, SCHEMA)
    assert code == ExitCode.FINDINGS
    assert all(d["status"] == "checked" for d in result["documents"]), [d["error"] for d in result["documents"]]
    originals = [d for d in result["documents"] if "-corrige" not in d["uri"]]
    corrected = [d for d in result["documents"] if "-corrige" in d["uri"]]
    assert originals and len(corrected) == len(originals)
    for doc in originals:
        assert doc["findings"], doc["uri"]
    for doc in corrected:
        serious = [(f["rule"], f["message"]) for f in doc["findings"]
                   if f["outcome"] == "fail" and f["severity"] in ("error", "warning")]
        assert not serious, (doc["uri"], serious)
    triggered = {f["rule"] for d in originals for f in d["findings"]}
    registry = load_registry()
    twins_running = {f"wcag.{axe_id}" for axe_id, twin in STATIC_TWINS.items() if twin in registry.rules}
    runnable = {r.id for r in registry.rules.values()
                if (HAS_BROWSER or "browser" not in r.needs)
                and (not {"best-practice", "wcag-aaa"} & set(r.tags)  # opt-in axe rules do not run by default
                     or "on-by-default" in r.tags)
                and r.id not in twins_running}  # silent when their static twin runs (checks/wcag/axe.py)
    assert runnable - triggered == set(), "rules no example triggers"


def test_docs_are_up_to_date():
    from inclusicheck.packs.docs import expected_docs
    for path, content in expected_docs(ROOT).items():
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run `make docs`"
