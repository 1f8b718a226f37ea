"""Dropping the theme's unused CSS rules (macros/postbuild/unused_css.py): what goes, what stays."""

from __future__ import annotations

from macros.postbuild.unused_css import UsedNames, without_unused

USED = UsedNames(['<p class="md-typeset kept">', 'el.classList.add("md-tag--" + kind)'])


def trim(css: str) -> str:
    return without_unused(css, USED).strip()


def test_a_rule_naming_an_unused_class_goes_and_a_used_one_stays():
    assert trim(".gone{color:red}.kept{color:blue}") == ".kept{color:blue}"


def test_every_class_of_a_selector_must_be_used():
    assert trim(".md-typeset .gone{color:red}") == ""
    assert trim(".md-typeset .kept{color:red}") == ".md-typeset .kept{color:red}"


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    assert trim(".gone,.kept>a,.also-gone{margin:0}") == ".kept>a{margin:0}"


def test_rules_without_classes_and_negations_of_unused_classes_stay():
    css = "body{margin:0}a:not(.gone){color:red}:is(.gone,.kept) p{top:0}"
    assert trim(css) == css


def test_a_class_built_from_a_literal_prefix_in_a_script_counts_as_used():
    assert trim(".md-tag--beginner{color:red}") == ".md-tag--beginner{color:red}"


def test_a_data_attribute_value_the_site_never_has_goes():
    used = UsedNames(['<body data-md-color-primary="custom">'])
    css = "[data-md-color-primary=red]{--c:red}[data-md-color-primary=custom]{--c:clay}"
    assert without_unused(css, used).strip() == "[data-md-color-primary=custom]{--c:clay}"


def test_media_blocks_are_filtered_and_dropped_when_empty_other_at_rules_stay():
    css = (
        "@media screen{.gone{top:0}.kept{top:1px}}@media print{.gone{top:0}}"
        "@font-face{font-family:x}@keyframes spin{to{rotate:1turn}}"
    )
    assert trim(css) == (
        "@media screen{.kept{top:1px}}@font-face{font-family:x}@keyframes spin{to{rotate:1turn}}"
    )
