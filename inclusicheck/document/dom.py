"""HTML -> Document: the one parse of a page. Builds the lxml tree, the text blocks (with their
element, source position and effective language), and finds the inline suppressions.

Checks use the helpers here (`selector`, `position`, `visible_text`, `effective_lang`) instead of
walking the tree again in their own way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import lxml.html
from lxml import etree

from ..model import Block, Document

# Elements whose text forms a block of its own (children of these that are blocks too are split off).
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
    "figcaption", "blockquote", "label", "legend", "summary", "div", "section", "article",
    "main", "header", "footer", "nav", "aside", "form", "table", "tr", "ul", "ol", "dl",
    "figure", "address", "fieldset", "details", "body", "option", "center",
}
BLOCK_KINDS = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "p": "paragraph", "li": "list-item", "dt": "list-item", "dd": "list-item",
    "td": "cell", "th": "cell", "caption": "caption", "figcaption": "caption",
    "blockquote": "quote", "label": "label", "legend": "label", "summary": "label",
    "option": "label",
}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
                "select", "textarea"}
# Code shown on the page: not prose, so text packs do not read it. A <pre> is left out whole; an
# inline <code> in a sentence stays in the block's text (the sentence reads on) and its characters
# are listed in Block.code_spans, where the runner ignores what rules find.
CODE_TAGS = {"pre", "code", "kbd", "samp", "var"}
# Signs of markup or code in a text: a tag, an attribute, a CSS/JS brace (not a {{placeholder}} of
# e-mail templates), an arrow, a JSON key, an entity, SCSS comments and variables.
CODE_SIGN = re.compile(r"</?[A-Za-z][\w:-]*(?=[\s>/])|/>|<!--|[\w-]+=[\"']|(?<!\{)\{(?!\{)|(?<!\})\}(?!\})|=>|\"[\w-]+\"\s*:|&[#\w]+;|///|[$@][\w-]+:?")
PROSE_CHAR = re.compile(r"[\w\s.,;:!?'’\"«»()\[\]%€$£+–—…-]")
SPACE = re.compile(r"\s+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
DIRECTIVE = re.compile(r"^\s*inclusicheck-(disable-next|disable|enable)\b(.*)$", re.S)
IGNORE_ATTR = "data-inclusicheck-ignore"


@dataclass
class Suppression:
    """An inline directive. `patterns` are rule ids or globs (empty: every rule)."""
    directive: str  # disable | disable-next | ignore-attr
    patterns: list[str]
    line: int | None
    element: object  # the comment, or the element carrying the attribute
    used: set[str] = field(default_factory=set)  # rule ids it silenced


def build_document(uri: str, html: str, kind: str = "page", path: str | None = None,
                   ignore_selectors: tuple[str, ...] = ()) -> Document:
    root = parse(html)
    title_el = root.find(".//title")
    title = normalise(title_el.text_content()) if title_el is not None else None
    doc_lang = root.get("lang") if root.tag == "html" else None
    if doc_lang is None and root.tag == "html":
        doc_lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    ignored = _ignored_elements(root, ignore_selectors)
    doc = Document(uri=uri, kind=kind, source=html, tree=root, blocks=[], lang=doc_lang,
                   title=title, path=path)
    doc.blocks = list(extract_blocks(root, ignored))
    if title:
        doc.blocks.insert(0, Block(text=title, kind="title", lang=effective_lang(title_el),
                                   element=title_el, line=title_el.sourceline))
    doc.meta["dom"] = DomIndex(doc)
    return doc


def parse(html: str):
    # lxml refuses str input with an XML encoding declaration; the text is decoded already.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    root = lxml.html.document_fromstring(html) if html.strip() else lxml.html.document_fromstring("<html></html>")
    return root


def normalise(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def index(doc: Document) -> "DomIndex":
    return doc.meta["dom"]


def effective_lang(el) -> str | None:
    """The language in force at an element: its own lang (or xml:lang), else its nearest ancestor's."""
    while el is not None:
        if isinstance(el.tag, str):
            value = el.get("lang")
            if value is None:
                value = el.get("{http://www.w3.org/XML/1998/namespace}lang")
            if value is not None:
                return value.strip() or None
        el = el.getparent()
    return None


