"""The built home page and drill finder: cards in teaching order that link their drill, the
warm-up button, the finder's markup and choices. (In a browser: tests/browser/.)"""

from __future__ import annotations

from urllib.parse import urlsplit

from macros.data.load import load
from macros.render import timer
from macros.render.order import LEVELS, session_order, teaching_order

from .htmltree import tree
from .pagetext import norm
from .project import ROOT

SITE = load(ROOT)
ORDER = teaching_order(SITE.drills)


def _page(site, path: str):
    return tree((site / path / "index.html").read_text(encoding="utf-8"))


def _slug(href: str) -> str:
    """'drills/high-knee-run/' (from home) or '../high-knee-run/' (from drills/) -> slug."""
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def test_home_cards_list_every_drill_in_teaching_order(built_site):
    cards = _page(built_site, "").find("ol.drill-cards").find_all("li.drill-card")
    assert [_slug(card.find("a").attrs["href"]) for card in cards] == ORDER
    assert ORDER.index("small-step-run") < ORDER.index("push-off-run")


def test_each_home_card_is_one_link_with_figure_name_level_and_purpose(built_site):
    cards = _page(built_site, "").find("ol.drill-cards").find_all("li.drill-card")
    for slug, card in zip(ORDER, cards, strict=True):
        drill = SITE.drills[slug]
        links = card.find_all("a")
        assert len(links) == 1 and links[0].text == drill.name
        assert links[0].attrs["href"] == f"drills/{slug}/"
        figure = card.find("svg")
        assert figure.attrs.get("aria-hidden") == "true" and "id" not in figure.attrs
        assert card.find("span.level").text == drill.level.capitalize()
        purpose = card.find("p.drill-card__purpose").text
        assert purpose and norm(drill.summary).startswith(purpose)
        assert purpose.endswith(".") and len(purpose) < len(norm(drill.summary))


def test_start_the_warm_up_opens_the_first_session_at_its_timer(built_site):
    first = session_order(SITE.sessions)[0]
    button = _page(built_site, "").find("p.warm-up").find("a")
    assert button.text == "Start the warm-up"
    assert button.attrs["href"] == f"sessions/{first}/#interval-timer"
    session = _page(built_site, f"sessions/{first}")
    heading = next(e for e in session.iter() if e.attrs.get("id") == "interval-timer")
    assert heading.tag == "h2"
    assert session.find("drill-timer")


def test_finder_lists_every_drill_in_teaching_order_with_what_it_filters_on(built_site):
    finder = _page(built_site, "drills").find("drill-finder")
    rows = finder.find("table.drills-index").find("tbody").find_all("tr")
    assert [_slug(row.find("a").attrs["href"]) for row in rows] == ORDER
    for slug, row in zip(ORDER, rows, strict=True):
        drill = SITE.drills[slug]
        assert row.attrs["data-level"] == drill.level
        assert row.attrs["data-muscles"].split("|") == drill.primary_muscles
        assert row.attrs["data-equipment"].split("|") == (drill.equipment or ["none"])
        assert row.attrs["data-names"].split("|") == [n.lower() for n in drill.all_names]
        assert row.find("svg").attrs.get("aria-hidden") == "true"


def test_finder_form_is_hidden_without_javascript_and_left_out_of_search(built_site):
    form = _page(built_site, "drills").find("drill-finder").find("form")
    assert "hidden" in form.attrs
    assert "data-search-exclude" in form.attrs


def test_finder_offers_only_values_some_drill_has(built_site):
    form = _page(built_site, "drills").find("drill-finder").find("form")
    drills = SITE.drills.values()
    levels = [i for i in form.find_all("input") if i.attrs.get("name") == "level"]
    assert {i.attrs["type"] for i in levels} == {"checkbox"}  # none ticked: every level
    assert [i.attrs["value"] for i in levels] == [
        level for level in LEVELS if level in {d.level for d in drills}
    ]
    selects = {s.attrs["name"]: s for s in form.find_all("select")}
    muscles = [o.attrs["value"] for o in selects["muscle"].find_all("option")]
    assert muscles[0] == "" and set(muscles[1:]) == {m for d in drills for m in d.primary_muscles}
    equipment = [o.attrs["value"] for o in selects["equipment"].find_all("option")]
    expected = {e for d in drills for e in d.equipment}
    expected |= {"none" for d in drills if not d.equipment}
    assert equipment[0] == "" and set(equipment[1:]) == expected
    for control in [*form.find_all("select"), *form.find_all("input")]:
        if control.attrs.get("type") != "checkbox":  # named by the <label> around it
            assert form.find_all("label") and control.attrs["id"] in {
                label.attrs.get("for") for label in form.find_all("label")
            }


def test_sessions_index_lists_sessions_easiest_first(built_site):
    rows = _page(built_site, "sessions").find("table.sessions-index").find("tbody").find_all("tr")
    assert [_slug(row.find("a").attrs["href"]) for row in rows] == session_order(SITE.sessions)


def test_sessions_index_time_says_when_runs_and_walk_backs_come_on_top(built_site):
    rows = _page(built_site, "sessions").find("table.sessions-index").find("tbody").find_all("tr")
    for row in rows:
        slug = _slug(row.find("a").attrs["href"])
        plan = timer.session_plan(slug, SITE.sessions[slug], SITE)
        (shown,) = [td.text for td in row.find_all("td") if td.attrs.get("data-label") == "Time"]
        clock = timer.clock(timer.total_seconds(plan))
        open_runs = timer.has_open_phases(plan)
        assert shown == (f"{clock} + runs and walk-backs" if open_runs else clock)
