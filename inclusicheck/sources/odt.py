"""LibreOffice .odt bytes -> Document (see office.py for the model). The package's XML parts
(content.xml, styles.xml, meta.xml) are read with lxml, with the style inheritance of ODF
(automatic style -> parent style -> default style) resolved here."""
from __future__ import annotations

from .base import SourceError
from .office import Para, build_document, finish_para, open_package, parse_xml, read_part

NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
      "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
      "xlink": "http://www.w3.org/1999/xlink",
      "dc": "http://purl.org/dc/elements/1.1/",
      "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
      "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
      "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"}
TEXT_MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
ALIGN = {"justify": "justify", "center": "center"}
MACRO_PARTS = ("script-lc.xml", "script-lb.xml", "dialog-lc.xml", "dialog-lb.xml", "manifest.xml")


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None):
    package = open_package(data, "odt")
    names = set(package.namelist())
    mimetype = (read_part(package, "mimetype", "odt") or b"").decode("ascii", "replace").strip()
    if "content.xml" not in names or (mimetype and mimetype not in TEXT_MIMETYPES):
        from .docx import _what_zip
        raise SourceError("office.not_this_format", format="ODT", found=mimetype or _what_zip(names))
    manifest = read_part(package, "META-INF/manifest.xml", "odt") or b""
    if b"encryption-data" in manifest:
        raise SourceError("office.encrypted", format="ODT")
    if any(n.startswith(("Basic/", "Scripts/")) and n.endswith((".xml", ".py", ".js", ".bsh"))
           and not n.endswith(MACRO_PARTS) for n in names):
        raise SourceError("office.macros", format="ODT")
    content = parse_xml(read_part(package, "content.xml", "odt"), "content.xml", "odt")
    styles_xml = read_part(package, "styles.xml", "odt")
    styles = Styles(content, parse_xml(styles_xml, "styles.xml", "odt") if styles_xml else None)
    meta_xml = read_part(package, "meta.xml", "odt")
    meta = parse_xml(meta_xml, "meta.xml", "odt") if meta_xml else None
    title = meta.findtext(f".//{q('dc:title')}") if meta is not None else None
    language = meta.findtext(f".//{q('dc:language')}") if meta is not None else None
    facts = {"format": "odt", "title": (title or "").strip() or None,
             "lang": styles.default_lang or (language or "").strip() or None, "tables": [], "textboxes": 0,
             "keywords": [k.text.strip() for k in meta.iter(q("meta:keyword")) if (k.text or "").strip()]
             if meta is not None else []}
    body = content.find(f"{q('office:body')}/{q('office:text')}")
    if body is None:
        raise SourceError("office.damaged", format="ODT", detail="content.xml: no office:text")
    walker = BodyWalker(styles, facts, _records_pages(body, styles))
    walker.container(body, "paragraph")
    return build_document(uri, "odt", walker.paras, facts, path, data)


def _records_pages(body, styles) -> bool:
    """LibreOffice records where it broke pages (text:soft-page-break); without that or a page
    break of the author's, page numbers are unknown."""
    if body.find(f".//{q('text:soft-page-break')}") is not None:
        return True
    return any(props.get(q("fo:break-before")) == "page" for style in styles.by_name.values()
               if (props := style.find(q("style:paragraph-properties"))) is not None)


class Styles:
    def __init__(self, content, styles_root):
        self.by_name: dict = {}
        self._text_props: dict = {}
        self.defaults: dict = {}
        self.fonts: dict = {}
        for root in (styles_root, content):
            if root is None:
                continue
            for face in root.iter(q("style:font-face")):
                self.fonts[face.get(q("style:name"))] = (face.get(q("svg:font-family")) or "").strip("'\"")
            for style in root.iter(q("style:style")):
                self.by_name[(style.get(q("style:family")), style.get(q("style:name")))] = style
            for style in root.iter(q("style:default-style")):
                self.defaults[style.get(q("style:family"))] = style
        self.default_lang = _lang(self.prop("paragraph", None, "text-properties", ("fo:language", "fo:country")))

    def chain(self, family: str, name: str | None):
        seen = set()
        while name and (family, name) in self.by_name and name not in seen:
            seen.add(name)
            style = self.by_name[(family, name)]
            yield style
            name = style.get(q("style:parent-style-name"))
        if family in self.defaults:
            yield self.defaults[family]

    def prop(self, family, name, kind, attrs: tuple[str, ...]) -> tuple:
        """The first style along the chain that sets attrs[0] gives all of attrs."""
        for style in self.chain(family, name):
            props = style.find(q(f"style:{kind}"))
            if props is not None and props.get(q(attrs[0])) is not None:
                return tuple(props.get(q(a)) for a in attrs)
        return (None,) * len(attrs)

    def text_props(self, names: tuple[tuple[str, str | None], ...]) -> dict:
        """CSS-like properties of text under these styles (innermost first: span, paragraph);
        asked for every piece of text, so kept per pair of styles."""
        if names not in self._text_props:
            self._text_props[names] = self._resolve_text_props(names)
        return dict(self._text_props[names])

    def _resolve_text_props(self, names) -> dict:
        def first(attrs):
            for family, name in names:
                found = self.prop(family, name, "text-properties", attrs)
                if found[0] is not None:
                    return found
            return (None,) * len(attrs)
        props = {}
        font = first(("style:font-name",))[0]
        family = first(("fo:font-family",))[0]
        if font or family:
            props["font-family"] = self.fonts.get(font, font) if font else family.split(",")[0].strip("'\" ")
        size = first(("fo:font-size",))[0] or ""
        if size.endswith("pt"):
            try:
                props["font-size"] = round(float(size[:-2]) * 4 / 3, 2)
            except ValueError:
                pass
        if first(("fo:font-style",))[0] in ("italic", "oblique"):
            props["font-style"] = "italic"
        if first(("style:text-underline-style",))[0] not in (None, "none"):
            props["text-decoration-line"] = "underline"
        props["bold"] = first(("fo:font-weight",))[0] in ("bold", "600", "700", "800", "900")
        lang = _lang(first(("fo:language", "fo:country")))
        if lang:
            props["lang"] = lang
        return props


