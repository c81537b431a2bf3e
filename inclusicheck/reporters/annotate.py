"""The checked page, made safe and annotated, for the HTML report's preview frame.

Safety comes in layers: (1) this module keeps only inert markup: no script, no event handler, no
URL attribute (nothing loads from the network, no javascript: link), no <meta>/<base>/<link>,
style sheets without url()/@import; (2) the preview is an <iframe sandbox="allow-scripts"> without
allow-same-origin (an opaque origin: it cannot touch the report); (3) a Content-Security-Policy
with a per-report nonce lets only the report's own small script run.

Annotation: each finding's element gets a highlight class and a numbered marker button placed
before it (a text span is wrapped in <mark>); findings on things not shown (<html>, <title>, an
unknown element) get their marker in a banner at the top of the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..document.dom import parse

DROPPED_TAGS = {
    "script", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "link", "meta", "math", "noembed", "noframes", "xmp", "plaintext", "portal", "foreignobject",
    "audio", "video", "source", "track", "param", "slot",
}
KEPT_ATTRIBUTES = {
    "class", "id", "style", "lang", "dir", "alt", "title", "width", "height", "colspan", "rowspan",
    "headers", "scope", "role", "align", "valign", "bgcolor", "border", "cellpadding", "cellspacing",
    "color", "face", "size", "type", "value", "placeholder", "for", "checked", "selected", "disabled",
    "readonly", "label", "summary", "abbr", "start", "reversed", "span", "hidden", "open", "cols", "rows",
    "datetime", "translate", "viewbox", "d", "fill", "stroke", "stroke-width", "points", "x", "y", "cx",
    "cy", "r", "rx", "ry", "x1", "x2", "y1", "y2", "transform", "xmlns", "preserveaspectratio", "focusable",
}
CSS_LOADS = re.compile(r"url\s*\((?:\"[^\"]*\"|'[^']*'|[^)]*)\)|@import[^;]*;?", re.I)
CSS_URL = re.compile(r"url\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding", re.I)
HIDDEN_PLACES = {"html", "head", "title", "meta", "link", "base", "script", "style"}

FRAME_STYLE = """
.ic-hl{outline:3px solid #b00020 !important;outline-offset:2px}
.ic-hl.ic-warning{outline-color:#8a5a00 !important}.ic-hl.ic-info{outline-color:#1f5fa8 !important}
.ic-hl.ic-review{outline-style:dashed !important;outline-color:#6a1b9a !important}
mark.ic-hl{background:#ffe08a !important;color:#000 !important}
.ic-marker{all:initial;display:inline-block;font:bold 13px/20px sans-serif;min-width:20px;height:20px;
 padding:0 4px;margin:0 4px;border-radius:10px;background:#b00020;color:#fff;text-align:center;cursor:pointer;
 vertical-align:middle;box-shadow:0 0 0 2px #fff}
.ic-marker.ic-warning{background:#8a5a00}.ic-marker.ic-info{background:#1f5fa8}
.ic-marker.ic-review{background:#6a1b9a}
.ic-marker:focus{outline:3px solid #000;outline-offset:2px}
.ic-marker[hidden]{display:none}
.ic-banner{all:initial;display:block;font:14px/1.5 sans-serif;background:#fff8e1;color:#000;padding:6px 10px;
 border-bottom:2px solid #8a6d00}
img{min-width:16px;min-height:16px;background:#eee}
"""

FRAME_SCRIPT = """
addEventListener('message', function (e) {
  if (e.source !== parent || !e.data) return;
  var d = e.data;
  if (typeof d.show === 'string') {
    var m = document.getElementById(d.show);
    if (m) { m.scrollIntoView({block: 'center'}); m.focus(); }
  }
  if (Array.isArray(d.hidden)) {
    var hide = new Set(d.hidden);
    document.querySelectorAll('.ic-marker').forEach(function (m) { m.hidden = hide.has(m.dataset.finding); });
  }
});
document.addEventListener('click', function (e) {
  var m = e.target.closest ? e.target.closest('.ic-marker') : null;
  if (m) { e.preventDefault(); parent.postMessage({finding: m.dataset.finding}, '*'); }
});
"""


@dataclass
class Mark:
    """One finding to show: its number, ids, outcome, and where it is."""
    number: int
    finding_id: str  # id of the finding in the report (f-<doc>-<n>)
    marker_id: str   # id of the marker button in the frame (m-<doc>-<n>)
    review: bool
    severity: str    # error | warning | info
    label: str       # accessible name of the marker
    selector: str | None
    text: str | None  # the flagged characters, when the finding is a text span


def annotated_page(uri: str, source: str, marks: list[Mark], nonce: str, banner_label: str) -> str:
    """The page's HTML, sanitised, with the markers: the value of the preview frame's srcdoc."""
    tree = parse(source)
    ids = unique_ids(tree)
    page_level = []
    elements = [find(tree, ids, mark.selector) for mark in marks]  # all before a marker shifts the counts
    for mark, element in zip(marks, elements):
        if element is None or element.tag in HIDDEN_PLACES or not _in_body(element):
            page_level.append(mark)
        else:
            place(element, mark)
    sanitise(tree)
    body = tree.find("body")
    if body is None:
        body = etree.SubElement(tree, "body")
    if page_level:
        banner = lxml.html.Element("div", {"class": "ic-banner", "role": "note"})
        banner.text = banner_label + " "
        for mark in page_level:
            banner.append(marker(mark))
        body.insert(0, banner)
    head = tree.find("head")
    if head is None:
        head = etree.Element("head")
        tree.insert(0, head)
    csp = lxml.html.Element("meta", {"http-equiv": "Content-Security-Policy", "content": (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-{nonce}'; "
        "base-uri 'none'; form-action 'none'")})
    style = lxml.html.Element("style")
    style.text = FRAME_STYLE
    script = lxml.html.Element("script", {"nonce": nonce})
    script.text = FRAME_SCRIPT
    head.insert(0, csp)
    head.append(style)
    body.append(script)
    return "<!doctype html>\n" + lxml.html.tostring(tree, encoding="unicode", method="html")


def unique_ids(tree) -> dict[str, object]:
    """id -> element, for the ids that only one element has (the dom engine's selectors start there)."""
    seen: dict[str, list] = {}
    for el in tree.iter():
        if isinstance(el.tag, str) and el.get("id"):
            seen.setdefault(el.get("id"), []).append(el)
    return {i: els[0] for i, els in seen.items() if len(els) == 1}


STEP = re.compile(r"^([A-Za-z][\w-]*)(?::nth-of-type\((\d+)\))?$")


def find(tree, ids: dict, selector: str | None):
    """The element a finding's selector names. The dom engine's selectors (`#id > p:nth-of-type(2)`)
    are followed step by step: asking cssselect for thousands of them was most of the report's time."""
    if not selector:
        return None
    steps = selector.split(" > ")
    first = steps[0]
    element = ids.get(first[1:]) if first.startswith("#") else (tree if first == tree.tag else None)
    for step in steps[1:]:
        match = STEP.match(step)
        if element is None or match is None:
            element = None
            break
        same = [child for child in element if child.tag == match.group(1)]
        nth = int(match.group(2) or 1)
        element = same[nth - 1] if nth <= len(same) and (match.group(2) or len(same) == 1) else None
    if element is None:  # a selector from another engine (axe): ask cssselect
        try:
            found = tree.cssselect(selector)
        except Exception:  # noqa: BLE001 - any selector syntax we cannot read means "not placed"
            return None
        element = found[0] if found else None
    return element


def _in_body(element) -> bool:
    return any(a.tag == "body" for a in element.iterancestors())


def marker(mark: Mark):
    classes = "ic-marker ic-review" if mark.review else f"ic-marker ic-{mark.severity}"
    button = lxml.html.Element("button", {"type": "button", "class": classes, "id": mark.marker_id,
                                          "data-finding": mark.finding_id, "aria-label": mark.label})
    button.text = str(mark.number)
    return button


def place(element, mark: Mark) -> None:
    """Highlight the element (or the flagged text in it) and put the marker just before it."""
    kind = " ic-review" if mark.review else f" ic-{mark.severity}"
    target = wrap_text(element, mark.text, kind) if mark.text else None
    if target is None:
        element.set("class", (element.get("class", "") + " ic-hl" + kind).strip())
        target = element
    target.addprevious(marker(mark))


def wrap_text(element, text: str, kind: str):
    """Wrap the first occurrence of `text` inside one text node of `element` in a <mark>."""
    text = " ".join(text.split())
    if not text:
        return None
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        for attr in ("text", "tail"):
            if attr == "tail" and node is element:
                continue
            value = getattr(node, attr) or ""
            at = value.find(text)
            if at < 0:
                continue
            mark = lxml.html.Element("mark", {"class": "ic-hl" + kind})
            mark.text = value[at:at + len(text)]
            mark.tail = value[at + len(text):]
            setattr(node, attr, value[:at])
            if attr == "text":
                node.insert(0, mark)
            else:
                node.addnext(mark)
            return mark
    return None


def sanitise(root) -> None:
    """Keep only inert markup (see the module docstring). Works in place on an lxml tree."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
                _drop(el)  # comments and processing instructions: conditional comments can hold markup
            continue
        if el.tag.lower().split("}")[-1] in DROPPED_TAGS:
            _drop(el)
            continue
        for name in list(el.attrib):
            if not _kept(name, el.get(name)):
                del el.attrib[name]
        if el.tag == "style":
            el.text = _safe_css(el.text or "")
            for child in list(el):
                _drop(child)


def _kept(name: str, value: str) -> bool:
    name = name.lower()
    if name.startswith(("aria-", "data-")) and not name.startswith("data-ic"):
        return True
    if name not in KEPT_ATTRIBUTES:
        return False
    if name == "style":
        return not CSS_URL.search(value or "")
    return "javascript:" not in (value or "").lower().replace(" ", "")


def _safe_css(css: str) -> str:
    """A style sheet with nothing that loads or breaks out: url()/@import removed, and '<' escaped
    (CSS reads \\3c as '<', an HTML parser never sees a tag)."""
    css = CSS_LOADS.sub("none", css)
    css = CSS_URL.sub("invalid(", css)  # what is left of a construct the pattern above missed
    return css.replace("<", "\\3c ")


def _drop(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    parent.remove(node)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
