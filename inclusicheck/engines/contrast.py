"""Colour contrast that axe-core could not decide ("incomplete": text on a background image, a
gradient, under another element, next to pseudo-element content...), measured on the rendered page.

Texts with the same style over the same background (the cells of a big table) are measured once
for all (at most `MAX_NODES` measurements per page, within `BUDGET_SECONDS`), in the same page load:
the text colour is its computed `color` (its alpha times the opacity of its ancestors); the
background is the pixels under the text's line boxes in a screenshot taken with that text (and its
pseudo-elements, underlines and icons drawn in `currentColor`) made transparent. One screenshot a
viewport, down the page, samples every text wholly inside it, over its lines that show (a line
under another element is left out); a text none of whose lines shows at its own place (scrolled out
of its box, covered) is not measured. A form control's value is measured over its content box.
The check (checks/wcag/axe.py) compares the colour with the darkest and the lightest of those pixels.

`measure(driver, axe)` returns {axe selector: measurement}; a measurement is a dict with `fg`
(#rrggbb), `alpha`, `large` (WCAG large text by computed size and weight), and the background
under the text: `main` (its most frequent colour), `dark` and `light` (its darkest and lightest
colours, leaving out the `TRIM` share of pixels at each end: anti-aliased edges of neighbours), as
[r, g, b], and `like` (the selector of the text measured for it, when one was for several); or
`skipped` (why it was not measured: "unseen" — no one sees it: not rendered, visibility hidden,
clipped away, transparent —, "frame", "hidden", "covered", "invisible", "budget", "failed").
"""
from __future__ import annotations

import base64
import io
import time

from .contrast_scripts import BACK_JS, HIDE_CSS, INTO_VIEW_JS, PREPARE_JS, RESTORE_JS, SAMPLE_ATTR, VIEW_JS

MAX_NODES = 500
BUDGET_SECONDS = 8.0
TRIM = 0.02
INVISIBLE_ALPHA = 0.05  # text this transparent is not seen at all (a label hidden by colour): not measured
PLAIN_RATIO = 1.1  # a background whose darkest and lightest pixels are this close is one colour
MEASURED_RULES = ("color-contrast", "color-contrast-enhanced")
# axe's reasons (messageKey) that are about the colours, which pixels can settle; the others
# (visible only by its shadow) stay with a person
MEASURABLE = {"bgImage", "bgGradient", "imgNode", "bgOverlap", "elmPartiallyObscured", "elmPartiallyObscuring",
              "fgAlpha", "bgAlpha", "pseudoContent", "outsideViewport"}
# too short or only symbols: is it text at all? Measured all the same: when it passes there is
# nothing to check; else it stays with a person, never a failure
MEASURED_IF_TEXT = {"shortTextContent", "nonBmp"}


def undecided(axe: dict) -> list[str]:
    """axe selectors of the texts whose contrast axe left undecided (incomplete), in order."""
    found = []
    for result in axe.get("incomplete") or ():
        if result.get("id") not in MEASURED_RULES:
            continue
        for node in result.get("nodes") or ():
            if reason(node) not in MEASURABLE | MEASURED_IF_TEXT:
                continue
            target = node.get("target") or []
            selector = target[0] if len(target) == 1 and isinstance(target[0], str) else " >>> ".join(map(str, target))
            if selector not in found:
                found.append(selector)
    return found


def reason(node: dict) -> str | None:
    """Why axe left this node undecided (its messageKey)."""
    data = next((found["data"] for found in node.get("any") or () if isinstance(found.get("data"), dict)), {})
    return data.get("messageKey")


