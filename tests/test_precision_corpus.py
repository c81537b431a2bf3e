"""The real-world corpus (benchmarks/data/realworld/) and the label join of benchmarks/precision.py.

The corpus lives in the repository, so these tests never skip; none of them starts a browser."""
import importlib.util
import re
import sys

import pytest

from .conftest import ROOT

CORPUS = ROOT / "benchmarks" / "data" / "realworld"
DOCUMENTS = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".html", ".htm", ".pdf", ".eml"))
HEADER = re.compile(r"^<!doctype html><!-- inclusicheck real-world corpus\. Source: (?P<source>[^.]+.*?)\. "
                    r"Licence: (?P<licence>.+?)\. Unmodified apart from this comment\. -->", re.IGNORECASE)


def load_precision():
    spec = importlib.util.spec_from_file_location("precision", ROOT / "benchmarks" / "precision.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["precision"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


precision = load_precision()


# ---- the corpus --------------------------------------------------------------------------------------

def test_corpus_has_dsfr_and_github_pages():
    names = [p.relative_to(CORPUS).as_posix() for p in DOCUMENTS]
    assert sum(n.startswith("dsfr/example/") for n in names) >= 20
    assert sum(n.startswith("github/") for n in names) >= 7
    assert all(p.suffix in (".html", ".htm") for p in DOCUMENTS), "a PDF or e-mail needs its own header check"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_document_names_its_source_and_licence(path):
    head = path.read_text(encoding="utf-8")[:600]
    match = HEADER.match(head)
    assert match, f"{path.name} must start with its doctype and the source/licence comment"
    assert re.search(r"Etalab-2\.0|MIT|CC-BY|EUPL|Apache", match["licence"])


def test_github_pages_are_listed_with_repository_commit_and_licence():
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for path in DOCUMENTS:
        rel = path.relative_to(CORPUS).as_posix()
        if rel.startswith("github/"):
            commit = re.search(r"at commit ([0-9a-f]{40})", path.read_text(encoding="utf-8")[:600])[1]
            row = next((line for line in sources.splitlines() if f"`{rel}`" in line), None)
            assert row is not None, f"{rel} is not in SOURCES.md"
            assert commit in row


def test_dsfr_pages_find_the_styles_they_load():
    """The pages keep their relative links to ../dist: every stylesheet they name was shipped."""
    for path in DOCUMENTS:
        if not path.as_posix().count("/dsfr/example/"):
            continue
        for link in re.findall(r'href="((?:\.\./)+dist/[^"]+\.css)"', path.read_text(encoding="utf-8")):
            assert (path.parent / link).resolve().is_file(), f"{path}: {link}"


def test_corpus_stays_small():
    size = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert size < 8 * 1024 * 1024


# ---- the label join ---------------------------------------------------------------------------------

def finding(rule, snippet, span=None, severity="warning", outcome="fail", line=1, fingerprint="x"):
    return {"rule": rule, "severity": severity, "outcome": outcome, "snippet": snippet, "span": span,
            "message": "m", "location": {"line": line, "column": 1, "selector": "p", "page": None},
            "fingerprint": fingerprint}


def report(findings_by_doc):
    return {"documents": [{"uri": f"/somewhere/benchmarks/data/realworld/{doc}", "findings": findings}
                          for doc, findings in findings_by_doc.items()]}


def write_labels(tmp_path, rows):
    path = tmp_path / "labels.tsv"
    lines = ["# a comment line", "\t".join(precision.LABEL_COLUMNS)] + ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_anchor_is_the_flagged_words_or_the_snippet():
    sentence = "Les   usagers de la CAF sont invités."
    assert precision.anchor(finding("falc.abbreviations", sentence, [20, 23])) == "CAF"
    # the whole snippet flagged, or one character of a code sample: keyed by the (normalised) snippet
    assert precision.anchor(finding("falc.sentence-length", sentence, [0, len(sentence)])) == \
        "Les usagers de la CAF sont invités."
    code = "<div class=\"x\">\n  <p>y</p>\n</div>"
    assert precision.anchor(finding("falc.special-characters", code, [0, 1])) == code.split("\n")[0] + " <p>y</p> </div>"
    assert len(precision.anchor(finding("wcag.label", "<input " + "a" * 200 + ">"))) == precision.ANCHOR_CHARS


def test_key_survives_a_regrouping_that_changes_line_and_fingerprint():
    before = finding("falc.abbreviations", "La CAF paie.", [3, 6], line=10, fingerprint="a")
    after = finding("falc.abbreviations", "Le bloc entier : La CAF paie. Et plus.", [20, 23], line=9, fingerprint="b")
    assert precision.key("d.html", before) == precision.key("d.html", after)


def test_join_counts_precision_per_rule_and_overall(tmp_path):
    labels = precision.load_labels(write_labels(tmp_path, [
        ["a.html", "falc.abbreviations", "CAF", "true", "sigle jamais expliqué"],
        ["a.html", "falc.abbreviations", "OUI", "false", "un mot en capitales, pas un sigle"],
        ["a.html", "wcag.color-contrast", "<a>x</a>", "false", "fond en dégradé"],
        ["b.html", "gender.masculine-generic", "électeurs", "true", "générique"],
    ]))
    data = report({
        "a.html": [finding("falc.abbreviations", "La CAF paie.", [3, 6]),
                   finding("falc.abbreviations", "La CAF paie encore.", [3, 6]),  # same key, counted twice
                   finding("falc.abbreviations", "Cochez OUI.", [7, 10]),
                   finding("wcag.color-contrast", "<a>x</a>", outcome="review"),
                   finding("falc.font-size", "petit texte", severity="info")],  # not an alarm
        "b.html": [finding("gender.masculine-generic", "Les électeurs votent.", [4, 13], outcome="review"),
                   finding("wcag.image-alt", "<img src=a.png>", severity="error")],  # unlabelled
    })
    summary = precision.summarise(data, labels)
    assert precision.precision(summary.by_rule["falc.abbreviations"]) == pytest.approx(2 / 3)
    assert summary.overall == pytest.approx(2 / 3)  # fail outcome only: the two reviews are left out
    assert summary.overall_with_review == pytest.approx(3 / 5)
    assert summary.per_page == {"a.html": 4, "b.html": 2}
    assert [a.rule for a in summary.unlabelled] == ["wcag.image-alt"]

    failures = precision.failed_goals(summary, precision.Timing(total=100.0, reports=20.0))
    assert any(f.startswith("overall precision 0.67") for f in failures)
    assert any(f.startswith("falc.abbreviations: precision 0.67") for f in failures)
    assert not any(f.startswith("wcag.color-contrast") for f in failures)  # all reviews: exempt
    assert any("reports takes 20%" in f for f in failures)
    assert any("1 error+warning finding(s) unlabelled" in f for f in failures)


def test_goals_met_when_everything_is_labelled_true(tmp_path):
    labels = precision.load_labels(write_labels(tmp_path, [["a.html", "falc.abbreviations", "CAF", "true", "ok"]]))
    summary = precision.summarise(report({"a.html": [finding("falc.abbreviations", "La CAF.", [3, 6])]}), labels)
    assert precision.failed_goals(summary, precision.Timing(total=100.0, reports=1.0)) == []
    crowded = precision.summarise(report({"a.html": [finding("falc.abbreviations", "La CAF.", [3, 6])] * 201}), labels)
    assert precision.failed_goals(crowded, None) == ["1 page(s) above 200 error+warning findings"]


def test_scoped_label_covers_a_flood_in_code_samples_but_not_prose(tmp_path):
    labels = precision.load_labels(write_labels(tmp_path, [
        ["a.html", "falc.special-characters", "selector~> pre", "false", "code sample"],
        ["a.html", "falc.special-characters", "Nom du site / service", "true", "a real slash in prose"]]))
    in_code = finding("falc.special-characters", "<div>", [0, 1])
    in_code["location"]["selector"] = "#snippet-3 > pre"
    in_prose = finding("falc.special-characters", "Nom du site / service", [12, 13])
    other_prose = finding("falc.special-characters", "Un & deux", [3, 4])
    summary = precision.summarise(report({"a.html": [in_code, in_code, in_prose, other_prose]}), labels)
    assert [a.label.true if a.label else None for a in summary.by_rule["falc.special-characters"]] == \
        [False, False, True, None]  # the new prose finding stays unlabelled: no silent false


def test_bad_label_value_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="row 1: label must be true or false"):
        precision.load_labels(write_labels(tmp_path, [["a.html", "r", "x", "maybe", ""]]))


def test_to_label_writes_one_row_per_key_with_its_context(tmp_path):
    data = report({"a.html": [finding("falc.abbreviations", "La CAF paie.", [3, 6]),
                              finding("falc.abbreviations", "La CAF paie.", [3, 6], line=2)]})
    summary = precision.summarise(data, precision.Labels())
    out = tmp_path / "todo.tsv"
    assert precision.write_to_label(summary, out) == 1
    header, row = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t")[:5] == precision.LABEL_COLUMNS
    assert row.split("\t")[:5] == ["a.html", "falc.abbreviations", "CAF", "", ""]
    assert "La CAF paie." in row


def test_shipped_labels_load_and_are_keyed_to_corpus_documents():
    labels = precision.load_labels(precision.LABELS)
    assert len(labels) >= 100
    docs = {p.relative_to(CORPUS).as_posix() for p in DOCUMENTS}
    assert labels.docs() <= docs
    assert all(label.reason.strip() for label in labels.all()), "every label says why"
