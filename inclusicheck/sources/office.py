"""Word (.docx) and LibreOffice (.odt) bytes -> Document (kinds "docx" and "odt", no DOM tree).

Both formats are zip packages of XML. The package is checked before anything is parsed (a zip of
something else, a password-protected file, macros, a decompression bomb: a clear error for that
document, the run goes on); then the body is walked in reading order into the same model:

- doc.blocks: headings, paragraphs, list items, table cells, text boxes, image alternatives —
  what the text packs (falc, gender, regional) read;
- doc.meta["block_styles"]: per block, the font, size, italics, underline and alignment the
  format resolves (CSS names and px, as the browser gives them), for falc's typography rules;
- doc.meta["office"]: the structure facts of the office pack (title, language, keywords, heading
  levels, bold paragraphs, empty paragraphs, images, tables, links, text boxes), aligned with the
  blocks where they describe one.

A block's location is its paragraph number in the body ("§12 › Heading it is under") and, when the
file records page breaks (Word writes where it last broke pages, LibreOffice its soft page breaks),
its page.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from ..language.tags import check_tag
from ..model import Block, Document
from .base import SourceError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected OOXML file, or an old .doc
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of XML and media once unzipped (a bomb stops here)
MAX_RATIO = 200  # a part that unzips to more than 200x its size is a bomb, not a document
MAX_PARAGRAPHS = 50_000
PT_TO_PX = 4 / 3


@dataclass
class Para:
    """One paragraph of the body, as both formats describe it."""
    text: str
    kind: str = "paragraph"  # heading | paragraph | list-item | cell
    level: int | None = None  # heading level, 1-based
    lang: str | None = None
    lang_spans: list = field(default_factory=list)
    style: dict = field(default_factory=dict)  # CSS-like: font-family, font-size (px), font-style...
    bold: bool = False  # every run is bold
    page: int | None = None
    textbox: bool = False
    style_name: str = ""
    images: list = field(default_factory=list)  # {"alt", "decorative", "name"}
    anchors: int = 0  # text boxes anchored here (the paragraph is not empty)
    links: list = field(default_factory=list)  # {"text", "target"}


# ---- the package --------------------------------------------------------------------------------

def open_package(data: bytes, fmt: str) -> zipfile.ZipFile:
    """The zip package, after the checks that need no XML parsing."""
    if data.startswith(OLE_MAGIC):
        raise SourceError("office.encrypted_or_binary", format=fmt.upper())
    if not data.startswith(b"PK"):
        raise SourceError("office.not_package", format=fmt.upper())
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise SourceError("office.damaged", format=fmt.upper(), detail=str(exc)) from None
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED or any(i.file_size > MAX_RATIO * max(i.compress_size, 1024) for i in infos):
        raise SourceError("office.too_large", format=fmt.upper(), mb=unpacked // 2**20,
                          limit=MAX_UNPACKED // 2**20)
    return package


def read_part(package: zipfile.ZipFile, name: str, fmt: str) -> bytes | None:
    try:
        return package.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise SourceError("office.damaged", format=fmt.upper(), detail=f"{name}: {exc}") from None


def parse_xml(data: bytes, name: str, fmt: str):
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError("office.damaged", format=fmt.upper(), detail=f"{name}: {exc}") from None


# ---- Paras -> Document --------------------------------------------------------------------------

def build_document(uri: str, kind: str, paras: list[Para], facts: dict, path: str | None, data: bytes) -> Document:
    if len(paras) > MAX_PARAGRAPHS:
        raise SourceError("office.too_many_paragraphs", count=len(paras), limit=MAX_PARAGRAPHS)
    doc_lang = facts.get("lang")
    lang = doc_lang if doc_lang and check_tag(doc_lang).valid else None
    blocks, styles, block_facts, places = [], [], [], []
    heading = ""
    for number, para in enumerate(paras, 1):
        if para.kind == "heading" and para.text:
            heading = para.text
        where = f"§{number}" + (f" › {_short(heading)}" if heading and para.text != heading else "")
        places.append(where)
        para_facts = {"number": number, "level": para.level, "bold": para.bold, "textbox": para.textbox,
                      "style": para.style_name, "where": where, "page": para.page}
        if para.text:
            blocks.append(Block(text=para.text, kind=para.kind, lang=para.lang or lang, page=para.page,
                                lang_spans=para.lang_spans, where=where))
            styles.append(para.style or None)
            block_facts.append(para_facts)
        for image in para.images:
            image.update(number=number, where=where, page=para.page)
            if image.get("alt"):
                blocks.append(Block(text=image["alt"], kind="alt", lang=lang, page=para.page, where=where))
                styles.append(None)
                block_facts.append({**para_facts, "image": True})
        for link in para.links:
            link.update(number=number, where=where, page=para.page)
    facts["paragraphs"] = [{"number": i, "empty": not (p.text or p.images or p.anchors), "where": where,
                            "page": p.page, "kind": p.kind} for i, (p, where) in enumerate(zip(paras, places), 1)]
    for table in facts["tables"]:
        table["where"] = places[table["number"] - 1] if table["number"] <= len(places) else f"§{table['number']}"
    facts["images"] = [img for p in paras for img in p.images]
    facts["links"] = [link for p in paras for link in p.links]
    facts["block_facts"] = block_facts
    source = "\n\n".join(b.text for b in blocks)
    doc = Document(uri=uri, kind=kind, source=source, tree=None, blocks=blocks, lang=lang or doc_lang,
                   title=facts.get("title"), path=path, meta={"office": facts, "block_styles": styles})
    doc.meta["content_digest"] = hashlib.sha256(data).hexdigest()  # for the result cache
    return doc


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def dominant(values: list[tuple[object, int]]):
    """The value that covers most characters (None when nothing does)."""
    totals: dict = {}
    for value, chars in values:
        if value is not None:
            totals[value] = totals.get(value, 0) + chars
    return max(totals, key=totals.get) if totals else None


def lang_spans(runs: list[tuple[str, str | None]], block_lang: str | None) -> list[tuple[int, int, str]]:
    """(start, end, lang) of runs whose language differs from the block's, in the block's text."""
    spans, at = [], 0
    text = "".join(t for t, _ in runs)
    shift = len(text) - len(text.lstrip())
    for run_text, run_lang in runs:
        start, end = at - shift, at - shift + len(run_text)
        at += len(run_text)
        if run_lang and run_lang != block_lang and run_text.strip():
            if spans and spans[-1][2] == run_lang and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end, run_lang)
            else:
                spans.append((max(0, start), end, run_lang))
    return spans


def finish_para(para: Para, runs: list[tuple[str, str | None]], run_styles: list[dict]) -> Para:
    """Text, language and style of a paragraph from its runs: (text, lang) and their styles."""
    raw = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(t for t, _ in runs))
    para.text = raw.strip()
    weights = [len(t.strip()) for t, _ in runs]
    para.lang = dominant([(lang, n) for (_, lang), n in zip(runs, weights)])  # None: the document's
    para.lang_spans = lang_spans([(re.sub(r"[ \t\r\n\u00a0]+", " ", t), lang) for t, lang in runs], para.lang)
    if para.text:
        style = {}
        for key in ("font-family", "font-size", "font-style", "text-decoration-line"):
            value = dominant([(s.get(key), n) for s, n in zip(run_styles, weights)])
            if value is not None:
                style[key] = value
        style.update({k: v for k, v in para.style.items() if k == "text-align"})
        para.style = style
        para.bold = all(s.get("bold") for s, n in zip(run_styles, weights) if n)
    return para
