"""Word .docx bytes -> Document (see office.py for the model). python-docx opens and validates the
package and reads the core properties; the body is walked on its lxml tree, with the style
inheritance (run -> character style -> paragraph style -> document defaults) resolved here, since
python-docx only gives direct formatting."""
from __future__ import annotations

import functools
import io
import re

from .base import SourceError
from .office import Para, build_document, finish_para, open_package, parse_xml, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "v": "urn:schemas-microsoft-com:vml",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
MACRO_CONTENT = "application/vnd.ms-word.document.macroEnabled"
ALIGN = {"both": "justify", "distribute": "justify", "center": "center"}
HEADING_NAMES = ("heading ", "titre ")  # Word's built-in names, English and French


@functools.cache
def w(name: str) -> str:
    return f"{{{W}}}{name}"


@functools.cache
def _compiled(expr: str):
    from lxml import etree
    return etree.XPath(expr, namespaces=NS)


def xp(el, expr: str) -> list:
    """XPath with our prefixes (python-docx's elements override .xpath with their own)."""
    return _compiled(expr)(el)


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None):
    package = open_package(data, "docx")
    names = set(package.namelist())
    types = read_part(package, "[Content_Types].xml", "docx") or b""
    if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
        raise SourceError("office.not_this_format", format="DOCX", found=_what_zip(names))
    if "word/vbaProject.bin" in names or MACRO_CONTENT.encode() in types:
        raise SourceError("office.macros", format="DOCX")
    try:
        import docx
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise SourceError("office.damaged", format="DOCX", detail=f"{type(exc).__name__}: {exc}") from None
    styles = Styles(word)
    facts = {"format": "docx", "title": (word.core_properties.title or "").strip() or None,
             # the language Word applies to text is the default run language; the core property is rare
             "lang": styles.default_lang or (word.core_properties.language or "").strip() or None,
             "tables": [], "textboxes": 0, "keywords": _keywords(word.core_properties)}
    walker = BodyWalker(word, styles, facts)
    paras = walker.walk(word.element.body)
    return build_document(uri, "docx", paras, facts, path, data)


def _keywords(core) -> list[str]:
    """Keywords and category of the document properties (where an author could mark it "FALC")."""
    words = re.split(r"[,;]", core.keywords or "") + [core.category or ""]
    return [w.strip() for w in words if w.strip()]


def _what_zip(names: set[str]) -> str:
    if "content.xml" in names:
        return "OpenDocument"
    if "xl/workbook.xml" in names:
        return "Excel"
    if "ppt/presentation.xml" in names:
        return "PowerPoint"
    return ", ".join(sorted(names)[:3]) or "?"


class Styles:
    """Style inheritance of styles.xml: a property is looked up along the basedOn chain."""

    def __init__(self, word):
        root = word.styles.element
        self.by_id = {s.get(w("styleId")): s for s in root.findall(w("style"))}
        # a paragraph without <w:pStyle> has the default paragraph style ("Normal", "Standard")
        self.default_paragraph = next((s.get(w("styleId")) for s in root.findall(w("style"))
                                       if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on")), None)
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default_rpr = defaults
        lang = defaults.find(w("lang")) if defaults is not None else None
        self.default_lang = lang.get(w("val")) if lang is not None else None
        self.theme_fonts = _theme_fonts(word)
        self._ppr: dict = {}

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        name = style.find(w("name")) if style is not None else None
        return name.get(w("val")) if name is not None else ""

    def ppr(self, style_id, tag):
        """A paragraph property along the chain (asked for every paragraph: kept once found)."""
        key = (style_id, tag)
        if key not in self._ppr:
            self._ppr[key] = next((found for style in self.chain(style_id)
                                   if (found := style.find(f"{w('pPr')}/{w(tag)}")) is not None), None)
        return self._ppr[key]


def _theme_fonts(word) -> dict:
    """minorHAnsi/majorHAnsi -> the theme's Latin typefaces (what "Calibri (Body)" means)."""
    try:
        part = word.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    except KeyError:
        return {}
    root = parse_xml(part.blob, "theme", "docx")
    a = NS["a"]
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{a}}}{kind}Font/{{{a}}}latin")
        if latin is not None:
            fonts[kind] = latin.get("typeface")
    return fonts


