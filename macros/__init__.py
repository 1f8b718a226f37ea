"""mkdocs-macros entry point: the only place macros are registered.

Each macro is a thin call into render/pages.py; the data comes from data/load.py (validated once and
cached). Kept free of logic so the rendering can move to another generator unchanged.
"""

from __future__ import annotations

from pathlib import Path

from .data.load import current
from .render import pages as render


def _base(page) -> str:
    """Relative prefix from the current page to the site root: one '../' per folder in its URL.

    '' for home ('' or 'index.html'), '../' for 'drills/' and for 'drills/x.html' (built
    without directory URLs), '../../' for 'drills/x/'.
    """
    url = (page.url if page else "") or ""
    return "../" * url.count("/")


def define_env(env) -> None:
    root = Path(env.project_dir)
    site_url = env.conf.get("site_url") or "/"  # printed sheets' QR codes point here

    def site():
        return current(root)

    def dirs() -> bool:
        # Read per call: the offline plugin turns directory URLs off in its on_config.
        return env.conf["use_directory_urls"]

    @env.macro
    def drill_page(slug: str) -> str:
        return render.drill_page(site(), slug, _base(env.page), site_url, directory_urls=dirs())

    @env.macro
    def session_page(slug: str) -> str:
        return render.session_page(site(), slug, _base(env.page), site_url, directory_urls=dirs())

    @env.macro
    def sheet_gallery() -> str:
        return render.sheet_gallery(site(), _base(env.page), dirs())

    @env.macro
    def benefits_table() -> str:
        return render.benefits(site(), _base(env.page), dirs())

    @env.macro
    def drills_index() -> str:
        return render.drills_index(site(), _base(env.page), dirs())

    @env.macro
    def sessions_index() -> str:
        return render.sessions_index(site(), _base(env.page), dirs())

    @env.macro
    def drill_cards() -> str:
        return render.home_cards(site(), _base(env.page), dirs())

    @env.macro
    def warm_up_button() -> str:
        return render.warm_up_button(site(), _base(env.page), dirs())

    @env.macro
    def glossary() -> str:
        return render.glossary(site(), _base(env.page), dirs())

    @env.macro
    def sources_list() -> str:
        return render.sources_list(site(), _base(env.page), dirs())

    @env.macro
    def session_builder() -> str:
        # Without directory URLs the site is the copy opened from disk (make build-offline).
        return render.session_builder(site(), _base(env.page), dirs(), from_disk=not dirs())

    @env.macro
    def run_history() -> str:
        return render.run_history(_base(env.page), dirs(), from_disk=not dirs())

    @env.macro
    def site_link(path: str) -> str:
        """A hand-written page's link to a file or page the build makes (see render.page_link)."""
        return render.page_link(_base(env.page), path, dirs())
