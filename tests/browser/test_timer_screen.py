"""The <drill-timer> on a phone (390 × 844, and on its side): the dock that keeps it in reach,
the phase colours and their contrast in both palettes, thumb-sized controls, touch without
hover, and the big views (fullscreen, and the Focus view where there is no Fullscreen API).
Time is Playwright's fake clock (see timer_page.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .timer_page import (
    DISTANCE_DRILL,
    DRILL,
    FRAME,
    NO_FULLSCREEN,
    PHONE,
    PHONE_SIDEWAYS,
    SESSION,
    SITE,
    add_timer,
    button,
    dock,
    edit,
    open_timer,
    several_timers,
    snap,
    timer_ui,
)

pytestmark = pytest.mark.browser
PALETTES = pytest.mark.parametrize("color_scheme", ["light", "dark"])
# A plan with every kind of phase, cool-down included (no plan in data/ has one yet).
EVERY_PHASE = {
    "id": "every-phase",
    "title": "Every phase",
    "prepare": 5,
    "cooldown": 30,
    "blocks": [
        {
            "name": "Strides",
            "work": 10,
            "distance": None,
            "rest": 10,
            "walk_back": False,
            "rounds": 2,
            "sets": 1,
            "set_rest": 0,
            "after": 0,
            "after_label": None,
            "cues": [],
        }
    ],
}


@pytest.fixture
def viewport() -> dict:
    return PHONE


def scroll_to_top(page: Page) -> None:
    page.evaluate("scrollTo(0, 0)")


# --- the dock ---------------------------------------------------------------------------------


def test_dock_keeps_the_timer_in_reach_while_the_page_scrolls(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    html, bar = page.locator("html"), page.locator(".drill-timer__dock")
    text, main = bar.locator(".drill-timer__dock-text"), bar.locator(".drill-timer__dock-main")
    docked = re.compile(r"\bdrill-timer-docked\b")

    # The page opens at its top with the timer below the fold: the dock offers it.
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("role", "group")
    expect(bar).to_have_attribute("aria-label", "Timer: High-knee run")
    box = bar.bounding_box()
    assert (box["x"], box["width"]) == (0, PHONE["width"])
    assert box["y"] + box["height"] == pytest.approx(PHONE["height"], abs=1)  # at the bottom
    assert (text.text_content(), main.text_content()) == ("0:10 Get ready", "Start")
    expect(html).to_have_class(docked)  # the page leaves room at its foot

    # The full timer on screen: no dock.
    timer_ui(page).scroll_into_view_if_needed()
    expect(bar).to_be_hidden()
    expect(html).not_to_have_class(docked)
    scroll_to_top(page)
    expect(bar).to_be_visible()

    main.click()  # Start, from the dock
    assert snap(page)["state"] == "running"
    page.clock.run_for(12_000)
    assert (text.text_content(), main.text_content()) == ("0:18 Work", "Pause")
    main.click()
    assert (snap(page)["state"], main.text_content()) == ("paused", "Resume")
    main.click()
    assert snap(page)["state"] == "running"

    text.click()  # the dock's text brings the full timer back, and the dock goes
    expect(timer_ui(page)).to_be_in_viewport()
    expect(bar).to_be_hidden()
    assert page.errors == []


def test_dock_belongs_to_the_timer_started_last(page, base_url):
    open_timer(page, several_timers(page, base_url))
    ids = page.locator("drill-timer").evaluate_all("els => els.map((e) => e.dataset.timerId)")
    run = ids.index(DISTANCE_DRILL)
    assert run > 0
    expect(dock(page)).to_have_attribute("aria-label", f"Timer: {SITE.drills[ids[0]].name}")

    button(page, "Start", run).click()
    scroll_to_top(page)
    expect(dock(page)).to_have_attribute("aria-label", "Timer: Push-off run")
    expect(dock(page)).to_have_count(1)
    text, main = dock(page).locator(".drill-timer__dock-text"), dock(page).locator("button").last
    page.clock.run_for(10_000 + FRAME)
    # A run over a distance: the dock's button is the tap that ends it.
    assert (text.text_content(), main.text_content()) == ("0:00 20 m", "Done")
    page.clock.run_for(5_000)
    main.click()
    assert (text.text_content(), main.text_content()) == ("0:00 Walk back", "Go")
    assert snap(page, run)["label"] == "Push-off run — Walk back"
    main.click()
    assert snap(page, run)["count"] == "Round 2 of 4 · tap when done"
    expect(dock(page)).to_have_count(1)
    assert page.errors == []


# --- phase colours and contrast -----------------------------------------------------------------

# Ends the CSS transitions under way (the colour fades from one phase to the next), leaving
# the animations that never end (the key figures' loop, an indeterminate progress bar).
FINISH = """document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().endTime < Infinity).forEach((a) => a.finish());"""

# What paints the timer's surface: its background colour, and, over a grid of points across
# it, every element other than the surface whose own background shows there. Finishes CSS
# transitions first (the colour fades from one phase to the next).
SURFACE = (
    "(ui) => {\n  "
    + FINISH
    + """
  const r = ui.getBoundingClientRect(), others = new Set();
  for (let i = 1; i < 12; i++) for (let j = 1; j < 24; j++) {
    let e = document.elementFromPoint(r.left + (r.width * i) / 12, r.top + (r.height * j) / 24);
    if (e?.closest('.md-top')) continue; // Material's "Back to top", floating over the page
    if (!ui.contains(e)) { others.add('outside the timer: ' + e?.localName); continue; }
    while (e !== ui && getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)') {
      e = e.parentElement;
    }
    if (e !== ui) others.add(e.closest('.drill-timer__edit')?.className ?? e.className);
  }
  return { colour: getComputedStyle(ui).backgroundColor, others: [...others].sort() };
}"""
)
# The only parts with their own background: the main button (the surface's inverse), the
# progress bar and the folded Edit form (Material's box, in the page's colours).
OWN_BACKGROUND = ["drill-timer__bar", "drill-timer__edit", "drill-timer__main"]


def surface(page: Page, index: int = 0) -> dict:
    ui = timer_ui(page, index)
    ui.evaluate("e => e.scrollIntoView({ block: 'center' })")
    return ui.evaluate(SURFACE)


@PALETTES
def test_phase_colours_fill_the_surface_and_differ_by_phase(page, base_url, color_scheme):
    open_timer(page, base_url + f"drills/{DRILL}/")
    colours = {"idle": surface(page)}
    page_colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    button(page, "Start").click()
    colours["prepare"] = surface(page)
    button(page, "Skip phase").click()
    colours["work"] = surface(page)
    scroll_to_top(page)
    expect(dock(page)).to_have_css("background-color", colours["work"]["colour"])
    button(page, "Skip phase").click()
    colours["rest"] = surface(page)
    button(page, "Pause").click()
    colours["paused in rest"] = surface(page)
    button(page, "Resume").click()
    page.clock.run_for(210_000)
    assert snap(page)["phase"] == "done"
    colours["done"] = surface(page)
    add_timer(page, EVERY_PHASE)
    button(page, "Start", 1).click()
    for _ in range(4):  # get ready, work, rest, work: the cool-down
        button(page, "Skip phase", 1).click()
    assert snap(page, 1)["phase"] == "cooldown"
    colours["cooldown"] = surface(page, 1)

    assert colours["idle"]["colour"] == page_colour  # idle, the page's own palette
    assert colours["paused in rest"] == colours["rest"]
    phases = ["prepare", "work", "rest", "cooldown", "done"]
    assert len({colours[p]["colour"] for p in [*phases, "idle"]}) == 6, colours
    for state, seen in colours.items():
        assert set(seen["others"]) <= set(OWN_BACKGROUND), (state, seen["others"])
    assert page.errors == []


# WCAG contrast of an element's text against what is actually behind it: the element's and
# its ancestors' backgrounds composited over the canvas. Finishes CSS transitions first.
CONTRAST = (
    "(el) => {\n  "
    + FINISH
    + """
  const parse = (c) => {
    let m = /^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/.exec(c);
    if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
    m = /^color\\(srgb ([\\d.]+) ([\\d.]+) ([\\d.]+)(?: \\/ ([\\d.]+))?\\)$/.exec(c);
    if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    throw new Error('unparsed colour ' + c);
  };
  const over = ([r, g, b, a], [R, G, B]) =>
    [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  const chain = [];
  for (let e = el; e; e = e.parentElement) chain.unshift(e);
  let bg = [255, 255, 255, 1];
  for (const e of chain) bg = over(parse(getComputedStyle(e).backgroundColor), bg);
  const fg = over(parse(getComputedStyle(el).color), bg);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""
)