class BodyWalker:
    def __init__(self, word, styles: Styles, facts: dict):
        self.word, self.styles, self.facts = word, styles, facts
        self.page = 1
        self.has_breaks = bool(xp(word.element.body, ".//w:lastRenderedPageBreak | .//w:br[@w:type='page']"
                                  " | .//w:pageBreakBefore"))
        self.paras: list[Para] = []
        self._plain_runs: dict = {}  # paragraph style -> the properties of a run without rPr

    def walk(self, body) -> list[Para]:
        self._container(body, "paragraph")
        return self.paras

    def _container(self, el, kind: str, textbox: bool = False):
        for child in el:
            if child.tag == w("p"):
                para = self._paragraph(child, kind, textbox)
                self.paras.append(para)
                para.anchors = self._textboxes(child)
            elif child.tag == w("tbl"):
                self._table(child)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self._container(content if content is not None else child, kind, textbox)

    def _table(self, tbl):
        rows = tbl.findall(w("tr"))
        header = False
        if rows:
            mark = rows[0].find(f"{w('trPr')}/{w('tblHeader')}")
            header = mark is not None and mark.get(w("val"), "true") not in ("0", "false", "off")
        cols = max((len(r.findall(w("tc"))) for r in rows), default=0)
        self.facts["tables"].append({"number": len(self.paras) + 1, "rows": len(rows), "cols": cols,
                                     "header": header, "page": self._page_now()})
        for row in rows:
            for cell in row.findall(w("tc")):
                self._container(cell, "cell")

    def _textboxes(self, p):
        # mc:Fallback repeats the same text box in VML for old readers: read the choice only
        if next(p.iter(w("txbxContent")), None) is None:  # most paragraphs: no need for XPath
            return 0
        boxes = xp(p, ".//w:txbxContent[not(ancestor::mc:Fallback)]")
        for box in boxes:
            self.facts["textboxes"] += 1
            self._container(box, "paragraph", textbox=True)
        return len(boxes)

    def _page_now(self):
        return self.page if self.has_breaks else None

    def _paragraph(self, p, kind: str, textbox: bool) -> Para:
        style_id = _val(p.find(f"{w('pPr')}/{w('pStyle')}")) or self.styles.default_paragraph
        if p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None and self.paras:
            self.page += 1
        para = Para(text="", kind=kind, page=self._page_now(), textbox=textbox,
                    style_name=self.styles.name(style_id))
        level = self._heading_level(p, style_id)
        if level is not None and kind == "paragraph":
            para.kind, para.level = "heading", level
        elif kind == "paragraph" and (p.find(f"{w('pPr')}/{w('numPr')}") is not None
                                      or self.styles.ppr(style_id, "numPr") is not None):
            para.kind = "list-item"
        jc = p.find(f"{w('pPr')}/{w('jc')}")
        jc = jc if jc is not None else self.styles.ppr(style_id, "jc")
        if jc is not None and _val(jc) in ALIGN:
            para.style = {"text-align": ALIGN[_val(jc)]}
        runs, run_styles = [], []
        for r in xp(p, "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
                         " | ./w:sdt/w:sdtContent/w:r"):
            text = self._run_text(r)
            if self.has_breaks and self.paras and xp(r, ".//w:lastRenderedPageBreak | .//w:br[@w:type='page']"):
                self.page += 1
            if r.find(w("drawing")) is not None or r.find(w("pict")) is not None \
                    or r.find(f"{{{NS['mc']}}}AlternateContent") is not None:
                para.images += self._images(r)
            if text:
                props = self._run_props(r, style_id)
                if r.getparent().tag == w("hyperlink"):  # links are underlined to be seen as links
                    props.pop("text-decoration-line", None)
                runs.append((text, props.pop("lang", None)))
                run_styles.append(props)
        for link in p.findall(w("hyperlink")):
            para.links.append({"text": " ".join("".join(xp(link, ".//w:t/text()")).split()),
                               "target": self._link_target(link)})
        return finish_para(para, runs, run_styles)

    def _heading_level(self, p, style_id) -> int | None:
        name = self.styles.name(style_id).lower()
        if name == "title":
            return 1
        for prefix in HEADING_NAMES:
            if name.startswith(prefix) and name[len(prefix):].strip().isdigit():
                return int(name[len(prefix):])
        outline = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        outline = outline if outline is not None else self.styles.ppr(style_id, "outlineLvl")
        if outline is not None and (_val(outline) or "").isdigit() and int(_val(outline)) < 9:
            return int(_val(outline)) + 1
        return None

    @staticmethod
    def _run_text(r) -> str:
        parts = []
        for child in r:
            if child.tag in (w("t"), w("delText")):
                parts.append(child.text or "" if child.tag == w("t") else "")
            elif child.tag in (w("tab"), w("br"), w("cr")):
                parts.append(" ")
            elif child.tag == w("noBreakHyphen"):
                parts.append("-")
            elif child.tag == w("softHyphen"):
                parts.append("\u00ad")
        return "".join(parts)

    def _run_props(self, r, para_style) -> dict:
        if r.find(w("rPr")) is not None:
            return self._resolve_run_props(r, para_style)
        if para_style not in self._plain_runs:  # a run without formatting of its own: its style's
            self._plain_runs[para_style] = self._resolve_run_props(r, para_style)
        return dict(self._plain_runs[para_style])

    def _resolve_run_props(self, r, para_style) -> dict:
        rstyle = _val(r.find(f"{w('rPr')}/{w('rStyle')}"))
        chain = [r.find(w("rPr"))] + [s.find(w("rPr")) for s in self.styles.chain(rstyle)]
        chain += [s.find(w("rPr")) for s in self.styles.chain(para_style)] + [self.styles.default_rpr]
        chain = [c for c in chain if c is not None]

        def first(tag):
            return next((found for c in chain if (found := c.find(w(tag))) is not None), None)
        props = {}
        fonts = first("rFonts")
        if fonts is not None:
            name = fonts.get(w("ascii")) or fonts.get(w("hAnsi"))
            theme = fonts.get(w("asciiTheme")) or fonts.get(w("hAnsiTheme")) or ""
            if not name and theme:
                name = self.styles.theme_fonts.get("major" if theme.startswith("major") else "minor")
            if name:
                props["font-family"] = name
        size = first("sz")
        if size is not None and (_val(size) or "").isdigit():
            props["font-size"] = round(int(_val(size)) / 2 * 4 / 3, 2)  # half-points -> px
        if _on(first("i")):
            props["font-style"] = "italic"
        underline = first("u")
        if underline is not None and _val(underline) not in (None, "none"):
            props["text-decoration-line"] = "underline"
        props["bold"] = _on(first("b"))
        lang = first("lang")
        if lang is not None and _val(lang):
            props["lang"] = _val(lang)
        return props

    def _images(self, r) -> list[dict]:
        found = []
        for pr in xp(r, ".//wp:docPr[not(ancestor::mc:Fallback)]"):
            if xp(pr.getparent(), ".//w:txbxContent"):
                continue  # a text box's frame, not a picture
            decorative = bool(xp(pr, ".//adec:decorative[@val='1' or @val='true']"))
            found.append({"alt": " ".join((pr.get("descr") or pr.get("title") or "").split()),
                          "decorative": decorative, "name": pr.get("name") or ""})
        for shape in xp(r, ".//v:shape[v:imagedata][not(ancestor::mc:Fallback)]"):
            found.append({"alt": " ".join((shape.get("alt") or "").split()), "decorative": False,
                          "name": shape.get("id") or ""})
        return found

    def _link_target(self, link) -> str:
        rid = link.get(f"{{{NS['r']}}}id")
        if rid and rid in self.word.part.rels:
            return self.word.part.rels[rid].target_ref
        return "#" + (link.get(w("anchor")) or "")


def _val(el) -> str | None:
    return el.get(w("val")) if el is not None else None


def _on(el) -> bool:
    """A Word toggle property (<w:b/>, <w:i w:val="0"/>)."""
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")
