"""The Firefox and WebKit smoke steps expect fixed text (engines/smoke.json); it must be what
the data makes, or those suites would fail for the wrong reason. No browser needed."""

from __future__ import annotations

from pathlib import Path

from macros.data.load import load
from macros.render import timer

from .engine_smoke import SCENARIO

ROOT = Path(__file__).resolve().parents[2]
SITE = load(ROOT)


def slug(path: str) -> str:
    return path.strip("/").split("/")[-1]


def edited(plan: dict, work: int, rest: int, rounds: int) -> dict:
    """The plan as the timer's edit or link applies it: the same numbers for every block."""
    blocks = [{**b, "work": work, "rest": rest, "rounds": rounds} for b in plan["blocks"]]
    return {**plan, "blocks": blocks}


def test_engine_smoke_scenario_matches_the_data():
    drill = SCENARIO["drill"]
    plan = timer.drill_plan(slug(drill["path"]), SITE.drills[slug(drill["path"])])
    prepare, work, rest = timer.phases(plan)[:3]
    shown = [{"label": p.label, "clock": timer.clock(p.duration)} for p in (prepare, work, rest)]
    assert shown == [drill["prepare"], drill["work"], drill["rest"]]
    total = timer.total_seconds(plan)
    assert drill["total"] == timer.clock(total)
    assert drill["totalAfterPrepare"] == timer.clock(total - prepare.duration)

    edit = SCENARIO["edit"]
    numbers = edit["work"], edit["rest"], edit["rounds"]
    # The link is keyed to the timer (engine.js formatHash): "#timer.<id>=work-restxrounds".
    assert edit["hash"] == "#timer.{}={}-{}x{}".format(plan["id"], *numbers)
    assert edit["total"] == timer.clock(timer.total_seconds(edited(plan, *numbers)))

    link = SCENARIO["link"]
    work_s, rest_rounds = link["hash"].removeprefix("#timer=").split("-")
    rest_s, rounds = rest_rounds.split("x")
    assert int(rounds) == link["rounds"]
    linked = edited(plan, int(work_s), int(rest_s), int(rounds))
    assert link["total"] == timer.clock(timer.total_seconds(linked))

    session = SCENARIO["session"]
    name = slug(session["path"])
    first = next(
        p
        for p in timer.phases(timer.session_plan(name, SITE.sessions[name], SITE))
        if p.kind == "work"
    )
    assert session["firstWork"] == first.label

    after = SCENARIO["next"]
    assert after["timerId"] == slug(after["path"]) in SITE.drills
    assert after["path"] != drill["path"]