def measure(driver, axe: dict) -> dict[str, dict]:
    """Measurements of the undecided texts (see the module docstring); {} when there are none."""
    selectors = undecided(axe)
    if not selectors:
        return {}
    from selenium.common.exceptions import WebDriverException
    in_page = [s for s in selectors if " >>> " not in s]
    results = {s: {"skipped": "frame"} for s in selectors if " >>> " in s}
    try:
        scroll = driver.execute_script("return [scrollX, scrollY]")
        colours = driver.execute_script(PREPARE_JS, in_page, SAMPLE_ATTR, HIDE_CSS)
        texts = {}
        for selector, colour in zip(in_page, colours):
            skipped = not_shown(colour)
            if skipped:
                results[selector] = {"skipped": skipped}
            else:
                texts[selector] = colour
        results.update(measure_alike(driver, texts, time.monotonic() + BUDGET_SECONDS))
    except (WebDriverException, OSError, ValueError, KeyError, TypeError):
        # the page broke our script, or the screenshot did not decode: reviews, never a page error
        results.update({s: {"skipped": "failed"} for s in in_page if s not in results})
    finally:
        try:
            driver.execute_script(RESTORE_JS, SAMPLE_ATTR, *scroll)
        except WebDriverException:
            pass
    return results


def not_shown(colour: dict | None) -> str | None:
    """Why a text is not measured before any screenshot: "unseen" (not on the page, not rendered,
    visibility hidden, clipped away, or so transparent that nothing shows and no background draws
    it: no contrast to check), "invisible" (transparent, but a `background-clip: text` may draw
    it: a person looks); None to measure it."""
    if colour is None or colour.get("unseen"):
        return "unseen"
    if colour["alpha"] < INVISIBLE_ALPHA:
        return "invisible" if colour["clipsText"] else "unseen"
    return None


def measure_alike(driver, texts: dict[str, dict], deadline: float) -> dict[str, dict]:
    """Texts with the same style over the same backgrounds (PREPARE_JS `key`: the cells of a big
    table, whose borders are gradients) show the same pixels where those backgrounds are plain:
    one of them, the largest, is measured, and when its background is plain (the image or
    gradient does not paint under it), that measurement stands for all (at most MAX_NODES
    measurements a page). Else, or when it cannot be measured (covered, scrolled away), the others
    are measured one by one."""
    groups: dict[str, list[str]] = {}
    for selector in sorted(texts, key=lambda s: -texts[s]["area"]):
        groups.setdefault(texts[selector]["key"], []).append(selector)
    leads = {group[0] for group in groups.values()}
    order = [s for s in texts if s in leads][:MAX_NODES]  # in page order, to scroll down once
    results = {s: {"skipped": "budget"} for s in texts}
    results.update(sample_by_viewport(driver, {s: texts[s] for s in order}, deadline))
    alone = set()
    for lead, *others in groups.values():
        if plain(results[lead]):
            results.update({s: {**results[lead], "like": lead} for s in others})
        elif lead in order:
            alone.update(others)
    alone = [s for s in texts if s in alone][:MAX_NODES - len(order)]
    if alone and time.monotonic() < deadline:
        results.update(sample_by_viewport(driver, {s: texts[s] for s in alone}, deadline))
    return results


def plain(measured: dict) -> bool:
    """Whether a measured background is one colour, give or take anti-aliasing."""
    return "fg" in measured and contrast_ratio(measured["dark"], measured["light"]) < PLAIN_RATIO


