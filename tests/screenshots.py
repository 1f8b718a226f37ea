"""Retake the README's screenshots (docs/assets/screenshots/): `make screenshots`.

    python -m tests.screenshots

Not a test: it builds the site, serves it on loopback and photographs it with the same
Chromium as the browser tests, at a phone's size. Time is faked (Playwright's clock) so a
running timer shows the same second on every retake. Look at the pictures before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from macros.data.load import load
from macros.postbuild.browser import CHROMIUM_ARGS, chromium_path, serve

from .project import ROOT, mkdocs_build

OUT = ROOT / "docs" / "assets" / "screenshots"
PHONE = {"width": 390, "height": 844}
LANDSCAPE = {"width": 844, "height": 390}
LAPTOP = {"width": 1366, "height": 900}
TIMER_DRILL = "high-knee-run"


def _running(browser, base_url: str, viewport: dict, scheme: str):
    """A drill page's timer 12 s into round 1's work (0:08 left)."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.clock.install(time=0)
    page.goto(f"{base_url}drills/{TIMER_DRILL}/")
    page.locator("drill-timer .drill-timer__main").wait_for()
    page.clock.pause_at(1_000)
    page.locator("drill-timer .drill-timer__main").click()
    page.clock.run_for(22_000)
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    return context, page


def timer_running(browser, base_url: str, out: Path) -> None:
    """The timer in a work phase on a phone, light and dark; the Focus view on its side."""
    for scheme, name in (("light", "timer.png"), ("dark", "timer-dark.png")):
        context, page = _running(browser, base_url, PHONE, scheme)
        # From the top down, as a reader scrolls: Material shows "Back to top" on the way up.
        page.evaluate("scrollTo(0, 0)")
        page.clock.run_for(500)
        page.locator(".drill-timer__ui").evaluate("ui => ui.scrollIntoView({block: 'center'})")
        page.clock.run_for(1_000)  # Material hides its header on scroll; let it settle
        page.screenshot(path=out / name)
        context.close()
    context, page = _running(browser, base_url, LANDSCAPE, "light")
    page.evaluate("document.querySelector('drill-timer').classList.add('drill-timer--focus')")
    page.clock.run_for(1_000)
    page.screenshot(path=out / "timer-focus-landscape.png")
    context.close()


def figures(browser, base_url: str, out: Path, slug: str) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="light", reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{base_url}drills/{slug}/")
    # The key positions and their legend (reduced motion: the movement figure is not shown),
    # taller than the screen: the header, fixed at the top, would cover their top.
    page.evaluate("document.querySelector('.md-header').style.visibility = 'hidden'")
    page.locator(".drill-figures").screenshot(path=out / f"figures-{slug}.png")
    context.close()


def first_screen(browser, base_url: str, out: Path, path: str, name: str, **options) -> None:
    """A page's first screen as a reader opens it (``options``: viewport, color_scheme)."""
    options = {"viewport": PHONE, "color_scheme": "light", **options}
    context = browser.new_context(reduced_motion="reduce", **options)
    page = context.new_page()
    page.goto(base_url + path)
    page.mouse.move(0, 0)
    page.screenshot(path=out / f"{name}.png")
    context.close()


def home_and_finder(browser, base_url: str, out: Path) -> None:
    first_screen(browser, base_url, out, "", "home")
    first_screen(browser, base_url, out, "", "home-dark", color_scheme="dark")
    first_screen(browser, base_url, out, "drills/?level=beginner", "finder")
    first_screen(browser, base_url, out, "drills/", "finder-wide", viewport=LAPTOP)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = mkdocs_build(ROOT, site)
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        server, base_url = serve(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                timer_running(browser, base_url, OUT)
                home_and_finder(browser, base_url, OUT)
                for slug in sorted(load(ROOT).drills):
                    figures(browser, base_url, OUT, slug)
                browser.close()
        finally:
            server.shutdown()
    print(f"screenshots written to {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
