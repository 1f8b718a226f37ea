"""The <drill-timer> widget in real Chromium, with Playwright's clock standing in for time.

``page.clock`` replaces Date, performance.now(), timers and requestAnimationFrame, so after
``pause_at`` time moves only when a test calls ``run_for``. The widget renders on animation
frames (every 16 ms of fake time), so a test reads the display either one millisecond before
a phase boundary (the old phase must still show, with 0:01 left) or one frame after it (the
new phase must show its full duration).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.data.load import load
from macros.render import timer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = load(ROOT)
DRILL = "high-knee-run"
SESSION = "sprint-drill-warm-up"
FRAME = 16  # ms between animation frames under Playwright's clock
PAUSE_AT = 1000  # seconds since the epoch; the clock is frozen there once the page is up
SCREENSHOT = ROOT / "docs" / "assets" / "screenshots" / "timer.png"

PLANS = {f"drills/{slug}/": timer.drill_plan(slug, d) for slug, d in SITE.drills.items()} | {
    f"sessions/{slug}/": timer.session_plan(slug, s, SITE) for slug, s in SITE.sessions.items()
}

# Everything the display shows, read in one round trip.
SNAPSHOT = """el => {
  const q = (s) => el.querySelector(s)?.textContent ?? null;
  return { state: el.dataset.state, label: q('.drill-timer__label'), clock: q('[role=timer]'),
    count: q('.drill-timer__count'), meta: q('.drill-timer__meta'), status: q('[role=status]'),
    main: q('.drill-timer__main'), error: q('[role=alert]') };
}"""

# Records every scheduled sound: when it is due on the audio clock and how far ahead of the
# audio clock's "now" it was scheduled. Calls the real methods, so the sound still plays.
AUDIO_LOG = """(() => {
  const log = (window.__audio = { starts: [], cancels: 0 });
  const P = AudioScheduledSourceNode.prototype, start = P.start, stop = P.stop;
  P.start = function (when = 0, ...rest) {
    log.starts.push({ when, ahead: when - this.context.currentTime, freq: this.frequency?.value });
    return start.call(this, when, ...rest);
  };
  P.stop = function (...args) {
    if (!args.length) log.cancels++;
    return stop.apply(this, args);
  };
})();"""

# A stand-in for navigator.wakeLock that counts held locks and, like browsers, drops them
# when the page is hidden.
WAKE_LOCK_STUB = """(() => {
  const held = (window.__locks = new Set());
  const wakeLock = { request: async (type) => {
    const s = { type, released: false, onrelease: null };
    s.release = async () => {
      if (s.released) return;
      s.released = true; held.delete(s); s.onrelease?.(new Event('release'));
    };
    held.add(s);
    return s;
  } };
  Object.defineProperty(Navigator.prototype, 'wakeLock',
    { configurable: true, get: () => wakeLock });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') for (const s of [...held]) s.release();
  }, true);
})();"""

# A hidden tab as browsers make it: visibilityState says so, animation frames wait until
# the page is visible again, and interval timers do not fire at all (the worst throttling).
HIDDEN_TAB = """() => {
  const raf = requestAnimationFrame.bind(window), every = setInterval.bind(window);
  window.requestAnimationFrame = (cb) => raf(function f(t) { document.hidden ? raf(f) : cb(t); });
  window.setInterval = (cb, ms, ...a) => every(() => { if (!document.hidden) cb(...a); }, ms);
  window.__setHidden = (hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState',
      { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  };
}"""


def clock(ms: int) -> str:
    """The display's m:ss for a remaining time in ms (rounded up, as engine.js does)."""
    return timer.clock(-(-ms // 1000))


def counters(plan: dict) -> list[str]:
    """The round/set line for each phase, counted from the plan (a test oracle)."""
    out, works = [], {}
    names = [b["name"] for b in plan["blocks"]]
    block = None
    for p in timer.phases(plan):
        name = p.label.split(" — ")[0]
        if p.kind == "work":
            block = plan["blocks"][names.index(name)]
            works[name] = works.get(name, 0) + 1
        if p.kind in ("work", "rest") and p.label != "Transition":
            n = works[name] - 1
            text = f"Round {n % block['rounds'] + 1} of {block['rounds']}"
            if block["sets"] > 1:
                text += f" · Set {n // block['rounds'] + 1} of {block['sets']}"
            out.append(text)
        else:
            out.append("")
    return out


def announcements(plan: dict) -> list[str]:
    """What the polite live region says at the start of each phase."""
    phases = timer.phases(plan)
    out = []
    for i, (p, count) in enumerate(zip(phases, counters(plan), strict=True)):
        text = p.label + (", " + count.lower().replace(" · ", ", ") if count else "")
        if p.label == "Transition":
            text += ", next: " + phases[i + 1].label.split(" — ")[0]
        out.append(text)
    return out


def open_timer(page: Page, url: str) -> None:
    """Install the fake clock, open the page, wait for the widget, then freeze time."""
    page.clock.install(time=0)
    page.goto(url)
    page.get_by_role("button", name="Start").first.wait_for()
    page.clock.pause_at(PAUSE_AT)


def snap(page: Page, index: int = 0) -> dict:
    return page.locator("drill-timer").nth(index).evaluate(SNAPSHOT)


class Clock:
    """Fake time since Start, in ms, advanced only through ``to``."""

    def __init__(self, page: Page):
        self.page, self.t = page, 0

    def to(self, ms: int) -> None:
        assert ms >= self.t
        if ms > self.t:
            self.page.clock.run_for(ms - self.t)
        self.t = ms


def walk_every_phase(page: Page, plan: dict) -> None:
    """From Start, check each phase on its first frame and on its last millisecond."""
    phases = timer.phases(plan)
    total = phases[-1].start + phases[-1].duration
    t = Clock(page)
    for p, count, said in zip(phases, counters(plan), announcements(plan), strict=True):
        start, end = p.start * 1000, (p.start + p.duration) * 1000
        t.to(start + FRAME)
        s = snap(page)
        expected_next = next((q.label for q in phases if q.start == p.start + p.duration), None)
        assert (s["label"], s["clock"], s["count"], s["status"]) == (
            p.label,
            timer.clock(p.duration),
            count,
            said,
        ), f"phase at {p.start}s"
        assert s["meta"] == (
            f"Total left {clock(total * 1000 - start - FRAME)} · "
            + (f"Next: {expected_next}" if expected_next else "Last phase")
        )
        t.to(end - 1)
        s = snap(page)
        assert (s["state"], s["label"], s["clock"]) == ("running", p.label, "0:01"), f"{end}ms"
    t.to(total * 1000 + FRAME)
    s = snap(page)
    assert (s["state"], s["label"], s["clock"], s["status"], s["main"]) == (
        "done",
        "Done",
        "0:00",
        "Done",
        "Start",
    )


# --- the page, the data and the engine agree -------------------------------------------------


def test_every_page_timer_runs_the_plan_from_its_data_as_python_expands_it(page, base_url):
    for path, plan in PLANS.items():
        page.goto(base_url + path)
        page.get_by_role("button", name="Start").wait_for()
        page_plan = json.loads(page.locator("drill-timer").get_attribute("data-plan"))
        assert page_plan == plan, path
        js = page.evaluate(
            """async (plan) => (await import('/assets/timer/engine.js')).phasesFromPlan(plan)
                 .map((p) => [p.kind, p.label, p.start, p.duration])""",
            page_plan,
        )
        py = [[p.kind, p.label, p.start * 1000, p.duration * 1000] for p in timer.phases(plan)]
        assert js == py, path
        # The printed table is the same list.
        rows = page.locator(".drill-timer__table tbody tr").evaluate_all(
            "rows => rows.map((r) => [...r.cells].map((c) => c.textContent))"
        )
        assert rows == [
            [p.label, timer.clock(p.duration), timer.clock(p.start)] for p in timer.phases(plan)
        ]
    assert page.errors == []


# --- running a plan ----------------------------------------------------------------------------


def test_drill_timer_runs_every_phase_with_its_counter_and_announcement(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    s = snap(page)
    assert (s["state"], s["label"], s["clock"], s["status"]) == ("idle", "Get ready", "0:10", "")
    page.get_by_role("button", name="Start").click()
    walk_every_phase(page, PLANS[f"drills/{DRILL}/"])
    assert page.get_by_role("button", name="Skip phase").is_disabled()
    assert page.errors == []


def test_session_timer_chains_the_drills_naming_each_phase(page, base_url):
    plan = PLANS[f"sessions/{SESSION}/"]
    assert len(plan["blocks"]) > 1
    open_timer(page, base_url + f"sessions/{SESSION}/")
    page.get_by_role("button", name="Start").click()
    walk_every_phase(page, plan)
    assert page.errors == []


def test_live_region_is_polite_and_changes_only_with_the_phase(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    status = page.locator("drill-timer [role=status]")
    assert page.get_by_role("timer").get_attribute("aria-live") == "off"
    page.get_by_role("button", name="Start").click()
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
    page.get_by_role("button", name="Start").click()
    t = Clock(page)
    t.to(12_500)  # 2.5 s into the first work phase
    page.get_by_role("button", name="Pause").click()
    before = snap(page)
    assert (before["state"], before["clock"], before["main"]) == ("paused", "0:18", "Resume")
    page.clock.run_for(600_000)  # ten minutes on pause
    assert snap(page) == before
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(17_499)
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("running", "High-knee run — Work", "0:01")
    page.clock.run_for(1 + FRAME)
    assert snap(page)["label"] == "High-knee run — Rest"
    assert snap(page)["clock"] == "0:40"


def test_skip_jumps_to_the_next_phase_running_or_paused(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    skip = page.get_by_role("button", name="Skip phase")
    assert skip.is_disabled()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(3_000)
    skip.click()
    s = snap(page)
    assert (s["label"], s["clock"], s["count"]) == ("High-knee run — Work", "0:20", "Round 1 of 4")
    assert s["meta"].startswith("Total left 3:20 ")  # 3:30 plan, skipped to 0:10
    page.get_by_role("button", name="Pause").click()
    skip.click()
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("paused", "High-knee run — Rest", "0:40")


def test_reset_returns_to_the_start_of_the_plan(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(25_000)
    page.get_by_role("button", name="Reset").click()
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


def test_done_state_and_start_again(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(210_000 + FRAME)
    s = snap(page)
    assert (s["state"], s["label"], s["clock"], s["status"]) == ("done", "Done", "0:00", "Done")
    assert s["meta"] == "Total left 0:00 · Finished"
    page.get_by_role("button", name="Start").click()
    s = snap(page)
    assert (s["state"], s["label"], s["clock"]) == ("running", "Get ready", "0:10")


def test_sixty_minute_run_hits_every_boundary_and_ends_on_schedule(page, base_url):
    # 10 s prepare + 60 × 50 s work + 59 × 10 s rest = exactly 3600 s
    open_timer(page, base_url + f"drills/{DRILL}/#timer=50-10x60")
    plan = {**PLANS[f"drills/{DRILL}/"]}
    plan["blocks"] = [{**plan["blocks"][0], "work": 50, "rest": 10, "rounds": 60}]
    assert timer.total_seconds(plan) == 3600
    page.get_by_role("button", name="Start").click()
    walk_every_phase(page, plan)  # ends at 3600 s + one frame, with "Done"
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
    # On a button, Space is the button's own: Reset resets, and nothing toggles as well.
    page.get_by_role("button", name="Reset").focus()
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


def edit(page: Page, work, rest, rounds) -> None:
    details = page.locator("drill-timer details")
    if not details.evaluate("d => d.open"):
        page.get_by_text("Edit timer").click()
    page.get_by_label("Work (s)").fill(str(work))
    page.get_by_label("Rest (s)").fill(str(rest))
    page.get_by_label("Rounds").fill(str(rounds))
    page.get_by_role("button", name="Apply").click()


def test_edited_values_persist_across_reload_per_drill_and_reset_to_plan(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    edit(page, 15, 45, 3)  # 10 + 3 × 15 + 2 × 45 = 145 s
    assert page.evaluate("location.hash") == "#timer=15-45x3"
    assert snap(page)["meta"].startswith("Total left 2:25 ")
    saved = page.evaluate(f"localStorage.getItem('drillbook:timer:{DRILL}')")
    assert json.loads(saved) == {"work": 15, "rest": 45, "rounds": 3}

    page.goto(base_url + f"drills/{DRILL}/")  # no hash: the saved edit applies
    page.get_by_role("button", name="Start").wait_for()
    assert snap(page)["meta"].startswith("Total left 2:25 ")
    assert page.get_by_label("Rounds").input_value() == "3"
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert (snap(page)["clock"], snap(page)["count"]) == ("0:15", "Round 1 of 3")

    other = PLANS["drills/small-step-run/"]
    page.goto(base_url + "drills/small-step-run/")  # another drill keeps its own plan
    page.get_by_role("button", name="Start").wait_for()
    assert snap(page)["meta"].startswith(f"Total left {timer.clock(timer.total_seconds(other))} ")

    page.goto(base_url + f"drills/{DRILL}/")
    page.get_by_text("Edit timer").click()
    page.get_by_role("button", name="Reset to plan").click()
    assert snap(page)["meta"].startswith("Total left 3:30 ")
    assert page.evaluate(f"localStorage.getItem('drillbook:timer:{DRILL}')") is None
    assert page.get_by_label("Work (s)").input_value() == "20"
    page.reload()
    page.get_by_role("button", name="Start").wait_for()
    assert snap(page)["meta"].startswith("Total left 3:30 ")
    assert page.errors == []


def test_shared_link_hash_applies_on_a_real_drill_page(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/#timer=20-40x6")
    assert page.evaluate("[location.hash, scrollY]") == ["#timer=20-40x6", 0]
    s = snap(page)
    assert s["meta"].startswith("Total left 5:30 ")  # 10 + 6 × 20 + 5 × 40
    assert s["error"] == ""
    assert page.get_by_label("Rounds").input_value() == "6"
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert snap(page)["count"] == "Round 1 of 6"
    assert page.errors == []  # Material found no anchor "timer=20-40x6" and did not mind


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
    assert page.get_by_role("alert").text_content() == message
    assert page.evaluate("location.hash") == ""
    assert page.evaluate(f"localStorage.getItem('drillbook:timer:{DRILL}')") is None
    # The timer still runs the plan it had.
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000 + FRAME)
    assert (snap(page)["label"], snap(page)["clock"]) == ("High-knee run — Work", "0:20")
    assert page.errors == []


@pytest.mark.parametrize("fragment", ["#timer=0-40x6", "#timer=abc", "#timer=20-40x0"])
def test_invalid_link_is_ignored_with_a_message(page, base_url, fragment):
    open_timer(page, base_url + f"drills/{DRILL}/{fragment}")
    s = snap(page)
    assert s["error"].startswith("Ignored the timer link: ")
    assert s["meta"].startswith("Total left 3:30 ")  # the data's plan
    assert page.errors == []


# --- cues: sound, voice, vibration -------------------------------------------------------------


def test_beeps_are_scheduled_ahead_on_the_audio_clock(page, base_url):
    page.add_init_script(AUDIO_LOG)
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("window.__audio.starts.length > 0")
    ends = [(p.start + p.duration) * 1000 for p in timer.phases(PLANS[f"drills/{DRILL}/"])]
    due = sorted(t for e in ends for t in (e - 3000, e - 2000, e - 1000, e) if t < 120_000)
    starts = page.evaluate("window.__audio.starts")
    go = [s for s in starts if abs(s["ahead"]) < 0.05]
    queued = sorted((s for s in starts if s not in go), key=lambda s: s["ahead"])
    assert len(go) == 1 and go[0]["freq"] == 1320  # the start tone
    assert len(queued) == len(due)
    for s, t in zip(queued, due, strict=True):
        assert abs(s["ahead"] - t / 1000) < 0.05  # audio-clock seconds ahead of now
        assert s["freq"] == (1320 if t in ends else 880)  # 3-2-1 ticks, then the change tone

    # While visible the queue is topped up, each beep still about a minute ahead or more.
    page.clock.run_for(61_000)
    starts = page.evaluate("window.__audio.starts")
    added = starts[len(queued) + 1 :]
    assert added and min(s["ahead"] for s in added) > 55
    queued_until = 61 + max(s["ahead"] for s in added)

    # Hidden for 100 s with timers frozen: no beep is created, yet every phase change in that
    # time was already on the audio clock's queue.
    page.evaluate("__setHidden(true)")
    page.clock.run_for(100_000)
    assert page.evaluate("window.__audio.starts.length") == len(starts)
    assert all(e / 1000 <= queued_until for e in ends if 61_000 < e <= 161_000)


def test_state_is_right_the_moment_a_hidden_tab_is_shown_again(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    page.get_by_role("button", name="Start").click()
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
    assert s["meta"] == "Total left 1:24 · Next: High-knee run — Work"


def test_mute_cancels_queued_beeps_and_queues_no_more(page, base_url):
    page.add_init_script(AUDIO_LOG)
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("window.__audio.starts.length > 0")
    n = page.evaluate("window.__audio.starts.length")
    page.get_by_role("button", name="Mute").click()
    assert page.get_by_role("button", name="Mute").get_attribute("aria-pressed") == "true"
    # Every queued beep is cancelled (the start tone too, if it is still sounding).
    assert page.evaluate("window.__audio.cancels") >= n - 1
    page.clock.run_for(150_000)
    assert page.evaluate("window.__audio.starts.length") == n
    page.get_by_role("button", name="Mute").click()  # unmute: queued again
    page.wait_for_function(f"window.__audio.starts.length > {n}")


def test_start_sets_audio_session_and_phase_changes_vibrate_and_speak(page, base_url):
    page.add_init_script(
        """navigator.audioSession = { type: 'auto' };
           window.__cues = [];
           navigator.vibrate = (ms) => { __cues.push('vibrate ' + ms); return true; };
           speechSynthesis.speak = (u) => __cues.push('say ' + u.text);"""
    )
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Voice").click()
    page.get_by_role("button", name="Start").click()
    assert page.evaluate("navigator.audioSession.type") == "playback"
    page.clock.run_for(10_000 + FRAME)
    assert page.evaluate("__cues") == [
        "vibrate 200",
        "say Get ready",
        "vibrate 200",
        "say High-knee run, Work",
    ]


# --- screen: wake lock and fullscreen ---------------------------------------------------------


def locks(page: Page) -> int:
    page.clock.run_for(1)  # let the stub's promises settle
    return page.evaluate("window.__locks.size")


def test_wake_lock_is_held_only_while_running(page, base_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, base_url + f"drills/{DRILL}/")
    page.evaluate(HIDDEN_TAB)
    assert locks(page) == 0
    page.get_by_role("button", name="Start").click()
    assert locks(page) == 1
    page.get_by_role("button", name="Pause").click()
    assert locks(page) == 0
    page.get_by_role("button", name="Resume").click()
    assert locks(page) == 1
    page.evaluate("__setHidden(true)")  # the browser drops the lock of a hidden page
    assert locks(page) == 0
    page.evaluate("__setHidden(false)")  # and the timer takes it again
    assert locks(page) == 1
    page.get_by_role("button", name="Reset").click()
    assert locks(page) == 0
    page.get_by_role("button", name="Start").click()
    assert locks(page) == 1
    page.clock.run_for(210_000 + FRAME)  # done
    assert snap(page)["state"] == "done"
    assert locks(page) == 0
    assert page.errors == []


def test_fullscreen_button_toggles_the_timer_fullscreen(page, base_url):
    open_timer(page, base_url + f"drills/{DRILL}/")
    button = page.get_by_role("button", name="Fullscreen")
    button.click()
    page.wait_for_function("document.fullscreenElement?.localName === 'drill-timer'")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()
    page.wait_for_function("document.fullscreenElement === null")
    expect(button).to_have_attribute("aria-pressed", "false")


# --- instant navigation and several timers ----------------------------------------------------


def running(page: Page) -> int:
    return page.locator("drill-timer[data-state=running]").count()


def test_instant_navigation_stops_the_old_timer_and_starts_the_new_one(page, instant_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, instant_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(3_000)
    assert (running(page), locks(page)) == (1, 1)
    page.evaluate("window.__samePage = true")  # survives only an instant navigation

    page.locator("article a[href$='/push-off-run/']").first.click()
    expect(page).to_have_url(re.compile(r"/drills/push-off-run/"))
    page.get_by_role("button", name="Start").wait_for()
    assert page.evaluate("window.__samePage") is True
    assert page.locator("drill-timer").count() == 1
    assert page.locator("drill-timer").get_attribute("data-timer-id") == "push-off-run"
    assert (running(page), locks(page)) == (0, 0)

    page.get_by_role("button", name="Start").click()
    page.clock.run_for(1_000)
    assert (running(page), locks(page)) == (1, 1)
    assert snap(page)["label"] == "Get ready"
    assert page.errors == []


def test_several_timers_on_a_page_are_independent(page, instant_url):
    page.add_init_script(WAKE_LOCK_STUB)
    open_timer(page, instant_url + f"drills/{DRILL}/")
    page.evaluate(
        """(plan) => {
          const el = document.createElement('drill-timer');
          el.dataset.timerId = plan.id;
          el.dataset.plan = JSON.stringify(plan);
          document.querySelector('drill-timer').after(el);
        }""",
        PLANS[f"sessions/{SESSION}/"],
    )
    first, second = page.locator("drill-timer").nth(0), page.locator("drill-timer").nth(1)
    second.get_by_role("button", name="Start").click()
    page.clock.run_for(4_000)
    assert (snap(page, 0)["state"], snap(page, 1)["clock"]) == ("idle", "0:06")
    first.get_by_role("button", name="Start").click()
    second.get_by_role("button", name="Pause").click()
    page.clock.run_for(5_000)
    assert (snap(page, 0)["clock"], snap(page, 1)["clock"]) == ("0:05", "0:06")
    assert locks(page) == 1
    second.get_by_role("button", name="Resume").click()
    assert locks(page) == 2

    page.locator("article a[href$='/push-off-run/']").first.click()
    expect(page).to_have_url(re.compile(r"/drills/push-off-run/"))
    page.get_by_role("button", name="Start").wait_for()
    assert (page.locator("drill-timer").count(), running(page), locks(page)) == (1, 0, 0)
    assert page.errors == []


# --- no JS, print, motion, palettes -------------------------------------------------------------


def test_without_javascript_the_plan_table_shows_and_no_controls(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"drills/{DRILL}/")
    table = page.locator("drill-timer table")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == len(timer.phases(PLANS[f"drills/{DRILL}/"]))
    assert page.locator("drill-timer button").count() == 0
    context.close()


def test_on_paper_the_table_shows_and_the_controls_do_not(page, base_url):
    page.goto(base_url + f"sessions/{SESSION}/")
    page.get_by_role("button", name="Start").wait_for()
    expect(page.locator("drill-timer table")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator("drill-timer table")).to_be_visible()
    expect(page.locator(".drill-timer__ui")).to_be_hidden()


def test_reduced_motion_turns_transitions_off(page, base_url):
    page.goto(base_url + f"drills/{DRILL}/")
    reset = page.get_by_role("button", name="Reset")
    reset.wait_for()
    assert reset.evaluate("b => getComputedStyle(b).transitionDuration") != "0s"
    page.emulate_media(reduced_motion="reduce")
    assert reset.evaluate("b => getComputedStyle(b).transitionDuration") == "0s"


# WCAG contrast of an element's text against what is actually behind it: the element's and
# its ancestors' backgrounds composited over the canvas. Finishes CSS transitions first.
CONTRAST = """(el) => {
  document.getAnimations().forEach((a) => a.finish());
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

TEXT = (
    ".drill-timer__label, .drill-timer__clock, .drill-timer__count, .drill-timer__meta, "
    "drill-timer summary, drill-timer label, drill-timer input"
)


def contrasts(page: Page, state: str) -> dict[str, float]:
    found = page.locator(f"drill-timer button:visible:enabled, {TEXT}").evaluate_all(
        f"""(els) => {{ const contrast = {CONTRAST};
          return els.map((e) => [e.localName + ' ' + (e.textContent || e.className).trim(),
                                 contrast(e)]); }}"""
    )
    return {f"{state}: {name} #{i}": round(ratio, 2) for i, (name, ratio) in enumerate(found)}


@pytest.mark.parametrize(("color_scheme", "md_scheme"), [("light", "default"), ("dark", "slate")])
def test_text_and_buttons_meet_wcag_aa_contrast_in_every_state(
    browser, base_url, color_scheme, md_scheme
):
    context = browser.new_context(viewport={"width": 412, "height": 915}, color_scheme=color_scheme)
    page = context.new_page()
    page.clock.install(time=0)
    page.goto(base_url + f"drills/{DRILL}/")
    page.get_by_role("button", name="Start").wait_for()
    page.clock.pause_at(PAUSE_AT)
    assert page.evaluate("document.body.dataset.mdColorScheme") == md_scheme
    page.get_by_text("Edit timer").click()
    ratios = contrasts(page, "idle")
    page.get_by_role("button", name="Start").click()  # focused and hovered, as on a phone
    page.clock.run_for(12_000)
    ratios |= contrasts(page, "running, Pause hovered")
    page.get_by_role("button", name="Pause").focus()
    page.keyboard.press("Tab")  # keyboard focus on the next button
    ratios |= contrasts(page, "keyboard focus")
    page.get_by_role("button", name="Mute").click()  # aria-pressed
    ratios |= contrasts(page, "Mute pressed, hovered")
    page.get_by_role("button", name="Skip phase").hover()
    ratios |= contrasts(page, "Skip hovered")
    page.get_by_role("button", name="Pause").click()
    ratios |= contrasts(page, "paused, Resume hovered")
    edit(page, 0, 40, 4)
    error = page.locator("drill-timer [role=alert]")
    ratios["error message"] = round(error.evaluate(CONTRAST), 2)
    context.close()
    low = {k: v for k, v in ratios.items() if v < 4.5}
    assert not low, low
    assert len(ratios) > 40
