"""The real site, built with --strict: every record is on its page and every link resolves."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.data.load import load
from macros.data.models import cited, paragraphs, wording
from macros.render import pages as render
from macros.render import timer
from macros.render.pages import source_order

from .htmltree import tree
from .pagetext import norm, parse, text_of
from .project import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
SITE = load(ROOT)


@pytest.mark.parametrize("slug", sorted(SITE.drills))
def test_drill_page_shows_every_field(built_site, slug):
    drill = SITE.drills[slug]
    text = text_of(built_site / "drills" / slug / "index.html")
    expected = [
        drill.name,
        drill.summary,
        drill.setup,
        drill.dosage,
        drill.level,
        *drill.aliases,
        *[part for n in drill.names for part in (n.name, n.note)],
        *[wording(step) for step in drill.steps],
        *drill.cues,
        *drill.primary_muscles,
        *drill.secondary_muscles,
        *drill.safety.stop_if,
        *drill.safety.not_for,
        *[part for f in drill.faults for part in (f.fault, f.why, f.fix)],
        *[SITE.drills[f.fix_drill].name for f in drill.faults if f.fix_drill],
        *[SITE.sources[s].title for s in source_order(drill)],
        *[part for p in (*drill.progressions, *drill.regressions) for part in _variation(p)],
        f"data/drills/{slug}.yml",
    ]
    if drill.naming_note:
        expected.append(drill.naming_note)
    missing = [item for item in expected if norm(item) not in text]
    assert not missing


def _variation(item) -> list[str]:
    """What a harder or easier version shows: its drill's name or its text, and when to move on."""
    if isinstance(item, str):
        return [item]
    words = SITE.drills[item.drill].name if item.drill else item.text
    return [words, item.move_on_when] if item.move_on_when else [words]


@pytest.mark.parametrize("slug", sorted(SITE.drills))
def test_drill_page_plan_table_matches_the_timer_data(built_site, slug):
    """The no-JS table, the printed plan and the page's Timer row say the plan the same way."""
    text = text_of(built_site / "drills" / slug / "index.html")
    plan = timer.drill_plan(slug, SITE.drills[slug])
    (block,) = plan["blocks"]
    row = (
        f"{block['name']} {timer.effort(block)} {timer.recovery(block)} {timer.rounds_text(block)}"
    )
    assert row in text
    assert f"Interval plan: {timer.describe(plan)}" in text
    assert f"Timer {timer.describe(plan)}" in text


def test_a_distance_effort_reads_in_metres_with_a_walk_back_everywhere(built_site):
    """The data prescribes metres for the push-off run: table, caption and Timer row agree."""
    text = text_of(built_site / "drills" / "push-off-run" / "index.html")
    assert "Push-off run 20 m walk back 4" in text
    assert "4 × (20 m / walk back)" in text
    assert "each run and walk-back ends with a tap" in text


def test_every_plan_prints_as_one_row_per_drill_however_many_rounds(tmp_path):
    """A plan's printed size does not grow with its rounds and sets (the one-page sheet)."""
    from macros.data.models import Timer

    drill = SITE.drills["high-knee-run"].model_copy(
        update={"timer": Timer(work=20, rest=40, rounds=12, sets=6, set_rest=120)}
    )
    plan = timer.drill_plan("high-knee-run", drill)
    html = render.timer_widget(plan)
    assert html.count("<tr>") == 2  # the head row and one drill
    assert "12 × 6 sets, 2 min between sets" in html


@pytest.mark.parametrize("slug", sorted(SITE.sessions))
def test_session_page_lists_its_drills_in_order(built_site, slug):
    session = SITE.sessions[slug]
    text = text_of(built_site / "sessions" / slug / "index.html")
    names = [SITE.drills[item.drill].name for item in session.items]
    positions = [text.find(f"{i}. {name}") for i, name in enumerate(names, 1)]
    assert -1 not in positions and positions == sorted(positions)
    for para in paragraphs(session.purpose):
        assert norm(wording(para)) in text
    # The chained plan's table names what the group does between drills, from the data.
    assert f"{session.transition_label}: {session.transition} s" in text


