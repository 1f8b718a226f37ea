"""Read one data file: bounded before it is parsed, YAML 1.2's scalar rules after.

Data files are written by hand, so whatever one holds, reading it must end quickly with either
its values or one line saying what is wrong (FileProblem). In order:

1. What the name is: a regular file, or a link to one inside data/. A folder, a named pipe, a
   device, a broken link or a link out of data/ is refused by name and never opened: opening
   a pipe waits for a writer, and /dev/zero never ends.
2. Its size: at most MAX_BYTES, and no more than that is ever read.
3. Its values, built one parser event at a time and checked as they come (_build): nesting at
   most MAX_DEPTH deep, no anchors or aliases, no tags, every key text and given once, and
   scalars typed by YAML 1.2's rules, numbers in plain decimal only (_Loader).

Nothing here knows what a drill is; load.py validates the values it returns.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

# The largest data file today is data/sources.yml at 8 KB, a drill about 4 KB. 256 KiB is 30
# times that, room for hundreds of sources, and libyaml parses it in milliseconds. A bigger
# file is a mistake (a pasted log, a binary, the wrong file); the cap also bounds what one file
# can cost the build in time and memory, whatever is in it.
MAX_BYTES = 256 * 1024
# Lists and mappings inside each other. The deepest data today is 4 levels (the root mapping,
# keyframes, a keyframe, its left leg: keyframes[0].left.hip). Building values recurses: in C
# inside the YAML library (a 60 KB file of "[" overflowed its stack: a segfault, which took
# `mkdocs serve` down with it), then in Python (RecursionError past ~1,000 levels), in pydantic
# and in repr(). 16 leaves room for new fields and stays far below all of them.
MAX_DEPTH = 16


class FileProblem(Exception):
    """One line, ``<file>: <where>: <problem>``, ready to show."""


def field_path(loc: tuple) -> str:
    """("timer", "work") → "timer.work"; ("steps", 2) → "steps[2]"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


