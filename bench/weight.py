"""Bytes a visitor downloads per page, gzip-compressed as GitHub Pages serves them."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from .serve import CHROMIUM_ARGS, chromium, served

PAGES = {
    "home": "",
    "drills index": "drills/",
    "drill": "drills/high-knee-run/",
    "session": "sessions/sprint-drill-warm-up/",
    "benefits": "benefits/",
}
# The drill page (timer, figures and our CSS included) may weigh at most this much more than
# the same page built with default Material.
DRILL_OVER_DEFAULT_TARGET = 10 * 1024
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "fonts",
    "image": "images",
}
COLUMNS = ("html", "css", "js", "fonts", "images", "other")


def _weigh(browser, url: str) -> dict:
    sizes = dict.fromkeys(COLUMNS, 0)
    third_party = []
    page = browser.new_page()
    responses = []
    page.on("requestfinished", lambda req: responses.append(req))
    page.on("requestfailed", lambda req: third_party.append(req.url))
    page.goto(url, wait_until="networkidle")
    for req in responses:
        if urlsplit(req.url).netloc != urlsplit(url).netloc:
            third_party.append(req.url)
            continue
        resp = req.response()
        body = resp.body() if resp else b""
        sizes[KINDS.get(req.resource_type, "other")] += len(gzip.compress(body, 6))
    page.close()
    sizes["total"] = sum(sizes[c] for c in COLUMNS)
    sizes["third_party_requests"] = len(third_party)
    return sizes


def run(ours: Path, baseline: Path) -> dict:
    rows = []
    with sync_playwright() as p, served(ours) as ours_url, served(baseline) as base_url:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            rows.append({"page": name, "site": "drillbook", **_weigh(browser, ours_url + path)})
            rows.append(
                {"page": name, "site": "material default", **_weigh(browser, base_url + path)}
            )
        browser.close()
    drill = {r["site"]: r["total"] for r in rows if r["page"] == "drill"}
    return {
        "rows": rows,
        "drill_over_default_bytes": drill["drillbook"] - drill["material default"],
    }


def table(result: dict) -> str:
    lines = [
        "| page | site | HTML | CSS | JS | fonts | images | other | total KB | 3rd-party reqs |",
        "| --- | --- |" + " ---: |" * 8,
    ]
    for r in result["rows"]:
        kb = [f"{r[c] / 1024:.1f}" for c in COLUMNS]
        lines.append(
            f"| {r['page']} | {r['site']} | "
            + " | ".join(kb)
            + f" | {r['total'] / 1024:.1f} | {r['third_party_requests']} |"
        )
    over = result["drill_over_default_bytes"] / 1024
    target = DRILL_OVER_DEFAULT_TARGET / 1024
    lines.append(
        f"\nDrill page vs default Material page: {over:+.1f} KB (target: at most +{target:.0f} KB)."
    )
    return "\n".join(lines)
