"""One document in the HTML report: the page itself in a sandboxed preview frame, each shown
finding highlighted and numbered (annotate.py), next to the findings grouped by rule; markers and
findings link both ways (postMessage between the report and its frames, html.SCRIPT).

Each rule once: title, count, references with links, explanation; then its first SHOWN_PER_RULE
findings (message, suggestion, clipped snippet, grouped occurrences, where), the rest counted with
their lines (the JSON keeps them all): a page with thousands of findings gives a report of the size
of what it shows. Every text from a page is escaped.
"""
from __future__ import annotations

from ..model import Outcome
from . import kind_of
from .annotate import Mark, annotated_page
from .html_metrics import metrics_block
from .rules_info import reference_links, relative_uri, rule_info
from .text import esc, figure, inline_code

HTML_KINDS = {"page", "newsletter"}
STRUCTURAL_PACKS = {"wcag", "inclusicheck"}  # their findings quote markup, not wording
# A page can give thousands of findings: each rule shows at most SHOWN_PER_RULE of them in full (the
# first SHOWN_OPEN open, the others in a <details>) and counts the rest; page text is clipped.
SHOWN_PER_RULE = 10
SHOWN_OPEN = 3
SNIPPET_MAX = 240  # characters of a snippet, around the flagged span
TEXT_MAX = 400  # characters of a message or a suggestion
OCCURRENCES_SHOWN = 10
OCCURRENCE_MAX = 80
OTHER_LINES_SHOWN = 30
PREVIEW_MAX = 1_500_000  # characters of the annotated page: a larger page is not previewed


def ordered(findings):
    return sorted(findings, key=lambda f: (f.location.page or 0, f.location.line or 0, f.location.column or 0))


def rule_groups(findings) -> list[list]:
    """The findings of one document by (outcome, rule): failures first, the worst rules first."""
    groups: dict[tuple[str, str], list] = {}
    for f in ordered(findings):
        groups.setdefault((f.outcome.value, f.rule), []).append(f)
    return sorted(groups.values(), key=lambda g: (g[0].outcome is Outcome.REVIEW,
                                                  -max(f.severity.rank for f in g), g[0].rule))


def document_section(doc, number: int, t, lang, registry, nonce) -> str:
    name, _ = relative_uri(doc.uri)
    title = f" — {doc.title}" if doc.title else ""
    out = [f'<section id="doc-{number}" aria-labelledby="doc-{number}-title">'
           f'<h2 id="doc-{number}-title">{esc(name)}{esc(title)}</h2>']
    if doc.status == "error":
        out.append(f'<p class="notice">{esc(t("html.read_error", error=doc.error or ""))}</p>')
    out.append(metrics_block(doc.metrics, t))
    groups = rule_groups(doc.findings)
    shown = ordered([f for g in groups for f in g[:SHOWN_PER_RULE]])  # numbered in reading order
    ids = {id(f): (n, f"f-{number}-{n}", f"m-{number}-{n}") for n, f in enumerate(shown, 1)}
    frame_id = f"frame-{number}"
    preview = preview_frame(doc, number, shown, ids, t, lang, registry, nonce, frame_id)
    flagged = flagged_words(doc.findings)
    panel = [f'<div class="findings-panel"><h3>{esc(t("html.list"))} ({len(doc.findings)})</h3>']
    if not doc.findings and doc.status != "error":
        panel.append(f'<p>{esc(t("html.none"))}</p>')
    for heading, review in ((t("html.fails"), False), (t("html.to_review"), True)):
        part = [g for g in groups if (g[0].outcome is Outcome.REVIEW) == review]
        if part:
            panel.append(f'<h3>{esc(heading)}</h3>')
            panel += [rule_group(g, f"g-{number}-{n}", ids, t, lang, registry, frame_id if preview else None, flagged)
                      for n, g in enumerate(part, 1 if not review else len(groups) + 1)]
    panel.append("</div>")
    if preview is None:
        preview = "<p>" + esc(t("html.no_preview")) + "</p>"
    out.append(f'<div class="doc-layout">{preview}{"".join(panel)}</div>')
    out.append("</section>\n")
    return "".join(out)


