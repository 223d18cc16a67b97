"""Issue 23: exports give date_start/date_end beside date and date_precision and the country's
name beside its code; the commands format JSON alike and word their summaries correctly."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.events.model import Event, EventCollection, date_range
from geomap.types import Place

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."
TAL_ABYAD = Place("geonames:1", "Tall Abyad", 38.98, 36.69, "town", country_code="SY")


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2019-10-14", "day", ("2019-10-14", "2019-10-14")),
        ("2019-10-07", "week", ("2019-10-07", "2019-10-13")),  # a week given by its Monday
        ("2019-10-10", "week", ("2019-10-07", "2019-10-13")),  # by a Thursday (publication day)
        ("2019-10", "month", ("2019-10-01", "2019-10-31")),
        ("2020-02", "month", ("2020-02-01", "2020-02-29")),
        ("2019", "year", ("2019-01-01", "2019-12-31")),
        (None, None, (None, None)),
    ],
)
def test_date_range(value: str | None, precision: str | None, expected: tuple[Any, Any]) -> None:
    assert date_range(value, precision) == expected


@pytest.fixture
def events() -> EventCollection:
    return EventCollection(
        [
            Event("e1", "d1", "2019-10", "month", "Battles", "Armed clash", place=TAL_ABYAD),
            Event("e2", "d2", None, None, "Riots", "Violent demonstration"),
        ]
    )


def test_geojson_has_date_range_and_country_name(events: EventCollection) -> None:
    first, second = (f["properties"] for f in events.to_geojson()["features"])
    assert {k: first[k] for k in ("date", "date_precision", "date_start", "date_end")} == {
        "date": "2019-10",
        "date_precision": "month",
        "date_start": "2019-10-01",
        "date_end": "2019-10-31",
    }
    assert (first["country"], first["country_code"]) == ("Syria", "SY")
    assert (second["date_start"], second["date_end"], second["country"]) == (None, None, None)


def test_csv_and_geopackage_have_them_too(events: EventCollection, tmp_path: Path) -> None:
    with events.write(tmp_path / "e.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert (row["date_start"], row["date_end"]) == ("2019-10-01", "2019-10-31")
    assert (row["country"], row["country_code"]) == ("Syria", "SY")
    import pyogrio

    table = pyogrio.read_dataframe(events.write(tmp_path / "e.gpkg"))
    assert list(table["date_start"].fillna("")) == ["2019-10-01", ""]
    assert list(table["country"].fillna("")) == ["Syria", ""]


def test_places_and_extract_format_json_alike_and_say_1_document(tmp_path: Path, gaz: Any) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SHELLING, encoding="utf-8")
    outputs = {}
    for command in ("places", "extract"):
        res = CliRunner().invoke(main, [command, str(path), "--published", "2019-10-10"])
        assert res.exit_code == 0, res.output
        outputs[command] = res.stdout
        assert "geomap: 1 document read" in res.stderr
        assert "documents read" not in res.stderr
    places, extract = (json.loads(outputs[c]) for c in ("places", "extract"))
    assert outputs["places"] == json.dumps(places, ensure_ascii=False, indent=1) + "\n"
    assert outputs["extract"] == json.dumps(extract, ensure_ascii=False, indent=1) + "\n"


def test_extract_skip_messages_have_the_prefix(tmp_path: Path, gaz: Any) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "report.txt").write_text(SHELLING)
    res = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert f"geomap: skipped {tmp_path / 'empty.txt'}: empty document" in res.stderr.splitlines()
