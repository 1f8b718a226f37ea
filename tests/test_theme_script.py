"""Material's bundle.js is deferred on every page (macros/postbuild/theme_script.py), and what
uses it still runs after it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from macros.postbuild.theme_script import defer_theme_bundle


class _Scripts(HTMLParser):
    """The page's external scripts in order, with their attributes."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs)


def _scripts(html: str) -> list[dict]:
    parser = _Scripts()
    parser.feed(html)
    return parser.scripts


def _runs_after_parsing(script: dict) -> bool:
    return "defer" in script or script.get("type") == "module"


def test_the_theme_bundle_is_deferred_and_runs_before_the_scripts_that_use_it(built_site):
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        scripts = _scripts(path.read_text(encoding="utf-8"))
        bundles = [i for i, s in enumerate(scripts) if "/bundle." in s["src"]]
        assert len(bundles) == 1, path
        first = bundles[0]
        assert "defer" in scripts[first], f"{path}: the theme's bundle.js blocks the parser"
        # Deferred scripts and modules run in document order once the page is parsed: what
        # reads the theme's document$ (the print script) must come after the bundle.
        for script in scripts[first + 1 :]:
            assert _runs_after_parsing(script), f"{path}: {script['src']} would run first"
        assert any("print.js" in s["src"] for s in scripts[first + 1 :]), path


def test_only_the_theme_bundle_tag_changes():
    html = (
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="../assets/timer/element.js" type="module"></script>'
    )
    out = defer_theme_bundle(html)
    assert out.count("defer") == 1
    assert re.search(r'<script defer src="[^"]*bundle\.a5f9d56c\.min\.js"></script>', out)
    assert defer_theme_bundle("<p>no theme</p>") == "<p>no theme</p>"
