"""http(s) URLs -> Document, with a size limit, a timeout and clear errors for unreachable hosts,
HTTP errors and redirect loops. Plain urllib: one request per page needs no more."""
from __future__ import annotations

import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..model import Document
from . import LOADERS, LoadOptions, SourceError, _check_size, _html_loader

MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def fetch(url: str, options: LoadOptions) -> tuple[bytes, str, str]:
    """GET a URL: (body, final URL, content type). Raises SourceError."""
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent,
                                                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"})
    try:
        with opener.open(request, timeout=options.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit():
                _check_size(int(declared), options)
            body = response.read(options.max_bytes + 1)
            _check_size(len(body), options)
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


def load_url(url: str, options: LoadOptions) -> Document:
    body, final_url, content_type = fetch(url, options)
    mime = content_type.split(";")[0].strip().lower()
    suffix = "." + urlsplit(final_url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(final_url).path else ""
    if mime in HTML_TYPES or (not mime and suffix in (".html", ".htm", "")):
        return _html_loader()(body, final_url, None, options, content_type)
    if suffix in LOADERS:
        return LOADERS[suffix]()(body, final_url, None, options, content_type)
    raise SourceError("web.not_html", type=mime or "?")
