"""Shared fixtures: project copies in temp dirs, and one strict MkDocs build of the real site.

Nothing here needs a browser: the fast tier (`make test-fast`, `pytest -m "not browser"`)
runs on a machine without Chromium. The PDF sheets are made by their own fixture in
tests/browser/conftest.py, only for the tests that need them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .project import ROOT, copy_project, mkdocs_build

__all__ = ["ROOT", "copy_project", "mkdocs_build"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict from the checked-in sources."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site
