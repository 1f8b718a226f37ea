"""Key-position figures in real Chromium: every drill page shows its figures as described,
readable images (240 px and more on a laptop, across the column on a phone, 45 mm on paper on
every drill sheet, A4 and Letter);
the caption's part in colour, the far limbs pale; the movement plays and pauses from a real
button, draws the frames the fast tests check, and stays still and out of sight with reduced
motion, on paper and without JavaScript."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import expect

from macros.data import pose
from macros.data.load import load
from macros.postbuild.overflow import show_as_printed
from macros.render import movement

from ..figure_geometry import joints, key_times
from ..project import ROOT

SITE = load(ROOT)
DRILLS = sorted(SITE.drills)
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
MM = 96 / 25.4  # CSS pixels per millimetre
PAPERS = ("A4", "Letter")

FIGURES = """() => [...document.querySelectorAll('.drill-figures__strip svg[role=img]')]
.map(svg => {
  const r = svg.getBoundingClientRect();
  const ref = (attr) => document.getElementById(svg.getAttribute(attr))?.textContent ?? null;
  return { title: svg.querySelector('title')?.textContent, name: ref('aria-labelledby'),
           desc: ref('aria-describedby'), width: r.width, height: r.height,
           left: r.left, right: r.right, color: getComputedStyle(svg).color };
})"""

# A shoe's length on screen: its own width, before its group turns it, at the screen's scale.
SHOE_LENGTH = """(foot) => {
  const m = foot.getScreenCTM();
  return foot.getBBox().width * Math.hypot(m.a, m.b);
}"""

# How far any drawn shape, its stroke included, spills out of its figure (px; 0 = nothing cut).
SPILL = """() => Math.max(0,
...[...document.querySelectorAll('.drill-figures__strip svg[role=img]')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('path:not(.drill-figure__ground), circle')].map(el => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const half = style.stroke === 'none' ? 0 : parseFloat(style.strokeWidth) * scale / 2;
    return Math.max(box.left - (r.left - half), (r.right + half) - box.right,
                    box.top - (r.top - half));
  });
}))"""

# Each joint of the movement figure in its SVG's user units, as Chromium draws it now: the
# segment paths' ends through their current (animated) transforms.
DRAWN_JOINTS = """(svg) => {
  const toUser = svg.getCTM().inverse();
  const at = (el, x, y) => {
    const p = new DOMPoint(x, y).matrixTransform(toUser.multiply(el.getCTM()));
    return [p.x, p.y];
  };
  const out = {};
  for (const [side, group] of [['right', '.drill-figure__far'], ['left', '.drill-figure__near']]) {
    const g = svg.querySelector(group);
    const end = (cls) => {
      const el = g.querySelector('.drill-figure__' + cls);
      const last = el.getPointAtLength(el.getTotalLength());
      return at(el, last.x, last.y);
    };
    out[side + '_knee'] = end('thigh');
    out[side + '_ankle'] = end('shin');
    out[side + '_wrist'] = end('forearm');
  }
  const trunk = svg.querySelector('.drill-figure__trunk');
  out.hip = at(trunk, 0, 0);
  return out;
}"""


def _rgba(css: str) -> tuple[float, ...]:
    """A computed colour, "rgba(0, 0, 0, 0.87)" or "color(srgb 0 0 0)", as 0-255 channels and
    an alpha."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    channels = numbers[:3] if css.startswith("rgb") else [n * 255 for n in numbers[:3]]
    return (*channels, numbers[3] if len(numbers) > 3 else 1.0)


