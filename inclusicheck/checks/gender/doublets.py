"""GEN-05 abbreviated inclusive forms, GEN-06 the order of doublets, GEN-11 slash doublets
(« électeurs/électrices », « il/elle »)."""
from __future__ import annotations

import re

from ...i18n import t
from ...model import Severity
from .. import Hit, check
from .common import french_blocks, without_overlaps
from .exclusions import mask
from .inclusive_forms import find_abbreviated, gender_pair, to_point_median
from .lexicon import capitalise_like, doublet, find_forms, form_of, head_word, ordered

# ---- GEN-05 abbreviated inclusive forms -------------------------------------------------------

@check()
def abbreviated(doc, params, ctx):
    settings = ctx.settings("gender")
    policy, order = settings["abbreviated_policy"], settings["doublet_order"]
    severity = Severity.ERROR if policy == "error" else None
    for block in french_blocks(doc):
        for form in find_abbreviated(block.text):
            full = form.expanded(order)
            data = {"match": form.text, "expanded": full}
            if policy == "allow-point-median":
                if form.style == "median":
                    continue
                median = to_point_median(form)
                if median:
                    data["median"] = median
                    yield Hit(block=block, span=(form.start, form.end), data=data, message_key="separator",
                              suggestion=full)
                    continue
            key = "neologism" if form.style == "neologism" else "default"
            yield Hit(block=block, span=(form.start, form.end), data=data, message_key=key,
                      suggestion=full, severity=severity)


# ---- GEN-06 order of doublets and GEN-11 slash doublets ---------------------------------------

DOUBLET_GAP = re.compile(
    r"^\s*(?P<sep>et|ou|/)\s*(?:(?:les|des|aux|la|le|l['’]|une|un|ces|nos|vos|leurs|du|de la|de l['’]|à la"
    r"|au|toutes les|tous les|chaque|chères|chers|cher|chère)\s+)?$", re.IGNORECASE)
PRONOUN_SLASH = re.compile(
    r"(?<![\w/])(?P<a>il|ils|elle|elles|le|la|un|une|tous|toutes|celui|celle|ceux|celles|madame|monsieur"
    r"|mesdames|messieurs)\s?/\s?"
    r"(?P<b>il|ils|elle|elles|le|la|un|une|tous|toutes|celui|celle|ceux|celles|madame|monsieur|mesdames"
    r"|messieurs)(?![\w/])", re.IGNORECASE)
PRONOUN_PAIRS = {frozenset(p) for p in [("il", "elle"), ("ils", "elles"), ("le", "la"), ("un", "une"),
                                        ("tous", "toutes"), ("celui", "celle"), ("ceux", "celles"),
                                        ("madame", "monsieur"), ("mesdames", "messieurs")]}
FEMININE_PRONOUNS = {"elle", "elles", "la", "une", "toutes", "celle", "celles", "madame", "mesdames"}
CIVILITIES = {"madame", "monsieur", "mesdames", "messieurs"}


def doublets(text: str):
    """(first match, second match, separator, first form, second form) for every pair of forms
    of one noun, one masculine and one feminine, joined by et / ou / a slash."""
    matches = find_forms(text)
    for a, b in zip(matches, matches[1:]):
        gap = DOUBLET_GAP.match(text[a.end():b.start()])
        if not gap:
            continue
        for fa in form_of(a.group(0)):  # same head noun: "agente ou agent d'accueil"
            fb = next((f for f in form_of(b.group(0)) if head_word(f.noun) == head_word(fa.noun)
                       and f.gender != fa.gender and f.plural == fa.plural), None)
            if fb:
                yield a, b, gap.group("sep").lower(), fa, fb
                break


def _text_doublets(text: str, slash: bool):
    """(first match, second match, feminine, masculine) for the doublets of a (masked) text:
    those joined by a slash, or those joined by et / ou."""
    for a, b, sep, fa, _ in doublets(text):
        if (sep == "/") == slash:
            fem, masc = (a.group(0), b.group(0)) if fa.gender == "f" else (b.group(0), a.group(0))
            yield a, b, fem, masc


@check()
def doublet_order(doc, params, ctx):
    order = ctx.settings("gender")["doublet_order"]
    for block in french_blocks(doc):
        for a, b, fem, masc in _text_doublets(mask(block.text), slash=False):
            first, second = ordered(fem, masc, order)
            if first != a.group(0):
                yield Hit(block=block, span=(a.start(), b.end()),
                          data={"match": block.text[a.start():b.end()], "first": first.lower(),
                                "second": second.lower(),
                                "order": t(f"gender.order.{order}", ctx.lang)})


