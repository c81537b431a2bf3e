"""The official RGAA 4.1.2 audit grid (ODS, DISIC, Licence Ouverte 2.0), filled and read back.

The grid ships unmodified in inclusicheck/data/. Filling edits a copy's content.xml directly (no dependency):
sheet `Échantillon` gets the pages (P01-P20: title, URL), each page sheet gets the automated
statuses in column D (NC where a rule failed, NA where the page certainly lacks the elements,
NT elsewhere) and the findings in column F ("Modifications à apporter"). Pages of the grid that
the sample does not use get NA everywhere, which leaves every total of the grid unchanged.
Cached formula results are dropped so that spreadsheet software recomputes them on opening.

Reading takes the statuses a person set (column D) and the notes back, for `report import`.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

from lxml import etree

from ..i18n import LocalisedError
from .rgaa import REVIEW, STATUSES, AuditPage, PageView

GRID = Path(__file__).parent.parent / "data" / "rgaa4.1.2.modele-de-grille-d-audit.ods"
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
T, TEXT, OFFICE = (f"{{{NS[k]}}}" for k in ("table", "text", "office"))
CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
MAX_PAGES = 20
SAMPLE_FIRST_ROW = 8   # row index (0-based) of P01 in `Échantillon`
STATUS_COL, NOTES_COL, CRITERION_COL = 3, 5, 1
CRITERION = re.compile(r"^\d{1,2}\.\d{1,2}$")
STATIC_FORMULA = re.compile(r"^of:=\[Crit[^.]*\.\$?[A-Z]+\$?\d+\]$")  # copies of the criteria list
NOTE_PREFIX = "[inclusicheck] "


class GridError(LocalisedError):
    pass


def fill_grid(pages: list[PageView], notes: dict[str, dict[str, str]] | None = None,
              template: Path = GRID) -> bytes:
    """The grid with the sample and automated statuses prefilled (the first 20 documents)."""
    notes = notes or {}
    with zipfile.ZipFile(template) as zin:
        root = etree.fromstring(zin.read("content.xml"))
        sheets = {s.get(T + "name"): s for s in root.iter(T + "table")}
        fill_sample(sheets["Échantillon"], pages[:MAX_PAGES])
        for number in range(1, MAX_PAGES + 1):
            sheet = sheets[f"P{number:02d}"]
            page = pages[number - 1] if number <= len(pages) else None
            for criterion, row in criterion_rows(sheet):
                if page is None:
                    set_text(cell_at(row, STATUS_COL), "NA")
                    continue
                status = page.statuses.get(criterion, "NT")
                set_text(cell_at(row, STATUS_COL), "NT" if status == REVIEW else status)
                note = notes.get(page.uri, {}).get(criterion)
                if note:
                    set_text(cell_at(row, NOTES_COL), NOTE_PREFIX + note)
        drop_cached_results(root)
        content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            # ODF: `mimetype` first and stored uncompressed.
            zout.writestr(zipfile.ZipInfo("mimetype"), zin.read("mimetype"), compress_type=zipfile.ZIP_STORED)
            for item in zin.infolist():
                if item.filename == "mimetype":
                    continue
                data = content if item.filename == "content.xml" else zin.read(item.filename)
                zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def fill_sample(sheet, pages: list[PageView]) -> None:
    rows = expanded_rows(sheet)
    set_text(cell_at(rows[2], 1), date.today().strftime("%d/%m/%Y"))
    for number in range(MAX_PAGES):
        row = rows[SAMPLE_FIRST_ROW + number]
        if number < len(pages):
            page = pages[number]
            set_text(cell_at(row, 1), page.title or page.uri)
            set_text(cell_at(row, 2), page.uri)
        else:
            set_text(cell_at(row, 1), "(page non utilisée : tous les critères NA)")
            set_text(cell_at(row, 2), "")


def read_grid(data: bytes) -> list[AuditPage]:
    """The pages of a completed grid with the statuses a person set; unused pages are left out."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            root = etree.fromstring(z.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise GridError("grid.not_ods", reason=str(exc)) from None
    sheets = {s.get(T + "name"): s for s in root.iter(T + "table")}
    if "Échantillon" not in sheets or "P01" not in sheets:
        raise GridError("grid.not_rgaa")
    sample_rows = expanded_rows(sheets["Échantillon"])
    pages = []
    for number in range(1, MAX_PAGES + 1):
        sheet = sheets.get(f"P{number:02d}")
        if sheet is None:
            break
        row = sample_rows[SAMPLE_FIRST_ROW + number - 1] if len(sample_rows) >= SAMPLE_FIRST_ROW + number else None
        title = cell_text(row, 1) if row is not None else ""
        url = cell_text(row, 2) if row is not None else ""
        statuses, notes = {}, {}
        for criterion, crow in criterion_rows(sheet):
            status = cell_text(crow, STATUS_COL).strip().upper()
            if status not in STATUSES:
                raise GridError("grid.unknown_status", page=f"P{number:02d}", criterion=criterion, status=status,
                                expected=", ".join(STATUSES))
            statuses[criterion] = status
            note = cell_text(crow, NOTES_COL).strip()
            if note:
                notes[criterion] = note
        unused = not url and all(s == "NA" for s in statuses.values())
        if not unused:
            pages.append(AuditPage(f"P{number:02d}", title, url, statuses, notes))
    return pages


