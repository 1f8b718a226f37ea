"""`make serve` with 100 drills: how long after saving a drill file its page shows the edit.

Starts ``mkdocs serve`` (as `make serve` does, on 127.0.0.1:8106) on a throwaway copy of the
project with 100 drills, waits for the first build, then several times: writes one drill file
with a new word in its summary and polls the served page until the word is there. The time
is from the save to the page served with it: the watcher's delay, the rebuild, the write; on a
shared machine that wall time is mostly waiting for a core, so the server's CPU time for the
rebuild is reported too. Each
rebuild is a whole build (MkDocs' default); drill and session pages not affected by the edit
come from the build cache (macros/generated.py). Afterwards the served search index is checked
for entries listed twice (what ``--dirty`` would cause).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from .projects import add_copies, copy_project

DRILLS = 100
PORT = int(os.environ.get("BENCH_SERVE_PORT", "8106"))  # another, when 8106 is taken
SAVES = 3
SLUG = "small-step-run"


def _get(url: str) -> str | None:
    try:
        with urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (URLError, OSError):
        return None


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for(url: str, word: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = _get(url)
        if body and word in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="drillbook-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        add_copies(project, DRILLS)
        base = f"http://127.0.0.1:{PORT}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
        cmd += ["--dev-addr", f"127.0.0.1:{PORT}"]
        server = subprocess.Popen(
            cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            page = base + f"drills/{SLUG}/"
            if _wait_for(page, "</html>", 600) is None:
                raise RuntimeError("mkdocs serve did not come up")
            path = project / "data" / "drills" / f"{SLUG}.yml"
            original = path.read_text(encoding="utf-8")
            seconds, cpu = [], []
            for i in range(SAVES):
                before = _cpu(server.pid)
                word = f"Benchmarkword{i}x"
                path.write_text(
                    original.replace("summary: >-\n  ", f"summary: >-\n  {word} ", 1),
                    encoding="utf-8",
                )
                waited = _wait_for(page, word, 120)
                if waited is None:
                    raise RuntimeError(f"the edit to {path.name} never showed")
                seconds.append(waited)
                cpu.append(_cpu(server.pid) - before)
                time.sleep(1)
            index = json.loads(_get(base + "search/search_index.json") or "{}")
            locations = Counter(d["location"] for d in index.get("docs", []))
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    return {
        "drills": DRILLS,
        "saves": seconds,
        "median_s": round(statistics.median(seconds), 2),
        "cpu": cpu,
        "median_cpu_s": round(statistics.median(cpu), 2),
        "search_duplicates": sum(n - 1 for n in locations.values() if n > 1),
    }


def table(result: dict) -> str:
    saves = ", ".join(f"{s:.2f}" for s in result["saves"])
    met = "met" if result["median_s"] <= 2 else "NOT met"
    return (
        f"{result['drills']} drills: the saved drill's page served with the edit after "
        f"{result['median_s']} s wall, median of {len(result['saves'])} saves ({saves} s; "
        f"target ≤ 2 s: {met}); the server spent {result['median_cpu_s']} CPU s on each "
        f"rebuild (median). Search index entries listed twice after the saves: "
        f"{result['search_duplicates']} (target 0)."
    )
