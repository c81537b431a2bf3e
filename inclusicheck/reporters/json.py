"""The JSON report: the contract of DESIGN.md, schema inclusicheck/schemas/report-v1.json."""
from __future__ import annotations

import json
import secrets

from ..model import RunResult
from . import Reporter


class JsonReporter(Reporter):
    def finish(self, result):
        self.stream.write(report_json(result))
        self.stream.write("\n")


def report_json(result) -> str:
    """json.dumps(result.to_dict(), indent=2), each document's text from DocumentResult.to_json()
    (a cached result has it already: encoding was most of a cached re-run's time)."""
    if not result.documents:
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    marker = f"documents-{secrets.token_hex(8)}"
    data = RunResult(result.tool, [], result.skipped).to_dict()
    data["documents"], data["summary"] = [marker], result.summary()
    head, tail = json.dumps(data, ensure_ascii=False, indent=2).split(f'"{marker}"')
    return head + ",\n    ".join(d.to_json() for d in result.documents) + tail
