"""Checks and metrics of the `falc` pack (Facile à lire et à comprendre).

Rule numbers in messages and references are those of reference falc.md §3 (R1..R44). FALC rules
apply to French only: blocks declared in another language are not analysed (engines/nlp.py), and
blocks declared French whose words are plainly not French are skipped too (`falc_blocks`); the
metrics count them. No check or metric says that a text "is FALC": a FALC label needs proofreading
by people with intellectual disabilities.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..document.dom import index
from ..engines.styles import block_styles, element_style
from ..language.french import (acronyms, digits, expanded_by_initials, expanded_by_start, first_names_upper,
                               numeric_dates, roman_numerals, shouted_runs, spelled_numbers)
from ..language.readability import TextStats, zipf
from ..language.tags import is_french
from ..model import Severity
from . import Hit, check, metric
from .stopwords import guess_by_stopwords, profiles_for

PACK = "falc"
# A word as a reader sees it: « l'école », « peut-être », « 15/03/2026 », « 3,50 », « 1er »,
# « 1 200 000 » are one word each.
WORD = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,.])|\d+(?:[/.,:h]\d+)*[^\W\d_]*|\w+(?:['’-]\w+)*")
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}
SKIPPED_KINDS = {"title"}  # <title> repeats the h1 and is not shown in the page
METRIC_SKIPPED_KINDS = {"title", "alt"}


# ---- which text the pack reads ----------------------------------------------------------------------

@dataclass
class FalcText:
    """The French blocks of a document, with their spaCy Docs when the NLP ran."""
    blocks: list  # Block
    docs: dict  # id(block) -> spacy Doc
    skipped: int  # non-empty blocks left out because their language is not French


def looks_french(block, ctx, has_langid: bool) -> bool:
    """Declared French, and not plainly another language: the langid engine when there is one,
    else the stop-word fallback shared with wcag.lang-change."""
    if has_langid:
        guess = ctx.langid.guess(block)
        if guess is not None and guess.tag and guess.confidence >= 0.8:
            return is_french(guess.tag)
        return True
    tag = guess_by_stopwords(block.text, *profiles_for(ctx))
    return tag is None or is_french(tag)


def falc_text(doc, ctx, nlp: bool = False) -> FalcText:
    """The blocks FALC rules read, computed once per document and shared by every check."""
    return ctx.shared(f"falc.text.{'nlp' if nlp else 'plain'}", lambda: _falc_text(doc, ctx, nlp))


def _falc_text(doc, ctx, nlp: bool) -> FalcText:
    candidates = [b for b in doc.blocks if b.text.strip() and b.kind not in SKIPPED_KINDS]
    declared = [b for b in candidates if is_french(b.lang or doc.lang)]
    has_langid = bool(declared) and ctx.has("langid")
    french = [b for b in declared if looks_french(b, ctx, has_langid)]
    docs = {}
    if nlp:
        docs = {id(b): ctx.nlp.for_block(b) for b in french}
        french = [b for b in french if docs[id(b)] is not None]
    return FalcText(french, docs, len(candidates) - len(french))


def foreign(block, start: int, end: int) -> bool:
    """Inside an inline passage in another language (<span lang="en">)?"""
    return any(s <= start and end <= e and not is_french(lang) for s, e, lang in block.lang_spans)


def words_of(text: str) -> list[re.Match]:
    return list(WORD.finditer(text))


# ---- sentences ----------------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?…:][\s»\"”’)\]]*$")


def sentences(doc, ctx):
    """(block, sentence span) of the French text, computed once per document. spaCy's sentences
    are re-joined where spaCy cut without a full stop (it often cuts at « ; »); a block ends a
    sentence anyway (a heading, a list item, a line after <br>)."""
    def compute():
        text = falc_text(doc, ctx, nlp=True)
        return [(block, sent) for block in text.blocks
                for sent in joined_sentences(text.docs[id(block)]) if WORD.search(sent.text)]
    return ctx.shared("falc.sentences", compute)


def joined_sentences(sdoc):
    start = None
    sents = list(sdoc.sents)
    for i, sent in enumerate(sents):
        start = sent.start if start is None else start
        if i == len(sents) - 1 or SENTENCE_END.search(sent.text):
            yield sdoc[start:sent.end]
            start = None


@check(needs={"nlp"})
def sentence_length(doc, params, ctx):
    warn, error = params["warning_words"], params["error_words"]
    # over error_words is an error, unless the configuration set the rule's severity
    escalate = not ctx.config.rule_setting(ctx.rule.id, doc.uri).configured
    for block, sent in sentences(doc, ctx):
        count = len(words_of(sent.text))
        if count > warn:
            severe = count > error
            yield Hit(block=block, span=(sent.start_char, sent.end_char), data={"words": count},
                      message_key="long" if severe else "default",
                      severity=Severity.ERROR if severe and escalate else None)


# ---- words --------------------------------------------------------------------------------------------

EXPLANATION = re.compile(r"c['’]est[- ]à[- ]dire|veut dire|signifie|c['’]est |\(|:|—|autrement dit|"
                         r"par exemple|on appelle|s['’]appelle", re.I)
GLOSSARY_HEADING = re.compile(r"lexique|glossaire|mots difficiles|définitions?|vocabulaire", re.I)


def _glossary_words(doc) -> set[str]:
    """Words explained in a glossary section or marked up with <dfn>/<abbr title>."""
    found = set()
    in_glossary = False
    for block in doc.blocks:
        if block.kind == "heading":
            in_glossary = bool(GLOSSARY_HEADING.search(block.text))
        elif in_glossary:
            found.update(w.lower() for w in WORD.findall(block.text.split(":")[0]))
    if doc.tree is not None:
        for el in doc.tree.iter("dfn", "abbr"):
            if el.tag == "dfn" or el.get("title"):
                found.update(w.lower() for w in WORD.findall(el.text_content()))
    return found


@lru_cache(maxsize=8)
def word_list(path: Path) -> frozenset[str]:
    """A data file of words, one per line, # comments (the source and licence header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _difficulty_kind(token, params, domain: frozenset[str]) -> str | None:
    """"domain" for a listed administrative word, "default" for a rare one, None for an easy one."""
    lower, lemma = token.text.lower(), token.lemma_.lower()
    if lower in domain or lemma in domain:
        return "domain"
    forms = [lower, lemma, *masculine_forms(lower)]
    return "default" if max(zipf(f) for f in forms) < params["max_zipf"] else None


