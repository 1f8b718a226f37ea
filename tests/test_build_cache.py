"""The build cache (macros/generated.py, macros/render/cache.py): a repeat build gives the same
site byte for byte, restores drill and session pages from the cache, and redoes exactly the
pages whose data changed or that read it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from macros.data import yaml_reader
from macros.postbuild import csp, unused_css
from macros.render import cache, qr

from .project import edit_yaml, mkdocs_build

MARK = "<!-- restored from the cache -->"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_repeat_build_is_byte_identical_and_redoes_only_what_an_edit_touches(project, tmp_path):
    first = mkdocs_build(project, tmp_path / "first", env={"DRILLBOOK_CACHE": "0"})
    assert first.returncode == 0, first.stderr
    assert not (project / ".cache").exists()  # off means off
    for name in ("fill", "repeat"):
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stderr
    # The repeat build restored every generated page (and its search entries): the same bytes.
    assert _files(tmp_path / "repeat") == _files(tmp_path / "first")
    assert _files(tmp_path / "fill") == _files(tmp_path / "first")

    # Mark every stored page, so a page shows whether it came from the cache.
    entries = list((project / ".cache" / "drillbook" / "pages").glob("*/*.json"))
    records = [*(project / "data").glob("drills/*.yml"), *(project / "data").glob("sessions/*.yml")]
    # One per drill and per session page, and per hand-written page but the tags page (its
    # listing is filled in from every page's tags after the pages are read).
    written = [p for p in (project / "docs").rglob("*.md") if p.name != "tags.md"]
    assert len(entries) == len(records) + len(written)
    for path in entries:
        entry = json.loads(path.read_text())
        entry["html"] = MARK + entry["html"]
        path.write_text(json.dumps(entry))
    edit_yaml(
        project,
        "data/drills/small-step-run.yml",
        lambda d: d.update(summary="Edited summary. " + d["summary"]),
    )

    result = mkdocs_build(project, tmp_path / "edited")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "edited"
    edited = _page(site, "drills/small-step-run")
    assert MARK not in edited and "Edited summary." in edited
    # Pages that read other fields of the drill come from the cache: the high-knee run's fault
    # points to it but shows only its name; the sessions that run it show its cues.
    readers = ("drills/high-knee-run", "sessions/first-drills", "sessions/sprint-drill-warm-up")
    for other in (*readers, "drills/a-march", "drills/power-skip", "sessions/skip-series"):
        assert MARK in _page(site, other), other
    # Hand-written pages that show the edited drill are made again (the home page's cards show
    # its summary), the others come from the cache; the tags page is always made.
    assert MARK not in _page(site, "") and "Edited summary." in _page(site, "")
    for other in ("disclaimer", "sources", "benefits"):
        assert MARK in _page(site, other), other
    assert MARK not in _page(site, "tags")
    # Search entries came back with their pages, once each.
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))
    assert any("Edited summary." in d["text"] for d in docs if "small-step-run" in d["location"])

    # A new cue is shown by the sessions that run the drill; its name, also by the drill page
    # whose fault points to it.
    edit_yaml(project, "data/drills/small-step-run.yml", lambda d: d["cues"].append("New cue."))
    assert mkdocs_build(project, tmp_path / "cue").returncode == 0
    for session in ("sessions/first-drills", "sessions/sprint-drill-warm-up"):
        assert MARK not in _page(tmp_path / "cue", session) and "New cue." in _page(
            tmp_path / "cue", session
        )
    assert MARK in _page(tmp_path / "cue", "drills/high-knee-run")
    edit_yaml(project, "data/drills/small-step-run.yml", lambda d: d.update(name="Short-step run"))
    assert mkdocs_build(project, tmp_path / "renamed").returncode == 0
    reader = _page(tmp_path / "renamed", "drills/high-knee-run")
    assert MARK not in reader and "Short-step run" in reader
    assert MARK in _page(tmp_path / "renamed", "drills/a-march")


def test_reads_notes_the_fields_a_render_reads_and_a_walk_as_every_key():
    class Drill:
        def __init__(self, name):
            self.name, self.cues = name, ["Tall"]

        def shout(self):
            return self.name.upper()

    seen: set[str] = set()
    drills = cache.Reads({"a": Drill("A"), "b": Drill("B"), "c": Drill("C")}, seen)
    assert drills["a"].name == "A" and drills.get("b").cues == ["Tall"] and "z" not in drills
    assert drills.get("y") is None
    assert seen == {"a#name", "b#cues", "z", "y"}
    assert drills["c"].shout() == "C"  # a method may read any field: the value counts whole
    assert "c" in seen
    list(drills.items())
    assert cache.EVERY in seen


def test_disk_cache_keeps_values_and_prunes_what_no_build_used_for_a_week(tmp_path):
    store = cache.DiskCache(tmp_path)
    store.put("aa11", {"html": "<p>x</p>"})
    store.put("bb22", [1, 2])
    store.put("dd44", "used a day ago")
    week_ago = time.time() - 8 * 86400
    for key in ("aa11", "bb22"):
        os.utime(tmp_path / key[:2] / f"{key}.json", (week_ago, week_ago))
    os.utime(tmp_path / "dd" / "dd44.json", (time.time() - 86400,) * 2)
    later = cache.DiskCache(tmp_path)
    assert later.get("aa11") == {"html": "<p>x</p>"}
    assert later.get("cc33") is None
    later.prune()
    assert cache.DiskCache(tmp_path).get("aa11") is not None  # used by this build
    assert cache.DiskCache(tmp_path).get("dd44") is not None  # used within the week
    assert cache.DiskCache(tmp_path).get("bb22") is None


def test_qr_code_from_the_disk_cache_is_the_one_drawn(tmp_path):
    url = "https://example.org/drillbook/drills/a-march/"
    drawn = qr._draw(url)
    qr.use_disk_cache(cache.DiskCache(tmp_path))
    try:
        qr.svg.cache_clear()
        assert qr.svg(url) == drawn
        qr.svg.cache_clear()
        assert qr.svg(url) == drawn  # now read back from disk
        assert len(list(tmp_path.glob("*/*.json"))) == 1
    finally:
        qr.use_disk_cache(None)
        qr.svg.cache_clear()


def test_card_figure_is_kept_on_disk_by_its_key_positions(tmp_path):
    """A card's or a preview's figure is drawn once per set of key positions; the next build
    reads it back, and other key positions are drawn anew."""
    from macros.data.load import load
    from macros.render import figures

    from .project import ROOT

    drills = load(ROOT).drills
    march, skip = drills["a-march"].keyframes, drills["power-skip"].keyframes
    figures.use_disk_cache(cache.DiskCache(tmp_path))
    try:
        figures._memo.clear()
        # What strip() draws as its decorative copy: the same SVG, cached or not.
        assert figures.decorative(march[:1]) == figures.strip("a-march", march[:1])[0]["loop_svg"]
        assert len(list(tmp_path.glob("*/*.json"))) == 1
        # A later build reads it from disk: mark the stored copy to see where it came from.
        stored = next(tmp_path.glob("*/*.json"))
        stored.write_text(json.dumps("<svg>stored</svg>"))
        figures._memo.clear()
        assert figures.decorative(march[:1]) == "<svg>stored</svg>"
        # Other key positions (all of a drill's, another drill's) have their own entries.
        assert figures.decorative(march) != "<svg>stored</svg>"
        assert figures.decorative(skip[:1]) == figures.strip("x", skip[:1])[0]["loop_svg"]
        assert len(list(tmp_path.glob("*/*.json"))) == 3
    finally:
        figures.use_disk_cache(None)
        figures._memo.clear()


def test_a_restored_hand_written_page_keeps_its_title_and_its_warnings(project, tmp_path):
    """A hand-written page from the cache has the title its heading gave it, and a broken link
    in it fails every strict build, not only the one that stored it."""
    page = project / "docs" / "extra.md"
    page.write_text("# Extra heading\n\nSee [the march](drills/a-march.md).\n", encoding="utf-8")
    for name in ("fill", "repeat"):
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stderr
    first, again = _page(tmp_path / "fill", "extra"), _page(tmp_path / "repeat", "extra")
    assert again == first and "<title>Extra heading" in again

    # A link to a heading the drill page does not have: MkDocs checks it after every page is
    # read, from the links the page holds, so a restored page must bring its links back.
    page.write_text("# Extra heading\n\nSee [it](drills/a-march.md#no-such-heading).\n")
    # A link to no page at all: the warning comes while the page is converted.
    broken = project / "docs" / "broken.md"
    broken.write_text("# Broken\n\nSee [it](drills/no-such-drill.md).\n", encoding="utf-8")
    for name in ("warned", "warned-again"):
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode != 0
        assert "no-such-heading" in result.stderr, result.stderr
        assert "no-such-drill.md" in result.stderr, result.stderr
    # The page with the anchor link was stored (its warning comes later); the broken one not.
    stored = [p.read_text() for p in (project / ".cache" / "drillbook" / "pages").rglob("*.json")]
    assert any("no-such-heading" in text for text in stored)
    assert not any("no-such-drill" in text for text in stored)


def test_data_file_values_come_back_from_disk_until_its_bytes_change(tmp_path):

    data = tmp_path / "data"
    data.mkdir()
    path = data / "x.yml"
    path.write_text("name: A march\nrounds: 2\nratio: 1.5\nempty: null\n", encoding="utf-8")
    plain = yaml_reader.read(path, "data/x.yml", data)
    store = tmp_path / "cache"
    yaml_reader.use_disk_cache(cache.DiskCache(store))
    try:
        assert yaml_reader.read(path, "data/x.yml", data) == plain  # parsed, then kept
        (entry,) = store.glob("*/*.json")
        entry.write_text(json.dumps({"values": {"name": "from the cache"}}))
        assert yaml_reader.read(path, "data/x.yml", data) == {"name": "from the cache"}
        # New bytes, new values; a file that does not parse says so every time, kept or not.
        path.write_text("name: Edited\n", encoding="utf-8")
        assert yaml_reader.read(path, "data/x.yml", data) == {"name": "Edited"}
        path.write_text("name: [unclosed\n", encoding="utf-8")
        for _ in range(2):
            with pytest.raises(yaml_reader.FileProblem, match="data/x.yml: line"):
                yaml_reader.read(path, "data/x.yml", data)
        assert len(list(store.glob("*/*.json"))) == 2
    finally:
        yaml_reader.use_disk_cache(None)


def test_post_build_steps_read_an_unchanged_page_from_the_cache(tmp_path):
    """What the CSP and unused-CSS steps find in a page is kept by the page's bytes: the same
    result as without the cache, read back while the page is unchanged, redone when not."""
    html = '<p class="keep-me" style="color: red">x</p><script>go()</script>'
    pages = {"a/index.html": html}
    kept = cache.DiskCache(tmp_path)
    plain = csp.inline_code(pages)
    assert csp.inline_code(pages, kept) == plain
    assert unused_css._page_names(html, kept) == unused_css._page_names(html)
    assert "keep-me" in unused_css._page_names(html)
    stored = sorted(tmp_path.glob("*/*.json"))
    assert len(stored) == 2
    for path in stored:  # mark both entries: a later run must read them, not the page
        value = json.loads(path.read_text())
        if isinstance(value, list):
            path.write_text(json.dumps(["from-the-cache"]))
        else:
            path.write_text(json.dumps({**value, "scripts": ["from-the-cache"]}))
    assert csp.inline_code(pages, kept).scripts == {"from-the-cache"}
    assert unused_css._page_names(html, kept) == ["from-the-cache"]
    changed = html.replace("go()", "stop()")
    assert csp.inline_code({"a/index.html": changed}, kept).scripts == {"stop()"}
    assert "keep-me" in unused_css._page_names(changed, kept)


def test_filtered_theme_stylesheet_is_kept_until_its_text_or_the_names_change(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    css_path = site / "assets" / "stylesheets" / "main.abc.min.css"
    css = ".used{color:red}.gone{color:blue}"
    css_path.write_text(css, encoding="utf-8")
    (site / "index.html").write_text('<p class="used">x</p>', encoding="utf-8")
    kept = cache.DiskCache(tmp_path / "cache")
    unused_css.drop_unused_theme_rules(site, kept)
    plain = unused_css.without_unused(css, unused_css.site_names(site))
    assert css_path.read_text(encoding="utf-8") == plain == ".used{color:red}\n"
    # The same stylesheet and names again: the stored result, not a new parse.
    for path in (tmp_path / "cache").glob("*/*.json"):
        if json.loads(path.read_text()) == plain:
            path.write_text(json.dumps("/* from the cache */"))
    css_path.write_text(css, encoding="utf-8")
    unused_css.drop_unused_theme_rules(site, kept)
    assert css_path.read_text(encoding="utf-8") == "/* from the cache */"
    # A page that uses another class: filtered anew.
    (site / "index.html").write_text('<p class="used gone">x</p>', encoding="utf-8")
    css_path.write_text(css, encoding="utf-8")
    unused_css.drop_unused_theme_rules(site, kept)
    assert css_path.read_text(encoding="utf-8") == css + "\n"
