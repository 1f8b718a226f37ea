"""The build's CSS/JS shrinking keeps meaning: only comments and insignificant space go."""

from __future__ import annotations

from macros import minify


def test_css_drops_comments_and_space_but_keeps_descendant_combinators():
    source = "/* why */\n.a  :focus,\n.b > .c {\n  color: red;\n  margin: 0 auto;\n}\n"
    assert minify.css(source) == ".a :focus,.b > .c{color: red;margin: 0 auto}\n"


def test_css_keeps_calc_spacing():
    assert minify.css("a { width: calc(100% - 2rem); }") == "a{width: calc(100% - 2rem)}\n"


def test_js_drops_whole_line_comments_and_indentation_only():
    source = "// header\nfunction f() {\n  // why\n  return 'a // not a comment';\n}\n"
    assert minify.js(source) == "function f() {\nreturn 'a // not a comment';\n}\n"


def test_js_with_a_multiline_template_literal_is_left_alone():
    source = "const s = `line one\n    indented line`;\n"
    assert minify.js(source) == source


def test_built_assets_are_smaller_than_their_sources(built_site):
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    for rel in ("assets/timer/element.js", "assets/timer/timer.css"):
        assert (built_site / rel).stat().st_size < (docs / rel).stat().st_size
