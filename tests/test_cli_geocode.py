"""``geomap geocode NAME [--country CC] [--limit N] [--json]`` as a user runs it.

Each call is a real process (the installed entry point's module), so exit codes and stderr are
exactly what a shell sees; bad input must give one ``geomap: error:`` line and no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_geomap
from geopy.distance import geodesic

pytestmark = pytest.mark.slow

GEOMAP_SCRIPT = Path(sys.executable).with_name("geomap")


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(user_home: Path) -> Runner:
    """Run ``geomap ARGS`` in a fresh process against a home without user imports."""

    def _run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_geomap(*args, home=user_home)

    return _run


def as_json(proc: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert isinstance(rows, list)
    return rows


@pytest.mark.parametrize(
    ("name", "place_id", "latlon"),
    [
        ("Tal Abyad", "geonames:163750", (36.697, 38.954)),
        ("Girê Spî", "geonames:163750", (36.697, 38.954)),
        ("Serêkaniyê", "geonames:165509", (36.851, 40.071)),
        ("Kobanê", "geonames:172256", (36.891, 38.354)),
        ("Qamişlo", "geonames:173377", (37.052, 41.231)),
        ("Dêrik", "geonames:173530", (37.177, 42.138)),
        ("Deir Ezzor", "geonames:170794", (35.336, 40.141)),
        ("دير الزور", "geonames:170794", (35.336, 40.141)),
        ("al-Hol camp", "geomap:al-hol-camp", (36.378, 41.148)),
    ],
)
def test_json_output(run: Runner, name: str, place_id: str, latlon: tuple[float, float]) -> None:
    rows = as_json(run("geocode", name, "--json"))
    best = rows[0]
    assert best["place_id"] == place_id
    assert isinstance(best["lon"], float) and isinstance(best["lat"], float)
    distance = geodesic(latlon, (best["lat"], best["lon"])).km
    assert distance <= float(str(best["radius_km"]))
    expected = {
        "place_id",
        "name",
        "lon",
        "lat",
        "kind",
        "country_code",
        "admin1_code",
        "admin1_name",
        "population",
        "source",
        "score",
        "match",
    }
    assert expected <= set(best)


def test_text_output(run: Runner) -> None:
    proc = run("geocode", "Tal Abyad")
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith("1. Tall Abyaḑ (town, Raqqa, SY)")
    assert "lon 38.95382 lat 36.69648" in first
    assert "geonames:163750" in first


def test_the_installed_script_works_too(user_home: Path) -> None:
    assert GEOMAP_SCRIPT.exists()
    proc = subprocess.run(
        [str(GEOMAP_SCRIPT), "geocode", "Ras al-Ain", "--json", "--limit", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "GEOMAP_HOME": str(user_home)},
    )
    [row] = as_json(proc)
    assert (row["place_id"], row["country_code"]) == ("geonames:165509", "SY")


def test_ties_are_listed(run: Runner) -> None:
    rows = as_json(run("geocode", "Tripoli", "--json", "--limit", "2"))
    assert [r["country_code"] for r in rows] == ["LY", "LB"]
    text = run("geocode", "Tripoli", "--limit", "2").stdout.splitlines()
    assert len(text) == 2
    assert text[0].startswith("1. Tripoli (city, Tripoli, LY)")
    assert text[1].startswith("2. Tripoli (city, North Lebanon, LB)")


@pytest.mark.parametrize(
    ("args", "place_ids"),
    [
        (["Derik", "--country", "TR"], ["geonames:316899"]),
        (["Derik", "-c", "sy"], ["geonames:173530"]),
        (
            ["Tripoli", "--country", "LB,LY", "--limit", "2"],
            ["geonames:2210247", "geonames:266826"],
        ),
    ],
)
def test_country_option(run: Runner, args: list[str], place_ids: list[str]) -> None:
    rows = as_json(run("geocode", *args, "--json"))
    assert [r["place_id"] for r in rows][: len(place_ids)] == place_ids
    wanted = set(args[2].upper().split(","))
    assert {r["country_code"] for r in rows} <= wanted


@pytest.mark.parametrize("limit", ["1", "3"])
def test_limit_option(run: Runner, limit: str) -> None:
    assert len(as_json(run("geocode", "Tripoli", "--json", "--limit", limit))) == int(limit)
    assert len(as_json(run("geocode", "Tripoli", "--json", "-n", limit))) == int(limit)


def test_nothing_found(run: Runner) -> None:
    proc = run("geocode", "Xyzzyville")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.strip() == "no place found for 'Xyzzyville'"
    # with --json, an empty list is a valid answer
    assert as_json(run("geocode", "Xyzzyville", "--json")) == []


def assert_one_line_error(proc: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("geomap: error: ")
    assert fragment in lines[0]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "is empty or has no letters"),
        ("   ", "is empty or has no letters"),
        ("'‘’ʿ", "is empty or has no letters"),
        ("x" * 100_000, "100,000 characters long"),
        ("Tal\x01Abyad", "contains control characters"),
        ("Tal\x1b[31mAbyad", "contains control characters"),
    ],
    ids=["empty", "whitespace", "punctuation", "100kB", "control", "escape"],
)
def test_bad_names(run: Runner, name: str, fragment: str) -> None:
    assert_one_line_error(run("geocode", name), fragment)
    assert_one_line_error(run("geocode", name, "--json"), fragment)


@pytest.mark.parametrize("country", ["XX", "Syria", "SY,QQ"])
def test_unknown_country(run: Runner, country: str) -> None:
    assert_one_line_error(run("geocode", "Tal Abyad", "--country", country), "unknown country code")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["Tal Abyad", "--limit", "0"], "--limit"),
        (["Tal Abyad", "--limit", "many"], "--limit"),
        ([], "Missing argument 'NAME'"),
    ],
)
def test_usage_errors(run: Runner, args: list[str], fragment: str) -> None:
    proc = run("geocode", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert fragment in proc.stderr


def test_help(run: Runner) -> None:
    proc = run("geocode", "--help")
    assert proc.returncode == 0
    for option in ("--country", "--limit", "--json"):
        assert option in proc.stdout