# libyaml's parser is ~10x faster than the pure-Python one; both give the same events and marks.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """The safe loader with YAML 1.2's scalar rules in place of YAML 1.1's (PyYAML's).

    YAML 1.1 reads `yes`, `on` and `y` as true, `040` as octal 32, `0x1F` as 31, `1:30` as 90
    and `2024-05-01` as a date; YAML 1.2's core schema reads them as text, except 040 (40) and
    0x1F (31). We resolve null, true/false and numbers only in the plain decimal forms both
    versions read alike (`12`, `-5`, `2.5`, `true`, `null`); every other plain scalar is text.
    So `yes` is text; `040` is the text "040", which a number field reads as 40 and a text
    field keeps as written; `0x1F` is text, refused by a number field with a message instead
    of quietly becoming 31 (no field is written in hex or octal). And a file written by
    PyYAML (the tests, bench/) reads back the same: it quotes every string YAML 1.1 would
    read as another type, which covers every form resolved here.
    """


# Each pattern is YAML 1.2 core's, narrowed to what YAML 1.1 also reads with the same value.
_Loader.yaml_implicit_resolvers = {}  # drop every YAML 1.1 resolver, then add these
for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?(0|[1-9][0-9]*)", list("-+0123456789")),
    (
        "float",
        r"[-+]?[0-9]+\.[0-9]*([eE][-+][0-9]+)?|\.[0-9]+([eE][-+][0-9]+)?"
        r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
        list("-+.0123456789"),
    ),
):
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first
    )

_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_TAGS = "tags (!name, !!type) are not allowed: write the value plainly"
_ANCHORS = "anchors and aliases (&name, *name) are not allowed: write each value out in full"


class _Refused(Exception):
    def __init__(self, mark, loc: tuple, problem: str):
        super().__init__(problem)
        self.mark, self.loc, self.problem = mark, loc, problem


@dataclass
class _Open:
    """A list or mapping being read: its value so far and where it is."""

    loc: tuple
    value: list | dict
    lines: dict[str, int] | None = None  # a mapping's keys so far, each with its line
    key: str | None = None  # a mapping's key whose value comes next


def _build(loader: _Loader) -> Any:
    """The document's values, built from the parser's events and checked as they come.

    PyYAML's own composer recurses once per level (in C with libyaml: 60 KB of "[" was a
    segfault); the parser under it is a state machine. So this loop builds the values itself,
    with no recursion, and stops at the first problem (_Refused) before going any deeper or
    wider: nesting past MAX_DEPTH, a key that is not text or is given twice, a tag, an anchor
    or an alias. Anchors and aliases are refused, not expanded with a bound: a data file has
    nothing to share between fields, and nine aliases of nine aliases... make 9^9 values from
    300 bytes (an "alias bomb").
    """
    stack: list[_Open] = []
    document: Any = None
    documents = 0
    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                problem = "a second document: a data file holds one (remove the '---')"
                raise _Refused(event.start_mark, (), problem)
        if not isinstance(event, NodeEvent):  # stream and document starts and ends
            continue
        parent = stack[-1] if stack else None
        if parent is None:  # the document itself
            loc = ()
        elif isinstance(parent.value, list):
            loc = (*parent.loc, len(parent.value))
        elif parent.key is None:  # a key: a field name
            loc = parent.loc
        else:
            loc = (*parent.loc, parent.key)
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise _Refused(event.start_mark, loc, _ANCHORS)
        if event.tag is not None:
            raise _Refused(event.start_mark, loc, _TAGS)
        if parent is not None and parent.lines is not None and parent.key is None:
            parent.key = _key(loader, event, loc, parent.lines)
            continue
        if isinstance(event, ScalarEvent):
            value = _scalar(loader, event, loc)
        elif len(stack) == MAX_DEPTH:
            problem = f"nested deeper than {MAX_DEPTH} levels (lists or mappings)"
            raise _Refused(event.start_mark, loc[:1], problem)
        else:
            value = {} if isinstance(event, MappingStartEvent) else []
            lines = {} if isinstance(value, dict) else None
            stack.append(_Open(loc=loc, value=value, lines=lines))
        if parent is None:
            document = value
        elif isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[parent.key], parent.key = value, None
    return document


def _scalar(loader: _Loader, event: ScalarEvent, loc: tuple) -> Any:
    """A scalar's value, typed by _Loader's resolvers and PyYAML's safe constructors."""
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _INT:  # plain decimal only: no octal, hex or base 60 to decode
        try:
            return int(event.value, 10)
        except ValueError:  # longer than Python converts (4,300 digits)
            raise _Refused(event.start_mark, loc, "this number is too long") from None
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    return loader.yaml_constructors[tag](loader, node)  # null, true/false, a float


def _key(loader: _Loader, event: NodeEvent, loc: tuple, lines: dict[str, int]) -> str:
    """A key names a field: text, given once per mapping. Returns it; raises _Refused."""
    mark = event.start_mark
    if not isinstance(event, ScalarEvent):
        kind = "mapping" if isinstance(event, MappingStartEvent) else "list"
        raise _Refused(mark, loc, f"a field name must be text, got a {kind}")
    if loader.resolve(yaml.ScalarNode, event.value, event.implicit) != _STR:
        raise _Refused(mark, loc, f"a field name must be text, got {event.value or 'nothing'}")
    if event.value in lines:
        first = lines[event.value]
        raise _Refused(mark, loc, f"duplicate key {event.value!r} (first at line {first})")
    lines[event.value] = mark.line + 1
    return event.value


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def regular_file(path: Path, rel: str, data_dir: Path) -> Path:
    """The regular file to read for ``path``: itself, or its link's target inside data/.

    Only looks (lstat, stat): nothing is opened, so a pipe or a device cannot block or flood.
    """
    try:
        mode = path.lstat().st_mode
    except OSError as exc:  # gone since its folder was listed
        raise FileProblem(f"{rel}: cannot be read: {exc.strerror}") from None
    if not stat.S_ISLNK(mode):
        if not stat.S_ISREG(mode):
            raise FileProblem(f"{rel}: is {_kind(mode)}, not a regular file")
        return path
    link = os.readlink(path)
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except FileNotFoundError:
        raise FileProblem(f"{rel}: is a link to {link!r}, which does not exist") from None
    except (OSError, RuntimeError):  # a loop: RuntimeError before Python 3.13, OSError after
        raise FileProblem(f"{rel}: is a link to {link!r}, which leads back to itself") from None
    if not stat.S_ISREG(mode):
        raise FileProblem(f"{rel}: is a link to {link!r}, {_kind(mode)}, not a regular file")
    if not target.is_relative_to(data_dir.resolve()):
        raise FileProblem(
            f"{rel}: is a link to {link!r}, outside data/: only links within data/ are followed"
        )
    return target