WORD_SLASH = re.compile(
    r"(?<![\w/'’])(?P<pa>(?i:[dlj]|qu)['’])?(?P<a>[a-zà-ÿœæA-ZÀ-Ý]+)\s?/\s?"
    r"(?P<pb>(?i:[dlj]|qu)['’])?(?P<b>[a-zà-ÿœæA-ZÀ-Ý]+)(?![\w/'’])")


@check()
def slash_doublet(doc, params, ctx):
    order = ctx.settings("gender")["doublet_order"]
    for block in french_blocks(doc):
        text = mask(block.text)
        hits = [*_noun_slash_hits(block, text, order), *_pronoun_slash_hits(block, text, order),
                *_word_slash_hits(block, text, order)]
        yield from sorted(without_overlaps(hits), key=lambda hit: hit.span)


def _slash_hit(block, span, expanded):
    match = block.text[span[0]:span[1]]
    return Hit(block=block, span=span, data={"match": match, "expanded": expanded}, suggestion=expanded)


ELIDED_BEFORE_VOWEL = {"le": "l’", "la": "l’", "ce": "cet "}


def _before_noun(word: str, noun: str) -> str:
    """"la" + "agente" -> "l’agente", "ce" + "agent" -> "cet agent"."""
    if noun[:1].lower() in "aeiouyéèêàâîôû" and word.lower() in ELIDED_BEFORE_VOWEL:
        return ELIDED_BEFORE_VOWEL[word.lower()] + noun
    return f"{word} {noun}"


def _noun_slash_hits(block, text, order):
    """"électeurs/électrices": two forms of a lexicon noun."""
    for a, b, fem, masc in _text_doublets(text, slash=True):
        yield _slash_hit(block, (a.start(), b.end()), doublet(fem, masc, order))


def _pronoun_slash_hits(block, text, order):
    """"il/elle", "le/la", "Madame/Monsieur"."""
    for m in PRONOUN_SLASH.finditer(text):
        words = (m.group("a").lower(), m.group("b").lower())
        if frozenset(words) not in PRONOUN_PAIRS:
            continue
        fem, masc = words if words[0] in FEMININE_PRONOUNS else words[::-1]
        if fem in CIVILITIES:  # the salutation: "Madame, Monsieur"
            full = ", ".join(w.capitalize() for w in ordered(fem, masc, order))
            yield _slash_hit(block, m.span(), full)
        else:
            yield _slash_pair_hit(block, m, fem, masc, "ou", order)


def _word_slash_hits(block, text, order):
    """Any word and its feminine on either side of a slash: "certains/certaines" (-> "certaines et
    certains"), "d'un/d'une" (-> "d'un ou d'une"), "ce/cette". A plural pair is joined with "et",
    a singular one with "ou" (one person). Dates, fractions, "km/h", "et/ou", URLs and paths are
    not pairs (numbers and URLs are masked, and neither word is the other's feminine)."""
    for m in WORD_SLASH.finditer(text):
        pair = gender_pair(m.group("a"), m.group("b"))
        elided_a, elided_b = m.group("pa") or "", m.group("pb") or ""
        if pair is None or (elided_a and elided_b and elided_a.lower() != elided_b.lower()):
            continue
        if m.group("b")[:1].isupper() and not m.group(0).isupper():
            continue  # first names: "Jean/Jeanne", "Louis/Louise"
        elided = elided_a or elided_b
        fem, masc = (elided + w.lower() for w in pair)
        yield _slash_pair_hit(block, m, fem, masc, "et" if fem.endswith("s") else "ou", order)


def _slash_pair_hit(block, m, fem: str, masc: str, joiner: str, order: str) -> Hit:
    """The hit of a slashed pair of small words; when an abbreviated noun follows ("le/la
    candidat·e", "d'un/d'une élu.e"), the noun is written out with each: "la candidate ou le
    candidat" (the abbreviated form is also flagged by gender.abbreviated, with the noun alone)."""
    end = m.end()
    following = next((f for f in find_abbreviated(block.text)
                      if f.start > end and not block.text[end:f.start].strip()), None)
    if following:
        fem, masc = _before_noun(fem, following.feminine), _before_noun(masc, following.masculine)
        end = following.end
    return _slash_hit(block, (m.start(), end), capitalise_like(m.group(0), doublet(fem, masc, order, joiner)))
