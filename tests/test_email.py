"""Newsletters: .eml decoding (MIME parts, transfer encodings, charsets, RFC 2047 subjects, inline
images) and HTML e-mail templates, then the packs on them through the CLI."""
import base64
import json

import pytest

from inclusicheck.sources import LoadOptions, SourceError, Target, load
from inclusicheck.sources.email import load_bytes, looks_like_email

from .conftest import ROOT
from .helpers import run_cli

EXAMPLES = ROOT / "examples" / "newsletter"
OPTIONS = LoadOptions(newsletter_globs=("*newsletter*",))


def eml(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode("ascii") + b"\r\n\r\n" + body


def text_of(doc) -> str:
    return " | ".join(b.text for b in doc.blocks)


def test_quoted_printable_windows_1252_and_inline_image():
    doc = load(Target(str(EXAMPLES / "lettre-decembre.eml"), EXAMPLES / "lettre-decembre.eml"), OPTIONS)
    assert doc.kind == "newsletter"
    assert doc.blocks[0].kind == "subject" and doc.blocks[0].text == "Newsletter n°14 - décembre 2026"
    alt = next(b for b in doc.blocks if b.kind == "alt")
    assert alt.text.startswith("Marché de Noël samedi 13 décembre") and "l’église" in alt.text
    assert doc.tree.find(".//img").get("src") == "cid:affiche-noel"
    email = doc.meta["email"]
    assert email["has_text_part"] is False and email["has_html_part"] is True
    assert email["inline_images"][0]["cid"] == "affiche-noel" and email["inline_images"][0]["bytes"] > 50
    assert email["content_language"] == "fr" and doc.lang == "fr"  # from the header: <html> has no lang


def test_base64_html_latin9_and_encoded_subject():
    html = "<html><body><p>Réunion publique : l’œuvre du conseil, 5 €.</p></body></html>"
    body = base64.encodebytes(html.replace("’", "'").encode("iso-8859-15"))
    data = eml('Subject: =?utf-8?b?' + base64.b64encode("Réunion publique du 5 mai".encode()).decode() + '?=\n'
               'MIME-Version: 1.0\nContent-Type: text/html; charset="iso-8859-15"\n'
               'Content-Transfer-Encoding: base64', body)
    doc = load_bytes(data, "m.eml", None, OPTIONS, None)
    assert doc.blocks[0].text == "Réunion publique du 5 mai"
    assert "Réunion publique : l'œuvre du conseil, 5 €." in text_of(doc)
    assert doc.meta["email"]["has_text_part"] is False


def test_multipart_alternative_keeps_both_parts_and_reads_the_html():
    doc = load(Target(str(EXAMPLES / "lettre-decembre-corrige.eml"), EXAMPLES / "lettre-decembre-corrige.eml"),
               OPTIONS)
    email = doc.meta["email"]
    assert email["has_text_part"] and email["text_words"] > 50
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Marché de Noël le samedi 13 décembre", "Horaires de la mairie pendant les fêtes"]
    assert doc.lang == "fr"


def test_plain_text_only_message_becomes_paragraphs():
    data = eml("Subject: Coupure d'eau\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit",
               "L'eau sera coupée mardi.\n\nMerci de votre compréhension.".encode())
    doc = load_bytes(data, "m.eml", None, OPTIONS, None)
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["L'eau sera coupée mardi.",
                                                                      "Merci de votre compréhension."]
    assert doc.meta["email"]["has_html_part"] is False


def test_mislabelled_charset_falls_back():
    data = eml("Subject: Test\nContent-Type: text/plain; charset=utf-8", "Fête à l'école".encode("cp1252"))
    doc = load_bytes(data, "m.eml", None, OPTIONS, None)
    assert "Fête à l'école" in text_of(doc)


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02garbage without headers", "é".encode() * 50])
def test_unreadable_messages_are_clear_errors(data):
    with pytest.raises(SourceError) as err:
        load_bytes(data, "m.eml", None, OPTIONS, None)
    assert err.value.key in ("source.empty", "email.unreadable")


def test_html_templates_by_glob_or_markers(tmp_path):
    page = '<!doctype html><html lang="fr"><head><title>Mairie</title></head><body><main><p>Accueil</p></main></body></html>'
    template = ('<!doctype html><html lang="fr"><head><title>Lettre</title><!--[if mso]><xml></xml><![endif]-->'
                '</head><body><table><tr><td><p>Bonjour</p></td></tr></table></body></html>')
    (tmp_path / "newsletter").mkdir()
    (tmp_path / "newsletter" / "mars.html").write_text(page)
    (tmp_path / "page.html").write_text(page)
    (tmp_path / "modele.html").write_text(template)
    kinds = {p: load(Target(str(tmp_path / p), tmp_path / p), OPTIONS).kind
             for p in ("newsletter/mars.html", "page.html", "modele.html")}
    assert kinds == {"newsletter/mars.html": "newsletter", "page.html": "page", "modele.html": "newsletter"}
    assert not looks_like_email("<table><tr><td>Tableau des horaires</td></tr></table><table></table>")
    assert looks_like_email("<table><tr><td>x</td></tr></table><table></table><a href='/u'>Se désinscrire</a>")
    assert looks_like_email("<table><tr><td>x</td></tr></table><table></table><a href='/unsubscribe?u=1'>Ici</a>")
    # an old table-laid page about leaving the school canteen list is still a page (it has a form)
    assert not looks_like_email("<table><tr><td><a href='/cantine'>Désinscription de la cantine</a></td></tr>"
                                "</table><table></table><form action='/recherche'><input name='q'></form>")


def test_newsletter_end_to_end_every_pack_reads_the_subject(tmp_path):
    (tmp_path / "m.eml").write_bytes(eml(
        "From: Mairie <m@example.fr>\nSubject: Mademoiselle, votre inscription au concours de dessin\n"
        "Content-Type: text/html; charset=utf-8",
        '<html lang="fr"><head><title>Concours</title></head><body><table role="presentation" lang="fr"><tr><td>'
        '<p>Le concours de dessin a lieu samedi à la médiathèque.</p></td></tr></table></body></html>'.encode()))
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", str(tmp_path / "m.eml"))
    [doc] = json.loads(out)["documents"]
    assert doc["kind"] == "newsletter" and doc["status"] == "checked"
    rules = {f["rule"] for f in doc["findings"]}
    assert "gender.obsolete-terms" in rules  # found in the subject line
    assert "newsletter.text-part" in rules
    assert "newsletter.container-lang" not in rules and "wcag.html-lang" not in rules


def test_examples_folder_covers_eml_files():
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", "--pack", "newsletter", str(EXAMPLES))
    kinds = {d["uri"].rsplit("/", 1)[-1]: d["kind"] for d in json.loads(out)["documents"]}
    assert kinds["lettre-decembre.eml"] == "newsletter" and kinds["lettre-novembre.html"] == "newsletter"
