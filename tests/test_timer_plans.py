"""The timer's two expansions of a plan agree: engine.js (the live timer, run here by Node)
and render/timer.py (the no-JS table and the printed plan). No browser needed."""

from __future__ import annotations

import json
import subprocess

import pytest

from macros.data.load import load
from macros.render import timer

from .project import ROOT

SITE = load(ROOT)
PLANS = [timer.drill_plan(slug, d) for slug, d in SITE.drills.items()] + [
    timer.session_plan(slug, s, SITE) for slug, s in SITE.sessions.items()
]
ENGINE = (ROOT / "docs" / "assets" / "timer" / "engine.js").as_uri()


def _engine_phases(plan: dict) -> list[list]:
    script = (
        f"import {{ phasesFromPlan }} from {json.dumps(ENGINE)};\n"
        "const plan = JSON.parse(process.argv[1]);\n"
        "console.log(JSON.stringify(phasesFromPlan(plan)"
        ".map((p) => [p.kind, p.label, p.start / 1000, p.open ? null : p.duration / 1000])));\n"
    )
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps(plan)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("plan", PLANS, ids=[p["id"] for p in PLANS])
def test_engine_and_python_expand_every_plan_in_data_alike(plan):
    python = [[p.kind, p.label, p.start, p.duration] for p in timer.phases(plan)]
    assert _engine_phases(plan) == python  # JSON turns the engine's Infinity into None


def test_the_data_has_open_phases_so_the_comparison_covers_them():
    assert any(timer.has_open_phases(plan) for plan in PLANS)
