"""The data that flows through a run: Document -> (checks) -> Finding -> DocumentResult -> RunResult.

Everything a reporter needs is here; nothing here knows how it was computed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Outcome(str, Enum):
    FAIL = "fail"
    REVIEW = "review"  # a person must look (axe "incomplete", heuristics)


@dataclass
class Location:
    line: int | None = None
    column: int | None = None
    selector: str | None = None
    page: int | None = None  # PDF or office document page, 1-based

    def to_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "selector": self.selector, "page": self.page}


@dataclass
class Occurrence:
    """One hit of a finding that groups the repeats of a rule in one block. `span`: its characters
    inside the finding's snippet (None when the snippet does not show it)."""
    location: Location
    text: str
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        return {"location": self.location.to_dict(), "text": self.text,
                "span": list(self.span) if self.span else None}


@dataclass
class Block:
    """A unit of text a reader sees as one piece: a paragraph, a heading, a list item, a cell,
    a line separated by <br>, the title, an image's alt text, an e-mail subject, a PDF paragraph.

    `element` is the lxml element the text comes from (None for text without a DOM, e.g. PDF);
    `lang_spans` are (start, end, lang) ranges of inline children with a lang of their own;
    `code_spans` are (start, end) ranges of inline code (<code>, <kbd>, <samp>, <var>), whose
    characters rules' hits are ignored in.
    """
    text: str
    kind: str
    lang: str | None
    element: Any = None
    line: int | None = None
    column: int | None = None
    page: int | None = None
    lang_spans: list[tuple[int, int, str]] = field(default_factory=list)
    where: str | None = None  # a place in a document without a DOM ("§12 › heading"): the selector
    code_spans: list[tuple[int, int]] = field(default_factory=list)  # inline <code>, <kbd>…: not prose


@dataclass
class Document:
    """One checked target, parsed once. `tree` is the lxml root element (None when the source
    has no DOM). `meta` carries source-specific facts (e-mail subject, PDF info...)."""
    uri: str
    kind: str  # page | newsletter | pdf | text | markdown | docx | odt
    source: str
    tree: Any
    blocks: list[Block]
    lang: str | None = None
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    path: str | None = None  # local file path, when there is one (browser loads it with its assets)


@dataclass
class Finding:
    rule: str
    pack: str
    severity: Severity
    outcome: Outcome
    message: str
    location: Location
    snippet: str | None = None
    suggestion: str | None = None
    references: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""
    span: tuple[int, int] | None = None  # the flagged characters inside `snippet`
    anchor: str = field(default="", repr=False)  # what the fingerprint is made of (not reported)
    baselined: bool = False  # known in the --baseline file: reported, but never fails the run
    # every hit grouped in this finding, the first included; empty when it stands for one hit
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many hits the finding stands for (the summary counts findings, not this)."""
        return max(1, len(self.occurrences))

    def fails(self, fail_on: str) -> bool:
        return fails(self.severity, self.outcome, self.baselined, fail_on)

    def to_review(self, note: str, severity: "Severity | None" = None) -> None:
        """A person must look (a hint, never a failure): outcome `review`, at most `warning` (or
        `severity`), and the reason said at the end of the message."""
        self.outcome = Outcome.REVIEW
        self.severity = severity or (Severity.WARNING if self.severity is Severity.ERROR else self.severity)
        self.message = f"{self.message} {note}"

    def to_dict(self) -> dict:
        return {
            "rule": self.rule, "pack": self.pack, "severity": self.severity.value,
            "outcome": self.outcome.value, "message": self.message,
            "location": self.location.to_dict(), "snippet": self.snippet,
            "suggestion": self.suggestion, "references": self.references,
            "fingerprint": self.fingerprint, "span": list(self.span) if self.span else None,
            "baselined": self.baselined, "count": self.count,
            "occurrences": [o.to_dict() for o in self.occurrences],
        }


@dataclass
class DocumentResult:
    uri: str
    kind: str
    lang: str | None = None
    status: str = "checked"  # checked | error
    error: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # The checked text (HTML) and its title, for reporters that show the page itself (HTML report,
    # RGAA applicability). Set by the runner; not part of the JSON contract.
    source: str | None = field(default=None, repr=False, compare=False)
    title: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "uri": self.uri, "kind": self.kind, "lang": self.lang, "status": self.status,
            "error": self.error, "metrics": self.metrics,
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        """to_dict() as the JSON report nests it in "documents" (indent 2, two levels in)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")

    def tally(self) -> dict[tuple[str, str, str, bool], int]:
        """How many findings of each (pack, severity, outcome, baselined): all that the summary
        and the exit code count."""
        counts: dict[tuple[str, str, str, bool], int] = {}
        for f in self.findings:
            key = (f.pack, f.severity.value, f.outcome.value, f.baselined)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def fails(self, fail_on: str) -> bool:
        """Does one of its findings fail the run?"""
        return any(fails(severity, outcome, baselined, fail_on) for _, severity, outcome, baselined in self.tally())


def fails(severity: str, outcome: str, baselined: bool, fail_on: str) -> bool:
    """Does a finding fail the run (exit code, JUnit)? A `fail` at or above the --fail-on
    threshold that the --baseline does not already know. Review outcomes never do."""
    return (outcome == Outcome.FAIL and fail_on != "never" and not baselined
            and Severity(severity).rank >= Severity(fail_on).rank)


@dataclass
class Skipped:
    """Rules that did not run at all in this run, and why (reported once, not per page)."""
    rules: list[str]
    reason: str

    def to_dict(self) -> dict:
        return {"rules": self.rules, "reason": self.reason}


@dataclass
class RunResult:
    tool: dict[str, Any]
    documents: list[DocumentResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> dict:
        by_severity: dict[str, int] = {}
        by_pack: dict[str, int] = {}
        by_outcome: dict[str, int] = {}
        total = baselined = 0
        for doc in self.documents:
            for (pack, severity, outcome, known), n in doc.tally().items():
                by_severity[severity] = by_severity.get(severity, 0) + n
                by_pack[pack] = by_pack.get(pack, 0) + n
                by_outcome[outcome] = by_outcome.get(outcome, 0) + n
                total += n
                baselined += n if known else 0
        return {
            "documents": len(self.documents),
            "findings": total,
            "by_severity": by_severity,
            "by_pack": by_pack,
            "by_outcome": by_outcome,
            "errors": sum(d.status == "error" for d in self.documents),
            "baselined": baselined,
        }

    def to_dict(self) -> dict:
        return {
            "schema": "inclusicheck/report/v1",
            "tool": self.tool,
            "documents": [d.to_dict() for d in self.documents],
            "skipped": [s.to_dict() for s in self.skipped],
            "summary": self.summary(),
        }
