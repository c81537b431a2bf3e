"""Text helpers of the gender pack, kept free of the runner so they are easy to test:

- the person-noun lexicon (rules/gender/data/person-nouns.yml) and one regex over all its forms;
- masking of URLs, e-mail addresses, abbreviations and numbers (offsets are kept);
- spans of quotations and legal titles, and institution names before a noun;
- abbreviated inclusive forms (point médian and look-alikes, dots, parentheses, slashes, hyphens,
  capitals): detection on raw text and expansion into a full doublet.

Everything works on raw block text: spaCy splits or mis-tags abbreviated forms (reference §7).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import WORD

DATA = Path(__file__).resolve().parent.parent / "rules" / "gender" / "data"
ORDERS = ("alphabetical", "feminine-first", "masculine-first")
POLICIES = ("warn", "error", "allow-point-median")

# ---- lexicon ----------------------------------------------------------------------------------

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


def _plural_word(word: str) -> str:
    if "-" in word:
        return "-".join(p if p in INVARIABLE_PREFIXES else _plural_word(p) for p in word.split("-"))
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
        out.append(word if stopped or word in INVARIABLE_PREFIXES else _plural_word(word))
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


# ---- masking ----------------------------------------------------------------------------------

MASKS = re.compile("|".join([
    r"\b(?:https?://|www\.)\S+",                                       # URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",                                   # e-mail addresses
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|org|net|eu|gouv|bzh|info|io|be|ch|re|paris|corsica|alsace|"
    r"eus|cat|ovh|pdf|docx?|odt|ods|xlsx?|png|jpe?g|html?|php|zip)\b(?:/\S*)?",  # domains, files
    r"\bc\.\s?-?à-d\.?|\bc-à-d\b|\bp\.\s?ex\.|\betc\.|\bcf\.|\bn[°o]\s?",  # abbreviations
    r"\b(?:M|MM|Mme|Mmes|Dr|Pr|Me|St|Ste|av|bd|apr|J\.-C|L|R|D)\.",
    r"\b(?:[A-Z]\.){2,}",                                              # initials, acronyms with dots
    r"\d+(?:[.,:/h-]\d+)*",                                            # numbers, dates, times
]))
MASK_CHAR = "\x1a"


@lru_cache(maxsize=4096)
def mask(text: str) -> str:
    """The text with URLs, e-mails, file names, abbreviations and numbers blanked out (same
    length, so offsets stay valid)."""
    return MASKS.sub(lambda m: MASK_CHAR * len(m.group(0)), text)


# ---- quotations, legal titles, institution names ----------------------------------------------

# A « opened and not closed in a block runs to its end (a quotation of several paragraphs opens
# each one with « and closes only the last); the straight and single quotes must close.
QUOTES = re.compile(r"«[^»]*(?:»|$)|“[^”\"]*[”\"]|\"[^\"\n]*\"|„[^“”]*[“”]|‹[^›]*›|‘[^‘]*?’(?!\w)")
LEGAL = re.compile(
    r"\b(?:loi|décret|ordonnance|arrêté|circulaire|directive|règlement|délibération)\s+"
    r"(?:n[°o]|organique|préfectoral|municipal|ministériel|du\s+\d|relati|portant|pour|visant|\d)"
    r"|\bloi\s+(?:d['’]|de\s|(?-i:[A-ZÀ-Ý«\"“]))"  # loi d'orientation des mobilités, loi Climat et résilience
    r"|\barticles?\s+(?:[LRD]\.?\s*)?\d"
    r"|\bCode\s+(?:général|électoral|civil|pénal|de|du|des)", re.IGNORECASE)
# A work cited by its title: a noun for a work, then a capital ("le guide Les droits des usagers").
WORK = re.compile(
    r"\b(?:guide|rapport|livre|ouvrage|roman|film|documentaire|spectacle|pièce|exposition|brochure|magazine"
    r"|journal|revue|émission|podcast|série|album|chanson|dossier|programme|plan|label|dispositif)\s+"
    r"(?-i:[A-ZÀ-Ý«\"“])", re.IGNORECASE)
WORK_TITLE_WORDS = 8  # a title in running text has no end mark: at most this many words are skipped
LEGAL_END = re.compile(r"[;:!?()]|\.(?:\s+[A-ZÉÈ«]|\s*$)|,\s")
INSTITUTION_HEADS = {
    "maison", "conseil", "comité", "association", "union", "fédération", "assemblée", "collectif",
    "syndicat", "amicale", "club", "observatoire", "office", "caisse", "chambre", "ordre", "académie",
    "cercle", "conférence", "commission", "haut", "défenseur", "fête", "forum", "espace", "centre",
    "point", "relais", "bureau", "service", "direction", "agence", "institut", "école", "université",
    "fondation", "mutuelle", "cour", "tribunal", "charte", "code", "guide", "statut", "carte", "fonds",
    "prix", "trophées", "salon", "festival", "rencontres", "semaine", "journée", "mois", "place", "rue",
    "parvis", "square", "allée", "avenue", "boulevard", "impasse", "parc", "jardin", "salle", "stade",
    "foyer", "résidence", "banque", "groupement", "réseau", "collège", "lycée", "déclaration", "ligue",
}
NAME_BEFORE = re.compile(
    r"(?<!\w)([A-ZÀ-Ý][\w'’-]*)(?:\s+[a-zà-ÿ-]+(?:al|ale|aux|el|elle|aire|ien|ienne|ique|if|ive|ain|aine"
    r"|ais|aise|é|ée|ier|ière|ois|oise|eur))?\s+$")


def spans(regex: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def quote_spans(text: str, continued: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """The quotations of a block, and whether a « is still open at its end. `continued`: the block
    before left a « open, so this block is quoted up to its first » (when no « comes first)."""
    found = spans(QUOTES, text)
    if continued:
        close, reopen = text.find("»"), text.find("«")
        if close >= 0 and (reopen < 0 or close < reopen):
            found.append((0, close + 1))
    still_open = text.rfind("«") > text.rfind("»")
    return found, still_open


def title_spans(text: str, marked: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """From a legal reference (loi n°, décret du, loi d'orientation…, article L. 2121-1, Code
    électoral) to the end of its title (next comma, semicolon, bracket or sentence end); and the
    title of a cited work ("le guide Les droits des usagers"): to the end of the `marked` span it
    starts (an element such as <cite> or <i>), else at most WORK_TITLE_WORDS words."""
    found = []
    for m in LEGAL.finditer(text):
        end = LEGAL_END.search(text, m.end())
        found.append((m.start(), end.start() if end else len(text)))
    for m in WORK.finditer(text):
        title = m.end() - 1
        stop = next((e for s, e in marked if s <= title < e), None)
        if stop is None:
            end = LEGAL_END.search(text, m.end())
            stop = end.start() if end else len(text)
            words = list(WORD.finditer(text, title, stop))
            if len(words) > WORK_TITLE_WORDS:
                stop = words[WORK_TITLE_WORDS - 1].end()
        found.append((m.start(), stop))
    return found


def inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


NAME_LINKS = {"des", "de", "du", "d'", "d’", "pour", "aux"}


def after_institution_name(text: str, start: int) -> bool:
    """Is the determiner at `start` part of a proper name such as "Maison des habitants",
    "Conseil municipal des jeunes" or "Charte des droits des usagers"? The head word is
    capitalised and either is a usual head of institution names (up to five words back, with no
    punctuation between, followed by de/des/du/pour/aux) or does not start the sentence."""
    clause = re.split(r"[,;:.!?()«»\"“”]", text[:start])[-1]
    determiner = re.match(r"\w+", text[start:])
    words = re.findall(r"[\w-]+|['’]", clause)[-6:] + ([determiner.group(0)] if determiner else [])
    for word, following in zip(words, words[1:]):
        if word[:1].isupper() and word.lower() in INSTITUTION_HEADS and following.lower() in NAME_LINKS:
            return True
    m = NAME_BEFORE.search(text[:start])
    if not m:
        return False
    head = m.group(1)
    if head.lower() in INSTITUTION_HEADS:
        return True
    before = text[:m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:;…»\"“"


ORGANISATION_NAMED = re.compile(
    r"\s*(?:\(\s*|,?\s*(?:comme|tels?\s+que|notamment|dont|à\s+savoir)\s+|:\s*)?"
    r"(?:[A-Z]{2,}\b|[A-ZÀ-Ý][a-zà-ÿ]+)")


def names_organisations(sentence: str, head: str, after_head: int) -> bool:
    """Does a plural of `head` (a noun that often names organisations: opérateur, fournisseur,
    transporteur…) name organisations here rather than people? Yes when a complement right after
    the word says so ("de l'État", "publics", "de compétences", "d'énergie"), when an organisation
    is named right after it (an acronym or a capitalised name, in brackets or after "comme",
    "tels que", "notamment"), or when the sentence speaks of organisations ("entreprises",
    "l'État", "la Région"). spaCy's entity recogniser is not loaded (engines/nlp.py), so names are
    seen by their capitals. `after_head` is the offset in `sentence` just after the head word."""
    lex = lexicon()
    if head not in lex.organisation_nouns:
        return False
    rest = sentence[after_head:]
    return bool(lex.organisation_after.match(rest) or ORGANISATION_NAMED.match(rest)
                or lex.organisation_words.search(sentence))


# ---- abbreviated inclusive forms --------------------------------------------------------------

# U+00B7 and its look-alikes: U+2027, U+22C5, U+2022, U+30FB, U+FF65, U+0387, U+16EB, U+2219
MIDDLE_DOTS = "·‧⋅•・･·᛫∙"
POINT_MEDIAN = "·"
FEMININE_ENDINGS = [
    "trice", "rice", "ice", "euse", "eure", "ière", "ère", "ienne", "enne", "nne", "ale", "elle", "lle",
    "ette", "esse", "sse", "tte", "te", "se", "ve", "ne", "le", "ée", "e",
]
_FEM = "|".join(f"{e}s|{e}" for e in FEMININE_ENDINGS)
_LETTERS = "a-zà-ÿœæ"
_STEM = rf"[{_LETTERS}A-ZÀ-Ý][{_LETTERS}'’-]*[{_LETTERS}]"
_SEP = rf"[{MIDDLE_DOTS}.]"
NOT_STEMS = {"la", "le", "il", "ils", "un", "une", "du", "de", "ce", "cet", "cette", "celui", "ceux", "les",
             "et", "ou", "a", "elle", "elles", "se", "ne", "que", "qui"}
ABBREVIATED = re.compile("|".join([
    # citoyen·ne·s, agent.e.s, conseiller·ères, électeur‧rice‧s, tou·te·s
    rf"(?<![\w{MIDDLE_DOTS}.@/-])(?P<d_stem>{_STEM})(?P<d_sep>{_SEP})(?P<d_fem>{_FEM})"
    rf"(?:(?P=d_sep)(?P<d_pl>s|x))?(?![\w{MIDDLE_DOTS}@/])(?!\.\w)",
    # ÉLECTEUR·RICE·S in capitals (middle dots only: capitals with dots are acronyms)
    rf"(?<![\w{MIDDLE_DOTS}])(?P<u_stem>[A-ZÀ-Ý]{{2,}})(?P<u_sep>[{MIDDLE_DOTS}])"
    rf"(?P<u_fem>{_FEM.upper()})(?:(?P=u_sep)(?P<u_pl>S|X))?(?![\w{MIDDLE_DOTS}])",
    # candidat(e)s, inscrit(e)(s), électeur(rice)s
    rf"(?<![\w(])(?P<p_stem>{_STEM})\((?P<p_fem>{_FEM})\)(?P<p_pl>s|\(s\))?(?!\w)",
    # assesseur/e/s, candidat/e
    rf"(?<![\w/])(?P<s_stem>{_STEM})/(?P<s_fem>{_FEM})(?:/(?P<s_pl>s))?(?![\w/])",
    # électeur-rice-s, candidat-e-s (stricter: a hyphen also joins real compounds)
    rf"(?<![\w-])(?P<h_stem>[{_LETTERS}]{{3,}})-(?P<h_fem>trices?|rices?|euses?|ères?|ières?|nes|ne|es|e)"
    rf"(?:-(?P<h_pl>s))?(?![\w-])",
    # citoyenNEs, éluEs, électeurRICEs
    rf"(?<![\w])(?P<c_stem>[{_LETTERS}]{{2,}})(?P<c_fem>TRICES?|RICES?|EUSES?|ÈRES?|ERES?|NNES?|NES?|ES?)"
    rf"(?P<c_pl>s?)(?![\w])",
    # iel, toustes, celleux
    r"(?<![\w])(?P<neo>[Ii]els?|[Ii]elles?|[Tt]oustes|[Cc]elleux|[Cc]eulles|[Ee]lleux|[Cc]ellui)(?![\w])",
]))
NEOLOGISMS = {
    "iel": ("elle", "il", "ou"), "iels": ("elles", "ils", "ou"), "ielle": ("elle", "il", "ou"),
    "ielles": ("elles", "ils", "ou"), "toustes": ("toutes", "tous", "et"), "celleux": ("celles", "ceux", "et"),
    "ceulles": ("celles", "ceux", "et"), "elleux": ("elles", "eux", "et"), "cellui": ("celle", "celui", "ou"),
}


@dataclass
class Abbreviated:
    start: int
    end: int
    text: str
    style: str  # median | lookalike | dot | parenthesis | slash | hyphen | capitals | neologism
    feminine: str
    masculine: str
    joiner: str = "et"
    parts: tuple[str, str, bool] | None = None  # (stem, feminine ending, plural) as written

    def expanded(self, order: str) -> str:
        first, second = ordered(self.feminine, self.masculine, order)
        return capitalise_like(self.text, f"{first} {self.joiner} {second}")


def _feminine(masc: str, ending: str) -> str:
    """The feminine singular built from a masculine singular and the written feminine ending."""
    if ending in ("trice", "rice", "ice") and masc.endswith("teur"):
        return masc[:-4] + "trice"
    if ending in ("rice", "ice", "trice") and masc.endswith("eur"):
        return masc[:-3] + ("trice" if ending == "trice" else "rice")
    if ending == "euse" and masc.endswith("eur"):
        return masc[:-3] + "euse"
    if ending == "ière" and masc.endswith("ier"):
        return masc[:-3] + "ière"
    if ending == "ère" and masc.endswith("er"):
        return masc[:-2] + "ère"
    if ending == "se" and masc.endswith("eux"):
        return masc[:-1] + "se"
    if ending == "ve" and masc.endswith("f"):
        return masc[:-1] + "ve"
    if ending in ("ale",) and masc.endswith("al"):
        return masc + "e"
    if ending in ("nne", "enne", "ienne") and masc.endswith("n"):
        return masc + "ne"
    if ending in ("lle", "elle") and masc.endswith("l"):
        return masc + "le"
    if ending in ("tte", "ette") and masc.endswith("t"):
        return masc + "te"
    if ending in ("sse", "esse") and masc.endswith("e"):
        return masc + "sse"
    if ending == "ée" and masc.endswith("é"):
        return masc + "e"
    if ending == "eure" and masc.endswith("eur"):
        return masc + "e"
    if ending == "e" and masc.endswith("e"):
        return masc
    return masc + ending


def gender_pair(a: str, b: str) -> tuple[str, str] | None:
    """(feminine, masculine) when `a` and `b` are the two genders of one word, in either order
    ("certains" / "certaines", "un" / "une", "ce" / "cette"): the feminine is the masculine with a
    feminine ending, built as for abbreviated forms; a plural feminine needs a plural masculine."""
    for masc, fem in ((a, b), (b, a)):
        low_m, low_f = masc.lower(), fem.lower()
        if low_m == low_f:
            continue
        if low_f.endswith("s"):
            if not low_m.endswith(("s", "x")):
                continue
            singulars = {low_m[:-1], low_m, low_m[:-3] + "al"}  # certains, heureux, principaux
            low_f = low_f[:-1]
        else:
            singulars = {low_m}
        if any(_feminine(m, ending) == low_f for m in singulars for ending in FEMININE_ENDINGS):
            return fem, masc
    return None


def expand(stem: str, fem: str, plural_mark: str | None) -> tuple[str, str]:
    """(feminine, masculine) written in full: ("citoyen", "ne", "s") -> ("citoyennes", "citoyens")."""
    fem = fem.lower()
    plural = bool(plural_mark)
    if stem.isupper():
        stem = stem.lower()
    if stem[:1].isupper() and stem[1:2].islower():  # sentence start: the doublet is capitalised later
        stem = stem[0].lower() + stem[1:]
    if fem.endswith("s") and fem[:-1] in FEMININE_ENDINGS:
        fem, plural = fem[:-1], True
    masc = stem
    lower = stem.lower()
    if lower == "tou":  # tou·te·s
        return ("toutes", "tous") if plural else ("toute", "tout")
    if lower.endswith("aux") and fem.startswith("al"):
        masc, plural = stem[:-3] + "al", True
    elif lower.endswith(("s", "x")) and len(lower) > 3 and not lower.endswith(("eux", "ais", "ois")):
        masc, plural = stem[:-1], True
    known = [f.noun for f in form_of(masc) if f.gender == "m" and not f.plural]
    feminine = known[0].f if known else _feminine(masc, fem)
    if plural:
        return feminine + "s", _plural_word(masc)
    return feminine, masc


STYLES = {"d": None, "u": None, "p": "parenthesis", "s": "slash", "h": "hyphen", "c": "capitals"}


@lru_cache(maxsize=4096)
def find_abbreviated(text: str) -> tuple[Abbreviated, ...]:
    """Abbreviated inclusive forms in `text`, found on the masked text (no URL, e-mail,
    abbreviation or number can match)."""
    masked = mask(text)
    found = []
    for m in ABBREVIATED.finditer(masked):
        if m.group("neo"):
            fem, masc, joiner = NEOLOGISMS[m.group("neo").lower()]
            found.append(Abbreviated(m.start(), m.end(), m.group(0), "neologism", fem, masc, joiner))
            continue
        prefix = next(p for p in STYLES if m.group(f"{p}_stem"))
        stem, fem, plural = m.group(f"{prefix}_stem"), m.group(f"{prefix}_fem"), m.group(f"{prefix}_pl")
        if stem.lower() in NOT_STEMS or MASK_CHAR in m.group(0):
            continue
        style = STYLES[prefix]
        if prefix in ("d", "u"):
            sep = m.group(f"{prefix}_sep")
            style = "median" if sep == POINT_MEDIAN else "dot" if sep == "." else "lookalike"
        feminine, masculine = expand(stem, fem, plural)
        parts = (text[m.start(f"{prefix}_stem"):m.end(f"{prefix}_stem")], fem.lower(), bool(plural))
        found.append(Abbreviated(m.start(), m.end(), text[m.start():m.end()], style, feminine, masculine,
                                 parts=parts))
    return tuple(found)


def to_point_median(form: Abbreviated) -> str | None:
    """The same form written with U+00B7 only (for `allow-point-median`)."""
    if form.style in ("median", "neologism") or form.parts is None:
        return None
    stem, fem, plural = form.parts
    return f"{stem}{POINT_MEDIAN}{fem}" + (f"{POINT_MEDIAN}s" if plural else "")
