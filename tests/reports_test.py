"""Every report format from a real run, checked against its schema (or an equivalent check)."""
import json
import re
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from inclusicheck.cli import main
from inclusicheck.model import DocumentResult, Finding, Location, Outcome, RunResult, Severity, Skipped
from inclusicheck.packs.references import reference_url, wcag_criteria
from inclusicheck.reporters import FORMATS, reporter_class

SCHEMAS = Path(__file__).resolve().parent.parent / "inclusicheck" / "schemas"

PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>Mairie de Plouzané</title></head>
<body>
<h1>Élections municipales</h1>
<p>Pour vous inscrire sur les listes électorales, <a href="/inscription">cliquez ici</a>.</p>
<p><a href="/a">Lire la suite</a> et <a href="/b">lire la suite</a></p>
<p>Mademoiselle Dupont est nommée cheffe de projet.</p>
</body></html>
"""
CLEAN = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Contact</title></head>
<body><h1>Contact</h1><p>Écrire à la mairie.</p></body></html>
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Two pages and an unreadable file, in a folder that is the current directory (as in CI)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "accueil.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "pages" / "contact.html").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "pages" / "vide.html").write_text("", encoding="utf-8")
    return tmp_path


def run_reports(site, *formats, lang="fr"):
    args = ["check", "pages", "--no-browser", "-q", "--format", "json", "-o", "out.json", "--lang", lang]
    for fmt in formats:
        args += ["--report", f"{fmt}:out.{fmt}"]
    code = main(args)
    assert code == 3  # vide.html cannot be read: the others are still reported
    return {fmt: site / f"out.{fmt}" for fmt in ("json", *formats)}


def test_every_format_is_registered_and_loads():
    for name in FORMATS:
        assert reporter_class(name).__name__.endswith("Reporter")


def test_json_report_matches_its_schema(site):
    out = run_reports(site)
    report = json.loads(out["json"].read_text())
    schema = json.loads((SCHEMAS / "report-v1.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema)
    rules = {f["rule"] for d in report["documents"] for f in d["findings"]}
    assert {"wcag.html-lang", "wcag.link-text", "gender.obsolete-terms"} <= rules
    # the schema really constrains: a renamed field or a bad outcome is refused
    broken = json.loads(out["json"].read_text())
    broken["documents"][0]["findings"][0]["outcome"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_sarif_is_valid_against_the_official_schema(site):
    out = run_reports(site, "sarif")
    sarif = json.loads(out["sarif"].read_text())
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    link = rules["wcag.link-text"]
    assert link["helpUri"] == "https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html"
    assert link["help"]["text"] and "wcag.link-text" in link["help"]["markdown"]
    results = run["results"]
    assert all(r["partialFingerprints"]["inclusicheck/v1"] for r in results)
    link_results = [r for r in results if r["ruleId"] == "wcag.link-text"]
    assert len(link_results) == 3
    region = link_results[0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"] == {"uri": "pages/accueil.html", "uriBaseId": "%SRCROOT%"}
    assert region["region"]["startLine"] == 6
    assert run["tool"]["driver"]["rules"][link_results[0]["ruleIndex"]]["id"] == "wcag.link-text"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("vide.html" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes)
    assert run["invocations"][0]["executionSuccessful"] is False


def hand_made_result():
    """A review finding without a line, a fail finding with one: the two location kinds."""
    review = Finding("wcag.color-contrast", "wcag", Severity.WARNING, Outcome.REVIEW, "Contraste à vérifier.",
                     Location(selector="main > p.note"), snippet="<p class=\"note\">", fingerprint="ab" * 16,
                     references={"wcag": ["1.4.3"], "rgaa": ["3.2.1"], "act": ["afw4f7"]})
    fail = Finding("wcag.html-lang", "wcag", Severity.ERROR, Outcome.FAIL, "Langue absente.",
                   Location(line=2, column=1, selector="html"), fingerprint="cd" * 16,
                   references={"wcag": ["3.1.1"], "rgaa": ["8.3.1"]})
    doc = DocumentResult("https://exemple.fr/page.html", "page", findings=[review, fail])
    return RunResult(tool={"name": "inclusicheck", "version": "0.1.0", "engines": {"axe-core": "4.10.2"}},
                     documents=[doc], skipped=[Skipped(["wcag.image-alt"], "no browser")])


def test_sarif_review_outcome_and_logical_location():
    from inclusicheck.reporters.sarif import sarif_log
    sarif = sarif_log(hand_made_result())
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    review, fail = sarif["runs"][0]["results"]
    assert (review["kind"], review["level"]) == ("review", "none")  # SARIF: kind other than fail => level none
    assert "region" not in review["locations"][0]["physicalLocation"]
    assert review["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "main > p.note", "kind": "element"}]
    assert review["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "https://exemple.fr/page.html"}
    assert (fail["kind"], fail["level"]) == ("fail", "error")
    assert fail["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert sarif["runs"][0]["tool"]["extensions"] == [{"name": "axe-core", "version": "4.10.2"}]
    # without a registry, references still give the rule a help link
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["wcag.color-contrast"]["helpUri"].endswith("/contrast-minimum.html")


def test_junit_one_case_per_document_and_rule(site):
    out = run_reports(site, "junit")
    tree = etree.parse(str(out["junit"]))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd"))).assertValid(tree)
    suites = {s.get("name"): s for s in tree.getroot()}
    assert set(suites) == {"pages/accueil.html", "pages/contact.html", "pages/vide.html"}
    accueil = suites["pages/accueil.html"]
    names = [c.get("name") for c in accueil]
    assert len(names) == len(set(names))  # one case per rule
    assert {"wcag.html-lang", "wcag.link-text", "wcag.page-title", "gender.obsolete-terms"} <= set(names)
    case = {c.get("name"): c for c in accueil}
    assert case["wcag.html-lang"].find("failure") is not None  # error >= default fail_on
    assert case["wcag.link-text"].find("failure") is None  # warnings do not fail by default...
    assert "cliquez ici" in case["wcag.link-text"].findtext("system-out")  # ...but are listed
    assert case["wcag.page-title"].find("failure") is None
    assert int(accueil.get("tests")) == len(names) and accueil.get("failures") == "1"
    assert suites["pages/vide.html"].find("testcase/error") is not None
    root = tree.getroot()
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_junit_fail_on_warning_and_control_characters():
    from inclusicheck.reporters.junit import junit_tree
    result = hand_made_result()
    result.documents[0].findings[1].message = "Langue\x0b absente\x00."
    tree = junit_tree(result, rules=["wcag.html-lang", "wcag.color-contrast", "wcag.image-alt"], fail_on="warning")
    etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd"))).assertValid(tree)
    cases = {c.get("name"): c for c in tree.iter("testcase")}
    assert cases["wcag.html-lang"].find("failure").get("message") == "Langue absente."
    assert cases["wcag.color-contrast"].find("failure") is None  # review never fails
    assert cases["wcag.image-alt"].find("skipped").get("message") == "no browser"


def test_junit_agrees_with_the_exit_code_on_baselined_findings():
    from inclusicheck.reporters.junit import junit_tree
    result = hand_made_result()
    result.documents[0].findings[1].baselined = True  # the error is known: the run does not fail on it
    tree = junit_tree(result, rules=["wcag.html-lang"], fail_on="warning")
    case = next(c for c in tree.iter("testcase") if c.get("name") == "wcag.html-lang")
    assert case.find("failure") is None and tree.get("failures") == "0"
    assert "[error, baseline]" in case.findtext("system-out")


def test_markdown_summary_is_compact_and_inert(site):
    out = run_reports(site, "markdown")
    text = out["markdown"].read_text()
    assert text.startswith("## Rapport inclusicheck")
    findings = [f for d in json.loads(out["json"].read_text())["documents"] for f in d["findings"]]
    wcag = [f for f in findings if f["pack"] == "wcag"]
    row = [sum(f["outcome"] == "fail" and f["severity"] == sev for f in wcag) for sev in ("error", "warning", "info")]
    row.append(sum(f["outcome"] == "review" for f in wcag))
    assert f"| wcag | {' | '.join(map(str, row))} |" in text.splitlines() and sum(row) >= 4
    assert "<details><summary><strong>pages/accueil.html</strong>" in text
    assert "Illisible" in text
    from inclusicheck.reporters.markdown import markdown_summary
    result = hand_made_result()
    result.documents[0].findings[1].message = "<img src=x onerror=alert(1)> [lien](javascript:alert(1)) | col"
    md = markdown_summary(result, "en")
    assert "<img" not in md and "](javascript" not in md and "\\| col" in md
    assert "1 more finding" in markdown_summary(result, "en", limit=1)


def test_html_report_passes_inclusicheck_itself(site):
    out = run_reports(site, "html")
    report = out["html"].read_text()
    assert 'http-equiv="Content-Security-Policy"' in report
    (site / "report").mkdir()
    (site / "report" / "report.html").write_text(report, encoding="utf-8")
    # static wcag rules, gender, core, and FALC typography (those rules exist once the falc pack is in)
    typography = ["falc.font-size", "falc.capitals", "falc.italics", "falc.serif-font", "falc.text-align",
                  "falc.underline", "falc.hyphenation"]
    selection = [arg for rule in ["wcag.*", "gender.*", "inclusicheck.*", *typography] for arg in ("--rule", rule)]
    code = main(["check", "report/report.html", "--no-browser", "-q", *selection,
                 "--format", "json", "-o", "self.json", "--fail-on", "info"])
    findings = json.loads((site / "self.json").read_text())["documents"][0]["findings"]
    assert findings == [] and code == 0


def test_html_report_escapes_page_content():
    from inclusicheck.reporters.html import render_report
    result = hand_made_result()
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    result.documents[0].findings[0].message = hostile
    result.documents[0].findings[0].snippet = "</style><script>alert(3)</script>"
    result.documents[0].source = "<html><body><p class='note'>x</p><script>alert(4)</script></body></html>"
    page = render_report(result, "en", nonce="testnonce")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count("<script") == 1  # the report's own, with the nonce
    assert '<script nonce="testnonce">' in page
    assert "&lt;/style&gt;&lt;script&gt;alert(3)" in page
    assert '<html lang="en">' in page


def test_annotated_page_is_inert_and_marked():
    from inclusicheck.reporters.annotate import Mark, annotated_page
    source = """<html><head><base href="http://evil.test/"><meta http-equiv="refresh" content="0;url=http://evil.test">
    <link rel="stylesheet" href="http://evil.test/a.css"><style>body{background:url(http://evil.test/b)}</style>
    <style>@import "http://evil.test/c.css";</style></head>
    <body onload="alert(1)"><p id="p1">Bonjour <a href="javascript:alert(2)" onclick="alert(3)">ici</a></p>
    <svg><style><img src=x onerror=alert(4)></style></svg><noscript><p title="</noscript><img src=x onerror=alert(5)>"></p></noscript>
    <img src="http://evil.test/i.png" srcset="http://evil.test/j.png 2x" alt="Logo">
    <iframe src="http://evil.test/f"></iframe><object data="http://evil.test/o"></object>
    <form action="http://evil.test/f"><button formaction="http://evil.test/g">Envoyer</button></form>
    <div style="background-image:url('http://evil.test/d')">Texte</div><!--[if IE]><script>alert(6)</script><![endif]-->
    </body></html>"""
    marks = [Mark(1, "f-1-1", "m-1-1", False, "warning", "Constat 1", "html > body > p > a", "ici"),
             Mark(2, "f-1-2", "m-1-2", True, "warning", "Constat 2", "html", None)]
    page = annotated_page("x.html", source, marks, "N0NCE", "Sur la page :")
    body = page.lower()
    assert "evil.test" not in body
    styles = re.findall(r"<style>(.*?)</style>", body, re.S)
    assert styles and not any("<" in css for css in styles)  # no tag can start inside a style sheet
    markup = re.sub(r"<style>.*?</style>", "", body, flags=re.S)
    assert "javascript:" not in markup and "onerror" not in markup and "onclick" not in markup
    assert "onload" not in markup and "alert(" not in markup.split("<script nonce")[0]
    assert "<iframe" not in body and "<object" not in body and "<noscript" not in body and "<base" not in body
    assert re.search(r'<a[^>]*><button type="button" class="ic-marker ic-warning" id="m-1-1"[^>]*>1</button>'
                     r'<mark class="ic-hl ic-warning">ici</mark></a>', page)
    assert 'class="ic-banner"' in page and 'id="m-1-2"' in page  # a finding on <html> goes to the banner
    assert 'alt="Logo"' in page


def test_wcag_links_go_to_understanding_pages():
    table = wcag_criteria()
    assert len(table) == 87  # WCAG 2.2: 86 SC + 4.1.1 (obsolete, page kept)
    assert sum(level == "A" for level, _ in table.values()) == 32
    assert sum(level == "AA" for level, _ in table.values()) == 24
    assert reference_url("wcag", "1.1.1") == "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html"
    assert reference_url("wcag", "2.5.8").endswith("/target-size-minimum.html")
    assert reference_url("wcag", "9.9.9") == "https://www.w3.org/WAI/WCAG22/quickref/"
    assert reference_url("rgaa", "8.3.1").endswith("#8.3")


def test_html_report_in_english(site):
    out = run_reports(site, "html", lang="en")
    page = out["html"].read_text()
    assert '<html lang="en">' in page and "Findings by pack and severity" in page
    assert "Constats par pack" not in page


def test_html_report_from_cached_results_still_shows_the_page(site, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "cache"))
    for _ in range(2):  # the second run reads every result from the cache
        main(["check", "pages/accueil.html", "--no-browser", "-q", "--format", "html", "-o", "out.html"])
        page = (site / "out.html").read_text()
        assert 'class="preview"' in page and "Mairie de Plouzan" in page
    assert any((site / "cache").rglob("*"))


def test_html_report_plots_known_metrics_and_lists_the_others():
    from inclusicheck.reporters.html import render_report
    result = hand_made_result()
    result.documents[0].metrics = {"words": 120, "falc.difficulty": 38.5, "regional.shares": {"fr": 0.75, "br": 0.25},
                                   "gender.women_named": 3, "gender.men_named": 5, "falc.lix": 41.25,
                                   "falc.blocks": [{"selector": "p"}], "other.flag": True}
    page = render_report(result, "fr").replace("\u00a0", " ")  # French non-breaking spaces
    assert 'aria-label="Difficulté de lecture (0 : facile, 100 : difficile) : 38/100"' in page  # 38.5 rounds to even
    assert "fr : 75 %, br : 25 %" in page
    assert "Femmes : 3, Hommes : 5" in page
    assert '<th scope="row">falc.lix</th><td class="num">41.2</td>' in page  # 41.25 -> 41.2 (round half even)
    assert '<th scope="row">Mots</th><td class="num">120</td>' in page
    assert "falc.blocks" not in page and "other.flag" not in page  # lists and flags are not plotted


def many_findings_result(count=5000):
    """A page with `count` findings of one text rule (long snippets), one of another rule, and a
    second page with a single finding: what a real page with thousands of hits gives."""
    words = " ".join(f"mot{n}" for n in range(2000))
    source = "<html lang='fr'><body>" + "".join(f"<p>Paragraphe {n} : {words[:60]}</p>" for n in range(50)) + "</body></html>"
    hits = [Finding("falc.special-characters", "falc", Severity.WARNING, Outcome.FAIL, f"Caractère spécial {n}.",
                    Location(line=n + 1, selector=f"html > body > p:nth-of-type({n % 50 + 1})"),
                    snippet=words, span=(words.index(" mot600 ") + 1, words.index(" mot600 ") + 7), fingerprint=f"{n:032x}") for n in range(count)]
    other = Finding("wcag.html-lang", "wcag", Severity.ERROR, Outcome.FAIL, "Langue absente.",
                    Location(line=1, selector="html"), fingerprint="cd" * 16)
    page = DocumentResult("pages/grosse.html", "page", findings=[*hits, other])
    page.source = source
    second = DocumentResult("pages/autre.html", "page", findings=[Finding(
        "wcag.page-title", "wcag", Severity.ERROR, Outcome.FAIL, "Titre absent.", Location(line=1))])
    return RunResult(tool={"name": "inclusicheck", "version": "0.1.0"}, documents=[page, second])


def test_html_report_caps_a_rule_with_thousands_of_findings():
    from inclusicheck.reporters.html import render_report
    from inclusicheck.reporters.html_document import SHOWN_PER_RULE, SNIPPET_MAX
    page = render_report(many_findings_result(5000), "fr")
    first, second = page.replace("\u00a0", " ").split('id="doc-2"')
    shown = re.findall(r'<li class="finding warning" id="f-1-\d+"', first)
    assert len(shown) == SHOWN_PER_RULE  # at most N in full
    assert "(5000 constat(s))" in first and "… et 4990 autre(s) constat(s) de cette règle" in first
    assert "Lignes : 1, 2, 3" not in first and "Lignes : 11, 12, 13" in first  # where the others are
    assert "<code>falc.special-characters</code>" in first and "<code>wcag.html-lang</code>" in first
    assert "<code>wcag.page-title</code>" in second  # every rule of every document is still there
    assert first.count("srcdoc=") == 1 and first.count("id=&quot;m-1-") == SHOWN_PER_RULE + 1  # markers: the shown ones
    snippets = re.findall(r'<pre class="snippet"[^>]*>(.*?)</pre>', page, re.S)
    assert snippets and all(len(re.sub("<[^>]+>", "", s).replace("&#x27;", "'")) <= SNIPPET_MAX + 2 for s in snippets)
    assert all("<mark>mot600</mark>" in s for s in snippets)  # the flagged word is kept in view
    assert len(page.encode()) < 150_000  # size follows what is shown, not the 5,000 findings


def test_html_report_size_does_not_grow_with_hidden_findings():
    from inclusicheck.reporters.html import render_report
    small = len(render_report(many_findings_result(20), "fr", nonce="n"))
    large = len(render_report(many_findings_result(5000), "fr", nonce="n"))
    assert large - small < 2_000  # the count and line list change, nothing else


def test_clip_keeps_the_flagged_span_in_view():
    from inclusicheck.reporters.html_document import clip
    text = "a" * 1000 + "CIBLE" + "b" * 1000
    clipped, span = clip(text, (1000, 1005), 100)
    assert clipped[span[0]:span[1]] == "CIBLE" and clipped.startswith("…") and clipped.endswith("…")
    assert len(clipped) <= 102
    assert clip("court", (0, 1), 100) == ("court", (0, 1))  # short text: unchanged
    assert clip("x" * 300, None, 100)[0] == "x" * 100 + "…"


def test_html_report_shows_grouped_occurrences():
    """Findings that group repeated hits (Finding.occurrences): the count and a capped list."""
    from types import SimpleNamespace

    from inclusicheck.reporters.html import render_report
    from inclusicheck.reporters.html_document import OCCURRENCES_SHOWN
    result = hand_made_result()
    grouped = result.documents[0].findings[1]
    grouped.occurrences = [SimpleNamespace(location=Location(line=n), text=f"passage {n}", span=None)
                           for n in range(25)]
    page = render_report(result, "fr")
    assert "25 occurrences" in page and "passage 0" in page and f"passage {OCCURRENCES_SHOWN - 1}" in page
    assert f"passage {OCCURRENCES_SHOWN}<" not in page and "… et 15 autre(s)" in page
    assert "(1 constat(s), 25 occurrences)" in page  # the rule's heading counts both
    single = render_report(hand_made_result(), "fr")
    assert "occurrences<" not in single and '<ul class="occurrences">' not in single  # a single hit: nothing more


def test_html_report_previews_a_large_page_with_a_notice_instead(monkeypatch):
    from inclusicheck.reporters import html_document
    from inclusicheck.reporters.html import render_report
    result = many_findings_result(3)
    monkeypatch.setattr(html_document, "PREVIEW_MAX", 500)
    page = render_report(result, "fr")
    assert "srcdoc=" not in page and "la page est trop grande pour ce rapport" in page
    assert len(re.findall(r'<li class="finding warning" id="f-1-\d+"', page)) == 3  # still listed


def test_annotated_markers_find_elements_before_other_markers_shift_them():
    from inclusicheck.reporters.annotate import Mark, annotated_page
    source = "<html><body><p><button>A</button><button>B</button></p><p id='x'><span>C</span></p></body></html>"
    marks = [Mark(1, "f-1-1", "m-1-1", False, "error", "1", "html > body > p:nth-of-type(1) > button:nth-of-type(1)", None),
             Mark(2, "f-1-2", "m-1-2", False, "error", "2", "html > body > p:nth-of-type(1) > button:nth-of-type(2)", None),
             Mark(3, "f-1-3", "m-1-3", False, "error", "3", "#x > span", None)]
    page = annotated_page("x.html", source, marks, "N", "Sur la page :")
    assert re.search(r'id="m-1-2"[^>]*>2</button><button class="ic-hl ic-error">B</button>', page)
    assert re.search(r'id="m-1-1"[^>]*>1</button><button class="ic-hl ic-error">A</button>', page)
    assert re.search(r'id="m-1-3"[^>]*>3</button><span class="ic-hl ic-error">C</span>', page)
    assert 'class="ic-banner"' not in page  # all three were placed


def test_french_typography_spaces_the_report_words_not_what_they_quote():
    from inclusicheck.reporters.text import words
    spaced = words("fr", typography=True)
    # no-break spaces in the catalogue's sentence; the quoted error message is shown as it is
    assert spaced("html.read_error", error="page : « x »") == "Le document n'a pas pu être lu\u00a0: page : « x »"
    assert words("fr")("html.read_error", error="x") == "Le document n'a pas pu être lu : x"  # Markdown: plain
    assert words("en", typography=True)("html.read_error", error="x") == "The document could not be read: x"


def test_html_report_keeps_french_typography():
    from inclusicheck.reporters.html import render_report
    french, english = render_report(hand_made_result(), "fr"), render_report(hand_made_result(), "en")
    assert "«\u00a0à vérifier\u00a0»" in french and "conformité\u00a0: une partie" in french  # the disclaimer
    assert "« à vérifier »" not in french and "conformité : une" not in french
    assert "\u00a0" not in english and "Findings marked “to review” need a person to look." in english


def test_reference_labels_come_from_the_catalogue():
    from inclusicheck.reporters.rules_info import reference_links
    references = {"falc": ["2.1"], "x-house": ["7"], "wcag": ["1.4.3"]}
    assert [label for label, _, _ in reference_links(references, "en")] == ["WCAG", "easy-to-read", "x-house"]
    assert [label for label, _, _ in reference_links(references, "fr")] == ["WCAG", "FALC", "x-house"]


def test_labels_and_values_are_punctuated_in_the_report_language():
    import re
    from inclusicheck.reporters.html import render_report
    from inclusicheck.reporters.markdown import markdown_summary

    def text_of(page):  # the page's words, not its script (a ternary) or style
        return re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    french, english = (text_of(render_report(hand_made_result(), lang)) for lang in ("fr", "en"))
    assert " : " not in english and "\u00a0: " not in english
    assert english.count(": ") > 5 and french.count("\u00a0: ") > 5
    assert " : " in markdown_summary(hand_made_result(), "fr") and " : " not in markdown_summary(hand_made_result(), "en")
