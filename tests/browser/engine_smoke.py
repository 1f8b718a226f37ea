"""What the Firefox and WebKit timer smoke suites share: the steps' selectors and expected
text (engines/smoke.json), and the built site served for them.

The site is served from a copy whose sitemap.xml names the port actually served: Material
navigates instantly only to URLs listed there (see ``instant_url`` in test_timer.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.postbuild.browser import serve  # the engine suites' one import of the loopback server

ENGINES = Path(__file__).resolve().parent / "engines"
SMOKE = json.loads((ENGINES / "smoke.json").read_text(encoding="utf-8"))
UI, SCENARIO = SMOKE["ui"], SMOKE["scenario"]

# The site's configured address, as the built sitemap names it (tests/conftest.py builds it so).
BUILT_SITE_URL = "http://127.0.0.1:8000/"


@contextmanager
def served_site(built_site: Path, workdir: Path) -> Iterator[str]:
    """Serve a copy of ``built_site`` on 127.0.0.1 with instant navigation working; yields
    its base URL."""
    site = workdir / "site"
    shutil.copytree(built_site, site)
    server, url = serve(site)
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(BUILT_SITE_URL, url))
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
