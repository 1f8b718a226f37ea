"""Accessibility (WCAG 2.2 AA) in real Chromium.

axe-core runs on every page of the built site (found by crawling it, so a new page is covered
without editing this file) in the light and dark palettes, with the search dialog showing
results, and on the timer at a phone's size in every phase (each paints it in its own colour)
and with its dock showing; every rule of WCAG 2.0/2.1/2.2 A and AA plus axe's best practices,
and no violation of any impact is allowed. axe comes inside axe-playwright-python (its
axe.min.js is read from disk and injected): nothing is downloaded.

A keyboard-only reader tabs from the top of a drill page to the timer and starts, pauses and
resets it, and every stop on the way shows where the focus is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
MOBILE = {"width": 412, "height": 915}  # Lighthouse's mobile size, as in the other browser tests
PHONE = {"width": 390, "height": 844}  # the timer's phone, as in its own tests
DESKTOP = {"width": 1280, "height": 800}
SCHEMES = {"light": "default", "dark": "slate"}  # palette name -> Material's color scheme
# Two frames on (Material reacts to focus after a 1 ms debounce), then no CSS transition or
# finite animation running: Material fades the header title and the search overlay. An
# endless animation is left out (the key figures' movement is SMIL, not listed here anyway).
SETTLED = """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
  .then(() => document.getAnimations().every((a) => a.playState !== "running"
    || a.effect.getComputedTiming().iterations === Infinity))"""


def settle(page) -> None:
    for _ in range(300):  # at least two frames each: some seconds at most
        if page.evaluate(SETTLED):
            return
    raise AssertionError("the page never stopped animating")


def violations(page) -> list[str]:
    """axe's violations on the page once its transitions end, one line per rule and element.
    (Mid-fade text, such as Material's header title swapping on scroll, is not what a reader
    is left with.)"""
    settle(page)
    found = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {' '.join(n['target'])}: {n['failureSummary']}"
        for v in found
        for n in v["nodes"]
    ]


def open_context(browser, palette: str, viewport: dict):
    """A page in a fresh context showing ``palette``, chosen as a reader does: with the header's
    palette toggle, which Material remembers for the whole site. Collects console errors."""
    context = browser.new_context(viewport=viewport, color_scheme="light")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def goto(page, url: str, palette: str) -> None:
    page.goto(url)
    if palette == "dark" and page.locator("body").get_attribute("data-md-color-scheme") != "slate":
        page.get_by_title("Switch to dark mode").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[palette]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to its root URL."""
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


def test_crawl_finds_every_kind_of_page(built_site):
    pages = set(site_pages(built_site))
    expected = {"", "404.html", "tags/", "sheets/", "benefits/", "sources/", "disclaimer/"}
    assert expected <= pages
    assert {
        "drills/",
        "drills/high-knee-run/",
        "sessions/",
        "sessions/sprint-drill-warm-up/",
    } <= pages


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
@pytest.mark.parametrize("palette", SCHEMES)
def test_every_page_has_no_axe_violations(browser, base_url, built_site, palette, viewport):
    context, page = open_context(browser, palette, viewport)
    report = {}
    for path in site_pages(built_site):
        goto(page, base_url + path, palette)
        if found := violations(page):
            report[path or "/"] = found
    context.close()
    assert report == {}
    assert page.errors == []


def open_search(page, query: str) -> None:
    """Type ``query`` into Material's search as a reader does and wait for its results."""
    magnifier = page.locator('label.md-header__button[for="__search"]')
    if magnifier.is_visible():  # narrow screens: the search box hides behind an icon
        magnifier.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.locator("li.md-search-result__item").first.wait_for()
    page.wait_for_function(
        """(q) => document.querySelector(".md-search-result__meta").textContent.includes("matching")
            && document.querySelector("input.md-search__input").value === q""",
        arg=query,
    )


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
@pytest.mark.parametrize("palette", SCHEMES)
def test_search_dialog_with_results_has_no_axe_violations(browser, base_url, palette, viewport):
    context, page = open_context(browser, palette, viewport)
    goto(page, base_url, palette)
    open_search(page, "high knees")
    assert page.locator("#__search").is_checked()  # the dialog is open while axe runs
    found = violations(page)
    errors = page.errors
    context.close()
    assert found == []
    assert errors == []


def timer_button(page, name: str):
    """A button of the full timer (the dock repeats the main one), by its exact text."""
    return page.locator(".drill-timer__ui").get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("path", ["drills/high-knee-run/", "sessions/sprint-drill-warm-up/"])
@pytest.mark.parametrize("palette", SCHEMES)
def test_timer_has_no_axe_violations_in_any_phase(browser, base_url, palette, path):
    """Each phase paints the whole timer in its colour; the dock shows when it is off screen."""
    context, page = open_context(browser, palette, PHONE)
    goto(page, base_url + path, palette)
    timer, dock = page.locator("drill-timer"), page.locator(".drill-timer__dock")
    found = {}

    def check(state: str) -> None:
        found[state] = violations(page)

    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    expect(dock).to_be_visible()
    check("idle, docked")
    timer_button(page, "Start").click()
    timer_button(page, "Pause").click()
    check("paused")
    timer_button(page, "Resume").click()
    while timer.get_attribute("data-state") == "running":
        # "work, Pause"; in a run over a distance "work, Done", in a walk-back "rest, Go"
        main = timer.locator(".drill-timer__main").inner_text()
        state = f"{timer.get_attribute('data-phase')}, {main}"
        if state not in found:
            check(state)
        timer_button(page, "Skip phase").click()
    check("done")
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    expect(dock).to_be_visible()
    check("done, docked")
    errors = page.errors
    context.close()
    assert {"prepare, Pause", "work, Pause", "rest, Pause"} <= set(found)
    assert found == {state: [] for state in found}
    assert errors == []


