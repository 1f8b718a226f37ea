"""The timer smoke steps in Firefox ESR (Debian's firefox-esr), over WebDriver BiDi.

The steps are in engines/firefox-smoke.mjs, run once per module (one Firefox launch), not
driven from here step by step. Stock Firefox speaks WebDriver BiDi itself; from Python the
ways in are Selenium, which needs geckodriver (Debian does not package it), or Playwright,
whose Firefox is a patched build of its own (a download). puppeteer-core talks BiDi to the
installed Firefox directly, and as a plain script it also runs by hand against `make serve`
(``node tests/browser/engines/firefox-smoke.mjs http://127.0.0.1:8000/``). It prints one
``ok STEP`` or ``not ok STEP - what: why`` line per step; each test below passes or fails on
its step's line, so a failure names the behaviour that broke and what the timer showed.

Needs firefox-esr (or FIREFOX_PATH), node, and puppeteer-core from engines/package-lock.json
(`make test` runs ``npm ci`` there with PUPPETEER_SKIP_DOWNLOAD=1). Without them these tests
fail and say what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess

import pytest

from .engine_smoke import ENGINES

pytestmark = pytest.mark.browser

SCRIPT = ENGINES / "firefox-smoke.mjs"
STEPS = ("start", "pause-resume", "skip", "edit-reload", "link", "session", "next")
LINE = re.compile(r"^(not )?ok (\S+) - (.*)$", re.MULTILINE)
TIMEOUT = 180  # seconds for the whole run; it takes about 15


def firefox_path() -> str:
    path = os.environ.get("FIREFOX_PATH") or shutil.which("firefox-esr") or shutil.which("firefox")
    if not path or not os.access(path, os.X_OK):
        pytest.fail(
            "Firefox not found: install Debian's firefox-esr (apt-get install -y firefox-esr) "
            "or set FIREFOX_PATH",
            pytrace=False,
        )
    return path


class Run:
    def __init__(self, output: str):
        self.output = output
        self.steps = {m[2]: m[0] for m in LINE.finditer(output)}

    def check(self, step: str) -> None:
        line = self.steps.get(step)
        assert line is not None, f"firefox-smoke.mjs did not report step {step}:\n{self.output}"
        if not line.startswith("ok "):
            pytest.fail(line, pytrace=False)


@pytest.fixture(scope="module")
def firefox(base_url) -> Run:
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: install Debian's nodejs and npm", pytrace=False)
    if not (ENGINES / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail(
            "puppeteer-core is not installed: run `make test`, or "
            "`cd tests/browser/engines && PUPPETEER_SKIP_DOWNLOAD=1 npm ci`",
            pytrace=False,
        )
    firefox = firefox_path()
    # A session of its own, so a run that hangs is ended with the Firefox it started.
    proc = subprocess.Popen(
        [node, str(SCRIPT), base_url, "--firefox", firefox],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        pytest.fail(f"firefox-smoke.mjs took over {TIMEOUT} s:\n{output}", pytrace=False)
    run = Run(output)
    if proc.returncode not in (0, 1) or set(run.steps) != set(STEPS):
        pytest.fail(
            f"firefox-smoke.mjs exited {proc.returncode}, reporting steps {sorted(run.steps)} "
            f"(this module knows {sorted(STEPS)}):\n{output}",
            pytrace=False,
        )
    return run


def test_timer_starts_and_counts_down_in_firefox(firefox):
    firefox.check("start")


def test_timer_pauses_and_resumes_in_firefox(firefox):
    firefox.check("pause-resume")


def test_skip_moves_to_the_next_phase_in_firefox(firefox):
    firefox.check("skip")


def test_edited_timer_persists_across_reload_in_firefox(firefox):
    firefox.check("edit-reload")


def test_timer_link_sets_the_timer_in_firefox(firefox):
    firefox.check("link")


def test_session_timer_names_the_drill_in_firefox(firefox):
    firefox.check("session")


def test_a_link_to_another_drill_gives_a_working_timer_in_firefox(firefox):
    firefox.check("next")
