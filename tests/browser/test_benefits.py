"""The benefits page for a reader who is not an expert: each claim leads with its verdict (an
icon and words, on one line) and its bottom line; its sources wait, folded, under it."""

from __future__ import annotations

import pytest

from macros.data.load import load_for_build
from tests.project import ROOT

SITE = load_for_build(ROOT)


@pytest.fixture(params=[{"width": 390, "height": 844}, {"width": 1366, "height": 900}], ids=str)
def viewport(request) -> dict:
    return request.param


def test_every_verdict_pill_is_one_line_with_an_icon(page, base_url):
    page.goto(base_url + "benefits/")
    pills = page.locator("article .verdict")
    assert pills.count() == 2 * len(SITE.claims)  # the summary table and each claim
    for i in range(pills.count()):
        pill = pills.nth(i)
        # One line: the pill's height is its line height, whatever the column's width.
        one_line = pill.evaluate(
            "e => e.getClientRects().length === 1"
            " && e.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).lineHeight)"
        )
        assert one_line, pill.inner_text()
        assert pill.locator("svg.verdict-icon[aria-hidden=true]").count() == 1


def test_each_claim_leads_with_its_verdict_and_bottom_line(page, base_url):
    page.goto(base_url + "benefits/")
    for claim in SITE.claims:
        lead = page.locator(f"#{claim.id} + .claim > p.claim-verdict")
        text = " ".join(lead.inner_text().split())
        bottom_line = " ".join(claim.bottom_line.split())
        assert text == f"Verdict: {claim.verdict.capitalize()} {bottom_line}"
        # "Verdict:" is for screen readers; on screen the pill says it.
        hidden = lead.locator(".visually-hidden")
        assert hidden.text_content() == "Verdict: "
        assert hidden.bounding_box()["width"] <= 1


def test_sources_are_folded_and_a_marker_opens_them(page, base_url):
    page.goto(base_url + "benefits/")
    claim = SITE.claims[1]
    sources = page.locator(f"#{claim.id} + .claim details.claim-sources")
    assert not sources.evaluate("e => e.open")
    assert not sources.locator("ol.sources").is_visible()
    marker = page.locator(f"#{claim.id} + .claim sup.cite a").first
    target = marker.get_attribute("href").split("#")[1]
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    assert sources.evaluate("e => e.open")
    assert page.locator(f"[id='{target}']").is_visible()
