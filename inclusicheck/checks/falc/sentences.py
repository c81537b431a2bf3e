"""falc checks on sentences: their length, enumerations written inline, and grammar that makes them
hard to read (negations, passive voice, conditional and subjunctive moods: heuristics, `review`)."""
from __future__ import annotations

import re

from ...model import Severity
from .. import Hit, check
from .text import WORD, sentences, words_of


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
