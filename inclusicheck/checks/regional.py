"""Checks of the `regional` pack: regional languages present where expected, marked with the right
`lang` so that assistive technology can read them, never replacing French in election material.

Declared `lang` attributes are trusted first (reference §1); language identification (ctx.langid)
fills in where nothing is declared and catches declarations that contradict the text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..engines.langid import CREOLES, GERMANIC, LangGuess, is_regional
from ..language.tags import check_tag, display_name, is_french, primary, registry
from ..model import Block, Outcome
from . import WORD, Hit, check, metric

UNIDENTIFIED = "und"  # share key for "regional language, not identified"
MAIN_HEADINGS = {"h1", "h2"}
# Languages the engines confuse with each other: a declaration inside the group is not contradicted.
CONFUSABLE = [CREOLES | {"gcf", "rcf"}, GERMANIC | {"gsw"}, {"oc", "ca", "frp"}, {"pcd", "wa", "fr"}]
NAMES = {
    "fr-gallo": {"fr": "gallo", "en": "Gallo"},
    "gsw": {"fr": "alsacien", "en": "Alsatian"},
    "frp": {"fr": "francoprovençal (arpitan)", "en": "Franco-Provençal (Arpitan)"},
    "gcf": {"fr": "créole guadeloupéen ou martiniquais", "en": "Guadeloupean or Martinican creole"},
    "gcr": {"fr": "créole guyanais", "en": "Guianese creole"},
    "rcf": {"fr": "créole réunionnais", "en": "Réunion creole"},
    UNIDENTIFIED: {"fr": "langue régionale non identifiée", "en": "unidentified regional language"},
}


def language_name(tag: str | None, lang: str) -> str:
    """Readable name of a tag in the message language ("breton", "gallo"...)."""
    tag = tag or UNIDENTIFIED
    if tag in NAMES:
        return NAMES[tag][lang]
    if primary(tag) in NAMES:
        return NAMES[primary(tag)][lang]
    return display_name(tag, lang)


# ---- what language each passage is in ------------------------------------------------------------

@dataclass
class Passage:
    block: Block
    start: int
    end: int
    declared: str | None  # the lang in force (inline span, element or page)
    guess: LangGuess | None  # what the text looks like (None: too short to tell)

    @property
    def words(self) -> int:
        return len(WORD.findall(self.block.text[self.start:self.end]))

    def language(self, min_confidence: float) -> str | None:
        """Detected language when sure enough, else the declared one. `und`: regional, unidentified."""
        if self.guess is not None and self.guess.confidence >= min_confidence:
            if self.guess.tag is None:
                return UNIDENTIFIED if not is_regional(self.declared) else self.declared
            if _same_language(self.declared, self.guess.tag):
                return self.declared  # keeps the declared variant: oc-lengadoc, fr-gallo
            return self.guess.tag
        return self.declared


def declared_at(block: Block, doc, position: int) -> str | None:
    for start, end, lang in block.lang_spans:
        if start <= position < end:
            return lang or None
    return block.lang or doc.lang


def passages(doc, ctx) -> list[Passage]:
    """Every text block, split into sentences when its sentences are in different languages."""
    cached = getattr(ctx, "_regional_passages", None)
    if cached is not None:
        return cached
    found = []
    for block in doc.blocks:
        if block.kind == "title" or not block.text.strip():
            continue
        segments = ctx.langid.segments(block) if len(block.text) > 40 else []
        if len({(g.tag, g.regional) for _, _, g in segments}) > 1:  # a mixed block: sentence by sentence
            found += [Passage(block, s, e, declared_at(block, doc, s), g) for s, e, g in segments]
        else:
            found.append(Passage(block, 0, len(block.text), declared_at(block, doc, 0), ctx.langid.guess(block)))
    ctx._regional_passages = found
    return found


def _same_language(declared: str | None, detected: str | None) -> bool:
    if not declared or not detected:
        return False
    if is_french(declared) or is_french(detected):
        return is_french(declared) and is_french(detected)
    return primary(declared) == primary(detected) or declared.lower().startswith(detected.lower())


def _confusable(a: str, b: str) -> bool:
    a, b = primary(a), primary(b)
    return any(a in group and b in group for group in CONFUSABLE)


def word_shares(doc, ctx, min_confidence: float = 0.5) -> dict[str, float]:
    counts: Counter = Counter()
    for passage in passages(doc, ctx):
        counts[passage.language(min_confidence) or UNIDENTIFIED_DOC] += passage.words
    counts.pop(UNIDENTIFIED_DOC, None)
    total = sum(counts.values())
    return {tag: round(n / total, 3) for tag, n in counts.most_common() if n} if total else {}


UNIDENTIFIED_DOC = "\0"  # no lang declared anywhere and nothing detected: left out of the shares


def _matches(expected: str, tag: str) -> bool:
    expected, tag = expected.lower(), tag.lower()
    return tag == expected or tag.startswith(expected + "-") or (
        not is_french(expected) and primary(expected) == primary(tag) and "-" not in expected)


def _uses_langid(ctx) -> bool:
    registry_ = getattr(ctx, "registry", None)
    enabled = getattr(ctx, "enabled_rules", set())
    return bool(registry_) and any("langid" in registry_.rules[r].needs for r in enabled if r in registry_.rules)


@metric(needs={"langid"})
def regional_shares(doc, ctx) -> dict:
    """metrics["regional.shares"]: share of words per language ("und": regional, not identified).
    Computed only when a rule that needs language identification is enabled (no model load otherwise)."""
    if not _uses_langid(ctx):
        return {}
    return {"regional.shares": word_shares(doc, ctx)}


# ---- rules ---------------------------------------------------------------------------------------

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
def missing_lang(doc, params, ctx):
    """A passage detected in a regional language while the lang in force says French (or nothing)."""
    for passage in passages(doc, ctx):
        guess = passage.guess
        if guess is None or not guess.regional or guess.confidence < params["min_confidence"]:
            continue
        if passage.words < params["min_words"] or not is_french(passage.declared):
            continue
        name = language_name(guess.tag, ctx.lang)
        sure = guess.tag is not None and guess.confidence >= params["fail_confidence"]
        suggestion = f'lang="{guess.tag}"' if guess.tag else None
        yield Hit(block=passage.block, span=_span(passage), data={"language": name},
                  message_key="default" if guess.tag else "unidentified", suggestion=suggestion,
                  outcome=None if sure else Outcome.REVIEW)


@check(needs={"langid"})
def lang_mismatch(doc, params, ctx):
    """A passage marked with one language and detected, with confidence, as another (lang="br" on
    Brazilian Portuguese)."""
    for passage in passages(doc, ctx):
        guess, declared = passage.guess, passage.declared
        if guess is None or guess.tag is None or not declared or is_french(declared):
            continue  # French declared over regional text is regional.missing-lang
        if not (is_regional(declared) or guess.regional) or passage.words < params["min_words"]:
            continue
        if guess.confidence < params["min_confidence"] or _same_language(declared, guess.tag):
            continue
        if _confusable(declared, guess.tag) or not check_tag(declared).valid:
            continue  # close languages the engines mix up; invalid tags are regional.tag-mistake's
        sure = guess.confidence >= params["fail_confidence"]
        yield Hit(block=passage.block, span=_span(passage),
                  message_key="portuguese" if primary(declared) == "br" and guess.tag.startswith("pt") else "default",
                  data={"lang": declared, "declared": language_name(declared, ctx.lang),
                        "detected": language_name(guess.tag, ctx.lang)},
                  suggestion='lang="pt-BR"' if guess.tag == "pt" and primary(declared) == "br" else f'lang="{guess.tag}"',
                  outcome=None if sure else Outcome.REVIEW)


@check()
def tag_mistake(doc, params, ctx):
    """Common wrong tags for regional languages (bzh, oc-aranese, br-gallo, als for Alsatian...),
    with the right one. Other invalid tags are left to the wcag pack's validation."""
    if doc.tree is None:
        return
    mistakes = {k.lower(): v for k, v in params["mistakes"].items()}
    for el in doc.tree.iter():
        if not isinstance(el.tag, str):
            continue
        value = el.get("lang")
        if value is None or not value.strip():
            continue
        if el is doc.tree and not check_tag(value).valid:
            continue  # an invalid <html lang> is wcag.html-lang's finding already
        right = suggest_regional_tag(value, mistakes)
        if right and right.lower() != value.strip().lower():
            yield Hit(element=el, data={"lang": value, "right": right,
                                        "language": language_name(right, ctx.lang)},
                      suggestion=f'lang="{right}"')