def is_hidden(el) -> bool:
    return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))


def visible_text(el) -> str:
    """The text an element shows, without scripts, styles and hidden parts."""
    parts: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(el)
    if el.tag == "img":
        parts.append(el.get("alt") or "")
    return normalise(" ".join(parts) if el.tag in BLOCK_TAGS else "".join(parts))


def looks_like_code(text: str) -> bool:
    """Is this text markup or code rather than prose? The criterion, named "code density": at least
    three code signs (CODE_SIGN) and one per five space-separated tokens or more, or, for a text of
    12 characters or more, under 70 % of characters that prose uses (letters, digits, spaces,
    punctuation, currency). French prose with dates, prices, phone numbers, e-mail and web
    addresses stays well above; a sentence naming a tag or two (« dans <head> ») stays prose."""
    signs = len(CODE_SIGN.findall(text))
    tokens = len(text.split())
    if signs >= 3 and signs * 5 >= tokens:
        return True
    stripped = text.strip()
    return len(stripped) >= 12 and len(PROSE_CHAR.findall(stripped)) < 0.7 * len(stripped)


def _ignored_elements(root, selectors) -> set:
    ignored = set()
    for sel in selectors:
        for el in root.cssselect(sel):
            ignored.update(el.iter())
    return ignored


class _BlockBuilder:
    def __init__(self, element, kind):
        self.element, self.kind = element, kind
        self.parts: list[str] = []
        self.length = 0
        self.lang_spans: list[tuple[int, int, str]] = []
        self.code_spans: list[tuple[int, int]] = []

    def add(self, text: str):
        text = SPACE.sub(" ", text)
        if not text:
            return
        if (not self.parts or self.parts[-1].endswith(" ")) and text.startswith(" "):
            text = text[1:]
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> Block | None:
        text = "".join(self.parts)
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        text = stripped.rstrip()
        if not text:
            return None
        spans = [(max(0, s - shift), min(len(text), e - shift), lang) for s, e, lang in self.lang_spans
                 if min(len(text), e - shift) > max(0, s - shift)]
        code = [(max(0, s - shift), min(len(text), e - shift)) for s, e in self.code_spans
                if min(len(text), e - shift) > max(0, s - shift)]
        if not _reads_as_prose(text, code):
            return None
        return Block(text=text, kind=self.kind, lang=effective_lang(self.element), element=self.element,
                     line=self.element.sourceline, lang_spans=spans, code_spans=code)


def _reads_as_prose(text: str, code_spans: list[tuple[int, int]]) -> bool:
    """Does the block have prose outside its inline code, and is that prose not code either?"""
    rest, last = [], 0
    for start, end in code_spans:
        rest.append(text[last:start])
        last = end
    rest = " ".join([*rest, text[last:]])
    return bool(re.search(r"[^\W\d_]", rest)) and not looks_like_code(rest)


