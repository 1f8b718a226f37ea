"""Movement figures: a drill's key positions (``keyframes`` in its YAML) drawn as side-view SVG.

Pure Python, no drawing library: the figure is built as the skeleton is, a group per segment
nested in the group of the segment it hangs from (the thigh turns about the hip, the shin in it
about the knee, the foot in that about the ankle; the upper arm about the shoulder, the forearm
about the elbow), each turned by its joint's angle. One drawing serves the key positions (fixed
turns) and the movement (render/movement.py, the same groups with the turns animated), so the
browser interpolates joint angles exactly as data/pose.py defines them, and nothing of the
kinematics is written twice. Strokes are ``currentColor``, so a figure follows the palette on
screen and prints black; the emphasised part's colour comes from figures.css.

The output is deterministic (numbers rounded to 0.1, ids from the drill's slug and the frame's
number): tests/golden/ holds one figure per drill, compared byte for byte (``make golden``
rewrites them on purpose). The figure faces right. Its left side faces the viewer: left limbs
are drawn in front, right limbs paler behind the body; the part a caption is about (the key
position's ``focus``) is drawn in colour, at full strength, and thicker. Angle conventions are in
data/pose.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..data import models, pose
from ..data.models import Keyframe
from ..data.pose import (
    ANKLE_HEIGHT,
    BALL,
    FOREARM,
    GROUND,
    HEAD_CENTRE,
    HEAD_RADIUS,
    HEEL,
    SHANK,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Point,
    cycle,
    in_between_points,
    pose_points,
)
from .cache import DiskCache, digest

MARGIN = 4.0  # room above and below the figure in the viewBox
# Room at the sides: the half-stroke of an emphasised limb's round end (LIMB_WIDTH + 1.5) and a
# little air. No more: a wide drill (bounding) is scaled by its width on a phone, and every unit
# spent on empty sides shrinks its feet.
SIDE_MARGIN = 2.5
LIMB_WIDTH = 4.5  # stroke of the arms and legs; the trunk is thicker, an emphasised part too


# --- words --------------------------------------------------------------------------------


def _trunk_words(t: int) -> str:
    if abs(t) <= 2:
        return "trunk upright"
    return f"trunk leaning {abs(t)}° {'forward' if t > 0 else 'back'}"


def _signed(angle: int, forward: str, back: str, neutral: str) -> str:
    """Words for an angle that reads one way when positive and another when negative; within
    5° of zero it is the neutral position."""
    if angle >= 5:
        return forward.format(angle)
    if angle <= -5:
        return back.format(-angle)
    return neutral


def _thigh_words(angle: int) -> str:
    if abs(angle - 90) <= 5:
        return f"thigh raised to {angle}° (horizontal)"
    return _signed(
        angle, "thigh {}° forward of vertical", "thigh {}° behind the body", "thigh vertical"
    )


def _bend(joint: str, angle: int) -> str:
    return f"{joint} straight" if angle <= 5 else f"{joint} bent {angle}°"


def _ankle_words(angle: int) -> str:
    return _signed(
        angle,
        "ankle flexed {}° (toes up)",
        "ankle pointed {}° (toes down)",
        "foot at a right angle to the shin",
    )


def _arm_words(angle: int) -> str:
    return _signed(angle, "arm {}° forward", "arm {}° back", "arm hanging")


def describe(kf: Keyframe) -> str:
    """The position in words, for the figure's <desc>: what the drawing shows."""
    parts = [f"Side view, facing right: {_trunk_words(kf.trunk)}"]
    legs = ["left", "right"]
    if kf.support == "right":
        legs.reverse()
    for side in legs:
        leg = getattr(kf, side)
        where = (
            "on the ground"
            if side == kf.support
            else "in the air"
            if kf.support != "none"
            else "off the ground"
        )
        thigh = _thigh_words(leg.hip - kf.trunk)
        parts.append(
            f"{side} leg {where}, {thigh}, {_bend('knee', leg.knee)}, {_ankle_words(leg.ankle)}"
        )
    for side in ("left", "right"):
        arm = getattr(kf, f"{side}_arm")
        parts.append(f"{side} {_arm_words(arm.shoulder)}, {_bend('elbow', arm.elbow)}")
    return "; ".join(parts) + "."


