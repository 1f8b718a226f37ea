"""Drill and session pages, rendered once and kept between builds (the MkDocs side).

A generated page's file holds only its front matter (render/pages.py ``*_stub``), marked
``render_macros: false`` so the macros plugin does not run Jinja over it. The hook renders its
Markdown from the validated data (render/pages.py), MkDocs converts it as any page, and what
the build made of it (the HTML, the table of contents, the anchors and the search entries) is
stored under ``.cache/drillbook/pages/``. The next build that finds an entry whose inputs are
unchanged gives MkDocs an empty body and puts the stored page back: no Jinja, no Markdown
conversion, no search indexing of that page. The output is the same, byte for byte.

An entry's key is a hash of everything every page depends on (the rendering code and
templates, the data files that are not drills or sessions, the Markdown settings and library
versions, the page's address and front matter); inside it, the hashes of what its rendering
read from the drill and session files (render/cache.py :class:`Reads`): its own file whole,
of the others the fields it showed. Saving one drill file redoes that page and the pages
that show what changed (a session shows the drill's cues; a drill whose fault points to it,
only its name), nothing else.

Hand-written pages (the drills index, the glossary, the sheets gallery: pages that list every
drill) are kept the same way after the macros plugin has run: their key is that Markdown, and
the address of every file of the build, which their links resolve against. A page that logged
a warning while it was converted is not kept (a restored page would hide the warning), nor is
one with a tag listing (the tags plugin fills it in later, from every page's tags).

``DRILLBOOK_CACHE=0`` switches the cache off (bench/ uses it to measure a first build).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from functools import partial
from importlib import metadata
from pathlib import Path

from mkdocs.structure.toc import get_toc

from .data import yaml_reader
from .data.load import Site
from .render import cache, figures, qr
from .render import pages as render

CACHE_DIR = Path(".cache") / "drillbook"
# Libraries whose output a stored page holds: the converted HTML and the search entries.
_LIBRARIES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material")


# Where the tags plugin puts a listing (docs/tags.md): filled in after every page is read.
_LISTING = "<!-- material/tags"


class _Warnings(logging.Handler):
    """Counts MkDocs' warnings: a page that logged one while it was converted is not kept."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


_warnings = _Warnings()


def enabled() -> bool:
    return os.environ.get("DRILLBOOK_CACHE", "1").lower() not in ("0", "false", "no", "off")


def _toc_tokens(toc) -> list[dict]:
    return [
        {"name": a.title, "id": a.id, "level": a.level, "children": _toc_tokens(a.children)}
        for a in toc
    ]


