"""Text helpers of the `falc` pack that need no spaCy: French number words, dates, Roman
numerals, capitals and acronyms. Kept apart from the falc checks (checks/falc/) so they can be
tested alone."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path

import yaml

from .readability import zipf

FIRST_NAMES = Path(__file__).resolve().parent.parent / "rules" / "gender" / "data" / "first-names.yml"

# ---- numbers written in letters -------------------------------------------------------------------
NUMBER_WORDS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
    "million": 1_000_000, "millions": 1_000_000, "milliard": 10**9, "milliards": 10**9,
}
# Alone, these are rather an article or an adjective (« un dossier », « un vélo neuf »).
NOT_ALONE = {"un", "une", "neuf", "zéro"}
_NUMBER_RUN = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:(?:[\s-]+et[\s-]+|[\s-]+)(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))*(?![\w-])",
    re.IGNORECASE)


def number_value(words: list[str]) -> int:
    """French number words -> integer: « quatre-vingt-dix-sept » -> 97, « deux mille six » -> 2006."""
    total, current = 0, 0
    for word in words:
        value = NUMBER_WORDS[word]
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        elif value == 20 and current % 100 == 4:  # quatre-vingt(s)
            current += 76
        else:
            current += value
    return total + current


def spelled_numbers(text: str):
    """(start, end, value) for numbers written in letters, outside « pour cent »."""
    for m in _NUMBER_RUN.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m.group(0).lower()) if w and w != "et"]
        if len(words) == 1 and words[0] in NOT_ALONE or all(NUMBER_WORDS[w] >= 10**6 for w in words):
            continue  # « un dossier », « 3 millions »: an article, a unit after digits
        if words in (["cent"], ["cents"]) and re.search(r"pour\s*$", text[:m.start()], re.I):
            continue  # « pour cent » is the percentages rule's business
        yield m.start(), m.end(), number_value(words)


def digits(value: int) -> str:
    """12500 -> « 12 500 » (French thousands separator, a narrow no-break space would be invisible)."""
    return f"{value:,}".replace(",", " ")


# ---- dates --------------------------------------------------------------------------------------
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DM = re.compile(r"(?<![\d/.])(\d{2})/(\d{2})(?![\d/])")


def full_date(date: datetime.date, with_year: bool = True) -> str:
    day = "1er" if date.day == 1 else str(date.day)
    text = f"{WEEKDAYS[date.weekday()]} {day} {MONTHS[date.month - 1]}"
    return f"{text} {date.year}" if with_year else f"{day} {MONTHS[date.month - 1]}"


def numeric_dates(text: str):
    """(start, end, suggestion) for dates written with digits only."""
    taken = []
    for m in _DMY.finditer(text):
        year = int(m.group(4))
        year += 2000 if len(m.group(4)) == 2 else 0
        date = _date(year, int(m.group(3)), int(m.group(1)))
        if date:
            taken.append(m.span())
            yield m.start(), m.end(), full_date(date)
    for m in _ISO.finditer(text):
        date = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date:
            taken.append(m.span())
            yield m.start(), m.end(), full_date(date)
    for m in _DM.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        date = _date(2000, int(m.group(2)), int(m.group(1)))  # a leap year, so 29/02 is valid
        if date:
            yield m.start(), m.end(), full_date(date, with_year=False)


def _date(year, month, day) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# ---- Roman numerals ------------------------------------------------------------------------------
_ROMAN = re.compile(r"(?<![\w.])(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
                    r"(e|er|ère|ème|es)?(?![\w'’-])")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Where a single letter is a numeral: « Louis V », « chapitre X », « Ve République ».
_ROMAN_CONTEXT = re.compile(r"(?:chapitre|titre|article|tome|livre|partie|acte|annexe|louis|henri|"
                            r"charles|napoléon|jean-paul|benoît|pie|françois|philippe)\s*$", re.I)


_ROMAN_NOUN = re.compile(r"\s+(?:siècle|république|millénaire|arrondissement|régiment|circonscription|"
                         r"dynastie|congrès|édition|session)", re.I)


def roman_value(numeral: str) -> int:
    total = 0
    for cur, nxt in zip(numeral, numeral[1:] + " "):
        value = ROMAN_VALUES[cur]
        total += -value if nxt != " " and ROMAN_VALUES[nxt] > value else value
    return total


def roman_numerals(text: str, ignore: set[str]):
    """(start, end, suggestion) for Roman numerals: « XXIe siècle » -> « 21e siècle »."""
    for m in _ROMAN.finditer(text):
        numeral, suffix = m.group(1), m.group(2) or ""
        if not numeral or numeral in ignore:
            continue
        if len(numeral) == 1 and not _ROMAN_CONTEXT.search(text[:m.start()]) and not (
                suffix and numeral in "IVX" and _ROMAN_NOUN.match(text[m.end():])):
            continue  # « M. », « Le », a lone « V » or « X »: not enough to tell
        if len(numeral) == 1 and not suffix and text[m.end():m.end() + 1] == ".":
            continue  # « M. Durand », « article L. 2122-22 »: abbreviations
        value = roman_value(numeral)
        suffix = {"er": "er", "ère": "re", "": ""}.get(suffix, "e")
        yield m.start(), m.end(), f"{value}{suffix}"


# ---- capitals and acronyms -----------------------------------------------------------------------
_UPPER_WORD = re.compile(r"(?<![\w])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9]*(?:['’-][A-ZÀ-ÖØ-Þ0-9]+)*(?![\w])")
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}(?!\w)")


def _letters(token: str) -> int:
    return sum(c.isalpha() for c in token)


def is_shouted_word(token: str) -> bool:
    """A common word written in capitals (MAIRIE, URGENT), as opposed to an acronym (CCAS, SNCF)."""
    word = re.sub(r"\d", "", token)
    return (_letters(word) >= 4 and any(c in "AEIOUYÀÂÉÈÊËÎÏÔÙÛ" for c in word)
            and zipf(word.lower()) >= 4.0)


def upper_tokens(text: str):
    return [m for m in _UPPER_WORD.finditer(text) if _letters(m.group(0)) >= 2]


# ---- names in capitals: surnames (French convention) and place names -------------------------------
_CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Dr|Pr|Monsieur|Madame|Mademoiselle|Maître|Docteur)"
_TITLE_WORD = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)*"
_CAPS = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]*[A-ZÀ-ÖØ-Þ]"
_CAPS_RUN = rf"{_CAPS}(?:\s+{_CAPS})*"
# « Mme Charlotte CACHOT », « M. DURAND » ; « Jean-Pierre JEANROY » ; « JEANROY Jean-Pierre » ;
# « 29200 BREST CEDEX », « commune de PLOUGERNE », « à SAINT-HERBLON » (La Poste writes towns in capitals)
_AFTER_CIVILITY = re.compile(rf"(?<!\w){_CIVILITY}\s+(?:{_TITLE_WORD}\s+)*(?P<caps>{_CAPS_RUN})")
_AFTER_FIRST = re.compile(rf"(?<![\w-])(?P<first>{_TITLE_WORD})\s+(?P<caps>{_CAPS_RUN})")
_BEFORE_FIRST = re.compile(rf"(?<![\w-])(?P<caps>{_CAPS})\s+(?P<first>{_TITLE_WORD})(?![\w-])")
_PLACE = re.compile(rf"(?:(?<!\d)\d{{5}}|\b(?i:commune|ville|mairie|village|bourg|quartier|lieu-dit)\s+(?:de|d['’])|"
                    rf"(?<!\w)à)\s*(?P<caps>{_CAPS_RUN})")
_HYPHENATED_PLACE = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ]{2,})+(?![\w-])")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name -> "f", "m" or "?" (both), from the gender pack's list (the pack that counts
    people); the falc pack reads it too, to tell a surname in capitals from an acronym."""
    data = yaml.safe_load(FIRST_NAMES.read_text(encoding="utf-8"))
    names = {n: "f" for n in data["women"]}
    names.update({n: "m" for n in data["men"]})
    names.update({n: "?" for n in data["both"]})
    return names


