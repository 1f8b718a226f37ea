"""Hosting as GitHub Pages does it: the site under a project sub-path, crawled in Chromium.

Every page reachable from the home page loads with no failed request, no console error and
no request to another origin; the 404 page works at any depth; search works under the path.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from ..project import ROOT, mkdocs_build

SUBPATH = "/drillbook/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: files under the root, the site's 404.html for anything missing."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUBPATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    handler = functools.partial(_PagesHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    result = mkdocs_build(ROOT, root / SUBPATH.strip("/"), env={"SITE_URL": url})
    assert result.returncode == 0, result.stderr
    yield url
    server.shutdown()


def crawl(page, start: str):
    """Visit every same-site HTML page reachable from ``start``; return what went wrong."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    failed, foreign = [], []
    page.on(
        "request",
        lambda r: not r.url.startswith((origin, "data:", "blob:")) and foreign.append(r.url),
    )
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    # A navigation cancels what the previous page still had in flight (ERR_ABORTED); that is
    # the crawl's doing, not the site's. Any other failure counts.
    page.on(
        "requestfailed",
        lambda r: "ERR_ABORTED" not in (r.failure or "") and failed.append(f"{r.failure} {r.url}"),
    )
    seen, queue = set(), [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url, wait_until="load")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            href = urldefrag(href).url.split("?")[0]
            # PDFs are printed by `make build`, not by the test build (see tests of the sheets).
            if href.startswith(start) and not href.endswith(".pdf") and href not in seen:
                queue.append(href)
    return seen, failed, foreign


def test_every_page_under_a_sub_path_loads_without_errors_or_third_party_requests(
    page, subpath_url
):
    seen, failed, foreign = crawl(page, subpath_url)
    assert len(seen) > 10  # home, indexes, every drill and session, tags, benefits, ...
    assert failed == []
    assert foreign == []
    assert page.errors == []


def test_missing_page_gets_the_custom_404_with_working_assets_at_any_depth(page, subpath_url):
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    response = page.goto(subpath_url + "no/such/drill/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert failed == [subpath_url + "no/such/drill/"]  # the page itself, nothing it loads
    # Chromium logs the page's own 404 status as a console error; nothing else may be logged.
    assert page.errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    page.get_by_role("link", name="All drills").click()
    page.wait_for_url(subpath_url + "drills/")


def test_search_under_a_sub_path_finds_and_opens_a_drill(page, subpath_url):
    page.goto(subpath_url + "drills/")
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").press_sequentially("ankling")
    link = page.locator("li.md-search-result__item a.md-search-result__link").first
    link.wait_for()
    page.wait_for_function(
        "() => document.querySelector('a.md-search-result__link').href.includes('ankling')"
    )
    assert link.get_attribute("href").startswith(subpath_url + "drills/small-step-run/")
    link.click()
    page.wait_for_url(f"{subpath_url}drills/small-step-run/**")
    assert page.errors == []


def test_pages_carry_canonical_url_description_and_sharing_tags(page, subpath_url):
    page.goto(subpath_url + "drills/high-knee-run/")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == subpath_url + "drills/high-knee-run/"
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description.startswith("Fast running steps")
    assert page.locator('meta[property="og:description"]').get_attribute("content") == description
    assert page.locator('meta[property="og:url"]').get_attribute("content") == canonical
    assert page.locator('meta[name="twitter:card"]').count() == 1
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(urljoin(page.url, icon)).ok


def test_robots_and_sitemap_point_at_the_sub_path(page, subpath_url):
    robots = page.request.get(subpath_url + "robots.txt").text()
    assert f"Sitemap: {subpath_url}sitemap.xml" in robots
    sitemap = page.request.get(subpath_url + "sitemap.xml").text()
    assert f"<loc>{subpath_url}drills/high-knee-run/</loc>" in sitemap
