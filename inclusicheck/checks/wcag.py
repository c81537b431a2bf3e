"""Static accessibility checks of the `wcag` pack: what can be decided from the DOM alone,
especially for French content, and what axe-core does not check."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..document.dom import BLOCK_TAGS, CODE_TAGS, SKIPPED_TAGS, is_hidden, normalise, visible_text
from ..engines.langid import is_regional
from ..language.tags import check_tag, display_name, is_french
from ..model import Location, Outcome, Severity
from . import Hit, check
from .stopwords import WORDS, guess_by_stopwords, without_names

TAG_PROBLEMS = {
    "syntax": {"fr": "syntaxe incorrecte", "en": "bad syntax"},
    "language": {"fr": "langue inconnue du registre IANA", "en": "language not in the IANA registry"},
    "script": {"fr": "écriture inconnue", "en": "unknown script"},
    "region": {"fr": "région inconnue", "en": "unknown region"},
    "variant": {"fr": "variante inconnue", "en": "unknown variant"},
    "prefix": {"fr": "variante employée avec un mauvais préfixe", "en": "variant used with the wrong prefix"},
    "empty": {"fr": "rien que des espaces", "en": "only spaces"},
}


def tag_problem(result, lang: str) -> str:
    text = TAG_PROBLEMS.get(result.problem, {}).get(lang, result.problem or "")
    return f"{text} : {result.detail}" if lang == "fr" and result.detail else (
        f"{text}: {result.detail}" if result.detail else text)


def suggest_tag(value: str) -> str | None:
    """A likely correct tag for common mistakes: fr_FR -> fr-FR, br-gallo -> fr-gallo."""
    fixed = value.strip().replace("_", "-")
    if "gallo" in fixed.lower().split("-"):
        return "fr-gallo"
    return fixed if fixed != value and check_tag(fixed).valid else None


def act_for_tag(value: str, act_id: str) -> dict[str, list[str]]:
    """ACT's lang rules (bf051a, de46e4) judge only the primary language subtag: "en-US-GB" passes
    them. A tag invalid further on is still reported (BCP 47, RGAA 8.4/8.8) but not mapped to ACT."""
    first = value.strip().split("-")[0]
    primary_valid = bool(re.fullmatch(r"[A-Za-z]{2,3}", first)) and check_tag(first).valid
    return {"act": [] if primary_valid else [act_id]}


@check()
def html_lang(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    value = root.get("lang")
    if value is None:
        value = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    # Each finding names only the ACT rule it answers: b5c3f8 (lang present) or bf051a (valid).
    if value is None:
        yield Hit(element=root, suggestion='lang="fr"', snippet=_start_tag(root), references={"act": ["b5c3f8"]})
    elif not value.strip():
        yield Hit(element=root, message_key="empty", suggestion='lang="fr"', snippet=_start_tag(root),
                  references={"act": ["b5c3f8"]})
    else:
        result = check_tag(value)
        if not result.valid:
            fixed = suggest_tag(value)
            yield Hit(element=root, message_key="invalid", snippet=_start_tag(root),
                      data={"lang": value, "problem": tag_problem(result, ctx.lang)},
                      suggestion=f'lang="{fixed}"' if fixed else None, references=act_for_tag(value, "bf051a"))


def _start_tag(el) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


@check()
def page_title(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    titles = [t for t in root.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())]
    if not titles:
        head = root.find("head")
        yield Hit(element=head if head is not None else root, snippet="<head>…</head>")
    elif not titles[0].text_content().strip():
        yield Hit(element=titles[0], message_key="empty")


# Classes that hide text visually but leave it to screen readers (Bootstrap, DSFR, WordPress...).
SR_ONLY = re.compile(r"(^|\s)(sr-only|fr-sr-only|visually-hidden|visuallyhidden|screen-reader-text|"
                     r"element-invisible|hidden-accessible|offscreen|a11y-hidden|u-visually-hidden)(\s|$)")
PUNCTUATION = re.compile(r"[\s.…:;,!?«»\"“”()\[\]>›→»←‹<|*-]+")


def normalise_link_text(text: str) -> str:
    return PUNCTUATION.sub(" ", text.replace("’", "'").lower()).strip()


def shown_text(el) -> str:
    """The link text a sighted reader sees: visible text without visually-hidden parts."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not SR_ONLY.search(child.get("class") or ""):
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def accessible_name(el) -> str:
    """aria-labelledby, then aria-label, then content (hidden text and image alts included).
    `title` is deliberately ignored: it is not reliably read."""
    labelledby = (el.get("aria-labelledby") or "").split()
    if labelledby:
        root = el.getroottree().getroot()
        names = []
        for ref in labelledby:
            found = root.xpath("//*[@id=$i]", i=ref)
            if found:
                names.append(el.text_content() if found[0] is el else visible_text(found[0]))
        if any(n.strip() for n in names):
            return " ".join(names)
    label = (el.get("aria-label") or "").strip()
    if label:
        return label
    return name_from_content(el)


