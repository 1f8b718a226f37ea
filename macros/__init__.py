"""mkdocs-macros entry point: the only place macros are registered.

Each macro is a thin call into render.py; the data comes from load.py (validated once and
cached). Kept free of logic so the rendering can move to another generator unchanged.
"""

from __future__ import annotations

from pathlib import Path

from . import render
from .load import current


def _base(page) -> str:
    """Relative prefix from the current page to the site root ('' for home, '../' for drills/)."""
    url = (page.url if page else "") or ""
    depth = len([part for part in url.split("/") if part])
    return "../" * depth


def define_env(env) -> None:
    root = Path(env.project_dir)
    repo_url = (env.conf.get("repo_url") or "").rstrip("/") or None
    site_url = env.conf.get("site_url") or "/"  # printed sheets' QR codes point here

    def site():
        return current(root)

    @env.macro
    def drill_page(slug: str) -> str:
        return render.drill_page(site(), slug, _base(env.page), repo_url, site_url)

    @env.macro
    def session_page(slug: str) -> str:
        return render.session_page(site(), slug, _base(env.page), repo_url, site_url)

    @env.macro
    def drill_sheets() -> str:
        return render.booklet(site(), _base(env.page), site_url)

    @env.macro
    def benefits_table() -> str:
        return render.benefits(site(), _base(env.page))

    @env.macro
    def drills_index() -> str:
        return render.drills_index(site(), _base(env.page))

    @env.macro
    def sessions_index() -> str:
        return render.sessions_index(site(), _base(env.page))

    @env.macro
    def drill_cards() -> str:
        return render.home_cards(site(), _base(env.page))

    @env.macro
    def sources_list() -> str:
        return render.sources_list(site(), _base(env.page))
