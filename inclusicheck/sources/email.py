""".eml messages and HTML e-mail templates -> Document of kind "newsletter".

An .eml file is parsed with the standard library (`email`, policy.default), which decodes
quoted-printable, base64, RFC 2047 headers and charsets. The HTML part is the document (one
parse, document/dom.build_document); the subject becomes a block of kind "subject" so every pack
reads it; the facts the newsletter pack needs go to `doc.meta["email"]`.

An `.html` file is an e-mail template (not a page) when its path matches the `newsletters`
globs of the config, or when it carries the markers e-mail tools put in templates (see
`looks_like_email`).
"""
from __future__ import annotations

import email
import email.policy
import fnmatch
import hashlib
import html as html_lib
import re
from email.message import EmailMessage

from ..document.dom import build_document, normalise
from ..model import Block, Document
from .base import SourceError
from .encoding import decode

# Markers that only e-mail templates carry (Outlook conditional comments, Apple Mail and
# newsletter tool placeholders); a page is never built this way.
EMAIL_MARKERS = re.compile(
    r"<!--\[if [^\]]*mso|x-apple-disable-message-reformatting|\{\{\s*unsubscribe|\*\|UNSUB\|\*|"
    r"\[\[?UNSUBSCRIBE|%%unsubscribe%%|urn:schemas-microsoft-com:office:office", re.I)


UNSUBSCRIBE_LINK = re.compile(r"<a\b[^>]*>[^<]*(?:d[ée]sinscri|d[ée]sabonn|unsubscribe)|"
                              r"<a\b[^>]*href=[\"'][^\"']*(?:desinscri|desabonn|unsubscribe)", re.I)


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    if not data.strip():
        raise SourceError("source.empty")
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 — the email package rarely raises, but be safe
        raise SourceError("email.unreadable", reason=exc) from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise SourceError("email.unreadable", reason="no headers")
    subject = _header(message, "Subject")
    html_part = message.get_body(preferencelist=("html",))
    text_part = message.get_body(preferencelist=("plain",))
    html_text = _content(html_part)
    plain_text = _content(text_part)
    if html_text is None and plain_text is None:
        raise SourceError("email.unreadable", reason="no text/html or text/plain part")
    if html_text is None:
        html_text = _text_as_html(plain_text or "", subject)
    content_lang = _header(message, "Content-Language") or (
        _header(html_part, "Content-Language") if html_part is not None else None)
    doc = build_document(uri, html_text, kind="newsletter", path=None,
                         ignore_selectors=options.ignore_selectors)
    doc.meta["email"] = {
        "format": "eml",
        "subject": subject,
        "from": _header(message, "From"),
        "content_language": content_lang,
        "has_html_part": html_part is not None,
        "has_text_part": text_part is not None and bool((plain_text or "").strip()),
        "text_words": len((plain_text or "").split()),
        "inline_images": _inline_images(message),
    }
    doc.meta["content_digest"] = hashlib.sha256(data).hexdigest()  # for the result cache
    if doc.lang is None and content_lang:
        doc.lang = content_lang.split(",")[0].strip()
    add_subject(doc, subject, content_lang)
    return doc


def add_subject(doc: Document, subject: str | None, content_lang: str | None = None) -> None:
    """The subject is read first in an inbox: a block of its own, before the title."""
    if subject:
        lang = doc.lang or (content_lang.split(",")[0].strip() if content_lang else None)
        doc.blocks.insert(0, Block(text=normalise(subject), kind="subject", lang=lang))


def _header(message, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 — malformed header: treat as absent
        return None
    return normalise(str(value)) if value is not None else None


def _content(part) -> str | None:
    """The decoded text of a MIME part: transfer encoding and charset (with a cp1252 fallback
    for mislabelled or unlabelled 8-bit mail)."""
    if part is None:
        return None
    raw = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if part.get_content_type() == "text/html":
        return decode(raw, charset) if raw.strip() else ""
    for encoding in (charset, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def _inline_images(message) -> list[dict]:
    images = []
    for part in message.walk():
        if part.get_content_maintype() == "image":
            images.append({"cid": (part.get("Content-ID") or "").strip("<> ") or None,
                           "type": part.get_content_type(), "bytes": len(part.get_payload(decode=True) or b"")})
    return images


def _text_as_html(text: str, subject: str | None) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "".join(f"<p>{html_lib.escape(p.strip())}</p>" for p in paragraphs)
    title = f"<title>{html_lib.escape(subject)}</title>" if subject else ""
    return f"<html><head>{title}</head><body>{body}</body></html>"


def is_template(path: str | None, html: str, globs) -> bool:
    """Is this .html file an e-mail template? By the config's globs first, else by markers."""
    if path and any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(path, f"*/{g}") for g in globs):
        return True
    return looks_like_email(html)


def looks_like_email(html: str) -> bool:
    head = html[:200_000]
    if EMAIL_MARKERS.search(head):
        return True
    # A layout of tables, an unsubscribe link, and none of what pages have and mails cannot
    # (landmarks, scripts, forms): a newsletter.
    lowered = head.lower()
    return (lowered.count("<table") >= 2 and UNSUBSCRIBE_LINK.search(head) is not None
            and not re.search(r"<(main|nav|script|form)\b", lowered))
