"""Portability: ProperDocs, the maintained fork of MkDocs 1.x, builds the site from the same
mkdocs.yml, plugins (Material, macros) and hook, and the result is MkDocs' build file for file.

One ProperDocs build, compared with the session's MkDocs build (``built_site``). Only the
generator meta tag may differ, and so the service worker's cache version, a hash of the files.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from .project import ROOT, mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
SW_VERSION = re.compile(rb'const VERSION="[0-9a-f]+";')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = mkdocs_build(ROOT, site, tool="properdocs")
    assert result.returncode == 0, result.stderr
    return site


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def comparable(rel: str, data: bytes) -> bytes:
    if rel.endswith(".html"):
        return GENERATOR.sub(b"<meta generator>", data)
    if rel == "sw.js":
        return SW_VERSION.sub(b"const VERSION;", data)
    return data


def test_properdocs_builds_the_same_files(built_site, properdocs_site):
    assert "drills/high-knee-run/index.html" in files(properdocs_site)  # the hook's pages too
    assert files(properdocs_site) == files(built_site)


def test_properdocs_pages_match_mkdocs_apart_from_the_generator(built_site, properdocs_site):
    home = (properdocs_site / "index.html").read_bytes()
    assert b"ProperDocs" in GENERATOR.search(home).group(1)  # really built by ProperDocs
    differ = []
    for rel in sorted(files(properdocs_site) & files(built_site)):
        ours = comparable(rel, (properdocs_site / rel).read_bytes())
        theirs = comparable(rel, (built_site / rel).read_bytes())
        if ours != theirs:
            differ.append(rel)
    if differ:
        first = differ[0]
        diff = difflib.unified_diff(
            (built_site / first).read_text(errors="replace").splitlines(),
            (properdocs_site / first).read_text(errors="replace").splitlines(),
            "mkdocs/" + first,
            "properdocs/" + first,
            lineterm="",
        )
        pytest.fail(f"{len(differ)} file(s) differ: {differ}\n" + "\n".join(list(diff)[:30]))
