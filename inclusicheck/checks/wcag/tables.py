"""Tables of the `wcag` pack, read from the DOM alone.

Layout tables (RGAA 5.3, 5.8): a table used for layout must not carry data-table markup, and one
with neither looks like layout. Header cells of data tables (RGAA 5.7, ACT d0f69e): each header cell
must be assigned to at least one cell, as the HTML table model assigns header cells (`headers`
attribute, else scanning up the column and left along the row, with `scope` or its "auto" state).
ARIA tables (role table/grid/treegrid on other elements) use the same scan with their explicit
columnheader/rowheader roles."""
from __future__ import annotations

from dataclasses import dataclass

from ...document.dom import visible_text
from ...model import Outcome
from .. import Hit, check
from .elements import first_role, is_exposed, start_tag

DATA_TABLE_ROLES = {"table", "grid", "treegrid"}
HEADER_ROLES = {"columnheader", "rowheader"}
CELL_ROLES = {"cell", "gridcell"} | HEADER_ROLES
MAX_SPAN = 1000  # the HTML limit for colspan (rowspan: 65534); more is a broken table


def own_elements(container, tag_or_all="*"):
    """Descendants of a table that belong to it, not to a nested table (which is yielded itself
    when asked for, but not entered)."""
    stack = [c for c in reversed(container) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if tag_or_all in ("*", el.tag):
            yield el
        if el.tag != container.tag:
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))


@dataclass(eq=False)
class Cell:
    el: object
    x: int
    y: int
    width: int
    height: int
    header: bool
    scope: str  # "col", "row" or "auto" (HTML th), or the ARIA role's direction


def span(el, name: str) -> int:
    try:
        value = int((el.get(name) or "1").strip())
    except ValueError:
        return 1
    return min(max(value, 1), MAX_SPAN)


def html_cell(el, x: int, y: int, width: int, height: int) -> Cell | None:
    role = first_role(el)
    if role and role not in CELL_ROLES:
        return None  # presentation or another role: not a cell of this table
    header = role in HEADER_ROLES or (not role and el.tag == "th")
    scope = {"columnheader": "col", "rowheader": "row"}.get(role) or {
        "col": "col", "colgroup": "col", "row": "row", "rowgroup": "row"}.get(
        (el.get("scope") or "").strip().lower(), "auto")
    return Cell(el, x, y, width, height, header, scope)


def html_grid(table) -> dict[tuple[int, int], Cell]:
    """The slots of an HTML table (rows of its own thead/tbody/tfoot/tr, spans included)."""
    grid: dict[tuple[int, int], Cell] = {}
    rows = list(own_elements(table, "tr"))
    for y, row in enumerate(rows):
        x = 0
        for el in row:
            if not isinstance(el.tag, str) or el.tag not in ("td", "th"):
                continue
            while (x, y) in grid:
                x += 1
            width, height = span(el, "colspan"), min(span(el, "rowspan"), len(rows) - y)
            cell = html_cell(el, x, y, width, height)
            for dx in range(width):
                for dy in range(height):
                    grid[(x + dx, y + dy)] = cell
            x += width
    return {slot: cell for slot, cell in grid.items() if cell is not None}


def aria_grid(table) -> dict[tuple[int, int], Cell]:
    """The slots of an ARIA table: its rows (role=row, not those of a nested table) and their cells."""
    grid: dict[tuple[int, int], Cell] = {}
    rows = [r for r in table.iter() if r is not table and first_role(r) == "row" and owner(r) is table]
    for y, row in enumerate(rows):
        cells = [c for c in row.iter() if c is not row and first_role(c) in CELL_ROLES and owner_row(c) is row]
        for x, el in enumerate(cells):
            role = first_role(el)
            grid[(x, y)] = Cell(el, x, y, 1, 1, role in HEADER_ROLES,
                                {"columnheader": "col", "rowheader": "row"}.get(role, "auto"))
    return grid


def owner(el):
    """The closest ancestor that is a table (HTML or ARIA)."""
    node = el.getparent()
    while node is not None and not is_table(node):
        node = node.getparent()
    return node


def owner_row(el):
    node = el.getparent()
    while node is not None and first_role(node) != "row" and not is_table(node):
        node = node.getparent()
    return node


def is_table(el) -> bool:
    role = first_role(el)
    return role in DATA_TABLE_ROLES or (el.tag == "table" and not role)


def direction(cell: Cell, grid) -> str | None:
    """"col" for a column header, "row" for a row header, None for neither (HTML's auto state:
    a column header when its rows hold no data cell, else a row header when its columns hold none)."""
    if cell.scope != "auto":
        return cell.scope
    def data_in(slots):
        return any(not grid[s].header for s in slots if s in grid)
    width = max((x for x, _ in grid), default=0) + 1
    height = max((y for _, y in grid), default=0) + 1
    if not data_in((x, y) for y in range(cell.y, cell.y + cell.height) for x in range(width)):
        return "col"
    if not data_in((x, y) for x in range(cell.x, cell.x + cell.width) for y in range(height)):
        return "row"
    return None


