"""A small programmatic entry point: check HTML text or files from Python (tests, notebooks)."""
from __future__ import annotations

from pathlib import Path

from .config import Config, load_config
from .document.dom import build_document
from .engines import Engines
from .model import DocumentResult
from .runner import check_document, make_plan


class Checker:
    """Holds the config, the engines and the plan, so that many documents share them."""

    def __init__(self, config: Config | None = None, packs=None, rules=(), exclude=(), browser: bool = True,
                 lang: str = "fr", engines: Engines | None = None):
        """`engines` lets several checkers share started engines (one browser for many tests)."""
        self.config = config or load_config(cwd=Path("/"))
        self.engines = engines or Engines(self.config, {} if browser else {"browser": "--no-browser"})
        self.plan = make_plan(self.config, self.engines, packs, rules, exclude)
        self.lang = lang

    def check_html(self, html: str, uri: str = "inline.html", kind: str = "page", path: str | None = None
                   ) -> DocumentResult:
        doc = build_document(uri, html, kind=kind, path=path,
                             ignore_selectors=tuple(self.config.ignore_selectors))
        return check_document(doc, self.config, self.plan, self.engines, self.lang)

    def check_bytes(self, data: bytes, uri: str) -> DocumentResult:
        """Check a file's content as `load` would (the loader is chosen by the uri's suffix:
        .pdf, .eml, .html, .docx...; a .txt named like the `social` globs is read as posts)."""
        from .runner import load_options
        from .sources import file_loader
        options = load_options(self.config)
        doc = file_loader(uri, options)(data, uri, None, options, None)
        return check_document(doc, self.config, self.plan, self.engines, self.lang)

    def close(self):
        self.engines.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
