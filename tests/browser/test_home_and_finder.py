"""The home page's first screen and the drill finder, in Chromium at a phone's and a laptop's
size: cards above the fold and whole-card taps, "Start the warm-up" landing on a timer ready
to start, filters that narrow the list at once, and the full list without JavaScript."""

from __future__ import annotations

import pytest

from macros.data.load import load
from macros.render.order import session_order, teaching_order

from ..project import ROOT

SITE = load(ROOT)
ORDER = teaching_order(SITE.drills)
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_page(viewport, scheme="light", javascript=True):
        context = browser.new_context(
            viewport=viewport, color_scheme=scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        return page

    yield open_page
    for context in contexts:
        context.close()


def _inside_viewport(box, viewport) -> bool:
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@SCHEMES
@VIEWPORTS
def test_first_screen_shows_the_warm_up_button_and_the_first_cards(
    open_page, base_url, viewport, scheme
):
    page = open_page(viewport, scheme)
    page.goto(base_url)
    header = page.locator(".md-header").bounding_box()
    button = page.get_by_role("link", name="Start the warm-up").bounding_box()
    cards = page.locator("li.drill-card")
    assert _inside_viewport(button, viewport) and button["y"] >= header["height"]
    # Three cards at least on a phone's first screen (all three fit side by side on a laptop).
    for i in range(min(3, cards.count())):
        assert _inside_viewport(cards.nth(i).bounding_box(), viewport), f"card {i + 1}"
    names = [cards.nth(i).get_by_role("link").inner_text() for i in range(cards.count())]
    assert names == [SITE.drills[slug].name for slug in ORDER]
    assert page.errors == []


@VIEWPORTS
def test_a_tap_anywhere_on_a_card_opens_its_drill(open_page, base_url, viewport):
    page = open_page(viewport)
    for i, slug in enumerate(ORDER[:3]):
        page.goto(base_url)
        box = page.locator("li.drill-card").nth(i).bounding_box()
        # The bottom-right corner: far from the name, on no text.
        page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
        page.wait_for_url(f"**/drills/{slug}/")


def test_start_the_warm_up_lands_on_the_session_timer_ready_to_start(open_page, base_url):
    page = open_page(PHONE)
    page.goto(base_url)
    page.get_by_role("link", name="Start the warm-up").click()
    page.wait_for_url(f"**/sessions/{session_order(SITE.sessions)[0]}/#interval-timer")
    timer = page.locator("drill-timer").first
    timer.get_by_role("button", name="Start").wait_for()
    page.wait_for_timeout(300)  # the scroll to the heading
    start = timer.get_by_role("button", name="Start").bounding_box()
    assert _inside_viewport(start, PHONE)
    assert _inside_viewport(page.locator("#interval-timer").bounding_box(), PHONE)
    assert timer.get_attribute("data-state") != "running"  # ready, not started for you
    assert page.errors == []


# A function, not an expression: the site's Content-Security-Policy forbids eval.
ALL_SHOWN = "() => document.querySelectorAll('tbody tr[hidden]').length === 0"


def _shown(page) -> list[str]:
    rows = page.locator("table.drills-index tbody tr:visible")
    return [rows.nth(i).locator("a").first.inner_text() for i in range(rows.count())]


def _names(predicate) -> list[str]:
    return [SITE.drills[s].name for s in ORDER if predicate(SITE.drills[s])]


@VIEWPORTS
def test_each_filter_narrows_the_list_and_clear_brings_everything_back(
    open_page, base_url, viewport
):
    page = open_page(viewport)
    page.goto(base_url + "drills/")
    count = page.locator("[data-finder-count]")
    assert _shown(page) == _names(lambda d: True)
    assert count.inner_text() == f"{len(ORDER)} drills"

    level = SITE.drills[ORDER[-1]].level
    page.locator(f'.finder__levels input[value="{level}"]').check()
    expected = _names(lambda d: d.level == level)
    assert _shown(page) == expected and 0 < len(expected) < len(ORDER)
    assert count.inner_text() == f"{len(expected)} of {len(ORDER)} drills"
    first_level = SITE.drills[ORDER[0]].level
    page.locator(f'.finder__levels input[value="{first_level}"]').check()
    assert _shown(page) == _names(lambda d: d.level in (level, first_level))
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(ALL_SHOWN)

    muscle = SITE.drills[ORDER[0]].primary_muscles[0]
    page.get_by_label("Main muscle").select_option(muscle)
    assert _shown(page) == _names(lambda d: muscle in d.primary_muscles)
    page.get_by_label("Equipment").select_option("none")
    assert _shown(page) == _names(lambda d: muscle in d.primary_muscles and not d.equipment)
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(ALL_SHOWN)

    alias = SITE.drills[ORDER[0]].aliases[0]
    page.get_by_label("Name").fill(alias.upper())
    assert SITE.drills[ORDER[0]].name in _shown(page)
    page.get_by_label("Name").fill("no drill is called this")
    assert _shown(page) == []
    assert page.locator("[data-finder-empty]").is_visible()
    assert page.errors == []


def test_filters_apply_in_the_same_task_with_no_request(open_page, base_url):
    page = open_page(PHONE)
    page.goto(base_url + "drills/", wait_until="networkidle")  # the favicon comes late
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    level = SITE.drills[ORDER[-1]].level
    hidden = page.evaluate(
        """(level) => {
            const box = document.querySelector(`.finder__levels input[value="${level}"]`);
            box.checked = true;
            box.dispatchEvent(new Event('input', { bubbles: true }));
            const rows = document.querySelectorAll('table.drills-index tbody tr');
            return [...rows].map((r) => r.hidden);
        }""",
        level,
    )
    assert hidden == [SITE.drills[s].level != level for s in ORDER]
    assert requests == []


def test_the_address_carries_the_filters_both_ways(open_page, base_url):
    page = open_page(PHONE)
    muscle = SITE.drills[ORDER[0]].primary_muscles[0]
    page.goto(base_url + f"drills/?muscle={muscle.replace(' ', '+')}")
    assert page.get_by_label("Main muscle").input_value() == muscle
    assert _shown(page) == _names(lambda d: muscle in d.primary_muscles)
    page.get_by_label("Main muscle").select_option("")
    page.get_by_label("Equipment").select_option("none")
    assert page.url.endswith("drills/?equipment=none")


def test_without_javascript_the_finder_lists_every_drill_and_hides_its_form(open_page, base_url):
    page = open_page(PHONE, javascript=False)
    page.goto(base_url + "drills/")
    assert not page.locator("form.finder").is_visible()
    assert _shown(page) == _names(lambda d: True)


@SCHEMES
def test_the_finder_is_cards_on_a_phone_and_a_table_on_a_laptop(open_page, base_url, scheme):
    display = "el => getComputedStyle(el).display"
    phone = open_page(PHONE, scheme)
    phone.goto(base_url + "drills/")
    row = phone.locator("table.drills-index tbody tr").first
    assert row.evaluate(display) == "flex"
    # The column heads stay for screen readers, in a 1 px clipped box; a label leads each value.
    assert phone.locator("table.drills-index thead").bounding_box()["height"] <= 1
    muscles = row.locator('td[data-label="Main muscles"]')
    assert muscles.evaluate("el => getComputedStyle(el, '::before').content") == '"Main muscles: "'
    box = row.bounding_box()
    phone.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
    phone.wait_for_url(f"**/drills/{ORDER[0]}/")

    laptop = open_page(LAPTOP, scheme)
    laptop.goto(base_url + "drills/")
    assert laptop.locator("table.drills-index tbody tr").first.evaluate(display) == "table-row"
    assert laptop.locator("table.drills-index thead").bounding_box()["height"] > 20
