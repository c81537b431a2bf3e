"""Checks of the `newsletter` pack: what HTML e-mails get wrong that pages do not. Layout tables,
link texts, the title and <html lang> are the wcag pack's rules (they apply to newsletters too).
Facts about the message (subject, parts) come from `doc.meta["email"]` (sources/email.py)."""
from __future__ import annotations

import re

from ..document.dom import visible_text
from . import WORD, Hit, check

FONT_SIZE = re.compile(r"(?:^|;)\s*font-size\s*:\s*([\d.]+)\s*(px|pt|em|rem|%)?", re.I)
FONT_TAG_PX = {"1": 10, "2": 13, "3": 16}  # <font size>: browsers' sizes in px
CONTAINERS = {"table", "div", "center", "section", "article"}


def _email(doc) -> dict:
    return doc.meta.get("email") or {}


@check()
def text_part(doc, params, ctx):
    """A multipart/alternative text/plain part: read by text-only clients, some screen-reader
    set-ups and people who turn HTML off. Only known for .eml messages."""
    facts = _email(doc)
    if facts.get("format") != "eml":
        return
    if not facts.get("has_text_part"):
        yield Hit(snippet=facts.get("subject"))
        return
    html_words = sum(len(WORD.findall(b.text)) for b in doc.blocks if b.kind not in ("title", "subject", "alt"))
    if html_words >= params["min_words"] and facts["text_words"] < html_words * params["min_ratio"]:
        yield Hit(message_key="short", data={"text_words": facts["text_words"], "html_words": html_words},
                  snippet=facts.get("subject"))


def wrapper_chain(root) -> list:
    """The elements that wrap the whole mail, outermost first: from <body> down through every
    element that is the only one holding content (text or images) at its level. When <body>
    holds several blocks (a preheader and the mail), the chain starts at its first table."""
    body = root.find("body")
    node = body if body is not None else root
    chain = []
    for _ in range(40):
        kids = [c for c in node if isinstance(c.tag, str) and c.tag not in ("script", "style")
                and (visible_text(c) or c.find(".//img") is not None)]
        if len(kids) != 1:
            tables = [c for c in kids if c.tag == "table"]
            if chain or not tables:
                break
            kids = tables[:1]
        node = kids[0]
        chain.append(node)
    return chain


@check()
def container_lang(doc, params, ctx):
    """Webmails (Gmail, Outlook on the web) drop <html> and <body>: the language must also be on
    an element that wraps the whole content (the main table or a wrapper around or inside it),
    or screen readers read the mail with the reader's own voice."""
    root = doc.tree
    if root is None:
        return
    chain = wrapper_chain(root)
    containers = [el for el in chain if el.tag in CONTAINERS]
    if not containers or any((el.get("lang") or "").strip() for el in chain):
        return
    container = next((el for el in containers if el.tag == "table"), containers[0])
    lang = root.get("lang") or _email(doc).get("content_language") or "fr"
    yield Hit(element=container, suggestion=f'lang="{lang}"', data={"tag": container.tag})


@check()
def image_text(doc, params, ctx):
    """Heuristic: a mail made mostly of images (a flyer pasted as a picture) has little real
    text. Its message is lost when images are blocked, and for screen readers."""
    root = doc.tree
    if root is None:
        return
    images = [img for img in root.iter("img") if not _tiny(img)]
    if len(images) < params["min_images"]:
        return
    words = sum(len(WORD.findall(b.text)) for b in doc.blocks if b.kind not in ("title", "subject", "alt"))
    alt_words = sum(len(WORD.findall(img.get("alt") or "")) for img in images)
    if words < params["min_words"] or words < alt_words:
        yield Hit(element=images[0], data={"images": len(images), "words": words})


def _tiny(img) -> bool:
    """Tracking pixels and spacers are not content."""
    sizes = [img.get("width"), img.get("height")]
    return any(s and re.match(r"^\s*\d+", s) and int(re.match(r"^\s*(\d+)", s).group(1)) <= 2 for s in sizes)


@check()
def subject(doc, params, ctx):
    facts = _email(doc)
    if facts.get("format") != "eml":
        return
    block = next((b for b in doc.blocks if b.kind == "subject"), None)
    if block is None:
        yield Hit(message_key="missing")
        return
    generic = re.compile(r"\b(?:" + "|".join(params["generic"]) + r")\b", re.I)
    rest = generic.sub(" ", block.text.lower())
    words = [w for w in WORD.findall(rest) if not w.isdigit() and len(w) > 1]
    if len(words) < params["min_words"]:
        yield Hit(block=block, data={"subject": block.text})
    elif block.text.isupper() and len(block.text) > 10:
        yield Hit(block=block, message_key="capitals", data={"subject": block.text})


@check()
def font_size(doc, params, ctx):
    root = doc.tree
    if root is None:
        return
    flagged = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        px = _inline_px(el)
        if px is None or px >= params["min_px"] or any(a in flagged for a in el.iterancestors()):
            continue  # an ancestor already reported covers this text
        text = visible_text(el)
        if len(WORD.findall(text)) < 1:
            continue
        flagged.add(el)
        yield Hit(element=el, data={"size": f"{px:g}", "text": text[:60]})


def _inline_px(el) -> float | None:
    if el.tag == "font" and el.get("size", "").strip() in FONT_TAG_PX:
        return float(FONT_TAG_PX[el.get("size").strip()])
    match = FONT_SIZE.search(el.get("style") or "")
    if not match:
        return None
    value, unit = float(match.group(1)), (match.group(2) or "px").lower()
    return {"px": value, "pt": value * 4 / 3, "em": value * 16, "rem": value * 16, "%": value * 0.16}[unit]