def name_from_content(el) -> str:
    """The text of an element and its descendants as an accessible name: image alternatives
    included, parts hidden from everyone (hidden, display:none, aria-hidden) left out."""
    parts: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return
        if (node.get(ARIA_HIDDEN) or "").strip().lower() == "true":
            return
        if node.tag in ("img", "area") or (node.tag == "input" and (node.get("type") or "").lower() == "image"):
            parts.append(node.get("aria-label") or node.get("alt") or "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
    walk(el)
    return normalise(" ".join(parts))


@check()
def link_text(doc, params, ctx):
    if doc.tree is None:
        return
    generic = {normalise_link_text(g) for g in params["generic"]}
    for link in doc.tree.iter("a"):
        if link.get("href") is None:
            continue
        text = shown_text(link)
        if normalise_link_text(text) not in generic:
            continue
        if normalise_link_text(accessible_name(link)) in generic:
            yield Hit(element=link, data={"text": text})


# ---- helpers shared by the static rules below -------------------------------------------------

ARIA_HIDDEN = "aria-hidden"


def is_exposed(el) -> bool:
    """Not hidden from everyone (hidden attribute, display:none, aria-hidden) by itself or an ancestor."""
    node = el
    while node is not None and isinstance(node.tag, str):
        if is_hidden(node) or (node.get(ARIA_HIDDEN) or "").strip().lower() == "true":
            return False
        node = node.getparent()
    return True


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


# ---- links to documents: format and size (RGAA 6.1, 13.3) -------------------------------------

SIZE = re.compile(
    r"(?<![\w.,])\d+(?:[.,\s]\d+)*\s?(?:[kKmMgGtT]i?[oObB]|[kKmMgGtT]?octets?|[kKmMgGtT]?bytes?|Ko|Mo|Go|o)\b")


def has_size(text: str) -> bool:
    """A file size in French or English units: 250 Ko, 1,2 Mo, 3 Go, 512 octets, 2.5 MB, 800 kB, 1 MiB."""
    return bool(SIZE.search(text))


def format_pattern(names) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                      + r")(?![\w-])", re.I)


MIME_EXTENSIONS = {
    "application/pdf": "pdf", "application/msword": "doc", "application/rtf": "rtf", "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp", "application/zip": "zip",
    "application/epub+zip": "epub",
}


def document_extension(href: str, extensions, mime: str | None = None) -> str | None:
    """The document type a link points to: the end of the URL's path (query and fragment ignored),
    or else its `type` attribute (`/telecharger?id=42` with type="application/pdf")."""
    path = urlsplit(href.strip()).path.rstrip("/")
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if ext not in extensions:
        ext = MIME_EXTENSIONS.get((mime or "").split(";")[0].strip().lower(), "")
    return ext if ext in extensions else None


