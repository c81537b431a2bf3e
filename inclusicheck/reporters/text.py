"""How reports write text: their words from the catalogue, French typography, escaping, numbers."""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from .. import i18n


def words(lang: str, typography: bool = False) -> Callable[..., str]:
    """i18n.t with `lang` bound, for a reporter that says many things: `t = words(lang)`, then
    `t("report.title")`. typography (HTML reports): French no-break spaces are put into the
    catalogue's text before its placeholders are filled, so the page text, rule titles and error
    messages it quotes are shown as they are."""
    def t(key: str, **params) -> str:
        if not (typography and lang == "fr"):
            return i18n.t(key, lang, **params)
        return french_spacing(i18n.text(key, lang)).format(**params)
    return t


def french_spacing(text: str) -> str:
    """No-break spaces inside « » and before ':' so a line never starts with them."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def inline_code(text: str) -> str:
    """Rule descriptions use `code` spans: escape everything, then show those as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def figure(value) -> str:
    """A count or a measure as reports show it: 12, 3.5."""
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
