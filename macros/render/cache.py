"""Build caches on disk: what did not change since the last build is not made again.

Plain functions and classes with no MkDocs import (macros/generated.py is the MkDocs side).

- :class:`DiskCache`: JSON values by key, one file each under a folder of the project's
  ``.cache/`` (ignored by git). Keys are content hashes (:func:`digest`), so an entry is never
  stale: when its inputs change its key does, and :meth:`DiskCache.prune` drops what no build
  used for a week.
- :class:`Reads`: a dict that notes what a render read from it. A drill page shows the names
  of the drills its faults point to; recording those reads, down to the field, lets a cached
  page depend on exactly the data it used, so saving one drill file redoes that page and the
  few that show what changed, not the library (nor the pages that only show its name, when
  the name did not change).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path

EVERY = "*"  # noted when a render walks a whole mapping: it depends on every entry
FIELD = "#"  # "key#field": a render read that field of the value under key, and only that


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def file_digests(root: Path, folder: str) -> dict[str, str]:
    """``{"data/drills/x.yml": sha256 of its bytes}`` for every file under ``root/folder``."""
    return {
        path.relative_to(root).as_posix(): digest(path.read_bytes())
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def combined(digests: dict[str, str], names: Iterable[str] | None = None) -> str:
    """One hash for several files' hashes (all of ``digests``, or those ``names``)."""
    keys = sorted(digests) if names is None else sorted(names)
    return digest(*(f"{k}={digests.get(k, '')}" for k in keys))


class DiskCache:
    """JSON values under ``folder``, one file per key, written atomically."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str):
        self.used.add(key)
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # last used now: kept by prune()
            return value
        except (OSError, ValueError):
            return None  # missing, or cut short by a build that was stopped: made again

    def put(self, key: str, value) -> None:
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)

    def kept(self, parts: Iterable[str | bytes], make):
        """The value stored under the digest of ``parts``; else ``make()``'s, stored now (a
        ``make`` that raises stores nothing)."""
        key = digest(*parts)
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def prune(self, days: float = 7) -> None:
        """Remove the entries this build neither read nor wrote and no build used for
        ``days``: older versions of pages go, while the other kind of build (`make build`
        and `make build-offline` make different pages) keeps its own."""
        cutoff = time.time() - days * 86400
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


class Reads(dict):
    """A dict noting in ``seen`` what was read from it: ``key#field`` for each attribute read
    from a value (through :class:`Fields`), ``key`` for a value used whole (a method called
    on it, or a key tested or missing), EVERY for a walk over all of it (whose values are
    handed out as they are: the walk depends on all of them anyway)."""

    def __init__(self, data: dict, seen: set[str]):
        super().__init__(data)
        self.seen = seen

    def __getitem__(self, key):
        return Fields(super().__getitem__(key), key, self.seen)

    def get(self, key, default=None):
        if super().__contains__(key):
            return self[key]
        self.seen.add(key)
        return default

    def __contains__(self, key):
        self.seen.add(key)
        return super().__contains__(key)

    def _all(self):
        self.seen.add(EVERY)

    def __iter__(self):
        self._all()
        return super().__iter__()

    def __len__(self):
        self._all()
        return super().__len__()

    def keys(self):
        self._all()
        return super().keys()

    def values(self):
        self._all()
        return super().values()

    def items(self):
        self._all()
        return super().items()


class Fields:
    """A value read from :class:`Reads`, noting each attribute read from it as ``key#field``.
    A method is noted as the whole value (what it reads is not known). Anything else a render
    does with the value itself (compare it, print it) is not supported: renders read fields."""

    __slots__ = ("_key", "_seen", "_value")

    def __init__(self, value, key: str, seen: set[str]):
        self._value, self._key, self._seen = value, key, seen

    def __getattr__(self, name: str):
        value = getattr(self._value, name)
        self._seen.add(self._key if callable(value) else f"{self._key}{FIELD}{name}")
        return value


def field_digest(value, name: str) -> str:
    """What :class:`Fields` records a read of ``value.name`` by: a hash of its repr (the data
    models' reprs show every field, in order)."""
    return digest(repr(getattr(value, name)))
