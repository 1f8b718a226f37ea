"""Export the models' JSON Schema to data/schema/, for editors and for CI.

python -m macros.data.schema          write data/schema/*.json
python -m macros.data.schema --check  exit 1 if the checked-in files are stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import SCHEMAS

OUT = Path(__file__).resolve().parents[2] / "data" / "schema"


def schemas() -> dict[str, str]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def main(argv: list[str]) -> int:
    stale = []
    for filename, text in schemas().items():
        path = OUT / filename
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(f"data/schema/{filename}")
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale schema: {', '.join(stale)}; run `make schema` and commit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
