"""Reads one PDF and prints what the pdf pack and the text packs need, as JSON.

Run by sources/pdf.py in a child process with memory, CPU and time limits (`python -m
inclusicheck.sources.pdf_worker < file.pdf`): a damaged file or a decompression bomb can only
kill this child, never the run. pikepdf (qpdf) reads the structure (tags, metadata, fonts);
pdfminer.six lays out the text and tells which marked content (MCID) each character belongs
to, so that the text can be put back in the order of the structure tree.
"""
from __future__ import annotations

import io
import json
import re
import sys

# Structure types (after role mapping) whose whole subtree reads as one block, and their block kind.
LEAF_KINDS = {
    "P": "paragraph", "H": "heading", **{f"H{i}": "heading" for i in range(1, 7)},
    "LI": "list-item", "Lbl": "list-item", "LBody": "list-item", "TD": "cell", "TH": "cell",
    "Caption": "caption", "BlockQuote": "quote", "Note": "paragraph", "TOCI": "list-item",
    "Title": "heading",
}
GROUPING = {"Document", "DocumentFragment", "Part", "Art", "Sect", "Div", "NonStruct", "Private",
            "Table", "TR", "THead", "TBody", "TFoot", "L", "TOC", "Index", "Aside", "Form"}
FIGURE_TYPES = {"Figure", "Formula"}
MAX_STRUCT_NODES = 200_000
MAX_DEPTH = 100


def main() -> None:
    limits = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    data = sys.stdin.buffer.read()
    try:
        result = analyse(data, limits.get("max_pages", 500))
    except Exception as exc:  # noqa: BLE001 — the parent turns this into a clear error
        result = {"error": _error_key(exc), "detail": f"{type(exc).__name__}: {exc}"[:300]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


def _error_key(exc: Exception) -> str:
    import pikepdf
    if isinstance(exc, (MemoryError, RecursionError)):
        return "pdf.limits"
    if isinstance(exc, pikepdf.PasswordError):
        return "pdf.encrypted"
    return "pdf.damaged"


def analyse(data: bytes, max_pages: int) -> dict:
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(data))  # raises PasswordError when a password is needed
    n_pages = len(pdf.pages)
    if n_pages > max_pages:
        return {"error": "pdf.too_many_pages", "detail": f"{n_pages} > {max_pages}", "pages": n_pages}
    info = _catalog_facts(pdf)
    info["pages"] = n_pages
    info["encrypted"] = pdf.is_encrypted
    info["fonts"] = _fonts(pdf)
    page_numbers = {page.obj.objgen: i + 1 for i, page in enumerate(pdf.pages)}
    layout = _layout(data)
    info["page_facts"] = [{k: v for k, v in p.items() if k != "mcids"} for p in layout]
    if info["tagged"]:
        info["blocks"], info["figures"] = _struct_blocks(pdf, page_numbers, layout)
        info["untagged_chars"] = sum(p["untagged_chars"] for p in layout)
    else:
        info["blocks"] = _guess_headings([b for p in layout for b in p["boxes"]])
        info["figures"] = []
    for p in info["page_facts"]:
        p.pop("boxes", None)
    return info


def _guess_headings(boxes: list[dict]) -> list[dict]:
    """Untagged PDFs say nothing of their structure: a short box set clearly larger than the
    body text (the size most characters have) is taken as a heading, so that text rules can
    tell headings from sentences. The pdf pack never relies on this guess."""
    weights: dict[float, int] = {}
    for box in boxes:
        if box["size"]:
            weights[box["size"]] = weights.get(box["size"], 0) + len(box["text"])
    if not weights:
        return boxes
    body = max(weights, key=weights.get)
    for box in boxes:
        if box["size"] and box["size"] >= body * 1.2 and len(box["text"].split()) <= 20:
            box["kind"] = "heading"
    return boxes


# ---- document catalogue ------------------------------------------------------------------------

def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _catalog_facts(pdf) -> dict:
    import pikepdf
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    prefs = root.get("/ViewerPreferences")
    title = _text(pdf.docinfo.get("/Title")) if pdf.docinfo is not None else None
    xmp_title, pdfua = None, None
    if "/Metadata" in root:
        try:
            meta = pdf.open_metadata()
            xmp_title = _text(meta.get("dc:title"))
            pdfua = _text(meta.get("pdfuaid:part"))
        except Exception:  # noqa: BLE001 — bad XMP: treat as absent
            pass
    display = prefs.get("/DisplayDocTitle") if isinstance(prefs, pikepdf.Dictionary) else None
    return {
        "tagged": "/StructTreeRoot" in root,
        "marked": bool(mark_info.get("/Marked", False)) if isinstance(mark_info, pikepdf.Dictionary) else False,
        "lang": _text(root.get("/Lang")),
        "title": title or xmp_title,
        "info_title": title,
        "xmp_title": xmp_title,
        "display_doc_title": bool(display) if display is not None else None,
        "pdfua_part": pdfua,
    }