def suggest_regional_tag(value: str, mistakes: dict[str, str]) -> str | None:
    """The right tag for a known mistake, or for a regional variant after the wrong prefix."""
    tag = value.strip().replace("_", "-").lower()
    if tag in mistakes:
        return mistakes[tag]
    parts = tag.split("-")
    if parts[0] in mistakes and len(parts) > 1:  # bzh-FR -> br-FR
        fixed = "-".join([mistakes[parts[0]], *value.strip().replace("_", "-").split("-")[1:]])
        return fixed if check_tag(fixed).valid else mistakes[parts[0]]
    result = check_tag(tag)
    if result.problem == "prefix":
        variant = result.detail.split(":")[0]
        prefixes = registry()[("variant", variant)].get("Prefix", [])
        if prefixes and (is_regional(prefixes[0]) or prefixes[0].lower().startswith(("fr", "oc", "eu", "br"))):
            return f"{prefixes[0]}-{variant}"
    return None


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
            yield Hit(block=first.block, span=_span(first),
                      data={"language": language_name(first.language(params["min_confidence"]), ctx.lang)})


def _is_regional_passage(passage: Passage, min_confidence: float) -> bool:
    lang = passage.language(min_confidence)
    return lang == UNIDENTIFIED or is_regional(lang)


def _span(passage: Passage) -> tuple[int, int] | None:
    if passage.start == 0 and passage.end >= len(passage.block.text):
        return None
    return passage.start, passage.end


def _first_element(doc):
    if doc.tree is None:
        return None
    body = doc.tree.find("body")
    return body if body is not None else doc.tree


# ---- parity of bilingual headings and signs -----------------------------------------------------

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
    """Element -> font size in px: computed styles (browser or static cascade) when the shared
    styles engine exists, else inline styles only."""
    try:
        from ..engines.styles import block_styles
    except ImportError:  # the falc pack's static styles engine is not merged yet: inline styles only
        return {}
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
