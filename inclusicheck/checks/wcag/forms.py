"""Forms of the `wcag` pack: fields labelled only by a placeholder (RGAA 11.1)."""
from __future__ import annotations

from ...document.dom import visible_text
from .. import Hit, check
from .elements import is_exposed

# ---- fields labelled only by a placeholder (RGAA 11.1) ----------------------------------------

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "reset", "button", "image", "checkbox", "radio", "range", "color",
                          "file"}


def has_label(field, root) -> bool:
    """RGAA 11.1.1: aria-labelledby, aria-label, a <label> (for= or wrapping), or title."""
    if any((field.get(a) or "").strip() for a in ("aria-label", "title")):
        return True
    ids = (field.get("aria-labelledby") or "").split()
    if any(visible_text(el).strip() for i in ids for el in root.xpath("//*[@id=$i]", i=i)):
        return True
    if any(a.tag == "label" for a in field.iterancestors()):
        return True
    field_id = field.get("id")
    return bool(field_id) and any(visible_text(label).strip()
                                  for label in root.xpath("//label[@for=$i]", i=field_id))


@check()
def placeholder_label(doc, params, ctx):
    if doc.tree is None:
        return
    for field in doc.tree.iter("input", "textarea"):
        if field.tag == "input" and (field.get("type") or "text").strip().lower() in UNLABELLED_INPUT_TYPES:
            continue
        placeholder = (field.get("placeholder") or "").strip()
        if placeholder and is_exposed(field) and not has_label(field, doc.tree):
            yield Hit(element=field, data={"placeholder": placeholder})