def preview_frame(doc, number, findings, ids, t, lang, registry, nonce, frame_id) -> str | None:
    """The annotated page in a frame, None when there is none to show, a notice when too large."""
    if doc.kind not in HTML_KINDS or not doc.source:
        return None
    too_large = f'<p class="notice">{esc(t("html.too_large", size=len(doc.source) / 1e6))}</p>'
    if len(doc.source) > PREVIEW_MAX:
        return too_large
    marks = []
    for f in findings:
        n, finding_id, marker_id = ids[id(f)]
        text = f.snippet[f.span[0]:f.span[1]] if f.snippet and f.span else None
        title = rule_info(registry, f.rule, lang, f.references).title
        marks.append(Mark(n, finding_id, marker_id, f.outcome is Outcome.REVIEW, f.severity.value,
                          t("html.marker", n=n, title=title), f.location.selector, text))
    try:
        page = annotated_page(doc.uri, doc.source, marks, nonce, t("html.banner"))
    except Exception:  # noqa: BLE001 - a page we cannot re-read loses its preview, not the report
        return None
    if len(page) > PREVIEW_MAX:
        return too_large
    name, _ = relative_uri(doc.uri)
    return (f'<div><h3>{esc(t("html.preview_title"))}</h3><iframe class="preview" id="{frame_id}" sandbox="allow-scripts" loading="lazy" '
            f'title="{esc(t("html.preview", uri=name))}" srcdoc="{esc(page)}"></iframe></div>')


def flagged_words(findings) -> dict[str, list[str]]:
    """The page words that the document's text findings flag, with their rules: the report quotes
    them, and must not count them against its own wording."""
    words: dict[str, list[str]] = {}
    for g in findings:
        if g.span and g.snippet and g.pack not in STRUCTURAL_PACKS:
            rules = words.setdefault(g.snippet[g.span[0]:g.span[1]], [])
            if g.rule not in rules:
                rules.append(g.rule)
    return words


def quoted_rules(f, quoted: str, flagged: dict[str, list[str]]) -> list[str]:
    """The rules a finding's quotation would trigger again: its own, and those of the document's
    other text findings whose flagged words it quotes (a falc snippet can hold « Mademoiselle »)."""
    rules = [f.rule] + [r for word, rs in flagged.items() if word and word in quoted for r in rs]
    return list(dict.fromkeys(rules))


def rule_group(group, group_id, ids, t, lang, registry, frame_id, flagged) -> str:
    """One rule's findings on one document: what the rule is (once), the first findings in full,
    and how many others there are, where."""
    first = group[0]
    info = rule_info(registry, first.rule, lang, first.references)
    worst = max(group, key=lambda f: f.severity.rank)
    kind = kind_of(worst)
    occurrences = sum(occurrence_count(f) for f in group)
    count = t("html.count", n=figure(len(group)))
    if occurrences > len(group):
        count += ", " + t("html.occurrences", n=figure(occurrences))
    shown = group[:SHOWN_PER_RULE]
    items, quoted = zip(*(finding_item(f, ids[id(f)], t, frame_id, kind) for f in shown))
    # A text finding quotes the flagged words of the page (message, snippet), the rule's explanation
    # its own words: when the report is itself checked, they must not count against its wording.
    quotes = first.pack not in STRUCTURAL_PACKS and any(f.span is not None for f in shown)
    ignore = (f' data-inclusicheck-ignore="{esc(" ".join(quoted_rules(first, " ".join(quoted), flagged)))}"'
              if quotes else "")
    out = [f'<section class="rule-group {kind}" aria-labelledby="{group_id}"{ignore} data-pack="{esc(first.pack)}">'
           f'<h4 id="{group_id}"><span class="badge {kind}">{esc(t(f"report.kind.{kind}"))}</span> {esc(info.title)} '
           f'<span class="count">({esc(count)})</span></h4>'
           f'<p class="meta">{esc(t("html.rule"))} <code>{esc(first.rule)}</code>{references_html(info.references, t, lang)}</p>']
    if info.description:
        out.append(f'<details><summary>{esc(t("html.explain"))}</summary><p>{inline_code(info.description)}</p></details>')
    out.append(f'<ol class="findings">{"".join(items[:SHOWN_OPEN])}</ol>')
    if len(items) > SHOWN_OPEN:
        out.append(f'<details class="more"><summary>{esc(t("html.show_more", n=len(items) - SHOWN_OPEN))}</summary>'
                   f'<ol class="findings">{"".join(items[SHOWN_OPEN:])}</ol></details>')
    rest = group[SHOWN_PER_RULE:]
    if rest:
        out.append(f'<p class="rest">{esc(t("html.rest", n=figure(len(rest))))}{other_lines(rest, t)}</p>')
    out.append("</section>")
    return "".join(out)


def occurrence_count(f) -> int:
    """How many hits a finding groups (Finding.count once findings group repeated hits)."""
    return max(1, len(getattr(f, "occurrences", None) or []))


def other_lines(findings, t) -> str:
    lines = sorted({f.location.line for f in findings if f.location.line})
    if not lines:
        return ""
    listed = ", ".join(map(str, lines[:OTHER_LINES_SHOWN])) + ("…" if len(lines) > OTHER_LINES_SHOWN else "")
    return " " + esc(t("html.other_lines", lines=listed))