# --- SVG ----------------------------------------------------------------------------------


def number(value: float, places: int = 1) -> str:
    """A coordinate or angle as written in the SVG: rounded, never "-0"."""
    text = f"{value:.{places}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


_n = number


def _p(point: Point) -> str:
    return f"{_n(point[0])} {_n(point[1])}"


def _path(*points: Point) -> str:
    return "M" + " L".join(_p(p) for p in points)


@dataclass(frozen=True)
class Box:
    """A viewBox: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    def __str__(self) -> str:
        return " ".join(_n(v) for v in (self.x, self.y, self.w, self.h))


def _extent(pts: dict[str, Point], guides: list[tuple[Point, Point]]) -> tuple[float, ...]:
    drawn = [*pts.values(), *(p for line in guides for p in line)]
    xs = [x for x, _ in drawn]
    ys = [y for _, y in drawn]
    head_x, head_y = pts["head"]
    return (
        min(*xs, head_x - HEAD_RADIUS),
        min(*ys, head_y - HEAD_RADIUS),
        max(*xs, head_x + HEAD_RADIUS),
        max(*ys, GROUND),
    )


def view_box(keyframes: list[Keyframe]) -> Box:
    """One viewBox that holds every key position and every pose of the movement between them,
    so a drill's figures share a scale and a ground line."""
    boxes = [_extent(pts := pose_points(kf), _guides(kf, pts)) for kf in keyframes]
    boxes += [_extent(in_between_points(p), []) for p in cycle(keyframes)]
    # The sides to a tenth of a unit: whole units would waste up to two on a tight drill.
    left = math.floor((min(b[0] for b in boxes) - SIDE_MARGIN) * 10) / 10
    top = math.floor(min(b[1] for b in boxes) - MARGIN)
    right = math.ceil((max(b[2] for b in boxes) + SIDE_MARGIN) * 10) / 10
    bottom = math.ceil(max(b[3] for b in boxes) + MARGIN / 2)
    return Box(left, top, round(right - left, 1), bottom - top)


# What each dashed guide shows, for the legend under the figures (beside a dashed line).
GUIDE_WORDS = {
    "thigh-horizontal": "Hip height: the thigh comes level with it",
    "trunk-vertical": "Upright: the trunk stays tall along it",
    "foot-under-hip": "Straight below the hip: the foot lands on it",
}


def legend(keyframes: list[Keyframe]) -> list[tuple[str, str]]:
    """The guides a drill's figures draw, once each in order of first use, with their words."""
    used = dict.fromkeys(g for kf in keyframes for g in kf.guides)
    return [(guide, GUIDE_WORDS[guide]) for guide in used]


def _guides(kf: Keyframe, pts: dict[str, Point]) -> list[tuple[Point, Point]]:
    """The dashed guide lines' end points."""
    hip_x, hip_y = pts["hip"]
    out: list[tuple[Point, Point]] = []
    for guide in kf.guides:
        if guide == "thigh-horizontal":
            out.append(((hip_x - 4, hip_y), (hip_x + THIGH + 8, hip_y)))
        elif guide == "trunk-vertical":  # a plumb line just behind the back
            top = pts["head"][1] - HEAD_RADIUS
            out.append(((hip_x - 9, hip_y), (hip_x - 9, top)))
        elif guide == "foot-under-hip":
            out.append(((hip_x, hip_y), (hip_x, GROUND)))
    return out


