"""PDFs: text extraction in structure order with pages, the pdf pack end to end, and bad files
(encrypted, damaged, huge, decompression bomb, too slow) each giving a clear error in bounded
time and memory."""
import io
import json
import zlib

import pikepdf
import pytest

from inclusicheck.sources import LoadOptions, SourceError
from inclusicheck.sources.pdf import analyse, load_bytes

from .conftest import ROOT
from .helpers import run_cli
from .pdfmaker import make_pdf

OPTIONS = LoadOptions()
ELECTIONS = ROOT / "examples" / "elections"
GOOD = {"title": "Élection municipale", "lang": "fr-FR", "display_doc_title": True,
        "pages": [[["H1", "Élection municipale"], ["P", "Le bureau de vote ouvre à 8 h."],
                   ["Artifact", "Page 1 sur 2"]],
                  [["H2", "Procuration"], ["P", "Vous pouvez voter par procuration."],
                   ["Figure", {"alt": "Carte du bureau de vote"}],
                   ["P", {"text": "Kenavo ha betek ar wech all.", "lang": "br"}]]]}


def test_blocks_follow_the_structure_with_pages_and_kinds():
    doc = load_bytes(make_pdf(GOOD), "a.pdf", None, OPTIONS, None)
    assert doc.kind == "pdf" and doc.tree is None and doc.lang == "fr-FR"
    got = [(b.kind, b.page, b.text) for b in doc.blocks]
    assert got == [("title", None, "Élection municipale"),
                   ("heading", 1, "Élection municipale"), ("paragraph", 1, "Le bureau de vote ouvre à 8 h."),
                   ("heading", 2, "Procuration"), ("paragraph", 2, "Vous pouvez voter par procuration."),
                   ("alt", 2, "Carte du bureau de vote"), ("paragraph", 2, "Kenavo ha betek ar wech all.")]
    assert doc.blocks[-1].lang == "br" and doc.blocks[1].lang == "fr-FR"  # passage /Lang, else the document's
    assert "Page 1 sur 2" not in doc.source  # artifacts are not content


def test_untagged_pdf_text_comes_from_the_layout():
    doc = load_bytes(make_pdf({**GOOD, "tagged": False}), "a.pdf", None, OPTIONS, None)
    texts = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "Le bureau de vote ouvre à 8 h." in texts and all(b.page for b in doc.blocks if b.kind != "title")
    # no tags: headings are guessed from the font size (H1 is set at 20 pt, H2 at 16, text at 12)
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Élection municipale", "Procuration"]


def test_libreoffice_export_is_read_through_its_role_map():
    path = ELECTIONS / "profession-de-foi-corrige.pdf"
    doc = load_bytes(path.read_bytes(), str(path), str(path), OPTIONS, None)
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count("heading") == 4 and "list-item" in kinds and "alt" in kinds
    assert any(b.text.startswith("Je m’appelle Marie Le Gall.") for b in doc.blocks)
    facts = doc.meta["pdf"]
    assert facts["tagged"] and facts["marked"] and facts["display_doc_title"] and facts["pdfua_part"] == "1"
    assert all(f["embedded"] for f in facts["fonts"])


def test_pdf_examples_end_to_end():
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", str(ELECTIONS))
    docs = {d["uri"].rsplit("/", 1)[-1]: d for d in json.loads(out)["documents"]}
    assert all(d["status"] == "checked" for d in docs.values()), {k: d["error"] for k, d in docs.items()}
    rules = {name: {f["rule"] for f in d["findings"]} for name, d in docs.items()}
    assert {"pdf.tagged", "pdf.lang", "pdf.scanned-page", "pdf.fonts-embedded"} <= rules["consignes-de-vote.pdf"]
    assert {"pdf.title", "pdf.figure-alt", "pdf.headings"} <= rules["profession-de-foi.pdf"]
    assert "pdf.reading-order" in rules["procuration.pdf"]
    scanned = next(f for f in docs["consignes-de-vote.pdf"]["findings"] if f["rule"] == "pdf.scanned-page")
    assert scanned["location"]["page"] == 2
    for name in ("profession-de-foi-corrige.pdf", "consignes-de-vote-corrige.pdf", "procuration-corrige.pdf"):
        assert not {r for r in rules[name] if r.startswith("pdf.")} - {"pdf.not-checked"}, (name, rules[name])
    assert not any(r.startswith("wcag.") for name, found in rules.items() if name.endswith(".pdf")
                   for r in found)  # DOM rules skip PDFs


def test_text_findings_point_at_the_page():
    spec = {**GOOD, "pages": [[["P", "Bonjour."]], [["P", "Mademoiselle, votre carte électorale est prête."]]]}
    path_pdf = make_pdf(spec)
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "carte.pdf").write_bytes(path_pdf)
        _, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", "--pack", "gender", tmp + "/carte.pdf")
    [finding] = [f for f in json.loads(out)["documents"][0]["findings"] if f["rule"] == "gender.obsolete-terms"]
    assert finding["location"]["page"] == 2 and "Mademoiselle" in finding["snippet"]


# ---- bad files ----------------------------------------------------------------------------------

def encrypted(user: str) -> bytes:
    pdf = pikepdf.open(io.BytesIO(make_pdf(GOOD)))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="proprietaire", user=user, R=6))
    return out.getvalue()


