"""Size budgets, measured on what visitors download: the built, minified files, gzipped."""

from __future__ import annotations

import gzip
import re

from .pagetext import parse
from .project import ROOT

# The timer's JavaScript: everything it loads, gzipped as GitHub Pages serves it. The build
# inlines engine.js into element.js (macros/postbuild/bundle.py), so a page loads one module;
# the test follows static imports anyway, so a module split off later still counts. (Its
# stylesheet, about 1.6 KB, is counted with the page's CSS in the first-load cap below.)
TIMER_JS_BUDGET = 8 * 1024
_IMPORT = re.compile(r"""import\s*\{[^}]*\}\s*from\s*['"](\.\.?/[^'"]+)['"]""")


def _gzipped(path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _module_graph(entry):
    seen, todo = [], [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.append(path)
        todo += [(path.parent / spec).resolve() for spec in _IMPORT.findall(path.read_text())]
    return seen


def test_everything_the_timer_loads_fits_in_8_kb_gzipped(built_site):
    modules = _module_graph((built_site / "assets" / "timer" / "element.js").resolve())
    sizes = {path.name: _gzipped(path) for path in modules}
    assert sum(sizes.values()) <= TIMER_JS_BUDGET, sizes


def test_the_built_timer_is_one_minified_module():
    from macros.postbuild.bundle import inline_engine

    timer = ROOT / "docs" / "assets" / "timer"
    bundled = inline_engine(
        (timer / "engine.js").read_text(encoding="utf-8"),
        (timer / "element.js").read_text(encoding="utf-8"),
    )
    assert "import " not in bundled and "export " not in bundled
    assert "function phasesFromPlan" in bundled and "class DrillTimer" in bundled


# What a first visit to a drill page downloads before any interaction: the page and every
# stylesheet and script it links, each gzipped as GitHub Pages serves it. Measured at 73.9 KB
# when this cap was first set, 82.1 KB with the track-mode timer (+2.9 KB of JS, +0.7 KB of
# CSS), 75.0 KB once the theme's unused CSS rules were dropped (macros/postbuild/unused_css.py,
# -7.6 KB); bench/weight.py also counts the search index and worker. The cap leaves room for
# small changes and fails on a new library, a large asset or the theme's full stylesheet.
DRILL_PAGE_CAP = 80 * 1024


def test_drill_page_first_load_stays_under_its_cap(built_site):
    page_path = built_site / "drills" / "high-knee-run" / "index.html"
    page = parse(page_path.read_text(encoding="utf-8"))
    files = [page_path]
    for link in page.links:
        if link.endswith((".css", ".js")) and "://" not in link:
            files.append((page_path.parent / link).resolve())
    # Modules the page's scripts import: dependencies the HTML does not name.
    for script in [f for f in files if f.suffix == ".js"]:
        files += [m for m in _module_graph(script) if m not in files]
    sizes = {f.name: _gzipped(f) for f in files}
    assert sum(sizes.values()) <= DRILL_PAGE_CAP, sizes
