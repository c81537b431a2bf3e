"""Colour contrast that axe-core could not decide ("incomplete": text on a background image, a
gradient, under another element, next to pseudo-element content...), measured on the rendered page.

For each such text (at most `MAX_NODES` per page, within `BUDGET_SECONDS`), in the same page load:
the text colour is its computed `color` (its alpha times the opacity of its ancestors); the
background is the pixels under the text's line boxes in a screenshot taken with that text (and its
pseudo-elements, underlines and icons drawn in `currentColor`) made transparent. One screenshot a
viewport, down the page, samples every text wholly inside it; a text that is not what shows at its
own place (scrolled out of its box, covered) is not measured. The check (checks/wcag/axe.py) compares
the colour with the darkest and the lightest of those pixels.

`measure(driver, axe)` returns {axe selector: measurement}; a measurement is a dict with `fg`
(#rrggbb), `alpha`, `large` (WCAG large text by computed size and weight), and the background
under the text: `main` (its most frequent colour), `dark` and `light` (its darkest and lightest
colours, leaving out the `TRIM` share of pixels at each end: anti-aliased edges of neighbours), as
[r, g, b]; or `skipped` (why it was not measured: "frame", "hidden", "covered",
"invisible", "budget", "failed").
"""
from __future__ import annotations

import base64
import io
import time

MAX_NODES = 500
BUDGET_SECONDS = 8.0
TRIM = 0.02
INVISIBLE_ALPHA = 0.05  # text this transparent is not seen at all (a label hidden by colour): not measured
MEASURED_RULES = ("color-contrast", "color-contrast-enhanced")
# axe's reasons (messageKey) that are about the colours, which pixels can settle; the others
# (too short or only symbols: is it text at all? visible only by its shadow) stay with a person
MEASURABLE = {"bgImage", "bgGradient", "imgNode", "bgOverlap", "elmPartiallyObscured", "elmPartiallyObscuring",
              "fgAlpha", "bgAlpha", "pseudoContent", "outsideViewport"}
SAMPLE_ATTR = "data-inclusicheck-contrast"

# Hide the sampled texts so that the screenshot shows what is behind them. currentColor drawings
# (gradient underlines, mask icons) go with the text; transitions would only start fading it.
HIDE_CSS = """
[{a}], [{a}] *, [{a}]::before, [{a}]::after, [{a}] *::before, [{a}] *::after {{
  color: transparent !important; -webkit-text-fill-color: transparent !important;
  text-shadow: none !important; text-decoration-color: transparent !important;
  caret-color: transparent !important; transition: none !important; animation: none !important;
}}""".format(a=SAMPLE_ATTR)

PREPARE_JS = """
const [selectors, attr, css] = arguments;
function opacity(el) {
  let value = 1;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) value *= parseFloat(getComputedStyle(e).opacity);
  return value;
}
const out = selectors.map(sel => {
  let el = null;
  try { el = document.querySelector(sel); } catch (e) { return null; }
  if (!el) return null;
  const cs = getComputedStyle(el), m = cs.color.match(/[\\d.]+/g) || ['0', '0', '0'];
  el.setAttribute(attr, '');
  return {rgb: m.slice(0, 3).map(Number), alpha: (m.length > 3 ? Number(m[3]) : 1) * opacity(el),
          size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight, 10) || 400};
});
const style = document.createElement('style');
style.id = attr;
style.textContent = css;
(document.head || document.documentElement).appendChild(style);
return out;
"""
# Scroll to `top`, then the line boxes of each text in viewport coordinates, whether they are all in
# the viewport, and where the text starts on the page (to scroll to it next).
VIEW_JS = """
const [selectors, top] = arguments;
scrollTo(0, top);
const nodes = selectors.map(sel => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const range = document.createRange();
  range.selectNodeContents(el);
  const rects = [...range.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
  if (!rects.length) return null;
  const inside = rects.every(r => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth);
  // what shows at each line's centre is the text itself (not clipped by a scrolling box, not covered)
  const shown = inside && rects.every(r => {
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el.contains(hit) || hit.contains(el));
  });
  return {inside: inside, shown: shown, top: Math.min(...rects.map(r => r.top)) + scrollY,
          rects: rects.map(r => ({x: r.left, y: r.top, width: r.width, height: r.height}))};
});
return {scrollY: scrollY, height: innerHeight, nodes: nodes};
"""
RESTORE_JS = """
const [attr, x, y] = arguments;
document.querySelectorAll('[' + attr + ']').forEach(el => el.removeAttribute(attr));
const style = document.getElementById(attr);
if (style) style.remove();
scrollTo(x, y);
"""


