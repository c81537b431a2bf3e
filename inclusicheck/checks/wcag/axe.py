"""The axe-core rules of the `wcag` pack: each `rules/wcag/<axe-id>.yml` names `wcag.axe.results`.

axe runs once per document (engines/axe_run.py, all enabled axe rules in one `axe.run`); each rule's
check picks the results of its own axe rule id (the slug of its rule id). Violations become
findings; "incomplete" results (axe cannot decide) become `review` findings.
"""
from __future__ import annotations

import re

from cssselect import SelectorError

from ...engines.contrast import MEASURABLE, MEASURED_IF_TEXT, contrast_ratio, hex_color, luminance, reason
from ...i18n import has, t
from ...model import Outcome
from .. import Hit, check

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
                if kind == "incomplete" and axe_id in CONTRAST_THRESHOLDS:
                    hit = contrast_review(doc, result, node, ctx, references)
                    if hit is not None:
                        yield hit
                    continue
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
    """Figures axe measured, for rules whose message shows them (colour contrast), and why axe
    left an ARIA value undecided (aria-controls of a popup whose ids the rendered page lacks: the
    browser engine already passed those whose ids exist)."""
    for found in [*(node.get("any") or ()), *(node.get("all") or ())]:
        data = found.get("data")
        if isinstance(data, dict) and data.get("messageKey") == "controlsWithinPopup":
            return {"attribute": str(data.get("needsReview") or "aria-controls")}, "controls_popup"
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


# ---- contrast axe left undecided, measured on the page (engines/contrast.py) --------------------

CONTRAST_THRESHOLDS = {"color-contrast": (4.5, 3.0), "color-contrast-enhanced": (7.0, 4.5)}  # (text, large text)


def contrast_review(doc, result: dict, node: dict, ctx, references) -> Hit | None:
    """An undecided contrast: none when the measured colours pass, a failure when they fail for
    the whole background, else a review that says why (axe's reason, or the measured range)."""
    axe_id = result["id"]
    hit = node_hit(doc, result, node, Outcome.REVIEW, references)
    if node.get("icon"):  # moved to review by AXE_RUN_JS: an icon glyph, not text
        hit.message_key = "icon"
        return hit
    why = reason(node)
    hit.data["reason"] = undecided_reason(why, ctx.lang)
    if why not in MEASURABLE | MEASURED_IF_TEXT:
        hit.message_key = "unmeasurable"
        return hit
    measured = (getattr(ctx.browser, "contrast", None) or {}).get(hit.selector) or {"skipped": "failed"}
    if measured.get("skipped") == "unseen":
        return None  # no one sees this text: it has no contrast to check
    if why in MEASURED_IF_TEXT:  # maybe not text: passing settles it, else a person looks
        hit.message_key = "unmeasurable"
        return None if "fg" in measured and ratio_range(measured)[0] >= threshold(axe_id, measured) else hit
    if "fg" not in measured:
        hit.message_key = "undecided"
        hit.data["not_measured"] = not_measured_reason(measured["skipped"], ctx.lang)
        return hit
    expected = threshold(axe_id, measured)
    low, high, main = ratio_range(measured)
    hit.data.update(fg=measured["fg"], expected=decimal(expected, 1), low=decimal(low), high=decimal(high),
                    ratio=decimal(main), bg=hex_color(measured["main"]),
                    dark=hex_color(measured["dark"]), light=hex_color(measured["light"]))
    if low >= expected:
        return None
    if high < expected:
        hit.outcome, hit.message_key = None, "measured"
    else:
        hit.message_key = "measured_range"
    return hit


def threshold(axe_id: str, measured: dict) -> float:
    return CONTRAST_THRESHOLDS[axe_id][1 if measured["large"] else 0]


def ratio_range(measured: dict) -> tuple[float, float, float]:
    """(lowest, highest, most frequent) ratio of the text over its measured background."""
    ratios = {name: text_contrast(measured, measured[name]) for name in ("dark", "light", "main")}
    low, high = min(ratios["dark"], ratios["light"]), max(ratios["dark"], ratios["light"])
    if luminance(measured["dark"]) <= luminance(hex_rgb(measured["fg"])) <= luminance(measured["light"]):
        low = 1.0  # the background passes through the text's own lightness
    return low, high, ratios["main"]


def undecided_reason(why: str | None, lang: str) -> str:
    """Why axe could not decide, from the messageKey of its incomplete node ("bgImage" is
    `axe.undecided.bgimage` in the catalogue); a generic reason for a key axe added since."""
    why = (why or "").lower()
    if not has(f"axe.undecided.{why}"):
        return t("axe.undecided_unknown", lang)
    return t(f"axe.undecided.{why}", lang)


def not_measured_reason(skipped: str, lang: str) -> str:
    """Why engines/contrast.py did not measure a text (`axe.not_measured.<reason>`)."""
    if not has(f"axe.not_measured.{skipped}"):
        skipped = "failed"
    return t(f"axe.not_measured.{skipped}", lang)


def text_contrast(measured: dict, background: list) -> float:
    """Ratio of the text colour, blended over `background` by its alpha, against that background."""
    alpha = measured["alpha"]
    shown = [alpha * f + (1 - alpha) * b for f, b in zip(hex_rgb(measured["fg"]), background)]
    return contrast_ratio(shown, background)


def hex_rgb(color: str) -> list[int]:
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)]


def decimal(value: float, digits: int = 2) -> str:
    """French decimal comma, as the messages write ratios (4,5:1); trailing zeros kept to `digits`."""
    text = f"{value:.{digits}f}"
    return (text.rstrip("0").rstrip(".") if digits == 1 else text).replace(".", ",")

