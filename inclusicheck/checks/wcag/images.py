"""Images of the `wcag` pack: text alternatives that are a file name (RGAA 1.3, ACT qt1vmo)."""
from __future__ import annotations

import re

from .. import Hit, check
from .elements import is_exposed

# ---- images whose alt is a file name (RGAA 1.3, ACT qt1vmo) -----------------------------------

FILE_NAME_ALT = re.compile(
    r"(\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)$)"
    r"|^(img|dsc|dscn|dscf|pict|gopr|mvimg|pxl|screenshot|capture|image|photo)[\s_-]?\d{2,}\w*$", re.I)


@check()
def alt_filename(doc, params, ctx):
    if doc.tree is None:
        return
    for el in doc.tree.iter("img", "area", "input"):
        if el.tag == "input" and (el.get("type") or "").lower() != "image":
            continue
        alt = (el.get("alt") or "").strip()
        if alt and FILE_NAME_ALT.search(alt) and is_exposed(el):
            yield Hit(element=el, data={"alt": alt})