def _lang(pair: tuple) -> str | None:
    language, country = (pair + (None,))[:2]
    if not language or language == "none":
        return None
    return f"{language}-{country}" if country and country != "none" else language


class BodyWalker:
    def __init__(self, styles: Styles, facts: dict, pages_known: bool):
        self.styles, self.facts, self.pages_known = styles, facts, pages_known
        self._page = 1
        self.paras: list[Para] = []

    @property
    def page(self) -> int | None:
        return self._page if self.pages_known else None

    def next_page(self):
        self._page += 1

    def container(self, el, kind: str, textbox: bool = False):
        for child in el:
            tag = child.tag
            if tag in (q("text:p"), q("text:h")):
                self.paragraph(child, kind, textbox)
            elif tag == q("text:list"):
                for item in child.iter(q("text:list-item"), q("text:list-header")):
                    for sub in item:
                        if sub.tag in (q("text:p"), q("text:h")):
                            self.paragraph(sub, "list-item" if kind == "paragraph" else kind, textbox)
            elif tag == q("table:table"):
                self.table(child)
            elif tag == q("text:soft-page-break"):
                self.next_page()
            elif tag in (q("text:section"), q("text:index-body"), q("text:table-of-content")):
                self.container(child, kind, textbox)
            elif tag == q("draw:frame"):  # anchored to the page
                self.frame(child, Para(text="", page=self.page))

    def table(self, tbl):
        rows = []  # this table's rows in order (header rows first), not a nested table's
        for child in tbl:
            if child.tag == q("table:table-row"):
                rows.append(child)
            elif child.tag in (q("table:table-header-rows"), q("table:table-rows")):
                rows += child.findall(q("table:table-row"))
        header = tbl.find(q("table:table-header-rows")) is not None
        cols = max((len(r.findall(q("table:table-cell"))) for r in rows), default=0)
        self.facts["tables"].append({"number": len(self.paras) + 1, "rows": len(rows), "cols": cols,
                                     "header": header, "page": self.page})
        for row in rows:
            for cell in row.findall(q("table:table-cell")):
                self.container(cell, "cell")

    def paragraph(self, p, kind: str, textbox: bool):
        style_name = p.get(q("text:style-name"))
        if self.styles.prop("paragraph", style_name, "paragraph-properties", ("fo:break-before",))[0] == "page" \
                and self.paras:
            self.next_page()
        para = Para(text="", kind=kind, page=self.page, textbox=textbox, style_name=style_name or "")
        if p.tag == q("text:h") and kind == "paragraph":
            level = p.get(q("text:outline-level")) or "1"
            para.kind, para.level = "heading", int(level) if level.isdigit() else 1
        align = self.styles.prop("paragraph", style_name, "paragraph-properties", ("fo:text-align",))[0]
        if align in ALIGN:
            para.style = {"text-align": ALIGN[align]}
        runs, run_styles = [], []
        self.paras.append(para)
        frames = []

        def add(text, span_style):
            if text:
                props = self.styles.text_props((("text", span_style), ("paragraph", style_name)))
                runs.append((text, props.pop("lang", None)))
                run_styles.append(props)

        def walk(el, span_style):
            add(el.text, span_style)
            for child in el:
                tag = child.tag
                if tag == q("text:span"):
                    walk(child, child.get(q("text:style-name")) or span_style)
                elif tag == q("text:a"):
                    start = len(runs)
                    walk(child, child.get(q("text:style-name")) or span_style)
                    para.links.append({"text": " ".join("".join(t for t, _ in runs[start:]).split()),
                                       "target": child.get(q("xlink:href")) or ""})
                elif tag == q("text:s"):
                    add(" ", span_style)
                elif tag in (q("text:tab"), q("text:line-break")):
                    add(" ", span_style)
                elif tag == q("text:soft-page-break"):
                    self.next_page()
                elif tag == q("draw:frame"):
                    frames.append(child)
                elif tag in (q("text:note"), q("office:annotation")):
                    pass  # footnotes and comments are not the paragraph's text
                else:
                    walk(child, span_style)
                add(child.tail, span_style)
        walk(p, None)
        finish_para(para, runs, run_styles)
        for frame in frames:
            self.frame(frame, para)

    def frame(self, frame, para: Para):
        """An image (its alternative: svg:title, or svg:desc) or a text box."""
        box = frame.find(q("draw:text-box"))
        if box is not None:
            self.facts["textboxes"] += 1
            para.anchors += 1
            self.container(box, "paragraph", textbox=True)
            return
        if frame.find(q("draw:image")) is not None or frame.find(q("draw:object-ole")) is not None:
            alt = frame.findtext(q("svg:title")) or frame.findtext(q("svg:desc")) or ""
            decorative = frame.get(q("loext:decorative")) == "true"
            image = {"alt": " ".join(alt.split()), "decorative": decorative, "name": frame.get(q("draw:name")) or ""}
            para.images.append(image)
            if not any(p is para for p in self.paras):  # a frame anchored to the page
                self.paras.append(para)
