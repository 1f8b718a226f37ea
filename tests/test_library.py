"""The session builder's drill library (assets/data/library.json) is a view of the data: every
drill with its own names, cues and plan, the limits of the models, nothing typed twice."""

from __future__ import annotations

import gzip
import json
from functools import partial

from macros.data.load import load
from macros.data.models import Session
from macros.render import library, timer
from macros.render.pages import page_link

from .project import ROOT

SITE = load(ROOT)


def _built(built_site) -> dict:
    return json.loads((built_site / library.PATH).read_text(encoding="utf-8"))


def test_built_library_has_every_drill_with_its_names_cues_and_page(built_site):
    data = _built(built_site)
    assert data["version"] == library.VERSION
    assert [d["slug"] for d in data["drills"]] == list(SITE.drills)
    for entry in data["drills"]:
        drill = SITE.drills[entry["slug"]]
        assert entry["name"] == drill.name
        assert entry["aliases"] == drill.other_names  # noted names too ("Short trot")
        assert entry["cues"] == drill.cues
        assert entry["level"] == drill.level
        assert entry["primary_muscles"] == drill.primary_muscles
        assert entry["equipment"] == drill.equipment
        assert entry["url"] == f"drills/{entry['slug']}/"
        assert (built_site / entry["url"] / "index.html").is_file()


def test_each_drills_block_is_its_timer_block_and_its_dosage_the_printed_summary(built_site):
    for entry in _built(built_site)["drills"]:
        block = timer.drill_plan(entry["slug"], SITE.drills[entry["slug"]])["blocks"][0]
        assert {**block, **entry["block"]} == block  # the same fields, the same values
        assert set(block) - set(entry["block"]) == {"name", "cues", "after", "after_label"}
        assert entry["dosage"] == timer.block_summary(block)


def test_figure_is_the_first_key_position_and_decorative(built_site):
    for entry in _built(built_site)["drills"]:
        svg = entry["figure"]
        assert svg.startswith("<svg") and 'aria-hidden="true"' in svg
        assert " id=" not in svg  # many on one page: no duplicate ids


def test_defaults_and_limits_come_from_the_models(built_site):
    data = _built(built_site)
    assert data["defaults"] == {
        "prepare": Session.model_fields["prepare"].default,
        "transition": Session.model_fields["transition"].default,
        "transition_label": Session.model_fields["transition_label"].default,
    }
    assert data["limits"]["rounds"] == [1, 99]
    assert data["limits"]["work"] == [1, 3600]
    assert data["limits"]["distance"] == [1, 400]
    assert data["limits"]["rest"] == [0, 3600]
    assert data["limits"]["sets"] == [1, 20]


def test_page_links_follow_the_builds_url_style():
    flat = library.library(SITE, partial(page_link, "", directory_urls=False))
    assert flat["drills"][0]["url"] == f"drills/{flat['drills'][0]['slug']}.html"


def test_library_fits_its_gzip_budget(built_site):
    size = len(gzip.compress((built_site / library.PATH).read_bytes(), 6))
    assert size <= library.gzip_budget(len(SITE.drills)), size
