"""Sites: the crawler and sitemaps against a real HTTP server on 127.0.0.1 (tests/site_server.py),
end to end through the CLI, plus unit tests of URL normalisation."""
import json

import pytest
from inclusicheck.sources import LoadOptions
from inclusicheck.sources.crawl import Crawler, CrawlSettings, normalise_url, url_pattern

from .helpers import run_cli
from .site_server import Site


@pytest.fixture()
def site():
    with Site(slow_seconds=3.0) as running:
        yield running


@pytest.fixture()
def config_file(tmp_path):
    path = tmp_path / "inclusicheck.toml"
    path.write_text("timeout = 1.0\n[crawl]\ndelay = 0.0\nconcurrency = 2\n", encoding="utf-8")
    return str(path)


def run_cli_json(args, config_file):
    code, out, _ = run_cli("check", "--no-browser", "-q", "--format", "json", "--config", config_file,
                           "--pack", "wcag", "--pack", "pdf", *args)
    return code, json.loads(out) if out.strip().startswith("{") else None


def test_normalise_url():
    assert normalise_url("HTTP://Example.FR:80/a?b=2&a=1#x") == "http://example.fr/a?a=1&b=2"
    assert normalise_url("/p;jsessionid=AB12?utm_source=x&id=3", "https://example.fr/") == "https://example.fr/p?id=3"
    assert normalise_url("https://example.fr:8443/") == "https://example.fr:8443/"
    assert normalise_url("mailto:a@b.fr") is None
    assert normalise_url("javascript:void(0)") is None
    assert normalise_url("http://[bad") is None
    assert normalise_url("https://example.fr/" + "a" * 3000) is None
    assert url_pattern("https://x.fr/agenda/2025/03?view=m&day=1") == "x.fr/agenda/#/#?day&view"


def test_crawl_end_to_end(site, config_file):
    code, report = run_cli_json(["--crawl", site.url + "/", "--max-pages", "40"], config_file)
    assert report is not None
    docs = {d["uri"].removeprefix(site.url): d for d in report["documents"]}
    # duplicates by fragment, tracking parameter and session id are one page
    assert sum(u.startswith("/actualites.html") for u in docs) == 1
    assert "/actualites/suite.html" in docs  # depth 2
    # the infinite calendar stops at the per-pattern cap
    agenda = [u for u in docs if u.startswith("/agenda")]
    assert 1 <= len(agenda) <= CrawlSettings().max_calendar_pages
    # errors are reported per page, the crawl goes on
    assert docs["/erreur"]["status"] == "error" and "500" in docs["/erreur"]["error"]
    assert docs["/boucle"]["status"] == "error" and "redirection" in docs["/boucle"]["error"].lower()
    assert docs["/lent"]["status"] == "error" and "1.0" in docs["/lent"]["error"]
    # a Windows-1252 page without a declared charset, decoded right
    assert docs["/ancien.html"]["status"] == "checked"
    # PDFs go to the PDF loader
    assert docs["/procuration.pdf"]["kind"] == "pdf" and docs["/procuration.pdf"]["status"] == "checked"
    # never fetched: robots.txt disallow, image, nofollow, another origin, an off-site redirect target
    fetched = site.paths()
    assert not any(p.startswith("/prive/") for p in fetched)
    assert "/plan.png" not in fetched and "/nofollow.html" not in fetched
    assert all(entry["host"] == f"127.0.0.1:{site.port}" for entry in site.log)
    assert "/vers-ailleurs" in fetched and "/ailleurs.html" not in fetched
    assert "/vers-ailleurs" in docs and "localhost" in docs["/vers-ailleurs"]["error"]
    # a clear User-Agent on every request, robots.txt read once
    assert all("inclusicheck" in entry["agent"] for entry in site.log)
    assert fetched.count("/robots.txt") == 1
    # each page fetched once (the redirect loop's hops aside)
    pages = [p for p in fetched if not p.startswith("/boucle")]
    assert len(pages) == len(set(pages))
    assert code == 3  # some pages could not be checked
    assert "link-text" in json.dumps(docs["/actualites.html"]["findings"])


def test_crawl_progress_lines_on_stderr(site, config_file):
    code, out, err = run_cli("check", "--no-browser", "--format", "json", "--config", config_file, "--pack", "wcag",
                             "--crawl", site.url + "/actualites.html", "--max-depth", "1")
    assert "Exploration : 3 trouvée(s), 3 vérifiée(s), 0 en attente" in err  # the last line, not a tty
    assert "3 page(s) retenue(s), 3 vérifiée(s)" in err
    assert json.loads(out)["summary"]["documents"] == 3


