"""A compact Markdown summary for a merge-request or pull-request comment: counts by pack and
severity, then the findings of each document (the first `limit` ones, in a collapsed block so the
comment stays short). Page text is escaped: a finding must not be able to inject Markdown or HTML
into the comment."""
from __future__ import annotations

import re

from ..model import Outcome
from . import Reporter
from .rules_info import relative_uri, rule_info

LIMIT = 50
TEXTS = {
    "fr": {"title": "Rapport inclusicheck", "pack": "Pack", "error": "Erreurs", "warning": "Avertissements",
           "info": "Infos", "review": "À vérifier", "total": "Total", "documents": "{n} document(s), {f} constat(s), "
           "{e} illisible(s).", "more": "… et {n} autre(s) constat(s) (voir le rapport complet).",
           "nothing": "Aucun constat. Cela ne veut pas dire que les documents sont conformes : une partie "
           "seulement des critères se vérifie automatiquement.", "unreadable": "Illisible",
           "line": "ligne", "page": "page", "findings": "constat(s)",
           "item": {"error": "Erreur", "warning": "Avertissement", "info": "Info", "review": "À vérifier"}},
    "en": {"title": "inclusicheck report", "pack": "Pack", "error": "Errors", "warning": "Warnings",
           "info": "Info", "review": "To review", "total": "Total", "documents": "{n} document(s), {f} finding(s), "
           "{e} unreadable.", "more": "… and {n} more finding(s) (see the full report).",
           "nothing": "No findings. This does not mean the documents are compliant: only part of the "
           "criteria can be checked automatically.", "unreadable": "Unreadable", "line": "line", "page": "page",
           "findings": "finding(s)",
           "item": {"error": "Error", "warning": "Warning", "info": "Info", "review": "To review"}},
}
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


def key(finding) -> str:
    return "review" if finding.outcome is Outcome.REVIEW else finding.severity.value


def markdown_summary(result, lang="fr", registry=None, limit=LIMIT) -> str:
    T = TEXTS[lang]
    summary = result.summary()
    out = [f"## {T['title']}", "", T["documents"].format(n=summary["documents"], f=summary["findings"],
                                                           e=summary["errors"]), ""]
    counts: dict[str, dict[str, int]] = {}
    for doc in result.documents:
        for f in doc.findings:
            counts.setdefault(f.pack, dict.fromkeys(KEYS, 0))[key(f)] += 1
    if counts:
        out += [f"| {T['pack']} | " + " | ".join(T[k] for k in KEYS) + " |", "|---|" + "---:|" * len(KEYS)]
        out += [f"| {pack} | " + " | ".join(str(c[k]) for k in KEYS) + " |" for pack, c in sorted(counts.items())]
        out.append("")
    else:
        out += [T["nothing"], ""]
    shown, sep = 0, (" :" if lang == "fr" else ":")
    for doc in result.documents:
        name, _ = relative_uri(doc.uri)
        if doc.status == "error":
            out += [f"- **{md(name)}** — {T['unreadable']}{sep} {md(doc.error or '')}", ""]
        if not doc.findings:
            continue
        out += [f"<details><summary><strong>{md(name)}</strong> — {len(doc.findings)} {T['findings']}</summary>", ""]
        for f in doc.findings:
            if shown >= limit:
                break
            shown += 1
            title = rule_info(registry, f.rule, lang, f.references).title
            where = f" ({T['line']} {f.location.line})" if f.location.line else (
                f" ({T['page']} {f.location.page})" if f.location.page else "")
            out.append(f"- **{T['item'][key(f)]}** `{f.rule}` {md(title)}{where}{sep} {md(f.message)}")
        out += ["", "</details>", ""]
    if summary["findings"] > shown:
        out += [T["more"].format(n=summary["findings"] - shown), ""]
    return "\n".join(out).rstrip() + "\n"
