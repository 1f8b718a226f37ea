"""The built search index holds what a reader searches for: no QR address, button label or
log heading from the printed sheets (Material leaves out data-search-exclude elements)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .htmltree import tree

# From the issue: what search results showed before the sheets' blocks were left out.
PRINT_ONLY = [
    "QR code",
    "127.0.0.1:8000",  # the local build's site_url (tests/project.py), printed under the code
    "Live timer and sources online",
    "Print drill sheet",
    "Print session sheet",
    "Download the sheet",
    "Log Date Sets done Notes",
    "Start the warm-up",
    "Clear filters",
]


def _index(site) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _squeezed(text: str) -> str:
    """Text without tags or whitespace: the index and the page space words differently."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text))


def test_no_search_entry_shows_print_only_text_or_button_labels(built_site):
    found = [
        (doc["location"], phrase)
        for doc in _index(built_site)
        for phrase in PRINT_ONLY
        if _squeezed(phrase) in _squeezed(doc["title"] + doc["text"])
    ]
    assert found == []


def _pages_with_search_text(site) -> list[str]:
    return sorted({urlsplit(doc["location"]).path for doc in _index(site)})


def _not_for_search(page) -> list[str]:
    """The texts of a page's buttons and paper-only blocks, those long enough to be told from
    the page's own words (a "Print" button on the "Print sheets" page is not counted)."""
    elements = [
        e
        for e in page.iter()
        if e.tag == "button" or {"md-button", "sheet-print-only"} & set(e.classes)
    ]
    return [text for e in elements if len(text := _squeezed(e.text)) >= 8]


def _page_params():
    from .project import ROOT

    # The pages the index covers are known only after a build: the hand-written ones by name,
    # the generated ones from data/.
    pages = ["", "drills/", "sessions/", "sheets/", "benefits/", "sources/", "disclaimer/"]
    pages += ["builder/", "history/"]
    pages += [f"drills/{p.stem}/" for p in sorted((ROOT / "data" / "drills").glob("*.yml"))]
    pages += [f"sessions/{p.stem}/" for p in sorted((ROOT / "data" / "sessions").glob("*.yml"))]
    return [pytest.param(p, id=p or "home") for p in pages]


@pytest.mark.parametrize("path", _page_params())
def test_no_button_label_or_paper_only_text_is_search_text(built_site, path):
    assert path in _pages_with_search_text(built_site)
    page = tree((built_site / path / "index.html").read_text(encoding="utf-8"))
    entries = "".join(
        _squeezed(doc["title"] + doc["text"])
        for doc in _index(built_site)
        if urlsplit(doc["location"]).path == path
    )
    assert [text for text in _not_for_search(page) if text in entries] == []
