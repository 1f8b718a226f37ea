"""MkDocs hook: one generated page per drill and per session, and a clean stop on bad data.

This is the only module that knows about MkDocs internals (File.generated, MkDocs >= 1.6).
Nothing is written into docs/: pages exist only in the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# MkDocs loads a hook as a lone file, not as part of its package; make the project root
# importable so the hook shares the package (and its load cache) with the macros plugin.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros import render  # noqa: E402
from macros.load import DataError, load_cached  # noqa: E402


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_config(config):
    # Validate before anything is built or cleaned, so bad data never half-builds a site.
    try:
        load_cached(_root(config))
    except DataError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n" + str(exc)) from None
    return config


def on_files(files: Files, config) -> Files:
    site = load_cached(_root(config))
    for slug in site.drills:
        files.append(
            File.generated(config, f"drills/{slug}.md", content=render.drill_stub(site, slug))
        )
    for slug in site.sessions:
        files.append(
            File.generated(config, f"sessions/{slug}.md", content=render.session_stub(site, slug))
        )
    return files
