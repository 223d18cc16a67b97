"""Issue 23 for ``map`` and ``batch``: outputs checked before any work, exit status 1 when every
input was skipped; ``--min-confidence`` on ``extract`` and ``batch`` as on ``map``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main

REPORTS = Path(geomap.__file__).parent / "examples" / "reports.jsonl"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("Turkish artillery shelled Tal Abyad on Wednesday.", encoding="utf-8")
    return path


@pytest.fixture
def binary(tmp_path: Path) -> Path:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    return path


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if map or batch starts reading and geoparsing."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the command started work before checking its outputs")

    monkeypatch.setattr("geomap.pipeline.run_pipeline", refuse)
    monkeypatch.setattr("geomap.batch.run_batch", refuse)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/missing/map.html"], "does not exist"),
        (["-o", "{tmp}/map.xlsx"], "unknown output format '.xlsx'; expected .html, .htm"),
        (["--geojson", "{tmp}/missing/events.geojson"], "does not exist"),
        (["--places-geojson", "{tmp}/missing/places.geojson"], "does not exist"),
    ],
)
def test_map_checks_its_outputs_before_any_work(
    report: Path, tmp_path: Path, no_work: None, args: list[str], message: str
) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    res = CliRunner().invoke(main, ["map", str(report), *args])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith("geomap: error: ") and message in res.stderr


def test_batch_checks_its_output_folder_before_any_work(
    report: Path, tmp_path: Path, no_work: None
) -> None:
    res = CliRunner().invoke(main, ["batch", str(report), "-o", str(report / "out")])
    assert res.exit_code == 2, res.output
    assert res.stderr == f"geomap: error: {report / 'out'}: {report} is a file, not a folder\n"


def test_map_exits_1_when_every_input_is_skipped(
    binary: Path, tmp_path: Path, user_home: Path
) -> None:
    res = CliRunner().invoke(main, ["map", str(binary), "-o", str(tmp_path / "m.html")])
    assert res.exit_code == 1, res.output
    assert "geomap: skipped" in res.stderr and "no document read" in res.stderr


def test_batch_exits_1_when_every_input_is_skipped(
    binary: Path, tmp_path: Path, user_home: Path
) -> None:
    res = CliRunner().invoke(main, ["batch", str(binary), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1, res.output
    assert "no document read (all 1 input(s) skipped)" in res.stderr


def _confidences(path: Path) -> list[float]:
    if path.is_dir():
        lines = (path / "events").glob("*.geojsonl")
        feats = [json.loads(x) for p in lines for x in p.read_text().splitlines() if x]
    else:
        feats = json.loads(path.read_text())["features"]
    return [f["properties"]["confidence"] for f in feats]


@pytest.mark.parametrize("command", ["extract", "batch"])
def test_min_confidence_leaves_out_less_confident_events(
    command: str, tmp_path: Path, user_home: Path
) -> None:
    def run(name: str, *extra: str) -> list[float]:
        out = tmp_path / name
        res = CliRunner().invoke(main, [command, str(REPORTS), "-o", str(out), "-q", *extra])
        assert res.exit_code == 0, res.output
        return _confidences(out)

    every = run("all.geojson" if command == "extract" else "all")
    threshold = sorted(every)[len(every) // 2]  # the median: about half are left out
    kept = run(
        "kept.geojson" if command == "extract" else "kept", "--min-confidence", str(threshold)
    )
    assert kept == [c for c in every if c >= threshold]
    assert 0 < len(kept) < len(every)
