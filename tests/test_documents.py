"""What communicators write before any HTML exists: plain text, Markdown, Word and LibreOffice
documents. Each is read into the same model (blocks with kinds, levels, languages, styles and
places) and gets the text packs and, for office documents, the office pack; no HTML rule. Real
documents from the python-docx and odfpy distributions (tests/data/office/SOURCES.md) and
generated ones (tests/officemaker.py); damaged and hostile files each give a clear error."""
import io
import json
import zipfile

import pytest

from inclusicheck.sources import LoadOptions, SourceError, load_file, stdin_loader
from inclusicheck.sources import docx as docx_source
from inclusicheck.sources import odt as odt_source
from inclusicheck.sources.text import load_markdown, load_text

from .conftest import ROOT
from .helpers import run_cli
from .officemaker import make_docx, make_odt

OPTIONS = LoadOptions()
REAL = ROOT / "tests" / "data" / "office"
NOTICE = {"title": "Élections municipales", "lang": "fr-FR", "keywords": ["FALC", "élections"], "body": [
    ["h1", "Élections municipales"],
    ["p", "Le vote a lieu le dimanche 15 mars 2026."],
    ["bold", "Où voter"],
    ["p", "À la mairie, salle du conseil."],
    ["list", ["Votre carte d'identité", "Votre carte électorale"]],
    ["image", {}],
    ["table", {"rows": [["Bureau", "Adresse"], ["1", "Mairie"]]}],
    ["textbox", "Ouvert de 8 h à 18 h"],
    ["empty"], ["empty"],
    ["link", {"before": "Procuration : ", "text": "cliquez ici", "url": "https://www.maprocuration.gouv.fr"}],
    ["h3", "Résultats"],
    ["p", {"text": "Degemer mat d'an holl.", "lang": "br"}]]}
OFFICE_RULES = {"office.fake-heading", "office.image-alt", "office.table-header", "office.text-box",
                "office.empty-paragraphs", "office.link-text", "office.heading-order"}


def check(path, *args):
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", path, *args)
    return code, json.loads(out)


def findings(report, rule=None):
    return [f for d in report["documents"] for f in d["findings"] if rule is None or f["rule"] == rule]


# ---- plain text and Markdown ---------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [("lettre.txt", "text"), ("lettre.md", "markdown")])
def test_a_text_file_gets_no_html_rule_but_the_text_packs(tmp_path, name, kind):
    # the false alarms: doctype, lang, title, browser-default fonts on a two-sentence text
    path = tmp_path / name
    path.write_text("Bonjour,\n\nLe vote a lieu le 15/03/2026. Venez avec votre carte.\n", encoding="utf-8")
    _, report = check(path)
    doc = report["documents"][0]
    assert doc["kind"] == kind and doc["status"] == "checked"
    rules = {f["rule"] for f in doc["findings"]}
    assert not {r for r in rules if r.startswith("wcag.")}
    assert not {"falc.font-size", "falc.serif-font"} & rules
    dates = findings(report, "falc.numeric-dates")  # the true problem next to them
    assert dates and dates[0]["location"]["line"] == 3


def test_text_blocks_are_paragraphs_and_list_items_with_their_line():
    doc = load_text("Bonjour,\nvoici la liste :\n\n- carte d'identité\n* carte électorale\n\nMerci.".encode(),
                    "a.txt", None, OPTIONS, None)
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        ("paragraph", 1, "Bonjour, voici la liste :"), ("list-item", 4, "carte d'identité"),
        ("list-item", 5, "carte électorale"), ("paragraph", 7, "Merci.")]


