"""Validated records → page Markdown, through the Jinja templates in templates/.

Plain functions with no MkDocs import: another site generator could call them unchanged.
Data text is escaped on its way into every template (see _finalize), so a ``<script>`` in a
cue shows as text and a ``{{`` in a note cannot be mistaken for a template.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import get_args

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..data.load import Site
from ..data.models import Level, Muscle, cited, paragraphs, wording
from . import figures, movement, order, qr, timer

TEMPLATES = Path(__file__).parent / "templates"


def _escape(value) -> Markup:
    if isinstance(value, Markup):
        return value
    # Braces become entities too: rendered pages never contain a stray "{{" from data.
    return Markup(str(escape(str(value))).replace("{", "&#123;").replace("}", "&#125;"))


def _finalize(value):
    return value if isinstance(value, Markup) or value is None else _escape(value)


# Exactly the characters Python-Markdown (with the tables extension) lets you backslash-escape.
# Braces too: attr_list would read a "{ ... }" at the end of a heading as attributes.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def _text_only(value) -> str:
    """& < > as entities, nothing else: quotes and braces stay as they are."""
    return html.escape(" ".join(str(value).split()), quote=False)


def _md_inline(value) -> Markup:
    """Escape text for a Markdown heading or list item: & < > as entities, then Markdown
    syntax with backslashes. Quotes stay literal: the table of contents escapes a heading's
    text again, so an entity for them (&#39;) would show there as written, and in the
    heading's id as "39"."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", _text_only(value)))


def page_title(value) -> str:
    """A page's front-matter title. The theme writes it into the page as it is (so & < > are
    escaped here), and mkdocs-macros renders a title containing "{{", "{%" or "{#" as a
    template: braces become entities, which the page shows as braces."""
    return _text_only(value).replace("{", "&#123;").replace("}", "&#125;")


def _paras(value) -> Markup:
    """Free text → <p> elements, one per blank-line-separated paragraph, no blank lines left."""
    chunks = [" ".join(c.split()) for c in re.split(r"\n\s*\n", str(value))]
    return Markup("".join(f"<p>{_escape(c)}</p>" for c in chunks if c))


def _oneline(value) -> Markup:
    return _escape(" ".join(str(value).split()))


# A sentence ends at . ! or ? followed by a space and a capital letter (or the end).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _first_sentence(value) -> Markup:
    """The first sentence of a free text: a card's one-line description."""
    return _oneline(_SENTENCE_END.split(" ".join(str(value).split()), maxsplit=1)[0])


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=_md_inline, paras=_paras, line=_oneline, sentence=_first_sentence)
    env.filters["clock"] = timer.clock
    env.globals.update(
        cited=cited, paragraphs=paragraphs, wording=wording, source_order=source_order
    )
    env.globals["numbering"] = lambda ids: {source_id: n for n, source_id in enumerate(ids, 1)}
    env.globals["in_number_order"] = lambda ids, numbers: sorted(ids, key=numbers.__getitem__)
    return env


def source_order(record) -> list[str]:
    """A drill's or claim's source ids, each once, in the order its page first cites them."""
    ids = (source_id for _, cited_ids in record.citations() for source_id in cited_ids)
    return list(dict.fromkeys(ids))


def page_link(base: str, path: str, directory_urls: bool = True) -> str:
    """The href from a page to the site page built from ``path``, the Markdown source under
    docs/ as a Markdown link names it ("drills/small-step-run.md", "drills/index.md").

    ``base`` leads from the linking page to the site root. With directory URLs (the
    published site) "drills/small-step-run.md" is "drills/small-step-run/"; without them
    (make build-offline, opened from disk) it is "drills/small-step-run.html", as MkDocs
    names the file. Any other path ("downloads/x.pdf") is a file under the root, unchanged.
    """
    if path.endswith(".md"):
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            folder = stem.removesuffix("index")
            path = folder if directory_urls else folder + "index.html"
        else:
            path = stem + "/" if directory_urls else stem + ".html"
    return base + path or "./"


