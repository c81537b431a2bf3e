"""Browser-backed checks of the `wcag` pack that axe-core does not make (or not as the W3C ACT
rules define them). They read the facts one script gathered on the rendered page
(engines/pagefacts.py, `ctx.browser.facts`) and Chromium's own accessible names."""
from __future__ import annotations

import math
import re
import unicodedata

from ...i18n import t
from ...model import Location, Outcome, Severity
from .. import Hit, check
from .axe import find_element

PARENTHESES = re.compile(r"\([^()]*\)")
# RGAA 4.1.2 test by role: links 6.1.5, buttons 11.9.2, other interface components 7.1.3
RGAA_BY_ROLE = {"link": ["6.1.5"], "button": ["11.9.2"]}


def name_tokens(text: str) -> list[str]:
    """ACT's label-in-name tokens: text in parentheses dropped, case folded, NFKD, every character
    that is not a letter or a digit turned into a space, then split into words. Combining marks
    (the accents NFKD splits off) are dropped instead, so that French words stay whole."""
    previous = None
    while previous != text:
        previous, text = text, PARENTHESES.sub(" ", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue
        kept.append(char if category[0] in "LN" else " ")
    return "".join(kept).split()


def contains(name: list[str], label: list[str]) -> bool:
    """Is `label` a contiguous run of `name`? (an empty label always is)"""
    width = len(label)
    return any(name[i:i + width] == label for i in range(len(name) - width + 1)) or not label


@check(needs={"browser"})
def label_in_name(doc, params, ctx):
    for item in ctx.browser.facts.get("labels") or ():
        if item.get("icon") or item.get("name") is None:
            continue  # text drawn as an icon is non-text content; no name: nothing to compare
        label, name = name_tokens(item.get("label") or ""), name_tokens(item["name"])
        if len("".join(label)) <= params["symbol_chars"]:
            continue  # "X", "+", "›": a symbol standing for an icon (non-text content)
        if contains(name, label):
            continue
        selector = item.get("selector")
        yield Hit(element=find_element(doc, [selector]) if selector else None, selector=selector,
                  snippet=item.get("html"),
                  data={"label": " ".join((item.get("label") or "").split()), "name": item["name"].strip(),
                        "role": item.get("role")},
                  references={"rgaa": RGAA_BY_ROLE.get(item.get("role"), ["7.1.3"])})


@check(needs={"browser"})
def autoplay_audio(doc, params, ctx):
    """<audio autoplay> (or <video autoplay>, as a review: its sound track may be silent) that plays
    sound longer than `max_seconds`, unmuted. A short sound that loops is a WCAG 1.4.2 problem too,
    but not ACT aaa1bf's (the rule leaves repeated plays out), so it does not claim that rule."""
    for item in ctx.browser.facts.get("media") or ():
        if item.get("muted"):
            continue
        once = play_length(item)
        length = math.inf if item.get("loop") and once is not None else once
        if length is not None and length <= params["max_seconds"]:
            continue
        controls = bool(item.get("controls"))
        key = "unknown" if length is None else "controls" if controls else "default"
        review = length is None or item.get("tag") == "video"
        selector = item.get("selector")
        yield Hit(element=find_element(doc, [selector]) if selector else None, selector=selector,
                  snippet=item.get("html"), message_key=key,
                  data={"seconds": "∞" if length == math.inf else f"{length or 0:.0f}", "tag": item.get("tag")},
                  outcome=Outcome.REVIEW if review else None, severity=Severity.INFO if controls else None,
                  references={"act": []} if once is not None and once <= params["max_seconds"] else None)


def play_length(item: dict) -> float | None:
    """Seconds of sound in one play, from where it starts to where it ends (media fragment
    `#t=start,end`), inf for a stream; None when not loaded."""
    duration = item.get("duration")
    if duration == "inf":
        return math.inf
    if not isinstance(duration, (int, float)) or math.isnan(duration):
        return None
    end = item.get("end")
    end = min(duration, end) if isinstance(end, (int, float)) and end > 0 else duration
    return max(0.0, end - (item.get("start") or 0.0))


@check(needs={"browser"})
def styles_not_loaded(doc, params, ctx):
    """One finding per page that was rendered without some of its stylesheets."""
    failed = ctx.browser.failed_styles
    if failed:
        shown = failed[:params["max_listed"]]
        more = " …" if len(failed) > len(shown) else ""
        yield Hit(data={"count": len(failed), "sheets": ", ".join(shown) + more}, location=Location())


def review_unstyled(rendered, rules, result, lang: str) -> None:
    """A page rendered without some of its stylesheets: the findings of the rules tagged `layout`
    read an unstyled page, so they become `review`, saying why; metric `styles.failed`."""
    result.metrics["styles.failed"] = len(rendered.failed_styles)
    if not rendered.failed_styles:
        return
    layout = {rule.id for rule in rules if "layout" in rule.tags}
    note = t("styles.not_loaded", lang)
    for finding in result.findings:
        if finding.rule in layout:
            finding.to_review(note)
