"""The timer smoke steps in WebKit (Safari's engine): Debian's WebKitGTK MiniBrowser driven
through WebKitWebDriver (package webkit2gtk-driver) by Selenium, on an Xvfb screen.

The same steps as the Firefox suite (engines/firefox-smoke.mjs), from the same selectors,
labels and expected text (engines/smoke.json). Time is real, not faked as in the Chromium
suite, so a step waits at most a few seconds for the display to change. One MiniBrowser and
one Xvfb per module. The driver's path goes to Service and the session is opened with
webdriver.Remote, so Selenium Manager is never asked to find or download anything.
WebKitWebDriver cannot read the console, so page errors are not checked here (the Chromium
and Firefox suites check them).

Needs WebKitWebDriver (apt-get install -y webkit2gtk-driver; or WEBKIT_WEBDRIVER=path) and
Xvfb (apt-get install -y xvfb). Without them these tests fail and say what to install.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from .engine_smoke import SCENARIO, UI

pytestmark = pytest.mark.browser

C, D = UI["controls"], SCENARIO["drill"]


def need(name: str, package: str, env: str | None = None) -> str:
    """The path of a program from Debian's ``package``, or ``$env`` if set; fails if none."""
    path = (env and os.environ.get(env)) or shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        pytest.fail(
            f"{name} not found: install Debian's {package} (apt-get install -y {package})"
            + (f" or set {env}" if env else ""),
            pytrace=False,
        )
    return path


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An X server on the first free display; returns it and its DISPLAY."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        [need("Xvfb", "xvfb"), "-displayfd", str(write), "-nolisten", "tcp"]
        + ["-screen", "0", "1280x1024x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    # Xvfb writes the number, then a newline, then closes the pipe; it dies if the pipe is
    # closed before the newline, so read to the end.
    out, end = b"", time.monotonic() + 20
    try:
        while select.select([read], [], [], max(0, end - time.monotonic()))[0]:
            chunk = os.read(read, 64)
            if not chunk:
                break
            out += chunk
    finally:
        os.close(read)
    display = out.decode().strip()
    if not out.endswith(b"\n") or not display.isdigit() or xvfb.poll() is not None:
        xvfb.kill()
        pytest.fail(f"Xvfb gave no display within 20 s (it said {out!r})", pytrace=False)
    return xvfb, ":" + display


@pytest.fixture(scope="module")
def driver():
    path = need("WebKitWebDriver", "webkit2gtk-driver", "WEBKIT_WEBDRIVER")
    xvfb, display = start_xvfb()
    # A session of its own, so whatever the driver started goes with it at the end.
    service = Service(
        executable_path=path,
        env={**os.environ, "DISPLAY": display},
        popen_kw={"start_new_session": True},
    )
    try:
        service.start()
        # webdriver.WebKitGTK would wait forever for a browser that cannot start; a client
        # timeout turns that into a failure.
        config = ClientConfig(remote_server_addr=service.service_url, timeout=60)
        d = webdriver.Remote(RemoteConnection(client_config=config), options=Options())
        try:
            d.set_script_timeout(10)
            yield d
        finally:
            d.quit()
    finally:
        service.stop()
        if service.process:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(service.process.pid, signal.SIGKILL)
        xvfb.terminate()
        xvfb.wait(10)


# --- reading and using the timer (the one place that knows the DOM: engines/smoke.json) --------

SNAP = """const [ui] = arguments, el = document.querySelector(ui.timer);
if (!el) return null;
const out = { state: el.getAttribute(ui.stateAttribute) };
for (const [k, sel] of Object.entries(ui.parts))
  out[k] = el.querySelector(sel)?.textContent ?? null;
return out;"""

CONTROL = """const [ui, name] = arguments, el = document.querySelector(ui.timer);
return [...(el?.querySelectorAll(ui.controlSelector) ?? [])].find(
  (c) => (c.getAttribute('aria-label') || c.textContent).trim() === name) ?? null;"""

FIELD = """const [ui, label] = arguments, el = document.querySelector(ui.timer);
const l = [...(el?.querySelectorAll('label') ?? [])].find((l) => l.textContent.trim() === label);
return l?.control ?? el?.querySelector(`[aria-label="${label}"]`) ?? null;"""


class Timer:
    """The page's first <drill-timer>, seen and used as a person would."""

    def __init__(self, driver: webdriver.Remote, base: str):
        self.d, self.base = driver, base

    def open(self, path: str) -> None:
        # Through about:blank: from the same page, a #timer= address would only change the hash.
        self.d.get("about:blank")
        self.d.get(self.base + path)
        self.ready()

    def ready(self, timeout: float = 10) -> None:
        end = time.monotonic() + timeout
        while self.d.execute_script(CONTROL, UI, C["start"]) is None:
            assert time.monotonic() < end, f"no timer came alive on {self.d.current_url}"
            time.sleep(0.04)

    def snap(self) -> dict | None:
        return self.d.execute_script(SNAP, UI)

    def until(self, what: str, ok: Callable[[dict], bool], timeout: float = 5) -> dict:
        end = time.monotonic() + timeout
        while True:
            s = self.snap()
            if s and ok(s):
                return s
            assert time.monotonic() < end, f"waited {timeout} s for {what}; the timer shows {s}"
            time.sleep(0.04)

    def control(self, name: str) -> WebElement:
        el = self.d.execute_script(CONTROL, UI, name)
        assert el is not None, f"the timer has no control named {name!r}"
        return el

    def click(self, name: str) -> None:
        control = self.control(name)
        # As a person does, with the control in the middle of the screen: WebDriver's own scroll
        # leaves it at an edge, where the timer's dock may show as the layout settles.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", control)
        control.click()  # a real click: WebKit takes it as a user gesture

    def field(self, label: str) -> WebElement:
        el = self.d.execute_script(FIELD, UI, label)
        assert el is not None, f"the timer has no field labelled {label!r}"
        return el

    def js(self, script: str):
        return self.d.execute_script(script)


@pytest.fixture
def timer(driver, base_url):
    yield Timer(driver, base_url)
    with contextlib.suppress(WebDriverException):  # e.g. left on about:blank by a failure
        driver.execute_script("localStorage.clear()")  # no edit leaks into the next test


def total(s: dict) -> str:
    """The total time left, from a snapshot's meta line."""
    return (s["meta"] or "").removeprefix(UI["totalPrefix"]).split(" ")[0]


PAUSE = 2.0  # seconds; 2 or more, so a pause that kept counting shows at least 2 s less


def sec(clock: str) -> int:
    """Seconds shown by an m:ss clock."""
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


def seconds_behind(shown: str, expected: str) -> int:
    """How far a clock reads behind ``expected``. A running clock is read a moment after the
    click that set it (longer on a busy machine), so 0 or 1 is right, never 2 or more."""
    return sec(expected) - sec(shown)


def ticks_down(timer: Timer, clock: str) -> None:
    timer.until(f"the clock to tick down from {clock}", lambda s: sec(s["clock"]) < sec(clock), 2.5)


# --- the steps ---------------------------------------------------------------------------------


def test_timer_starts_and_counts_down_in_webkit(timer):
    timer.open(D["path"])
    s = timer.snap()
    prepare = D["prepare"]
    assert (s["state"], s["label"], s["clock"]) == ("idle", prepare["label"], prepare["clock"])
    timer.click(C["start"])
    s = timer.until("the running state", lambda s: s["state"] == "running")
    timer.control(C["pause"])  # the main button now pauses
    ticks_down(timer, s["clock"])


def test_timer_pauses_and_resumes_in_webkit(timer):
    timer.open(D["path"])
    timer.click(C["start"])
    timer.until("the first second to pass", lambda s: s["clock"] != D["prepare"]["clock"], 2.5)
    timer.click(C["pause"])
    held = timer.until("the paused state", lambda s: s["state"] == "paused")
    timer.control(C["resume"])
    time.sleep(PAUSE)
    assert timer.snap() == held, "the display changed during the pause"
    timer.click(C["resume"])
    resumed = timer.until("the running state again", lambda s: s["state"] == "running")
    # Within a second of the paused clock; had the pause counted, it would be 2 s or more behind.
    assert seconds_behind(resumed["clock"], held["clock"]) in (0, 1), (resumed, held)
    ticks_down(timer, resumed["clock"])


def test_skip_moves_to_the_next_phase_in_webkit(timer):
    timer.open(D["path"])
    timer.click(C["start"])
    timer.click(C["skip"])
    s = timer.until(repr(D["work"]["label"]), lambda s: s["label"] == D["work"]["label"])
    assert seconds_behind(s["clock"], D["work"]["clock"]) in (0, 1), s
    assert seconds_behind(total(s), D["totalAfterPrepare"]) in (0, 1), s
    timer.click(C["pause"])
    timer.click(C["skip"])
    s = timer.until(repr(D["rest"]["label"]), lambda s: s["label"] == D["rest"]["label"])
    assert (s["state"], s["clock"]) == ("paused", D["rest"]["clock"])


def test_edited_timer_persists_across_reload_in_webkit(timer):
    edit = SCENARIO["edit"]
    timer.open(D["path"])
    timer.click(C["edit"])
    for key in ("work", "rest", "rounds"):
        field = timer.field(UI["fields"][key])
        field.clear()
        field.send_keys(str(edit[key]))
    timer.click(C["apply"])
    s = timer.until(f"total left {edit['total']}", lambda s: total(s) == edit["total"])
    assert s["error"] == ""
    assert timer.js("return location.hash") == edit["hash"]

    timer.open(D["path"])  # a new load, without the #timer= link: the saved edit applies
    timer.until(f"the saved total {edit['total']}", lambda s: total(s) == edit["total"])
    assert timer.field(UI["fields"]["rounds"]).get_property("value") == str(edit["rounds"])
    timer.click(C["edit"])
    timer.click(C["resetToPlan"])
    timer.until(f"{D['total']} after Reset to plan", lambda s: total(s) == D["total"])


def test_timer_link_sets_the_timer_in_webkit(timer):
    link = SCENARIO["link"]
    timer.open(D["path"] + link["hash"])
    s = timer.until(f"total left {link['total']}", lambda s: total(s) == link["total"])
    assert s["error"] == ""
    assert timer.field(UI["fields"]["rounds"]).get_property("value") == str(link["rounds"])
    assert timer.js("return location.hash") == link["hash"]


def test_session_timer_names_the_drill_in_webkit(timer):
    session = SCENARIO["session"]
    timer.open(session["path"])
    timer.click(C["start"])
    timer.click(C["skip"])
    timer.until(repr(session["firstWork"]), lambda s: s["label"] == session["firstWork"])


def test_a_link_to_another_drill_gives_a_working_timer_in_webkit(timer):
    after = SCENARIO["next"]
    timer.open(D["path"])
    timer.click(C["start"])
    timer.until("the running state", lambda s: s["state"] == "running")
    links = timer.d.find_elements("css selector", after["link"])
    assert links, f"no link {after['link']} on {D['path']}"
    # As a reader does: scroll the link into the middle of the screen, then tap it. (A click
    # straight after WebDriver's own scroll can land on the timer's dock, which appears at the
    # foot of the screen as the running timer scrolls away.)
    timer.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", links[0])
    time.sleep(0.3)
    links[0].click()
    end = time.monotonic() + 10
    timer_id = f"return document.querySelector({UI['timer']!r})?.dataset.timerId"
    while timer.js(timer_id) != after["timerId"]:
        assert time.monotonic() < end, f"no timer for {after['timerId']} after the click"
        time.sleep(0.04)
    assert timer.js("return location.pathname") == urlsplit(timer.base + after["path"]).path
    running = f"{UI['timer']}[{UI['stateAttribute']}=running]"
    counts = timer.js(
        f"return [document.querySelectorAll({UI['timer']!r}).length, "
        f"document.querySelectorAll({running!r}).length]"
    )
    assert counts == [1, 0], "timers on the new page, running ones"
    timer.ready()
    assert timer.snap()["label"] == D["prepare"]["label"]
    timer.click(C["start"])
    s = timer.until("the new timer running", lambda s: s["state"] == "running")
    ticks_down(timer, s["clock"])
