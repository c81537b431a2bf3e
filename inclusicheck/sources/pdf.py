"""PDF bytes -> Document (kind "pdf", no DOM tree).

The file is read by `pdf_worker` in a child process with a memory cap, a CPU cap and a wall-clock
timeout, so an encrypted, damaged or hostile file (a decompression bomb disguised as a PDF) gives
a clear error for that document and the run goes on. The text comes back as blocks in the order
of the structure tree (tagged PDF) or of the layout (untagged PDF), each with its page number;
the structure facts go to `doc.meta["pdf"]` for the pdf pack.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from ..extras import install_command, missing_module
from ..language.tags import check_tag
from ..model import Block, Document
from .base import SourceError

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the child
CPU_SECONDS = 60
WALL_SECONDS = 90
MAX_PAGES = 500


def load_bytes(data: bytes, uri: str, path: str | None, options, content_type: str | None) -> Document:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise SourceError("pdf.not_pdf")
    missing = missing_module("pdf")
    if missing:  # a base install: this document is an error naming the extra, the run goes on
        raise SourceError("pdf.no_extra", module=missing, install=install_command("pdf"))
    facts = analyse(data, timeout=min(WALL_SECONDS, max(options.timeout * 3, 10)))
    doc = build_document(uri, facts, path)
    doc.meta["content_digest"] = hashlib.sha256(data).hexdigest()  # for the result cache
    return doc


def _limits(memory: int):
    def apply():  # runs in the child before exec
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def analyse(data: bytes, timeout: float = WALL_SECONDS, max_pages: int = MAX_PAGES,
            memory: int = MEMORY_LIMIT) -> dict:
    """Run the worker on `data`; return its facts or raise SourceError."""
    command = [sys.executable, "-m", "inclusicheck.sources.pdf_worker", json.dumps({"max_pages": max_pages})]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, env=env,
                              preexec_fn=_limits(memory) if os.name == "posix" else None)
    except subprocess.TimeoutExpired:
        raise SourceError("pdf.timeout", seconds=int(timeout)) from None
    if done.returncode != 0 or not done.stdout:
        # killed by the memory or CPU cap (MemoryError, SIGKILL, SIGXCPU): a bomb or a monster file
        raise SourceError("pdf.limits", mb=memory // 2**20, seconds=CPU_SECONDS)
    try:
        facts = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SourceError("pdf.limits", mb=memory // 2**20, seconds=CPU_SECONDS) from None
    if "error" in facts:
        if facts["error"] == "pdf.limits":
            raise SourceError("pdf.limits", mb=memory // 2**20, seconds=CPU_SECONDS)
        if facts["error"] == "pdf.too_many_pages":
            raise SourceError("pdf.too_many_pages", pages=facts.get("pages"), limit=max_pages)
        raise SourceError(facts["error"], detail=facts.get("detail", ""))
    return facts


def build_document(uri: str, facts: dict, path: str | None = None) -> Document:
    lang = facts.get("lang")
    doc_lang = lang if lang and check_tag(lang).valid else None
    blocks, block_facts = [], []  # block_facts[i]: structure type, bbox... of blocks[i] (None: title)
    if facts.get("title"):
        blocks.append(Block(text=facts["title"], kind="title", lang=doc_lang, page=None))
        block_facts.append(None)
    for item in facts.get("blocks", []):
        blocks.append(Block(text=item["text"], kind=item["kind"], lang=item.get("lang") or doc_lang,
                            page=item.get("page")))
        block_facts.append({k: v for k, v in item.items() if k != "text"})
    source = "\n\n".join(b.text for b in blocks)
    meta_pdf = {k: v for k, v in facts.items() if k != "blocks"}
    meta_pdf["block_facts"] = block_facts
    doc = Document(uri=uri, kind="pdf", source=source, tree=None, blocks=blocks, lang=lang,
                   title=facts.get("title"), path=path, meta={"pdf": meta_pdf})
    return doc