def test_markdown_blocks_keep_headings_lists_tables_and_image_alternatives():
    text = ("# Élections\n\nLe vote a lieu **dimanche**.\n\n## Où voter\n\n- À la mairie\n\n"
            "![Plan du bureau](plan.png)\n\n| Bureau | Adresse |\n|---|---|\n| 1 | Mairie |\n\n> Citation.\n\n"
            "```\ncode ignoré\n```\n")
    doc = load_markdown(text.encode(), "a.md", None, OPTIONS, None)
    assert doc.kind == "markdown" and doc.title == "Élections"
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        ("heading", 1, "Élections"), ("paragraph", 3, "Le vote a lieu dimanche."), ("heading", 5, "Où voter"),
        ("list-item", 7, "À la mairie"), ("alt", 9, "Plan du bureau"), ("cell", 11, "Bureau"),
        ("cell", 11, "Adresse"), ("cell", 13, "1"), ("cell", 13, "Mairie"), ("quote", 15, "Citation.")]
    assert [o.get("level") for o in doc.meta["outline"]][:3] == [1, None, 2]


def test_stdin_is_read_as_text_unless_it_is_html():
    assert stdin_loader(b"Bonjour, le vote a lieu dimanche. <3")().__name__ == "load_text"
    assert stdin_loader(b"<!DOCTYPE html><html lang=fr><p>Bonjour</p></html>")().__name__ == "load_bytes"
    assert stdin_loader(b"<p>Bonjour</p><p>Au revoir</p>")().__module__.endswith(".html")
    code, out, _ = run_cli("check", "-q", "--no-browser", "--format", "json", "-",
                           stdin="Le vote a lieu le 15/03/2026.".encode())
    doc = json.loads(out)["documents"][0]
    assert doc["kind"] == "text" and {f["rule"] for f in doc["findings"]} == {"falc.numeric-dates"}


def test_a_renamed_word_file_is_not_read_as_text():
    with pytest.raises(SourceError) as err:
        load_text(make_docx(NOTICE), "lettre.txt", None, OPTIONS, None)
    assert err.value.key == "text.binary"


# ---- Word and LibreOffice: the model ---------------------------------------------------------------

@pytest.mark.parametrize("make,loader", [(make_docx, docx_source), (make_odt, odt_source)], ids=["docx", "odt"])
def test_office_documents_give_the_same_model(make, loader):
    doc = loader.load_bytes(make(NOTICE), "avis", None, OPTIONS, None)
    facts = doc.meta["office"]
    assert doc.title == "Élections municipales" and doc.lang == "fr-FR" and doc.tree is None
    assert facts["keywords"] == ["FALC", "élections"]  # where a FALC marker can be read
    got = [(b.kind, b.text) for b in doc.blocks]
    assert got[:5] == [("heading", "Élections municipales"), ("paragraph", "Le vote a lieu le dimanche 15 mars 2026."),
                       ("paragraph", "Où voter"), ("paragraph", "À la mairie, salle du conseil."),
                       ("list-item", "Votre carte d'identité")]
    assert ("cell", "Bureau") in got and ("paragraph", "Ouvert de 8 h à 18 h") in got
    assert [f["level"] for f in facts["block_facts"] if f["level"]] == [1, 3]
    assert [f["bold"] for f in facts["block_facts"]][2] is True
    assert doc.blocks[-1].lang == "br" and doc.blocks[1].lang == "fr-FR"  # a run's language, else the document's
    assert doc.blocks[3].where == "§4 › Élections municipales"
    assert facts["images"][0]["alt"] == "" and facts["tables"][0]["header"] is False
    assert facts["links"][0]["text"] == "cliquez ici" and facts["textboxes"] == 1
    assert [p["number"] for p in facts["paragraphs"] if p["empty"]] == [14, 15]  # cells and boxes count


def test_word_fonts_and_sizes_come_from_the_style_chain():
    doc = docx_source.load_bytes(make_docx({**NOTICE, "font": "Times New Roman", "size": 11}), "a", None, OPTIONS, None)
    body = doc.meta["block_styles"][1]
    assert body["font-family"] == "Times New Roman" and body["font-size"] == pytest.approx(14.67, abs=0.01)
    real = load_file(REAL / "txt-font-props.docx", OPTIONS)  # named styles with their own typeface and size
    styles = {b.text: s for b, s in zip(real.blocks, real.meta["block_styles"])}
    assert styles["Paragraph in ‘Large Size’ style."]["font-size"] == 24.0
    assert styles["A paragraph in ‘Having Typeface’ style."]["font-family"] == "Avenir Black"


