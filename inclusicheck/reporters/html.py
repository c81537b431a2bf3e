"""The HTML report: one self-contained file a communicator can open and read.

- Overview: documents, findings by pack and severity (table and an inline SVG chart), rules not run.
- Per document: the page itself in a sandboxed preview frame with each shown finding highlighted
  and numbered (annotate.py), next to the findings grouped by rule; markers and findings link both
  ways (postMessage between the report and its frames). Each rule once: title, count, references
  with links, explanation; then its first SHOWN_PER_RULE findings (message, suggestion, clipped
  snippet, grouped occurrences, where), the rest counted with their lines (the JSON keeps them all):
  a page with thousands of findings gives a report of the size of what it shows. Metrics as plots.
- Filters by pack, severity and outcome (a small script allowed by the CSP nonce; without script
  everything shows).
- Safety: every text from a page is escaped; the report carries a Content-Security-Policy that
  loads nothing and runs only its own script (see annotate.py for the preview frame).
The report is written to pass inclusicheck's own wcag, falc-typography and gender rules.
"""
from __future__ import annotations

import html
import re
import secrets
from datetime import datetime, timezone

from ..model import Outcome
from . import Reporter
from .annotate import Mark, annotated_page
from .rules_info import reference_links, relative_uri, rule_info

SEVERITIES = ("error", "warning", "info")
COLOURS = {"error": "#b00020", "warning": "#8a5a00", "info": "#1f5fa8", "review": "#6a1b9a"}
HTML_KINDS = {"page", "newsletter"}
STRUCTURAL_PACKS = {"wcag", "inclusicheck"}  # their findings quote markup, not wording

