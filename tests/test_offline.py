"""Offline pieces without a browser: links for either kind of build, the classic-script timer,
the service worker's cache list and version, and the web app manifest."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import _base
from macros.postbuild import offline
from macros.render import pages as render

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("path", "directory_urls", "expected"),
    [
        ("drills/high-knee-run.md", True, "../drills/high-knee-run/"),
        ("drills/high-knee-run.md", False, "../drills/high-knee-run.html"),
        ("drills/index.md", True, "../drills/"),
        ("drills/index.md", False, "../drills/index.html"),
        ("disclaimer.md", False, "../disclaimer.html"),
        ("downloads/x.pdf", False, "../downloads/x.pdf"),
    ],
)
def test_page_link_follows_the_build_s_url_style(path, directory_urls, expected):
    assert render.page_link("../", path, directory_urls) == expected


def test_page_link_to_home_from_home_is_never_empty():
    assert render.page_link("", "index.md") == "./"
    assert render.page_link("", "index.md", directory_urls=False) == "index.html"


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("", ""),
        ("index.html", ""),
        ("drills/", "../"),
        ("drills/index.html", "../"),
        ("drills/high-knee-run.html", "../"),
        ("drills/high-knee-run/", "../../"),
    ],
)
def test_base_climbs_one_level_per_folder_of_the_page_url(url, base):
    assert _base(SimpleNamespace(url=url)) == base


def test_classic_timer_is_one_script_with_no_module_syntax():
    timer = ROOT / "docs" / "assets" / "timer"
    script = offline.classic_timer(
        (timer / "engine.js").read_text(encoding="utf-8"),
        (timer / "element.js").read_text(encoding="utf-8"),
    )
    assert not re.search(r"^\s*(import|export)\b", script, re.M)
    assert "function stateAt(" in script and "customElements" in script


def test_classic_timer_refuses_module_syntax_it_does_not_know():
    with pytest.raises(ValueError):
        offline.classic_timer("export default 1;\n", "import { a } from './engine.js';\n")


def built_worker(site: Path) -> tuple[str, str, list[str]]:
    """The built (filled, minified) sw.js, its VERSION and its PRECACHE."""
    sw = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'\bconst VERSION="([^"]*)";', sw).group(1)
    precache = json.loads(re.search(r"\bconst PRECACHE=(\[.*?\]);", sw).group(1))
    return sw, version, precache


def test_service_worker_caches_core_pages_and_everything_they_load(built_site):
    sw, version, precache = built_worker(built_site)
    for page in ("./", "drills/", "sessions/", "sessions/sprint-drill-warm-up/"):
        assert page in precache
    for path in ("assets/timer/element.js", "search/search_index.json", "assets/images/logo.svg"):
        assert path in precache  # the logo: every page's header shows it, offline too
    assert all(offline._built(built_site, p) for p in precache)
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    # Small on the wire, its file list included: minified (comments stay in docs/sw.js), gzipped.
    assert "//" not in sw.replace("://", "")
    assert len(gzip.compress(sw.encode(), 6)) <= 2048


def test_service_worker_precaches_no_drill_page_so_a_first_visit_does_not_grow(built_site):
    """Drill pages are cached as they are visited (docs/sw.js), not at install."""
    _, _, precache = built_worker(built_site)
    assert (built_site / "drills" / "small-step-run" / "index.html").is_file()
    assert not [p for p in precache if re.fullmatch(r"drills/[^/]+/", p)]
    for slug in ("first-drills", "skip-series", "sprint-drill-warm-up"):
        assert f"sessions/{slug}/" in precache


def test_site_version_changes_with_any_built_file_but_not_the_sitemap(tmp_path):
    (tmp_path / "index.html").write_text("a")
    (tmp_path / "sitemap.xml").write_text("2024-01-01")
    first = offline.site_version(tmp_path)
    (tmp_path / "sitemap.xml").write_text("2025-01-01")
    assert offline.site_version(tmp_path) == first
    (tmp_path / "index.html").write_text("b")
    assert offline.site_version(tmp_path) != first


def test_precache_names_a_file_the_build_did_not_make(tmp_path):
    (tmp_path / "index.html").write_text('<script src="gone.js"></script>')
    with pytest.raises(ValueError, match="gone.js"):
        offline.precache(tmp_path, ["./"])


def test_precache_names_a_page_whose_folder_has_no_page(tmp_path):
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "drills" / "gone").mkdir(parents=True)  # a folder, but no index.html in it
    with pytest.raises(ValueError, match="drills/gone/"):
        offline.precache(tmp_path, ["./", "drills/gone/"])


def test_manifest_is_linked_relative_and_loads_nothing_from_elsewhere(built_site):
    html = (built_site / "drills" / "high-knee-run" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in html
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    assert manifest["short_name"] and manifest["theme_color"]
    for icon in manifest["icons"]:
        assert (built_site / icon["src"]).is_file()
    assert "//" not in json.dumps(manifest)  # every address is relative to the site


def test_precache_follows_every_import_of_minified_modules_to_the_end(tmp_path):
    (tmp_path / "index.html").write_text('<script type="module" src="a/main.js"></script>')
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "main.js").write_text("import{x}from'./one.js';import'../b/two.js';x();\n")
    (tmp_path / "a" / "one.js").write_text('import {y} from "../b/three.js";export const x=y;\n')
    (tmp_path / "b" / "two.js").write_text("const s='import(\"./no.js\")';\n")
    (tmp_path / "b" / "three.js").write_text("export const y=()=>{};\n")
    urls = offline.precache(tmp_path, ["./"])
    assert set(urls) == {"./", "a/main.js", "a/one.js", "b/two.js", "b/three.js"}


def test_service_worker_caches_the_builder_its_modules_and_the_drill_library(built_site):
    _, _, precache = built_worker(built_site)
    for path in (
        "builder/",
        "history/",
        "assets/data/library.json",
        "assets/builder/builder.js",
        "assets/builder/plan.js",
        "assets/builder/qr.js",
        "assets/vendor/qrcode-generator/qrcode.js",
        "assets/builder/builder.css",
        "assets/keep/history-page.js",
        "assets/keep/sessions.js",
        "assets/timer/engine.js",
    ):
        assert path in precache
