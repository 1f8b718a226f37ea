"""The <drill-timer> widget in real Chromium, over time: plans, phases and taps, edits and
links, cues, the screen's APIs, navigation, and the page without JavaScript. Time is
Playwright's fake clock (see timer_page.py); the page is a phone's (390 × 844). The phone
layout itself (dock, colours, sizes, fullscreen) is test_timer_screen.py.
"""

from __future__ import annotations

import copy
import json

import pytest
from playwright.sync_api import Page, expect

from macros.render import timer

from .timer_page import (
    AUDIO_LOG,
    DISTANCE_DRILL,
    DRILL,
    FRAME,
    HIDDEN_TAB,
    PHONE,
    PLANS,
    SESSION,
    SITE,
    WAKE_LOCK_STUB,
    Clock,
    add_timer,
    apply,
    button,
    edit,
    fill,
    open_timer,
    several_timers,
    snap,
    timer_ui,
    walk_every_phase,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def viewport() -> dict:
    return PHONE


def table_rows(plan: dict) -> list[list[str]]:
    """The no-JS table: a row per drill, and one per rest between drills."""
    rows = []
    for b in plan["blocks"]:
        rows.append([b["name"], timer.effort(b), timer.recovery(b), timer.rounds_text(b)])
        if b["after"]:
            rows.append([f"{b['after_label']}: {timer.span(b['after'])}"])
    return rows


# --- the page, the data and the engine agree -------------------------------------------------


def test_every_page_timer_runs_the_plan_from_its_data_as_python_expands_it(page, base_url):
    for path, plan in PLANS.items():
        page.goto(base_url + path)
        page.locator(".drill-timer__main").wait_for()
        element = page.locator("drill-timer")
        page_plan = json.loads(element.get_attribute("data-plan"))
        assert page_plan == plan, path
        # After an open phase nothing has a start yet: JS says Infinity, Python None.
        js = page.evaluate(
            """async (plan) => (await import('/assets/timer/engine.js')).phasesFromPlan(plan)
                 .map((p) => [p.kind, p.label, Number.isFinite(p.start) ? p.start : null,
                              p.open ? null : p.duration])""",
            page_plan,
        )
        py = [
            [
                p.kind,
                p.label,
                None if p.start is None else p.start * 1000,
                p.duration and p.duration * 1000,
            ]
            for p in timer.phases(plan)
        ]
        assert js == py, path
        # The printed plan: the same plan, compact.
        table = element.locator(".drill-timer__table")
        assert table.locator("caption").text_content() == f"Interval plan: {timer.describe(plan)}"
        rows = table.locator("tbody tr").evaluate_all(
            "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
        )
        assert rows == table_rows(plan), path
    assert page.errors == []


# --- running a plan ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [DRILL, DISTANCE_DRILL])
def test_drill_timer_runs_every_phase_with_its_counter_and_announcement(page, base_url, slug):
    open_timer(page, base_url + f"drills/{slug}/")
    s = snap(page)
    assert (s["state"], s["phase"], s["label"], s["clock"], s["status"]) == (
        "idle",
        "idle",
        "Get ready",
        "0:10",
        "",
    )
    button(page, "Start").click()
    walk_every_phase(page, PLANS[f"drills/{slug}/"])
    assert button(page, "Skip phase").is_disabled()
    assert page.errors == []


def test_session_timer_chains_the_drills_naming_each_phase(page, base_url):
    plan = PLANS[f"sessions/{SESSION}/"]
    assert len(plan["blocks"]) > 1 and timer.has_open_phases(plan)
    open_timer(page, base_url + f"sessions/{SESSION}/")
    button(page, "Start").click()
    walk_every_phase(page, plan)
    assert page.errors == []


def test_live_region_is_polite_and_changes_only_with_the_phase(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    status = page.locator("drill-timer [role=status]")
    assert page.get_by_role("timer").get_attribute("aria-live") == "off"
    button(page, "Start").click()
    t = Clock(page)
    seen = []
    for ms in range(0, 75_001, 500):  # every half second through prepare, work and rest
        t.to(ms)
        seen.append(status.text_content())
    changes = [text for i, text in enumerate(seen) if i == 0 or text != seen[i - 1]]
    assert changes == [
        "Get ready",
        "High-knee run — Work, round 1 of 4",
        "High-knee run — Rest, round 1 of 4",
        "High-knee run — Work, round 2 of 4",
    ]
    assert page.locator("drill-timer").get_by_role("status").count() == 1  # implicitly polite


def test_pause_keeps_the_remaining_time_and_resume_continues_from_it(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Start").click()
    t = Clock(page)
    t.to(12_500)  # 2.5 s into the first work phase
    button(page, "Pause").click()
    before = snap(page)
    assert (before["state"], before["clock"], before["main"]) == ("paused", "0:18", "Resume")
    page.clock.run_for(600_000)  # ten minutes on pause
    assert snap(page) == before
    button(page, "Resume").click()
    page.clock.run_for(17_499)
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("running", "High-knee run — Work", "0:01")
    page.clock.run_for(1 + FRAME)
    assert (snap(page)["label"], snap(page)["clock"]) == ("High-knee run — Rest", "0:40")


def test_skip_jumps_to_the_next_phase_running_or_paused(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    skip = button(page, "Skip phase")
    assert skip.is_disabled()
    button(page, "Start").click()
    page.clock.run_for(3_000)
    skip.click()
    s = snap(page)
    assert (s["label"], s["clock"], s["count"]) == ("High-knee run — Work", "0:20", "Round 1 of 4")
    assert s["meta"] == "Total left 3:20"  # 3:30 plan, skipped to 0:10
    button(page, "Pause").click()
    skip.click()
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("paused", "High-knee run — Rest", "0:40")


def test_reset_asks_for_a_second_tap_while_running_then_returns_to_the_start(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Start").click()
    page.clock.run_for(25_000)
    button(page, "Reset").click()  # one stray tap must not wipe a run
    page.clock.run_for(2_900)
    s = snap(page)
    assert (s["state"], s["clock"]) == ("running", "0:03")
    expect(button(page, "Tap again to reset")).to_be_visible()
    page.clock.run_for(100)  # 3 s on, the question lapses
    expect(button(page, "Reset")).to_be_visible()
    assert snap(page)["state"] == "running"

    button(page, "Reset").click()
    button(page, "Tap again to reset").click()
    s = snap(page)
    assert (s["state"], s["label"], s["clock"], s["main"], s["status"]) == (
        "idle",
        "Get ready",
        "0:10",
        "Start",
        "",
    )
    page.clock.run_for(60_000)
    assert snap(page)["clock"] == "0:10"

    # Paused, it asks too; once done, one tap resets.
    button(page, "Start").click()
    button(page, "Pause").click()
    button(page, "Reset").click()
    assert snap(page)["state"] == "paused"
    button(page, "Tap again to reset").click()
    assert snap(page)["state"] == "idle"
    button(page, "Start").click()
    page.clock.run_for(210_000 + FRAME)
    assert snap(page)["state"] == "done"
    button(page, "Reset").click()
    assert snap(page)["state"] == "idle"


def test_done_state_and_start_again(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Start").click()
    page.clock.run_for(210_000 + FRAME)
    s = snap(page)
    assert s == {
        "state": "done",
        "phase": "done",
        "label": "High-knee run",  # the plan's title
        "clock": "Done",
        "count": "Finished in 3:30 · 4 efforts",
        "next": "",
        "meta": "",
        "status": "Done",
        "main": "Start again",
        "error": "",
    }
    button(page, "Start again").click()
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("running", "Get ready", "0:10")


def test_sixty_minute_run_hits_every_boundary_and_ends_on_schedule(page, base_url):
    # 10 s prepare + 60 × 50 s work + 59 × 10 s rest = exactly 3600 s
    open_timer(page, base_url + f"drills/{DRILL}/#timer.{DRILL}=50-10x60")
    plan = copy.deepcopy(PLANS[f"drills/{DRILL}/"])
    plan["blocks"][0] |= {"work": 50, "rest": 10, "rounds": 60}
    assert timer.total_seconds(plan) == 3600
    button(page, "Start").click()
    walk_every_phase(page, plan)  # ends at 3600 s + one frame, "Finished in 60:00"
    assert page.errors == []


def test_a_distance_effort_waits_for_its_tap_and_the_walk_back_for_go(page, base_url):
    open_timer(page, base_url + f"drills/{DISTANCE_DRILL}/")
    button(page, "Start").click()
    t = Clock(page)
    t.to(10_000 + FRAME)
    expected = {
        "state": "running",
        "phase": "work",
        "label": "Push-off run — 20 m",
        "clock": "0:00",  # counting up
        "count": "Round 1 of 4 · tap when done",
        "meta": "Total left 0:00 + runs",
        "main": "Done",
    }
    s = snap(page)
    assert {k: s[k] for k in expected} == expected
    t.to(600_000)  # ten minutes: no time ends a run over a distance
    s = snap(page)
    assert (s["label"], s["clock"], s["main"]) == ("Push-off run — 20 m", "9:50", "Done")

    button(page, "Done").click()  # the runner is there: the walk back starts
    s = snap(page)
    assert (s["phase"], s["label"], s["clock"], s["count"], s["main"], s["status"]) == (
        "rest",
        "Push-off run — Walk back",
        "0:00",
        "Round 1 of 4 · tap when done",
        "Go",
        "Push-off run — Walk back, round 1 of 4",
    )
    t.to(t.t + 45_000)
    assert (snap(page)["label"], snap(page)["clock"]) == ("Push-off run — Walk back", "0:45")
    button(page, "Go").click()
    s = snap(page)
    assert (s["label"], s["clock"], s["count"]) == (
        "Push-off run — 20 m",
        "0:00",
        "Round 2 of 4 · tap when done",
    )

    # Space on the focused timer taps the same button.
    page.get_by_role("timer").click()
    page.keyboard.press(" ")
    assert (snap(page)["label"], snap(page)["main"]) == ("Push-off run — Walk back", "Go")
    page.keyboard.press(" ")
    assert (snap(page)["label"], snap(page)["count"]) == (
        "Push-off run — 20 m",
        "Round 3 of 4 · tap when done",
    )

    # Skip closes it too.
    button(page, "Skip phase").click()
    assert (snap(page)["label"], snap(page)["count"]) == (
        "Push-off run — Walk back",
        "Round 3 of 4 · tap when done",
    )
    assert page.errors == []


# --- keyboard --------------------------------------------------------------------------------


def test_space_toggles_start_and_pause_when_the_timer_has_focus(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("timer").click()  # focuses the widget, not a control
    assert page.evaluate("document.activeElement.localName") == "drill-timer"
    y = page.evaluate("scrollY")
    page.keyboard.press(" ")
    assert snap(page)["state"] == "running"
    page.clock.run_for(2_000)
    page.keyboard.press(" ")
    assert (snap(page)["state"], snap(page)["clock"]) == ("paused", "0:08")
    assert page.evaluate("scrollY") == y  # Space did not scroll the page
    # On a button, Space is the button's own: Reset asks, resets, and nothing toggles as well.
    button(page, "Reset").focus()
    page.keyboard.press(" ")
    assert snap(page)["state"] == "paused"
    page.keyboard.press(" ")
    assert snap(page)["state"] == "idle"


def test_timer_leaves_materials_keys_alone(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("timer").click()
    page.keyboard.press("f")  # Material: focus search
    page.clock.run_for(500)
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert snap(page)["state"] == "idle"


# --- editing and sharing -----------------------------------------------------------------------


def saved(page: Page, timer_id: str):
    return json.loads(
        page.evaluate(f"localStorage.getItem('drillbook:timer:{timer_id}')") or "null"
    )


def field_values(page: Page, index: int = 0) -> list[list[str]]:
    """The Edit form's numbers, one list per block."""
    return (
        timer_ui(page, index)
        .locator("fieldset")
        .evaluate_all(
            "sets => sets.map((s) => [...s.querySelectorAll('input')].map((i) => i.value))"
        )
    )


def test_edited_values_persist_across_reload_per_drill_and_reset_to_plan(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    edit(page, 15, 45, 3)  # 10 + 3 × 15 + 2 × 45 = 145 s
    assert page.evaluate("location.hash") == f"#timer.{DRILL}=15-45x3"
    assert snap(page)["meta"] == "Total left 2:25"
    assert saved(page, DRILL) == [
        {"effort": 15, "distance": False, "rest": 45, "walkBack": False, "rounds": 3}
    ]

    page.goto(base_url + f"drills/{DRILL}/")  # no hash: the saved edit applies
    page.locator(".drill-timer__main").wait_for()
    assert snap(page)["meta"] == "Total left 2:25"
    assert field_values(page) == [["15", "45", "3"]]
    button(page, "Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert (snap(page)["clock"], snap(page)["count"]) == ("0:15", "Round 1 of 3")

    other = PLANS["drills/small-step-run/"]
    page.goto(base_url + "drills/small-step-run/")  # another drill keeps its own plan
    page.locator(".drill-timer__main").wait_for()
    assert snap(page)["meta"] == f"Total left {timer.clock(timer.total_seconds(other))}"

    # Reset to plan forgets the edit and takes this timer's link out of the address bar.
    page.goto(base_url + f"drills/{DRILL}/#timer.{DRILL}=15-45x3")
    page.locator(".drill-timer__main").wait_for()
    timer_ui(page).get_by_text("Edit timer").click()
    timer_ui(page).get_by_role("button", name="Reset to plan").click()
    assert snap(page)["meta"] == "Total left 3:30"
    assert page.evaluate("location.hash") == ""
    assert saved(page, DRILL) is None
    assert field_values(page) == [["20", "40", "4"]]
    page.reload()
    page.locator(".drill-timer__main").wait_for()
    assert snap(page)["meta"] == "Total left 3:30"
    assert page.errors == []


@pytest.mark.parametrize("fragment", [f"#timer.{DRILL}=20-40x6", "#timer=20-40x6"])
def test_shared_link_hash_applies_on_a_real_drill_page(page, base_url, fragment):
    # The keyed link, and the older one that names no timer (fine where there is only one).
    open_timer(page, base_url + f"drills/{DRILL}/{fragment}")
    assert page.evaluate("[location.hash, scrollY]") == [fragment, 0]
    s = snap(page)
    assert s["meta"] == "Total left 5:30"  # 10 + 6 × 20 + 5 × 40
    assert s["error"] == ""
    assert field_values(page) == [["20", "40", "6"]]
    button(page, "Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert snap(page)["count"] == "Round 1 of 6"
    assert page.errors == []  # Material found no anchor "timer…" and did not mind


def test_session_edit_changes_only_its_block_and_the_link_restores_every_block(page, base_url):
    plan = PLANS[f"sessions/{SESSION}/"]
    open_timer(page, base_url + f"sessions/{SESSION}/")
    ui = timer_ui(page)
    ui.get_by_text("Edit timer").click()
    assert ui.locator("legend").all_text_contents() == [b["name"] for b in plan["blocks"]]
    labels = ui.locator("fieldset").evaluate_all(
        "sets => sets.map((s) => [...s.querySelectorAll('label')].map((l) => l.textContent.trim()))"
    )
    timed, run = ["Work (s)", "Rest (s)", "Rounds"], ["Distance (m)", "Rounds"]
    assert labels == [timed, timed, timed, timed, run]  # a walk-back has no rest to type
    before = field_values(page)
    assert before == [
        ["30", "15", "2"],
        ["20", "20", "2"],
        ["20", "20", "2"],
        ["20", "30", "2"],
        ["20", "2"],
    ]

    fill(page, {"Work (s)": 25, "Rest (s)": 35, "Rounds": 3}, block=1)  # the second drill
    apply(page)
    edited = copy.deepcopy(plan)
    edited["blocks"][1] |= {"work": 25, "rest": 35, "rounds": 3}
    link = f"#timer.{plan['id']}=30-15x2,25-35x3,20-20x2,20-30x2,20m-wx2"
    assert page.evaluate("location.hash") == link
    assert field_values(page) == [before[0], ["25", "35", "3"], *before[2:]]
    assert snap(page)["meta"] == f"Total left {timer.clock(timer.total_seconds(edited))} + runs"
    assert len(saved(page, plan["id"])) == 5

    # The link alone, with nothing saved, brings every block back, and the timer runs them.
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator(".drill-timer__main").wait_for()
    assert field_values(page) == [before[0], ["25", "35", "3"], *before[2:]]
    button(page, "Start").click()
    walk_every_phase(page, edited)
    assert page.errors == []


def test_each_timer_on_a_page_keeps_its_own_link_and_edits(page, base_url):
    url = several_timers(page, base_url)
    open_timer(page, url)
    ids = page.locator("drill-timer").evaluate_all("els => els.map((e) => e.dataset.timerId)")
    assert len(ids) > 2
    data = [snap(page, i) for i in range(len(ids))]
    run, timed = ids.index(DISTANCE_DRILL), ids.index(DRILL)

    fill(page, {"Distance (m)": 30, "Rounds": 3}, index=run)
    apply(page, index=run)
    assert page.evaluate("location.hash") == f"#timer.{DISTANCE_DRILL}=30m-wx3"
    page.reload()
    page.locator(".drill-timer__main").first.wait_for()
    after = [snap(page, i) for i in range(len(ids))]
    assert after[run]["next"] == "Next: Push-off run — 30 m"
    assert field_values(page, run) == [["30", "3"]]
    assert [s for i, s in enumerate(after) if i != run] == [
        s for i, s in enumerate(data) if i != run
    ]

    # Another timer's edit writes its own link; the first keeps its saved edit.
    fill(page, {"Work (s)": 15, "Rest (s)": 45, "Rounds": 3}, index=timed)
    apply(page, index=timed)
    assert page.evaluate("location.hash") == f"#timer.{DRILL}=15-45x3"
    page.reload()
    page.locator(".drill-timer__main").first.wait_for()
    assert snap(page, timed)["meta"] == "Total left 2:25"
    assert snap(page, run)["next"] == "Next: Push-off run — 30 m"

    # The old link names no timer: on a page of several it changes none, and says nothing.
    page.evaluate("localStorage.clear()")
    page.goto(url + "#timer=25-35x5")
    page.reload()
    page.locator(".drill-timer__main").first.wait_for()
    assert [snap(page, i) for i in range(len(ids))] == data
    assert page.errors == []


@pytest.mark.parametrize(
    ("work", "rest", "rounds", "message"),
    [
        (0, 40, 4, "Work must be a whole number of seconds from 1 to 3600."),
        ("", 40, 4, "Work must be a whole number of seconds from 1 to 3600."),
        (20, -5, 4, "Rest must be a whole number of seconds from 0 to 3600."),
        (20, 40, 2.5, "Rounds must be a whole number from 1 to 99."),
        (20, 40, 100, "Rounds must be a whole number from 1 to 99."),
    ],
)
def test_invalid_edits_are_refused_with_a_message(page, base_url, work, rest, rounds, message):
    open_timer(page, base_url + f"drills/{DRILL}/")
    edit(page, work, rest, rounds)
    assert timer_ui(page).get_by_role("alert").text_content() == message
    assert page.evaluate("location.hash") == ""
    assert saved(page, DRILL) is None
    # The timer still runs the plan it had.
    button(page, "Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert (snap(page)["label"], snap(page)["clock"]) == ("High-knee run — Work", "0:20")
    assert page.errors == []


@pytest.mark.parametrize(
    ("fragment", "problem"),
    [
        ("#timer=0-40x6", "Work must be a whole number of seconds from 1 to 3600."),
        ("#timer=abc", "it is not a timer plan like 20-40x4."),
        ("#timer=20-40x0", "Rounds must be a whole number from 1 to 99."),
        (f"#timer.{DRILL}=20-40x4,20-40x4", "The link has 2 parts; this timer has 1."),
        (f"#timer.{DRILL}=20m-wx4", "this effort is timed; the link says otherwise."),
    ],
)
def test_invalid_link_is_ignored_with_a_message(page, base_url, fragment, problem):
    open_timer(page, base_url + f"drills/{DRILL}/{fragment}")
    s = snap(page)
    assert s["error"] == f"Ignored the timer link: {problem}"
    assert s["meta"] == "Total left 3:30"  # the data's plan
    assert page.errors == []


@pytest.mark.parametrize("fragment", [f"#timer.{DISTANCE_DRILL}=30m-wx3", "#interval-timer"])
def test_a_link_for_another_timer_or_a_heading_is_left_alone(page, base_url, fragment):
    open_timer(page, base_url + f"drills/{DRILL}/{fragment}")
    s = snap(page)
    assert (s["error"], s["meta"]) == ("", "Total left 3:30")
    assert page.errors == []


# --- cues: sound, voice, vibration -------------------------------------------------------------


def beeps_due(plan: dict, after_ms: int, before_ms: int) -> list[tuple[int, int]]:
    """[(elapsed ms, Hz)] of the beeps a timed plan plays in (after_ms, before_ms): 3-2-1
    ticks before each phase ends, then the change tone at its end."""
    ends = [(p.start + p.duration) * 1000 for p in timer.phases(plan)]
    due = [(e - s, 880) for e in ends for s in (3000, 2000, 1000)] + [(e, 1320) for e in ends]
    return sorted(d for d in due if after_ms < d[0] < before_ms)


def matches(starts: list[dict], due: list[tuple[int, int]], now_ms: int) -> bool:
    """Whether ``starts`` are exactly the ``due`` beeps, each scheduled as far ahead on the
    audio clock as it is due after ``now_ms`` (elapsed time when they were queued)."""
    starts = sorted(starts, key=lambda s: s["ahead"])
    return len(starts) == len(due) and all(
        abs(s["ahead"] - (t - now_ms) / 1000) < 0.05 and s["freq"] == hz
        for s, (t, hz) in zip(starts, due, strict=True)
    )


def test_beeps_are_scheduled_ahead_on_the_audio_clock(page, base_url):
    page.add_init_script(AUDIO_LOG)
    plan = PLANS[f"drills/{DRILL}/"]
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    button(page, "Start").click()
    # The first Start makes the AudioContext: wait until it runs (and has said so).
    page.wait_for_function("window.__audio.context?.state === 'running'")
    starts = page.evaluate("window.__audio.starts")
    live = [s for s in starts if not s["cancelled"]]
    # Start: a silent pre-roll wakes Bluetooth headphones, then "go" 0.3 s later.
    first = sorted((s for s in live if s["ahead"] < 1), key=lambda s: s["ahead"])
    assert len(first) == 2, first
    pre_roll, go = first
    assert (pre_roll["freq"], go["freq"]) == (1320, 1320)
    assert abs(pre_roll["ahead"]) < 0.05 and pre_roll["volume"] < 0.001
    assert abs(go["ahead"] - 0.3) < 0.05 and go["volume"] == pytest.approx(0.3)
    assert matches([s for s in live if s not in first], beeps_due(plan, 0, 120_000), 0)

    # While visible the queue is topped up, each beep still about a minute ahead or more.
    page.clock.run_for(61_000)
    added = page.evaluate("window.__audio.starts")[len(starts) :]
    starts += added
    assert added and min(s["ahead"] for s in added) > 55
    queued_until = 61 + max(s["ahead"] for s in added)

    # Hidden for 100 s with timers frozen: no beep is created, yet every phase change in that
    # time was already on the audio clock's queue.
    page.evaluate("__setHidden(true)")
    page.clock.run_for(100_000)
    assert page.evaluate("window.__audio.starts.length") == len(starts)
    ends = [t for t, hz in beeps_due(plan, 61_000, 161_000) if hz == 1320]
    assert ends and all(e / 1000 <= queued_until for e in ends)

    # Shown again, the queue is rebuilt from the true elapsed time.
    page.evaluate("__setHidden(false)")
    rebuilt = page.evaluate(f"window.__audio.starts.slice({len(starts)})")
    assert matches(rebuilt, beeps_due(plan, 161_000, 281_000), 161_000)


def test_beeps_are_queued_afresh_when_a_suspended_audio_clock_runs_again(page, base_url):
    page.add_init_script(AUDIO_LOG)
    plan = PLANS[f"drills/{DRILL}/"]
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Start").click()
    page.wait_for_function("window.__audio.starts.length > 0")
    page.clock.run_for(3_000)
    # A phone call or an app switch: the audio clock stops while the run goes on.
    page.evaluate("window.__audio.context.suspend()")
    n, cancels = page.evaluate("[window.__audio.starts.length, window.__audio.cancels]")
    page.clock.run_for(30_000)
    assert page.evaluate("window.__audio.starts.length") == n  # nothing queued meanwhile
    page.evaluate("window.__audio.context.resume()")
    page.wait_for_function(f"window.__audio.starts.length > {n}", timeout=5_000)
    rebuilt = page.evaluate(f"window.__audio.starts.slice({n})")
    # 33 s in: the next beep (3 s before the rest ends at 70 s) is 34 s ahead on the audio
    # clock, not 64 s as the old queue had it, late by the 30 s the clock stood still.
    assert matches(rebuilt, beeps_due(plan, 33_000, 153_000), 33_000)
    assert page.evaluate("window.__audio.cancels") - cancels >= len(
        beeps_due(plan, 33_000, 120_000)
    )


def test_a_tap_that_ends_an_open_phase_plays_one_change_tone(page, base_url):
    page.add_init_script(AUDIO_LOG)
    open_timer(page, base_url + f"drills/{DISTANCE_DRILL}/")
    button(page, "Start").click()
    page.wait_for_function("window.__audio.context?.state === 'running'")
    page.clock.run_for(15_000)
    n = page.evaluate("window.__audio.starts.length")
    button(page, "Done").click()
    tones = page.evaluate(f"window.__audio.starts.slice({n})")
    # A run has no end to queue a tone for: the tap sounds it, at once and once.
    assert [(t["freq"], abs(t["ahead"]) < 0.05) for t in tones if not t["cancelled"]] == [
        (1320, True)
    ]


def test_state_is_right_the_moment_a_hidden_tab_is_shown_again(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    button(page, "Start").click()
    page.clock.run_for(5_000)
    assert snap(page)["clock"] == "0:05"
    before = snap(page)
    page.evaluate("__setHidden(true)")
    page.clock.run_for(121_000)
    assert snap(page) == before  # nothing rendered while hidden: the emulation holds
    page.evaluate("__setHidden(false)")  # no clock step: the visibilitychange alone renders
    s = snap(page)
    # 126 s in: 10 s prepare, then 20 s work / 40 s rest; round 2's rest runs 90-130 s
    assert (s["label"], s["clock"], s["count"]) == ("High-knee run — Rest", "0:04", "Round 2 of 4")
    assert (s["meta"], s["next"]) == ("Total left 1:24", "Next: High-knee run — Work")


def test_sound_off_cancels_queued_beeps_and_queues_no_more(page, base_url):
    page.add_init_script(AUDIO_LOG)
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Start").click()
    page.wait_for_function("window.__audio.starts.length > 0")
    n = page.evaluate("window.__audio.starts.length")
    button(page, "Sound on").click()
    expect(button(page, "Sound off")).to_be_visible()
    # Every queued beep is cancelled (the start tones too, if they are still sounding).
    assert page.evaluate("window.__audio.cancels") >= n - 2
    page.clock.run_for(150_000)
    assert page.evaluate("window.__audio.starts.length") == n
    button(page, "Sound off").click()  # on again: queued again
    page.wait_for_function(f"window.__audio.starts.length > {n}")


def test_start_sets_audio_session_and_phase_changes_vibrate_and_speak(page, base_url):
    page.add_init_script(
        """navigator.audioSession = { type: 'auto' };
           window.__cues = [];
           navigator.vibrate = (ms) => { __cues.push('vibrate ' + ms); return true; };
           speechSynthesis.speak = (u) => __cues.push('say ' + u.text);"""
    )
    open_timer(page, base_url + f"drills/{DRILL}/")
    button(page, "Voice off").click()
    button(page, "Start").click()
    assert page.evaluate("navigator.audioSession.type") == "playback"
    page.clock.run_for(10_000 + FRAME)
    assert page.evaluate("__cues") == [
        "vibrate 200",
        "say Get ready. First: High-knee run.",
        "vibrate 200",
        f"say High-knee run. {SITE.drills[DRILL].cues[0]}.",
    ]


def test_voice_says_a_different_cue_of_the_drill_each_round(page, base_url):
    page.add_init_script("window.__said = []; speechSynthesis.speak = (u) => __said.push(u.text);")
    plan = PLANS[f"sessions/{SESSION}/"]
    open_timer(page, base_url + f"sessions/{SESSION}/")
    button(page, "Voice off").click()
    button(page, "Start").click()
    for _ in timer.phases(plan):
        button(page, "Skip phase").click()  # ends a timed phase, closes an open one
    said = page.evaluate("__said")
    assert len(said) == len(timer.phases(plan)) + 1
    assert said[-1] == "Done. Well done."
    for item, block in zip(SITE.sessions[SESSION].items, plan["blocks"], strict=True):
        effort = f", {block['distance']} metres" if block["distance"] else ""
        head = f"{block['name']}{effort}. "
        cues = [text.removeprefix(head).removesuffix(".") for text in said if text.startswith(head)]
        assert len(cues) == block["rounds"], block["name"]
        assert len(set(cues)) == len(cues), cues  # a different cue each round
        assert set(cues) <= set(SITE.drills[item.drill].cues), cues
    # A rest says what comes next: the walk between drills and the walk back after a run.
    assert "Walk to the start. Next: High-knee run, round 1 of 2." in said
    assert "Walk back. Next: Power skip, round 2 of 2." in said


# --- pocket mode: the tab's title and the lock screen ----------------------------------------


def test_pocket_mode_shows_the_phase_in_the_title_and_the_media_session(page, base_url):
    page.add_init_script(
        """window.__handlers = {};
           navigator.mediaSession.setActionHandler = (action, handler) => {
             __handlers[action] = handler; };"""
    )
    open_timer(page, base_url + f"drills/{DRILL}/")
    title = page.title()
    media = """() => ({ title: navigator.mediaSession.metadata?.title,
      artist: navigator.mediaSession.metadata?.artist, state: navigator.mediaSession.playbackState,
      pause: typeof __handlers.pause, play: typeof __handlers.play })"""
    button(page, "Start").click()
    page.clock.run_for(12_000)
    assert page.title() == f"0:18 High-knee run — Work · {title}"
    assert page.evaluate(media) == {
        "title": "High-knee run — Work",
        "artist": "High-knee run",
        "state": "playing",
        "pause": "function",
        "play": "function",
    }

    page.evaluate("__handlers.pause()")  # the lock screen's pause button
    assert (snap(page)["state"], snap(page)["main"]) == ("paused", "Resume")
    assert page.evaluate(media)["state"] == "paused"
    page.clock.run_for(5_000)
    assert page.title() == f"0:18 High-knee run — Work · {title}"
    page.evaluate("__handlers.play()")
    page.clock.run_for(3_000)
    assert snap(page)["state"] == "running"
    assert page.title() == f"0:15 High-knee run — Work · {title}"

    button(page, "Reset").click()
    button(page, "Tap again to reset").click()
    assert page.title() == title  # the page's own title is back
    assert page.evaluate(media) | {"title": None, "artist": None} == {
        "title": None,
        "artist": None,
        "state": "none",
        "pause": "object",  # null: no handler
        "play": "object",
    }


# --- screen: wake lock and fullscreen ---------------------------------------------------------


def locks(page: Page) -> int:
    page.clock.run_for(1)  # let the stub's promises settle
    return page.evaluate("window.__locks.size")


def test_wake_lock_is_held_only_while_running(page, base_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    assert locks(page) == 0
    button(page, "Start").click()
    assert locks(page) == 1
    button(page, "Pause").click()
    assert locks(page) == 0
    button(page, "Resume").click()
    assert locks(page) == 1
    page.evaluate("__setHidden(true)")  # the browser drops the lock of a hidden page
    assert locks(page) == 0
    page.evaluate("__setHidden(false)")  # and the timer takes it again
    assert locks(page) == 1
    button(page, "Reset").click()
    button(page, "Tap again to reset").click()
    assert locks(page) == 0
    button(page, "Start").click()
    assert locks(page) == 1
    page.clock.run_for(210_000 + FRAME)  # done
    assert snap(page)["state"] == "done"
    assert locks(page) == 0
    assert page.errors == []


def test_toggles_say_their_state_in_words_and_fullscreen_toggles(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    for off, on in [("Sound on", "Sound off"), ("Voice off", "Voice on")]:
        button(page, off).click()
        expect(button(page, on)).to_be_visible()
        button(page, on).click()
        expect(button(page, off)).to_be_visible()
    button(page, "Fullscreen").click()
    page.wait_for_function("document.fullscreenElement?.localName === 'drill-timer'")
    expect(button(page, "Exit fullscreen")).to_be_visible()
    button(page, "Exit fullscreen").click()
    page.wait_for_function("document.fullscreenElement === null")
    expect(button(page, "Fullscreen")).to_be_visible()
    # The words carry the state: no aria-pressed to contradict them.
    assert page.locator("drill-timer [aria-pressed]").count() == 0


# --- a timer taken out of the page, and several timers ------------------------------------------


def running(page: Page) -> int:
    return page.locator("drill-timer[data-state=running]").count()


def test_a_timer_taken_out_of_the_page_stops_and_gives_the_title_back(page, base_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, base_url + f"drills/{DRILL}/")
    title = page.title()
    button(page, "Start").click()
    page.clock.run_for(3_000)
    assert (running(page), locks(page)) == (1, 1)
    assert page.title().startswith("0:07 Get ready · ")

    page.evaluate("window.__timer = document.querySelector('drill-timer'); __timer.remove()")
    assert page.evaluate("__timer.dataset.state") == "idle"
    assert locks(page) == 0
    assert page.title() == title
    page.clock.run_for(3_000)
    assert page.title() == title  # nothing keeps writing the clock into it
    assert page.errors == []


def test_several_timers_on_a_page_are_independent(page, base_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, base_url + f"drills/{DRILL}/")
    add_timer(page, PLANS[f"sessions/{SESSION}/"])
    button(page, "Start", 1).click()
    page.clock.run_for(4_000)
    assert (snap(page, 0)["state"], snap(page, 1)["clock"]) == ("idle", "0:06")
    button(page, "Start", 0).click()
    button(page, "Pause", 1).click()
    page.clock.run_for(5_000)
    assert (snap(page, 0)["clock"], snap(page, 1)["clock"]) == ("0:05", "0:06")
    assert locks(page) == 1
    button(page, "Resume", 1).click()
    assert locks(page) == 2

    # Taking one out releases its wake lock; the other runs on.
    page.evaluate("document.querySelectorAll('drill-timer')[1].remove()")
    assert (page.locator("drill-timer").count(), running(page), locks(page)) == (1, 1, 1)
    page.clock.run_for(1_000)
    assert snap(page, 0)["clock"] == "0:04"
    assert page.errors == []


# --- no JS, print, motion -----------------------------------------------------------------------


def test_without_javascript_the_plan_table_shows_and_no_controls(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"sessions/{SESSION}/")
    table = page.locator("drill-timer table")
    expect(table).to_be_visible()
    caption = table.locator("caption").text_content()
    assert caption == f"Interval plan: {timer.describe(PLANS[f'sessions/{SESSION}/'])}"
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
    )
    assert rows == [
        ["A-march", "30 s", "15 s rest", "2"],
        ["Walk to the start: 30 s"],
        ["Butt kicks", "20 s", "20 s rest", "2"],
        ["Walk to the start: 30 s"],
        ["Small-step run", "20 s", "20 s rest", "2"],
        ["Walk to the start: 30 s"],
        ["High-knee run", "20 s", "30 s rest", "2"],
        ["Walk to the start: 30 s"],
        ["Power skip", "20 m", "walk back", "2"],
    ]
    assert page.locator("drill-timer button").count() == 0
    context.close()


def test_on_paper_the_table_shows_and_the_controls_do_not(page, base_url):
    page.goto(base_url + f"sessions/{SESSION}/")
    page.locator(".drill-timer__main").wait_for()
    expect(page.locator("drill-timer table")).to_be_hidden()
    page.evaluate("scrollTo(0, document.body.scrollHeight)")  # the timer out of sight
    expect(page.locator(".drill-timer__dock")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("drill-timer table")).to_be_visible()
    expect(page.locator(".drill-timer__ui")).to_be_hidden()
    expect(page.locator(".drill-timer__dock")).to_be_hidden()


def test_reduced_motion_turns_transitions_off(page, base_url):
    page.goto(base_url + f"drills/{DRILL}/")
    ui = timer_ui(page)
    ui.wait_for()
    assert ui.evaluate("e => getComputedStyle(e).transitionDuration") != "0s"
    page.emulate_media(reduced_motion="reduce")
    assert ui.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
