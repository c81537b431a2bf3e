import json

from inclusicheck.cli import ExitCode

from .helpers import run_cli

PAGE = ('<!doctype html><html{lang}><head><title>T</title></head><body>\n{extra}'
        '<p><a href="/a">cliquez ici</a></p></body></html>')


def check(*args):
    return run_cli("check", "--no-browser", "-q", "--pack", "wcag", "--fail-on", "warning", *args)


def test_baseline_fails_only_on_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(lang=' lang="fr"', extra=""))
    assert check("p.html")[0] == ExitCode.FINDINGS
    code, _, err = check("p.html", "--baseline", "known.json", "--update-baseline")
    assert code == ExitCode.OK and "1" in err
    saved = json.loads((tmp_path / "known.json").read_text())
    assert [f["rule"] for f in saved["findings"]] == ["wcag.link-text"]

    # Unrelated edits move the link down: still known, the run passes.
    page.write_text(PAGE.format(lang=' lang="fr"', extra="<h1>Titre</h1>\n<p>Nouveau paragraphe.</p>\n"))
    code, out, _ = check("p.html", "--baseline", "known.json", "--format", "json")
    finding, = json.loads(out)["documents"][0]["findings"]
    assert code == ExitCode.OK and finding["baselined"] is True

    # A new problem (no lang) fails the run; the known one stays known.
    page.write_text(PAGE.format(lang="", extra=""))
    code, out, _ = check("p.html", "--baseline", "known.json", "--format", "json")
    states = {f["rule"]: f["baselined"] for f in json.loads(out)["documents"][0]["findings"]}
    assert code == ExitCode.FINDINGS and states == {"wcag.html-lang": False, "wcag.link-text": True}


def test_changed_text_is_a_new_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(lang=' lang="fr"', extra=""))
    check("p.html", "--baseline", "known.json", "--update-baseline")
    page.write_text(PAGE.format(lang=' lang="fr"', extra="").replace("cliquez ici", "ici"))
    assert check("p.html", "--baseline", "known.json")[0] == ExitCode.FINDINGS


def test_bad_baseline_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(PAGE.format(lang=' lang="fr"', extra=""))
    (tmp_path / "known.json").write_text('{"findings": []}')
    code, _, err = check("p.html", "--baseline", "known.json")
    assert code == ExitCode.USAGE and "baseline" in err
    assert check("p.html", "--update-baseline")[0] == ExitCode.USAGE


def test_sarif_marks_known_findings_unchanged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(lang=' lang="fr"', extra=""))
    check("p.html", "--baseline", "known.json", "--update-baseline")
    page.write_text(PAGE.format(lang="", extra=""))
    check("p.html", "--baseline", "known.json", "--report", "sarif:out.sarif")
    results = json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    states = {r["ruleId"]: r.get("baselineState") for r in results}
    assert states == {"wcag.html-lang": None, "wcag.link-text": "unchanged"}


def test_bad_baseline_is_said_in_the_configured_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INCLUSICHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # help in French, the configuration says English
    (tmp_path / "p.html").write_text(PAGE.format(lang=' lang="fr"', extra=""))
    (tmp_path / "known.json").write_text('{"findings": []}')
    (tmp_path / "inclusicheck.toml").write_text('lang = "en"\n')
    code, _, err = check("p.html", "--baseline", "known.json")
    assert code == ExitCode.USAGE and "not an inclusicheck baseline" in err
    (tmp_path / "inclusicheck.toml").write_text('lang = "fr"\n')
    assert "pas une baseline" in check("p.html", "--baseline", "known.json")[2]
