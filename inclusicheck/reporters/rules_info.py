"""What reporters say about a rule besides its findings: title, explanation, links. Read from the
registry the CLI passes as the `registry` option; a reporter without one still works (the rule id
stands in for the title, references give the links)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..packs.references import reference_url

STANDARD_ORDER = ("wcag", "rgaa", "act")


@dataclass
class RuleInfo:
    id: str
    pack: str
    title: str
    description: str
    severity: str | None
    references: dict[str, list[str]]

    @property
    def help_uri(self) -> str | None:
        """The most useful page for this rule: the W3C Understanding page, else RGAA, else ACT."""
        return next((u for _, _, u in reference_links(self.references) if u), None)


def rule_info(registry, rule_id: str, lang: str, references: dict | None = None) -> RuleInfo:
    rule = registry.get(rule_id) if registry is not None else None
    if rule is None:
        return RuleInfo(rule_id, rule_id.partition(".")[0], rule_id, "", None, references or {})
    return RuleInfo(rule.id, rule.pack, rule.title.get(lang) or rule.title["fr"],
                    (rule.description.get(lang) or rule.description.get("fr") or "").strip(),
                    rule.severity.value, rule.references)


def reference_links(references: dict[str, list[str]], lang: str = "fr") -> list[tuple[str, str, str | None]]:
    """(label, ref, url) for every reference, WCAG then RGAA then ACT then the others."""
    order = [s for s in STANDARD_ORDER if s in references] + sorted(set(references) - set(STANDARD_ORDER))
    return [(standard_label(s, lang), ref, reference_url(s, ref))
            for s in order for ref in references.get(s) or []]


def standard_label(standard: str, lang: str) -> str:
    # a standard the catalogue does not name is shown as the rule file writes it
    return i18n.t(f"standard.{standard}", lang) if i18n.has(f"standard.{standard}") else standard


def relative_uri(uri: str) -> tuple[str, bool]:
    """A document URI as reports should show it: URLs unchanged, local paths relative to the
    current folder when inside it (CI tools such as GitHub code scanning need repository-relative
    paths). Returns (uri, is_local_file)."""
    if "://" in uri or uri == "stdin":
        return uri, False
    path = Path(uri)
    try:
        path = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    return path.as_posix(), True
