"""Minify the site's own CSS and JavaScript in the built site (the sources stay readable).

rjsmin and rcssmin (maintained, pure Python, string-aware: strings, template literals, regular
expression literals and ``content:`` values come through unchanged) do the work; this module
only picks the files. The theme's files are minified already, and docs/assets/vendor/ is a
third party's code, left as shipped. The browser tests run against the minified files.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


def js(text: str) -> str:
    # keep_bang_comments: a /*! licence */ comment stays, as licences ask.
    return rjsmin.jsmin(text, keep_bang_comments=True) + "\n"


def own_assets(docs_dir: Path, site_dir: Path, extra: list[str] = ()) -> list[Path]:
    """Minify, in place in ``site_dir``, every CSS/JS file copied from ``docs_dir``/assets and
    the ``extra`` built files (paths under the site root); returns the files rewritten."""
    rels = [
        source.relative_to(docs_dir)
        for source in sorted((docs_dir / "assets").rglob("*"))
        if source.suffix in (".css", ".js") and "vendor" not in source.relative_to(docs_dir).parts
    ]
    rels += [Path(rel) for rel in extra]
    done = []
    for rel in rels:
        built = site_dir / rel
        if not built.is_file():
            continue
        shrink = css if rel.suffix == ".css" else js
        built.write_text(shrink(built.read_text(encoding="utf-8")), encoding="utf-8")
        done.append(built)
    return done
