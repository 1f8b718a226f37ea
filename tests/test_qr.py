"""QR codes on printed sheets: made at build time, they scan back to the page's online URL."""

from __future__ import annotations

import zxingcpp

from macros.data.load import load
from macros.render import qr

from .test_site import ROOT


def _scan(url: str) -> list[str]:
    """Rasterise the code's module matrix (4 px a module) and read it with zxing-cpp."""
    matrix = qr.make(url).matrix
    size, scale, border = len(matrix), 4, 4
    side = (size + 2 * border) * scale
    pixels = bytearray(b"\xff" * side * side)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = ((y + border) * scale + dy) * side + (x + border) * scale
                    pixels[start : start + scale] = b"\x00" * scale
    return [
        code.text for code in zxingcpp.read_barcodes(memoryview(pixels).cast("B", (side, side)))
    ]


def test_page_url_joins_site_url_and_page_path_with_one_slash():
    assert qr.page_url("https://example.org/drillbook", "drills/x/") == (
        "https://example.org/drillbook/drills/x/"
    )
    assert qr.page_url("https://example.org/drillbook/", "/drills/x/") == (
        "https://example.org/drillbook/drills/x/"
    )


def test_short_url_drops_only_the_scheme():
    assert (
        qr.short_url("https://example.org/drillbook/drills/x/") == "example.org/drillbook/drills/x/"
    )


def test_code_scans_back_to_a_long_pages_url():
    url = "https://a-long-user-name.github.io/drillbook/drills/a-rather-long-drill-name-here/"
    assert _scan(url) == [url]


def test_svg_is_inline_scalable_and_titled():
    svg = qr.svg("http://127.0.0.1:8000/drills/x/")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "viewBox" in svg and "width=" not in svg.split(">", 1)[0]
    assert "<title>QR code: http://127.0.0.1:8000/drills/x/</title>" in svg


def test_every_built_drill_and_session_page_carries_the_code_for_its_own_url(built_site):
    site = load(ROOT)
    pages = [("drills", s) for s in site.drills] + [("sessions", s) for s in site.sessions]
    for kind, slug in pages:
        url = qr.page_url("http://127.0.0.1:8000/", f"{kind}/{slug}/")
        assert qr.svg(url) in (built_site / kind / slug / "index.html").read_text()