@lru_cache(maxsize=1)
def first_names_upper() -> frozenset[str]:
    """First names in capitals (JEAN, JEAN-PIERRE)."""
    return frozenset(name.upper() for name in first_names())


def _is_first_name(word: str, names: set[str]) -> bool:
    return word.upper() in names or all(part in names for part in word.upper().split("-"))


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of names written in capitals: surnames (after a civility or next to a first name, or
    a first name and surname both in capitals: « JEAN FOYER ») and place names (after a postcode,
    « commune de », « à », or hyphenated: SAINT-HERBLON). Not acronyms, not text to rewrite."""
    names = first_names_upper()
    spans = [m.span("caps") for m in _AFTER_CIVILITY.finditer(text)]
    spans += [m.span("caps") for pattern in (_AFTER_FIRST, _BEFORE_FIRST) for m in pattern.finditer(text)
              if _is_first_name(m.group("first"), names)]
    spans += [m.span("caps") for m in _PLACE.finditer(text)]
    spans += [m.span() for m in _HYPHENATED_PLACE.finditer(text)
              if all(re.search(r"[AEIOUYÀÂÉÈÊËÎÏÔÙÛ]", part) for part in m.group(0).split("-"))]
    for m in re.finditer(rf"(?<![\w-]){_CAPS_RUN}", text):  # « JEAN FOYER », « MARIE LE GALL »
        words = m.group(0).split()
        if 2 <= len(words) <= 4 and _is_first_name(words[0], names) and all(map(_in_surname, words[1:])):
            spans.append(m.span())
    return spans


SURNAME_PARTICLES = {"LE", "LA", "DE", "DU", "DES", "D'", "D’", "VAN", "BEN"}


def _in_surname(word: str) -> bool:
    """A surname's word or particle, not a very common word (« MARIE ET LES AUTRES » is a title)."""
    return word in SURNAME_PARTICLES or zipf(word.lower()) < 6.0


