"""The falc pack's metrics: readability of the French text (engines: spaCy), for the whole document and,
when asked, per block."""
from __future__ import annotations

import bisect

from ...document.dom import index
from ...i18n import t
from ...language.readability import TextStats
from .. import metric
from .text import CONTENT_POS, PACK, WORD, falc_text, joined_sentences

METRIC_SKIPPED_KINDS = {"title", "alt"}


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
        result["falc.note"] = t("falc.skipped_blocks", ctx.lang, count=text.skipped)
    if settings["block_metrics"]:
        result["falc.blocks"] = per_block
    return result
