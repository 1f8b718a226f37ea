"""Read and validate everything in data/, once, with one clear line per problem.

Every problem is reported as ``<file>: <field path>: <what is wrong>`` so a coach editing a
YAML file can find and fix it without reading Python. All problems are collected before
failing, so one build run shows every mistake, not just the first.

Reading a file (yaml_reader.py) is bounded and refuses what is not plain data: whatever a
file holds, the build ends with lines like these, never a traceback, a hang or a crash. Here:
which names in data/ are records (each data-looking name is loaded or refused, never
skipped), the models' validation, and the rules one model cannot see: slugs the site already
uses, entries listed twice, a drill that is its own progression, references between files.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import slugs, yaml_reader
from .models import (
    MAX_PLAN_SECONDS,
    Claim,
    ClaimList,
    Drill,
    Session,
    Source,
    SourceList,
    Variation,
    block_seconds,
)
from .slugs import SLUG_MAX_LENGTH, SLUG_RULE
from .yaml_reader import FileProblem, field_path


class DataError(Exception):
    """Bad data. ``problems`` holds one human-readable line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Site:
    """Validated data, ready to render. Everything after load() may trust it."""

    root: Path
    drills: dict[str, Drill]
    sessions: dict[str, Session]
    sources: dict[str, Source]
    claims: list[Claim]

    def drill_file(self, slug: str) -> str:
        return f"data/drills/{slug}.yml"

    def session_file(self, slug: str) -> str:
        return f"data/sessions/{slug}.yml"


def _read_yaml(path: Path, rel: str, root: Path, problems: list[str]) -> dict | None:
    try:
        data = yaml_reader.read(path, rel, root / "data")
    except FileProblem as exc:
        problems.append(str(exc))
        return None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        problems.append(f"{rel}: the file must be a mapping of fields (name: ...), got {got}")
        return None
    return data


# Bounded whatever the value: an error about a deep or huge value must not repr() all of it.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxother = 2, 4, 4, 40


def _show(value: Any) -> str:
    text = repr(value[:41]) if isinstance(value, str) else _REPR.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _explain(err: dict, model: type[BaseModel]) -> str:
    """Turn one pydantic error into a sentence a non-programmer can act on."""
    kind, ctx, got = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        field = err["loc"][-1]
        known = _known_fields(model, err["loc"][:-1])
        guess = difflib.get_close_matches(str(field), known, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown field{hint}"
    if kind == "greater_than":
        return f"must be > {ctx['gt']}, got {_show(got)}"
    if kind == "greater_than_equal":
        return f"must be >= {ctx['ge']}, got {_show(got)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be <= {ctx.get('le', ctx.get('lt'))}, got {_show(got)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {_show(got)}"
    if kind in ("string_type",):
        return f"must be text, got {_show(got)}"
    if kind in ("list_type",):
        return f"must be a list, got {_show(got)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields, got {_show(got)}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}, got {_show(got)}"
    if kind == "string_pattern_mismatch":
        if "x00" in ctx.get("pattern", ""):
            return "must not contain control characters"
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            rule = SLUG_RULE
        elif pattern.startswith("^10"):
            rule = "a DOI like 10.1000/xyz"
        else:
            rule = "an http:// or https:// URL"
        return f"must be {rule}, got {_show(got)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx['max_length']} characters)"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s), got {ctx.get('actual_length', 0)}"
    if kind == "too_long":
        return f"has too many items (at most {ctx['max_length']}), got {ctx.get('actual_length')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names valid at ``loc``, to suggest the right spelling of a typo."""
    current: Any = model
    for part in loc:
        if (
            isinstance(part, int)
            or _union_tag(part)
            or not (isinstance(current, type) and issubclass(current, BaseModel))
        ):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _union_tag(part: Any) -> bool:
    # pydantic inserts the union member's name into the location ("Variation", "constrained-str");
    # readers only know the YAML field names.
    return isinstance(part, str) and (part[:1].isupper() or "-" in part or "[" in part)


def _validate(model: type[BaseModel], data: dict, rel: str, problems: list[str]):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[str] = set()
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not _union_tag(p))
            path = field_path(loc)
            if path in seen:  # one line per field: a union reports each alternative
                continue
            seen.add(path)
            problems.append(f"{rel}: {path}: {_explain(err, model)}")
        return None


def _split(name: str) -> tuple[str, str | None]:
    """A file name, spaces around it dropped, as (stem, extension or None)."""
    stem, dot, ext = name.strip().rpartition(".")
    return (stem, ext) if dot else (name.strip(), None)


def _looks_like_data(name: str) -> bool:
    """Whether a name in data/ is meant as a data file: it is then loaded or refused, never
    skipped. That is any name ending in .yml or .yaml, in any case, with spaces around or not,
    and any name with no extension at all. Hidden names (.x.yml.swp, .DS_Store) and backups
    (x.yml~, x.yml.bak) are left alone: editors write them beside the file being edited, and
    refusing them would break `make serve` on every save."""
    ext = _split(name)[1]
    return not name.strip().startswith(".") and (ext is None or ext.casefold() in ("yml", "yaml"))