TEXT = (
    ".drill-timer__label, .drill-timer__clock, .drill-timer__count, .drill-timer__next, "
    ".drill-timer__meta, drill-timer summary, drill-timer legend, drill-timer label, "
    "drill-timer input"
)


def contrasts(page: Page, state: str) -> dict[str, float]:
    found = page.locator(f"drill-timer button:visible:enabled, {TEXT}").evaluate_all(
        f"""(els) => {{ const contrast = {CONTRAST};
          return els.filter((e) => e.getClientRects().length).map((e) =>
            [e.localName + ' ' + (e.textContent || e.className).trim(), contrast(e)]); }}"""
    )
    return {f"{state}: {name} #{i}": round(ratio, 2) for i, (name, ratio) in enumerate(found)}


@PALETTES
def test_text_and_buttons_meet_wcag_aa_contrast_in_every_state(page, base_url, color_scheme):
    open_timer(page, base_url + f"drills/{DRILL}/")
    scheme = {"light": "default", "dark": "slate"}[color_scheme]
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    expect(dock(page)).to_be_visible()
    ratios = contrasts(page, "idle, docked")
    timer_ui(page).get_by_text("Edit timer").click()
    ratios |= contrasts(page, "idle")
    button(page, "Start").click()  # focused and hovered, as on a phone
    ratios |= contrasts(page, "get ready, Pause hovered")
    page.clock.run_for(12_000)
    ratios |= contrasts(page, "work")
    button(page, "Pause").focus()
    page.keyboard.press("Tab")  # keyboard focus on the next button
    ratios |= contrasts(page, "keyboard focus")
    button(page, "Sound on").click()
    ratios |= contrasts(page, "Sound off, hovered")
    button(page, "Reset").click()
    ratios |= contrasts(page, "Tap again to reset")
    scroll_to_top(page)
    expect(dock(page)).to_be_visible()
    ratios |= contrasts(page, "work, docked")
    button(page, "Skip phase").hover()
    ratios |= contrasts(page, "Skip hovered")
    button(page, "Skip phase").click()
    ratios |= contrasts(page, "rest")
    button(page, "Pause").click()
    ratios |= contrasts(page, "paused, Resume hovered")
    edit(page, 0, 40, 4)
    ratios["error message"] = round(timer_ui(page).get_by_role("alert").evaluate(CONTRAST), 2)
    button(page, "Resume").click()
    page.clock.run_for(210_000)
    ratios |= contrasts(page, "done")
    add_timer(page, EVERY_PHASE)
    button(page, "Start", 1).click()
    for _ in range(4):
        button(page, "Skip phase", 1).click()
    assert snap(page, 1)["phase"] == "cooldown"
    ratios |= contrasts(page, "cool-down")
    low = {k: v for k, v in ratios.items() if v < 4.5}
    assert not low, low
    assert len(ratios) > 100


