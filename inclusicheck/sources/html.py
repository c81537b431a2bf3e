"""HTML bytes -> Document: a web page, or an e-mail template (see email.is_template), decoded
as browsers do (encoding.decode)."""
from __future__ import annotations

from ..document.dom import build_document
from ..model import Document
from .email import is_template
from .encoding import charset_of, decode


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    html = decode(data, charset_of(content_type))
    # local files only (a URL is a web page); globs match the path as the user gave it
    kind = "newsletter" if path and is_template(uri, html, options.newsletter_globs) else "page"
    doc = build_document(uri, html, kind=kind, path=path, ignore_selectors=options.ignore_selectors)
    if kind == "newsletter":
        doc.meta["email"] = {"format": "html-template", "subject": None, "has_text_part": None}
    return doc
