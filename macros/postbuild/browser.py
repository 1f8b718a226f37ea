"""Headless Chromium and a loopback web server: shared by the PDF step, the tests and bench/.

Chromium comes from CHROMIUM_PATH, else the system's (Debian's apt package ``chromium``),
else Playwright's own download where one is installed (as on GitHub's runners).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from pathlib import Path

# No sandbox (CI containers run as root); no background traffic to Google's services, which
# is refused on machines without internet and would only add noise everywhere else.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest")


def chromium_path() -> str | None:
    """The browser to launch; None means Playwright's own (which must then be installed)."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    gzip = False

    def log_message(self, *args):
        pass

    def send_head(self):
        """With gzip on, compress text as GitHub Pages does (measurements need real sizes)."""
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; returns the server and its base URL."""
    handler_class = type("Handler", (_Handler,), {"gzip": compress})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
