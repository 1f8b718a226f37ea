"""The PDF step on 100 drills: its time per sheet (one Chromium, several pages at once)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from macros.postbuild.pdf import WORKERS

from .projects import measured_build


def run(project: Path, site_dir: Path, drills: int, sessions: int) -> dict:
    """Print the sheets of ``site_dir`` (built from ``project``), as `make build` does."""
    if not (site_dir / "index.html").is_file():
        measured_build(project, site_dir)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "macros.postbuild.pdf", str(site_dir), "--required"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    sheets = drills + sessions
    return {
        "drills": drills,
        "sheets": sheets,
        "pages_at_once": WORKERS,
        "total_s": round(seconds, 1),
        "per_sheet_s": round(seconds / sheets, 2),
    }
