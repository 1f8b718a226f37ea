"""The benchmarks' browser and server: the same as the PDF step's, serving gzip like Pages."""

from __future__ import annotations

import contextlib
from pathlib import Path

from macros.postbuild.browser import CHROMIUM_ARGS, chromium_path, serve

__all__ = ["CHROMIUM_ARGS", "chromium", "served"]


def chromium() -> str:
    path = chromium_path()
    if not path:
        raise SystemExit(
            "bench: Chromium not found; apt-get install chromium, or set CHROMIUM_PATH"
        )
    return path


@contextlib.contextmanager
def served(directory: Path):
    server, url = serve(directory, compress=True)
    try:
        yield url
    finally:
        server.shutdown()
