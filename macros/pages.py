"""MkDocs hook: a clean stop on bad data, one generated page per drill and per session, and
the post-build steps (shrink our CSS/JS, fold title sections in the search index, the offline
copy's classic timer, the service worker's file list).

This is the only module that knows about MkDocs internals (File.generated, MkDocs >= 1.6);
the work itself is in plain modules (render, minify, offline). Nothing is written into docs/:
generated pages exist only in the build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs loads a hook as a lone file, not as part of its package; make the project root
# importable so the hook shares the package (and its load cache) with the macros plugin.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros import minify, offline, render  # noqa: E402
from macros.load import DataError, current, load_for_build  # noqa: E402

# Where the offline build gets Material's Worker shim for file:// (its default is a CDN), and
# what it loads instead of the timer's ES modules, which Chromium refuses from file://.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
TIMER_MODULE, TIMER_CLASSIC = "assets/timer/element.js", "assets/timer/timer-classic.js"

_command = {"name": "build"}


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_startup(command, dirty) -> None:
    _command["name"] = command


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-50)  # after the offline plugin's on_config
def on_config(config):
    # Validate before anything is built or cleaned, so bad data never half-builds a site.
    try:
        load_for_build(_root(config))
    except DataError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n" + str(exc)) from None
    if _offline(config):
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [WORKER_SHIM if "iframe-worker" in p else p for p in polyfills]
        for i, script in enumerate(config.extra_javascript):
            if str(script) == TIMER_MODULE:
                classic = ExtraScriptValue(TIMER_CLASSIC)
                classic.defer = True  # runs when a module would: after the page is parsed
                config.extra_javascript[i] = classic
    # The manifest and service worker (docs/overrides/main.html): for the published site only,
    # not for `mkdocs serve` (a cache would hide live edits) nor for the copy opened from disk.
    config.extra["pwa"] = _command["name"] != "serve" and not _offline(config)
    return config


def on_files(files: Files, config) -> Files:
    site = current(_root(config))
    for slug in site.drills:
        files.append(
            File.generated(config, f"drills/{slug}.md", content=render.drill_stub(site, slug))
        )
    for slug in site.sessions:
        files.append(
            File.generated(config, f"sessions/{slug}.md", content=render.session_stub(site, slug))
        )
    return files


def on_post_build(config) -> None:
    _minify_own_assets(config)
    _fold_title_sections(config)
    if _offline(config):
        _write_classic_timer(config)
    if config.extra.get("pwa"):
        _write_service_worker(config)


def _write_classic_timer(config) -> None:
    timer = Path(config.site_dir) / "assets" / "timer"
    script = offline.classic_timer(
        (timer / "engine.js").read_text(encoding="utf-8"),
        (timer / "element.js").read_text(encoding="utf-8"),
    )
    (Path(config.site_dir) / TIMER_CLASSIC).write_text(script, encoding="utf-8")


def _write_service_worker(config) -> None:
    """Fill in sw.js: the cache version and the core pages with what they load."""
    site_dir, data = Path(config.site_dir), current(_root(config))
    pages = ["./", "drills/", "sessions/"]
    pages += [f"drills/{slug}/" for slug in data.drills]
    pages += [f"sessions/{slug}/" for slug in data.sessions]
    urls = offline.precache(site_dir, pages, ("search/search_index.json", "sitemap.xml"))
    version = offline.site_version(site_dir)
    sw = site_dir / "sw.js"
    sw.write_text(
        offline.fill_service_worker(sw.read_text(encoding="utf-8"), version, urls),
        encoding="utf-8",
    )


def _minify_own_assets(config) -> None:
    """Shrink the CSS/JS from docs/assets (the theme's are minified already; vendor/ is left)."""
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    for source in sorted((docs / "assets").rglob("*")):
        rel = source.relative_to(docs)
        built = site / rel
        if source.suffix not in (".css", ".js") or "vendor" in rel.parts or not built.is_file():
            continue
        shrink = minify.css if source.suffix == ".css" else minify.js
        built.write_text(shrink(built.read_text(encoding="utf-8")), encoding="utf-8")


def _fold_title_sections(config) -> None:
    """Fold a page's title section into its empty preface in Material's search index.

    Printable pages wrap their content in ``<article class="sheet">`` with the h1 inside, so
    Material's indexer sees an empty preface (the page) and then the h1 as a section. Search
    results show the page's own text as its teaser, so give the page the h1 section's text
    (the drill's summary comes first) instead of a blank. Runs before the offline plugin
    inlines the index (its post-build hook runs last).
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs, merged = index["docs"], []
    for doc in docs:
        page = merged[-1] if merged else None
        if (
            page is not None
            and "#" not in page["location"]
            and not page["text"]
            and doc["location"].split("#")[0] == page["location"]
            and doc["title"] == page["title"]
        ):
            page["text"] = doc["text"]
            continue
        merged.append(doc)
    index["docs"] = merged
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
