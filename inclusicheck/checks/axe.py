"""The axe-core rules of the `wcag` pack: each `rules/wcag/<axe-id>.yml` names `axe.results`.

axe runs once per document (engines/browser.py, all enabled axe rules in one `axe.run`); each rule's
check picks the results of its own axe rule id (the slug of its rule id). Violations become
findings; "incomplete" results (axe cannot decide) become `review` findings.
"""
from __future__ import annotations

import re

from cssselect import SelectorError

from ..model import Outcome
from . import Hit, check

WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")  # wcag111 -> 1.1.1, wcag1410 -> 1.4.10

# axe rules whose problem a rule of ours already reports (more strictly: IANA variant
# prefixes, French messages). When the static twin runs, the axe rule stays silent: one problem,
# one finding. Without it (e.g. `--exclude-rule wcag.html-lang`), the axe rule reports as usual.
STATIC_TWINS = {
    "html-has-lang": "wcag.html-lang",
    "html-lang-valid": "wcag.html-lang",
    "document-title": "wcag.page-title",
    "valid-lang": "wcag.element-lang",
    "no-autoplay-audio": "wcag.autoplay-audio",  # reads the media's length, which axe leaves "incomplete"
    "th-has-data-cells": "wcag.header-assigned-cells",  # follows the HTML table model axe leaves "incomplete"
}


@check(needs={"browser"})
def results(doc, params, ctx):
    axe_id = ctx.rule.id.split(".", 1)[1]
    if STATIC_TWINS.get(axe_id) in ctx.enabled_rules:
        return
    axe = ctx.browser.axe
    for kind, outcome in (("violations", None), ("incomplete", Outcome.REVIEW)):
        for result in axe.get(kind) or ():
            if result.get("id") != axe_id:
                continue
            references = {"wcag": wcag_criteria(result.get("tags") or ())}
            for node in result.get("nodes") or ():
                yield node_hit(doc, result, node, outcome, references)


def node_hit(doc, result: dict, node: dict, outcome, references) -> Hit:
    target = node.get("target") or []
    selector = target_selector(target)
    element = find_element(doc, target)
    data, key = check_data(node)
    return Hit(element=element, selector=selector, snippet=node.get("html") or None, outcome=outcome,
               references=references if references["wcag"] else None, message_key=key,
               data={"help": result.get("help", ""), **data})


def check_data(node: dict) -> tuple[dict, str]:
    """Figures axe measured, for rules whose message shows them (colour contrast)."""
    for found in node.get("any") or ():
        data = found.get("data")
        if isinstance(data, dict) and data.get("contrastRatio") and data.get("expectedContrastRatio"):
            return {"ratio": f"{float(data['contrastRatio']):.2f}".replace(".", ","),
                    "expected": str(data["expectedContrastRatio"]).replace(":1", "").replace(".", ","),
                    "fg": data.get("fgColor", "?"), "bg": data.get("bgColor", "?")}, "ratio"
    return {}, "default"


def wcag_criteria(tags) -> list[str]:
    found = []
    for tag in tags:
        match = WCAG_TAG.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return found


def target_selector(target: list) -> str:
    """axe's target: one selector per frame level (lists inside for shadow DOM), shown as `a >>> b`."""
    parts = [" ".join(p) if isinstance(p, list) else str(p) for p in target]
    return " >>> ".join(parts)


def find_element(doc, target: list):
    """Our lxml element for axe's selector, when it names exactly one element of the source
    (not inside a frame or shadow root, not an element added by scripts)."""
    if doc.tree is None or len(target) != 1 or not isinstance(target[0], str):
        return None
    selector = target[0]
    for candidate in (selector, selector.replace("tbody > ", "")):  # lxml keeps tables without <tbody>
        try:
            found = doc.tree.cssselect(candidate)
        except (SelectorError, ValueError, TypeError):
            return None
        if len(found) == 1:
            return found[0]
    return None
