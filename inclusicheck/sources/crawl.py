"""Sites: `--crawl URL` (follow links on the allowed origins) and `--sitemap URL` (sitemap or
sitemap index). Both yield Targets lazily, each carrying the Document already loaded from the
one fetch of the page (the runner does not fetch or parse it again), so checking starts with
the first page and memory stays flat.

Politeness and safety: robots.txt (urllib.robotparser, our User-Agent), a delay between request
starts (the larger of the configured delay and robots.txt's Crawl-delay), at most `concurrency`
requests at once, never a request outside the allowed hosts (redirects included), bounded by
max_pages and max_depth, URLs normalised (fragments, default ports, session ids, tracking
parameters, sorted queries) and calendar-like URLs capped per pattern, so that an infinite
calendar ends quickly.
"""
from __future__ import annotations

import fnmatch
import gzip
import re
import threading
import time
import urllib.robotparser
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from .base import LoadOptions, SourceError, Target
from .web import HTML_TYPES, Unwanted, fetch, load_response

SESSION_PARAMS = re.compile(r"^(jsessionid|phpsessid|sid|sessionid|session_id|aspsessionid\w*|cfid|cftoken|"
                            r"utm_\w+|fbclid|gclid|msclkid|mc_cid|mc_eid|xtor|_ga)$", re.I)
SKIPPED_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".json", ".xml",
                    ".zip", ".gz", ".rar", ".7z", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
                    ".ods", ".odp", ".mp3", ".mp4", ".avi", ".mov", ".webm", ".ogg", ".wav", ".ics", ".vcf",
                    ".woff", ".woff2", ".ttf", ".eot", ".exe", ".dmg", ".apk", ".csv", ".txt", ".rss", ".atom"}
CHECKED_TYPES = (*HTML_TYPES, "application/pdf")
CALENDAR = re.compile(r"(?:^|[/=&?_-])(?:19|20)\d\d(?:[-/]?\d{1,2}){0,2}(?:$|[/&?_.-])|"
                      r"[?&](?:month|mois|year|annee|année|date|day|jour|week|semaine|cal\w*|agenda)=", re.I)
MAX_URL_LENGTH = 2000
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
MAX_SITEMAPS = 50


@dataclass
class CrawlSettings:
    max_pages: int = 100
    max_depth: int = 10
    delay: float = 0.5
    concurrency: int = 2
    allowed_hosts: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # URL globs; empty: everything
    exclude: tuple[str, ...] = ()
    max_calendar_pages: int = 10  # per URL pattern that looks like a calendar


@dataclass
class Stats:
    found: int = 0
    checked: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str):
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def normalise_url(url: str, base: str | None = None) -> str | None:
    """One spelling per page: absolute, no fragment, lower-case scheme and host, no default
    port, no session or tracking parameters, sorted query. None for what is not http(s)."""
    url = urljoin(base, url.strip()) if base else url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = re.sub(r";(jsessionid|phpsessid|sid)=[^/?#]*", "", parts.path, flags=re.I) or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not SESSION_PARAMS.match(k)))
    result = urlunsplit((scheme, netloc, path, query, ""))
    return result if len(result) <= MAX_URL_LENGTH else None


def url_pattern(url: str) -> str:
    """The shape of a URL, digits and query values removed: /agenda/2025/03?view=month ->
    /agenda/#/#?view"""
    parts = urlsplit(url)
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return parts.netloc + re.sub(r"\d+", "#", parts.path) + "?" + "&".join(keys)


class Politeness:
    """At most one request start every `delay` seconds (shared by the worker threads)."""

    def __init__(self, delay: float):
        self.delay = delay
        self.lock = threading.Lock()
        self.next_start = 0.0

    def wait(self):
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)


