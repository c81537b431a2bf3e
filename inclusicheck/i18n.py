"""The tool's own words, from one gettext catalogue per language (rule messages live in the rule files).

The catalogues are `locale/<lang>/LC_MESSAGES/inclusicheck.po`: each msgid is a dotted key
(`source.missing`), each msgstr the text with `{name}` placeholders. The standard library's gettext
reads their compiled `.mo` twins (`make catalogue`), so the base install needs nothing more.
"""
from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "inclusicheck"
LOCALE = Path(__file__).parent / "locale"
LANGS = ("fr", "en")  # French is the default and the fallback


def environment_lang(environ=None) -> str:
    """The language of words said before a configuration is read (help, usage and config errors):
    INCLUSICHECK_LANG (fr or en), else English when the locale (LC_ALL, LC_MESSAGES, then LANG)
    is English, else French. Reports keep --lang / config `lang` (default fr), whatever the locale."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("INCLUSICHECK_LANG", "").strip().lower()[:2]
    if chosen in LANGS:
        return chosen
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "en" if locale.lower().startswith("en") else "fr"


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.GNUTranslations:
    return gettext.translation(DOMAIN, LOCALE, languages=[lang])


def has(key: str) -> bool:
    """Whether the catalogue has `key` (French has every key), for keys built from outside data."""
    return translations("fr").gettext(key) != key


def text(key: str, lang: str = "fr") -> str:
    """The catalogue's text for `key`, its placeholders not filled (HTML reports space it first)."""
    found = translations(lang if lang in LANGS else "fr").gettext(key)
    if found == key:  # gettext's answer for a key it does not have
        found = translations("fr").gettext(key)
        if found == key:
            raise KeyError(key)
    return found


def t(key: str, lang: str = "fr", **params) -> str:
    return text(key, lang).format(**params)


class LocalisedError(Exception):

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.params)