def link_contexts(link) -> str:
    """The text next to a link in its block (paragraph, list item, cell...): what follows it up to
    the next link, plus, for the first link of the block, what precedes it. "A (PDF, 1 Mo) et B"
    gives A the format and size, not B."""
    block = link.getparent()
    while block is not None and block.tag not in BLOCK_TAGS:
        block = block.getparent()
    if block is None:
        return ""
    texts: dict = {None: []}
    owner = [None]

    def add(text):
        texts.setdefault(owner[0], []).append(text or "")

    def walk(node):
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return
        if node.tag in ("a", "area") and node.get("href") is not None:
            owner[0] = node
            texts.setdefault(node, [])
            return
        add(node.text)
        for child in node:
            walk(child)
            add(child.tail)
    walk(block)
    first = next((k for k in texts if k is not None), None)
    around = texts.get(link, []) + (texts[None] if link is first else [])
    return normalise(" ".join(around))


# A title that repeats the address (« title="https://…/r19-5551.pdf" », as some CMSes write) does
# not tell the format: « .pdf » at the end of a URL is not read as « (PDF) ».
LINK_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


@check()
def document_link(doc, params, ctx):
    if doc.tree is None:
        return
    extensions = {e.lower() for e in params["extensions"]}
    formats = format_pattern([*extensions, *params["format_names"]])
    for link in doc.tree.iter("a", "area"):
        href = link.get("href")
        ext = document_extension(href, extensions, link.get("type")) if href else None
        if not ext or not is_exposed(link):
            continue
        said = " ".join([shown_text(link), accessible_name(link), LINK_URL.sub(" ", link.get("title") or ""),
                         link_contexts(link)[: params["context_chars"]]])
        missing_format, missing_size = not formats.search(said), not has_size(said)
        if missing_format or missing_size:
            key = "both" if missing_format and missing_size else ("format" if missing_format else "size")
            yield Hit(element=link, message_key=key,
                      data={"text": shown_text(link) or accessible_name(link), "format": ext.upper()})


# ---- links with the same name going to different places (RGAA 6.1, ACT b20e66) ----------------

def normalise_url(href: str, base: str = "") -> str:
    """The destination of a link, for comparison: resolved against the page, without the fragment,
    with the scheme and host lowercased, default ports and a trailing slash removed."""
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), parts.netloc.lower()
    if (scheme, host.rsplit(":", 1)[-1]) in {("http", "80"), ("https", "443")}:
        host = host.rsplit(":", 1)[0]
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((scheme, host, path, parts.query, ""))


def link_targets(doc):
    """(link, accessible name, normalised destination) for every exposed link with a real href."""
    base_el = doc.tree.find(".//base[@href]")
    base = urljoin(doc.uri, base_el.get("href")) if base_el is not None else doc.uri
    for link in doc.tree.iter("a", "area"):
        href = link.get("href")
        if href is None or href.strip().lower().startswith(("javascript:", "data:")) or not is_exposed(link):
            continue
        name = normalise(accessible_name(link) or link.get("alt") or "")
        if name:
            yield link, name, normalise_url(href, base)


@check()
def link_same_name(doc, params, ctx):
    if doc.tree is None:
        return
    groups: dict[str, list] = {}
    for link, name, url in link_targets(doc):
        groups.setdefault(name.casefold(), []).append((link, name, url))
    for links in groups.values():
        destinations = list(dict.fromkeys(url for _, _, url in links))
        if len(destinations) > 1:
            first, name, _ = links[0]
            yield Hit(element=first, data={"text": name, "count": len(links), "destinations": len(destinations)})


# ---- lang attributes on any element (RGAA 8.8, ACT de46e4) ------------------------------------

def has_own_text(el) -> bool:
    """Does the element carry exposed text (or an image alt) whose language it sets? Text under a
    descendant with its own lang belongs to that descendant (ACT de46e4 applicability)."""
    def walk(node) -> bool:
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return False
        if node is not el and (node.get("lang") is not None or node.get(XML_LANG) is not None):
            return False
        if node.tag in ("img", "area", "input") and (node.get("alt") or "").strip():
            return True
        if (node.text or "").strip() or (node.get("aria-label") or "").strip():
            return True
        return any(walk(child) or (child.tail or "").strip() for child in node)
    return is_exposed(el) and walk(el)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@check()
