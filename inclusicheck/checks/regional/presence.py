"""regional checks on presence: the expected regional languages are there (in a share of the words,
and in the main headings), and election material keeps its French next to them."""
from __future__ import annotations

from ...engines.langid import is_regional
from ...language.tags import is_french, primary
from .. import Hit, check
from .passages import UNIDENTIFIED, Passage, language_name, passages, span_of, word_shares

MAIN_HEADINGS = {"h1", "h2"}


def _matches(expected: str, tag: str) -> bool:
    expected, tag = expected.lower(), tag.lower()
    return tag == expected or tag.startswith(expected + "-") or (
        not is_french(expected) and primary(expected) == primary(tag) and "-" not in expected)


@check(needs={"langid"})
def expected_presence(doc, params, ctx):
    settings = ctx.settings("regional")
    expected = settings.get("languages") or []
    if not expected:
        return
    shares = word_shares(doc, ctx, params["min_confidence"])
    min_share = float(settings.get("min_share") or 0.0)
    anchor = _first_element(doc)
    first_block = None if anchor is not None or not doc.blocks else doc.blocks[0]  # PDF: no DOM
    for tag in expected:
        share = sum(v for k, v in shares.items() if _matches(tag, k))
        name = language_name(tag, ctx.lang)
        data = {"language": name, "tag": tag, "share": f"{share:.0%}", "min_share": f"{min_share:.0%}"}
        if share == 0:
            yield Hit(element=anchor, block=first_block, message_key="default", data=data,
                      snippet=doc.title or None, suggestion=f'<p lang="{tag}">…</p>')
        elif share < min_share:
            yield Hit(element=anchor, block=first_block, message_key="under", data=data, snippet=doc.title or None)
        if settings.get("headings"):
            yield from _headings_without(doc, ctx, tag, name, params["min_confidence"])


def _headings_without(doc, ctx, tag: str, name: str, min_confidence: float):
    """The title and main headings (h1, h2) should each have a version in `tag`: in the heading itself
    (a lang span, a sentence) or in the element right after it (a subtitle)."""
    by_element = {}
    for passage in passages(doc, ctx):
        by_element.setdefault(passage.block.element, set()).add(passage.language(min_confidence) or "")
    for block in doc.blocks:
        if block.element is None or block.element.tag not in MAIN_HEADINGS:
            continue
        langs = set(by_element.get(block.element, set())) | {lang for _, _, lang in block.lang_spans}
        following = block.element.getnext()
        if following is not None:
            langs |= by_element.get(following, set())
            langs |= {el.get("lang") for el in following.iter() if isinstance(el.tag, str) and el.get("lang")}
        if not any(lang and _matches(tag, lang) for lang in langs):
            yield Hit(block=block, message_key="heading", data={"language": name, "tag": tag})


@check(needs={"langid"})
def election_french(doc, params, ctx):
    """Election material: regional text goes with French, never replaces it. Each section (text
    between headings) with regional text also needs French text."""
    if not ctx.settings("regional").get("election"):
        return
    sections: list[list[Passage]] = [[]]
    for passage in passages(doc, ctx):
        if passage.block.kind == "heading" and sections[-1]:
            sections.append([])
        sections[-1].append(passage)
    for section in sections:
        regional = [p for p in section if _is_regional_passage(p, params["min_confidence"])]
        french = sum(p.words for p in section if is_french(p.language(params["min_confidence"]) or "fr")
                     and not _is_regional_passage(p, params["min_confidence"]))
        if regional and french < params["min_french_words"]:
            first = regional[0]
            yield Hit(block=first.block, span=span_of(first),
                      data={"language": language_name(first.language(params["min_confidence"]), ctx.lang)})


def _is_regional_passage(passage: Passage, min_confidence: float) -> bool:
    lang = passage.language(min_confidence)
    return lang == UNIDENTIFIED or is_regional(lang)


def _first_element(doc):
    if doc.tree is None:
        return None
    body = doc.tree.find("body")
    return body if body is not None else doc.tree