def _render(name: str, base: str = "", directory_urls: bool = True, **context) -> str:
    # Templates link with url("drills/<slug>.md"): right for either kind of build.
    url = partial(page_link, base, directory_urls=directory_urls)
    return _env().get_template(name).render(base=base, url=url, **context)


def _join(words) -> str:
    return ", ".join(words)


def timer_widget(plan: dict) -> str:
    return _render(
        "timer.html.j2",
        plan=plan,
        describe=timer.describe(plan),
        effort=timer.effort,
        recovery=timer.recovery,
        rounds_text=timer.rounds_text,
        span=timer.span,
    )


def figure_strip(slug: str, drill, base: str) -> str:
    """A drill's key-position figures (render/figures.py) with their captions and legend, and
    the movement between them (render/movement.py)."""
    frames = [
        {"caption": f["caption"], "svg": Markup(f["svg"])}
        for f in figures.strip(slug, drill.keyframes)
    ]
    return _render(
        "figures.html.j2",
        figures=frames,
        focused=any(kf.focus for kf in drill.keyframes),
        guides=figures.legend(drill.keyframes),
        movement=Markup(movement.svg(drill.keyframes)),
        base=base,
    )


def _sheet(site_url: str | None, path: str) -> dict:
    """The printed sheet's way back online: the page's absolute URL, short form and QR code."""
    if site_url is None:
        return {"sheet_url": None}
    url = qr.page_url(site_url, path)
    return {
        "sheet_url": url,
        # Printed under the code; may wrap, but only after a slash.
        "sheet_short_url": Markup("/<wbr>").join(qr.short_url(url).split("/")),
        "sheet_qr": Markup(qr.svg(url)),
    }


