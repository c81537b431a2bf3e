"""Abbreviated inclusive forms (citoyen·ne·s, candidat(e)s, électeur-rice-s, iel...): detection on raw
text (masked: no URL, e-mail, abbreviation or number can match) and expansion into a full doublet."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .exclusions import MASK_CHAR, mask
from .lexicon import capitalise_like, form_of, ordered, plural_word

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
        return feminine + "s", plural_word(masc)
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
