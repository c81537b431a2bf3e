"""What assistive technologies see of an element, as far as the DOM alone tells: whether it is
exposed, its role, its accessible name. Shared by the static checks of the `wcag` pack (wcag_*.py)."""
from __future__ import annotations

from ...document.dom import SKIPPED_TAGS, is_hidden, normalise, visible_text

ARIA_HIDDEN = "aria-hidden"


def is_exposed(el) -> bool:
    """Not hidden from everyone (hidden attribute, display:none, aria-hidden) by itself or an ancestor."""
    node = el
    while node is not None and isinstance(node.tag, str):
        if is_hidden(node) or (node.get(ARIA_HIDDEN) or "").strip().lower() == "true":
            return False
        node = node.getparent()
    return True


def start_tag(el) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


def first_role(el) -> str:
    """The role an assistive technology uses: the first token of `role` ("" when none)."""
    role = (el.get("role") or "").strip().lower().split()
    return role[0] if role else ""


def accessible_name(el) -> str:
    """aria-labelledby, then aria-label, then content (hidden text and image alts included).
    `title` is deliberately ignored: it is not reliably read."""
    labelledby = (el.get("aria-labelledby") or "").split()
    if labelledby:
        root = el.getroottree().getroot()
        names = []
        for ref in labelledby:
            found = root.xpath("//*[@id=$i]", i=ref)
            if found:
                names.append(el.text_content() if found[0] is el else visible_text(found[0]))
        if any(n.strip() for n in names):
            return " ".join(names)
    label = (el.get("aria-label") or "").strip()
    if label:
        return label
    return name_from_content(el)


def name_from_content(el) -> str:
    """The text of an element and its descendants as an accessible name: image alternatives
    included, parts hidden from everyone (hidden, display:none, aria-hidden) left out."""
    parts: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return
        if (node.get(ARIA_HIDDEN) or "").strip().lower() == "true":
            return
        if node.tag in ("img", "area") or (node.tag == "input" and (node.get("type") or "").lower() == "image"):
            parts.append(node.get("aria-label") or node.get("alt") or "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
    walk(el)
    return normalise(" ".join(parts))
