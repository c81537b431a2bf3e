"""The tool's own words, from one gettext catalogue per language (rule messages live in the rule files).

The catalogues are `locale/<lang>/LC_MESSAGES/inclusicheck.po`: each msgid is a dotted key
(`source.missing`), each msgstr the text with `{name}` placeholders. They are read with Babel's
.po parser, so there is no compiled .mo file to keep in step with its source.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
LANGS = ("fr", "en")  # French is the default and the fallback


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "inclusicheck.po"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po  # 25 ms, paid by the first message only
    with catalogue_path(lang).open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id and message.string}


def t(key: str, lang: str = "fr", **params) -> str:
    text = catalogue(lang).get(key) if lang in LANGS else None
    return (text or catalogue("fr")[key]).format(**params)


class LocalisedError(Exception):

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.params)
