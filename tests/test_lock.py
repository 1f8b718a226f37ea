"""The lock file installs on any machine: no index URLs or local paths copied into it."""

from __future__ import annotations

import re

from .project import ROOT


def test_lock_file_names_no_index_or_machine_path():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    found = re.findall(r".*(?:index-url|find-links|file://|/opt/|/home/|/root/).*", text)
    assert not found


def test_every_locked_requirement_is_pinned_with_a_hash():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    requirements = re.findall(r"^([A-Za-z0-9_.\-]+)(\S*) \\$", text, re.M)
    assert requirements
    assert all(spec.startswith("==") for _, spec in requirements)
    assert text.count("--hash=sha256:") >= len(requirements)
