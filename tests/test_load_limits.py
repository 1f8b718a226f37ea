"""The loader's limits, case by case: what is refused before or after parsing, and what is not.

tests/test_load_catalogue.py runs one case per class through a real build; these call load()
directly (milliseconds each) for the variants and for what must still load.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data import yaml_reader
from macros.data.load import DataError, load
from macros.data.slugs import SLUG_MAX_LENGTH, reserved
from macros.postbuild.pdf import BOOKLET

from .project import ROOT, edit_yaml

HIGH_KNEE = "data/drills/high-knee-run.yml"


def replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load(project)
    return exc.value.problems


def new_drill(project: Path, name: str) -> Path:
    """A valid drill file at data/drills/<name> (names and aliases its own)."""
    data = yaml.safe_load((project / HIGH_KNEE).read_text())
    data.update(name="Fast-feet run", aliases=[], names=[], progressions=[], regressions=[])
    path = project / "data/drills" / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


# YAML 1.2 scalars


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("yes", "must be a whole number, got 'yes'"),
        ("on", "must be a whole number, got 'on'"),
        ("0x1F", "must be a whole number, got '0x1F'"),
        ("0o17", "must be a whole number, got '0o17'"),
        ("1:30", "must be a whole number, got '1:30'"),  # YAML 1.1: 90 (base 60)
    ],
)
def test_yaml_11_numbers_and_booleans_are_text(project, written, problem):
    replace(project, HIGH_KNEE, "  rounds: 4\n", f"  rounds: {written}\n")
    assert problems(project) == [f"{HIGH_KNEE}: timer.rounds: {problem}"]


def test_a_leading_zero_is_decimal_not_octal(project):
    replace(project, HIGH_KNEE, "  rest: ", "  rest: 040 #")
    assert load(project).drills["high-knee-run"].timer.rest == 40


def test_yes_off_dates_and_zero_padded_numbers_in_text_stay_as_written(project):
    written = ["yes", "off", "2024-05-01", "040"]

    def change(d):
        d["cues"][: len(written)] = [f"CUE{i}" for i in range(len(written))]

    edit_yaml(project, HIGH_KNEE, change)
    for i, text in enumerate(written):
        replace(project, HIGH_KNEE, f"- CUE{i}\n", f"- {text}\n")
    assert load(project).drills["high-knee-run"].cues[: len(written)] == written


SCALARS = st.one_of(
    st.text(alphabet="0123456789.eE+-_:xob~nultrTfasyYNOiI ", max_size=8),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)


@settings(max_examples=200, deadline=None)
@given(SCALARS)
def test_any_value_pyyaml_writes_reads_back_the_same(value):
    """The tests and bench/ write data files with PyYAML, whose dumper follows YAML 1.1."""
    written = yaml.safe_dump({"field": [value]}, allow_unicode=True)
    read = yaml_reader._Loader(written).get_single_data()["field"][0]
    assert read == value and type(read) is type(value), written


# Names: every data-looking name is loaded or refused


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("fast-feet-run.YML", "file name must end in .yml (lowercase), like the other data files:"
         " rename it to fast-feet-run.yml"),
        ("fast-feet-run.yaml", "file name must end in .yml (lowercase), like the other data files:"
         " rename it to fast-feet-run.yml"),
        ("fast-feet-run.yml ", "file name starts or ends with a space:"
         " rename it to fast-feet-run.yml"),
        ("fast-feet-run", "file name has no extension: rename it to fast-feet-run.yml,"
         " or move it out of data/drills/"),
        ("Fast Feet.yml", "file name must be a slug (lowercase letters, digits and hyphens,"
         " e.g. high-knee-run) ending in .yml"),
    ],
)  # fmt: skip
def test_a_misnamed_data_file_is_refused_not_ignored(project, name, problem):
    new_drill(project, name)
    assert problems(project) == [f"data/drills/{name}: {problem}"]


def test_a_folder_in_data_drills_is_refused(project):
    (project / "data/drills/drafts").mkdir()
    assert problems(project) == ["data/drills/drafts: is a folder, not a regular file"]


@pytest.mark.parametrize(
    "name", [".high-knee-run.yml.swp", "high-knee-run.yml~", "high-knee-run.yml.bak", "notes.txt"]
)
def test_editor_leftovers_and_other_files_are_left_alone(project, name):
    (project / "data/drills" / name).write_text("not: [yaml")
    assert "high-knee-run" in load(project).drills


def test_a_data_file_outside_its_folder_is_refused(project):
    new_drill(project, "../fast-feet-run.yml")
    assert problems(project) == [
        "data/fast-feet-run.yml: data/ holds only benefits.yml, sources.yml and the folders"
        " drills/, sessions/, schema/: move or rename it"
    ]


@pytest.mark.parametrize(
    ("slug", "owner"),
    [
        ("index", "docs/drills/index.md"),
        ("tags", "docs/tags.md"),
        ("sheets", "docs/sheets.md"),
        ("assets", "docs/assets/"),
        ("404", "docs/overrides/404.html"),
        ("search", "the search index (search/)"),
        ("sitemap", "the sitemap (sitemap.xml)"),
        ("downloads", "the PDF sheets (downloads/)"),
        ("drillbook-sheets", "the sheets booklet (downloads/drillbook-sheets.pdf)"),
    ],
)
def test_a_slug_the_site_already_uses_is_refused(project, slug, owner):
    new_drill(project, f"{slug}.yml")
    assert problems(project) == [
        f"data/drills/{slug}.yml: file name {slug!r} is reserved ({owner} uses it):"
        " choose another name"
    ]


def test_a_session_cannot_take_the_sessions_index(project):
    (project / "data/sessions/index.yml").write_text(
        (project / "data/sessions/sprint-drill-warm-up.yml").read_text()
    )
    assert problems(project) == [
        "data/sessions/index.yml: file name 'index' is reserved (docs/sessions/index.md uses"
        " it): choose another name"
    ]


def test_one_slug_rule_for_files_and_references(project):
    longest = "a" * SLUG_MAX_LENGTH
    new_drill(project, f"{longest}.yml")
    edit_yaml(
        project,
        "data/sessions/sprint-drill-warm-up.yml",
        lambda d: d["items"].append({"drill": longest}),
    )
    assert longest in load(project).sessions["sprint-drill-warm-up"].model_dump_json()

    (project / f"data/drills/{longest}.yml").rename(project / f"data/drills/{longest}a.yml")
    assert problems(project) == [
        f"data/drills/{longest}a.yml: file name is too long: a slug has at most 60 characters,"
        " this one has 61"
    ]


def test_reserved_slugs_cover_every_name_the_built_site_has(built_site):
    """reserved() reads docs/ and lists what the build adds: a new output it misses fails here."""
    site = load(ROOT)
    for folder, records in (("drills", site.drills), ("sessions", site.sessions)):
        taken = reserved(ROOT, folder)
        names = {p.name for p in built_site.iterdir()}
        names |= {p.name for p in (built_site / folder).iterdir()} - set(records)
        names.add(BOOKLET)  # printed after the build, by macros/postbuild/pdf.py
        missing = sorted(n for n in names if n.split(".", 1)[0] not in taken)
        assert not missing, f"the built site has names a {folder} slug could take: {missing}"


# Links and special files: only regular files, links resolved inside data/


def test_a_link_to_a_file_inside_data_is_followed(project):
    (project / "data/drills/.drafts").mkdir()
    new_drill(project, ".drafts/fast-feet-run.yml")
    (project / "data/drills/fast-feet-run.yml").symlink_to(".drafts/fast-feet-run.yml")
    assert load(project).drills["fast-feet-run"].name == "Fast-feet run"


def test_a_link_loop_is_refused(project):
    (project / "data/drills/a.yml").symlink_to("b.yml")
    (project / "data/drills/b.yml").symlink_to("a.yml")
    assert problems(project) == [
        "data/drills/a.yml: is a link to 'b.yml', which leads back to itself",
        "data/drills/b.yml: is a link to 'a.yml', which leads back to itself",
    ]


def test_a_named_pipe_as_sources_file_is_refused_without_waiting(project):
    (project / "data/sources.yml").unlink()
    os.mkfifo(project / "data/sources.yml")
    assert problems(project) == ["data/sources.yml: is a named pipe, not a regular file"]


def test_a_missing_sources_file_is_still_named(project):
    (project / "data/sources.yml").unlink()
    assert problems(project) == ["data/sources.yml: file is missing"]


# Shape, before values are built


def test_an_alias_bomb_is_refused_at_once(project):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    (project / "data/drills/bomb.yml").write_text("\n".join([*lines, "summary: *i", ""]))
    start = time.monotonic()
    (line,) = problems(project)
    assert time.monotonic() - start < 5  # expanded, it took minutes and gigabytes
    assert line.startswith("data/drills/bomb.yml: line 1, column 4: a: anchors and aliases")


def test_an_alias_alone_is_refused_where_it_is_used(project):
    replace(project, HIGH_KNEE, "cues:\n  - ", "cues:\n  - *somewhere\n  - ")
    (line,) = problems(project)
    assert line.startswith(f"{HIGH_KNEE}: line ")
    assert line.endswith(
        ": cues[0]: anchors and aliases (&name, *name) are not allowed: write each value out"
        " in full"
    )


def test_deep_block_nesting_is_refused_with_its_top_field(project):
    text = "name: x\nsetup:\n" + "".join("  " * i + "- \n" for i in range(1, 40))
    (project / "data/drills/deep.yml").write_text(text)
    assert problems(project) == [
        "data/drills/deep.yml: line 18, column 33: setup: nested deeper than 16 levels"
        " (lists or mappings)"
    ]


@pytest.mark.parametrize(
    ("entry", "column", "got"),
    [
        ("{a: 1}: 20", 3, "a mapping"),
        ("1: 20", 3, "1"),
        ("true: 20", 3, "true"),
        ("~: 20", 3, "~"),
        ("?\n  : 20", 4, "nothing"),
    ],
)
def test_a_field_name_must_be_text(project, entry, column, got):
    (project / "data/drills/keys.yml").write_text(f"name: x\ntimer:\n  {entry}\n")
    assert problems(project) == [
        f"data/drills/keys.yml: line 3, column {column}: timer: a field name must be text,"
        f" got {got}"
    ]


def test_a_quoted_number_is_a_field_name_like_any_other(project):
    replace(project, HIGH_KNEE, "timer:\n", 'timer:\n  "20": 1\n')
    assert problems(project) == [f"{HIGH_KNEE}: timer.20: unknown field"]


def test_a_duplicate_key_names_its_mapping_and_first_line(project):
    replace(project, HIGH_KNEE, "timer:\n", "timer:\n  work: 5\n")
    lines = (project / HIGH_KNEE).read_text().splitlines()
    first, second = (i + 1 for i, text in enumerate(lines) if text.startswith("  work: "))
    assert problems(project) == [
        f"{HIGH_KNEE}: line {second}, column 3: timer: duplicate key 'work' (first at line {first})"
    ]


@pytest.mark.parametrize("tagged", ["!!binary aGVsbG8=", "!!python/object:os.system x", "!!str 4"])
def test_tags_are_refused(project, tagged):
    replace(project, HIGH_KNEE, "  rounds: 4\n", f"  rounds: {tagged}\n")
    (line,) = problems(project)
    assert line.endswith(
        ": timer.rounds: tags (!name, !!type) are not allowed: write the value plainly"
    )


def test_a_huge_wrong_value_is_not_shown_whole(project):
    replace(project, HIGH_KNEE, "\nsummary: ", "\nsummary: [" + "[1, 2], " * 5_000 + "0]\nx: ")
    lines = problems(project)
    assert f"{HIGH_KNEE}: summary: must be text, got [[1, 2], [1, 2], [1, 2], [1, 2], ...]" in lines


def test_a_file_at_the_size_limit_loads(project):
    path = project / HIGH_KNEE
    text = path.read_text()
    path.write_text(text + "#" * (yaml_reader.MAX_BYTES - len(text.encode()) - 1) + "\n")
    assert path.stat().st_size == yaml_reader.MAX_BYTES
    assert "high-knee-run" in load(project).drills


# Lists: an entry listed twice, a drill as its own progression


def test_a_fault_listed_twice_is_refused(project):
    edit_yaml(project, HIGH_KNEE, lambda d: d["faults"].append(dict(d["faults"][0])))
    (line,) = problems(project)
    assert line.startswith(f"{HIGH_KNEE}: faults[")
    assert line.endswith("]: the same entry is listed twice (first at faults[0])")


def test_text_that_differs_only_in_surrounding_spaces_is_the_same_entry(project):
    edit_yaml(project, HIGH_KNEE, lambda d: d["cues"].__setitem__(1, d["cues"][0] + "  "))
    (line,) = problems(project)
    assert line.startswith(f"{HIGH_KNEE}: cues[1]: ")
    assert line.endswith("is listed twice (first at cues[0])")


def test_a_source_listed_twice_under_a_claim_is_refused(project):
    # Claims may cite per paragraph and leave the claim-level list out.
    edit_yaml(
        project,
        "data/benefits.yml",
        lambda d: d["claims"][0].setdefault("sources", []).append("x-1"),
    )
    edit_yaml(project, "data/benefits.yml", lambda d: d["claims"][0]["sources"].append("x-1"))
    (line,) = problems(project)
    assert line.startswith("data/benefits.yml: claims[0].sources[")
    assert "'x-1' is listed twice (first at claims[0].sources[" in line


def test_a_session_may_run_a_drill_twice(project):
    before = len(load(project).sessions["sprint-drill-warm-up"].items)
    edit_yaml(
        project,
        "data/sessions/sprint-drill-warm-up.yml",
        lambda d: d["items"].append(dict(d["items"][0])),
    )
    assert len(load(project).sessions["sprint-drill-warm-up"].items) == before + 1


def test_a_drill_cannot_be_its_own_regression(project):
    edit_yaml(project, HIGH_KNEE, lambda d: d["regressions"].append({"drill": "high-knee-run"}))
    (line,) = problems(project)
    assert line.startswith(f"{HIGH_KNEE}: regressions[")
    assert line.endswith("].drill: a drill cannot be its own regression")


def test_a_control_character_is_found_by_line_and_column(project):
    replace(project, HIGH_KNEE, "\nsummary: >-\n  ", "\nsummary: >-\n  é\x01")
    line_no = (project / HIGH_KNEE).read_text().splitlines().index("summary: >-") + 2
    assert problems(project) == [
        f"{HIGH_KNEE}: line {line_no}, column 4: YAML syntax error: unacceptable character"
        " #x0001: control characters are not allowed"
    ]


def test_a_second_document_is_refused(project):
    path = project / HIGH_KNEE
    lines = path.read_text().count("\n")
    path.write_text(path.read_text() + "---\nname: Other\n")
    assert problems(project) == [
        f"{HIGH_KNEE}: line {lines + 1}, column 1: a second document: a data file holds one"
        " (remove the '---')"
    ]


def test_a_number_too_long_to_convert_is_refused(project):
    replace(project, HIGH_KNEE, "  rounds: 4\n", "  rounds: " + "9" * 5000 + "\n")
    (line,) = problems(project)
    assert line.endswith(": timer.rounds: this number is too long")