TEXTS = {
    "fr": {
        "title": "Rapport inclusicheck", "generated": "Produit le {date} par inclusicheck {version}.",
        "disclaimer": "Ce rapport liste ce que les vérifications automatiques ont relevé. Il ne vaut pas "
                      "déclaration de conformité : une partie seulement des critères du RGAA et des règles du FALC "
                      "se vérifie automatiquement. Les constats « à vérifier » demandent le regard d'une personne.",
        "overview": "Vue d'ensemble", "documents": "Documents vérifiés", "document": "Document",
        "status": "État", "findings": "Constats", "checked": "vérifié", "unreadable": "illisible",
        "by_pack": "Constats par pack et par gravité", "pack": "Pack", "total": "Total",
        "chart": "Graphique : nombre de constats par pack, par gravité",
        "error": "Erreur", "warning": "Avertissement", "info": "Info", "review": "À vérifier",
        "errors": "Erreurs", "warnings": "Avertissements", "infos": "Infos", "reviews": "À vérifier",
        "skipped": "Règles non exécutées", "filters": "Filtrer les constats", "severity": "Gravité",
        "outcome": "Résultat", "fail": "Échec", "preview": "Aperçu annoté de la page {uri}",
        "preview_title": "La page, avec les constats repérés", "list": "Liste des constats",
        "fails": "Erreurs et avertissements", "to_review": "À vérifier par une personne",
        "suggestion": "Suggestion", "references": "Références", "explain": "Explication de la règle",
        "where": "Emplacement", "line": "ligne {line}", "page": "page {page}",
        "show": "Voir le repère {n} dans la page", "marker": "Constat {n} : {title}",
        "banner": "Constats sur la page entière :", "none": "Aucun constat sur ce document.",
        "metrics": "Mesures", "words": "Mots", "read_error": "Le document n'a pas pu être lu : {error}",
        "no_preview": "Pas d'aperçu pour ce type de document.", "skip": "Aller aux documents",
        "nav": "Documents du rapport", "shares": "Langues du texte", "named": "Personnes nommées",
        "women": "Femmes", "men": "Hommes", "difficulty": "Difficulté de lecture (0 : facile, 100 : difficile)",
        "snippet": "Extrait", "all_metrics": "Toutes les mesures ({n})", "rule": "Règle", "nothing_found": "Les règles vérifiées n'ont rien relevé. "
        "Cela ne veut pas dire que les documents sont conformes.", "count": "{n} constat(s)",
        "occurrences": "{n} occurrences", "more_occurrences": "… et {n} autre(s)",
        "show_more": "Voir {n} autre(s) constat(s) en détail",
        "rest": "… et {n} autre(s) constat(s) de cette règle sur ce document, comptés mais non détaillés ici "
                "(le rapport JSON les donne tous).", "other_lines": "Lignes : {lines}.",
        "too_large": "Pas d'aperçu : la page est trop grande pour ce rapport ({size:.1f} millions de caractères).",
    },
    "en": {
        "title": "inclusicheck report", "generated": "Generated on {date} by inclusicheck {version}.",
        "disclaimer": "This report lists what the automated checks found. It is not a conformance statement: "
                      "only part of the RGAA criteria and of the easy-to-read rules can be checked automatically. "
                      "Findings marked “to review” need a person to look.",
        "overview": "Overview", "documents": "Documents checked", "document": "Document",
        "status": "Status", "findings": "Findings", "checked": "checked", "unreadable": "unreadable",
        "by_pack": "Findings by pack and severity", "pack": "Pack", "total": "Total",
        "chart": "Chart: number of findings by pack and severity",
        "error": "Error", "warning": "Warning", "info": "Info", "review": "To review",
        "errors": "Errors", "warnings": "Warnings", "infos": "Info", "reviews": "To review",
        "skipped": "Rules not run", "filters": "Filter the findings", "severity": "Severity",
        "outcome": "Outcome", "fail": "Fail", "preview": "Annotated preview of the page {uri}",
        "preview_title": "The page, with the findings marked", "list": "Findings",
        "fails": "Errors and warnings", "to_review": "For a person to review",
        "suggestion": "Suggestion", "references": "References", "explain": "About this rule",
        "where": "Location", "line": "line {line}", "page": "page {page}",
        "show": "Show marker {n} in the page", "marker": "Finding {n}: {title}",
        "banner": "Findings about the whole page:", "none": "No findings for this document.",
        "metrics": "Metrics", "words": "Words", "read_error": "The document could not be read: {error}",
        "no_preview": "No preview for this kind of document.", "skip": "Skip to the documents",
        "nav": "Documents in this report", "shares": "Languages of the text", "named": "People named",
        "women": "Women", "men": "Men", "difficulty": "Reading difficulty (0: easy, 100: hard)",
        "snippet": "Snippet", "all_metrics": "All metrics ({n})", "rule": "Rule", "nothing_found": "The rules checked found nothing. "
        "This does not mean the documents are compliant.", "count": "{n} finding(s)",
        "occurrences": "{n} occurrences", "more_occurrences": "… and {n} more",
        "show_more": "Show {n} more finding(s) in detail",
        "rest": "… and {n} more finding(s) of this rule on this document, counted but not detailed here "
                "(the JSON report gives them all).", "other_lines": "Lines: {lines}.",
        "too_large": "No preview: the page is too large for this report ({size:.1f} million characters).",
    },
}


def french_spacing(texts: dict[str, str]) -> dict[str, str]:
    """Non-breaking spaces inside « » and before ':' so a line never starts with them."""
    return {k: v.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")
            if isinstance(v, str) else v for k, v in texts.items()}


TEXTS["fr"] = french_spacing(TEXTS["fr"])
PLURAL = {"error": "errors", "warning": "warnings", "info": "infos", "review": "reviews"}

