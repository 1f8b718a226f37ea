"""The site opens in a real browser without errors and the drill timer comes alive."""

from __future__ import annotations


def test_drill_page_loads_without_console_errors(page, base_url):
    page.goto(base_url + "drills/high-knee-run/")
    page.get_by_role("button", name="Start").first.wait_for()  # the dock may repeat it
    assert page.title() == "High-knee run - drillbook"
    assert page.errors == []
