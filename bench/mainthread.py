"""Main-thread CPU time of a page load, from a Chromium trace: what Lighthouse's Total Blocking
Time is made of, measured so that a busy machine disturbs it less.

Lighthouse simulates a phone by multiplying the wall-clock length of each task it observed by
four, so on a loaded machine a task that waited for a core counts as blocking. A trace also
records each event's thread time ("tdur": CPU time actually spent on the page's main thread),
which waiting does not inflate. Each page is loaded RUNS times on each site (the two sites
taking turns), traced from navigation to SETTLE seconds after the load event, and the medians
are reported: the total, the share of the theme's bundle.js (its evaluation and the handlers it
runs, with the style and layout work they force), the longest task, and the CPU time by kind of
work.
"""

from __future__ import annotations

import collections
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .lighthouse import PAGES
from .serve import CHROMIUM_ARGS, chromium, served

RUNS = 3
SETTLE = 3.0
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,loading"
# Lighthouse's mobile screen.
VIEWPORT = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75}
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")
KIND = {
    "EvaluateScript": "script",
    "v8.evaluateModule": "script",
    "FunctionCall": "script",
    "TimerFire": "script",
    "FireAnimationFrame": "script",
    "EventDispatch": "script",
    "RunMicrotasks": "script",
    "UpdateLayoutTree": "style",
    "ParseAuthorStyleSheet": "style",
    "Layout": "layout",
    "Paint": "paint",
    "PrePaint": "paint",
    "Layerize": "paint",
    "Commit": "paint",
    "ParseHTML": "html",
}
KINDS = ("script", "style", "layout", "paint", "html", "other")


def _main_thread(events: list[dict]) -> list[dict]:
    """The page's main thread: the one that parsed its HTML."""
    parsers = collections.Counter((e["pid"], e["tid"]) for e in events if e["name"] == "ParseHTML")
    thread = parsers.most_common(1)[0][0]
    complete = [e for e in events if (e["pid"], e["tid"]) == thread and e.get("ph") == "X"]
    return sorted((e for e in complete if "tdur" in e), key=lambda e: (e["ts"], -e["dur"]))


def analyse(events: list[dict]) -> dict:
    """CPU ms on the main thread: total, by kind of work (exclusive time), and the bundle's."""
    kinds = dict.fromkeys(KINDS, 0.0)
    total = bundle = longest = 0.0
    stack: list[dict] = []
    for e in _main_thread(events):
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        ms = e["tdur"] / 1000
        if not stack:
            total += ms
            if e["name"] in TASKS:
                longest = max(longest, ms)
        enclosing = next((KIND[s["name"]] for s in reversed(stack) if s["name"] in KIND), None)
        kind = KIND.get(e["name"], enclosing or "other")
        kinds[kind] += ms
        if stack:
            kinds[enclosing or "other"] -= ms
        data = (e.get("args") or {}).get("data") or {}
        if kind == "script" and "/bundle." in (data.get("url") or ""):
            if not any(
                "/bundle." in ((s.get("args") or {}).get("data") or {}).get("url", "")
                for s in stack
            ):
                bundle += ms
        stack.append(e)
    return {"total": total, "theme_bundle": bundle, "longest_task": longest, **kinds}


def _trace(browser, url: str) -> dict:
    context = browser.new_context(is_mobile=True, has_touch=True, **VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda chunk: events.extend(chunk["value"]))
    cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    time.sleep(SETTLE)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(50)
    context.close()
    return analyse(events)


def _median(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def run(ours: Path, baseline: Path, runs: int = RUNS) -> dict:
    rows = []
    with sync_playwright() as p, served(ours) as ours_url, served(baseline) as base_url:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            a, b = [], []
            for _ in range(runs):
                a.append(_trace(browser, ours_url + path))
                b.append(_trace(browser, base_url + path))
            rows.append({"page": name, "drillbook": _median(a), "material_default": _median(b)})
        browser.close()
    return {"rows": rows, "runs": runs}


def table(result: dict) -> str:
    head = "| page | site | total | theme bundle.js | longest task | " + " | ".join(KINDS) + " |"
    lines = [head, "| --- | --- |" + " ---: |" * (3 + len(KINDS))]
    for r in result["rows"]:
        for site in ("drillbook", "material_default"):
            m = r[site]
            cells = [m["total"], m["theme_bundle"], m["longest_task"], *(m[k] for k in KINDS)]
            label = site.replace("_", " ")
            lines.append(
                f"| {r['page']} | {label} | " + " | ".join(f"{c:.0f}" for c in cells) + " |"
            )
    lines.append(
        f"\nMain-thread CPU ms (thread time, not wall time) from navigation to {SETTLE:.0f} s "
        f"after load, unthrottled, median of {result['runs']} runs. *theme bundle.js* includes "
        "the style and layout work it forces (also counted under style and layout); *longest "
        "task* is the longest single task. Lighthouse multiplies task lengths by 4."
    )
    return "\n".join(lines)
