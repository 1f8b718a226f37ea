"""The MkDocs hook (mkdocs.yml ``hooks:``): the only module that knows MkDocs' events.

Thin on purpose: it stops the build cleanly on bad data (before anything is built or
cleaned), adds one generated page per drill and per session and the session builder's drill
library (File.generated, MkDocs >= 1.6; nothing is written into docs/), and after the build
runs the post-build steps in macros/postbuild/. The work itself is in plain modules another
generator could call.

``import macros`` works because the project is installed into its venv in editable mode
(``make venv``), so the hook shares the package, and its data cache, with the macros plugin.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros import _base, generated
from macros.data.load import DataError, current, load_for_build
from macros.postbuild import (
    bundle,
    csp,
    minify,
    offline,
    page_stylesheets,
    search_index,
    theme_script,
    unused_css,
)
from macros.render import library, pages

# Where the offline build gets Material's Worker shim for file:// (its default is a CDN), and
# what it loads instead of the timer's ES modules, which Chromium refuses from file://.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
TIMER_MODULE, TIMER_CLASSIC = "assets/timer/element.js", "assets/timer/timer-classic.js"
HISTORY = "assets/keep/record.js"

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
    generated.keep_data(_root(config))
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
        # The run history is for the served site: from disk its module would only be refused.
        config.extra_javascript[:] = [s for s in config.extra_javascript if str(s) != HISTORY]
    # The published site: the manifest and service worker (docs/overrides/main.html) and the
    # Content-Security-Policy. Not for `mkdocs serve`: a cache would hide live edits, and the
    # policy would block the live-reload script it injects. Not for the copy opened from disk:
    # browsers run no service worker from file://, and search there runs in an iframe into which
    # the Worker shim (docs/assets/vendor/iframe-worker/) writes an inline script assembled at
    # run time from its own functions' source; a hash of that would be re-derived from a third
    # party's minified code and break silently with it. Nothing reaches that copy from a
    # network, which is what the policy guards against.
    config.extra["pwa"] = _command["name"] != "serve" and not _offline(config)
    return config


def on_files(files: Files, config) -> Files:
    site = current(_root(config))
    # Drill and session pages are rendered here, not by the macros plugin, and kept between
    # builds (macros/generated.py).
    made = generated.start(generated.GeneratedPages(_root(config), site, config, _base))
    for kind, slugs in (("drills", site.drills), ("sessions", site.sessions)):
        for slug in slugs:
            content = made.stub(kind, slug)
            files.append(File.generated(config, f"{kind}/{slug}.md", content=content))
    # The session builder's drills, from the same data (macros/render/library.py).
    page_url = partial(pages.page_link, "", directory_urls=config.use_directory_urls)
    files.append(File.generated(config, library.PATH, content=library.library_json(site, page_url)))
    return files


def on_env(env, config, files):
    # The theme's templates compiled once, not on every build (each `make serve` rebuild
    # compiled some 60 of Material's, about a second): Jinja's own cache, which checks each
    # template's source before using what it stored.
    if generated.enabled():
        folder = _root(config) / generated.CACHE_DIR / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown, page, config, files):
    return generated.current().markdown(markdown, page, files)


def on_page_content(html, page, config, files):
    return generated.current().content(html, page, files)


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    generated.current().built(page)
    return context


@event_priority(-100)  # last: nothing after it reads the page's content
def on_post_page(output, page, config):
    # MkDocs keeps every page's HTML until the build ends; once the page is written nothing
    # needs it, and at 1000 drills that is most of the build's memory.
    page.content = None
    return _finish_html(output)


def on_post_template(output, template_name, config):
    # The theme's 404.html is a template MkDocs renders without a page: it gets the same.
    return _finish_html(output) if template_name.endswith(".html") else output


def _finish_html(output: str) -> str:
    return page_stylesheets.hoist(theme_script.defer_theme_bundle(output))


def on_post_build(config) -> None:
    generated.current().finish()
    site_dir, docs_dir = Path(config.site_dir), Path(config.docs_dir)
    extra = []
    if _offline(config):
        offline.write_classic_timer(site_dir, TIMER_CLASSIC)
        extra.append(TIMER_CLASSIC)
    bundle.bundle_timer(site_dir, TIMER_MODULE)
    minify.own_assets(docs_dir, site_dir, extra)
    # Before the offline plugin inlines the index (its post-build step runs last).
    search_index.fold_title_sections(site_dir / "search" / "search_index.json")
    # After every step that writes pages or scripts, so it sees every class they use.
    kept = generated.postbuild_cache(_root(config))
    unused_css.drop_unused_theme_rules(site_dir, kept)
    if config.extra.get("pwa"):
        # After every step that changes the pages, so it hashes the inline code as shipped;
        # before the service worker, so the worker's version (a hash of the files) covers it.
        csp.add_policy(site_dir, kept)
        data = current(_root(config))
        # A first visit fetches the shell, the indexes, the sessions (the warm-up among them:
        # what a coach runs at the track) and the search index; a drill page is kept once it is
        # visited (docs/sw.js), so the first visit does not grow with the library.
        pages_to_cache = ["./", "drills/", "sessions/"]
        pages_to_cache += [f"sessions/{slug}/" for slug in data.sessions]
        # The session builder and the history work offline too, with the drills they fetch.
        pages_to_cache += ["builder/", "history/"]
        offline.write_service_worker(site_dir, pages_to_cache, (library.PATH,))
    if kept:
        kept.prune()