def test_real_word_documents():
    images = load_file(REAL / "having-images.docx", OPTIONS).meta["office"]["images"]
    assert len(images) >= 3 and not any(i["alt"] for i in images)
    links = load_file(REAL / "par-hyperlinks.docx", OPTIONS).meta["office"]["links"]
    assert links[0] == {**links[0], "text": "awesome hyperlink", "target": "http://yahoo.com/"}
    pages = [b.page for b in load_file(REAL / "par-rendered-page-breaks.docx", OPTIONS).blocks]
    assert pages == [1, 1, 2, 4]  # where Word last broke the pages
    tables = load_file(REAL / "tbl-having-tables.docx", OPTIONS).meta["office"]["tables"]
    assert [(t["rows"], t["cols"]) for t in tables] == [(2, 2), (3, 3), (2, 4)]


def test_real_libreoffice_documents():
    lists = load_file(REAL / "twolevellist.odt", OPTIONS)
    assert [b.kind for b in lists.blocks].count("list-item") >= 3 and lists.lang == "da-DK"
    table = load_file(REAL / "simpletable.odt", OPTIONS)
    assert [b.kind for b in table.blocks] == ["cell"] * 4 and not table.meta["office"]["tables"][0]["header"]
    assert len(load_file(REAL / "images.odt", OPTIONS).meta["office"]["images"]) >= 4
    assert load_file(REAL / "imageslabels.odt", OPTIONS).meta["office"]["textboxes"] >= 1


def test_real_documents_through_the_office_pack():
    _, report = check(REAL)
    by_doc = {d["uri"].rsplit("/", 1)[-1]: d for d in report["documents"]}
    assert all(d["status"] == "checked" for d in by_doc.values()), [d["error"] for d in by_doc.values()]
    rules = lambda name: {f["rule"] for f in by_doc[name]["findings"]}  # noqa: E731
    assert "office.image-alt" in rules("having-images.docx") and "office.image-alt" in rules("images.odt")
    assert "office.table-header" in rules("simpletable.odt") and "office.table-header" in rules("tbl-having-tables.docx")
    assert "office.title" in rules("par-hyperlinks.docx")
    assert not {r for d in by_doc.values() for r in (f["rule"] for f in d["findings"]) if r.startswith("wcag.")}


# ---- Word and LibreOffice: the office pack end to end ---------------------------------------------

@pytest.mark.parametrize("make,suffix", [(make_docx, "docx"), (make_odt, "odt")])
def test_office_pack_finds_each_problem_and_says_where(tmp_path, make, suffix):
    path = tmp_path / f"avis.{suffix}"
    path.write_bytes(make(NOTICE))
    _, report = check(path, "--pack", "office")
    got = {f["rule"]: f for f in findings(report)}
    assert set(got) == OFFICE_RULES
    assert got["office.fake-heading"]["snippet"] == "Où voter"
    assert got["office.fake-heading"]["location"]["selector"] == "§3 › Élections municipales"
    assert got["office.empty-paragraphs"]["location"]["selector"].startswith("§14")
    assert "clic droit" in got["office.image-alt"]["message"]  # what to do, in French


