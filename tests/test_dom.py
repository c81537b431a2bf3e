from inclusicheck.document.dom import build_document, index
from inclusicheck.language.tags import check_tag, is_french

HTML = """<!doctype html>
<html lang="fr">
<head><title>Accueil</title><style>p{}</style></head>
<body>
<div>Texte libre<p id="intro">Bonjour <b>tout</b> le monde<br>Deuxième ligne</p>
<p lang="br">Degemer mat</p><p>Un mot <span lang="en">welcome</span> ici.</p>
<ul><li>Un</li><li>Deux <img src="a.png" alt="Carte de la commune"></li></ul>
<p hidden>Caché</p><p style="display: none">Caché aussi</p><script>var x = "pas du texte";</script>
</div></body></html>"""


def test_blocks_follow_reading_order_with_languages():
    doc = build_document("t.html", HTML)
    blocks = [(b.kind, b.text, b.lang) for b in doc.blocks]
    assert blocks == [
        ("title", "Accueil", "fr"),
        ("other", "Texte libre", "fr"),
        ("paragraph", "Bonjour tout le monde", "fr"),
        ("paragraph", "Deuxième ligne", "fr"),
        ("paragraph", "Degemer mat", "br"),
        ("paragraph", "Un mot welcome ici.", "fr"),
        ("list-item", "Un", "fr"),
        ("alt", "Carte de la commune", "fr"),
        ("list-item", "Deux", "fr"),
    ]
    mixed = doc.blocks[5]
    (start, end, lang), = mixed.lang_spans
    assert mixed.text[start:end] == "welcome" and lang == "en"


def test_positions_and_selectors():
    doc = build_document("t.html", HTML)
    dom = index(doc)
    intro = doc.tree.get_element_by_id("intro")
    assert dom.position(intro) == (5, 17)
    assert dom.selector(intro) == "#intro"
    second_li = doc.tree.findall(".//li")[1]
    assert dom.selector(second_li) == "html > body > div > ul > li:nth-of-type(2)"
    assert doc.tree.cssselect(dom.selector(second_li)) == [second_li]


def test_language_tags():
    assert check_tag("fr").valid and check_tag("fr-FR").valid and check_tag("fr-gallo").valid
    assert check_tag("oc-lengadoc").valid and check_tag("x-gallo").valid and check_tag("fr-x-gallo").valid
    assert check_tag("br-gallo").problem == "prefix"
    assert check_tag("fr_FR").problem == "syntax"
    assert check_tag("zz").problem == "language"
    assert check_tag("oc-aranese").problem == "variant"
    assert check_tag("").problem == "empty"
    assert is_french("fr-CA") and not is_french("fr-gallo") and not is_french("br") and is_french(None)


def test_positions_on_a_one_line_page():
    """Minified pages and e-mails are one line: every element still gets its own column."""
    html = "<html><body>" + "".join(f"<p id='p{i}'>x</p>" for i in range(300)) + "</body></html>"
    doc = build_document("t.html", html)
    dom = index(doc)
    for i in (0, 1, 299):
        el = doc.tree.get_element_by_id(f"p{i}")
        assert dom.position(el) == (1, html.index(f"<p id='p{i}'") + 1)
