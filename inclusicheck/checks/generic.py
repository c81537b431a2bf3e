"""The data-only rule kinds, so that simple rules (and a commune's house rules) need no Python.

    kind: existence        # flag every match of `patterns`
    kind: substitution     # flag every key of `swap`, suggest its value
    kind: pair             # flag every key of `pairs` unless its value (the other form) is in the
                           # same sentence (retext-equality `or`), suggest both forms

`data:` is inline or the name of a YAML file in the pack's folder (e.g. data/obsolete-terms.yml).
Both kinds accept `exceptions` (regexes: a match inside one is not flagged), `scope` (block
kinds), `lang` (`fr`: French blocks only; otherwise a primary language subtag) and `ignore_case`.
Patterns are regexes matched on whole words; a straight apostrophe also matches ’. The data is
read and checked with the rule (packs/generic_data.py): this module only matches it.
"""
from __future__ import annotations

import re

from ..language.tags import is_french, primary
from ..packs.generic_data import Matcher
from . import Hit, check

SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)")


def _in_lang(block_lang: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if wanted == "fr":
        return is_french(block_lang)
    return primary(block_lang) == wanted


def match_case(word: str, suggestion: str) -> str:
    if word[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


@check()
def text_matches(doc, params, ctx):
    matcher: Matcher = ctx.rule.data
    for block in doc.blocks:
        if matcher.scope and block.kind not in matcher.scope:
            continue
        if not _in_lang(block.lang or doc.lang, matcher.lang):
            continue
        excluded = [m.span() for m in matcher.exceptions.finditer(block.text)] if matcher.exceptions else []
        for m in matcher.regex.finditer(block.text):
            if any(s <= m.start() and m.end() <= e for s, e in excluded):
                continue
            index = m.lastindex - 1 if m.lastindex else 0
            suggestion = matcher.suggestions[index]
            if matcher.counterparts is not None:
                if matcher.counterparts[index].search(_sentence(block.text, m.start())):
                    continue  # both forms are there
                suggestion = f"{suggestion.split('|')[0]} et {m.group(0).lower()}"
            if suggestion is not None:
                suggestion = match_case(m.group(0), suggestion)
            yield Hit(block=block, span=m.span(), data={"match": m.group(0), "suggestion": suggestion},
                      suggestion=suggestion)


def _sentence(text: str, position: int) -> str:
    """The sentence of `text` around `position` (a light split on . ! ? …)."""
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, position)), default=0)
    end = SENTENCE_END.search(text, position)
    return text[start:end.end() if end else len(text)]