# --- the skeleton as nested groups ---------------------------------------------------------
#
# Every segment is drawn hanging straight down (+y) from its joint, in its parent's frame, and
# its group turns it about that joint: rotate(angle cx cy), degrees clockwise as SVG turns
# (pose.py's angles turn from straight down toward the front, the other way, hence the signs).
# The body's group is moved so the hip sits where pose.py places it.

LEG = THIGH + SHANK  # the ankle, in the thigh's frame
PIVOTS: dict[str, Point] = {
    "trunk": (0.0, 0.0),
    "thigh": (0.0, 0.0),
    "shin": (0.0, THIGH),
    "foot": (0.0, LEG),
    "upper-arm": (0.0, TRUNK),
    "forearm": (0.0, TRUNK + UPPER_ARM),
}


# A shoe's profile, drawn with the ankle at (0, ``top``): back of the ankle, a rounded heel, the
# flat sole, a rounded toe, the instep. It never goes below the sole, so a foot on the ground
# sits on the ground line.
def _shoe(top: float) -> str:
    sole, heel, ball = top + ANKLE_HEIGHT, -HEEL, BALL
    return (
        f"M-1.8 {_n(top - 0.6)} L{_n(heel)} {_n(sole - 1.6)} Q{_n(heel)} {_n(sole)} "
        f"{_n(heel + 1.6)} {_n(sole)} L{_n(ball - 1.6)} {_n(sole)} Q{_n(ball)} {_n(sole)} "
        f"{_n(ball)} {_n(sole - 1.4)} L2.4 {_n(top - 1.2)} Z"
    )


def rotations(pose) -> dict[str, float]:
    """Each group's turn (SVG degrees) for a pose (a Keyframe or a pose.InBetween)."""
    t = pose.trunk
    turns = {"trunk": t - 180}
    for side in ("left", "right"):
        leg, arm = getattr(pose, side), getattr(pose, f"{side}_arm")
        turns[f"{side}-thigh"] = t - leg.hip
        turns[f"{side}-shin"] = leg.knee
        turns[f"{side}-foot"] = -leg.ankle
        turns[f"{side}-upper-arm"] = 180 - arm.shoulder
        turns[f"{side}-forearm"] = -arm.elbow
    return turns


def _pivot(name: str) -> Point:
    """The joint a group turns about: "left-thigh" → the hip, "right-forearm" → the elbow."""
    return PIVOTS[name if name == "trunk" else name.split("-", 1)[1]]


def turn_values(name: str, angle: float) -> str:
    """A group's turn as rotate() takes it (and SMIL's values): angle and centre."""
    return f"{_n(angle)} {_p(_pivot(name))}"


# The segments and joint ring each focus value emphasises (models.Focus).
_FOCUS_PARTS = {
    "leg": ("thigh", "shin", "foot"),
    "thigh": ("thigh",),
    "knee": ("thigh", "shin", "knee"),
    "shin": ("shin",),
    "ankle": ("foot", "ankle"),
    "foot": ("foot",),
    "arm": ("upper-arm", "forearm"),
}


def _emphasised(focus: str | None) -> set[str]:
    """Names like "left-thigh", "left-knee" (a ring), "trunk" that the focus draws emphasised."""
    if not focus:
        return set()
    if focus == "trunk":
        return {"trunk"}
    side, part = focus.split("-", 1)
    return {f"{side}-{name}" for name in _FOCUS_PARTS[part]}


