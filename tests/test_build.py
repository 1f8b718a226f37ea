"""Scenario builds of a copy of the project: bad data stops the build cleanly; text is escaped."""

from __future__ import annotations

import yaml

from .project import edit_yaml, mkdocs_build


def test_bad_data_stops_the_build_with_one_line_and_no_traceback(project, tmp_path):
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["timer"].update(work=-5))
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")

    result = mkdocs_build(project, site)

    assert result.returncode != 0
    assert "data/drills/high-knee-run.yml: timer.work: must be > 0, got -5" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # Validation runs before MkDocs cleans or writes anything: the last good site is untouched.
    assert [p.name for p in site.iterdir()] == ["previous.html"]


def test_adding_a_yaml_file_adds_a_page(project, tmp_path):
    source = project / "data/drills/high-knee-run.yml"
    data = yaml.safe_load(source.read_text())
    data.update(
        name="Fast-feet run", aliases=["Quick feet"], names=[], progressions=[], regressions=[]
    )
    (project / "data/drills/fast-feet-run.yml").write_text(yaml.safe_dump(data))

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/drills/fast-feet-run/index.html").read_text()
    assert "Fast-feet run" in page and "Quick feet" in page
    assert "fast-feet-run/" in (tmp_path / "site/drills/index.html").read_text()


def test_script_in_a_cue_shows_as_text(project, tmp_path):
    cue = '<script>alert("x")</script> & {{ config }}'
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d["cues"].__setitem__(0, cue))

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/drills/high-knee-run/index.html").read_text()
    assert '<script>alert("x")' not in page
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#123;&#123; config &#125;&#125;"
        in page
    )


def test_summary_with_quotes_stays_inside_the_meta_description(project, tmp_path):
    summary = 'Say "hi" <b>loudly</b> & {{ x }}'
    edit_yaml(project, "data/drills/high-knee-run.yml", lambda d: d.update(summary=summary))

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/drills/high-knee-run/index.html").read_text()
    assert (
        '<meta name="description" content="Say &#34;hi&#34; &lt;b&gt;loudly&lt;/b&gt; '
        '&amp; &#123;&#123; x &#125;&#125;">' in page
    )