@pytest.mark.parametrize("make,suffix", [(make_docx, "docx"), (make_odt, "odt")])
def test_the_corrected_notice_is_clean(tmp_path, make, suffix):
    fixed = {**NOTICE, "body": [
        ["h1", "Élections municipales"], ["p", "Le vote a lieu le dimanche 15 mars 2026."],
        ["h2", "Où voter"], ["p", "À la mairie, salle du conseil."],
        ["image", {"alt": "Plan : la mairie est sur la place de l'église."}],
        ["table", {"header": True, "rows": [["Bureau", "Adresse"], ["1", "Mairie"]]}],
        ["p", "Ouvert de 8 h à 18 h."], ["empty"],
        ["link", {"before": "Faites votre demande sur ", "text": "le site Ma procuration",
                  "url": "https://www.maprocuration.gouv.fr"}]]}
    path = tmp_path / f"avis.{suffix}"
    path.write_bytes(make(fixed))
    _, report = check(path, "--pack", "office")
    assert findings(report) == []


def test_title_and_language_missing(tmp_path):
    path = tmp_path / "sans-titre.docx"
    path.write_bytes(make_docx({"title": None, "lang": None, "body": [["p", "Bonjour."]]}))
    _, report = check(path, "--pack", "office")
    assert {f["rule"] for f in findings(report)} == {"office.title", "office.lang"}
    assert "Révision > Langue" in findings(report, "office.lang")[0]["message"]


def test_falc_typography_reads_the_document_fonts(tmp_path):
    small = tmp_path / "petit.docx"
    small.write_bytes(make_docx({**NOTICE, "font": "Times New Roman", "size": 11}))
    big = tmp_path / "grand.docx"
    big.write_bytes(make_docx({**NOTICE, "font": "Arial", "size": 14}))
    _, report = check(tmp_path, "--rule", "falc.font-size", "--rule", "falc.serif-font")
    by_doc = {d["uri"].rsplit("/", 1)[-1]: {f["rule"] for f in d["findings"]} for d in report["documents"]}
    assert by_doc["petit.docx"] == {"falc.font-size", "falc.serif-font"}
    assert by_doc["grand.docx"] == set()


# ---- bad input -------------------------------------------------------------------------------------

