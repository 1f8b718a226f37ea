"""Stylesheets a page links in its body, moved into its head.

The pages with drill cards link cards.css where the cards are (macros/render/templates), so
the other pages never load it. In the head, it is among the stylesheets the page's first
styling waits for; linked in the body, it may arrive after the header has been styled and
painted, and a stylesheet added then makes the browser restyle the whole document.

The template marks the place with ``<!-- page stylesheets -->``, after the theme's and the
site's stylesheets, so the cascade keeps the order it had with the links in the body. One
substitution on each page's output (macros/hook.py, ``on_post_page``, and
``on_post_template`` for the theme's 404.html).
"""

from __future__ import annotations

import re

MARK = "<!-- page stylesheets -->"
_LINK = re.compile(r'\n?<link rel="stylesheet" href="[^"]*">')


def hoist(html: str) -> str:
    """``html`` with the stylesheet links of its body in its head, once each, where the
    template marks the place; the mark is removed. Unchanged if there is no mark."""
    at = html.find(MARK)
    body = html.find("<body", at)
    if at < 0 or body < 0:
        return html
    links = list(dict.fromkeys(m.group().strip() for m in _LINK.finditer(html, body)))
    rest = _LINK.sub("", html[body:]) if links else html[body:]
    return html[:at] + "".join(links) + html[at + len(MARK) : body] + rest
