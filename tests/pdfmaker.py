"""Builds small PDFs from a spec (a dict, or its YAML text), for the pdf rule examples and tests.

    title: "Profession de foi"          # Info /Title and XMP dc:title (null: none)
    lang: fr                            # Catalog /Lang (null: none)
    display_doc_title: true             # ViewerPreferences /DisplayDocTitle (null: no key)
    tagged: true                        # StructTreeRoot, MarkInfo /Marked and marked content
    embed_fonts: true                   # FontFile2 in the font descriptor
    reverse_order: false                # structure tree lists the blocks bottom-up
    pages:
      - - [H1, "Élection municipale"]   # [structure type, text]
        - [P, "Le vote a lieu le dimanche 15 mars."]
        - [Figure, {alt: "Photo de la candidate"}]   # an image; alt omitted: no /Alt
        - [Artifact, "Page 1"]          # marked as artifact (not in the tree)
        - [P, {text: "Degemer mat", lang: br}]       # a passage with its own /Lang
      - scanned: true                   # a page that is one big image and no text

Text uses Helvetica with its standard widths (so extraction positions are right); with
embed_fonts the descriptor carries a font program (DejaVu Sans when installed, else a stub:
the checks only look at whether a program is embedded).
"""
from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import yaml
from pdfminer.fontmetrics import FONT_METRICS
from pikepdf import Array, Dictionary, Name, Operator, String

SIZES = {"H1": 20, "H2": 16, "H3": 14, "Title": 22}
PAGE_W, PAGE_H = 595, 842
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(spec) -> bytes:
    if isinstance(spec, str):
        spec = yaml.safe_load(spec)
    tagged = spec.get("tagged", True)
    pdf = pikepdf.new()
    font = _font(pdf, spec.get("embed_fonts", True))
    image = _image(pdf)
    struct_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc_elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=struct_root, K=Array()))
    parent_tree_nums = Array()
    elems_in_order = []
    for page_index, page_spec in enumerate(spec.get("pages") or [[]]):
        page = pdf.add_blank_page(page_size=(PAGE_W, PAGE_H))
        page.Resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image))
        ops, page_elems = [], []
        if isinstance(page_spec, dict) and page_spec.get("scanned"):
            ops += [([], Operator("q")), ([PAGE_W, 0, 0, PAGE_H, 0, 0], Operator("cm")),
                    ([Name.Im1], Operator("Do")), ([], Operator("Q"))]
        else:
            y = PAGE_H - 80
            for stype, content in page_spec:
                mcid = len(page_elems)
                is_artifact = stype == "Artifact"
                if tagged:
                    tag_props = Dictionary() if is_artifact else Dictionary(MCID=mcid)
                    ops.append(([Name("/" + stype), tag_props], Operator("BDC")))
                if stype == "Figure":
                    ops += [([], Operator("q")), ([200, 0, 0, 100, 72, y - 100], Operator("cm")),
                            ([Name.Im1], Operator("Do")), ([], Operator("Q"))]
                    y -= 120
                else:
                    size = SIZES.get(stype, 12)
                    text = content.get("text", "") if isinstance(content, dict) else content
                    ops += [([], Operator("BT")), ([Name.F1, size], Operator("Tf")),
                            ([72, y], Operator("Td")),
                            ([String(str(text).encode("cp1252", "replace"))], Operator("Tj")),
                            ([], Operator("ET"))]
                    y -= size * 2.2
                if tagged:
                    ops.append(([], Operator("EMC")))
                if not is_artifact:
                    elem = Dictionary(Type=Name.StructElem, S=Name("/" + stype), P=doc_elem, Pg=page.obj, K=mcid)
                    if stype == "Figure" and isinstance(content, dict) and content.get("alt"):
                        elem.Alt = String(content["alt"])
                    if isinstance(content, dict) and content.get("lang"):
                        elem.Lang = String(content["lang"])
                    page_elems.append(pdf.make_indirect(elem))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        if tagged:
            page.StructParents = page_index
            parent_tree_nums.extend([page_index, pdf.make_indirect(Array(page_elems))])
            elems_in_order += page_elems
    if spec.get("reverse_order"):
        elems_in_order.reverse()
    if tagged:
        doc_elem.K = Array(elems_in_order)
        struct_root.K = doc_elem
        struct_root.ParentTree = pdf.make_indirect(Dictionary(Nums=parent_tree_nums))
        pdf.Root.StructTreeRoot = struct_root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
    if spec.get("lang"):
        pdf.Root.Lang = String(spec["lang"])
    if spec.get("display_doc_title") is not None:
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=bool(spec["display_doc_title"]))
    if spec.get("title"):
        pdf.docinfo["/Title"] = String(spec["title"])
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = spec["title"]
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _font(pdf, embed: bool):
    metrics = FONT_METRICS["Helvetica"][1]
    widths = [int(metrics.get(_glyph(code), 556)) for code in range(32, 256)]
    font = Dictionary(Type=Name.Font, Subtype=Name.TrueType if embed else Name.Type1, BaseFont=Name.Helvetica,
                      Encoding=Name.WinAnsiEncoding, FirstChar=32, LastChar=255, Widths=Array(widths))
    if embed:
        program = DEJAVU.read_bytes() if DEJAVU.is_file() else b"\x00\x01\x00\x00stub font program"
        font.BaseFont = Name("/ABCDEF+Helvetica")
        font.FontDescriptor = pdf.make_indirect(Dictionary(
            Type=Name.FontDescriptor, FontName=Name("/ABCDEF+Helvetica"), Flags=32,
            FontBBox=Array([-166, -225, 1000, 931]), ItalicAngle=0, Ascent=718, Descent=-207,
            CapHeight=718, StemV=88, FontFile2=pdf.make_stream(program)))
    return pdf.make_indirect(font)


def _glyph(code: int) -> str:
    from pdfminer.latin_enc import ENCODING
    names = {win: name for name, _std, _mac, win, _pdf in ENCODING if win is not None}
    return names.get(code, "space")


def _image(pdf):
    pixels = bytes([200, 60, 60, 200] * 1)
    return pdf.make_stream(zlib.compress(pixels), Type=Name.XObject, Subtype=Name.Image, Width=2, Height=2,
                           ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode)
