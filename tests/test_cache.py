import json

import pytest

from inclusicheck.checks import wcag

from .helpers import run_cli

PAGE = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p><a href="/a">{text}</a></p></body></html>'


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Count how often the link-text check really runs."""
    monkeypatch.chdir(tmp_path)
    calls = []
    real = wcag.link_text

    def counting(doc, params, ctx):
        calls.append(doc.uri)
        return real(doc, params, ctx)

    counting.needs = real.needs
    monkeypatch.setattr(wcag, "link_text", counting)
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(PAGE.format(text="cliquez ici"))
    return calls


def check(*args):
    code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--pack", "wcag", *args)
    return code, json.loads(out)


def test_unchanged_rerun_skips_the_work_and_gives_the_same_report(counted, tmp_path):
    first = check("a.html", "b.html")
    assert sorted(counted) == ["a.html", "b.html"]
    second = check("a.html", "b.html")
    assert sorted(counted) == ["a.html", "b.html"]  # nothing ran again
    assert first == second


def test_changes_invalidate_exactly_what_they_must(counted, tmp_path):
    check("a.html", "b.html")
    (tmp_path / "b.html").write_text(PAGE.format(text="ici"))
    check("a.html", "b.html")
    assert counted[2:] == ["b.html"]  # only the edited page
    (tmp_path / "inclusicheck.toml").write_text('[rules]\n"wcag.link-text" = { generic = ["ici"] }\n')
    code, report = check("a.html", "b.html")
    assert sorted(counted[3:]) == ["a.html", "b.html"]  # a rule parameter changed: everything
    assert [len(d["findings"]) for d in report["documents"]] == [0, 1]
    check("a.html", "b.html", "--lang", "en")
    assert len(counted) == 7  # message language is part of the result


def test_corrupt_entries_are_rebuilt_not_trusted(counted, tmp_path):
    _, first = check("a.html")
    for entry in (tmp_path / "cache" / "inclusicheck").rglob("*.json"):
        entry.write_text('{"format": "inclusicheck/cache/v1", "key": "x", "result": {"findings": "garbage"}}')
    _, second = check("a.html")
    assert len(counted) == 2 and first == second
    _, third = check("a.html")
    assert len(counted) == 2  # the rebuilt entry is used


def test_no_cache_flag(counted):
    check("a.html", "--no-cache")
    check("a.html", "--no-cache")
    assert len(counted) == 2


def test_reading_settings_are_part_of_the_key(counted, tmp_path):
    check("a.html", "b.html")
    (tmp_path / "inclusicheck.toml").write_text('newsletters = ["*b.html"]\n')
    _, report = check("a.html", "b.html")
    assert sorted(counted[2:]) == ["a.html", "b.html"]  # which files are e-mail templates changes the kind
    assert [d["kind"] for d in report["documents"]] == ["page", "newsletter"]
    (tmp_path / "b.html").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "b.html").read_bytes())
    check("a.html", "b.html")
    assert counted[4:] == ["b.html"]  # the key is made of the file's bytes


def test_cached_json_report_is_byte_identical_also_with_a_baseline(counted, tmp_path):
    def report(*extra):
        code, _, err = run_cli("check", "--no-browser", "-q", "--pack", "wcag", "a.html", "b.html",
                               "--format", "json", "--output", "r.json", *extra)
        return (tmp_path / "r.json").read_bytes()

    first = report()
    assert report() == first and len(counted) == 2
    run_cli("check", "--no-browser", "-q", "--pack", "wcag", "a.html", "--baseline", "base.json", "--update-baseline")
    fresh = report("--baseline", "base.json", "--no-cache")
    cached = report("--baseline", "base.json")
    assert cached == fresh and b'"baselined": true' in cached


def test_html_report_of_a_cached_run_still_shows_the_pages(counted, tmp_path):
    (tmp_path / "a.html").write_text(PAGE.format(text="cliquez ici").replace("<p>", "<p>Texte témoin</p><p>"))
    for _ in range(2):
        run_cli("check", "--no-browser", "-q", "--pack", "wcag", "a.html", "--report", "html:r.html")
    assert len(counted) == 1
    assert "Texte témoin" in (tmp_path / "r.html").read_text()  # the page itself, not only its findings


def test_an_override_invalidates_only_the_files_it_applies_to(counted, tmp_path):
    check("a.html", "b.html")
    (tmp_path / "inclusicheck.toml").write_text(
        '[[overrides]]\nfiles = ["b.html"]\nrules = { "wcag.link-text" = { generic = ["ici"] } }\n')
    _, report = check("a.html", "b.html")
    assert counted[2:] == ["b.html"]
    assert [len(d["findings"]) for d in report["documents"]] == [1, 0]  # b's own settings, a's from the cache


def test_the_stopword_profiles_falc_reads_are_part_of_its_key(tmp_path):
    from inclusicheck.config import load_config
    from inclusicheck.engines import Engines
    from inclusicheck.runner import document_settings, load_options, make_plan

    def settings(toml):
        (tmp_path / "inclusicheck.toml").write_text(toml)
        config = load_config(cwd=tmp_path)
        plan = make_plan(config, Engines(config, {"browser": "off"}), ["falc"])
        assert not any(r.id.startswith("wcag.") for r in plan.rules)
        return document_settings("a.html", config, plan, "fr", load_options(config))

    dutch = '[rules."wcag.lang-change"]\nstopwords = { nl = ["de", "het", "een", "van"] }\n'
    assert settings("") != settings(dutch)