def element_lang(doc, params, ctx):
    if doc.tree is None:
        return
    body = doc.tree.find("body")
    if body is None:
        return
    for el in body.iter():  # <html> is wcag.html-lang's; <head> is not read aloud
        if not isinstance(el.tag, str):
            continue
        for attr in ("lang", XML_LANG):
            value = el.get(attr)
            if value is None or value == "" or not has_own_text(el):
                continue  # lang="" means "unknown language": allowed (whitespace only is not)
            result = check_tag(value)
            if result.valid:
                continue
            fixed = suggest_tag(value)
            yield Hit(element=el, message_key="invalid", references=act_for_tag(value, "de46e4"),
                      data={"lang": value, "attribute": "xml:lang" if attr == XML_LANG else "lang",
                            "problem": tag_problem(result, ctx.lang)},
                      suggestion=f'lang="{fixed}"' if fixed else None)


# ---- doctype (RGAA 8.1) -----------------------------------------------------------------------

DOCTYPE = re.compile(r"<!doctype\s+([^>]*)>", re.I)
LEADING = re.compile(r"^(?:\ufeff|\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
VALID_DOCTYPE = re.compile(
    r"^html(?:\s+(?:system\s+[\"']about:legacy-compat[\"']"
    r"|public\s+[\"']-//W3C//DTD\s+(?:X?HTML)[^\"']*[\"'](?:\s+[\"'][^\"']*[\"'])?))?\s*$", re.I)


@check()
def doctype(doc, params, ctx):
    source = doc.source or ""
    if doc.tree is None or not source.strip():
        return
    match = DOCTYPE.search(source)
    if match is None:
        yield Hit(element=doc.tree, snippet=_start_tag(doc.tree), suggestion="<!DOCTYPE html>")
        return
    snippet = match.group(0)
    if match.start() != LEADING.match(source).end():
        yield Hit(element=doc.tree, message_key="misplaced", snippet=snippet,
                  location=Location(line=source.count("\n", 0, match.start()) + 1))
    elif not VALID_DOCTYPE.match(match.group(1).strip()):
        yield Hit(element=doc.tree, message_key="invalid", snippet=snippet, data={"doctype": snippet},
                  location=Location(line=source.count("\n", 0, match.start()) + 1),
                  suggestion="<!DOCTYPE html>")


# ---- headings (RGAA 9.1) ----------------------------------------------------------------------

HEADING_TAGS = {f"h{i}" for i in range(1, 7)}


def first_role(el) -> str:
    """The role an assistive technology uses: the first token of `role` ("" when none)."""
    role = (el.get("role") or "").strip().lower().split()
    return role[0] if role else ""


def heading_level(el) -> int | None:
    """The level an assistive technology announces: <hN> (unless its role says otherwise) or
    role="heading", with aria-level winning when it is a positive integer (ARIA default: 2)."""
    role = first_role(el)
    if el.tag in HEADING_TAGS and role and role != "heading":
        return None
    if el.tag not in HEADING_TAGS and role != "heading":
        return None
    level = (el.get("aria-level") or "").strip()
    if level.isdigit() and int(level) > 0:
        return int(level)
    return int(el.tag[1]) if el.tag in HEADING_TAGS else 2


def headings(doc):
    """(element, level) for every exposed heading, in document order."""
    for el in doc.tree.iter():
        if isinstance(el.tag, str):
            level = heading_level(el)
            if level is not None and is_exposed(el):
                yield el, level


def heading_jumps(levels: list[int]) -> list[tuple[int, int, int]]:
    """(index, previous level, level) where a heading goes down more than one level (h2 -> h4)."""
    return [(i, levels[i - 1], levels[i]) for i in range(1, len(levels)) if levels[i] > levels[i - 1] + 1]


@check()
def heading_jump(doc, params, ctx):
    if doc.tree is None:
        return
    found = list(headings(doc))
    for i, previous, level in heading_jumps([lvl for _, lvl in found]):
        yield Hit(element=found[i][0], data={"level": level, "previous": previous,
                                             "text": visible_text(found[i][0])[:80]})


@check()
def heading_h1(doc, params, ctx):
    if doc.tree is None:
        return
    found = list(headings(doc))
    if found:
        if not any(level == 1 for _, level in found):
            yield Hit(element=found[0][0], data={"level": found[0][1], "text": visible_text(found[0][0])[:80]})
        return
    if doc.meta.get("email", {}).get("has_html_part") is False:
        return  # a plain-text e-mail cannot have headings
    words = sum(len(b.text.split()) for b in doc.blocks if b.kind not in ("title", "alt", "subject"))
    if words >= params["min_words"]:
        body = doc.tree.find("body")
        yield Hit(element=body if body is not None else doc.tree, message_key="no_headings",
                  data={"words": words}, snippet="<body>…</body>")


# ---- layout tables (RGAA 5.3, 5.8) ------------------------------------------------------------

DATA_TABLE_ROLES = {"table", "grid", "treegrid"}
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
                          snippet=_start_tag(table), data={"markup": ", ".join(markup)})
            continue
        if role in DATA_TABLE_ROLES or markup or role:
            continue  # a declared data table, or a role of its own: other rules judge it
        signals = layout_signals(table)
        # Clear-cut: a table holding another table, or a single cell, is never a data table.
        clear = "nested" in signals or "single_cell" in signals
        yield Hit(element=table, message_key="layout" if signals else "unclear", snippet=_start_tag(table),
                  outcome=Outcome.FAIL if clear else Outcome.REVIEW)


