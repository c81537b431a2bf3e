"""Our implementations of W3C ACT rule definitions that axe lacks: the label-in-name algorithm
(ACT 2ee8b8), the play length of autoplaying media (aaa1bf) and the HTML table model's header
assignment (d0f69e). End-to-end, the rules' examples run in real Chromium (tests/rules_test.py)."""
import math

import pytest

from inclusicheck.checks.wcag.browser import contains, name_tokens, play_length
from inclusicheck.checks.wcag.tables import assigned_headers, direction, html_grid
from inclusicheck.document.dom import build_document


@pytest.mark.parametrize("text, tokens", [
    ("  Lire la SUITE ", ["lire", "la", "suite"]),
    ("Rechercher par date (AAAA-MM-JJ)", ["rechercher", "par", "date"]),
    ("Horaires (été (juillet)) 2026", ["horaires", "2026"]),
    (">>> ** Envoyer ** <<<", ["envoyer"]),
    ("État-civil", ["etat", "civil"]),
    ("non-standard", ["non", "standard"]),
    ("💡", []),
    ("ﬁchier", ["fichier"]),  # NFKD: the ligature is two letters
])
def test_name_tokens(text, tokens):
    assert name_tokens(text) == tokens


def test_contains_is_a_contiguous_run():
    name = name_tokens("Lire la suite : travaux rue de Brest")
    assert contains(name, name_tokens("Lire la suite"))
    assert contains(name, name_tokens("rue de Brest"))
    assert not contains(name, name_tokens("Lire travaux"))  # words present but not in a row
    assert not contains(name_tokens("Découvrir l'Italie"), name_tokens("Découvrir l'It"))
    assert contains(name, [])


@pytest.mark.parametrize("item, length", [
    ({"duration": 27.0, "start": 25.0}, 2.0),
    ({"duration": 27.0}, 27.0),
    ({"duration": 27.0, "start": 8.0, "end": 10.0}, 2.0),
    ({"duration": 5.0, "end": 99.0}, 5.0),
    ({"duration": 2.0, "loop": True}, 2.0),  # one play: the check itself treats loops as endless
    ({"duration": "inf"}, math.inf),
    ({"duration": None}, None),
    ({"duration": float("nan")}, None),
])
def test_play_length(item, length):
    assert play_length(item) == length


def table(html):
    doc = build_document("t.html", f"<!doctype html><html><body>{html}</body></html>")
    el = doc.tree.find(".//table")
    grid = html_grid(el)
    texts = {cell: cell.el.text for cell in grid.values()}
    return grid, {texts[c] for c in assigned_headers(el, grid)}


def test_header_scope_auto_resolves_to_column_or_row():
    grid, assigned = table("<table><tr><th>Jour</th><th>Matin</th></tr><tr><th>Lundi</th><td>8-12</td></tr></table>")
    cells = {c.el.text: c for c in grid.values()}
    assert direction(cells["Matin"], grid) == "col" and direction(cells["Lundi"], grid) == "row"
    assert assigned == {"Jour", "Matin", "Lundi"}


def test_headers_attribute_replaces_the_scan():
    _, assigned = table('<table><tr><th id="a">A</th><th id="b">B</th></tr><tr><td>1</td><td headers="a">2</td></tr></table>')
    assert assigned == {"A"}


def test_spans_and_missing_cells():
    _, assigned = table('<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan="2">1</td></tr></table>')
    assert assigned == {"A", "B"}
    _, assigned = table('<table><tr><th rowspan="2">A</th><th>B</th></tr><tr><td>1</td></tr></table>')
    assert assigned == {"A", "B"}  # the rowspan pushes the data cell under B, and A is its row header


def test_huge_spans_are_capped():
    grid, _ = table('<table><tr><th colspan="99999">A</th></tr><tr><td rowspan="99999">1</td></tr></table>')
    assert max(x for x, _ in grid) < 1000 and max(y for _, y in grid) == 1
