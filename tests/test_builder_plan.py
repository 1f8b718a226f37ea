"""The session builder's rules (docs/assets/builder/plan.js, run here by Node) agree with the
Python side on the real library: a session built in the browser is the plan the data's session
makes, and its words are the printed plan's words."""

from __future__ import annotations

import json
import subprocess
from functools import partial

import pytest

from macros.data.load import load
from macros.render import library, timer
from macros.render.pages import page_link

from .project import ROOT

SITE = load(ROOT)
LIBRARY = library.library(SITE, partial(page_link, ""))
PLAN_JS = (ROOT / "docs" / "assets" / "builder" / "plan.js").as_uri()


def _node(body: str, *args) -> object:
    script = (
        f"import * as plan from {json.dumps(PLAN_JS)};\n"
        "const [library, ...args] = process.argv.slice(1).map((a) => JSON.parse(a));\n"
        f"console.log(JSON.stringify(({body})(...args)));\n"
    )
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps(LIBRARY)]
        + [json.dumps(a) for a in args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_each_drills_default_block_reads_as_its_printed_dosage():
    got = _node(
        "() => library.drills.map((d) => plan.blockSummary(plan.toPlan("
        "{...plan.emptySession(library), items: [plan.itemFor(d)]}, library).blocks[0]))"
    )
    assert got == [d["dosage"] for d in LIBRARY["drills"]]


def _as_builder_session(session) -> dict:
    """A session from data/ as the builder holds it: its drills with their overrides."""
    items = []
    for item in session.items:
        t = item.applied_to(SITE.drills[item.drill].timer)
        walk = t.rest == "walk back"
        items.append(
            {
                "slug": item.drill,
                "effort": t.distance or t.work,
                "distance": bool(t.distance),
                "rest": 0 if walk else t.rest,
                "walkBack": walk,
                "rounds": t.rounds,
                "sets": t.sets,
                "setRest": t.set_rest,
            }
        )
    return {
        "name": session.name,
        "prepare": session.prepare,
        "transition": session.transition,
        "label": session.transition_label,
        "cooldown": session.cooldown,
        "items": items,
    }


@pytest.mark.parametrize("slug", list(SITE.sessions))
def test_a_data_session_rebuilt_in_the_builder_is_the_same_plan_and_words(slug):
    session = SITE.sessions[slug]
    expected = timer.session_plan(slug, session, SITE)
    got = _node(
        "(s) => { const p = plan.toPlan(s, library); const link = plan.formatLink(s);"
        " return {plan: p, describe: plan.describe(p), total: plan.totalSeconds(p),"
        " back: plan.parseLink('#' + link, library).session}; }",
        _as_builder_session(session),
    )
    assert got["plan"]["blocks"] == expected["blocks"]
    assert got["describe"] == timer.describe(expected)
    assert got["total"] == timer.total_seconds(expected)
    assert got["back"] == _as_builder_session(session)  # and its link carries it whole
