"""Checks of the `gender` pack (rules/gender/): masculine generics, non-feminised titles,
abbreviated inclusive forms, doublet order and slashes, job ads, and the balance of women and men
named in a document. Text helpers and the lexicon are in gender_forms.py.

Regexes run on raw block text (spaCy splits or mis-tags abbreviated forms, reference §7); spaCy is
used by the masculine-generic rule only, for sentences and parts of speech.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document.dom import visible_text
from ..language.french import first_names
from ..language.tags import is_french
from ..model import Outcome, Severity
from . import Hit, check, metric
from .gender_forms import (ORDERS, POLICIES, after_institution_name, alternation, capitalise_like, doublet,
                           find_abbreviated, find_forms, form_of, gender_pair, inside, lexicon, mask,
                           names_organisations, ordered, quote_spans, title_spans, to_point_median)


def pack_settings(ctx) -> dict:
    settings = ctx.settings("gender")
    if settings.get("abbreviated_policy", "warn") not in POLICIES:
        raise ValueError(f"gender.abbreviated_policy must be one of {', '.join(POLICIES)}")
    if settings.get("doublet_order", "alphabetical") not in ORDERS:
        raise ValueError(f"gender.doublet_order must be one of {', '.join(ORDERS)}")
    return settings


def french_blocks(doc):
    return [b for b in doc.blocks if is_french(b.lang or doc.lang) and b.text.strip()]


def quoted_block(block) -> bool:
    """A block that is a quotation as a whole (blockquote, or inside <q>/<blockquote>)."""
    if block.kind == "quote":
        return True
    element = block.element
    return element is not None and any(getattr(a, "tag", None) in ("blockquote", "q")
                                       for a in element.iterancestors())


# ---- GEN-01 masculine generics ----------------------------------------------------------------

DETERMINERS = {
    "les": "les", "des": "des", "aux": "aux", "ces": "ces", "nos": "nos", "vos": "vos", "leurs": "leurs",
    "mes": "mes", "ses": "ses", "certains": "certaines", "plusieurs": "plusieurs", "quelques": "quelques",
    "nombreux": "nombreuses", "de nombreux": "de nombreuses", "chers": "chères", "tous les": "toutes les",
    "tous ces": "toutes ces", "tous nos": "toutes nos", "tous vos": "toutes vos", "tous leurs": "toutes leurs",
    "beaucoup d'": "beaucoup d'", "la plupart des": "la plupart des", "la majorité des": "la majorité des",
    "d'autres": "d'autres", "d'anciens": "d'anciennes", "de nouveaux": "de nouvelles",
}
ADJECTIVES = {
    "nouveaux": "nouvelles", "futurs": "futures", "anciens": "anciennes", "jeunes": "jeunes",
    "premiers": "premières", "derniers": "dernières", "chers": "chères", "meilleurs": "meilleures",
    "grands": "grandes", "petits": "petites", "seuls": "seules", "autres": "autres",
    "différents": "différentes", "nombreux": "nombreuses", "principaux": "principales",
}
QUANTIFIERS = {"la plupart des": ("la plupart ", "des"), "la majorité des": ("la majorité ", "des"),
               "beaucoup d'": ("beaucoup ", "d'")}
NAME_DETERMINERS = {"des", "aux"}
COPULAS = {"sont", "êtes", "seront", "serez", "étaient", "soyez", "sommes", "serons", "restent"}
TOUS = re.compile(
    r"(?<![\w'’])(?P<pre>à|pour|avec|par|entre|sont|êtes|seront|serez|étaient|soyez|sommes|serons|restent)"
    r"\s+(?P<word>tous)(?![\w'’-])"
    r"(?!\s+(?:les|ces|nos|vos|leurs|ses|mes|tes|ceux|deux|trois|quatre|cinq|six|\d|azimuts|genres|types"
    r"|âges|horizons|publics|niveaux|budgets|ordres))", re.IGNORECASE)
CEUX = re.compile(r"(?<![\w'’])(?P<word>(?:[Tt]ous\s+)ceux|^Ceux)\s+(?:qui|que|qu['’]|dont)\b")
CHACUN = re.compile(r"(?<![\w'’])(?P<word>[Cc]hacun)(?![\w'’-])(?!\s+(?:des|de|d['’]|du)\b)")
PRONOUN_LES = re.compile(r"(?:\b(?:il|elle|on|nous|vous|ils|elles|je|tu|qui|ne|n['’]|j['’]|me|te|se)\s+)$", re.I)
DEMONYM = re.compile(
    r"(?<![\w'’])(?P<det>(?i:les|des|aux|nos|chers|tous les))\s+"
    r"(?P<noun>[A-ZÀ-Ý][a-zà-ÿ]+(?:ais|ois|iens|éens|ains))(?![\w-])")
NOT_DEMONYMS = {"Marais", "Palais", "Relais", "Bourgeois"}


@lru_cache(maxsize=1)
def generic_regex() -> re.Pattern:
    lex = lexicon()
    plurals = [n.mp for n in lex.pairs if n.mp.lower() != n.fp.lower()]
    return re.compile(
        rf"(?<![\w'’])(?P<det>{alternation(DETERMINERS)})(?:\s+|(?<=['’]))"
        rf"(?:(?P<adj>{alternation(ADJECTIVES)})\s+)?(?P<noun>{alternation(plurals)})(?![\w-])", re.IGNORECASE)


def _has_feminine(sentence: str, head: str) -> bool:
    """Does the sentence already name the women of this group (pair logic, retext-equality `or`)?"""
    for m in find_forms(sentence):
        for form in form_of(m.group(0)):
            if form.gender == "f" and _head(form.noun) == head:
                return True
    return False


def _sentences(block, nlp_doc):
    if nlp_doc is None:
        return [(0, len(block.text))]
    return [(s.start_char, s.end_char) for s in nlp_doc.sents]


def _adjective_of_next_noun(nlp_doc, start: int, end: int) -> bool:
    """Is the matched word an adjective of the noun after it? Several lexicon forms are also
    adjectives (principaux, généraux, anciens, étrangers)."""
    if nlp_doc is None:
        return False
    span = nlp_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[-1]
    return token.pos_ == "ADJ" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN")


def _next_is_noun(nlp_doc, end: int) -> bool:
    """Is the word after `end` a noun ("pour tous renseignements": "tous" is a determiner)?"""
    if nlp_doc is None:
        return False
    following = [t for t in nlp_doc if t.idx >= end and not t.is_space]
    return bool(following) and following[0].pos_ in ("NOUN", "ADJ")


def _generic_options(m, order: str) -> tuple[list[str], str]:
    """Suggestions for a masculine generic: collective phrases first, then the full doublet."""
    det, adj, noun_text = m.group("det"), m.group("adj"), m.group("noun")
    noun = next(f.noun for f in form_of(noun_text) if f.gender == "m" and f.plural)
    det = " ".join(det.lower().replace("’", "'").split())
    prefix, article = QUANTIFIERS.get(det, ("", det))  # "la plupart des danseuses et des danseurs"
    space = "" if article.endswith("'") else " "
    adj_f = ADJECTIVES[adj.lower()] + " " if adj else ""
    feminine = f"{article if prefix else DETERMINERS[det]}{space}{adj_f}{noun.fp}"
    masculine = f"{article}{space}{adj.lower() + ' ' if adj else ''}{noun_text}"
    return list(lexicon().collective.get(noun.m, [])), prefix + doublet(feminine, masculine, order)


@check(needs={"nlp"})
def masculine_generic(doc, params, ctx):
    order = pack_settings(ctx)["doublet_order"]
    parsed = {id(item.block): item.doc for item in ctx.nlp.blocks}
    quote_open = False  # a « left open by the block before (a quotation of several paragraphs)
    inline_texts: dict = {}  # lines split by <br> share their element: its subtree is read once
    for block in french_blocks(doc):
        text, nlp_doc = block.text, parsed.get(id(block))
        quotes, quote_open = quote_spans(text, quote_open)
        if quoted_block(block):
            continue
        cited = inline_spans(block, ("q", "cite"), inline_texts)
        italics = inline_spans(block, ("i", "em"), inline_texts)
        excluded = (quotes + cited + title_spans(text, cited + italics)
                    + [m.span() for m in lexicon().not_persons.finditer(text)])
        for start, end in _sentences(block, nlp_doc):
            sentence = text[start:end]
            hits = [*_generic_hits(block, sentence, start, excluded, nlp_doc, order),
                    *_bare_list_hits(block, sentence, start, excluded, order),
                    *_demonym_hits(block, sentence, start, excluded, order),
                    *_pronoun_hits(block, sentence, start, excluded, nlp_doc, order)]
            yield from _without_overlaps(hits)


def inline_spans(block, tags, memo: dict) -> list[tuple[int, int]]:
    """Where the text of inline elements (<q> a quotation, <cite> a cited title, <i> or <em> an
    italic one) stands in the block. `memo`: the texts found under an element, by element."""
    if block.element is None:
        return []
    key = (block.element, tags)
    if key not in memo:
        memo[key] = [t for t in (visible_text(e) for e in block.element.iter(*tags)) if t]
    found = []
    for quoted in memo[key]:
        start = block.text.find(quoted)
        while start >= 0:
            found.append((start, start + len(quoted)))
            start = block.text.find(quoted, start + len(quoted))
    return found


def _without_overlaps(hits):
    """One hit a phrase: where two patterns of a rule flag overlapping text, the first found is
    kept ("les Français" is both a lexicon noun and a demonym, and got two different suggestions;
    "électeurs/électrices" is a lexicon pair and a word with its feminine)."""
    kept = []
    for hit in hits:
        if not any(hit.span[0] < other.span[1] and other.span[0] < hit.span[1] for other in kept):
            kept.append(hit)
    return kept


def _hit(block, begin, end, match, options):
    return Hit(block=block, span=(begin, end),
               data={"match": match, "options": " ou ".join(f"« {o} »" for o in options),
                     "options_en": " or ".join(f"“{o}”" for o in options)},
               suggestion=capitalise_like(match, options[0]))


def _generic_hits(block, sentence, offset, excluded, nlp_doc, order):
    for m in generic_regex().finditer(sentence):
        noun_text, det = m.group("noun"), m.group("det")
        begin = offset + m.start()
        if inside(begin, excluded) or inside(offset + m.start("noun"), excluded):
            continue
        if noun_text[:1].isupper() and noun_text.lower() != "français" and m.start("noun") > 0:
            continue  # part of a name ("les Élus du Trégor")
        if det.lower() in NAME_DETERMINERS and after_institution_name(block.text, begin):
            continue
        noun = next(f.noun for f in form_of(noun_text) if f.gender == "m" and f.plural)
        if _has_feminine(sentence, _head(noun)):
            continue
        if names_organisations(sentence, _head(noun), m.start("noun") + len(noun_text.split()[0])):
            continue  # "les opérateurs de l'État", "les fournisseurs d'énergie": companies, public bodies
        if det.lower() == "les" and PRONOUN_LES.search(sentence[:m.start()]):
            continue  # "on les inscrits": a pronoun, not a determiner
        if _adjective_of_next_noun(nlp_doc, offset + m.start("noun"), offset + m.end("noun")):
            continue  # "des principaux monuments", "les anciens locaux"
        collective, full = _generic_options(m, order)
        yield _hit(block, begin, offset + m.end(), m.group(0), [*collective, full])


# A list of person nouns without determiners: « (qu'ils soient usagers, patients, professionnels) »,
# « Vous êtes statisticien, développeur… ? ». Items are cut at commas, brackets, « et », « ou »,
# « / »; the first may follow a copula or « comme ».
LIST_CUT = re.compile(r"\s*(?:[,;()/…]|\s(?:et|ou)\s)\s*")
ITEM_LEAD = re.compile(r"^(?:.*?\b(?:soient|sont|êtes|es|être|comme|notamment)\s+)?")
# A singular title names the reader (« vous êtes ») or a post, not one man (« Jean, développeur »).
ADDRESSING = re.compile(r"\bvous\b|\bêtes\b", re.I)


def _bare_list_hits(block, sentence, offset, excluded, order):
    """Two or more masculine person nouns in a row of list items, without determiners: one hit on
    the run (a lone bare noun is too often a label or an apposition to say)."""
    run = []
    for item in [*_list_items(sentence, offset, excluded), None]:
        if item is not None and (not run or item[3] == run[-1][3]):
            run.append(item)
            continue
        if len(run) >= 2:
            begin, end = run[0][0], run[-1][1]
            yield _hit(block, begin, end, block.text[begin:end], [_bare_doublet(run, order)])
        run = [item] if item else []


def _list_items(sentence, offset, excluded):
    """(begin, end, form, plural) of each list item that is a masculine person noun, and None for
    an item that is something else (it ends a run)."""
    singular_ok = ADDRESSING.search(sentence) or RECRUITMENT.search(sentence)
    position = 0
    for part in LIST_CUT.split(sentence):
        start = sentence.find(part, position)
        position = start + len(part)
        lead = ITEM_LEAD.match(part).end()
        first = next(iter(find_forms(part[lead:])), None)
        if first is None or first.start() != 0 or not first.group(0)[:1].islower():
            yield None
            continue
        begin = offset + start + lead
        forms = [f for f in form_of(first.group(0)) if f.gender == "m" and (f.plural or singular_ok)
                 and f.noun.m.lower() != f.noun.f.lower()]
        head = _head(forms[0].noun) if forms else ""
        if not forms or inside(begin, excluded) or _has_feminine(sentence, head) or \
                names_organisations(sentence, head, start + lead + first.end()):
            yield None
            continue
        yield begin, begin + first.end(), forms[0], forms[0].plural


def _bare_doublet(run, order) -> str:
    form = run[0][2]
    feminine, masculine = (form.noun.fp, form.noun.mp) if form.plural else (form.noun.f, form.noun.m)
    return doublet(feminine, masculine, order) + ("…" if len(run) > 1 else "")


def _demonym_hits(block, sentence, offset, excluded, order):
    """"les Lannionnais", "les Brestois", "les Parisiens": inhabitants named after a place."""
    for m in DEMONYM.finditer(sentence):
        noun = m.group("noun")
        feminine = noun + "es" if noun.endswith(("ais", "ois")) else noun[:-1] + (
            "nes" if noun.endswith("ens") else "es")
        if noun in NOT_DEMONYMS or inside(offset + m.start(), excluded) or feminine.lower() in sentence.lower():
            continue
        det = m.group("det").lower()
        det_f = DETERMINERS.get(det, det)
        full = doublet(f"{det_f} {feminine}", f"{det} {noun}", order)
        yield _hit(block, offset + m.start(), offset + m.end(), m.group(0), ["la population", full])


def _pronoun_hits(block, sentence, offset, excluded, nlp_doc, order):
    """"à tous", "sont tous", "tous ceux qui", "chacun": unless the feminine is in the sentence."""
    lowered = sentence.lower()
    for regex, feminine_word in ((TOUS, "toutes"), (CEUX, "celles"), (CHACUN, "chacune")):
        if re.search(rf"\b{feminine_word}\b", lowered):
            continue
        for m in regex.finditer(sentence):
            begin = offset + m.start()
            if inside(begin, excluded) or _next_is_noun(nlp_doc, offset + m.end("word")):
                continue
            if regex is TOUS:
                pre = m.group("pre").lower()
                if pre in COPULAS:
                    options = [doublet("toutes", "tous", order)]
                else:
                    options = [f"{pre} tout le monde", doublet(f"{pre} toutes", f"{pre} tous", order)]
            elif regex is CEUX:
                options = ["les personnes qui", doublet("toutes celles", "tous ceux", order)]
            else:
                options = ["tout le monde", doublet("chacune", "chacun", order)]
            match = sentence[m.start():m.end("word")]
            yield _hit(block, begin, offset + m.end("word"), match, options)


# ---- GEN-02 non-feminised titles --------------------------------------------------------------

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


# ---- GEN-05 abbreviated inclusive forms -------------------------------------------------------

@check()
def abbreviated(doc, params, ctx):
    settings = pack_settings(ctx)
    policy, order = settings["abbreviated_policy"], settings["doublet_order"]
    severity = Severity.ERROR if policy == "error" else None
    for block in french_blocks(doc):
        for form in find_abbreviated(block.text):
            full = form.expanded(order)
            data = {"match": form.text, "expanded": full}
            if policy == "allow-point-median":
                if form.style == "median":
                    continue
                median = to_point_median(form)
                if median:
                    data["median"] = median
                    yield Hit(block=block, span=(form.start, form.end), data=data, message_key="separator",
                              suggestion=full)
                    continue
            key = "neologism" if form.style == "neologism" else "default"
            yield Hit(block=block, span=(form.start, form.end), data=data, message_key=key,
                      suggestion=full, severity=severity)


# ---- GEN-06 order of doublets and GEN-11 slash doublets ---------------------------------------

DOUBLET_GAP = re.compile(
    r"^\s*(?P<sep>et|ou|/)\s*(?:(?:les|des|aux|la|le|l['’]|une|un|ces|nos|vos|leurs|du|de la|de l['’]|à la"
    r"|au|toutes les|tous les|chaque|chères|chers|cher|chère)\s+)?$", re.IGNORECASE)
PRONOUN_SLASH = re.compile(
    r"(?<![\w/])(?P<a>il|ils|elle|elles|le|la|un|une|tous|toutes|celui|celle|ceux|celles|madame|monsieur"
    r"|mesdames|messieurs)\s?/\s?"
    r"(?P<b>il|ils|elle|elles|le|la|un|une|tous|toutes|celui|celle|ceux|celles|madame|monsieur|mesdames"
    r"|messieurs)(?![\w/])", re.IGNORECASE)
PRONOUN_PAIRS = {frozenset(p) for p in [("il", "elle"), ("ils", "elles"), ("le", "la"), ("un", "une"),
                                        ("tous", "toutes"), ("celui", "celle"), ("ceux", "celles"),
                                        ("madame", "monsieur"), ("mesdames", "messieurs")]}
FEMININE_PRONOUNS = {"elle", "elles", "la", "une", "toutes", "celle", "celles", "madame", "mesdames"}
CIVILITIES = {"madame", "monsieur", "mesdames", "messieurs"}


def _head(noun) -> str:
    return noun.m.split(" ")[0]


def doublets(text: str):
    """(first match, second match, separator, first form, second form) for every pair of forms
    of one noun, one masculine and one feminine, joined by et / ou / a slash."""
    matches = find_forms(text)
    for a, b in zip(matches, matches[1:]):
        gap = DOUBLET_GAP.match(text[a.end():b.start()])
        if not gap:
            continue
        for fa in form_of(a.group(0)):  # same head noun: "agente ou agent d'accueil"
            fb = next((f for f in form_of(b.group(0)) if _head(f.noun) == _head(fa.noun)
                       and f.gender != fa.gender and f.plural == fa.plural), None)
            if fb:
                yield a, b, gap.group("sep").lower(), fa, fb
                break


ORDER_NAMES = {"alphabetical": ("ordre alphabétique", "alphabetical order"),
               "feminine-first": ("féminin d'abord", "feminine first"),
               "masculine-first": ("masculin d'abord", "masculine first")}


def _text_doublets(text: str, slash: bool):
    """(first match, second match, feminine, masculine) for the doublets of a (masked) text:
    those joined by a slash, or those joined by et / ou."""
    for a, b, sep, fa, _ in doublets(text):
        if (sep == "/") == slash:
            fem, masc = (a.group(0), b.group(0)) if fa.gender == "f" else (b.group(0), a.group(0))
            yield a, b, fem, masc


@check()
def doublet_order(doc, params, ctx):
    order = pack_settings(ctx)["doublet_order"]
    for block in french_blocks(doc):
        for a, b, fem, masc in _text_doublets(mask(block.text), slash=False):
            first, second = ordered(fem, masc, order)
            if first != a.group(0):
                yield Hit(block=block, span=(a.start(), b.end()),
                          data={"match": block.text[a.start():b.end()], "first": first.lower(),
                                "second": second.lower(), "order": ORDER_NAMES[order][0],
                                "order_en": ORDER_NAMES[order][1]})


WORD_SLASH = re.compile(
    r"(?<![\w/'’])(?P<pa>(?i:[dlj]|qu)['’])?(?P<a>[a-zà-ÿœæA-ZÀ-Ý]+)\s?/\s?"
    r"(?P<pb>(?i:[dlj]|qu)['’])?(?P<b>[a-zà-ÿœæA-ZÀ-Ý]+)(?![\w/'’])")


@check()
def slash_doublet(doc, params, ctx):
    order = pack_settings(ctx)["doublet_order"]
    for block in french_blocks(doc):
        text = mask(block.text)
        hits = [*_noun_slash_hits(block, text, order), *_pronoun_slash_hits(block, text, order),
                *_word_slash_hits(block, text, order)]
        yield from sorted(_without_overlaps(hits), key=lambda hit: hit.span)


def _slash_hit(block, span, expanded):
    match = block.text[span[0]:span[1]]
    return Hit(block=block, span=span, data={"match": match, "expanded": expanded}, suggestion=expanded)


ELIDED_BEFORE_VOWEL = {"le": "l’", "la": "l’", "ce": "cet "}


def _before_noun(word: str, noun: str) -> str:
    """"la" + "agente" -> "l’agente", "ce" + "agent" -> "cet agent"."""
    if noun[:1].lower() in "aeiouyéèêàâîôû" and word.lower() in ELIDED_BEFORE_VOWEL:
        return ELIDED_BEFORE_VOWEL[word.lower()] + noun
    return f"{word} {noun}"


def _noun_slash_hits(block, text, order):
    """"électeurs/électrices": two forms of a lexicon noun."""
    for a, b, fem, masc in _text_doublets(text, slash=True):
        yield _slash_hit(block, (a.start(), b.end()), doublet(fem, masc, order))


def _pronoun_slash_hits(block, text, order):
    """"il/elle", "le/la", "Madame/Monsieur"."""
    for m in PRONOUN_SLASH.finditer(text):
        words = (m.group("a").lower(), m.group("b").lower())
        if frozenset(words) not in PRONOUN_PAIRS:
            continue
        fem, masc = words if words[0] in FEMININE_PRONOUNS else words[::-1]
        if fem in CIVILITIES:  # the salutation: "Madame, Monsieur"
            full = ", ".join(w.capitalize() for w in ordered(fem, masc, order))
            yield _slash_hit(block, m.span(), full)
        else:
            yield _slash_pair_hit(block, m, fem, masc, "ou", order)


def _word_slash_hits(block, text, order):
    """Any word and its feminine on either side of a slash: "certains/certaines" (-> "certaines et
    certains"), "d'un/d'une" (-> "d'un ou d'une"), "ce/cette". A plural pair is joined with "et",
    a singular one with "ou" (one person). Dates, fractions, "km/h", "et/ou", URLs and paths are
    not pairs (numbers and URLs are masked, and neither word is the other's feminine)."""
    for m in WORD_SLASH.finditer(text):
        pair = gender_pair(m.group("a"), m.group("b"))
        elided_a, elided_b = m.group("pa") or "", m.group("pb") or ""
        if pair is None or (elided_a and elided_b and elided_a.lower() != elided_b.lower()):
            continue
        if m.group("b")[:1].isupper() and not m.group(0).isupper():
            continue  # first names: "Jean/Jeanne", "Louis/Louise"
        elided = elided_a or elided_b
        fem, masc = (elided + w.lower() for w in pair)
        yield _slash_pair_hit(block, m, fem, masc, "et" if fem.endswith("s") else "ou", order)


def _slash_pair_hit(block, m, fem: str, masc: str, joiner: str, order: str) -> Hit:
    """The hit of a slashed pair of small words; when an abbreviated noun follows ("le/la
    candidat·e", "d'un/d'une élu.e"), the noun is written out with each: "la candidate ou le
    candidat" (the abbreviated form is also flagged by gender.abbreviated, with the noun alone)."""
    end = m.end()
    following = next((f for f in find_abbreviated(block.text)
                      if f.start > end and not block.text[end:f.start].strip()), None)
    if following:
        fem, masc = _before_noun(fem, following.feminine), _before_noun(masc, following.masculine)
        end = following.end
    return _slash_hit(block, (m.start(), end), capitalise_like(m.group(0), doublet(fem, masc, order, joiner)))


# ---- GEN-08 job ads ---------------------------------------------------------------------------

HF_MARK = re.compile(r"\(?\s*(?<![\w/])(?:H\s?/\s?F|F\s?/\s?H|H\s?-\s?F|F\s?-\s?H)(?![\w/])\s*\)?", re.IGNORECASE)
RECRUITMENT = re.compile(r"\b(?:recrute|recrutons|recrutement|offre d['’]emploi|poste à pourvoir|fiche de poste"
                         r"|vacance de poste|candidature)", re.IGNORECASE)


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
    order = pack_settings(ctx)["doublet_order"]
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
            if _has_feminine(text, _head(noun)) or HF_MARK.search(text[m.end():m.end() + 8]):
                continue
            full = _title_doublet(title, order)
            yield Hit(block=block, span=(m.start("title"), m.end()), message_key="masculine-title",
                      data={"match": title, "expanded": full}, suggestion=full)


# ---- GEN-09 balance of women and men named ----------------------------------------------------

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