FEMININE_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("onne", "on"), ("ère", "er"),
                    ("esse", ""), ("ffe", "f"), ("e", ""))


def masculine_forms(word: str) -> list[str]:
    """« cheffe » -> chef, « agente » -> agent, « autrice » -> auteur: a feminised title (which the
    gender pack asks for) is as well known as its masculine, though rarer in wordfreq's sources."""
    return [word[: -len(end)] + base for end, base in FEMININE_ENDINGS if word.endswith(end) and len(word) > len(end) + 1]


@check(needs={"nlp"})
def rare_words(doc, params, ctx):
    domain = word_list(Path(ctx.rule.path).parent / params["word_list"]) if params["word_list"] else frozenset()
    explained = _glossary_words(doc)
    seen = set()
    flat = list(sentences(doc, ctx))
    for i, (block, sent) in enumerate(flat):
        following = flat[i + 1][1].text if i + 1 < len(flat) and flat[i + 1][0] is block else ""
        for token in sent:
            word = token.text
            lower = word.lower()
            if (token.pos_ not in CONTENT_POS or not word.isalpha() or len(word) < params["min_letters"]
                    or lower in seen or lower in explained or (word[0].isupper() and token.i != sent.start)):
                continue
            kind = _difficulty_kind(token, params, domain)
            if kind is None or foreign(block, token.idx, token.idx + len(word)):
                continue
            if EXPLANATION.search(sent.text[token.idx - sent.start_char + len(word):]) or \
                    re.search(rf"\b{re.escape(lower)}\b.{{0,40}}(?:c['’]est|veut dire|signifie)", following, re.I):
                continue
            seen.add(lower)
            yield Hit(block=block, span=(token.idx, token.idx + len(word)), data={"word": word}, message_key=kind)


def _abbr_titles(doc) -> set[str]:
    if doc.tree is None:
        return set()
    return {el.text_content().strip() for el in doc.tree.iter("abbr") if (el.get("title") or "").strip()}


