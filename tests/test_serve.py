"""`mkdocs serve` (what `make serve` runs) lives through a bad data file and recovers from it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from .project import copy_project

DEEP = "name: " + "[" * 30_000 + "]" * 30_000 + "\n"  # used to segfault the whole server
DEEP_LINE = (
    "data/drills/high-knee-run.yml: line 1, column 22: name: nested deeper than 16 levels"
    " (lists or mappings)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def test_serve_survives_a_bad_data_file_and_recovers_when_it_is_fixed(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    page = f"http://127.0.0.1:{port}/drills/high-knee-run/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    drill = project / "data/drills/high-knee-run.yml"
    good = drill.read_text()
    try:
        wait_for(lambda: "High-knee run" in fetch(page), "the first build")

        drill.write_text(DEEP)

        def reported() -> bool:  # or died: the old loader took the server down here
            return any(DEEP_LINE in line for line in output) or server.poll() is not None

        wait_for(reported, "the problem line")
        time.sleep(0.5)  # anything the failed rebuild would do to the server, it has done
        assert server.poll() is None, "".join(output[-20:])
        # (MkDocs holds page requests until a build succeeds again: it "appears stuck".)

        drill.write_text(good.replace("\nsummary: >-\n", "\nsummary: >-\n  Fixed again.\n", 1))
        wait_for(lambda: "Fixed again." in fetch(page), "the rebuild with the fix")
        assert server.poll() is None
        assert "Traceback" not in "".join(output)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its temporary site
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        reader.join(timeout=5)
