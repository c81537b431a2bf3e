"""falc checks on numbers and dates: numbers in letters, big numbers and percentages, numeric dates,
Roman numerals."""
from __future__ import annotations

import re

from ...language.french import digits, numeric_dates, roman_numerals, spelled_numbers
from .. import Hit, check
from .text import falc_text, foreign


@check()
def numbers_in_letters(doc, params, ctx):
    for block in falc_text(doc, ctx).blocks:
        for start, end, value in spelled_numbers(block.text):
            if value <= params["max_value"] and not foreign(block, start, end):
                yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]},
                          suggestion=digits(value))


PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|pour\s?cents?\b)|\b(?:pour\s?cent|pourcentage)s?\b", re.I)
BIG_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[  .]\d{3})+(?![\d,])|(?<![\d,.\s])\d{5,}(?![\d,])|"
                        r"\b\d+(?:[.,]\d+)?\s*(?:millions?|milliards?)\b", re.I)
PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}")
FRACTIONS = {50: "la moitié", 25: "1 sur 4", 75: "3 sur 4", 10: "1 sur 10", 20: "1 sur 5",
             33: "1 sur 3", 100: "tous", 0: "aucun"}


@check()
def big_numbers(doc, params, ctx):
    for block in falc_text(doc, ctx).blocks:
        phones = [m.span() for m in PHONE.finditer(block.text)]
        for m in PERCENT.finditer(block.text):
            if foreign(block, *m.span()):
                continue
            value = re.match(r"\d+", m.group(0))
            suggestion = FRACTIONS.get(int(value.group(0))) if value else None
            yield Hit(block=block, span=m.span(), data={"match": m.group(0)}, suggestion=suggestion)
        for m in BIG_NUMBER.finditer(block.text):
            if any(s <= m.start() < e for s, e in phones) or foreign(block, *m.span()):
                continue
            number = re.sub(r"\D", "", m.group(0))
            if "illi" not in m.group(0).lower() and (int(number) < params["min_value"] or len(number) == 5
                                                    and re.match(r"\s+[A-ZÉ]", block.text[m.end():])):
                continue  # small, or a postcode before a town name
            yield Hit(block=block, span=m.span(), data={"match": m.group(0)}, message_key="large")


@check()
def numeric_dates_check(doc, params, ctx):
    for block in falc_text(doc, ctx).blocks:
        for start, end, suggestion in numeric_dates(block.text):
            if not foreign(block, start, end):
                yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]},
                          suggestion=suggestion)


@check()
def roman_numerals_check(doc, params, ctx):
    ignore = set(params["ignore"])
    for block in falc_text(doc, ctx).blocks:
        for start, end, suggestion in roman_numerals(block.text, ignore):
            if not foreign(block, start, end):
                yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]},
                          suggestion=suggestion)
