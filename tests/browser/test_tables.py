"""Every table on the site reads at a phone's width: nothing spills out of its cell or off the
screen, and no word is broken mid-letter ("Hig / h- / kne / e / run"). Every built page is
checked (found by walking site/), so a new table is covered without editing this file."""

from __future__ import annotations

from pathlib import Path

import pytest

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}

# For each visible cell: does its content overflow it, and which words wrap across lines? A
# word is a run of letters and digits with the hyphen, dash or slash that ends it: "High-knee"
# may break after "High-" as a reader expects, never inside "High". A word broken inside has
# client rects on more than one line.
MEASURE = """() => {
  const WORD = /[^\\s\\-\\u2010-\\u2014/]+[\\-\\u2010-\\u2014/]?/gu;
  const problems = [];
  const visible = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  for (const table of document.querySelectorAll('article table')) {
    if (!visible(table)) continue;
    const right = table.getBoundingClientRect().right;
    const limit = (table.closest('.md-typeset__table') || table.parentElement)
      .getBoundingClientRect().right;
    if (right > Math.max(limit, document.documentElement.clientWidth) + 1)
      problems.push(`${table.className}: ${Math.round(right)} px wide, off the screen`);
    for (const cell of table.querySelectorAll('th, td, caption')) {
      if (!visible(cell)) continue;
      if (cell.scrollWidth > cell.clientWidth + 1)
        problems.push(`${table.className}: "${cell.textContent.trim().slice(0, 40)}" overflows`);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!visible(node.parentElement)) continue;
        for (const match of node.data.matchAll(WORD)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()]
            .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push(`${table.className}: "${match[0]}" broken across lines`);
        }
      }
    }
  }
  return problems;
}"""


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_no_table_overflows_or_breaks_a_word_mid_letter(browser, base_url, built_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    report, tables = {}, 0
    for path in _pages(built_site):
        page.goto(base_url + path)
        tables += page.locator("article table:visible").count()
        if problems := page.evaluate(MEASURE):
            report[path or "/"] = problems
    context.close()
    assert tables >= 5  # the facts, faults, claims and both indexes at least
    assert report == {}


def test_the_check_catches_a_word_broken_mid_letter(browser, base_url):
    """The measurement itself: the theme's break-anywhere links, squeezed, are caught."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "drills/high-knee-run/")
    # Through the CSSOM: the site's Content-Security-Policy refuses an inline <style>.
    page.evaluate(
        """() => document.querySelectorAll('table.drill-facts td').forEach((td) => {
            td.style.wordBreak = 'break-all';
            td.style.width = '2.5rem';
        })"""
    )
    problems = page.evaluate(MEASURE)
    context.close()
    assert any("broken across lines" in p for p in problems)
