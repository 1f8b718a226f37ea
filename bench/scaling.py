"""Build time and memory for 10, 100 and 1000 drills, against plain Markdown of the same pages."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from .projects import add_copies, copy_project, render_static, timed_build

SIZES = (10, 100, 1000)
REPEATS = 3


def _median_build(project: Path, work: Path) -> tuple[float, float]:
    runs = [timed_build(project, work / f"site-{i}") for i in range(REPEATS)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def run() -> dict:
    rows = []
    with tempfile.TemporaryDirectory(prefix="drillbook-scaling-") as tmp:
        for size in SIZES:
            work = Path(tmp) / str(size)
            ours = copy_project(work / "drillbook")
            add_copies(ours, size)
            plain = render_static(ours, work / "plain")
            ours_s, ours_mb = _median_build(ours, work)
            plain_s, plain_mb = _median_build(plain, work)
            rows.append(
                {
                    "drills": size,
                    "drillbook_s": round(ours_s, 2),
                    "drillbook_peak_mib": round(ours_mb),
                    "plain_s": round(plain_s, 2),
                    "plain_peak_mib": round(plain_mb),
                    "ratio": round(ours_s / plain_s, 2),
                }
            )
    by = {r["drills"]: r for r in rows}
    growth = round(by[1000]["drillbook_s"] / by[100]["drillbook_s"], 1)
    return {"rows": rows, "growth_100_to_1000": growth}


def table(result: dict) -> str:
    lines = [
        "| drills | drillbook s | peak MiB | plain Markdown s | peak MiB | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['drills']} | {r['drillbook_s']} | {r['drillbook_peak_mib']} | {r['plain_s']} "
            f"| {r['plain_peak_mib']} | {r['ratio']}× |"
        )
    lines.append(
        f"\n1000 drills take {result['growth_100_to_1000']}× the time of 100 "
        "(target ≤ 11×); ratio target ≤ 1.2×."
    )
    return "\n".join(lines)