def _expanded_in_text(token: str, texts: list[str]) -> bool:
    """« Centre communal d'action sociale (CCAS) », « CCAS (centre communal…) », « CCAS : … »."""
    t = re.escape(token)
    pattern = re.compile(rf"\(\s*{t}\s*\)|(?<!\w){t}\s*\(\s*\w+[\s'’]+\w+|(?<!\w){t}\s*(?::|, c['’]est|veut dire)")
    return any(pattern.search(text) or expanded_by_initials(token, text) or expanded_by_start(token, text)
               for text in texts)


@check()
def abbreviations(doc, params, ctx):
    text = falc_text(doc, ctx)
    texts = [b.text for b in text.blocks]
    titled = _abbr_titles(doc)
    allowed = set(params["allowed"])
    words = word_list(Path(ctx.rule.path).parent / params["read_as_words"]) if params["read_as_words"] else frozenset()
    seen = set()
    for block in text.blocks:
        for start, end, token in acronyms(block.text):
            key = token.replace(".", "")
            if key in seen or key in allowed or key.lower() in words or token in params["abbreviations"] or \
                    token in titled or foreign(block, start, end):
                continue
            seen.add(key)
            if not _expanded_in_text(token, texts):
                yield Hit(block=block, span=(start, end), data={"match": token})
        for word, expansion in params["abbreviations"].items():
            for m in re.finditer(rf"(?<![\w.]){re.escape(word)}(?!\w)", block.text):
                if (word, block.element) in seen or foreign(block, *m.span()):
                    continue
                seen.add((word, block.element))
                yield Hit(block=block, span=m.span(), data={"match": m.group(0)}, message_key="short",
                          suggestion=expansion or None)


# ---- numbers and dates --------------------------------------------------------------------------------

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


# ---- characters and punctuation -----------------------------------------------------------------------

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


@check(needs={"nlp"})
def inline_enumeration(doc, params, ctx):
    for block, sent in sentences(doc, ctx):
        if block.kind == "list-item":
            continue
        text = sent.text
        colon = text.rfind(":")
        part, offset, wanted = (text[colon + 1:], colon + 1, params["min_items_after_colon"]) if colon >= 0 \
            else (text, 0, params["min_items"])
        items = _enumeration_items(part, params["max_item_words"])
        if items >= wanted:
            yield Hit(block=block, span=(sent.start_char + offset, sent.end_char), data={"items": items})


def _enumeration_items(text: str, max_words: int) -> int:
    """The longest run of short comma-separated items, the last one split on « et » / « ou »."""
    best = run = 0
    for segment in text.split(","):
        pieces = re.split(r"\s(?:et|ou)\s", segment)
        short = [len(WORD.findall(p)) for p in pieces]
        if all(0 < n <= max_words for n in short):
            run += len(pieces)
            best = max(best, run)
            if len(pieces) > 1:
                run = 0
        else:
            first_ok = 0 < short[0] <= max_words if len(pieces) > 1 else False
            best = max(best, run + first_ok)
            run = 1 if 0 < short[-1] <= max_words else 0
    return best


# ---- grammar (heuristics: review) ---------------------------------------------------------------------

NEGATIVE_WORDS = {"pas", "jamais", "plus", "rien", "aucun", "aucune", "personne", "guère", "nullement", "point",
                  "nul", "nulle", "ni"}
NEGATIVE_SUBJECTS = {"aucun", "aucune", "personne", "rien", "nul", "nulle"}
NE = {"ne", "n'", "n’"}


@check(needs={"nlp"})
def negation(doc, params, ctx):
    for block, sent in sentences(doc, ctx):
        tokens = list(sent)
        for i, token in enumerate(tokens):
            if token.lower_ not in NE:
                continue
            neg = next((t for t in tokens[i + 1:i + 8] if t.lower_ in NEGATIVE_WORDS), None)
            if neg is None:  # « Aucun dossier ne sera traité », « Rien ne change »
                neg = next((t for t in reversed(tokens[max(0, i - 4):i]) if t.lower_ in NEGATIVE_SUBJECTS), None)
            if neg is None or _in_bold(block, neg.text):
                continue
            start, end = min(token.idx, neg.idx), max(token.idx + len(token.text), neg.idx + len(neg.text))
            yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]})
            break


def _in_bold(block, word: str) -> bool:
    el = block.element
    if el is None or not isinstance(getattr(el, "tag", None), str):
        return False
    return any((b.text_content() or "").strip().lower() == word.lower() for b in el.iter("strong", "b"))


