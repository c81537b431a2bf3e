"""GEN-09 the balance of women and men named in a document (aggregate counts only: nobody is named in
the report), and its metric."""
from __future__ import annotations

import re

from ...language.french import first_names
from .. import Hit, check, metric
from .common import french_blocks
from .lexicon import form_of, lexicon

PLACE_WORDS = {
    "rue", "avenue", "place", "boulevard", "bd", "allée", "impasse", "quai", "square", "école", "collège", "lycée",
    "salle", "espace", "centre", "stade", "gymnase", "parc", "médiathèque", "bibliothèque", "maison", "chemin",
    "résidence", "pont", "cours", "jardin", "complexe", "piscine", "hôpital", "clinique", "foyer", "théâtre",
    "cinéma", "halle", "esplanade", "parvis", "prix", "fondation", "institut", "musée", "université", "campus",
    "quartier", "cité", "promenade", "port", "lotissement", "élémentaire", "maternelle", "primaire", "groupe",
    "scolaire", "saint", "sainte", "st", "ste", "dojo", "auditorium", "amphithéâtre",
}
CIVILITY_NAME = re.compile(
    r"(?<![\w'’])(?P<civ>Madame|Mme|Monsieur|M\.)\s+(?P<name>(?:[A-ZÀ-Ý][\w'’-]+\s?){1,3})")
FIRST_LAST = re.compile(
    r"(?<![\w'’-])(?P<first>[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\s+"
    r"(?P<last>(?:(?:de|du|d['’]|Le|La|Ben|Van)\s?)?[A-ZÀ-Ý][\w'’-]+)")


def _before_place(text: str, start: int) -> bool:
    words = re.findall(r"[\w’']+", text[max(0, start - 40):start].lower())
    return any(w in PLACE_WORDS for w in words[-3:])


def people(doc) -> dict[str, int]:
    """Women and men named in the document (aggregate counts only), computed once per document."""
    if "gender.people" in doc.meta:
        return doc.meta["gender.people"]
    names = first_names()
    found: dict[str, set[tuple[str | None, str]]] = {}  # surname -> {(first name, gender)}
    lex = lexicon()

    def add(first, last, gender):
        if gender in ("f", "m"):
            found.setdefault(last.lower(), set()).add((first, gender))
    for block in french_blocks(doc):
        text = block.text
        for m in CIVILITY_NAME.finditer(text):
            words = m.group("name").split()
            if words[0] in ("Le", "La", "L’") and len(words) > 1 and (
                    words[1].lower() in lex.epicene or form_of(words[1])):
                continue  # "Monsieur Le Maire"
            gender = "f" if m.group("civ") in ("Madame", "Mme") else "m"
            first = words[0] if names.get(words[0]) and len(words) > 1 else None
            add(first, " ".join(words[1:] if first else words), gender)
        for m in FIRST_LAST.finditer(text):
            gender = names.get(m.group("first"))
            if gender and not _before_place(text, m.start()) and not form_of(m.group("last")):
                add(m.group("first"), m.group("last"), gender)
    counts = {"f": 0, "m": 0}
    for entries in found.values():
        named = {(first, g) for first, g in entries if first}
        for gender in ("f", "m"):
            with_first = {e for e in named if e[1] == gender}
            counts[gender] += len(with_first) or int((None, gender) in entries)
    result = {"women": counts["f"], "men": counts["m"]}
    doc.meta["gender.people"] = result
    return result


@metric()
def named_people(doc, ctx):
    counts = people(doc)
    return {"gender.women_named": counts["women"], "gender.men_named": counts["men"]}


@check()
def balance(doc, params, ctx):
    counts = people(doc)
    women, men = counts["women"], counts["men"]
    total = women + men
    if total < params["min_people"]:
        return
    share = min(women, men) / total
    if share >= params["min_share"]:
        return
    body = doc.tree.find("body") if doc.tree is not None else None
    key = "few-women" if women < men else "few-men"
    yield Hit(element=body, block=None if body is not None else (doc.blocks[0] if doc.blocks else None),
              message_key=key, snippet=f"{women} / {men}",
              data={"women": women, "men": men, "total": total, "share": round(100 * share),
                    "min_share": round(100 * params["min_share"])})
