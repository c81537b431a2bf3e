"""Links to the texts a finding refers to (WCAG, RGAA, ACT), shared by `explain` and reporters."""
from __future__ import annotations

RGAA_URL = "https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#{criterion}"
ACT_URL = "https://www.w3.org/WAI/standards-guidelines/act/rules/{id}/"
WCAG_URL = "https://www.w3.org/WAI/WCAG22/quickref/#{anchor}"


def reference_url(standard: str, ref: str) -> str | None:
    if standard == "rgaa":
        criterion = ".".join(ref.split(".")[:2])
        return RGAA_URL.format(criterion=criterion)
    if standard == "act":
        return ACT_URL.format(id=ref)
    if standard == "wcag":
        return WCAG_URL.format(anchor=ref)
    return None