# ---- ODS cells ------------------------------------------------------------------------------

def expanded_rows(sheet) -> list:
    """The sheet's rows, one element per row (repeated rows split where they are few)."""
    rows = []
    for row in list(sheet.iter(T + "table-row")):
        repeat = int(row.get(T + "number-rows-repeated", "1"))
        if repeat > 1 and repeat < 1000:
            del row.attrib[T + "number-rows-repeated"]
            for _ in range(repeat - 1):
                clone = etree.fromstring(etree.tostring(row))
                row.addnext(clone)
                rows.append(row)
                row = clone
        rows.append(row)
    return rows


def criterion_rows(sheet):
    for row in expanded_rows(sheet):
        number = cell_text(row, CRITERION_COL).strip()
        if CRITERION.match(number):
            yield number, row


def find_cell(row, index: int):
    """(cell, its first column, its repeat count) covering column `index`, or None past the row's end
    (with the column count reached)."""
    column = 0
    for cell in row:
        if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
            continue
        repeat = int(cell.get(T + "number-columns-repeated", "1"))
        if column + repeat > index:
            return cell, column, repeat
        column += repeat
    return None, column, 0


def cell_at(row, index: int):
    """The cell at column `index`, splitting a repeated cell so it can be edited alone."""
    cell, column, repeat = find_cell(row, index)
    if cell is None:
        while column < index:  # the row is shorter than needed: pad it
            etree.SubElement(row, T + "table-cell")
            column += 1
        return etree.SubElement(row, T + "table-cell")
    if repeat == 1:
        return cell
    offset = index - column
    del cell.attrib[T + "number-columns-repeated"]
    previous = cell
    for count in (offset, 1, repeat - offset - 1):
        if count:
            part = etree.fromstring(etree.tostring(cell))
            if count > 1:
                part.set(T + "number-columns-repeated", str(count))
            previous.addnext(part)
            previous = part
    row.remove(cell)
    return find_cell(row, index)[0]


def cell_text(row, index: int) -> str:
    cell = find_cell(row, index)[0]
    if cell is None:
        return ""
    return "\n".join("".join(p.itertext()) for p in cell.findall(TEXT + "p"))


def set_text(cell, value: str) -> None:
    for child in list(cell):
        if child.tag == TEXT + "p":
            cell.remove(child)
    for attr in (OFFICE + "value", OFFICE + "string-value", OFFICE + "boolean-value", OFFICE + "date-value"):
        cell.attrib.pop(attr, None)
    if value:
        cell.set(OFFICE + "value-type", "string")
        cell.set(CALCEXT + "value-type", "string")
        for line in value.split("\n"):
            etree.SubElement(cell, TEXT + "p").text = line
    else:
        cell.attrib.pop(OFFICE + "value-type", None)
        cell.attrib.pop(CALCEXT + "value-type", None)


def drop_cached_results(root) -> None:
    """Formula cells keep their formula but lose the result saved in the template, so the
    spreadsheet computes them from the new statuses when the file is opened. Copies of the
    criteria list keep theirs (they never change, and reading the grid back relies on them)."""
    for cell in root.iter(T + "table-cell"):
        formula = cell.get(T + "formula")
        if formula is None or STATIC_FORMULA.match(formula):
            continue
        for attr in (OFFICE + "value", OFFICE + "string-value", OFFICE + "boolean-value"):
            cell.attrib.pop(attr, None)
        for child in list(cell):
            if child.tag == TEXT + "p":
                cell.remove(child)
