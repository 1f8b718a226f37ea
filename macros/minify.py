"""Shrink the site's own CSS and JavaScript in the built site, without changing what they do.

The sources stay readable, with their comments; what visitors download is smaller. This is
deliberately conservative, not a general minifier: CSS loses comments and redundant
whitespace (never whitespace that could be a descendant combinator); JavaScript loses only
whole-line ``//`` comments, indentation and blank lines, so no statement or string changes.
The browser tests run against the minified files.
"""

from __future__ import annotations

import re

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};,])\s*")


def css(text: str) -> str:
    text = _CSS_COMMENT.sub("", text)
    text = _CSS_SPACE.sub(" ", text)
    text = _CSS_PUNCT.sub(r"\1", text)
    return text.replace(";}", "}").strip() + "\n"


def js(text: str) -> str:
    if any(line.count("`") % 2 for line in text.splitlines()):
        # A template literal may span lines: its indentation is part of a string. Leave it be.
        return text
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("//"):
            lines.append(stripped)
    return "\n".join(lines) + "\n"
