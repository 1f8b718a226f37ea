"""Movement figures: golden SVGs, the geometry's invariants over every pose in range, and the
one-line errors for poses a body cannot make.

The golden files in tests/golden/ are the first key position of each drill, compared byte for
byte; `make golden` (DRILLBOOK_UPDATE_GOLDEN=1) rewrites them on purpose, for review in the diff.
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from macros.data import pose
from macros.data.load import DataError, load
from macros.data.models import Keyframe
from macros.render import figures
from macros.render import pages as render

from .project import ROOT, copy_project
from .project import edit_yaml as edit

SITE = load(ROOT)
GOLDEN = Path(__file__).parent / "golden"
SVG_NS = "{http://www.w3.org/2000/svg}"
UPDATE = os.environ.get("DRILLBOOK_UPDATE_GOLDEN") == "1"


def _golden_svg(slug: str) -> str:
    drill = SITE.drills[slug]
    box = figures.view_box(drill.keyframes)
    return figures.svg(drill.keyframes[0], figures.figure_id(slug, 0), box) + "\n"


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SITE.drills))
def test_first_key_position_matches_its_golden_svg(slug):
    path = GOLDEN / f"{slug}.svg"
    got = _golden_svg(slug)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no {path.relative_to(ROOT)}: run `make golden` and review it"
    assert got == path.read_text(encoding="utf-8"), "figure changed: `make golden`, review the diff"


def test_no_golden_file_is_left_from_a_removed_drill():
    assert {p.stem for p in GOLDEN.glob("*.svg")} == set(SITE.drills)


def test_rendering_is_deterministic():
    drill = SITE.drills["high-knee-run"]
    assert figures.strip("high-knee-run", drill.keyframes) == figures.strip(
        "high-knee-run", drill.keyframes
    )


# --- what the SVG says -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SITE.drills))
def test_every_figure_is_a_titled_described_image_in_current_color(slug):
    drill = SITE.drills[slug]
    frames = figures.strip(slug, drill.keyframes)
    assert 2 <= len(frames) <= 4
    for i, (kf, frame) in enumerate(zip(drill.keyframes, frames, strict=True)):
        root = ET.fromstring(frame["svg"])
        fig_id = f"fig-{slug}-{i + 1}"
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{fig_id}-title"
        assert root.get("aria-describedby") == f"{fig_id}-desc"
        assert root.find(f"{SVG_NS}title").text == kf.caption
        assert root.find(f"{SVG_NS}desc").text == figures.describe(kf)
        colours = {el.get(a) for el in root.iter() for a in ("stroke", "fill") if el.get(a)}
        assert colours <= {"currentColor", "none"}
        # The animation's copy is decoration: hidden from assistive tech and free of ids.
        copy = ET.fromstring(frame["loop_svg"])
        assert copy.get("aria-hidden") == "true" and 'id="' not in frame["loop_svg"]


def test_description_says_the_position_in_words():
    kf = SITE.drills["high-knee-run"].keyframes[0]
    assert figures.describe(kf) == (
        "Side view, facing right: trunk upright; "
        "right leg on the ground, thigh 5° behind the body, knee straight, "
        "ankle pointed 25° (toes down); "
        "left leg in the air, thigh raised to 90° (horizontal), knee bent 90°, "
        "ankle flexed 5° (toes up); "
        "left arm 35° back, elbow bent 90°; right arm 60° forward, elbow bent 90°."
    )


def test_guide_lines_are_dashed_and_the_ground_spans_the_figure():
    drill = SITE.drills["high-knee-run"]
    box = figures.view_box(drill.keyframes)
    root = ET.fromstring(figures.svg(drill.keyframes[0], "x", box))
    guides = root.findall(f".//{SVG_NS}path[@class='drill-figure__guide']")
    assert len(guides) == len(drill.keyframes[0].guides) == 2
    assert all(g.get("stroke-dasharray") for g in guides)
    ground = root.find(f".//{SVG_NS}path[@class='drill-figure__ground']").get("d")
    assert ground == f"M{box.x:.1f} 0.0 L{box.x + box.w:.1f} 0.0"


def test_caption_text_is_escaped_in_the_svg():
    kf = (
        SITE.drills["high-knee-run"].keyframes[0].model_copy(update={"caption": "<b>{{x}}</b> & y"})
    )
    out = figures.svg(kf, "x")
    assert "<b>" not in out and "{{" not in out
    assert ET.fromstring(out).find(f"{SVG_NS}title").text == "<b>{{x}}</b> & y"


def test_drill_page_carries_one_figure_per_key_position():
    html = render.drill_page(SITE, "push-off-run", "../../")
    assert len(re.findall(r'<svg class="drill-figure"[^>]*role="img"', html)) == 3
    assert "Paw the foot down and back under the body" in html
    # The loop's copies are the same figures, as hidden decoration.
    assert len(re.findall(r'<svg class="drill-figure"[^>]*aria-hidden="true"', html)) == 3


# --- geometry over every pose in range ------------------------------------------------------

legs = st.fixed_dictionaries(
    {
        "hip": st.integers(-40, 130),
        "knee": st.integers(0, 150),
        "ankle": st.integers(-50, 30),
    }
)
arms = st.fixed_dictionaries({"shoulder": st.integers(-60, 180), "elbow": st.integers(0, 150)})
poses = st.fixed_dictionaries(
    {
        "caption": st.just("A pose"),
        "support": st.sampled_from(["left", "right", "none"]),
        "trunk": st.integers(-15, 45),
        "left": legs,
        "right": legs,
        "left_arm": arms,
        "right_arm": arms,
    }
)


def _feet_lowest(pts):
    return {side: max(pts[f"{side}_heel"][1], pts[f"{side}_ball"][1]) for side in ("left", "right")}


@settings(max_examples=500, deadline=None)
@given(poses)
def test_any_pose_in_range_stands_on_the_ground_with_rigid_segments(raw):
    try:
        kf = Keyframe.model_validate(raw)
    except ValidationError as exc:
        # The one pose the model refuses in range: the other foot would go through the ground.
        (err,) = exc.errors()
        assert "below the ground" in err["msg"]
        other = "right" if raw["support"] == "left" else "left"
        kf = Keyframe.model_validate({**raw, "support": other})
    pts = pose.pose_points(kf)
    lowest = _feet_lowest(pts)
    assert max(lowest.values()) <= pose.GROUND + 1e-6  # no foot below the ground line
    if kf.support == "none":
        assert max(lowest.values()) == pytest.approx(pose.GROUND - pose.FLIGHT_GAP)
    else:
        assert lowest[kf.support] == pytest.approx(pose.GROUND)
    for a, b, length in pose.SEGMENTS:
        assert math.dist(pts[a], pts[b]) == pytest.approx(length, abs=1e-9), (a, b)
    # Every drawn point fits in the figure's own viewBox.
    box = figures.view_box([kf])
    for x, y in pts.values():
        assert box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h


def test_standing_figure_is_as_tall_as_its_proportions():
    zero_leg, zero_arm = {"hip": 0, "knee": 0, "ankle": 0}, {"shoulder": 0, "elbow": 0}
    kf = Keyframe.model_validate(
        {"caption": "Stand", "support": "left", "trunk": 0, "left": zero_leg, "right": zero_leg}
        | {"left_arm": zero_arm, "right_arm": zero_arm}
    )
    pts = pose.pose_points(kf)
    assert pts["hip"][1] == pytest.approx(-53.0)
    assert pts["head"][1] - pose.HEAD_RADIUS == pytest.approx(-100.0)
    assert pts["left_heel"][1] == pts["left_ball"][1] == pytest.approx(0.0)


# --- refused poses: one line naming file, field and problem ----------------------------------


def _problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load(root)
    return exc.value.problems


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


HKR = "data/drills/high-knee-run.yml"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("left.knee", -10, "must be >= 0, got -10"),
        ("left.knee", 170, "must be <= 150, got 170"),
        ("right.hip", -60, "must be >= -40, got -60"),
        ("right.ankle", 45, "must be <= 30, got 45"),
        ("left_arm.elbow", -5, "must be >= 0, got -5"),
        ("right_arm.shoulder", 200, "must be <= 180, got 200"),
        ("trunk", 60, "must be <= 45, got 60"),
        ("left.knee", 12.5, "must be a whole number, got 12.5"),
    ],
)
def test_out_of_range_angle_names_file_and_field(root, field, value, message):
    def change(d):
        target = d["keyframes"][0]
        *parents, leaf = field.split(".")
        for part in parents:
            target = target[part]
        target[leaf] = value

    edit(root, HKR, change)
    assert _problems(root) == [f"{HKR}: keyframes[0].{field}: {message}"]


def test_foot_through_the_ground_is_refused(root):
    # Frame 2 stands on the left foot; a right leg hanging straight down would sink below it.
    edit(root, HKR, lambda d: d["keyframes"][1]["right"].update(hip=0, knee=0, ankle=-50))
    assert _problems(root) == [
        f"{HKR}: keyframes[1]: the right foot would sink 3.4% of body height below the ground: "
        "make it the support foot (support: right) or raise it"
    ]


def test_one_key_position_is_too_few(root):
    edit(root, HKR, lambda d: d.update(keyframes=d["keyframes"][:1]))
    assert _problems(root) == [f"{HKR}: keyframes: needs at least 2 item(s), got 1"]


def test_unknown_support_lists_the_choices(root):
    edit(root, HKR, lambda d: d["keyframes"][0].update(support="both"))
    assert _problems(root) == [
        f"{HKR}: keyframes[0].support: must be one of 'left', 'right' or 'none', got 'both'"
    ]


def test_misspelt_joint_suggests_the_right_name(root):
    edit(
        root,
        HKR,
        lambda d: d["keyframes"][0]["left"].update(knees=d["keyframes"][0]["left"].pop("knee")),
    )
    assert _problems(root) == [
        f"{HKR}: keyframes[0].left.knee: required field is missing",
        f"{HKR}: keyframes[0].left.knees: unknown field (did you mean 'knee'?)",
    ]
