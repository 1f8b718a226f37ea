"""The checked-in JSON Schema (data/schema/*.json, for editors) is what the models export."""

from __future__ import annotations

from macros.data import schema


def test_checked_in_schema_files_match_the_models():
    stale = [
        name
        for name, text in schema.schemas().items()
        if not (schema.OUT / name).is_file()
        or (schema.OUT / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"stale data/schema files {stale}: run `make schema` and commit"


def test_check_mode_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    for name, text in schema.schemas().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(schema, "OUT", tmp_path)
    assert schema.main(["--check"]) == 0
    (tmp_path / "drill.json").write_text("{}", encoding="utf-8")
    assert schema.main(["--check"]) == 1
    assert "data/schema/drill.json" in capsys.readouterr().err
