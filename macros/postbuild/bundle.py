"""The timer as one built module: engine.js inlined into element.js.

One request instead of a chain of two (the browser learns of engine.js only after parsing
element.js), and one gzip stream, which compresses better than two. The sources stay two
modules: engine.js is pure, so Node tests it on its own. This is no general bundler: it
knows exactly one import, and refuses anything else rather than ship a broken timer.
"""

from __future__ import annotations

import re
from pathlib import Path

_EXPORT = re.compile(r"^export (?=(?:async )?function |const |let |class )", re.M)
_IMPORT_ENGINE = re.compile(r"^import \{[^}]*\} from '\./engine\.js';\n", re.M)
_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b|\bimport\.meta\b", re.M)


def inline_engine(engine: str, element: str) -> str:
    """element.js with engine.js's code in place of its import (still an ES module)."""
    engine = _EXPORT.sub("", engine)
    element, imports = _IMPORT_ENGINE.subn("", element)
    if imports != 1 or _MODULE_SYNTAX.search(engine + element):
        # A new import or export form: teach this function, do not ship a broken timer.
        raise ValueError("timer modules: cannot inline engine.js into element.js")
    return engine + element


def bundle_timer(site_dir: Path, rel: str = "assets/timer/element.js") -> None:
    """Rewrite the built element.js with the engine inlined (run before minifying)."""
    element = site_dir / rel
    engine = element.with_name("engine.js")
    element.write_text(
        inline_engine(engine.read_text(encoding="utf-8"), element.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
