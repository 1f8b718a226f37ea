"""Pose: a key position's joint angles → joint points (forward kinematics), in % of body height.

Used by the data models (a pose whose free foot would go through the ground is refused at load)
and by the figure drawing (render/figures.py). It depends on nothing else in the project: a
keyframe is anything with the fields of models.Keyframe (duck-typed, see ``Pose``).

The figure faces right (x grows forward, y grows down, as in SVG).

Angle conventions (degrees; the models in models.py hold the allowed ranges):

- trunk: lean from vertical, positive forward.
- hip: flexion of the thigh from the trunk's line, 0 = thigh in line with the trunk (standing),
  positive = knee forward and up (90 with an upright trunk = thigh horizontal), negative =
  thigh behind the body (extension, as at the end of a push-off).
- knee: flexion, 0 = straight, positive = heel toward the buttock. Never negative.
- ankle: 0 = foot at a right angle to the shin; positive = dorsiflexion (toes up), negative =
  plantarflexion (toes pointed, as when up on the ball of the foot).
- shoulder: flexion from the trunk's line, 0 = arm hanging, positive = forward and up,
  negative = back.
- elbow: flexion, 0 = straight, positive = hand toward the shoulder.

Placing the body: with ``support`` "left" or "right", the body is moved so the lowest point
(heel or ball) of that foot touches the ground line; the model refuses a pose whose other foot
would go below it. With ``support`` "none" (flight), the lowest point of either foot hovers
FLIGHT_GAP above the ground.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol


class _Leg(Protocol):
    hip: float
    knee: float
    ankle: float


class _Arm(Protocol):
    shoulder: float
    elbow: float


class Pose(Protocol):
    """What the kinematics reads from a keyframe (models.Keyframe has these fields)."""

    support: str
    trunk: float
    left: _Leg
    right: _Leg
    left_arm: _Arm
    right_arm: _Arm


Point = tuple[float, float]

# Segment lengths in % of standing height, rounded from Winter's anthropometric table
# (Winter, Biomechanics and Motor Control of Human Movement, 4th ed., 2009, table 4.1): hip
# joint at 53.0, knee 28.5, ankle 3.9, shoulder 81.8, head 13.0 tall above the chin (87.0).
THIGH = 24.5
SHANK = 24.6
ANKLE_HEIGHT = 3.9  # ankle joint above the sole
HEEL = 3.5  # heel behind the ankle, along the sole
BALL = 11.7  # ball and toes ahead of the ankle (foot length 15.2)
TRUNK = 28.8  # hip joint to shoulder joint
UPPER_ARM = 18.6
FOREARM = 14.6
HEAD_CENTRE = 11.7  # shoulder joint to the centre of the head
HEAD_RADIUS = 6.5
FLIGHT_GAP = 4.0  # in flight, the lowest foot hovers this far above the ground

GROUND = 0.0  # the ground line's y

# Every rigid segment: (from, to, length). The property tests check these stay this long.
SEGMENTS: list[tuple[str, str, float]] = [
    ("hip", "shoulder", TRUNK),
    ("shoulder", "head", HEAD_CENTRE),
]
for _side in ("left", "right"):
    SEGMENTS += [
        ("hip", f"{_side}_knee", THIGH),
        (f"{_side}_knee", f"{_side}_ankle", SHANK),
        (f"{_side}_ankle", f"{_side}_heel", math.hypot(HEEL, ANKLE_HEIGHT)),
        (f"{_side}_ankle", f"{_side}_ball", math.hypot(BALL, ANKLE_HEIGHT)),
        (f"{_side}_heel", f"{_side}_ball", HEEL + BALL),
        ("shoulder", f"{_side}_elbow", UPPER_ARM),
        (f"{_side}_elbow", f"{_side}_wrist", FOREARM),
    ]


def _dir(theta: float) -> Point:
    """Unit vector at ``theta`` degrees from straight down, turning forward (toward +x)."""
    rad = math.radians(theta)
    return math.sin(rad), math.cos(rad)


def _at(p: Point, theta: float, length: float) -> Point:
    dx, dy = _dir(theta)
    return p[0] + dx * length, p[1] + dy * length


def _body(kf: Pose) -> dict[str, Point]:
    """Joint positions with the hip at the origin, before placing the body on the ground."""
    t = kf.trunk
    pts: dict[str, Point] = {"hip": (0.0, 0.0)}
    pts["shoulder"] = _at(pts["hip"], 180 - t, TRUNK)
    pts["head"] = _at(pts["shoulder"], 180 - t, HEAD_CENTRE)
    for side in ("left", "right"):
        leg, arm = getattr(kf, side), getattr(kf, f"{side}_arm")
        thigh = leg.hip - t
        shank = thigh - leg.knee
        foot = shank + 90 + leg.ankle  # along the sole, heel to toe
        knee = pts[f"{side}_knee"] = _at(pts["hip"], thigh, THIGH)
        ankle = pts[f"{side}_ankle"] = _at(knee, shank, SHANK)
        sole = _at(ankle, foot - 90, ANKLE_HEIGHT)  # the sole, straight "below" the ankle
        pts[f"{side}_heel"] = _at(sole, foot, -HEEL)
        pts[f"{side}_ball"] = _at(sole, foot, BALL)
        upper = arm.shoulder - t
        elbow = pts[f"{side}_elbow"] = _at(pts["shoulder"], upper, UPPER_ARM)
        pts[f"{side}_wrist"] = _at(elbow, upper + arm.elbow, FOREARM)
    return pts


def _lowest(pts: dict[str, Point], side: str) -> float:
    return max(pts[f"{side}_heel"][1], pts[f"{side}_ball"][1])


def pose_points(kf: Pose) -> dict[str, Point]:
    """Every joint's (x, y), the hip above x = 0 and the ground line at y = GROUND (y down)."""
    pts = _body(kf)
    if kf.support == "none":
        floor = max(_lowest(pts, "left"), _lowest(pts, "right")) + FLIGHT_GAP
    else:
        floor = _lowest(pts, kf.support)
    shift = GROUND - floor
    return {name: (x, y + shift) for name, (x, y) in pts.items()}


