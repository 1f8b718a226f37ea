"""Slugs: the one rule for record file names and the references to them, and the names taken.

A drill's slug is its file name (data/drills/<slug>.yml), its page (drills/<slug>/), its PDF
(downloads/<slug>.pdf) and what other records write to refer to it (progressions, session
items). Files and references follow the same rule, so any file that loads can be referred to.
"""

from __future__ import annotations

import re
from pathlib import Path

SLUG_MAX_LENGTH = 60
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RULE = "lowercase letters, digits and hyphens, e.g. high-knee-run"
_SLUG = re.compile(SLUG_PATTERN)

# What the build writes that no file in docs/ names. Everything else the site owns is read from
# docs/ itself (reserved() below), so a new page reserves its name by existing.
# tests/test_load_limits.py compares both with a real build's output: a new output that neither
# covers fails that test instead of waiting for a drill to be named after it.
GENERATED = {
    "search": "the search index (search/)",  # MkDocs' search plugin
    "sitemap": "the sitemap (sitemap.xml)",  # MkDocs
    "downloads": "the PDF sheets (downloads/)",  # macros/postbuild/pdf.py
    "drillbook-sheets": "the sheets booklet (downloads/drillbook-sheets.pdf)",  # the same
}


def is_slug(text: str) -> bool:
    return len(text) <= SLUG_MAX_LENGTH and _SLUG.match(text) is not None


def reserved(root: Path, folder: str) -> dict[str, str]:
    """Every name a record in ``folder`` ("drills", "sessions") must not take, with its owner.

    A record's page is generated as ``<folder>/<slug>.md``: a slug equal to a page already in
    docs/<folder>/ replaces it (data/drills/index.yml replaced the drills index). The other
    names (docs/'s top level, the theme's templates in docs/overrides/, what the build
    generates) do not collide today, but they are the site's own addresses: keeping records
    off them keeps every name meaning one thing, whatever a later change flattens or links.
    """
    docs = Path(root) / "docs"  # mkdocs.yml: docs_dir, and the theme's custom_dir inside it
    owners: dict[str, str] = {}
    for where in (docs / folder, docs, docs / "overrides"):
        if not where.is_dir():
            continue
        for entry in sorted(where.iterdir()):
            if entry.name.startswith("."):
                continue
            name = entry.name.split(".", 1)[0]
            owner = entry.relative_to(root).as_posix() + ("/" if entry.is_dir() else "")
            owners.setdefault(name, owner)
    for name, owner in GENERATED.items():
        owners.setdefault(name, owner)
    return owners
