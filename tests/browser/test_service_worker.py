"""The published site's service worker (docs/sw.js) in Chromium, served as GitHub Pages serves it.

The server below answers like GitHub Pages as far as the worker can tell (every file may be
kept 10 minutes: ``Cache-Control: max-age=600``) and lets a test deploy a new build, cut the
network (no answer at all), stall it, or lose a file. Each test gets its own server, so its own
origin: no worker or cache carries over from another test.

- A deploy reaches a returning visitor within two loads, and the new cache holds the new site.
- With the network cut or stalled, pages come from the cache: a search result (``?h=``), a
  shared link (``?utm_source=``), ``index.html`` and a missing trailing slash all open the page.
- Query variants do not grow the cache past its bound.
- Two sites on one origin keep their caches; one missing file does not cost offline use.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..project import ROOT, copy_project, mkdocs_build

SEARCH_BUTTON = 'label.md-header__button[for="__search"]'
FIRST_RESULT = "li.md-search-result__item a.md-search-result__link"
SOURCE = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")
NETWORK_TIMEOUT_S = int(re.search(r"NETWORK_TIMEOUT_MS = (\d+);", SOURCE).group(1)) / 1000
RUNTIME_ENTRIES = int(re.search(r"RUNTIME_ENTRIES = (\d+);", SOURCE).group(1))
# The second deploy's visible change: the footer of every page.
COPYRIGHT = "copyright: Text and data CC BY 4.0"
DEPLOY_TWO = "Deploy two"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Files under the server's root (one folder or symlink per site), answered as GitHub Pages
    does: cacheable for 10 minutes. ``server.network``: "up", "down" (the connection closes
    with no answer, as when there is no signal) or "stalled" (no answer until the test ends)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.server.network == "down":
            self.close_connection = True
            return
        if self.server.network == "stalled":
            self.server.released.wait(60)
        if self.path.split("?")[0] in self.server.missing:
            self.send_error(404)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class PagesServer(http.server.ThreadingHTTPServer):
    def __init__(self, root: Path):
        self.root, self.network, self.missing = root, "up", set()
        self.released = threading.Event()
        super().__init__(
            ("127.0.0.1", 0),
            lambda *args: _PagesHandler(*args, directory=str(root)),
        )
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"

    def deploy(self, name: str, site: Path) -> str:
        """Publish ``site`` at /name/ (replacing what was there, as a deploy does); its URL."""
        link, new = self.root / name, self.root / f".{name}.new"
        new.symlink_to(site, target_is_directory=True)
        os.replace(new, link)
        return f"{self.origin}/{name}/"


@pytest.fixture
def pages(tmp_path):
    server = PagesServer(tmp_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def v2_site(tmp_path_factory) -> Path:
    """The site again, with a change on every page (the footer): the next deploy."""
    project = copy_project(tmp_path_factory.mktemp("v2") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert COPYRIGHT in text
    config.write_text(text.replace(COPYRIGHT, f"copyright: {DEPLOY_TWO} · {COPYRIGHT[11:]}"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def built_constant(site: Path, name: str):
    """VERSION or PRECACHE as the build filled them into the site's (minified) sw.js."""
    sw = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(rf"\bconst {name}\s*=\s*(.+?);", sw).group(1))


INSTALLED = """async () => {
  const registration = await navigator.serviceWorker.register("sw.js");
  const worker = registration.installing || registration.waiting || registration.active;
  if (worker.state === "activated") return worker.state;
  return new Promise((resolve) => {
    setTimeout(resolve, 20000, `still ${worker.state}`);
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated" || worker.state === "redundant") resolve(worker.state);
    });
  });
}"""

CACHES = """async () => {
  const entries = {};
  for (const name of await caches.keys()) {
    entries[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return entries;
}"""


def install(page, site: str) -> str:
    """Open the site's home page and wait for its worker: "activated", or "redundant" when the
    install failed."""
    page.goto(site)
    return page.evaluate(INSTALLED)


def settled_caches(page) -> dict[str, list[str]]:
    """The caches once the worker has stopped writing (it stores answers after giving them)."""
    last = None
    for _ in range(50):
        now = page.evaluate(CACHES)
        if now == last:
            return now
        last = now
        time.sleep(0.2)
    raise AssertionError("the caches kept changing")


