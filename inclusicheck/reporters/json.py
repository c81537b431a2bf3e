"""The JSON report: the contract of DESIGN.md, schema inclusicheck/schemas/report-v1.json."""
from __future__ import annotations

import json

from . import Reporter


class JsonReporter(Reporter):
    def finish(self, result):
        json.dump(result.to_dict(), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
