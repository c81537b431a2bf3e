"""Styles of the text blocks: computed by the browser when it runs, else a light static cascade.

    block_styles(doc, ctx) -> list aligned with doc.blocks: dict | None

Each dict has the keys of `Rendered.block_styles` (see the helper brief's browser contract):
"font-size" (px, float), "font-family", "font-style", "font-weight", "text-align",
"text-transform", "text-decoration-line", "hyphens", "color", "background-color", "line-height",
"display", "visibility", and "box" (None here: there is no layout without a browser).

The static cascade reads `<style>` sheets, local `<link rel="stylesheet">` files next to the page,
and `style` attributes; it orders declarations by !important, origin (inline), specificity and
source order, and inherits the inherited properties (fonts, alignment, transform, hyphens...).
It does not know: media queries other than print (rules in @media print are dropped, other
@media rules are kept), custom properties (`var()`), viewport units, `@import`, or any layout.
`element_style(doc, el)` gives the same dict for any element (inline <em>, <u>...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cssselect
import tinycss2
from lxml import etree

PROPERTIES = ("font-size", "font-family", "font-style", "font-weight", "text-align", "text-transform",
              "text-decoration-line", "hyphens", "color", "background-color", "line-height", "display",
              "visibility")
INHERITED = {"font-size", "font-family", "font-style", "font-weight", "text-align", "text-transform",
             "hyphens", "color", "line-height", "visibility"}
INITIAL = {
    "font-size": 16.0, "font-family": "serif", "font-style": "normal", "font-weight": "400",
    "text-align": "start", "text-transform": "none", "text-decoration-line": "none", "hyphens": "manual",
    "color": "rgb(0, 0, 0)", "background-color": "rgba(0, 0, 0, 0)", "line-height": "normal",
    "display": "inline", "visibility": "visible",
}
# The few user-agent defaults (HTML spec, "Rendering") the FALC typography rules depend on.
UA_SHEET = """
html, body, p, div, section, article, main, header, footer, nav, aside, ul, ol, li, dl, dt, dd,
h1, h2, h3, h4, h5, h6, table, form, fieldset, figure, figcaption, blockquote, address, pre,
details, summary, center, caption, legend { display: block }
li { display: list-item } table { display: table } tr { display: table-row }
td, th { display: table-cell } caption { text-align: center } th { font-weight: bold; text-align: center }
h1 { font-size: 2em; font-weight: bold } h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold } h4 { font-weight: bold }
h5 { font-size: 0.83em; font-weight: bold } h6 { font-size: 0.67em; font-weight: bold }
b, strong { font-weight: bold } small, sub, sup { font-size: smaller }
i, em, cite, var, dfn, address { font-style: italic }
u, ins, a[href] { text-decoration: underline } s, del, strike { text-decoration: line-through }
center { text-align: center } code, kbd, samp, pre, tt { font-family: monospace }
"""
FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
                 "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
LENGTH = re.compile(r"^(-?[\d.]+)(px|pt|pc|em|rem|%|in|cm|mm|q|ex|ch)?$", re.I)
UNIT_PX = {"px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}
MAX_SHEET_BYTES = 2 * 1024 * 1024
_translator = cssselect.HTMLTranslator()


@dataclass(frozen=True)
class Declaration:
    name: str
    value: str
    priority: tuple  # (important, inline, specificity, order): higher wins


def block_styles(doc, ctx=None) -> list[dict | None]:
    """Styles aligned with doc.blocks: the browser's computed styles when it runs, else ours;
    for an office document, what its format resolved (sources/office.py)."""
    if "block_styles" in doc.meta:
        return doc.meta["block_styles"]
    if ctx is not None and ctx.has("browser"):
        try:
            styles = getattr(ctx.browser, "block_styles", None)
        except Exception:  # the page did not render: the static cascade still answers
            styles = None
        if styles is not None and len(styles) == len(doc.blocks):
            return styles
    cascade = static_cascade(doc)
    return [cascade.style(b.element) if _styled(b.element) else None for b in doc.blocks]


def element_style(doc, el) -> dict | None:
    return static_cascade(doc).style(el) if _styled(el) else None


def static_cascade(doc) -> "StaticCascade":
    if "static_cascade" not in doc.meta:
        doc.meta["static_cascade"] = StaticCascade(doc)
    return doc.meta["static_cascade"]


def _styled(el) -> bool:
    """Elements that have a rendered style: in the body, not <title>/<head> content."""
    return el is not None and isinstance(getattr(el, "tag", None), str) and not any(
        a.tag == "head" for a in el.iterancestors()) and el.tag != "title"


class StaticCascade:
    def __init__(self, doc):
        self.root = doc.tree
        self.declared: dict = {}  # element -> {property: Declaration}
        self.computed: dict = {}
        if self.root is None:
            return
        order = 0
        sheets = [UA_SHEET] + list(_stylesheets(doc))
        for origin, css in enumerate(sheets):
            for selector, declarations in _rules(css):
                order += 1
                self._apply_selector(selector, declarations, origin > 0, order)
        for el in self.root.iter():
            if isinstance(el.tag, str) and el.get("style"):
                order += 1
                for name, value, important in _declarations(el.get("style")):
                    self._declare(el, name, value, (important, True, (0, 0, 0), order))

    def _apply_selector(self, selector: str, declarations, author: bool, order: int) -> None:
        try:
            parsed = cssselect.parse(selector)
        except cssselect.SelectorError:
            return
        for sel in parsed:
            if sel.pseudo_element:
                continue
            try:
                xpath = _translator.selector_to_xpath(sel)
                matched = self.root.xpath(xpath)
            except (cssselect.SelectorError, etree.XPathError, NotImplementedError):
                continue  # :hover, :focus and other dynamic states never match a static page
            spec = sel.specificity() if author else (-1, 0, 0)
            for el in matched:
                for name, value, important in declarations:
                    self._declare(el, name, value, (important and author, False, spec, order))

    def _declare(self, el, name: str, value: str, priority: tuple) -> None:
        for prop, val in _expand(name, value):
            current = self.declared.setdefault(el, {}).get(prop)
            if current is None or priority >= current.priority:
                self.declared[el][prop] = Declaration(prop, val, priority)

    def style(self, el) -> dict:
        if el in self.computed:
            return self.computed[el]
        parent = el.getparent()
        parent_style = self.style(parent) if parent is not None and isinstance(parent.tag, str) else None
        declared = self.declared.get(el, {})
        style: dict = {}
        for prop in PROPERTIES:
            decl = declared.get(prop)
            value = decl.value if decl else None
            if value == "inherit" or (value == "unset" and prop in INHERITED):
                style[prop] = parent_style[prop] if parent_style else INITIAL[prop]
                continue
            if value in ("initial", "unset", "revert"):
                style[prop] = INITIAL[prop]
                continue
            if value is None:
                inherited = parent_style is not None and prop in INHERITED
                style[prop] = parent_style[prop] if inherited else INITIAL[prop]
                continue
            if prop == "font-size":
                parent_px = parent_style["font-size"] if parent_style else 16.0
                root_px = self.style(self.root)["font-size"] if el is not self.root else 16.0
                style[prop] = font_size_px(value, parent_px, root_px)
            else:
                style[prop] = value.lower() if prop != "font-family" else value
        style["box"] = None
        self.computed[el] = style
        return style


def font_size_px(value: str, parent_px: float, root_px: float = 16.0) -> float:
    value = value.strip().lower()
    if value in FONT_KEYWORDS:
        return FONT_KEYWORDS[value]
    if value == "smaller":
        return round(parent_px / 1.2, 2)
    if value == "larger":
        return round(parent_px * 1.2, 2)
    m = LENGTH.match(value)
    if not m:
        return parent_px  # calc(), clamp(), var(), vw...: unknown, keep the inherited size
    number, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if unit in ("em",):
        return round(number * parent_px, 2)
    if unit == "rem":
        return round(number * root_px, 2)
    if unit == "%":
        return round(number * parent_px / 100, 2)
    if unit in ("ex", "ch"):
        return round(number * parent_px / 2, 2)
    return round(number * UNIT_PX[unit], 2)


def _expand(name: str, value: str):
    """Shorthands into the longhands we track."""
    value = value.strip()
    if "var(" in value:
        return  # unresolved custom property: better unknown than wrong
    if name in PROPERTIES:
        yield name, value
    elif name in ("-webkit-hyphens", "-ms-hyphens"):
        yield "hyphens", value
    elif name == "text-decoration":
        lines = [w for w in value.lower().split() if w in ("underline", "overline", "line-through", "none")]
        yield "text-decoration-line", " ".join(lines) or "none"
    elif name == "background" and re.match(r"^(#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+)$", value, re.I):
        yield "background-color", value
    elif name == "font":
        yield from _font_shorthand(value)


def _font_shorthand(value: str):
    m = re.search(r"(?:^|\s)((?:[\d.]+(?:px|pt|em|rem|%|pc|in|cm|mm))|xx-small|x-small|small|medium|large|"
                  r"x-large|xx-large|smaller|larger)(?:\s*/\s*(\S+))?\s+(.+)$", value, re.I)
    if not m:
        return
    before = value[:m.start(1)].lower().split()
    yield "font-size", m.group(1)
    yield "font-family", m.group(3)
    yield "font-style", next((w for w in before if w in ("italic", "oblique")), "normal")
    yield "font-weight", next((w for w in before if w in ("bold", "bolder", "lighter") or w.isdigit()), "400")
    if m.group(2):
        yield "line-height", m.group(2)


def _declarations(css: str):
    for decl in tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            yield decl.lower_name, tinycss2.serialize(decl.value).strip(), decl.important


def _rules(css: str, depth: int = 0):
    """(selector text, declarations) of every style rule, descending into @media (not print) and
    @supports."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).strip()
            decls = list(_declarations(rule.content))
            for selector in _split_selectors(selectors):
                yield selector, decls
        elif rule.type == "at-rule" and rule.content is not None and depth < 3:
            prelude = tinycss2.serialize(rule.prelude).lower()
            if rule.lower_at_keyword in ("media", "supports") and not (
                    "print" in prelude and "screen" not in prelude):
                yield from _rules(tinycss2.serialize(rule.content), depth + 1)


def _split_selectors(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "([" and 1 or (-1 if char in ")]" else 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def _stylesheets(doc):
    """CSS text of the page, in document order: <style> elements and local linked sheets."""
    base = Path(doc.path).parent if doc.path else None
    for el in doc.tree.iter("style", "link"):
        media = (el.get("media") or "all").lower()
        if "print" in media and "screen" not in media:
            continue
        if el.tag == "style":
            yield el.text or ""
        elif "stylesheet" in (el.get("rel") or "").lower().split() and base is not None:
            href = (el.get("href") or "").split("?")[0].split("#")[0]
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
                continue  # remote sheets are not fetched: nothing is downloaded to check a file
            path = (base / href.lstrip("/")).resolve() if not href.startswith("/") else None
            if path is not None and path.is_file() and path.stat().st_size <= MAX_SHEET_BYTES:
                yield path.read_text(encoding="utf-8", errors="replace")
