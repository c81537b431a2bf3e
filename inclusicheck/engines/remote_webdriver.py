"""A remote WebDriver (--remote-webdriver URL): a Selenium Grid, or a ChromeDriver on another port.

Whether it can take sessions (/status), opening a session while a Grid still hands requests to a
node that died, whether session requests wait in a Grid's queue, and the loopback HTTP server that
shows our local pages to a remote browser on this machine (docs/scale.md, docs/wcag-axe.md).
"""
from __future__ import annotations

import ipaddress
import json
import os
import secrets
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from .browser_options import first_line


def on_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_status(url: str, timeout: float = 10.0) -> dict | str:
    """The `value` of the remote WebDriver's /status, or why it could not be read."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/status", timeout=timeout) as response:
            value = json.loads(response.read(1_000_000)).get("value") or {}
    except (OSError, ValueError, AttributeError) as exc:
        return first_line(f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}")
    return value if isinstance(value, dict) else {"ready": False, "message": str(value)}


def is_grid(url: str) -> bool | None:
    """Whether `url` is a Selenium Grid (its /status lists nodes; a ChromeDriver's does not), None
    when /status did not answer."""
    status = read_status(url, timeout=5)
    return None if isinstance(status, str) else isinstance(status.get("nodes"), list)


def remote_status(url: str, timeout: float = 10.0) -> str | None:
    """Why the remote WebDriver at `url` cannot take sessions (its /status), or None when it can."""
    value = read_status(url, timeout)
    if isinstance(value, str):
        return value
    if value.get("ready") is False:
        return first_line(str(value.get("message") or "not ready"))
    return None


# What a Selenium Grid answers when the node it chose for a new session did not answer ("Connection
# error (POST http://node/se/grid/node/session)", "Failed to execute request (POST ...)"): the node
# died and the hub has not noticed yet (its health check runs every --healthcheck-interval seconds);
# and when the node of a session does not answer ("Unable to execute request for an existing
# session: Connection error (POST http://node/session/…/goog/cdp/execute)"): for a session just
# created, the node died before our set-up commands.
NODE_GONE = ("/se/grid/node/session", "Unable to execute request for an existing session")


def remote_session(start, budget: float):
    """start() (a new session, set up), tried again while the Grid hands the request to a node that
    is gone, or the node dies before the set-up: after its next health check the hub sends the
    request to a live node, or queues it until a slot is free. Anything else (no Grid there,
    capabilities refused) fails at once, and so does a request left unanswered for the client's
    timeout: it waited that long in the hub's queue for a slot (a node that dies while it creates
    the session makes the hub answer NODE_GONE at once); sending it again would double the wait and
    leave the first request queued."""
    from selenium.common.exceptions import WebDriverException
    deadline = time.monotonic() + budget
    while True:
        try:
            return start()
        except WebDriverException as exc:
            if not any(words in str(exc) for words in NODE_GONE) or time.monotonic() > deadline:
                raise
        time.sleep(1)


def grid_queue_waiting(url: str) -> bool | None:
    """Whether session requests wait in the Selenium Grid's queue at `url` (its
    /se/grid/newsessionqueue/queue); None when `url` is no Grid (a plain ChromeDriver has no queue)."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/se/grid/newsessionqueue/queue", timeout=5) as response:
            waiting = json.loads(response.read(1_000_000)).get("value")
    except (OSError, ValueError, AttributeError):
        return None
    return bool(waiting) if isinstance(waiting, list) else None


class PageServer:
    """Local pages over HTTP on 127.0.0.1, for a remote WebDriver on this machine (it cannot open
    file:// URLs of ours when it runs as another user or in a sandbox). Each folder is served under a
    random token, so nothing else on the disk is reachable; relative links work inside that folder
    (the current directory when the page is under it, so that `../style.css` of a site loads too)."""

    def __init__(self):
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
        roots: dict[str, str] = {}
        self._tokens: dict[Path, str] = {}
        self._roots = roots

        class Handler(SimpleHTTPRequestHandler):
            def translate_path(self, path):
                token, _, rest = urllib.parse.urlsplit(path).path.lstrip("/").partition("/")
                self.directory = roots.get(token, os.devnull)  # unknown token: nothing found
                return super().translate_path("/" + rest)

            def list_directory(self, path):
                self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True, name="inclusicheck-pages").start()

    def url(self, path: Path) -> str:
        cwd = Path.cwd()
        root = cwd if path.is_relative_to(cwd) and cwd != Path(cwd.anchor) else path.parent
        token = self._tokens.get(root)
        if token is None:
            token = self._tokens[root] = secrets.token_urlsafe(16)
            self._roots[token] = str(root)
        relative = urllib.parse.quote(path.relative_to(root).as_posix())
        return f"http://127.0.0.1:{self.server.server_address[1]}/{token}/{relative}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
