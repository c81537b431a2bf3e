"""The static CSS cascade (engines/styles.py), alone: no browser."""
from pathlib import Path

import pytest

from inclusicheck.document.dom import build_document
from inclusicheck.engines.styles import block_styles, element_style, font_size_px

from .conftest import wrap


def styles_by_text(html, path=None):
    doc = build_document("x.html", html, path=path)
    return doc, {b.text: s for b, s in zip(doc.blocks, block_styles(doc))}


def test_specificity_order_inline_and_important():
    html = """<!doctype html><html lang="fr"><head><title>T</title><style>
      p { font-size: 10px; text-align: left }
      #a { font-size: 12px }
      .b { font-size: 14px; text-align: justify }
      p.b { font-size: 15px }
      .imp { font-size: 22px !important }
    </style></head><body>
      <p>plain</p><p id="a" class="b">id wins</p><p class="b">class then tag.class</p>
      <p class="b" style="font-size: 30px">inline wins</p><p class="imp" style="font-size: 30px">important wins</p>
    </body></html>"""
    doc, styles = styles_by_text(html)
    assert styles["plain"]["font-size"] == 10
    assert styles["id wins"]["font-size"] == 12
    assert styles["class then tag.class"]["font-size"] == 15
    assert styles["class then tag.class"]["text-align"] == "justify"
    assert styles["inline wins"]["font-size"] == 30
    assert styles["important wins"]["font-size"] == 22
    assert styles["T"] is None  # <title> has no rendered style
    assert styles["plain"]["box"] is None


def test_inheritance_units_and_shorthands():
    html = wrap("""<style>
      html { font-size: 20px } body { font: italic bold 0.9rem/1.5 "Times New Roman", serif }
      section { font-size: 150% } .rem { font-size: 2rem } .pt { font-size: 14pt } .kw { font-size: small }
      .up { text-transform: uppercase } .u { text-decoration: underline dotted red }
    </style><section><p>inherits</p><p class="rem">rem</p><p class="pt">pt</p><p class="kw">kw</p></section>
    <div class="up"><p>transformed</p></div><p class="u">underlined</p>""")
    _, styles = styles_by_text(html)
    assert styles["inherits"]["font-size"] == pytest.approx(27.0)  # 18px body x 150%
    assert styles["inherits"]["font-family"] == '"Times New Roman", serif'
    assert styles["inherits"]["font-style"] == "italic"
    assert styles["rem"]["font-size"] == pytest.approx(40.0)
    assert styles["pt"]["font-size"] == pytest.approx(18.67, abs=0.01)
    assert styles["kw"]["font-size"] == 13.0
    assert styles["transformed"]["text-transform"] == "uppercase"  # inherited
    assert styles["underlined"]["text-decoration-line"] == "underline"
    assert styles["inherits"]["text-decoration-line"] == "none"  # not inherited


def test_print_media_hover_pseudo_elements_and_var_are_ignored():
    html = wrap("""<style>
      p { font-size: 20px; color: var(--main) }
      @media print { p { font-size: 8pt } }
      @media screen and (min-width: 40em) { p { text-align: justify } }
      p:hover { font-size: 50px } p::first-line { font-size: 60px }
    </style><p>text</p>""")
    _, styles = styles_by_text(html)
    assert styles["text"]["font-size"] == 20
    assert styles["text"]["text-align"] == "justify"
    assert styles["text"]["color"] == "rgb(0, 0, 0)"


def test_user_agent_defaults_for_inline_elements():
    doc = build_document("x.html", wrap("<p>Un <em>mot</em>, un <u>autre</u>, un <a href='/'>lien</a>.</p>"))
    root = doc.tree
    assert element_style(doc, root.find(".//em"))["font-style"] == "italic"
    assert element_style(doc, root.find(".//u"))["text-decoration-line"] == "underline"
    assert element_style(doc, root.find(".//a"))["text-decoration-line"] == "underline"
    assert element_style(doc, root.find(".//p"))["font-size"] == 16.0


def test_local_linked_stylesheet_is_read_and_remote_is_not(tmp_path: Path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("p { font-family: Georgia; font-size: 21px }", encoding="utf-8")
    page = tmp_path / "page.html"
    html = wrap('<link rel="stylesheet" href="css/site.css"><link rel="stylesheet" href="https://cdn.example/x.css">'
                "<p>text</p>")
    page.write_text(html, encoding="utf-8")
    _, styles = styles_by_text(html, path=str(page))
    assert styles["text"]["font-family"] == "Georgia"
    assert styles["text"]["font-size"] == 21


def test_broken_css_does_not_crash():
    html = wrap("<style>p { font-size: ; } }} @media { .x{ } p[ { color: red } ::: {}</style>"
                "<p style='font-size: calc(1rem + 2px); font: ;'>text</p>")
    _, styles = styles_by_text(html)
    assert styles["text"]["font-size"] == 16.0


def test_font_size_units():
    assert font_size_px("12pt", 16) == 16.0
    assert font_size_px("1.5em", 12) == 18.0
    assert font_size_px("larger", 10) == 12.0
    assert font_size_px("clamp(1rem, 2vw, 2rem)", 17) == 17


def test_block_styles_use_the_browser_when_it_runs():
    doc = build_document("x.html", wrap("<p>a</p>"))
    computed = [None, {"font-size": 24.0}, ]

    class Rendered:
        block_styles = computed[:len(doc.blocks)]

    class Ctx:
        def has(self, name):
            return name == "browser"
        browser = Rendered()

    assert block_styles(doc, Ctx()) is Rendered.block_styles


def test_typography_checks_read_computed_styles_when_the_browser_runs():
    """With a browser, the checks use its computed styles (here a stand-in for Rendered), not the CSS."""
    from inclusicheck.checks.falc import typography

    doc = build_document("x.html", wrap("<p>La mairie est ouverte du lundi au vendredi de 9 heures à 17 heures.</p>"
                                        "<p>Deuxième paragraphe assez long pour compter dans la règle.</p>"))
    computed = {"font-size": 14.0, "font-family": "Georgia, serif", "text-align": "-webkit-center",
                "font-style": "normal", "text-transform": "none", "text-decoration-line": "none",
                "hyphens": "manual"}

    class Rendered:
        block_styles = [None] + [dict(computed) for _ in doc.blocks[1:]]

    from inclusicheck.config import load_config

    class Ctx:
        browser = Rendered()
        lang = "en"
        config = load_config(cwd=Path("/"))  # the stop-word profiles (checks/stopwords.py) read rule params

        def has(self, name):
            return name == "browser"

        def shared(self, key, compute):
            return compute()

    ctx = Ctx()
    ctx.doc = doc
    sizes = list(typography.font_size(doc, {"min_px": 16}, ctx))
    assert [(h.data["size"], h.data["min_px"], h.data["count"]) for h in sizes] == [("14", "16", 2)]
    assert [h.message_key for h in typography.text_align(doc, {"min_words": 8}, ctx)] == ["center"]
    assert [h.data["font"] for h in typography.serif_font(doc, {"serif_families": []}, ctx)] == ["Georgia"]
