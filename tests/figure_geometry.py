"""Where a figure SVG puts each joint: its nested groups' turns composed, as a browser draws them.

Reads the SVG that macros/render/figures.py and movement.py write, not the Python that wrote
it: a static figure's ``transform`` attributes, or, at a time ``t`` into the movement, each
group's SMIL ``<animateTransform>`` evaluated the way SMIL does (linear between ``keyTimes``).
The joint names are data/pose.py's, so tests can hold the drawing to pose.SEGMENTS and to the
ground line.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from macros.data.pose import ANKLE_HEIGHT, BALL, HEEL

SVG = "{http://www.w3.org/2000/svg}"
Matrix = tuple[float, float, float, float, float, float]  # SVG's a b c d e f
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e,
            b * E + d * F + f)  # fmt: skip


def _apply(m: Matrix, point: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = m
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


def _matrix(kind: str, numbers: list[float]) -> Matrix:
    if kind == "translate":
        x, y = (numbers + [0.0])[:2]
        return (1, 0, 0, 1, x, y)
    angle, cx, cy = (numbers + [0.0, 0.0])[:3]
    r = math.radians(angle)
    cos, sin = math.cos(r), math.sin(r)
    turn: Matrix = (cos, sin, -sin, cos, 0, 0)
    return _multiply(_multiply((1, 0, 0, 1, cx, cy), turn), (1, 0, 0, 1, -cx, -cy))


def _numbers(text: str) -> list[float]:
    return [float(v) for v in re.split(r"[\s,]+", text.strip()) if v]


def _static(attribute: str | None) -> Matrix:
    if not attribute:
        return IDENTITY
    kind, args = re.fullmatch(r"\s*(\w+)\(([^)]*)\)\s*", attribute).groups()
    return _matrix(kind, _numbers(args))


def animated_value(animation: ET.Element, t: float) -> list[float]:
    """An <animateTransform>'s value ``t`` seconds in, as SMIL computes it (calcMode linear,
    repeating)."""
    total = float(animation.get("dur").removesuffix("s"))
    values = [_numbers(v) for v in animation.get("values").split(";")]
    times = [float(v) for v in animation.get("keyTimes").split(";")]
    at = (t % total) / total
    for i in range(len(times) - 1):
        if times[i] <= at <= times[i + 1]:
            span = times[i + 1] - times[i]
            f = 0.0 if span == 0 else (at - times[i]) / span
            return [p + (q - p) * f for p, q in zip(values[i], values[i + 1], strict=True)]
    return values[-1]


def _own(group: ET.Element, t: float | None) -> Matrix:
    animation = group.find(f"{SVG}animateTransform")
    if t is None or animation is None:
        return _static(group.get("transform"))
    return _matrix(animation.get("type"), animated_value(animation, t))


def _ends(d: str) -> tuple[tuple[float, float], tuple[float, float]]:
    numbers = _numbers(re.sub(r"[A-Za-z]", " ", d))
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def joints(svg_text: str, t: float | None = None) -> dict[str, tuple[float, float]]:
    """Every joint pose.py names, in the SVG's user units, for the static figure (``t`` None)
    or ``t`` seconds into its movement. A joint two segments share (the knee ends the thigh and
    starts the shin) must be drawn at one place: the segments are joined."""
    root = ET.fromstring(svg_text)
    out: dict[str, tuple[float, float]] = {}

    def put(name: str, point: tuple[float, float]) -> None:
        if name in out:
            assert math.dist(out[name], point) < 0.01, f"{name} drawn apart: {out[name]} {point}"
        out[name] = point

    def walk(element: ET.Element, m: Matrix, side: str | None) -> None:
        classes = (element.get("class") or "").split()
        if "drill-figure__far" in classes:
            side = "right"
        elif "drill-figure__near" in classes:
            side = "left"
        if element.tag == f"{SVG}g":
            m = _multiply(m, _own(element, t))
        name = next(
            (c.removeprefix("drill-figure__") for c in classes if c != "drill-figure__focus"), ""
        )
        if element.tag == f"{SVG}path" and name in SEGMENT_JOINTS:
            start, end = (_apply(m, p) for p in _ends(element.get("d")))
            first, second = SEGMENT_JOINTS[name]
            put(first.format(side=side), start)
            put(second.format(side=side), end)
        if element.tag == f"{SVG}path" and name == "foot":
            ankle_y = foot_ankle_y(element.get("d"))
            put(f"{side}_ankle", _apply(m, (0.0, ankle_y)))
            put(f"{side}_heel", _apply(m, (-HEEL, ankle_y + ANKLE_HEIGHT)))
            put(f"{side}_ball", _apply(m, (BALL, ankle_y + ANKLE_HEIGHT)))
        if element.tag == f"{SVG}circle" and name == "head":
            put("head", _apply(m, (float(element.get("cx")), float(element.get("cy")))))
        for child in element:
            walk(child, m, side)

    walk(root, IDENTITY, None)
    return out


# A segment path's class → the joints at its two ends.
SEGMENT_JOINTS = {
    "trunk": ("hip", "shoulder"),
    "thigh": ("hip", "{side}_knee"),
    "shin": ("{side}_knee", "{side}_ankle"),
    "upper-arm": ("shoulder", "{side}_elbow"),
    "forearm": ("{side}_elbow", "{side}_wrist"),
}


def foot_ankle_y(d: str) -> float:
    """The ankle's y in the foot's own drawing: the shoe's sole lies ANKLE_HEIGHT below it."""
    return max(_numbers(re.sub(r"[A-Za-z]", " ", d))[1::2]) - ANKLE_HEIGHT


def shoe_points(d: str) -> list[tuple[float, float]]:
    numbers = _numbers(re.sub(r"[A-Za-z]", " ", d))
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def key_times(svg_text: str) -> list[float]:
    """Every instant (seconds) the movement's SMIL gives a value for: its sampled frames."""
    root = ET.fromstring(svg_text)
    found: set[float] = set()
    for animation in root.iter(f"{SVG}animateTransform"):
        total = float(animation.get("dur").removesuffix("s"))
        found |= {float(k) * total for k in animation.get("keyTimes").split(";")}
    return sorted(found)
