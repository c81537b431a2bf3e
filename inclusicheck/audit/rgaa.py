"""The RGAA 4.1.2 view of a run, for accessibility officers.

An automated run can only say three things about a criterion on a page:
- failed ("NC"): a rule referencing one of its tests found a `fail`;
- to review: a rule referencing it found a `review` outcome;
- not applicable ("NA"): the page has none of the elements the criterion is about, and no script
  that could add some (tables, frames, multimedia, forms, images, scripts);
everything else is "NT" (not tested): a person must judge it. The official conformity rate
(C ÷ (C + NC) over the sample) needs criteria a person marked "C": it is never computed from
automation alone. Officers complete the official ODS grid (grid.py) and import it back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..document.dom import parse
from ..model import Outcome
from ..packs.references import rgaa_criterion

CRITERIA_TABLE = Path(__file__).parent.parent / "data" / "rgaa412-criteria.tsv"
STATUSES = ("C", "NC", "NA", "NT")
REVIEW = "review"  # automated only: a person must look (shown as NT in the official grid)

# Elements a theme is about: when a page has none of them (and no script), the theme's criteria
# do not apply to it. Only themes where absence is certain from the markup are listed.
THEME_ELEMENTS = {
    "1": "img, svg, area, input[type=image], object, embed, canvas, picture, [role=img]",
    "2": "iframe, frame",
    "4": "video, audio, object, embed, iframe, frame, bgsound",
    "5": "table, [role=table], [role=grid], [role=treegrid]",
    "11": ("form, input, select, textarea, button, [role=textbox], [role=combobox], [role=listbox], "
           "[role=checkbox], [role=radio], [role=switch], [role=searchbox], [role=spinbutton], [role=slider]"),
}


@dataclass
class Criterion:
    id: str
    theme: str
    title: str
    wcag: list[str]

    @property
    def theme_number(self) -> str:
        return self.id.split(".")[0]


@cache
def criteria() -> list[Criterion]:
    rows = []
    for line in CRITERIA_TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, theme, title, wcag = line.split("\t")
            rows.append(Criterion(number, theme, title, wcag.split()))
    return rows


@dataclass
class PageView:
    """The automated statuses of one checked document: criterion -> NC | review | NA | NT."""
    uri: str
    title: str | None
    statuses: dict[str, str]
    findings: dict[str, list] = field(default_factory=dict)  # criterion -> findings referencing it


def covered_criteria(registry, rule_ids=None) -> set[str]:
    """Criteria that at least one rule (of those that ran, when known) references."""
    if registry is None:
        return set()
    rules = [registry.get(r) for r in rule_ids] if rule_ids else list(registry.rules.values())
    return {rgaa_criterion(ref) for rule in rules if rule for ref in rule.references.get("rgaa", [])}


def page_view(doc) -> PageView:
    found: dict[str, list] = {}
    for f in doc.findings:
        for ref in f.references.get("rgaa", []):
            found.setdefault(rgaa_criterion(ref), []).append(f)
    absent = absent_themes(doc.source) if doc.kind in ("page", "newsletter") and doc.source else set()
    statuses = {}
    for criterion in criteria():
        hits = found.get(criterion.id, [])
        if any(f.outcome is Outcome.FAIL for f in hits):
            statuses[criterion.id] = "NC"
        elif hits:
            statuses[criterion.id] = REVIEW
        elif criterion.theme_number in absent:
            statuses[criterion.id] = "NA"
        else:
            statuses[criterion.id] = "NT"
    return PageView(doc.uri, doc.title, statuses, found)


def absent_themes(source: str) -> set[str]:
    """Themes whose elements the page certainly lacks. A page with scripts could add any element
    after loading, so then only theme 7 (scripts) can be absent... and it is not: nothing is."""
    try:
        root = parse(source)
    except Exception:  # noqa: BLE001 - unreadable markup: claim nothing
        return set()
    has_script = bool(root.xpath("//script | //*[@*[starts-with(name(), 'on')]]"))
    if has_script:
        return set()
    absent = {"7"}
    for theme, selector in THEME_ELEMENTS.items():
        if not root.cssselect(selector):
            absent.add(theme)
    if "1" in absent and root.xpath("//@style[contains(., 'url(')] | //style[contains(., 'url(')]"):
        absent.discard("1")  # CSS background images can carry information
    return absent


def sample_status(statuses: list[str]) -> str:
    """The official rule over a sample: NC if any page is NC, else C if any is C, else NT if any
    is NT, else NA. An automated "review" counts as NT."""
    statuses = ["NT" if s == REVIEW else s for s in statuses]
    for status in ("NC", "C", "NT"):
        if status in statuses:
            return status
    return "NA"


# ---- the rate, from statuses a person marked ----------------------------------------------------

@dataclass
class AuditPage:
    id: str      # P01...
    title: str
    url: str
    statuses: dict[str, str]   # criterion -> C | NC | NA | NT
    notes: dict[str, str] = field(default_factory=dict)  # criterion -> "modifications à apporter"

    @property
    def rate(self) -> float | None:
        c = sum(s == "C" for s in self.statuses.values())
        nc = sum(s == "NC" for s in self.statuses.values())
        return None if c + nc == 0 else c / (c + nc) * 100


@dataclass
class AuditResult:
    pages: list[AuditPage]
    sample: dict[str, str]          # criterion -> sample status
    rate: float | None              # None while NT remain (or nothing applicable)
    average: float | None
    remaining_nt: int
    counts: dict[str, int]

    @property
    def declaration(self) -> str | None:
        """totalement | partiellement | non conforme (declaration-accessibilite.md)."""
        if self.rate is None:
            return None
        if self.rate >= 100:
            return "totalement conforme"
        return "partiellement conforme" if self.rate >= 50 else "non conforme"


def audit_result(pages: list[AuditPage]) -> AuditResult:
    sample = {c.id: sample_status([p.statuses.get(c.id, "NT") for p in pages]) for c in criteria()}
    counts = {s: sum(v == s for v in sample.values()) for s in STATUSES}
    remaining = sum(s == "NT" for p in pages for s in p.statuses.values())
    applicable = counts["C"] + counts["NC"]
    rate = counts["C"] / applicable * 100 if remaining == 0 and applicable else None
    page_rates = [p.rate for p in pages if p.rate is not None]
    average = sum(page_rates) / len(page_rates) if remaining == 0 and page_rates else None
    return AuditResult(pages, sample, rate, average, remaining, counts)
