"""``geomap batch``: partitions, exact counts, errors.jsonl, resume, engines, reading back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import geomap
from geomap import batch as batch_mod
from geomap.batch import read_batch_events, read_batch_places, run_batch
from geomap.documents import read_documents

REPORTS = Path(geomap.__file__).parent / "examples" / "reports.jsonl"
FAILING_DOC = "ne-syria-2019-03-withdrawal"  # made to raise inside processing


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with the 10 example reports, a JSONL file with bad lines, a binary file."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORTS, folder / "a_reports.jsonl")
    shelling = "Turkish forces shelled Ras al-Ain on 9 October 2019."  # twice: merged on reading
    good = json.dumps({"id": "extra-1", "published": "2019-10-10", "text": shelling})
    (folder / "b_bad.jsonl").write_text(
        "\n".join(
            [
                good,
                '{"id": "broken", "text": ',  # line 2: malformed JSON
                "",  # blank line: not a record
                json.dumps({"id": "empty", "text": "   "}),  # line 4: empty document
                json.dumps({"id": "extra-2", "published": "2019-10-11", "text": shelling}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "c_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return folder


def _raise_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch_mod.process_document

    def flaky(doc: Any, state: Any) -> Any:
        if doc.id == FAILING_DOC:
            raise ValueError("boom in processing")
        return real(doc, state)

    monkeypatch.setattr(batch_mod, "process_document", flaky)


def _event_keys(features: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            p["doc"],
            p["event_type"],
            p["date"] or "",
            p["place_id"] or "",
            p["start"],
            p["end"],
        )
        for p in (f["properties"] for f in features)
    )


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_counts_errors_and_events(
    corpus: Path, tmp_path: Path, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _raise_for_one(monkeypatch)
    out = tmp_path / "out"
    summary = run_batch([corpus], out, chunk_size=4, progress=False)

    # 10 reports + 2 good extra + 2 bad lines + 1 binary file; one report raises
    assert (summary.records, summary.documents, summary.skipped, summary.failed) == (15, 11, 3, 1)
    assert summary.records == summary.documents + summary.skipped + summary.failed
    assert summary.complete and summary.inputs == 3
    # a_reports: 3 chunks (4, 4, 2 docs), b_bad: 1, c_binary: 1 (only its skip record)
    assert summary.partitions == 5
    assert sorted(p.name for p in (out / "events").iterdir()) == [
        f"part-{i:05d}.geojsonl" for i in range(5)
    ]

    errors = _jsonl(out / "errors.jsonl")
    got = [(e["kind"], Path(e["source"]).name, e["line"], e["doc"]) for e in errors]
    assert got == [
        ("failed", "a_reports.jsonl", 3, FAILING_DOC),
        ("skipped", "b_bad.jsonl", 2, None),
        ("skipped", "b_bad.jsonl", 4, None),
        ("skipped", "c_binary.txt", None, None),
    ]
    assert errors[0]["reason"] == "ValueError: boom in processing"
    assert errors[1]["reason"].startswith("malformed JSON")
    assert errors[2]["reason"] == "empty document"
    assert errors[3]["reason"] == "binary file"
    assert json.loads((out / "summary.json").read_text())["failed"] == 1

    # one RFC 7946 Feature per line, null geometry kept for unresolved mentions
    events = read_batch_events(out)
    places = read_batch_places(out)
    assert len(events["features"]) == summary.events
    assert len(places["features"]) == summary.places
    assert sum(1 for f in places["features"] if f["geometry"] is None) == (
        summary.places - summary.places_located
    )
    assert summary.places_located < summary.places
    assert all(f["type"] == "Feature" for f in events["features"])
    assert FAILING_DOC not in {f["properties"]["doc"] for f in events["features"]}

    # read back with dedupe=True, the batch gives exactly what extract_events gives
    from geomap.events import extract_events

    docs = [
        d for d in read_documents(sorted(corpus.glob("*.jsonl"))).documents if d.id != FAILING_DOC
    ]
    expected = extract_events(docs).to_geojson()["features"]
    merged = read_batch_events(out, dedupe=True)["features"]
    repeated = [f for f in events["features"] if f["properties"]["doc"] == "extra-2"]
    assert len(repeated) == 1 and len(merged) < len(events["features"])
    assert repeated[0]["id"] not in {f["id"] for f in merged}
    shelled = [f["properties"] for f in merged if f["properties"]["doc"] == "extra-1"]
    assert {p["event_type"] for p in shelled} >= {"Explosions/Remote violence"}
    assert all({"extra-1", "extra-2"} <= set(p["sources"]) for p in shelled)
    assert [f["properties"] for f in merged] == [f["properties"] for f in expected]


def test_resume_recreates_only_the_deleted_partition(
    corpus: Path, tmp_path: Path, user_home: Path
) -> None:
    out = tmp_path / "out"
    first = run_batch([corpus / "a_reports.jsonl"], out, chunk_size=4, progress=False)
    assert (first.partitions, first.documents, first.failed) == (3, 10, 0)
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/part-*")}
    content = (out / "events" / "part-00001.geojsonl").read_text()
    (out / "events" / "part-00001.geojsonl").unlink()

    again = run_batch([corpus / "a_reports.jsonl"], out, chunk_size=4, resume=True, progress=False)
    assert again.resumed_partitions == 2 and again.processed_this_run == 4
    assert (out / "events" / "part-00001.geojsonl").read_text() == content
    after = {p: p.stat().st_mtime_ns for p in out.glob("*/part-*")}
    changed = sorted(str(p.relative_to(out)) for p in after if before.get(p) != after[p])
    assert changed == ["events/part-00001.geojsonl", "places/part-00001.geojsonl"]
    assert (again.records, again.documents, again.events) == (10, 10, first.events)

    # nothing left to do: every input is skipped without being read
    third = run_batch([corpus / "a_reports.jsonl"], out, chunk_size=4, resume=True, progress=False)
    assert (third.processed_this_run, third.resumed_partitions) == (0, 3)

    # a new input on resume is added after the finished one
    fourth = run_batch(
        [corpus / "a_reports.jsonl", corpus / "b_bad.jsonl"],
        out,
        chunk_size=4,
        resume=True,
        progress=False,
    )
    assert (fourth.records, fourth.documents, fourth.skipped) == (14, 12, 2)
    assert (out / "events" / "part-00003.geojsonl").is_file()


def test_cli_batch_and_existing_outdir(corpus: Path, tmp_path: Path, user_home: Path) -> None:
    from geomap.cli import main

    out = tmp_path / "out"
    runner = CliRunner()
    args = ["batch", str(corpus / "*.jsonl"), "-o", str(out), "--chunk-size", "20"]
    res = runner.invoke(main, [*args, "--json", "--no-progress"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert (summary["records"], summary["documents"], summary["skipped"]) == (14, 12, 2)
    assert summary["inputs"] == 2 and summary["partitions"] == 2
    assert "skipped" in res.stderr and "b_bad.jsonl:2" in res.stderr

    res = runner.invoke(main, args)
    assert res.exit_code == 2
    assert res.stderr.strip().startswith("geomap: error:") and "--resume" in res.stderr
    res = runner.invoke(main, ["batch", str(tmp_path / "nothing-*.jsonl"), "-o", str(out)])
    assert res.exit_code == 2 and "no file matches" in res.stderr


def test_map_renders_a_batch_folder(corpus: Path, tmp_path: Path, user_home: Path) -> None:
    from geomap.cli import main

    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    events = read_batch_events(out, dedupe=True)["features"]
    html = tmp_path / "batch-map.html"
    res = runner.invoke(main, ["map", str(out), "-o", str(html)])
    assert res.exit_code == 0, res.output
    assert f"{len(events):,} events" in res.stdout and html.stat().st_size > 100_000


def test_two_worker_processes_match_one(corpus: Path, tmp_path: Path, user_home: Path) -> None:
    inputs = [corpus / "a_reports.jsonl", corpus / "b_bad.jsonl"]
    one = run_batch(inputs, tmp_path / "one", chunk_size=3, progress=False)
    two = run_batch(inputs, tmp_path / "two", chunk_size=3, workers=2, progress=False)
    assert one.as_dict() | {"outdir": "", "seconds": 0} == two.as_dict() | {
        "outdir": "",
        "seconds": 0,
    }
    for layer in ("events", "places"):
        names = sorted(p.name for p in (tmp_path / "one" / layer).iterdir())
        assert names == sorted(p.name for p in (tmp_path / "two" / layer).iterdir())
        for name in names:
            a = (tmp_path / "one" / layer / name).read_text()
            assert a == (tmp_path / "two" / layer / name).read_text()


def test_parquet_partitions_read_back_like_geojsonl(
    corpus: Path, tmp_path: Path, user_home: Path
) -> None:
    pytest.importorskip("pyarrow")
    inputs = [corpus / "a_reports.jsonl"]
    run_batch(inputs, tmp_path / "gj", chunk_size=4, progress=False)
    run_batch(inputs, tmp_path / "pq", chunk_size=4, fmt="parquet", progress=False)
    assert sorted(p.name for p in (tmp_path / "pq" / "events").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert read_batch_events(tmp_path / "pq") == read_batch_events(tmp_path / "gj")
    assert read_batch_places(tmp_path / "pq") == read_batch_places(tmp_path / "gj")

    import geopandas

    gdf = geopandas.read_parquet(tmp_path / "pq" / "events" / "part-00000.parquet")
    assert gdf.crs is not None and gdf.crs.equals("OGC:CRS84")
    assert gdf.geometry.notna().sum() == len(gdf)


def test_dask_engine_matches_local(
    corpus: Path, tmp_path: Path, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    pytest.importorskip("dask_geopandas")
    # An in-process LocalCluster names itself after the host's IP, found with a UDP "connect" to
    # 8.8.8.8 (no packet is sent), which the no-network guard refuses: use the loopback address.
    monkeypatch.setattr("distributed.comm.inproc.get_ip", lambda *a, **k: "127.0.0.1")
    inputs = [corpus]
    local = run_batch(inputs, tmp_path / "local", chunk_size=4, progress=False)
    dask = run_batch(
        inputs,
        tmp_path / "dask",
        chunk_size=4,
        engine="dask",
        workers=1,
        dask_processes=False,
        progress=False,
    )
    keys = _event_keys(read_batch_events(tmp_path / "local")["features"])
    assert keys and keys == _event_keys(read_batch_events(tmp_path / "dask")["features"])
    for field in ("records", "documents", "skipped", "failed", "events", "places", "partitions"):
        assert getattr(dask, field) == getattr(local, field), field

    from geomap.batch import to_dask_geodataframe

    ddf = to_dask_geodataframe(tmp_path / "dask")
    assert ddf.npartitions == local.partitions
    gdf = ddf.compute()
    assert type(gdf).__name__ == "GeoDataFrame" and gdf.crs == "EPSG:4326"
    assert len(gdf) == local.events
    assert int(gdf.geometry.notna().sum()) == local.located


def test_hostile_records_are_skipped_and_the_batch_completes_and_resumes(
    tmp_path: Path, user_home: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shelling = {"published": "2019-10-10", "text": "Turkish forces shelled Ras al-Ain."}
    (folder / "hostile.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "before", **shelling}),
                '{"id": "deep", "text": "x", "meta": ' + "[" * 5000 + "]" * 5000 + "}",
                '{"id": "surrogate", "text": "Shelling hit Amuda \\ud800."}',
                json.dumps({"id": "after", **shelling}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    utf16 = json.dumps({"id": "utf16", **shelling}) + "\n"
    (folder / "utf16.jsonl").write_bytes(utf16.encode("utf-16"))
    out = tmp_path / "out"
    first = run_batch([folder], out, chunk_size=2, progress=False)
    assert first.complete
    assert (first.records, first.documents, first.skipped, first.failed) == (5, 3, 2, 0)
    errors = _jsonl(out / "errors.jsonl")
    assert [(Path(e["source"]).name, e["line"], e["reason"]) for e in errors] == [
        ("hostile.jsonl", 2, "nested more than 100 levels deep"),
        ("hostile.jsonl", 3, "invalid Unicode: a lone surrogate U+D800 (in field 'text')"),
    ]
    events = read_batch_events(out)
    assert {f["properties"]["doc"] for f in events["features"]} == {"before", "after", "utf16"}

    # the partition holding the hostile records (hostile.jsonl has 2 documents: one chunk)
    (out / "events" / "part-00000.geojsonl").unlink()
    again = run_batch([folder], out, chunk_size=2, resume=True, progress=False)
    assert again.complete and (again.resumed_partitions, again.processed_this_run) == (1, 2)
    assert (again.records, again.documents, again.skipped) == (5, 3, 2)
    assert read_batch_events(out) == events


def test_a_second_batch_on_a_locked_folder_exits_with_the_lock_message(
    corpus: Path, tmp_path: Path, user_home: Path
) -> None:
    import subprocess
    import sys

    from geomap.cli import main

    out = tmp_path / "out"
    args = ["batch", str(corpus / "a_reports.jsonl"), "-o", str(out), "--no-progress"]
    assert CliRunner().invoke(main, args).exit_code == 0
    manifest = (out / "manifest.json").read_text()
    parts = sorted(p.name for p in (out / "events").iterdir())

    # another process holds the folder, as a running `geomap batch` does
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from geomap.batch import lock_outdir\n"
            f"with lock_outdir({str(out)!r}):\n"
            "    print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        for extra in (["--resume"], ["--overwrite"]):
            res = CliRunner().invoke(main, [*args, *extra])
            assert res.exit_code == 2
            assert res.stderr == (
                f"geomap: error: output folder {out} is in use by pid {holder.pid}\n"
            )
        with pytest.raises(geomap.GeomapError, match="in use by pid"):
            run_batch([corpus / "b_bad.jsonl"], out, resume=True, progress=False)
    finally:
        holder.communicate("")
    # nothing was touched, not even by --overwrite
    assert (out / "manifest.json").read_text() == manifest
    assert sorted(p.name for p in (out / "events").iterdir()) == parts
    # once the holder is gone the folder is free again
    assert CliRunner().invoke(main, [*args, "--resume"]).exit_code == 0


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(path: Path) -> None:
    """Change one letter in the middle: same size, same lines, valid JSON still."""
    data = bytearray(path.read_bytes())
    i = data.index(b'"', len(data) // 2) + 1  # the first letter of a JSON string
    data[i] = ord("Q") if data[i] != ord("Q") else ord("R")
    path.write_bytes(bytes(data))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def test_resume_redoes_truncated_garbled_and_emptied_partitions(
    corpus: Path, tmp_path: Path, user_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from geomap.cli import main

    inputs = [corpus / "a_reports.jsonl"]
    reference = run_batch(inputs, tmp_path / "ref", chunk_size=2, progress=False)
    out = tmp_path / "out"
    run_batch(inputs, out, chunk_size=2, progress=False)
    assert reference.partitions == 5
    damaged = {
        "events/part-00000.geojsonl": _truncate,
        "places/part-00002.geojsonl": _garble,
        "events/part-00004.geojsonl": _empty,
    }
    sizes = {name: (out / name).stat().st_size for name in damaged}
    for name, damage in damaged.items():
        before = (out / name).read_bytes()
        damage(out / name)
        assert (out / name).read_bytes() != before

    # reading the folder back says which file is damaged, in one line, and draws nothing
    map_args = ["map", str(out), "-o", str(tmp_path / "m.html")]
    res = CliRunner().invoke(main, map_args)
    assert res.exit_code == 2, res.output
    assert res.stderr == (
        f"geomap: error: {out / 'events' / 'part-00000.geojsonl'}: damaged batch partition "
        f"({sizes['events/part-00000.geojsonl'] // 2:,} bytes where "
        f"{sizes['events/part-00000.geojsonl']:,} were written); run the same geomap batch "
        "command with --resume to redo it\n"
    )
    assert "--resume" in res.stderr and not (tmp_path / "m.html").exists()
    for name in damaged:
        with pytest.raises(geomap.InputError, match="damaged batch partition"):
            batch_mod._read_partition(out / name, _recorded(out, name))

    with caplog.at_level("WARNING", logger="geomap.batch"):
        again = run_batch(inputs, out, chunk_size=2, resume=True, progress=False)
    assert again.complete and again.resumed_partitions == 2
    assert again.processed_this_run == 6  # the three damaged partitions of 2 documents
    assert caplog.text.count("redoing it") == 3
    assert "has 0 bytes where" in caplog.text and "(SHA-256)" in caplog.text
    for layer in ("events", "places"):
        for path in sorted((tmp_path / "ref" / layer).iterdir()):
            assert (out / layer / path.name).read_bytes() == path.read_bytes(), path.name
    assert read_batch_events(out) == read_batch_events(tmp_path / "ref")
    assert again.as_dict() | {"outdir": "", "seconds": 0, "processed_this_run": 0} == (
        reference.as_dict()
        | {"outdir": "", "seconds": 0, "processed_this_run": 0, "resumed_partitions": 2}
    )
    assert CliRunner().invoke(main, map_args).exit_code == 0


def _recorded(out: Path, name: str) -> dict[str, Any]:
    """The digest the manifest recorded for ``layer/part-N.geojsonl``."""
    layer, file = name.split("/")
    part = int(file.split(".")[0][5:])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["inputs"].values():
        for p in entry["done"].values():
            if p["part"] == part:
                digest: dict[str, Any] = p["files"][layer]
                return digest
    raise AssertionError(name)


def test_the_manifest_is_written_twice_a_run_and_its_journal_survives_a_kill(
    tmp_path: Path, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-serialising a large manifest took 92 of 120 s on 10,000 small files (issue 25 item
    11): the manifest is written when a run starts and when it ends, and each partition in
    between is one line appended to manifest.journal, which a run killed before its end leaves
    for --resume to read."""
    folder = tmp_path / "in"
    folder.mkdir()
    # one file a partition (one-document files are packed --chunk-size to a partition)
    for i in range(12):
        text = f"Turkish forces shelled Ras al-Ain on {i + 1} October 2019."
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    reference = run_batch([folder], tmp_path / "ref", progress=False, chunk_size=1)
    assert (reference.partitions, reference.documents) == (12, 12)

    writes: list[str] = []
    real_write = batch_mod._atomic_write_text

    def counting_write(path: Path, text: str, **kwargs: Any) -> None:
        writes.append(path.name)
        real_write(path, text, **kwargs)

    monkeypatch.setattr(batch_mod, "_atomic_write_text", counting_write)
    out = tmp_path / "out"
    run_batch([folder], out, progress=False, chunk_size=1)
    assert writes.count("manifest.json") == 2 and not (out / "manifest.journal").exists()

    # kill -9 after 5 of 12 partitions: the end of the run (the last save) never happens
    real_process = batch_mod.process_chunk
    calls = [0]

    def killed_after_five(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > 5:
            raise KeyboardInterrupt
        return real_process(*args, **kwargs)

    from geomap.batch import local

    monkeypatch.setattr(local, "process_chunk", killed_after_five)
    monkeypatch.setattr(batch_mod.Manifest, "save", lambda self: self.close())
    killed = tmp_path / "killed"
    with pytest.raises(KeyboardInterrupt):
        run_batch([folder], killed, progress=False, chunk_size=1)
    journal = (killed / "manifest.journal").read_text(encoding="utf-8").splitlines()
    assert sum('"op":"done"' in line for line in journal) == 5
    # a line cut short by the kill is not a change
    with (killed / "manifest.journal").open("a", encoding="utf-8") as fh:
        fh.write('{"op":"done","key":')
    assert len(batch_mod.Manifest.load(killed / "manifest.json").done_parts()) == 5
    # reading the folder back sees the five partitions recorded
    assert len(read_batch_places(killed)["features"]) > 0

    monkeypatch.undo()
    again = run_batch([folder], killed, resume=True, progress=False, chunk_size=1)
    assert again.complete and (again.resumed_partitions, again.processed_this_run) == (5, 7)
    assert not (killed / "manifest.journal").exists()
    assert read_batch_events(killed) == read_batch_events(tmp_path / "ref")
    assert read_batch_places(killed) == read_batch_places(tmp_path / "ref")

    # a journal from another run (its token differs from the manifest's) is never replayed
    (killed / "manifest.journal").write_text('{"journal":"other"}\n{"op":"bad"}\n')
    assert len(batch_mod.Manifest.load(killed / "manifest.json").done_parts()) == 12


def test_a_worker_exits_when_its_parent_is_gone() -> None:
    import time

    from geomap.batch import watch_parent

    parents = iter([100, 100, 1])  # the parent is killed; init adopts the worker
    exits: list[int] = []
    thread = watch_parent(
        100, interval=0.01, getppid=lambda: next(parents, 1), exit_now=exits.append
    )
    thread.join(timeout=5)
    assert exits == [1] and not thread.is_alive()
    exits.clear()
    still = watch_parent(100, interval=0.01, getppid=lambda: 100, exit_now=exits.append)
    time.sleep(0.1)
    assert exits == [] and still.is_alive()  # a live parent: the worker goes on


def _small_files(folder: Path) -> None:
    """a.txt b.txt c.txt, d.jsonl (3 documents), e.txt: one-document files around a JSONL."""
    folder.mkdir()
    towns = ["Ras al-Ain", "Tal Abyad", "Kobani", "", "Qamishli"]
    for name, town in zip("abcde", towns, strict=True):
        if name == "d":
            continue
        text = f"Turkish forces shelled {town} on 9 October 2019, a monitor said."
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    lines = [
        json.dumps({"id": f"d{i}", "published": "2019-10-10", "text": f"Clashes in Manbij {i}."})
        for i in range(3)
    ]
    (folder / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_one_document_files_are_packed_into_shared_partitions(
    tmp_path: Path, user_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 short reports made 10,000 partitions (20,000 files; creating them cost more than
    geoparsing the reports): consecutive one-document files share partitions of --chunk-size,
    a JSONL file between them keeps its own, and a failure in a pack names its own file."""
    folder = tmp_path / "in"
    _small_files(folder)
    real = batch_mod.process_document

    def flaky(doc: Any, state: Any) -> Any:
        if doc.id == "b":
            raise ValueError("boom in processing")
        return real(doc, state)

    monkeypatch.setattr(batch_mod, "process_document", flaky)
    out = tmp_path / "out"
    summary = run_batch([folder], out, chunk_size=2, progress=False)
    # [a b] [c] [d0 d1] [d2] [e]
    assert (summary.inputs, summary.partitions, summary.records) == (5, 5, 7)
    assert (summary.documents, summary.failed) == (6, 1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    packs = [e for e in manifest["inputs"].values() if e.get("members")]
    assert [[Path(m["path"]).name for m in e["members"]] for e in packs] == [
        ["a.txt", "b.txt"],
        ["c.txt"],
        ["e.txt"],
    ]
    (failure,) = _jsonl(out / "errors.jsonl")
    assert (Path(failure["source"]).name, failure["doc"], failure["kind"]) == (
        "b.txt",
        "b",
        "failed",
    )
    docs = {f["properties"]["doc"] for f in read_batch_places(out)["features"]}
    assert docs >= {"a", "c", "e", "d0", "d1", "d2"} and "b" not in docs

    # with two workers the same partitions hold the same events
    monkeypatch.undo()
    one = run_batch([folder], tmp_path / "one", chunk_size=2, progress=False)
    two = run_batch([folder], tmp_path / "two", chunk_size=2, workers=2, progress=False)
    assert (one.partitions, two.partitions) == (5, 5)
    events = read_batch_events(tmp_path / "one")["features"]
    assert _event_keys(events) == _event_keys(read_batch_events(tmp_path / "two")["features"])


def test_resume_redoes_only_the_pack_whose_file_changed(tmp_path: Path, user_home: Path) -> None:
    folder = tmp_path / "in"
    _small_files(folder)
    out = tmp_path / "out"
    first = run_batch([folder], out, chunk_size=2, progress=False)
    assert first.complete and first.partitions == 5
    before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pack_parts = {k: [p["part"] for p in e["done"].values()] for k, e in before["inputs"].items()}

    # b.txt changes (another town): its pack [a b] is made again, nothing else is redone
    (folder / "b.txt").write_text(
        "Turkish jets struck Manbij on 10 October 2019.", encoding="utf-8"
    )
    again = run_batch([folder], out, chunk_size=2, resume=True, progress=False)
    assert again.complete and (again.resumed_partitions, again.processed_this_run) == (4, 2)
    assert (again.inputs, again.partitions, again.documents) == (5, 5, 7)
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kept = {k: v for k, v in pack_parts.items() if not k.startswith("pack:") or "a.txt" not in k}
    for key, parts in kept.items():
        assert [p["part"] for p in after["inputs"][key]["done"].values()] == parts
    fresh = run_batch([folder], tmp_path / "fresh", chunk_size=2, progress=False)
    assert fresh.documents == again.documents
    events = _event_keys(read_batch_events(out)["features"])
    assert events == _event_keys(read_batch_events(tmp_path / "fresh")["features"])
    assert any(key[0] == "b" for key in events)

    # a finished run resumed again does nothing; the summary still covers every file
    last = run_batch([folder], out, chunk_size=2, resume=True, progress=False)
    assert (last.processed_this_run, last.resumed_partitions, last.inputs) == (0, 5, 5)


def test_batch_doctests() -> None:
    import doctest

    from geomap.batch import local

    for module in (batch_mod, local):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_a_places_only_batch_writes_the_places_of_a_full_run_and_no_events(
    corpus: Path, tmp_path: Path, user_home: Path
) -> None:
    from geomap.cli import main

    full = run_batch([corpus], tmp_path / "full", chunk_size=4, progress=False)
    runner = CliRunner()
    only = tmp_path / "only"
    args = ["batch", str(corpus), "-o", str(only), "--chunk-size", "4", "--no-progress"]
    res = runner.invoke(main, [*args, "--places-only"])
    assert res.exit_code == 0, res.output
    assert "no events extracted (--places-only)" in res.stdout
    assert read_batch_events(only)["features"] == []
    assert read_batch_places(only) == read_batch_places(tmp_path / "full")
    summary = json.loads((only / "summary.json").read_text(encoding="utf-8"))
    assert summary["events_extracted"] is False and summary["events"] == 0
    assert summary["places"] == full.places > 0 and summary["documents"] == full.documents

    # resumed only in the same mode, with a one-line error otherwise
    res = runner.invoke(main, [*args, "--resume"])
    assert res.exit_code == 2 and "cannot resume without --places-only" in res.stderr
    res = runner.invoke(main, [*args, "--resume", "--places-only"])
    assert res.exit_code == 0 and "0 documents in" in res.stdout  # all done before
    # the event options have nothing to act on
    res = runner.invoke(main, [*args, "--places-only", "--overwrite", "--min-confidence", "0.5"])
    assert res.exit_code == 2 and "extracts no events" in res.stderr

    html = tmp_path / "places.html"
    res = runner.invoke(main, ["map", str(only), "-o", str(html)])
    assert res.exit_code == 0 and "(0 events" in res.stdout
    assert "Ras al-Ain" in html.read_text(encoding="utf-8")
