"""Size budgets, measured on what visitors download: the built, minified files, gzipped."""

from __future__ import annotations

import gzip

from .pagetext import parse

# Everything the timer loads (its two modules and its stylesheet), each gzipped as GitHub
# Pages serves it. 8 KB leaves room for the track-mode features over today's widget.
TIMER_BUDGET = 8 * 1024
TIMER_FILES = ("assets/timer/engine.js", "assets/timer/element.js", "assets/timer/timer.css")


def _gzipped(path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def test_everything_the_timer_loads_fits_in_8_kb_gzipped(built_site):
    built = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("assets/timer/*"))
    assert set(TIMER_FILES) <= set(built)
    sizes = {rel: _gzipped(built_site / rel) for rel in TIMER_FILES}
    assert sum(sizes.values()) <= TIMER_BUDGET, sizes


# What a first visit to a drill page downloads before any interaction: the page and every
# stylesheet and script it links, each gzipped as GitHub Pages serves it. Measured at 73.9 KB
# when this cap was set (bench/weight.py also counts the search index and worker); the cap
# leaves room for small changes and fails on a new library or a large asset.
DRILL_PAGE_CAP = 80 * 1024


def test_drill_page_first_load_stays_under_its_cap(built_site):
    page_path = built_site / "drills" / "high-knee-run" / "index.html"
    page = parse(page_path.read_text(encoding="utf-8"))
    files = [page_path]
    for link in page.links:
        if link.endswith((".css", ".js")) and "://" not in link:
            files.append((page_path.parent / link).resolve())
    # element.js imports engine.js: a module dependency the HTML does not name.
    files.append(built_site / "assets" / "timer" / "engine.js")
    sizes = {f.name: _gzipped(f) for f in files}
    assert sum(sizes.values()) <= DRILL_PAGE_CAP, sizes
