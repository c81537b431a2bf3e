"""GEN-02 non-feminised titles and functions (« Madame le maire », « Présidente : Mme… ») and GEN-08 job
ads (a masculine title, an « H/F » mark)."""
from __future__ import annotations

import re
from functools import lru_cache

from ...document.dom import visible_text
from ...language.french import first_names
from ...model import Outcome
from .. import Hit, check
from .common import RECRUITMENT, french_blocks
from .inclusive_forms import find_abbreviated
from .lexicon import alternation, capitalise_like, doublet, find_forms, form_of, has_feminine, head_word, lexicon

FEMININE_ADJECTIVES = ["première", "nouvelle", "future", "ancienne", "jeune", "seule", "deuxième", "seconde"]
ORDINALS = {"premier": "première", "second": "seconde", "deuxième": "deuxième", "troisième": "troisième",
            "quatrième": "quatrième", "cinquième": "cinquième"}
NAME_WORDS = r"(?:(?:[A-ZÀ-Ý][\w'’-]+|de|du|des|d['’]|van|von|ben|el)\s+){0,3}[A-ZÀ-Ý][\w'’-]+"
VERB_HOMOGRAPHS = {"conseiller"}
LABEL_ORDINAL = r"\d+\s?(?:ème|eme|e|è|er|re|nd|nde)|(?i:premier|second|deuxième|troisième|quatrième|cinquième)"
# the person named after a label: a woman's civility, or a first name then a capital
LABEL_PERSON = r"(?P<civ>Madame|Mme)\b\.?\s|(?P<first>[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\s+[A-ZÀ-Ý]"
SLASHED = re.compile(r"[\w·]+/[\w·]+")  # "pour la conseiller": a pronoun and a verb, not a title


@lru_cache(maxsize=1)
def title_regexes() -> dict[str, re.Pattern]:
    lex = lexicon()
    contested = set(lex.contested)
    gendered = [n.m for n in lex.pairs if n.m.lower() != n.f.lower()]
    titles = [m for m in gendered if m.split(" ")[0].split("-")[0] not in contested]
    ordinals = alternation(ORDINALS)
    return {
        "civility": re.compile(
            rf"(?<![\w'’])(?P<civ>Madame|Mme|Mesdames|Mmes)\s+(?:(?P<det>le)\s+|(?P<el>l['’]))"
            rf"(?:(?P<ord>{ordinals})\s+)?(?P<role>{alternation(gendered + sorted(lex.epicene))})(?![\w-])",
            re.IGNORECASE),
        "apposition": re.compile(
            rf"(?<![\w'’])(?P<civ>Madame|Mme)\s+(?P<name>{NAME_WORDS})\s*,\s*"
            rf"(?P<role>{alternation(gendered)})(?![\w-])"),
        "first_name": re.compile(
            rf"(?<![\w'’])(?P<first>[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\s+(?P<name>{NAME_WORDS})\s*,\s*"
            rf"(?P<role>{alternation(gendered)})(?![\w-])"),
        "determiner": re.compile(
            rf"(?<![\w'’/])(?P<det>la|une|cette)\s+(?:(?P<ord>{alternation(FEMININE_ADJECTIVES)})\s+)?"
            rf"(?P<role>{alternation(titles)})(?![\w-])", re.IGNORECASE),
        # "Président : Mme Charlotte Cachot", "3ème adjoint : Anne-Marie Muninger": a label, a colon,
        # the person; the label starts the block or follows a separator
        "label": re.compile(
            rf"(?:^|(?<=[;:,•|–—.·]))\s*(?:(?P<ord>{LABEL_ORDINAL})\s+)?(?P<role>(?i:{alternation(gendered)}))"
            rf"\s*:\s*(?={LABEL_PERSON})"),
        # the same label alone in a table cell or a <dt>, the person in the next cell or <dd>
        "label_cell": re.compile(
            rf"(?:(?P<ord>{LABEL_ORDINAL})\s+)?(?P<role>(?i:{alternation(gendered)}))\s*:?"),
        "predicate": re.compile(
            rf"(?<![\w'’])(?P<head>(?:elle|[Ss]a (?:mère|sœur|fille|femme|épouse)|[Ll]a (?:jeune )?femme)\s+"
            rf"(?:est|était|sera|devient|reste|est devenue|a été nommée|sera nommée|est nommée)"
            rf"|(?:nommée|élue|désignée|promue|devenue|réélue|recrutée)(?:\s+au poste)?"
            rf"(?:\s+(?:de|d['’]))?)\s+"
            rf"(?P<role>{alternation(gendered)})(?![\w-])"),
    }