def _context(browser, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


@pytest.mark.parametrize("slug", DRILLS)
def test_drill_page_shows_each_key_position_as_a_titled_described_figure(page, base_url, slug):
    page.goto(f"{base_url}drills/{slug}/")
    drill = SITE.drills[slug]
    shown = page.evaluate(FIGURES)
    assert [f["title"] for f in shown] == [kf.caption for kf in drill.keyframes]
    assert [f["name"] for f in shown] == [kf.caption for kf in drill.keyframes]
    viewport = page.viewport_size["width"]
    for fig in shown:
        assert fig["desc"].startswith("Side view, facing right: ")
        assert fig["right"] <= viewport  # the strip fits a phone without scrolling sideways
    assert page.errors == []


@pytest.mark.parametrize("slug", DRILLS)
def test_figures_are_240_px_tall_on_a_laptop_and_fill_a_phone_column(browser, base_url, slug):
    context, page = _context(browser, viewport=LAPTOP)
    page.goto(f"{base_url}drills/{slug}/")
    for fig in page.evaluate(FIGURES):
        assert fig["height"] >= 240, fig
    context.close()
    context, page = _context(browser, viewport=PHONE)
    page.goto(f"{base_url}drills/{slug}/")
    column = page.locator(".sheet-figures").bounding_box()
    shown = page.evaluate(FIGURES)
    # Two a row, across the column: each figure is nearly half of it wide, and the first row
    # spans it from edge to edge.
    for fig in shown:
        assert fig["width"] >= column["width"] * 0.45, fig
        assert fig["right"] <= column["x"] + column["width"] + 0.5
    assert shown[0]["left"] - column["x"] < 0.5
    assert column["x"] + column["width"] - shown[1]["right"] < 0.5
    # The feet are big enough to tell heel from ball: a shoe at least 30 px long, heel to toe,
    # whichever way it points (its box on screen shrinks when the toe points down).
    foot = page.locator(".drill-figures__strip .drill-figure__near .drill-figure__foot").first
    assert foot.evaluate(SHOE_LENGTH) >= 30
    assert page.evaluate(SPILL) < 0.5  # the tight sides cut nothing off
    context.close()


def test_movement_is_still_until_its_button_plays_it_and_pauses_it(browser, base_url):
    context, page = _context(browser, viewport=PHONE, reduced_motion="no-preference")
    page.goto(base_url + "drills/high-knee-run/")
    player = page.locator("drill-movement")
    button = player.get_by_role("button", name="Play the movement")
    assert player.is_visible() and button.get_attribute("aria-pressed") == "false"
    figure = player.locator("svg.drill-figure")
    assert figure.bounding_box()["height"] >= 300  # larger than a key position's figure
    page.wait_for_timeout(300)
    assert figure.evaluate("s => s.animationsPaused() && s.getCurrentTime() === 0")
    assert button.locator(".drill-figures__icon-play").is_visible()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert button.locator(".drill-figures__icon-pause").is_visible()
    assert not button.locator(".drill-figures__icon-play").is_visible()
    page.wait_for_timeout(500)
    assert figure.evaluate("s => !s.animationsPaused() && s.getCurrentTime() > 0.2")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    held = figure.evaluate("s => s.getCurrentTime()")
    page.wait_for_timeout(300)
    assert figure.evaluate("s => s.animationsPaused() && s.getCurrentTime()") == held
    # From the keyboard: Tab reaches it, Space and Enter press it.
    button.focus()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "false"
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("slug", ["push-off-run", "small-step-run"])
def test_browser_draws_the_interpolated_frames_the_fast_tests_check(browser, base_url, slug):
    """Chromium's SMIL at each sampled instant and half-way between: the joints where
    tests/figure_geometry.py reads them from the same SVG (which the fast tier holds to the
    kinematics, segment lengths and ground contact)."""
    context, page = _context(browser, viewport=LAPTOP, reduced_motion="no-preference")
    page.goto(f"{base_url}drills/{slug}/")
    figure = page.locator("drill-movement svg.drill-figure")
    drawing = figure.evaluate("s => s.outerHTML")
    times = key_times(drawing)
    instants = times + [(a + b) / 2 for a, b in zip(times, times[1:], strict=False)]
    for t in instants[:: max(1, len(instants) // 40)]:
        drawn = figure.evaluate(
            f"s => {{ s.pauseAnimations(); s.setCurrentTime({t}); return ({DRAWN_JOINTS})(s); }}"
        )
        expected = joints(drawing, t)
        for name, point in drawn.items():
            assert math.dist(point, expected[name]) < 0.05, (t, name, point, expected[name])
    # And at a key position, exactly the figure of the strip.
    step = movement.HOLD + movement.MOVE
    drawn = figure.evaluate(f"s => {{ s.setCurrentTime({step}); return ({DRAWN_JOINTS})(s); }}")
    key = pose.pose_points(SITE.drills[slug].keyframes[1])
    assert math.dist(drawn["left_ankle"], key["left_ankle"]) < 0.05
    context.close()


def test_reduced_motion_hides_the_movement_and_keeps_the_key_positions(browser, base_url):
    context, page = _context(browser, reduced_motion="reduce")
    page.goto(base_url + "drills/push-off-run/")
    page.wait_for_timeout(300)
    player = page.locator("drill-movement")
    assert not player.is_visible()
    assert player.locator("svg.drill-figure").evaluate("s => s.animationsPaused()")
    assert page.locator(".drill-figures__strip svg").count() == 3
    assert page.locator(".drill-figures__strip svg").first.is_visible()
    # Asking for reduced motion while it plays stops it.
    page.emulate_media(reduced_motion="no-preference")
    player.get_by_role("button").click()
    assert not player.locator("svg.drill-figure").evaluate("s => s.animationsPaused()")
    page.emulate_media(reduced_motion="reduce")
    assert not player.is_visible()
    # The media query's change event comes at the browser's next rendering step, not at once.
    expect(player.get_by_role("button", include_hidden=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    assert player.locator("svg.drill-figure").evaluate("s => s.animationsPaused()")
    assert page.errors == []
    context.close()


def test_without_javascript_the_key_positions_show_and_no_dead_button(browser, base_url):
    context, page = _context(browser, java_script_enabled=False, reduced_motion="no-preference")
    page.goto(base_url + "drills/high-knee-run/")
    assert not page.locator("drill-movement").is_visible()
    assert page.locator(".drill-figures__strip svg").count() == 3
    assert page.locator(".drill-figures__legend").is_visible()
    context.close()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("slug", DRILLS)
def test_on_paper_every_figure_prints_45_mm_tall_with_its_legend(browser, base_url, slug, paper):
    """Laid out as the sheet prints (print media, the paper's page area, as the PDF step's
    overflow check lays it out): every key position 45 mm tall, whole, beside the cues and
    clear of them, with the legend, the movement left out; and the sheet still one page
    (tests/browser/test_print.py checks the PDFs themselves)."""
    context, page = _context(browser, reduced_motion="no-preference")
    area = show_as_printed(page, f"{base_url}drills/{slug}/", paper)
    found = page.evaluate(FIGURES)
    cues = page.locator(".sheet-cues").bounding_box()
    sheet = page.locator("article.sheet").bounding_box()
    legend = page.locator(".drill-figures__legend")

    assert len(found) == len(SITE.drills[slug].keyframes)
    assert all(f["height"] >= 45 * MM - 0.5 for f in found), [f["height"] / MM for f in found]
    assert max(f["right"] for f in found) <= cues["x"] - 5 * MM  # beside the cues, not under
    assert page.evaluate(SPILL) < 0.5  # nothing drawn is cut off
    strip = page.locator(".drill-figures__strip").bounding_box()
    assert legend.is_visible() and legend.bounding_box()["y"] >= strip["y"] + strip["height"]
    assert not page.locator("drill-movement").is_visible()
    assert sheet["y"] + sheet["height"] <= area + 0.5
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_follow_the_palette_with_the_focus_in_colour_and_far_limbs_pale(
    browser, base_url, scheme
):
    context, page = _context(browser, color_scheme=scheme)
    page.goto(base_url + "drills/small-step-run/")
    text = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    # The text's colour, made opaque (overlapping joints would darken a see-through one).
    r, g, b, _ = _rgba(text)
    for fig in page.evaluate(FIGURES):
        assert _rgba(fig["color"]) == pytest.approx((r, g, b, 1), abs=0.6)
    text = page.evaluate(FIGURES)[0]["color"]
    colour = "el => getComputedStyle(el).color"
    strip = page.locator(".drill-figures__strip")
    near = strip.locator(".drill-figure__near .drill-figure__shin").first.evaluate(colour)
    far = strip.locator(".drill-figure__far .drill-figure__shin").first.evaluate(colour)
    # Key position 2 is about the right (far) foot: drawn in colour, not in the pale grey.
    focus = (
        strip.locator("svg")
        .nth(1)
        .locator(".drill-figure__focus")
        .evaluate_all(
            "els => els.map(el => [el.closest('.drill-figure__far') !== null,"
            " getComputedStyle(el).color])"
        )
    )
    assert near == text and far != text
    assert focus and all(in_far for in_far, _ in focus)
    assert {c for _, c in focus} not in ({text}, {far})
    assert len({c for _, c in focus}) == 1
    # The legend's keys are drawn as the figures are.
    legend = page.locator(".drill-figures__legend")
    assert legend.locator(".drill-figure__focus").evaluate(colour) == focus[0][1]
    assert legend.locator(".drill-figure__far").evaluate(colour) == far
    context.close()
    if scheme == "dark":
        context, page = _context(browser, color_scheme="light")
        page.goto(base_url + "drills/small-step-run/")
        light_text = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
        assert light_text != text
        context.close()
