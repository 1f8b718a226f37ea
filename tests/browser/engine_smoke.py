"""What the Firefox and WebKit timer smoke suites share: the steps' selectors and expected
text (engines/smoke.json). Both drive the built site the Chromium suite serves (``base_url``).
"""

from __future__ import annotations

import json
from pathlib import Path

ENGINES = Path(__file__).resolve().parent / "engines"
SMOKE = json.loads((ENGINES / "smoke.json").read_text(encoding="utf-8"))
UI, SCENARIO = SMOKE["ui"], SMOKE["scenario"]
