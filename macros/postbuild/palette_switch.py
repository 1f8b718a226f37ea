"""Drop the theme's "no transitions while the colours switch" rule, in the built site.

Material's light/dark toggle sets ``data-md-color-switching`` on <body> whenever it applies a
colour scheme, on every page load as well as on a toggle, and removes it a frame later; its
palette stylesheet turns transitions off meanwhile with ``[data-md-color-switching] *`` (and
``:after``, ``:before``). A rule that reaches every element makes the browser restyle the
whole page each time the attribute comes and goes.

Narrowing the rule to the elements some rule gives a transition was tried first: those are
links, list items and divs, most of the page. Against the narrowed rule, dropping it took the
style work of a page load from 72 to 37 ms on the home page and from 57 to 40 ms on a drill
page (bench/mainthread.py's trace, median of 5 loads, unthrottled), and Lighthouse's Total
Blocking Time on the home page from 210–310 ms to 100–140 ms. What dropping it
costs: when someone toggles the scheme, links, buttons and cards fade to their new colours
over 125 ms instead of switching at once with the background (with reduced motion asked for,
the theme turns every transition off anyway).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import tinycss2

from .unused_css import keeping

SWITCHING = "[data-md-color-switching]"
PALETTE = "assets/stylesheets/palette.*.min.css"
_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def without_switching_rule(css: str) -> str:
    """``css`` less its selectors that name the switching attribute (a rule goes with its last
    selector, an at-rule with its last rule); unchanged when it has none."""
    if SWITCHING not in css:
        return css
    return keeping(css, lambda selector: SWITCHING not in tinycss2.serialize(selector))


def drop_switching_rule(site_dir: Path, cache=None) -> bool:
    """Rewrite the theme's palette stylesheet in ``site_dir`` without the rule (see the
    module's docstring); True when it had one. ``cache`` (a macros.render.cache.DiskCache)
    keeps the result by the stylesheet's text."""
    changed = False
    for path in sorted(site_dir.glob(PALETTE)):
        before = path.read_text(encoding="utf-8")
        after = (
            cache.kept((_VERSION, before), lambda css=before: without_switching_rule(css))
            if cache
            else without_switching_rule(before)
        )
        path.write_text(after, encoding="utf-8")
        changed = changed or after != before
    return changed