def sunk_foot(kf: Pose) -> tuple[str, float] | None:
    """The non-support foot and how far (% of height) it would go below the ground, if it does."""
    if kf.support == "none":
        return None
    other = "right" if kf.support == "left" else "left"
    depth = _lowest(pose_points(kf), other) - GROUND
    return (other, depth) if depth > 1e-6 else None


# --- in-between poses (the figures' movement, render/movement.py) ---------------------------


@dataclass(frozen=True)
class LegAngles:
    hip: float
    knee: float
    ankle: float


@dataclass(frozen=True)
class ArmAngles:
    shoulder: float
    elbow: float


@dataclass(frozen=True)
class InBetween:
    """A pose part of the way from one key position to the next: every joint angle
    interpolated linearly, and ``hover``, how far the lowest foot is above the ground (0 when a
    foot is on it, FLIGHT_GAP in flight, in between while taking off or landing)."""

    trunk: float
    left: LegAngles
    right: LegAngles
    left_arm: ArmAngles
    right_arm: ArmAngles
    hover: float


def _hover(kf: Pose) -> float:
    return FLIGHT_GAP if kf.support == "none" else 0.0


def between(a: Pose, b: Pose, fraction: float) -> InBetween:
    """The pose ``fraction`` (0 to 1) of the way from ``a`` to ``b``."""

    def mix(x: float, y: float) -> float:
        return x + (y - x) * fraction

    def leg(side: str) -> LegAngles:
        p, q = getattr(a, side), getattr(b, side)
        return LegAngles(mix(p.hip, q.hip), mix(p.knee, q.knee), mix(p.ankle, q.ankle))

    def arm(side: str) -> ArmAngles:
        p, q = getattr(a, f"{side}_arm"), getattr(b, f"{side}_arm")
        return ArmAngles(mix(p.shoulder, q.shoulder), mix(p.elbow, q.elbow))

    return InBetween(
        mix(a.trunk, b.trunk),
        leg("left"),
        leg("right"),
        arm("left"),
        arm("right"),
        mix(_hover(a), _hover(b)),
    )


def in_between_points(pose: InBetween) -> dict[str, Point]:
    """Every joint's (x, y) for an in-between pose, placed as ``pose_points`` places a key
    position: the hip above x = 0, the lowest foot ``hover`` above the ground. Whichever foot is
    lower stands on the ground, so no foot goes through it while the support changes feet; at
    a key position (fraction 0 or 1) this is exactly ``pose_points`` (the model has made sure
    the support foot is the lowest)."""
    pts = _body(pose)  # type: ignore[arg-type]  # _body reads angles only
    floor = max(_lowest(pts, "left"), _lowest(pts, "right")) + pose.hover
    shift = GROUND - floor
    return {name: (x, y + shift) for name, (x, y) in pts.items()}


STEPS = 20  # in-between poses from one key position to the next, the first being the key itself


def cycle(keyframes: list[Pose], steps: int = STEPS) -> list[InBetween]:
    """The movement as sampled poses: each key position, then ``steps - 1`` in-betweens toward
    the next, the last key position leading back to the first (the movement loops)."""
    count = len(keyframes)
    return [
        between(keyframes[i], keyframes[(i + 1) % count], step / steps)
        for i in range(count)
        for step in range(steps)
    ]