def _feminine_title(role: str) -> str | None:
    forms = [f for f in form_of(role) if f.gender == "m" and not f.plural]
    if forms:
        return capitalise_like(role, forms[0].noun.f)
    if role.lower() in lexicon().epicene:
        return role
    return None


def _abbreviated_spans(text: str) -> list[tuple[int, int]]:
    """Spans of abbreviated forms and slash doublets ("le/la candidat·e", "assistant(e)"): the
    abbreviated-form rules judge them, the title rules leave them alone."""
    return [(f.start, f.end) for f in find_abbreviated(text)] + [m.span() for m in SLASHED.finditer(text)]


def _not_abbreviated(matches, text):
    excluded = _abbreviated_spans(text)
    return [m for m in matches if not any(s < m.end() and m.start() < e for s, e in excluded)]


@check()
def title_feminine(doc, params, ctx):
    regexes = title_regexes()
    names = first_names()
    for block in french_blocks(doc):
        text = block.text
        for m in _not_abbreviated(regexes["predicate"].finditer(text), text):
            role = _feminine_title(m.group("role"))
            if role and role.lower() != m.group("role").lower():
                yield _title_hit(block, m, text[m.start():m.start("role")] + role, start=m.start("role"))
        for m in regexes["civility"].finditer(text):
            role = _feminine_title(m.group("role"))
            if role is None:
                continue
            ordinal = ORDINALS[m.group("ord").lower()] + " " if m.group("ord") else ""
            det = "l’" if m.group("el") and not ordinal else "la "
            fixed = f"{m.group('civ')} {det}{ordinal}{role}"
            yield _title_hit(block, m, fixed)
        for key in ("apposition", "first_name"):
            for m in regexes[key].finditer(text):
                if key == "first_name" and names.get(m.group("first")) != "f":
                    continue
                role = _feminine_title(m.group("role"))
                if role and role.lower() != m.group("role").lower():
                    hit = _title_hit(block, m, text[m.start():m.start("role")] + role, start=m.start("role"))
                    if key == "first_name":  # a first name only makes it likely: a person must look
                        hit.message_key, hit.outcome = "first-name", Outcome.REVIEW
                    yield hit
        yield from _label_hits(block, regexes, names)
        for m in _not_abbreviated(regexes["determiner"].finditer(text), text):
            role = m.group("role")
            if role.lower() in VERB_HOMOGRAPHS:
                continue
            feminine = _feminine_title(role)
            if feminine and feminine.lower() != role.lower():
                adjective = m.group("ord") + " " if m.group("ord") else ""
                yield _title_hit(block, m, f"{m.group('det')} {adjective}{feminine}")


LABEL_CELLS = {"td": ("td", "th"), "th": ("td", "th"), "dt": ("dd",)}


