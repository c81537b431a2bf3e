"""Which documents are meant to be easy-to-read (FALC), and what the falc pack's findings weigh
elsewhere.

A town's ordinary page is not a FALC document: the falc rules still run on it and its metrics are
reported, but its findings are at most `info` and `review` (a hint, never a failure). On a FALC
document the configured severities apply. A document is FALC when (`designation`, the one
predicate):

- its path or URL matches a glob of the falc setting `documents` (`[falc] documents = ["falc/**"]`,
  also per file in `[[overrides]]`); `check --falc` sets it to `["*"]`: every target;
- its page says so: `<meta name="inclusicheck" content="falc">` (name and values in any case, several
  values separated by commas or spaces);
- it shows the European easy-to-read logo (an image whose alt text or file name names it) outside a
  link: a logo inside a link points to the easy-to-read version, it does not make this page one.

The report says it per document: metrics `falc.document` (true/false) and `falc.designated_by`.
"""
from __future__ import annotations

import re

from ..config import Config, matches_globs
from ..i18n import t
from ..model import Document, DocumentResult, Severity

PACK = "falc"
MARKER_NAME = "inclusicheck"
MARKER_VALUES = {"falc", "facile-a-lire", "facile-à-lire", "easy-to-read"}
EASY_TO_READ = re.compile(r"facile[\s_-]*[àa][\s_-]*lire|easy[\s_-]*to[\s_-]*read|(?<![a-z])falc(?![a-z])", re.I)


def designation(doc: Document, config: Config) -> str | None:
    """Why this document is meant to be easy-to-read ("documents", "meta", "logo"), or None."""
    if matches_globs(doc.uri, config.pack_settings(PACK, doc.uri).get("documents") or []):
        return "documents"
    if doc.tree is None:
        return None
    if any(_marks_falc(meta) for meta in doc.tree.iter("meta")):
        return "meta"
    if any(_is_logo(img) for img in doc.tree.iter("img")):
        return "logo"
    return None


def _marks_falc(meta) -> bool:
    if (meta.get("name") or "").strip().lower() != MARKER_NAME:
        return False
    return bool(MARKER_VALUES & set(re.split(r"[\s,;]+", (meta.get("content") or "").lower())))


def _is_logo(img) -> bool:
    """The easy-to-read logo, not inside a link (there it leads to the easy-to-read version)."""
    if any(a.tag in ("a", "button") for a in img.iterancestors()):
        return False
    file_name = (img.get("src") or "").split("?")[0].rsplit("/", 1)[-1]
    words = f"{img.get('alt') or ''} {img.get('title') or ''}"
    return bool(EASY_TO_READ.search(file_name)) or bool(EASY_TO_READ.search(words) and "logo" in words.lower())


def apply_designation(doc: Document, config: Config, result: DocumentResult, lang: str) -> None:
    """Report the designation; on an ordinary document, lower the falc findings to a hint."""
    why = designation(doc, config)
    result.metrics["falc.document"] = why is not None
    if why:
        result.metrics["falc.designated_by"] = why
        return
    note = t("falc.not_designated", lang)
    for finding in result.findings:
        if finding.pack == PACK:
            finding.to_review(note, Severity.INFO)
