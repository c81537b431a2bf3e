"""Which text the falc pack reads: the French blocks of a document (computed once, shared by every
check), their sentences, and the helpers that say where a word is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...language.tags import is_french
from ..stopwords import guess_by_stopwords, profiles_for

PACK = "falc"
# A word as a reader sees it: « l'école », « peut-être », « 15/03/2026 », « 3,50 », « 1er »,
# « 1 200 000 » are one word each.
WORD = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,.])|\d+(?:[/.,:h]\d+)*[^\W\d_]*|\w+(?:['’-]\w+)*")
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}
SKIPPED_KINDS = {"title"}  # <title> repeats the h1 and is not shown in the page


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
