"""Engines: the analyses shared by every rule (NLP, browser + axe, language identification).

Each engine is built at most once per run, and only when an enabled rule needs it; each document
is analysed at most once per engine (Context caches it). An engine module defines a class with:

    name: str
    def __init__(self, config)
    def unavailable(self) -> str | None     # why it cannot run here (then its rules are skipped)
    def versions(self) -> dict[str, str]    # goes to tool.engines in the report
    def analyse(self, doc)                  # the per-document result checks read
    def close(self)

Also here, not an engine class: `pdfprint`, Chromium's print engine turning a report page into a
PDF (`report import --pdf`), with the browser engine's flags.
"""
from __future__ import annotations

import importlib
import threading
from typing import Any

from ..extras import ENGINE_EXTRAS, missing_reason
from ..i18n import LocalisedError
from ..model import Document


class EngineError(LocalisedError):
    """An engine could not analyse this document (the document gets status error, once)."""

# Texts whose analysis an engine keeps (nlp, langid): a site repeats its menus, footers and
# teasers on every page, and an analysis depends on the text alone.
MEMO_SIZE = 2_000

ENGINE_CLASSES = {
    "nlp": "inclusicheck.engines.nlp:NlpEngine",
    "browser": "inclusicheck.engines.browser:BrowserEngine",
    "langid": "inclusicheck.engines.langid:LangIdEngine",
}


class Engines:
    def __init__(self, config, disabled: dict[str, str] | None = None):
        self.config = config
        self.disabled = dict(disabled or {})  # name -> reason (e.g. --no-browser)
        self._engines: dict[str, Any] = {}
        self._lock = threading.Lock()  # documents may be checked in threads (--jobs)

    def unavailable(self, name: str) -> str | None:
        if name in self.disabled:
            return self.disabled[name]
        try:
            return self.get(name).unavailable()
        except ImportError as exc:  # a package of its extra is missing (a base install)
            extra = ENGINE_EXTRAS.get(name)
            return (extra and missing_reason(extra, self.config.values.get("lang", "fr"))) or f"{name}: {exc}"

    def get(self, name: str):
        with self._lock:
            if name not in self._engines:
                module_name, _, cls = ENGINE_CLASSES[name].partition(":")
                self._engines[name] = getattr(importlib.import_module(module_name), cls)(self.config)
            return self._engines[name]

    def prepare(self, rules) -> None:
        """Tell the started engines which rules run (the browser runs only the enabled axe rules)."""
        for engine in list(self._engines.values()):
            if hasattr(engine, "prepare"):
                engine.prepare(rules)

    def versions(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for engine in self._engines.values():
            if engine.unavailable() is None:
                found.update(engine.versions())
        return found

    def release(self) -> None:
        """Free what the started engines hold (browsers, models) but keep what they found out
        (availability, versions): the parent of --jobs worker processes checks no document."""
        for engine in self._engines.values():
            engine.close()

    def abort(self) -> None:
        """Stop now (the worker process is being stopped): browsers are killed, not asked to quit."""
        for engine in self._engines.values():
            getattr(engine, "abort", engine.close)()

    def close(self) -> None:
        for engine in self._engines.values():
            engine.close()
        self._engines.clear()


class Context:
    """What checks of one document can read: the engines' analyses (computed once, on first use),
    the pack settings for this document, and a `metrics` dict that checks may fill."""

    def __init__(self, doc: Document, engines: Engines, config, lang: str = "fr"):
        self.doc = doc
        self.engines = engines
        self.config = config
        self.lang = lang
        self.metrics: dict[str, Any] = {}
        self._analyses: dict[str, Any] = {}
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute):
        """A value several checks of this document derive the same way (e.g. the French text the
        falc rules read): computed by the first check that asks, then reused."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]

    def analysis(self, name: str):
        if name not in self._analyses:
            try:
                self._analyses[name] = self.engines.get(name).analyse(self.doc)
            except Exception as exc:  # remembered: the next rules must not analyse (or time out) again
                self._analyses[name] = exc
        found = self._analyses[name]
        if isinstance(found, Exception):
            raise found
        return found

    def analysed(self, name: str):
        """The engine's analysis if a check already asked for it (and it worked), else None."""
        found = self._analyses.get(name)
        return None if isinstance(found, Exception) else found

    @property
    def nlp(self):
        return self.analysis("nlp")

    @property
    def browser(self):
        return self.analysis("browser")

    @property
    def langid(self):
        return self.analysis("langid")

    def has(self, name: str) -> bool:
        """Is this engine usable in this run? (lets a check use it when there, and do without)"""
        return self.engines.unavailable(name) is None

    def settings(self, pack: str) -> dict[str, Any]:
        return self.config.pack_settings(pack, self.doc.uri)
