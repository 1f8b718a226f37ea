"""A name or claim with quotes, & < > and template braces reads as written everywhere it shows.

One strict build of a copy of the project where a drill and a claim carry such a text; each
test reads one place a reader meets it, as the browser would show it (entities decoded).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from macros.data.load import load_for_build

from .htmltree import tree
from .project import ROOT, copy_project, mkdocs_build

WRITTEN = "O'Neil's \"A & <B>\" {{ skip }} {% x %}"
# What Python-Markdown's slugify makes of it: no entity names or numbers ("39", "amp", "123").
CLEAN_ID = "oneils-a-b-skip-x"
# The claim given that text (its id, the heading's anchor, stays).
CLAIM_ID = load_for_build(ROOT).claims[0].id


def _set(project: Path, rel: str, change) -> None:
    path = project / rel
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("as-written")
    project = copy_project(base / "project")
    _set(project, "data/drills/high-knee-run.yml", lambda d: d.update(name=WRITTEN))
    _set(project, "data/benefits.yml", lambda d: d["claims"][0].update(claim=WRITTEN))
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def _page(site: Path, path: str):
    return tree((site / path / "index.html").read_text())


def _heading(page, text: str):
    found = [h for tag in ("h1", "h2", "h3") for h in page.find_all(tag) if text in h.text]
    assert found, f"no heading with {text!r}"
    return found[0]


def _as_shown(fragment: str) -> str:
    """An HTML fragment's text as a browser shows it: tags dropped, entities decoded."""
    return " ".join(tree(fragment).text.split())


def test_drill_heading_reads_as_written_with_a_clean_id(site):
    h1 = _page(site, "drills/high-knee-run").find("h1")
    assert h1.text.removesuffix(" ¶") == WRITTEN
    assert h1.attrs["id"] == CLEAN_ID


def test_page_title_reads_as_written(site):
    title = _page(site, "drills/high-knee-run").find("title")
    assert title.text == f"{WRITTEN} - drillbook"


def test_claim_heading_and_its_table_of_contents_entry_read_as_written(site):
    page = _page(site, "benefits")
    assert _heading(page, "O'Neil").text.removesuffix(" ¶") == WRITTEN
    toc = [a.text for a in page.find_all("a.md-nav__link") if "Neil" in a.text]
    assert toc and set(toc) == {WRITTEN}


def test_session_step_heading_toc_entry_and_id_are_clean(site):
    page = _page(site, "sessions/first-drills")
    heading = _heading(page, "O'Neil")
    assert heading.text.removesuffix(" ¶").split(". ", 1)[1] == WRITTEN
    assert re.fullmatch(rf"\d+-{CLEAN_ID}", heading.attrs["id"])
    toc = [a.text for a in page.find_all("a.md-nav__link") if "Neil" in a.text]
    assert toc and all(entry.split(". ", 1)[1] == WRITTEN for entry in toc)


def test_search_index_titles_and_text_read_as_written(site):
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    by_location = {d["location"]: d for d in docs}
    assert html.unescape(by_location["drills/high-knee-run/"]["title"]) == WRITTEN
    assert _as_shown(by_location[f"benefits/#{CLAIM_ID}"]["title"]) == WRITTEN
    # A result lists the page's tags (every name of the drill), also as HTML.
    assert WRITTEN in [_as_shown(tag) for tag in by_location["drills/high-knee-run/"]["tags"]]
    # Everywhere else the name is in a page's text, it is the same text.
    texts = [_as_shown(d["text"]) for d in docs if "Neil" in d["text"]]
    assert texts and all(WRITTEN in t for t in texts)
    assert not any("&#" in d["title"] + d["text"] for d in docs if "Neil" in d["text"])


def test_printed_sheet_and_sheet_gallery_read_as_written(site):
    sheet = _page(site, "drills/high-knee-run").find("article.sheet")
    assert sheet.find("h1").text.removesuffix(" ¶") == WRITTEN
    gallery = _page(site, "sheets")
    assert any(p.text == WRITTEN for p in gallery.find_all("p"))
