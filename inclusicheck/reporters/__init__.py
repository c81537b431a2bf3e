"""Reporters: views of one RunResult. Each format is a module here with a Reporter subclass,
listed in FORMATS; the CLI never branches on format names.

A reporter receives results as they come (`add`, one document at a time) and writes when the
format allows it; `finish` always runs, even after Ctrl-C, so partial reports are written.
"""
from __future__ import annotations

import importlib
from typing import IO

from ..model import DocumentResult, Outcome, RunResult

FORMATS = {
    "terminal": "inclusicheck.reporters.terminal:TerminalReporter",
    "json": "inclusicheck.reporters.json:JsonReporter",
    "sarif": "inclusicheck.reporters.sarif:SarifReporter",
    "junit": "inclusicheck.reporters.junit:JunitReporter",
    "markdown": "inclusicheck.reporters.markdown:MarkdownReporter",
    "html": "inclusicheck.reporters.html:HtmlReporter",
    "rgaa": "inclusicheck.reporters.rgaa:RgaaReporter",
    "rgaa-ods": "inclusicheck.reporters.rgaa:RgaaOdsReporter",
}


class Reporter:
    binary = False  # True when the format is bytes (e.g. ODS, PDF)
    needs_source = False  # True when it shows the page itself (DocumentResult.source and title)

    def __init__(self, stream: IO, lang: str = "fr", **options):
        """Options the CLI passes to every reporter: `registry` (rule metadata), `rules` (ids of
        the rules that ran), `fail_on`. A reporter must work without them."""
        self.stream = stream
        self.lang = lang
        self.options = options

    def start(self, result: RunResult) -> None:
        pass

    def add(self, doc: DocumentResult) -> None:
        pass

    def finish(self, result: RunResult) -> None:
        pass


def kind_of(finding) -> str:
    """How reports class a finding: "review" when a person must look, else its severity."""
    return "review" if finding.outcome is Outcome.REVIEW else finding.severity.value


def reporter_class(name: str) -> type[Reporter]:
    module_name, _, cls = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module_name), cls)
