"""The loader: every kind of bad input gives one clear line naming file, field and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.load import DataError, load

from .project import edit_yaml


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load(project)
    return exc.value.problems


def test_real_data_loads():
    site = load(Path(__file__).resolve().parents[1])
    assert {"small-step-run", "high-knee-run", "push-off-run"} <= set(site.drills)
    assert site.sessions and site.claims and site.sources


def test_negative_work_duration_names_file_and_field(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(work=-5))
    assert problems(project) == ["data/drills/high-knee-run.yml: timer.work: must be > 0, got -5"]


def test_zero_work_duration_is_refused(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(work=0))
    assert problems(project) == ["data/drills/high-knee-run.yml: timer.work: must be > 0, got 0"]


def test_negative_rest_is_refused(project):
    edit_yaml(project, "data/drills/small-step-run.yml", lambda d: d["timer"].update(rest=-1))
    assert problems(project) == ["data/drills/small-step-run.yml: timer.rest: must be >= 0, got -1"]


def test_yaml_syntax_error_gives_line_number(project):
    path = project / "data/drills/push-off-run.yml"
    lines = path.read_text().splitlines()
    broken = next(i for i, text in enumerate(lines) if text.startswith("level:"))
    lines[broken] = "level: intermediate: oops"
    path.write_text("\n".join(lines) + "\n")
    (line,) = problems(project)
    # libyaml says "...allowed in this context", pure-Python PyYAML "...allowed here".
    assert line.startswith(
        f"data/drills/push-off-run.yml: line {broken + 1}, column 20: "
        "YAML syntax error: mapping values are not allowed"
    )


def test_missing_required_field(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d.pop("cues"))
    assert problems(project) == ["data/drills/high-knee-run.yml: cues: required field is missing"]


def test_wrong_type(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(rounds="six"))
    assert problems(project) == [
        "data/drills/high-knee-run.yml: timer.rounds: must be a whole number, got 'six'"
    ]


def test_unknown_key_suggests_the_right_spelling(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(wrok=20))
    assert problems(project) == [
        "data/drills/high-knee-run.yml: timer.wrok: unknown field (did you mean 'work'?)"
    ]


def test_unknown_level_lists_choices(project):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d.update(level="expert"))
    assert problems(project) == [
        "data/drills/high-knee-run.yml: level: must be one of "
        "'beginner', 'intermediate' or 'advanced', got 'expert'"
    ]


def test_unknown_progression_slug(project):
    edit_yaml(
        project,
        "data/drills/small-step-run.yml",
        lambda d: d["progressions"].insert(0, {"drill": "skipping"}),
    )
    assert problems(project) == [
        "data/drills/small-step-run.yml: progressions[0].drill: no drill 'skipping' "
        "(there is no data/drills/skipping.yml)"
    ]


def test_unknown_session_drill(project):
    edit_yaml(
        project,
        "data/sessions/sprint-drill-warm-up.yml",
        lambda d: d["items"][1].update(drill="c-skip"),
    )
    assert problems(project) == [
        "data/sessions/sprint-drill-warm-up.yml: items[1].drill: no drill 'c-skip' "
        "(there is no data/drills/c-skip.yml)"
    ]


def test_unknown_source_in_a_session_names_the_paragraph_or_list(project):
    def change(d):
        d["purpose"] = [{"text": "Why this order.", "sources": ["made-up-2020"]}]
        d["sources"] = ["made-up-2021"]

    edit_yaml(project, "data/sessions/sprint-drill-warm-up.yml", change)
    assert problems(project) == [
        "data/sessions/sprint-drill-warm-up.yml: purpose[0].sources[0]: no source "
        "'made-up-2020' in data/sources.yml",
        "data/sessions/sprint-drill-warm-up.yml: sources[0]: no source 'made-up-2021' "
        "in data/sources.yml",
    ]


def test_unknown_source_id(project):
    edit_yaml(
        project, "data/drills/push-off-run.yml", lambda d: d["sources"].append("made-up-2020")
    )
    (line,) = problems(project)
    assert line.startswith("data/drills/push-off-run.yml: sources[")
    assert line.endswith("]: no source 'made-up-2020' in data/sources.yml")


def test_alias_used_by_two_drills(project):
    edit_yaml(project, "data/drills/push-off-run.yml", lambda d: d["aliases"].append("high knees"))
    (line,) = problems(project)
    assert line.startswith("data/drills/push-off-run.yml: aliases[")
    assert "'high knees' is already used by data/drills/high-knee-run.yml (aliases[0])" in line


def test_name_equal_to_another_drills_alias(project):
    edit_yaml(project, "data/drills/small-step-run.yml", lambda d: d.update(name="Knee Lift"))
    text = "\n".join(problems(project))
    assert "'Knee Lift' is already used by data/drills/high-knee-run.yml" in text


def test_duplicate_yaml_key_is_an_error(project):
    path = project / "data/drills/high-knee-run.yml"
    path.write_text(path.read_text() + "level: advanced\n")
    (line,) = problems(project)
    assert line.startswith("data/drills/high-knee-run.yml: line ")
    assert "duplicate key 'level'" in line


def test_a_control_character_in_a_name_is_refused(project):
    # Markup characters are fine in a name (escaped where shown: test_text_as_written.py);
    # control characters cannot be shown at all.
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d.update(name="High\x07knee"))
    (line,) = problems(project)
    assert line == "data/drills/high-knee-run.yml: name: must not contain control characters"


def test_file_name_must_be_a_slug(project):
    (project / "data/drills/High Knees.yml").write_text("name: x\n")
    assert problems(project) == [
        "data/drills/High Knees.yml: file name must be a slug (lowercase letters, digits and "
        "hyphens, e.g. high-knee-run) ending in .yml"
    ]


def test_every_problem_is_reported_in_one_run(project):
    edit_yaml(
        project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(work=-5, rest=-5)
    )
    edit_yaml(project, "data/drills/small-step-run.yml", lambda d: d.pop("summary"))
    assert sorted(problems(project)) == [
        "data/drills/high-knee-run.yml: timer.rest: must be >= 0, got -5",
        "data/drills/high-knee-run.yml: timer.work: must be > 0, got -5",
        "data/drills/small-step-run.yml: summary: required field is missing",
    ]


def test_every_claim_needs_a_bottom_line(project):
    edit_yaml(project, "data/benefits.yml", lambda d: d["claims"][2].pop("bottom_line"))
    assert problems(project) == [
        "data/benefits.yml: claims[2].bottom_line: required field is missing"
    ]


def test_unsupported_claim_must_say_what_works(project):
    def change(d):
        claim = next(c for c in d["claims"] if c["verdict"] == "not supported")
        claim.pop("instead")

    edit_yaml(project, "data/benefits.yml", change)
    (line,) = problems(project)
    assert line.startswith("data/benefits.yml: claims[")
    assert line.endswith("a 'not supported' claim needs 'instead': say what works")


def test_source_without_link_is_refused(project):
    def change(d):
        d["sources"][0].pop("doi", None)
        d["sources"][0].pop("url", None)

    edit_yaml(project, "data/sources.yml", change)
    assert problems(project) == [
        "data/sources.yml: sources[0]: needs a doi or a url so readers can check it"
    ]


# Links and sources inside steps, faults, variations and claim paragraphs: a dangling one names
# the file and the exact field, as the top-level ones do.


def test_unknown_fix_drill_names_file_and_field(project):
    edit_yaml(
        project, "data/drills/high-knee-run.yml", lambda d: d["faults"][1].update(fix_drill="wall")
    )
    assert problems(project) == [
        "data/drills/high-knee-run.yml: faults[1].fix_drill: no drill 'wall' "
        "(there is no data/drills/wall.yml)"
    ]


def test_fix_drill_may_not_be_the_drill_itself(project):
    edit_yaml(
        project,
        "data/drills/high-knee-run.yml",
        lambda d: d["faults"][0].update(fix_drill="high-knee-run"),
    )
    assert problems(project) == [
        "data/drills/high-knee-run.yml: faults[0].fix_drill: "
        "a drill cannot be the fix for its own fault"
    ]


def test_unknown_source_on_a_step_names_the_step(project):
    def change(d):
        d["steps"][2] = {"text": "Push the other leg long.", "sources": ["made-up-2020"]}

    edit_yaml(project, "data/drills/high-knee-run.yml", change)
    assert problems(project) == [
        "data/drills/high-knee-run.yml: steps[2].sources[0]: "
        "no source 'made-up-2020' in data/sources.yml"
    ]


def test_cited_step_needs_at_least_one_source(project):
    edit_yaml(
        project,
        "data/drills/high-knee-run.yml",
        lambda d: d["steps"].__setitem__(0, {"text": "Stand tall.", "sources": []}),
    )
    (line,) = problems(project)
    assert (
        line == "data/drills/high-knee-run.yml: steps[0].sources: needs at least 1 item(s), got 0"
    )


def test_unknown_source_on_a_fault(project):
    edit_yaml(
        project,
        "data/drills/push-off-run.yml",
        lambda d: d["faults"][2].update(sources=["fradkin-2010-warm-up", "nobody-1999"]),
    )
    assert problems(project) == [
        "data/drills/push-off-run.yml: faults[2].sources[1]: "
        "no source 'nobody-1999' in data/sources.yml"
    ]


def test_unknown_source_in_a_claim_paragraph(project):
    def change(d):
        d["claims"][1]["explanation"][0]["sources"] = ["made-up-2020"]

    edit_yaml(project, "data/benefits.yml", change)
    assert problems(project) == [
        "data/benefits.yml: claims[1].explanation[0].sources[0]: "
        "no source 'made-up-2020' in data/sources.yml"
    ]


def test_claim_with_no_source_anywhere_is_refused(project):
    def change(d):
        d["claims"][1].update(explanation="Plain words.", instead="More plain words.", sources=[])

    edit_yaml(project, "data/benefits.yml", change)
    assert problems(project) == [
        "data/benefits.yml: claims[1]: cite at least one source, in 'sources' or in a paragraph"
    ]


def test_unknown_drill_in_a_progression_with_move_on_when(project):
    def change(d):
        d["progressions"][0] = {"drill": "c-skip", "move_on_when": "Ten clean reps."}

    edit_yaml(project, "data/drills/high-knee-run.yml", change)
    assert problems(project) == [
        "data/drills/high-knee-run.yml: progressions[0].drill: no drill 'c-skip' "
        "(there is no data/drills/c-skip.yml)"
    ]


def test_variation_needs_a_drill_or_a_text_not_both(project):
    def change(d):
        d["regressions"][0] = {"drill": "small-step-run", "text": "March.", "move_on_when": "x"}

    edit_yaml(project, "data/drills/high-knee-run.yml", change)
    text = "\n".join(problems(project))
    assert "data/drills/high-knee-run.yml: regressions[0]: " in text
    assert "give one of 'drill' (a drill's file name) or 'text', not both" in text


def test_noted_name_used_by_another_drill(project):
    def change(d):
        d["names"] = [{"name": "High Knees", "note": "A name from somewhere."}]

    edit_yaml(project, "data/drills/small-step-run.yml", change)
    assert problems(project) == [
        "data/drills/small-step-run.yml: names[0].name: 'High Knees' is already used by "
        "data/drills/high-knee-run.yml (aliases[0])"
    ]


def test_source_kind_must_be_one_of_the_kinds(project):
    edit_yaml(project, "data/sources.yml", lambda d: d["sources"][0].update(kind="blog"))
    assert problems(project) == [
        "data/sources.yml: sources[0].kind: must be one of "
        "'research', 'guideline' or 'coaching', got 'blog'"
    ]


def test_misspelt_field_in_a_progression_suggests_move_on_when(project):
    def change(d):
        d["progressions"][0] = {"drill": "push-off-run", "move_on": "Ten clean reps."}

    edit_yaml(project, "data/drills/high-knee-run.yml", change)
    assert problems(project) == [
        "data/drills/high-knee-run.yml: progressions[0].move_on: unknown field "
        "(did you mean 'move_on_when'?)"
    ]


def test_real_data_round_trips_through_model_dump_without_warnings():
    """Steps, variations and paragraphs serialise as the member they were read as."""
    import warnings

    site = load(Path(__file__).resolve().parents[1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for drill in site.drills.values():
            assert type(drill).model_validate(drill.model_dump()) == drill
        for claim in site.claims:
            assert type(claim).model_validate(claim.model_dump()) == claim
