"""axe-core in the page: injected into every document (frames included) and run once per page load.

AXE_RUN_JS runs the enabled axe rules in one `axe.run`, then corrects what axe 4.10 decides against
the W3C ACT rules in ways a rendered page can tell (docs/wcag-axe.md).
"""
from __future__ import annotations

import re

from .browser_options import BrowserError, first_line

AXE_VERSION = re.compile(r"axe v(\d+\.\d+\.\d+)")
FRAME_DEPTH = 3  # axe is injected into frames nested this deep

AXE_RUN_JS = """
const [ruleIds, frameWait] = arguments, done = arguments[arguments.length - 1];
// Where axe 4.10 departs from the W3C ACT rules, in ways a page can be checked for:
function element(target) {  // target[0]: the element, or the frame holding it, in this document
  if (typeof target[0] !== 'string') return null;
  try { return document.querySelector(target[0]); } catch (e) { return null; }
}
// 1. inert content (under [inert], or outside an open modal dialog) cannot take focus (ACT akn7bn)
function inert(el) {
  const modal = document.querySelector('dialog:modal');
  return !!el.closest('[inert]') || (!!modal && !modal.contains(el));
}
// 2. spacing is judged on the element whose own text it styles (ACT 24afc2, 9e45ec, 78fd32)
function noOwnText(el) {
  return ![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
}
// 3. contrast is about text: a one-character glyph whose name comes from aria-label (a close
//    button's "X") is an icon, left to a person (ACT afw4f7)
function icon(el) {
  return el.textContent.trim().length === 1 && !!el.closest('[aria-label], [aria-labelledby]');
}
// 4. frames with the same name must have an equivalent purpose (ACT 4b1c6c): the same resource
//    (one video embedded twice under its title) is; a same title over another resource is not
function sameResource(el) {
  const name = f => (f.getAttribute('title') || '').trim().replace(/\\s+/g, ' ').toLowerCase();
  const resource = f => f.hasAttribute('srcdoc') ? 'srcdoc:' + f.getAttribute('srcdoc') : f.src;
  const twins = [...document.querySelectorAll('iframe, frame')].filter(f => f !== el && name(f) === name(el));
  return twins.length > 0 && !!resource(el) && twins.every(f => resource(f) === resource(el));
}
// 5. a link is in a text block only amid prose of its own block (a site-name link in a header,
//    a link wrapping a heading or a card, a link alone in its list item is not)
function notInProse(link) {
  const inline = e => /^inline/.test(getComputedStyle(e).display) || getComputedStyle(e).display === 'contents';
  if ([...link.querySelectorAll('*')].some(d => !inline(d) && d.textContent.trim())) return true;
  let block = link.parentElement;
  while (block && block.parentElement && inline(block)) block = block.parentElement;
  if (!block) return true;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (link.contains(text) || parent.closest('a[href]') || !/\\p{L}{2}/u.test(text.textContent)) continue;
    let up = parent;
    while (up !== block && inline(up)) up = up.parentElement;
    if (up === block && parent.checkVisibility()) return false;  // prose next to the link
  }
  return true;
}
const DROP = {'frame-focusable-content': inert, 'scrollable-region-focusable': inert,
              'avoid-inline-spacing': noOwnText};
// nodes outside the rule's applicability, decided or not
const NOT_APPLICABLE = {'frame-title-unique': sameResource, 'link-in-text-block': notInProse};
const REVIEW = {'color-contrast': icon, 'color-contrast-enhanced': icon};
// 6. css-orientation-lock is "incomplete" on most pages (style sheets it cannot tell about): noise
const NO_INCOMPLETE = new Set(['css-orientation-lock']);
// 7. aria-controls next to aria-haspopup (the DSFR menu button): axe leaves it undecided whatever
//    the value, as the popup may only be created when it opens (messageKey controlsWithinPopup).
//    Once the page's scripts ran, every id it names existing in the DOM decides it: valid.
function popupDoubt(n) {
  return [...(n.any || []), ...(n.all || [])].some(c => c.data && c.data.messageKey === 'controlsWithinPopup');
}
function controlsExist(el, n) {
  const ids = (el.getAttribute('aria-controls') || '').trim().split(/\\s+/).filter(Boolean);
  return popupDoubt(n) && ids.length > 0 && ids.every(id => document.getElementById(id));
}
// undecided nodes the rendered page decides (passed)
const DECIDED = {'aria-valid-attr-value': controlsExist};
function undecided(v) {
  const decided = DECIDED[v.id];
  if (decided) v.nodes = v.nodes.filter(n => { const el = element(n.target); return !(el && decided(el, n)); });
  return v.nodes.length > 0;
}
function applicable(v) {
  const outside = NOT_APPLICABLE[v.id];
  if (outside) v.nodes = v.nodes.filter(n => { const el = element(n.target); return !(el && outside(el)); });
  return v.nodes.length > 0;
}
function adjust(r) {
  r.incomplete = r.incomplete.filter(v => !NO_INCOMPLETE.has(v.id) && applicable(v) && undecided(v));
  r.violations = r.violations.filter(applicable);
  for (const v of r.violations) {
    const drop = DROP[v.id], review = REVIEW[v.id];
    if (!drop && !review) continue;
    const moved = [];
    v.nodes = v.nodes.filter(n => {
      const el = element(n.target);
      if (el && drop && drop(el)) return false;
      if (el && review && review(el)) { moved.push({...n, icon: true}); return false; }
      return true;
    });
    if (moved.length) r.incomplete.push({...v, nodes: moved});
  }
  r.violations = r.violations.filter(v => v.nodes.length);
  return r;
}
// preload: axe waits up to 10 s by default for media and style sheets that do not load; 3 s is plenty.
// Style sheets only (css-orientation-lock reads them; a preload object without `assets` preloads
// nothing): one media file that does not load fails the whole preload after the timeout.
axe.run(document, {runOnly: {type: 'rule', values: ruleIds}, resultTypes: ['violations', 'incomplete'],
                   frameWaitTime: frameWait, performanceTimer: false,
                   preload: {assets: ['cssom'], timeout: 3000}})
  .then(r => done(adjust(r)), e => done({error: String(e && e.stack || e)}));
"""


def axe_setup(axe_source: str) -> str:
    """The script that defines axe in a document."""
    # file:// frames have opaque origins: axe must accept messages from every origin
    return axe_source + ";axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"


def run_axe(driver, axe_source: str, rule_ids: list[str], script_timeout: float) -> dict:
    if not driver.execute_script("return typeof axe === 'object' && !!axe.run"):
        inject(driver, axe_source, 0)  # the page replaced or removed it: inject by hand, frames included
        driver.switch_to.default_content()
    frame_wait = int(min(script_timeout, 10) * 1000)
    result = driver.execute_async_script(AXE_RUN_JS, rule_ids, frame_wait)
    if not isinstance(result, dict) or "error" in result:
        raise BrowserError("browser.axe_failed", reason=first_line(str((result or {}).get("error"))))
    return result


def inject(driver, axe_source: str, depth: int) -> None:
    """axe in this document and in every frame below it, so that axe.run checks frames too
    (it talks to the copies in frames by postMessage)."""
    driver.execute_script(axe_setup(axe_source))
    if depth >= FRAME_DEPTH:
        return
    from selenium.common.exceptions import WebDriverException
    for frame in driver.find_elements("css selector", "iframe, frame"):
        try:
            driver.switch_to.frame(frame)
            inject(driver, axe_source, depth + 1)
        except WebDriverException:
            pass  # a frame that went away or cannot be entered: axe skips it after frameWaitTime
        finally:
            driver.switch_to.parent_frame()
