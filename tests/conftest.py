"""Shared fixtures: project copies in temp dirs, and one strict build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, env: dict | None = None, tool: str = "mkdocs"
) -> subprocess.CompletedProcess:
    # A fixed site_url so link checks do not depend on the caller's SITE_URL; ``env`` overrides
    # it (a sub-path SITE_URL, OFFLINE=true). ``tool`` is the builder's module: mkdocs, or
    # properdocs (its fork) for the portability check.
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict from the checked-in sources."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    # As `make build` does: the PDF sheets, printed by Chromium (required here, as in CI).
    pdfs = subprocess.run(
        [sys.executable, "-m", "macros.pdf", "--required", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pdfs.returncode == 0, pdfs.stderr + pdfs.stdout
    return site
