"""RGAA 4.1.2 views for accessibility officers.

- `rgaa` (HTML): per criterion of the sample, what automation can tell (failed, to review,
  not applicable) and what it cannot (not tested), said plainly, with no conformity rate.
- `rgaa-ods`: the official audit grid with the sample and automated statuses prefilled, for the
  officer to complete; `inclusicheck report import` reads it back (audit_html below).
"""
from __future__ import annotations

import secrets

from .. import i18n
from ..audit.grid import MAX_PAGES, fill_grid
from ..audit.rgaa import REVIEW, AuditResult, covered_criteria, criteria, page_view, sample_status
from ..packs.references import reference_url
from . import Reporter
from .rules_info import relative_uri
from .text import esc, words

STYLE = """body{margin:0 auto;max-width:1100px;padding:16px 24px;font:19px/1.5 system-ui,Arial,sans-serif;color:#1a1a1a;text-align:left}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
.notice{background:#fff8e1;border-left:6px solid #8a6d00;padding:8px 12px}
td.NC{background:#fde7ea}td.review{background:#f3e5f5}td.NA{background:#eef3ee}td.C{background:#e6f4ea}
a:focus{outline:3px solid #000}"""


def page(lang: str, title: str, body: str) -> str:
    nonce = secrets.token_urlsafe(12)
    csp = f"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; form-action 'none'"
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n<title>{esc(title)}</title>\n'
            f'<style nonce="{nonce}">{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{esc(title)}</h1>\n{body}'
            f'</main>\n</body>\n</html>\n')


def declaration_label(declaration: str | None, lang: str) -> str | None:
    """The declaration the audit's rate calls for (AuditResult.declaration), in `lang`."""
    return None if declaration is None else i18n.t(f"rgaa.declaration.{declaration.replace(' ', '_')}", lang)


def criterion_link(number: str) -> str:
    return f'<a href="{esc(reference_url("rgaa", number))}">{esc(number)}</a>'


class RgaaReporter(Reporter):
    needs_source = True  # applicability of criteria is read from the page

    def finish(self, result):
        self.stream.write(rgaa_summary_html(result, self.lang, self.options.get("registry"),
                                            self.options.get("rules")))


class RgaaOdsReporter(Reporter):
    binary = True
    needs_source = True

    def finish(self, result):
        views = [page_view(d) for d in result.documents if d.status == "checked"]
        self.stream.write(fill_grid(views, grid_notes(views)))


def grid_notes(views) -> dict[str, dict[str, str]]:
    """What each page's findings say, per criterion, for the grid's "Modifications à apporter"."""
    notes: dict[str, dict[str, str]] = {}
    for view in views:
        for criterion, findings in view.findings.items():
            lines = []
            for f in findings[:10]:
                where = f"ligne {f.location.line} : " if f.location.line else (
                    f"page {f.location.page} : " if f.location.page else "")
                kind = "à vérifier" if f.outcome.value == "review" else "échec"
                lines.append(f"{f.rule} ({kind}) {where}{f.message}")
            if len(findings) > 10:
                lines.append(f"… et {len(findings) - 10} autre(s)")
            notes.setdefault(view.uri, {})[criterion] = "\n".join(lines)
    return notes


