"""Key-position figures in real Chromium: every drill page shows its figures as described,
visible images; the loop animates only without reduced motion and never on paper; the figures
follow the palette."""

from __future__ import annotations

import pytest

from macros.data.load import load

from ..project import ROOT

SITE = load(ROOT)
DRILLS = sorted(SITE.drills)

FIGURES = """() => [...document.querySelectorAll('.drill-figures__strip svg[role=img]')]
.map(svg => {
  const r = svg.getBoundingClientRect();
  const ref = (attr) => document.getElementById(svg.getAttribute(attr))?.textContent ?? null;
  return { title: svg.querySelector('title')?.textContent, name: ref('aria-labelledby'),
           desc: ref('aria-describedby'), width: r.width, height: r.height,
           right: r.right, color: getComputedStyle(svg).color };
})"""
LOOP_ANIMATIONS = """() => document.getAnimations()
  .filter(a => (a.animationName || '').startsWith('drill-figures-')).length"""


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
        assert fig["width"] > 40 and fig["height"] > 100  # drawn, at a readable size
        assert fig["right"] <= viewport  # the strip fits a phone without scrolling sideways
    assert page.errors == []


def test_loop_animates_only_when_opened_without_reduced_motion(browser, base_url):
    context = browser.new_context(reduced_motion="no-preference")
    page = context.new_page()
    page.goto(base_url + "drills/high-knee-run/")
    play = page.locator(".drill-figures__play")
    assert play.is_visible()
    play.locator("summary").click()
    frames = play.locator(".drill-figures__frame")
    assert frames.count() == len(SITE.drills["high-knee-run"].keyframes)
    assert frames.first.locator("svg").bounding_box()["height"] > 0
    assert page.evaluate(LOOP_ANIMATIONS) == frames.count()
    names = frames.evaluate_all("fs => fs.map(f => getComputedStyle(f).animationName)")
    assert names == ["drill-figures-3"] * 3
    delays = frames.evaluate_all("fs => fs.map(f => getComputedStyle(f).animationDelay)")
    assert delays == ["0s", "0.7s", "1.4s"]  # each frame in its turn
    context.close()


def test_reduced_motion_turns_the_loop_off(browser, base_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "drills/push-off-run/")
    assert not page.locator(".drill-figures__play").is_visible()
    page.evaluate("document.querySelector('.drill-figures__play').open = true")
    names = page.locator(".drill-figures__frame").evaluate_all(
        "fs => fs.map(f => getComputedStyle(f).animationName)"
    )
    assert names == ["none"] * 3
    assert page.evaluate(LOOP_ANIMATIONS) == 0
    # The strip itself still shows every position.
    assert page.locator(".drill-figures__strip svg").count() == 3
    context.close()


def test_on_paper_the_figures_print_small_and_the_loop_does_not(page, base_url):
    page.goto(base_url + "drills/high-knee-run/")
    page.evaluate("document.querySelector('.drill-figures__play').open = true")
    page.emulate_media(media="print", reduced_motion="no-preference")
    assert not page.locator(".drill-figures__play").is_visible()
    assert page.evaluate(LOOP_ANIMATIONS) == 0
    heights = page.locator(".drill-figures__strip svg").evaluate_all(
        "svgs => svgs.map(s => s.getBoundingClientRect().height)"
    )
    assert len(heights) == 3
    assert all(abs(h - 22 * 96 / 25.4) < 1 for h in heights)  # 22 mm


def test_figures_follow_the_palette(browser, base_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url + "drills/small-step-run/")
        text = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
        colours[scheme] = {f["color"] for f in page.evaluate(FIGURES)}
        assert colours[scheme] == {text}
        context.close()
    assert colours["light"] != colours["dark"]
