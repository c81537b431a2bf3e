"""Which documents are FALC (checks/falc_documents.py): config globs, page marker, logo, --falc;
on the others the falc findings are hints (info, review). Real spaCy model, CLI in-process."""
import json
from pathlib import Path

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import ConfigError, load_config

from .conftest import wrap
from .helpers import run_cli

LONG = ("<p>Les personnes qui souhaitent voter par procuration lors du prochain scrutin municipal doivent "
        "faire leur demande en ligne ou au commissariat de police le plus proche.</p>")


def page(body: str = LONG, head: str = "") -> str:
    return wrap(f"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>T</title>{head}</head>"
                f"<body>{body}</body></html>")


@pytest.fixture(scope="module")
def checker():
    config = load_config(cwd=Path("/"), flags={"falc": {"documents": ["facile/*", "*-falc.html"]}})
    with Checker(config, rules=["falc.sentence-length"], browser=False) as checker:
        yield checker


def severities(result):
    return [(f.severity.value, f.outcome.value) for f in result.findings if f.rule == "falc.sentence-length"]


def test_an_ordinary_page_gets_hints_with_the_reason_and_its_metrics(checker):
    result = checker.check_html(page(), uri="/site/actualites/index.html")
    assert severities(result) == [("info", "review")]
    assert "n'est pas désigné FALC" in result.findings[0].message
    assert result.metrics["falc.document"] is False and "falc.designated_by" not in result.metrics
    assert result.metrics["falc.words_per_sentence"] > 20  # the pack still measures the text


@pytest.mark.parametrize("uri", ["/site/facile/vote.html", "/site/vote-falc.html", "https://x.fr/facile/a.html"])
def test_config_globs_designate_files_and_urls(checker, uri):
    result = checker.check_html(page(), uri=uri)
    assert severities(result) == [("error", "fail")]
    assert result.metrics["falc.document"] is True and result.metrics["falc.designated_by"] == "documents"
    assert "désigné" not in result.findings[0].message


@pytest.mark.parametrize("meta", ['<meta name="inclusicheck" content="falc">',
                                  '<meta name="InclusiCheck" content=" newsletter, FALC ">',
                                  '<meta name="inclusicheck" content="easy-to-read">'])
def test_the_page_marker_in_any_case_and_among_other_values(checker, meta):
    result = checker.check_html(page(head=meta), uri="/site/a.html")
    assert severities(result) == [("error", "fail")] and result.metrics["falc.designated_by"] == "meta"


@pytest.mark.parametrize("meta", ['<meta name="inclusicheck" content="falcultatif newsletter">',
                                  '<meta name="description" content="falc">'])
def test_other_meta_tags_do_not_designate(checker, meta):
    assert severities(checker.check_html(page(head=meta), uri="/site/a.html")) == [("info", "review")]


def test_the_logo_designates_but_not_inside_a_link_to_the_easy_version(checker):
    logo = '<img src="/img/logo-facile-a-lire.png" alt="Logo européen Facile à lire">'
    shown = checker.check_html(page(logo + LONG), uri="/site/a.html")
    assert severities(shown) == [("error", "fail")] and shown.metrics["falc.designated_by"] == "logo"
    linked = checker.check_html(page(f'<a href="/facile/">{logo} Version facile à lire</a>' + LONG), uri="/site/a.html")
    assert severities(linked) == [("info", "review")]


def test_documents_must_be_a_list_of_strings():
    with pytest.raises(ConfigError, match="falc.documents"):
        load_config(cwd=Path("/"), flags={"falc": {"documents": "falc/**"}})
    with pytest.raises(ConfigError, match="list of strings"):
        load_config(cwd=Path("/"), flags={"falc": {"documents": [1]}})


def cli(*args):
    code, out, err = run_cli("check", "-q", "--no-browser", "--format", "json", "--rule", "falc.sentence-length", *args)
    return code, json.loads(out)


def test_falc_flag_config_file_fail_on_and_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    code, report = cli("a.html", "--fail-on", "info")
    assert code == 0  # hints never fail, whatever --fail-on says
    assert report["documents"][0]["metrics"]["falc.document"] is False
    code, report = cli("a.html", "--falc")  # same bytes, same cache folder: the designation is in the key
    assert code == 1 and report["documents"][0]["findings"][0]["severity"] == "error"
    (tmp_path / "inclusicheck.toml").write_text('[falc]\ndocuments = ["a.html"]\n'
                                                '[rules]\n"falc.sentence-length" = "info"\n')
    code, report = cli("a.html", "--fail-on", "info")
    finding = report["documents"][0]["findings"][0]
    assert code == 1 and (finding["severity"], finding["outcome"]) == ("info", "fail")  # configured severity
    (tmp_path / "inclusicheck.toml").write_text('[rules]\n"falc.sentence-length" = "error"\n')
    code, report = cli("a.html")
    assert code == 0 and report["documents"][0]["findings"][0]["severity"] == "info"  # not designated


def test_jobs_two_designates_like_one_job(tmp_path):
    for name in ("a.html", "b-falc.html"):
        (tmp_path / name).write_text(page(), encoding="utf-8")
    (tmp_path / "c.toml").write_text('[falc]\ndocuments = ["*-falc.html"]\n')
    args = ("--no-cache", "--config", tmp_path / "c.toml", tmp_path / "a.html", tmp_path / "b-falc.html")
    _, two = cli("--jobs", "2", *args)
    _, one = cli(*args)
    assert two == one
    assert [d["metrics"]["falc.document"] for d in two["documents"]] == [False, True]


def test_a_configured_severity_is_not_raised_to_error_by_long_sentences():
    flags = {"falc": {"documents": ["*"]}}
    for configured, expected in ((None, "error"), ("warning", "warning")):
        rules = {"rules": {"falc.sentence-length": configured}} if configured else {}
        with Checker(load_config(cwd=Path("/"), flags={**flags, **rules}), rules=["falc.sentence-length"],
                     browser=False) as checker:
            assert severities(checker.check_html(page())) == [(expected, "fail")]


def test_the_designation_is_in_the_report_schema(tmp_path):
    import jsonschema
    schema = json.loads((Path(__file__).parent.parent / "inclusicheck" / "schemas" / "report-v1.json").read_text())
    (tmp_path / "a.html").write_text(page(head='<meta name="inclusicheck" content="falc">'), encoding="utf-8")
    _, report = cli("--no-cache", tmp_path / "a.html")
    jsonschema.validate(report, schema)
    assert report["documents"][0]["metrics"]["falc.designated_by"] == "meta"
    report["documents"][0]["metrics"]["falc.document"] = "yes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)


def test_setting_the_default_severity_explicitly_changes_the_cache_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    assert cli("--falc", "a.html")[1]["documents"][0]["findings"][0]["severity"] == "error"
    (tmp_path / "inclusicheck.toml").write_text('[rules]\n"falc.sentence-length" = "warning"\n')
    assert cli("--falc", "a.html")[1]["documents"][0]["findings"][0]["severity"] == "warning"
