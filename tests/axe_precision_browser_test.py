"""axe-core results outside the W3C ACT rules' applicability, in real headless Chromium
(engines/axe_run.py AXE_RUN_JS): the false alarm is gone, the true problem next to it stays."""
from pathlib import Path

import pytest

from inclusicheck.api import Checker
from inclusicheck.config import load_config

from .conftest import HAS_BROWSER, wrap

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not HAS_BROWSER, reason="needs chromium and chromedriver")]
DSFR_LOGIN = Path("/work/realworld-src/dsfr-1.15.3/example/layout/page/login/1-default/index.html")
VIDEO = wrap("<h1>Conseil municipal</h1>")
HEADER = """<header><div class="brand" style="color:#000">
<a href="/" title="Accueil - Mairie de Plouzané" style="color:#222;text-decoration:none">
<p style="font-weight:bold">Mairie de Plouzané</p></a>
<p>Le site officiel de la commune</p></div></header>"""
SENTENCE = ('<p style="color:#000">Pour voter, <a href="/inscription" style="color:#222;text-decoration:none">'
            "inscrivez-vous</a> avant le 6 février.</p>")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("axe-precision")
    (folder / "inclusicheck.toml").write_text("[wcag]\n", encoding="utf-8")
    with Checker(load_config(cwd=folder), rules=["wcag.frame-title-unique", "wcag.link-in-text-block",
                                                  "wcag.aria-valid-attr-value"]) as checker:
        yield checker


def findings(checker, folder: Path, body: str, rule: str) -> list:
    (folder / "video.html").write_text(VIDEO, encoding="utf-8")
    (folder / "other.html").write_text(wrap("<h1>Plan du bourg</h1>"), encoding="utf-8")
    page = folder / "page.html"
    page.write_text(wrap(body), encoding="utf-8")
    result = checker.check_html(wrap(body), uri=str(page), path=str(page))
    assert result.status == "checked", result.error
    return [f for f in result.findings if f.rule == rule]


def test_same_video_embedded_twice_under_its_title_is_fine(checker, tmp_path):
    same = '<iframe src="video.html" title="Vidéo du conseil municipal"></iframe>' * 2
    assert findings(checker, tmp_path, same, "wcag.frame-title-unique") == []


def test_different_embeds_sharing_a_title_are_found(checker, tmp_path):
    different = ('<iframe src="video.html" title="Vidéo"></iframe><iframe src="other.html" title="Vidéo"></iframe>'
                 '<iframe src="video.html" title="Vidéo"></iframe>')
    found, = findings(checker, tmp_path, different, "wcag.frame-title-unique")  # three similar iframes
    assert found.count == 3 and len({o.location.selector for o in found.occurrences}) == 3


def test_header_home_link_is_not_in_a_text_block(checker, tmp_path):
    assert findings(checker, tmp_path, HEADER, "wcag.link-in-text-block") == []
    # the same colours in a sentence: a link told apart by colour alone
    found = findings(checker, tmp_path, HEADER + SENTENCE, "wcag.link-in-text-block")
    assert [f.snippet[:22] for f in found] == ['<a href="/inscription"']


@pytest.mark.skipif(not DSFR_LOGIN.is_file(), reason="DSFR demo pages not present")
def test_dsfr_header_service_link_is_not_in_a_text_block(checker):
    html = DSFR_LOGIN.read_text(encoding="utf-8")
    result = checker.check_html(html, uri=str(DSFR_LOGIN), path=str(DSFR_LOGIN))
    assert result.status == "checked", result.error
    assert [f.snippet for f in result.findings if f.rule == "wcag.link-in-text-block"] == []


@pytest.mark.skipif(not DSFR_LOGIN.is_file(), reason="DSFR demo pages not present")
def test_dsfr_same_video_embeds_share_their_title(checker):
    """core/media embeds one YouTube video three times under one title: 3 false alarms before."""
    page = DSFR_LOGIN.parents[4] / "core" / "media" / "index.html"
    result = checker.check_html(page.read_text(encoding="utf-8"), uri=str(page), path=str(page))
    assert result.status == "checked", result.error
    assert [f.snippet for f in result.findings if f.rule == "wcag.frame-title-unique"] == []


MENU_BUTTON = '<button aria-controls="{id}" aria-haspopup="menu" aria-expanded="false">Menu</button>'
MENU = '<div id="menu-1"><a href="/">Accueil</a></div>'
MADE_BY_SCRIPT = ("<script>const m = document.createElement('div'); m.id = 'menu-2';"
                  " document.body.append(m);</script>")


def test_menu_button_controlling_an_existing_menu_is_valid(checker, tmp_path):
    """The DSFR header's menu button (issue 14): axe leaves aria-controls + aria-haspopup undecided."""
    body = MENU_BUTTON.format(id="menu-1") + MENU + MENU_BUTTON.format(id="menu-2") + MADE_BY_SCRIPT
    assert findings(checker, tmp_path, body, "wcag.aria-valid-attr-value") == []
    # the same button naming an id the rendered page lacks: a person checks it, told why
    found = findings(checker, tmp_path, body + MENU_BUTTON.format(id="menu-absent"), "wcag.aria-valid-attr-value")
    assert [(f.outcome.value, 'aria-controls="menu-absent"' in f.message) for f in found] == [("review", True)]
