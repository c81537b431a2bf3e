import http.server
import threading

import pytest

from inclusicheck.sources import LoadOptions, SourceError, Target, discover, load
from inclusicheck.sources.encoding import decode

ACCENTED = "Élections : où voter ? Café « République » – déjà € œuvre"
PAGE = f'<html lang="fr"><head><title>T</title></head><body><p>{ACCENTED}</p></body></html>'


def first_paragraph(doc):
    return next(b.text for b in doc.blocks if b.kind == "paragraph")


@pytest.mark.parametrize("encoding,declare", [("cp1252", True), ("cp1252", False), ("latin-1", True),
                                              ("utf-8", False), ("utf-8-sig", False)])
def test_old_encodings_are_decoded(tmp_path, encoding, declare):
    text = ACCENTED if encoding != "latin-1" else ACCENTED.replace("€", "E").replace("œ", "oe").replace("–", "-")
    label = {"cp1252": "windows-1252", "latin-1": "iso-8859-1"}.get(encoding, "utf-8")
    meta = f'<meta charset="{label}">' if declare else ""
    path = tmp_path / "p.html"
    path.write_bytes(f'<html lang="fr"><head>{meta}<title>T</title></head><body><p>{text}</p></body></html>'
                     .encode(encoding))
    assert first_paragraph(load(Target(str(path), path), LoadOptions())) == text


def test_utf8_page_wrongly_declared_latin1_is_still_read():
    data = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252", errors="replace")
    assert "Élections" in decode(data)


@pytest.mark.parametrize("content,key", [
    (b"", "source.empty"), (b"   \n", "source.empty"), (b"%PDF-1.7\n%\xe2\xe3", "source.pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "source.binary"),
])
def test_bad_files_have_clear_errors(tmp_path, content, key):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(SourceError) as err:
        load(Target(str(path), path), LoadOptions())
    assert err.value.key == key
    assert err.value.render("fr") != err.value.render("en")


def test_missing_and_too_large(tmp_path):
    with pytest.raises(SourceError) as err:
        load(Target("nope.html", tmp_path / "nope.html"), LoadOptions())
    assert err.value.key == "source.missing"
    big = tmp_path / "big.html"
    big.write_text(PAGE * 100)
    with pytest.raises(SourceError) as err:
        load(Target(str(big), big), LoadOptions(max_bytes=1000))
    assert err.value.key == "source.too_large" and "1000" in err.value.render("fr")


def test_folders_are_walked_recursively(tmp_path):
    for name in ["a.html", "sub/b.htm", "sub/deep/c.html", "notes.txt", "README.md", ".cache/d.html",
                 "sub/skip/e.html", "sub/avis.docx", "sub/avis.odt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(PAGE)
    found = [t.uri for t in discover([str(tmp_path)], exclude=["*/skip/*"])]
    # office documents published next to the pages are checked; texts only when named
    assert [f.removeprefix(str(tmp_path) + "/") for f in found] == [
        "a.html", "sub/avis.docx", "sub/avis.odt", "sub/b.htm", "sub/deep/c.html"]
    assert [t.uri for t in discover([str(tmp_path / "notes.txt")])] == [str(tmp_path / "notes.txt")]


class Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        routes = {
            "/ok": (200, "text/html; charset=windows-1252", PAGE.encode("cp1252")),
            "/missing": (404, "text/html", b"not found"),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/zip": (200, "application/zip", b"PK\x03\x04"),
        }
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop2" if self.path == "/loop" else "/loop")
            self.end_headers()
            return
        code, ctype, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_page_uses_http_charset(server):
    doc = load(Target(f"{server}/ok"), LoadOptions())
    assert first_paragraph(doc) == ACCENTED and doc.uri == f"{server}/ok"


@pytest.mark.parametrize("path,key", [("/missing", "web.http"), ("/loop", "web.redirect_loop"),
                                      ("/zip", "web.not_html"), ("/pdf", "pdf.damaged")])
def test_url_errors(server, path, key):
    with pytest.raises(SourceError) as err:
        load(Target(server + path), LoadOptions())
    assert err.value.key == key


def test_unreachable_host():
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SourceError) as err:
        load(Target(f"http://127.0.0.1:{port}/"), LoadOptions(timeout=5))
    assert err.value.key == "web.unreachable"
