"""What a first visit downloads, and the search index everyone who searches downloads.

The first visit is the page plus what the service worker fetches at install: the PRECACHE the
build wrote into sw.js (macros/postbuild/offline.py), each file gzipped as GitHub Pages serves
it. Drill pages are not in it (they are kept as they are visited), so it should not grow with
the library; the search index does, and its size per drill is the figure to watch.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def _file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url.endswith("/") or url == "./" else site_dir / url


def precache(site_dir: Path) -> list[str]:
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"\bPRECACHE=(\[.*?\]);", sw).group(1))


def run(site_dir: Path, drills: int) -> dict:
    urls = ["sw.js", *precache(site_dir)]
    blobs = [_file(site_dir, url).read_bytes() for url in urls]
    index_path = site_dir / "search" / "search_index.json"
    index = index_path.read_bytes()
    docs = json.loads(index)["docs"]
    repeated = sum(n - 1 for n in Counter(d["location"] for d in docs).values() if n > 1)
    return {
        "drills": drills,
        "first_visit_files": len(urls),
        "first_visit_kib": round(sum(map(len, blobs)) / 1024),
        "first_visit_gzip_kib": round(sum(map(_gz, blobs)) / 1024),
        "drill_pages_precached": sum(bool(re.fullmatch(r"drills/[^/]+/", u)) for u in urls),
        "search_index_kib": round(len(index) / 1024),
        "search_index_gzip_kib": round(_gz(index) / 1024),
        "search_index_per_drill_kib": round(len(index) / 1024 / drills, 2),
        "search_index_per_drill_gzip_kib": round(_gz(index) / 1024 / drills, 2),
        "search_entries": len(docs),
        "search_duplicates": repeated,
    }
