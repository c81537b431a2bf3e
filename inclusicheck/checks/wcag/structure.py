"""Structure of the page in the `wcag` pack: title (RGAA 8.5), doctype (RGAA 8.1), headings
(RGAA 9.1) and presentational tags and attributes (RGAA 10.1)."""
from __future__ import annotations

import re

from ...document.dom import visible_text
from ...model import Location, Outcome, Severity
from .. import Hit, check
from .elements import first_role, is_exposed, start_tag


# ---- page title (RGAA 8.5) -------------------------------------------------------------------

@check()
def page_title(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    titles = [t for t in root.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())]
    if not titles:
        head = root.find("head")
        yield Hit(element=head if head is not None else root, snippet="<head>…</head>")
    elif not titles[0].text_content().strip():
        yield Hit(element=titles[0], message_key="empty")


# ---- doctype (RGAA 8.1) -----------------------------------------------------------------------

DOCTYPE = re.compile(r"<!doctype\s+([^>]*)>", re.I)
LEADING = re.compile(r"^(?:\ufeff|\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
VALID_DOCTYPE = re.compile(
    r"^html(?:\s+(?:system\s+[\"']about:legacy-compat[\"']"
    r"|public\s+[\"']-//W3C//DTD\s+(?:X?HTML)[^\"']*[\"'](?:\s+[\"'][^\"']*[\"'])?))?\s*$", re.I)


@check()
def doctype(doc, params, ctx):
    source = doc.source or ""
    if doc.tree is None or not source.strip():
        return
    match = DOCTYPE.search(source)
    if match is None:
        yield Hit(element=doc.tree, snippet=start_tag(doc.tree), suggestion="<!DOCTYPE html>")
        return
    snippet = match.group(0)
    if match.start() != LEADING.match(source).end():
        yield Hit(element=doc.tree, message_key="misplaced", snippet=snippet,
                  location=Location(line=source.count("\n", 0, match.start()) + 1))
    elif not VALID_DOCTYPE.match(match.group(1).strip()):
        yield Hit(element=doc.tree, message_key="invalid", snippet=snippet, data={"doctype": snippet},
                  location=Location(line=source.count("\n", 0, match.start()) + 1),
                  suggestion="<!DOCTYPE html>")


# ---- headings (RGAA 9.1) ----------------------------------------------------------------------

HEADING_TAGS = {f"h{i}" for i in range(1, 7)}


def heading_level(el) -> int | None:
    """The level an assistive technology announces: <hN> (unless its role says otherwise) or
    role="heading", with aria-level winning when it is a positive integer (ARIA default: 2)."""
    role = first_role(el)
    if el.tag in HEADING_TAGS and role and role != "heading":
        return None
    if el.tag not in HEADING_TAGS and role != "heading":
        return None
    level = (el.get("aria-level") or "").strip()
    if level.isdigit() and int(level) > 0:
        return int(level)
    return int(el.tag[1]) if el.tag in HEADING_TAGS else 2


def headings(doc):
    """(element, level) for every exposed heading, in document order."""
    for el in doc.tree.iter():
        if isinstance(el.tag, str):
            level = heading_level(el)
            if level is not None and is_exposed(el):
                yield el, level


def heading_jumps(levels: list[int]) -> list[tuple[int, int, int]]:
    """(index, previous level, level) where a heading goes down more than one level (h2 -> h4)."""
    return [(i, levels[i - 1], levels[i]) for i in range(1, len(levels)) if levels[i] > levels[i - 1] + 1]


@check()
def heading_jump(doc, params, ctx):
    if doc.tree is None:
        return
    found = list(headings(doc))
    for i, previous, level in heading_jumps([lvl for _, lvl in found]):
        yield Hit(element=found[i][0], data={"level": level, "previous": previous,
                                             "text": visible_text(found[i][0])[:80]})


@check()
def heading_h1(doc, params, ctx):
    if doc.tree is None:
        return
    found = list(headings(doc))
    if found:
        if not any(level == 1 for _, level in found):
            yield Hit(element=found[0][0], data={"level": found[0][1], "text": visible_text(found[0][0])[:80]})
        return
    if doc.meta.get("email", {}).get("has_html_part") is False:
        return  # a plain-text e-mail cannot have headings
    words = sum(len(b.text.split()) for b in doc.blocks if b.kind not in ("title", "alt", "subject"))
    if words >= params["min_words"]:
        body = doc.tree.find("body")
        yield Hit(element=body if body is not None else doc.tree, message_key="no_headings",
                  data={"words": words}, snippet="<body>…</body>")


# ---- presentational tags and attributes (RGAA 10.1.1, 10.1.2) ---------------------------------

@check()
def presentation_markup(doc, params, ctx):
    """One finding per presentational tag or attribute name, on its first use, with the count."""
    if doc.tree is None:
        return
    tags, attributes = set(params["tags"]), set(params["attributes"])
    sized = {"width": set(params["width_height_allowed_on"]), "height": set(params["width_height_allowed_on"]),
             "size": set(params["size_allowed_on"])}
    found: dict[tuple[str, str], list] = {}
    for el in doc.tree.iter():
        if not isinstance(el.tag, str) or any(a.tag in ("svg", "math") for a in el.iterancestors()):
            continue
        if el.tag in tags:
            found.setdefault(("tag", el.tag), []).append(el)
        for attr in el.attrib:
            if attr in attributes or (attr in sized and el.tag not in sized[attr]):
                found.setdefault(("attribute", attr), []).append(el)
    for (kind, name), elements in found.items():
        # Attributes are a review at info level: e-mail templates saved as .html still need them.
        yield Hit(element=elements[0], message_key=kind, data={"name": name, "count": len(elements)},
                  snippet=start_tag(elements[0]),
                  outcome=Outcome.REVIEW if kind == "attribute" else None,
                  severity=Severity.INFO if kind == "attribute" else None)
