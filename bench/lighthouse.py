"""Lighthouse (mobile) scores for drillbook's key pages and for a default Material build."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from .serve import CHROMIUM_ARGS, chromium, served

CLI = Path(__file__).with_name("node_modules") / "lighthouse" / "cli" / "index.js"
PAGES = {
    "home": "",
    "drill": "drills/high-knee-run/",
    "benefits": "benefits/",
    "session": "sessions/sprint-drill-warm-up/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _scores(url: str) -> dict:
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
    return {c: report["categories"][c]["score"] for c in CATEGORIES} | {
        "version": report["lighthouseVersion"]
    }


def run(ours: Path, baseline: Path) -> dict:
    if not CLI.exists():
        raise SystemExit("bench: lighthouse missing; run `make bench` (it runs npm ci in bench/)")
    rows = []
    with served(ours) as ours_url, served(baseline) as base_url:
        for name, path in PAGES.items():
            a, b = _scores(ours_url + path), _scores(base_url + path)
            rows.append({"page": name, "drillbook": a, "material_default": b})
    return {"rows": rows, "version": rows[0]["drillbook"]["version"]}


def table(result: dict) -> str:
    head = "| page | " + " | ".join(f"{c} (drillbook / default / ratio)" for c in CATEGORIES) + " |"
    lines = [head, "| --- |" + " ---: |" * len(CATEGORIES)]
    for r in result["rows"]:
        cells = []
        for c in CATEGORIES:
            a, b = r["drillbook"][c], r["material_default"][c]
            cells.append(f"{a:.2f} / {b:.2f} / {a / b:.2f}×")
        lines.append(f"| {r['page']} | " + " | ".join(cells) + " |")
    lines.append(f"\nLighthouse {result['version']}, mobile preset; target 1.00 everywhere.")
    return "\n".join(lines)