class _Drawing:
    """Writes the nested groups; ``animate(name)`` gives a group's animation (or nothing)."""

    def __init__(self, pose, focus: str | None, animate=None):
        self.turns = rotations(pose)
        self.focus = _emphasised(focus)
        self.animate = animate or (lambda name: "")

    def _group(self, name: str, inner: str) -> str:
        turn = f"rotate({turn_values(name, self.turns[name])})"
        return f'<g transform="{turn}">{self.animate(name)}\n{inner}</g>\n'

    def _segment(self, name: str, part: str, d: str, width: float | None, extra: str = "") -> str:
        """A segment's path; ``width`` is its stroke (None: not stroked; the limbs' LIMB_WIDTH
        is set on their group)."""
        classes = f"drill-figure__{part}"
        if name in self.focus:
            classes += " drill-figure__focus"
            width = width and width + 1.5
        stroke = f' stroke-width="{_n(width)}"' if width and width != LIMB_WIDTH else ""
        return f'<path class="{classes}" d="{d}"{extra}{stroke}/>'

    def _ring(self, name: str, centre: Point) -> str:
        if name not in self.focus:
            return ""
        return (
            f'<circle class="drill-figure__focus" cx="{_n(centre[0])}" cy="{_n(centre[1])}" '
            f'r="5.5" stroke-width="1.2"/>'
        )

    def leg(self, side: str) -> str:
        s = side
        foot = self._segment(
            f"{s}-foot", "foot", _shoe(LEG), None, ' fill="currentColor" stroke="none"'
        )
        foot_group = self._group(f"{s}-foot", foot + self._ring(f"{s}-ankle", (0, LEG)))
        shin = self._segment(f"{s}-shin", "shin", _path((0, THIGH), (0, LEG)), LIMB_WIDTH)
        shin_group = self._group(f"{s}-shin", shin + "\n" + foot_group)
        thigh = self._segment(f"{s}-thigh", "thigh", _path((0, 0), (0, THIGH)), LIMB_WIDTH)
        knee = self._ring(f"{s}-knee", (0, THIGH))
        return self._group(f"{s}-thigh", thigh + knee + "\n" + shin_group)

    def arm(self, side: str) -> str:
        s = side
        end = TRUNK + UPPER_ARM
        forearm = self._segment(
            f"{s}-forearm", "forearm", _path((0, end), (0, end + FOREARM)), LIMB_WIDTH
        )
        upper = self._segment(
            f"{s}-upper-arm", "upper-arm", _path((0, TRUNK), (0, end)), LIMB_WIDTH
        )
        fore_group = self._group(f"{s}-forearm", forearm)
        upper_group = self._group(f"{s}-upper-arm", upper + "\n" + fore_group)
        # In a copy of the trunk's turn: the arm hangs from the shoulder wherever the trunk leans.
        return self._group("trunk", upper_group)

    def trunk(self) -> str:
        line = self._segment("trunk", "trunk", _path((0, 0), (0, TRUNK)), 7)
        head = (
            f'<circle class="drill-figure__head" cx="0.0" cy="{_n(TRUNK + HEAD_CENTRE)}" '
            f'r="{_n(HEAD_RADIUS)}" fill="currentColor" stroke="none"/>'
        )
        return self._group("trunk", line + head)

    def body(self) -> str:
        """Far limbs first (paler, behind), then the trunk and head, then the near limbs."""
        return (
            f'<g class="drill-figure__far" stroke-width="{_n(LIMB_WIDTH)}">\n'
            f"{self.leg('right')}{self.arm('right')}</g>\n"
            f"{self.trunk()}"
            f'<g class="drill-figure__near" stroke-width="{_n(LIMB_WIDTH)}">\n'
            f"{self.leg('left')}{self.arm('left')}</g>\n"
        )


def body_svg(pose, hip_y: float, focus: str | None, animate=None) -> str:
    """The figure's body: the hip at (0, ``hip_y``), every joint turned as ``pose`` says.
    ``animate(name)`` (render/movement.py) returns the SMIL element animating a group: "body"
    (its move up and down) and the names in ``rotations``."""
    drawing = _Drawing(pose, focus, animate)
    move = (animate or (lambda name: ""))("body")
    return (
        f'<g class="drill-figure__body" transform="translate(0 {_n(hip_y)})">{move}\n'
        f"{drawing.body()}</g>\n"
    )


