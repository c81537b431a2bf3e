"""A rule's hits made findings: the message filled in, the location, snippet and anchor, and
the fingerprint that baselines match."""
from __future__ import annotations

import hashlib

import lxml.html

from ..checks import Hit
from ..document.dom import index
from ..model import Document, Finding, Location, Outcome, Severity
from ..packs import Rule

SNIPPET_WINDOW = 80  # characters of context kept on each side of a flagged span


class _Template(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def to_finding(rule: Rule, severity: Severity, params: dict, hit: Hit, doc: Document, lang: str) -> Finding:
    element = hit.element if hit.element is not None else (hit.block.element if hit.block else None)
    has_dom = doc.tree is not None and element is not None
    line, column = index(doc).position(element) if has_dom else (None, None)
    if hit.block is not None and line is None:
        line = hit.block.line
    location = hit.location or Location(
        line=line, column=column, selector=hit.selector or (index(doc).selector(element) if has_dom else None)
        or (hit.block.where if hit.block else None),
        page=hit.block.page if hit.block else None)
    snippet, span = _snippet(hit, element)
    data = _Template({**params, **hit.data, "suggestion": hit.suggestion or ""})
    message = rule.message(hit.message_key, lang).format_map(data)
    outcome = hit.outcome or rule.outcome
    severity = hit.severity or severity
    if outcome is Outcome.REVIEW and severity is Severity.ERROR:
        severity = Severity.WARNING  # a person must look: never counted as an error
    references = {**rule.references, **(hit.references or {})}
    finding = Finding(rule=rule.id, pack=rule.pack, severity=severity, outcome=outcome, message=message,
                      location=location, snippet=snippet, suggestion=hit.suggestion, references=references,
                      span=span)
    finding.anchor = _anchor(hit, element, snippet, span)
    return finding


def in_code(hit: Hit) -> bool:
    """Does the hit flag characters of inline code (Block.code_spans)? Code is not prose."""
    if hit.block is None or hit.span is None or hit.snippet is not None or not hit.block.code_spans:
        return False
    start, end = hit.span
    return any(s <= start and end <= e for s, e in hit.block.code_spans)


def _snippet(hit: Hit, element) -> tuple[str | None, tuple[int, int] | None]:
    if hit.snippet is not None:
        return hit.snippet, hit.span
    if hit.block is not None:
        text = hit.block.text
        if hit.span is None:
            return (text if len(text) <= 2 * SNIPPET_WINDOW else text[: 2 * SNIPPET_WINDOW] + "…"), None
        start, end = hit.span
        lo, hi = max(0, start - SNIPPET_WINDOW), min(len(text), end + SNIPPET_WINDOW)
        prefix, suffix = ("…" if lo else ""), ("…" if hi < len(text) else "")
        return prefix + text[lo:hi] + suffix, (start - lo + len(prefix), end - lo + len(prefix))
    if element is not None and isinstance(getattr(element, "tag", None), str):
        return outer_html(element), None
    return None, None


def outer_html(element, limit: int = 300) -> str:
    html = lxml.html.tostring(element, encoding="unicode", with_tail=False).strip()
    if len(html) <= limit:
        return html
    start_tag = html[: html.find(">") + 1] if ">" in html else html[:limit]
    return start_tag[:limit] + "…"


def _anchor(hit: Hit, element, snippet, span) -> str:
    """What identifies a finding regardless of where it sits in the file: its element's tag and
    id, and the flagged text. Line numbers are left out on purpose (they move with any edit)."""
    tag = element.tag if element is not None and isinstance(getattr(element, "tag", None), str) else ""
    el_id = element.get("id", "") if tag else ""
    text = snippet[span[0]:span[1]] if snippet and span else (snippet or "")
    if hit.block is not None and not span:
        text = hit.block.text
    return f"{tag}#{el_id}|{hit.message_key}|{' '.join(text.split())}"


def set_fingerprints(doc: Document, findings: list[Finding]) -> None:
    """Stable ids: the same rule, document and anchor; the n-th repeat of an identical anchor
    gets its rank, so two identical links stay two findings."""
    seen: dict[str, int] = {}
    for finding in findings:
        key = f"{finding.rule}|{doc.uri}|{finding.anchor}"
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        finding.fingerprint = hashlib.sha256(f"{key}|{rank}".encode()).hexdigest()[:32]