def _read_bytes(target: Path, rel: str) -> bytes:
    # O_NONBLOCK: should a pipe replace the file after regular_file() looked, opening it still
    # returns at once, and fstat() below refuses it.
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileProblem(f"{rel}: cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{rel}: is {_kind(info.st_mode)}, not a regular file")
        raw = b"" if info.st_size > MAX_BYTES else file.read(MAX_BYTES + 1)
    size = max(info.st_size, len(raw))
    if size > MAX_BYTES:
        raise FileProblem(
            f"{rel}: file is too big ({size:,} bytes): a data file may have at most "
            f"{MAX_BYTES:,} bytes ({MAX_BYTES // 1024} KiB)"
        )
    return raw


def _syntax(rel: str, exc: yaml.YAMLError, text: str) -> FileProblem:
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    # A character YAML refuses. The reader counts bytes or characters depending on the parser,
    # so find the character itself: the first one is the one it stopped at.
    refused = isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int)
    at = text.find(chr(exc.character)) if refused else -1
    if at >= 0:
        start = text.rfind("\n", 0, at) + 1
        where = f"line {text.count(chr(10), 0, start) + 1}, column {at - start + 1}: "
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return FileProblem(f"{rel}: {where}YAML syntax error: {what}")


# Parsing is most of loading the data: ~10 ms a drill file, 10 s at 1000 drills. The values
# depend only on the file's bytes and on this reader, so builds keep them on disk by a hash of
# both (macros/generated.py turns it on). A file that fails to parse is not kept: its problem
# is found again, line and column, every time. What the name is and the size cap are checked
# on every read, before the bytes are looked up.
_disk: list = []
_VERSION = hashlib.sha256(Path(__file__).read_bytes() + yaml.__version__.encode()).hexdigest()


def use_disk_cache(cache) -> None:
    """``cache``: a macros.render.cache.DiskCache, or None for no cache."""
    _disk[:] = [cache] if cache is not None else []


def read(path: Path, rel: str, data_dir: Path) -> Any:
    """The values in the data file ``path`` (shown as ``rel``). Raises FileProblem."""
    raw = _read_bytes(regular_file(path, rel, data_dir), rel)
    if not _disk:
        return _parse(raw, rel)
    return _disk[0].kept((_VERSION, raw), lambda: {"values": _parse(raw, rel)})["values"]


def _parse(raw: bytes, rel: str) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(f"{rel}: file is not UTF-8 text") from None
    loader = _Loader(text)
    try:
        return _build(loader)
    except _Refused as exc:
        where = f"line {exc.mark.line + 1}, column {exc.mark.column + 1}: "
        field_name = f"{field_path(exc.loc)}: " if exc.loc else ""
        raise FileProblem(f"{rel}: {where}{field_name}{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise _syntax(rel, exc, text) from None
    finally:
        loader.dispose()
