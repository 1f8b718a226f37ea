"""The Content-Security-Policy in Chromium: no page breaks it, with search, the timer, the
figures, links and the service worker all working; and it really refuses inline
code the build did not emit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# Every violation of the page's policy, as the browser reports it, from the first script on.
WATCH_VIOLATIONS = """
window.__violations = [];
addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${where}`);
}, true);
"""

# The state of the page's service worker, once there is one (it may never come: the policy
# could block the script that registers it).
ACTIVE_WORKER = """Promise.race([
  navigator.serviceWorker.ready.then((registration) => registration.active.state),
  new Promise((resolve) => setTimeout(resolve, 15000, "no worker")),
])"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_no_page_breaks_the_policy(watched, base_url, built_site):
    page = watched
    paths = sorted(
        p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")
    )
    assert len(paths) > 10
    for path in [*paths, "404.html"]:
        page.goto(base_url + ("" if path == "./" else path), wait_until="load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        assert violations(page) == [], path
    assert page.errors == []


def test_search_timer_figures_navigation_and_worker_work_under_the_policy(watched, base_url):
    page = watched
    page.goto(base_url + "drills/")
    assert page.evaluate(ACTIVE_WORKER) in ("activating", "activated")
    page.locator(".md-content a[href*='high-knee-run']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("High-knee run")
    # Search: Material's worker answers and draws results; our inline script names tag lists.
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").press_sequentially("knee")
    expect(page.locator("li.md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    # The timer runs; the figures' movement plays.
    page.get_by_role("button", name="Start").first.click()  # the timer's, not its dock's
    expect(page.locator("drill-timer")).to_have_attribute("data-state", "running")
    page.get_by_role("button", name="Play the movement").click()
    expect(page.get_by_role("button", name="Play the movement")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert violations(page) == []
    assert page.errors == []


def test_policy_refuses_inline_code_the_build_did_not_emit(watched, base_url):
    page = watched
    page.goto(base_url)
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
          document.body.setAttribute("style", "background: red");
          return window.__injected === true;
        }"""
    )
    assert ran is False
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"
    refused = [v.split()[0] for v in violations(page)]
    assert refused == ["script-src-elem", "style-src-attr"]
