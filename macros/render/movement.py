"""The movement: a drill's key positions played in a loop, every joint angle interpolated
between them, as an SVG that animates itself.

The drawing is figures.py's (a group per segment, nested as the skeleton is); here each group's
turn gets a SMIL ``<animateTransform>``. SMIL interpolates linearly between the values at the
key positions, which is exactly what data/pose.py's ``between`` does, so the browser shows the
poses the tests check. Only the body's height is sampled: where the lowest foot meets the ground
is not linear in the angles, so the hip's height is given at every in-between (pose.STEPS per
move) and the browser interpolates between those.

Why SMIL and not CSS @keyframes: the values are the drill's own, and inside the SVG they travel
with the figure: no per-drill stylesheet to load, and no inline <style> whose hash the site-wide
Content-Security-Policy (postbuild/csp.py) would have to carry on every page. Chromium, Firefox
and WebKit all play it. It holds still until asked: assets/figures/movement.js pauses it on load
and plays it from the button; without JavaScript, with reduced motion or on paper the player is
not shown at all (figures.css) and the strip shows the key positions.
"""

from __future__ import annotations

from ..data.models import Keyframe
from ..data.pose import STEPS, InBetween, between, cycle, in_between_points
from . import figures

HOLD = 0.4  # seconds on each key position, so the reader sees it
MOVE = 0.8  # seconds from one key position to the next


def duration(keyframes: list[Keyframe]) -> float:
    """One loop, in seconds."""
    return len(keyframes) * (HOLD + MOVE)


def timeline(keyframes: list[Keyframe]) -> list[tuple[float, InBetween]]:
    """Every sampled instant of one loop, (seconds, pose): each key position at the start and
    the end of its hold, then its in-betweens (pose.cycle) evenly over MOVE; the loop ends on
    the first key position, where it starts again."""
    poses = cycle(keyframes)
    out: list[tuple[float, InBetween]] = []
    for i in range(len(keyframes)):
        start = i * (HOLD + MOVE)
        key = poses[i * STEPS]
        out += [(start, key), (start + HOLD, key)]
        out += [
            (start + HOLD + MOVE * step / STEPS, poses[i * STEPS + step])
            for step in range(1, STEPS)
        ]
    out.append((duration(keyframes), poses[0]))
    return out


def pose_at(keyframes: list[Keyframe], seconds: float) -> InBetween:
    """The pose ``seconds`` into the loop (any time, not only a sampled one)."""
    count = len(keyframes)
    at = seconds % duration(keyframes)
    i = min(int(at // (HOLD + MOVE)), count - 1)
    into = at - i * (HOLD + MOVE)
    fraction = max(0.0, (into - HOLD) / MOVE)
    return between(keyframes[i], keyframes[(i + 1) % count], fraction)


def _key_time(seconds: float, total: float) -> str:
    return f"{seconds / total:.4f}".rstrip("0").rstrip(".") or "0"


class _Animations:
    """The SMIL elements for one drill's movement, by group name (figures.rotations' names and
    "body")."""

    def __init__(self, keyframes: list[Keyframe]):
        self.total = duration(keyframes)
        self.dur = f'dur="{self.total:g}s" repeatCount="indefinite"'
        samples = timeline(keyframes)
        self.all_times = ";".join(_key_time(t, self.total) for t, _ in samples)
        self.hip = [in_between_points(p)["hip"][1] for _, p in samples]
        # The turns change only between key positions: at each hold's start and end, and back
        # to the first at the loop's end; linear in between, as pose.between.
        keys = [
            (i * (HOLD + MOVE) + hold, kf) for i, kf in enumerate(keyframes) for hold in (0, HOLD)
        ]
        keys.append((self.total, keyframes[0]))
        self.key_times = ";".join(_key_time(t, self.total) for t, _ in keys)
        self.turns = [figures.rotations(kf) for _, kf in keys]

    def __call__(self, name: str) -> str:
        if name == "body":
            values = ";".join(f"0 {figures.number(y, 2)}" for y in self.hip)
            return self._element("translate", values, self.all_times)
        values = ";".join(figures.turn_values(name, t[name]) for t in self.turns)
        return self._element("rotate", values, self.key_times)

    def _element(self, kind: str, values: str, times: str) -> str:
        if len(set(values.split(";"))) == 1:
            return ""  # a joint that holds still all through (an upright trunk) needs none
        return (
            f'<animateTransform attributeName="transform" type="{kind}" values="{values}" '
            f'keyTimes="{times}" {self.dur}/>'
        )


def svg(keyframes: list[Keyframe], box: figures.Box | None = None) -> str:
    """The drill's movement as decoration (the button names it; the strip describes each key
    position), resting on the first key position until it plays."""
    box = box or figures.view_box(keyframes)
    first = keyframes[0]
    hip_y = in_between_points(between(first, first, 0))["hip"][1]
    return "".join(
        [
            figures.svg_open(box, None),
            figures.STYLE_OPEN,
            figures.ground(box),
            figures.body_svg(first, hip_y, None, _Animations(keyframes)),
            "</g>\n</svg>",
        ]
    )