def sample_by_viewport(driver, pending: dict[str, dict], deadline: float) -> dict[str, dict]:
    """Down the page one viewport at a time: one screenshot samples every text wholly inside it;
    then the texts this did not bring into view, one by one (sample_scrolled_into_view)."""
    results, aside, top, last, left_over = {}, {}, 0, None, "budget"
    while pending and time.monotonic() < deadline:
        view = driver.execute_script(VIEW_JS, list(pending), top)
        if view["scrollY"] == last:
            left_over = "hidden"  # the page ends: what is still pending cannot be brought into view
            break
        last = view["scrollY"]
        nodes = dict(zip(list(pending), view["nodes"]))
        shown = {s: n["rects"] for s, n in nodes.items() if n and n["inside"] and n["shown"]}
        image, origin = screenshot_around(driver, shown.values(), view) if shown else (None, (0, 0))
        below = []
        for selector, node in nodes.items():
            if selector in shown:
                results[selector] = measurement(pending.pop(selector), background_colors(image, node["rects"], origin))
            elif node and node["inside"]:
                results[selector] = {"skipped": "covered"}
                pending.pop(selector)
            elif node and node["top"] > last:
                below.append(node["top"])
            elif not node:  # no line box: nothing of it is drawn
                results[selector] = {"skipped": "unseen"}
                pending.pop(selector)
            else:  # above: wider than the viewport, or beside it in a scrolling box
                aside[selector] = pending.pop(selector)
        if not below:
            break
        # the next text a quarter down the viewport, clear of a sticky header
        top = max(min(below) - view["height"] // 4, last + 1)
    if left_over == "hidden":
        aside.update(pending)
    else:
        results.update({s: {"skipped": left_over} for s in pending})
    results.update(sample_scrolled_into_view(driver, aside, deadline))
    return results


def sample_scrolled_into_view(driver, texts: dict[str, dict], deadline: float) -> dict[str, dict]:
    """The texts scrolling the page down did not bring into view, one at a time, each scrolled
    into view inside its own scrolling boxes; "hidden" when still not wholly in the viewport."""
    results = {s: {"skipped": "budget"} for s in texts}
    for selector, colour in texts.items():
        if time.monotonic() >= deadline:
            break
        driver.execute_script(INTO_VIEW_JS, selector)
        view = driver.execute_script(VIEW_JS, [selector], None)
        node = view["nodes"][0]
        if not node or not node["inside"]:
            results[selector] = {"skipped": "hidden"}
        elif not node["shown"]:
            results[selector] = {"skipped": "covered"}
        else:
            image, origin = screenshot_around(driver, [node["rects"]], view)
            results[selector] = measurement(colour, background_colors(image, node["rects"], origin))
        driver.execute_script(BACK_JS)
    return results


def screenshot_around(driver, rects_lists, view: dict):
    """A screenshot of the viewport's part that holds these line boxes (a small picture encodes
    and decodes much faster than the whole viewport), and its origin in viewport coordinates."""
    rects = [r for rects in rects_lists for r in rects]
    left, top = int(min(r["x"] for r in rects)), int(min(r["y"] for r in rects))
    right, bottom = max(r["x"] + r["width"] for r in rects), max(r["y"] + r["height"] for r in rects)
    clip = {"x": left + view["scrollX"], "y": top + view["scrollY"], "width": int(right - left) + 1, "height": int(bottom - top) + 1,
            "scale": 1}  # the clip is in page coordinates
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})
    return screenshot_image(base64.b64decode(shot["data"])), (left, top)


def measurement(colour: dict, colors: dict[tuple, int]) -> dict:
    if not colors:
        return {"skipped": "hidden"}
    weight, size = colour["weight"], colour["size"]
    return {"fg": hex_color(colour["rgb"]), "alpha": round(min(1.0, colour["alpha"]), 3),
            "large": size >= 24 or (size >= 18.66 and weight >= 700), **extremes(colors)}


def extremes(colors: dict[tuple, int]) -> dict:
    """The most frequent, the darkest and the lightest colours, without the TRIM share at each end."""
    by_light = sorted(colors, key=luminance)
    total, cut = sum(colors.values()), sum(colors.values()) * TRIM
    def first(order):
        seen = 0
        for rgb in order:
            seen += colors[rgb]
            if seen > cut:
                return list(rgb)
        return list(order[-1])
    return {"main": list(max(colors, key=colors.get)), "dark": first(by_light), "light": first(by_light[::-1]),
            "pixels": total}


def luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg, bg) -> float:
    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def screenshot_image(png: bytes):
    from PIL import Image
    return Image.open(io.BytesIO(png)).convert("RGB")


def background_colors(image, rects: list[dict], origin=(0, 0)) -> dict[tuple, int]:
    """{(r, g, b): count} of the pixels of the screenshot (taken from `origin` in the viewport)
    inside the text's line boxes."""
    counts: dict[tuple, int] = {}
    x0, y0 = origin
    for r in rects:
        crop = image.crop((round(r["x"]) - x0, round(r["y"]) - y0,
                           round(r["x"] + r["width"]) - x0, round(r["y"] + r["height"]) - y0))
        for count, rgb in crop.getcolors(crop.width * crop.height) or ():
            counts[rgb] = counts.get(rgb, 0) + count
    return counts


def hex_color(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])
