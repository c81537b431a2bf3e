"""Static accessibility checks of the `wcag` pack: what can be decided from the DOM alone,
especially for French content, and what axe-core does not check."""
from __future__ import annotations

import re

from ..engines.dom import visible_text
from ..langtags import check_tag
from . import Hit, check

TAG_PROBLEMS = {
    "syntax": {"fr": "syntaxe incorrecte", "en": "bad syntax"},
    "language": {"fr": "langue inconnue du registre IANA", "en": "language not in the IANA registry"},
    "script": {"fr": "écriture inconnue", "en": "unknown script"},
    "region": {"fr": "région inconnue", "en": "unknown region"},
    "variant": {"fr": "variante inconnue", "en": "unknown variant"},
    "prefix": {"fr": "variante employée avec un mauvais préfixe", "en": "variant used with the wrong prefix"},
}


def tag_problem(result, lang: str) -> str:
    text = TAG_PROBLEMS.get(result.problem, {}).get(lang, result.problem or "")
    return f"{text} : {result.detail}" if lang == "fr" and result.detail else (
        f"{text}: {result.detail}" if result.detail else text)


def suggest_tag(value: str) -> str | None:
    """A likely correct tag for common mistakes: fr_FR -> fr-FR, br-gallo -> fr-gallo."""
    fixed = value.strip().replace("_", "-")
    if "gallo" in fixed.lower().split("-"):
        return "fr-gallo"
    return fixed if fixed != value and check_tag(fixed).valid else None


@check()
def html_lang(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    value = root.get("lang")
    if value is None:
        value = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if value is None:
        yield Hit(element=root, suggestion='lang="fr"', snippet=_start_tag(root))
    elif not value.strip():
        yield Hit(element=root, message_key="empty", suggestion='lang="fr"', snippet=_start_tag(root))
    else:
        result = check_tag(value)
        if not result.valid:
            fixed = suggest_tag(value)
            yield Hit(element=root, message_key="invalid", snippet=_start_tag(root),
                      data={"lang": value, "problem": tag_problem(result, ctx.lang)},
                      suggestion=f'lang="{fixed}"' if fixed else None)


def _start_tag(el) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


@check()
def page_title(doc, params, ctx):
    root = doc.tree
    if root is None or root.tag != "html":
        return
    titles = [t for t in root.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())]
    if not titles:
        head = root.find("head")
        yield Hit(element=head if head is not None else root, snippet="<head>…</head>")
    elif not titles[0].text_content().strip():
        yield Hit(element=titles[0], message_key="empty")


# Classes that hide text visually but leave it to screen readers (Bootstrap, DSFR, WordPress...).
SR_ONLY = re.compile(r"(^|\s)(sr-only|fr-sr-only|visually-hidden|visuallyhidden|screen-reader-text|"
                     r"element-invisible|hidden-accessible|offscreen|a11y-hidden|u-visually-hidden)(\s|$)")
PUNCTUATION = re.compile(r"[\s.…:;,!?«»\"“”()\[\]>›→»←‹<|*-]+")


def normalise_link_text(text: str) -> str:
    return PUNCTUATION.sub(" ", text.replace("’", "'").lower()).strip()


def shown_text(el) -> str:
    """The link text a sighted reader sees: visible text without visually-hidden parts."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not SR_ONLY.search(child.get("class") or ""):
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def accessible_name(el) -> str:
    """aria-labelledby, then aria-label, then content (hidden text and image alts included).
    `title` is deliberately ignored: it is not reliably read."""
    labelledby = (el.get("aria-labelledby") or "").split()
    if labelledby:
        root = el.getroottree().getroot()
        names = []
        for ref in labelledby:
            found = root.xpath("//*[@id=$i]", i=ref)
            if found:
                names.append(el.text_content() if found[0] is el else visible_text(found[0]))
        if any(n.strip() for n in names):
            return " ".join(names)
    label = (el.get("aria-label") or "").strip()
    if label:
        return label
    return visible_text(el)


@check()
def link_text(doc, params, ctx):
    if doc.tree is None:
        return
    generic = {normalise_link_text(g) for g in params["generic"]}
    for link in doc.tree.iter("a"):
        if link.get("href") is None:
            continue
        text = shown_text(link)
        if normalise_link_text(text) not in generic:
            continue
        if normalise_link_text(accessible_name(link)) in generic:
            yield Hit(element=link, data={"text": text})
