"""Lighthouse (mobile) scores for drillbook's key pages and for a default Material build.

Each page is audited RUNS times on each site, the two sites taking turns so both see the same
machine load, and the median of each category is reported. Lighthouse's simulated throttling
(slow 4G, 4× CPU slowdown) scales the CPU time it observes, so on a busy machine the
performance score drops for both sites alike: the load average is recorded beside the scores.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from .serve import CHROMIUM_ARGS, chromium, served

CLI = Path(__file__).with_name("node_modules") / "lighthouse" / "cli" / "index.js"
PAGES = {
    "home": "",
    "drills index": "drills/",
    "drill": "drills/high-knee-run/",
    "session": "sessions/sprint-drill-warm-up/",
    "benefits": "benefits/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The metrics the performance score is made of, in the report's units (ms; CLS unitless).
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
RUNS = 3
TARGET = 1.0


def _audit(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                "node",
                str(CLI),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out.name}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
            ],
            check=True,
            env={"CHROME_PATH": chromium(), "PATH": "/usr/bin:/bin:/usr/local/bin"},
            timeout=300,
        )
        report = json.loads(Path(out.name).read_text())
    audits = report["audits"]
    return (
        {c: report["categories"][c]["score"] for c in CATEGORIES}
        | {short: audits[key]["numericValue"] for key, short in METRICS.items()}
        | {"version": report["lighthouseVersion"]}
    )


def _median(runs: list[dict]) -> dict:
    keys = [*CATEGORIES, *METRICS.values()]
    return {k: statistics.median(r[k] for r in runs) for k in keys} | {"runs": runs}


def run(ours: Path, baseline: Path, runs: int = RUNS) -> dict:
    if not CLI.exists():
        raise SystemExit("bench: lighthouse missing; run `make bench` (it runs npm ci in bench/)")
    rows, load = [], [os.getloadavg()[0]]
    with served(ours) as ours_url, served(baseline) as base_url:
        for name, path in PAGES.items():
            a, b = [], []
            for _ in range(runs):
                a.append(_audit(ours_url + path))
                b.append(_audit(base_url + path))
                load.append(os.getloadavg()[0])
            rows.append({"page": name, "drillbook": _median(a), "material_default": _median(b)})
    return {
        "rows": rows,
        "runs": runs,
        "version": rows[0]["drillbook"]["runs"][0]["version"],
        "load_average": {"min": min(load), "max": max(load)},
    }


def table(result: dict) -> str:
    head = "| page | " + " | ".join(CATEGORIES) + " | drillbook FCP / LCP / TBT / CLS |"
    lines = [head, "| --- |" + " ---: |" * (len(CATEGORIES) + 1)]
    for r in result["rows"]:
        ours, base = r["drillbook"], r["material_default"]
        cells = [f"{ours[c]:.2f} / {base[c]:.2f}" for c in CATEGORIES]
        metrics = f"{ours['FCP']:.0f} ms / {ours['LCP']:.0f} ms / {ours['TBT']:.0f} ms / "
        metrics += f"{ours['CLS']:.3f}"
        lines.append(f"| {r['page']} | " + " | ".join(cells) + f" | {metrics} |")
    load = result["load_average"]
    lines.append(
        f"\nScores: drillbook / default Material, median of {result['runs']} runs each, "
        f"Lighthouse {result['version']}, mobile preset; target {TARGET:.2f} for every score. "
        f"Load average during the runs: {load['min']:.1f}–{load['max']:.1f}."
    )
    return "\n".join(lines)
