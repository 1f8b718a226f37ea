"""Movement figures: a drill's key positions (``keyframes`` in its YAML) drawn as side-view SVG.

Pure Python, no drawing library: the joint points come from data/pose.py (forward kinematics
over fixed segment proportions), and the SVG is a handful of paths stroked in
``currentColor``, so a figure follows the palette on screen and prints black. The output is
deterministic (coordinates rounded to 0.1, ids from the drill's slug and the frame's number):
tests/golden/ holds one figure per drill, compared byte for byte (``make golden`` rewrites them
on purpose).

The figure faces right. Its left side faces the viewer: left limbs are drawn solid, right limbs
lighter behind the body. Angle conventions are in data/pose.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..data.models import Keyframe
from ..data.pose import GROUND, HEAD_RADIUS, THIGH, Point, pose_points

MARGIN = 4.0  # room around the figure in the viewBox
FAR_OPACITY = 0.45


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


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


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


def _extent(kf: Keyframe) -> tuple[float, float, float, float]:
    pts = pose_points(kf)
    drawn = [*pts.values(), *(p for line in _guides(kf, pts) for p in line)]
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
    """One viewBox that holds every frame, so a drill's figures share a scale and a ground line."""
    boxes = [_extent(kf) for kf in keyframes]
    left = math.floor(min(b[0] for b in boxes) - MARGIN)
    top = math.floor(min(b[1] for b in boxes) - MARGIN)
    right = math.ceil(max(b[2] for b in boxes) + MARGIN)
    bottom = math.ceil(max(b[3] for b in boxes) + MARGIN / 2)
    return Box(left, top, right - left, bottom - top)


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


def _limbs(pts: dict[str, Point], side: str) -> list[str]:
    s = side
    return [
        _path(pts["hip"], pts[f"{s}_knee"], pts[f"{s}_ankle"]),
        _path(pts["shoulder"], pts[f"{s}_elbow"], pts[f"{s}_wrist"]),
    ]


def _foot(pts: dict[str, Point], side: str) -> str:
    return _path(pts[f"{side}_ankle"], pts[f"{side}_heel"], pts[f"{side}_ball"]) + " Z"


def svg(kf: Keyframe, fig_id: str | None, box: Box | None = None) -> str:
    """One figure as inline SVG.

    With ``fig_id`` it is an image named by its <title> (the caption) and described by its
    <desc>; without one (the animation's copies) it is decoration, hidden from assistive tech.
    """
    pts = pose_points(kf)
    box = box or view_box([kf])
    if fig_id:
        head = (
            f'<svg class="drill-figure" viewBox="{box}" role="img" '
            f'aria-labelledby="{fig_id}-title" aria-describedby="{fig_id}-desc" '
            f'xmlns="http://www.w3.org/2000/svg">\n'
            f'<title id="{fig_id}-title">{_xml(kf.caption)}</title>\n'
            f'<desc id="{fig_id}-desc">{_xml(describe(kf))}</desc>\n'
        )
    else:
        head = (
            f'<svg class="drill-figure" viewBox="{box}" aria-hidden="true" focusable="false" '
            f'xmlns="http://www.w3.org/2000/svg">\n'
        )
    ground = _path((box.x, GROUND), (box.x + box.w, GROUND))
    lines = [
        head,
        '<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">\n',
        f'<path class="drill-figure__ground" d="{ground}" stroke-width="1"/>\n',
    ]
    lines += [
        f'<path class="drill-figure__guide" d="{d}" stroke-width="0.8" stroke-dasharray="3 2"/>\n'
        for d in (_path(*line) for line in _guides(kf, pts))
    ]
    lines += [f'<g class="drill-figure__far" opacity="{FAR_OPACITY}" stroke-width="4.5">\n']
    lines += [f'<path d="{d}"/>\n' for d in _limbs(pts, "right")]
    lines += [f'<path d="{_foot(pts, "right")}" fill="currentColor" stroke-width="2"/>\n', "</g>\n"]
    head_x, head_y = pts["head"]
    lines += [
        f'<path class="drill-figure__trunk" d="{_path(pts["hip"], pts["shoulder"])}" '
        f'stroke-width="7"/>\n',
        f'<circle cx="{_n(head_x)}" cy="{_n(head_y)}" r="{_n(HEAD_RADIUS)}" '
        f'fill="currentColor" stroke="none"/>\n',
        '<g class="drill-figure__near" stroke-width="4.5">\n',
    ]
    lines += [f'<path d="{d}"/>\n' for d in _limbs(pts, "left")]
    lines += [f'<path d="{_foot(pts, "left")}" fill="currentColor" stroke-width="2"/>\n', "</g>\n"]
    lines += ["</g>\n", "</svg>"]
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
    """A drill's figures in one viewBox: caption, SVG, and the SVG's hidden copy for the loop."""
    box = view_box(keyframes)
    return [
        {
            "caption": kf.caption,
            "svg": svg(kf, figure_id(slug, i), box),
            "loop_svg": svg(kf, None, box),
        }
        for i, kf in enumerate(keyframes)
    ]