def _fonts(pdf) -> list[dict]:
    """Every font used by a page or a form XObject, once, with whether its program is embedded."""
    import pikepdf
    seen: dict[tuple, dict] = {}

    def visit(resources, page_no, depth):
        if not isinstance(resources, pikepdf.Dictionary) or depth > 10:
            return
        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for _, font in fonts.items():
                if not isinstance(font, pikepdf.Dictionary):
                    continue
                key = font.objgen if font.is_indirect else (id(font),)
                if key not in seen:
                    seen[key] = {"name": str(font.get("/BaseFont", "?")).lstrip("/"),
                                 "subtype": str(font.get("/Subtype", "?")).lstrip("/"),
                                 "embedded": _embedded(font), "page": page_no}
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for _, xobj in xobjects.items():
                if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == "/Form":
                    visit(xobj.get("/Resources"), page_no, depth + 1)

    for i, page in enumerate(pdf.pages):
        visit(page.obj.get("/Resources"), i + 1, 0)
    return list(seen.values())


def _embedded(font) -> bool:
    import pikepdf
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the PDF itself
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


# ---- layout (pdfminer) ------------------------------------------------------------------------

def _layout(data: bytes) -> list[dict]:
    """Per page: characters, image cover, text boxes (for untagged files) and, per MCID, its
    text and where it sits on the page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTFigure, LTImage, LTTextBox, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class MarkedAggregator(PDFPageAggregator):
        """Remembers, for every character, the MCID of the marked content around it."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.stack: list = []

        def begin_tag(self, tag, props=None):
            mcid = props.get("MCID") if isinstance(props, dict) else None
            self.stack.append((getattr(tag, "name", str(tag)), mcid))

        def end_tag(self):
            if self.stack:
                self.stack.pop()

        def render_char(self, *args, **kwargs):
            adv = super().render_char(*args, **kwargs)
            item = self.cur_item._objs[-1]
            mcid = next((m for _, m in reversed(self.stack) if m is not None), None)
            item.mcid = mcid
            item.artifact = any(tag == "Artifact" for tag, _ in self.stack)
            return adv

    manager = PDFResourceManager(caching=True)
    device = MarkedAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
        device.stack = []
        interpreter.process_page(page)
        lt = device.get_result()
        area = max(lt.width * lt.height, 1.0)
        facts = {"page": number, "chars": 0, "untagged_chars": 0, "image_cover": 0.0,
                 "mcids": {}, "boxes": []}

        def walk(item):
            if isinstance(item, LTImage):
                facts["image_cover"] += (item.width * item.height) / area
            elif isinstance(item, LTTextBox):
                text = _clean(item.get_text())
                if text:
                    facts["boxes"].append({"text": text, "kind": "paragraph", "page": number,
                                           "size": _box_size(item), "bbox": _bbox(item)})
                for line in item:
                    if isinstance(line, LTTextLine):
                        read_line(line)
            elif isinstance(item, LTFigure) or hasattr(item, "_objs"):
                for child in item:
                    walk(child)

        def read_line(line):
            last = None
            for ch in line:
                if isinstance(ch, LTChar):
                    facts["chars"] += 1
                    mcid = getattr(ch, "mcid", None)
                    if mcid is None:
                        if not getattr(ch, "artifact", False) and ch.get_text().strip():
                            facts["untagged_chars"] += 1
                        last = None
                        continue
                    entry = facts["mcids"].setdefault(mcid, {"text": [], "bbox": _bbox(ch)})
                    entry["text"].append(ch.get_text())
                    entry["bbox"] = _union(entry["bbox"], _bbox(ch))
                    last = entry
                elif last is not None:  # LTAnno: a space or newline the layout inferred
                    last["text"].append(ch.get_text())

        for item in lt:
            walk(item)
        facts["image_cover"] = round(min(facts["image_cover"], 1.0), 3)
        pages.append(facts)
    return pages


def _bbox(item) -> list[float]:
    return [round(item.x0, 1), round(item.y0, 1), round(item.x1, 1), round(item.y1, 1)]


def _union(a, b):
    return [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]


