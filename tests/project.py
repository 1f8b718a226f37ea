"""Buildable copies of the project and strict MkDocs builds of them.

Plain functions with no pytest import: the tests' fixtures and bench/ both use them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "data")


def copy_project(dest: Path) -> Path:
    """A buildable copy of the project (config, pages, macros, data) at ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def edit_yaml(project: Path, rel: str, change) -> None:
    """Load ``rel`` in ``project``, let ``change`` mutate the data, write it back as YAML."""
    path = project / rel
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, env: dict | None = None, tool: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``.

    A fixed site_url so link checks do not depend on the caller's SITE_URL; ``env`` overrides
    it (a sub-path SITE_URL, OFFLINE=true). ``python -m`` puts ``project`` first on sys.path,
    so a copy builds with its own macros/, not the installed one. ``tool`` is the builder's
    module: mkdocs, or properdocs (its maintained fork) for the portability check.
    """
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": "http://127.0.0.1:8000/",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
