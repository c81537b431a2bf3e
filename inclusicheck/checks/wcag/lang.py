"""Language of the page and of its parts (RGAA 8.3-8.8, 8.10, WCAG 3.1.1-3.1.2): lang and xml:lang
attributes checked against the IANA registry, passages in another language without a lang, and
dir values."""
from __future__ import annotations

import re
from collections import Counter

from ...document.dom import CODE_TAGS, SKIPPED_TAGS, is_hidden
from ...engines.langid import is_regional
from ...i18n import has, t
from ...language.tags import check_tag, display_name, is_french
from .. import Hit, check
from ..stopwords import WORDS, guess_by_stopwords, without_names
from .elements import is_exposed, start_tag


# ---- <html lang> (RGAA 8.3, 8.4, ACT b5c3f8, bf051a); invalid_tag also serves office.py and pdf.py ----

def tag_problem(result, lang: str) -> str:
    """What is wrong with an invalid tag (language.tags.TagCheck.problem), with the faulty part."""
    problem = t(f"wcag.tag_problem.{result.problem}", lang)
    return t("wcag.tag_problem_detail", lang, problem=problem, detail=result.detail) if result.detail else problem


def invalid_tag(value: str, lang: str) -> dict | None:
    """The message data of a language tag that is not valid BCP 47 ({lang}, {problem}); None when valid."""
    result = check_tag(value)
    return None if result.valid else {"lang": value, "problem": tag_problem(result, lang)}


def suggest_tag(value: str) -> str | None:
    """A likely correct tag for common mistakes: fr_FR -> fr-FR, br-gallo -> fr-gallo."""
    fixed = value.strip().replace("_", "-")
    if "gallo" in fixed.lower().split("-"):
        return "fr-gallo"
    return fixed if fixed != value and check_tag(fixed).valid else None


def act_for_tag(value: str, act_id: str) -> dict[str, list[str]]:
    """ACT's lang rules (bf051a, de46e4) judge only the primary language subtag: "en-US-GB" passes
    them. A tag invalid further on is still reported (BCP 47, RGAA 8.4/8.8) but not mapped to ACT."""
    first = value.strip().split("-")[0]
    primary_valid = bool(re.fullmatch(r"[A-Za-z]{2,3}", first)) and check_tag(first).valid
    return {"act": [] if primary_valid else [act_id]}


