"""A compact Markdown summary for a merge-request or pull-request comment: counts by pack and
severity, then the findings of each document (the first `limit` ones, in a collapsed block so the
comment stays short). Page text is escaped: a finding must not be able to inject Markdown or HTML
into the comment."""
from __future__ import annotations

import re

from . import Reporter, kind_of
from .rules_info import relative_uri, rule_info
from .text import words

LIMIT = 50
KEYS = ("error", "warning", "info", "review")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: str) -> str:
    """Text from pages and messages, made inert in Markdown (and in the HTML Markdown allows)."""
    text = " ".join((text or "").split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


class MarkdownReporter(Reporter):
    def finish(self, result):
        self.stream.write(markdown_summary(result, self.lang, self.options.get("registry"),
                                           int(self.options.get("limit") or LIMIT)))


def markdown_summary(result, lang="fr", registry=None, limit=LIMIT) -> str:
    t = words(lang)
    summary = result.summary()
    out = [f"## {t('report.title')}", "", t("markdown.documents", n=summary["documents"], f=summary["findings"],
                                                              e=summary["errors"]), ""]
    counts: dict[str, dict[str, int]] = {}
    for doc in result.documents:
        for f in doc.findings:
            counts.setdefault(f.pack, dict.fromkeys(KEYS, 0))[kind_of(f)] += 1
    if counts:
        out += [f"| {t('report.pack')} | " + " | ".join(t(f"report.kinds.{k}") for k in KEYS) + " |", "|---|" + "---:|" * len(KEYS)]
        out += [f"| {pack} | " + " | ".join(str(c[k]) for k in KEYS) + " |" for pack, c in sorted(counts.items())]
        out.append("")
    else:
        out += [t("markdown.nothing"), ""]
    shown = 0
    for doc in result.documents:
        name, _ = relative_uri(doc.uri)
        if doc.status == "error":
            out += [f"- **{md(name)}** — " + t("field.value", label=t("markdown.unreadable"), value=md(doc.error or "")), ""]
        if not doc.findings:
            continue
        out += [f"<details><summary><strong>{md(name)}</strong> — {len(doc.findings)} {t('markdown.findings')}</summary>", ""]
        for f in doc.findings:
            if shown >= limit:
                break
            shown += 1
            title = rule_info(registry, f.rule, lang, f.references).title
            where = f" ({t('report.line', line=f.location.line)})" if f.location.line else (
                f" ({t('report.page', page=f.location.page)})" if f.location.page else "")
            head = f"**{t(f'report.kind.{kind_of(f)}')}** `{f.rule}` {md(title)}{where}"
            out.append("- " + t("field.value", label=head, value=md(f.message)))
        out += ["", "</details>", ""]
    if summary["findings"] > shown:
        out += [t("markdown.more", n=summary["findings"] - shown), ""]
    return "\n".join(out).rstrip() + "\n"
