"""The theme's stylesheets, trimmed of unused rules (macros/postbuild/unused_css.py), style
every element exactly as Material's full stylesheets do: the same page is loaded twice, once
with the built files and once with the theme's originals swapped in, and every element's
computed style (and its ::before/::after) is compared, in both palettes and in the states the
theme's JavaScript makes (search results, the drawer)."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

# Every element's computed style, ::before and ::after included, keyed by its place. Custom
# properties are left out: one no kept rule reads changes nothing on screen, and one a kept
# rule reads shows in that rule's property.
COMPUTED = """
() => {
  const names = [...getComputedStyle(document.documentElement)].filter((n) => !n.startsWith('--'));
  const out = {};
  document.querySelectorAll('*').forEach((el, i) => {
    const classes = typeof el.className === 'string' ? el.className.trim() : '';
    const key = i + ' ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (classes ? '.' + classes.split(/\\s+/).sort().join('.') : '');
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      // A ::before/::after with no content draws nothing: its other values do not matter.
      const drawn = !pseudo || style.getPropertyValue('content') !== 'none';
      out[key + (pseudo || '')] = drawn ? names.map((n) => style.getPropertyValue(n)) : 'none';
    }
  });
  // One string: far quicker to pass than a few hundred thousand values.
  return JSON.stringify({ names, out });
}
"""


def _search(page):
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").press_sequentially("knee")
    page.locator("li.md-search-result__item").first.wait_for()


def _drawer(page):
    page.keyboard.press("Escape")
    page.locator('label.md-header__button[for="__drawer"]').click()


# What the theme's JavaScript changes, one after the other on the same page.
STATES = {
    "loaded": lambda page: None,
    "search results": _search,
    "drawer": _drawer,
}


def _file(path: Path):
    return lambda route: route.fulfill(path=path)


def _open(browser, url, color_scheme, original: bool):
    context = browser.new_context(
        viewport={"width": 412, "height": 915}, color_scheme=color_scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    if original:
        for name in ("main", "palette"):
            (path,) = THEME_CSS.glob(f"{name}.*.min.css")
            page.route(f"**/assets/stylesheets/{path.name}", _file(path))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize(
    "path, color_scheme",
    [("", "light"), ("drills/high-knee-run/", "dark"), ("sessions/sprint-drill-warm-up/", "light")],
)
def test_trimmed_theme_css_styles_every_element_as_the_full_one(
    browser, base_url, path, color_scheme
):
    trimmed, full = (_open(browser, base_url + path, color_scheme, o) for o in (False, True))
    for state, act in STATES.items():
        styles = []
        for page in (trimmed, full):
            act(page)
            page.wait_for_timeout(600)  # transitions the theme runs despite reduced motion
            styles.append(json.loads(page.evaluate(COMPUTED)))
        (names, a), (_, b) = ((s["names"], s["out"]) for s in styles)
        assert a.keys() == b.keys(), state
        differ = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
        if differ:
            key, (x, y) = next(iter(differ.items()))
            name, here, there = next(
                (n, v, w) for n, v, w in zip(names, list(x), list(y), strict=False) if v != w
            )
            pytest.fail(
                f"{state}: {len(differ)} element(s) styled differently, e.g. {key} "
                f"{name}: {here} (full: {there})"
            )
    for page in (trimmed, full):
        page.context.close()


def test_the_built_theme_css_is_trimmed(built_site):
    for name in ("main", "palette"):
        (built,) = (built_site / "assets" / "stylesheets").glob(f"{name}.*.min.css")
        original = THEME_CSS / built.name
        assert built.stat().st_size < 0.8 * original.stat().st_size, name
