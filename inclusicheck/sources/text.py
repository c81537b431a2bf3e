"""Plain text and Markdown bytes -> Document (kinds "text" and "markdown", no DOM tree).

What communicators type before any HTML exists: a letter, a post, a notice. The text packs (falc,
gender, regional) read the blocks; no HTML rule applies (a text has no doctype, title or styles).
Blocks carry the line they start on, so findings say "ligne N".
"""
from __future__ import annotations

import re

from ..model import Block, Document
from .base import SourceError
from .encoding import decode

# A line that starts a list item: "- ", "* ", "• ", "1. ", "1) ", "a) "
LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)]|[a-z][)])\s+")
# Enough to tell an HTML page from a text that mentions a tag
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.I | re.S)
HTML_TAGS = re.compile(rb"<(?:p|div|h[1-6]|ul|ol|table|span|a\s+href|meta|br)\b[^>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """Is stdin an HTML page (a doctype or <html>, or several block tags), not a typed text?"""
    head = data[:8192]
    return bool(HTML_START.match(head)) or len(HTML_TAGS.findall(head)) >= 2


def decode_text(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise SourceError("text.binary")
    try:
        return decode(data)
    except SourceError as exc:
        if exc.key == "source.binary":
            raise SourceError("text.binary") from None
        raise


def load_text(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    text = decode_text(data)
    return Document(uri=uri, kind="text", source=text, tree=None, blocks=list(text_blocks(text)), path=path)


def text_blocks(text: str):
    """Paragraphs (lines up to a blank line, joined) and list items (one a line), with their line."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines() + [""], 1):
        if line.strip() and not LIST_ITEM.match(line):
            if not lines:
                start = number
            lines.append(line.strip())
            continue
        if lines:
            yield Block(text=" ".join(lines), kind="paragraph", lang=None, line=start)
            lines = []
        if line.strip():  # a list item
            yield Block(text=LIST_ITEM.sub("", line, count=1).strip(), kind="list-item", lang=None, line=number)


# ---- Markdown ----------------------------------------------------------------------------------

# markdown-it block token -> Block kind (the kinds document/dom.py gives the same HTML elements)
MD_KINDS = {"heading_open": "heading", "th_open": "cell", "td_open": "cell"}


def load_markdown(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    text = decode_text(data)
    blocks, outline = markdown_blocks(text)
    title = next((b.text for b, o in zip(blocks, outline) if o.get("level") == 1), None)
    return Document(uri=uri, kind="markdown", source=text, tree=None, blocks=blocks, title=title, path=path,
                    meta={"outline": outline})


def markdown_blocks(text: str) -> tuple[list[Block], list[dict]]:
    """Blocks in reading order, and for each its structure facts (heading level, table header)."""
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    outline: list[dict] = []
    context: list[str] = []  # open containers: list items, quotes
    pending: tuple[str, dict] | None = None  # the kind of the next inline token's block
    for token in tokens:
        if token.type in ("list_item_open", "blockquote_open"):
            context.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close"):
            context.pop()
        elif token.type in MD_KINDS:
            facts = {"level": int(token.tag[1])} if token.type == "heading_open" else {
                "header": token.type == "th_open"}
            pending = (MD_KINDS[token.type], facts)
        elif token.type == "paragraph_open" and pending is None:
            kind = ("list-item" if "list_item_open" in context else
                    "quote" if "blockquote_open" in context else "paragraph")
            pending = (kind, {})
        elif token.type == "inline" and pending is not None:
            line = token.map[0] + 1 if token.map else None
            content, alts = _inline_text(token.children or [])
            if content.strip():
                blocks.append(Block(text=content.strip(), kind=pending[0], lang=None, line=line))
                outline.append(pending[1])
            for alt in alts:
                blocks.append(Block(text=alt, kind="alt", lang=None, line=line))
                outline.append({})
            pending = None
    return blocks, outline


def _inline_text(children) -> tuple[str, list[str]]:
    """The text of an inline token (images count by their alt, as in a page), and its alts."""
    parts, alts = [], []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or []).strip()
            if alt:
                alts.append(alt)
    return re.sub(r"\s+", " ", "".join(parts)), alts
