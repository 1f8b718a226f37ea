"""Real-browser fixtures: the built site served on loopback, and Chromium driven by Playwright.

Chromium comes from CHROMIUM_PATH, else the system's chromium (Debian's apt package), else
Playwright's own download where one is installed (as on GitHub's runners). There is no skip:
without a browser these tests fail and say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from macros.browser import CHROMIUM_ARGS, chromium_path, serve

__all__ = ["CHROMIUM_ARGS", "chromium_path", "serve"]  # tests import these from here


@pytest.fixture(scope="session")
def base_url(built_site: Path):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh context per test. ``page.errors`` collects console errors and page exceptions."""
    context = browser.new_context(viewport={"width": 412, "height": 915})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