# --- controls sized for thumbs, and touch without hover -------------------------------------

# Where the controls fall short: the main button must span the surface's width; every button
# and the Edit summary must be 44 px each way, with 8 px between any two.
TARGETS = """(el) => {
  const shown = (e) => e.getClientRects().length > 0;
  const ui = el.querySelector('.drill-timer__ui'), style = getComputedStyle(ui);
  const width = ui.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const main = ui.querySelector('.drill-timer__main').getBoundingClientRect();
  const problems = [];
  if (Math.abs(main.width - width) > 1) problems.push(`main button ${main.width} of ${width}`);
  const targets = [...el.querySelectorAll('button, summary')].filter(shown)
    .map((e) => [e.textContent.trim(), e.getBoundingClientRect()]);
  for (const [name, r] of targets) {
    if (r.width < 44 || r.height < 44) problems.push(`${name}: ${r.width} × ${r.height}`);
  }
  targets.forEach(([a, p], i) => targets.slice(i + 1).forEach(([b, q]) => {
    const gap = Math.max(q.left - p.right, p.left - q.right, q.top - p.bottom, p.top - q.bottom);
    if (gap < 7.5) problems.push(`${a} / ${b}: ${gap} px apart`);
  }));
  return problems;
}"""


def test_main_button_spans_the_width_and_the_others_are_thumb_sized_and_apart(page, base_url):
    open_timer(page, base_url + f"sessions/{SESSION}/")
    element = page.locator("drill-timer")
    problems = {"idle": element.evaluate(TARGETS)}
    button(page, "Start").click()
    problems["running"] = element.evaluate(TARGETS)
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    expect(dock(page)).to_be_visible()
    problems["docked"] = element.evaluate(TARGETS)
    assert problems == {"idle": [], "running": [], "docked": []}


