"""Driving a <drill-timer> in a test: the plans from data, the fake clock, what the display
shows, and the stand-ins for browser APIs the tests watch (audio, wake lock, hidden tab).

Shared by test_timer.py (behaviour over time) and test_timer_screen.py (the phone layout).

``page.clock`` (Playwright's fake clock) replaces Date, performance.now(), timers and
requestAnimationFrame, so after ``pause_at`` time moves only when a test calls ``run_for``.
The widget renders on animation frames (every 16 ms of fake time), so a test reads the
display either one millisecond before a phase boundary (the old phase must still show, with
0:01 left) or one frame after it (the new phase must show its full duration). Rendering
itself (layout, IntersectionObserver, the audio clock) runs in real time.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

from macros.data.load import load
from macros.render import timer

ROOT = Path(__file__).resolve().parents[2]
SITE = load(ROOT)
DRILL = "high-knee-run"  # timed: 10 s get ready, then 4 × (20 s work / 40 s rest): 3:30
DISTANCE_DRILL = "push-off-run"  # 4 × 20 m, walking back: open phases
SESSION = "sprint-drill-warm-up"  # five drills: four timed, then one over a distance
FRAME = 16  # ms between animation frames under Playwright's clock
PAUSE_AT = 1000  # seconds since the epoch; the clock is frozen there once the page is up
PHONE = {"width": 390, "height": 844}
PHONE_SIDEWAYS = {"width": 844, "height": 390}

PLANS = {f"drills/{slug}/": timer.drill_plan(slug, d) for slug, d in SITE.drills.items()} | {
    f"sessions/{slug}/": timer.session_plan(slug, s, SITE) for slug, s in SITE.sessions.items()
}

# Everything the display shows, read in one round trip.
SNAPSHOT = """el => {
  const q = (s) => el.querySelector(s)?.textContent ?? null;
  return { state: el.dataset.state, phase: el.dataset.phase, label: q('.drill-timer__label'),
    clock: q('[role=timer]'), count: q('.drill-timer__count'), next: q('.drill-timer__next'),
    meta: q('.drill-timer__meta'), status: q('[role=status]'), main: q('.drill-timer__main'),
    error: q('[role=alert]') };
}"""

# Records every scheduled sound: when it is due on the audio clock, how far ahead of the audio
# clock's "now" it was scheduled, its pitch, its loudest volume (the peak of its gain ramps)
# and whether it was cancelled (stopped before its end); and the shared AudioContext. Calls
# the real methods, so the sound still plays.
AUDIO_LOG = """(() => {
  const log = (window.__audio = { starts: [], cancels: 0, context: null });
  const ramp = AudioParam.prototype.exponentialRampToValueAtTime;
  AudioParam.prototype.exponentialRampToValueAtTime = function (value, ...rest) {
    this.__peak = Math.max(this.__peak ?? 0, value);
    return ramp.call(this, value, ...rest);
  };
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (target, ...rest) {
    if (target instanceof GainNode) this.__gain = target;
    return connect.call(this, target, ...rest);
  };
  const P = AudioScheduledSourceNode.prototype, start = P.start, stop = P.stop;
  P.start = function (when = 0, ...rest) {
    log.context = this.context;
    this.__entry = { when, ahead: when - this.context.currentTime, freq: this.frequency?.value,
      volume: this.__gain?.gain.__peak ?? null, cancelled: false };
    log.starts.push(this.__entry);
    return start.call(this, when, ...rest);
  };
  P.stop = function (...args) {
    if (!args.length) {
      log.cancels++;
      if (this.__entry) this.__entry.cancelled = true;
    }
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

# A browser without the Fullscreen API, as iPhone Safari is.
NO_FULLSCREEN = """delete Element.prototype.requestFullscreen;
delete Document.prototype.fullscreenEnabled;"""


def clock(ms: int) -> str:
    """The display's m:ss for a remaining time in ms (rounded up, as engine.js does)."""
    return timer.clock(-(-ms // 1000))


def open_timer(page: Page, url: str) -> None:
    """Install the fake clock, open the page, wait for the widget, then freeze time."""
    page.clock.install(time=0)
    page.goto(url)
    page.locator(".drill-timer__main").first.wait_for()
    page.clock.pause_at(PAUSE_AT)


def timer_ui(page: Page, index: int = 0) -> Locator:
    """The full timer (not its dock) of the page's ``index``-th <drill-timer>."""
    return page.locator("drill-timer").nth(index).locator(".drill-timer__ui")


def button(page: Page, name: str, index: int = 0) -> Locator:
    """A button of the full timer, by its exact text: "Reset" is not "Tap again to reset"."""
    return timer_ui(page, index).get_by_role("button", name=name, exact=True)


def snap(page: Page, index: int = 0) -> dict:
    return page.locator("drill-timer").nth(index).evaluate(SNAPSHOT)


def dock(page: Page) -> Locator:
    """The one dock on screen (there is never more than one)."""
    return page.locator(".drill-timer__dock:visible")


class Clock:
    """Fake time since Start, in ms, advanced only through ``to``."""

    def __init__(self, page: Page):
        self.page, self.t = page, 0

    def to(self, ms: int) -> None:
        assert ms >= self.t
        if ms > self.t:
            self.page.clock.run_for(ms - self.t)
        self.t = ms


# --- what the display must show, counted from the plan (the tests' oracle) -------------------


def counters(plan: dict) -> list[str]:
    """The round/set line for each phase: "Round 2 of 4" in a drill's work and rests, "" for
    get ready, the rest between drills ("Walk back — next: …") and the cool-down."""
    out, efforts = [], {}
    blocks = {b["name"]: b for b in plan["blocks"]}
    for p in timer.phases(plan):
        name = p.label.split(" — ")[0]
        if p.kind == "work":
            efforts[name] = efforts.get(name, 0) + 1
        block = blocks.get(name) if p.kind in ("work", "rest") else None
        if block is None:
            out.append("")
            continue
        n = efforts[name] - 1
        text = f"Round {n % block['rounds'] + 1} of {block['rounds']}"
        if block["sets"] > 1:
            text += f" · Set {n // block['rounds'] + 1} of {block['sets']}"
        out.append(text)
    return out


def announcements(plan: dict) -> list[str]:
    """What the polite live region says at the start of each phase."""
    return [
        p.label + (", " + count.lower().replace(" · ", ", ") if count else "")
        for p, count in zip(timer.phases(plan), counters(plan), strict=True)
    ]


def finished(plan: dict, ms: int) -> str:
    """The count line at the end: "Finished in 3:30 · 4 efforts[ · 3 drills]"."""
    efforts = sum(1 for p in timer.phases(plan) if p.kind == "work")
    text = f"Finished in {clock(ms)} · {efforts} effort{'s' * (efforts != 1)}"
    drills = len(plan["blocks"])
    return text + (f" · {drills} drills" if drills > 1 else "")


def walk_every_phase(page: Page, plan: dict, hold_open_ms: int = 4_500) -> None:
    """From Start, check each phase on its first frame and, for a timed phase, on its last
    millisecond. An open phase (a run over a distance, a walk-back) counts up and must still
    be there after ``hold_open_ms``; then the main button ("Done", "Go") closes it, as a coach
    taps. Ends by checking the summary after the last phase."""
    phases = timer.phases(plan)
    t = Clock(page)
    start = 0  # ms since Start at which the phase under test began
    rows = zip(phases, counters(plan), announcements(plan), strict=True)
    for i, (p, count, said) in enumerate(rows):
        later = phases[i + 1 :]
        timed_left = (p.duration or 0) + sum(q.duration or 0 for q in later)
        runs = " + runs" if any(q.open for q in phases[i:]) else ""
        t.to(start + FRAME)
        expected = {
            "state": "running",
            "label": p.label,
            "clock": "0:00" if p.open else timer.clock(p.duration),
            "count": f"{count} · tap when done" if p.open else count,
            "status": said,
            "next": f"Next: {later[0].label}" if later else "Last phase",
            "meta": f"Total left {timer.clock(timed_left)}{runs}",
            "main": ("Done" if p.kind == "work" else "Go") if p.open else "Pause",
        }
        s = snap(page)
        assert {k: s[k] for k in expected} == expected, f"phase {i} at {start} ms"
        if p.open:
            t.to(start + hold_open_ms)  # no end of its own: still here, counting up
            s = snap(page)
            assert (s["label"], s["clock"]) == (p.label, timer.clock(hold_open_ms // 1000)), start
            button(page, expected["main"]).click()
            start = t.t
        else:
            end = start + p.duration * 1000
            t.to(end - 1)
            s = snap(page)
            assert (s["state"], s["label"], s["clock"]) == ("running", p.label, "0:01"), end
            start = end
    t.to(start + FRAME)
    expected = {
        "state": "done",
        "phase": "done",
        "label": plan["title"],
        "clock": "Done",
        "count": finished(plan, start),
        "status": "Done",
        "next": "",
        "meta": "",
        "main": "Start again",
    }
    s = snap(page)
    assert {k: s[k] for k in expected} == expected


# --- editing ----------------------------------------------------------------------------------


def fill(page: Page, fields: dict, block: int = 0, index: int = 0) -> None:
    """Type ``fields`` ({"Work (s)": 15, ...}) into one block's fieldset of the Edit form."""
    details = timer_ui(page, index).locator("details")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    group = details.locator("fieldset").nth(block)
    for label, value in fields.items():
        group.get_by_label(label, exact=True).fill(str(value))


def apply(page: Page, index: int = 0) -> None:
    timer_ui(page, index).get_by_role("button", name="Apply").click()


def edit(page: Page, work, rest, rounds) -> None:
    """Edit a one-block timed plan and apply."""
    fill(page, {"Work (s)": work, "Rest (s)": rest, "Rounds": rounds})
    apply(page)


def add_timer(page: Page, plan: dict) -> None:
    """Put another <drill-timer> running ``plan`` after the page's first."""
    page.evaluate(
        """(plan) => {
          const el = document.createElement('drill-timer');
          el.dataset.timerId = plan.id;
          el.dataset.plan = JSON.stringify(plan);
          document.querySelector('drill-timer').after(el);
        }""",
        plan,
    )


# A page with several timers, as a coach's own page of drills would have: sheets/ used to
# carry every drill's timer and is now a gallery, so the tests make one. The page loads the
# built timer (element.js, timer.css) from the served site; each timer gets its own plan from
# the data, with room to scroll between them (the dock shows for a timer off screen).
SEVERAL_TIMERS_PATH = "several-timers/"
SEVERAL_TIMERS = (DRILL, DISTANCE_DRILL, "small-step-run")


def several_timers(page: Page, base_url: str) -> str:
    """Serve the several-timers page at base_url + SEVERAL_TIMERS_PATH; returns its URL."""
    import html
    import json

    parts = []
    for slug in SEVERAL_TIMERS:
        plan = PLANS[f"drills/{slug}/"]
        parts.append(
            f"<h2>{html.escape(plan['title'])}</h2><div style='height: 900px'></div>"
            f"<drill-timer data-timer-id='{slug}' data-plan='{html.escape(json.dumps(plan))}'>"
            "</drill-timer><div style='height: 900px'></div>"
        )
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Several timers</title>"
        '<link rel="stylesheet" href="../assets/timer/timer.css"></head><body>'
        "<h1>Several timers</h1>" + "".join(parts) + '<script type="module" '
        'src="../assets/timer/element.js"></script></body></html>'
    )
    url = base_url + SEVERAL_TIMERS_PATH
    page.route(url + "*", lambda route: route.fulfill(content_type="text/html", body=body))
    page.route(url, lambda route: route.fulfill(content_type="text/html", body=body))
    return url
