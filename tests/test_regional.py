"""Helpers of the regional checks (the rules themselves are tested by their examples)."""
import lxml.html
import pytest

from inclusicheck.checks.regional.marking import suggest_regional_tag
from inclusicheck.checks.regional.parity import inline_font_size, looks_like_translation
from inclusicheck.checks.regional.passages import language_name
from inclusicheck.packs import load_registry

MISTAKES = load_registry().rules["regional.tag-mistake"].params["mistakes"]


@pytest.mark.parametrize("value,right", [
    ("bzh", "br"), ("BZH", "br"), ("bzh-FR", "br-FR"), ("br-gallo", "fr-gallo"), ("oc-gallo", "fr-gallo"),
    ("oc-aranese", "oc-aranes"), ("als", "gsw"), ("lsf", "fsl"), ("en-aranes", "oc-aranes"),
])
def test_regional_tag_suggestions(value, right):
    assert suggest_regional_tag(value, MISTAKES) == right


@pytest.mark.parametrize("value", ["br", "fr-gallo", "oc-aranes", "gsw", "pt-BR", "fr_FR", "zz", "en-US"])
def test_no_suggestion_for_right_or_unrelated_tags(value):
    assert suggest_regional_tag(value, MISTAKES) is None


def element(html, css):
    return lxml.html.fromstring(html).cssselect(css)[0]


def test_inline_font_size_follows_tags_and_inline_styles():
    assert inline_font_size(element("<div><p>x</p></div>", "p")) == 16
    assert inline_font_size(element("<div><h1>x</h1></div>", "h1")) == 32
    assert inline_font_size(element("<div><h1>a <span style='font-size: 0.5em'>b</span></h1></div>", "span")) == 16
    assert inline_font_size(element("<div style='font-size: 20px'><small>x</small></div>", "small")) == pytest.approx(16.6)
    assert inline_font_size(element("<div><p style='font-size:75%'>x</p></div>", "p")) == 12
    assert inline_font_size(element("<div><p style='font-size: smaller'>x</p></div>", "p")) == pytest.approx(13.28)


def test_translation_pairs():
    assert looks_like_translation("Horaires d'ouverture", "Eurioù digeriñ")
    assert looks_like_translation("Conseil du 12 octobre", "Kuzul an 12 a viz Here")
    assert not looks_like_translation("Conseil du 12 octobre", "Kuzul an 13 a viz Here")
    assert not looks_like_translation("Vaccination", "Degemer mat e ti-kêr.")
    assert not looks_like_translation("Inscriptions à la cantine", "Degemer mat e ti-kêr !")
    assert not looks_like_translation("", "Eurioù")


def test_language_names():
    assert language_name("br", "fr") == "breton"
    assert language_name("fr-gallo", "en") == "Gallo"
    assert language_name("oc-lengadoc", "fr") == "occitan"
    assert language_name(None, "fr") == "langue régionale non identifiée"
    # the catalogue's names (regional.language.<tag>), by the whole tag or its primary subtag, in both
    # languages; a tag it does not name is the registry's
    assert language_name("gsw-FR", "fr") == "alsacien" and language_name("gsw-FR", "en") == "Alsatian"
    assert language_name(None, "en") == "unidentified regional language"
    assert language_name("br", "en") == "Breton" and language_name("fr", "fr") == "français"


def test_parity_uses_computed_styles_when_the_styles_engine_is_there(monkeypatch):
    """Contract with the falc pack's engines/styles.py: block_styles(doc, ctx) aligned with doc.blocks."""
    import sys
    import types

    from inclusicheck.api import Checker
    from inclusicheck.config import load_config

    from .conftest import ROOT, wrap

    def fake_block_styles(doc, ctx):
        return [{"font-size": 12.0 if b.lang == "br" else 24.0} for b in doc.blocks]

    monkeypatch.setitem(sys.modules, "inclusicheck.engines.styles",
                        types.SimpleNamespace(block_styles=fake_block_styles))
    checker = Checker(load_config(cwd=ROOT / "tests"), rules=["regional.parity"], browser=False)
    # Same tag, no inline style: only the (fake) computed styles make the Breton heading smaller.
    result = checker.check_html(wrap('<h2>Horaires</h2><h2 lang="br">Eurioù</h2>'))
    assert [f.rule for f in result.findings] == ["regional.parity"]
    assert "50" in result.findings[0].message
    monkeypatch.delitem(sys.modules, "inclusicheck.engines.styles")
    result = Checker(load_config(cwd=ROOT / "tests"), rules=["regional.parity"], browser=False).check_html(
        wrap('<h2>Horaires</h2><h2 lang="br">Eurioù</h2>'))
    assert not result.findings