@check()
def html_lang(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    value = root.get("lang")
    if value is None:
        value = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    # Each finding names only the ACT rule it answers: b5c3f8 (lang present) or bf051a (valid).
    if value is None:
        yield Hit(element=root, suggestion='lang="fr"', snippet=start_tag(root), references={"act": ["b5c3f8"]})
    elif not value.strip():
        yield Hit(element=root, message_key="empty", suggestion='lang="fr"', snippet=start_tag(root),
                  references={"act": ["b5c3f8"]})
    elif invalid := invalid_tag(value, ctx.lang):
        fixed = suggest_tag(value)
        yield Hit(element=root, message_key="invalid", snippet=start_tag(root), data=invalid,
                  suggestion=f'lang="{fixed}"' if fixed else None, references=act_for_tag(value, "bf051a"))


# ---- lang attributes on any element (RGAA 8.8, ACT de46e4) ------------------------------------

def has_own_text(el) -> bool:
    """Does the element carry exposed text (or an image alt) whose language it sets? Text under a
    descendant with its own lang belongs to that descendant (ACT de46e4 applicability)."""
    def walk(node) -> bool:
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or is_hidden(node):
            return False
        if node is not el and (node.get("lang") is not None or node.get(XML_LANG) is not None):
            return False
        if node.tag in ("img", "area", "input") and (node.get("alt") or "").strip():
            return True
        if (node.text or "").strip() or (node.get("aria-label") or "").strip():
            return True
        return any(walk(child) or (child.tail or "").strip() for child in node)
    return is_exposed(el) and walk(el)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@check()
def element_lang(doc, params, ctx):
    if doc.tree is None:
        return
    body = doc.tree.find("body")
    if body is None:
        return
    for el in body.iter():  # <html> is wcag.html-lang's; <head> is not read aloud
        if not isinstance(el.tag, str):
            continue
        for attr in ("lang", XML_LANG):
            value = el.get(attr)
            if value is None or value == "" or not has_own_text(el):
                continue  # lang="" means "unknown language": allowed (whitespace only is not)
            if not (invalid := invalid_tag(value, ctx.lang)):
                continue
            fixed = suggest_tag(value)
            yield Hit(element=el, message_key="invalid", references=act_for_tag(value, "de46e4"),
                      data={**invalid, "attribute": "xml:lang" if attr == XML_LANG else "lang"},
                      suggestion=f'lang="{fixed}"' if fixed else None)


# ---- dir values (RGAA 8.10.2) -----------------------------------------------------------------

@check()
def dir_valid(doc, params, ctx):
    if doc.tree is None:
        return
    for el in doc.tree.iter():
        if isinstance(el.tag, str) and el.get("dir") is not None:
            if el.get("dir").strip().lower() not in ("ltr", "rtl", "auto"):
                yield Hit(element=el, data={"dir": el.get("dir")}, snippet=start_tag(el))


# ---- language of parts (RGAA 8.7, WCAG 3.1.2) -------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def language_key(tag: str | None) -> str | None:
    """What makes two tags the same language: French proper is one language ('fr', 'fr-FR'...);
    otherwise the primary subtag plus any variant ('fr-gallo' is not French, 'br-FR' is Breton)."""
    if tag is None or not tag.strip():
        return None
    if is_french(tag):
        return "fr"
    parts = tag.strip().lower().replace("_", "-").split("-")
    variants = [p for p in parts[1:] if re.fullmatch(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}", p)]
    return "-".join([parts[0], *variants])


def language_name(tag: str | None, lang: str) -> str:
    """The catalogue's name for the languages a French page mixes in (`wcag.language.<key>`: Alsatian
    for gsw, Gallo for fr-gallo...), else the registry's name; no tag: a regional language."""
    if not tag:
        return t("wcag.regional_language", lang)
    key = language_key(tag)
    return t(f"wcag.language.{key}", lang) if has(f"wcag.language.{key}") else display_name(tag, lang)


def unmarked_sentences(block):
    """(start, end) of each sentence of a block, leaving out the parts inside an element with
    its own lang (block.lang_spans)."""
    covered = [False] * len(block.text)
    for start, end, _ in block.lang_spans:
        covered[start:end] = [True] * (end - start)
    start = 0
    for match in [*SENTENCE_END.finditer(block.text), None]:
        end = match.start() if match else len(block.text)
        if end > start and covered[start:end].count(True) * 2 < end - start:
            yield start, end
        start = match.end() if match else end


def lang_change_candidates(doc):
    """Blocks whose text can be judged: not code, not inside an element hidden from everyone."""
    for block in doc.blocks:
        el = block.element
        if el is None or block.kind == "title":
            continue
        if any(a.tag in CODE_TAGS for a in [el, *el.iterancestors()] if isinstance(a.tag, str)):
            continue
        expected = block.lang or doc.lang
        if language_key(expected) is not None:
            yield block, expected


def _guesses_from_langid(ctx, block, min_confidence):
    for start, end, guess in ctx.langid.segments(block):
        if guess is None or guess.confidence < min_confidence:
            continue
        if guess.tag is None and not guess.regional:
            continue
        yield start, end, guess.tag


def _guesses_from_stopwords(block, profiles, min_ratio, decided=()):
    """Stop-word guesses for the sentences the language identifier left undecided (too short for
    its confidence, or no identifier at all)."""
    for start, end in unmarked_sentences(block):
        if any(s < end and start < e for s, e, _ in decided):
            continue
        tag = guess_by_stopwords(block.text[start:end], profiles, min_ratio)
        if tag:
            yield start, end, tag


def guesses(block, params, profiles, ctx):
    """(start, end, tag) of the passages whose language is known: the identifier's confident
    sentences first, then the stop-word profiles for the rest."""
    decided = list(_guesses_from_langid(ctx, block, params["min_confidence"])) if ctx.has("langid") else []
    return decided + list(_guesses_from_stopwords(block, profiles, params["min_stopword_ratio"], decided))


@check()
def lang_change(doc, params, ctx):
    """Passages in another language without a lang. When most of the page's words are in one other
    language, the page's own lang is wrong: one finding on <html> instead of one per passage."""
    if doc.tree is None:
        return
    hits, page_words, foreign = [], 0, Counter()
    for block, expected, tag, span in _foreign_passages(doc, params, ctx):
        if span is None:
            page_words += len(WORDS.findall(block.text)) if language_key(expected) == language_key(doc.lang) else 0
            continue
        start, end = span
        if language_key(expected) == language_key(doc.lang):
            foreign[tag] += len(WORDS.findall(block.text[start:end]))
        hits.append(Hit(block=block, span=span, message_key="default" if tag else "regional",
                        data={"language": language_name(tag, ctx.lang), "expected": language_name(expected, ctx.lang)},
                        suggestion=f'lang="{tag}"' if tag else None))
    main = foreign.most_common(1)
    if main and main[0][0] and page_words and main[0][1] > params["page_share"] * page_words:
        tag = main[0][0]
        yield Hit(element=doc.tree, message_key="page", snippet=start_tag(doc.tree), suggestion=f'lang="{tag}"',
                  data={"language": language_name(tag, ctx.lang), "expected": language_name(doc.lang, ctx.lang)})
        hits = [h for h in hits if language_key(h.block.lang or doc.lang) != language_key(doc.lang)]
    yield from hits


def _foreign_passages(doc, params, ctx):
    """(block, expected lang, guessed tag, span) for each passage in another language; and
    (block, expected, None, None) once per judged block, to count the page's words."""
    profiles = {lang: {w.lower() for w in words} for lang, words in params["stopwords"].items()}
    leave_to_regional = "regional.missing-lang" in getattr(ctx, "enabled_rules", ())
    for block, expected in lang_change_candidates(doc):
        if len(WORDS.findall(block.text)) < params["min_words"]:
            continue
        yield block, expected, None, None
        for start, end, tag in guesses(block, params, profiles, ctx):
            passage = block.text[start:end]
            if language_key(tag) == language_key(expected) or _mostly_marked(block, start, end):
                continue
            if leave_to_regional and (tag is None or is_regional(tag)):
                continue  # regional.missing-lang reports it, with the regional tag to use
            if len(without_names(passage)) < params["min_words"]:
                continue  # short, or mostly proper names
            if is_placeholder(passage, params["placeholder_words"]):
                continue  # "Lorem ipsum": filler text, not a passage in Latin to mark
            yield block, expected, tag, (start, end)


def is_placeholder(passage: str, filler_words) -> bool:
    """Lorem ipsum (pseudo-Latin filler of design mock-ups): a quarter of its words, three distinct
    at least, are of the filler's own vocabulary, which real Latin rarely uses together."""
    words = [w.lower() for w in WORDS.findall(passage)]
    filler_words = set(filler_words)
    filler = [w for w in words if w in filler_words]
    return len(set(filler)) >= 3 and len(filler) * 4 >= len(words)


def _mostly_marked(block, start, end) -> bool:
    marked = sum(max(0, min(end, e) - max(start, s)) for s, e, _ in block.lang_spans)
    return marked * 2 >= end - start
