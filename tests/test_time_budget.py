"""A time budget per document (issue 25): a document that takes too long is skipped, named
and counted, and the run goes on, in ``places``, ``extract``, ``map`` and ``batch`` (with worker
processes too). The slow stage is a patched geoparser that waits for the budget to stop it (and
gives up by itself after 30 s, so a broken budget fails the test instead of hanging it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import geomap
from geomap.budget import DocumentTimeout, max_doc_seconds, time_budget
from geomap.cli import main

SLOW = "slow-one"
TEXTS = {
    "first": "Turkish artillery shelled Tal Abyad on Wednesday, a monitor said.",
    SLOW: "Protesters gathered in Qamishli on Wednesday against the offensive.",
    "last": "Families fled Ras al-Ain toward Hasakah on Thursday, aid workers said.",
}
SKIP_LINE = (
    f"geomap: skipped document {SLOW!r}: over the time budget of 5 s; nothing of it is "
    "written (raise --max-doc-seconds, or 0 for no limit)\n"
)


def _stall() -> None:
    """Wait for the budget's signal (at most 30 s)."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        time.sleep(0.01)


def _news(folder: Path) -> Path:
    path = folder / "news.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": t, "published": "2019-10-10"}) + "\n"
            for i, t in TEXTS.items()
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def slow_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from geomap.geoparsing import Geoparser

    real = Geoparser.parse

    def parse(self: Any, doc: Any, *args: Any, **kwargs: Any) -> Any:
        if doc.id == SLOW:
            _stall()
        return real(self, doc, *args, **kwargs)

    monkeypatch.setattr(Geoparser, "parse", parse)


def test_the_budget_stops_the_block_and_nothing_else() -> None:
    start = time.monotonic()
    with pytest.raises(DocumentTimeout, match=r"over the time budget of 0\.2 s"), time_budget(0.2):
        _stall()
    assert time.monotonic() - start < 20
    with time_budget(5):
        pass  # a block within its budget: no signal comes later
    time.sleep(0.05)
    with time_budget(None):
        time.sleep(0.01)
    # outside the main thread no timer signal can be set: the block runs to its end
    done: list[bool] = []

    def worker() -> None:
        with time_budget(0.01):
            time.sleep(0.1)
        done.append(True)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert done == [True]


def test_the_budget_default_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEOMAP_MAX_DOC_SECONDS", raising=False)
    assert max_doc_seconds() == 60.0
    assert (max_doc_seconds(2), max_doc_seconds(0)) == (2.0, None)
    monkeypatch.setenv("GEOMAP_MAX_DOC_SECONDS", "0")
    assert max_doc_seconds() is None
    monkeypatch.setenv("GEOMAP_MAX_DOC_SECONDS", "soon")
    with pytest.raises(geomap.ConfigurationError, match="GEOMAP_MAX_DOC_SECONDS='soon'"):
        max_doc_seconds()
    res = CliRunner().invoke(main, ["places", "x.jsonl"])
    assert res.exit_code == 2
    assert res.stderr == (
        "geomap: error: GEOMAP_MAX_DOC_SECONDS='soon' is not a number of seconds\n"
    )


