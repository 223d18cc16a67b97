"""Progress per document (issue 23): drawn on a terminal only, silenced by --quiet; ``geomap
batch`` moves per document and cuts a single file so that every worker has a partition."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import geomap
from geomap import clitools
from geomap.batch import BatchOptions, Chunk, ChunkResult, partition_size, run_batch
from geomap.batch.local import run_local
from geomap.cli import main
from geomap.documents import read_documents

REPORTS = Path(geomap.__file__).parent / "examples" / "reports.jsonl"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard error counts as a terminal (CliRunner's is not one)."""
    monkeypatch.setattr(clitools, "stderr_is_terminal", lambda: True)


@pytest.fixture
def three_docs(tmp_path: Path) -> Path:
    path = tmp_path / "three.jsonl"
    lines = REPORTS.read_text(encoding="utf-8").splitlines()[:3]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "label"),
    [(["places"], "geoparsing"), (["extract"], "extracting events")],
)
def test_bar_on_a_terminal_only_and_not_with_quiet(
    command: list[str],
    label: str,
    three_docs: Path,
    tmp_path: Path,
    user_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = str(tmp_path / "out.geojson")
    piped = CliRunner().invoke(main, [*command, str(three_docs), "-o", out])
    assert piped.exit_code == 0, piped.output
    assert label not in piped.stderr  # not a terminal: no bar
    monkeypatch.setattr(clitools, "stderr_is_terminal", lambda: True)
    shown = CliRunner().invoke(main, [*command, str(three_docs), "-o", out])
    assert shown.exit_code == 0, shown.output
    assert f"{label}:" in shown.stderr and "doc" in shown.stderr
    quiet = CliRunner().invoke(main, [*command, str(three_docs), "-o", out, "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert label not in quiet.stderr
    assert "read" not in quiet.stderr  # no summary either
    assert json.loads(Path(out).read_text())["features"]  # the output is still written


def test_map_bar_counts_the_documents(
    three_docs: Path, tmp_path: Path, user_home: Path, terminal: None
) -> None:
    res = CliRunner().invoke(main, ["map", str(three_docs), "-o", str(tmp_path / "m.html")])
    assert res.exit_code == 0, res.output
    assert "geoparsing:" in res.stderr and "/3 " in res.stderr  # a total of 3 documents


def test_partition_size_keeps_every_worker_busy() -> None:
    assert partition_size([500], 500, 2) == 250
    assert partition_size([500], 500, 4) == 125
    assert partition_size([500], 500, 1) == 500  # one worker: as asked
    assert partition_size([400, 400], 500, 2) == 500  # two partitions already
    assert partition_size([10, 1], 500, 3) == 4


class RecordingBar:
    """Stands in for the tqdm bar of run_batch: records every update."""

    def __init__(self, **kwargs: Any) -> None:
        self.total = kwargs.get("total") or 0
        self.n = 0
        self.disable = kwargs.get("show") is False
        self.updates: list[int] = []

    def update(self, n: int) -> None:
        self.updates.append(n)
        self.n += n

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_batch_one_file_two_workers_moves_per_document(
    tmp_path: Path, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bars: list[RecordingBar] = []

    def fake_bar(iterable: Any = None, **kwargs: Any) -> RecordingBar:
        bars.append(RecordingBar(**kwargs))
        return bars[-1]

    monkeypatch.setattr(clitools, "progress_bar", fake_bar)
    summary = run_batch([REPORTS], tmp_path / "out", workers=2, progress=True)
    # 10 documents, default partitions of 500: cut in two so that both workers have one
    assert summary.documents == 10 and summary.partitions == 2
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["chunk_size"] == 500
    assert [e["chunk_size"] for e in manifest["inputs"].values()] == [5]
    (bar,) = bars
    assert bar.n == bar.total == 10
    assert sorted(set(bar.updates)) <= [0, 1]  # one document at a time, never a partition
    # resumed with one worker, the file keeps its partitions of 5
    again = run_batch([REPORTS], tmp_path / "out", resume=True, progress=False)
    assert again.resumed_partitions == 2 and again.processed_this_run == 0


def test_local_engine_reports_each_document_before_its_result(user_home: Path) -> None:
    docs = read_documents([REPORTS]).documents[:4]
    chunk = Chunk(part=0, key="k", index=0, source=str(REPORTS), docs=list(enumerate(docs, 1)))
    seen: list[str] = []

    def on_progress(c: Chunk, n: int) -> None:
        assert c is chunk
        seen.extend(["doc"] * n)

    def on_result(c: Chunk, result: ChunkResult) -> None:
        seen.append("result")

    run_local(iter([chunk]), BatchOptions(), on_result, on_progress=on_progress)
    assert seen == ["doc", "doc", "doc", "doc", "result"]
