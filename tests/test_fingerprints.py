from inclusicheck.api import Checker
from inclusicheck.config import load_config

from .conftest import ROOT, wrap


def fingerprints(body):
    with Checker(load_config(cwd=ROOT / "tests"), rules=["wcag.link-text"]) as checker:
        return [f.fingerprint for f in checker.check_html(wrap(body), uri="page.html").findings]


def test_stable_when_unrelated_content_moves_it():
    before = fingerprints('<p><a href="/a">cliquez ici</a></p>')
    after = fingerprints('<h2>Nouveau</h2>\n\n<p>Un paragraphe ajouté.</p>\n<p><a href="/a">cliquez ici</a></p>')
    assert before == after and len(before) == 1


def test_changes_when_the_flagged_text_changes():
    assert fingerprints('<p><a href="/a">cliquez ici</a></p>') != fingerprints('<p><a href="/a">ici</a></p>')


def test_identical_elements_are_one_finding_with_the_first_ones_fingerprint():
    """Two identical links: one finding (findings.grouping.merge_elements) that keeps the fingerprint the
    first link had alone, so a baseline made before grouping still knows it. Identical hits
    that stay apart (one word in two paragraphs) keep distinct ranks: test_prose."""
    alone = fingerprints('<p><a href="/a">ici</a></p>')
    grouped = fingerprints('<p><a href="/a">ici</a></p><p><a href="/b">ici</a></p>')
    assert grouped == alone and len(alone) == 1
