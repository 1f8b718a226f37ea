"""The copy opened from disk (``make build-offline``, OFFLINE=true): opened as file://, search
finds a drill and opens its page from disk, the timer runs, and nothing is requested from
anywhere but the disk. The published site's service worker: test_service_worker.py.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from macros.postbuild.browser import serve

from ..project import ROOT, mkdocs_build

SEARCH_BUTTON = 'label.md-header__button[for="__search"]'
FIRST_RESULT = "li.md-search-result__item a.md-search-result__link"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site-offline"
    result = mkdocs_build(ROOT, site, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return site


def watch_requests(page) -> list[str]:
    """Every request the page makes that does not stay on the disk (or in the page)."""
    outside = []
    page.on(
        "request",
        lambda r: (
            not r.url.startswith(("file://", "data:", "blob:", "about:")) and outside.append(r.url)
        ),
    )
    return outside


def test_copy_opened_from_disk_finds_a_drill_by_alias_and_opens_its_page(page, offline_site):
    outside = watch_requests(page)
    page.goto((offline_site / "index.html").as_uri())
    page.locator(SEARCH_BUTTON).click()
    page.locator("input.md-search__input").press_sequentially("ankling")
    link = page.locator(FIRST_RESULT).first
    link.wait_for()
    # Results for the whole word, not a prefix: Material adds the query to each result's link.
    page.wait_for_function(
        f"() => document.querySelector({FIRST_RESULT!r}).href.includes('ankling')"
    )
    target = (offline_site / "drills" / "small-step-run.html").as_uri()
    assert link.get_attribute("href").startswith(target)
    link.click()
    page.wait_for_url(f"{target}**")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small-step run")
    assert outside == []
    assert page.errors == []


def test_timer_runs_in_the_copy_opened_from_disk(page, offline_site):
    outside = watch_requests(page)
    page.goto((offline_site / "drills" / "high-knee-run.html").as_uri())
    page.get_by_role("button", name="Start").first.click()  # the full timer's, not the dock's
    expect(page.locator("drill-timer")).to_have_attribute("data-state", "running")
    assert outside == []
    assert page.errors == []  # no module script refused from file://, no failed load


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        ref = a.get("href") if tag in ("a", "link") else a.get("src")
        if tag in ("a", "link", "script", "img") and ref:
            self.refs.append(ref)


def test_every_link_in_the_copy_leads_to_a_file_on_disk(offline_site):
    """Directory URLs are off: a link to 'drills/x/' would open a folder listing, not a page."""
    broken = []
    pages = [p for p in offline_site.rglob("*.html") if p.name != "404.html"]
    for html in pages:
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for ref in parser.refs:
            url = urljoin(html.as_uri(), ref)
            if not url.startswith("file://"):
                continue  # sources' links, canonical addresses: not part of the copy
            target = Path(unquote(urlsplit(url).path))
            if target.suffix == ".pdf":
                continue  # printed by `make build-offline` after the build, as by `make build`
            if not target.is_file():
                broken.append(f"{html.relative_to(offline_site)}: {ref}")
    assert len(pages) > 10
    assert broken == []


def test_copy_has_no_service_worker_manifest_or_content_security_policy(offline_site):
    """No worker from file://; no policy either (see macros/hook.py: the Worker shim writes an
    inline script there, assembled at run time from its own code)."""
    html = (offline_site / "drills" / "high-knee-run.html").read_text(encoding="utf-8")
    assert "serviceWorker" not in html
    assert 'rel="manifest"' not in html


@pytest.fixture
def own_server(built_site):
    """The published build on its own server, so a test can stop it (the network cut)."""
    server, url = serve(built_site)
    yield server, url
    server.shutdown()
    server.server_close()


def test_builder_saved_sessions_and_history_work_with_the_network_cut(page, own_server):
    """One visit to the home page installs the worker; then, with no network, the builder gets
    its drills, builds and runs a session, saves it, and the History page logs and lists it."""
    server, base_url = own_server
    page.goto(base_url)
    page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    page.context.set_offline(True)
    server.shutdown()
    server.server_close()
    with pytest.raises(OSError):
        urlopen(base_url, timeout=5)
    response = page.goto(base_url + "builder/")
    assert response.ok and response.from_service_worker
    page.locator(".builder-drill").first.wait_for()
    for button in page.locator('.builder-drill button[data-action="add"]').all()[:3]:
        button.click()
    timer = page.locator(".builder drill-timer")
    expect(timer.locator(".drill-timer__main")).to_have_text("Start")
    page.get_by_role("button", name="Show QR code").click()  # the bundled QR library, cached
    expect(page.get_by_role("img", name="QR code of the share link")).to_be_visible()
    page.get_by_role("button", name="Save to My sessions").click()
    expect(page.locator(".builder-saved")).to_have_count(1)
    timer.locator(".drill-timer__main").click()
    for _ in range(100):
        if timer.get_attribute("data-state") == "done":
            break
        timer.get_by_role("button", name="Skip phase").click()
    expect(timer).to_have_attribute("data-state", "done")
    response = page.goto(base_url + "history/")
    assert response.ok and response.from_service_worker
    expect(page.locator(".history__table tbody tr")).to_have_count(1)
    expect(page.locator(".history__status")).to_have_text(
        "1 run and 1 saved session in this browser."
    )
    assert page.errors == []