def _label_hits(block, regexes, names):
    """"Président : Mme Charlotte Cachot" in a line, a list item or a pair of cells: the label is
    the function of the woman named after it (by her civility; by a first name, only "review")."""
    text = block.text
    found = [(m, m) for m in _not_abbreviated(regexes["label"].finditer(text), text)]
    element = block.element
    if element is not None and element.tag in LABEL_CELLS:
        label = regexes["label_cell"].fullmatch(text)
        person = _next_cell_text(element, LABEL_CELLS[element.tag]) if label else ""
        found += [(label, p) for p in [re.match(LABEL_PERSON, person)] if p]
    for m, person in found:
        if person.group("first") and names.get(person.group("first")) != "f":
            continue
        role = _feminine_title(m.group("role"))
        if not role or role.lower() == m.group("role").lower():
            continue
        ordinal = m.group("ord")
        start = m.start("ord") if ordinal else m.start("role")
        fixed = (_feminine_ordinal(ordinal) + " " if ordinal else "") + role
        hit = Hit(block=block, span=(start, m.end("role")),
                  data={"match": text[start:m.end("role")], "suggestion": fixed}, suggestion=fixed)
        if person.group("first"):  # a first name only makes it likely: a person must look
            hit.message_key, hit.outcome = "first-name", Outcome.REVIEW
        yield hit


def _next_cell_text(element, tags) -> str:
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return visible_text(following) if following is not None and following.tag in tags else ""


def _feminine_ordinal(ordinal: str) -> str:
    """"1er" -> "1re", "premier" -> "première"; "3ème", "deuxième" do not change."""
    if ordinal.lower().endswith("er") and ordinal[:1].isdigit():
        return ordinal[:-2] + "re"
    return capitalise_like(ordinal, ORDINALS.get(ordinal.lower(), ordinal))


def _title_hit(block, m, fixed: str, start: int | None = None) -> Hit:
    return Hit(block=block, span=(m.start() if start is None else start, m.end()),
               data={"match": m.group(0), "suggestion": fixed}, suggestion=fixed)


# ---- GEN-08 job ads ---------------------------------------------------------------------------

HF_MARK = re.compile(r"\(?\s*(?<![\w/])(?:H\s?/\s?F|F\s?/\s?H|H\s?-\s?F|F\s?-\s?H)(?![\w/])\s*\)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def job_title_regex() -> re.Pattern:
    titles = [n.m for n in lexicon().pairs if n.m.lower() != n.f.lower()]
    return re.compile(rf"(?<![\w'’])(?:recrute|recherche|recrutons|recrutement d['’]|recrutement de|poste de"
                      rf"|poste d['’]|un)\s+(?P<title>{alternation(titles)})(?![\w-])", re.IGNORECASE)


def _title_doublet(title: str, order: str) -> str | None:
    forms = [f for f in form_of(title) if f.gender == "m" and not f.plural]
    if not forms:
        return None
    return capitalise_like(title, doublet(forms[0].noun.f, title.lower(), order, "ou"))


@check()
def job_ad(doc, params, ctx):
    order = ctx.settings("gender")["doublet_order"]
    # a job advert: the title or a heading says so, or else the paragraph itself
    recruiting_page = any(RECRUITMENT.search(b.text) for b in doc.blocks if b.kind in ("title", "heading"))
    for block in french_blocks(doc):
        text = block.text
        for m in HF_MARK.finditer(text):
            before = [t for t in find_forms(text[:m.start()]) if not text[t.end():m.start()].strip(" -–—:")]
            title = before[-1].group(0) if before else None
            full = _title_doublet(title, order) if title else None
            yield Hit(block=block, span=(before[-1].start() if before else m.start(), m.end()), message_key="hf",
                      data={"match": text[before[-1].start() if before else m.start():m.end()].strip(),
                            "expanded": full or "Agente ou agent…"}, suggestion=full)
        if not (recruiting_page or RECRUITMENT.search(text)):
            continue
        for m in _not_abbreviated(job_title_regex().finditer(text), text):
            title = m.group("title")
            noun = next(f.noun for f in form_of(title) if f.gender == "m" and not f.plural)
            if has_feminine(text, head_word(noun)) or HF_MARK.search(text[m.end():m.end() + 8]):
                continue
            full = _title_doublet(title, order)
            yield Hit(block=block, span=(m.start("title"), m.end()), message_key="masculine-title",
                      data={"match": title, "expanded": full}, suggestion=full)