def test_crawl_respects_max_pages_and_depth(site, config_file):
    _, report = run_cli_json(["--crawl", site.url + "/", "--max-pages", "3"], config_file)
    assert len(report["documents"]) == 3
    _, report = run_cli_json(["--crawl", site.url + "/", "--max-depth", "0"], config_file)
    assert [d["uri"] for d in report["documents"]] == [site.url + "/"]


def test_windows_1252_page_is_decoded(site):
    crawler = Crawler(LoadOptions(timeout=2.0), CrawlSettings(delay=0, max_depth=0))
    [target] = list(crawler.crawl([site.url + "/ancien.html"]))
    text = " ".join(b.text for b in target.document.blocks)
    assert "électrices votent à l’école ; « œuvre » — 8 h." in text
    assert target.document.title == "Élections"


def test_sitemap_index_with_patterns(site, config_file):
    code, report = run_cli_json(["--sitemap", site.url + "/sitemap.xml", "--exclude-url", "*/suite*"], config_file)
    uris = sorted(d["uri"].removeprefix(site.url) for d in report["documents"])
    assert uris == ["/", "/actualites.html", "/ancien.html"]  # not robots-disallowed, not off-site, not excluded
    assert not any(e["host"] != f"127.0.0.1:{site.port}" for e in site.log)
    _, report = run_cli_json(["--sitemap", site.url + "/sitemap.xml", "--include", "*/actualites*"], config_file)
    assert sorted(d["uri"].removeprefix(site.url) for d in report["documents"]) == [
        "/actualites.html", "/actualites/suite.html"]


def test_sitemap_of_a_site_root_comes_from_robots_txt(site, config_file):
    _, report = run_cli_json(["--sitemap", site.url + "/"], config_file)
    assert sorted(d["uri"].removeprefix(site.url) for d in report["documents"]) == [
        "/", "/actualites.html", "/actualites/suite.html", "/ancien.html"]
    assert site.paths()[:3] == ["/robots.txt", "/sitemap.xml", "/sitemap-pages.xml"]


def test_sitemap_not_xml_is_a_clear_error(site, config_file):
    code, report = run_cli_json(["--sitemap", site.url + "/actualites.html"], config_file)
    assert code == 3
    assert report["documents"][0]["status"] == "error"
    assert "sitemap" in report["documents"][0]["error"].lower()


def test_delay_between_requests(site):
    crawler = Crawler(LoadOptions(timeout=2.0), CrawlSettings(delay=0.3, concurrency=2, max_pages=4))
    list(crawler.crawl([site.url + "/"]))
    starts = sorted(entry["time"] for entry in site.log)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # request starts are spaced by the delay (minus the jitter between client and server threads)
    assert len(starts) >= 4 and min(gaps) >= 0.15, gaps


def test_trickling_page_is_cut_by_the_body_deadline(site):
    import time
    from inclusicheck.sources.web import BODY_DEADLINE
    crawler = Crawler(LoadOptions(timeout=0.3), CrawlSettings(delay=0, max_depth=0))
    start = time.monotonic()
    [target] = list(crawler.crawl([site.url + "/goutte"]))
    elapsed = time.monotonic() - start
    assert target.error is not None and target.error.key == "web.timeout"
    assert 0.3 * BODY_DEADLINE <= elapsed < 0.3 * BODY_DEADLINE + 2  # each byte came within the timeout


def test_crawl_progress_reports_found_checked_left(site):
    seen = []
    crawler = Crawler(LoadOptions(timeout=2.0), CrawlSettings(delay=0, max_depth=1, max_pages=5),
                      progress=lambda stats, left: seen.append((stats.found, stats.checked, left)))
    targets = list(crawler.crawl([site.url + "/"]))
    assert len(targets) == 5 and seen
    assert [checked for _, checked, _ in seen] == list(range(1, 6))
    assert all(found >= checked for found, checked, _ in seen)


def test_allowed_host_is_followed(site, config_file):
    _, report = run_cli_json(["--crawl", site.url + "/", "--max-depth", "1", "--allow-host", "localhost",
                              "--exclude-url", "*/lent", "--exclude-url", "*/agenda*"], config_file)
    docs = {d["uri"]: d for d in report["documents"]}
    other = f"http://localhost:{site.port}/ailleurs.html"
    assert other in docs and "404" in docs[other]["error"]  # the link to the other host
    assert any(e["host"] == f"localhost:{site.port}" for e in site.log)
    assert "localhost" not in json.dumps(docs.get(site.url + "/vers-ailleurs", {}).get("error") or "")
