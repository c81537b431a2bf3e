"""Copy the DSFR demo pages of the real-world corpus, with only the CSS, JS, fonts and icons they load.

    .venv/bin/python benchmarks/realworld_dsfr.py /path/to/dsfr-1.15.3

The source is the npm package `@gouvfr/dsfr` 1.15.3 (Etalab-2.0), unpacked. Pages keep their place
under example/ and dist/ keeps its own, so the relative links of the pages still resolve. Each page
gets one comment right after its doctype (same line, so line numbers do not move) naming the source
and the licence; nothing else in it changes. Left out to keep the corpus small: source maps, the
`nomodule` and legacy scripts (a current browser runs the module ones), WOFF fonts (WOFF2 is listed
first and used), favicons, and icons that no copied page uses.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "realworld" / "dsfr"
PAGES = [
    "layout/page/login/1-default", "layout/page/login/2-error", "layout/page/login/3-recover/3a-form",
    "layout/page/register/1-single", "layout/page/register/2-steps/2b-identity",
    "layout/page/register/3-confirmation/3a-create", "layout/page/response/not-found/default",
    "layout/page/response/unexpected/default", "layout/page/response/unavailable",
    "layout/pattern/address", "layout/pattern/civility", "layout/pattern/name", "layout/pattern/date",
    "component/card", "component/tile", "component/accordion", "component/header", "component/footer",
    "component/form", "component/table", "component/alert", "component/breadcrumb", "component/quote",
    "component/callout", "component/input",
]
HEADER = ("<!-- inclusicheck real-world corpus. Source: npm package @gouvfr/dsfr 1.15.3, example/{page}/index.html "
          "(Système de design de l'État, Service d'information du Gouvernement). Licence: Etalab-2.0 "
          "(Licence Ouverte 2.0). Unmodified apart from this comment. -->")
LINK = re.compile(r'(?:href|src)="((?:\.\./)+dist/[^"]+)"')
IMAGE = re.compile(r'src="((?:\.\./)+example/img/[^"]+\.(?:png|jpg|svg))"')
URL = re.compile(r'url\("?([^")]+?)"?\)')
ICON_RULE = re.compile(r'\.(fr-icon-[\w-]+|fr-fi-[\w-]+)[^{]*\{[^}]*?url\("?([^")]+)"?\)')


def copy_page(src: Path, page: str, used_classes: set[str]) -> set[Path]:
    html = (src / "example" / page / "index.html").read_text(encoding="utf-8")
    used_classes.update(re.findall(r"fr-(?:icon|fi)-[\w-]+", html))
    head, sep, rest = html.partition("\n")
    assert head.lower().startswith("<!doctype"), page
    out = OUT / "example" / page / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(head + HEADER.format(page=page) + sep + rest, encoding="utf-8")
    base = src / "example" / page
    wanted = set()
    for link in LINK.findall(html):
        if "nomodule" in link or link.endswith((".ico", ".png", ".svg", ".webmanifest")):
            continue
        wanted.add((base / link.split("#")[0]).resolve())  # artwork SVGs are used as <use href="...#id">
    images = {(base / link).resolve() for link in IMAGE.findall(html)}
    return wanted | images


def assets_of_css(css_path: Path, used_classes: set[str]) -> set[Path]:
    """Fonts and icons a stylesheet needs: WOFF2 fonts, icons of components, utility icons in use."""
    css = css_path.read_text(encoding="utf-8")
    icon_urls = {url: cls for cls, url in ICON_RULE.findall(css)}
    wanted = set()
    for url in URL.findall(css):
        if url.startswith("data:") or url.endswith(".woff"):
            continue
        if url in icon_urls and icon_urls[url] not in used_classes and "utility" in css_path.parts:
            continue
        wanted.add((css_path.parent / url).resolve())
    return wanted


def main(src: Path) -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    used: set[str] = set()
    files: set[Path] = set()
    for page in PAGES:
        files |= copy_page(src, page, used)
    for css in [f for f in files if f.suffix == ".css"]:
        files |= assets_of_css(css, used)
    for f in sorted(files):
        if not f.exists():
            print(f"missing: {f}", file=sys.stderr)
            continue
        target = OUT / f.relative_to(src.resolve())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    print(f"{len(PAGES)} pages, {len(files)} assets")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
