"""Printed sheets, printed by real Chromium: one page on A4 and Letter, the right content, no web
chrome, black on white, a QR code that scans back to the page; the booklet and the PDFs."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import yaml
import zxingcpp
from pypdf import PdfReader

from macros.data.load import load
from macros.postbuild.browser import serve
from macros.postbuild.overflow import find_overflow, show_as_printed
from macros.postbuild.pdf import page_count, page_texts, print_page
from macros.render import timer

from ..pagetext import parse
from ..project import copy_project, edit_yaml, mkdocs_build

ROOT = Path(__file__).resolve().parents[2]
SITE = load(ROOT)
SITE_URL = "http://127.0.0.1:8000/"  # what tests/conftest.py builds with
PAPERS = ("A4", "Letter")
# What must never reach paper: the site's navigation, the timer's controls, the search box,
# the screen-only buttons and any full link URL.
NAV_LABELS = ("Home", "Benefits", "About the sources", "Health disclaimer", "Print sheets")
SCREEN_ONLY = ("Start", "Pause", "Reset", "Search", "Print drill sheet", "Download")

SHEETS = [("drills", slug) for slug in SITE.drills] + [("sessions", s) for s in SITE.sessions]


def _printed(browser, url: str, paper: str, color_scheme: str = "light") -> bytes:
    context = browser.new_context(color_scheme=color_scheme)
    try:
        return print_page(context.new_page(), url, paper)
    finally:
        context.close()


def _plan_rows(plan: dict) -> list[str]:
    """The printed plan: its one-line summary, a row per drill and one per rest between drills."""
    rows = [f"Interval plan: {timer.describe(plan)}"]
    for b in plan["blocks"]:
        rows.append(f"{b['name']} {timer.effort(b)} {timer.recovery(b)} {timer.rounds_text(b)}")
        if b["after"]:
            rows.append(f"{b['after_label']}: {timer.span(b['after'])}")
    return rows


def _expected(kind: str, slug: str) -> list[str]:
    if kind == "drills":
        drill = SITE.drills[slug]
        return [drill.name, *drill.cues, *_plan_rows(timer.drill_plan(slug, drill))]
    session = SITE.sessions[slug]
    drills = [SITE.drills[item.drill] for item in session.items]
    return [
        session.name,
        *[d.name for d in drills],
        *[cue for d in drills for cue in d.cues[:3]],
        *_plan_rows(timer.session_plan(slug, session, SITE)),
    ]


def _data_text(kind: str, slug: str) -> str:
    """Everything the record itself says (a step may well begin "Start in a split stance")."""
    record = (SITE.drills if kind == "drills" else SITE.sessions)[slug]
    extra = [SITE.drills[i.drill].model_dump() for i in getattr(record, "items", [])]
    return " ".join(str(v) for v in (record.model_dump(), *extra))


def _no_web_chrome(text: str, kind: str, slug: str) -> list[str]:
    """Labels of the site's chrome found on paper more often than the record's own text has them."""
    data = _data_text(kind, slug)
    count = lambda word, where: len(re.findall(rf"\b{re.escape(word)}\b", where))  # noqa: E731
    found = [w for w in (*NAV_LABELS, *SCREEN_ONLY) if count(w, text) > count(w, data)]
    return found + (["a full URL"] if "://" in text else [])


def _decode_qr(pdf: bytes, index: int = 0) -> list[str]:
    bitmap = pypdfium2.PdfDocument(pdf)[index].render(scale=3, grayscale=True)
    pixels = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("kind", "slug"), SHEETS)
def test_sheet_prints_on_exactly_one_page_with_its_content_and_no_web_chrome(
    printed, kind, slug, paper
):
    pdf = printed.sheets[kind, slug, paper]

    assert page_count(pdf) == 1
    (text,) = page_texts(pdf)
    missing = [item for item in _expected(kind, slug) if item not in text]
    assert not missing
    assert not _no_web_chrome(text, kind, slug)
    # The one printed URL: short (no scheme), back to the online page.
    assert f"127.0.0.1:8000/{kind}/{slug}/" in re.sub(r"\s", "", text)


@pytest.mark.parametrize(("kind", "slug"), SHEETS)
def test_printed_qr_code_scans_to_the_online_page(printed, kind, slug):
    assert _decode_qr(printed.sheets[kind, slug, "Letter"]) == [f"{SITE_URL}{kind}/{slug}/"]


def test_dark_palette_still_prints_black_on_white(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "drills/high-knee-run/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => [document.body, document.querySelector('.sheet-cues'),
                  document.querySelector('.drill-faults td')].map(el => {
            const s = getComputedStyle(el); return [s.color, s.backgroundColor]; })"""
    )
    context.close()
    assert all(fg == "rgb(0, 0, 0)" for fg, _ in colours)
    assert colours[0][1] == "rgb(255, 255, 255)"

    dark, light = (
        bytes(pypdfium2.PdfDocument(pdf)[0].render(scale=1, grayscale=True).buffer)
        for pdf in (
            _printed(browser, base_url + "drills/high-knee-run/", "A4", color_scheme=scheme)
            for scheme in ("dark", "light")
        )
    )
    assert sum(1 for v in dark if v > 230) / len(dark) > 0.8  # a white sheet, not a dark page
    assert sum(1 for v in dark if v < 60) / len(dark) > 0.005  # with black text on it
    assert dark == light  # the palette makes no difference on paper