# ---- language of parts (RGAA 8.7, WCAG 3.1.2) -------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
LANGUAGE_NAMES = {
    "fr": ("français", "French"), "en": ("anglais", "English"), "de": ("allemand", "German"),
    "es": ("espagnol", "Spanish"), "it": ("italien", "Italian"), "br": ("breton", "Breton"),
    "oc": ("occitan", "Occitan"), "eu": ("basque", "Basque"), "ca": ("catalan", "Catalan"),
    "co": ("corse", "Corsican"), "gsw": ("alsacien", "Alsatian"), "pt": ("portugais", "Portuguese"),
    "nl": ("néerlandais", "Dutch"), "fr-gallo": ("gallo", "Gallo"), "pcd": ("picard", "Picard"),
}


def language_key(tag: str | None) -> str | None:
    """What makes two tags the same language: French proper is one language ('fr', 'fr-FR'...);
    otherwise the primary subtag plus any variant ('fr-gallo' is not French, 'br-FR' is Breton)."""
    if tag is None or not tag.strip():
        return None
    if is_french(tag):
        return "fr"
    parts = tag.strip().lower().replace("_", "-").split("-")
    variants = [p for p in parts[1:] if re.fullmatch(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}", p)]
    return "-".join([parts[0], *variants])


def language_name(tag: str | None, lang: str) -> str:
    names = LANGUAGE_NAMES.get(language_key(tag) or "")
    if names:
        return names[0 if lang == "fr" else 1]
    return display_name(tag, lang) if tag else ("langue régionale" if lang == "fr" else "regional language")


def unmarked_sentences(block):
    """(start, end) of each sentence of a block, leaving out the parts inside an element with
    its own lang (block.lang_spans)."""
    covered = [False] * len(block.text)
    for start, end, _ in block.lang_spans:
        covered[start:end] = [True] * (end - start)
    start = 0
    for match in [*SENTENCE_END.finditer(block.text), None]:
        end = match.start() if match else len(block.text)
        if end > start and covered[start:end].count(True) * 2 < end - start:
            yield start, end
        start = match.end() if match else end


def lang_change_candidates(doc):
    """Blocks whose text can be judged: not code, not inside an element hidden from everyone."""
    for block in doc.blocks:
        el = block.element
        if el is None or block.kind == "title":
            continue
        if any(a.tag in CODE_TAGS for a in [el, *el.iterancestors()] if isinstance(a.tag, str)):
            continue
        expected = block.lang or doc.lang
        if language_key(expected) is not None:
            yield block, expected


def _guesses_from_langid(ctx, block, min_confidence):
    for start, end, guess in ctx.langid.segments(block):
        if guess is None or guess.confidence < min_confidence:
            continue
        if guess.tag is None and not guess.regional:
            continue
        yield start, end, guess.tag


def _guesses_from_stopwords(block, profiles, min_ratio, decided=()):
    """Stop-word guesses for the sentences the language identifier left undecided (too short for
    its confidence, or no identifier at all)."""
    for start, end in unmarked_sentences(block):
        if any(s < end and start < e for s, e, _ in decided):
            continue
        tag = guess_by_stopwords(block.text[start:end], profiles, min_ratio)
        if tag:
            yield start, end, tag


def guesses(block, params, profiles, ctx):
    """(start, end, tag) of the passages whose language is known: the identifier's confident
    sentences first, then the stop-word profiles for the rest."""
    decided = list(_guesses_from_langid(ctx, block, params["min_confidence"])) if ctx.has("langid") else []
    return decided + list(_guesses_from_stopwords(block, profiles, params["min_stopword_ratio"], decided))


@check()
def lang_change(doc, params, ctx):
    """Passages in another language without a lang. When most of the page's words are in one other
    language, the page's own lang is wrong: one finding on <html> instead of one per passage."""
    if doc.tree is None:
        return
    hits, page_words, foreign = [], 0, Counter()
    for block, expected, tag, span in _foreign_passages(doc, params, ctx):
        if span is None:
            page_words += len(WORDS.findall(block.text)) if language_key(expected) == language_key(doc.lang) else 0
            continue
        start, end = span
        if language_key(expected) == language_key(doc.lang):
            foreign[tag] += len(WORDS.findall(block.text[start:end]))
        hits.append(Hit(block=block, span=span, message_key="default" if tag else "regional",
                        data={"language": language_name(tag, ctx.lang), "expected": language_name(expected, ctx.lang)},
                        suggestion=f'lang="{tag}"' if tag else None))
    main = foreign.most_common(1)
    if main and main[0][0] and page_words and main[0][1] > params["page_share"] * page_words:
        tag = main[0][0]
        yield Hit(element=doc.tree, message_key="page", snippet=_start_tag(doc.tree), suggestion=f'lang="{tag}"',
                  data={"language": language_name(tag, ctx.lang), "expected": language_name(doc.lang, ctx.lang)})
        hits = [h for h in hits if language_key(h.block.lang or doc.lang) != language_key(doc.lang)]
    yield from hits


def _foreign_passages(doc, params, ctx):
    """(block, expected lang, guessed tag, span) for each passage in another language; and
    (block, expected, None, None) once per judged block, to count the page's words."""
    profiles = {lang: {w.lower() for w in words} for lang, words in params["stopwords"].items()}
    leave_to_regional = "regional.missing-lang" in getattr(ctx, "enabled_rules", ())
    for block, expected in lang_change_candidates(doc):
        if len(WORDS.findall(block.text)) < params["min_words"]:
            continue
        yield block, expected, None, None
        for start, end, tag in guesses(block, params, profiles, ctx):
            passage = block.text[start:end]
            if language_key(tag) == language_key(expected) or _mostly_marked(block, start, end):
                continue
            if leave_to_regional and (tag is None or is_regional(tag)):
                continue  # regional.missing-lang reports it, with the regional tag to use
            if len(without_names(passage)) < params["min_words"]:
                continue  # short, or mostly proper names
            if is_placeholder(passage, params["placeholder_words"]):
                continue  # "Lorem ipsum": filler text, not a passage in Latin to mark
            yield block, expected, tag, (start, end)


def is_placeholder(passage: str, filler_words) -> bool:
    """Lorem ipsum (pseudo-Latin filler of design mock-ups): a quarter of its words, three distinct
    at least, are of the filler's own vocabulary, which real Latin rarely uses together."""
    words = [w.lower() for w in WORDS.findall(passage)]
    filler_words = set(filler_words)
    filler = [w for w in words if w in filler_words]
    return len(set(filler)) >= 3 and len(filler) * 4 >= len(words)


def _mostly_marked(block, start, end) -> bool:
    marked = sum(max(0, min(end, e) - max(start, s)) for s, e, _ in block.lang_spans)
    return marked * 2 >= end - start


# ---- images whose alt is a file name (RGAA 1.3, ACT qt1vmo) -----------------------------------

FILE_NAME_ALT = re.compile(
    r"(\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)$)"
    r"|^(img|dsc|dscn|dscf|pict|gopr|mvimg|pxl|screenshot|capture|image|photo)[\s_-]?\d{2,}\w*$", re.I)


@check()
def alt_filename(doc, params, ctx):
    if doc.tree is None:
        return
    for el in doc.tree.iter("img", "area", "input"):
        if el.tag == "input" and (el.get("type") or "").lower() != "image":
            continue
        alt = (el.get("alt") or "").strip()
        if alt and FILE_NAME_ALT.search(alt) and is_exposed(el):
            yield Hit(element=el, data={"alt": alt})


# ---- fields labelled only by a placeholder (RGAA 11.1) ----------------------------------------

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "reset", "button", "image", "checkbox", "radio", "range", "color",
                          "file"}


