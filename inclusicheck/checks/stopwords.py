"""The fallback language identifier, used when the language-identification engine is absent:
which language's function words make up a clear share of a passage. One function for every pack;
the profiles are the `stopwords` parameter of `wcag.lang-change`, so a language added there (or in
the configuration) counts everywhere."""
from __future__ import annotations

import re

WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
PROFILES_RULE = "wcag.lang-change"


def profiles_for(ctx) -> tuple[dict[str, set[str]], float]:
    """The effective profiles and minimum share for this document (after overrides)."""
    def compute():
        params = ctx.config.rule_setting(PROFILES_RULE, ctx.doc.uri).params
        return ({lang: {w.lower() for w in words} for lang, words in params["stopwords"].items()},
                params["min_stopword_ratio"])
    return ctx.shared("stopword.profiles", compute)


def guess_by_stopwords(text: str, profiles: dict[str, set[str]], min_ratio: float) -> str | None:
    """The language whose function words make up a clear share of the text, well ahead of every
    other profile (French included). None when unsure."""
    words = [w.lower().replace("’", "'") for w in without_names(text)]
    if not words:
        return None
    scores = sorted(((sum(w in stop for w in words), lang) for lang, stop in profiles.items()), reverse=True)
    (best, lang), runner_up = scores[0], (scores[1][0] if len(scores) > 1 else 0)
    if best >= 2 and best / len(words) >= min_ratio and best >= 2 * runner_up:
        return lang
    return None


def without_names(text: str) -> list[str]:
    """The words of a passage minus proper names and titles of works (RGAA 8.7 leaves them out):
    capitalised words after the first, and up to two small words between two of them
    ("The Lord of the Rings", "Call of the Wild")."""
    words = WORDS.findall(text)
    named = [i > 0 and w[0].isupper() for i, w in enumerate(words)]
    for i in range(len(words)):
        if not named[i] and i > 0 and named[i - 1]:
            ahead = next((j for j in range(i + 1, min(i + 3, len(words))) if named[j]), None)
            if ahead is not None:
                named[i:ahead] = [True] * (ahead - i)
    return [w for w, n in zip(words, named) if not n]
