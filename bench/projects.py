"""Throwaway projects for benchmarks: drillbook with N drills, and plain Material baselines.

The baseline for "what does the data/macros layer cost" is the same pages as static Markdown
(rendered once by our own templates), built by the same MkDocs, theme, nav and extensions,
without the macros plugin or the hook. The baseline for "what does the theme cost" is a
default Material project (``theme: material``, nothing else) with the same Markdown.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

# The same buildable copy of the project (config, pages, macros, data) the tests use.
from tests.project import ROOT, copy_project

__all__ = ["ROOT", "add_copies", "copy_project", "measured_build", "render_static", "timed_build"]


def add_copies(project: Path, count: int) -> None:
    """Make data/drills hold ``count`` drills: the real ones plus renamed copies."""
    drills = project / "data" / "drills"
    real = sorted(drills.glob("*.yml"))
    i = 0
    while len(list(drills.glob("*.yml"))) < count:
        src = real[i % len(real)]
        n = i // len(real) + 2
        data = yaml.safe_load(src.read_text(encoding="utf-8"))
        data["name"] = f"{data['name']} {n}"
        data["aliases"] = [f"{a} {n}" for a in data.get("aliases", [])]
        for entry in data.get("names", []):
            entry["name"] = f"{entry['name']} {n}"
        (drills / f"{src.stem}-{n}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        i += 1


def render_static(project: Path, dest: Path, default_theme: bool = False) -> Path:
    """The same pages as plain Markdown files, in a project without macros or the hook.

    The Markdown is captured from a real build of ``project`` by bench/dump_hook.py, so
    every macro (present and future) is covered.
    """
    dump = dest / "docs"
    shutil.copytree(project / "docs", dump, ignore=shutil.ignore_patterns("overrides", "*.md"))
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    capture = dict(
        config, hooks=[*config.get("hooks", []), str(Path(__file__).with_name("dump_hook.py"))]
    )
    (project / "mkdocs.capture.yml").write_text(yaml.safe_dump(capture, sort_keys=False))
    # DRILLBOOK_CACHE=0: every generated page rendered, so the dump hook sees its Markdown.
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DRILLBOOK_DUMP_DIR": str(dump),
        "DRILLBOOK_CACHE": "0",
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            "mkdocs.capture.yml",
            "--site-dir",
            str(dest / "capture-site"),
        ],
        cwd=project,
        env=env,
        check=True,
    )
    if default_theme:
        config = {"site_name": config["site_name"], "theme": {"name": "material"}}
        config["markdown_extensions"] = yaml_load(open(project / "mkdocs.yml"))[
            "markdown_extensions"
        ]
    else:
        config["plugins"] = [p for p in config.get("plugins", []) if _name(p) != "macros"]
        config.pop("hooks", None)
        config.pop("watch", None)
        config["theme"].pop("custom_dir", None)
        config.pop("exclude_docs", None)
        config["validation"] = {"nav": {"omitted_files": "info"}}
    config["site_url"] = "http://127.0.0.1:8000/"
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


def _name(plugin) -> str:
    return next(iter(plugin)) if isinstance(plugin, dict) else plugin


def timed_build(project: Path, site_dir: Path) -> tuple[float, float]:
    """Build once in a fresh process; returns (seconds, peak RSS in MiB) of that process."""
    run = measured_build(project, site_dir)
    return run["wall_s"], run["peak_mib"]


# Runs the build as its child and writes the build's rusage to the file named first. Peak RSS
# is measured from this small process because Linux counts, in a child's ru_maxrss, the memory
# of the process it was forked (or vforked, as subprocess does) from: measured straight from the
# benchmark, which holds a browser driver by then, every build "peaked" at ~94 MiB.
_RUSAGE = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:], stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.write(child.stderr.read().decode())
with open(sys.argv[1], "w") as out:
    json.dump({"cpu_s": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}, out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured_build(project: Path, site_dir: Path) -> dict:
    """Build once in a fresh process: its wall time, CPU time (user + system: what the build
    costs whatever else the machine is doing) and peak RSS in MiB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site_dir)]
    with tempfile.NamedTemporaryFile(suffix=".json") as usage:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _RUSAGE, usage.name, *cmd],
            cwd=project,
            env=env,
            stderr=subprocess.PIPE,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"build of {project} failed:\n{proc.stderr.decode()}")
        measured = json.loads(Path(usage.name).read_text())
    return {
        "wall_s": seconds,
        "cpu_s": measured["cpu_s"],
        "peak_mib": measured["peak_kib"] / 1024,
    }
