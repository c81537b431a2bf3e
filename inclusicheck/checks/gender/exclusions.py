"""Where a person noun of the gender pack is not a reader being left out: masked URLs, e-mail addresses,
abbreviations and numbers (offsets are kept); quotations, legal and work titles; institution names
before a noun; nouns naming organisations rather than people."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import WORD
from .lexicon import lexicon

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
