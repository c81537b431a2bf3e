"""Checks of the `pdf` pack: the automatable part of PDF/UA (ISO 14289-1), in the spirit of the
Matterhorn Protocol. They read the facts sources/pdf.py put in `doc.meta["pdf"]`; the text
itself (doc.blocks, with page numbers) is left to the text packs (falc, gender, regional).

Not checked here, and said so in docs/inputs.md: colour contrast, whether alternative texts are
right, whether the tags fit the content beyond the heuristics below.
"""
from __future__ import annotations

import re

from ..model import Location, Outcome, Severity
from . import Hit, check
from .wcag.lang import invalid_tag


def _facts(doc) -> dict | None:
    return doc.meta.get("pdf")


def _blocks_with_facts(doc):
    """(block, facts) pairs for the text blocks that came from the PDF (the title excluded)."""
    facts = _facts(doc)["block_facts"]
    return [(b, f) for b, f in zip(doc.blocks, facts) if f is not None]


@check()
def tagged(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    if not facts["tagged"]:
        yield Hit(location=Location(page=1), snippet=doc.uri)
    elif not facts["marked"]:
        yield Hit(message_key="not_marked", location=Location(page=1), snippet="/MarkInfo << /Marked true >>")
    elif facts.get("untagged_chars", 0) > params["max_untagged_chars"]:
        yield Hit(message_key="untagged_content", data={"chars": facts["untagged_chars"]},
                  location=Location(page=1))


@check()
def lang(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    value = facts.get("lang")
    if not value:
        yield Hit(location=Location(page=1), suggestion="/Lang (fr-FR)", snippet="/Lang")
        return
    if invalid := invalid_tag(value, ctx.lang):
        yield Hit(message_key="invalid", data=invalid, location=Location(page=1), snippet=f"/Lang ({value})")
    for block, f in _blocks_with_facts(doc):  # /Lang on structure elements (passages)
        own = f.get("lang")
        if own and own != value and (invalid := invalid_tag(own, ctx.lang)):
            yield Hit(block=block, message_key="invalid_part", data=invalid)


@check()
def title(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    if not facts.get("title"):
        yield Hit(location=Location(page=1), snippet="/Title")
    elif not facts.get("xmp_title"):
        yield Hit(message_key="no_xmp", data={"title": facts["title"]}, location=Location(page=1),
                  snippet=facts["title"])
    kind = facts.get("title") and placeholder_title(facts["title"], params)
    if kind:
        yield Hit(message_key=kind, data={"title": facts["title"]}, location=Location(page=1),
                  snippet=facts["title"], outcome=Outcome.REVIEW, severity=Severity.WARNING)
    if facts.get("display_doc_title") is not True:
        yield Hit(message_key="display", location=Location(page=1),
                  snippet="/ViewerPreferences << /DisplayDocTitle true >>")


def placeholder_title(title: str, params) -> str | None:
    """"tool_default" for an authoring tool's title ("Microsoft Word - …", "Document1", "Sans
    titre"), "file_name" for a file name ("rapport.docx", "2021-05_bilan"); None for a real title.
    A heuristic: a person confirms (a title may really be "Document 1")."""
    text = " ".join(title.split())
    if any(re.search(pattern, text, re.IGNORECASE) for pattern in params["default_titles"]):
        return "tool_default"
    extension = text.rsplit(".", 1)[-1].lower() if "." in text else None
    if extension in params["file_extensions"] or (" " not in text and "_" in text):
        return "file_name"
    return None


@check()
def figure_alt(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    for figure in facts.get("figures", []):
        if not figure.get("alt"):
            yield Hit(location=Location(page=figure.get("page")), data={"type": figure["raw_type"]},
                      snippet=f"<{figure['raw_type']}>")


@check()
def headings(doc, params, ctx):
    """A tagged PDF of some length should have heading tags; numbered levels should not skip."""
    facts = _facts(doc)
    if not facts or not facts["tagged"]:
        return
    pairs = _blocks_with_facts(doc)
    levels = [(b, f) for b, f in pairs if f.get("type", "").startswith("H")]
    words = sum(len(b.text.split()) for b, _ in pairs)
    if not levels:
        if words >= params["min_words"]:
            yield Hit(data={"words": words}, location=Location(page=1))
        return
    previous = 0
    for block, f in levels:
        kind = f["type"]
        if kind == "H" or not kind[1:].isdigit():
            continue
        level = int(kind[1:])
        if previous == 0 and level != 1:
            yield Hit(block=block, message_key="first", data={"level": kind})
        elif previous and level > previous + 1:
            yield Hit(block=block, message_key="skip", data={"level": kind, "previous": f"H{previous}"})
        previous = level


@check()
def reading_order(doc, params, ctx):
    """Heuristic: on a page, the structure tree should go down the page within a column. Count
    the blocks that start clearly above the previous one while overlapping it horizontally."""
    facts = _facts(doc)
    if not facts or not facts["tagged"]:
        return
    by_page: dict[int, list] = {}
    for block, f in _blocks_with_facts(doc):
        if f.get("bbox") and f.get("page"):
            by_page.setdefault(f["page"], []).append((block, f["bbox"]))
    for page, items in sorted(by_page.items()):
        jumps = []
        for (_, prev), (block, box) in zip(items, items[1:]):
            overlap = min(prev[2], box[2]) - max(prev[0], box[0])
            if overlap > 0 and box[3] > prev[3] + params["tolerance_pt"]:
                jumps.append(block)
        if len(items) >= 3 and len(jumps) / (len(items) - 1) >= params["min_share"]:
            yield Hit(block=jumps[0], data={"page": page, "jumps": len(jumps), "blocks": len(items)})


@check()
def scanned_page(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    for page in facts.get("page_facts", []):
        if page["chars"] == 0 and page["image_cover"] >= params["min_image_cover"]:
            yield Hit(location=Location(page=page["page"]), data={"page": page["page"],
                      "cover": round(page["image_cover"] * 100)})


@check()
def fonts_embedded(doc, params, ctx):
    facts = _facts(doc)
    if not facts:
        return
    for font in facts.get("fonts", []):
        if not font["embedded"]:
            yield Hit(location=Location(page=font.get("page")), data={"font": font["name"]},
                      snippet=f"/BaseFont /{font['name']}")


@check()
def not_checked(doc, params, ctx):
    """An information note on every PDF: what the pdf pack cannot check."""
    if _facts(doc):
        yield Hit(location=Location(page=None), snippet=None)