STYLE = """
:root{--error:#b00020;--warning:#8a5a00;--info:#1f5fa8;--review:#6a1b9a;--line:#c8c8c8}
*{box-sizing:border-box}
body{margin:0;font:19px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fafafa;text-align:left}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,summary:focus,li:focus{outline:3px solid #000;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.top{background:#14213d;color:#fff;padding:16px 24px}
header.top h1{margin:0 0 4px;font-size:32px}
header.top p{margin:4px 0;max-width:75ch}
main{padding:16px 24px}
section{margin-bottom:32px}
.overview{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}
.overview nav table{margin-top:0}
h2{font-size:26px;border-bottom:2px solid #14213d;padding-bottom:4px}
h3{font-size:22px;margin:16px 0 8px}
table{border-collapse:collapse;background:#fff;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 10px;text-align:left}
td.num{text-align:right}
.notice{background:#fff8e1;border-left:6px solid #8a6d00;padding:8px 12px;max-width:90ch}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-weight:bold;color:#fff}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}
.badge.info{background:var(--info)}.badge.review{background:var(--review)}
fieldset{border:1px solid var(--line);background:#fff;margin:0 8px 8px 0;display:inline-block;vertical-align:top}
label{margin-right:12px;white-space:nowrap}
.doc-layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(320px,2fr);gap:16px;align-items:start}
@media (max-width:900px){.doc-layout{grid-template-columns:1fr}}
iframe.preview{width:100%;height:78vh;border:2px solid #14213d;background:#fff}
.findings-panel{max-height:78vh;overflow:auto;padding-right:4px}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{background:#fff;border:1px solid var(--line);border-left:6px solid var(--error);margin:0 0 10px;padding:8px 12px}
li.finding.warning{border-left-color:var(--warning)}li.finding.info{border-left-color:var(--info)}
li.finding.review{border-left-color:var(--review);border-left-style:dashed}
li.finding:target,li.finding.current{box-shadow:0 0 0 3px #000}
li.finding p{margin:4px 0}
.rule-group{border-top:1px solid var(--line);padding-top:4px;margin-bottom:12px}
.rule-group h4{margin:4px 0;font-size:20px}
.rule-group .count{font-weight:normal}
ul.occurrences{margin:4px 0;padding-left:24px}
p.rest{margin:4px 0 8px}
button.num{font-weight:bold;font-size:19px;line-height:26px;font-family:inherit;min-width:28px;border-radius:12px;border:0;background:var(--error);color:#fff;cursor:pointer}
li.warning button.num{background:var(--warning)}li.info button.num{background:var(--info)}
li.review button.num{background:var(--review)}
pre.snippet{white-space:pre-wrap;word-break:break-word;background:#f3f3f3;padding:6px;margin:4px 0;font-size:19px}
mark{background:#ffe08a;color:#000}
code{font-size:19px}
.meta{color:#444}
details{margin-top:4px}
.metrics{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin-bottom:8px}
.metric{background:#fff;border:1px solid var(--line);padding:8px 12px}
.metric h4{margin:0 0 4px;font-size:19px}
svg text{font:15px system-ui,Arial,sans-serif;fill:#1a1a1a}
[hidden]{display:none !important}
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('input[data-filter]');
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe.preview'));
  function apply() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) { off[b.dataset.filter + ':' + b.value] = true; } });
    var hidden = [];
    document.querySelectorAll('li.finding').forEach(function (li) {
      var hide = off['pack:' + li.dataset.pack] || off['severity:' + li.dataset.severity] ||
                 off['outcome:' + li.dataset.outcome];
      li.hidden = !!hide;
      if (hide) { hidden.push(li.id); }
    });
    document.querySelectorAll('section.rule-group').forEach(function (g) {
      g.hidden = !g.querySelector('li.finding:not([hidden])');
    });
    frames.forEach(function (f) { f.contentWindow.postMessage({hidden: hidden}, '*'); });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  frames.forEach(function (f) {
    f.addEventListener('load', function () { f.dataset.loaded = '1'; apply(); });
  });
  document.querySelectorAll('button.num').forEach(function (b) {
    b.addEventListener('click', function () {
      var frame = document.getElementById(b.dataset.frame);
      var show = function () { frame.contentWindow.postMessage({show: b.dataset.marker}, '*'); };
      frame.scrollIntoView({block: 'nearest'});
      if (frame.dataset.loaded) { show(); } else { frame.addEventListener('load', show, {once: true}); }
    });
  });
  window.addEventListener('message', function (e) {
    if (frames.every(function (f) { return f.contentWindow !== e.source; })) { return; }
    var id = e.data && e.data.finding;
    if (typeof id !== 'string' || !/^f-[0-9]+-[0-9]+$/.test(id)) { return; }
    var li = document.getElementById(id);
    if (!li) { return; }
    document.querySelectorAll('li.finding.current').forEach(function (c) { c.classList.remove('current'); });
    li.classList.add('current');
    var more = li.closest('details');
    if (more) { more.open = true; }
    li.scrollIntoView({block: 'center'});
    li.focus();
    history.replaceState(null, '', '#' + id);
  });
})();
"""


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def inline_code(text: str) -> str:
    """Rule descriptions use `code` spans: escape everything, then show those as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


class HtmlReporter(Reporter):
    needs_source = True

    def finish(self, result):
        self.stream.write(render_report(result, self.lang, self.options.get("registry")))


def render_report(result, lang: str = "fr", registry=None, nonce: str | None = None) -> str:
    T = TEXTS[lang]
    nonce = nonce or secrets.token_urlsafe(18)
    csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
           "frame-src 'self'; base-uri 'none'; form-action 'none'")
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(T["title"])} — {esc(T["count"].format(n=result.summary()["findings"]))}</title>\n'
        f'<style nonce="{nonce}">{STYLE}</style>\n</head>\n<body>\n'
        f'<a class="skip" href="#documents">{esc(T["skip"])}</a>\n'
        f'<header class="top"><h1>{esc(T["title"])}</h1>'
        f'<p>{esc(T["generated"].format(date=date, version=result.tool.get("version", "")))}</p></header>\n'
        f'<main>\n<p class="notice">{esc(T["disclaimer"])}</p>\n',
        overview(result, T),
        filters(result, T),
        '<div id="documents">\n',
    ]
    for number, doc in enumerate(result.documents, 1):
        parts.append(document_section(doc, number, T, lang, registry, nonce))
    parts.append(f'</div>\n</main>\n<script nonce="{nonce}">{SCRIPT}</script>\n</body>\n</html>\n')
    return "".join(parts)


# ---- overview ---------------------------------------------------------------------------------

def counts_by_pack(result) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for doc in result.documents:
        for f in doc.findings:
            key = "review" if f.outcome is Outcome.REVIEW else f.severity.value
            counts.setdefault(f.pack, dict.fromkeys((*SEVERITIES, "review"), 0))[key] += 1
    return counts


def overview(result, T) -> str:
    summary = result.summary()
    rows = []
    for number, doc in enumerate(result.documents, 1):
        name, _ = relative_uri(doc.uri)
        status = T["unreadable"] if doc.status == "error" else T["checked"]
        rows.append(f'<tr><td><a href="#doc-{number}">{esc(name)}</a></td><td>{esc(status)}</td>'
                    f'<td class="num">{len(doc.findings)}</td></tr>')
    out = [f'<section aria-labelledby="overview"><h2 id="overview">{esc(T["overview"])}</h2><div class="overview">',
           f'<nav aria-label="{esc(T["nav"])}"><table><caption>{esc(T["documents"])}</caption>'
           f'<thead><tr><th scope="col">{esc(T["document"])}</th><th scope="col">{esc(T["status"])}</th>'
           f'<th scope="col">{esc(T["findings"])}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></nav>']
    counts = counts_by_pack(result)
    keys = (*SEVERITIES, "review")
    if counts:
        head = "".join(f'<th scope="col">{esc(T[PLURAL[k]])}</th>' for k in keys)
        body = "".join(f'<tr><th scope="row">{esc(p)}</th>' + "".join(f'<td class="num">{c[k]}</td>' for k in keys)
                       + f'<td class="num">{sum(c.values())}</td></tr>' for p, c in sorted(counts.items()))
        out.append(f'<div><h3>{esc(T["by_pack"])}</h3><table><thead><tr><th scope="col">{esc(T["pack"])}</th>{head}'
                   f'<th scope="col">{esc(T["total"])}</th></tr></thead><tbody>{body}</tbody></table>'
                   f'{bar_chart(counts, T)}</div>')
    elif summary["documents"] > summary["errors"]:
        out.append(f'<p>{esc(T["nothing_found"])}</p>')
    out.append("</div>")
    for skipped in result.skipped:
        # one rule id per item: a long run of ids is not prose (and must not look like English)
        out.append(f'<h3>{esc(T["skipped"])}</h3><p>{esc(skipped.reason)}</p><ul>'
                   + "".join(f"<li><code>{esc(rule)}</code></li>" for rule in skipped.rules) + "</ul>")
    out.append("</section>\n")
    return "".join(out)


def bar_chart(counts: dict[str, dict[str, int]], T) -> str:
    """Horizontal stacked bars, one per pack; every segment carries its number as text (colour is
    never the only cue) and the table above gives the same figures."""
    keys = (*SEVERITIES, "review")
    top = max(sum(c.values()) for c in counts.values()) or 1
    width, label_w, bar_h, gap = 760, 110, 26, 10
    scale = (width - label_w - 60) / top
    height = len(counts) * (bar_h + gap) + 40
    items = []
    for row, (pack, c) in enumerate(sorted(counts.items())):
        y = row * (bar_h + gap) + 4
        items.append(f'<text x="0" y="{y + 18}">{esc(pack)}</text>')
        x = label_w
        for k in keys:
            if not c[k]:
                continue
            w = max(c[k] * scale, 18)
            pattern = ' stroke="#000" stroke-dasharray="4 2"' if k == "review" else ""
            items.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{COLOURS[k]}"{pattern}>'
                         f'<title>{esc(pack)} — {esc(T[PLURAL[k]])} : {c[k]}</title></rect>')
            items.append(f'<text x="{x + 4:.1f}" y="{y + 18}" style="fill:#fff;font-weight:bold">{c[k]}</text>')
            x += w
        items.append(f'<text x="{x + 6:.1f}" y="{y + 18}">{sum(c.values())}</text>')
    legend_y = height - 12
    x = label_w
    for k in keys:
        items.append(f'<rect x="{x}" y="{legend_y - 11}" width="12" height="12" fill="{COLOURS[k]}"></rect>'
                     f'<text x="{x + 16}" y="{legend_y}">{esc(T[PLURAL[k]])}</text>')
        x += 165
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title id="chart-title">'
            f'{esc(T["chart"])}</title>{"".join(items)}</svg><figcaption>{esc(T["chart"])}</figcaption></figure>')


def filters(result, T) -> str:
    packs = sorted({f.pack for d in result.documents for f in d.findings})
    if not packs:
        return ""

    def group(legend, name, values):
        boxes = "".join(f'<label><input type="checkbox" checked data-filter="{name}" value="{esc(v)}"> '
                        f'{esc(label)}</label>' for v, label in values)
        return f'<fieldset><legend>{esc(legend)}</legend>{boxes}</fieldset>'

    return (f'<section aria-labelledby="filters"><h2 id="filters">{esc(T["filters"])}</h2>'
            + group(T["pack"], "pack", [(p, p) for p in packs])
            + group(T["severity"], "severity", [(s, T[s]) for s in SEVERITIES])
            + group(T["outcome"], "outcome", [("fail", T["fail"]), ("review", T["review"])])
            + "</section>\n")


# ---- documents --------------------------------------------------------------------------------
# A page can give thousands of findings: each document lists its findings by rule, shows at most
# SHOWN_PER_RULE of each rule in full (the first SHOWN_OPEN open, the others in a <details>), and
# counts the rest with their lines; the JSON report keeps them all. Page text is clipped.

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


def kind_of(f) -> str:
    return "review" if f.outcome is Outcome.REVIEW else f.severity.value


def rule_groups(findings) -> list[list]:
    """The findings of one document by (outcome, rule): failures first, the worst rules first."""
    groups: dict[tuple[str, str], list] = {}
    for f in ordered(findings):
        groups.setdefault((f.outcome.value, f.rule), []).append(f)
    return sorted(groups.values(), key=lambda g: (g[0].outcome is Outcome.REVIEW,
                                                  -max(f.severity.rank for f in g), g[0].rule))


def document_section(doc, number: int, T, lang, registry, nonce) -> str:
    name, _ = relative_uri(doc.uri)
    title = f" — {doc.title}" if doc.title else ""
    out = [f'<section id="doc-{number}" aria-labelledby="doc-{number}-title">'
           f'<h2 id="doc-{number}-title">{esc(name)}{esc(title)}</h2>']
    if doc.status == "error":
        out.append(f'<p class="notice">{esc(T["read_error"].format(error=doc.error or ""))}</p>')
    out.append(metrics_block(doc.metrics, T))
    groups = rule_groups(doc.findings)
    shown = ordered([f for g in groups for f in g[:SHOWN_PER_RULE]])  # numbered in reading order
    ids = {id(f): (n, f"f-{number}-{n}", f"m-{number}-{n}") for n, f in enumerate(shown, 1)}
    frame_id = f"frame-{number}"
    preview = preview_frame(doc, number, shown, ids, T, lang, registry, nonce, frame_id)
    flagged = flagged_words(doc.findings)
    panel = [f'<div class="findings-panel"><h3>{esc(T["list"])} ({len(doc.findings)})</h3>']
    if not doc.findings and doc.status != "error":
        panel.append(f'<p>{esc(T["none"])}</p>')
    for heading, review in ((T["fails"], False), (T["to_review"], True)):
        part = [g for g in groups if (g[0].outcome is Outcome.REVIEW) == review]
        if part:
            panel.append(f'<h3>{esc(heading)}</h3>')
            panel += [rule_group(g, f"g-{number}-{n}", ids, T, lang, registry, frame_id if preview else None, flagged)
                      for n, g in enumerate(part, 1 if not review else len(groups) + 1)]
    panel.append("</div>")
    if preview is None:
        preview = "<p>" + esc(T["no_preview"]) + "</p>"
    out.append(f'<div class="doc-layout">{preview}{"".join(panel)}</div>')
    out.append("</section>\n")
    return "".join(out)


def preview_frame(doc, number, findings, ids, T, lang, registry, nonce, frame_id) -> str | None:
    """The annotated page in a frame, None when there is none to show, a notice when too large."""
    if doc.kind not in HTML_KINDS or not doc.source:
        return None
    too_large = f'<p class="notice">{esc(T["too_large"].format(size=len(doc.source) / 1e6))}</p>'
    if len(doc.source) > PREVIEW_MAX:
        return too_large
    marks = []
    for f in findings:
        n, finding_id, marker_id = ids[id(f)]
        text = f.snippet[f.span[0]:f.span[1]] if f.snippet and f.span else None
        title = rule_info(registry, f.rule, lang, f.references).title
        marks.append(Mark(n, finding_id, marker_id, f.outcome is Outcome.REVIEW, f.severity.value,
                          T["marker"].format(n=n, title=title), f.location.selector, text))
    try:
        page = annotated_page(doc.uri, doc.source, marks, nonce, T["banner"])
    except Exception:  # noqa: BLE001 - a page we cannot re-read loses its preview, not the report
        return None
    if len(page) > PREVIEW_MAX:
        return too_large
    name, _ = relative_uri(doc.uri)
    return (f'<div><h3>{esc(T["preview_title"])}</h3><iframe class="preview" id="{frame_id}" sandbox="allow-scripts" loading="lazy" '
            f'title="{esc(T["preview"].format(uri=name))}" srcdoc="{esc(page)}"></iframe></div>')


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


def rule_group(group, group_id, ids, T, lang, registry, frame_id, flagged) -> str:
    """One rule's findings on one document: what the rule is (once), the first findings in full,
    and how many others there are, where."""
    first = group[0]
    info = rule_info(registry, first.rule, lang, first.references)
    worst = max(group, key=lambda f: f.severity.rank)
    kind = kind_of(worst)
    occurrences = sum(occurrence_count(f) for f in group)
    count = T["count"].format(n=_number(len(group)))
    if occurrences > len(group):
        count += ", " + T["occurrences"].format(n=_number(occurrences))
    shown = group[:SHOWN_PER_RULE]
    items, quoted = zip(*(finding_item(f, ids[id(f)], T, frame_id, kind) for f in shown))
    # A text finding quotes the flagged words of the page (message, snippet), the rule's explanation
    # its own words: when the report is itself checked, they must not count against its wording.
    quotes = first.pack not in STRUCTURAL_PACKS and any(f.span is not None for f in shown)
    ignore = (f' data-inclusicheck-ignore="{esc(" ".join(quoted_rules(first, " ".join(quoted), flagged)))}"'
              if quotes else "")
    out = [f'<section class="rule-group {kind}" aria-labelledby="{group_id}"{ignore} data-pack="{esc(first.pack)}">'
           f'<h4 id="{group_id}"><span class="badge {kind}">{esc(T[kind])}</span> {esc(info.title)} '
           f'<span class="count">({esc(count)})</span></h4>'
           f'<p class="meta">{esc(T["rule"])} <code>{esc(first.rule)}</code>{references_html(info.references, T, lang)}</p>']
    if info.description:
        out.append(f'<details><summary>{esc(T["explain"])}</summary><p>{inline_code(info.description)}</p></details>')
    out.append(f'<ol class="findings">{"".join(items[:SHOWN_OPEN])}</ol>')
    if len(items) > SHOWN_OPEN:
        out.append(f'<details class="more"><summary>{esc(T["show_more"].format(n=len(items) - SHOWN_OPEN))}</summary>'
                   f'<ol class="findings">{"".join(items[SHOWN_OPEN:])}</ol></details>')
    rest = group[SHOWN_PER_RULE:]
    if rest:
        out.append(f'<p class="rest">{esc(T["rest"].format(n=_number(len(rest))))}{other_lines(rest, T)}</p>')
    out.append("</section>")
    return "".join(out)


def occurrence_count(f) -> int:
    """How many hits a finding groups (Finding.count once findings group repeated hits)."""
    return max(1, len(getattr(f, "occurrences", None) or []))


def other_lines(findings, T) -> str:
    lines = sorted({f.location.line for f in findings if f.location.line})
    if not lines:
        return ""
    listed = ", ".join(map(str, lines[:OTHER_LINES_SHOWN])) + ("…" if len(lines) > OTHER_LINES_SHOWN else "")
    return " " + esc(T["other_lines"].format(lines=listed))


def references_html(references, T, lang) -> str:
    groups: dict[str, list[str]] = {}
    for label, ref, url in reference_links(references, lang):
        groups.setdefault(label, []).append(
            f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(label)} {esc(ref)}</a>' if url else esc(ref))
    if not groups:
        return ""
    items = [", ".join(refs) if refs[0].startswith("<a") else f"{esc(label)} : {', '.join(refs)}"
             for label, refs in groups.items()]
    return f' · {esc(T["references"])} : {" ; ".join(items)}'


def finding_item(f, ident, T, frame_id, group_kind) -> tuple[str, str]:
    """The finding as a list item, and the page text it quotes."""
    n, finding_id, marker_id = ident
    kind = kind_of(f)
    if frame_id:
        number = (f'<button type="button" class="num" data-frame="{frame_id}" data-marker="{marker_id}" '
                  f'aria-label="{esc(T["show"].format(n=n))}">{n}</button>')
    else:
        number = f"<span>{n}.</span>"
    badge = f' <span class="badge {kind}">{esc(T[kind])}</span>' if kind != group_kind else ""
    snippet, span = clip(f.snippet or "", f.span, SNIPPET_MAX)
    occurrences = getattr(f, "occurrences", None) or []
    out = [f'<p>{number}{badge} {esc(clip(f.message, None, TEXT_MAX)[0])}</p>']
    if f.suggestion:
        out.append(f'<p><strong>{esc(T["suggestion"])}</strong> : {esc(clip(f.suggestion, None, TEXT_MAX)[0])}</p>')
    if snippet:
        out.append(f'<pre class="snippet" aria-label="{esc(T["snippet"])}">{marked(snippet, span)}</pre>')
    quoted = [f.message, f.suggestion or ""]  # the snippet is a <pre>: the text packs never read it
    if occurrences:
        shown = occurrences[:OCCURRENCES_SHOWN]
        # elements grouped in one finding each have a place; repeats in one block share the finding's
        elsewhere = any(getattr(o, "location", f.location) != f.location for o in occurrences)
        texts = [clip(getattr(o, "text", "") or "", None, OCCURRENCE_MAX)[0] for o in shown]
        quoted += texts
        more = len(occurrences) - len(texts)
        out.append(f'<p>{esc(T["occurrences"].format(n=_number(len(occurrences))))} :</p><ul class="occurrences">'
                   + "".join(f"<li>{esc(t)}{occurrence_where(o, T) if elsewhere else ''}</li>"
                             for t, o in zip(texts, shown))
                   + (f"<li>{esc(T['more_occurrences'].format(n=_number(more)))}</li>" if more else "") + "</ul>")
    where = where_html(f.location, T)
    if where:
        out.append(f'<p class="meta">{esc(T["where"])} : {where}</p>')
    return (f'<li class="finding {kind}" id="{finding_id}" tabindex="-1" data-pack="{esc(f.pack)}" '
            f'data-severity="{esc(f.severity.value)}" data-outcome="{esc(f.outcome.value)}">{"".join(out)}</li>',
            " ".join(quoted))


def occurrence_where(occurrence, T) -> str:
    where = where_html(occurrence.location, T)
    return f' <span class="meta">({where})</span>' if where else ""


def where_html(location, T) -> str:
    where = [esc(T["line"].format(line=location.line))] if location.line else []
    if location.page:
        where.append(esc(T["page"].format(page=location.page)))
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


# ---- metrics ----------------------------------------------------------------------------------

def metrics_block(metrics: dict, T) -> str:
    if not metrics:
        return ""
    known, plain = [], []
    if isinstance(metrics.get("falc.difficulty"), (int, float)):
        known.append(gauge(T["difficulty"], float(metrics["falc.difficulty"])))
    shares = metrics.get("regional.shares")
    if isinstance(shares, dict) and shares:
        known.append(share_bars(T["shares"], {str(k): float(v) for k, v in shares.items()
                                              if isinstance(v, (int, float))}, percent=True))
    women, men = metrics.get("gender.women_named"), metrics.get("gender.men_named")
    if isinstance(women, (int, float)) and isinstance(men, (int, float)):
        known.append(share_bars(T["named"], {T["women"]: float(women), T["men"]: float(men)}, percent=False))
    shown = {"falc.difficulty", "regional.shares", "gender.women_named", "gender.men_named"}
    for key, value in sorted(metrics.items()):
        if key in shown:
            continue
        label = T["words"] if key == "words" else key
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            plain.append(f'<tr><th scope="row">{esc(label)}</th><td class="num">{esc(_number(value))}</td></tr>')
        elif isinstance(value, dict) and value and all(isinstance(v, (int, float)) for v in value.values()):
            known.append(share_bars(label, {str(k): float(v) for k, v in value.items()}, percent=False))
    table = ""
    if plain:
        table = (f'<details><summary>{esc(T["all_metrics"].format(n=len(plain)))}</summary>'
                 f'<table><tbody>{"".join(plain)}</tbody></table></details>')
    return f'<h3>{esc(T["metrics"])}</h3><div class="metrics">{"".join(known)}</div>{table}'


def _number(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"


def gauge(label: str, value: float) -> str:
    value = min(max(value, 0.0), 100.0)
    return (f'<div class="metric"><h4>{esc(label)}</h4><svg role="img" aria-label="{esc(label)} : {value:.0f}/100" '
            f'width="220" height="30" viewBox="0 0 220 30"><rect x="0" y="4" width="200" height="16" fill="#e6e6e6">'
            f'</rect><rect x="0" y="4" width="{value * 2:.1f}" height="16" fill="#14213d"></rect>'
            f'<text x="{min(value * 2 + 4, 170):.1f}" y="17">{value:.0f}</text></svg></div>')


def share_bars(label: str, values: dict[str, float], percent: bool) -> str:
    total = sum(values.values()) or 1
    rows, y = [], 0
    for key, value in sorted(values.items(), key=lambda kv: -kv[1]):
        share = value / total if not percent else value
        width = max(0.0, min(share, 1.0)) * 140
        shown = f"{share * 100:.0f} %" if percent else _number(value)
        rows.append(f'<text x="0" y="{y + 16}">{esc(key)}</text><rect x="80" y="{y + 4}" width="{width:.1f}" '
                    f'height="16" fill="#1f5fa8"></rect><text x="{84 + width:.1f}" y="{y + 16}">{esc(shown)}</text>')
        y += 24
    summary = ", ".join(f"{k} : {(v * 100 if percent else v):.0f}{' %' if percent else ''}" for k, v in values.items())
    return (f'<div class="metric"><h4>{esc(label)}</h4><svg role="img" aria-label="{esc(label)} — {esc(summary)}" '
            f'width="280" height="{y + 4}" viewBox="0 0 280 {y + 4}">{"".join(rows)}</svg></div>')
