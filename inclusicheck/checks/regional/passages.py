"""What language each passage of a document is in, for the regional pack: the `lang` declared (inline
span, element or page) and what language identification says, sentence by sentence in a mixed block;
the share of words of each language, and the pack's metric."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...engines.langid import LangGuess, is_regional
from ...i18n import has, t
from ...language.tags import display_name, is_french, primary
from ...model import Block
from .. import WORD, metric

UNIDENTIFIED = "und"  # share key for "regional language, not identified"


def language_name(tag: str | None, lang: str) -> str:
    """Readable name of a tag in the message language ("breton", "gallo"...): the catalogue's
    (regional.language.<tag>) for the languages the tag registry names badly or not at all."""
    tag = tag or UNIDENTIFIED
    for known in (tag, primary(tag)):
        if has(f"regional.language.{known}"):
            return t(f"regional.language.{known}", lang)
    return display_name(tag, lang)


@dataclass
class Passage:
    block: Block
    start: int
    end: int
    declared: str | None  # the lang in force (inline span, element or page)
    guess: LangGuess | None  # what the text looks like (None: too short to tell)

    @property
    def words(self) -> int:
        return len(WORD.findall(self.block.text[self.start:self.end]))

    def language(self, min_confidence: float) -> str | None:
        """Detected language when sure enough, else the declared one. `und`: regional, unidentified."""
        if self.guess is not None and self.guess.confidence >= min_confidence:
            if self.guess.tag is None:
                return UNIDENTIFIED if not is_regional(self.declared) else self.declared
            if same_language(self.declared, self.guess.tag):
                return self.declared  # keeps the declared variant: oc-lengadoc, fr-gallo
            return self.guess.tag
        return self.declared


def declared_at(block: Block, doc, position: int) -> str | None:
    for start, end, lang in block.lang_spans:
        if start <= position < end:
            return lang or None
    return block.lang or doc.lang


def passages(doc, ctx) -> list[Passage]:
    """Every text block, split into sentences when its sentences are in different languages."""
    cached = getattr(ctx, "_regional_passages", None)
    if cached is not None:
        return cached
    found = []
    for block in doc.blocks:
        if block.kind == "title" or not block.text.strip():
            continue
        segments = ctx.langid.segments(block) if len(block.text) > 40 else []
        if len({(g.tag, g.regional) for _, _, g in segments}) > 1:  # a mixed block: sentence by sentence
            found += [Passage(block, s, e, declared_at(block, doc, s), g) for s, e, g in segments]
        else:
            found.append(Passage(block, 0, len(block.text), declared_at(block, doc, 0), ctx.langid.guess(block)))
    ctx._regional_passages = found
    return found


def same_language(declared: str | None, detected: str | None) -> bool:
    if not declared or not detected:
        return False
    if is_french(declared) or is_french(detected):
        return is_french(declared) and is_french(detected)
    return primary(declared) == primary(detected) or declared.lower().startswith(detected.lower())


def word_shares(doc, ctx, min_confidence: float = 0.5) -> dict[str, float]:
    counts: Counter = Counter()
    for passage in passages(doc, ctx):
        counts[passage.language(min_confidence) or UNIDENTIFIED_DOC] += passage.words
    counts.pop(UNIDENTIFIED_DOC, None)
    total = sum(counts.values())
    return {tag: round(n / total, 3) for tag, n in counts.most_common() if n} if total else {}


UNIDENTIFIED_DOC = "\0"  # no lang declared anywhere and nothing detected: left out of the shares


def _uses_langid(ctx) -> bool:
    registry_ = getattr(ctx, "registry", None)
    enabled = getattr(ctx, "enabled_rules", set())
    return bool(registry_) and any("langid" in registry_.rules[r].needs for r in enabled if r in registry_.rules)


@metric(needs={"langid"})
def regional_shares(doc, ctx) -> dict:
    """metrics["regional.shares"]: share of words per language ("und": regional, not identified).
    Computed only when a rule that needs language identification is enabled (no model load otherwise)."""
    if not _uses_langid(ctx):
        return {}
    return {"regional.shares": word_shares(doc, ctx)}


def span_of(passage: Passage) -> tuple[int, int] | None:
    """Where the passage is in its block; None when it is the whole block."""
    if passage.start == 0 and passage.end >= len(passage.block.text):
        return None
    return passage.start, passage.end
