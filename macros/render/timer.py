"""Interval plans: drill/session data → the plan the browser widget runs, and its phases.

The widget (docs/assets/timer/engine.js) expands the same plan with the same rules; the
browser tests check both expansions agree, so the printed table and the live timer match.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.load import Site
from ..data.models import Drill, Session


@dataclass(frozen=True)
class Phase:
    kind: str  # prepare | work | rest | cooldown
    label: str
    start: int  # seconds from the start of the plan
    duration: int


def drill_plan(slug: str, drill: Drill) -> dict:
    t = drill.timer
    return {
        "id": slug,
        "title": drill.name,
        "prepare": t.prepare,
        "cooldown": t.cooldown,
        "blocks": [_block(drill.name, t.work, t.rest, t.rounds, t.sets, t.set_rest, 0)],
    }


def session_plan(slug: str, session: Session, site: Site) -> dict:
    blocks = []
    for i, item in enumerate(session.items):
        drill = site.drills[item.drill]
        t = drill.timer
        last = i == len(session.items) - 1
        blocks.append(
            _block(
                drill.name,
                item.work if item.work is not None else t.work,
                item.rest if item.rest is not None else t.rest,
                item.rounds if item.rounds is not None else t.rounds,
                item.sets if item.sets is not None else t.sets,
                item.set_rest if item.set_rest is not None else t.set_rest,
                0 if last else session.transition,
            )
        )
    return {
        "id": f"session-{slug}",
        "title": session.name,
        "prepare": session.prepare,
        "cooldown": session.cooldown,
        "blocks": blocks,
    }


def _block(name, work, rest, rounds, sets, set_rest, after) -> dict:
    return {
        "name": name,
        "work": work,
        "rest": rest,
        "rounds": rounds,
        "sets": sets,
        "set_rest": set_rest,
        "after": after,
    }


def phases(plan: dict) -> list[Phase]:
    """Expand a plan into consecutive phases (same rules as engine.js phasesFromPlan)."""
    out: list[tuple[str, str, int]] = []
    if plan["prepare"] > 0:
        out.append(("prepare", "Get ready", plan["prepare"]))
    blocks = plan["blocks"]
    for b, block in enumerate(blocks):
        name = block["name"]
        for s in range(1, block["sets"] + 1):
            for r in range(1, block["rounds"] + 1):
                out.append(("work", f"{name} — Work", block["work"]))
                if r < block["rounds"]:
                    if block["rest"] > 0:
                        out.append(("rest", f"{name} — Rest", block["rest"]))
                elif s < block["sets"] and block["set_rest"] > 0:
                    out.append(("rest", f"{name} — Set rest", block["set_rest"]))
        if b < len(blocks) - 1 and block["after"] > 0:
            out.append(("rest", "Transition", block["after"]))
    if plan["cooldown"] > 0:
        out.append(("cooldown", "Cool-down", plan["cooldown"]))

    result, start = [], 0
    for kind, label, duration in out:
        result.append(Phase(kind, label, start, duration))
        start += duration
    return result


def total_seconds(plan: dict) -> int:
    return sum(p.duration for p in phases(plan))


def clock(seconds: int) -> str:
    """Seconds as m:ss, the way the widget shows them."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def describe(plan: dict) -> str:
    """One line for the plan, e.g. '6 rounds of 20 s work, 40 s rest'."""
    parts = []
    for block in plan["blocks"]:
        text = f"{block['rounds']} × {block['work']} s work"
        if block["rest"]:
            text += f" / {block['rest']} s rest"
        if block["sets"] > 1:
            text = f"{block['sets']} sets of {text}"
        parts.append(text if len(plan["blocks"]) == 1 else f"{block['name']}: {text}")
    return "; ".join(parts) + f" — {clock(total_seconds(plan))} in all"
