"""A failing rule or a Ctrl-C must not lose what was already checked."""
import json

from inclusicheck import batch
from inclusicheck.cli import ExitCode

from .helpers import run_cli

PAGE = '<!doctype html><html lang="fr"><head><title>T</title></head><body><p><a href="/x">ici</a></p></body></html>'


def test_ctrl_c_writes_partial_reports_and_exits_130(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.html", "b.html", "c.html"):
        (tmp_path / name).write_text(PAGE)
    real = batch.check_target
    calls = []

    def interrupted(target, *args):
        calls.append(target.uri)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(target, *args)

    monkeypatch.setattr(batch, "check_target", interrupted)
    code, out, err = run_cli("check", "--no-browser", "-q", ".", "--report", "json:partial.json")
    assert code == ExitCode.INTERRUPTED
    partial = json.loads((tmp_path / "partial.json").read_text())
    assert [d["uri"] for d in partial["documents"]] == ["a.html"]
    assert "Interrompu" in err


def test_a_crashing_rule_marks_the_document_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(PAGE)
    from inclusicheck.checks.wcag import structure as wcag_structure

    def broken(doc, params, ctx):
        raise ValueError("boom")
        yield

    broken.needs = frozenset()
    monkeypatch.setattr(wcag_structure, "page_title", broken)
    code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--pack", "wcag", "a.html")
    doc = json.loads(out)["documents"][0]
    assert code == ExitCode.UNREADABLE
    assert doc["status"] == "error" and "wcag.page-title" in doc["error"] and "boom" in doc["error"]
    assert [f["rule"] for f in doc["findings"]] == ["wcag.link-text"]  # the other rules still ran
