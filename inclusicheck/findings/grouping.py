"""Repeats of a rule made one finding.

Two kinds of repeats become one finding whose `occurrences` list every hit (the first leads: its
snippet, location and fingerprint): a rule's text matches in one block (« 3 occurrences dans ce
paragraphe »), and a rule's hits on elements of one kind on the page (« 783 éléments semblables
sur la page »). Elements are of one kind when they have the same tag name and class attribute;
they are the same problem when the hit has the same message key and message parameters (measured
figures included: two contrasts of 3,2:1 and 3,9:1 stay two findings), advice, severity and outcome.
Text matches in blocks of the same text on elements of one kind (90 identical alt texts) are
likewise one finding on similar elements.
"""
from __future__ import annotations

import re

from ..checks import Hit
from ..i18n import t
from ..model import Finding, Location, Occurrence
from .hits import SNIPPET_WINDOW

GROUP_SNIPPET_MAX = 400  # characters of block text a grouped finding's snippet shows at most
MAX_LISTED = 5  # distinct occurrence texts a grouped finding's message names
BLOCK_NAMES = {"paragraph", "heading", "list-item", "cell", "caption", "quote", "label", "alt", "title"}
ELEMENT_TEXT_MAX = 80  # characters of an element occurrence's description
START_TAG = re.compile(r"<([A-Za-z][\w:-]*)(\s[^>]*)?/?>")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _repeat_key(hit: Hit, finding: Finding):
    """What hits grouped in one finding share (None: the hit stands alone). Text matches in a block
    (a span, no element, snippet or location of their own) group by block, message and advice;
    hits on elements by the kind of element and the whole message (see above)."""
    same_problem = (hit.message_key, finding.suggestion, finding.severity, finding.outcome)
    if _is_text_match(hit):
        return "block", _block_identity(hit.block), *same_problem
    kind = element_kind(hit)
    if kind is None:
        return None
    params = tuple(sorted((name, repr(value)) for name, value in hit.data.items()))
    return "element", kind, params, finding.message, *same_problem


def _block_identity(block) -> tuple:
    """A block, or all the blocks with its text on elements of its kind: the same words flagged
    in 90 identical alt texts of one card image are one problem on 90 similar elements."""
    kind = element_kind(Hit(element=block.element)) if block.element is not None else None
    return ("id", id(block)) if kind is None else ("text", block.kind, kind, block.text)


def _is_text_match(hit: Hit) -> bool:
    return hit.block is not None and hit.span is not None and hit.element is None and hit.snippet is None \
        and hit.location is None and hit.selector is None


def element_kind(hit: Hit) -> tuple[str, str] | None:
    """(tag name, class attribute with its classes sorted) of the element a hit is about: our lxml
    element, else the start tag of the HTML that axe-core gave (an element our source does not
    have: added by scripts, or in a frame). None for hits that are not about an element."""
    element = hit.element
    if element is not None and isinstance(getattr(element, "tag", None), str):
        return element.tag.lower(), " ".join(sorted((element.get("class") or "").split()))
    if element is not None or hit.block is not None or not hit.snippet:
        return None
    start = START_TAG.match(hit.snippet.lstrip())
    if start is None:
        return None
    found = CLASS_ATTR.search(start.group(2) or "")
    classes = next((value for value in found.groups() if value is not None), "") if found else ""
    return start.group(1).lower(), " ".join(sorted(classes.split()))


def group_repeats(found: list[tuple[Hit, Finding]], lang: str) -> list[Finding]:
    """One rule's findings, its repeats made one finding (in the order of the first)."""
    groups: dict = {}
    for hit, finding in found:
        groups.setdefault(_repeat_key(hit, finding) or id(hit), []).append((hit, finding))
    return [group[0][1] if len(group) == 1 else
            merge_repeats(group, lang) if _is_text_match(group[0][0]) else merge_elements(group, lang)
            for group in groups.values()]


def merge_elements(group: list[tuple[Hit, Finding]], lang: str) -> Finding:
    """The first element's finding (in page order, as the rule found them: its fingerprint is the
    one it had alone), with every element listed (its location and a short description) and
    their count in the message."""
    finding = group[0][1]
    finding.occurrences = [Occurrence(location=Location(**f.location.to_dict()), text=element_text(hit, f))
                           for hit, f in group]
    finding.message += " " + t("finding.similar", lang, n=len(group))
    return finding


def element_text(hit: Hit, finding: Finding) -> str:
    """What tells one element of a group from the others: its text, else the start of its HTML."""
    element = hit.element
    text = " ".join(element.text_content().split()) if element is not None else ""
    if not text and hit.snippet and hit.element is None:  # axe's HTML: its text between the tags
        text = " ".join(re.sub(r"<[^>]*>", " ", hit.snippet).split())
    if not text:
        text = " ".join((finding.snippet or finding.location.selector or "").split())
    return text if len(text) <= ELEMENT_TEXT_MAX else text[:ELEMENT_TEXT_MAX - 1] + "…"


def merge_repeats(group: list[tuple[Hit, Finding]], lang: str) -> Finding:
    """The first hit's finding (in text order, so its fingerprint is the one that hit had alone),
    with a snippet spanning the occurrences, each of them listed, and their count in the message.
    Hits in identical blocks (_block_identity) share the first block's text, so its snippet
    shows them; the message then counts the elements."""
    order = {block: n for n, block in enumerate(dict.fromkeys(id(hit.block) for hit, _ in group))}
    group = sorted(group, key=lambda pair: (order[id(pair[0].block)], pair[0].span))
    first_hit, finding = group[0]
    text = first_hit.block.text
    first_start, first_end = first_hit.span
    lo = max(0, first_start - SNIPPET_WINDOW)
    hi = min(len(text), max(hit.span[1] for hit, _ in group) + SNIPPET_WINDOW,
             max(first_end + SNIPPET_WINDOW, lo + GROUP_SNIPPET_MAX))
    prefix, suffix = ("…" if lo else ""), ("…" if hi < len(text) else "")
    finding.snippet = prefix + text[lo:hi] + suffix
    finding.occurrences = [
        Occurrence(location=Location(**f.location.to_dict()), text=text[start:end],
                   span=(start - lo + len(prefix), end - lo + len(prefix)) if end <= hi else None)
        for (start, end), f in ((hit.span, f) for hit, f in group)]
    finding.span = finding.occurrences[0].span
    kind = first_hit.block.kind if first_hit.block.kind in BLOCK_NAMES else "other"
    where = t(f"block.{kind}", lang)
    # the message quotes the first hit: when the others differ (« / » and « & »), say which they are
    texts = list(dict.fromkeys(o.text for o in finding.occurrences))
    if len(order) > 1:
        finding.message += " " + t("finding.similar", lang, n=len(order))
    elif 1 < len(texts) <= MAX_LISTED and all(len(text) <= 30 for text in texts):
        listed = ", ".join(t("finding.quoted", lang, text=text) for text in texts)
        finding.message += " " + t("finding.repeats_of", lang, n=len(group), where=where, texts=listed)
    else:
        finding.message += " " + t("finding.repeats", lang, n=len(group), where=where)
    return finding
