"""Benchmark-only MkDocs hook: write each page's Markdown as it is after the macros ran.

Hooks run after plugins, so ``markdown`` here is the final Markdown the theme will convert.
The plain baseline project is built from these files.
"""

import os
from pathlib import Path

import yaml

OUT = Path(os.environ["DRILLBOOK_DUMP_DIR"])


def on_page_markdown(markdown, page, config, files):
    dest = OUT / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False)
    dest.write_text(f"---\n{meta}---\n\n{markdown}", encoding="utf-8")
    return markdown