def undecided(axe: dict) -> list[str]:
    """axe selectors of the texts whose contrast axe left undecided (incomplete), in order."""
    found = []
    for result in axe.get("incomplete") or ():
        if result.get("id") not in MEASURED_RULES:
            continue
        for node in result.get("nodes") or ():
            if reason(node) not in MEASURABLE:
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
    in_page = [s for s in selectors if " >>> " not in s][:MAX_NODES]
    results = {s: {"skipped": "frame"} for s in selectors if " >>> " in s}
    results.update({s: {"skipped": "budget"} for s in selectors if s not in results and s not in in_page})
    try:
        scroll = driver.execute_script("return [scrollX, scrollY]")
        colours = driver.execute_script(PREPARE_JS, in_page, SAMPLE_ATTR, HIDE_CSS)
        pending = {s: c for s, c in zip(in_page, colours) if c is not None and c["alpha"] >= INVISIBLE_ALPHA}
        results.update({s: {"skipped": "hidden" if c is None else "invisible"} for s, c in zip(in_page, colours)
                        if s not in pending})
        results.update(sample_by_viewport(driver, pending, time.monotonic() + BUDGET_SECONDS))
    except (WebDriverException, OSError, ValueError, KeyError, TypeError):
        # the page broke our script, or the screenshot did not decode: reviews, never a page error
        results.update({s: {"skipped": "failed"} for s in in_page if s not in results})
    finally:
        try:
            driver.execute_script(RESTORE_JS, SAMPLE_ATTR, *scroll)
        except WebDriverException:
            pass
    return results


def sample_by_viewport(driver, pending: dict[str, dict], deadline: float) -> dict[str, dict]:
    """Down the page one viewport at a time: one screenshot samples every text wholly inside it
    (a text wider than the viewport, or that scrolling cannot bring in, counts as hidden)."""
    results, top, last, left_over = {}, 0, None, "budget"
    while pending and time.monotonic() < deadline:
        view = driver.execute_script(VIEW_JS, list(pending), top)
        if view["scrollY"] == last:
            left_over = "hidden"  # the page ends: what is still pending cannot be brought into view
            break
        last = view["scrollY"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        image = screenshot_image(base64.b64decode(shot["data"]))
        below = []
        for selector, node in zip(list(pending), view["nodes"]):
            if node and node["inside"] and not node["shown"]:
                results[selector] = {"skipped": "covered"}
                pending.pop(selector)
            elif node and node["inside"]:
                results[selector] = measurement(pending.pop(selector), background_colors(image, node["rects"]))
            elif node and node["top"] > last:
                below.append(node["top"])
            else:
                results[selector] = {"skipped": "hidden"}
                pending.pop(selector)
        if not below:
            break
        # the next text a quarter down the viewport, clear of a sticky header
        top = max(min(below) - view["height"] // 4, last + 1)
    results.update({s: {"skipped": left_over} for s in pending})
    return results


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


def background_colors(image, rects: list[dict]) -> dict[tuple, int]:
    """{(r, g, b): count} of the pixels of the screenshot inside the text's line boxes."""
    counts: dict[tuple, int] = {}
    for r in rects:
        crop = image.crop((round(r["x"]), round(r["y"]), round(r["x"] + r["width"]), round(r["y"] + r["height"])))
        for count, rgb in crop.getcolors(crop.width * crop.height) or ():
            counts[rgb] = counts.get(rgb, 0) + count
    return counts


def hex_color(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])
