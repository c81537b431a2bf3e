"""Per-document result cache: a re-run on an unchanged site skips the engines and the checks.

The key of a document is a hash of everything its result depends on:
- the document (uri, kind, decoded text);
- what ran on it: the effective settings of every planned rule and pack for this document (after
  overrides), the message language;
- the code: a hash of inclusicheck's own files (checks and rules), and the installed packages with
  their versions (spaCy model, axe-selenium-python, language-id engines...), and the browser version.
Any change there gives a new key. An entry that cannot be read or does not match is ignored and
rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path

from .model import DocumentResult, Finding, Location, Occurrence, Outcome, Severity

FORMAT = "inclusicheck/cache/v3"  # a JSON header line, then the result as the JSON report nests it


def cache_folder(values: dict) -> Path | None:
    """The cache's folder for these configuration values; None when the cache is off (--no-cache)."""
    if values.get("cache") is not True:
        return None
    chosen = values.get("cache_dir")
    if chosen and isinstance(chosen, str):
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "inclusicheck"


@cache
def code_signature() -> str:
    """Our own code and rules, and every installed distribution's version."""
    digest = hashlib.sha256()
    package = os.path.dirname(__file__)
    for folder, subfolders, names in os.walk(package):  # os.walk: 3× faster than Path.rglob here
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(CODE_SUFFIXES):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, package).encode())
                with open(path, "rb") as file:
                    digest.update(file.read())
    for dist in installed_distributions():
        digest.update(dist.encode())
    return digest.hexdigest()


CODE_SUFFIXES = (".py", ".yml", ".yaml", ".json", ".txt", ".tsv")


@cache
def installed_distributions() -> list[str]:
    """Every installed distribution as its metadata folder's name ("spacy-3.8.2.dist-info"):
    name and version without reading each one's metadata (10× faster, read on every run)."""
    found = set()
    for entry in map(Path, sys.path):
        try:
            found.update(p.name for p in entry.iterdir() if p.suffix in (".dist-info", ".egg-info"))
        except OSError:  # not a folder (a zip, a missing path)
            continue
    return sorted(found)


def installed_version(project: str) -> str | None:
    """A distribution's version, from the names installed_distributions() reads anyway
    (importing importlib.metadata would add 15 ms to every run)."""
    wanted = re.sub(r"[-_.]+", "_", project).lower()
    for entry in installed_distributions():
        name, _, version = entry.rsplit(".", 1)[0].partition("-")
        if re.sub(r"[-_.]+", "_", name).lower() == wanted:
            return version.split("-")[0]  # egg-info: 1.0-py3.12
    return None


@cache
def browser_signature(remote: str | None = None) -> str:
    if remote:
        # a remote browser's version is known only once a session starts (after the cache is
        # consulted): the URL stands for it; after upgrading the Grid's browsers, run with --no-cache
        return f"remote:{remote}"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return "no-browser"
    try:
        return subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown-browser"


class ResultCache:
    def __init__(self, folder: Path, run_signature: str):
        self.folder = Path(folder)
        self.run_signature = run_signature
        self.hits = self.misses = 0
        self._settings: dict = {}  # settings text by the caller's memo key

    def settings_text(self, memo_key, settings) -> str:
        """The settings as key text, computed (by `settings()`) once per memo key: documents that
        the same [[overrides]] apply to share every setting."""
        if memo_key not in self._settings:
            self._settings[memo_key] = json.dumps(settings(), sort_keys=True, default=str)
        return self._settings[memo_key]

    def key(self, uri: str, kind: str, source: str, settings: str) -> str:
        digest = hashlib.sha256()
        for part in (self.run_signature, uri, kind, settings, source):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> DocumentResult | None:
        entry = read_entry(self._path(key), FORMAT, key)
        try:
            result = CachedResult(*entry) if entry is not None else None
        except (KeyError, TypeError, ValueError):
            result = None  # corrupt: ignored here, overwritten by put()
        if result is None:
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: DocumentResult) -> None:
        head = {"uri": result.uri, "kind": result.kind, "lang": result.lang, "status": result.status,
                "error": result.error, "tally": [[*k, n] for k, n in result.tally().items()]}
        write_entry(self._path(key), {"format": FORMAT, "key": key, **head}, result.to_json())


class CachedResult(DocumentResult):
    """A result read from the cache. Its header line holds what every run uses (identity, status,
    counts by pack, severity and outcome); the findings and metrics are decoded from the JSON text
    only when something reads them (a reporter that lists them, a --baseline). A cached run that
    writes the JSON report decodes nothing: it copies the text."""

    def __init__(self, head: dict, text: str):
        self.uri, self.kind, self.lang, self.status, self.error = (
            head["uri"], head["kind"], head["lang"], head["status"], head["error"])
        self._tally = {(pack, Severity(severity).value, Outcome(outcome).value, bool(known)): int(n)
                       for pack, severity, outcome, known, n in head["tally"]}
        self._text = text
        self._decoded: tuple[dict, list[Finding]] | None = None
        self.source = self.title = None

    def _decode(self) -> tuple[dict, list[Finding]]:
        if self._decoded is None:
            data = json.loads(self._text)
            self._decoded = data["metrics"], [finding_from_dict(f) for f in data["findings"]]
        return self._decoded

    @property
    def metrics(self) -> dict:
        return self._decode()[0]

    @property
    def findings(self) -> list[Finding]:
        return self._decode()[1]

    def tally(self) -> dict[tuple[str, str, str, bool], int]:
        return dict(self._tally) if self._decoded is None else super().tally()

    def to_json(self) -> str:
        if self._decoded is None or not any(f.baselined for f in self.findings):
            return self._text
        return super().to_json()


def finding_from_dict(f: dict) -> Finding:
    return Finding(rule=f["rule"], pack=f["pack"], severity=Severity(f["severity"]), outcome=Outcome(f["outcome"]),
                   message=f["message"], location=Location(**f["location"]), snippet=f["snippet"],
                   suggestion=f["suggestion"], references=f["references"], fingerprint=f["fingerprint"],
                   span=tuple(f["span"]) if f.get("span") else None,
                   occurrences=[Occurrence(location=Location(**o["location"]), text=o["text"],
                                           span=tuple(o["span"]) if o.get("span") else None)
                                for o in f.get("occurrences") or []])


def read_entry(path: Path, format: str, key: str) -> tuple[dict, str] | None:
    """A cache file's header and body: None when it is missing, unreadable, of another format or
    key, or when the body is not the one written (its digest is in the header): a body that is
    copied into reports without being decoded must be checked this way."""
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        head = json.loads(head)
        if head.get("format") != format or head.get("key") != key:
            return None
        return (head, body) if head.get("sha256") == hashlib.sha256(body.encode("utf-8")).hexdigest() else None
    except (OSError, ValueError, AttributeError):
        return None


def write_entry(path: Path, head: dict, body: str) -> None:
    """A JSON header line (with `format`, `key`, and the body's digest), then the body; written
    atomically (a reader never sees half an entry). A read-only or full disk only costs speed."""
    head = {**head, "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(head, ensure_ascii=False) + "\n" + body, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
