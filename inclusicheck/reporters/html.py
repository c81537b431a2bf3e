"""The HTML report: one self-contained file a communicator can open and read.

- Overview: documents, findings by pack and severity (table and an inline SVG chart), rules not run.
- Per document (html_document.py): the page in a preview frame with the findings marked, next to
  the findings grouped by rule; metrics as plots (html_metrics.py).
- Filters by pack, severity and outcome (a small script allowed by the CSP nonce; without script
  everything shows).
- Safety: every text from a page is escaped; the report carries a Content-Security-Policy that
  loads nothing and runs only its own script (see annotate.py for the preview frame).
The report is written to pass inclusicheck's own wcag, falc-typography and gender rules; its words
come from the catalogue, with French typography (text.words).
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from . import Reporter, kind_of
from .html_document import document_section
from .rules_info import relative_uri
from .text import esc, words

SEVERITIES = ("error", "warning", "info")
COLOURS = {"error": "#b00020", "warning": "#8a5a00", "info": "#1f5fa8", "review": "#6a1b9a"}

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


class HtmlReporter(Reporter):
    needs_source = True

    def finish(self, result):
        self.stream.write(render_report(result, self.lang, self.options.get("registry")))


def render_report(result, lang: str = "fr", registry=None, nonce: str | None = None) -> str:
    t = words(lang, typography=True)
    nonce = nonce or secrets.token_urlsafe(18)
    csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
           "frame-src 'self'; base-uri 'none'; form-action 'none'")
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(t("report.title"))} — {esc(t("html.count", n=result.summary()["findings"]))}</title>\n'
        f'<style nonce="{nonce}">{STYLE}</style>\n</head>\n<body>\n'
        f'<a class="skip" href="#documents">{esc(t("html.skip"))}</a>\n'
        f'<header class="top"><h1>{esc(t("report.title"))}</h1>'
        f'<p>{esc(t("html.generated", date=date, version=result.tool.get("version", "")))}</p></header>\n'
        f'<main>\n<p class="notice">{esc(t("html.disclaimer"))}</p>\n',
        overview(result, t),
        filters(result, t),
        '<div id="documents">\n',
    ]
    for number, doc in enumerate(result.documents, 1):
        parts.append(document_section(doc, number, t, lang, registry, nonce))
    parts.append(f'</div>\n</main>\n<script nonce="{nonce}">{SCRIPT}</script>\n</body>\n</html>\n')
    return "".join(parts)


# ---- overview ---------------------------------------------------------------------------------

def counts_by_pack(result) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for doc in result.documents:
        for f in doc.findings:
            counts.setdefault(f.pack, dict.fromkeys((*SEVERITIES, "review"), 0))[kind_of(f)] += 1
    return counts


def overview(result, t) -> str:
    summary = result.summary()
    rows = []
    for number, doc in enumerate(result.documents, 1):
        name, _ = relative_uri(doc.uri)
        status = t("html.unreadable") if doc.status == "error" else t("html.checked")
        rows.append(f'<tr><td><a href="#doc-{number}">{esc(name)}</a></td><td>{esc(status)}</td>'
                    f'<td class="num">{len(doc.findings)}</td></tr>')
    out = [f'<section aria-labelledby="overview"><h2 id="overview">{esc(t("html.overview"))}</h2><div class="overview">',
           f'<nav aria-label="{esc(t("html.nav"))}"><table><caption>{esc(t("html.documents"))}</caption>'
           f'<thead><tr><th scope="col">{esc(t("html.document"))}</th><th scope="col">{esc(t("html.status"))}</th>'
           f'<th scope="col">{esc(t("report.findings"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></nav>']
    counts = counts_by_pack(result)
    keys = (*SEVERITIES, "review")
    if counts:
        head = "".join(f'<th scope="col">{esc(t(f"report.kinds.{k}"))}</th>' for k in keys)
        body = "".join(f'<tr><th scope="row">{esc(p)}</th>' + "".join(f'<td class="num">{c[k]}</td>' for k in keys)
                       + f'<td class="num">{sum(c.values())}</td></tr>' for p, c in sorted(counts.items()))
        out.append(f'<div><h3>{esc(t("html.by_pack"))}</h3><table><thead><tr><th scope="col">{esc(t("report.pack"))}</th>{head}'
                   f'<th scope="col">{esc(t("html.total"))}</th></tr></thead><tbody>{body}</tbody></table>'
                   f'{bar_chart(counts, t)}</div>')
    elif summary["documents"] > summary["errors"]:
        out.append(f'<p>{esc(t("html.nothing_found"))}</p>')
    out.append("</div>")
    for skipped in result.skipped:
        # one rule id per item: a long run of ids is not prose (and must not look like English)
        out.append(f'<h3>{esc(t("html.skipped"))}</h3><p>{esc(skipped.reason)}</p><ul>'
                   + "".join(f"<li><code>{esc(rule)}</code></li>" for rule in skipped.rules) + "</ul>")
    out.append("</section>\n")
    return "".join(out)


def bar_chart(counts: dict[str, dict[str, int]], t) -> str:
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
                         f'<title>{esc(pack)} — {t("field.value", label=esc(t(f"report.kinds.{k}")), value=c[k])}</title></rect>')
            items.append(f'<text x="{x + 4:.1f}" y="{y + 18}" style="fill:#fff;font-weight:bold">{c[k]}</text>')
            x += w
        items.append(f'<text x="{x + 6:.1f}" y="{y + 18}">{sum(c.values())}</text>')
    legend_y = height - 12
    x = label_w
    for k in keys:
        items.append(f'<rect x="{x}" y="{legend_y - 11}" width="12" height="12" fill="{COLOURS[k]}"></rect>'
                     f'<text x="{x + 16}" y="{legend_y}">{esc(t(f"report.kinds.{k}"))}</text>')
        x += 165
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title id="chart-title">'
            f'{esc(t("html.chart"))}</title>{"".join(items)}</svg><figcaption>{esc(t("html.chart"))}</figcaption></figure>')


def filters(result, t) -> str:
    packs = sorted({f.pack for d in result.documents for f in d.findings})
    if not packs:
        return ""

    def group(legend, name, values):
        boxes = "".join(f'<label><input type="checkbox" checked data-filter="{name}" value="{esc(v)}"> '
                        f'{esc(label)}</label>' for v, label in values)
        return f'<fieldset><legend>{esc(legend)}</legend>{boxes}</fieldset>'

    return (f'<section aria-labelledby="filters"><h2 id="filters">{esc(t("html.filters"))}</h2>'
            + group(t("report.pack"), "pack", [(p, p) for p in packs])
            + group(t("html.severity"), "severity", [(s, t(f"report.kind.{s}")) for s in SEVERITIES])
            + group(t("html.outcome"), "outcome", [("fail", t("html.fail")), ("review", t("report.kind.review"))])
            + "</section>\n")
