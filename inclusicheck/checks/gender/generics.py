"""GEN-01 masculine generics: « les habitants », « à tous », « les Brestois », a list of masculine nouns,
unless the sentence names the women too, with collective or doublet suggestions."""
from __future__ import annotations

import re
from functools import lru_cache

from ...document.dom import visible_text
from ...i18n import t
from .. import Hit, check
from .common import RECRUITMENT, french_blocks, without_overlaps
from .exclusions import after_institution_name, inside, names_organisations, quote_spans, title_spans
from .lexicon import alternation, capitalise_like, doublet, find_forms, form_of, has_feminine, head_word, lexicon


def quoted_block(block) -> bool:
    """A block that is a quotation as a whole (blockquote, or inside <q>/<blockquote>)."""
    if block.kind == "quote":
        return True
    element = block.element
    return element is not None and any(getattr(a, "tag", None) in ("blockquote", "q")
                                       for a in element.iterancestors())


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
    order = ctx.settings("gender")["doublet_order"]
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
            for hit in without_overlaps(hits):
                hit.data["options"] = said_options(hit.data["options"], ctx.lang)
                yield hit


def inline_spans(block, tags, memo: dict) -> list[tuple[int, int]]:
    """Where the text of inline elements (<q> a quotation, <cite> a cited title, <i> or <em> an
    italic one) stands in the block. `memo`: the texts found under an element, by element."""
    if block.element is None:
        return []
    key = (block.element, tags)
    if key not in memo:
        memo[key] = [text for text in (visible_text(e) for e in block.element.iter(*tags)) if text]
    found = []
    for quoted in memo[key]:
        start = block.text.find(quoted)
        while start >= 0:
            found.append((start, start + len(quoted)))
            start = block.text.find(quoted, start + len(quoted))
    return found


def _hit(block, begin, end, match, options):
    """`options`, a list here, is said in the report's words by masculine_generic (said_options)."""
    return Hit(block=block, span=(begin, end), data={"match": match, "options": options},
               suggestion=capitalise_like(match, options[0]))


def said_options(options: list[str], lang: str) -> str:
    """The options as the message says them: « a » ou « b », “a” or “b”."""
    joiner = f" {t('gender.or', lang)} "
    return joiner.join(t("gender.option", lang, option=option) for option in options)


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
        if has_feminine(sentence, head_word(noun)):
            continue
        if names_organisations(sentence, head_word(noun), m.start("noun") + len(noun_text.split()[0])):
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
        head = head_word(forms[0].noun) if forms else ""
        if not forms or inside(begin, excluded) or has_feminine(sentence, head) or \
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