@pytest.mark.parametrize("slug", sorted(SITE.sessions))
def test_session_facts_give_a_total_only_when_the_timer_knows_it(built_site, slug):
    """A plan with runs or walk-backs that end with a tap has no total the timer can know."""
    plan = timer.session_plan(slug, SITE.sessions[slug], SITE)
    text = text_of(built_site / "sessions" / slug / "index.html")
    clock = timer.clock(timer.total_seconds(plan))
    if timer.has_open_phases(plan):
        assert f"On the timer {clock} timed, plus the runs and walk-backs" in text
        assert "Total time" not in text
    else:
        assert f"Total time {clock}" in text


@pytest.mark.parametrize("slug", sorted(SITE.sessions))
def test_session_page_lists_the_sources_its_purpose_and_structure_cite(built_site, slug):
    session = SITE.sessions[slug]
    html = (built_site / "sessions" / slug / "index.html").read_text(encoding="utf-8")
    ids = list(dict.fromkeys(i for _, cited_ids in session.citations() for i in cited_ids))
    listed = re.findall(r'<li id="source-([a-z0-9-]+)">', html)
    assert listed == ids
    for para in paragraphs(session.purpose):
        if cited(para):
            for source_id in para.sources:
                assert f'href="#source-{source_id}"' in html


def test_benefits_page_shows_every_claim_with_verdict_and_sources(built_site):
    text = text_of(built_site / "benefits" / "index.html")
    for claim in SITE.claims:
        assert norm(claim.claim) in text
        for para in [*paragraphs(claim.explanation), *paragraphs(claim.instead)]:
            assert norm(wording(para)) in text
        assert f"Verdict: {claim.verdict.capitalize()} {norm(claim.bottom_line)}" in text
        for source_id in source_order(claim):
            assert norm(SITE.sources[source_id].title) in text


def test_benefits_page_calls_the_myths_unsupported(built_site):
    verdicts = {c.id: c.verdict for c in SITE.claims}
    assert verdicts["belly-fat"] == "not supported"
    assert verdicts["acid-sweat-detox"] == "not supported"


def test_benefits_page_grades_each_claim_of_the_article_on_its_own(built_site):
    """The article's compound claim is two, each with its verdict; its two claims that were
    missing are there; its "acidic reaction" is read as 酸, aching; the page links the
    health disclaimer."""
    verdicts = {c.id: c.verdict for c in SITE.claims}
    assert verdicts["mood"] == "supported" and verdicts["turbid-air"] == "not supported"
    assert {"anywhere", "tight-legs"} <= verdicts.keys()
    page = built_site / "benefits" / "index.html"
    assert "酸 (suān)" in text_of(page)
    assert "disclaimer" in _targets(built_site, page)


def _targets(site: Path, page_path: Path) -> set[str]:
    """The site-relative folders a page links to, e.g. {'drills/high-knee-run', ...}."""
    page = parse(page_path.read_text())
    out = set()
    for link in page.links:
        if not urlsplit(link).scheme:
            target = (page_path.parent / urlsplit(link).path).resolve()
            if target.is_relative_to(site.resolve()):
                out.add(target.relative_to(site.resolve()).as_posix())
    return out


def test_drills_index_links_every_drill(built_site):
    index = built_site / "drills" / "index.html"
    targets = _targets(built_site, index)
    for slug, drill in SITE.drills.items():
        assert f"drills/{slug}" in targets
        assert drill.name in text_of(index)


def test_home_has_a_card_per_drill_and_session_and_links_benefits(built_site):
    targets = _targets(built_site, built_site / "index.html")
    assert {f"drills/{slug}" for slug in SITE.drills} <= targets
    assert {f"sessions/{slug}" for slug in SITE.sessions} <= targets
    assert "benefits" in targets


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_contains_unrendered_template_syntax(built_site):
    offenders = [
        p.relative_to(built_site).as_posix()
        for p in _html_files(built_site)
        if any(mark in text_of(p) for mark in ("{{", "{%", "%}", "}}"))
    ]
    assert not offenders


def test_every_internal_link_and_anchor_resolves(built_site):
    """Every link resolves, except the PDFs: those are made after MkDocs by the PDF step, and
    tests/browser/test_print.py checks each linked PDF is one it writes."""
    broken = []
    pages = {p: parse(p.read_text()) for p in _html_files(built_site)}
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            if parts.path.startswith("/"):  # root-relative, as on the 404 page
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() and target.suffix != ".pdf":
                broken.append(f"{path.relative_to(built_site)} → {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target.read_text()).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(built_site)} → {link} (no such anchor)")
    assert not broken


