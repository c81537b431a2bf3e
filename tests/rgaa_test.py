"""The RGAA 4.1.2 view: automated statuses, the official grid filled and read back, the rate."""
import json
import shutil
import subprocess
import zipfile

import pytest

from inclusicheck.api import Checker
from inclusicheck.audit.grid import GRID, GridError, fill_grid, read_grid
from inclusicheck.audit.rgaa import AuditPage, PageView, audit_result, criteria, page_view, sample_status
from inclusicheck.cli import main

HAS_SOFFICE = bool(shutil.which("soffice"))


def test_criteria_table_is_complete():
    rows = criteria()
    assert len(rows) == 106
    assert len({c.theme for c in rows}) == 13
    assert [c.id for c in rows][:3] == ["1.1", "1.2", "1.3"] and rows[-1].id == "13.12"


def check(html):
    with Checker(packs=["wcag"], browser=False) as checker:
        result = checker.check_html(html)
    result.source = html
    return result


def test_automated_statuses_of_a_page():
    html = ('<!doctype html><html><head><title>Mairie</title></head><body><h1>Mairie</h1>'
            '<p><a href="/a">cliquez ici</a></p></body></html>')
    view = page_view(check(html))
    assert view.statuses["8.3"] == "NC"  # html-lang failed (RGAA 8.3.1)
    assert view.statuses["6.1"] == "NC"  # link text (RGAA 6.1.1)
    assert view.statuses["5.1"] == "NA"  # no table, no script: tables do not apply
    assert view.statuses["2.1"] == "NA" and view.statuses["11.1"] == "NA" and view.statuses["1.1"] == "NA"
    assert view.statuses["3.2"] == "NT"  # contrast: a person (or the browser rules) must judge
    assert view.statuses["8.5"] == "NT"  # the title exists; whether it is relevant is for a person
    assert "wcag.html-lang" in {f.rule for f in view.findings["8.3"]}


def test_scripts_or_elements_make_themes_applicable():
    with_table = check('<!doctype html><html lang="fr"><head><title>T</title></head><body>'
                       '<table><tr><td>1</td></tr></table><img src="a.png" alt=""></body></html>')
    view = page_view(with_table)
    assert view.statuses["5.1"] == "NT" and view.statuses["1.1"] == "NT" and view.statuses["2.1"] == "NA"
    scripted = page_view(check('<!doctype html><html lang="fr"><head><title>T</title></head><body>'
                               '<p onclick="x()">Bonjour</p></body></html>'))
    assert "NA" not in scripted.statuses.values()  # a script could add anything after loading
    css_image = page_view(check('<!doctype html><html lang="fr"><head><title>T</title></head><body>'
                                '<div style="background:url(carte.png)">Plan</div></body></html>'))
    assert css_image.statuses["1.1"] == "NT" and css_image.statuses["5.1"] == "NA"


def test_sample_status_follows_the_official_grid():
    assert sample_status(["C", "NC", "NA"]) == "NC"
    assert sample_status(["C", "NA", "NT"]) == "C"
    assert sample_status(["NA", "NT"]) == "NT"
    assert sample_status(["NA", "review"]) == "NT"
    assert sample_status(["NA", "NA"]) == "NA"


def pages_with(statuses_by_page):
    base = {c.id: "C" for c in criteria()}
    return [AuditPage(f"P{i:02d}", f"Page {i}", f"https://exemple.fr/{i}", {**base, **changes})
            for i, changes in enumerate(statuses_by_page, 1)]


def test_rate_rules():
    audit = audit_result(pages_with([{"8.3": "NC", "2.1": "NA"}, {"2.1": "NA", "5.1": "NA"}]))
    # 106 criteria: 8.3 NC over the sample; 2.1 NA everywhere; 5.1 C on page 1 => C
    assert audit.counts == {"C": 104, "NC": 1, "NA": 1, "NT": 0}
    assert audit.rate == pytest.approx(104 / 105 * 100)
    assert audit.pages[0].rate == pytest.approx(104 / 105 * 100)
    assert audit.pages[1].rate == 100
    assert audit.average == pytest.approx((104 / 105 * 100 + 100) / 2)
    assert audit.declaration == "partiellement conforme"
    assert audit_result(pages_with([{}])).declaration == "totalement conforme"
    failing = {c.id: "NC" for c in criteria()[:60]}
    assert audit_result(pages_with([failing])).declaration == "non conforme"


def test_no_rate_while_a_criterion_is_not_tested():
    audit = audit_result(pages_with([{"8.3": "NT"}, {}]))
    assert audit.rate is None and audit.average is None and audit.remaining_nt == 1 and audit.declaration is None


def view(uri, statuses):
    return PageView(uri, "Accueil", {c.id: statuses.get(c.id, "NT") for c in criteria()})


def test_grid_round_trip_and_automation_alone_gives_no_rate():
    pages = [view("https://exemple.fr/", {"8.3": "NC", "5.1": "NA", "6.1": "review"}),
             view("https://exemple.fr/contact", {})]
    data = fill_grid(pages, {"https://exemple.fr/": {"8.3": "wcag.html-lang (échec) ligne 2 : Langue absente."}})
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    back = read_grid(data)
    assert [p.url for p in back] == ["https://exemple.fr/", "https://exemple.fr/contact"]
    first = back[0]
    assert first.statuses["8.3"] == "NC" and first.statuses["5.1"] == "NA"
    assert first.statuses["6.1"] == "NT"  # "to review" is not a status of the grid
    assert first.notes["8.3"].startswith("[inclusicheck] wcag.html-lang")
    assert len(first.statuses) == 106
    audit = audit_result(back)
    assert audit.rate is None and audit.remaining_nt > 0  # never a rate from automation alone


