"""Build time and memory for 10, 100 and 1000 drills, against plain Markdown of the same pages;
what a first visit downloads; the search index per drill; the PDF step per sheet (issue #16).

Times are CPU seconds (user + system) of the build process: the machine is shared, and its
wall time says more about the other jobs on it than about the build. Wall time is kept too.
A *first* build starts with an empty build cache (.cache/drillbook, macros/generated.py); a
*repeat* build has the cache of the one before, as every build after the first one does.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

from . import first_visit, sheets
from .projects import add_copies, copy_project, measured_build, render_static

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10,100,1000").split(","))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
# The PDF step is timed on this size (issue #16: "for 100 drills"); BENCH_SHEETS_AT=0 skips it
# (six minutes of Chromium on a busy machine) when only the build is being measured.
SHEETS_AT = int(os.environ.get("BENCH_SHEETS_AT", "100"))

TARGETS = {
    "repeat_cpu_1000_s": 10.0,  # a 1000-drill build without PDFs, in seconds
    "ratio_1000": 0.5,  # of the plain-Markdown build of the same pages
    "growth_100_to_1000": 10.0,
    "peak_mib_1000": 300,
}


def _median(runs: list[dict]) -> dict:
    return {
        "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
        "wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
        "peak_mib": round(max(r["peak_mib"] for r in runs)),
    }


def _one(run: dict) -> dict:
    return _median([run])


def run() -> dict:
    rows, visits, printed = [], [], None
    with tempfile.TemporaryDirectory(prefix="drillbook-scaling-") as tmp:
        for size in SIZES:
            work = Path(tmp) / str(size)
            ours = copy_project(work / "drillbook")
            add_copies(ours, size)
            plain = render_static(ours, work / "plain")
            shutil.rmtree(ours / ".cache", ignore_errors=True)
            first = _one(measured_build(ours, work / "site-first"))
            repeat = _median([measured_build(ours, work / f"site-{i}") for i in range(REPEATS)])
            base = _median([measured_build(plain, work / f"plain-{i}") for i in range(REPEATS)])
            rows.append(
                {
                    "drills": size,
                    "first": first,
                    "repeat": repeat,
                    "plain": base,
                    "ratio": round(repeat["cpu_s"] / base["cpu_s"], 2),
                    "first_ratio": round(first["cpu_s"] / base["cpu_s"], 2),
                }
            )
            visits.append(first_visit.run(work / "site-0", size))
            if size == SHEETS_AT:
                sessions = len(list((ours / "data" / "sessions").glob("*.yml")))
                printed = sheets.run(ours, work / "site-0", size, sessions)
            shutil.rmtree(work)
    by = {r["drills"]: r for r in rows}
    growth = None
    if 100 in by and 1000 in by:
        growth = round(by[1000]["repeat"]["cpu_s"] / by[100]["repeat"]["cpu_s"], 1)
    return {
        "rows": rows,
        "growth_100_to_1000": growth,
        "first_visit": visits,
        "sheets": printed,
        "repeats": REPEATS,
        "targets": TARGETS,
    }


def _mark(value, target, smaller=True) -> str:
    if value is None:
        return "not measured"
    met = value <= target if smaller else value >= target
    return f"{value} (target ≤ {target}: {'met' if met else 'NOT met'})"


def table(result: dict) -> str:
    lines = [
        "CPU seconds (user + system), median of "
        f"{result['repeats']}; wall seconds in brackets; peak RSS in MiB.",
        "",
        "| drills | first build | repeat build | plain Markdown | repeat ÷ plain | first ÷ plain |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        cells = [
            f"{r[k]['cpu_s']} s ({r[k]['wall_s']} s), {r[k]['peak_mib']} MiB"
            for k in ("first", "repeat", "plain")
        ]
        lines.append(
            f"| {r['drills']} | {' | '.join(cells)} | {r['ratio']}× | {r['first_ratio']}× |"
        )
    t = result["targets"]
    by = {r["drills"]: r for r in result["rows"]}
    big = by.get(1000)
    lines.append("")
    if big:
        lines += [
            f"- 1000 drills, repeat build: {_mark(big['repeat']['cpu_s'], t['repeat_cpu_1000_s'])}"
            f" CPU s; first build (empty cache) {big['first']['cpu_s']} s",
            f"- 1000 drills ÷ plain Markdown: {_mark(big['ratio'], t['ratio_1000'])}",
            f"- peak memory at 1000 drills: "
            f"{_mark(max(big['first']['peak_mib'], big['repeat']['peak_mib']), t['peak_mib_1000'])}"
            " MiB",
        ]
    growth = _mark(result["growth_100_to_1000"], t["growth_100_to_1000"])
    lines.append(f"- growth 100 → 1000 drills (repeat builds, CPU s): {growth}")
    lines += [
        "",
        "| drills | first visit (gzip) | files | drill pages in it | search_index.json "
        "| per drill | entries | duplicates |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for v in result["first_visit"]:
        lines.append(
            f"| {v['drills']} | {v['first_visit_gzip_kib']} KiB ({v['first_visit_kib']} KiB raw) "
            f"| {v['first_visit_files']} | {v['drill_pages_precached']} "
            f"| {v['search_index_kib']} KiB ({v['search_index_gzip_kib']} KiB gzip) "
            f"| {v['search_index_per_drill_kib']} KiB ({v['search_index_per_drill_gzip_kib']} "
            f"KiB gzip) | {v['search_entries']} | {v['search_duplicates']} (target 0) |"
        )
    s = result.get("sheets")
    if s:
        lines.append(
            f"\nPDF step, {s['drills']} drills: {s['sheets']} sheets (each printed on A4 and "
            f"Letter) in {s['total_s']} s wall, {s['per_sheet_s']} s per sheet, one Chromium "
            f"with {s['pages_at_once']} pages at once."
        )
    return "\n".join(lines)