def rgaa_summary_html(result, lang="fr", registry=None, rule_ids=None) -> str:
    t = words(lang, typography=True)
    views = [page_view(d) for d in result.documents if d.status == "checked"]
    all_criteria = criteria()
    covered = covered_criteria(registry, rule_ids)
    body = [f'<p class="notice">{esc(t("rgaa.warning"))}</p>',
            f'<p>{esc(t("rgaa.covered", n=len(covered & {c.id for c in all_criteria}), total=len(all_criteria)))}</p>']
    if len(views) > MAX_PAGES:
        body.append(f"<p>{esc(t('rgaa.over', max=MAX_PAGES))}</p>")
    rows = "".join(f'<tr><td>P{i:02d}</td><td>{esc(v.title or "")}</td><td>{esc(relative_uri(v.uri)[0])}</td></tr>'
                   for i, v in enumerate(views, 1))
    body.append(f'<h2>{esc(t("rgaa.sample"))}</h2><table><thead><tr><th scope="col">{esc(t("rgaa.page"))}</th>'
                f'<th scope="col">{esc(t("rgaa.page_title"))}</th><th scope="col">{esc(t("rgaa.url"))}</th></tr></thead><tbody>{rows}</tbody></table>')
    statuses = {c.id: sample_status([v.statuses[c.id] for v in views]) if views else "NT" for c in all_criteria}
    for c in all_criteria:  # "review" survives the sample rule as NT: show it as such when no NC
        if statuses[c.id] == "NT" and any(v.statuses[c.id] == REVIEW for v in views):
            statuses[c.id] = REVIEW
    counts = {k: sum(s == k for s in statuses.values()) for k in ("NC", REVIEW, "NA", "NT")}
    body.append(f'<h2>{esc(t("rgaa.counts"))}</h2><table><tbody>'
                + "".join(f'<tr><th scope="row">{esc(t(f"rgaa.status.{k.lower()}"))}</th><td>{n}</td></tr>' for k, n in counts.items())
                + "</tbody></table>")
    rows = []
    for c in all_criteria:
        status = statuses[c.id]
        failing = [f"P{i:02d}" for i, v in enumerate(views, 1) if v.statuses[c.id] == "NC"]
        n_findings = sum(len(v.findings.get(c.id, [])) for v in views)
        rows.append(f'<tr><td>{criterion_link(c.id)}</td><td>{esc(c.title)}</td>'
                    f'<td class="{status}">{esc(t(f"rgaa.status.{status.lower()}"))}</td><td>{esc(", ".join(failing))}</td>'
                    f'<td>{n_findings or ""}</td></tr>')
    body.append(f'<h2>{esc(t("rgaa.criteria"))}</h2><table><thead><tr><th scope="col">{esc(t("rgaa.criterion"))}</th>'
                f'<th scope="col">{esc(t("rgaa.label"))}</th><th scope="col">{esc(t("rgaa.sample_status"))}</th>'
                f'<th scope="col">{esc(t("rgaa.pages_nc"))}</th><th scope="col">{esc(t("report.findings"))}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')
    return page(lang, t("rgaa.title"), "\n".join(body))


def audit_html(audit: AuditResult, lang="fr") -> str:
    """The final audit report from a grid a person completed (`inclusicheck report import`)."""
    t = words(lang, typography=True)
    def line(key: str, value: str, css: str = "") -> str:
        return f'<p{css}>{t("field.value", label=f"<strong>{esc(t(key))}</strong>", value=value)}</p>'
    body = [f"<p>{esc(t('rgaa.audit_intro'))}</p>"]
    if audit.rate is None:
        body.append(line("rgaa.rate", esc(t("rgaa.rate_none", n=audit.remaining_nt)), ' class="notice"'))
    else:
        body.append(line("rgaa.rate", f"{audit.rate:.2f} %"))
        if audit.average is not None:
            body.append(line("rgaa.average", f"{audit.average:.2f} %"))
        body.append(line("rgaa.to_declare", esc(declaration_label(audit.declaration, lang))))
    body.append(f'<h2>{esc(t("rgaa.by_status"))}</h2><table><tbody>'
                + "".join(f'<tr><th scope="row">{esc(t(f"rgaa.status.{k.lower()}"))} ({k})</th><td>{n}</td></tr>'
                          for k, n in audit.counts.items()) + "</tbody></table>")
    rows = "".join(f'<tr><td>{esc(p.id)}</td><td>{esc(p.title)}</td><td>{esc(p.url)}</td>'
                   f'<td>{"" if p.rate is None else f"{p.rate:.2f} %"}</td></tr>' for p in audit.pages)
    body.append(f'<h2>{esc(t("rgaa.sample"))}</h2><table><thead><tr><th scope="col">{esc(t("rgaa.page"))}</th>'
                f'<th scope="col">{esc(t("rgaa.page_title"))}</th><th scope="col">{esc(t("rgaa.url"))}</th>'
                f'<th scope="col">{esc(t("rgaa.rate_page"))}</th></tr></thead><tbody>{rows}</tbody></table>')
    head = "".join(f'<th scope="col">{esc(p.id)}</th>' for p in audit.pages)
    rows = []
    for c in criteria():
        cells = "".join(f'<td class="{p.statuses.get(c.id, "NT")}">{esc(p.statuses.get(c.id, "NT"))}</td>'
                        for p in audit.pages)
        notes = "<br>".join(t("field.value", label=esc(p.id), value=esc(p.notes[c.id]))
                            for p in audit.pages if c.id in p.notes)
        status = audit.sample[c.id]
        rows.append(f'<tr><td>{criterion_link(c.id)}</td><td>{esc(c.title)}</td><td class="{status}">{esc(status)}</td>'
                    f'{cells}<td>{notes}</td></tr>')
    body.append(f'<h2>{esc(t("rgaa.criteria"))}</h2><table><thead><tr><th scope="col">{esc(t("rgaa.criterion"))}</th>'
                f'<th scope="col">{esc(t("rgaa.label"))}</th><th scope="col">{esc(t("rgaa.sample_status"))}</th>{head}'
                f'<th scope="col">{esc(t("rgaa.changes"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return page(lang, t("rgaa.audit"), "\n".join(body))