def test_booklet_is_every_sheet_in_order_drills_then_sessions(printed):
    booklet = (printed.site_dir / "downloads" / "drillbook-sheets.pdf").read_bytes()
    texts = page_texts(booklet)
    assert len(texts) == len(SHEETS)
    for text, (kind, slug) in zip(texts, SHEETS, strict=True):
        assert [item for item in _expected(kind, slug) if item not in text] == []


def test_every_sheet_pdf_is_one_a4_page_with_its_name(printed):
    downloads = printed.site_dir / "downloads"
    for kind, slug in SHEETS:
        record = (SITE.drills if kind == "drills" else SITE.sessions)[slug]
        name = f"{slug}.pdf" if kind == "drills" else f"session-{slug}.pdf"
        reader = PdfReader(io.BytesIO((downloads / name).read_bytes()))
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5  # A4
        assert record.name in reader.pages[0].extract_text()


def test_gallery_print_link_opens_the_sheet_and_prints_it_once(page, base_url):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    page.goto(base_url + "sheets/")
    page.get_by_role("link", name="Print the High-knee run sheet").click()
    page.wait_for_url(base_url + "drills/high-knee-run/")  # the #print is taken away
    page.wait_for_function("window.__printed === 1")
    page.reload()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__printed ?? 0") == 0  # a reload does not print again
    assert page.errors == []


def test_every_pdf_a_page_links_is_one_the_pdf_step_writes(printed):
    linked = set()
    for html in printed.site_dir.rglob("*.html"):
        linked |= {
            (html.parent / link).resolve()
            for link in parse(html.read_text(encoding="utf-8")).links
            if link.endswith(".pdf") and "://" not in link
        }
    assert linked and linked <= {f.resolve() for f in printed.files}


@pytest.fixture
def printed_url(printed):
    server, url = serve(printed.site_dir)
    yield url
    server.shutdown()


def test_drill_page_links_its_pdf_and_the_print_button_prints(page, printed_url):
    base_url = printed_url
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    page.goto(base_url + "drills/small-step-run/")
    link = page.get_by_role("link", name="Download the sheet (PDF, A4)")
    href = link.evaluate("a => a.href")
    assert href == base_url + "downloads/small-step-run.pdf"
    response = page.request.get(href)
    assert response.ok and response.body().startswith(b"%PDF")
    page.get_by_role("button", name="Print drill sheet").click()
    assert page.evaluate("window.__printed") == 1
    assert page.errors == []


def _pdf_step(project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.postbuild.pdf", str(site)],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


LONG = "keep going with a long, careful description of what to do and why. " * 3


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("steps", lambda d: d.update(steps=[f"Step {i}: {LONG}" for i in range(24)])),
        (
            "faults",
            lambda d: d["faults"].extend(
                {"fault": f"Fault {i}", "why": "It costs speed.", "fix": LONG} for i in range(6)
            ),
        ),
    ],
)
def test_an_overlong_drill_sheet_fails_the_pdf_step_naming_the_field_and_file(
    project, tmp_path, field, change
):
    """Six more faults push the safety notes under them past the foot of the page; the faults
    are named, being what grew past the other drills' (macros/postbuild/overflow.py)."""
    edit_yaml(project, "data/drills/push-off-run.yml", change)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0

    result = _pdf_step(project, tmp_path / "site")

    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert re.fullmatch(
        rf"data/drills/push-off-run\.yml: field '{field}' pushes the drill sheet past one A4 page"
        r" \(by [1-9]\d* mm\); shorten it",
        line,
    )


def test_a_session_with_too_many_drills_is_blamed_on_its_items(project, tmp_path):
    """Every drill twice, as one long session (rounds differ, so no entry is a duplicate)."""
    drills = sorted(p.stem for p in (project / "data/drills").glob("*.yml"))
    items = [{"drill": d, "distance": 20, "rounds": r} for r in (2, 3) for d in drills]
    edit_yaml(project, "data/sessions/first-drills.yml", lambda d: d.update(items=items))
    assert mkdocs_build(project, tmp_path / "site").returncode == 0

    result = _pdf_step(project, tmp_path / "site")

    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert re.fullmatch(
        r"data/sessions/first-drills\.yml: field 'items' pushes the session sheet past one A4"
        r" page \(by [1-9]\d* mm\); shorten it",
        line,
    )