def scan(grid, principal: Cell, x: int, y: int, dx: int, dy: int, found: set) -> None:
    """HTML's "internal algorithm for scanning and assigning header cells" from (x, y)."""
    opaque: list[Cell] = []
    in_block = principal.header
    block: list[Cell] = [principal] if principal.header else []
    while True:
        x, y = x + dx, y + dy
        if x < 0 or y < 0:
            return
        cell = grid.get((x, y))
        if cell is None:
            continue
        if cell.header:
            in_block = True
            block.append(cell)
            if dx == 0:
                blocked = any(o.x == cell.x and o.width == cell.width for o in opaque) or direction(cell, grid) != "col"
            else:
                blocked = any(o.y == cell.y and o.height == cell.height for o in opaque) or direction(cell, grid) != "row"
            if not blocked:
                found.add(cell)
        elif in_block:
            in_block = False
            opaque.extend(block)
            block = []


def assigned_headers(table, grid) -> set[Cell]:
    """Every header cell that some cell of the table is assigned to."""
    by_id = {cell.el.get("id"): cell for cell in grid.values() if cell.el.get("id")}
    assigned: set[Cell] = set()
    for cell in set(grid.values()):
        ids = (cell.el.get("headers") or "").split()
        if ids:
            assigned.update(by_id[i] for i in ids if i in by_id and by_id[i] is not cell)
            continue
        found: set[Cell] = set()
        for row in range(cell.y, cell.y + cell.height):
            scan(grid, cell, cell.x, row, -1, 0, found)
        for column in range(cell.x, cell.x + cell.width):
            scan(grid, cell, column, cell.y, 0, -1, found)
        assigned.update(found - {cell})
    return assigned


def shows_something(el) -> bool:
    return bool(visible_text(el).strip()) or any(True for _ in el.iter("img", "svg"))


@check()
def header_assigned_cells(doc, params, ctx):
    if doc.tree is None:
        return
    for table in doc.tree.iter():
        if not isinstance(table.tag, str) or not is_table(table) or not is_exposed(table):
            continue  # role=presentation/none or another role: not a table
        grid = html_grid(table) if table.tag == "table" else aria_grid(table)
        if len(grid) > params["max_cells"]:
            continue  # a huge table: the scan is quadratic, and such tables are generated anyway
        assigned = assigned_headers(table, grid)
        for cell in dict.fromkeys(grid.values()):
            if cell.header and cell not in assigned and is_exposed(cell.el) and shows_something(cell.el):
                yield Hit(element=cell.el, data={"text": visible_text(cell.el).strip()[:80]})
# ---- layout tables (RGAA 5.3, 5.8) ------------------------------------------------------------

PRESENTATION_ROLES = {"presentation", "none"}
LAYOUT_ATTRIBUTES = {"cellpadding", "cellspacing", "width", "bgcolor", "align", "background", "height"}
BLOCK_CONTENT = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "img", "blockquote"}


def data_table_markup(table) -> list[str]:
    """What marks a table as a data table (RGAA 5.8.1): summary, caption, th, thead, tfoot,
    header roles, and scope/headers/axis on cells."""
    found = []
    if (table.get("summary") or "").strip():
        found.append("summary")
    for el in own_elements(table):
        role = (el.get("role") or "").strip().lower()
        if el.tag in ("caption", "th", "thead", "tfoot"):
            found.append(f"<{el.tag}>")
        elif role in ("rowheader", "columnheader"):
            found.append(f'role="{role}"')
        elif el.tag == "td" and any(el.get(a) is not None for a in ("scope", "headers", "axis")):
            found.append(next(f"td[{a}]" for a in ("scope", "headers", "axis") if el.get(a) is not None))
    return list(dict.fromkeys(found))


def layout_signals(table) -> list[str]:
    """Why a table without data-table markup looks like layout."""
    rows = [r for r in own_elements(table, "tr")]
    cells = [[c for c in r if isinstance(c.tag, str) and c.tag in ("td", "th")] for r in rows]
    widest = max((len(r) for r in cells), default=0)
    signals = []
    if any(c.find(".//table") is not None for r in cells for c in r):
        signals.append("nested")
    if len(rows) <= 1 and widest <= 1:
        signals.append("single_cell")
    elif len(rows) <= 1 or widest <= 1:
        signals.append("single_row_or_column")
    if any(c.tag in BLOCK_CONTENT for r in cells for cell in r for c in cell.iter() if c is not cell):
        signals.append("blocks")
    if any(table.get(a) is not None for a in LAYOUT_ATTRIBUTES) or (table.get("border") or "").strip() == "0":
        signals.append("attributes")
    return signals


@check()
def layout_table(doc, params, ctx):
    if doc.tree is None:
        return
    for table in doc.tree.iter("table"):
        if not is_exposed(table) or not any(True for _ in own_elements(table, "td")):
            continue
        role = first_role(table)
        markup = data_table_markup(table)
        if role in PRESENTATION_ROLES:
            if markup:
                yield Hit(element=table, message_key="presentation_with_data", outcome=Outcome.FAIL,
                          snippet=start_tag(table), data={"markup": ", ".join(markup)})
            continue
        if role in DATA_TABLE_ROLES or markup or role:
            continue  # a declared data table, or a role of its own: other rules judge it
        signals = layout_signals(table)
        # Clear-cut: a table holding another table, or a single cell, is never a data table.
        clear = "nested" in signals or "single_cell" in signals
        yield Hit(element=table, message_key="layout" if signals else "unclear", snippet=start_tag(table),
                  outcome=Outcome.FAIL if clear else Outcome.REVIEW)
