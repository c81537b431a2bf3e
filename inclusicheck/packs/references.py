"""Links to the texts a finding refers to (WCAG, RGAA, ACT), shared by `explain` and reporters.

WCAG links go to the W3C "Understanding" page of the success criterion (what it means, why, how
to meet it); the SC -> page slug table is data/wcag22-understanding.tsv (source and licence in
its header). An unknown SC falls back to the Quick Reference.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

RGAA_URL = "https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#{criterion}"
ACT_URL = "https://www.w3.org/WAI/standards-guidelines/act/rules/{id}/"
WCAG_UNDERSTANDING_URL = "https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html"
WCAG_QUICKREF_URL = "https://www.w3.org/WAI/WCAG22/quickref/"
WCAG_TABLE = Path(__file__).parent.parent / "data" / "wcag22-understanding.tsv"


@cache
def wcag_criteria() -> dict[str, tuple[str, str]]:
    """SC number -> (level, Understanding page slug), for WCAG 2.2 A, AA and AAA."""
    table = {}
    for line in WCAG_TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, level, slug = line.split("\t")
            table[number] = (level, slug)
    return table


def rgaa_criterion(ref: str) -> str:
    """RGAA test "8.3.1" -> criterion "8.3" (a criterion id is returned unchanged)."""
    return ".".join(ref.split(".")[:2])


def reference_url(standard: str, ref: str) -> str | None:
    if standard == "rgaa":
        return RGAA_URL.format(criterion=rgaa_criterion(ref))
    if standard == "act":
        return ACT_URL.format(id=ref)
    if standard == "wcag":
        known = wcag_criteria().get(ref)
        return WCAG_UNDERSTANDING_URL.format(slug=known[1]) if known else WCAG_QUICKREF_URL
    return None
