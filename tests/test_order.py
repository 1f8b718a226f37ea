"""Teaching order (macros/render/order.py): from the regression and progression links, with
level, then how many drills build on a drill, then name deciding where the links leave a
choice; never the order of the files."""

from __future__ import annotations

import pytest

from macros.data.load import load
from macros.render.order import session_order, teaching_order

from .project import ROOT

SITE = load(ROOT)
BASE = SITE.drills["high-knee-run"]
# A link to another drill as the data holds it, whatever the model calls it.
LINK = next(item for item in BASE.progressions if not isinstance(item, str))


def link(slug: str):
    return LINK.model_copy(update={"drill": slug})


def drill(name: str, level: str = "beginner", easier=(), harder=(), text=()):
    return BASE.model_copy(
        update={
            "name": name,
            "level": level,
            "regressions": [*map(link, easier), *text],
            "progressions": [*map(link, harder), *text],
        }
    )


def test_the_real_drills_go_small_step_then_high_knee_then_push_off():
    order = teaching_order(SITE.drills)
    original = [
        slug for slug in order if slug in ("small-step-run", "high-knee-run", "push-off-run")
    ]
    assert original == ["small-step-run", "high-knee-run", "push-off-run"]


def test_every_link_in_the_real_data_puts_the_easier_drill_first():
    order = teaching_order(SITE.drills)
    place = {slug: i for i, slug in enumerate(order)}
    for slug, drill in SITE.drills.items():
        for item in drill.regressions:
            if getattr(item, "drill", None):
                assert place[item.drill] < place[slug], (item.drill, slug)
        for item in drill.progressions:
            if getattr(item, "drill", None):
                assert place[slug] < place[item.drill], (slug, item.drill)


def test_every_drill_of_the_real_data_is_listed_once():
    order = teaching_order(SITE.drills)
    assert sorted(order) == sorted(SITE.drills)


def test_a_link_from_either_side_orders_the_pair_against_level_and_name():
    # Without the link, "A" (beginner) would come before "C" (advanced).
    by_progression = {"a": drill("A"), "c": drill("C", "advanced", harder=["a"])}
    by_regression = {"a": drill("A", easier=["c"]), "c": drill("C", "advanced")}
    assert teaching_order(by_progression) == ["c", "a"]
    assert teaching_order(by_regression) == ["c", "a"]


def test_without_links_easier_levels_come_first_then_names_a_to_z():
    drills = {
        "z-beginner": drill("Zig", "beginner"),
        "a-advanced": drill("Arc", "advanced"),
        "m-intermediate": drill("Mid", "intermediate"),
        "b-beginner": drill("bounce", "beginner"),
    }
    assert teaching_order(drills) == ["b-beginner", "z-beginner", "m-intermediate", "a-advanced"]


def test_among_drills_of_a_level_the_one_more_drills_build_on_comes_first():
    # "Butt" is first A-Z, but "Walk" leads to two drills (one through the other): the
    # foundation is taught first, then what it leads to, then the side branch.
    drills = {
        "butt": drill("Butt kicks"),
        "walk": drill("Walk", harder=["march"]),
        "march": drill("March", harder=["skip"]),
        "skip": drill("Skip", "intermediate"),
    }
    assert teaching_order(drills) == ["walk", "march", "butt", "skip"]


def test_the_real_drills_start_with_the_gentlest_foundation():
    assert teaching_order(SITE.drills)[:2] == ["knee-lift-walk", "a-march"]


def test_the_order_does_not_follow_the_files():
    drills = {
        "c": drill("Carioca", harder=["b"]),
        "b": drill("B-skip"),
        "a": drill("A-skip", harder=["b"]),
    }
    reversed_files = dict(reversed(list(drills.items())))
    assert teaching_order(drills) == teaching_order(reversed_files) == ["a", "c", "b"]


def test_a_chain_stays_together_where_the_links_allow_it():
    drills = {
        "one": drill("Walk", harder=["two"]),
        "two": drill("Jog", "intermediate", harder=["three"]),
        "three": drill("Run", "advanced"),
        "other": drill("Other", "intermediate"),
    }
    order = teaching_order(drills)
    assert order.index("one") < order.index("two") < order.index("three")
    assert order[0] == "one"


def test_contradicting_links_still_list_every_drill_once_easiest_first():
    drills = {
        "a": drill("A", "intermediate", harder=["b"]),
        "b": drill("B", "beginner", harder=["a"]),
        "c": drill("C", "advanced"),
    }
    assert teaching_order(drills) == ["b", "a", "c"]


@pytest.mark.parametrize("missing", ["no-such-drill", "a"])
def test_text_links_unknown_slugs_and_self_links_are_ignored(missing):
    drills = {"a": drill("A", harder=[missing], text=["March on the spot."]), "b": drill("B")}
    assert teaching_order(drills) == ["a", "b"]


def test_sessions_easiest_first_then_by_name():
    base = next(iter(SITE.sessions.values()))
    sessions = {
        "hard": base.model_copy(update={"name": "Hard", "level": "advanced"}),
        "zeta": base.model_copy(update={"name": "Zeta", "level": "beginner"}),
        "alpha": base.model_copy(update={"name": "Alpha", "level": "beginner"}),
    }
    assert session_order(sessions) == ["alpha", "zeta", "hard"]


def test_a_drill_after_a_cycle_still_comes_after_all_of_it():
    drills = {
        "a": drill("A", harder=["b"]),
        "b": drill("B", harder=["c"]),
        "c": drill("C", harder=["a", "d"]),
        "d": drill("D", "beginner"),
        "e": drill("E", "beginner"),
    }
    order = teaching_order(drills)
    assert order.index("d") > max(order.index(s) for s in "abc")
    assert sorted(order) == sorted(drills)


def test_a_long_chain_of_links_is_ordered_without_recursion():
    slugs = [f"d{i:04d}" for i in range(1500)]
    drills = {
        slug: drill(f"Drill {len(slugs) - i}", harder=slugs[i + 1 : i + 2])
        for i, slug in enumerate(slugs)
    }
    drills[slugs[-1]] = drill("Drill 0", harder=[slugs[0]])  # and one cycle through them all
    assert sorted(teaching_order(drills)) == slugs
    del drills[slugs[-1]]
    assert teaching_order(drills) == slugs[:-1]
