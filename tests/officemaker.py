"""Builds small Word (.docx, with python-docx) and LibreOffice (.odt, with odfpy) documents from a
spec (a dict, or its YAML text), for the office rule examples, tests and examples/.

    title: "Avis d'élection"            # core property dc:title (null: none)
    keywords: [FALC]                    # document keywords
    lang: fr-FR                         # document language (null: none)
    font: Arial                         # body typeface and size in pt (default: the template's)
    size: 14
    body:
      - [h1, "Élections municipales"]   # heading levels h1..h6
      - [p, "Le vote a lieu le dimanche 15 mars."]
      - [p, {text: "Degemer mat", lang: br}]   # a paragraph in another language
      - [bold, "Où voter ?"]            # a paragraph all in bold (a heading set by hand)
      - [underline, "Important"]        # a paragraph underlined (docx only)
      - [list, ["Carte d'identité", "Carte électorale"]]
      - [image, {alt: "Urne"}]          # a picture; alt omitted: none; decorative: true
      - [table, {header: true, rows: [["Bureau", "Adresse"], ["1", "Mairie"]]}]
      - [textbox, "Vote de 8 h à 18 h"]
      - [empty]                         # an empty paragraph
      - [link, {text: "cliquez ici", url: "https://www.service-public.fr"}]
"""
from __future__ import annotations

import io
import struct
import zlib

import yaml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 8, height: int = 8, rgb=(20, 60, 120)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _spec(spec) -> dict:
    return yaml.safe_load(spec) if isinstance(spec, str) else spec


def _text(value) -> tuple[str, str | None]:
    return (value["text"], value.get("lang")) if isinstance(value, dict) else (value, None)


# ---- Word ---------------------------------------------------------------------------------------

