"""A small municipal site on 127.0.0.1 for the crawler tests, with the traps a real crawl meets:
an infinite calendar, a redirect loop, a 500, a slow page, a Windows-1252 page, a robots.txt
disallow, a link to another origin, a redirect to another host, session ids and tracking
parameters, an image, a PDF, a sitemap index. Every request is logged (path, Host, User-Agent,
time) so tests can assert what was and was not fetched."""
from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .pdfmaker import make_pdf

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


def page(title: str, body: str) -> bytes:
    return PAGE.format(title=title, body=body).encode("utf-8")


class Site:
    def __init__(self, slow_seconds: float = 3.0):
        self.log: list[dict] = []
        self.slow_seconds = slow_seconds
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.pdf = make_pdf({"title": "Voter par procuration", "lang": "fr", "display_doc_title": True,
                             "pages": [[["H1", "Voter par procuration"],
                                        ["P", "Vous pouvez donner procuration à un électeur."]]]})

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [entry["path"] for entry in self.log]

    def routes(self, path: str, query: dict):
        other = f"http://localhost:{self.port}"
        if path == "/robots.txt":
            return 200, "text/plain", f"User-agent: *\nDisallow: /prive/\n\nSitemap: {self.url}/sitemap.xml\n".encode()
        if path in ("/", "/index.html"):
            return 200, "text/html; charset=utf-8", page("Mairie de Locmaria", f"""
                <p><a href="/actualites.html">Actualités</a> <a href="/actualites.html#haut">Haut</a>
                <a href="/actualites.html?utm_source=lettre">Actualités (lettre)</a>
                <a href="/actualites.html;jsessionid=ABC123">Actualités (session)</a>
                <a href="/agenda?mois=2025-01">Agenda</a> <a href="/boucle">Boucle</a>
                <a href="/erreur">Erreur</a> <a href="/lent">Lent</a> <a href="/ancien.html">Ancien site</a>
                <a href="/prive/secret.html">Privé</a> <a href="{other}/ailleurs.html">Autre origine</a>
                <a href="/vers-ailleurs">Redirection ailleurs</a> <a href="/plan.png">Plan</a>
                <a href="/procuration.pdf">Procuration (PDF)</a> <a href="mailto:mairie@example.fr">Écrire</a>
                <a href="/nofollow.html" rel="nofollow">Non suivi</a></p>""")
        if path == "/actualites.html":
            return 200, "text/html; charset=utf-8", page("Actualités", """
                <p>Les travaux de la rue de Brest commencent lundi.</p><p><a href="/">Accueil</a>
                <a href="/actualites/suite.html">Cliquez ici</a></p>""")
        if path == "/actualites/suite.html":
            return 200, "text/html; charset=utf-8", page("Suite", "<p>La suite des actualités.</p>")
        if path == "/agenda":  # every month links to the next one: an infinite calendar
            year, month = map(int, query.get("mois", ["2025-01"])[0].split("-"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return 200, "text/html; charset=utf-8", page(f"Agenda {year}", f"""
                <p><a href="/agenda?mois={year}-{month:02d}">Mois suivant</a></p>""")
        if path == "/boucle":
            return 302, "/boucle-2", b""
        if path == "/boucle-2":
            return 302, "/boucle", b""
        if path == "/erreur":
            return 500, "text/html", b"<h1>Erreur interne</h1>"
        if path == "/lent":
            time.sleep(self.slow_seconds)
            return 200, "text/html; charset=utf-8", page("Lent", "<p>Enfin.</p>")
        if path == "/goutte":  # a page that trickles in, one byte at a time
            return 200, "text/html; charset=utf-8", None
        if path == "/ancien.html":  # Windows-1252, declared nowhere
            return 200, "text/html", ('<!doctype html><html lang="fr"><head><title>Élections</title></head><body>'
                                      '<p>Les électeurs et électrices votent à l’école ; « œuvre » — 8 h.</p>'
                                      '</body></html>').encode("cp1252")
        if path == "/vers-ailleurs":
            return 302, f"{other}/ailleurs.html", b""
        if path == "/plan.png":
            return 200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        if path == "/procuration.pdf":
            return 200, "application/pdf", self.pdf
        if path == "/sitemap.xml":
            return 200, "application/xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{self.url}/sitemap-pages.xml</loc></sitemap>
  <sitemap><loc>{other}/sitemap-ailleurs.xml</loc></sitemap>
</sitemapindex>""".encode()
        if path == "/sitemap-pages.xml":
            return 200, "application/xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{self.url}/</loc></url>
  <url><loc>{self.url}/actualites.html</loc></url>
  <url><loc>{self.url}/actualites/suite.html</loc></url>
  <url><loc>{self.url}/ancien.html</loc></url>
  <url><loc>{self.url}/prive/secret.html</loc></url>
  <url><loc>{other}/ailleurs.html</loc></url>
</urlset>""".encode()
        return 404, "text/html", b"<h1>Introuvable</h1>"

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                site.log.append({"path": self.path, "host": self.headers.get("Host"),
                                 "agent": self.headers.get("User-Agent"), "time": time.monotonic()})
                clean = re.sub(r";.*$", "", parts.path)
                status, ctype, body = site.routes(clean, parse_qs(parts.query))
                if body is None:
                    return self.trickle(ctype)
                try:
                    self.send_response(status)
                    if 300 <= status < 400:
                        self.send_header("Location", ctype)
                    else:
                        self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def trickle(self, ctype):
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    self.end_headers()
                    for _ in range(200):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.05)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        return Handler