def _box_size(box) -> float | None:
    from pdfminer.layout import LTChar
    sizes = [ch.size for line in box for ch in line if isinstance(ch, LTChar)]
    return round(max(set(sizes), key=sizes.count), 1) if sizes else None


def _clean(text: str) -> str:
    text = re.sub(r"-\n(?=[a-zà-ÿ])", "", text)  # words hyphenated at the end of a line
    return re.sub(r"\s+", " ", text).strip()


# ---- structure tree (pikepdf) -----------------------------------------------------------------

def _struct_blocks(pdf, page_numbers: dict, layout: list[dict]) -> tuple[list[dict], list[dict]]:
    """Blocks in the order of the structure tree, with the text of their marked content."""
    import pikepdf
    root = pdf.Root.StructTreeRoot
    role_map = root.get("/RoleMap") if isinstance(root.get("/RoleMap"), pikepdf.Dictionary) else {}
    mcid_text = {p["page"]: p["mcids"] for p in layout}
    blocks, figures = [], []
    visited = 0

    def std_type(name: str) -> str:
        for _ in range(10):  # role maps may chain
            mapped = role_map.get("/" + name) if role_map else None
            if mapped is None:
                break
            name = str(mapped).lstrip("/")
        return name

    def collect(node, page, out, depth):
        """Append (page, mcid) of every marked-content reference under `node`."""
        nonlocal visited
        visited += 1
        if visited > MAX_STRUCT_NODES or depth > MAX_DEPTH:
            return
        if isinstance(node, int):
            if page:
                out.append((page, node))
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                collect(kid, page, out, depth + 1)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/Type") == "/OBJR":
                return
            page = page_of(node, page)
            if "/S" in node and std_type(str(node.S).lstrip("/")) in FIGURE_TYPES:
                walk(node, page, None, depth + 1)  # a figure inside a paragraph is still a figure
                return
            if node.get("/Type") == "/MCR" or "/MCID" in node:
                mcid = node.get("/MCID")
                if mcid is not None and page:
                    out.append((page, int(mcid)))
                return
            kids = node.get("/K")
            if kids is not None:
                collect(kids, page, out, depth + 1)

    def text_of(refs):
        parts = []
        for page, mcid in refs:
            entry = mcid_text.get(page, {}).get(mcid)
            if entry:
                parts.append("".join(entry["text"]))
        return _clean(" ".join(parts))

    def bbox_of(refs):
        boxes = [mcid_text.get(p, {}).get(m, {}).get("bbox") for p, m in refs]
        boxes = [b for b in boxes if b]
        if not boxes:
            return None
        box = boxes[0]
        for b in boxes[1:]:
            box = _union(box, b)
        return box

    def page_of(node, inherited):
        pg = node.get("/Pg") if isinstance(node, pikepdf.Dictionary) else None
        return page_numbers.get(pg.objgen, inherited) if isinstance(pg, pikepdf.Dictionary) else inherited

    def walk(node, page, lang, depth):
        nonlocal visited
        visited += 1
        if visited > MAX_STRUCT_NODES or depth > MAX_DEPTH:
            return
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, page, lang, depth + 1)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return
        page = page_of(node, page)
        lang = _text(node.get("/Lang")) or lang
        raw = str(node.S).lstrip("/")
        kind = std_type(raw)
        if kind in FIGURE_TYPES:
            alt = _text(node.get("/Alt")) or _text(node.get("/ActualText"))
            refs: list = []
            collect(node.get("/K"), page, refs, depth)
            fig = {"type": kind, "raw_type": raw, "alt": alt, "page": refs[0][0] if refs else page,
                   "bbox": bbox_of(refs), "text": text_of(refs)}
            figures.append(fig)
            if alt:
                blocks.append({"text": alt, "kind": "alt", "page": fig["page"], "lang": lang, "type": kind,
                               "bbox": fig["bbox"]})
            return
        if kind in LEAF_KINDS or kind not in GROUPING:
            refs = []
            collect(node.get("/K"), page, refs, depth)
            text = _text(node.get("/ActualText")) or text_of(refs)
            if text:
                blocks.append({"text": text, "kind": LEAF_KINDS.get(kind, "paragraph"), "type": kind,
                               "raw_type": raw, "page": refs[0][0] if refs else page, "lang": lang,
                               "bbox": bbox_of(refs)})
            return
        kids = node.get("/K")
        if kids is not None:
            walk(kids, page, lang, depth + 1)

    walk(root.get("/K"), None, None, 0)
    return blocks, figures


if __name__ == "__main__":
    main()
