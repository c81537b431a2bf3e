"""The JSON report: the contract of DESIGN.md, schema inclusicheck/schemas/report-v1.json."""
from __future__ import annotations

import json
import secrets

from ..cache import document_json
from ..model import RunResult
from . import Reporter


class JsonReporter(Reporter):
    def finish(self, result):
        self.stream.write(report_json(result))
        self.stream.write("\n")


def report_json(result) -> str:
    """json.dumps(result.to_dict(), indent=2), with each document's text taken from the result
    cache when it has it (encoding is most of a cached re-run's time)."""
    if not result.documents:
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    marker = f"documents-{secrets.token_hex(8)}"
    data = RunResult(result.tool, [], result.skipped).to_dict()
    data["documents"], data["summary"] = [marker], result.summary()
    head, tail = json.dumps(data, ensure_ascii=False, indent=2).split(f'"{marker}"')
    texts = (d.json_text if d.json_text and not any(f.baselined for f in d.findings) else document_json(d)
             for d in result.documents)
    # a document nested in "documents" is its own text indented by two levels
    return head + ",\n    ".join(text.replace("\n", "\n    ") for text in texts) + tail
