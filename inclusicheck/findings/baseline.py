"""Baselines: the known findings a CI job accepts for now, so that it fails only on new ones.

A baseline file is JSON: {"schema": "inclusicheck/baseline/v1", "findings": [{fingerprint, rule, uri,
message}, ...]}. Matching is by fingerprint only (rule, document, element and text — not line
numbers), so findings survive unrelated edits and come back when their element or text changes.
Rule, uri and message are there for the people who read the file in a merge request.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..config import ConfigError
from ..model import DocumentResult, RunResult

SCHEMA = "inclusicheck/baseline/v1"


def load_baseline(path: str | Path) -> set[str]:
    path = Path(path)
    if not path.exists():
        return set()  # a first run with --update-baseline creates it
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            raise ConfigError("baseline.not_baseline", where=f"--baseline {path}", schema=repr(data.get("schema")))
        return {f["fingerprint"] for f in data["findings"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # ConfigError is none of these
        raise ConfigError("baseline.unreadable", where=f"--baseline {path}", reason=str(exc)) from None


def mark_known(doc: DocumentResult, known: set[str]) -> None:
    for finding in doc.findings:
        finding.baselined = finding.fingerprint in known


def write_baseline(path: str | Path, result: RunResult) -> int:
    entries = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "uri": d.uri, "message": f.message}
         for d in result.documents for f in d.findings),
        key=lambda e: (e["uri"], e["rule"], e["fingerprint"]))
    Path(path).write_text(json.dumps({"schema": SCHEMA, "findings": entries}, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    return len(entries)
