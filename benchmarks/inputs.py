"""Speed of the input sources, as ratios against a plain baseline run in the same command.

    .venv/bin/python benchmarks/inputs.py [--pages 60] [--repeat 3] [--paragraphs 1000] [--only office]

- PDF: sources.pdf.load_bytes (child process with limits, pikepdf structure, pdfminer layout with
  marked content) vs pdfminer.high_level.extract_text in-process on the same files.
- E-mail: sources.email.load_bytes on the .eml examples vs dom.build_document on their HTML alone.
- Word/LibreOffice: sources.docx / sources.odt load_bytes (package checks, body walk with styles,
  languages, images, tables, links) vs a bare text extraction with python-docx
  (`"\n".join(p.text for p in Document(f).paragraphs)`) and odfpy (`teletype.extractText` of every
  text:p/text:h) on the same generated documents (--paragraphs paragraphs each).
- Crawl: Crawler (robots.txt, normalisation, 2 workers, no delay) over a generated local site of
  --pages linked pages vs a plain sequential urllib GET of the same URLs.
"""
from __future__ import annotations

import argparse
import io
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inclusicheck.document.dom import build_document  # noqa: E402
from inclusicheck.sources import LoadOptions  # noqa: E402
from inclusicheck.sources import email as email_source  # noqa: E402
from inclusicheck.sources import pdf as pdf_source  # noqa: E402
from inclusicheck.sources.crawl import Crawler, CrawlSettings  # noqa: E402
from tests.officemaker import make_docx, make_odt  # noqa: E402
from tests.pdfmaker import make_pdf  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pdf_inputs() -> list[bytes]:
    files = [p.read_bytes() for p in sorted((ROOT / "examples" / "elections").glob("*.pdf"))]
    long_doc = {"title": "Compte rendu", "lang": "fr", "display_doc_title": True,
                "pages": [[["H1", f"Séance {i}"]] + [["P", "Le conseil municipal approuve le budget. " * 6]] * 12
                          for i in range(20)]}
    return files + [make_pdf(long_doc)]


def bench_pdf(repeat: int):
    from pdfminer.high_level import extract_text
    files = pdf_inputs()
    ours = best(lambda: [pdf_source.load_bytes(d, "x.pdf", None, LoadOptions(), None) for d in files], repeat)
    base = best(lambda: [extract_text(io.BytesIO(d)) for d in files], repeat)
    print(f"PDF    {len(files)} files: inclusicheck {ours:.2f} s, pdfminer extract_text {base:.2f} s, "
          f"ratio {ours / base:.2f}")


def bench_email(repeat: int):
    files = sorted((ROOT / "examples" / "newsletter").glob("*.eml"))
    data = [f.read_bytes() for f in files] * 20
    html = [email_source.load_bytes(d, "x.eml", None, LoadOptions(), None).source for d in data]
    ours = best(lambda: [email_source.load_bytes(d, "x.eml", None, LoadOptions(), None) for d in data], repeat)
    base = best(lambda: [build_document("x.html", h) for h in html], repeat)
    print(f"E-mail {len(data)} messages: inclusicheck {ours:.3f} s, HTML parse alone {base:.3f} s, "
          f"ratio {ours / base:.2f}")


def office_spec(paragraphs: int) -> dict:
    """A long council report: headings, paragraphs, lists, a table and pictures, as in real files."""
    body = []
    for i in range(paragraphs // 10):
        body += [["h2", f"Délibération {i}"], *[["p", "Le conseil municipal approuve le budget annexe. " * 4]] * 6,
                 ["list", ["Pour : 12", "Contre : 3"]], ["table", {"header": True, "rows": [["Poste", "Montant"],
                                                                                           ["Voirie", "12 000 €"]]}]]
        if i % 5 == 0:
            body.append(["image", {"alt": "Graphique du budget"}])
    return {"title": "Compte rendu du conseil municipal", "lang": "fr-FR", "body": [["h1", "Compte rendu"], *body]}


def bench_office(paragraphs: int, repeat: int):
    import docx
    from odf import opendocument, teletype
    from odf.text import H, P
    from inclusicheck.sources import docx as docx_source
    from inclusicheck.sources import odt as odt_source
    spec = office_spec(paragraphs)
    files = {"docx": [make_docx(spec)] * 5, "odt": [make_odt(spec)] * 5}

    def bare_docx(data):
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)

    def bare_odt(data):
        doc = opendocument.load(io.BytesIO(data))
        return "\n".join(teletype.extractText(el) for kind in (H, P) for el in doc.getElementsByType(kind))

    for kind, source, bare, name in (("docx", docx_source, bare_docx, "python-docx paragraphs' text"),
                                     ("odt", odt_source, bare_odt, "odfpy teletype.extractText")):
        data = files[kind]
        blocks = len(source.load_bytes(data[0], "x", None, LoadOptions(), None).blocks)
        ours = best(lambda: [source.load_bytes(d, "x", None, LoadOptions(), None) for d in data], repeat)
        base = best(lambda: [bare(d) for d in data], repeat)
        print(f"{kind.upper():6} {len(data)} files of {blocks} blocks: inclusicheck {ours:.3f} s, {name} {base:.3f} s, "
              f"ratio {ours / base:.2f}")


def site(pages: int):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nDisallow:\n", "text/plain"
            else:
                n = int(self.path.strip("/").removesuffix(".html") or 0)
                links = "".join(f'<a href="/{(n * 3 + k) % pages}.html">Page {k}</a> ' for k in range(1, 4))
                body = (f'<!doctype html><html lang="fr"><head><title>Page {n}</title></head><body><main>'
                        f'<h1>Page {n}</h1><p>{"Texte de la page. " * 50}</p><p>{links}</p></main></body></html>'
                        ).encode()
                ctype = "text/html; charset=utf-8"
            time.sleep(0.01)  # a little server latency, as on a real site
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bench_crawl(pages: int, repeat: int):
    server = site(pages)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings = CrawlSettings(max_pages=pages, max_depth=50, delay=0.0, concurrency=2)
    found = []

    def ours():
        targets = list(Crawler(LoadOptions(timeout=10), settings).crawl([url + "/0.html"]))
        found[:] = [t.uri for t in targets]

    ours_time = best(ours, repeat)

    def plain():
        for uri in found:
            with urllib.request.urlopen(uri, timeout=10) as response:
                response.read()

    base = best(plain, repeat)
    server.shutdown()
    print(f"Crawl  {len(found)} pages: inclusicheck (fetch + parse, 2 workers) {ours_time:.2f} s, "
          f"sequential urllib GET only {base:.2f} s, ratio {ours_time / base:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--only", choices=["pdf", "email", "office", "crawl"])
    args = parser.parse_args()
    if args.only in (None, "pdf"):
        bench_pdf(args.repeat)
    if args.only in (None, "email"):
        bench_email(args.repeat)
    if args.only in (None, "office"):
        bench_office(args.paragraphs, args.repeat)
    if args.only not in (None, "crawl"):
        raise SystemExit(0)
    bench_crawl(args.pages, args.repeat)
