"""What pushes a printed sheet past its page: the data field, and the file that holds it.

The PDF step (pdf.py) counts pages; when a sheet takes more than one, this lays the page out as
it prints (print media, the paper's page area as the viewport) and finds the first printed part
that crosses the line where the text must end for the log to keep its minimum space. The
templates mark each printed part with the field it shows (``data-field``) and the nearest
``data-source`` names its file: a drill's cues on a session sheet carry the drill's file.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

# Paper sizes in CSS pixels (96 per inch). The margins come from print.css's @page rule.
PAPER_PX = {"A4": (210 / 25.4 * 96, 297 / 25.4 * 96), "Letter": (8.5 * 96, 11 * 96)}
PX_PER_MM = 96 / 25.4

# The @page margins in px (top, right, bottom, left), as the cascade settles them (the theme
# has an @page rule too; print.css comes later and wins): a probe box sized by the winning
# values, so the margins are written in one place, print.css.
_MARGINS_JS = """() => {
  const sides = ["marginTop", "marginRight", "marginBottom", "marginLeft"];
  const margins = ["0", "0", "0", "0"];
  for (const sheet of document.styleSheets) {
    let rules = [];
    try { rules = [...sheet.cssRules]; } catch { continue; }
    for (const rule of rules.filter(r => r instanceof CSSPageRule)) {
      sides.forEach((side, i) => { if (rule.style[side]) margins[i] = rule.style[side]; });
    }
  }
  const probe = document.createElement("div");
  document.body.append(probe);
  const px = value => { probe.style.width = value; return probe.getBoundingClientRect().width; };
  const out = margins.map(px);
  probe.remove();
  return out;
}"""

# Each marked part: its field, file and content height (a Range: the text and boxes inside it,
# so a box stretched by its grid row does not count), which parts it sits inside, and the index
# of the first part that crosses the line where the text must end (the innermost, where parts
# nest), else the first one below it.
_MEASURE_JS = """(area) => {
  const sheet = document.querySelector("article.sheet");
  const log = sheet.querySelector(".sheet-log");
  const gap = parseFloat(getComputedStyle(sheet).rowGap) || 0;
  const reserved = log ? (parseFloat(getComputedStyle(log).minHeight) || 0) + gap : 0;
  const limit = area - reserved;
  const parts = [...sheet.querySelectorAll("[data-field]")]
    .filter(el => el.getClientRects().length)
    .map(el => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const box = range.getBoundingClientRect();
      return {el, top: box.top + scrollY, bottom: box.bottom + scrollY};
    })
    .filter(p => p.bottom > p.top);
  const byTop = (a, b) => a.top - b.top;
  const crossing = parts.filter(p => p.top < limit && p.bottom > limit);
  const innermost = crossing.filter(p => !crossing.some(q => q !== p && p.el.contains(q.el)));
  const pick = innermost.sort(byTop)[0]
    || parts.filter(p => p.top >= limit).sort(byTop)[0]
    || parts.sort((a, b) => b.bottom - a.bottom)[0];
  const sheetBottom = sheet.getBoundingClientRect().bottom + scrollY;
  return {
    parts: parts.map(p => ({
      field: p.el.dataset.field,
      kind: p.el.tagName + "." + p.el.classList[0],
      source: p.el.closest("[data-source]")?.dataset.source ?? null,
      height: p.bottom - p.top,
      inside: parts.flatMap((q, i) => (q !== p && q.el.contains(p.el) ? [i] : [])),
    })),
    crossing: pick ? parts.indexOf(pick) : null,
    over: Math.max(sheetBottom - area, pick ? pick.bottom - limit : 0),
  };
}"""


@dataclass(frozen=True)
class Overflow:
    source: str | None  # "data/drills/x.yml"
    field: str | None  # "faults"
    over_mm: int  # how far the sheet runs past the page, rounded up

    def message(self, kind: str, paper: str, fallback_source: str) -> str:
        what = "drill sheet" if kind == "drills" else "session sheet"
        source = self.source or fallback_source
        field = f"field '{self.field}'" if self.field else "its text"
        return (
            f"{source}: {field} pushes the {what} past one {paper} page"
            f" (by {self.over_mm} mm); shorten it"
        )


def show_as_printed(page, url: str, paper: str) -> float:
    """Open ``url`` laid out as it prints on ``paper``: print media, and a viewport the size
    of the page area (paper less print.css's @page margins), so 100vh is the page's height.
    Returns that height in CSS px."""
    width, height = PAPER_PX[paper]
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(width), "height": round(height)})
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    top, right, bottom, left = page.evaluate(_MARGINS_JS)
    area = (round(width - left - right), math.floor(height - top - bottom))
    page.set_viewport_size({"width": area[0], "height": area[1]})
    return area[1]


def _measure(page, url: str, paper: str) -> dict:
    return page.evaluate(_MEASURE_JS, show_as_printed(page, url, paper))


def find_overflow(page, url: str, paper: str, others: tuple[str, ...] = ()) -> Overflow:
    """What pushes ``url``'s sheet past its page on ``paper``.

    With ``others`` (the other sheets of the same kind) each printed part is compared with
    the same part on those: the part most taller than usual is the one to shorten (a drill
    with more faults is blamed on its faults, even where its safety notes are what crosses
    the foot of the page), and within it, while the parts inside made most of its growth,
    the one that grew most (a drill's cues, not the session's list of drills that holds
    them). Without others, or where nothing
    is taller than usual, the first part that crosses the foot of the page."""
    found = _measure(page, url, paper)
    parts, pick = found["parts"], found["crossing"]
    usual: dict[tuple[str, str], list[float]] = {}
    for other in others:
        for part in _measure(page, other, paper)["parts"]:
            usual.setdefault((part["field"], part["kind"]), []).append(part["height"])
    excess = [
        p["height"] - statistics.median(usual.get((p["field"], p["kind"]), [p["height"]]))
        for p in parts
    ]
    if parts and max(excess) >= PX_PER_MM:
        pick = max(range(len(parts)), key=excess.__getitem__)
        # Into the part that grew, while the parts right inside it made most of its growth (a
        # session's list of drills grown by one drill's cues): the one that grew most.
        while True:
            inner = [j for j, p in enumerate(parts) if pick in p["inside"]]
            direct = [j for j in inner if not set(parts[j]["inside"]) & set(inner)]
            if not direct or sum(max(0, excess[j]) for j in direct) < excess[pick] / 2:
                break
            pick = max(direct, key=excess.__getitem__)
    chosen = parts[pick] if pick is not None else {"source": None, "field": None}
    over = max(1, math.ceil(found["over"] / PX_PER_MM))
    return Overflow(chosen["source"], chosen["field"], over)