def _name_problem(name: str, folder: str, taken: dict[str, str]) -> str | None:
    """Why a data-looking file name in data/<folder>/ cannot be a record's, or None."""
    stem, ext = _split(name)
    rename = (re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-") or "my-drill") + ".yml"
    if name != name.strip():
        return f"file name starts or ends with a space: rename it to {rename}"
    if ext is None:
        return (
            f"file name has no extension: rename it to {rename}, or move it out of data/{folder}/"
        )
    if ext != "yml":
        return (
            "file name must end in .yml (lowercase), like the other data files:"
            f" rename it to {rename}"
        )
    if len(stem) > SLUG_MAX_LENGTH:
        return (
            f"file name is too long: a slug has at most {SLUG_MAX_LENGTH} characters,"
            f" this one has {len(stem)}"
        )
    if not slugs.is_slug(stem):
        return f"file name must be a slug ({SLUG_RULE}) ending in .yml"
    if stem in taken:
        return f"file name {stem!r} is reserved ({taken[stem]} uses it): choose another name"
    return None


def _records(folder: Path, root: Path, problems: list[str]) -> dict[str, tuple[str, dict]]:
    """Every record file in ``folder`` (data/drills/, data/sessions/), read; every other
    data-looking name refused with its reason."""
    out: dict[str, tuple[str, dict]] = {}
    if not folder.is_dir():
        return out
    taken = slugs.reserved(root, folder.name)
    for path in sorted(folder.iterdir()):
        if not _looks_like_data(path.name):
            continue
        rel = path.relative_to(root).as_posix()
        try:  # what the name is comes first: "is a folder" says more than its name's faults
            yaml_reader.regular_file(path, rel, root / "data")
        except FileProblem as exc:
            problems.append(str(exc))
            continue
        problem = _name_problem(path.name, folder.name, taken)
        if problem:
            problems.append(f"{rel}: {problem}")
            continue
        data = _read_yaml(path, rel, root, problems)
        if data is not None:
            out[path.stem] = (rel, data)
    return out


# What data/ itself holds; any other data-looking name in it is refused.
DATA_FILES = ("benefits.yml", "sources.yml")
DATA_FOLDERS = ("drills", "sessions", "schema")


def _strays(data_dir: Path, problems: list[str]) -> None:
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else ():
        if path.name not in DATA_FILES + DATA_FOLDERS and _looks_like_data(path.name):
            problems.append(
                f"data/{path.name}: data/ holds only {', '.join(DATA_FILES)} and the folders"
                f" {', '.join(f + '/' for f in DATA_FOLDERS)}: move or rename it"
            )


# Lists in which order and repetition are the point: a session may run a drill twice. In any
# other list an entry given twice (a source, a cue, a step, a fault) is a copy-and-paste slip.
# A new list where repeats mean something (a plan) belongs here.
SEQUENCES = {(Session, "items")}


def _repeated_entries(record: BaseModel, rel: str, problems: list[str], loc: tuple = ()) -> None:
    """Refuse an entry listed twice in any list of ``record``, at any depth."""
    for name in type(record).model_fields:
        value, here = getattr(record, name), (*loc, name)
        if isinstance(value, BaseModel):
            _repeated_entries(value, rel, problems, here)
        elif isinstance(value, list):
            if (type(record), name) not in SEQUENCES:
                _listed_twice(value, here, rel, problems)
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _repeated_entries(item, rel, problems, (*here, i))


def _listed_twice(items: list, loc: tuple, rel: str, problems: list[str]) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        key = item.model_dump_json() if isinstance(item, BaseModel) else json.dumps(item)
        if key in first:
            what = _show(item) if isinstance(item, str | int) else "the same entry"
            problems.append(
                f"{rel}: {field_path((*loc, i))}: {what} is listed twice"
                f" (first at {field_path((*loc, first[key]))})"
            )
        first.setdefault(key, i)


def _self_references(slug: str, drill: Drill, rel: str, problems: list[str]) -> None:
    for field, one in (("progressions", "progression"), ("regressions", "regression")):
        for i, item in enumerate(getattr(drill, field)):
            if isinstance(item, Variation) and item.drill == slug:
                problems.append(f"{rel}: {field}[{i}].drill: a drill cannot be its own {one}")
    for i, fault in enumerate(drill.faults):
        if fault.fix_drill == slug:
            problems.append(
                f"{rel}: faults[{i}].fix_drill: a drill cannot be the fix for its own fault"
            )


def _normal(name: str) -> str:
    """Names that differ only in case, spaces or punctuation are the same name to a searcher."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def _check_drill_references(site: Site, problems: list[str]) -> None:
    owners: dict[str, str] = {}
    for slug, drill in site.drills.items():
        rel = site.drill_file(slug)
        names = [
            ("name", drill.name),
            *((f"aliases[{i}]", a) for i, a in enumerate(drill.aliases)),
            *((f"names[{i}].name", n.name) for i, n in enumerate(drill.names)),
        ]
        for path, name in names:
            key = _normal(name)
            if key in owners:
                problems.append(f"{rel}: {path}: {name!r} is already used by {owners[key]}")
            else:
                owners[key] = f"{rel} ({path})"
        links = [
            (f"{field}[{i}].drill", item.drill)
            for field in ("progressions", "regressions")
            for i, item in enumerate(getattr(drill, field))
            if isinstance(item, Variation) and item.drill
        ]
        links += [(f"faults[{i}].fix_drill", f.fix_drill) for i, f in enumerate(drill.faults)]
        for path, target in links:
            _check_drill_link(f"{rel}: {path}", target, site, problems)
        for path, ids in drill.citations():
            _check_sources(f"{rel}: {path}", ids, site, problems)
    for slug, session in site.sessions.items():
        rel = site.session_file(slug)
        for i, item in enumerate(session.items):
            _check_drill_link(f"{rel}: items[{i}].drill", item.drill, site, problems)
        for path, ids in session.citations():
            _check_sources(f"{rel}: {path}", ids, site, problems)
        if not problems:
            _check_session_length(rel, session, site, problems)
    for i, claim in enumerate(site.claims):
        for path, ids in claim.citations():
            _check_sources(f"data/benefits.yml: claims[{i}].{path}", ids, site, problems)


def _check_drill_link(where: str, target: str | None, site: Site, problems: list[str]) -> None:
    if target is not None and target not in site.drills:
        problems.append(f"{where}: no drill {target!r} (there is no data/drills/{target}.yml)")


def _check_session_length(rel: str, session: Session, site: Site, problems: list[str]) -> None:
    """A session's timed part stays within what a timer runs (MAX_PLAN_SECONDS)."""
    blocks = [item.applied_to(site.drills[item.drill].timer) for item in session.items]
    seconds = session.prepare + session.cooldown + sum(block_seconds(b) for b in blocks)
    seconds += session.transition * (len(blocks) - 1)
    if seconds > MAX_PLAN_SECONDS:
        problems.append(
            f"{rel}: items: the session's timed part is {seconds // 60} min, longer than the "
            f"{MAX_PLAN_SECONDS // 3600} hours a timer runs: fewer drills, rounds or sets"
        )


def _check_sources(where: str, ids: list[str], site: Site, problems: list[str]) -> None:
    for i, source_id in enumerate(ids):
        if source_id not in site.sources:
            problems.append(f"{where}[{i}]: no source {source_id!r} in data/sources.yml")


def _unique_ids(rel: str, field: str, ids: list[str], problems: list[str]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            problems.append(f"{rel}: {field}[{i}].id: {item!r} is used twice")
        seen.add(item)


def load(root: Path) -> Site:
    """Load and validate ``root/data``. Raises DataError listing every problem found."""
    root = Path(root)
    data_dir = root / "data"
    problems: list[str] = []

    drills = {}
    for slug, (rel, raw) in _records(data_dir / "drills", root, problems).items():
        drill = _validate(Drill, raw, rel, problems)
        if drill is not None:
            _repeated_entries(drill, rel, problems)
            _self_references(slug, drill, rel, problems)
            drills[slug] = drill
    sessions = {}
    for slug, (rel, raw) in _records(data_dir / "sessions", root, problems).items():
        session = _validate(Session, raw, rel, problems)
        if session is not None:
            _repeated_entries(session, rel, problems)
            sessions[slug] = session

    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    for name, model in (("sources", SourceList), ("benefits", ClaimList)):
        path = data_dir / f"{name}.yml"
        rel = f"data/{name}.yml"
        if not os.path.lexists(path):
            problems.append(f"{rel}: file is missing")
            continue
        raw = _read_yaml(path, rel, root, problems)
        parsed = _validate(model, raw, rel, problems) if raw is not None else None
        # Entries of these two lists are checked by id; the lists inside each, like a drill's.
        if isinstance(parsed, SourceList):
            _unique_ids(rel, "sources", [s.id for s in parsed.sources], problems)
            sources = {s.id: s for s in parsed.sources}
        elif isinstance(parsed, ClaimList):
            _unique_ids(rel, "claims", [c.id for c in parsed.claims], problems)
            for i, claim in enumerate(parsed.claims):
                _repeated_entries(claim, rel, problems, ("claims", i))
            claims = list(parsed.claims)
    _strays(data_dir, problems)

    if not drills and not problems:
        problems.append(
            "data/drills: no drill files found; add one like data/drills/high-knee-run.yml"
        )

    site = Site(root=root, drills=drills, sessions=sessions, sources=sources, claims=claims)
    if not problems:  # references into a file that failed to load would only repeat its errors
        _check_drill_references(site, problems)
    if problems:
        raise DataError(problems)
    return site


_current: dict[Path, Site] = {}


def load_for_build(root: Path) -> Site:
    """Load and validate once at the start of a build (the hook's on_config) and remember it."""
    root = Path(root).resolve()
    _current[root] = load(root)
    return _current[root]


def current(root: Path) -> Site:
    """The data of the build in progress: what load_for_build() read, or a fresh load.

    Pages ask for the data thousands of times per build; re-checking data/ on each call
    would make the build quadratic in the number of drills.
    """
    root = Path(root).resolve()
    return _current[root] if root in _current else load_for_build(root)
