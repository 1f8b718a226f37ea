"""Drop the theme's style rules that can match nothing on this site, in the built site.

Material ships one stylesheet for every feature it has (tabs, blog, code copy, keyboard keys,
banners, …): 137 KB, 22 KB gzipped, of which this site uses about a quarter. It blocks first
paint and every first visit downloads it, so shipping what the site can use is the largest
saving the pages can make (bench/lighthouse.py, bench/weight.py measure it).

The rule, conservative on purpose: a selector is dropped only when it names a class (``.x``,
outside any ``:not()``/``:is()``/… argument) or a ``[data-…=value]`` that appears in no built
page and in none of the site's scripts; a rule goes when all its selectors go. Classes the
theme's JavaScript adds are string literals in its bundle, so they count as used, and so do
names it builds from a literal prefix (``"md-tag--" + …``). One pass over the whole site, as
every page loads the same stylesheet. Only the theme's own files are rewritten; ours are small
and every rule in them is meant.

tinycss2 (maintained, Kozea's CSS Syntax Level 3 tokenizer) parses the stylesheets, so at-rules,
strings and nested blocks are handled by a real parser, not a regular expression.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

# Names a page or a script could use for a class or an attribute value.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Where a page can name a class or an attribute value a selector looks for: class and data-*
# attributes, and inline scripts (which may add either).
_PAGE_NAMES = re.compile(
    r"""\s(?:class|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|<script\b[^>]*>(.*?)</script>""",
    re.S | re.I,
)
# Material's stylesheets in the built site (their names carry a content hash).
THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# Search's language packs (hundreds of KB): they never touch the page, so they name no class.
_LUNR = "lunr"
# At-rules that hold style rules; their contents are filtered like the top level.
_GROUPING = {"media", "supports", "container", "layer"}


class UsedNames:
    """Every name that appears in the site's pages and scripts."""

    def __init__(self, texts: Iterable[str]):
        self.names: set[str] = set()
        for text in texts:
            self.names.update(_NAME.findall(text))
        # "md-tag--" + kind: a literal ending in - or _ may be the start of a built name.
        self.prefixes = tuple(n for n in self.names if n.endswith(("-", "_")) and len(n) > 2)

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def _selectors(prelude: list) -> list[list]:
    """A selector list's tokens, split at its top-level commas."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _attribute_value(block) -> tuple[str, str] | None:
    """``[name=value]`` → (name, value); any other attribute selector → None."""
    parts = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if (
        len(parts) >= 3
        and parts[0].type == "ident"
        and parts[1].type == "literal"
        and parts[1].value == "="
        and parts[2].type in ("ident", "string")
    ):
        return parts[0].lower_value, parts[2].value
    return None


def may_match(selector: list, used: UsedNames) -> bool:
    """False only when the selector needs a class or data-attribute value the site never has.

    Arguments of functional pseudo-classes (``:not(.x)``, ``:is(…)``) are not looked into:
    ``:not(.unused)`` matches everything, so guessing there could drop a live rule."""
    after_dot = False
    for token in selector:
        if after_dot and token.type == "ident" and token.value not in used:
            return False
        after_dot = token.type == "literal" and token.value == "."
        if token.type == "[] block":
            pair = _attribute_value(token)
            if pair and pair[0].startswith("data-") and pair[1] not in used:
                return False
    return True


def _filter(rules: list, used: UsedNames) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            live = [s for s in selectors if may_match(s, used)]
            if not live:
                continue
            if len(live) < len(selectors):
                prelude = ",".join(tinycss2.serialize(s).strip() for s in live)
                kept.append(prelude + "{" + tinycss2.serialize(rule.content) + "}")
            else:
                kept.append(rule.serialize())
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = _filter(_parse_rules(rule.content), used)
            if inner:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(rule.serialize())
        # comments (the source-map note: the map no longer fits), whitespace, parse errors: gone
    return kept


def _parse_rules(content) -> list:
    return tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True)


def without_unused(css: str, used: UsedNames) -> str:
    """``css`` less the rules that can match nothing (see the module's docstring)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_filter(rules, used)) + "\n"


_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _page_names(html: str, cache=None) -> list[str]:
    """The names one page's class and data-* attributes and inline scripts hold. With
    ``cache`` (a macros.render.cache.DiskCache), kept by a hash of the page and this code: a
    repeat build writes most pages byte for byte as before, and scanning them is most of this
    step."""

    def scan() -> list[str]:
        texts = ("".join(groups) for groups in _PAGE_NAMES.findall(html))
        return sorted({name for text in texts for name in _NAME.findall(text)})

    return cache.kept((_VERSION, html), scan) if cache else scan()


def site_names(site_dir: Path, cache=None) -> UsedNames:
    """The names in every script of ``site_dir`` and, of its pages, in their class and data-*
    attributes and inline scripts (the rest of a page cannot name a class; reading only
    these keeps the step cheap on a site of thousands of pages)."""
    scripts = sorted(site_dir.rglob("*.js"))
    texts = [p.read_text(encoding="utf-8") for p in scripts if _LUNR not in p.parts]
    for page in sorted(site_dir.rglob("*.html")):
        texts.append(" ".join(_page_names(page.read_text(encoding="utf-8"), cache)))
    return UsedNames(texts)


def drop_unused_theme_rules(site_dir: Path, cache=None) -> dict[str, tuple[int, int]]:
    """Rewrite the theme's stylesheets in ``site_dir`` without their unused rules; returns
    each file's size in bytes before and after. Run after every step that changes pages or
    scripts, so every name they use is seen. ``cache``: see :func:`_page_names`; it also keeps
    each filtered stylesheet by its text and the names (parsing it is most of a rebuild's
    share of this step, and `make serve` rebuilds on every save)."""
    used = site_names(site_dir, cache)
    sizes = {}
    for pattern in THEME_STYLESHEETS:
        for path in sorted(site_dir.glob(pattern)):
            before = path.read_text(encoding="utf-8")
            if cache:  # the same stylesheet and names as a build before: the same result
                parts = (_VERSION, before, *sorted(used.names))
                after = cache.kept(parts, lambda css=before: without_unused(css, used))
            else:
                after = without_unused(before, used)
            path.write_text(after, encoding="utf-8")
            sizes[path.relative_to(site_dir).as_posix()] = (len(before), len(after))
    return sizes
