"""BCP 47 language tags, checked against the IANA Language Subtag Registry that ships with the
`language-data` package. langcodes alone is lenient (it accepts `fr_FR`, and `br-gallo` because it
does not check variant prefixes), so the raw attribute is checked here, once, for every pack."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

GRANDFATHERED_RE = re.compile(r"^(i-[a-z]+|[a-z]{2,3}(-[a-z]{3,8}){1,2})$")


@dataclass(frozen=True)
class TagCheck:
    valid: bool
    problem: str | None = None  # a key: syntax, language, script, region, variant, prefix, deprecated
    detail: str = ""


@cache
def registry() -> dict[tuple[str, str], dict[str, list[str]]]:
    """(type, subtag lowercased) -> fields (Prefix, Preferred-Value, Deprecated...)."""
    text = (files("language_data") / "data" / "language-subtag-registry.txt").read_text(encoding="utf-8")
    entries: dict[tuple[str, str], dict[str, list[str]]] = {}
    for record in text.split("\n%%\n")[1:]:
        fields: dict[str, list[str]] = {}
        last = None
        for line in record.splitlines():
            if line.startswith("  ") and last:
                fields[last][-1] += " " + line.strip()
                continue
            key, _, value = line.partition(": ")
            fields.setdefault(key, []).append(value.strip())
            last = key
        kind = fields.get("Type", [""])[0]
        name = (fields.get("Subtag") or fields.get("Tag") or [""])[0].lower()
        entries[(kind, name)] = fields
    return entries


def registry_date() -> str:
    text = (files("language_data") / "data" / "language-subtag-registry.txt").read_text(encoding="utf-8")
    return text.split("\n", 1)[0].removeprefix("File-Date: ")


def check_tag(tag: str | None) -> TagCheck:
    """Is `tag` a valid BCP 47 tag, with registered subtags and variants after their prefix?"""
    if tag is None or not tag.strip():
        return TagCheck(False, "empty")
    tag = tag.strip()
    reg = registry()
    if ("grandfathered", tag.lower()) in reg or ("redundant", tag.lower()) in reg:
        return TagCheck(True)
    if not re.fullmatch(r"[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*", tag):
        return TagCheck(False, "syntax", tag)
    parts = tag.lower().split("-")
    language = parts[0]
    if language == "x":
        return TagCheck(True)  # private use only
    if not re.fullmatch(r"[a-z]{2,3}", language) or ("language", language) not in reg:
        if not (re.fullmatch(r"q[a-t][a-z]", language)):  # qaa..qtz: private use range
            return TagCheck(False, "language", parts[0])
    rest = parts[1:]
    if rest and re.fullmatch(r"[a-z]{3}", rest[0]) and ("extlang", rest[0]) in reg:
        rest = rest[1:]
    if rest and re.fullmatch(r"[a-z]{4}", rest[0]):
        if ("script", rest[0]) not in reg:
            return TagCheck(False, "script", rest[0])
        rest = rest[1:]
    if rest and re.fullmatch(r"[a-z]{2}|[0-9]{3}", rest[0]):
        if ("region", rest[0]) not in reg:
            return TagCheck(False, "region", rest[0])
        rest = rest[1:]
    seen_so_far = "-".join(parts[: len(parts) - len(rest)])
    while rest and re.fullmatch(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}", rest[0]):
        variant = rest[0]
        entry = reg.get(("variant", variant))
        if entry is None:
            return TagCheck(False, "variant", variant)
        prefixes = [p.lower() for p in entry.get("Prefix", [])]
        if prefixes and not any(seen_so_far == p or seen_so_far.startswith(p + "-") for p in prefixes):
            return TagCheck(False, "prefix", f"{variant}: {', '.join(entry['Prefix'])}")
        seen_so_far += "-" + variant
        rest = rest[1:]
    if rest and rest[0] != "x" and not re.fullmatch(r"[0-9a-wy-z]", rest[0]):
        return TagCheck(False, "syntax", rest[0])
    return TagCheck(True)


def primary(tag: str | None) -> str | None:
    return tag.strip().lower().split("-")[0] if tag and tag.strip() else None


def display_name(tag: str, lang: str) -> str:
    """The language's name in the message language ("la" -> "latin"), or the tag when unknown."""
    import langcodes  # here: its data tables cost 25 ms at start-up, a fully cached run never needs them
    try:
        return langcodes.Language.get(tag).display_name(lang)
    except (ValueError, LookupError):
        return tag


def is_french(tag: str | None) -> bool:
    """French proper: `fr`, `fr-FR`, `fr-CA`... but not `fr-gallo` or `fr-x-…` (other languages
    that borrow the fr prefix). Unknown (None) counts as French: the tool is for French content."""
    if tag is None or not tag.strip():
        return True
    parts = tag.strip().lower().replace("_", "-").split("-")
    if parts[0] != "fr":
        return False
    return all(re.fullmatch(r"[a-z]{2}|[0-9]{3}|[a-z]{4}", p) for p in parts[1:])
