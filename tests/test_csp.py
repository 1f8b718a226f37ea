"""The Content-Security-Policy (macros/postbuild/csp.py) on the built pages, without a browser:
one policy on every page, first in its head, naming by hash exactly the inline scripts the pages
carry and nothing looser. tests/browser/test_csp.py checks that browsers agree."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from macros.postbuild import csp

from .project import ROOT

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Every inline script a browser runs: no src, no type (or a JavaScript one).
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application)[^>]*>(.*?)</script>", re.S
)


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_every_page_carries_one_policy_first_in_its_head(built_site):
    policies = set()
    for rel, html in pages(built_site).items():
        found = META.findall(html)
        assert len(found) == 1, rel
        head = html[html.index("<head>") : html.index(found[0])]
        assert re.fullmatch(
            r'<head>\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="',
            head,
        ), rel
        policies.add(found[0])
    # One policy for the whole site (csp.py).
    assert len(policies) == 1


def test_policy_names_exactly_the_inline_scripts_the_pages_carry(built_site):
    scripts = {s for html in pages(built_site).values() for s in INLINE_SCRIPT.findall(html) if s}
    assert len(scripts) > 5  # the theme's and ours: palette, search labels, worker, ...
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    [policy] = set(META.findall((built_site / "index.html").read_text(encoding="utf-8")))
    rules = directives(policy)
    assert set(rules["script-src"]) == {"'self'"} | hashes
    assert rules["default-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'"]  # the build emits no inline style
    assert "style-src-attr" not in rules
    assert rules["object-src"] == ["'none'"]
    for sources in rules.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources)


def test_hash_is_the_one_browsers_compute():
    # The example in the CSP specification (and MDN) for <script>alert('Hello, world.');</script>
    assert csp.source_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_style_attribute_is_allowed_by_its_hash_and_nothing_else():
    code = csp.inline_code({"a.html": '<p style="color: red">x</p><style>p{}</style>'})
    rules = directives(csp.policy(code))
    assert rules["style-src-attr"] == ["'unsafe-hashes'", csp.source_hash("color: red")]
    assert rules["style-src"] == ["'self'", csp.source_hash("p{}")]


def test_data_blocks_and_empty_scripts_need_no_hash():
    code = csp.inline_code(
        {"a.html": '<script type="application/json">{"a": 1}</script><script></script>'}
    )
    assert code.scripts == set()


def test_a_tag_written_inside_a_script_is_not_taken_for_one_of_the_page():
    script = 'document.body.insertAdjacentHTML("beforeend", "<b onclick=go()>x</b>")'
    code = csp.inline_code({"a.html": f"<p>text</p><script>{script}</script>"})
    assert code.scripts == {script}
    assert code.refused == []


@pytest.mark.parametrize(
    "html",
    ['<button onclick="go()">Go</button>', '<a href=" JavaScript:go()">Go</a>'],
)
def test_inline_handlers_and_javascript_links_stop_the_build(tmp_path, html):
    (tmp_path / "page.html").write_text(f'<head><meta charset="utf-8"></head>{html}')
    with pytest.raises(ValueError, match="page.html"):
        csp.add_policy(tmp_path)


def test_a_page_without_a_charset_to_follow_stops_the_build(tmp_path):
    (tmp_path / "page.html").write_text("<head><script>go()</script></head>")
    with pytest.raises(ValueError, match="page.html"):
        csp.add_policy(tmp_path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_pages_carry_no_policy_so_live_reload_runs():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, html = time.monotonic() + 60, None
        while html is None and time.monotonic() < deadline:
            try:
                with urlopen(f"http://127.0.0.1:{port}/drills/high-knee-run/", timeout=5) as r:
                    html = r.read().decode()
            except OSError:
                time.sleep(0.3)
        assert html is not None, "mkdocs serve did not answer"
        assert "livereload" in html
        assert "Content-Security-Policy" not in html
        assert "serviceWorker" not in html
    finally:
        server.terminate()
        server.wait(timeout=10)
