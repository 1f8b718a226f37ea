"""A Content-Security-Policy on every built page, as a ``<meta http-equiv>`` (GitHub Pages
cannot send headers), computed from the finished pages.

The policy allows the site's own origin ('self') and, of inline code, exactly the scripts and
styles the build emitted, by their SHA-256 hashes; never 'unsafe-inline'. Images may also be
``data:`` URLs: Material's stylesheet draws its icons that way.

One policy for the whole site, the union of every page's inline code (a few small scripts
and styles): a hash allows only that exact code, so allowing it on a page that lacks it opens
nothing, and every page carries the same ``<meta>``.

Inline event handlers (``onclick=``) and ``javascript:`` links stop the build: the policy refuses
them, so they would fail silently in the browser; put the code in a script file instead.

Plain functions over built files; macros/hook.py runs :func:`add_policy` for the published
site only: `mkdocs serve` injects its live-reload script, which the policy would block, and the
copy opened from disk has none (see macros/hook.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; any other type (application/json, …) is a data block.
_RUNNABLE = re.compile(r"^(|module|(text|application)/(x-)?(java|ecma)script)$", re.I)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction")
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)
# What the policy is about: whole scripts and <style> elements, and start tags with a style
# attribute, an event handler or a javascript: address. Only these go to the parser, which
# keeps the step cheap on a site of thousands of pages (as in offline.py). One pass, so a tag
# written inside a script's text is never taken for a tag of the page.
_INLINE = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>"
    r"|<[a-z][^>]*?(?:\sstyle\s*=|\son[a-z]+\s*=|javascript:)[^>]*>",
    re.S | re.I,
)


@dataclass
class InlineCode:
    """Inline code in pages: script and <style> texts, style="" attribute values."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, found: InlineCode, where: str):
        super().__init__()
        self.found, self.where = found, where
        self._open: str | None = None  # "script" or "style", while inside one to be hashed
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            url = name in _URL_ATTRIBUTES and (value or "").strip().lower()
            if name.startswith("on") or (url and url.startswith("javascript:")):
                self.found.refused.append(f"{self.where}: <{tag} {name}=…>")
        if a.get("style") is not None:
            self.found.style_attributes.add(a["style"])
        runnable = tag == "script" and "src" not in a and _RUNNABLE.match(a.get("type") or "")
        if runnable or tag == "style":
            self._open, self._text = tag, []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._open:
            text = "".join(self._text)
            if text:  # an empty script runs nothing, and no policy is checked
                (self.found.scripts if tag == "script" else self.found.styles).add(text)
            self._open = None


def _page_code(where: str, html: str) -> InlineCode:
    found = InlineCode()
    parser = _Parser(found, where)
    parser.feed("".join(m.group(0) for m in _INLINE.finditer(html)))
    parser.close()
    return found


_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def inline_code(pages: dict[str, str], cache=None) -> InlineCode:
    """Everything inline in ``pages`` (name → HTML), for the policy and for the checks.

    With ``cache`` (a macros.render.cache.DiskCache), what each page holds is kept by a hash of
    its name, its HTML and this code: on a repeat build most pages are the same bytes, and
    finding their inline code is most of this step (~10 ms a drill page)."""
    found = InlineCode()
    for where, html in pages.items():

        def scan(where=where, html=html) -> dict:
            code = _page_code(where, html)
            return {name: sorted(getattr(code, name)) for name in _KEPT} | {"refused": code.refused}

        stored = cache.kept((_VERSION, where, html), scan) if cache else scan()
        for name in _KEPT:
            getattr(found, name).update(stored[name])
        found.refused += stored["refused"]
    return found


_KEPT = ("scripts", "styles", "style_attributes")


def source_hash(text: str) -> str:
    """A CSP hash source: how a browser names this exact inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(code: InlineCode) -> str:
    """The policy allowing the site's origin and exactly ``code``'s inline scripts and styles."""
    scripts = " ".join(sorted(map(source_hash, code.scripts)))
    styles = " ".join(sorted(map(source_hash, code.styles)))
    directives = [
        "default-src 'self'",
        f"script-src 'self' {scripts}".strip(),
        f"style-src 'self' {styles}".strip(),
    ]
    if code.style_attributes:  # style="" is allowed by the hash of its value only so
        attributes = " ".join(sorted(map(source_hash, code.style_attributes)))
        directives.append(f"style-src-attr 'unsafe-hashes' {attributes}")
    directives += ["img-src 'self' data:", "object-src 'none'", "base-uri 'self'"]
    directives.append("form-action 'self'")
    return "; ".join(directives)


class _Pages:
    """``{site-relative path: HTML}`` of ``paths``, each file read when it is reached."""

    def __init__(self, site_dir: Path, paths: list[Path]):
        self.site_dir, self.paths = site_dir, paths

    def items(self):
        for path in self.paths:
            yield path.relative_to(self.site_dir).as_posix(), path.read_text(encoding="utf-8")


def add_policy(site_dir: Path, cache=None) -> str:
    """Put the site's policy first in every page's head (right after its charset, before any
    script or style it governs); returns the policy. Run after every step that changes pages.
    ``cache``: see :func:`inline_code`."""
    paths = sorted(site_dir.rglob("*.html"))
    # Read twice rather than held: the pages of a 1000-drill site are ~50 MB of text.
    pages = _Pages(site_dir, paths)
    code = inline_code(pages, cache)
    if code.refused:
        raise ValueError(
            "Content-Security-Policy: inline event handlers and javascript: links are refused, "
            "move them to a script file: " + "; ".join(code.refused)
        )
    site_policy = policy(code)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{site_policy}">'
    for path, (rel, html) in zip(paths, pages.items(), strict=True):
        filled, count = _CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
        if count != 1:
            raise ValueError(f'{rel}: no <meta charset="utf-8"> to put the policy after')
        path.write_text(filled, encoding="utf-8")
    return site_policy
