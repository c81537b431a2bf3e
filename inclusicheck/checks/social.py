"""Checks of the `social` pack: short posts (Facebook, X, Instagram, SMS...) as screen readers
and small screens receive them. They read the posts sources/social.py put in doc.meta["social"]
(one block per post, with its channel and images); SMS abbreviations are a data-only rule.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Location, Outcome
from . import Hit, check

HASHTAG = re.compile(r"(?<![\w&])#(\w{4,})")
# An emoji and what joins it into one picture (skin tone, ZWJ sequences, variation selector, flags)
EMOJI = re.compile("(?:[\U0001F1E6-\U0001F1FF]{2}|[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u231A-\u231B"
                   "\u23E9-\u23FA])(?:[\U0001F3FB-\U0001F3FF\uFE0F]|\u200D[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?)*")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.I)
# The GSM 03.38 alphabet: an SMS with any other character is sent in Unicode (70 characters, not 160)
GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
          "¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")


def _posts(doc):
    facts = doc.meta.get("social")
    return facts["posts"] if facts else []


def _block(doc, post):
    return doc.blocks[post["block"]] if post.get("block") is not None else None


def _with_text(doc):
    """(post, its block) for the posts that have a text."""
    for post in _posts(doc):
        if post.get("block") is not None:
            yield post, doc.blocks[post["block"]]


def _where(post) -> Location:
    return Location(line=post.get("line"), selector=post["where"])


# ---- hashtags ------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def split_words(tag: str, min_zipf: float) -> tuple[str, ...] | None:
    """The fewest French words (wordfreq) that make up a lower-case hashtag, or None."""
    from wordfreq import zipf_frequency
    best: list[tuple[str, ...] | None] = [()] + [None] * len(tag)
    for end in range(1, len(tag) + 1):
        for start in range(max(0, end - 20), end):
            part = tag[start:end]
            if best[start] is None or (len(part) < 2 and not part.isdigit()):
                continue
            if part.isdigit() or zipf_frequency(part, "fr") >= min_zipf:
                candidate = best[start] + (part,)
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1]


@check()
def hashtag_case(doc, params, ctx):
    for _, block in _with_text(doc):
        for match in HASHTAG.finditer(block.text):
            tag = match.group(1)
            if not (tag.islower() or tag.isupper()):
                continue  # already in camel case (#ÉlectionsMunicipales)
            words = split_words(tag.lower(), params["min_zipf"])
            if words and len(words) >= 2:
                camel = "#" + "".join(w[:1].upper() + w[1:] for w in words)
                yield Hit(block=block, span=match.span(), data={"tag": match.group(0), "camel": camel},
                          suggestion=camel)


# ---- emoji ---------------------------------------------------------------------------------------

@check()
def emoji(doc, params, ctx):
    for _, block in _with_text(doc):
        found = list(EMOJI.finditer(block.text))
        if len(found) > params["max_emojis"]:
            yield Hit(block=block, data={"count": len(found), "max": params["max_emojis"]})
            continue
        for first, second in zip(found, found[1:]):
            if block.text[first.end():second.start()].strip() == "":
                yield Hit(block=block, span=(first.start(), second.end()), message_key="run",
                          data={"match": block.text[first.start():second.end()]})
                break
        for m in found:  # an emoji standing for a word, between two words of a sentence
            before, after = block.text[:m.start()].rstrip(), block.text[m.end():].lstrip()
            if before[-1:].isalpha() and after[:1].isalpha() and after[:1].islower():
                yield Hit(block=block, span=m.span(), message_key="inside", data={"match": m.group(0)},
                          outcome=Outcome.REVIEW)
                break


# ---- links ---------------------------------------------------------------------------------------

@check()
def link_text(doc, params, ctx):
    for _, block in _with_text(doc):
        for m in URL.finditer(block.text):
            url = m.group(0).rstrip(".,;:!?)")
            if len(url) > params["max_url_chars"] or re.search(r"[?&](?:utm_|fbclid|gclid)", url):
                yield Hit(block=block, span=(m.start(), m.start() + len(url)), data={"url": url[:60]})


# ---- text in images ------------------------------------------------------------------------------

VISUAL = re.compile(r"\b(?:visuel|affiche|infographie|flyer|image ci-dessous|en images?|voir l'image|voir photo)\b"
                    r"|👇|⬇️", re.I)


@check()
def image_text(doc, params, ctx):
    for post in _posts(doc):
        block = _block(doc, post)
        missing = [i for i in post["images"] if not i["alt"]]
        if missing:
            yield Hit(block=block, location=None if block else _where(post), data={"count": len(missing)},
                      snippet=None if block else post["where"])
            continue
        mention = VISUAL.search(block.text) if block else None
        if mention and not post["images"]:
            yield Hit(block=block, span=mention.span(), message_key="visual", data={"match": mention.group(0)},
                      outcome=Outcome.REVIEW)


# ---- length --------------------------------------------------------------------------------------

@check()
def length(doc, params, ctx):
    for post in _posts(doc):
        channel = post.get("channel")
        limit = params["limits"].get(channel or "")
        if not limit:
            continue
        block = _block(doc, post)
        if channel == "sms":
            unicode = sorted({c for c in post["text"] if c not in GSM})
            if unicode:
                limit = params["sms_unicode"]
        if post["length"] > limit:
            key = "sms_unicode" if channel == "sms" and limit == params["sms_unicode"] else "default"
            yield Hit(block=block, message_key=key, data={
                "length": post["length"], "limit": limit, "channel": channel,
                "chars": " ".join(unicode[:5]) if key == "sms_unicode" else ""})
