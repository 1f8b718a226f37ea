"""Interval plans: drill/session data → the plan the browser widget runs, its phases, and the
compact summary printed on the page and the sheet.

The widget (docs/assets/timer/engine.js) expands the same plan with the same rules;
tests/test_timer_plans.py runs both expansions on every plan in data/ and compares them, so
the printed plan and the live timer match.

A plan is JSON-ready: {id, title, prepare, cooldown, blocks: [block, ...]}, a block being one
drill's part: {name, work, distance, rest, walk_back, rounds, sets, set_rest, after,
after_label, cues}. ``work`` (seconds) or ``distance`` (metres) is set, the other is None; a
distance effort and a walk-back recovery are *open* phases: they last until a tap.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.load import Site
from ..data.models import Drill, Session, Timer


@dataclass(frozen=True)
class Phase:
    kind: str  # prepare | work | rest | cooldown
    label: str
    start: int | None  # seconds from the start of the plan; None after an open phase
    duration: int | None  # None: an open phase, which ends when the coach taps

    @property
    def open(self) -> bool:
        return self.duration is None


def drill_plan(slug: str, drill: Drill) -> dict:
    t = drill.timer
    return {
        "id": slug,
        "title": drill.name,
        "prepare": t.prepare,
        "cooldown": t.cooldown,
        "blocks": [_block(drill, t, 0, None)],
    }


def session_plan(slug: str, session: Session, site: Site) -> dict:
    blocks = []
    for i, item in enumerate(session.items):
        drill = site.drills[item.drill]
        last = i == len(session.items) - 1
        after = 0 if last else session.transition
        blocks.append(_block(drill, item.applied_to(drill.timer), after, session.transition_label))
    return {
        "id": f"session-{slug}",
        "title": session.name,
        "prepare": session.prepare,
        "cooldown": session.cooldown,
        "blocks": blocks,
    }


def _block(drill: Drill, t: Timer, after: int, after_label: str | None) -> dict:
    walk_back = t.rest == "walk back"
    return {
        "name": drill.name,
        "work": t.work,
        "distance": t.distance,
        "rest": 0 if walk_back else t.rest,
        "walk_back": walk_back,
        "rounds": t.rounds,
        "sets": t.sets,
        "set_rest": t.set_rest,
        "after": after,
        "after_label": after_label,
        # Spoken with Voice on, one per work phase in turn (engine.js spokenText).
        "cues": list(drill.cues),
    }


def phases(plan: dict) -> list[Phase]:
    """Expand a plan into consecutive phases (same rules as engine.js phasesFromPlan)."""
    out: list[tuple[str, str, int | None]] = []
    if plan["prepare"] > 0:
        out.append(("prepare", "Get ready", plan["prepare"]))
    blocks = plan["blocks"]
    for b, block in enumerate(blocks):
        name = block["name"]
        for s in range(1, block["sets"] + 1):
            for r in range(1, block["rounds"] + 1):
                if block["distance"]:
                    out.append(("work", f"{name} — {block['distance']} m", None))
                else:
                    out.append(("work", f"{name} — Work", block["work"]))
                if r < block["rounds"]:
                    if block["walk_back"]:
                        out.append(("rest", f"{name} — Walk back", None))
                    elif block["rest"] > 0:
                        out.append(("rest", f"{name} — Rest", block["rest"]))
                elif s < block["sets"] and block["set_rest"] > 0:
                    out.append(("rest", f"{name} — Set rest", block["set_rest"]))
        if b < len(blocks) - 1 and block["after"] > 0:
            label = f"{block['after_label']} — next: {blocks[b + 1]['name']}"
            out.append(("rest", label, block["after"]))
    if plan["cooldown"] > 0:
        out.append(("cooldown", "Cool-down", plan["cooldown"]))

    result: list[Phase] = []
    start: int | None = 0
    for kind, label, duration in out:
        result.append(Phase(kind, label, start, duration))
        start = None if start is None or duration is None else start + duration
    return result


def total_seconds(plan: dict) -> int:
    """The timed part of the plan, in seconds (open phases count 0)."""
    return sum(p.duration or 0 for p in phases(plan))


def has_open_phases(plan: dict) -> bool:
    return any(p.open for p in phases(plan))


def clock(seconds: int) -> str:
    """Seconds as m:ss, the way the widget shows them."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _span(seconds: int) -> str:
    """A duration in words: "40 s", "2 min", "1 min 30 s"."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def effort(block: dict) -> str:
    return f"{block['distance']} m" if block["distance"] else _span(block["work"])


def recovery(block: dict) -> str:
    if block["walk_back"]:
        return "walk back"
    return f"{_span(block['rest'])} rest" if block["rest"] else "no rest"


def rounds_text(block: dict) -> str:
    """ "4", or "6 × 2 sets, 2 min between sets"."""
    if block["sets"] == 1:
        return str(block["rounds"])
    text = f"{block['rounds']} × {block['sets']} sets"
    return text + (f", {_span(block['set_rest'])} between sets" if block["set_rest"] else "")


def block_summary(block: dict) -> str:
    """One drill's part in a line: "4 × (20 s / 40 s rest)", "3 × (20 m / walk back)"."""
    text = f"{block['rounds']} × ({effort(block)} / {recovery(block)})"
    if block["sets"] > 1:
        text += f", {block['sets']} sets"
        if block["set_rest"]:
            text += f" with {_span(block['set_rest'])} between"
    return text


def describe(plan: dict) -> str:
    """The whole plan in one line, for the table's caption and the page's dosage row:
    "Get ready 10 s, then 4 × (20 s / 40 s rest) — 2:50 in all"."""
    blocks = plan["blocks"]
    if len(blocks) == 1:
        body = block_summary(blocks[0])
    else:
        efforts = sum(b["rounds"] * b["sets"] for b in blocks)
        body = f"{len(blocks)} drills, {efforts} efforts"
    parts = [f"Get ready {_span(plan['prepare'])}, then {body}" if plan["prepare"] else body]
    if plan["cooldown"]:
        parts.append(f"cool-down {_span(plan['cooldown'])}")
    total = total_seconds(plan)
    timed_blocks = total - plan["prepare"] - plan["cooldown"]
    if not has_open_phases(plan):
        ending = f"{clock(total)} in all"
    elif timed_blocks:
        ending = f"{clock(total)} timed, plus the runs and walk-backs that end with a tap"
    else:
        ending = "each run and walk-back ends with a tap"
    return ", ".join(parts) + f" — {ending}"


def span(seconds: int) -> str:
    return _span(seconds)
