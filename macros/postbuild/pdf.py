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
import asyncio
import io
import os
import re
import sys
import threading
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


async def _print_papers(page, url: str) -> dict[str, bytes]:
    """print_page for every paper, from one load of ``url`` (Playwright's async API)."""
    await page.goto(url, wait_until="load")
    await page.evaluate("document.fonts.ready")
    return {paper: await page.pdf(format=paper, print_background=False) for paper in PAPERS}


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as a reader reads it: whitespace collapsed, and a word the layout broke
    after its hyphen ("cool-" at a line's end, "down" on the next) joined again."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(_HYPHEN_BREAK.sub("-", p.extract_text()).split()) for p in pages]


_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")


def _overflow(site_dir: Path, records: list, papers: dict) -> SheetError | None:
    """For the first sheet (in library order) that takes more than one page on a paper, a
    SheetError naming the field that overflows and its file, judged against the other sheets
    of the same kind (overflow.find_overflow). Lays the sheet out again in a browser of its
    own: only on failure, so a passing build pays nothing for it."""
    for kind, slug, source in records:
        for paper, pdf in papers[kind, slug].items():
            if page_count(pdf) == 1:
                continue
            from playwright.sync_api import sync_playwright

            server, base = serve(site_dir)
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=chromium_path(), args=CHROMIUM_ARGS
                    )
                    try:
                        url = _page_url(base, site_dir, f"{kind}/{slug}/")
                        others = tuple(
                            _page_url(base, site_dir, f"{other_kind}/{other}/")
                            for other_kind, other, _ in records
                            if other_kind == kind and other != slug
                        )
                        found = find_overflow(browser.new_page(), url, paper, others)
                    finally:
                        browser.close()
            finally:
                server.shutdown()
            return SheetError(found.message(kind, paper, source))
    return None


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


# Pages printing at once in the one browser: Chromium lays each out in its own renderer, so
# they overlap on several cores; more than a few only queue for the same cores.
WORKERS = max(2, min(4, os.cpu_count() or 1))


def write_pdfs(site_dir: Path, site: Site, workers: int = WORKERS) -> Printed:
    """Check every sheet on every paper, write each sheet's PDF (A4) and the booklet: the
    drills, then the sessions, one page each. One Chromium, ``workers`` pages at a time.

    Runs Playwright's async API in a thread of its own, so a caller inside Playwright's sync
    API (the browser tests) can call it too. Raises NoChromium, or SheetError for the first
    sheet (in library order) that does not fit."""
    result: list = []

    def run() -> None:
        try:
            records, papers = asyncio.run(_print_all(site_dir, site, workers))
            result.append(_overflow(site_dir, records, papers) or _write(site_dir, records, papers))
        except BaseException as exc:  # handed to the caller's thread
            result.append(exc)

    thread = threading.Thread(target=run, name="pdf-sheets")
    thread.start()
    thread.join()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


async def _print_all(site_dir: Path, site: Site, workers: int) -> tuple[list, dict]:
    """Every sheet on every paper, printed by one Chromium with ``workers`` pages at once."""
    from playwright.async_api import async_playwright

    records = [("drills", slug, site.drill_file(slug)) for slug in site.drills]
    records += [("sessions", slug, site.session_file(slug)) for slug in site.sessions]
    server, base = serve(site_dir)
    todo: asyncio.Queue = asyncio.Queue()
    for record in records:
        todo.put_nowait(record)
    papers: dict[tuple[str, str], dict[str, bytes]] = {}

    async def printer(context) -> None:
        page = await context.new_page()
        while not todo.empty():
            kind, slug, _ = todo.get_nowait()
            url = _page_url(base, site_dir, f"{kind}/{slug}/")
            papers[kind, slug] = await _print_papers(page, url)

    try:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            try:
                context = await browser.new_context()
                await asyncio.gather(*(printer(context) for _ in range(max(1, workers))))
            finally:
                await browser.close()
    finally:
        server.shutdown()
    return records, papers


def _write(site_dir: Path, records: list, papers: dict) -> Printed:
    """Each sheet's PDF (A4) and the booklet, in library order whatever order they printed in."""
    out = site_dir / "downloads"
    out.mkdir(exist_ok=True)
    printed = Printed()
    for kind, slug, _ in records:
        for paper, pdf in papers[kind, slug].items():
            printed.sheets[kind, slug, paper] = pdf
        target = site_dir / sheet_pdf(kind, slug)
        target.write_bytes(papers[kind, slug]["A4"])
        printed.files.append(target)
    booklet = PdfWriter()
    for path in printed.files:
        booklet.append(PdfReader(path))
    with open(out / BOOKLET, "wb") as file:
        booklet.write(file)
    printed.files.append(out / BOOKLET)
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


async def launch(playwright):
    try:
        return await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
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

    try:
        written = write_pdfs(args.site_dir, load(args.project)).files
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