def has_label(field, root) -> bool:
    """RGAA 11.1.1: aria-labelledby, aria-label, a <label> (for= or wrapping), or title."""
    if any((field.get(a) or "").strip() for a in ("aria-label", "title")):
        return True
    ids = (field.get("aria-labelledby") or "").split()
    if any(visible_text(el).strip() for i in ids for el in root.xpath("//*[@id=$i]", i=i)):
        return True
    if any(a.tag == "label" for a in field.iterancestors()):
        return True
    field_id = field.get("id")
    return bool(field_id) and any(visible_text(label).strip()
                                  for label in root.xpath("//label[@for=$i]", i=field_id))


@check()
def placeholder_label(doc, params, ctx):
    if doc.tree is None:
        return
    for field in doc.tree.iter("input", "textarea"):
        if field.tag == "input" and (field.get("type") or "text").strip().lower() in UNLABELLED_INPUT_TYPES:
            continue
        placeholder = (field.get("placeholder") or "").strip()
        if placeholder and is_exposed(field) and not has_label(field, doc.tree):
            yield Hit(element=field, data={"placeholder": placeholder})


# ---- presentational tags and attributes (RGAA 10.1.1, 10.1.2) ---------------------------------

@check()
def presentation_markup(doc, params, ctx):
    """One finding per presentational tag or attribute name, on its first use, with the count."""
    if doc.tree is None:
        return
    tags, attributes = set(params["tags"]), set(params["attributes"])
    sized = {"width": set(params["width_height_allowed_on"]), "height": set(params["width_height_allowed_on"]),
             "size": set(params["size_allowed_on"])}
    found: dict[tuple[str, str], list] = {}
    for el in doc.tree.iter():
        if not isinstance(el.tag, str) or any(a.tag in ("svg", "math") for a in el.iterancestors()):
            continue
        if el.tag in tags:
            found.setdefault(("tag", el.tag), []).append(el)
        for attr in el.attrib:
            if attr in attributes or (attr in sized and el.tag not in sized[attr]):
                found.setdefault(("attribute", attr), []).append(el)
    for (kind, name), elements in found.items():
        # Attributes are a review at info level: e-mail templates saved as .html still need them.
        yield Hit(element=elements[0], message_key=kind, data={"name": name, "count": len(elements)},
                  snippet=_start_tag(elements[0]),
                  outcome=Outcome.REVIEW if kind == "attribute" else None,
                  severity=Severity.INFO if kind == "attribute" else None)


# ---- dir values (RGAA 8.10.2) -----------------------------------------------------------------

@check()
def dir_valid(doc, params, ctx):
    if doc.tree is None:
        return
    for el in doc.tree.iter():
        if isinstance(el.tag, str) and el.get("dir") is not None:
            if el.get("dir").strip().lower() not in ("ltr", "rtl", "auto"):
                yield Hit(element=el, data={"dir": el.get("dir")}, snippet=_start_tag(el))
