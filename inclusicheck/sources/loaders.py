"""Which loader reads a file, a URL's body or stdin: one table, LOADERS, by suffix; each loader
module is imported on first use."""
from __future__ import annotations

import fnmatch
import importlib
from pathlib import Path
from typing import Callable, Iterable

from .base import LoadOptions


def _lazy(module: str, name: str = "load_bytes") -> Callable[[], Callable]:
    """A loader imported on first use (a run of HTML pages never imports the PDF or Word readers)."""
    return lambda: getattr(importlib.import_module(f"{__package__}.{module}"), name)


html_loader, pdf_loader, email_loader = _lazy("html"), _lazy("pdf"), _lazy("email")
text_loader, markdown_loader = _lazy("text", "load_text"), _lazy("text", "load_markdown")
docx_loader, odt_loader = _lazy("docx"), _lazy("odt")
social_loader = _lazy("social")


# suffix -> function(data: bytes, uri, path, options, content_type) -> Document
LOADERS: dict[str, Callable[[], Callable]] = {
    ".html": html_loader, ".htm": html_loader, ".pdf": pdf_loader, ".eml": email_loader,
    ".txt": text_loader, ".md": markdown_loader, ".markdown": markdown_loader,
    ".docx": docx_loader, ".docm": docx_loader, ".odt": odt_loader,
    ".json": social_loader, ".csv": social_loader}  # a JSON/CSV export of social posts
# .txt and .md are read when named, not in folders: a site's folder holds robots.txt and READMEs
FOLDER_SUFFIXES = (".html", ".htm", ".pdf", ".eml", ".docx", ".docm", ".odt")


def loader_for(uri: str) -> Callable:
    """The loader for a file name or URL path, by suffix (HTML when unknown)."""
    suffix = Path(uri.split("?")[0]).suffix.lower()
    return LOADERS.get(suffix, html_loader)()


def stdin_loader(data: bytes) -> Callable[[], Callable]:
    """stdin is a PDF, an office document, an HTML page, or else a typed text."""
    if data.startswith(b"%PDF-"):
        return pdf_loader
    if data.startswith(b"PK"):
        return odt_loader if data[30:38] == b"mimetype" and b"opendocument.text" in data[:100] else docx_loader
    from .text import looks_like_html
    return html_loader if looks_like_html(data) else text_loader


def file_loader(uri: str, options: LoadOptions) -> Callable:
    """The loader for a local file: by suffix, except texts that are social posts."""
    return social_loader() if is_social_text(uri, options) else loader_for(uri)


def is_social_text(uri: str, options: LoadOptions) -> bool:
    """A text read as social posts: --kind social, or a name matching the `social` globs."""
    if Path(uri).suffix.lower() not in (".txt", "") and uri != "stdin":
        return False
    return options.kind == "social" or is_posts_name(uri, options.social_globs)


def is_posts_name(uri: str, globs: Iterable[str]) -> bool:
    """Does the file's name (not its folders: "posts/" holds other files) match a `social_posts` glob?"""
    return any(fnmatch.fnmatch(Path(uri).name.lower(), glob) for glob in globs)
