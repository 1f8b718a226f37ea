"""Material's bundle.js as a deferred script.

The theme writes ``<script src=".../bundle.<hash>.min.js">`` at the end of the body without
``defer``: a parser-blocking script, which the browser must fetch and run before it finishes the
page, so Lighthouse counts it as render-blocking (about 35 KB gzipped on the slow-4G model, the
largest file of a first visit). Deferred, it runs at the same moment in the page's life (after
parsing, before DOMContentLoaded, which is all it waits for) and in the same order: every other
script that uses it (``document$``, e.g. assets/sheets/print.js) is itself deferred or a module
and comes after it in the page, so it still runs after the bundle.

One attribute on one tag of each page's output (macros/hook.py, ``on_post_page``), rather than
a copy of the theme's ``scripts`` block, which would have to name the bundle's hashed file and
follow every theme release.
"""

from __future__ import annotations

import re

_BUNDLE = re.compile(
    r'<script (src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")></script>'
)


def defer_theme_bundle(html: str) -> str:
    """``html`` with the theme's bundle script deferred (unchanged if it has none)."""
    return _BUNDLE.sub(r"<script defer \1></script>", html, count=1)
