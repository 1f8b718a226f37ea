"""Real-time accuracy of the timer widget in Chromium (no fake clock).

A 30-second plan runs in a page; a MutationObserver records the moment each phase change
reaches the DOM (the widget announces every phase change in its status region), and the
error is that moment minus the click time plus the phase's planned start. The observer runs
in the same frame the new phase is rendered, so this is when the change became visible,
within one frame.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .serve import CHROMIUM_ARGS, chromium, served

# 5 s prepare + 3 × 5 s work with 5 s rests = 30 s, six phases, five changes plus "done".
PLAN = {
    "id": "bench",
    "title": "Bench",
    "prepare": 5,
    "cooldown": 0,
    "blocks": [
        {"name": "Bench", "work": 5, "rest": 5, "rounds": 3, "sets": 1, "set_rest": 0, "after": 0}
    ],
}
PAGE = """<!doctype html><meta charset="utf-8"><title>timer bench</title>
<link rel="stylesheet" href="assets/timer/timer.css">
<script type="module" src="assets/timer/element.js"></script>
<drill-timer data-timer-id="bench" data-plan="{plan}"></drill-timer>
<script>
  window.changes = [];
  document.addEventListener('click', () => {{ window.clickAt = performance.now(); }}, true);
  customElements.whenDefined('drill-timer').then(() => requestAnimationFrame(() => {{
    const status = document.querySelector('[role=status]');
    new MutationObserver(() => window.changes.push([performance.now(), status.textContent]))
      .observe(status, {{childList: true, characterData: true, subtree: true}});
  }}));
</script>"""


def run(site: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="drillbook-timer-") as tmp:
        root = Path(tmp)
        shutil.copytree(site / "assets" / "timer", root / "assets" / "timer")
        (root / "bench.html").write_text(PAGE.format(plan=html.escape(json.dumps(PLAN))))
        with sync_playwright() as p, served(root) as url:
            browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "bench.html")
            page.wait_for_function("document.querySelector('[role=status]') !== null")
            page.wait_for_timeout(300)
            page.get_by_role("button", name="Start").click()
            page.wait_for_timeout(31_000)
            click_at = page.evaluate("window.clickAt")
            changes = page.evaluate("window.changes")
            browser.close()
    starts = [5, 10, 15, 20, 25, 30]  # phase changes after the first, and the end
    seen = [t for t, text in changes if text.strip()]
    errors = [
        round(t - click_at - s * 1000, 1)
        for t, s in zip(seen[-len(starts) :], starts, strict=False)
    ]
    return {
        "phase_changes_seen": len(seen),
        "errors_ms": errors,
        "worst_ms": max(abs(e) for e in errors) if errors else None,
    }


def table(result: dict) -> str:
    return (
        f"Phase changes displayed: {result['phase_changes_seen']}; error of each vs plan (ms): "
        f"{result['errors_ms']}; worst {result['worst_ms']} ms (target ≤ 50 ms)."
    )
