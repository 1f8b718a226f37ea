"""The session builder's drill library (assets/data/library.json): its size against its budget.

The builder fetches this one file for every drill it offers, so it grows with the library;
macros/render/library.py states the budget (1 KB gzipped per drill, plus 1 KB) and
tests/test_library.py fails when the built file is over it. Here it is measured.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from macros.render import library


def run(site: Path) -> dict:
    raw = (site / library.PATH).read_bytes()
    drills = len(json.loads(raw)["drills"])
    return {
        "drills": drills,
        "bytes": len(raw),
        "gzip_bytes": len(gzip.compress(raw, 6)),
        "gzip_budget_bytes": library.gzip_budget(drills),
    }


def table(result: dict) -> str:
    kb = {k: result[k] / 1024 for k in ("bytes", "gzip_bytes", "gzip_budget_bytes")}
    per_drill = kb["gzip_bytes"] / max(result["drills"], 1)
    return "\n".join(
        [
            "| drills | raw KB | gzip KB | per drill KB | budget KB (gzip) |",
            "| ---: | ---: | ---: | ---: | ---: |",
            f"| {result['drills']} | {kb['bytes']:.1f} | {kb['gzip_bytes']:.1f}"
            f" | {per_drill:.2f} | {kb['gzip_budget_bytes']:.1f} |",
        ]
    )