def test_a_deploy_reaches_a_returning_visitor_within_two_loads(page, pages, built_site, v2_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    footer = page.locator("footer .md-copyright")  # the site's line, not the maintainers' one
    expect(footer).not_to_contain_text(DEPLOY_TWO)
    pages.deploy("live", v2_site)  # within the 10 minutes the browser may keep the old files
    loads = 0
    while loads < 2 and DEPLOY_TWO not in footer.inner_text():
        page.reload()
        loads += 1
    expect(footer).to_contain_text(DEPLOY_TWO)
    # The new worker takes over with a cache of the new deploy, fetched from the network: a page
    # not opened since the deploy is the new one with the network cut.
    new = built_constant(v2_site, "VERSION")
    names = [f"drillbook {site} {new}"]
    # The new worker's install fetches every precached file afresh: allow for a slow machine.
    deadline = time.monotonic() + 30
    while list(settled_caches(page)) != names and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(settled_caches(page)) == names
    pages.network = "down"
    response = page.goto(site + "sessions/first-drills/")
    assert response.from_service_worker
    expect(footer).to_contain_text(DEPLOY_TWO)
    assert page.errors == []


def test_a_page_comes_from_the_cache_when_the_network_stalls(page, pages, built_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    page.goto(site + "drills/push-off-run/")  # visited: the worker keeps it
    settled_caches(page)
    pages.network = "stalled"
    start = time.monotonic()
    response = page.goto(site + "drills/push-off-run/")
    waited = time.monotonic() - start
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_contain_text("Push-off run")
    assert NETWORK_TIMEOUT_S - 0.5 < waited < NETWORK_TIMEOUT_S + 2


def test_a_visited_drill_page_timer_and_search_work_with_the_network_cut(page, pages, built_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    page.goto(site + "drills/small-step-run/")
    settled_caches(page)
    pages.network = "down"
    response = page.goto(site + "drills/small-step-run/")
    assert response.ok and response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small-step run")
    page.get_by_role("button", name="Start").first.click()  # the timer's, not its dock's
    expect(page.locator("drill-timer")).to_have_attribute("data-state", "running")
    # Search, too: its worker and index were cached at install.
    page.locator(SEARCH_BUTTON).click()
    page.locator("input.md-search__input").press_sequentially("push-off")
    page.wait_for_function(
        f"() => document.querySelector({FIRST_RESULT!r})?.href.includes('push-off')"
    )
    assert "/drills/push-off-run/" in page.locator(FIRST_RESULT).first.get_attribute("href")
    assert page.errors == []


def test_with_the_network_cut_a_search_result_opens_its_visited_page(page, pages, built_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    page.goto(site + "drills/push-off-run/")
    settled_caches(page)
    pages.network = "down"
    page.locator(SEARCH_BUTTON).click()
    page.locator("input.md-search__input").press_sequentially("push-off")
    result = page.locator(FIRST_RESULT).first
    page.wait_for_function(
        f"() => document.querySelector({FIRST_RESULT!r})?.href.includes('?h=push')"
    )
    result.click()
    page.wait_for_url(site + "drills/push-off-run/?h=**")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Push-off run")
    assert page.errors == []


def test_with_the_network_cut_every_address_of_a_page_opens_it(page, pages, built_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    page.goto(site + "drills/push-off-run/")
    settled_caches(page)
    pages.network = "down"
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    drill = site + "drills/push-off-run/"
    for address, lands_on in [
        (drill + "?utm_source=x", drill + "?utm_source=x"),
        (drill + "index.html", drill + "index.html"),
        (drill[:-1], drill),  # no trailing slash: sent to the folder, so relative links work
        (drill[:-1] + "?utm_source=x", drill + "?utm_source=x"),
    ]:
        response = page.goto(address)
        assert response.ok and response.from_service_worker, address
        assert page.url == lands_on
        expect(page.get_by_role("heading", level=1)).to_contain_text("Push-off run")
        # Its stylesheets and scripts resolved and came from the cache: the timer is defined.
        assert page.evaluate("customElements.get('drill-timer') !== undefined"), address
    assert failed == []
    assert page.errors == []


def test_query_variants_do_not_grow_the_cache_past_its_bound(page, pages, built_site):
    site = pages.deploy("live", built_site)
    assert install(page, site) == "activated"
    page.evaluate(
        """async (count) => {
          for (let i = 0; i < count; i++) {
            await (await fetch(`drills/push-off-run/?utm_source=${i}`)).text();
            await (await fetch(`assets/stylesheets/drillbook.css?v=${i}`)).text();
          }
        }""",
        100,
    )
    [urls] = settled_caches(page).values()
    assert not [url for url in urls if "utm_source" in url]  # pages: one entry each
    drill = site + "drills/push-off-run/"
    assert [url for url in urls if url.startswith(drill)] == [drill]
    runtime = len(urls) - len(built_constant(built_site, "PRECACHE"))
    assert runtime == RUNTIME_ENTRIES


def test_two_sites_on_one_origin_keep_working_with_the_network_cut(
    page, pages, built_site, v2_site
):
    """Two project sites of one GitHub user share an origin, and so a CacheStorage."""
    first, second = pages.deploy("a", built_site), pages.deploy("b", v2_site)
    assert install(page, first) == "activated"
    assert install(page, second) == "activated"
    for site in (first, second):
        page.goto(site + "drills/small-step-run/")
    assert len(settled_caches(page)) == 2
    pages.network = "down"
    for site in (first, second):
        response = page.goto(site + "drills/small-step-run/")
        assert response.ok and response.from_service_worker, site
        expect(page.get_by_role("heading", level=1)).to_contain_text("Small-step run")
    assert page.errors == []


def test_one_missing_file_costs_only_that_file_two_fail_the_install(page, pages, built_site):
    one, two = pages.deploy("one", built_site), pages.deploy("two", built_site)
    gone = "sessions/first-drills/"  # precached, and so fetched at install
    pages.missing = {f"/one/{gone}", f"/two/{gone}", "/two/search/search_index.json"}
    assert install(page, one) == "activated"
    assert install(page, two) == "redundant"
    # The failed install leaves no half-filled cache behind; the first site's is whole.
    [(name, urls)] = settled_caches(page).items()
    assert name.startswith(f"drillbook {one} ")
    assert len(urls) == len(built_constant(built_site, "PRECACHE")) - 1
    pages.network = "down"
    response = page.goto(one + "sessions/skip-series/")
    assert response.ok and response.from_service_worker


def test_the_worker_deletes_this_site_s_unscoped_cache_and_not_a_sibling_s(page, pages, built_site):
    """Workers before this one named every site's cache drillbook-<version>."""
    site = pages.deploy("a", built_site)
    page.goto(site + "robots.txt")  # the origin, without registering the worker yet
    page.evaluate(
        """async ([ours, sibling]) => {
          await (await caches.open("drillbook-000000000001")).put(ours, new Response("home"));
          await (await caches.open("drillbook-000000000002")).put(sibling, new Response("home"));
        }""",
        [site, f"{pages.origin}/b/"],
    )
    assert install(page, site) == "activated"
    names = page.evaluate("caches.keys()")
    assert "drillbook-000000000001" not in names
    assert "drillbook-000000000002" in names
