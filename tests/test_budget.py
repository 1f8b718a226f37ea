"""Size budget of the timer widget: the issue allows 6 KB of JavaScript, gzipped."""

from __future__ import annotations

import gzip
from pathlib import Path

TIMER = Path(__file__).resolve().parents[1] / "docs" / "assets" / "timer"
BUDGET = 6 * 1024  # bytes, gzip -9, each file compressed on its own as it is served


def test_timer_javascript_fits_in_6_kb_gzipped():
    sizes = {f.name: len(gzip.compress(f.read_bytes(), 9)) for f in sorted(TIMER.glob("*.js"))}
    assert set(sizes) == {"engine.js", "element.js"}
    assert sum(sizes.values()) <= BUDGET, sizes