def test_a_tapped_button_looks_like_an_untapped_one_on_a_touch_screen(browser, base_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + f"drills/{DRILL}/")
    page.locator(".drill-timer__main").wait_for()
    assert page.evaluate("matchMedia('(hover: hover)').matches") is False
    look = """(b) => { const s = getComputedStyle(b); return [s.color, s.backgroundColor,
      s.borderColor, s.boxShadow, s.outlineStyle, s.opacity]; }"""
    untapped = button(page, "Voice off").evaluate(look)
    button(page, "Sound on").tap()
    tapped = button(page, "Sound off")
    assert tapped.evaluate("b => b.matches(':hover')")  # phones leave a tapped button hovered
    assert tapped.evaluate(look) == untapped
    context.close()


# --- fullscreen and the Focus view -------------------------------------------------------------

# Where the big view falls short of the screen: the timer must cover the viewport and be what
# shows at its corners and middle, and everything it shows must lie inside it, with no text
# spilling out of its box and nothing to scroll sideways.
FITS = """(el) => {
  const W = innerWidth, H = innerHeight, problems = [];
  const r = el.getBoundingClientRect();
  if (r.left || r.top || r.width !== W || r.height !== H) {
    problems.push(`timer at ${r.left},${r.top}, ${r.width} × ${r.height}`);
  }
  const corners = [[1, 1], [W - 1, 1], [1, H - 1], [W - 1, H - 1]];
  for (const [x, y] of [...corners, [W / 2, 24], [W / 2, H / 2]]) {
    const top = document.elementFromPoint(x, y);
    if (!el.contains(top)) problems.push(`${x},${y} shows ${top?.localName}.${top?.className}`);
  }
  for (const e of el.querySelectorAll('.drill-timer__ui *')) {
    if (e.closest('.drill-timer__sr') || !e.getClientRects().length) continue;
    const b = e.getBoundingClientRect(), name = e.className || e.localName;
    if (b.left < -0.5 || b.top < -0.5 || b.right > W + 0.5 || b.bottom > H + 0.5) {
      problems.push(`${name} at ${b.left},${b.top} to ${b.right},${b.bottom}`);
    }
    if (e.clientWidth && e.scrollWidth > e.clientWidth + 1) problems.push(`${name} spills out`);
  }
  if (document.documentElement.scrollWidth > W) problems.push('the page scrolls sideways');
  return problems;
}"""


@pytest.mark.parametrize("viewport", [PHONE, PHONE_SIDEWAYS], ids=["upright", "sideways"])
@pytest.mark.parametrize("view", ["Fullscreen", "Focus view"])
def test_big_view_fills_the_screen_and_fits_either_way_up(page, base_url, view):
    if view == "Focus view":
        page.add_init_script(NO_FULLSCREEN)  # as on iPhone Safari
    open_timer(page, base_url + f"sessions/{SESSION}/")  # the longest labels
    element = page.locator("drill-timer")
    button(page, view).click()
    if view == "Fullscreen":
        page.wait_for_function("document.fullscreenElement?.localName === 'drill-timer'")
    else:
        expect(element).to_have_class(re.compile(r"\bdrill-timer--focus\b"))
        assert page.evaluate("getComputedStyle(document.documentElement).overflow") == "hidden"
    expect(button(page, f"Exit {view.lower()}")).to_be_visible()

    problems = {}

    def check() -> None:
        s = snap(page)
        state = f"{s['label']} ({s['count']})"
        problems[state] = element.evaluate(FITS) + element.evaluate(TARGETS)

    check()
    button(page, "Start").click()
    check()
    for _ in range(4):
        button(page, "Skip phase").click()
    assert snap(page)["label"].startswith("Walk to the start — next: ")
    check()
    for _ in range(13):  # through three timed drills and the walks after them, to the run
        button(page, "Skip phase").click()
    assert (snap(page)["label"], snap(page)["main"]) == ("Power skip — 20 m", "Done")  # a run
    check()
    for tap in ["Done", "Go", "Done"]:
        button(page, tap).click()
    assert snap(page)["state"] == "done"
    check()
    expect(dock(page)).to_have_count(0)  # the big view needs no dock
    assert problems == {state: [] for state in problems}

    if view == "Focus view":  # Esc leaves it, as it leaves fullscreen
        page.keyboard.press("Escape")
        expect(element).not_to_have_class(re.compile(r"\bdrill-timer--focus\b"))
        assert page.evaluate("getComputedStyle(document.documentElement).overflow") != "hidden"
    else:
        button(page, "Exit fullscreen").click()
        page.wait_for_function("document.fullscreenElement === null")
    expect(button(page, view)).to_be_visible()
    assert page.errors == []