def _ignored_participle(token, ignored: set[str]) -> bool:
    """« est ouverte », « sont fermés »: a state, not an action (the model lemmatises participles
    inconsistently, so the masculine singular form is compared too)."""
    base = re.sub(r"(?:es|e|s)$", "", token.lower_) if token.lower_.endswith(("ée", "és", "ées", "e", "s")) else token.lower_
    return bool({token.lemma_.lower(), token.lower_, base} & ignored)


@check(needs={"nlp"})
def passive_voice(doc, params, ctx):
    ignored = {w.lower() for w in params["ignore_participles"]}
    for block, sent in sentences(doc, ctx):
        for token in sent:
            if token.dep_ == "aux:pass" and not _ignored_participle(token.head, ignored):
                start, end = sorted((token.idx, token.head.idx))
                end = max(end + len(token.head.text), token.idx + len(token.text))
                yield Hit(block=block, span=(start, end), data={"match": block.text[start:end]})
                break


SUBJUNCTIVE_FORMS = set("soit soient sois soyez soyons ait aient aies ayez ayons puisse puissent puisses puissiez "
                        "puissions fasse fassent fasses fassiez fassions sache sachent saches sachiez sachions "
                        "veuille veuillent aille aillent ailles alliez vienne viennent prenne prennent "
                        "doive doivent".split())


CONDITIONAL_ENDINGS = ("aient", "ais", "ait", "ions", "iez")
IRREGULAR_CONDITIONAL = re.compile(r"^(?:ser|aur|fer|pourr|voudr|devr|faudr|vaudr|ir|viendr|tiendr|saur|"
                                   r"verr|enverr|recevr|courr|mourr)(?:ais|ait|ions|iez|aient)$")