def test_timer_phase_is_named_in_text_not_only_by_colour(page, base_url):
    page.goto(base_url + "drills/high-knee-run/")
    timer = page.locator("drill-timer")
    timer_button(page, "Start").click()
    labels = {}
    for _ in range(3):
        labels[timer.get_attribute("data-phase")] = timer.locator(
            ".drill-timer__label"
        ).inner_text()
        timer_button(page, "Skip phase").click()
    assert labels == {
        "prepare": "Get ready",
        "work": "High-knee run — Work",
        "rest": "High-knee run — Rest",
    }


# Where the focus is and whether a reader can see it. The indicator is the focused element
# itself, except for Material's palette radios (hidden inputs; the shown toggle has the ring). It
# must draw an outline or a shadow and be on top at its centre (not under the header, a
# closing overlay or off screen).
FOCUS = """() => {
  const el = document.activeElement;
  const shown = el.matches("input.md-option") ? el.form.querySelector("label:not([hidden])") : el;
  const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
    && s.outlineColor !== "rgba(0, 0, 0, 0)") || s.boxShadow !== "none";
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const inView = r.width > 0 && r.height > 0 && x >= 0 && y >= 0
    && x <= innerWidth && y <= innerHeight;
  const top = inView ? document.elementFromPoint(x, y) : null;
  return { name: (el.getAttribute("aria-label") || el.innerText || el.tagName).trim().slice(0, 40),
    ring, onTop: !!top && shown.contains(top), top: top ? top.tagName + "." + top.className : "-",
    timerMain: el.matches(".drill-timer__main") };
}"""


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    settle(page)
    return page.evaluate(FOCUS)


def tab_to(page, done, limit: int = 60) -> list[dict]:
    """Tab until ``done(focus)``; every stop on the way is returned."""
    stops = []
    for _ in range(limit):
        stops.append(press(page, "Tab"))
        if done(stops[-1]):
            return stops
    raise AssertionError(f"no match after {limit} tabs: {[s['name'] for s in stops]}")


def hidden_focus(stops: list[dict]) -> list[str]:
    """The stops where a reader could not see the focus, and why."""
    return [
        f"{s['name']}: " + ("under " + s["top"] if s["ring"] else "no focus ring")
        for s in stops
        if not (s["ring"] and s["onTop"])
    ]


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
@pytest.mark.parametrize("palette", SCHEMES)
def test_keyboard_alone_reaches_starts_pauses_and_resets_the_timer(
    browser, base_url, palette, viewport
):
    context, page = open_context(browser, palette, viewport)
    goto(page, base_url + "drills/high-knee-run/", palette)
    page.goto(base_url + "drills/high-knee-run/")  # focus starts at the top, not on the toggle
    timer = page.locator("drill-timer")

    stops = tab_to(page, lambda f: f["timerMain"])
    assert stops[0]["name"] == "Skip to content"
    assert stops[-1]["name"] == "Start"

    stops.append(press(page, "Enter"))
    assert timer.get_attribute("data-state") == "running"
    assert stops[-1]["name"] == "Pause"  # the focus stays on the button, now Pause

    stops.append(press(page, "Space"))
    assert timer.get_attribute("data-state") == "paused"
    assert stops[-1]["name"] == "Resume"

    stops += tab_to(page, lambda f: f["name"] == "Reset", limit=5)
    stops.append(press(page, "Enter"))
    assert stops[-1]["name"] == "Tap again to reset"  # a run is not wiped by one press
    assert timer.get_attribute("data-state") == "paused"
    stops.append(press(page, "Enter"))
    assert timer.get_attribute("data-state") == "idle"
    assert timer.locator(".drill-timer__main").inner_text() == "Start"

    errors = page.errors
    context.close()
    assert hidden_focus(stops) == []
    assert errors == []


def test_search_partial_is_materials_own_plus_the_dialog_name():
    """The override must follow the theme: only the aria-label and the script are ours."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text()
    ours = (ROOT / "docs/overrides/partials/search.html").read_text()
    body = ours.split("-#}\n", 1)[1].split("{#-", 1)[0]
    expected = theirs.split("-#}\n", 1)[1].replace(
        'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    )
    assert body == expected


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
@pytest.mark.parametrize("palette", SCHEMES)
def test_builder_and_history_in_use_have_no_axe_violations(browser, base_url, palette, viewport):
    """The pages as a reader uses them (the crawl sees them empty): a session of three drills
    with a field in error, the QR code and a message showing; the History with runs."""
    context, page = open_context(browser, palette, viewport)
    goto(page, base_url + "builder/#v=9&d=x", palette)  # an outdated link: its message shows
    page.locator(".builder-drill").first.wait_for()
    for button in page.locator('.builder-drill button[data-action="add"]').all()[:3]:
        button.click()
    page.get_by_role("button", name="Show QR code").click()
    page.locator(".builder-item").first.get_by_label("Rounds").fill("0")  # an error shows
    page.locator(".builder-saved").count()
    page.get_by_role("button", name="Save to My sessions").click()
    builder = violations(page)
    page.locator(".builder-item").first.get_by_label("Rounds").fill("2")
    page.get_by_role("button", name="Save to My sessions").click()
    timer = page.locator(".builder drill-timer")
    timer.locator(".drill-timer__main").click()
    for _ in range(100):
        if timer.get_attribute("data-state") == "done":
            break
        timer.get_by_role("button", name="Skip phase").click()
    saved = violations(page)
    goto(page, base_url + "history/", palette)
    page.locator(".history__table tbody tr").first.wait_for()
    history = violations(page)
    errors = page.errors
    context.close()
    assert builder == []
    assert saved == []
    assert history == []
    assert errors == []
