"""The session builder and the History page in real Chromium, at phone and desktop size: build
a session from three drills, run it (each drill named, its cues spoken), reload, share, print,
save, log, export and import; bad links and damaged storage give messages, never errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Page, expect

from macros.data.load import load
from macros.postbuild.pdf import page_count, page_texts

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = load(ROOT)
THREE = list(SITE.drills)[:3]
# Their efforts in all, from the data: the history counts each one.
EFFORTS = sum(SITE.drills[s].timer.rounds * SITE.drills[s].timer.sets for s in THREE)
PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 800}
SPEECH = """window.__said = [];
  speechSynthesis.speak = (u) => window.__said.push(u.text);
  speechSynthesis.cancel = () => {};"""


def new_page(browser, viewport=PHONE, **options) -> Page:
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def open_builder(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".builder-drill").first).to_be_visible()


def add(page: Page, slugs: list[str]) -> None:
    for slug in slugs:
        page.get_by_role("button", name=f"Add {SITE.drills[slug].name}", exact=True).click()
    expect(page.locator(".builder-item")).to_have_count(len(slugs))


def search(page: Page):
    return page.get_by_label("Search drills")


def timer_plan(page: Page) -> dict:
    return json.loads(page.locator(".builder drill-timer").get_attribute("data-plan"))


def item_names(page: Page) -> list[str]:
    return [t.split(". ", 1)[1] for t in page.locator(".builder-item legend").all_inner_texts()]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_three_drills_run_named_with_cues_spoken_and_land_in_the_history(
    browser, base_url, viewport
):
    page = new_page(browser, viewport)
    page.add_init_script(SPEECH)
    open_builder(page, base_url + "builder/")
    add(page, THREE)
    assert [b["name"] for b in timer_plan(page)["blocks"]] == [SITE.drills[s].name for s in THREE]
    expect(page.locator(".builder__total")).to_contain_text("3 drills")

    timer = page.locator(".builder drill-timer")
    timer.get_by_role("button", name="Voice off").click()
    timer.locator(".drill-timer__main").click()
    labels = set()
    for _ in range(200):
        if timer.get_attribute("data-state") == "done":
            break
        labels.add(timer.locator(".drill-timer__label").inner_text())
        timer.get_by_role("button", name="Skip phase").click()
    expect(timer).to_have_attribute("data-state", "done")

    said = page.evaluate("window.__said")
    for slug in THREE:
        drill = SITE.drills[slug]
        assert any(label.startswith(f"{drill.name} — ") for label in labels), labels
        spoken = [s for s in said if s.startswith(drill.name)]
        assert any(drill.cues[0] in s for s in spoken), said  # its own cue, from the data

    runs = json.loads(page.evaluate("localStorage.getItem('drillbook:history')"))["runs"]
    assert [(r["id"], r["title"], r["efforts"]) for r in runs] == [
        ("custom-session", "My session", EFFORTS)
    ]
    assert runs[0]["page"].startswith("/builder/#v=1&")
    page.goto(base_url + "history/")
    row = page.locator(".history__table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("My session")
    assert page.errors == []
    page.context.close()


def test_session_survives_a_reload_and_a_visit_without_the_link(page, base_url):
    open_builder(page, base_url + "builder/")
    add(page, THREE)
    page.get_by_label("Name", exact=True).fill("Tuesday track")
    effort = page.locator(".builder-item").nth(1).get_by_label("Effort", exact=True)
    effort.fill("25")
    before = timer_plan(page)
    assert before["title"] == "Tuesday track"
    assert 25 in (before["blocks"][1]["work"], before["blocks"][1]["distance"])
    page.reload()
    expect(page.locator(".builder-item")).to_have_count(3)
    assert timer_plan(page) == before
    page.goto(base_url + "builder/")  # no fragment: the draft kept in this browser
    expect(page.locator(".builder-item")).to_have_count(3)
    assert timer_plan(page) == before
    assert page.errors == []


def test_share_link_opens_the_same_plan_in_a_fresh_context(browser, base_url):
    page = new_page(browser)
    open_builder(page, base_url + "builder/")
    add(page, [THREE[2], THREE[0], THREE[2]])
    page.get_by_label("Between drills (s)").fill("45")
    page.get_by_label("Between drills, do").fill("Jog back")
    row = page.locator(".builder-item").nth(0)
    row.get_by_label("Effort in").select_option("s")
    row.get_by_label("Sets", exact=True).fill("2")
    row.get_by_label("Between sets (s)").fill("90")
    link = page.get_by_label("Share link").input_value()
    plan = timer_plan(page)
    assert link == page.url and re.search(r"#v=1&", link)
    page.context.close()

    fresh = new_page(browser, DESKTOP)
    open_builder(fresh, link)
    expect(fresh.locator(".builder-item")).to_have_count(3)
    assert timer_plan(fresh) == plan
    assert plan["blocks"][0]["sets"] == 2 and plan["blocks"][0]["after_label"] == "Jog back"
    expect(fresh.locator(".builder drill-timer .drill-timer__main")).to_have_text("Start")
    assert fresh.locator(".builder__message").inner_text() == ""
    assert fresh.errors == []
    fresh.context.close()


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("v=9&d=high-knee-run:20-40x4", "version 9"),
        ("v=1&d=high-knee-run:20-40", "damaged"),
        ("v=1&d=no-such-drill:20-40x4", "out of date"),
        ("v=1&p=-3&d=high-knee-run:20-40x4", "damaged"),
        ("v=1&d=high-knee-run:20-0x99s20r3600", "damaged"),
    ],
)
def test_bad_link_shows_a_message_and_an_empty_builder(page, base_url, fragment, message):
    open_builder(page, base_url + "builder/#" + fragment)
    expect(page.locator(".builder__message")).to_contain_text(message)
    expect(page.locator(".builder-item")).to_have_count(0)
    expect(page.locator(".builder__empty")).to_be_visible()
    add(page, THREE[:1])  # and it still works
    assert page.errors == []


def test_damaged_storage_gives_messages_never_a_crash(page, base_url):
    page.goto(base_url + "builder/")
    page.evaluate(
        """() => {
        localStorage.setItem('drillbook:history', '{"version":1,"runs":[{"at":"x"},42]}');
        localStorage.setItem('drillbook:sessions', 'not json at all');
        localStorage.setItem('drillbook:builder-draft', 'v=1&d=gone:1-1x1');
    }"""
    )
    open_builder(page, base_url + "builder/")
    message = page.locator(".builder__message")
    expect(message).to_contain_text("unreadable")  # the saved sessions
    expect(page.locator(".builder-item")).to_have_count(0)
    page.goto(base_url + "history/")
    expect(page.locator(".history__message")).to_contain_text("Ignored 2 saved runs")
    expect(page.locator(".history__message")).to_contain_text("unreadable")
    expect(page.locator(".history__empty")).to_be_visible()
    # A run finished now is recorded over the damaged list.
    page.goto(base_url + "drills/high-knee-run/")
    page.evaluate(
        """() => document.querySelector('drill-timer').dispatchEvent(new CustomEvent(
        'drill-timer-finish', {bubbles: true, detail: {id: 'x', title: 'X', plannedMs: 1000,
        doneMs: 1000, efforts: 1}}))"""
    )
    page.goto(base_url + "history/")
    expect(page.locator(".history__table tbody tr")).to_have_count(1)
    assert page.errors == []


def test_blocked_storage_still_builds_and_runs(browser, base_url):
    page = new_page(browser)
    # Full or refused for our keys (the theme's own settings still save).
    page.add_init_script(
        """const setItem = Storage.prototype.setItem;
           Storage.prototype.setItem = function (key, value) {
             if (key.startsWith('drillbook:')) throw new DOMException('full', 'QuotaExceededError');
             return setItem.call(this, key, value);
           };"""
    )
    open_builder(page, base_url + "builder/")
    add(page, THREE[:2])
    expect(page.locator(".builder drill-timer .drill-timer__main")).to_have_text("Start")
    page.get_by_role("button", name="Save to My sessions").click()
    expect(page.locator(".builder__message")).to_contain_text("storage")
    page.evaluate(
        """() => document.querySelector('drill-timer').dispatchEvent(new CustomEvent(
        'drill-timer-finish', {bubbles: true, detail: {id: 'x', title: 'X', plannedMs: 1000,
        doneMs: 1000, efforts: 1}}))"""
    )
    page.goto(base_url + "history/")
    expect(page.locator(".history__empty")).to_be_visible()
    assert page.errors == []
    page.context.close()


def test_keyboard_moves_a_drill_and_the_focus_follows_it(page, base_url):
    open_builder(page, base_url + "builder/")
    add(page, THREE)
    names = [SITE.drills[s].name for s in THREE]
    page.get_by_role("button", name=f"Move down: {names[0]}").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the focus stayed on the drill's Move down
    assert item_names(page) == [names[1], names[2], names[0]]
    # At the bottom Move down is disabled: the focus is on the same drill's Move up.
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == f"Move up: {names[0]}"
    page.keyboard.press("Space")
    assert item_names(page) == [names[1], names[0], names[2]]
    expect(page.locator(".builder__status")).to_have_text(f"{names[0]} is now number 2 of 3.")
    assert [b["name"] for b in timer_plan(page)["blocks"]] == item_names(page)
    page.get_by_role("button", name=f"Remove: {names[0]}").click()
    assert item_names(page) == [names[1], names[2]]


def test_filters_and_search_narrow_the_library(page, base_url):
    open_builder(page, base_url + "builder/")
    cards = page.locator(".builder-drill")
    expect(cards).to_have_count(len(SITE.drills))
    drill = SITE.drills[THREE[0]]
    search(page).fill(drill.aliases[0] if drill.aliases else drill.name)
    expect(cards.first).to_contain_text(drill.name)
    search(page).fill("")
    page.get_by_label("Main muscle").select_option(drill.primary_muscles[0])
    with_muscle = [
        s for s, d in SITE.drills.items() if drill.primary_muscles[0] in d.primary_muscles
    ]
    expect(cards).to_have_count(len(with_muscle))
    search(page).fill("zzzz no such drill")
    expect(cards).to_have_count(0)
    expect(page.locator(".builder__count")).to_have_text(f"0 of {len(SITE.drills)} drills")


def test_saved_sessions_open_rename_and_delete(page, base_url):
    open_builder(page, base_url + "builder/")
    add(page, THREE[:2])
    page.get_by_label("Name", exact=True).fill("Hill day")
    page.get_by_role("button", name="Save to My sessions").click()
    saved = page.locator(".builder-saved")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("Hill day · 2 drills")
    page.get_by_role("button", name="Clear session").click()
    page.get_by_role("button", name="Press again to clear").click()
    expect(page.locator(".builder-item")).to_have_count(0)
    page.get_by_role("button", name="Rename: Hill day").click()
    page.get_by_label("New name for “Hill day”").fill("Flat day")
    page.keyboard.press("Enter")
    expect(saved).to_contain_text("Flat day")
    page.get_by_role("button", name="Open: Flat day").click()
    expect(page.locator(".builder-item")).to_have_count(2)
    page.get_by_role("button", name="Delete: Flat day").click()
    page.get_by_role("button", name="Press again to delete").click()
    expect(page.locator(".builder-saved")).to_have_count(0)
    assert page.errors == []


def test_qr_code_on_screen_shows_the_share_link(page, base_url):
    open_builder(page, base_url + "builder/")
    add(page, THREE)
    page.get_by_role("button", name="Show QR code").click()
    qr = page.get_by_role("img", name="QR code of the share link")
    expect(qr).to_be_visible()
    assert page.get_by_role("button", name="Hide QR code").get_attribute("aria-expanded") == "true"


def _decode_qr(pdf: bytes) -> list[str]:
    bitmap = pypdfium2.PdfDocument(pdf)[0].render(scale=4, grayscale=True)
    pixels = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


@pytest.mark.parametrize("count", [3, 12])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_custom_session_prints_on_one_page_with_cues_figures_log_and_qr(
    browser, base_url, paper, count
):
    page = new_page(browser, DESKTOP)
    open_builder(page, base_url + "builder/")
    slugs = (list(SITE.drills) * count)[:count]
    add(page, slugs)
    page.get_by_label("Name", exact=True).fill("Print test")
    link = page.get_by_label("Share link").input_value()
    pdf = page.pdf(format=paper, print_background=False)
    assert page_count(pdf) == 1
    text = page_texts(pdf)[0]
    assert "Print test" in text and "Log" in text
    for slug in set(slugs):
        drill = SITE.drills[slug]
        assert drill.name in text
        assert all(cue in text for cue in drill.cues[:2])
    for word in ("Save to My sessions", "Add drills", "Skip phase", "Build a session"):
        assert word not in text
    assert page.locator(".builder-sheet svg.drill-figure").count() == count
    assert _decode_qr(pdf) == [link]
    page.context.close()


def test_export_then_import_in_a_fresh_context_restores_sessions_and_history(
    browser, base_url, tmp_path
):
    page = new_page(browser)
    open_builder(page, base_url + "builder/")
    add(page, THREE[:1])
    page.get_by_label("Name", exact=True).fill("Kept")
    page.get_by_role("button", name="Save to My sessions").click()
    page.goto(base_url + "drills/high-knee-run/")
    page.evaluate(
        """() => document.querySelector('drill-timer').dispatchEvent(new CustomEvent(
        'drill-timer-finish', {bubbles: true, detail: {id: 'high-knee-run',
        title: 'High-knee run', plannedMs: 170000, doneMs: 168000, efforts: 4}}))"""
    )
    page.goto(base_url + "history/")
    expect(page.locator(".history__table tbody tr")).to_have_count(1)
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Export JSON").click()
    exported = tmp_path / "export.json"
    json_download.value.save_as(exported)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Export CSV").click()
    csv = Path(csv_download.value.path()).read_text()
    assert csv.splitlines()[0] == "date,what,planned_s,done_s,efforts,page"
    assert ",High-knee run,170,168,4,/drills/high-knee-run/" in csv
    page.context.close()

    fresh = new_page(browser, DESKTOP)
    fresh.goto(base_url + "history/")
    expect(fresh.locator(".history__empty")).to_be_visible()
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world"}')
    fresh.get_by_label("Import JSON").set_input_files(bad)
    expect(fresh.locator(".history__message")).to_contain_text("not a drillbook export")
    fresh.get_by_label("Import JSON").set_input_files(exported)
    expect(fresh.locator(".history__status")).to_have_text("Imported 1 run and 1 saved session.")
    expect(fresh.locator(".history__table tbody tr")).to_contain_text("High-knee run")
    fresh.goto(base_url + "builder/")
    expect(fresh.locator(".builder-saved")).to_contain_text("Kept")
    fresh.get_by_role("button", name="Open: Kept").click()
    expect(fresh.locator(".builder-item")).to_have_count(1)
    assert fresh.errors == []
    fresh.context.close()


def test_a_finished_timer_on_any_page_lands_in_the_history(page, base_url):
    page.goto(base_url + "drills/high-knee-run/")
    timer = page.locator("drill-timer")
    timer.locator(".drill-timer__main").click()
    for _ in range(50):
        if timer.get_attribute("data-state") == "done":
            break
        timer.get_by_role("button", name="Skip phase").click()
    expect(timer).to_have_attribute("data-state", "done")
    runs = json.loads(page.evaluate("localStorage.getItem('drillbook:history')"))["runs"]
    assert [(r["id"], r["title"], r["page"]) for r in runs] == [
        ("high-knee-run", "High-knee run", "/drills/high-knee-run/")
    ]
    # The timer's own clock: Skip moves it on, so a skipped run reads as its plan's length.
    assert runs[0]["plannedMs"] == runs[0]["doneMs"] > 0


def test_the_builder_and_history_start_on_every_visit_and_keep_the_draft(browser, base_url):
    """Going back and forth by the site's links: each page starts its element, and the
    builder brings back the draft."""
    page = new_page(browser, DESKTOP)
    page.goto(base_url)
    page.get_by_role("link", name="Build a session").first.click()
    expect(page.locator(".builder-drill").first).to_be_visible()
    add(page, THREE[:1])
    page.get_by_role("link", name="History").first.click()
    expect(page.locator(".history__status")).to_contain_text("0 runs")
    page.get_by_role("link", name="Build a session").first.click()
    expect(page.locator(".builder-item")).to_have_count(1)  # the draft
    expect(page.locator(".builder drill-timer .drill-timer__main")).to_have_text("Start")
    assert page.errors == []
    page.context.close()