def references_html(references, t, lang) -> str:
    groups: dict[str, list[str]] = {}
    for label, ref, url in reference_links(references, lang):
        groups.setdefault(label, []).append(
            f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(label)} {esc(ref)}</a>' if url else esc(ref))
    if not groups:
        return ""
    items = [", ".join(refs) if refs[0].startswith("<a") else t("field.value", label=esc(label), value=", ".join(refs))
             for label, refs in groups.items()]
    return " · " + t("field.value", label=esc(t("html.references")), value=" ; ".join(items))


def finding_item(f, ident, t, frame_id, group_kind) -> tuple[str, str]:
    """The finding as a list item, and the page text it quotes."""
    n, finding_id, marker_id = ident
    kind = kind_of(f)
    if frame_id:
        number = (f'<button type="button" class="num" data-frame="{frame_id}" data-marker="{marker_id}" '
                  f'aria-label="{esc(t("html.show", n=n))}">{n}</button>')
    else:
        number = f"<span>{n}.</span>"
    badge = f' <span class="badge {kind}">{esc(t(f"report.kind.{kind}"))}</span>' if kind != group_kind else ""
    snippet, span = clip(f.snippet or "", f.span, SNIPPET_MAX)
    occurrences = getattr(f, "occurrences", None) or []
    out = [f'<p>{number}{badge} {esc(clip(f.message, None, TEXT_MAX)[0])}</p>']
    if f.suggestion:
        label, suggestion = f'<strong>{esc(t("html.suggestion"))}</strong>', esc(clip(f.suggestion, None, TEXT_MAX)[0])
        out.append(f'<p>{t("field.value", label=label, value=suggestion)}</p>')
    if snippet:
        out.append(f'<pre class="snippet" aria-label="{esc(t("html.snippet"))}">{marked(snippet, span)}</pre>')
    quoted = [f.message, f.suggestion or ""]  # the snippet is a <pre>: the text packs never read it
    if occurrences:
        shown = occurrences[:OCCURRENCES_SHOWN]
        # elements grouped in one finding each have a place; repeats in one block share the finding's
        elsewhere = any(getattr(o, "location", f.location) != f.location for o in occurrences)
        texts = [clip(getattr(o, "text", "") or "", None, OCCURRENCE_MAX)[0] for o in shown]
        quoted += texts
        more = len(occurrences) - len(texts)
        out.append(f'<p>{t("field.value", label=esc(t("html.occurrences", n=figure(len(occurrences)))), value="")}</p>'
                   '<ul class="occurrences">'
                   + "".join(f"<li>{esc(text)}{occurrence_where(o, t) if elsewhere else ''}</li>"
                             for text, o in zip(texts, shown))
                   + (f"<li>{esc(t('html.more_occurrences', n=figure(more)))}</li>" if more else "") + "</ul>")
    where = where_html(f.location, t)
    if where:
        out.append(f'<p class="meta">{t("field.value", label=esc(t("html.where")), value=where)}</p>')
    return (f'<li class="finding {kind}" id="{finding_id}" tabindex="-1" data-pack="{esc(f.pack)}" '
            f'data-severity="{esc(f.severity.value)}" data-outcome="{esc(f.outcome.value)}">{"".join(out)}</li>',
            " ".join(quoted))


def occurrence_where(occurrence, t) -> str:
    where = where_html(occurrence.location, t)
    return f' <span class="meta">({where})</span>' if where else ""


def where_html(location, t) -> str:
    where = [esc(t("report.line", line=location.line))] if location.line else []
    if location.page:
        where.append(esc(t("report.page", page=location.page)))
    if location.selector:
        where.append(f"<code>{esc(clip(location.selector, None, TEXT_MAX)[0])}</code>")
    return ", ".join(where)


def clip(text: str, span: tuple[int, int] | None, limit: int) -> tuple[str, tuple[int, int] | None]:
    """At most `limit` characters of `text`, around `span` when there is one ('…' marks each cut);
    the span moved to match."""
    if len(text) <= limit:
        return text, span
    start, end = span or (0, 0)
    end = min(end, start + limit // 2)  # a very long flagged passage is cut too
    left = max(0, min(start - limit // 4, len(text) - limit))
    prefix, suffix = ("…" if left else ""), ("…" if left + limit < len(text) else "")
    shift = len(prefix) - left
    return prefix + text[left:left + limit] + suffix, ((start + shift, end + shift) if span else None)


def marked(snippet: str, span) -> str:
    if not span:
        return esc(snippet)
    start, end = span
    return esc(snippet[:start]) + "<mark>" + esc(snippet[start:end]) + "</mark>" + esc(snippet[end:])

