"""regional check on the parity of bilingual headings and signs: the regional version is not smaller
nor less prominent than the French one."""
from __future__ import annotations

import re

from ...engines.langid import is_regional
from ...language.tags import is_french
from ...model import Block
from .. import WORD, Hit, check
from .passages import language_name

HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}
# Default sizes relative to the parent (user-agent style sheet), for the inline-style fallback.
TAG_FACTORS = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h5": 0.83, "h6": 0.67, "small": 0.83, "sub": 0.83, "sup": 0.83}
FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(px|em|rem|%|pt)?|font-size\s*:\s*(smaller|larger|x-small|small|medium|large|x-large)", re.I)
KEYWORD_SIZES = {"x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0}


def inline_font_size(el) -> float:
    """Font size in px from tag defaults and inline `style` attributes only (no style sheets): the
    fallback when the shared static-styles engine is not there."""
    size = 16.0
    for node in reversed([el, *el.iterancestors()]):
        if not isinstance(node.tag, str):
            continue
        size *= TAG_FACTORS.get(node.tag, 1.0)
        match = FONT_SIZE.search(node.get("style") or "")
        if match:
            size = _css_size(match, size)
    return size


def _css_size(match, parent: float) -> float:
    if match.group(3):
        word = match.group(3).lower()
        return parent * 0.83 if word == "smaller" else parent * 1.2 if word == "larger" else KEYWORD_SIZES[word]
    value, unit = float(match.group(1)), (match.group(2) or "px").lower()
    return {"px": value, "em": parent * value, "rem": 16.0 * value, "%": parent * value / 100,
            "pt": value * 4 / 3}[unit]


def _block_sizes(doc, ctx) -> dict:
    """Element -> font size in px, from the computed styles (browser or static cascade) of the
    shared styles engine; a block without one is left to inline styles."""
    from ...engines.styles import block_styles  # at call time: the parity test stands a fake engine in
    sizes = {}
    for block, style in zip(doc.blocks, block_styles(doc, ctx)):
        if style and style.get("font-size"):
            sizes[block.element] = float(style["font-size"])
    return sizes


@check()
def parity(doc, params, ctx):
    """In bilingual headings and signs (French next to a regional language), the regional version is
    not smaller nor less prominent (Ya d'ar brezhoneg charter: same font and size). Uses the declared
    `lang` (short headings are too short for language identification)."""
    if doc.tree is None:
        return
    computed = _block_sizes(doc, ctx)

    def sizes(a, b) -> tuple[float, float]:
        """Both from computed styles, or both from inline styles: never one of each."""
        if computed.get(a) and computed.get(b):
            return computed[a], computed[b]
        return inline_font_size(a), inline_font_size(b)

    # Inside one block the span shares every ancestor style with the rest of the line: inline sizes
    # compare them fairly (computed styles exist only per block).
    yield from _parity_inside_blocks(doc, params, inline_font_size, ctx.lang)
    yield from _parity_between_blocks(doc, params, sizes, ctx.lang)


def _parity_inside_blocks(doc, params, size, lang_out):
    """<h1><span lang="br">Ti-kêr</span> / <small>…</small></h1>: the two parts of one line."""
    for block in doc.blocks:
        if block.element is None or not is_french(block.lang or doc.lang):
            continue
        for start, end, lang in block.lang_spans:
            rest = (block.text[:start] + block.text[end:]).strip(" /|–-")
            if not is_regional(lang) or not WORD.search(rest):
                continue
            span_el = next((el for el in block.element.iterdescendants()
                            if isinstance(el.tag, str) and el.get("lang") == lang), None)
            if span_el is None:
                continue
            ratio = size(span_el) / size(block.element)
            if ratio < params["min_ratio"]:
                yield Hit(element=span_el, block=block, span=(start, end), message_key="smaller",
                          data={"language": language_name(lang, lang_out), "ratio": f"{ratio:.0%}"})


def _parity_between_blocks(doc, params, sizes, lang_out):
    """<h2>Horaires</h2><p lang="br" class="small">Eurioù</p>: two neighbouring blocks, one French,
    one regional, at least one of them a heading or a short sign."""
    blocks = [b for b in doc.blocks if b.element is not None and b.kind != "title"]
    flagged = set()
    for first, second in zip(blocks, blocks[1:]):
        if first.element.getnext() is not second.element:
            continue
        pair = _french_and_regional(first, second, doc)
        if pair is None or pair[1].element in flagged:
            continue
        french, regional = pair
        if max(len(WORD.findall(b.text)) for b in pair) > params["max_words"]:
            continue
        if french.kind != "heading" and regional.kind != "heading":
            continue
        if not looks_like_translation(french.text, regional.text):
            continue  # a heading followed by a greeting in Breton is not a bilingual heading
        fr_level = HEADING_LEVEL.get(french.element.tag, 7)
        rg_level = HEADING_LEVEL.get(regional.element.tag, 7)
        regional_size, french_size = sizes(regional.element, french.element)
        ratio = regional_size / french_size
        data = {"language": language_name(regional.lang, lang_out), "ratio": f"{ratio:.0%}"}
        if rg_level > fr_level or ratio < params["min_ratio"]:
            flagged.add(regional.element)
            yield Hit(block=regional, message_key="level" if rg_level > fr_level else "smaller", data=data)


def looks_like_translation(a: str, b: str) -> bool:
    """Two short labels that could be the same content in two languages: no sentence punctuation
    (a heading or a sign, not a greeting or a sentence), close word counts and the same numbers."""
    if any(text.rstrip().endswith((".", "!", "?", "…")) for text in (a, b)):
        return False
    words_a, words_b = len(WORD.findall(a)), len(WORD.findall(b))
    if not words_a or not words_b or not 0.6 <= words_a / words_b <= 1 / 0.6:
        return False
    return re.findall(r"\d+", a) == re.findall(r"\d+", b)


def _french_and_regional(a: Block, b: Block, doc):
    lang_a, lang_b = a.lang or doc.lang, b.lang or doc.lang
    if is_french(lang_a) and is_regional(lang_b):
        return a, b
    if is_french(lang_b) and is_regional(lang_a):
        return b, a
    return None