def test_a_drills_long_cues_on_a_session_sheet_are_blamed_on_the_drill(browser, project, tmp_path):
    """The session sheet shows each drill's first cues: when those push it past the page, a
    drill's file is named, not the session's. (The drills' own sheets would fail first in a
    real build, so this asks the overflow check about the session sheet directly.)"""
    session = yaml.safe_load((project / "data/sessions/first-drills.yml").read_text())
    lengthened = {item["drill"] for item in session["items"][-3:]}
    cues = [f"Cue {i}: {LONG}"[:190] for i in range(3)]
    for slug in lengthened:
        edit_yaml(project, f"data/drills/{slug}.yml", lambda d: d.update(cues=cues + d["cues"][3:]))
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    server, url = serve(site)
    page = browser.new_page()
    try:
        assert page_count(print_page(page, url + "sessions/first-drills/", "A4")) > 1
        others = [f"{url}sessions/{p.stem}/" for p in (project / "data/sessions").glob("*.yml")]
        others.remove(url + "sessions/first-drills/")
        overflow = find_overflow(page, url + "sessions/first-drills/", "A4", tuple(others))
    finally:
        page.close()
        server.shutdown()

    assert overflow.field == "cues"
    assert overflow.source in {f"data/drills/{slug}.yml" for slug in lengthened}


def _log_rows(page) -> dict:
    """The printed log's box, the rows drawn inside its width, and the sheet's foot."""
    return page.evaluate(
        """() => {
        const box = el => {
            const r = el.getBoundingClientRect();
            return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left};
        };
        const log = document.querySelector(".sheet-log");
        const rows = [...log.querySelectorAll("tr")].map(box)
            .filter(r => r.left < log.getBoundingClientRect().right - 1);
        return {log: box(log), rows, sheet: box(document.querySelector("article.sheet"))};
    }"""
    )


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("kind", "slug"), SHEETS)
def test_log_rows_on_paper_are_whole_and_ruled_to_the_foot(browser, base_url, kind, slug, paper):
    page = browser.new_page()
    try:
        area = show_as_printed(page, f"{base_url}{kind}/{slug}/", paper)
        found = _log_rows(page)
    finally:
        page.close()
    log, rows = found["log"], found["rows"]

    assert found["sheet"]["bottom"] <= area + 0.5  # the sheet is the page
    assert len(rows) >= 3  # the header and at least two rows to write in
    assert all(r["bottom"] <= log["bottom"] + 0.5 for r in rows)  # none cut by the page's foot
    assert rows[-1]["bottom"] >= log["bottom"] - 1  # the last row reaches the foot: no gap


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("slug", list(SITE.drills))
def test_printed_drill_sheet_leads_with_the_figures(browser, base_url, slug, paper):
    """Under the name and its facts, the key positions come first in reading order: every part
    about doing the drill starts below them, or level with them on their right."""
    page = browser.new_page()
    try:
        show_as_printed(page, f"{base_url}drills/{slug}/", paper)
        boxes = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll("article.sheet [data-field]")]
                .filter(el => el.getClientRects().length)
                .map(el => {
                    const r = el.getBoundingClientRect();
                    return [el.dataset.field, {top: r.top, left: r.left, right: r.right}];
                }))"""
        )
        title = page.locator("article.sheet h1").bounding_box()
    finally:
        page.close()
    figures = boxes.pop("keyframes")
    head = [boxes.pop(k) for k in ("summary", "aliases", "names", "equipment") if k in boxes]
    after = lambda b: b["top"] > figures["top"] + 1 or b["left"] >= figures["right"]  # noqa: E731

    assert figures["top"] >= title["y"] + title["height"]
    assert all(b["top"] < figures["top"] for b in head)
    assert {"cues", "setup", "steps", "faults", "dosage", "timer", "safety"} <= boxes.keys()
    assert [field for field, b in boxes.items() if not after(b)] == []


def test_without_chromium_pdfs_are_skipped_unless_required(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    missing = str(tmp_path / "no-such-chromium")

    skipped = _pdf_step(project, site, CHROMIUM_PATH=missing, PDF_REQUIRED="")
    required = _pdf_step(project, site, CHROMIUM_PATH=missing, PDF_REQUIRED="1")

    assert skipped.returncode == 0
    assert skipped.stdout.startswith("PDFs skipped: no Chromium to print with")
    assert required.returncode == 1
    assert len(required.stderr.strip().splitlines()) == 1
    assert required.stderr.startswith("PDFs: no Chromium to print with")
    assert not (site / "downloads").exists()


def test_no_sheet_prints_the_maintainers_line_or_its_data_file(printed):
    for (kind, slug, paper), pdf in printed.sheets.items():
        text = " ".join(page_texts(pdf))
        assert "maintainers" not in text.casefold(), (kind, slug, paper)
        assert ".yml" not in text, (kind, slug, paper)
