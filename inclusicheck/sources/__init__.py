"""Targets -> Documents. `discover` expands what the user named (files, folders, URLs, `-`) into
Targets; `load` reads one Target into a Document, or raises SourceError with a clear message.
Loaders are chosen by file suffix (files) or content type (URLs): one table, LOADERS.
"""
from __future__ import annotations

import fnmatch
import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..i18n import LocalisedError
from ..model import Document


class SourceError(LocalisedError):
    """A target that cannot be read: reported as that document's error, the run goes on."""


@dataclass(frozen=True)
class Target:
    uri: str
    path: Path | None = None  # local file; None for URLs and stdin
    # Set by the crawler, which had to fetch (and so loaded) the page to find its links:
    document: Document | None = field(default=None, compare=False, repr=False)
    error: SourceError | None = field(default=None, compare=False, repr=False)
    # Content already read (the crawler's response body, stdin): what a worker process loads from,
    # since a Document (lxml tree) cannot be sent to another process.
    data: bytes | None = field(default=None, compare=False, repr=False)
    content_type: str | None = field(default=None, compare=False, repr=False)

    def portable(self) -> "Target":
        """This target without its loaded Document, to be loaded again in another process."""
        if self.document is None or self.data is None:
            return self
        return Target(self.uri, self.path, data=self.data, content_type=self.content_type)


@dataclass(frozen=True)
class LoadOptions:
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 30.0
    ignore_selectors: tuple[str, ...] = ()
    user_agent: str = "inclusicheck/0.1 (+https://github.com/inclusicheck/inclusicheck)"
    newsletter_globs: tuple[str, ...] = ()  # .html files that are e-mail templates
    social_globs: tuple[str, ...] = ()  # .txt files that are social posts
    kind: str = ""  # --kind: "social" reads every text as posts; "": by suffix and globs


def _lazy(module: str, name: str = "load_bytes") -> Callable[[], Callable]:
    """A loader imported on first use (a run of HTML pages never imports the PDF or Word readers)."""
    return lambda: getattr(importlib.import_module(f"{__name__}.{module}"), name)


_html_loader, _pdf_loader, _email_loader = _lazy("html"), _lazy("pdf"), _lazy("email")
_text_loader, _markdown_loader = _lazy("text", "load_text"), _lazy("text", "load_markdown")
_docx_loader, _odt_loader = _lazy("docx"), _lazy("odt")
_social_loader = _lazy("social")


# suffix -> function(data: bytes, uri, path, options, content_type) -> Document
LOADERS: dict[str, Callable[[], Callable]] = {
    ".html": _html_loader, ".htm": _html_loader, ".pdf": _pdf_loader, ".eml": _email_loader,
    ".txt": _text_loader, ".md": _markdown_loader, ".markdown": _markdown_loader,
    ".docx": _docx_loader, ".docm": _docx_loader, ".odt": _odt_loader,
    ".json": _social_loader, ".csv": _social_loader}  # a JSON/CSV export of social posts
# .txt and .md are read when named, not in folders: a site's folder holds robots.txt and READMEs
FOLDER_SUFFIXES = (".html", ".htm", ".pdf", ".eml", ".docx", ".docm", ".odt")


def loader_for(uri: str) -> Callable:
    """The loader for a file name or URL path, by suffix (HTML when unknown)."""
    suffix = Path(uri.split("?")[0]).suffix.lower()
    return LOADERS.get(suffix, _html_loader)()


def discover(targets: Iterable[str], exclude: Iterable[str] = (), posts: Iterable[str] = ()) -> Iterator[Target]:
    """Files, folders (their pages, PDFs, e-mails and office documents), URLs and `-` as Targets.
    `posts`: globs of the files a folder holds that are social posts (config `social_posts`)."""
    exclude, posts = list(exclude), list(posts)
    for target in targets:
        if target == "-":
            yield Target("stdin")
        elif target.startswith(("http://", "https://")):
            yield Target(target)
        else:
            path = Path(target)
            if path.is_dir():
                for file in sorted(path.rglob("*")):
                    rel = file.relative_to(path)
                    if (file.is_file() and (file.suffix.lower() in FOLDER_SUFFIXES
                                            or is_posts_name(str(file), posts))
                            and not any(part.startswith(".") for part in rel.parts)
                            and not any(fnmatch.fnmatch(str(file), pat) for pat in exclude)):
                        yield Target(str(file), file)
            else:
                yield Target(str(path), path)


def load(target: Target, options: LoadOptions) -> Document:
    if target.error is not None:
        raise target.error
    if target.document is not None:
        return target.document
    if target.uri == "stdin":
        data = read_stdin(options) if target.data is None else target.data
        loader = _social_loader if options.kind == "social" else stdin_loader(data)
        return loader()(data, "stdin", None, options, None)
    if target.data is not None:
        from . import web
        return web.load_response(target.data, target.uri, target.content_type or "", options)
    if target.path is None:
        from . import web
        return web.load_url(target.uri, options)
    return load_file(target.path, options)


def stdin_loader(data: bytes) -> Callable[[], Callable]:
    """stdin is a PDF, an office document, an HTML page, or else a typed text."""
    if data.startswith(b"%PDF-"):
        return _pdf_loader
    if data.startswith(b"PK"):
        return _odt_loader if data[30:38] == b"mimetype" and b"opendocument.text" in data[:100] else _docx_loader
    from .text import looks_like_html
    return _html_loader if looks_like_html(data) else _text_loader


def read_stdin(options: LoadOptions) -> bytes:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    _check_size(len(data), options)
    return data


def load_file(path: Path, options: LoadOptions, data: bytes | None = None) -> Document:
    """A local file as a Document (`data`: its bytes, when already read)."""
    if data is None:
        data = read_file(path, options)
    return file_loader(str(path), options)(data, str(path), str(path.resolve()), options, None)


def file_loader(uri: str, options: LoadOptions) -> Callable:
    """The loader for a local file: by suffix, except texts that are social posts."""
    return _social_loader() if is_social_text(uri, options) else loader_for(uri)


def is_social_text(uri: str, options: LoadOptions) -> bool:
    """A text read as social posts: --kind social, or a name matching the `social` globs."""
    if Path(uri).suffix.lower() not in (".txt", "") and uri != "stdin":
        return False
    return options.kind == "social" or is_posts_name(uri, options.social_globs)


def is_posts_name(uri: str, globs: Iterable[str]) -> bool:
    """Does the file's name (not its folders: "posts/" holds other files) match a `social_posts` glob?"""
    return any(fnmatch.fnmatch(Path(uri).name.lower(), glob) for glob in globs)


def read_file(path: Path, options: LoadOptions) -> bytes:
    if not path.exists():
        raise SourceError("source.missing", path=str(path))
    try:
        size = path.stat().st_size
        _check_size(size, options)
        return path.read_bytes()
    except OSError as exc:
        raise SourceError("source.unreadable", reason=exc.strerror or str(exc)) from None


def _check_size(size: int, options: LoadOptions) -> None:
    if size > options.max_bytes:
        raise SourceError("source.too_large", size=size, limit=options.max_bytes)