def drill_page(
    site: Site,
    slug: str,
    base: str,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> str:
    """A drill's page; printed, its one-page sheet (print.css)."""
    drill = site.drills[slug]
    plan = timer.drill_plan(slug, drill)
    return _render(
        "drill.md.j2",
        slug=slug,
        drill=drill,
        site=site,
        base=base,
        join=_join,
        timer_html=Markup(timer_widget(plan)),
        plan_text=timer.describe(plan),
        figures_html=Markup(figure_strip(slug, drill, base)),
        source_file=site.drill_file(slug),
        directory_urls=directory_urls,
        **_sheet(site_url, f"drills/{slug}/"),
    )


def sheet_pdf(kind: str, slug: str) -> str:
    """Where the PDF step writes a sheet, under the site root (macros/postbuild/pdf.py)."""
    return f"downloads/{slug}.pdf" if kind == "drills" else f"downloads/session-{slug}.pdf"


def sheet_gallery(site: Site, base: str, directory_urls: bool = True) -> str:
    """sheets/: a card per drill and per session sheet, each with its Print and PDF links."""
    link = partial(page_link, base, directory_urls=directory_urls)
    items = [
        {
            "name": drill.name,
            "kind": "Drill",
            "level": drill.level,
            "href": link(f"drills/{slug}.md"),
            "pdf": link(sheet_pdf("drills", slug)),
            "preview": Markup(figures.decorative(drill.keyframes[:1])),
        }
        for slug, drill in site.drills.items()
    ]
    items += [
        {
            "name": session.name,
            "kind": "Session",
            "level": session.level,
            "href": link(f"sessions/{slug}.md"),
            "pdf": link(sheet_pdf("sessions", slug)),
            "preview": Markup(
                "<ol>"
                + "".join(f"<li>{_escape(site.drills[i.drill].name)}</li>" for i in session.items)
                + "</ol>"
            ),
        }
        for slug, session in site.sessions.items()
    ]
    return _render("sheet_gallery.html.j2", items=items)


def session_page(
    site: Site,
    slug: str,
    base: str,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> str:
    session = site.sessions[slug]
    plan = timer.session_plan(slug, session, site)
    return _render(
        "session.md.j2",
        pdf_path=sheet_pdf("sessions", slug),
        slug=slug,
        session=session,
        site=site,
        base=base,
        plan=plan,
        total=timer.clock(timer.total_seconds(plan)),
        open_phases=timer.has_open_phases(plan),
        block_summary=timer.block_summary,
        timer_html=Markup(timer_widget(plan)),
        source_file=site.session_file(slug),
        directory_urls=directory_urls,
        **_sheet(site_url, f"sessions/{slug}/"),
    )


def _in_order(values, vocabulary) -> list[str]:
    used = set(values)
    return [v for v in vocabulary if v in used]


def session_builder(
    site: Site, base: str, directory_urls: bool = True, from_disk: bool = False
) -> str:
    """builder/: the frame of the session builder; its filters offer what the drills use."""
    drills = list(site.drills.values())
    no_equipment = ["no equipment"] if any(not d.equipment for d in drills) else []
    return _render(
        "builder.html.j2",
        base=base,
        directory_urls=directory_urls,
        from_disk=from_disk,
        levels=_in_order([d.level for d in drills], get_args(Level)),
        muscles=_in_order([m for d in drills for m in d.primary_muscles], get_args(Muscle)),
        equipment=sorted({e for d in drills for e in d.equipment}) + no_equipment,
        history_href=page_link(base, "history.md", directory_urls),
    )


def run_history(base: str, directory_urls: bool = True, from_disk: bool = False) -> str:
    """history/: the frame of the local history of finished runs."""
    return _render("history.html.j2", base=base, directory_urls=directory_urls, from_disk=from_disk)


def benefits(site: Site, base: str, directory_urls: bool = True) -> str:
    return _render("benefits.md.j2", site=site, base=base, directory_urls=directory_urls)


def card_figure(drill) -> Markup:
    """A drill's first key position as decoration for its card (the card's text names it):
    the strip's first frame as its looped copy draws it, without an id or a title."""
    return Markup(figures.decorative(drill.keyframes))


def _cards(site: Site) -> list[dict]:
    """Every drill in teaching order (render/order.py), with what its card and row show."""
    return [
        {"slug": slug, "drill": site.drills[slug], "figure": card_figure(site.drills[slug])}
        for slug in order.teaching_order(site.drills)
    ]


NO_EQUIPMENT = "none"


def _facets(site: Site) -> dict[str, list[str]]:
    """The finder's choices: only values some drill has, in their vocabulary's order (levels
    easiest first, muscles A-Z), equipment A-Z after "none"."""
    drills = site.drills.values()
    equipment = sorted({item for d in drills for item in d.equipment}, key=str.casefold)
    return {
        "levels": _in_order([d.level for d in drills], get_args(Level)),
        "muscles": _in_order([m for d in drills for m in d.primary_muscles], get_args(Muscle)),
        "equipment": ([NO_EQUIPMENT] if any(not d.equipment for d in drills) else []) + equipment,
    }


def drills_index(site: Site, base: str, directory_urls: bool = True) -> str:
    return _render(
        "drills_index.md.j2",
        site=site,
        base=base,
        directory_urls=directory_urls,
        join=_join,
        cards=_cards(site),
        facets=_facets(site),
        no_equipment=NO_EQUIPMENT,
    )


def sessions_index(site: Site, base: str, directory_urls: bool = True) -> str:
    plans = {s: timer.session_plan(s, x, site) for s, x in site.sessions.items()}
    # The timed part; with runs and walk-backs that end with a tap, say they come on top.
    totals = {
        s: timer.clock(timer.total_seconds(p))
        + (" + runs and walk-backs" if timer.has_open_phases(p) else "")
        for s, p in plans.items()
    }
    return _render(
        "sessions_index.md.j2",
        site=site,
        base=base,
        directory_urls=directory_urls,
        totals=totals,
        sessions=order.session_order(site.sessions),
    )


def home_cards(site: Site, base: str, directory_urls: bool = True) -> str:
    return _render(
        "cards.md.j2",
        site=site,
        base=base,
        directory_urls=directory_urls,
        cards=_cards(site),
        sessions=order.session_order(site.sessions),
    )


def warm_up_button(site: Site, base: str, directory_urls: bool = True) -> str:
    """The home page's "Start the warm-up": the first session (render/order.py), opened at its
    timer's heading so the timer is on screen, ready to start."""
    sessions = order.session_order(site.sessions)
    if not sessions:
        return ""
    slug = sessions[0]
    return _render(
        "warm_up.html.j2",
        base=base,
        directory_urls=directory_urls,
        slug=slug,
        session=site.sessions[slug],
    )


def sources_list(site: Site, base: str, directory_urls: bool = True) -> str:
    return _render("sources.md.j2", site=site, base=base, directory_urls=directory_urls)


def glossary_entries(site: Site) -> list[tuple[str, list[dict]]]:
    """Every drill name, alias and noted name, sorted A to Z and grouped by first letter."""
    entries = []
    for slug, drill in site.drills.items():
        entries.append({"term": drill.name, "slug": slug, "kind": "drill", "note": None})
        entries += [{"term": a, "slug": slug, "kind": "alias", "note": None} for a in drill.aliases]
        entries += [
            {"term": n.name, "slug": slug, "kind": "name", "note": n.note} for n in drill.names
        ]
    entries.sort(key=lambda e: e["term"].casefold())
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        first = entry["term"][0].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(entry)
    return list(groups.items())


def glossary(site: Site, base: str, directory_urls: bool = True) -> str:
    return _render(
        "glossary.md.j2",
        site=site,
        base=base,
        directory_urls=directory_urls,
        groups=glossary_entries(site),
    )


def _front_matter(meta: dict) -> str:
    # libyaml's emitter when PyYAML has it: the pure-Python one was ~10 % of a 1000-drill build.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + text + "---\n\n"


def drill_stub(site: Site, slug: str) -> str:
    """The Markdown file the hook adds for one drill: its front matter (the body is
    drill_page's, rendered by the build: macros/generated.py)."""
    drill = site.drills[slug]
    facets = [drill.level, *drill.primary_muscles, *(drill.equipment or ["no equipment"])]
    meta = {
        "title": page_title(drill.name),
        # The theme writes description into an attribute unescaped, so escape it here.
        "description": str(_escape(drill.summary)),
        # Material's tags plugin reads ``facets``: chips on the page and the tag listings
        # that filter drills by level, main muscle and equipment.
        "facets": facets,
        # The search plugin reads ``tags`` (weighted far above text and titles): every name the
        # drill is known by, its own name included (else another drill's alias outranks it: to
        # the search "A-skip" is only "skip", "a" being a stop word), plus its facets, so a
        # search for a name or a main muscle lands here. All are shown on the page. A search
        # result lists them as HTML, so & < > are escaped.
        "tags": [_text_only(name) for name in (*drill.all_names, *facets)],
        "search": {"boost": search_boost(drill.name)},
        # The page is rendered from the data by the build (macros/generated.py), not by the
        # macros plugin: nothing here for it to expand.
        "render_macros": False,
        # For maintainers, in the page's footer (docs/overrides/main.html), not its text.
        "data_file": site.drill_file(slug),
        "licence": drill.license,
    }
    return _front_matter(meta)


# Words Material's search drops from pages and queries alike (some of lunr's English stop
# words) that could stand in a drill's name.
SEARCH_STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"}
)


def search_boost(name: str) -> int:
    """Drill pages outrank index pages that merely list the same names (2). A name with a word
    the search drops reaches it shorter: "A-skip" is searched as "skip", a word the power skip
    has twice. Doubling such a page's boost makes up for the lost word."""
    words = re.split(r"[\s\-]+", name.casefold())
    return 4 if SEARCH_STOP_WORDS.intersection(words) else 2


def session_stub(site: Site, slug: str) -> str:
    session = site.sessions[slug]
    meta = {
        "title": page_title(session.name),
        "description": str(_escape(session.summary)),
        "facets": [session.level],
        # The name as a tag too, as for drills: else a drill whose names share its words
        # ("Sprint-drill warm-up", "Mach drill") outranks the session searched by its name.
        "tags": [_text_only(session.name), session.level],
        "search": {"boost": 2},
        "render_macros": False,
        "data_file": site.session_file(slug),
    }
    return _front_matter(meta)