class Crawler:
    def __init__(self, options: LoadOptions, settings: CrawlSettings,
                 progress: Callable[[Stats, int], None] | None = None):
        self.options, self.settings = options, settings
        self.progress = progress
        self.stats = Stats()
        self.hosts: set[str] = {h.lower() for h in settings.allowed_hosts}
        self.origins: set[tuple[str, int | None]] = set()
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.politeness = Politeness(settings.delay)
        self.seen: set[str] = set()
        self.patterns: dict[str, int] = {}

    # ---- scope ----------------------------------------------------------------------------

    def allow_origin(self, url: str) -> None:
        parts = urlsplit(url)
        self.origins.add((parts.hostname.lower(), _port(parts)))

    def allowed(self, url: str) -> bool:
        """Same origin as a start URL (an http -> https upgrade of it included), or a host the
        user allowed."""
        try:
            parts = urlsplit(url)
            host, port = (parts.hostname or "").lower(), _port(parts)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https"):
            return False
        if host in self.hosts:
            return True
        return any(host == h and (port == p or {port, p} == {80, 443}) for h, p in self.origins)

    def wanted(self, url: str) -> bool:
        s = self.settings
        if s.include and not any(fnmatch.fnmatch(url, p) for p in s.include):
            return False
        return not any(fnmatch.fnmatch(url, p) for p in s.exclude)

    def robots_parser(self, url: str):
        """robots.txt of the URL's origin, read once (None: there is none, everything allowed)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self._read_robots(origin)
        return self.robots[origin]

    def robots_allow(self, url: str) -> bool:
        parser = self.robots_parser(url)
        return parser is None or parser.can_fetch(self.options.user_agent, url)

    def _read_robots(self, origin: str):
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        self.politeness.wait()
        try:
            body, _, _ = fetch(origin + "/robots.txt", self.options, allowed=self.allowed)
        except SourceError as exc:
            if exc.key == "web.http" and exc.params.get("code") in (401, 403):
                parser.disallow_all = True
                return parser
            return None  # no robots.txt (404), or unreachable: everything allowed
        except Unwanted:
            return None
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.options.user_agent)
        if delay:
            self.politeness.delay = max(self.politeness.delay, float(delay))
        return parser

    def admit(self, url: str) -> bool:
        """Should this (normalised) URL be fetched? Records why not."""
        if url in self.seen:
            return False
        self.seen.add(url)
        if not self.allowed(url):
            self.stats.skip("offsite")
            return False
        suffix = "." + urlsplit(url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(url).path else ""
        if suffix in SKIPPED_SUFFIXES:
            self.stats.skip("not_html")
            return False
        if not self.wanted(url):
            self.stats.skip("excluded")
            return False
        if CALENDAR.search(url):
            pattern = url_pattern(url)
            self.patterns[pattern] = self.patterns.get(pattern, 0) + 1
            if self.patterns[pattern] > self.settings.max_calendar_pages:
                self.stats.skip("calendar")
                return False
        if not self.robots_allow(url):
            self.stats.skip("robots")
            return False
        self.stats.found += 1
        return True

    # ---- fetching -------------------------------------------------------------------------

    def _load(self, url: str):
        """Fetch and load one URL (in a worker thread): a Target with its Document, a SourceError, or None
        when the response is not something we check."""
        self.politeness.wait()
        try:
            body, final_url, content_type = fetch(url, self.options, allowed=self.allowed, pace=self.politeness.wait,
                                                  want=lambda ct: ct.split(";")[0].strip().lower()
                                                  in CHECKED_TYPES or not ct)
            if final_url != url and not self.allowed(final_url):
                raise SourceError("web.offsite_redirect", host=urlsplit(final_url).netloc)
            return Target(final_url, document=load_response(body, final_url, content_type, self.options),
                          data=body, content_type=content_type)
        except Unwanted:
            return None
        except SourceError as exc:
            return exc

    def crawl(self, starts: list[str], max_depth: int | None = None) -> Iterator[Target]:
        """Breadth first from `starts`, following links of HTML pages up to max_depth."""
        max_depth = self.settings.max_depth if max_depth is None else max_depth
        frontier: deque[tuple[str, int]] = deque()
        for start in starts:
            url = normalise_url(start)
            if url is None:
                yield Target(start, error=SourceError("web.unreachable", reason="not an http(s) URL"))
                continue
            self.allow_origin(url)
            if self.admit(url):
                frontier.append((url, 0))
        yield from self._run(frontier, max_depth, follow=True)

    def from_urls(self, urls: list[str]) -> Iterator[Target]:
        """The pages a sitemap lists (no link following)."""
        frontier = deque((u, 0) for u in urls if self.admit(u))
        yield from self._run(frontier, 0, follow=False)

    def _run(self, frontier: deque, max_depth: int, follow: bool) -> Iterator[Target]:
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            running: dict = {}
            while frontier or running:
                while frontier and len(running) < self.settings.concurrency and \
                        self.stats.checked + len(running) < self.settings.max_pages:
                    url, depth = frontier.popleft()
                    running[pool.submit(self._load, url)] = (url, depth)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    url, depth = running.pop(future)
                    result = future.result()
                    if result is None:
                        self.stats.skip("not_html")
                        continue
                    self.stats.checked += 1
                    if isinstance(result, SourceError):
                        yield Target(url, error=result)
                    else:
                        target, result = result, result.document
                        final = normalise_url(result.uri)
                        if final != url and final in self.seen:
                            self.stats.skip("duplicate")  # a redirect to a page already taken
                            continue
                        self.seen.add(final)
                        if follow and depth < max_depth and result.tree is not None:
                            for link in links(result):
                                if self.admit(link):
                                    frontier.append((link, depth + 1))
                        yield target
                    if self.progress:
                        self.progress(self.stats, len(frontier) + len(running))
                if self.stats.checked >= self.settings.max_pages and frontier:
                    self.stats.skipped["max_pages"] = len(frontier)
                    frontier.clear()

    # ---- sitemaps -------------------------------------------------------------------------

    def sitemap(self, url: str) -> Iterator[Target]:
        start = normalise_url(url)
        if start is None:
            yield Target(url, error=SourceError("web.sitemap", reason="not an http(s) URL"))
            return
        self.allow_origin(start)
        starts = [start]
        if urlsplit(start).path in ("", "/"):  # a site root: the sitemaps robots.txt names, else /sitemap.xml
            parser = self.robots_parser(start)
            starts = [u for u in (normalise_url(m) for m in (parser.site_maps() or [])) if u] if parser else []
            starts = starts or [urljoin(start, "/sitemap.xml")]
        try:
            pages = [page for s in starts for page in self.sitemap_urls(s)]
        except SourceError as exc:
            yield Target(url, error=exc)
            return
        yield from self.from_urls(pages)

    def sitemap_urls(self, url: str) -> list[str]:
        """The page URLs of a sitemap, following sitemap indexes (bounded), normalised."""
        pages: list[str] = []
        queue, fetched = deque([url]), 0
        while queue and fetched < MAX_SITEMAPS:
            current = queue.popleft()
            if not self.allowed(current):
                continue
            fetched += 1
            self.politeness.wait()
            try:
                body, _, _ = fetch(current, self.options, allowed=self.allowed)
            except Unwanted:
                continue
            kind, locs = parse_sitemap(body)
            for loc in locs:
                normal = normalise_url(loc)
                if normal is None:
                    continue
                if kind == "sitemapindex":
                    queue.append(normal)
                else:
                    pages.append(normal)
        return pages


def parse_sitemap(body: bytes) -> tuple[str, list[str]]:
    """(root element name, <loc> texts). Gzipped sitemaps are inflated up to a bound;
    entities and network access are off (no XXE)."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError("web.sitemap", reason=exc) from None
    if root is None:
        raise SourceError("web.sitemap", reason="empty or not XML")
    name = etree.QName(root).localname
    if name not in ("urlset", "sitemapindex"):
        raise SourceError("web.sitemap", reason=f"<{name}> is not <urlset> or <sitemapindex>")
    locs = [(el.text or "").strip() for el in root.iter("{*}loc")]
    return name, [loc for loc in locs if loc]


def _gunzip(body: bytes) -> bytes:
    import io
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
        data = f.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise SourceError("web.sitemap", reason=f"more than {MAX_SITEMAP_BYTES} bytes uncompressed")
    return data


def links(doc) -> Iterator[str]:
    """Normalised http(s) links of a page (<a href>, <area href>), honouring <base href>
    and rel=nofollow."""
    base = doc.uri
    base_el = doc.tree.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(doc.uri, base_el.get("href"))
    for el in doc.tree.iter("a", "area"):
        href = el.get("href")
        if not href or "nofollow" in (el.get("rel") or "").lower():
            continue
        url = normalise_url(href, base)
        if url:
            yield url


def _port(parts) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
