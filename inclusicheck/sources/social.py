"""Social posts -> Document (kind "social", no DOM tree): one block per post.

Inputs: a JSON export (a list of posts, or {"posts": [...]}), a CSV export (a header row), or a
text file checked with `--kind social` or named like the `social` globs (posts separated by a
line `---`; a post may start with its channel in brackets: `[x]`, `[sms]`, `[facebook]`...).
A post has a text and, when the export says so, a channel and images with their alternative text.
Each post is one block, placed by its number ("publication 3 (x)") and, in a text file, its line.
"""
from __future__ import annotations

import csv
import io
import json
import re

from ..model import Block, Document
from .base import SourceError
from .text import decode_text

TEXT_FIELDS = ("text", "message", "content", "body", "texte", "caption", "full_text")
CHANNEL_FIELDS = ("channel", "network", "platform", "reseau", "canal")
ALT_FIELDS = ("alt", "image_alt", "alt_text", "texte_alternatif")
IMAGE_FIELDS = ("image", "images", "media", "photo", "visuel")
CHANNELS = {"twitter": "x", "tweet": "x", "fb": "facebook", "insta": "instagram", "ig": "instagram",
            "texto": "sms", "mastodon": "mastodon", "linkedin": "linkedin", "bluesky": "bluesky"}
CHANNEL_LINE = re.compile(r"^\s*\[([A-Za-z]+)\]\s*$")
SEPARATOR = re.compile(r"^\s*-{3,}\s*$")


def channel_name(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return CHANNELS.get(value, value) or None


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    name = uri.lower()
    if name.endswith(".json"):
        posts = _json_posts(data)
    elif name.endswith(".csv"):
        posts = _csv_posts(data)
    else:
        posts = _text_posts(decode_text(data))
    return build_document(uri, posts, path)


def build_document(uri: str, posts: list[dict], path: str | None) -> Document:
    blocks = []
    for number, post in enumerate(posts, 1):
        post["length"] = len(post["text"])  # as the network counts it, line breaks included
        post["text"] = " ".join(post["text"].split())
        post["number"] = number
        post["where"] = f"publication {number}" + (f" ({post['channel']})" if post.get("channel") else "")
        if post["text"]:
            blocks.append(Block(text=post["text"], kind="paragraph", lang=None, line=post.get("line"),
                                where=post["where"], lang_spans=tag_spans(post["text"])))
        post["block"] = len(blocks) - 1 if post["text"] else None
    return Document(uri=uri, kind="social", source="\n\n".join(p["text"] for p in posts), tree=None,
                    blocks=blocks, path=path, meta={"social": {"posts": posts}})


# Hashtags, mentions and addresses are names, not sentences: marked "zxx" (no linguistic content)
# so that the text packs do not read #electionsmunicipales as a rare word or its # as a symbol;
# the social pack checks them itself.
TAGS = re.compile(r"(?<![\w&])[#@]\w+|(?:https?://|www\.)\S+", re.I)


def tag_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "zxx") for m in TAGS.finditer(text)]


def _post(record: dict) -> dict:
    fields = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    text = next((fields[f] for f in TEXT_FIELDS if isinstance(fields.get(f), str)), "")
    channel = next((fields[f] for f in CHANNEL_FIELDS if isinstance(fields.get(f), str)), None)
    images = []
    for image in fields.get("images") or fields.get("media") or []:
        if isinstance(image, dict):
            alt = next((image[f] for f in ALT_FIELDS if isinstance(image.get(f), str)), "")
            images.append({"alt": " ".join(alt.split())})
    if not images:  # CSV: an image column (its file or URL) and an alternative column
        alt = " ".join(str(next((fields[f] for f in ALT_FIELDS if fields.get(f)), "")).split())
        image = next((str(fields[f]).strip() for f in IMAGE_FIELDS if fields.get(f)), "")
        if alt or image.lower() not in ("", "0", "no", "non", "false"):
            images.append({"alt": alt})
    return {"text": text.strip(), "channel": channel_name(channel), "images": images}


def _json_posts(data: bytes) -> list[dict]:
    try:
        value = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise SourceError("social.unreadable", detail=f"JSON: {exc}") from None
    if isinstance(value, dict):
        value = value.get("posts") or value.get("publications") or value.get("data")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SourceError("social.unreadable", detail="JSON: a list of posts expected")
    return [_post(v) for v in value]


def _csv_posts(data: bytes) -> list[dict]:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if not rows or not any(f in {k.lower() for k in rows[0] if k} for f in TEXT_FIELDS):
        raise SourceError("social.unreadable", detail=f"CSV: a column among {', '.join(TEXT_FIELDS)} expected")
    return [_post(row) for row in rows]


def _text_posts(text: str) -> list[dict]:
    posts, lines, start, channel = [], [], 1, None
    for number, line in enumerate(text.splitlines() + ["---"], 1):
        if SEPARATOR.match(line):
            if any(part.strip() for part in lines):
                posts.append({"text": "\n".join(lines).strip(), "channel": channel, "images": [], "line": start})
            lines, channel = [], None
            continue
        found = CHANNEL_LINE.match(line)
        if found and not any(part.strip() for part in lines):
            channel = channel_name(found.group(1))
            continue
        if not lines or not any(part.strip() for part in lines):
            start = number
        lines.append(line)
    return posts