def svg_open(box: Box, fig_id: str | None, title: str = "", desc: str = "") -> str:
    """The <svg> start tag and, for a named image, its <title> and <desc>; with no ``fig_id``
    the figure is decoration, hidden from assistive tech."""
    if fig_id:
        return (
            f'<svg class="drill-figure" viewBox="{box}" role="img" '
            f'aria-labelledby="{fig_id}-title" aria-describedby="{fig_id}-desc" '
            f'xmlns="http://www.w3.org/2000/svg">\n'
            f'<title id="{fig_id}-title">{_xml(title)}</title>\n'
            f'<desc id="{fig_id}-desc">{_xml(desc)}</desc>\n'
        )
    return (
        f'<svg class="drill-figure" viewBox="{box}" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">\n'
    )


def ground(box: Box) -> str:
    d = _path((box.x, GROUND), (box.x + box.w, GROUND))
    return f'<path class="drill-figure__ground" d="{d}" stroke-width="1"/>\n'


STYLE_OPEN = (
    '<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">\n'
)


def svg(kf: Keyframe, fig_id: str | None, box: Box | None = None) -> str:
    """One key position as inline SVG.

    With ``fig_id`` it is an image named by its <title> (the caption) and described by its
    <desc>, with the part the caption is about emphasised; without one (cards, previews) it is
    decoration, hidden from assistive tech, and with no caption there is nothing to emphasise.
    """
    pts = pose_points(kf)
    box = box or view_box([kf])
    lines = [svg_open(box, fig_id, kf.caption, describe(kf)), STYLE_OPEN, ground(box)]
    lines += [
        f'<path class="drill-figure__guide" d="{d}" stroke-width="0.8" stroke-dasharray="3 2"/>\n'
        for d in (_path(*line) for line in _guides(kf, pts))
    ]
    lines += [body_svg(kf, pts["hip"][1], kf.focus if fig_id else None), "</g>\n", "</svg>"]
    return "".join(lines)


def _xml(text: str) -> str:
    return (
        " ".join(str(text).split())
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def figure_id(slug: str, index: int) -> str:
    """Stable, page-unique id of a drill's figure (1-based), also unique in the sheets booklet."""
    return f"fig-{slug}-{index + 1}"


def strip(slug: str, keyframes: list[Keyframe]) -> list[dict[str, str]]:
    """A drill's figures in one viewBox: caption, SVG, and a decorative copy of the SVG (no ids,
    no emphasis; ``loop_svg``, the name from when it made a flip-book) for previews."""
    box = view_box(keyframes)
    return [
        {
            "caption": kf.caption,
            "svg": svg(kf, figure_id(slug, i), box),
            "loop_svg": svg(kf, None, box),
        }
        for i, kf in enumerate(keyframes)
    ]


# A card, a sheet's preview and the builder's library show a drill's first key position as
# decoration: about 5 ms of kinematics each (view_box walks the movement between the key
# positions), twice per drill per build. It depends only on the key positions and on the code
# that draws them, so builds keep it on disk by a hash of both (macros/generated.py).
_disk: list[DiskCache] = []
_memo: dict[str, str] = {}
_VERSION = digest(
    *(Path(m.__file__).read_bytes() for m in (models, pose)), Path(__file__).read_bytes()
)


def use_disk_cache(cache: DiskCache | None) -> None:
    _disk[:] = [cache] if cache else []


def decorative(keyframes: list[Keyframe]) -> str:
    """The first key position without an id or a title, in the viewBox of ``keyframes`` (all of
    a drill's for a card, ``[:1]`` for a preview): ``strip()``'s ``loop_svg``."""
    key = digest(_VERSION, *(kf.model_dump_json() for kf in keyframes))
    made = _memo.get(key)
    if made is None:

        def draw() -> str:
            return svg(keyframes[0], None, view_box(keyframes))

        made = _memo[key] = _disk[0].kept((key,), draw) if _disk else draw()
    return made
