"""Dropping the theme's colour-switching rule (macros/postbuild/palette_switch.py)."""

from __future__ import annotations

from macros.postbuild.palette_switch import SWITCHING, without_switching_rule

PALETTE = (
    "@media screen{[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}}"
    "@media screen{.md-header{color:red}[data-md-color-switching] *{transition:none}}"
    "[data-md-color-scheme=slate]{--md-hue:232}"
)


def test_the_switching_rule_goes_and_everything_else_stays():
    assert without_switching_rule(PALETTE) == (
        "@media screen{.md-header{color:red}}[data-md-color-scheme=slate]{--md-hue:232}\n"
    )


def test_a_stylesheet_without_it_is_left_as_it_was():
    css = "[data-md-color-scheme=slate]{--md-hue:232}"
    assert without_switching_rule(css) == css


def test_the_built_palette_stylesheet_has_no_switching_rule(built_site):
    (palette,) = (built_site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = palette.read_text(encoding="utf-8")
    assert SWITCHING not in css and "data-md-color-scheme=slate" in css
