import json

import pytest

from inclusicheck.checks.wcag import links as wcag_links

from .helpers import run_cli

PAGE = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p><a href="/a">{text}</a></p></body></html>'


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Count how often the link-text check really runs."""
    monkeypatch.chdir(tmp_path)
    calls = []
    real = wcag_links.link_text

    def counting(doc, params, ctx):
        calls.append(doc.uri)
        return real(doc, params, ctx)

    counting.needs = real.needs
    monkeypatch.setattr(wcag_links, "link_text", counting)
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


@pytest.mark.parametrize("damage", [lambda body: body[: len(body) // 2],  # cut short
                                    lambda body: body.replace('"warning"', '"error"')])  # still valid JSON
def test_an_entry_whose_body_was_changed_is_not_copied_into_the_report(counted, tmp_path, damage):
    """A cached body goes into the JSON report without being decoded: its digest must match."""
    _, first = check("a.html")
    entries = list((tmp_path / "cache" / "inclusicheck").glob("*/*.json"))
    for entry in entries:
        head, _, body = entry.read_text().partition("\n")
        entry.write_text(head + "\n" + damage(body))
    _, second = check("a.html")
    assert len(entries) == 1 and len(counted) == 2 and first == second
    assert first["documents"][0]["findings"][0]["severity"] == "warning"


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


def test_a_cached_run_writing_json_decodes_no_finding_and_counts_like_the_first(counted, tmp_path):
    """A cached result's summary and exit code come from its header; findings stay undecoded."""
    import io

    from inclusicheck.cache import CachedResult
    from inclusicheck.config import load_config
    from inclusicheck.engines import Engines
    from inclusicheck.reporters.json import JsonReporter
    from inclusicheck.batch import run
    from inclusicheck.runner import make_cache, make_plan
    from inclusicheck.sources import discover

    def once():
        config = load_config(cwd=tmp_path)
        engines = Engines(config, {"browser": "off"})
        plan = make_plan(config, engines, ["wcag"])
        out = io.StringIO()
        result = run(discover(["a.html", "b.html"]), config, plan, engines, [JsonReporter(out, "fr")],
                     cache=make_cache(config, plan))
        return result, out.getvalue()

    (tmp_path / "b.html").write_text(PAGE.format(text="ici").replace("<title>T</title>", ""))
    first, first_json = once()
    again, again_json = once()
    assert len(counted) == 2 and again_json == first_json
    assert all(isinstance(d, CachedResult) and d._decoded is None for d in again.documents)
    assert again.summary() == first.summary() and first.summary()["findings"] >= 3
    for fail_on in ("error", "warning", "info"):
        assert [d.fails(fail_on) for d in again.documents] == [d.fails(fail_on) for d in first.documents]
    assert [d.to_dict() for d in again.documents] == [d.to_dict() for d in first.documents]  # decoded on demand


def test_text_reports_and_exit_code_of_a_cached_run_match_the_first(counted, tmp_path):
    runs = [run_cli("check", "--no-browser", "-q", "--pack", "wcag", "a.html", "b.html", "--format", "markdown",
                    "--fail-on", "warning") for _ in range(2)]
    assert len(counted) == 2
    assert runs[0] == runs[1] and runs[0][0] == 1 and "cliquez ici" in runs[0][1]


# ---- the registry's snapshot (packs.load_registry) -------------------------------------------

SNAPSHOT_PROBE = """
import json, sys
from inclusicheck.packs import load_registry
registry = load_registry(sys.argv[2:], snapshot_dir=sys.argv[1])
print(json.dumps({
    "rules": {i: [sorted(r.needs), r.params, r.messages, r.severity.value, r.outcome.value, sorted(r.applies_to),
                  r.check_name, r.kind, r.tags, r.aliases, r.references, r.examples]
              for i, r in registry.rules.items()},
    "packs": {p.id: [p.settings, p.choices, p.severity.value] for p in registry.packs.values()},
    "metrics": {p: [[m.module, m.name, sorted(m.needs)] for m in found] for p, found in registry.pack_metrics.items()},
    "modules": sorted(m for m in sys.modules if m.startswith("inclusicheck.checks.") or m == "yaml"),
}))
"""


def load_in_subprocess(snapshot_dir, *house):
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-c", SNAPSHOT_PROBE, str(snapshot_dir), *map(str, house)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_registry_snapshot_gives_the_same_registry_without_yaml_or_check_modules(tmp_path):
    first = load_in_subprocess(tmp_path)
    assert (tmp_path / "registry.json").is_file()
    second = load_in_subprocess(tmp_path)
    assert second["rules"] == first["rules"] and second["packs"] == first["packs"]
    assert second["metrics"] == first["metrics"] and first["metrics"]["falc"]
    assert {"yaml", "inclusicheck.checks.falc", "inclusicheck.checks.wcag.links"} <= set(first["modules"])
    assert not {"yaml", "inclusicheck.checks.falc", "inclusicheck.checks.wcag.links"} & set(second["modules"])
    assert "browser" in second["rules"]["wcag.label-in-name"][0] and "nlp" in second["rules"]["falc.verb-mood"][0]


HOUSE_RULE = """
id: maison.bonjour
title: {fr: "Bonjour", en: "Hello"}
description: {fr: "Dire bonjour.", en: "Say hello."}
check: %s
message: {fr: "Message", en: "Message"}
examples:
  - fail: "<p>a</p>"
  - pass: "<p>b</p>"
"""


def test_an_edited_house_rule_is_read_again_and_checked_again(tmp_path):
    from inclusicheck.packs import RuleError, load_registry
    house = tmp_path / "regles" / "maison"
    house.mkdir(parents=True)
    (house / "pack.yml").write_text("id: maison\ntitle: {fr: Maison, en: House}\n"
                                    "description: {fr: Règles maison, en: House rules}\n")
    (house / "bonjour.yml").write_text(HOUSE_RULE % "wcag.links.link_text")
    snapshot = tmp_path / "cache"
    assert load_registry([house.parent], snapshot).rules["maison.bonjour"].check_name == "wcag.links.link_text"
    assert load_in_subprocess(snapshot, house.parent)["rules"]["maison.bonjour"][6] == "wcag.links.link_text"  # served
    (house / "bonjour.yml").write_text(HOUSE_RULE % "wcag.links.no_such_check")
    with pytest.raises(RuleError, match="no_such_check"):
        load_registry([house.parent], snapshot)


def test_a_corrupt_or_stale_snapshot_is_ignored_and_rewritten(tmp_path):
    from inclusicheck.packs import load_registry
    expected = load_in_subprocess(tmp_path)
    path = tmp_path / "registry.json"
    head = path.read_text().partition("\n")[0]
    for broken in (head + "\n{not json", head + '\n{"files": {}, "needs": {}}', '{"format": "x"}\n{}', ""):
        path.write_text(broken)
        registry = load_registry(snapshot_dir=tmp_path)
        assert len(registry.rules) == len(expected["rules"])
        assert path.read_text() != broken  # rewritten
    assert load_in_subprocess(tmp_path)["rules"] == expected["rules"]