def _inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def shouted_runs(text: str, min_letters: int = 4):
    """(start, end) of text written in capitals: a common word in capitals, or a run of two or
    more words in capitals (« INSCRIPTION SUR LES LISTES »). Names in capitals are left out."""
    names = name_spans(text)
    tokens = [m for m in _UPPER_WORD.finditer(text) if _letters(m.group(0)) >= 1 and not _inside(names, *m.span())]
    runs, current = [], []
    for m in tokens:
        if current and re.fullmatch(r"[\s'’-]*", text[current[-1].end():m.start()]):
            current.append(m)
        else:
            if current:
                runs.append(current)
            current = [m]
    if current:
        runs.append(current)
    for run in runs:
        letters = sum(_letters(m.group(0)) for m in run)
        multi = sum(_letters(m.group(0)) >= 2 for m in run) >= 2
        if letters >= min_letters and (multi or any(is_shouted_word(m.group(0)) for m in run)):
            yield run[0].start(), run[-1].end()


def is_short_word(token: str) -> bool:
    """OUI, NON, ET: a very common word in capitals, too short for the capitals rule."""
    return _letters(token) < 4 and re.search("[AEIOUYÀÂÉÈÊËÎÏÔÙÛ]", token) is not None and zipf(token.lower()) >= 5.0


# « TSA 30719 », « CS 70001 », « BP 12 »: a postal box is part of an address, to copy as written.
_POSTAL_BOX = re.compile(r"(?<![\w-])(?:TSA|CS|BP)\s?\d{1,5}(?!\w)")


def acronyms(text: str):
    """(start, end, token) for acronyms: two or more capitals (CCAS, C.A.F.), not shouted words,
    not names (JEANROY after a first name, BREST after a postcode), not OUI/NON, not a postal box."""
    shouted = list(shouted_runs(text))
    names = name_spans(text) + [m.span() for m in _POSTAL_BOX.finditer(text)]
    for m in [*upper_tokens(text), *_DOTTED.finditer(text)]:
        token = m.group(0)
        if sum(c.isupper() for c in token) < 2 or any(s <= m.start() < e for s, e in shouted):
            continue
        if _inside(names, *m.span()) or is_short_word(token):
            continue
        if _ROMAN.fullmatch(token) and _ROMAN.fullmatch(token).group(1):
            continue  # the Roman numerals rule
        yield m.start(), m.end(), token


# « Commission intercommunale des impôts directs – CIID », « … (CIID) », « CIID (Commission …) »
SMALL_WORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "en", "pour", "sur", "par"}
_SEPARATOR = r"[\s(–—:,-]*"


def _initials(words: list[str], with_small: bool) -> str:
    return "".join(w[0] for w in words if with_small or w.lower() not in SMALL_WORDS).upper()


def expanded_by_initials(token: str, text: str) -> bool:
    """Is the acronym written out next to it, its words' initials spelling it (small words such as
    « de », « des », « d' » may count or not)?"""
    letters = token.replace(".", "").upper()
    for m in re.finditer(rf"(?<![\w.]){re.escape(token)}(?!\w)", text):
        before = re.search(rf"((?:[\w]+[\s'’-]+)+?[\w]+){_SEPARATOR}$", text[max(0, m.start() - 300):m.start()])
        after = re.match(rf"{_SEPARATOR}((?:[\w]+[\s'’-]*)+)", text[m.end():m.end() + 300])
        for words, tail in ((re.split(r"[\s'’-]+", before.group(1)) if before else [], True),
                            (re.split(r"[\s'’-]+", after.group(1).strip()) if after else [], False)):
            for with_small in (False, True):
                initials = _initials([w for w in words if w], with_small)
                if initials and (initials.endswith(letters) if tail else initials.startswith(letters)):
                    return True
    return False


def expanded_by_start(token: str, text: str) -> bool:
    """« FR - Français », « EN : English »: the word right after the code starts with its letters
    (a language selector writes each code out this way)."""
    t = re.escape(token)
    return re.search(rf"(?<![\w.]){t}\s*[-–—:]\s*(?i:{t})\w+", text) is not None
