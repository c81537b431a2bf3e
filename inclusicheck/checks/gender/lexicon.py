"""The gender pack's person-noun lexicon (rules/gender/data/person-nouns.yml): its nouns and all their
forms, the forms found in a text (a word scan, not a regex), and doublets written in the order of
the convention (setting gender.doublet_order)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .. import WORD

DATA = Path(__file__).resolve().parent.parent.parent / "rules" / "gender" / "data"

# ---- the lexicon ----------------------------------------------------------------------------------

STOP_WORDS = {"de", "du", "des", "à", "au", "aux", "en", "pour", "sur", "chez", "et", "la", "le"}
INVARIABLE_PREFIXES = {"vice", "sous", "ex", "non", "demi", "mi", "co", "primo", "télé", "néo", "proche"}


@dataclass(frozen=True)
class Noun:
    m: str
    f: str
    mp: str
    fp: str


@dataclass(frozen=True)
class Form:
    noun: Noun
    gender: str  # "m" | "f"
    plural: bool


@dataclass
class Lexicon:
    pairs: list[Noun]
    epicene: set[str]
    collective: dict[str, list[str]]
    contested: dict[str, str]
    not_persons: re.Pattern  # expressions where a person noun names a thing ("lecteurs d'écran")
    forms: dict[str, list[Form]]  # lower-case written form -> what it can be
    longest: dict[str, int]  # first word of a form -> the most words a form starting with it has
    organisation_nouns: set[str]  # nouns whose plural often names organisations ("les opérateurs")
    organisation_after: re.Pattern  # a complement after such a noun that says so ("de l'État")
    organisation_words: re.Pattern  # words of a sentence that speak of organisations ("entreprises")


def plural_word(word: str) -> str:
    if "-" in word:
        return "-".join(p if p in INVARIABLE_PREFIXES else plural_word(p) for p in word.split("-"))
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "eu")):
        return word + "x"
    return word + "s"


def pluralise(phrase: str) -> str:
    """Plural of a noun phrase: its words up to the first preposition ("agents d'accueil",
    "conseillers municipaux", "directeurs généraux des services")."""
    out, stopped = [], False
    for word in phrase.split(" "):
        stopped = stopped or word in STOP_WORDS or word[:2] in ("d'", "l'", "d’", "l’")
        out.append(word if stopped or word in INVARIABLE_PREFIXES else plural_word(word))
    return " ".join(out)


def _parse_pair(line: str) -> Noun:
    singular, _, plural = line.partition("|")
    m, f = (s.strip() for s in singular.split("/"))
    if plural.strip():
        mp, fp = (s.strip() for s in plural.split("/"))
    else:
        mp, fp = pluralise(m), pluralise(f)
    return Noun(m, f, mp, fp)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.safe_load((DATA / "person-nouns.yml").read_text(encoding="utf-8"))
    pairs = [_parse_pair(line) for line in data["pairs"]]
    forms: dict[str, list[Form]] = {}
    for noun in pairs:
        for text, gender, plural in ((noun.m, "m", False), (noun.f, "f", False),
                                     (noun.mp, "m", True), (noun.fp, "f", True)):
            forms.setdefault(text.lower(), []).append(Form(noun, gender, plural))
    longest: dict[str, int] = {}
    for text in forms:
        words = text.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    not_persons = re.compile("|".join(f"(?:{p})" for p in data["not_persons"]), re.IGNORECASE)
    organisations = data["organisations"]
    after = re.compile(r"\s+(?:" + "|".join(organisations["complements"]) + ")", re.IGNORECASE)
    return Lexicon(pairs, set(data["epicene"]), data["collective"], data["contested"], not_persons, forms, longest,
                   set(organisations["nouns"]), after, _whole_words(organisations["sentence_words"]))


def alternation(words) -> str:
    """A regex alternation of `words`, longest first, any apostrophe and any white space."""
    return "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
                    for w in sorted(set(words), key=len, reverse=True))


def _whole_words(words: list[str]) -> re.Pattern:
    """Any of `words` as a whole word; a lower-case word also matches with a capital first."""
    variants = list(words) + [w[0].upper() + w[1:] for w in words if w[0].islower()]
    return re.compile(rf"(?<![\w-])(?:{alternation(variants)})(?![\w'’-])")  # "l'État" too


def form_of(text: str) -> list[Form]:
    return lexicon().forms.get(" ".join(text.lower().replace("’", "'").split()), [])


@dataclass(frozen=True)
class FormMatch:
    """A lexicon form found in a text (the subset of re.Match that the checks use)."""
    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.text


def find_forms(text: str) -> list[FormMatch]:
    """Every lexicon form in `text`, longest first at each word, without overlaps. A word scan with
    a dictionary: a regex alternation of 1,700 forms is ten times slower."""
    lex = lexicon()
    words = [(m.start(), m.end(), m.group(0).lower().replace("’", "'")) for m in WORD.finditer(text)]
    found, i = [], 0
    while i < len(words):
        size = min(lex.longest.get(words[i][2], 0), len(words) - i)
        while size:
            key = " ".join(w for _, _, w in words[i:i + size])
            if key in lex.forms:
                start, end = words[i][0], words[i + size - 1][1]
                found.append(FormMatch(start, end, text[start:end]))
                break
            size -= 1
        i += size or 1
    return found


# ---- ordering of doublets ---------------------------------------------------------------------

def _sort_key(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def ordered(feminine: str, masculine: str, order: str) -> tuple[str, str]:
    """The two forms in the order of the convention (HCE 4: alphabetical)."""
    if order == "masculine-first":
        return masculine, feminine
    if order == "alphabetical" and _sort_key(masculine) < _sort_key(feminine):
        return masculine, feminine
    return feminine, masculine


PREPOSITIONS = {"de", "d'", "du", "des", "à", "au", "aux", "en", "pour", "chargé", "chargée"}


def doublet(feminine: str, masculine: str, order: str, joiner: str = "et") -> str:
    """The two forms joined, a shared complement said once: "les agentes et les agents d'accueil"."""
    first, second = ordered(feminine, masculine, order)
    a, b = first.split(" "), second.split(" ")
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    while shared and a[-shared].split("'")[0] + ("'" if "'" in a[-shared] else "") not in PREPOSITIONS:
        shared -= 1  # only a complement that starts with a preposition is shared
    if shared:
        tail = " ".join(a[-shared:])
        return f"{' '.join(a[:-shared])} {joiner} {' '.join(b[:-shared])} {tail}"
    return f"{first} {joiner} {second}"


def capitalise_like(model: str, text: str) -> str:
    if model[:1].isupper() and text[:1].islower():
        return text[0].upper() + text[1:]
    return text


def head_word(noun: Noun) -> str:
    """The noun's first word: "agent" for "agent d'accueil" (forms of one noun share it)."""
    return noun.m.split(" ")[0]


def has_feminine(sentence: str, head: str) -> bool:
    """Does the sentence already name the women of this group (pair logic, retext-equality `or`)?"""
    for m in find_forms(sentence):
        for form in form_of(m.group(0)):
            if form.gender == "f" and head_word(form.noun) == head:
                return True
    return False
