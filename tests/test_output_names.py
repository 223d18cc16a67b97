"""``-o`` names the file written: a name without an extension is written as given, in the
command's default format, never with ``.geojson`` appended (issue 25 item 13)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from geomap.cli import main

TEXT = "Turkish artillery shelled Tal Abyad on Wednesday, a monitor said."


def test_an_output_without_an_extension_is_written_under_that_name(
    tmp_path: Path, user_home: Path
) -> None:
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": "d1", "text": TEXT, "published": "2019-10-10"}) + "\n")
    runs = {
        "extract": ["extract", str(news), "-o", str(tmp_path / "events")],
        "places": ["places", str(news), "-o", str(tmp_path / "places")],
        "map": ["map", str(news), "-o", str(tmp_path / "mymap"), "--geojson", str(tmp_path / "ev")],
    }
    for command, args in runs.items():
        res = CliRunner().invoke(main, [*args, "-q"])
        assert res.exit_code == 0, (command, res.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ev", "events", "mymap", "news.jsonl", "places",
    ]  # fmt: skip
    for name in ("events", "ev", "places"):
        fc = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection" and fc["features"], name
    assert (tmp_path / "mymap").read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")

    # an extension the command does not write is still one line, before any work
    res = CliRunner().invoke(main, ["extract", str(news), "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 2
    assert res.stderr.endswith(
        "unknown output format '.txt'; expected .geojson, .json, .gpkg, .csv\n"
    )
