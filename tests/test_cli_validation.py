"""Issue 23: arguments are checked before any work (output format and folder, dates, named
columns), and the exit status is 1 when no document could be read, 0 otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.cli import main

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(SHELLING, encoding="utf-8")
    return path


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a command starts reading documents or geoparsing."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the command started work before checking its arguments")

    monkeypatch.setattr("geomap.documents.read_documents", refuse)
    monkeypatch.setattr("geomap.documents.iter_documents", refuse)
    monkeypatch.setattr("geomap.geoparsing.get_geoparser", refuse)


@pytest.mark.parametrize(
    ("command", "output", "message"),
    [
        ("extract", "out.xlsx", "unknown output format '.xlsx'; expected .geojson, .json, .gpkg"),
        ("extract", "missing/x.geojson", "does not exist"),
        ("places", "missing/x.geojson", "does not exist"),
        ("places", ".", "is a folder"),
    ],
)
def test_a_bad_output_fails_before_any_work(
    report: Path, tmp_path: Path, no_work: None, command: str, output: str, message: str
) -> None:
    out = output if output == "." else str(tmp_path / output)
    res = CliRunner().invoke(main, [command, str(report), "-o", out])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith("geomap: error: ")
    assert message in res.stderr


def test_a_bad_date_fails_before_any_work(report: Path, no_work: None) -> None:
    res = CliRunner().invoke(main, ["extract", str(report), "--published", "2019-13-01"])
    assert res.exit_code == 2
    assert "'2019-13-01' is not a date" in res.stderr


def test_a_named_column_missing_from_a_csv_fails_before_any_work(
    tmp_path: Path, no_work: None
) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(f'id,text\na,"{SHELLING}"\n', encoding="utf-8")
    for command in ("extract", "places"):
        res = CliRunner().invoke(main, [command, str(path), "--date-column", "day"])
        assert res.exit_code == 2, res.output
        assert f"{path}: no column 'day' (--date-column); its columns: id, text" in res.stderr


def test_exit_status_is_1_when_every_input_was_skipped(tmp_path: Path, gaz: Any) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    for command in ("extract", "places"):
        res = CliRunner().invoke(main, [command, str(empty)])
        assert res.exit_code == 1, res.output
        assert "geomap: error: no document read (all 1 input(s) skipped)" in res.stderr


def test_exit_status_is_0_when_one_input_was_read(tmp_path: Path, report: Path, gaz: Any) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for command in ("extract", "places"):
        res = CliRunner().invoke(main, [command, str(empty), str(report)])
        assert res.exit_code == 0, res.output


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_places_are_written_as_the_whole_collection_would_be(count: int) -> None:
    import io
    import json

    from geomap.clitools import FeatureStream

    feats = [
        {"type": "Feature", "geometry": None, "properties": {"name": f"Tal Abyad {i}", "n": [i]}}
        for i in range(count)
    ]
    out = io.StringIO()
    with FeatureStream(None, sink=out) as stream:
        for f in feats:
            stream.write(f)
    whole = json.dumps({"type": "FeatureCollection", "features": feats}, indent=1) + "\n"
    assert out.getvalue() == whole and stream.count == count


def test_a_failed_stream_leaves_no_partial_file(tmp_path: Path) -> None:
    from geomap.clitools import FeatureStream

    target = tmp_path / "places.geojson"
    with pytest.raises(RuntimeError), FeatureStream(str(target)) as stream:
        stream.write({"type": "Feature", "geometry": None, "properties": {}})
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