class GeneratedPages:
    """One build's generated pages: what to render, and what the cache already holds."""

    def __init__(self, root: Path, site: Site, config, base_of):
        self.root = root
        self.config = config
        self.base_of = base_of  # page → relative prefix to the site root (macros._base)
        self.kinds: dict[str, tuple[str, str]] = {}  # src_uri → ("drills"|"sessions", slug)
        self.on = enabled()
        self.pages = cache.DiskCache(root / CACHE_DIR / "pages")
        qr.use_disk_cache(cache.DiskCache(root / CACHE_DIR / "qr") if self.on else None)
        figures.use_disk_cache(cache.DiskCache(root / CACHE_DIR / "figures") if self.on else None)
        # Every drill and session file's hash: what a stored page's reads are checked against.
        self.records = {
            **cache.file_digests(root, "data/drills"),
            **cache.file_digests(root, "data/sessions"),
        }
        shared = cache.file_digests(root, "data")
        shared = {k: v for k, v in shared.items() if k not in self.records}
        code = cache.file_digests(root, "macros")
        settings = repr((config["markdown_extensions"], config["mdx_configs"]))
        versions = [f"{name}={metadata.version(name)}" for name in _LIBRARIES]
        self.common = cache.digest(
            cache.combined(code), cache.combined(shared), settings, *versions
        )
        # One tracking copy of the data for the build; each render starts a fresh set of reads.
        self.drill_reads: set[str] = set()
        self.session_reads: set[str] = set()
        self.site = dataclasses.replace(
            site,
            drills=cache.Reads(site.drills, self.drill_reads),
            sessions=cache.Reads(site.sessions, self.session_reads),
        )
        self.fields: dict[tuple[str, str, str], str] = {}  # (folder, slug, field) → its hash
        self.links = ""  # the build's files and their addresses (hand-written pages' keys)
        self.pending: dict[str, dict] = {}  # src_uri → the entry being made this build
        self.restored: dict[str, dict] = {}  # src_uri → the stored entry given back

    def stub(self, kind: str, slug: str) -> str:
        self.kinds[f"{kind}/{slug}.md"] = (kind, slug)
        stub = render.drill_stub if kind == "drills" else render.session_stub
        return stub(self.site, slug)

    def _key(self, page) -> str:
        c = self.config
        return cache.digest(
            self.common,
            page.file.src_uri,
            page.url,
            str(c["use_directory_urls"]),
            c.get("site_url") or "/",
            page.markdown or "",
        )

    def _page_key(self, page, markdown: str, files) -> str:
        """A hand-written page's key: its Markdown after the macros, and every file's address."""
        if not self.links:
            self.links = cache.digest(*sorted(f"{f.src_uri}>{f.url}" for f in files))
        c = self.config
        return cache.digest(
            self.common,
            self.links,
            repr(c["validation"]),
            page.file.src_uri,
            page.url,
            str(c["use_directory_urls"]),
            c.get("site_url") or "/",
            markdown,
        )

    def _render(self, kind: str, slug: str, page) -> str:
        c = self.config
        args = (self.base_of(page), c.get("site_url") or "/")
        make = render.drill_page if kind == "drills" else render.session_page
        return make(self.site, slug, *args, directory_urls=c["use_directory_urls"])

    def _reads(self, own: str) -> dict[str, str]:
        """What the last render read, with its hashes now: a record file whole (its own, one
        it walked or used whole) or a field of one (``data/drills/x.yml#name``)."""
        deps = {}
        reads = (("data/drills", self.drill_reads), ("data/sessions", self.session_reads))
        for folder, seen in reads:
            if cache.EVERY in seen:
                deps[folder + "/*"] = self._folder(folder + "/")
                continue
            for read in seen:
                slug, _, field = read.partition(cache.FIELD)
                name = f"{folder}/{slug}.yml"
                # A page reads most of its own record: hashing the file is cheaper than each
                # field, and as exact.
                if field and name != own:
                    deps[f"{name}{cache.FIELD}{field}"] = self._field(folder, slug, field)
                else:
                    deps[name] = self.records.get(name, "")
        return deps

    def _field(self, folder: str, slug: str, field: str) -> str:
        """The hash of one field of a record now ("" when the record is gone)."""
        key = (folder, slug, field)
        if key not in self.fields:
            records = self.site.drills if folder == "data/drills" else self.site.sessions
            value = dict.get(records, slug)  # dict.get: not itself a read
            self.fields[key] = "" if value is None else cache.field_digest(value, field)
        return self.fields[key]

    def _folder(self, prefix: str) -> str:
        return cache.combined(self.records, [k for k in self.records if k.startswith(prefix)])

    def _fresh(self, entry: dict) -> bool:
        for name, value in entry["reads"].items():
            record, _, field = name.partition(cache.FIELD)
            if name.endswith("/*"):
                now = self._folder(name.removesuffix("*"))
            elif field:
                folder, _, file = record.rpartition("/")
                now = self._field(folder, file.removesuffix(".yml"), field)
            else:
                now = self.records.get(name, "")
            if now != value:
                return False
        return True

    # MkDocs events, called by macros/hook.py -------------------------------------------------

    def markdown(self, markdown: str, page, files) -> str:
        """The page's Markdown: rendered from the data (drill and session pages), or nothing
        when the cache has what it becomes."""
        src = page.file.src_uri
        made = src in self.kinds
        if not made and (not self.on or _LISTING in markdown):
            return markdown
        key = self._key(page) if made else self._page_key(page, markdown, files)
        if self.on:
            entry = self.pages.get(key)
            if entry is not None and self._fresh(entry):
                self.restored[src] = entry
                # MkDocs would make a Markdown converter with every extension to convert the
                # empty body (~1 ms a page, a tenth of a 1000-drill repeat build); content()
                # puts back what converting gave, so the page's own render does nothing.
                page.render = partial(_skip_render, page)
                return ""
        reads = {}
        if made:
            self.drill_reads.clear()
            self.session_reads.clear()
            kind, slug = self.kinds[src]
            markdown = self._render(kind, slug, page)
            reads = self._reads(f"data/{kind}/{slug}.yml")
        self.pending[src] = {"key": key, "reads": reads}
        self.pending[src]["warnings"] = _warnings.count
        return markdown

    def content(self, html: str, page, files) -> str:
        src = page.file.src_uri
        entry = self.restored.get(src)
        if entry is not None:
            page.toc = get_toc(entry["toc"])
            page.present_anchor_ids = set(entry["anchors"])
            page._title_from_render = entry.get("title")
            if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
                links = {files.get_file_from_path(k): v for k, v in entry.get("links", {}).items()}
                page.links_to_anchors = {f: v for f, v in links.items() if f is not None}
            return entry["html"]
        if src in self.pending:
            if self.pending[src].pop("warnings") != _warnings.count:
                del self.pending[src]  # restored, it would not warn again
                return html
            self.pending[src].update(
                html=html,
                toc=_toc_tokens(page.toc),
                anchors=sorted(page.present_anchor_ids or ()),
                title=page._title_from_render,
                links={f.src_uri: v for f, v in (page.links_to_anchors or {}).items()},
            )
        return html

    def search_entries(self, page) -> list[dict] | None:
        """The stored search entries of a restored page (None: index it as usual)."""
        entry = self.restored.get(page.file.src_uri)
        return entry.get("search") if entry else None

    def indexed(self, page, entries: list[dict]) -> None:
        if page.file.src_uri in self.pending:
            self.pending[page.file.src_uri]["search"] = entries

    def built(self, page) -> None:
        """After the page's search entries: store what this build made of it, and let go of
        what was restored (its HTML stays on the page until it is written)."""
        self.restored.pop(page.file.src_uri, None)
        entry = self.pending.pop(page.file.src_uri, None)
        if entry is not None and self.on and "html" in entry:
            self.pages.put(entry.pop("key"), entry)

    def finish(self) -> None:
        """After a whole build: drop stored pages no page of it used."""
        if self.on:
            self.pages.prune()
        for kept in _data:
            kept.prune()


