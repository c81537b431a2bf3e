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
import shutil
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path

from .model import DocumentResult, Finding, Location, Outcome, Severity

FORMAT = "inclusicheck/cache/v2"  # a JSON header line, then the result as the JSON report writes it


def default_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "inclusicheck"


@cache
def code_signature() -> str:
    """Our own code and rules, and every installed distribution's version."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml", ".yaml", ".json", ".txt", ".tsv") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    for dist in installed_distributions():
        digest.update(dist.encode())
    return digest.hexdigest()


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
        try:
            header, _, text = self._path(key).read_text(encoding="utf-8").partition("\n")
            header = json.loads(header)
            if header.get("format") != FORMAT or header.get("key") != key:
                raise ValueError("stale or foreign entry")
            result = from_dict(json.loads(text))
            result.json_text = text
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1  # corrupt: ignored here, overwritten by put()
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: DocumentResult) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "key": key}) + "\n" + document_json(result), encoding="utf-8")
            tmp.replace(path)  # atomic: a reader never sees half an entry
        except OSError:
            pass  # a read-only or full disk only costs speed


def document_json(result: DocumentResult) -> str:
    """One document as the JSON report writes it (reporters/json.py nests it, indented)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def from_dict(data: dict) -> DocumentResult:
    findings = [Finding(rule=f["rule"], pack=f["pack"], severity=Severity(f["severity"]), outcome=Outcome(f["outcome"]),
                        message=f["message"], location=Location(**f["location"]), snippet=f["snippet"],
                        suggestion=f["suggestion"], references=f["references"], fingerprint=f["fingerprint"],
                        span=tuple(f["span"]) if f.get("span") else None)
                for f in data["findings"]]
    return DocumentResult(uri=data["uri"], kind=data["kind"], lang=data["lang"], status=data["status"],
                          error=data["error"], metrics=data["metrics"], findings=findings)
