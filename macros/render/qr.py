"""QR codes for printed sheets: a page's absolute URL → inline SVG, made at build time.

segno is pure Python, so the code is in the page itself and prints offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import segno

from .cache import DiskCache, digest

# Drawing a code is segno's mask search, ~5 ms a page; the SVG depends only on the URL (and on
# segno and the options below: this file), so builds keep them on disk (macros/generated.py).
_disk: list[DiskCache] = []
_VERSION = digest(segno.__version__, Path(__file__).read_bytes())


def use_disk_cache(cache: DiskCache | None) -> None:
    _disk[:] = [cache] if cache else []


def page_url(site_url: str, path: str) -> str:
    """The absolute online address of a site-relative page path such as 'drills/x/'."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def short_url(url: str) -> str:
    """The URL as printed under the code: no scheme, so it is short enough to type."""
    return url.split("://", 1)[-1]


def make(url: str) -> segno.QRCode:
    # Level M survives a crease or a smudge; micro codes are refused (phones don't read them).
    return segno.make(url, error="m", micro=False, boost_error=False)


@lru_cache(maxsize=4096)
def svg(url: str) -> str:
    """Inline SVG (no XML declaration, no fixed size: CSS sizes it), one path, 4-module border."""
    if not _disk:
        return _draw(url)
    return _disk[0].kept((url, _VERSION), lambda: _draw(url))


def _draw(url: str) -> str:
    return make(url).svg_inline(
        border=4,
        omitsize=True,
        title=f"QR code: {url}",
        svgclass="sheet-qr__code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
