"""Narrowing the theme's colour-switching rule (macros/postbuild/palette_switch.py) to the
elements that have transitions. Its effect in a browser: tests/browser/test_palette_switch.py."""

from __future__ import annotations

from macros.postbuild.palette_switch import narrowed, transitioned

PALETTE = (
    "@media screen{[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}}"
    "[data-md-color-scheme=slate]{--md-hue:232}"
)


def test_the_last_compound_of_each_rule_with_a_transition_grouped_by_pseudo_element():
    css = (
        ".md-typeset a,.md-typeset a:before{transition:color 125ms}"
        "@media screen{.x>li.card:hover{transition:border-color 125ms}}"
        ".md-search__input::placeholder{transition:color .25s}"
        ".still{color:red}"
        "@media (prefers-reduced-motion){*,:after,:before{transition:none!important}}"
    )
    assert transitioned([css]) == {
        "": ["a", "li.card:hover"],
        "::before": ["a"],
        "::placeholder": [".md-search__input"],
    }


def test_the_switching_rule_names_only_those_elements_and_the_rest_stays():
    out = narrowed(PALETTE, {"": [".a", "li.b"], "::after": [".c"]})
    assert out == (
        "@media screen{[data-md-color-switching] :is(.a,li.b),"
        "[data-md-color-switching] :is(.c)::after{transition-duration:0s!important}}"
        "[data-md-color-scheme=slate]{--md-hue:232}\n"
    )


def test_nothing_with_a_transition_leaves_the_stylesheet_as_it_was():
    assert narrowed(PALETTE, {}) == PALETTE
