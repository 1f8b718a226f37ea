"""Stylesheets linked in a page's body end up in its head, before the head's last script
(macros/postbuild/page_stylesheets.py, docs/overrides/main.html)."""

from __future__ import annotations

import re

from macros.postbuild.page_stylesheets import MARK, hoist

CARDS = '<link rel="stylesheet" href="../assets/stylesheets/cards.css">'
PAGE = (
    '<html><head><link rel="stylesheet" href="../main.css">\n  '
    + MARK
    + "\n  <script>head()</script></head>\n<body><p>a</p>\n"
    + CARDS
    + "<ol></ol>\n"
    + CARDS
    + '<link rel="stylesheet" href="../x.css"></body></html>'
)


def test_body_links_move_to_the_mark_once_each_in_their_order():
    html = hoist(PAGE)
    head, body = html.split("<body", 1)
    assert MARK not in html
    assert head.index(CARDS) < head.index('href="../x.css"') < head.index("<script>head()")
    assert head.index('href="../main.css"') < head.index(CARDS)
    assert head.count(CARDS) == 1
    assert "<link" not in body
    assert "<p>a</p>" in body and "<ol></ol>" in body


def test_a_page_without_body_links_only_loses_the_mark():
    page = PAGE.replace(CARDS, "").replace('<link rel="stylesheet" href="../x.css">', "")
    assert hoist(page) == page.replace(MARK, "")


def test_a_page_without_the_mark_is_left_alone():
    page = PAGE.replace(MARK, "")
    assert hoist(page) == page


def test_no_built_page_links_a_stylesheet_in_its_body(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        body = html[html.find("<body") :]
        assert MARK not in html, path
        assert not re.search(r"<link[^>]*stylesheet", body), f"{path}: a stylesheet in the body"


def test_pages_with_cards_load_cards_css_in_the_head_after_the_site_s_stylesheets(built_site):
    for page in ("index.html", "drills/index.html", "sessions/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        links = re.findall(r'<link rel="stylesheet" href="[^"]*cards\.css">', head)
        assert len(links) == 1, page
        # The cascade as it was with the link in the body: after the theme's and ours.
        for earlier in ("drillbook.css", "figures.css"):
            assert head.index(earlier) < head.index(links[0]), (page, earlier)
    drill = (built_site / "drills/high-knee-run/index.html").read_text(encoding="utf-8")
    assert "cards.css" not in drill