def test_places_extract_and_map_skip_a_slow_document_by_name(
    tmp_path: Path, user_home: Path, slow_parser: None
) -> None:
    news = _news(tmp_path)
    budget = ["--max-doc-seconds", "5"]

    res = CliRunner().invoke(
        main, ["places", str(news), "-o", str(tmp_path / "p.geojson"), *budget]
    )
    assert res.exit_code == 0, res.output
    assert SKIP_LINE in res.stderr and "1 record skipped" in res.stderr
    assert "2 documents read" in res.stderr
    fc = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    docs = {f["properties"]["doc"] for f in fc["features"]}
    assert docs == {"first", "last"}

    res = CliRunner().invoke(
        main, ["extract", str(news), "-o", str(tmp_path / "e.geojson"), *budget]
    )
    assert res.exit_code == 0, res.output
    assert SKIP_LINE in res.stderr and "2 documents read, 1 skipped" in res.stderr
    fc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["doc"] for f in fc["features"]} == {"first", "last"}

    args = ["map", str(news), "-o", str(tmp_path / "m.html"), *budget]
    res = CliRunner().invoke(main, [*args, "--places-geojson", str(tmp_path / "mp.geojson")])
    assert res.exit_code == 0, res.output
    assert SKIP_LINE in res.stderr
    fc = json.loads((tmp_path / "mp.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["doc"] for f in fc["features"]} == {"first", "last"}

    # every document over its budget: nothing could be read, exit status 1
    only = tmp_path / "only.jsonl"
    only.write_text(json.dumps({"id": SLOW, "text": TEXTS[SLOW]}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(
        main, ["places", str(only), "-o", str(tmp_path / "o.geojson"), *budget]
    )
    assert res.exit_code == 1 and SKIP_LINE in res.stderr


SITECUSTOMIZE = f"""
import time
import geomap.batch

_real = geomap.batch.process_document

def _slow(doc, state):
    if doc.id == {SLOW!r}:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            time.sleep(0.01)
    return _real(doc, state)

geomap.batch.process_document = _slow
"""


def test_batch_workers_skip_a_slow_document_by_name(tmp_path: Path, user_home: Path) -> None:
    """Two worker processes (spawned: the slow stage is patched in each by a sitecustomize)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    news = _news(tmp_path)
    out = tmp_path / "out"
    repo = Path(geomap.__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), str(repo)]),
        "GEOMAP_HOME": str(user_home),
    }
    cmd = [sys.executable, "-m", "geomap.cli", "batch", str(news), "-o", str(out), "-j", "2"]
    proc = subprocess.run(
        [*cmd, "--chunk-size", "1", "--max-doc-seconds", "5", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert (summary["records"], summary["documents"], summary["skipped"]) == (3, 2, 1)
    assert summary["complete"] and summary["failed"] == 0
    assert f"geomap: skipped {news}:2 [{SLOW}]: over the time budget of 5 s" in proc.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["kind"], e["doc"], e["line"]) for e in errors] == [("skipped", SLOW, 2)]
    from geomap.batch import read_batch_places

    docs = {f["properties"]["doc"] for f in read_batch_places(out)["features"]}
    assert docs == {"first", "last"}


def test_the_budget_in_a_thread_when_asked() -> None:
    """Dask workers run documents in threads: ``threads=True`` stops a block there too, and
    a block that ends in time is never interrupted later."""
    seen: list[str] = []

    def worker() -> None:
        start = time.monotonic()
        try:
            with time_budget(0.2, threads=True):
                _stall()
        except DocumentTimeout as exc:
            seen.append(str(exc))
        assert time.monotonic() - start < 20
        with time_budget(0.2, threads=True):
            time.sleep(0.01)
        time.sleep(0.4)  # past the second budget: nothing is raised
        seen.append("done")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=60)
    assert seen == ["over the time budget of 0.2 s", "done"]


def test_dask_engine_skips_a_slow_document_by_name(
    tmp_path: Path, user_home: Path, slow_parser: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Dask engine applies --max-doc-seconds too (its workers are threads of this process
    here, so the patched geoparser is theirs)."""
    pytest.importorskip("dask.distributed")
    # an in-process cluster finds its host's IP with a UDP "connect" the network guard refuses
    monkeypatch.setattr("distributed.comm.inproc.get_ip", lambda *a, **k: "127.0.0.1")
    from geomap.batch import read_batch_places, run_batch

    news = _news(tmp_path)
    out = tmp_path / "out"
    summary = run_batch(
        [news], out, engine="dask", workers=1, dask_processes=False, max_doc_seconds=2,
        chunk_size=1, progress=False,
    )  # fmt: skip
    assert (summary.records, summary.documents, summary.skipped, summary.failed) == (3, 2, 1, 0)
    assert summary.complete
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["kind"], e["doc"], e["line"]) for e in errors] == [("skipped", SLOW, 2)]
    assert errors[0]["reason"].startswith("over the time budget of 2 s")
    docs = {f["properties"]["doc"] for f in read_batch_places(out)["features"]}
    assert docs == {"first", "last"}
