"""RGAA 4.1.2 views for accessibility officers.

- `rgaa` (HTML): per criterion of the sample, what automation can tell (failed, to review,
  not applicable) and what it cannot (not tested), said plainly, with no conformity rate.
- `rgaa-ods`: the official audit grid with the sample and automated statuses prefilled, for the
  officer to complete; `inclusicheck report import` reads it back (audit_html below).
"""
from __future__ import annotations

import secrets

from ..audit.grid import MAX_PAGES, fill_grid
from ..audit.rgaa import REVIEW, AuditResult, covered_criteria, criteria, page_view, sample_status
from ..packs.references import reference_url
from . import Reporter
from .html import esc, french_spacing
from .rules_info import relative_uri

TEXTS = {
    "fr": {
        "title": "Synthèse RGAA 4.1.2 (vérifications automatiques)",
        "warning": "Une vérification automatique ne couvre qu'une partie du RGAA. Elle peut montrer qu'un critère "
                   "est non conforme ; elle ne peut pas montrer qu'il est conforme. Aucun taux de conformité n'est "
                   "calculé ici : le taux officiel se calcule sur les critères qu'une personne a évalués. "
                   "Complétez la grille officielle (format rgaa-ods) puis importez-la avec "
                   "« inclusicheck report import ».",
        "sample": "Échantillon", "page": "Page", "url": "Adresse", "criteria": "Critères",
        "criterion": "Critère", "theme": "Thématique", "status": "Statut sur l'échantillon",
        "pages_nc": "Pages en échec", "findings": "Constats", "counts": "Bilan",
        "NC": "Non conforme (constaté automatiquement)", "review": "À vérifier (constat à examiner)",
        "NA": "Non applicable (détecté, à confirmer)", "NT": "Non testé : à évaluer par une personne",
        "covered": "{n} critères sur {total} sont liés à au moins une règle automatique ; les autres ne se "
                   "vérifient pas automatiquement.",
        "over": "Seules les {max} premières pages entrent dans la grille officielle.",
        "rate": "Taux de conformité", "rate_none": "Non calculé : il reste {n} statut(s) « non testé » (NT) dans la grille.",
        "average": "Taux moyen", "declaration": "État de conformité à déclarer", "audit": "Rapport d'audit RGAA 4.1.2",
        "audit_intro": "Ce rapport reprend la grille d'audit complétée. Les taux suivent les règles de la méthode "
                       "officielle : un critère est validé s'il est conforme ou non applicable sur toutes les pages, "
                       "taux = critères conformes ÷ critères applicables.",
        "rate_page": "Taux de la page", "changes": "Modifications à apporter", "C": "Conforme",
        "statuses": "Critères par statut", "page_title": "Titre", "label": "Intitulé",
        "declarations": {},
    },
    "en": {
        "title": "RGAA 4.1.2 summary (automated checks)",
        "warning": "An automated run covers only part of the RGAA. It can show that a criterion fails; it cannot "
                   "show that a criterion is met. No conformity rate is computed here: the official rate is computed "
                   "over criteria a person has assessed. Complete the official grid (rgaa-ods format), then import it "
                   "with “inclusicheck report import”.",
        "sample": "Sample", "page": "Page", "url": "Address", "criteria": "Criteria",
        "criterion": "Criterion", "theme": "Theme", "status": "Status over the sample",
        "pages_nc": "Pages failing", "findings": "Findings", "counts": "Totals",
        "NC": "Not compliant (found automatically)", "review": "To review (finding to examine)",
        "NA": "Not applicable (detected, to confirm)", "NT": "Not tested: for a person to assess",
        "covered": "{n} of {total} criteria are linked to at least one automated rule; the others cannot be "
                   "checked automatically.",
        "over": "Only the first {max} pages fit in the official grid.",
        "rate": "Conformity rate", "rate_none": "Not computed: {n} status(es) “not tested” (NT) remain in the grid.",
        "average": "Average rate", "declaration": "Conformity status to declare", "audit": "RGAA 4.1.2 audit report",
        "audit_intro": "This report restates the completed audit grid. The rates follow the official method: a "
                       "criterion is met if it is compliant or not applicable on every page; rate = compliant "
                       "criteria ÷ applicable criteria.",
        "rate_page": "Page rate", "changes": "Changes to make", "C": "Compliant",
        "statuses": "Criteria by status", "page_title": "Title", "label": "Criterion",
        "declarations": {"totalement conforme": "fully compliant", "partiellement conforme": "partially compliant",
                         "non conforme": "not compliant"},
    },
}
TEXTS["fr"] = french_spacing(TEXTS["fr"])
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
    return TEXTS[lang]["declarations"].get(declaration, declaration)


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
    T = TEXTS[lang]
    views = [page_view(d) for d in result.documents if d.status == "checked"]
    all_criteria = criteria()
    covered = covered_criteria(registry, rule_ids)
    body = [f'<p class="notice">{esc(T["warning"])}</p>',
            f'<p>{esc(T["covered"].format(n=len(covered & {c.id for c in all_criteria}), total=len(all_criteria)))}</p>']
    if len(views) > MAX_PAGES:
        body.append(f"<p>{esc(T['over'].format(max=MAX_PAGES))}</p>")
    rows = "".join(f'<tr><td>P{i:02d}</td><td>{esc(v.title or "")}</td><td>{esc(relative_uri(v.uri)[0])}</td></tr>'
                   for i, v in enumerate(views, 1))
    body.append(f'<h2>{esc(T["sample"])}</h2><table><thead><tr><th scope="col">{esc(T["page"])}</th>'
                f'<th scope="col">{esc(T["page_title"])}</th><th scope="col">{esc(T["url"])}</th></tr></thead><tbody>{rows}</tbody></table>')
    statuses = {c.id: sample_status([v.statuses[c.id] for v in views]) if views else "NT" for c in all_criteria}
    for c in all_criteria:  # "review" survives the sample rule as NT: show it as such when no NC
        if statuses[c.id] == "NT" and any(v.statuses[c.id] == REVIEW for v in views):
            statuses[c.id] = REVIEW
    counts = {k: sum(s == k for s in statuses.values()) for k in ("NC", REVIEW, "NA", "NT")}
    body.append(f'<h2>{esc(T["counts"])}</h2><table><tbody>'
                + "".join(f'<tr><th scope="row">{esc(T[k])}</th><td>{n}</td></tr>' for k, n in counts.items())
                + "</tbody></table>")
    rows = []
    for c in all_criteria:
        status = statuses[c.id]
        failing = [f"P{i:02d}" for i, v in enumerate(views, 1) if v.statuses[c.id] == "NC"]
        n_findings = sum(len(v.findings.get(c.id, [])) for v in views)
        rows.append(f'<tr><td>{criterion_link(c.id)}</td><td>{esc(c.title)}</td>'
                    f'<td class="{status}">{esc(T[status])}</td><td>{esc(", ".join(failing))}</td>'
                    f'<td>{n_findings or ""}</td></tr>')
    body.append(f'<h2>{esc(T["criteria"])}</h2><table><thead><tr><th scope="col">{esc(T["criterion"])}</th>'
                f'<th scope="col">{esc(T["label"])}</th><th scope="col">{esc(T["status"])}</th>'
                f'<th scope="col">{esc(T["pages_nc"])}</th><th scope="col">{esc(T["findings"])}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')
    return page(lang, T["title"], "\n".join(body))


