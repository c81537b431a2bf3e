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

MAX_NODES = 500
BUDGET_SECONDS = 8.0
TRIM = 0.02
INVISIBLE_ALPHA = 0.05  # text this transparent is not seen at all (a label hidden by colour): not measured
PLAIN_RATIO = 1.1  # a background whose darkest and lightest pixels are this close is one colour
MEASURED_RULES = ("color-contrast", "color-contrast-enhanced")
# axe's reasons (messageKey) that are about the colours, which pixels can settle; the others
# (too short or only symbols: is it text at all? visible only by its shadow) stay with a person
MEASURABLE = {"bgImage", "bgGradient", "imgNode", "bgOverlap", "elmPartiallyObscured", "elmPartiallyObscuring",
              "fgAlpha", "bgAlpha", "pseudoContent", "outsideViewport"}
# too short or only symbols: is it text at all? Measured all the same: when it passes there is
# nothing to check; else it stays with a person, never a failure
MEASURED_IF_TEXT = {"shortTextContent", "nonBmp"}
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
const FORM = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
function opacity(el) {
  let value = 1;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) value *= parseFloat(getComputedStyle(e).opacity);
  return value;
}
// not rendered, visibility hidden, or cut to nothing (the visually-hidden pattern: clip, clip-path,
// a 1 px box that hides its overflow): no one sees it, so it has no contrast to check
function unseen(el) {
  if (!el.checkVisibility({visibilityProperty: true})) return true;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const cs = getComputedStyle(e), box = e.getBoundingClientRect();
    if (/rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(cs.clip) || /inset\\(50%\\)/.test(cs.clipPath)) return true;
    if (cs.overflow !== 'visible' && (box.width <= 1 || box.height <= 1)) return true;
  }
  return false;
}
// text drawn by a background (background-clip: text): its colour may be transparent on purpose
function clipsText(el) {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.backgroundClip === 'text' || cs.webkitBackgroundClip === 'text') return true;
  }
  return false;
}
const BG = ['backgroundColor', 'backgroundImage', 'backgroundSize', 'backgroundPosition', 'backgroundRepeat',
            'backgroundClip', 'backgroundOrigin', 'mixBlendMode', 'opacity', 'filter'];
const PSEUDO = ['content', 'position', 'top', 'left', 'right', 'bottom', 'width', 'height', ...BG];
// What decides the pixels behind a text: its own style, then each box under it up to the first
// opaque plain colour (its backgrounds and ::before/::after). Texts with the same key over a plain
// part of those backgrounds show the same pixels (see measure_alike).
function key(el, cs) {
  const parts = [cs.color, opacity(el), cs.fontSize, cs.fontWeight, cs.fontFamily, cs.textShadow, el.tagName];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const s = getComputedStyle(e), layer = BG.map(p => s[p]);
    for (const which of ['::before', '::after']) {
      const p = getComputedStyle(e, which);
      if (p.content !== 'none' && p.content !== 'normal') layer.push(which, ...PSEUDO.map(q => p[q]));
    }
    parts.push(layer.join('|'));
    const painted = s.backgroundImage !== 'none' || layer.length > BG.length;
    if (!painted && /^rgb\\(/.test(s.backgroundColor) && parseFloat(s.opacity) === 1) break;  // opaque, plain
  }
  return parts.join('\\n');
}
function textBox(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const box = FORM.has(el.tagName) ? el.getBoundingClientRect() : range.getBoundingClientRect();
  return box.width || box.height ? box : null;
}
const out = selectors.map(sel => {
  let el = null;
  try { el = document.querySelector(sel); } catch (e) { return null; }
  if (!el) return null;
  const cs = getComputedStyle(el), m = cs.color.match(/[\\d.]+/g) || ['0', '0', '0'];
  if (unseen(el)) return {unseen: true};
  const box = textBox(el);
  el.setAttribute(attr, '');
  return {rgb: m.slice(0, 3).map(Number), alpha: (m.length > 3 ? Number(m[3]) : 1) * opacity(el),
          size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight, 10) || 400,
          clipsText: clipsText(el), key: key(el, cs), area: box ? box.width * box.height : 0};
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
if (top !== null) scrollTo(0, top);
// the text's line boxes; a form control's value is not in the DOM: its content box
function lineBoxes(el) {
  if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) {
    const range = document.createRange();
    range.selectNodeContents(el);
    return [...range.getClientRects()];
  }
  const cs = getComputedStyle(el), box = el.getBoundingClientRect(), px = p => parseFloat(cs[p]) || 0;
  const left = box.left + px('borderLeftWidth') + px('paddingLeft'), top = box.top + px('borderTopWidth') + px('paddingTop');
  return [new DOMRect(left, top, box.right - px('borderRightWidth') - px('paddingRight') - left,
                      box.bottom - px('borderBottomWidth') - px('paddingBottom') - top)];
}
const nodes = selectors.map(sel => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const rects = lineBoxes(el).filter(r => r.width >= 1 && r.height >= 1);
  if (!rects.length) return null;
  const inside = rects.every(r => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth);
  // the lines that show: at their start, centre and end, what is there is the text itself (not
  // clipped by a scrolling box, not covered, even in part: by a sticky column). Only those are
  // sampled; a line under another element is not seen, it has no contrast of its own.
  const lines = inside ? rects.filter(r => [0.02, 0.5, 0.98].every(at => {
    const hit = document.elementFromPoint(r.left + r.width * at, r.top + r.height / 2);
    return !!hit && (el.contains(hit) || hit.contains(el));
  })) : [];
  return {inside: inside, shown: lines.length > 0, top: Math.min(...rects.map(r => r.top)) + scrollY,
          rects: lines.map(r => ({x: r.left, y: r.top, width: r.width, height: r.height}))};
});
return {scrollX: scrollX, scrollY: scrollY, height: innerHeight, nodes: nodes};
"""
# bring a text into view inside its scrolling boxes (a wide table's last columns), keeping where
# they were (BACK_JS puts them back: the next texts are measured as the page showed them)
INTO_VIEW_JS = """
const el = document.querySelector(arguments[0]);
window.__inclusicheckScrolls = [];
for (let e = el && el.parentElement; e; e = e.parentElement) window.__inclusicheckScrolls.push([e, e.scrollLeft, e.scrollTop]);
if (el) el.scrollIntoView({block: 'center', inline: 'center'});
"""
BACK_JS = "for (const [e, x, y] of window.__inclusicheckScrolls || []) e.scrollTo(x, y);"
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