def test_sheets_page_is_a_gallery_with_a_print_and_pdf_link_per_sheet(built_site):
    """sheets/ grows by a card per drill or session, never by a whole sheet."""
    page = built_site / "sheets" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = set(parse(html).links)
    for slug, drill in SITE.drills.items():
        assert f"../drills/{slug}/?print" in links and f"../downloads/{slug}.pdf" in links
        assert f"Print the {drill.name} sheet" in html
    for slug in SITE.sessions:
        assert f"../sessions/{slug}/?print" in links
        assert f"../downloads/session-{slug}.pdf" in links
    assert "../downloads/drillbook-sheets.pdf" in links
    assert "sheet-timer" not in html and "<drill-timer" not in html  # no sheets, no timers


def test_glossary_lists_every_name_with_its_note_and_links_its_drill(built_site):
    glossary = built_site / "glossary" / "index.html"
    text = text_of(glossary)
    for drill in SITE.drills.values():
        assert all(norm(name) in text for name in drill.all_names)
        assert all(norm(n.note) in text for n in drill.names)
    assert {f"drills/{slug}" for slug in SITE.drills} <= _targets(built_site, glossary)
    assert "glossary" in _targets(built_site, built_site / "index.html")  # in the navigation


@pytest.mark.parametrize(
    "page", [*(f"drills/{slug}" for slug in sorted(SITE.drills)), "benefits"], ids=str
)
def test_every_citation_marker_leads_to_its_source_on_the_same_page(built_site, page):
    """Each numbered marker links to an entry of the page's own source list, and no two
    entries share an anchor (the benefits page has one list per claim)."""
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    markers = re.findall(r'<sup class="cite[^>]*>.*?</sup>', html)
    targets = re.findall(r'href="#([^"]*source-[^"]*)"', "".join(markers))
    anchors = [a for a in re.findall(r' id="([^"]+)"', html) if "source-" in a]
    assert set(targets) <= set(anchors)
    assert len(anchors) == len(set(anchors))
    if page == "drills/a-skip":
        assert targets  # the A-skip cites its steps


def test_a_fault_links_the_drill_that_trains_its_fix(built_site):
    page = built_site / "drills" / "a-skip" / "index.html"
    assert "Practise it with the A-march" in text_of(page)
    assert "drills/a-march" in _targets(built_site, page)


DATA_PAGES = [("drills", s, SITE.drill_file(s)) for s in sorted(SITE.drills)]
DATA_PAGES += [("sessions", s, SITE.session_file(s)) for s in sorted(SITE.sessions)]


@pytest.mark.parametrize(("kind", "slug", "data_file"), DATA_PAGES)
def test_the_data_file_is_named_for_maintainers_in_the_footer_not_in_the_page(
    built_site, kind, slug, data_file
):
    page = tree((built_site / kind / slug / "index.html").read_text(encoding="utf-8"))
    body = page.find("article.md-content__inner").text
    footer = page.find("aside.data-file").text

    assert data_file not in body and "generated from" not in body.casefold()
    assert footer.startswith(f"For maintainers: this page is generated from {data_file}")
    # Without DATA_EDIT_URL (a local build) there is nothing to link to.
    assert page.find("aside.data-file").find_all("a") == []
    entries = json.loads((built_site / "search/search_index.json").read_text())["docs"]
    assert [e["location"] for e in entries if data_file in e["text"] + e["title"]] == []


def test_with_an_edit_address_the_footer_links_the_data_file(project, tmp_path):
    edit = "https://github.com/someone/drillbook/edit/main/"
    result = mkdocs_build(project, tmp_path / "site", env={"DATA_EDIT_URL": edit})
    assert result.returncode == 0, result.stderr

    for kind, slug, data_file in DATA_PAGES[:1] + DATA_PAGES[-1:]:
        html = (tmp_path / "site" / kind / slug / "index.html").read_text(encoding="utf-8")
        (link,) = tree(html).find("aside.data-file").find_all("a")
        assert (link.attrs["href"], link.text) == (edit + data_file, "edit it")
