"""The commands on inputs a user's corpus may hold by accident: FIFOs, devices, unreadable files,
and an output path that is also an input."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.batch import run_batch
from geomap.cli import main

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."


@pytest.fixture
def news(tmp_path: Path, deny: Any) -> Path:
    """A folder with two readable reports, an unreadable one, a FIFO and a link to /dev/zero."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b_locked", "c"):
        (folder / f"{name}.txt").write_text(SHELLING, encoding="utf-8")
    deny(folder / "b_locked.txt")
    os.mkfifo(folder / "d_pipe.txt")
    (folder / "e_zero.txt").symlink_to("/dev/zero")
    return folder


def test_extract_reports_what_it_cannot_read_and_goes_on(news: Path, gaz: Any) -> None:
    res = CliRunner().invoke(main, ["extract", str(news)])
    assert res.exit_code == 0, res.output
    assert {f["properties"]["doc"] for f in json.loads(res.stdout)["features"]} == {"a", "c"}
    assert res.stderr.splitlines()[:3] == [
        f"geomap: skipped {news / 'd_pipe.txt'}: not a regular file",
        f"geomap: skipped {news / 'e_zero.txt'}: not a regular file",
        f"geomap: skipped {news / 'b_locked.txt'}: cannot read: Permission denied",
    ]


def test_batch_skips_them_and_completes(news: Path, tmp_path: Path, user_home: Path) -> None:
    summary = run_batch([news], tmp_path / "out", progress=False)
    assert summary.complete
    assert (summary.records, summary.documents, summary.skipped) == (5, 2, 3)
    again = run_batch([news], tmp_path / "out", resume=True, progress=False)
    assert again.complete and again.processed_this_run == 0


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{input}", "-o", "{input}"],
        ["places", "{input}", "-o", "{input}"],
        ["map", "{input}", "-o", "{input}"],
        ["map", "{input}", "-o", "{tmp}/m.html", "--geojson", "{input}"],
        ["extract", "{folder}", "-o", "{input}"],  # a file inside an input folder
    ],
)
def test_an_output_that_is_an_input_is_refused_before_any_work(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "reports.json"
    content = json.dumps([{"id": "r1", "text": SHELLING}])
    path.write_text(content, encoding="utf-8")
    args = [a.format(input=path, folder=folder, tmp=tmp_path) for a in command]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert res.stderr == f"geomap: error: {path}: output would overwrite input {path}\n"
    assert path.read_text(encoding="utf-8") == content
    assert not (tmp_path / "m.html").exists()


def test_extract_to_a_new_file_is_not_refused(tmp_path: Path, gaz: Any) -> None:
    path = tmp_path / "reports.json"
    path.write_text(json.dumps([{"id": "r1", "text": SHELLING}]), encoding="utf-8")
    out = tmp_path / "events.json"
    res = CliRunner().invoke(main, ["extract", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["extract", str(path), "-o", str(out)])  # its own output
    assert res.exit_code == 0, res.output