def make_docx(spec) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt
    spec = _spec(spec)
    word = docx.Document()
    word.core_properties.title = spec.get("title") or ""
    word.core_properties.keywords = ", ".join(spec.get("keywords") or [])
    if spec.get("lang"):  # the language Word applies to text: the default run language
        defaults = word.styles.element.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
        defaults.find(f"{{{W}}}lang").set(f"{{{W}}}val", spec["lang"])
    else:
        defaults = word.styles.element.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
        defaults.remove(defaults.find(f"{{{W}}}lang"))
    normal = word.styles["Normal"]
    if spec.get("font"):
        normal.font.name = spec["font"]
    if spec.get("size"):
        normal.font.size = Pt(spec["size"])
    for kind, *rest in spec.get("body", []):
        value = rest[0] if rest else None
        if kind.startswith("h") and kind[1:].isdigit():
            word.add_heading(value, int(kind[1:]))
        elif kind == "p":
            text, lang = _text(value)
            run = word.add_paragraph().add_run(text)
            if lang:
                run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}"/>'))
        elif kind == "bold":
            word.add_paragraph().add_run(value).bold = True
        elif kind == "underline":
            word.add_paragraph().add_run(value).underline = True
        elif kind == "list":
            for item in value:
                word.add_paragraph(item, style="List Bullet")
        elif kind == "image":
            word.add_picture(io.BytesIO(png()))
            pr = word.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
            if value.get("alt"):
                pr.set("descr", value["alt"])
            if value.get("decorative"):
                ext = parse_xml(
                    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')
                pr.append(ext)
        elif kind == "table":
            rows = value["rows"]
            table = word.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            if value.get("header"):
                table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        elif kind == "textbox":
            word.add_paragraph()._p.append(parse_xml(TEXTBOX.format(text=value)))
        elif kind == "empty":
            word.add_paragraph()
        elif kind == "link":
            paragraph = word.add_paragraph(value.get("before", ""))
            rid = paragraph.part.relate_to(value["url"], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
                             f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{value["text"]}</w:t></w:r></w:hyperlink>')
            paragraph._p.append(link)
            if value.get("after"):
                paragraph.add_run(value["after"])
        else:
            raise ValueError(f"unknown docx spec item {kind!r}")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# A text box as Word 2010+ writes it (drawing anchor, WordprocessingShape), without the VML fallback.
TEXTBOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" '
    'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="2000000" cy="500000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="99" name="Zone de texte 1"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
    '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


# ---- LibreOffice --------------------------------------------------------------------------------

def make_odt(spec) -> bytes:
    from odf.draw import Frame, Image, TextBox
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TableCellProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import A, H, List, ListItem, P
    from odf import dc, meta
    from odf.svg import Title as SvgTitle
    spec = _spec(spec)
    doc = OpenDocumentText()
    if spec.get("title"):
        doc.meta.addElement(dc.Title(text=spec["title"]))
    if spec.get("lang"):
        doc.meta.addElement(dc.Language(text=spec["lang"]))
    for keyword in spec.get("keywords") or []:
        doc.meta.addElement(meta.Keyword(text=keyword))
    body_props = {}
    if spec.get("font"):
        body_props["fontfamily"] = spec["font"]
    if spec.get("size"):
        body_props["fontsize"] = f"{spec['size']}pt"
    standard = Style(name="Standard", family="paragraph")
    standard.addElement(TextProperties(**body_props) if body_props else TextProperties())
    doc.styles.addElement(standard)
    bold = Style(name="Gras", family="paragraph", parentstylename="Standard")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    cell_style = Style(name="Cellule", family="table-cell")
    cell_style.addElement(TableCellProperties(padding="0.1cm"))
    doc.automaticstyles.addElement(cell_style)
    langs: dict[str, Style] = {}
    for kind, *rest in spec.get("body", []):
        value = rest[0] if rest else None
        if kind.startswith("h") and kind[1:].isdigit():
            doc.text.addElement(H(outlinelevel=int(kind[1:]), text=value))
        elif kind == "p":
            text, lang = _text(value)
            if lang and lang not in langs:
                langs[lang] = Style(name=f"Langue-{lang}", family="paragraph", parentstylename="Standard")
                langs[lang].addElement(TextProperties(language=lang.split("-")[0], country="none"))
                doc.automaticstyles.addElement(langs[lang])
            doc.text.addElement(P(stylename=langs[lang] if lang else standard, text=text))
        elif kind == "bold":
            doc.text.addElement(P(stylename=bold, text=value))
        elif kind == "list":
            items = List()
            for text in value:
                item = ListItem()
                item.addElement(P(stylename=standard, text=text))
                items.addElement(item)
            doc.text.addElement(items)
        elif kind in ("image", "textbox"):
            paragraph = P(stylename=standard)
            frame = Frame(width="2cm", height="2cm", anchortype="as-char", name=f"Objet{len(doc.text.childNodes)}")
            if kind == "image":
                href = doc.addPicture("Pictures/image.png", "image/png", png())
                frame.addElement(Image(href=href))
                if value.get("alt"):
                    frame.addElement(SvgTitle(text=value["alt"]))
            else:
                box = TextBox()
                box.addElement(P(stylename=standard, text=value))
                frame.addElement(box)
            paragraph.addElement(frame)
            doc.text.addElement(paragraph)
        elif kind == "table":
            rows = value["rows"]
            table = Table(name=f"Tableau{len(doc.text.childNodes)}")
            table.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
            header = TableHeaderRows() if value.get("header") else None
            if header is not None:
                table.addElement(header)
            for r, row in enumerate(rows):
                tr = TableRow()
                for text in row:
                    cell = TableCell(stylename=cell_style)
                    cell.addElement(P(stylename=standard, text=text))
                    tr.addElement(cell)
                (header if header is not None and r == 0 else table).addElement(tr)
            doc.text.addElement(table)
        elif kind == "empty":
            doc.text.addElement(P(stylename=standard))
        elif kind == "link":
            paragraph = P(stylename=standard, text=value.get("before", ""))
            paragraph.addElement(A(href=value["url"], text=value["text"]))
            doc.text.addElement(paragraph)
        else:
            raise ValueError(f"unknown odt spec item {kind!r}")
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
