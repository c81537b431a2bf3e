"""regional checks on marking: a regional passage without its `lang`, a `lang` that the text
contradicts, and the usual wrong tags for regional languages."""
from __future__ import annotations

from ...engines.langid import CREOLES, GERMANIC, is_regional
from ...language.tags import check_tag, is_french, primary, registry
from ...model import Outcome
from .. import Hit, check
from .passages import language_name, passages, same_language, span_of

# Languages the engines confuse with each other: a declaration inside the group is not contradicted.
CONFUSABLE = [CREOLES | {"gcf", "rcf"}, GERMANIC | {"gsw"}, {"oc", "ca", "frp"}, {"pcd", "wa", "fr"}]


def _confusable(a: str, b: str) -> bool:
    a, b = primary(a), primary(b)
    return any(a in group and b in group for group in CONFUSABLE)


@check(needs={"langid"})
def missing_lang(doc, params, ctx):
    """A passage detected in a regional language while the lang in force says French (or nothing)."""
    for passage in passages(doc, ctx):
        guess = passage.guess
        if guess is None or not guess.regional or guess.confidence < params["min_confidence"]:
            continue
        if passage.words < params["min_words"] or not is_french(passage.declared):
            continue
        name = language_name(guess.tag, ctx.lang)
        sure = guess.tag is not None and guess.confidence >= params["fail_confidence"]
        suggestion = f'lang="{guess.tag}"' if guess.tag else None
        yield Hit(block=passage.block, span=span_of(passage), data={"language": name},
                  message_key="default" if guess.tag else "unidentified", suggestion=suggestion,
                  outcome=None if sure else Outcome.REVIEW)


@check(needs={"langid"})
def lang_mismatch(doc, params, ctx):
    """A passage marked with one language and detected, with confidence, as another (lang="br" on
    Brazilian Portuguese)."""
    for passage in passages(doc, ctx):
        guess, declared = passage.guess, passage.declared
        if guess is None or guess.tag is None or not declared or is_french(declared):
            continue  # French declared over regional text is regional.missing-lang
        if not (is_regional(declared) or guess.regional) or passage.words < params["min_words"]:
            continue
        if guess.confidence < params["min_confidence"] or same_language(declared, guess.tag):
            continue
        if _confusable(declared, guess.tag) or not check_tag(declared).valid:
            continue  # close languages the engines mix up; invalid tags are regional.tag-mistake's
        sure = guess.confidence >= params["fail_confidence"]
        yield Hit(block=passage.block, span=span_of(passage),
                  message_key="portuguese" if primary(declared) == "br" and guess.tag.startswith("pt") else "default",
                  data={"lang": declared, "declared": language_name(declared, ctx.lang),
                        "detected": language_name(guess.tag, ctx.lang)},
                  suggestion='lang="pt-BR"' if guess.tag == "pt" and primary(declared) == "br" else f'lang="{guess.tag}"',
                  outcome=None if sure else Outcome.REVIEW)


@check()
def tag_mistake(doc, params, ctx):
    """Common wrong tags for regional languages (bzh, oc-aranese, br-gallo, als for Alsatian...),
    with the right one. Other invalid tags are left to the wcag pack's validation."""
    if doc.tree is None:
        return
    mistakes = {k.lower(): v for k, v in params["mistakes"].items()}
    for el in doc.tree.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get("lang")
        if value is None or not value.strip():
            continue
        if el is doc.tree and not check_tag(value).valid:
            continue  # an invalid <html lang> is wcag.html-lang's finding already
        right = suggest_regional_tag(value, mistakes)
        if right and right.lower() != value.strip().lower():
            yield Hit(element=el, data={"lang": value, "right": right,
                                        "language": language_name(right, ctx.lang)},
                      suggestion=f'lang="{right}"')


def suggest_regional_tag(value: str, mistakes: dict[str, str]) -> str | None:
    """The right tag for a known mistake, or for a regional variant after the wrong prefix."""
    tag = value.strip().replace("_", "-").lower()
    if tag in mistakes:
        return mistakes[tag]
    parts = tag.split("-")
    if parts[0] in mistakes and len(parts) > 1:  # bzh-FR -> br-FR
        fixed = "-".join([mistakes[parts[0]], *value.strip().replace("_", "-").split("-")[1:]])
        return fixed if check_tag(fixed).valid else mistakes[parts[0]]
    result = check_tag(tag)
    if result.problem == "prefix":
        variant = result.detail.split(":")[0]
        prefixes = registry()[("variant", variant)].get("Prefix", [])
        if prefixes and (is_regional(prefixes[0]) or prefixes[0].lower().startswith(("fr", "oc", "eu", "br"))):
            return f"{prefixes[0]}-{variant}"
    return None
