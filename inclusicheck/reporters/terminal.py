"""The terminal report (rich): findings grouped by document, each with a text label as well as a
colour (colour alone would fail our own rules), the snippet with the flagged span highlighted,
the suggestion, and a summary table by pack and severity."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..i18n import t
from ..model import Outcome, Severity
from . import Reporter, kind_of

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
REVIEW_STYLE = "magenta"
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
OFFICE_KINDS = {"docx", "odt"}  # documents whose findings are placed by paragraph (Location.selector)


class TerminalReporter(Reporter):
    def __init__(self, stream, lang="fr", **options):
        super().__init__(stream, lang, **options)
        self.console = options.get("console") or Console(file=stream, highlight=False, soft_wrap=True)

    def label(self, finding) -> Text:
        if finding.outcome is Outcome.REVIEW:
            return Text(f"[{t('outcome.review', self.lang)}]", style=REVIEW_STYLE)
        return Text(f"[{t('severity.' + finding.severity.value, self.lang)}]", style=STYLES[finding.severity])

    def add(self, doc):
        c = self.console
        status = t("report.error", self.lang) if doc.status == "error" else ""
        c.print(Text.assemble((doc.uri, "bold underline"), " ", (status, "bold red")))
        if doc.error:
            c.print(Text(f"  {doc.error}", style="red"))
        shown = [f for f in doc.findings if not f.baselined]
        for f in sorted(shown, key=lambda f: (f.location.page or 0, f.location.line or 0, f.location.column or 0)):
            where = ":".join(str(x) for x in (f.location.line, f.location.column) if x is not None)
            if f.location.page:
                where = f"p.{f.location.page}" + (f" {where}" if where else "")
            if doc.kind in OFFICE_KINDS and f.location.selector:  # "§12 › heading": no line to give
                where = f"{where} {f.location.selector}".strip()
            head = Text("  ")
            head.append_text(self.label(f))
            head.append(f" {f.rule}", style="bold")
            if where:
                head.append(f"  {where}", style="dim")
            c.print(head)
            c.print(Text(f"    {f.message}"))
            if f.snippet:
                c.print(self._snippet(f))
            if f.suggestion:
                c.print(Text("    " + t("field.value", self.lang, label=t("report.suggestion", self.lang), value=f.suggestion),
                             style="green"))
        c.print()

    def _snippet(self, f) -> Text:
        text = " ".join(f.snippet.split()) if not f.span else f.snippet.replace("\n", " ")
        if len(text) > 240 and not f.span:
            text = text[:240] + "…"
        snippet = Text("    │ ", style="dim")
        body = Text(text, style="dim")
        spans = [o.span for o in f.occurrences if o.span] or ([f.span] if f.span else [])
        for start, end in spans:  # every occurrence a grouped finding shows (its count is in the message)
            body.stylize("bold reverse", start, end)
        snippet.append_text(body)
        return snippet

    def finish(self, result):
        c = self.console
        summary = result.summary()
        for skipped in result.skipped:
            c.print(Text(t("report.skipped", self.lang, n=len(skipped.rules), reason=skipped.reason),
                         style="yellow"))
        table = Table(title=t("report.summary", self.lang), title_justify="left")
        table.add_column(t("report.pack", self.lang))
        for sev in SEVERITIES:
            table.add_column(t(f"severity.{sev.value}", self.lang), justify="right")
        table.add_column(t("outcome.review", self.lang), justify="right")
        counts: dict[str, dict[str, int]] = {}
        for doc in result.documents:
            for f in doc.findings:
                if f.baselined:
                    continue
                key = kind_of(f)
                counts.setdefault(f.pack, {}).setdefault(key, 0)
                counts[f.pack][key] += 1
        for pack in sorted(counts):
            table.add_row(pack, *(str(counts[pack].get(k, 0)) for k in ("error", "warning", "info", "review")))
        if counts:
            c.print(table)
        c.print(escape(t("report.documents", self.lang, n=summary["documents"], errors=summary["errors"],
                         findings=summary["findings"])))
        if summary["baselined"]:
            c.print(t("report.baselined", self.lang, n=summary["baselined"]))
        if summary["findings"] == 0 and summary["documents"] > summary["errors"]:
            c.print(t("report.nothing", self.lang))
