"""The site without a network: a copy opened from disk, and a service worker for the track.

Plain functions over built files, no MkDocs import; macros/hook.py calls them after a build.

- ``make build-offline`` opens from disk (file://), where Chromium refuses ES module scripts:
  :func:`classic_timer` joins the timer's two modules into one classic script for that build.
- The published site registers ``sw.js`` (docs/sw.js): :func:`fill_service_worker` writes in
  the cache's version, a hash of the built site (:func:`site_version`), and the files to cache
  at install, the core pages and what they load (:func:`precache`), each checked to be a file
  the build wrote; then the worker is minified like our other scripts (its source stays
  readable in docs/).
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import bundle, minify

# A static import of a relative module, also in minified code, where a line holds several:
# `import{a}from'./plan.js';import'./x.js'`. (Not import(): a dynamic import is the page's own
# business to list.)
_STATIC_IMPORT = re.compile(r"""(?:\bfrom|(?<![\w.$])import)\s*['"](\.\.?/[^'"]+\.js)['"]""")


def classic_timer(engine: str, element: str) -> str:
    """engine.js and element.js as one classic script: the module bundle.inline_engine makes,
    in a function scope of its own (a classic script's top level is shared by the page)."""
    return "(() => {\n'use strict';\n" + bundle.inline_engine(engine, element) + "})();\n"


# Not part of the version: the service worker itself, and the sitemap's build dates.
_UNVERSIONED = {"sw.js", "sitemap.xml", "sitemap.xml.gz"}


def site_version(site_dir: Path) -> str:
    """A short hash of every built file: a deploy that changes any of them gets a new cache."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel not in _UNVERSIONED:
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


# Only these elements say what a page loads; handing just them to the parser keeps the list
# cheap for a site of thousands of pages (parsing every page whole was most of the cost).
_LOADING_TAGS = re.compile(r"<link\b[^>]*>|<img\b[^>]*>|<script\b[^>]*>.*?</script>", re.S | re.I)


class _Loads(HTMLParser):
    """What a page loads: stylesheets, icons, the manifest, images (the header's logo), scripts
    and Material's worker."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rels = (a.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "icon", "manifest"} & set(rels) and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        self._config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._config:  # Material's settings: the search worker's address
            self.urls.append(json.loads(data)["search"])
            self._config = False


def precache(site_dir: Path, pages: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    """``pages`` ("drills/x/") and the files they load, as paths under the site root; then
    ``extra`` files (such as the search index). Refuses a list naming anything the build
    did not write: the worker would fetch it at every install and never cache it."""
    urls: list[str] = []
    root = "http://site/"
    for page in pages:
        urls.append(page)
        html = site_dir / page / "index.html"
        if not html.is_file():
            continue  # reported below, with any other file the build did not write
        parser = _Loads()
        parser.feed("".join(_LOADING_TAGS.findall(html.read_text(encoding="utf-8"))))
        for ref in parser.urls:
            absolute = urljoin(root + page, ref)
            if absolute.startswith(root):
                urls.append(urlsplit(absolute).path.removeprefix("/"))
    urls.extend(extra)
    urls = list(dict.fromkeys(urls))  # every page loads the same assets: scan each file once
    # A module's imports are loaded too, and theirs in turn (builder.js → plan.js → engine.js).
    todo = [u for u in urls if u.endswith(".js")]
    while todo:
        url = todo.pop()
        if not (site_dir / url).is_file():
            continue  # reported as missing below
        for spec in _STATIC_IMPORT.findall((site_dir / url).read_text(encoding="utf-8")):
            imported = urlsplit(urljoin(root + url, spec)).path.removeprefix("/")
            if imported not in urls:
                urls.append(imported)
                todo.append(imported)
    missing = [u for u in urls if not _built(site_dir, u)]
    if missing:
        raise ValueError(f"service worker: nothing built at {', '.join(missing)}")
    return list(dict.fromkeys(urls))


def _built(site_dir: Path, url: str) -> bool:
    """Whether the build wrote ``url``: a page ("drills/x/", "./") is its folder's index.html."""
    path = site_dir / url
    return (path / "index.html" if url.endswith("/") else path).is_file()


def fill_service_worker(source: str, version: str, urls: list[str]) -> str:
    """docs/sw.js with its cache version and install list filled in by the build."""
    filled, count = re.subn(
        r'^const VERSION = "dev";\nconst PRECACHE = \[\];$',
        f"const VERSION = {json.dumps(version)};\nconst PRECACHE = {json.dumps(urls)};",
        source,
        flags=re.M,
    )
    if count != 1:
        raise ValueError('sw.js: expected the lines const VERSION = "dev"; const PRECACHE = [];')
    return filled


def write_classic_timer(site_dir: Path, rel: str) -> None:
    """The offline copy's timer: the built modules joined into ``rel`` (run before minifying)."""
    timer = site_dir / "assets" / "timer"
    script = classic_timer(
        (timer / "engine.js").read_text(encoding="utf-8"),
        (timer / "element.js").read_text(encoding="utf-8"),
    )
    (site_dir / rel).write_text(script, encoding="utf-8")


def write_service_worker(site_dir: Path, pages: list[str], extra: tuple[str, ...] = ()) -> None:
    """Fill in the built sw.js (the cache version, the core pages with what they load, and
    ``extra`` files no page links: data a script fetches), and minify it."""
    urls = precache(site_dir, pages, ("search/search_index.json", *extra))
    sw = site_dir / "sw.js"
    filled = fill_service_worker(sw.read_text(encoding="utf-8"), site_version(site_dir), urls)
    sw.write_text(minify.js(filled), encoding="utf-8")
