"""Property tests: any text a coach types into a data field renders as text, never as markup."""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from macros.data.load import load
from macros.render import pages as render

from .pagetext import norm, parse
from .project import ROOT, mkdocs_build

SITE = load(ROOT)
with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
    MD_EXTENSIONS = yaml_load(f)["markdown_extensions"]

# Printable text, biased toward the characters that mean something to HTML, Markdown or Jinja.
SPECIAL = list("<>&\"'`*_[](){}#!|\\-.+~:=/\n ") + ["{{", "{%", "</script>", "<!--", "    ", "\n\n"]
texts = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(blacklist_categories=("Cc", "Cs")))),
    min_size=1,
    max_size=12,
).map("".join)


def to_html(markdown_text: str) -> str:
    extensions, configs = [], {}
    for item in MD_EXTENSIONS:
        name, conf = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if conf:
            configs[name] = conf
    return markdown.markdown(markdown_text, extensions=extensions, extension_configs=configs)


def drill_html(**changes) -> str:
    drill = SITE.drills["high-knee-run"].model_copy(update=changes)
    site = SITE.__class__(**{**SITE.__dict__, "drills": {**SITE.drills, "high-knee-run": drill}})
    return to_html(render.drill_page(site, "high-knee-run", "../../"))


def claims_html(text: str) -> str:
    claim = SITE.claims[0].model_copy(update={"claim": text})
    site = SITE.__class__(**{**SITE.__dict__, "claims": [claim, *SITE.claims[1:]]})
    return to_html(render.benefits(site, "../"))


BASELINE_DRILL = parse(drill_html(cues=["plain", *SITE.drills["high-knee-run"].cues[1:]])).tags
BASELINE_CLAIMS = parse(claims_html("plain")).tags


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_cue_renders_as_text(text):
    assume(text.strip())
    page = parse(drill_html(cues=[text, *SITE.drills["high-knee-run"].cues[1:]]))
    assert page.tags == BASELINE_DRILL
    assert norm(text) in norm(" ".join(page.text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_claim_text_renders_as_text_in_table_and_heading(text):
    assume(text.strip())
    page = parse(claims_html(text))
    assert page.tags == BASELINE_CLAIMS
    # In the summary table and in the section heading.
    assert norm(" ".join(page.text)).count(norm(text)) >= 2


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts)
def test_any_step_text_survives_a_strict_build(project, tmp_path_factory, built_site, text):
    assume(text.strip())
    path = project / "data/drills/high-knee-run.yml"
    data = yaml.safe_load(path.read_text())
    data["steps"][0] = text
    data["faults"][0]["why"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    site = tmp_path_factory.mktemp("prop") / "site"

    result = mkdocs_build(project, site)

    assert result.returncode == 0, result.stderr
    page = parse((Path(site) / "drills/high-knee-run/index.html").read_text())
    assert norm(" ".join(page.text)).count(norm(text)) >= 2
    assert page.tags == parse((built_site / "drills/high-knee-run/index.html").read_text()).tags
