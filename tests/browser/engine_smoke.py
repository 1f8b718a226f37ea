"""What the Firefox and WebKit timer smoke suites share: the steps' selectors and expected
text (engines/smoke.json), and the built site served for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.postbuild.browser import serve  # the engine suites' one import of the loopback server

ENGINES = Path(__file__).resolve().parent / "engines"
SMOKE = json.loads((ENGINES / "smoke.json").read_text(encoding="utf-8"))
UI, SCENARIO = SMOKE["ui"], SMOKE["scenario"]


@contextmanager
def served_site(built_site: Path) -> Iterator[str]:
    """Serve ``built_site`` on 127.0.0.1; yields its base URL."""
    server, url = serve(built_site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
