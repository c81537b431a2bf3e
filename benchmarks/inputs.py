"""Speed of the input sources, as ratios against a plain baseline run in the same command.

    .venv/bin/python benchmarks/inputs.py [--pages 60] [--repeat 3]

- PDF: sources.pdf.load_bytes (child process with limits, pikepdf structure, pdfminer layout with
  marked content) vs pdfminer.high_level.extract_text in-process on the same files.
- E-mail: sources.email.load_bytes on the .eml examples vs dom.build_document on their HTML alone.
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

from inclusicheck.engines.dom import build_document  # noqa: E402
from inclusicheck.sources import LoadOptions  # noqa: E402
from inclusicheck.sources import email as email_source  # noqa: E402
from inclusicheck.sources import pdf as pdf_source  # noqa: E402
from inclusicheck.sources.crawl import Crawler, CrawlSettings  # noqa: E402
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
    args = parser.parse_args()
    bench_pdf(args.repeat)
    bench_email(args.repeat)
    bench_crawl(args.pages, args.repeat)
