"""Links of the `wcag` pack (RGAA 6.1, 13.3, ACT b20e66): link texts that say nothing, links to
documents without format and size, links with the same name going to different places."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from ...document.dom import BLOCK_TAGS, SKIPPED_TAGS, is_hidden, normalise, visible_text
from .. import Hit, check
from .elements import accessible_name, is_exposed

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
