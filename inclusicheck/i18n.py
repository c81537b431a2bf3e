"""The tool's own words, from one gettext catalogue per language (rule messages live in the rule files).

The catalogues are `locale/<lang>/LC_MESSAGES/inclusicheck.po`: each msgid is a dotted key
(`source.missing`), each msgstr the text with `{name}` placeholders. The standard library's gettext
reads their compiled `.mo` twins (`make catalogue`), so the base install needs nothing more.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "inclusicheck"
LOCALE = Path(__file__).parent / "locale"
LANGS = ("fr", "en")  # French is the default and the fallback


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.GNUTranslations:
    return gettext.translation(DOMAIN, LOCALE, languages=[lang])


def t(key: str, lang: str = "fr", **params) -> str:
    text = translations(lang if lang in LANGS else "fr").gettext(key)
    if text == key:  # gettext's answer for a key it does not have
        text = translations("fr").gettext(key)
        if text == key:
            raise KeyError(key)
    return text.format(**params)


class LocalisedError(Exception):

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.params)