def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _with(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip({**{n: source.read(n) for n in source.namelist()}, name: content})


BAD = {
    "protege.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "office.encrypted_or_binary"),
    "photos.docx": (_zip({"photo1.jpg": b"\xff\xd8\xff", "photo2.jpg": b"\xff\xd8\xff"}), "office.not_this_format"),
    "tableur.odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
                    "office.not_this_format"),
    "abime.docx": (make_docx(NOTICE)[:3000], "office.damaged"),
    "texte.docx": (b"Bonjour, ceci est un texte.", "office.not_package"),
    "macros.docx": (_with(make_docx(NOTICE), "word/vbaProject.bin", b"\0" * 100), "office.macros"),
    "macros.odt": (_with(make_odt(NOTICE), "Basic/Standard/Module1.xml", b"<script/>"), "office.macros"),
    "chiffre.odt": (_with(make_odt(NOTICE), "META-INF/manifest.xml", b"<manifest:encryption-data/>"),
                    "office.encrypted"),
    "bombe.docx": (_with(make_docx(NOTICE), "word/media/bombe.bin", b"\0" * (20 * 1024 * 1024)), "office.too_large"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_office_files_give_a_clear_error(name):
    data, key = BAD[name]
    loader = docx_source if name.endswith(".docx") else odt_source
    with pytest.raises(SourceError) as err:
        loader.load_bytes(data, name, None, OPTIONS, None)
    assert err.value.key == key
    assert err.value.render("fr") != err.value.render("en")


def test_a_huge_document_is_refused(monkeypatch):
    from inclusicheck.sources import office
    monkeypatch.setattr(office, "MAX_PARAGRAPHS", 5)
    with pytest.raises(SourceError) as err:
        docx_source.load_bytes(make_docx(NOTICE), "a.docx", None, OPTIONS, None)
    assert err.value.key == "office.too_many_paragraphs"


def test_a_damaged_xml_part_is_a_clear_error():
    data = _with(make_odt(NOTICE), "content.xml", b"<office:document-content><unclosed>")
    with pytest.raises(SourceError) as err:
        odt_source.load_bytes(data, "a.odt", None, OPTIONS, None)
    assert err.value.key == "office.damaged"


def test_the_run_goes_on_after_bad_documents(tmp_path):
    for name in ("protege.docx", "photos.docx", "macros.odt", "bombe.docx"):
        (tmp_path / name).write_bytes(BAD[name][0])
    (tmp_path / "bon.docx").write_bytes(make_docx(NOTICE))
    _, report = check(tmp_path, "--pack", "office")
    status = {d["uri"].rsplit("/", 1)[-1]: (d["status"], d["kind"], d["error"]) for d in report["documents"]}
    assert status["bon.docx"][0] == "checked"
    for name in ("protege.docx", "photos.docx", "macros.odt", "bombe.docx"):
        assert status[name][0] == "error" and status[name][1] == name.rsplit(".", 1)[1], status[name]
    assert "mot de passe" in status["protege.docx"][2] and "macros" in status["macros.odt"][2]


def test_a_breton_paragraph_with_its_language_is_not_flagged_and_one_without_is(tmp_path):
    breton = "Degemer mat e ti-kêr Plougastell. Digor eo ar burev votiñ eus eizh eur betek c'hwec'h eur."
    for name, para in (("avec.docx", {"text": breton, "lang": "br"}), ("sans.docx", breton)):
        (tmp_path / name).write_bytes(make_docx({"title": "Avis", "lang": "fr-FR", "body": [
            ["h1", "Élections municipales"], ["p", "Le bureau de vote est ouvert de 8 h à 18 h."], ["p", para]]}))
    _, report = check(tmp_path, "--rule", "regional.missing-lang")
    by_doc = {d["uri"].rsplit("/", 1)[-1]: d["findings"] for d in report["documents"]}
    assert by_doc["avec.docx"] == []
    assert [f["location"]["selector"] for f in by_doc["sans.docx"]] == ["§3 › Élections municipales"]


def test_a_nested_table_is_read_once_and_in_order():
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import P

    def row(*cells):
        tr = TableRow()
        for content in cells:
            cell = TableCell()
            cell.addElement(content if not isinstance(content, str) else P(text=content))
            tr.addElement(cell)
        return tr
    inner = Table(name="b")
    inner.addElement(TableColumn())
    inner.addElement(row("intérieur"))
    outer = Table(name="a")
    outer.addElement(TableColumn(numbercolumnsrepeated=2))
    header = TableHeaderRows()
    header.addElement(row("Bureau", "Adresse"))
    outer.addElement(header)
    outer.addElement(row("1", inner))
    document = OpenDocumentText()
    document.text.addElement(outer)
    out = io.BytesIO()
    document.write(out)
    doc = odt_source.load_bytes(out.getvalue(), "a.odt", None, OPTIONS, None)
    assert [b.text for b in doc.blocks] == ["Bureau", "Adresse", "1", "intérieur"]
    assert [(t["rows"], t["header"]) for t in doc.meta["office"]["tables"]] == [(2, True), (1, False)]


def test_underlined_text_is_flagged_but_not_a_link(tmp_path):
    link = ["link", {"before": "Sur ", "text": "le site Ma procuration du ministère de l'Intérieur",
                     "url": "https://www.maprocuration.gouv.fr"}]  # underlined, as Word shows links
    (tmp_path / "lien.docx").write_bytes(make_docx({"title": "Vote", "lang": "fr-FR", "body": [link]}))
    (tmp_path / "souligne.docx").write_bytes(make_docx({"title": "Vote", "lang": "fr-FR", "body": [
        link, ["underline", "Le bureau de vote ferme à 18 heures ce dimanche."]]}))
    _, report = check(tmp_path, "--rule", "falc.underline")
    by_doc = {d["uri"].rsplit("/", 1)[-1]: [f["location"]["selector"] for f in d["findings"]]
              for d in report["documents"]}
    assert by_doc == {"lien.docx": [], "souligne.docx": ["§2"]}
