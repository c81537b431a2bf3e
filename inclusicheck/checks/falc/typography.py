"""falc checks on typography, read from the computed styles (engines/styles.py): font size and family,
text alignment, italics, underline, hyphenation. One finding per offending value, not per block."""
from __future__ import annotations

import re

from ...document.dom import BLOCK_TAGS, index
from ...engines.styles import block_styles, element_style
from .. import Hit, check
from .text import WORD, falc_text

BODY_KINDS = {"paragraph", "list-item", "quote", "other", "cell", "label"}
SERIF_FAMILIES = {"serif", "times", "times new roman", "georgia", "garamond", "cambria", "palatino",
                  "palatino linotype", "book antiqua", "bookman", "bookman old style", "baskerville",
                  "libre baskerville", "merriweather", "lora", "pt serif", "noto serif", "source serif pro",
                  "source serif 4", "playfair display", "didot", "bodoni", "spectral", "crimson text",
                  "eb garamond", "droid serif", "roboto slab", "dejavu serif", "liberation serif",
                  "century schoolbook", "constantia", "rockwell", "courier", "courier new"}
INLINE_ITALIC = ("i", "em", "cite", "var", "dfn", "address")
ALIGNMENTS = {"justify": "justify", "center": "center", "-webkit-center": "center"}  # computed values too


def _grouped(doc, blocks_styles, predicate, kinds=BODY_KINDS):
    """Blocks whose style matches, grouped by the offending value: one hit per value (on its first
    block), so a site-wide 16px body gives one finding, not one per paragraph."""
    groups: dict = {}
    for block, style in blocks_styles:
        if style is None or block.kind not in kinds:
            continue
        value = predicate(style)
        if value:
            groups.setdefault(value, []).append(block)
    return groups


def _french_styles(doc, ctx, text):
    french = {id(b) for b in text.blocks}
    return [(b, s) for b, s in zip(doc.blocks, block_styles(doc, ctx)) if id(b) in french]


def styled_hits(doc, ctx, text, predicate, key, kinds=BODY_KINDS):
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: predicate(s) and "yes", kinds)
    for blocks in groups.values():
        yield Hit(block=blocks[0], data={"count": len(blocks)}, message_key=key)


@check()
def font_size(doc, params, ctx):
    text = falc_text(doc, ctx)
    minimum = params["min_px"]
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: (_px(s.get("font-size")) or minimum) < minimum - 0.01
                      and _px(s["font-size"]))
    number = (lambda x: f"{x:g}".replace(".", ",")) if ctx.lang == "fr" else (lambda x: f"{x:g}")  # noqa: E731
    for size, blocks in sorted(groups.items()):
        yield Hit(block=blocks[0], data={"size": number(size), "count": len(blocks), "min_px": number(minimum)})


def _px(value) -> float | None:
    """A font size in px: a number (the browser contract), or a "16px" string to be safe."""
    if isinstance(value, (int, float)):
        return float(value)
    m = re.match(r"^\s*([\d.]+)\s*(?:px)?\s*$", value or "")
    return float(m.group(1)) if m else None


def first_family(value: str | None) -> str:
    return (value or "").split(",")[0].strip().strip("'\"")


@check()
def serif_font(doc, params, ctx):
    serif = SERIF_FAMILIES | {f.lower() for f in params["serif_families"]}
    text = falc_text(doc, ctx)
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: first_family(s.get("font-family")).lower() in serif
                      and first_family(s.get("font-family")), BODY_KINDS | {"heading"})
    for family, blocks in groups.items():
        yield Hit(block=blocks[0], data={"font": family, "count": len(blocks)})


@check()
def text_align(doc, params, ctx):
    text = falc_text(doc, ctx)
    pairs = [(b, s) for b, s in _french_styles(doc, ctx, text)
             if len(WORD.findall(b.text)) >= params["min_words"]]
    groups = _grouped(doc, pairs, lambda s: ALIGNMENTS.get(s.get("text-align")),
                      {"paragraph", "list-item", "quote", "other"})
    for align, blocks in groups.items():
        yield Hit(block=blocks[0], data={"count": len(blocks)}, message_key=align)


def _inline_hits(doc, ctx, text, tags, predicate, exclude=lambda el: False):
    """Inline elements inside French blocks whose (static) style matches: <em>, <u>, spans."""
    if doc.tree is None:
        return
    for block in text.blocks:
        el = block.element
        if el is None or not isinstance(getattr(el, "tag", None), str):
            continue
        for child in el.iterdescendants():
            if not isinstance(child.tag, str) or not (child.text_content() or "").strip():
                continue
            if index(doc).order.get(child) is None or exclude(child):
                continue
            if _owning_block(child, el):
                style = element_style(doc, child)
                if style and predicate(style) and not predicate(element_style(doc, child.getparent()) or {}):
                    yield Hit(element=child, data={"match": child.text_content().strip()[:60]}, message_key="inline")


def _owning_block(child, block_el) -> bool:
    """Is `child` inline content of this block (not inside a nested block element)?"""
    node = child
    while node is not None and node is not block_el:
        if node.tag in BLOCK_TAGS:
            return False
        node = node.getparent()
    return True


@check()
def italics(doc, params, ctx):
    text = falc_text(doc, ctx)
    is_italic = lambda s: s.get("font-style") in ("italic", "oblique")  # noqa: E731
    yield from styled_hits(doc, ctx, text, is_italic, "default", BODY_KINDS | {"heading"})
    yield from _inline_hits(doc, ctx, text, INLINE_ITALIC, is_italic)


def _in_link(el) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())


@check()
def underline(doc, params, ctx):
    text = falc_text(doc, ctx)
    underlined = lambda s: "underline" in (s.get("text-decoration-line") or "")  # noqa: E731
    yield from styled_hits(doc, ctx, text, underlined, "default", BODY_KINDS | {"heading"})
    yield from _inline_hits(doc, ctx, text, ("u", "ins"), underlined, exclude=_in_link)


@check()
def hyphenation(doc, params, ctx):
    text = falc_text(doc, ctx)
    yield from styled_hits(doc, ctx, text, lambda s: s.get("hyphens") == "auto", "default",
                            BODY_KINDS | {"heading"})
    for block in text.blocks:
        at = block.text.find("\u00ad")
        if at >= 0:
            start = max(0, block.text.rfind(" ", 0, at) + 1)
            end = block.text.find(" ", at)
            yield Hit(block=block, span=(start, end if end > 0 else len(block.text)), message_key="soft")
