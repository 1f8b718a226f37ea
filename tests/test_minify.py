"""Minifying our own CSS/JS (rjsmin, rcssmin) keeps meaning on the cases a naive shrinker breaks."""

from __future__ import annotations

import subprocess

import pytest

from macros.postbuild import minify

from .project import ROOT


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ('.a::after { content: ", "; }', 'content:", "'),
        ('.a::after { content: "/* not a comment */"; }', '"/* not a comment */"'),
        ('.a::before { content: "  two  spaces  "; }', '"  two  spaces  "'),
        (".a :focus, .b > .c { margin: 0 auto; }", ".a :focus"),  # descendant combinator
        ("a { width: calc(100% - 2rem); }", "calc(100% - 2rem)"),
    ],
)
def test_css_strings_content_values_and_meaningful_spaces_survive(source, kept):
    assert kept in minify.css(source)


def test_css_loses_comments_and_indentation():
    assert minify.css("/* why */\n.a {\n  color: red;\n}\n") == ".a{color:red}\n"


@pytest.mark.parametrize(
    "kept",
    [
        "'a // not a comment'",
        '"/* nor this */"',
        "`line one\n    indented ${name}  line`",
        "/\\/\\/ *x/g",
        "'two  spaces'",
    ],
)
def test_js_strings_template_literals_and_regex_literals_survive(kept):
    source = f"// header\nfunction f(name) {{\n  // why\n  return [{kept}];\n}}\n"
    out = minify.js(source)
    assert kept in out
    assert "header" not in out and "why" not in out


def test_minified_js_still_runs_the_same(tmp_path):
    source = (
        "const re = /\\/\\/ *x/g; // a regex with comment markers\n"
        "const t = `a  ${1 + 1}\n  b`;\n"
        "console.log(JSON.stringify(['x // y', '/* z */', 'a  b'.split(re), t]));\n"
    )
    outputs = []
    for text in (source, minify.js(source)):
        script = tmp_path / "s.mjs"
        script.write_text(text)
        outputs.append(subprocess.run(["node", script], capture_output=True, text=True).stdout)
    assert outputs[0] == outputs[1] and outputs[0].strip()


def test_built_own_assets_are_minified_and_smaller_than_their_sources(built_site):
    docs = ROOT / "docs"
    for rel in ("assets/timer/element.js", "assets/timer/engine.js", "assets/timer/timer.css"):
        built = (built_site / rel).read_text(encoding="utf-8")
        assert len(built) < len((docs / rel).read_text(encoding="utf-8"))
        assert "\n  " not in built  # no indentation left
