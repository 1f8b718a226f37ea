"""Material's search index, adjusted after the build."""

from __future__ import annotations

import json
from pathlib import Path


def fold_title_sections(path: Path) -> None:
    """Fold a page's title section into its empty preface in Material's search index.

    Printable pages wrap their content in ``<article class="sheet">`` with the h1 inside, so
    Material's indexer sees an empty preface (the page) and then the h1 as a section. Search
    results show the page's own text as its teaser, so give the page the h1 section's text
    (the drill's summary comes first) instead of a blank.
    """
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
