"""falc checks on words: rare or administrative words left unexplained, and abbreviations."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ...language.french import acronyms, expanded_by_initials, expanded_by_start
from ...language.readability import zipf
from .. import Hit, check
from .text import CONTENT_POS, WORD, falc_text, foreign, sentences

EXPLANATION = re.compile(r"c['’]est[- ]à[- ]dire|veut dire|signifie|c['’]est |\(|:|—|autrement dit|"
                         r"par exemple|on appelle|s['’]appelle", re.I)
GLOSSARY_HEADING = re.compile(r"lexique|glossaire|mots difficiles|définitions?|vocabulaire", re.I)


def _glossary_words(doc) -> set[str]:
    """Words explained in a glossary section or marked up with <dfn>/<abbr title>."""
    found = set()
    in_glossary = False
    for block in doc.blocks:
        if block.kind == "heading":
            in_glossary = bool(GLOSSARY_HEADING.search(block.text))
        elif in_glossary:
            found.update(w.lower() for w in WORD.findall(block.text.split(":")[0]))
    if doc.tree is not None:
        for el in doc.tree.iter("dfn", "abbr"):
            if el.tag == "dfn" or el.get("title"):
                found.update(w.lower() for w in WORD.findall(el.text_content()))
    return found


@lru_cache(maxsize=8)
def word_list(path: Path) -> frozenset[str]:
    """A data file of words, one per line, # comments (the source and licence header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _difficulty_kind(token, params, domain: frozenset[str]) -> str | None:
    """"domain" for a listed administrative word, "default" for a rare one, None for an easy one."""
    lower, lemma = token.text.lower(), token.lemma_.lower()
    if lower in domain or lemma in domain:
        return "domain"
    forms = [lower, lemma, *masculine_forms(lower)]
    return "default" if max(zipf(f) for f in forms) < params["max_zipf"] else None


FEMININE_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("onne", "on"), ("ère", "er"),
                    ("esse", ""), ("ffe", "f"), ("e", ""))


def masculine_forms(word: str) -> list[str]:
    """« cheffe » -> chef, « agente » -> agent, « autrice » -> auteur: a feminised title (which the
    gender pack asks for) is as well known as its masculine, though rarer in wordfreq's sources."""
    return [word[: -len(end)] + base for end, base in FEMININE_ENDINGS if word.endswith(end) and len(word) > len(end) + 1]


@check(needs={"nlp"})
def rare_words(doc, params, ctx):
    domain = word_list(Path(ctx.rule.path).parent / params["word_list"]) if params["word_list"] else frozenset()
    explained = _glossary_words(doc)
    seen = set()
    flat = list(sentences(doc, ctx))
    for i, (block, sent) in enumerate(flat):
        following = flat[i + 1][1].text if i + 1 < len(flat) and flat[i + 1][0] is block else ""
        for token in sent:
            word = token.text
            lower = word.lower()
            if (token.pos_ not in CONTENT_POS or not word.isalpha() or len(word) < params["min_letters"]
                    or lower in seen or lower in explained or (word[0].isupper() and token.i != sent.start)):
                continue
            kind = _difficulty_kind(token, params, domain)
            if kind is None or foreign(block, token.idx, token.idx + len(word)):
                continue
            if EXPLANATION.search(sent.text[token.idx - sent.start_char + len(word):]) or \
                    re.search(rf"\b{re.escape(lower)}\b.{{0,40}}(?:c['’]est|veut dire|signifie)", following, re.I):
                continue
            seen.add(lower)
            yield Hit(block=block, span=(token.idx, token.idx + len(word)), data={"word": word}, message_key=kind)


def _abbr_titles(doc) -> set[str]:
    if doc.tree is None:
        return set()
    return {el.text_content().strip() for el in doc.tree.iter("abbr") if (el.get("title") or "").strip()}


def _expanded_in_text(token: str, texts: list[str]) -> bool:
    """« Centre communal d'action sociale (CCAS) », « CCAS (centre communal…) », « CCAS : … »."""
    t = re.escape(token)
    pattern = re.compile(rf"\(\s*{t}\s*\)|(?<!\w){t}\s*\(\s*\w+[\s'’]+\w+|(?<!\w){t}\s*(?::|, c['’]est|veut dire)")
    return any(pattern.search(text) or expanded_by_initials(token, text) or expanded_by_start(token, text)
               for text in texts)


@check()
def abbreviations(doc, params, ctx):
    text = falc_text(doc, ctx)
    texts = [b.text for b in text.blocks]
    titled = _abbr_titles(doc)
    allowed = set(params["allowed"])
    words = word_list(Path(ctx.rule.path).parent / params["read_as_words"]) if params["read_as_words"] else frozenset()
    seen = set()
    for block in text.blocks:
        for start, end, token in acronyms(block.text):
            key = token.replace(".", "")
            if key in seen or key in allowed or key.lower() in words or token in params["abbreviations"] or \
                    token in titled or foreign(block, start, end):
                continue
            seen.add(key)
            if not _expanded_in_text(token, texts):
                yield Hit(block=block, span=(start, end), data={"match": token})
        for word, expansion in params["abbreviations"].items():
            for m in re.finditer(rf"(?<![\w.]){re.escape(word)}(?!\w)", block.text):
                if (word, block.element) in seen or foreign(block, *m.span()):
                    continue
                seen.add((word, block.element))
                yield Hit(block=block, span=m.span(), data={"match": m.group(0)}, message_key="short",
                          suggestion=expansion or None)
