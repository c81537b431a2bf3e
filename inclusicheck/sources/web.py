"""http(s) URLs -> Document, with a size limit, a timeout and clear errors for unreachable hosts,
HTTP errors and redirect loops. Plain urllib: one request per page needs no more."""
from __future__ import annotations

import functools
import socket
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..model import Document
from .base import LoadOptions, SourceError, check_size
from .loaders import LOADERS, html_loader

MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def __init__(self, allowed=None, pace=None):
        super().__init__()
        self.allowed = allowed  # None: any host; else a function url -> bool
        self.pace = pace  # called before following a redirect (the crawler's politeness delay)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if self.allowed is not None and not self.allowed(newurl):
            raise SourceError("web.offsite_redirect", host=urlsplit(newurl).netloc)
        if self.pace is not None:
            self.pace()
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for the run: loading the CA certificates takes ~0.1 s, per opener otherwise."""
    return ssl.create_default_context()


class Unwanted(Exception):
    """The response's content type is not one the caller wants (the body is not read)."""

    def __init__(self, content_type: str, url: str):
        super().__init__(content_type)
        self.content_type, self.url = content_type, url


def fetch(url: str, options: LoadOptions, allowed=None, want=None, pace=None) -> tuple[bytes, str, str]:
    """GET a URL: (body, final URL, content type). Raises SourceError.

    `allowed(url) -> bool` limits where redirects may go (the crawler keeps to its origins);
    `want(content_type) -> bool` stops before reading a body nobody will check (raises Unwanted)."""
    opener = urllib.request.build_opener(_Redirects(allowed, pace), urllib.request.HTTPSHandler(context=_tls()))
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent,
                                                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"})
    try:
        with opener.open(request, timeout=options.timeout) as response:
            if want is not None and not want(response.headers.get("Content-Type", "")):
                raise Unwanted(response.headers.get("Content-Type", ""), response.geturl())
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit():
                check_size(int(declared), options)
            body = _read_body(response, options)
            check_size(len(body), options)
            return body, response.geturl(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise SourceError("web.redirect_loop") from None
        raise SourceError("web.http", code=exc.code, reason=exc.reason) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise SourceError("web.timeout", seconds=options.timeout) from None
        raise SourceError("web.unreachable", reason=exc.reason) from None
    except (socket.timeout, TimeoutError):
        raise SourceError("web.timeout", seconds=options.timeout) from None
    except (OSError, ValueError) as exc:  # connection reset, bad URL, http.client errors
        raise SourceError("web.unreachable", reason=exc) from None


BODY_DEADLINE = 4  # the whole body must arrive within this many timeouts (a server trickling bytes)


def _read_body(response, options: LoadOptions) -> bytes:
    """Read up to max_bytes + 1 bytes; `timeout` bounds each wait, BODY_DEADLINE the whole."""
    deadline = time.monotonic() + options.timeout * BODY_DEADLINE
    chunks, size = [], 0
    while size <= options.max_bytes:
        chunk = response.read1(min(65536, options.max_bytes + 1 - size)) if hasattr(response, "read1") \
            else response.read(min(65536, options.max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise SourceError("web.timeout", seconds=options.timeout * BODY_DEADLINE)
    return b"".join(chunks)


def load_url(url: str, options: LoadOptions) -> Document:
    body, final_url, content_type = fetch(url, options)
    return load_response(body, final_url, content_type, options)


def load_response(body: bytes, final_url: str, content_type: str, options: LoadOptions) -> Document:
    mime = content_type.split(";")[0].strip().lower()
    suffix = "." + urlsplit(final_url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(final_url).path else ""
    if mime in HTML_TYPES or (not mime and suffix in (".html", ".htm", "")):
        return html_loader()(body, final_url, None, options, content_type)
    if mime == "application/pdf" or body.startswith(b"%PDF-"):
        return LOADERS[".pdf"]()(body, final_url, None, options, content_type)
    if suffix in LOADERS:
        return LOADERS[suffix]()(body, final_url, None, options, content_type)
    raise SourceError("web.not_html", type=mime or "?")
