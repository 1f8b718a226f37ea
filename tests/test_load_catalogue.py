"""The bad-input catalogue: one file that used to crash, hang or fool the build, per class.

Each case breaks a copy of the project in one way and runs what `make build` runs (a strict
MkDocs build, the hook validating data/ first) over a site/ from an earlier build. Each must
stop with exit status 1, exactly one problem line naming the file (and field and line where
they exist), no traceback, and the earlier site/ left as it was.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from macros.data.yaml_reader import MAX_BYTES

from .project import copy_project, edit_yaml, mkdocs_build

HIGH_KNEE = "data/drills/high-knee-run.yml"


def nesting(project: Path) -> None:
    # 60 KB of brackets: the YAML library's C composer recursed once per bracket (a segfault).
    (project / "data/drills/deep.yml").write_text("name: " + "[" * 30_000 + "]" * 30_000 + "\n")


def alias_bomb(project: Path) -> None:
    # Nine aliases of nine aliases, nine times: 9^9 strings in the summary from 300 bytes.
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    (project / "data/drills/bomb.yml").write_text("\n".join([*lines, "summary: *i", ""]))


def unhashable_key(project: Path) -> None:
    (project / "data/drills/list-key.yml").write_text("name: x\ntimer:\n  [work, rest]: 20\n")


def link_out_of_data(project: Path) -> None:
    (project / "outside.yml").write_text((project / HIGH_KNEE).read_text())
    (project / "data/drills/outside.yml").symlink_to("../../outside.yml")


def broken_link(project: Path) -> None:
    (project / "data/drills/gone.yml").symlink_to("missing.yml")


def directory(project: Path) -> None:
    (project / "data/drills/folder.yml").mkdir()


def fifo(project: Path) -> None:
    os.mkfifo(project / "data/drills/pipe.yml")  # opening it for reading waits for a writer


def device(project: Path) -> None:
    (project / "data/drills/zero.yml").symlink_to("/dev/zero")  # reading it never ends


def reserved_slug(project: Path) -> None:
    (project / "data/drills/index.yml").write_text((project / HIGH_KNEE).read_text())


def yaml_11_scalar(project: Path) -> None:
    path = project / HIGH_KNEE  # YAML 1.1 reads `yes` as true, and pydantic true as 1 round
    path.write_text(path.read_text().replace("  rounds: 4\n", "  rounds: yes\n"))


def ignored_extension(project: Path) -> None:
    (project / "data/drills/fast-feet-run.YML").write_text("name: Fast-feet run\n")


def duplicate_list_entry(project: Path) -> None:
    edit_yaml(
        project,
        "data/drills/push-off-run.yml",
        lambda d: d.update(sources=["fradkin-2010-warm-up"] * 2),
    )


def self_progression(project: Path) -> None:
    edit_yaml(
        project,
        "data/drills/small-step-run.yml",
        lambda d: d["progressions"].insert(0, {"drill": "small-step-run"}),
    )


def oversize(project: Path) -> None:
    path = project / HIGH_KNEE
    text = path.read_text()
    path.write_text(text + "#" * (MAX_BYTES - len(text.encode()) - 1) + "\n" + "#")


def long_slug(project: Path) -> None:
    (project / f"data/drills/{'very-' * 12}long.yml").write_text("name: x\n")


CATALOGUE = {
    "nesting": (
        nesting,
        "data/drills/deep.yml: line 1, column 22: name: nested deeper than 16 levels"
        " (lists or mappings)",
    ),
    "alias bomb": (
        alias_bomb,
        "data/drills/bomb.yml: line 1, column 4: a: anchors and aliases (&name, *name) are not"
        " allowed: write each value out in full",
    ),
    "unhashable key": (
        unhashable_key,
        "data/drills/list-key.yml: line 3, column 3: timer: a field name must be text, got a list",
    ),
    "symlink out of data": (
        link_out_of_data,
        "data/drills/outside.yml: is a link to '../../outside.yml', outside data/:"
        " only links within data/ are followed",
    ),
    "broken symlink": (
        broken_link,
        "data/drills/gone.yml: is a link to 'missing.yml', which does not exist",
    ),
    "directory": (directory, "data/drills/folder.yml: is a folder, not a regular file"),
    "fifo": (fifo, "data/drills/pipe.yml: is a named pipe, not a regular file"),
    "device": (
        device,
        "data/drills/zero.yml: is a link to '/dev/zero', a character device, not a regular file",
    ),
    "reserved slug": (
        reserved_slug,
        "data/drills/index.yml: file name 'index' is reserved (docs/drills/index.md uses it):"
        " choose another name",
    ),
    "yaml 1.1 scalar": (
        yaml_11_scalar,
        "data/drills/high-knee-run.yml: timer.rounds: must be a whole number, got 'yes'",
    ),
    "ignored extension": (
        ignored_extension,
        "data/drills/fast-feet-run.YML: file name must end in .yml (lowercase), like the other"
        " data files: rename it to fast-feet-run.yml",
    ),
    "duplicate list entry": (
        duplicate_list_entry,
        "data/drills/push-off-run.yml: sources[1]: 'fradkin-2010-warm-up' is listed twice"
        " (first at sources[0])",
    ),
    "self progression": (
        self_progression,
        "data/drills/small-step-run.yml: progressions[0].drill: a drill cannot be its own"
        " progression",
    ),
    "oversize file": (
        oversize,
        f"data/drills/high-knee-run.yml: file is too big ({MAX_BYTES + 1:,} bytes): a data file"
        f" may have at most {MAX_BYTES:,} bytes (256 KiB)",
    ),
    "slug too long": (
        long_slug,
        f"data/drills/{'very-' * 12}long.yml: file name is too long: a slug has at most 60"
        " characters, this one has 64",
    ),
}


def problem_lines(stderr: str) -> list[str]:
    """The lines the hook reports under its "N problem(s) in data/:" header."""
    lines = stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if "problem(s) in data/:" in line)
    return [line for line in lines[start + 1 :] if line.strip()]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Future]:
    """Every case's build, each in its own broken copy of the project over its own earlier
    site/. They run a few at a time: each is a separate MkDocs process, mostly start-up."""

    def build(project: Path, site: Path) -> tuple[subprocess.CompletedProcess, Path]:
        return mkdocs_build(project, site), site

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {}
        for case, (break_project, _) in CATALOGUE.items():
            base = tmp_path_factory.mktemp("bad-input")
            project = copy_project(base / "project")
            break_project(project)
            site = base / "site"
            site.mkdir()
            (site / "previous.html").write_text("the last good build")
            futures[case] = pool.submit(build, project, site)
    return futures


@pytest.mark.parametrize("case", CATALOGUE, ids=list(CATALOGUE))
def test_bad_input_stops_the_build_with_one_line_and_leaves_site_untouched(case, builds):
    result, site = builds[case].result()

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert problem_lines(result.stderr) == [CATALOGUE[case][1]]
    assert [p.name for p in site.iterdir()] == ["previous.html"]
    assert (site / "previous.html").read_text() == "the last good build"
