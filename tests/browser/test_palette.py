"""The light/dark toggle runs without the theme's palette component
(docs/overrides/partials/palette.html and javascripts/palette.html), and the head's first
script does before the page is styled what the theme's script would do after
(docs/overrides/main.html)."""

from __future__ import annotations

import pytest

DRILL = "drills/high-knee-run/"
# What the page looks like when the parser is done and before any deferred script (the
# theme's bundle.js among them) has run.
AT_INTERACTIVE = """
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive" || window.__interactive) return;
  window.__interactive = {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    classes: document.documentElement.className,
    links: [...document.head.querySelectorAll('link[rel="stylesheet"]')]
      .map((link) => link.getAttribute("href")),
    bundleRan: typeof window.document$ !== "undefined",  // the theme's bundle defines it
  };
});
"""


def scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


@pytest.fixture
def tracked(page):
    page.add_init_script(AT_INTERACTIVE)
    return page


def test_a_first_visit_shows_the_system_scheme_before_any_script_file_runs(browser, base_url):
    for system, expected in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(color_scheme=system)
        page = context.new_page()
        page.add_init_script(AT_INTERACTIVE)
        page.goto(base_url + DRILL)
        early = page.evaluate("window.__interactive")
        assert not early["bundleRan"]
        assert early["scheme"] == expected, system
        assert scheme(page) == expected, system
        # One toggle shows, the one that leads to the other scheme.
        other = "light" if system == "dark" else "dark"
        assert page.get_by_title(f"Switch to {other} mode").is_visible()
        assert page.locator("form[data-palette] label:visible").count() == 1
        context.close()


def test_the_toggle_switches_and_the_choice_holds_on_every_page(page, base_url):
    errors = page.errors
    page.goto(base_url + DRILL)
    assert scheme(page) == "default"
    page.get_by_title("Switch to dark mode").click()
    assert scheme(page) == "slate"
    assert page.get_by_title("Switch to light mode").is_visible()
    assert not page.get_by_title("Switch to dark mode").is_visible()
    # Colours switch at once (palette.css turns transitions off for the switch), then the
    # page is back to normal.
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    page.reload()
    assert scheme(page) == "slate"
    page.goto(base_url + "benefits/")
    assert scheme(page) == "slate"
    page.get_by_title("Switch to light mode").click()
    assert scheme(page) == "default"
    page.goto(base_url)
    assert scheme(page) == "default"
    assert errors == []


def test_enter_on_the_focused_toggle_switches(page, base_url):
    page.goto(base_url + DRILL)
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


def test_a_choice_saved_by_the_theme_still_counts(browser, base_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    # The theme keeps {index, color} under "<site path>.__palette" (its __md_set).
    page.add_init_script(
        """localStorage.setItem("/.__palette", JSON.stringify({index: 1, color: {
             media: "(prefers-color-scheme: dark)", scheme: "slate",
             primary: "custom", accent: "custom"}}))"""
    )
    page.goto(base_url + DRILL)
    assert scheme(page) == "slate"
    context.close()


def test_the_system_switch_is_followed_until_the_reader_chooses(browser, base_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + DRILL)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.get_by_title("Switch to light mode").click()
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)
    assert scheme(page) == "default"  # chosen, so the system no longer decides
    context.close()


def test_the_theme_changes_nothing_that_restyles_the_whole_page(tracked, base_url):
    page = tracked
    page.goto(base_url)
    page.wait_for_load_state("load")
    early = page.evaluate("window.__interactive")
    # The classes the theme's script gives <html> are there before it runs.
    classes = early["classes"].split()
    assert "no-js" not in classes
    assert {"js", "js-focus-visible", "sheet-js"} <= set(classes)
    # The home page's cards.css is in the head (the build moves it there), and no stylesheet's
    # address changes once the theme's script has run (a changed one is fetched and applied
    # again).
    assert any("cards.css" in href for href in early["links"]), early["links"]
    after = page.evaluate(
        """() => [...document.head.querySelectorAll('link[rel="stylesheet"]')]
                  .map((link) => link.getAttribute("href"))"""
    )
    assert after == early["links"]
    # No <meta name="color-scheme"> (the theme's palette component added one and set it;
    # each change restyles every element).
    assert page.locator("meta[name=color-scheme]").count() == 0
    assert page.locator("body[data-md-color-switching]").count() == 0