def test_encrypted_pdf_needs_a_password():
    with pytest.raises(SourceError) as err:
        load_bytes(encrypted("secret"), "a.pdf", None, OPTIONS, None)
    assert err.value.key == "pdf.encrypted" and "mot de passe" in err.value.render("fr")


def test_pdf_with_only_an_owner_password_is_read():
    doc = load_bytes(encrypted(""), "a.pdf", None, OPTIONS, None)
    assert doc.meta["pdf"]["encrypted"] and any(b.text == "Procuration" for b in doc.blocks)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", b"%PDF-1.4",
                                  b"%PDF-1.7\n" + bytes(range(256)) * 40])
def test_damaged_pdf_is_a_clear_error(data):
    with pytest.raises(SourceError) as err:
        load_bytes(data, "a.pdf", None, OPTIONS, None)
    assert err.value.key == "pdf.damaged"


def test_truncated_pdf_is_read_or_refused_cleanly():
    data = make_pdf(GOOD)
    try:
        doc = load_bytes(data[: len(data) * 2 // 3], "a.pdf", None, OPTIONS, None)
    except SourceError as exc:
        assert exc.key in ("pdf.damaged", "pdf.limits")
    else:
        assert doc.kind == "pdf"


@pytest.mark.parametrize("data", [b"<html></html>", b"PK\x03\x04" + b"\x00" * 100])  # a page, a zip
def test_not_a_pdf(data):
    with pytest.raises(SourceError) as err:
        load_bytes(data, "a.pdf", None, OPTIONS, None)
    assert err.value.key == "pdf.not_pdf"


def test_huge_pdf_is_refused_before_reading(tmp_path):
    (tmp_path / "gros.pdf").write_bytes(make_pdf(GOOD))
    (tmp_path / "inclusicheck.toml").write_text("max_bytes = 1000\n")
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", "--config",
                           tmp_path / "inclusicheck.toml", tmp_path / "gros.pdf")
    doc = json.loads(out)["documents"][0]
    assert code == 3 and doc["status"] == "error" and "limite" in doc["error"] and doc["kind"] == "pdf"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A one-page PDF whose content stream inflates from ~0.5 MB to 512 MB of spaces."""
    compressor = zlib.compressobj(1)
    chunk = b" " * (1 << 24)
    deflated = b"".join(compressor.compress(chunk) for _ in range(32)) + compressor.flush()
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    page.Contents = pikepdf.Stream(pdf, deflated, Filter=pikepdf.Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def test_decompression_bomb_is_stopped(bomb):
    """The same child process and limits as load_bytes, with a smaller memory cap (the default,
    1 GiB, would need a bomb twice as big and take longer for the same proof)."""
    assert len(bomb) < 3 * 2**20
    with pytest.raises(SourceError) as err:
        analyse(bomb, memory=320 * 2**20)
    assert err.value.key == "pdf.limits"
    assert "320 Mo de mémoire" in err.value.render("fr")


def test_slow_pdf_times_out():
    with pytest.raises(SourceError) as err:
        analyse(make_pdf(GOOD), timeout=0.001)
    assert err.value.key == "pdf.timeout"


def test_too_many_pages():
    spec = {**GOOD, "pages": [[["P", f"Page {i}"]] for i in range(5)]}
    with pytest.raises(SourceError) as err:
        analyse(make_pdf(spec), max_pages=3)
    assert err.value.key == "pdf.too_many_pages"


def test_blank_and_emoji_pdfs_do_not_crash():
    blank = load_bytes(make_pdf({"pages": [[]]}), "a.pdf", None, OPTIONS, None)
    assert [b for b in blank.blocks if b.kind != "title"] == []
    emoji = load_bytes(make_pdf({"pages": [[["P", "🗳️🗳️"]]]}), "b.pdf", None, OPTIONS, None)
    assert emoji.kind == "pdf"


def test_pdf_on_standard_input():
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", "--pack", "pdf", "-",
                           stdin=make_pdf({**GOOD, "tagged": False}))
    [doc] = json.loads(out)["documents"]
    assert doc["kind"] == "pdf" and "pdf.tagged" in {f["rule"] for f in doc["findings"]}


# ---- meaningful title ---------------------------------------------------------------------------

@pytest.mark.parametrize("title, kind", [
    ("Microsoft Word - 2021-05_profession_de_foi.docx", "par défaut"),
    ("Document1", "par défaut"),
    ("Sans titre", "par défaut"),
    ("Untitled-2", "par défaut"),
    ("profession de foi.odt", "nom de fichier"),
    ("2021-05_bilan_conseil", "nom de fichier"),
    ("Bilan 2021 du conseil municipal", None),
    ("Version 2.1 du guide de l'électeur", None),  # a dot, but not a file extension
    ("Document unique d'évaluation des risques", None),  # starts like a default, is not one
])
def test_pdf_title_that_is_a_file_name_or_a_tool_default_is_a_review(tmp_path, title, kind):
    (tmp_path / "doc.pdf").write_bytes(make_pdf({**GOOD, "title": title}))
    _, out, _ = run_cli("check", "-q", "--no-browser", "--no-cache", "--format", "json", "--rule", "pdf.title",
                        str(tmp_path / "doc.pdf"))
    findings = json.loads(out)["documents"][0]["findings"]
    if kind is None:
        assert findings == []
        return
    [finding] = findings
    assert finding["outcome"] == "review" and finding["severity"] == "warning"
    assert kind in finding["message"] and f"« {title} »" in finding["message"]