def _skip_render(page, config, files) -> None:
    """Page.render for a page restored from the cache (its HTML comes in content())."""
    page.content = ""


_building: list[GeneratedPages] = []
_data: list[cache.DiskCache] = []


def postbuild_cache(root: Path) -> cache.DiskCache | None:
    """What the post-build steps found in each built page, by its bytes (macros/postbuild/)."""
    return cache.DiskCache(root / CACHE_DIR / "postbuild") if enabled() else None


def keep_data(root: Path) -> None:
    """Before the data is loaded: keep the data files' parsed values between builds
    (data/yaml_reader.py), unless the cache is off."""
    _data[:] = [cache.DiskCache(root / CACHE_DIR / "data")] if enabled() else []
    yaml_reader.use_disk_cache(_data[0] if _data else None)


def current() -> GeneratedPages:
    return _building[0]


def start(pages: GeneratedPages) -> GeneratedPages:
    """Make ``pages`` the build in progress (the one the search index asks)."""
    _building[:] = [pages]
    _patch_search_index()
    logger = logging.getLogger("mkdocs")
    if _warnings not in logger.handlers:
        logger.addHandler(_warnings)
    return pages


def _patch_search_index() -> None:
    """Material's search plugin indexes a page by parsing its HTML, ~10 ms a drill page. For a
    page restored from the cache, hand it the entries it made last time instead (the same
    dicts, so search_index.json is byte for byte the same); for one rendered this build, note
    the entries it makes so the cache keeps them. Wraps SearchIndex.add_entry_from_context
    (mkdocs-material 9.x), the one method that turns a page into entries."""
    from material.plugins.search.plugin import SearchIndex

    original = SearchIndex.add_entry_from_context
    if getattr(original, "drillbook", False):
        return

    def add_entry_from_context(self, page):
        pages = _building[0] if _building else None
        stored = pages.search_entries(page) if pages else None
        if stored is not None:
            self.entries.extend(stored)
            return
        start = len(self.entries)
        original(self, page)
        if pages:
            pages.indexed(page, self.entries[start:])

    add_entry_from_context.drillbook = True
    SearchIndex.add_entry_from_context = add_entry_from_context