def complete(data: bytes, status_for) -> bytes:
    """What an officer does: set every remaining NT of the used pages (direct XML edit)."""
    import io

    from lxml import etree

    from inclusicheck.audit.grid import STATUS_COL, T, cell_at, cell_text, criterion_rows, set_text
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        root = etree.fromstring(zin.read("content.xml"))
        sheets = {s.get(T + "name"): s for s in root.iter(T + "table")}
        for name in ("P01", "P02"):
            for criterion, row in criterion_rows(sheets[name]):
                if cell_text(row, STATUS_COL) == "NT":
                    set_text(cell_at(row, STATUS_COL), status_for(name, criterion))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                body = etree.tostring(root) if item.filename == "content.xml" else zin.read(item.filename)
                zout.writestr(item, body)
    return out.getvalue()


def test_completed_grid_gives_the_rate(tmp_path):
    pages = [view("https://exemple.fr/", {"8.3": "NC", "5.1": "NA"}), view("https://exemple.fr/contact", {})]
    completed = complete(fill_grid(pages), lambda page, c: "NC" if (page, c) == ("P02", "3.2") else "C")
    audit = audit_result(read_grid(completed))
    assert audit.counts == {"C": 104, "NC": 2, "NA": 0, "NT": 0}
    assert audit.rate == pytest.approx(104 / 106 * 100)
    path = tmp_path / "grille.ods"
    path.write_bytes(completed)
    assert main(["report", "import", str(path), "--format", "json", "-o", str(tmp_path / "audit.html")]) == 0
    html = (tmp_path / "audit.html").read_text()
    assert '<html lang="fr">' in html and "98.11 %" in html and "partiellement conforme" in html


def test_import_refuses_other_files(tmp_path):
    bad = tmp_path / "x.ods"
    bad.write_bytes(b"not a zip")
    with pytest.raises(GridError):
        read_grid(bad.read_bytes())
    assert main(["report", "import", str(bad)]) == 2


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_spreadsheet_recomputes_the_same_rate(tmp_path):
    """The grid's own formulas (LibreOffice headless) agree with our computation."""
    pages = [view("https://exemple.fr/", {"8.3": "NC", "5.1": "NA"}), view("https://exemple.fr/contact", {})]
    completed = complete(fill_grid(pages), lambda page, c: "NC" if (page, c) == ("P02", "3.2") else "C")
    (tmp_path / "grille.ods").write_bytes(completed)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path / "csv"), str(tmp_path / "grille.ods")],
                   check=True, capture_output=True, timeout=180)
    synthese = next((tmp_path / "csv").glob("*Synth*.csv")).read_text(encoding="utf-8")
    ours = audit_result(read_grid(completed)).rate
    assert f"{ours:.2f}".replace(".", ",") in synthese or f"{ours:.2f}" in synthese, synthese[-600:]


def test_cli_writes_the_rgaa_summary_and_grid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accueil.html").write_text('<!doctype html><html><head><title>Accueil</title></head><body>'
                                           '<p><a href="/x">ici</a></p></body></html>', encoding="utf-8")
    code = main(["check", "accueil.html", "--no-browser", "-q", "--format", "json", "-o", "out.json",
                 "--report", "rgaa:rgaa.html", "--report", "rgaa-ods:grille.ods"])
    assert code == 1
    summary = (tmp_path / "rgaa.html").read_text()
    assert "ne couvre qu&#x27;une partie du RGAA" in summary and "Taux de conformité :" not in summary
    assert "Non conforme (constaté automatiquement)" in summary
    pages = read_grid((tmp_path / "grille.ods").read_bytes())
    assert len(pages) == 1 and pages[0].url == "accueil.html" and pages[0].statuses["8.3"] == "NC"
    result = json.loads((tmp_path / "out.json").read_text())
    assert result["documents"][0]["uri"] == "accueil.html"
    assert GRID.exists()


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")), reason="needs chromium")
def test_import_writes_a_pdf_and_english_report(tmp_path):
    pages = [view("https://exemple.fr/", {"8.3": "NC"})]
    path = tmp_path / "grille.ods"
    path.write_bytes(complete(fill_grid(pages), lambda page, c: "C"))
    code = main(["report", "import", str(path), "--lang", "en", "-o", str(tmp_path / "audit.html"),
                 "--pdf", str(tmp_path / "audit.pdf")])
    assert code == 0
    assert (tmp_path / "audit.pdf").read_bytes()[:5] == b"%PDF-"
    html = (tmp_path / "audit.html").read_text()
    assert '<html lang="en">' in html and "partially compliant" in html and "99.06 %" in html


def test_import_pdf_without_chromium_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    import inclusicheck.engines.pdfprint as pdfprint
    monkeypatch.setattr(pdfprint, "which", lambda *names: None)
    path = tmp_path / "grille.ods"
    path.write_bytes(complete(fill_grid([view("https://exemple.fr/", {"8.3": "NC"})]), lambda page, c: "C"))
    code = main(["report", "import", str(path), "--pdf", str(tmp_path / "audit.pdf")])
    assert code == 2 and not (tmp_path / "audit.pdf").exists()
    assert "Chromium ou ChromeDriver introuvable" in capsys.readouterr().err
