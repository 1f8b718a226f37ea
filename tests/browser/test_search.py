"""Search, as a reader uses it: type into Material's search box and read the first result.

Every drill name, alias and glossary name (from data/, so a new drill is covered without
editing this file) and the issue's examples must land on the right page first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.data.load import load

from ..pagetext import norm

SITE = load(Path(__file__).resolve().parents[2])

# Name, aliases and the noted names of the glossary: every name the site lists for a drill.
NAMES = sorted((name, slug) for slug, d in SITE.drills.items() for name in d.all_names)
SESSION_NAMES = sorted((s.name, slug) for slug, s in SITE.sessions.items())
# The issue's examples, with the page they must land on first.
EXAMPLES = [
    ("high knees", "drills/high-knee-run/"),
    ("high knee", "drills/high-knee-run/"),
    ("knee lift", "drills/high-knee-run/"),
    ("ankling", "drills/small-step-run/"),
    ("small step", "drills/small-step-run/"),
    ("short trot", "drills/small-step-run/"),
    ("push-off", "drills/push-off-run/"),
    ("bounding", "drills/alternate-leg-bounding/"),
    ("bounding run", "drills/push-off-run/"),
    ("straight leg", "drills/straight-leg-run/"),
    ("scissors", "drills/straight-leg-run/"),
    ("straight-leg bounds", "drills/straight-leg-bound/"),
    ("marching on the spot", "drills/knee-lift-walk/"),
    ("RAMP", "sessions/pe-ramp-warm-up/"),
    ("back kick", "drills/push-off-run/"),
    ("butt kick", "drills/butt-kicks/"),
    ("power skips", "drills/power-skip/"),
    ("glossary", "glossary/"),
]
MUSCLES = ["hip flexors", "calves"]


# Material searches on every keystroke in a web worker. Count the queries posted to it and the
# results it sends back, so a test reads the results of the whole query, not of a prefix.
COUNT_SEARCHES = """
(() => {
  const Native = window.Worker;
  window.__searches = { sent: 0, done: 0 };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (e.data && e.data.type === 3) window.__searches.done++;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__searches.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


def search(page, base_url: str, query: str):
    """Open the home page, type ``query`` into the search box; return the result list items."""
    page.add_init_script(COUNT_SEARCHES)
    page.goto(base_url)
    page.locator('label.md-header__button[for="__search"]').click()  # the magnifier
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query)
    page.wait_for_function(
        """(q) => document.querySelector("input.md-search__input").value === q
            && window.__searches.sent > 0 && window.__searches.sent === window.__searches.done""",
        arg=query,
    )
    return page.locator("li.md-search-result__item")


def first_page(items, base_url: str) -> str:
    """The page the first result leads to, relative to the site root, without query or hash."""
    href = items.first.locator("a.md-search-result__link").first.get_attribute("href")
    assert href.startswith(base_url), href
    return href[len(base_url) :].split("?")[0].split("#")[0]


@pytest.mark.parametrize(("query", "slug"), NAMES)
def test_every_drill_name_alias_and_glossary_name_finds_it_first(page, base_url, query, slug):
    items = search(page, base_url, query)
    assert first_page(items, base_url) == f"drills/{slug}/"
    assert page.errors == []


@pytest.mark.parametrize(("query", "expected"), EXAMPLES)
def test_issue_examples_land_on_their_page_first(page, base_url, query, expected):
    assert first_page(search(page, base_url, query), base_url) == expected


@pytest.mark.parametrize(("query", "slug"), SESSION_NAMES)
def test_every_session_name_finds_it_first(page, base_url, query, slug):
    assert first_page(search(page, base_url, query), base_url) == f"sessions/{slug}/"


def test_warm_up_finds_a_warm_up_session_first(page, base_url):
    """Several sessions are warm-ups; the word alone should open one of them."""
    warm_ups = {f"sessions/{s}/" for s, x in SITE.sessions.items() if "warm-up" in x.name.lower()}
    assert len(warm_ups) >= 2
    assert first_page(search(page, base_url, "warm-up"), base_url) in warm_ups


@pytest.mark.parametrize("muscle", MUSCLES)
def test_muscle_name_finds_a_drill_that_mainly_trains_it(page, base_url, muscle):
    found = first_page(search(page, base_url, muscle), base_url)
    mains = {f"drills/{s}/" for s, d in SITE.drills.items() if muscle in d.primary_muscles}
    assert found in mains


def test_first_result_shows_the_drill_summary_with_the_match_highlighted(page, base_url):
    items = search(page, base_url, "ankling")
    article = items.first.locator("article").first
    assert norm(SITE.drills["small-step-run"].summary) in norm(article.inner_text())
    assert items.first.locator("mark", has_text="Ankling").count() >= 1


def test_search_suggests_a_completion(page, base_url):
    search(page, base_url, "sma")
    suggestion = page.locator(".md-search__suggest")
    assert suggestion.inner_text().lower() == "small"


def test_butt_kicks_and_back_kick_land_on_different_drills(page, base_url):
    """The article's "back kick" is the push-off run; butt kicks are their own drill."""
    assert first_page(search(page, base_url, "butt kicks"), base_url) == "drills/butt-kicks/"
    page.goto("about:blank")
    assert first_page(search(page, base_url, "back kick"), base_url) == "drills/push-off-run/"


def test_search_term_is_highlighted_on_the_page_it_opens(page, base_url):
    items = search(page, base_url, "short trot")
    items.first.locator("a.md-search-result__link").first.click()
    page.wait_for_url("**/drills/small-step-run/**")
    # The theme marks the words once its (deferred) script has run on the new page: wait for it.
    expect(page.locator("mark", has_text="trot").first).to_be_visible()
