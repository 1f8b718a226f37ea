"""Real-browser fixtures: the built site served on loopback, Chromium driven by Playwright,
and the PDF sheets printed once per test run.

Every test in this folder is marked ``browser`` here, so `pytest -m "not browser"` (the fast
tier) never starts one. Chromium comes from CHROMIUM_PATH, else the system's chromium
(Debian's apt package), else Playwright's own download where one is installed (as on GitHub's
runners). There is no skip: without a browser these tests fail and say why.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from macros.data.load import load
from macros.postbuild import pdf
from macros.postbuild.browser import CHROMIUM_ARGS, chromium_path, serve

from ..project import ROOT

__all__ = ["CHROMIUM_ARGS", "chromium_path", "serve"]  # tests import these from here

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def printed(built_site: Path, browser, tmp_path_factory) -> pdf.Printed:
    """The PDF step, as `make build` runs it, on a copy of the built site: every sheet printed
    once on A4 and once on Letter (``printed.sheets``), the PDFs written into the copy."""
    site = tmp_path_factory.mktemp("printed") / "site"
    shutil.copytree(built_site, site)
    result = pdf.write_pdfs(site, load(ROOT))
    result.site_dir = site
    return result


@pytest.fixture
def viewport() -> dict:
    """The ``page`` fixture's size (Lighthouse's phone); a module or a test may override it."""
    return {"width": 412, "height": 915}


@pytest.fixture
def color_scheme() -> str:
    """The ``page`` fixture's preferred palette, which the site follows; parametrize to change."""
    return "light"


@pytest.fixture
def page(browser, viewport, color_scheme) -> Page:
    """A fresh context per test. ``page.errors`` collects console errors and page exceptions."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
