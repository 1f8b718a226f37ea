"""Movement figures: golden SVGs, the geometry's invariants over every pose in range and every
frame of the movement between key positions (as the SVG draws it, read back by
tests/figure_geometry.py), the emphasised focus, the feet and the legend, and the one-line
errors for poses a body cannot make.

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
from macros.render import figures, movement
from macros.render import pages as render

from .figure_geometry import SVG, joints, key_times, shoe_points
from .project import ROOT, copy_project, edit_yaml

SITE = load(ROOT)
GOLDEN = Path(__file__).parent / "golden"
SVG_NS = SVG
DRILLS = sorted(SITE.drills)
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


def test_drill_page_carries_one_figure_per_key_position_and_the_movement():
    html = render.drill_page(SITE, "push-off-run", "../../")
    assert len(re.findall(r'<svg class="drill-figure"[^>]*role="img"', html)) == 3
    assert "Paw the foot down and back under the body" in html
    # The movement is one more figure, hidden decoration (the button names it), that animates.
    hidden = re.findall(r'<svg class="drill-figure"[^>]*aria-hidden="true".*?</svg>', html, re.S)
    assert len(hidden) == 1 and "<animateTransform" in hidden[0]
    player = re.search(r"<drill-movement[^>]*>.*?</drill-movement>", html, re.S).group(0)
    assert re.search(r"<drill-movement[^>]* hidden>", player)  # until movement.js shows it
    assert '<button type="button"' in player and 'aria-pressed="false"' in player
    assert 'src="../../assets/figures/movement.js"' in html


# --- emphasis, feet, legend -------------------------------------------------------------------

# What a focus value emphasises: segments of that side (and a ring about a joint).
EMPHASISED = {
    "leg": {"thigh", "shin", "foot"},
    "thigh": {"thigh"},
    "knee": {"thigh", "shin", "knee ring"},
    "shin": {"shin"},
    "ankle": {"foot", "ankle ring"},
    "foot": {"foot"},
    "arm": {"upper-arm", "forearm"},
}


def _emphasised(svg_text: str) -> set[str]:
    """(side, part) of every element drawn as the focus, e.g. "left thigh", "right knee ring"."""
    found: set[str] = set()

    def walk(element, side):
        classes = (element.get("class") or "").split()
        side = {"drill-figure__far": "right", "drill-figure__near": "left"}.get(
            next((c for c in classes if c in ("drill-figure__far", "drill-figure__near")), ""), side
        )
        if "drill-figure__focus" in classes:
            parts = [
                c.removeprefix("drill-figure__") for c in classes if c != "drill-figure__focus"
            ]
            if element.tag == f"{SVG}circle":  # a ring: which joint is its parent's end
                parts = ["knee ring" if element.get("cy") == f"{pose.THIGH:.1f}" else "ankle ring"]
            found.add(f"{side} {parts[0]}" if side else parts[0])
        for child in element:
            walk(child, side)

    walk(ET.fromstring(svg_text), None)
    return found


@pytest.mark.parametrize(
    "focus", [None, "trunk", *(f"{s}-{p}" for s in ("left", "right") for p in EMPHASISED)]
)
def test_the_focus_and_only_it_is_drawn_emphasised(focus):
    kf = SITE.drills["high-knee-run"].keyframes[0].model_copy(update={"focus": focus})
    got = _emphasised(figures.svg(kf, "x"))
    if focus is None:
        assert got == set()
    elif focus == "trunk":
        assert got == {"trunk"}
    else:
        side, part = focus.split("-", 1)
        assert got == {f"{side} {name}" for name in EMPHASISED[part]}
    # Emphasised parts are drawn thicker than the rest (their colour comes from figures.css).
    root = ET.fromstring(figures.svg(kf, "x"))
    for el in root.iter(f"{SVG}path"):
        if "drill-figure__focus" in (el.get("class") or "") and el.get("stroke") != "none":
            assert float(el.get("stroke-width")) > figures.LIMB_WIDTH


def test_a_bad_focus_names_file_field_and_choices(root):
    edit_yaml(root, HKR, lambda d: d["keyframes"][0].update(focus="left-toe"))
    (problem,) = _problems(root)
    assert problem.startswith(f"{HKR}: keyframes[0].focus: must be one of 'trunk', 'left-arm'")
    assert problem.endswith("or 'right-foot', got 'left-toe'")


def test_every_key_position_in_data_names_its_focus():
    """The field is optional so drills written before it still load; every drill in data/
    should still say what each caption is about (see README: Key-position figures)."""
    missing = [
        f"{SITE.drill_file(slug)}: keyframes[{i}] ({kf.caption!r})"
        for slug, drill in SITE.drills.items()
        for i, kf in enumerate(drill.keyframes)
        if kf.focus is None
    ]
    assert missing == [], "add focus: (e.g. left-foot) to " + "; ".join(missing)


def test_feet_are_shoes_from_heel_to_ball_that_never_go_below_the_sole():
    root = ET.fromstring(figures.svg(SITE.drills["small-step-run"].keyframes[0], "x"))
    feet = [el for el in root.iter(f"{SVG}path") if "drill-figure__foot" in el.get("class", "")]
    assert len(feet) == 2
    for foot in feet:
        points = shoe_points(foot.get("d"))
        xs, ys = [x for x, _ in points], [y for _, y in points]
        sole = max(ys)
        assert min(xs) == pytest.approx(-pose.HEEL) and max(xs) == pytest.approx(pose.BALL)
        assert sole - min(ys) >= pose.ANKLE_HEIGHT  # a foot with a height, not a wedge
        # Flat along the sole from the heel's curve to the toe's: the ball reads as a ball.
        assert sum(1 for y in ys if y == sole) >= 3


def test_legend_explains_each_guide_the_figures_draw_and_no_other():
    for slug in DRILLS:
        html = render.figure_strip(slug, SITE.drills[slug], "../../")
        legend = re.search(r'<ul class="drill-figures__legend">.*?</ul>', html, re.S).group(0)
        used = {g for kf in SITE.drills[slug].keyframes for g in kf.guides}
        for guide, words in figures.GUIDE_WORDS.items():
            assert (words in legend) == (guide in used), (slug, guide)
        assert "In colour: what the caption is about" in legend
        assert "Pale: the right arm and leg, behind" in legend


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


@settings(max_examples=150, deadline=None)
@given(poses)
def test_any_pose_in_range_is_drawn_where_the_kinematics_puts_it(raw):
    try:
        kf = Keyframe.model_validate(raw)
    except ValidationError:
        kf = Keyframe.model_validate(
            {**raw, "support": "left" if raw["support"] != "left" else "right"}
        )
    drawn = joints(figures.svg(kf, "x"))
    for name, point in pose.pose_points(kf).items():
        assert math.dist(drawn[name], point) < 0.06, name  # the hip's height is written to 0.1


@pytest.mark.parametrize("slug", DRILLS)
def test_every_key_figure_is_drawn_where_the_kinematics_puts_it(slug):
    drill = SITE.drills[slug]
    box = figures.view_box(drill.keyframes)
    for kf in drill.keyframes:
        drawn = joints(figures.svg(kf, "x", box))
        expected = pose.pose_points(kf)
        assert set(drawn) == set(expected)
        for name, point in expected.items():
            assert math.dist(drawn[name], point) < 0.06, name


# --- the movement: every interpolated frame ---------------------------------------------------


def _assert_frame_holds(pts, hover: float, tolerance: float, where) -> None:
    """Rigid segments, no foot below the ground, the lowest foot ``hover`` above it."""
    for a, b, length in pose.SEGMENTS:
        assert math.dist(pts[a], pts[b]) == pytest.approx(length, abs=tolerance), (where, a, b)
    lowest = max(_feet_lowest(pts).values())
    assert lowest <= pose.GROUND + tolerance, (where, "a foot below the ground", lowest)
    assert lowest == pytest.approx(pose.GROUND - hover, abs=tolerance), (where, "floating", lowest)


def _valid(raw) -> Keyframe:
    try:
        return Keyframe.model_validate(raw)
    except ValidationError:
        return Keyframe.model_validate(
            {**raw, "support": "left" if raw["support"] != "left" else "right"}
        )


@settings(max_examples=300, deadline=None)
@given(poses, poses, st.floats(0, 1))
def test_any_in_between_of_two_poses_in_range_keeps_segments_and_ground_contact(a, b, f):
    a, b = _valid(a), _valid(b)
    mid = pose.between(a, b, f)
    _assert_frame_holds(pose.in_between_points(mid), mid.hover, 1e-9, f)
    # At the ends it is the key position itself, placed as pose_points places it.
    for kf, end in ((a, 0.0), (b, 1.0)):
        placed = pose.in_between_points(pose.between(a, b, end))
        for name, point in pose.pose_points(kf).items():
            assert math.dist(placed[name], point) < 1e-9, name


@pytest.mark.parametrize("slug", DRILLS)
def test_every_interpolated_frame_of_the_movement_as_drawn_is_valid(slug):
    """The movement's SVG read back at each instant its SMIL gives (every sampled frame) and
    half-way between them (what the browser interpolates): the segments stay their length,
    the body stands on the ground (or hovers in flight) and never goes through it, and each
    sampled frame is the pose pose.between computes."""
    keyframes = SITE.drills[slug].keyframes
    drawing = movement.svg(keyframes)
    times = key_times(drawing)
    assert len(times) >= len(keyframes) * pose.STEPS  # in-betweens, not a flip-book
    for t in times:
        expected = movement.pose_at(keyframes, t)
        drawn = joints(drawing, t)
        _assert_frame_holds(drawn, expected.hover, 0.02, t)  # the hip's height is to 0.01
        for name, point in pose.in_between_points(expected).items():
            assert math.dist(drawn[name], point) < 0.03, (t, name)
    for before, after in zip(times, times[1:], strict=False):
        t = (before + after) / 2
        drawn = joints(drawing, t)
        for a, b, length in pose.SEGMENTS:
            assert math.dist(drawn[a], drawn[b]) == pytest.approx(length, abs=0.02), (t, a, b)
        # Between samples the hip's height is a straight line: a foot may graze, not sink.
        assert max(_feet_lowest(drawn).values()) <= pose.GROUND + 0.3, t


@pytest.mark.parametrize("slug", DRILLS)
def test_the_movement_holds_each_key_position_then_moves_on_and_loops(slug):
    keyframes = SITE.drills[slug].keyframes
    drawing = movement.svg(keyframes)
    assert movement.duration(keyframes) == pytest.approx(len(keyframes) * 1.2)
    step = movement.HOLD + movement.MOVE
    for i, kf in enumerate(keyframes):
        for t in (i * step, i * step + movement.HOLD / 2, i * step + movement.HOLD):
            drawn = joints(drawing, t)
            for name, point in pose.pose_points(kf).items():
                assert math.dist(drawn[name], point) < 0.03, (i, t, name)
    # Half-way between two key positions every joint angle is half-way: the knee of the
    # first key position's raised leg, read from the drawing.
    a, b = keyframes[0], keyframes[1]
    mid = joints(drawing, movement.HOLD + movement.MOVE / 2)
    expected = pose.in_between_points(pose.between(a, b, 0.5))
    assert math.dist(mid["left_knee"], expected["left_knee"]) < 0.03
    # The loop ends where it starts.
    end = joints(drawing, movement.duration(keyframes) - 1e-6)
    assert math.dist(end["left_ball"], joints(drawing, 0)["left_ball"]) < 0.05
    root = ET.fromstring(drawing)
    assert root.get("aria-hidden") == "true" and 'id="' not in drawing
    animations = list(root.iter(f"{SVG}animateTransform"))
    assert {a.get("repeatCount") for a in animations} == {"indefinite"}
    assert {a.get("dur") for a in animations} == {f"{movement.duration(keyframes):g}s"}


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

    edit_yaml(root, HKR, change)
    assert _problems(root) == [f"{HKR}: keyframes[0].{field}: {message}"]


def test_foot_through_the_ground_is_refused(root):
    # Frame 2 stands on the left foot; a right leg hanging straight down would sink below it.
    edit_yaml(root, HKR, lambda d: d["keyframes"][1]["right"].update(hip=0, knee=0, ankle=-50))
    assert _problems(root) == [
        f"{HKR}: keyframes[1]: the right foot would sink 3.4% of body height below the ground: "
        "make it the support foot (support: right) or raise it"
    ]


def test_one_key_position_is_too_few(root):
    edit_yaml(root, HKR, lambda d: d.update(keyframes=d["keyframes"][:1]))
    assert _problems(root) == [f"{HKR}: keyframes: needs at least 2 item(s), got 1"]


def test_unknown_support_lists_the_choices(root):
    edit_yaml(root, HKR, lambda d: d["keyframes"][0].update(support="both"))
    assert _problems(root) == [
        f"{HKR}: keyframes[0].support: must be one of 'left', 'right' or 'none', got 'both'"
    ]


def test_misspelt_joint_suggests_the_right_name(root):
    edit_yaml(
        root,
        HKR,
        lambda d: d["keyframes"][0]["left"].update(knees=d["keyframes"][0]["left"].pop("knee")),
    )
    assert _problems(root) == [
        f"{HKR}: keyframes[0].left.knee: required field is missing",
        f"{HKR}: keyframes[0].left.knees: unknown field (did you mean 'knee'?)",
    ]


def test_a_figure_without_its_caption_emphasises_nothing():
    """Cards and previews show a key position without its caption: no part is in colour."""
    kf = SITE.drills["butt-kicks"].keyframes[0]
    assert kf.focus and _emphasised(figures.svg(kf, "x"))
    assert _emphasised(figures.svg(kf, None)) == set()
