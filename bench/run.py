"""`make bench`: measure the built site and print a table; results go to bench/results.json.

python -m bench.run                      everything
python -m bench.run weight lighthouse    only those parts (scaling, serve, weight, library,
                                         lighthouse, mainthread, timer)
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import library_size, lighthouse, mainthread, scaling, serve_rebuild, timer_accuracy, weight
from .projects import ROOT, copy_project, render_static, timed_build
from .serve import chromium

RESULTS = Path(__file__).with_name("results.json")


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    browser = subprocess.run(
        [chromium(), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "browser": browser,
    }


def main(parts: list[str]) -> int:
    parts = parts or ["weight", "library", "lighthouse", "mainthread", "timer", "scaling", "serve"]
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["machine"] = machine()
    report = []
    with tempfile.TemporaryDirectory(prefix="drillbook-bench-") as tmp:
        tmp = Path(tmp)
        ours = tmp / "site"
        timed_build(ROOT, ours)
        if {"weight", "lighthouse", "mainthread"} & set(parts):
            baseline_project = render_static(copy_project(tmp / "project"), tmp / "default", True)
            baseline = tmp / "default-site"
            timed_build(baseline_project, baseline)
        if "weight" in parts:
            results["weight"] = weight.run(ours, baseline)
            report.append("## Page weight (gzip)\n\n" + weight.table(results["weight"]))
        if "library" in parts:
            results["library"] = library_size.run(ours)
            report.append(
                "## Session builder's drill library\n\n" + library_size.table(results["library"])
            )
        if "lighthouse" in parts:
            results["lighthouse"] = lighthouse.run(ours, baseline)
            report.append("## Lighthouse\n\n" + lighthouse.table(results["lighthouse"]))
        if "mainthread" in parts:
            results["mainthread"] = mainthread.run(ours, baseline)
            report.append(
                "## Main-thread CPU (trace)\n\n" + mainthread.table(results["mainthread"])
            )
        if "timer" in parts:
            results["timer"] = timer_accuracy.run(ours)
            report.append(
                "## Timer accuracy (real time)\n\n" + timer_accuracy.table(results["timer"])
            )
        if "scaling" in parts:
            results["scaling"] = scaling.run()
            report.append("## Build scaling\n\n" + scaling.table(results["scaling"]))
        if "serve" in parts:
            results["serve"] = serve_rebuild.run()
            report.append(
                "## Saving a drill under make serve\n\n" + serve_rebuild.table(results["serve"])
            )
    m = results["machine"]
    print(f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores),")
    print(f"Python {m['python']}, {m['browser']}\n")
    print("\n\n".join(report))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
