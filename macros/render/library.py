"""The drill library as one JSON file for the session builder (assets/data/library.json).

A view of the validated data, like the pages: each drill's names, facets, summary, cues, its
first key position as a decorative SVG, its page and its default plan block in the shape
render/timer.py gives the timer (``_block`` without the per-session fields), with that block's
one-line summary. Session defaults and the limits of every number come from the models, so the
builder in the browser (docs/assets/builder/) states no drill fact and no rule of its own.
"""

from __future__ import annotations

import json
from typing import get_args

from annotated_types import Ge, Gt, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..data.load import Site
from ..data.models import MAX_PLAN_SECONDS, Session, Timer
from . import figures, timer

PATH = "assets/data/library.json"
# Bumped when a field changes meaning or goes away; the builder refuses a library it does not
# know rather than run a plan it misreads.
VERSION = 1
# The file's size budget, gzipped as GitHub Pages serves it: a drill costs about 0.6 KB today
# (its figure is half of that). tests/test_budget.py checks it; `make bench` prints it.
GZIP_BUDGET_PER_DRILL = 1024


def gzip_budget(drills: int) -> int:
    return 1024 + GZIP_BUDGET_PER_DRILL * drills


# The plan block's fields a session sets for itself (render/timer.py session_plan).
_SESSION_FIELDS = ("name", "cues", "after", "after_label")


def _rules(model: type[BaseModel], name: str) -> list:
    """The constraints on a field, also when its number type sits in a union (``work: int |
    None``, ``rest: int | "walk back"``): the metadata of the Annotated int inside it."""
    field = model.model_fields[name]
    if field.metadata:
        return field.metadata
    for arg in get_args(field.annotation):
        for extra in get_args(arg)[1:]:  # Annotated[int, FieldInfo(...)]
            if isinstance(extra, FieldInfo):
                return extra.metadata
    raise ValueError(f"{model.__name__}.{name}: no bounds to read")


def _limits(model: type[BaseModel], names: tuple[str, ...]) -> dict[str, list[int]]:
    """[lowest, highest] allowed for each whole-number field, read from the model."""
    out = {}
    for name in names:
        low = high = None
        for rule in _rules(model, name):
            if isinstance(rule, Ge):
                low = rule.ge
            elif isinstance(rule, Gt):
                low = rule.gt + 1
            elif isinstance(rule, Le):
                high = rule.le
        out[name] = [low, high]
    return out


def _defaults() -> dict:
    fields = Session.model_fields
    return {name: fields[name].default for name in ("prepare", "transition", "transition_label")}


def _drill(site: Site, slug: str, url: str) -> dict:
    drill = site.drills[slug]
    block = timer.drill_plan(slug, drill)["blocks"][0]
    return {
        "slug": slug,
        "name": drill.name,
        # Every other name (aliases and noted names): the builder searches them all.
        "aliases": list(drill.other_names),
        "level": drill.level,
        "primary_muscles": list(drill.primary_muscles),
        "equipment": list(drill.equipment),
        "summary": drill.summary,
        "cues": list(drill.cues),
        "url": url,
        "block": {k: v for k, v in block.items() if k not in _SESSION_FIELDS},
        "dosage": timer.block_summary(block),
        # Decorative (the name is beside it): no ids, no title, hidden from screen readers.
        "figure": figures.decorative(drill.keyframes[:1]),
    }


def library(site: Site, page_url) -> dict:
    """The library as a dict; ``page_url(path)`` gives a page's link from the site root, as
    render/pages.page_link does for "drills/<slug>.md"."""
    limits = _limits(Timer, ("work", "distance", "rest", "rounds", "sets", "set_rest"))
    limits.update(_limits(Session, ("prepare", "transition", "cooldown")))
    return {
        "version": VERSION,
        "defaults": _defaults(),
        "limits": limits,
        "max_plan_seconds": MAX_PLAN_SECONDS,
        "drills": [_drill(site, slug, page_url(f"drills/{slug}.md")) for slug in site.drills],
    }


def library_json(site: Site, page_url) -> str:
    # Compact: it is fetched, not read; ensure_ascii off keeps names and dashes short.
    return json.dumps(library(site, page_url), ensure_ascii=False, separators=(",", ":"))