def extract_blocks(root, ignored: set = frozenset()):
    """Yield the text blocks of a page in reading order. A block element's own text (with its
    inline children) is one block; nested block elements and <br> lines start new ones.
    Image alt texts are blocks of kind 'alt'; no other attribute is read (onclick, data-*: code).
    Code is not prose: <pre> is skipped, inline code is marked (Block.code_spans), and a block
    that looks like code (looks_like_code) is dropped."""
    body = root.find("body")
    start = body if body is not None else root

    def walk(el, builder: _BlockBuilder):
        for child in el:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if child.tail:
                    builder.add(child.tail)
                continue
            if child in ignored or child.tag in SKIPPED_TAGS or child.tag == "pre" or is_hidden(child):
                pass
            elif child.tag == "br":
                yield from _finish(builder)
                builder = _BlockBuilder(el, builder.kind)
            elif child.tag in BLOCK_TAGS:
                yield from _finish(builder)
                yield from walk_block(child)
                builder = _BlockBuilder(el, builder.kind)
            else:
                if child.tag == "img" and (child.get("alt") or "").strip():
                    yield Block(text=normalise(child.get("alt")), kind="alt",
                                lang=effective_lang(child), element=child, line=child.sourceline)
                begin, inner = builder.length, builder
                if child.text:
                    builder.add(child.text)
                builder = yield from walk(child, builder)
                own_lang = child.get("lang")
                if own_lang is not None and builder is inner and builder.length > begin:
                    builder.lang_spans.append((begin, builder.length, own_lang.strip()))
                if child.tag in CODE_TAGS and builder is inner and builder.length > begin:
                    builder.code_spans.append((begin, builder.length))
            if child.tail:
                builder.add(child.tail)
        return builder

    def walk_block(el):
        builder = _BlockBuilder(el, BLOCK_KINDS.get(el.tag, "other"))
        if el.text:
            builder.add(el.text)
        builder = yield from walk(el, builder)
        yield from _finish(builder)

    def _finish(builder):
        block = builder.build()
        if block is not None:
            yield block

    if start in ignored:
        return
    yield from walk_block(start)


class DomIndex:
    """Per-document lookups computed once, when first asked: document order, source columns,
    CSS selectors and the inline suppressions."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._selectors: dict = {}

    @cached_property
    def order(self) -> dict:
        root = self.doc.tree
        before = list(reversed(list(root.itersiblings(preceding=True))))
        nodes = before + list(root.iter())
        return {node: i for i, node in enumerate(nodes)}

    @cached_property
    def _columns(self) -> dict:
        lines = self.doc.source.splitlines()
        seen: dict[tuple[str, int], int] = {}
        found: dict[tuple[str, int], list[int]] = {}  # one scan per (tag, line): minified pages are one line
        columns = {}
        for el in self.doc.tree.iter():
            if not isinstance(el.tag, str) or el.sourceline is None or el.sourceline > len(lines):
                continue
            key = (el.tag, el.sourceline)
            nth = seen.get(key, 0)
            seen[key] = nth + 1
            if key not in found:
                found[key] = [m.start() for m in re.finditer(rf"<{re.escape(el.tag)}(?=[\s/>])",
                                                             lines[el.sourceline - 1], re.I)]
            starts = found[key]
            if nth < len(starts):
                columns[el] = starts[nth] + 1
        return columns

    def position(self, el) -> tuple[int | None, int | None]:
        if el is None or getattr(el, "sourceline", None) is None:
            return None, None
        return el.sourceline, self._columns.get(el)

    def selector(self, el) -> str | None:
        if el is None or not isinstance(el.tag, str):
            return None
        if el not in self._selectors:
            self._selectors[el] = _selector(el)
        return self._selectors[el]

    @cached_property
    def suppressions(self) -> list[Suppression]:
        found = []
        root = self.doc.tree
        nodes = [*root.itersiblings(preceding=True), *root.iter()]
        for node in nodes:
            if isinstance(node, etree._Comment):
                match = DIRECTIVE.match(node.text or "")
                if match:
                    found.append(Suppression(match.group(1), match.group(2).replace(",", " ").split(),
                                             node.sourceline, node))
            elif isinstance(node.tag, str) and node.get(IGNORE_ATTR) is not None:
                found.append(Suppression("ignore-attr", node.get(IGNORE_ATTR).replace(",", " ").split(),
                                         node.sourceline, node))
        return found


def _selector(el) -> str:
    parts = []
    node = el
    while node is not None and isinstance(node.tag, str):
        el_id = node.get("id")
        if el_id and re.match(r"^[A-Za-z][\w-]*$", el_id) and len(node.getroottree().getroot().xpath(
                "//*[@id=$i]", i=el_id)) == 1:
            parts.append(f"#{el_id}")
            break
        parent = node.getparent()
        if parent is None:
            parts.append(node.tag)
            break
        same = [s for s in parent if s.tag == node.tag]
        parts.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(parts))
