"""falc checks on characters: special characters, semicolons, and words in capitals (typed or
drawn by CSS)."""
from __future__ import annotations

import re

from ...language.french import first_names_upper, numeric_dates, shouted_runs
from ...language.readability import zipf
from ...language.tags import is_french
from .. import Hit, check
from .text import FalcText, falc_text, foreign
from .typography import styled_hits

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b\S+\.(?:fr|com|org|net|eu|gouv)\b\S*", re.I)


@check()
def special_characters(doc, params, ctx):
    chars = re.escape(params["characters"])
    pattern = re.compile(rf"[{chars}]")
    for block in falc_text(doc, ctx).blocks:
        skip = [m.span() for m in URL.finditer(block.text)] + [(s, e) for s, e, _ in numeric_dates(block.text)]
        for m in pattern.finditer(block.text):
            if any(s <= m.start() < e for s, e in skip) or foreign(block, *m.span()) or \
                    _language_separator(block, m.start()):
                continue
            yield Hit(block=block, span=m.span(), data={"match": m.group(0)})


def _language_separator(block, at: int) -> bool:
    """« <span lang="br">Ti-kêr</span> / Mairie »: a slash between two language versions."""
    if block.text[at] != "/" or block.text[at - 1:at + 2] != " / ":
        return False
    return any(not is_french(lang) and (e in (at - 1, at) or s in (at + 2, at + 1))
               for s, e, lang in block.lang_spans)


# « - les écoles ; », « - les collèges ; et »: French list punctuation closes an item with « ; ».
LIST_ITEM_END = re.compile(r";\s*(?:et|ou)?\s*$")


@check()
def semicolons(doc, params, ctx):
    for block in falc_text(doc, ctx).blocks:
        urls = [m.span() for m in URL.finditer(block.text)]
        for m in re.finditer(";", block.text):
            if any(s <= m.start() < e for s, e in urls) or foreign(block, *m.span()) or \
                    _ends_list_item(block, m.start()):
                continue
            yield Hit(block=block, span=m.span())


def _ends_list_item(block, at: int) -> bool:
    """The « ; » closing a list item: it is already a list, the advice « make a list » is met."""
    return block.kind == "list-item" and LIST_ITEM_END.match(block.text, at) is not None


# ---- capitals ------------------------------------------------------------------------------------------

# The reader sees these kinds of text; an image's alt text is not on screen (a screen reader reads
# « [À MODIFIER - …] » as words), and R36 is about the shape of words read with the eyes.
UNSEEN_KINDS = {"alt"}
# « Intitulé officiel » of the State's block-marque (DSFR `.fr-logo`) is drawn in capitals by the
# State's design system: a logo the page cannot change, not text put in capitals by its author.
LOGO_CLASS = re.compile(r"(?:^|[-_])logo$")


@check()
def capitals(doc, params, ctx):
    text = falc_text(doc, ctx)
    proper = _proper_nouns(text.blocks)
    for block in text.blocks:
        if block.kind in UNSEEN_KINDS:
            continue
        for start, end in shouted_runs(block.text, params["min_letters"]):
            if not foreign(block, start, end):
                suggestion, unsure = sentence_case(block.text[start:end], proper)
                yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]},
                          suggestion=suggestion, message_key="unsure" if unsure else "default")
    not_logos = FalcText([b for b in text.blocks if not _in_logo(b.element)], text.docs, text.skipped)
    yield from styled_hits(doc, ctx, not_logos, lambda s: s.get("text-transform") == "uppercase", "css")


def _in_logo(element) -> bool:
    """Inside an element classed as a logo (`fr-logo`, `fr-header__logo`, `logo`)?"""
    if element is None or not isinstance(element.tag, str):
        return False
    return any(LOGO_CLASS.search(token) for el in (element, *element.iterancestors())
               for token in (el.get("class") or "").split())


MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-zà-ÿ,]\s)[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)*")


def _proper_nouns(blocks) -> set[str]:
    """Words the document itself writes with a capital in mid-sentence (« la mairie de Brest »),
    and first names: in capitals elsewhere, they keep their capital when lowered."""
    found = {m.group(0).upper() for b in blocks for m in MID_SENTENCE_CAPITAL.finditer(b.text)}
    return found | first_names_upper()


def sentence_case(text: str, proper: set[str]) -> tuple[str, bool]:
    """« MAIRIE DE PLOUGERNE » -> « Mairie de Plougerne »: lower case, except the first word and the
    proper nouns it can tell. A word no dictionary knows is kept capitalised as a probable name, and
    `unsure` says so (the message then asks to check the capitals of names)."""
    parts = re.split(r"([\s'’]+)", text)
    unsure = False
    for i, word in enumerate(parts):
        if i % 2 or not word:
            continue
        if i == 0 or word.upper() in proper:
            parts[i] = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        elif any(c.isalpha() for c in word) and zipf(word.lower()) == 0:
            parts[i], unsure = word[:1] + word[1:].lower(), True
        else:
            parts[i] = word.lower()
    return "".join(parts), unsure
