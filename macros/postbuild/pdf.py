"""Printed sheets as PDF files, made from the built site by headless Chromium.

    python -m macros.postbuild.pdf SITE_DIR [--required]    (from the project folder)

Serves SITE_DIR on 127.0.0.1, prints every drill page to SITE_DIR/downloads/<slug>.pdf and every
session page to SITE_DIR/downloads/session-<slug>.pdf, all A4, and checks that every sheet is
exactly one page on A4 and on US Letter: a sheet that overflows fails with one line naming the
field that pushes it past the page and the data file that holds it (overflow.py). The booklet,
SITE_DIR/downloads/drillbook-sheets.pdf, is those PDFs put together (pypdf), so no page of the
site has to hold the whole library. Without Chromium it says so and
skips the PDFs, unless --required or PDF_REQUIRED=1 (CI, the Pages workflow), which make that an
error.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ..data.load import Site, load
from ..render.pages import sheet_pdf
from .browser import CHROMIUM_ARGS, chromium_path, serve
from .overflow import find_overflow

PAPERS = ("A4", "Letter")
BOOKLET = "drillbook-sheets.pdf"


class SheetError(Exception):
    """A sheet that does not print as it must; the message is one line naming the file."""


class NoChromium(Exception):
    pass


def print_page(page, url: str, paper: str) -> bytes:
    """The PDF a reader gets from the browser's Print for ``url`` on ``paper`` (A4, Letter)."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    return page.pdf(format=paper, print_background=False)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _check_one_page(pdf: bytes, context, url: str, kind: str, source: str, paper: str, others):
    """One page, or a SheetError naming the field that overflows and its file (judged against
    ``others``, the URLs of the other sheets of the same kind)."""
    if page_count(pdf) == 1:
        return
    page = context.new_page()
    try:
        overflow = find_overflow(page, url, paper, tuple(others))
    finally:
        page.close()
    raise SheetError(overflow.message(kind, paper, source))


def _page_url(base: str, site_dir: Path, page: str) -> str:
    """``page`` ("drills/x/") as built: "drills/x.html" without directory URLs (build-offline)."""
    flat = page.rstrip("/") + ".html"
    return base + (flat if (site_dir / flat).is_file() else page)


@dataclass
class Printed:
    """What the PDF step made: the files it wrote, and every sheet as printed on each paper,
    keyed by ("drills" or "sessions", slug, paper), so tests check them without reprinting."""

    files: list[Path] = field(default_factory=list)
    sheets: dict[tuple[str, str, str], bytes] = field(default_factory=dict)


def write_pdfs(site_dir: Path, site: Site, browser) -> Printed:
    """Check every sheet on every paper, write each sheet's PDF (A4) and the booklet: the
    drills, then the sessions, one page each."""
    out = site_dir / "downloads"
    out.mkdir(exist_ok=True)
    printed = Printed()
    written = printed.files
    server, base = serve(site_dir)
    context = browser.new_context()
    records = [("drills", slug, site.drill_file(slug)) for slug in site.drills]
    records += [("sessions", slug, site.session_file(slug)) for slug in site.sessions]
    try:
        page = context.new_page()
        for kind, slug, source in records:
            for paper in PAPERS:
                url = _page_url(base, site_dir, f"{kind}/{slug}/")
                pdf = print_page(page, url, paper)
                others = [
                    _page_url(base, site_dir, f"{k}/{s}/")
                    for k, s, _ in records
                    if k == kind and s != slug
                ]
                _check_one_page(pdf, context, url, kind, source, paper, others)
                printed.sheets[kind, slug, paper] = pdf
                if paper == "A4":
                    target = site_dir / sheet_pdf(kind, slug)
                    target.write_bytes(pdf)
                    written.append(target)
        booklet = PdfWriter()
        for path in written:
            booklet.append(PdfReader(path))
        with open(out / BOOKLET, "wb") as file:
            booklet.write(file)
        written.append(out / BOOKLET)
    finally:
        context.close()
        server.shutdown()
    return printed


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_LOOPBACK = re.compile(r"^https?://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?/")


def loopback_warning(site_dir: Path) -> str | None:
    """A one-line warning when the site was built for a loopback address: the sheets' QR codes
    then point at the machine that built them, not at the published site."""
    home = site_dir / "index.html"
    found = _CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    if found and _LOOPBACK.match(found.group(1)):
        return (
            f"PDFs: warning: the sheets' QR codes point at {found.group(1)} (a local address);"
            " set SITE_URL to the published address for sheets to hand out"
        )
    return None


def launch(playwright):
    try:
        return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    except Exception as exc:  # Playwright raises its own Error with a multi-line message
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NoChromium(first) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.postbuild.pdf", description=__doc__.split("\n")[0]
    )
    parser.add_argument("site_dir", type=Path, help="the built site, e.g. site.tmp")
    parser.add_argument("--required", action="store_true", help="fail if Chromium is missing")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="where data/ is")
    args = parser.parse_args(argv)
    required = args.required or os.environ.get("PDF_REQUIRED", "").lower() in ("1", "true", "yes")

    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                written = write_pdfs(args.site_dir, load(args.project), browser).files
            finally:
                browser.close()
    except NoChromium as exc:
        how = "install chromium or set CHROMIUM_PATH"
        if required:
            print(f"PDFs: no Chromium to print with ({exc}); {how}", file=sys.stderr)
            return 1
        print(
            f"PDFs skipped: no Chromium to print with ({how}; PDF_REQUIRED=1 makes this an error)"
        )
        return 0
    except SheetError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    warning = loopback_warning(args.site_dir)
    if warning:
        print(warning)
    print(f"PDFs: {len(written)} files in {args.site_dir / 'downloads'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