def is_conditional(token) -> bool:
    """spaCy's Mood=Cnd, or a form built on the infinitive (souhaiter-aient, prendr-ait) or an
    irregular conditional stem (pourrait, serait). « il entrait » is not: entr-ait lacks the -er."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if "Cnd" in token.morph.get("Mood"):
        return True
    word, lemma = token.lower_, token.lemma_.lower()
    if IRREGULAR_CONDITIONAL.match(word):
        return True
    stems = [lemma] + ([lemma[:-1]] if lemma.endswith("re") else [])
    return any(word == stem + end for stem in stems for end in CONDITIONAL_ENDINGS) and lemma.endswith(("er", "ir", "re"))


@check(needs={"nlp"})
def verb_mood(doc, params, ctx):
    for block, sent in sentences(doc, ctx):
        tokens = list(sent)
        for i, token in enumerate(tokens):
            moods = token.morph.get("Mood")
            after_que = any(t.lower_ in ("que", "qu'", "qu’") for t in tokens[max(0, i - 4):i])
            if params["conditional"] and is_conditional(token):
                key = "conditional"
            elif after_que and (token.lower_ in SUBJUNCTIVE_FORMS or (token.pos_ in ("VERB", "AUX") and "Sub" in moods)):
                # Only after « que »: the present subjunctive of -er verbs looks like the indicative
                # (« il ramasse »), and the small model tags « fasse » as a noun.
                key = "default"
            else:
                continue
            yield Hit(block=block, span=(token.idx, token.idx + len(token.text)), data={"match": token.text},
                      message_key=key)
            break


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
    yield from _styled_hits(doc, ctx, not_logos, lambda s: s.get("text-transform") == "uppercase", "css")


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


# ---- typography -----------------------------------------------------------------------------------------

BODY_KINDS = {"paragraph", "list-item", "quote", "other", "cell", "label"}
SERIF_FAMILIES = {"serif", "times", "times new roman", "georgia", "garamond", "cambria", "palatino",
                  "palatino linotype", "book antiqua", "bookman", "bookman old style", "baskerville",
                  "libre baskerville", "merriweather", "lora", "pt serif", "noto serif", "source serif pro",
                  "source serif 4", "playfair display", "didot", "bodoni", "spectral", "crimson text",
                  "eb garamond", "droid serif", "roboto slab", "dejavu serif", "liberation serif",
                  "century schoolbook", "constantia", "rockwell", "courier", "courier new"}
INLINE_ITALIC = ("i", "em", "cite", "var", "dfn", "address")
ALIGNMENTS = {"justify": "justify", "center": "center", "-webkit-center": "center"}  # computed values too


def _grouped(doc, blocks_styles, predicate, kinds=BODY_KINDS):
    """Blocks whose style matches, grouped by the offending value: one hit per value (on its first
    block), so a site-wide 16px body gives one finding, not one per paragraph."""
    groups: dict = {}
    for block, style in blocks_styles:
        if style is None or block.kind not in kinds:
            continue
        value = predicate(style)
        if value:
            groups.setdefault(value, []).append(block)
    return groups


def _french_styles(doc, ctx, text):
    french = {id(b) for b in text.blocks}
    return [(b, s) for b, s in zip(doc.blocks, block_styles(doc, ctx)) if id(b) in french]


def _styled_hits(doc, ctx, text, predicate, key, kinds=BODY_KINDS):
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: predicate(s) and "yes", kinds)
    for blocks in groups.values():
        yield Hit(block=blocks[0], data={"count": len(blocks)}, message_key=key)


@check()
def font_size(doc, params, ctx):
    text = falc_text(doc, ctx)
    minimum = params["min_px"]
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: (_px(s.get("font-size")) or minimum) < minimum - 0.01
                      and _px(s["font-size"]))
    number = (lambda x: f"{x:g}".replace(".", ",")) if ctx.lang == "fr" else (lambda x: f"{x:g}")  # noqa: E731
    for size, blocks in sorted(groups.items()):
        yield Hit(block=blocks[0], data={"size": number(size), "count": len(blocks), "min_px": number(minimum)})


def _px(value) -> float | None:
    """A font size in px: a number (the browser contract), or a "16px" string to be safe."""
    if isinstance(value, (int, float)):
        return float(value)
    m = re.match(r"^\s*([\d.]+)\s*(?:px)?\s*$", value or "")
    return float(m.group(1)) if m else None


def first_family(value: str | None) -> str:
    return (value or "").split(",")[0].strip().strip("'\"")


@check()
def serif_font(doc, params, ctx):
    serif = SERIF_FAMILIES | {f.lower() for f in params["serif_families"]}
    text = falc_text(doc, ctx)
    pairs = _french_styles(doc, ctx, text)
    groups = _grouped(doc, pairs, lambda s: first_family(s.get("font-family")).lower() in serif
                      and first_family(s.get("font-family")), BODY_KINDS | {"heading"})
    for family, blocks in groups.items():
        yield Hit(block=blocks[0], data={"font": family, "count": len(blocks)})


@check()
def text_align(doc, params, ctx):
    text = falc_text(doc, ctx)
    pairs = [(b, s) for b, s in _french_styles(doc, ctx, text)
             if len(WORD.findall(b.text)) >= params["min_words"]]
    groups = _grouped(doc, pairs, lambda s: ALIGNMENTS.get(s.get("text-align")),
                      {"paragraph", "list-item", "quote", "other"})
    for align, blocks in groups.items():
        yield Hit(block=blocks[0], data={"count": len(blocks)}, message_key=align)


def _inline_hits(doc, ctx, text, tags, predicate, exclude=lambda el: False):
    """Inline elements inside French blocks whose (static) style matches: <em>, <u>, spans."""
    if doc.tree is None:
        return
    for block in text.blocks:
        el = block.element
        if el is None or not isinstance(getattr(el, "tag", None), str):
            continue
        for child in el.iterdescendants():
            if not isinstance(child.tag, str) or not (child.text_content() or "").strip():
                continue
            if index(doc).order.get(child) is None or exclude(child):
                continue
            if _owning_block(child, el):
                style = element_style(doc, child)
                if style and predicate(style) and not predicate(element_style(doc, child.getparent()) or {}):
                    yield Hit(element=child, data={"match": child.text_content().strip()[:60]}, message_key="inline")


def _owning_block(child, block_el) -> bool:
    """Is `child` inline content of this block (not inside a nested block element)?"""
    from ..document.dom import BLOCK_TAGS
    node = child
    while node is not None and node is not block_el:
        if node.tag in BLOCK_TAGS:
            return False
        node = node.getparent()
    return True


@check()
def italics(doc, params, ctx):
    text = falc_text(doc, ctx)
    is_italic = lambda s: s.get("font-style") in ("italic", "oblique")  # noqa: E731
    yield from _styled_hits(doc, ctx, text, is_italic, "default", BODY_KINDS | {"heading"})
    yield from _inline_hits(doc, ctx, text, INLINE_ITALIC, is_italic)


def _in_link(el) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())


@check()
def underline(doc, params, ctx):
    text = falc_text(doc, ctx)
    underlined = lambda s: "underline" in (s.get("text-decoration-line") or "")  # noqa: E731
    yield from _styled_hits(doc, ctx, text, underlined, "default", BODY_KINDS | {"heading"})
    yield from _inline_hits(doc, ctx, text, ("u", "ins"), underlined, exclude=_in_link)


@check()
def hyphenation(doc, params, ctx):
    text = falc_text(doc, ctx)
    yield from _styled_hits(doc, ctx, text, lambda s: s.get("hyphens") == "auto", "default",
                            BODY_KINDS | {"heading"})
    for block in text.blocks:
        at = block.text.find("\u00ad")
        if at >= 0:
            start = max(0, block.text.rfind(" ", 0, at) + 1)
            end = block.text.find(" ", at)
            yield Hit(block=block, span=(start, end if end > 0 else len(block.text)), message_key="soft")


# ---- metrics -------------------------------------------------------------------------------------------

def sentence_words(sent, token_starts: list[int]) -> list[tuple[str, bool, bool, str]]:
    """Words of a sentence as the regex counts them (l'école is one word), each with the POS flags
    of the spaCy token it ends in (école: NOUN, so a content word)."""
    doc = sent.doc
    words = []
    for m in WORD.finditer(sent.text):
        end = sent.start_char + m.end() - 1
        token = doc[max(0, bisect.bisect_right(token_starts, end) - 1)]
        words.append((m.group(0), token.pos_ in ("VERB", "AUX"),
                      token.pos_ in CONTENT_POS and m.group(0).isalpha(), token.lemma_))
    return words


def stats_of_docs(spacy_docs, rare_zipf: float = 4.0) -> TextStats:
    """TextStats over spaCy Docs (also used by benchmarks/falc.py on raw sentences)."""
    stats = TextStats(rare_zipf=rare_zipf)
    for sdoc in spacy_docs:
        starts = [t.idx for t in sdoc]
        for sent in joined_sentences(sdoc):
            stats.add_sentence(sentence_words(sent, starts))
    return stats


def _nlp_rule_enabled(ctx) -> bool:
    """Metrics need spaCy: compute them only when an enabled rule loads it anyway, so that
    `--rules falc.font-size` stays fast."""
    registry = getattr(ctx, "registry", None)
    enabled = getattr(ctx, "enabled_rules", None)
    if registry is None or enabled is None:
        return True
    return any("nlp" in registry.rules[r].needs for r in enabled if r in registry.rules)


@metric(needs={"nlp"})
def falc_metrics(doc, ctx):
    settings = ctx.settings(PACK)
    if not settings["metrics"] or not _nlp_rule_enabled(ctx):
        return {}
    text = falc_text(doc, ctx, nlp=True)
    total = TextStats(rare_zipf=settings["rare_zipf"])
    per_block = []
    dom = index(doc) if doc.tree is not None else None
    for block in text.blocks:
        if block.kind in METRIC_SKIPPED_KINDS:
            continue
        stats = stats_of_docs([text.docs[id(block)]], settings["rare_zipf"])
        total.merge(stats)
        if settings["block_metrics"] and stats.sentences:
            summary = stats.summary(settings["sentence_limit"])
            per_block.append({"selector": dom.selector(block.element) if dom and block.element is not None else None,
                              "line": block.line, "words": stats.words, **summary})
    result = {f"falc.{k}": v for k, v in total.summary(settings["sentence_limit"]).items()}
    result["falc.sentence_limit"] = settings["sentence_limit"]
    result["falc.skipped_blocks"] = text.skipped
    if text.skipped:
        result["falc.note"] = (f"Règles FALC appliquées au français seulement : {text.skipped} bloc(s) dans une autre "
                               "langue ignoré(s)." if ctx.lang == "fr" else
                               f"FALC rules apply to French only: {text.skipped} block(s) in another language skipped.")
    if settings["block_metrics"]:
        result["falc.blocks"] = per_block
    return result
