"""Checks of the `office` pack: the automatable part of the Word and LibreOffice accessibility
checkers and of RGAA's criteria for downloadable documents. They read the facts sources/office.py
put in `doc.meta["office"]`; the text itself (doc.blocks) is left to the text packs, and the font
size and typeface to falc's typography rules (through doc.meta["block_styles"]).
"""
from __future__ import annotations

import re

from ..language.tags import is_french
from ..model import Location
from . import WORD, Hit, check
from .wcag.lang import invalid_tag
from .wcag.links import normalise_link_text

LINK_TEXT_RULE = "wcag.link-text"  # its list of link texts that say nothing ("cliquez ici"); runner keys on it
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
HEADING_END = re.compile(r"[.;,!?…]$")


def _facts(doc) -> dict | None:
    return doc.meta.get("office")


def _blocks_with_facts(doc):
    facts = _facts(doc)
    return [(b, f) for b, f in zip(doc.blocks, facts["block_facts"]) if not f.get("image")]


def _at(item: dict) -> Location:
    """Where a fact without a block of its own (an image, a table, an empty paragraph) stands."""
    return Location(page=item.get("page"), selector=item.get("where") or f"§{item['number']}")


@check()
def title(doc, params, ctx):
    facts = _facts(doc)
    if facts and not facts.get("title"):
        yield Hit(location=Location(), snippet=doc.uri.rsplit("/", 1)[-1], message_key=facts["format"])


@check(needs={"langid"})
def lang(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    value = facts.get("lang")
    if not value:
        yield Hit(location=Location(), message_key=facts["format"])
    elif invalid := invalid_tag(value, ctx.lang):
        yield Hit(message_key="invalid", data=invalid, location=Location(), snippet=value)
    elif not is_french(value) and _text_is_french(doc, params, ctx):
        # Word installed in English marks French text en-US: read with an English voice
        yield Hit(message_key="not_french", data={"lang": value}, location=Location(), snippet=value)


def _text_is_french(doc, params, ctx) -> bool:
    """Is the body, as a whole, French (language identification on its first paragraphs)?"""
    sample, size = [], 0
    for block in doc.blocks:
        if block.kind in ("paragraph", "list-item", "heading") and size < params["sample_chars"]:
            sample.append(block.text)
            size += len(block.text)
    guess = ctx.langid.identify(" ".join(sample)) if size >= params["min_chars"] else None
    return bool(guess and guess.tag and is_french(guess.tag) and guess.confidence >= params["min_confidence"])


@check()
def image_alt(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    for image in facts["images"]:
        if not image["alt"] and not image["decorative"]:
            yield Hit(location=_at(image), data={"name": image["name"] or "?"}, snippet=image["name"] or None,
                      message_key=facts["format"])


@check()
def fake_heading(doc, params, ctx):
    """Heuristic: a short paragraph all in bold, without final punctuation, followed by text, is
    a heading set by hand. Screen readers cannot jump to it."""
    if not _facts(doc):
        return
    pairs = _blocks_with_facts(doc)
    for (block, f), (_, after) in zip(pairs, pairs[1:]):
        words = len(WORD.findall(block.text))
        if (block.kind == "paragraph" and f["bold"] and not f["textbox"] and 0 < words <= params["max_words"]
                and not HEADING_END.search(block.text) and not after["bold"] and after["level"] is None):
            yield Hit(block=block)


@check()
def heading_order(doc, params, ctx):
    """Headings made with heading styles: some in a document of some length, numbered from level 1
    without skipping a level."""
    if not _facts(doc):
        return
    pairs = _blocks_with_facts(doc)
    levels = [(b, f["level"]) for b, f in pairs if b.kind == "heading" and f["level"]]
    if not levels:
        words = sum(len(WORD.findall(b.text)) for b, _ in pairs)
        if words >= params["min_words"]:
            yield Hit(message_key="none", data={"words": words}, location=Location())
        return
    yield from heading_level_hits(levels)


def heading_level_hits(levels):
    """Hits for a first heading that is not level 1 and for skipped levels: (block, level) pairs."""
    previous = 0
    for block, level in levels:
        if previous == 0 and level != 1:
            yield Hit(block=block, message_key="first", data={"level": level})
        elif previous and level > previous + 1:
            yield Hit(block=block, data={"level": level, "previous": previous})
        previous = level


@check()
def table_header(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    for table in facts["tables"]:
        if table["rows"] >= 2 and table["cols"] >= 2 and not table["header"]:
            yield Hit(location=_at(table), data={"rows": table["rows"], "cols": table["cols"]},
                      message_key=facts["format"])


@check()
def text_box(doc, params, ctx):
    if not _facts(doc):
        return
    boxed = [b for b, f in _blocks_with_facts(doc) if f["textbox"]]
    if boxed:
        yield Hit(block=boxed[0], data={"count": len(boxed)})


@check()
def empty_paragraphs(doc, params, ctx):
    """Runs of empty paragraphs: spacing made with the Enter key. A screen reader announces each
    one ("vide"); paragraph spacing belongs in the style."""
    facts = _facts(doc)
    if not facts:
        return
    run: list[dict] = []
    for para in [*facts["paragraphs"], {"empty": False}]:
        if para["empty"] and para.get("kind") != "cell":
            run.append(para)
            continue
        if len(run) >= params["min_run"]:
            yield Hit(location=_at(run[0]), data={"count": len(run)}, snippet=None)
        run = []


@check()
def link_text(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    generic = ctx.shared("office.generic_links", lambda: {normalise_link_text(g) for g in ctx.config.rule_setting(
        LINK_TEXT_RULE, doc.uri).params["generic"]})
    for link in facts["links"]:
        text = link["text"]
        if not text:
            continue
        if URL.match(text):
            yield Hit(location=_at(link), message_key="url", data={"text": text}, snippet=text)
        elif normalise_link_text(text) in generic:
            yield Hit(location=_at(link), data={"text": text}, snippet=text)