def audit_html(audit: AuditResult, lang="fr") -> str:
    """The final audit report from a grid a person completed (`inclusicheck report import`)."""
    T = TEXTS[lang]
    body = [f"<p>{esc(T['audit_intro'])}</p>"]
    if audit.rate is None:
        body.append(f'<p class="notice"><strong>{esc(T["rate"])}</strong> : '
                    f'{esc(T["rate_none"].format(n=audit.remaining_nt))}</p>')
    else:
        body.append(f'<p><strong>{esc(T["rate"])}</strong> : {audit.rate:.2f} %</p>')
        if audit.average is not None:
            body.append(f'<p><strong>{esc(T["average"])}</strong> : {audit.average:.2f} %</p>')
        body.append(f'<p><strong>{esc(T["declaration"])}</strong> : {esc(declaration_label(audit.declaration, lang))}</p>')
    body.append(f'<h2>{esc(T["statuses"])}</h2><table><tbody>'
                + "".join(f'<tr><th scope="row">{esc(T[k])} ({k})</th><td>{n}</td></tr>'
                          for k, n in audit.counts.items()) + "</tbody></table>")
    rows = "".join(f'<tr><td>{esc(p.id)}</td><td>{esc(p.title)}</td><td>{esc(p.url)}</td>'
                   f'<td>{"" if p.rate is None else f"{p.rate:.2f} %"}</td></tr>' for p in audit.pages)
    body.append(f'<h2>{esc(T["sample"])}</h2><table><thead><tr><th scope="col">{esc(T["page"])}</th>'
                f'<th scope="col">{esc(T["page_title"])}</th><th scope="col">{esc(T["url"])}</th>'
                f'<th scope="col">{esc(T["rate_page"])}</th></tr></thead><tbody>{rows}</tbody></table>')
    head = "".join(f'<th scope="col">{esc(p.id)}</th>' for p in audit.pages)
    rows = []
    for c in criteria():
        cells = "".join(f'<td class="{p.statuses.get(c.id, "NT")}">{esc(p.statuses.get(c.id, "NT"))}</td>'
                        for p in audit.pages)
        notes = "<br>".join(f"{esc(p.id)} : {esc(p.notes[c.id])}" for p in audit.pages if c.id in p.notes)
        status = audit.sample[c.id]
        rows.append(f'<tr><td>{criterion_link(c.id)}</td><td>{esc(c.title)}</td><td class="{status}">{esc(status)}</td>'
                    f'{cells}<td>{notes}</td></tr>')
    body.append(f'<h2>{esc(T["criteria"])}</h2><table><thead><tr><th scope="col">{esc(T["criterion"])}</th>'
                f'<th scope="col">{esc(T["label"])}</th><th scope="col">{esc(T["status"])}</th>{head}'
                f'<th scope="col">{esc(T["changes"])}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return page(lang, T["audit"], "\n".join(body))
