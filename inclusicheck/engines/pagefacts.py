"""Facts about the rendered page that axe-core does not give, for our browser-backed rules
(checks/wcag/browser.py). One script per page, run after axe in the same page load; the only
extra WebDriver round trips are Chromium's computed accessible name ("Get Computed Label") of the
few elements that need it (widgets named by `aria-label`/`aria-labelledby` over visible text).

`collect(driver)` returns a dict:
- `labels`: widgets with visible text content and an `aria-label` or `aria-labelledby` (ACT
  2ee8b8): selector, html, role, `label` (visible inner text), `icon` (text drawn by an icon
  font), `name` (the browser's accessible name, None if it could not be read);
- `media`: `<audio>`/`<video>` elements with `autoplay`: selector, html, tag, muted, controls,
  loop, duration ("inf" for a stream), start and the media fragment's end (`#t=8,10`), in seconds,
  None while unknown.
"""
from __future__ import annotations

FACTS_JS = r"""
const done = arguments[arguments.length - 1];
// widget roles that support name from content (WAI-ARIA 1.2)
const WIDGETS = new Set(['button', 'checkbox', 'gridcell', 'link', 'menuitem', 'menuitemcheckbox',
                         'menuitemradio', 'option', 'radio', 'switch', 'tab', 'treeitem']);
const ICON_FONT = /icon|symbol|glyph|awesome|material/i;
function cssPath(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
    if (e.id && document.querySelectorAll('#' + CSS.escape(e.id)).length === 1) {
      parts.unshift('#' + CSS.escape(e.id)); return parts.join(' > ');
    }
    const tag = e.localName, same = [...(e.parentElement || document).children].filter(c => c.localName === tag);
    parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(e) + 1})` : tag);
  }
  return ['html', ...parts].join(' > ');
}
function role(el) {  // explicit role (first token), else the implicit one of the few tags concerned
  const explicit = (el.getAttribute('role') || '').trim().toLowerCase().split(/\s+/)[0];
  if (explicit && explicit !== 'none' && explicit !== 'presentation') return explicit;
  if ((el.localName === 'a' || el.localName === 'area') && el.hasAttribute('href')) return 'link';
  if (el.localName === 'button') return 'button';
  return explicit || null;
}
function onScreen(el) {  // rendered, and not hidden visually (screen-reader-only text, off screen)
  const cs = getComputedStyle(el);
  if (cs.display === 'contents') return true;
  const r = el.getBoundingClientRect();
  if (!el.getClientRects().length || r.width <= 1 || r.height <= 1) return false;
  if (parseFloat(cs.opacity) === 0 || cs.clipPath === 'inset(50%)' || /^rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)$/.test(cs.clip)) return false;
  return r.right + scrollX > 0 && r.bottom + scrollY > 0;
}
function visibleInnerText(el) {  // innerText, without the descendants that are not on screen
  const hidden = [];
  for (const d of el.querySelectorAll('*')) {
    if (hidden.some(h => h.contains(d)) || !d.textContent.trim()) continue;
    if (!onScreen(d)) hidden.push(d);
  }
  const saved = hidden.map(d => [d, d.getAttribute('style')]);
  hidden.forEach(d => d.style.setProperty('display', 'none', 'important'));
  const text = el.innerText;
  saved.forEach(([d, s]) => s === null ? d.removeAttribute('style') : d.setAttribute('style', s));
  return text;
}
function iconFont(el) {
  return [el, ...el.querySelectorAll('*')].some(d => d.textContent.trim() && ICON_FONT.test(getComputedStyle(d).fontFamily));
}
function labels() {
  const out = [];
  for (const el of document.querySelectorAll('[aria-label], [aria-labelledby]')) {
    const r = role(el);
    if (!WIDGETS.has(r) || !onScreen(el) || !el.textContent.trim()) continue;
    const label = visibleInnerText(el);
    if (!label.trim()) continue;
    out.push({element: el, selector: cssPath(el), html: el.outerHTML.slice(0, 300), role: r, label: label,
              icon: iconFont(el)});
  }
  return out;
}
function seconds(npt) {  // media fragment time: "12.5", "1:02", "0:01:02"
  return npt ? npt.split(':').reduce((total, part) => total * 60 + parseFloat(part || '0'), 0) : null;
}
function media() {
  return [...document.querySelectorAll('audio[autoplay], video[autoplay]')].map(m => {
    const t = /[#&]t=(?:npt:)?([\d.:]*)(?:,([\d.:]+))?/.exec(m.currentSrc || '');
    return {selector: cssPath(m), html: m.outerHTML.slice(0, 300), tag: m.localName,
            muted: m.muted || m.defaultMuted, controls: m.controls, loop: m.loop,
            duration: Number.isFinite(m.duration) ? m.duration : (m.duration === Infinity ? 'inf' : null),
            start: m.readyState >= 1 ? m.currentTime : null, end: t ? seconds(t[2]) : null};
  });
}
function collect() {
  try { done({labels: labels(), media: media()}); } catch (e) { done({error: String(e)}); }
}
// autoplaying media whose length is not known yet: give their metadata up to 1.5 s
const autoplay = [...document.querySelectorAll('audio[autoplay], video[autoplay]')];
const settled = () => autoplay.every(m => m.readyState >= 1 || m.networkState === 3 || m.error);
const started = Date.now();
(function wait() { settled() || Date.now() - started > 1500 ? collect() : setTimeout(wait, 50); })();
"""


def collect(driver) -> dict:
    """The page's facts; empty when the script failed (a page that broke our script): the rules
    that read them then find nothing, they never guess."""
    from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
    try:
        facts = driver.execute_async_script(FACTS_JS)
    except JavascriptException:
        return {}
    if not isinstance(facts, dict) or "error" in facts:
        return {}
    for item in facts.get("labels") or ():
        element = item.pop("element", None)
        try:  # Chromium's own accessible name computation (WebDriver "Get Computed Label")
            item["name"] = element.accessible_name if element is not None else None
        except (StaleElementReferenceException, JavascriptException):
            item["name"] = None
    return facts
