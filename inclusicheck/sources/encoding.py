"""Bytes -> text, decoding the way browsers do (WHATWG): BOM, then the declared charset (HTTP
header, then <meta>), then UTF-8 if it decodes, else Windows-1252 — the usual encoding of old
municipal sites, often undeclared. Latin-1 labels mean Windows-1252, as in browsers. Shared by the
HTML, e-mail and text loaders."""
from __future__ import annotations

import codecs
import re

from .base import SourceError

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def charset_of(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def decode(data: bytes, declared: str | None = None) -> str:
    if not data.strip():
        raise SourceError("source.empty")
    if data.startswith(b"%PDF-"):
        raise SourceError("source.pdf")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        raise SourceError("source.binary")
    meta = META_CHARSET.search(data[:4096])
    for label in (declared, meta.group(1).decode("ascii", "ignore") if meta else None):
        encoding = _lookup(label)
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # declared wrongly (often "utf-8" on a Windows-1252 page): guess below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_cp1252(data)


def _lookup(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_cp1252(data: bytes) -> str:
    # The five bytes Windows-1252 leaves undefined map to C1 controls in browsers, as in Latin-1.
    return "".join(run.decode("latin-1") if run in UNDEFINED_CP1252 else run.decode("cp1252")
                   for run in re.split(rb"([\x81\x8d\x8f\x90\x9d])", data))


UNDEFINED_CP1252 = {b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"}
