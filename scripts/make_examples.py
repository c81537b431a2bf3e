"""Regenerates the newsletter (.eml), Word/LibreOffice and election PDF examples in examples/ from the sources in
examples-src/ (run from the repository root: `.venv/bin/python scripts/make_examples.py`).

- the Word election notice (.docx) and its LibreOffice twin (.odt) are built from the YAML specs
  in examples-src/ with tests/officemaker.py (python-docx, odfpy);
- .eml messages are built with the standard library as a newsletter tool would send them:
  multipart, quoted-printable HTML, base64 inline (cid:) images, RFC 2047 subjects.
- The corrected PDFs are exported by LibreOffice (headless, tagged PDF / PDF/UA) from the HTML
  sources; the faulty ones are built with tests/pdfmaker.py to show what bad exports look like
  (untagged, fonts not embedded, a scanned page, a wrong reading order). LibreOffice is needed
  only here (Debian: libreoffice-writer-nogui), never at run time.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "examples-src"
sys.path.insert(0, str(ROOT))

from tests.officemaker import make_docx, make_odt  # noqa: E402
from tests.pdfmaker import make_pdf  # noqa: E402


def newsletter(subject: str, html: str, text: str | None, images: dict[str, bytes], html_charset: str,
               boundary: str) -> bytes:
    """A newsletter as sending tools build it: [text/plain +] multipart/related(html + images)."""
    message = EmailMessage()
    message["From"] = "Mairie de Saint-Herblon <lettre@saint-herblon.fr>"
    message["To"] = "abonnes@saint-herblon.fr"
    message["Subject"] = subject
    message["Date"] = "Mon, 01 Dec 2026 09:00:00 +0100"
    message["Message-ID"] = f"<{boundary}@saint-herblon.fr>"
    if text is not None:
        message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
        message.add_alternative(html.encode(html_charset), maintype="text", subtype="html",
                                cte="quoted-printable", params={"charset": html_charset})
        html_part = message.get_payload()[1]
    else:
        message.set_content(html.encode(html_charset), maintype="text", subtype="html", cte="quoted-printable",
                            params={"charset": html_charset})
        html_part = message
    message["Content-Language"] = "fr"  # after set_content, which drops Content-* headers
    for cid, data in images.items():
        html_part.add_related(data, maintype="image", subtype="png", cid=f"<{cid}>", filename=f"{cid}.png")
    for i, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"{boundary}-{i}")
    return message.as_bytes(policy=SMTP)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    import struct
    import zlib
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def make_newsletters():
    out = ROOT / "examples" / "newsletter"
    poster = png(60, 80, (170, 30, 40))
    logo = png(40, 20, (20, 60, 120))
    (out / "lettre-decembre.eml").write_bytes(newsletter(
        "Newsletter n°14 - décembre 2026", (SRC / "lettre-decembre.html").read_text(encoding="utf-8"), None,
        {"affiche-noel": poster}, "windows-1252", "lettre14"))
    (out / "lettre-decembre-corrige.eml").write_bytes(newsletter(
        "Marché de Noël et horaires de la mairie pendant les fêtes",
        (SRC / "lettre-decembre-corrige.html").read_text(encoding="utf-8"),
        (SRC / "lettre-decembre-corrige.txt").read_text(encoding="utf-8"),
        {"logo": logo}, "utf-8", "lettre14c"))


def libreoffice_pdf(html: Path, target: Path) -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    options = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
               '"PDFUACompliance":{"type":"boolean","value":"true"},'
               '"ExportBookmarks":{"type":"boolean","value":"true"}}')
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--infilter=HTML (StarWriter)", "--convert-to", options, "--outdir", tmp, str(html)],
                       check=True, capture_output=True, timeout=180)
        exported = Path(tmp) / (html.stem + ".pdf")
        # LibreOffice takes the document language from its own locale, not from <html lang>:
        # set /Lang as an author would in Tools > Options > Language settings.
        import pikepdf
        with pikepdf.open(exported) as pdf:
            pdf.Root.Lang = pikepdf.String("fr-FR")
            pdf.save(target, deterministic_id=True)


def make_pdfs():
    out = ROOT / "examples" / "elections"
    for name in ("profession-de-foi-corrige", "consignes-de-vote-corrige", "procuration-corrige"):
        libreoffice_pdf(SRC / f"{name}.html", out / f"{name}.pdf")
    for name in ("profession-de-foi", "consignes-de-vote", "procuration"):
        (out / f"{name}.pdf").write_bytes(make_pdf((SRC / f"{name}.yml").read_text(encoding="utf-8")))


def make_office_documents():
    """The election notice, faulty and corrected, as Word and as LibreOffice save it."""
    out = ROOT / "examples" / "documents"
    out.mkdir(exist_ok=True)
    for name in ("avis-elections", "avis-elections-corrige"):
        spec = (SRC / f"{name}.yml").read_text(encoding="utf-8")
        (out / f"{name}.docx").write_bytes(make_docx(spec))
        (out / f"{name.replace('avis-elections', 'avis-elections-libreoffice')}.odt").write_bytes(make_odt(spec))


if __name__ == "__main__":
    make_newsletters()
    make_office_documents()
    if "--no-pdf" not in sys.argv:
        make_pdfs()
