"""Targets -> Documents. `discover` expands what the user named (files, folders, URLs, `-`) into
Targets; `load` reads one Target into a Document, or raises SourceError with a clear message.
Loaders are chosen by file suffix (files) or content type (URLs): one table, loaders.LOADERS.
The types every loader shares (Target, LoadOptions, SourceError) are in base.py, which the
loaders import instead of this package: no loader imports its caller.
"""
from __future__ import annotations

import fnmatch
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Document
from .base import LoadOptions, SourceError, Target, check_size
from .loaders import FOLDER_SUFFIXES, file_loader, is_posts_name, social_loader, stdin_loader


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
        loader = social_loader if options.kind == "social" else stdin_loader(data)
        return loader()(data, "stdin", None, options, None)
    if target.data is not None:
        from . import web
        return web.load_response(target.data, target.uri, target.content_type or "", options)
    if target.path is None:
        from . import web
        return web.load_url(target.uri, options)
    return load_file(target.path, options)


def read_stdin(options: LoadOptions) -> bytes:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    check_size(len(data), options)
    return data


def load_file(path: Path, options: LoadOptions, data: bytes | None = None) -> Document:
    """A local file as a Document (`data`: its bytes, when already read)."""
    if data is None:
        data = read_file(path, options)
    return file_loader(str(path), options)(data, str(path), str(path.resolve()), options, None)


def read_file(path: Path, options: LoadOptions) -> bytes:
    if not path.exists():
        raise SourceError("source.missing", path=str(path))
    try:
        size = path.stat().st_size
        check_size(size, options)
        return path.read_bytes()
    except OSError as exc:
        raise SourceError("source.unreadable", reason=exc.strerror or str(exc)) from None
