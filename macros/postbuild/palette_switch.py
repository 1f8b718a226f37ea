"""Narrow the theme's "no transitions while the colours switch" rule to the elements that have
transitions, in the built site.

Material's light/dark toggle sets ``data-md-color-switching`` on <body> whenever it applies a
colour scheme (on every page load, not only on a toggle) and removes it a frame later; its
palette stylesheet turns transitions off meanwhile with ``[data-md-color-switching] *`` (and
``:after``, ``:before``). A rule that reaches every element makes the browser restyle the
whole page each time the attribute comes and goes: on our drill page that was about 30 ms of
main-thread time at load, most of what the theme costs us over a default Material page
(bench/mainthread.py). Written for only the elements some rule of the site gives a
transition, the rule switches the same and the browser restyles only those.

Which elements: the last compound selector (``.md-nav__link``, ``li.drill-card``) of every
rule in the site's stylesheets that sets a transition, grouped by the pseudo-element it styles.
A compound matches at least the elements its full selector does, so nothing that transitions
is missed; a few more are covered, which is harmless. tinycss2 parses, as in unused_css.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import tinycss2

from .unused_css import _parse_rules, _selectors

SWITCHING = "[data-md-color-switching]"
PALETTE = "assets/stylesheets/palette.*.min.css"
_PSEUDO_ELEMENTS = {"after", "before", "placeholder", "marker", "selection", "backdrop"}
_COMBINATORS = {">", "+", "~"}
# A declaration that turns transitions off is not a transition to switch off.
_NO_TRANSITION = {"none", "0", "0s", "0ms"}
_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _last_compound(selector: list) -> tuple[str, str]:
    """``.md-typeset a:before`` → ("a", "::before"): the compound an element must match itself,
    without its pseudo-element, and the pseudo-element ("" for the element)."""
    start = 0
    for i, token in enumerate(selector):
        if token.type == "whitespace" or (token.type == "literal" and token.value in _COMBINATORS):
            start = i + 1
    compound = [t for t in selector[start:] if t.type != "whitespace"]
    pseudo = ""
    if (
        len(compound) >= 2
        and compound[-1].type == "ident"
        and compound[-1].lower_value in _PSEUDO_ELEMENTS
        and compound[-2].type == "literal"
        and compound[-2].value == ":"
    ):
        pseudo = "::" + compound[-1].lower_value
        compound = compound[:-2]
        if compound and compound[-1].type == "literal" and compound[-1].value == ":":
            compound = compound[:-1]  # the modern ::after
    return tinycss2.serialize(compound).strip() or "*", pseudo


def _sets_transition(content) -> bool:
    for decl in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration" and decl.lower_name.startswith("transition"):
            if tinycss2.serialize(decl.value).strip().lower() not in _NO_TRANSITION:
                return True
    return False


def transitioned(css_texts: list[str]) -> dict[str, list[str]]:
    """pseudo-element ("" for none) → the compounds of the rules that set a transition."""
    found: dict[str, set[str]] = {}

    def walk(rules) -> None:
        for rule in rules:
            if rule.type == "qualified-rule" and _sets_transition(rule.content):
                for selector in _selectors(rule.prelude):
                    compound, pseudo = _last_compound(selector)
                    found.setdefault(pseudo, set()).add(compound)
            elif rule.type == "at-rule" and rule.content is not None:
                walk(_parse_rules(rule.content))

    for css in css_texts:
        walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return {pseudo: sorted(names) for pseudo, names in sorted(found.items())}


def narrowed(palette_css: str, elements: dict[str, list[str]]) -> str:
    """``palette_css`` with its switching rule's selectors replaced by one per pseudo-element:
    ``[data-md-color-switching] :is(.a,.b)::after``. Unchanged when it has no such rule."""
    prelude = ",".join(
        f"{SWITCHING} :is({','.join(names)}){pseudo}" for pseudo, names in elements.items()
    )

    def rewrite(rules) -> list[str]:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule" and SWITCHING in tinycss2.serialize(rule.prelude):
                out.append(prelude + "{" + tinycss2.serialize(rule.content) + "}")
            elif rule.type == "at-rule" and rule.content is not None:
                inner = "".join(rewrite(_parse_rules(rule.content)))
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            else:
                out.append(rule.serialize())
        return out

    if not elements:
        return palette_css
    rules = tinycss2.parse_stylesheet(palette_css, skip_comments=True, skip_whitespace=True)
    return "".join(rewrite(rules)) + "\n"


def narrow_switching_rule(site_dir: Path, cache=None) -> bool:
    """Rewrite the theme's palette stylesheet in ``site_dir`` (see the module's docstring);
    True when it had the rule. Run after unused_css.py, so only live rules count. ``cache``
    (a macros.render.cache.DiskCache) keeps the result by the stylesheets' text."""
    changed = False
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("*.css"))
    for path in sorted(site_dir.glob(PALETTE)):
        before = path.read_text(encoding="utf-8")
        others = [p.read_text(encoding="utf-8") for p in sheets if p != path]

        def make(css=before, others=others) -> str:
            return narrowed(css, transitioned(others))

        after = cache.kept((_VERSION, before, *others), make) if cache else make()
        path.write_text(after, encoding="utf-8")
        changed = changed or after != before
    return changed
