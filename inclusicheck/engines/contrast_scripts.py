"""The scripts engines/contrast.py runs in the page: mark and restyle the texts to measure
(PREPARE_JS, HIDE_CSS), find their line boxes in the viewport (VIEW_JS), scroll one into view
inside its scrolling boxes and back (INTO_VIEW_JS, BACK_JS), and put the page back (RESTORE_JS)."""

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
