"""Batch runs over thousands to millions of documents, written incrementally as partitions.

>>> from geomap.batch import run_batch, read_batch_events  # doctest: +SKIP
>>> summary = run_batch(["news/"], "out", workers=4)  # doctest: +SKIP
>>> events = read_batch_events("out", dedupe=True)  # a FeatureCollection dict  # doctest: +SKIP

Layout of an output folder::

    OUTDIR/manifest.json                  inputs (path, size, mtime) and their finished partitions
    OUTDIR/events/part-00000.geojsonl     one RFC 7946 Feature per line (or .parquet: GeoParquet)
    OUTDIR/places/part-00000.geojsonl     place mentions, unresolved ones with geometry null
    OUTDIR/errors.jsonl                   every skipped or failed record (source, line, doc, reason)
    OUTDIR/warnings.jsonl                 records read with a caveat (kept and processed)
    OUTDIR/summary.json                   the counts printed at the end
    OUTDIR/manifest.journal               while a run goes on: its changes to the manifest
    OUTDIR/.lock                          held (``flock``) by the run writing the folder

One run at a time writes an output folder: :func:`run_batch` takes an exclusive lock on
``OUTDIR/.lock`` before it reads or changes anything there (``--overwrite`` included), and a
second run stops at once with :class:`~geomap.errors.OutputInUseError` ("output folder OUT is in
use by pid N"). The operating system releases the lock when the process ends, however it ends.

A *partition* is a chunk of ``chunk_size`` consecutive documents of one input file (plus the
records skipped among them; the last chunk of a file may be smaller), so a partition never spans
two files and its content depends only on that file; except that consecutive files of one
document each (``.txt``, ``.html``) are packed, up to ``chunk_size`` to a partition, whose
content depends only on those files (a *pack*, recorded in the manifest with its files; see
:func:`_plan_units`). With several workers, when the inputs would
give fewer partitions than workers (a 500-document file with the default 500 and two workers),
the partitions are made smaller, ``ceil(records / workers)`` documents, so that every worker has
one (:func:`partition_size`); the size each input was cut with is recorded in the manifest, so
``resume`` cuts it the same way whatever the number of workers then. Partitions are
written atomically (a temporary file renamed into place) and recorded in the manifest, so an
interrupted run loses at most the partitions in flight; ``resume=True`` skips the inputs and
partitions that are done (an input whose size or modification time changed is redone).

The manifest records the size, line count and SHA-256 of every file of a finished partition.
``resume=True`` checks them and redoes a partition whose files are missing, truncated, emptied or
changed (logged); reading a folder back (:func:`read_batch_events`, ``geomap map OUTDIR``) checks
them too and stops with a one-line :class:`~geomap.errors.InputError` naming the damaged file
rather than map part of the data or fail inside the JSON parser.

Counting is exact: every record read is a processed document, a skipped record (reported by
:func:`geomap.documents.iter_documents`) or a failed document (an exception while geoparsing or
extracting it, caught per document), and ``records == documents + skipped + failed``.

Events are extracted per document (duplicates inside one document merged); duplicates across the
corpus are merged when reading back with ``read_batch_events(outdir, dedupe=True)``. A run with
``events=False`` (``geomap batch --places-only``) only geoparses: its ``events`` partitions are
written empty, its ``places`` partitions are those of a full run, and about half the work is
saved (extracting events costs about as much as geoparsing).

Engines: :mod:`geomap.batch.local` (``concurrent.futures`` processes, the default) and
:mod:`geomap.batch.dask_engine` (``dask.bag`` on a local or remote Dask cluster).

Progress: the bar (on a terminal) moves once per document with the local engine, as each worker
reports its documents while it works on a partition; with the Dask engine it moves once per
finished partition.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import glob
import hashlib
import json
import logging
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..budget import DocumentTimeout, budget_skip, time_budget
from ..documents import ReadWarning, Skipped, iter_documents, undated_documents
from ..errors import ConfigurationError, InputError, OutputInUseError
from ..types import Document

if TYPE_CHECKING:
    from ..events import EventExtractor
    from ..geoparsing import Geoparser
    from ..resolve import Focus

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "FORMATS",
    "BatchOptions",
    "BatchSummary",
    "Chunk",
    "ChunkResult",
    "expand_inputs",
    "file_digest",
    "lock_outdir",
    "partition_size",
    "process_chunk",
    "process_document",
    "read_batch_events",
    "read_batch_places",
    "run_batch",
    "to_dask_geodataframe",
]

log = logging.getLogger("geomap.batch")

DEFAULT_CHUNK_SIZE = 500
FORMATS = ("geojsonl", "parquet")
MANIFEST = "manifest.json"
ERRORS = "errors.jsonl"
WARNINGS = "warnings.jsonl"
SUMMARY = "summary.json"
LOCK = ".lock"
MANIFEST_VERSION = 1
#: The changes of a run going on, one JSON line each (see :class:`Manifest`).
JOURNAL = "manifest.journal"
_SUFFIX = {"geojsonl": ".geojsonl", "parquet": ".parquet"}
_GLOB_CHARS = frozenset("*?[")


# -- options and work units --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What every worker needs to build its geoparser and extractor (picklable, hashable)."""

    published: str | None = None  # ISO date for documents without one (applied when reading)
    focus: str | None = None
    triggers: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_confidence: float | None = None  # events below it are left out
    max_doc_seconds: float | None = None  # a document's time budget (not in the manifest)
    events: bool = True  # False: geoparse only, the events partitions stay empty


@dataclass(slots=True)
class Chunk:
    """One partition to process: up to ``chunk_size`` consecutive documents of one input file.

    ``docs`` pairs each document with its record number in the file (1-based, counting skipped
    records too); ``skipped`` and ``warnings`` are what reading reported for the same records.
    """

    part: int
    key: str  # the input's manifest key (its resolved path)
    index: int  # chunk number inside the input
    source: str  # the input path as given (used in error records)
    docs: list[tuple[int, Document]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    #: in a chunk of several one-document files: the file each record came from
    origins: dict[int, str] | None = None

    @property
    def records(self) -> int:
        return len(self.docs) + len(self.skipped)

    def origin(self, record: int) -> str:
        """The input file of record number ``record``."""
        return self.origins.get(record, self.source) if self.origins else self.source


@dataclass(slots=True)
class ChunkResult:
    """What a worker returns for a chunk: features, failures and how many documents succeeded.

    A worker of the local engine writes the chunk's ``events`` and ``places`` files itself
    (:meth:`written`): the result then carries their digests in ``files`` and the feature
    counts in ``tally``, and no features.
    """

    events: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    #: documents over their time budget: counted skips, ``{"doc", "record", "reason"}``
    over_budget: list[dict[str, Any]] = field(default_factory=list)
    #: digests of the partition files already written (by the worker), by layer
    files: dict[str, dict[str, Any]] | None = None
    #: the counts of :meth:`counts` once the features are gone
    tally: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        """Events, located events, place mentions and located place mentions."""
        if self.tally is not None:
            return self.tally
        return {
            "events": len(self.events),
            "located": sum(1 for f in self.events if f.get("geometry")),
            "places": len(self.places),
            "places_located": sum(1 for f in self.places if f.get("geometry")),
        }

    def written(self, writer: PartitionWriter, part: int) -> ChunkResult:
        """Write the features to partition ``part``; this result with digests instead of them."""
        self.tally = self.counts()
        self.files = writer.write_features(part, self.events, self.places)
        self.events, self.places = [], []
        return self


# -- the worker side ---------------------------------------------------------------------------
@dataclass(slots=True)
class WorkerState:
    """The geoparser, event extractor and focus of one worker process (built once)."""

    parser: Geoparser
    extractor: EventExtractor | None  # None when the run extracts no events
    focus: Focus | None
    min_confidence: float | None = None


_STATES: dict[BatchOptions, WorkerState] = {}
#: In a worker process of the local engine: where :func:`process_chunk` reports each document
#: done (a ``multiprocessing`` queue given by :func:`init_worker`), for the parent's progress bar.
_PROGRESS_QUEUE: Any = None


def worker_state(options: BatchOptions) -> WorkerState:
    """This process's :class:`WorkerState` for ``options`` (built on first use, then reused as
    long as the process-wide gazetteer stays the same)."""
    from ..geoparsing import get_geoparser

    parser = get_geoparser()
    state = _STATES.get(options)
    if state is None or state.parser is not parser:
        from ..events import EventExtractor, load_actors, load_triggers
        from ..resolve import Focus

        focus = Focus.parse(options.focus, parser.gazetteer) if options.focus else None
        extractor = (
            EventExtractor(load_triggers(options.triggers), load_actors(options.actors))
            if options.events
            else None
        )
        state = _STATES[options] = WorkerState(parser, extractor, focus, options.min_confidence)
    return state


def init_worker(options: BatchOptions, progress_queue: Any = None) -> None:
    """Process-pool initializer: ignore Ctrl-C (the parent handles it), build the geoparser,
    and keep the queue that documents done are reported to (if any)."""
    import signal

    global _PROGRESS_QUEUE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _PROGRESS_QUEUE = progress_queue
    watch_parent(os.getppid())
    worker_state(options)


def watch_parent(
    parent: int,
    *,
    interval: float = 1.0,
    getppid: Callable[[], int] = os.getppid,
    exit_now: Callable[[int], Any] = os._exit,
) -> threading.Thread:
    """Make a worker die with its parent: a daemon thread checks every ``interval`` seconds
    that the process that started it is still its parent (a killed parent's workers are
    handed to another process) and exits at once when it is not, so that no orphaned worker
    goes on holding memory after ``kill -9`` of the batch."""

    def watch() -> None:
        while True:
            time.sleep(interval)
            if getppid() != parent:
                exit_now(1)
                return

    thread = threading.Thread(target=watch, name="geomap-parent-watch", daemon=True)
    thread.start()
    return thread


def process_document(
    doc: Document, state: WorkerState
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Event and place-mention Features of one document (events merged inside the document;
    none when the worker extracts no events)."""
    from ..events import deduplicate
    from ..geoparsing import place_features

    resolutions = state.parser.parse(doc, focus=state.focus)
    if state.extractor is None:
        return [], place_features(resolutions)
    events = deduplicate(state.extractor.document_events(doc, resolutions))
    threshold = state.min_confidence
    return [
        e.to_feature()
        for e in events
        if threshold is None or round(e.confidence, 3) >= threshold  # as written
    ], place_features(resolutions)


def process_chunk(
    docs: Sequence[tuple[int, Document]],
    options: BatchOptions,
    on_document: Callable[[], None] | None = None,
    number: int | None = None,
) -> ChunkResult:
    """Process the documents of one chunk; a document that raises is recorded, not fatal.

    After each document ``on_document()`` is called; in a worker process of the local engine
    ``number`` (the chunk's number in the parent) is put on the progress queue instead.
    """
    state = worker_state(options)
    if on_document is None and number is not None and _PROGRESS_QUEUE is not None:
        queue = _PROGRESS_QUEUE

        def on_document() -> None:
            queue.put(number)

    result = ChunkResult()
    for record, doc in docs:
        try:
            with time_budget(options.max_doc_seconds, threads=True):
                events, places = process_document(doc, state)
        except DocumentTimeout as exc:
            skip = budget_skip(doc.id, exc)
            result.over_budget.append({"doc": doc.id, "record": record, "reason": skip.reason})
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
            result.failures.append({"doc": doc.id, "record": record, "reason": reason})
        else:
            result.documents += 1
            result.events += events
            result.places += places
        if on_document is not None:
            on_document()
    return result


# -- inputs ------------------------------------------------------------------------------------
def expand_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The input files in order (directories walked, glob patterns expanded, duplicates removed)
    and the files that were passed over (unsupported types inside folders or glob matches).

    Raises
    ------
    InputError
        A path does not exist, a pattern matches nothing, or a file given by name has an
        unsupported type.
    """
    from ..documents import SUPPORTED_EXTENSIONS, input_files

    skipped: list[Skipped] = []
    items: list[Path] = []
    for raw in inputs:
        text = str(raw)
        if not Path(text).exists() and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: no file matches this pattern")
            for match in matches:
                path = Path(match)
                if path.is_file() and path.suffix.lower() not in SUPPORTED_EXTENSIONS:
                    reason = f"unsupported file type {path.suffix or '(none)'!r}"
                    skipped.append(Skipped(str(path), None, reason))
                else:
                    items.append(path)
        else:
            items.append(Path(text))
    files: list[Path] = []
    seen: set[Path] = set()
    for path in input_files(items, on_skip=skipped.append):
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)
    return files, skipped


def _jsonl_lines(path: Path, records: set[int]) -> dict[int, int]:
    """Line numbers of some records of a JSONL file (record n = the n-th non-blank line)."""
    from ..documents import jsonl_lines

    out: dict[int, int] = {}
    last = max(records, default=0)
    n = 0
    try:
        for lineno, raw in jsonl_lines(path):
            if not raw.strip():
                continue
            n += 1
            if n in records:
                out[n] = lineno
            if n >= last:
                break
    except OSError:
        pass  # the file went away or became unreadable: the records keep their numbers only
    return out


def partition_size(records: Sequence[int], chunk_size: int, workers: int) -> int:
    """The documents per partition for inputs of about ``records`` records each: ``chunk_size``,
    unless that gives fewer partitions than ``workers``; then ``ceil(total / workers)``, so that
    every worker gets a partition.

    >>> partition_size([500], 500, 2), partition_size([500], 500, 1), partition_size([9, 9], 4, 2)
    (250, 500, 4)
    >>> partition_size([3], 500, 8)
    1
    """
    if workers <= 1:
        return chunk_size
    partitions = sum(math.ceil(n / chunk_size) for n in records if n > 0)
    if partitions >= workers:
        return chunk_size
    return max(1, min(chunk_size, math.ceil(sum(records) / workers)))


def _estimate_records(path: Path) -> int:
    """A cheap estimate of the records in a file, for the progress bar's total."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                return sum(1 for raw in fh if raw.strip())
        if suffix == ".csv":
            with path.open("rb") as fh:
                return max(1, sum(1 for raw in fh if raw.strip()) - 1)
        if suffix == ".json":
            return max(1, path.read_bytes().count(b'"text"'))
    except OSError:
        return 1
    return 1


# -- manifest ----------------------------------------------------------------------------------
def _atomic_write_text(path: Path, text: str, *, sync: bool = True) -> None:
    """Write ``text`` to a temporary name, then rename it to ``path``: a reader (or a run
    killed half-way) sees the old file or the new one, never part of one. ``sync`` also waits
    until the data is on disk; partition files skip that (4 ms a file, a quarter of the time
    on one-document files): the manifest records their size, line count and SHA-256, so a file
    an operating-system crash left short or empty is found and redone by ``--resume``."""
    _atomic_write_bytes(path, text.encode("utf-8"), sync=sync)


def _atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("wb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)


def file_digest(path: Path) -> dict[str, Any]:
    """Size in bytes, number of line breaks and SHA-256 of a file, read in blocks."""
    sha = hashlib.sha256()
    size = lines = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
            size += len(block)
            lines += block.count(b"\n")
    return {"size": size, "lines": lines, "sha256": sha.hexdigest()}


def _bytes_digest(data: bytes) -> dict[str, Any]:
    """:func:`file_digest` of a file that holds ``data`` (computed before it is written)."""
    return {
        "size": len(data),
        "lines": data.count(b"\n"),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _digest_mismatch(data: bytes, want: dict[str, Any]) -> str | None:
    """How ``data`` differs from a recorded :func:`file_digest`, or None if it matches."""
    if len(data) != want["size"]:
        return f"{len(data):,} bytes where {int(want['size']):,} were written"
    lines = data.count(b"\n")
    if lines != want["lines"]:
        return f"{lines:,} lines where {int(want['lines']):,} were written"
    if hashlib.sha256(data).hexdigest() != want["sha256"]:
        return "a content that differs from what was written (SHA-256)"
    return None


def _file_stamp(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"size": st.st_size, "mtime": st.st_mtime, "mtime_ns": st.st_mtime_ns}


_COUNTS = (
    "records", "documents", "skipped", "failed", "warnings",
    "events", "located", "places", "places_located",
)  # fmt: skip


class Manifest:
    """``OUTDIR/manifest.json``: options, inputs and the partitions finished for each.

    While a run goes on the manifest is not re-serialised: :meth:`begin` writes it once and
    opens ``manifest.journal`` beside it, and every change (an input taken up, a partition
    numbered, finished or found damaged, an input's last chunk) is one JSON line appended
    there by :meth:`record` (a few hundred bytes, flushed to the operating system with each
    finished partition, so ``kill -9`` loses no finished partition). :meth:`save` at the end
    writes the whole manifest again and deletes the journal. :meth:`load` replays a journal
    left by an interrupted run, but only the one its manifest names (``"journal"``: a token
    written in both), so a journal already folded into a later manifest is never replayed
    twice. Saving the whole manifest every few
    seconds took 92 of 120 s on 10,000 small files (a 4.4 MB manifest); appending costs the
    same for the first partition as for the millionth.
    """

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self._journal: Any = None  # the open journal while a run goes on

    @classmethod
    def new(cls, path: Path, fmt: str, chunk_size: int, options: BatchOptions) -> Manifest:
        return cls(
            path,
            {
                "version": MANIFEST_VERSION,
                "format": fmt,
                "chunk_size": chunk_size,
                "options": _options_dict(options),
                "next_part": 0,
                "inputs": {},
                "listing_skipped": [],
            },
        )

    @property
    def journal_path(self) -> Path:
        return self.path.with_name(JOURNAL)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path`` with the changes its run's journal recorded (if any)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read the batch manifest ({exc})") from exc
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            raise InputError(f"{path}: not a geomap batch manifest (version {MANIFEST_VERSION})")
        manifest = cls(path, data)
        token = data.pop("journal", None)
        if token is not None:
            manifest._replay(token)
        return manifest

    def _replay(self, token: str) -> None:
        try:
            fh = self.journal_path.open("rb")
        except FileNotFoundError:
            return
        with fh:
            lines = iter(fh)
            try:
                head = json.loads(next(lines))
            except (StopIteration, ValueError):
                return
            if not isinstance(head, dict) or head.get("journal") != token:
                return  # another run's journal
            for raw in lines:
                try:
                    op = json.loads(raw)
                except ValueError:
                    break  # the last line, cut short by a crash: that change is redone
                _apply(self.data, op)

    @property
    def inputs(self) -> dict[str, dict[str, Any]]:
        inputs: dict[str, dict[str, Any]] = self.data["inputs"]
        return inputs

    def done_parts(self) -> list[dict[str, Any]]:
        """Finished partitions of every input, in partition order."""
        parts = [p for entry in self.inputs.values() for p in entry["done"].values()]
        return sorted(parts, key=lambda p: int(p["part"]))

    def begin(self) -> None:
        """Write the manifest as it is now and start a new journal for the run's changes."""
        self.close()
        token = f"{os.getpid()}-{time.time_ns()}"
        _atomic_write_text(self.path, self._dumps({**self.data, "journal": token}))
        self._journal = self.journal_path.open("w", encoding="utf-8")
        self._journal.write(_json_line({"journal": token}))
        self._journal.flush()

    def record(self, op: dict[str, Any]) -> None:
        """Apply one change (see :func:`_apply`) and append it to the journal, if one is open.

        The journal is handed to the operating system at each finished partition (``done``),
        with the changes before it: one write a partition rather than four (an input taken
        up, its partition numbered, its last chunk known, the partition done). A change lost
        in a crash before its partition was recorded as done costs nothing: that partition's
        files are not recorded, so ``--resume`` deletes them and does the partition again."""
        _apply(self.data, op)
        if self._journal is not None:
            self._journal.write(_json_line(op))
            if op["op"] == "done":
                self._journal.flush()

    def assign_part(self, key: str, index: int) -> int:
        """A new partition number for chunk ``index`` of input ``key`` (recorded)."""
        part = int(self.data["next_part"])
        self.record({"op": "part", "key": key, "index": index, "part": part})
        return part

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def save(self) -> None:
        """Write the whole manifest (atomically) and delete the journal it now holds."""
        self.close()
        _atomic_write_text(self.path, self._dumps(self.data))
        self.journal_path.unlink(missing_ok=True)

    @staticmethod
    def _dumps(data: dict[str, Any]) -> str:
        # compact: ``indent`` would make ``json`` use its pure-Python encoder, 5 times slower
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _apply(data: dict[str, Any], op: dict[str, Any]) -> None:
    """Apply one journal record to a manifest's data.

    ``input``: an input taken up afresh (new, or changed since the last run); ``part``: chunk
    ``index`` of an input numbered ``part``; ``done``: a chunk finished, with its counts and
    file digests; ``undone``: a finished chunk whose files are damaged (to be redone);
    ``chunks``: how many chunks an input has, known once it has been read to the end;
    ``drop``: a pack of one-document files, one of which changed, forgotten (it is made
    again). An input is complete when as many chunks as it has are done.
    """
    kind = op["op"]
    if kind == "input":
        data["inputs"][op["key"]] = op["entry"]
        return
    entry = data["inputs"][op["key"]]
    if kind == "part":
        parts: list[int] = entry["parts"]
        index, part = int(op["index"]), int(op["part"])
        if index < len(parts):
            parts[index] = part
        else:
            parts.append(part)
        data["next_part"] = max(int(data["next_part"]), part + 1)
    elif kind == "done":
        entry["done"][str(op["index"])] = op["counts"]
    elif kind == "undone":
        entry["done"].pop(str(op["index"]), None)
    elif kind == "chunks":
        entry["chunks"] = op["chunks"]
    elif kind == "drop":  # a pack one of whose files changed: made again
        del data["inputs"][op["key"]]
        return
    else:
        raise InputError(f"unknown batch journal record {kind!r}")
    chunks = entry.get("chunks")
    entry["complete"] = chunks is not None and len(entry["done"]) >= chunks


def _options_dict(options: BatchOptions) -> dict[str, Any]:
    d = asdict(options)
    if d["min_confidence"] is None:
        del d["min_confidence"]  # as manifests written before the option have it
    del d["max_doc_seconds"]  # the budget changes no document it lets through
    if d["events"]:
        del d["events"]  # as manifests written before --places-only have it
    d["triggers"] = [str(Path(p).resolve()) for p in options.triggers]
    d["actors"] = [str(Path(p).resolve()) for p in options.actors]
    return d


# -- the output folder's lock -------------------------------------------------------------------
@contextlib.contextmanager
def lock_outdir(outdir: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``outdir`` (created if missing) for the ``with`` block.

    The lock is ``flock`` on ``OUTDIR/.lock``, which also holds the owner's process id for the
    message. It is not inherited by worker processes (Python opens files non-inheritable) and
    the kernel drops it when the owner exits, even on ``kill -9``.

    Raises
    ------
    OutputInUseError
        Another process holds the lock.
    """
    import fcntl

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    with path.open("a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            owner = fh.read().strip() or "unknown"
            raise OutputInUseError(f"output folder {out} is in use by pid {owner}") from None
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")
            fh.flush()
            yield path
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# -- partition files ---------------------------------------------------------------------------
class PartitionWriter:
    """Writes the files of one partition atomically: events, places and its error records."""

    def __init__(self, outdir: Path, fmt: str) -> None:
        self.outdir = outdir
        self.fmt = fmt
        self.suffix = _SUFFIX[fmt]
        for sub in ("events", "places", "errors"):
            (outdir / sub).mkdir(parents=True, exist_ok=True)

    def path(self, layer: str, part: int) -> Path:
        suffix = ".jsonl" if layer == "errors" else self.suffix
        return self.outdir / layer / f"part-{part:05d}{suffix}"

    def layers(self, part: dict[str, Any]) -> tuple[str, ...]:
        """The files a finished partition has: events, places, and errors when it had any."""
        return ("events", "places", "errors") if part.get("problems") else ("events", "places")

    def damage(self, part: dict[str, Any]) -> str | None:
        """Why a partition recorded as done cannot be trusted (a file missing, or not as it was
        written), or None if it can. Manifests without digests are checked for presence only."""
        n = int(part["part"])
        recorded: dict[str, dict[str, Any]] = part.get("files") or {}
        for layer in self.layers(part):
            path = self.path(layer, n)
            if not path.is_file():
                return f"{layer}/{path.name} is missing"
            want = recorded.get(layer)
            if want is None:
                continue
            problem = _digest_mismatch(path.read_bytes(), want)
            if problem is not None:
                return f"{layer}/{path.name} has {problem}"
        return None

    def remove(self, part: int) -> None:
        for layer in ("events", "places", "errors"):
            self.path(layer, part).unlink(missing_ok=True)

    def write(
        self,
        part: int,
        events: list[dict[str, Any]],
        places: list[dict[str, Any]],
        problems: list[dict[str, Any]],
    ) -> dict[str, dict[str, Any]]:
        """Write a partition's files; their size, line count and SHA-256 by layer (an
        ``errors`` file only when there are problems)."""
        return {**self.write_features(part, events, places), **self.write_problems(part, problems)}

    def write_features(
        self, part: int, events: list[dict[str, Any]], places: list[dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        """Write a partition's ``events`` and ``places`` files; their digests by layer."""
        return {
            "events": self._write_features(self.path("events", part), events, "events"),
            "places": self._write_features(self.path("places", part), places, "places"),
        }

    def write_problems(
        self, part: int, problems: list[dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        """Write a partition's ``errors`` file when it has problems (``{"errors": digest}``);
        a partition without any has no such file (none is left from an earlier run: a redone
        partition's files are removed first, see :meth:`remove`)."""
        if not problems:
            return {}
        return {"errors": _write_lines(self.path("errors", part), problems)}

    def _write_features(
        self, path: Path, features: list[dict[str, Any]], layer: str
    ) -> dict[str, Any]:
        if self.fmt == "geojsonl":
            return _write_lines(path, features)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        _write_geoparquet(tmp, features, layer)
        os.replace(tmp, path)
        return file_digest(path)


def _write_lines(path: Path, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Write JSON Lines atomically (no fsync: see :func:`_atomic_write_text`); their digest."""
    data = "".join(_json_line(item) for item in items).encode("utf-8")
    _atomic_write_bytes(path, data, sync=False)
    return _bytes_digest(data)


def _write_geoparquet(path: Path, features: list[dict[str, Any]], layer: str) -> None:
    """A GeoParquet 1.0 file: the properties as columns (lists kept) and a WKB ``geometry``."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely
    from shapely.geometry import shape

    rows = [f.get("properties") or {} for f in features]
    if rows:
        table = pa.Table.from_pylist(rows)
    else:
        table = pa.table({c: pa.array([], pa.null()) for c in _columns(layer)})
    geoms = [shape(f["geometry"]) if f.get("geometry") else None for f in features]
    wkb = [shapely.to_wkb(g) if g is not None else None for g in geoms]
    types = sorted({g.geom_type for g in geoms if g is not None})
    table = table.append_column("geometry", pa.array(wkb, pa.binary()))
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {"geometry": {"encoding": "WKB", "geometry_types": types}},  # CRS84
    }
    metadata = {**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()}
    pq.write_table(table.replace_schema_metadata(metadata), path)


def _json_line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def _columns(layer: str) -> list[str]:
    if layer == "events":
        from ..events.model import Event

        return list(Event("", "", None, None, "", "").properties())
    return [
        "doc", "mention", "start", "end", "role", "literal", "cue", "name", "place_id", "kind",
        "country_code", "admin1", "admin1_code", "score", "reason", "candidates",
    ]  # fmt: skip


_LIST_COLUMNS = {"events": ("actors", "sources"), "places": ("candidates",)}


def _features_to_gdf(features: list[dict[str, Any]], layer: str) -> Any:
    """A GeoDataFrame (EPSG:4326) of Features; list properties joined with '; '."""
    import geopandas
    from shapely.geometry import shape

    columns = _columns(layer)
    rows = []
    for f in features:
        props = dict(f.get("properties") or {})
        for col in _LIST_COLUMNS[layer]:
            if isinstance(props.get(col), list):
                props[col] = "; ".join(str(x) for x in props[col])
        rows.append(props)
    geometry = [shape(f["geometry"]) if f.get("geometry") else None for f in features]
    return geopandas.GeoDataFrame(rows, columns=columns, geometry=geometry, crs="EPSG:4326")


def _damaged(path: Path, why: str) -> InputError:
    return InputError(
        f"{path}: damaged batch partition ({why}); run the same geomap batch command with "
        "--resume to redo it"
    )


def _read_partition(path: Path, digest: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The Features of one partition file (GeoJSON Lines or GeoParquet), checked against the
    ``digest`` recorded in the manifest when there is one.

    Raises
    ------
    InputError
        The file is missing, differs from what was written, or cannot be parsed.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _damaged(path, "the file is missing") from None
    if digest is not None:
        problem = _digest_mismatch(data, digest)
        if problem is not None:
            raise _damaged(path, problem)
    if path.suffix == ".geojsonl":
        feats: list[dict[str, Any]] = []
        for lineno, line in enumerate(data.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                feats.append(json.loads(line))
            except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
                raise _damaged(path, f"line {lineno} is not JSON: {exc}") from None
        return feats
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise _damaged(path, f"not a readable Parquet file: {exc}") from None
    feats = []
    for row in table.to_pylist():
        wkb = row.pop("geometry", None)
        geometry = json.loads(shapely.to_geojson(shapely.from_wkb(wkb))) if wkb else None
        feature: dict[str, Any] = {"type": "Feature"}
        if "mention" not in row and row.get("id"):  # an event (as Event.to_feature writes it)
            feature["id"] = row["id"]
        feature.update(geometry=geometry, properties=row)
        feats.append(feature)
    return feats


# -- summary -----------------------------------------------------------------------------------
@dataclass(slots=True)
class BatchSummary:
    """Counts of a batch output folder (all its inputs, this run and earlier resumed ones)."""

    outdir: str
    inputs: int = 0
    partitions: int = 0
    records: int = 0
    documents: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    events: int = 0
    located: int = 0
    places: int = 0
    places_located: int = 0
    resumed_partitions: int = 0
    processed_this_run: int = 0
    seconds: float = 0.0
    complete: bool = True
    events_extracted: bool = True  # False for a --places-only run

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        rate = self.processed_this_run / self.seconds if self.seconds > 0 else 0.0
        return [
            f"{self.records:,} records in {self.inputs:,} input file(s) → {self.partitions:,} "
            f"partition(s) in {self.outdir}",
            f"  {self.documents:,} documents processed, {self.skipped:,} skipped, "
            f"{self.failed:,} failed (listed in {ERRORS}), {self.warnings:,} warning(s)",
            (
                f"  {self.events:,} events ({self.located:,} located), "
                if self.events_extracted
                else "  no events extracted (--places-only), "
            )
            + f"{self.places:,} place mentions ({self.places_located:,} located)",
            f"  this run: {self.processed_this_run:,} documents in {self.seconds:.1f} s "
            f"({rate:.1f} docs/s), {self.resumed_partitions:,} partition(s) already done"
            + ("" if self.complete else "; INCOMPLETE, continue with --resume"),
        ]


def _summarize(manifest: Manifest, outdir: Path) -> BatchSummary:
    inputs = sum(len(entry.get("members") or [entry]) for entry in manifest.inputs.values())
    s = BatchSummary(outdir=str(outdir), inputs=inputs)
    s.events_extracted = (manifest.data.get("options") or {}).get("events", True) is not False
    for part in manifest.done_parts():
        s.partitions += 1
        for key in _COUNTS:
            setattr(s, key, getattr(s, key) + int(part.get(key, 0)))
    listing = len(manifest.data.get("listing_skipped", []))
    s.records += listing
    s.skipped += listing
    s.complete = all(entry.get("complete") for entry in manifest.inputs.values())
    return s


def _rebuild_reports(manifest: Manifest, writer: PartitionWriter, outdir: Path) -> None:
    """``errors.jsonl`` and ``warnings.jsonl`` from the partitions' records, in order."""
    errors: list[str] = [_json_line(item) for item in manifest.data.get("listing_skipped", [])]
    warnings: list[str] = []
    for part in manifest.done_parts():
        if not part.get("problems"):
            continue
        path = writer.path("errors", int(part["part"]))
        with contextlib.suppress(FileNotFoundError), path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    is_warning = json.loads(line).get("kind") == "warning"
                    (warnings if is_warning else errors).append(line)
    _atomic_write_text(outdir / ERRORS, "".join(errors))
    _atomic_write_text(outdir / WARNINGS, "".join(warnings))


# -- the driver --------------------------------------------------------------------------------
#: ``engine(chunks, options, on_result, on_progress=...)``: process every chunk.
Engine = Callable[..., None]
#: Called with each result, in the parent process.
OnResult = Callable[[Chunk, ChunkResult], None]
#: Called in the parent process with a chunk and how many more of its documents are done.
OnProgress = Callable[[Chunk, int], None]


def _skip_record(item: Skipped, kind: str = "skipped") -> dict[str, Any]:
    return {
        "kind": kind, "source": item.source, "line": item.line, "doc": None,
        "reason": item.reason,
    }  # fmt: skip


def _warning_record(item: ReadWarning) -> dict[str, Any]:
    return {
        "kind": "warning", "source": item.source, "line": item.line, "doc": None,
        "reason": item.message,
    }  # fmt: skip


def _prepare_outdir(
    outdir: Path,
    *,
    resume: bool,
    overwrite: bool,
    fmt: str,
    chunk_size: int,
    options: BatchOptions,
) -> Manifest:
    path = outdir / MANIFEST
    if path.exists() and not resume and not Manifest.load(path).done_parts():
        overwrite = True  # an earlier run that finished nothing (e.g. no scheduler reached)
    if path.exists() and overwrite:
        for sub in ("events", "places", "errors"):
            shutil.rmtree(outdir / sub, ignore_errors=True)
        for name in (MANIFEST, ERRORS, WARNINGS, SUMMARY):
            (outdir / name).unlink(missing_ok=True)
    if path.exists():
        if not resume:
            raise InputError(
                f"{outdir} already holds a batch run; pass --resume to continue it or "
                "--overwrite to start again"
            )
        manifest = Manifest.load(path)
        want = {"format": fmt, "chunk_size": chunk_size, "options": _options_dict(options)}
        before = (manifest.data.get("options") or {}).get("events", True) is not False
        if before != options.events:
            flag = "with" if before else "without"
            raise InputError(
                f"{outdir}: cannot resume {flag} --places-only: the run there "
                + ("extracted events" if before else "extracted no events (--places-only)")
            )
        for key, value in want.items():
            if manifest.data.get(key) != value:
                raise InputError(
                    f"{outdir}: cannot resume with a different {key.replace('_', ' ')} "
                    f"({manifest.data.get(key)!r} before, {value!r} now)"
                )
        return manifest
    outdir.mkdir(parents=True, exist_ok=True)
    return Manifest.new(path, fmt, chunk_size, options)


def _remove_unrecorded(manifest: Manifest, writer: PartitionWriter) -> None:
    """Delete partition files (and temporary files) that the manifest does not record as done,
    e.g. those written just before a crash: they are redone, never read twice."""
    done = {int(p["part"]) for p in manifest.done_parts()}
    for layer in ("events", "places", "errors"):
        for path in (writer.outdir / layer).iterdir():
            name = path.name
            if name.startswith("."):
                path.unlink(missing_ok=True)
                continue
            stem = name.split(".", 1)[0]
            if stem.startswith("part-") and stem[5:].isdigit() and int(stem[5:]) not in done:
                path.unlink(missing_ok=True)


def run_batch(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    fmt: str = "geojsonl",
    resume: bool = False,
    overwrite: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    published: dt.date | None = None,
    focus: str | None = None,
    triggers: Sequence[str | Path] = (),
    actors: Sequence[str | Path] = (),
    min_confidence: float | None = None,
    max_doc_seconds: float | None = None,
    progress: bool | None = None,
    dask_processes: bool = True,
    events: bool = True,
) -> BatchSummary:
    """Geoparse and extract events from every document of ``inputs`` into ``outdir``.

    Parameters
    ----------
    inputs
        Files, folders (walked recursively) and glob patterns (``"news/**/*.jsonl"``).
    outdir
        Output folder (see the module docstring for its layout).
    workers
        Worker processes (local engine) or LocalCluster workers (Dask engine without
        ``scheduler``). With one local worker the documents are processed in this process.
    chunk_size
        Records per partition (per input file); smaller when that would leave workers
        without a partition (see :func:`partition_size`).
    fmt
        ``"geojsonl"`` (GeoJSON Lines) or ``"parquet"`` (GeoParquet, needs pyarrow).
    resume
        Continue a run in ``outdir``: finished inputs and partitions are not redone.
    overwrite
        Delete an earlier run in ``outdir`` first.
    engine
        ``"local"`` or ``"dask"``; ``scheduler`` is a Dask scheduler address (implies Dask).
    published, focus, triggers, actors, min_confidence
        As for ``geomap extract``: events whose confidence is below ``min_confidence`` are
        left out.
    max_doc_seconds
        A time budget per document (None: none, as for the Python API; the command gives 60 s,
        see :mod:`geomap.budget`): a document over it is a counted skip named in
        ``errors.jsonl``. Applied by both engines (Dask runs documents in worker threads,
        where a timer thread stops them; see :mod:`geomap.budget`).
    progress
        Show a tqdm progress bar, moving per document (``None``: only when standard error is
        a terminal).
    dask_processes
        LocalCluster workers as processes (True) or threads of this process (False).
    events
        False: geoparse only (``geomap batch --places-only``). The ``places`` partitions are
        those of a full run, the ``events`` partitions are empty, and ``triggers``, ``actors``
        and ``min_confidence`` must not be given. A run is resumed in the same mode only.

    Raises
    ------
    InputError
        Missing inputs, or ``outdir`` holds another run (without ``resume``/``overwrite``).
    ConfigurationError
        Unknown format or engine, or an optional dependency is missing.
    """
    if fmt not in FORMATS:
        raise ConfigurationError(f"unknown batch format {fmt!r}; expected one of {FORMATS}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise ConfigurationError(
                "--format parquet needs pyarrow (pip install pyarrow)"
            ) from exc
    if chunk_size < 1 or workers < 1:
        raise ConfigurationError("chunk size and workers must be at least 1")
    if scheduler:
        engine = "dask"
    if not events and (triggers or actors or min_confidence is not None):
        raise ConfigurationError(
            "a places-only run extracts no events: leave out the trigger and actor lexicons "
            "and the minimum confidence"
        )
    run: Engine
    if engine == "local":
        from .local import run_local

        run = functools.partial(run_local, workers=workers, write_to=(str(outdir), fmt))
    elif engine == "dask":
        from .dask_engine import run_dask

        run = functools.partial(
            run_dask, workers=workers, scheduler=scheduler, processes=dask_processes
        )
    else:
        raise ConfigurationError(f"unknown engine {engine!r}; expected 'local' or 'dask'")

    options = BatchOptions(
        published=published.isoformat() if published else None,
        focus=focus or None,
        triggers=tuple(str(p) for p in triggers),
        actors=tuple(str(p) for p in actors),
        min_confidence=min_confidence,
        max_doc_seconds=max_doc_seconds or None,
        events=events,
    )
    files, listing_skipped = expand_inputs(inputs)
    estimates = [_estimate_records(f) for f in files]
    single = sum(1 for f in files if _one_document(f))  # packed together: one input here
    size = partition_size(
        [n for f, n in zip(files, estimates, strict=True) if not _one_document(f)] + [single],
        chunk_size,
        workers,
    )
    if size != chunk_size:
        log.info("partitions of %d documents, so that all %d workers have work", size, workers)
    out = Path(outdir)
    with lock_outdir(out), undated_documents():  # one warning for the run, not one a file
        manifest = _prepare_outdir(
            out, resume=resume, overwrite=overwrite, fmt=fmt, chunk_size=chunk_size, options=options
        )
        writer = PartitionWriter(out, fmt)
        _remove_unrecorded(manifest, writer)
        manifest.data["listing_skipped"] = [_skip_record(s) for s in listing_skipped]
        manifest.begin()

        from ..clitools import progress_bar

        bar = progress_bar(total=sum(estimates), desc="geomap batch", show=progress)
        # documents reported done, per chunk still in flight (its bar share is settled at commit)
        ticked: dict[int, int] = {}
        summary = BatchSummary(outdir=str(out))
        started = time.perf_counter()

        def commit(chunk: Chunk, result: ChunkResult) -> None:
            problems = [_skip_record(s) for s in chunk.skipped]
            lines = {}
            if (result.failures or result.over_budget) and chunk.source.lower().endswith(".jsonl"):
                wanted = {f["record"] for f in [*result.failures, *result.over_budget]}
                lines = _jsonl_lines(Path(chunk.source), wanted)
            for kind, found in (("skipped", result.over_budget), ("failed", result.failures)):
                for f in found:
                    source, record = chunk.origin(f["record"]), f["record"]
                    if chunk.origins:  # one-document files: the record of that file
                        record = 1
                    problems.append({
                        "kind": kind, "source": source, "line": lines.get(f["record"]),
                        "doc": f["doc"], "record": record, "reason": f["reason"],
                    })  # fmt: skip
            problems += [_warning_record(w) for w in chunk.warnings]
            if result.files is None:  # not written by a worker
                result.written(writer, chunk.part)
            files = {**(result.files or {}), **writer.write_problems(chunk.part, problems)}
            counts: dict[str, Any] = {
                "part": chunk.part,
                "records": chunk.records,
                "documents": result.documents,
                "skipped": len(chunk.skipped) + len(result.over_budget),
                "failed": len(result.failures),
                "warnings": len(chunk.warnings),
                **result.counts(),
                "problems": len(problems),
            }
            counts["files"] = files
            assert counts["records"] == counts["documents"] + counts["skipped"] + counts["failed"]
            manifest.record(
                {"op": "done", "key": chunk.key, "index": chunk.index, "counts": counts}
            )
            summary.processed_this_run += len(chunk.docs)
            bar.update(chunk.records - ticked.pop(id(chunk), 0))

        def advance(chunk: Chunk, n: int) -> None:
            ticked[id(chunk)] = ticked.get(id(chunk), 0) + n
            bar.update(n)

        def chunks() -> Iterator[Chunk]:
            for unit in _plan_units(files, manifest, writer, size):
                yield from _unit_chunks(unit, manifest, writer, size, options, bar, summary, commit)

        try:
            run(chunks(), options, commit, on_progress=None if bar.disable else advance)
        except BaseException:
            summary.complete = False
            raise
        finally:
            bar.close()
            manifest.save()
            _rebuild_reports(manifest, writer, out)
            final = _summarize(manifest, out)
            final.resumed_partitions = summary.resumed_partitions
            final.processed_this_run = summary.processed_this_run
            final.seconds = round(time.perf_counter() - started, 3)
            final.complete = final.complete and summary.complete
            _atomic_write_text(out / SUMMARY, json.dumps(final.as_dict(), indent=1) + "\n")
            summary = final
    return summary


#: Inputs that hold one document each: consecutive ones are packed into shared partitions.
ONE_DOCUMENT = frozenset({".txt", ".html", ".htm"})
_PACK = "pack:"  # the manifest key of a pack: this prefix and its first file's key


def _one_document(path: Path) -> bool:
    return path.suffix.lower() in ONE_DOCUMENT


@dataclass(frozen=True, slots=True)
class _Unit:
    """What is cut into partitions: one input file, or a *pack* of one-document files."""

    key: str  # the manifest key
    paths: tuple[Path, ...]
    pack: bool = False


def _plan_units(
    files: Sequence[Path], manifest: Manifest, writer: PartitionWriter, size: int
) -> Iterator[_Unit]:
    """The inputs in order, consecutive one-document files (``.txt``, ``.html``) packed
    ``size`` to a unit, so that 10,000 short reports make 20 partitions of 500, not 10,000
    partitions of one (each partition is two files, and creating a file cost more than
    geoparsing a short report: ``bench/bench_batch_files.py``).

    A pack the manifest records is kept as it was recorded, with the files it was made of, as
    long as none of them changed; one that changed is removed (its partition deleted) and its
    files are packed again with their neighbours. A file the manifest records as an input of
    its own (a run of an older geomap) stays one.
    """
    packed: dict[str, str] = {}  # file key -> the key of the recorded pack holding it
    for key, entry in list(manifest.inputs.items()):
        members = entry.get("members")
        if not members:
            continue
        if all(_member_unchanged(m) for m in members):
            packed.update((str(m["key"]), key) for m in members)
            continue
        log.info("%s: a file of this pack changed since the last run; redoing it", members[0])
        for n in entry["parts"]:
            writer.remove(int(n))
        manifest.record({"op": "drop", "key": key})
    emitted: set[str] = set()
    free: list[Path] = []

    def packs() -> Iterator[_Unit]:
        for i in range(0, len(free), size):
            group = tuple(free[i : i + size])
            yield _Unit(_PACK + str(group[0].resolve()), group, pack=True)
        free.clear()

    for path in files:
        key = str(path.resolve())
        pack = packed.get(key)
        if pack is None and (key in manifest.inputs or not _one_document(path)):
            yield from packs()
            yield _Unit(key, (path,))
        elif pack is None:
            free.append(path)
        elif pack not in emitted:
            yield from packs()
            emitted.add(pack)
            members = manifest.inputs[pack]["members"]
            yield _Unit(pack, tuple(Path(m["path"]) for m in members), pack=True)
    yield from packs()


def _member_unchanged(member: dict[str, Any]) -> bool:
    try:
        stamp = _file_stamp(Path(member["path"]))
    except OSError:
        return False
    return (stamp["size"], stamp["mtime_ns"]) == (member["size"], member["mtime_ns"])


def _unit_chunks(
    unit: _Unit,
    manifest: Manifest,
    writer: PartitionWriter,
    chunk_size: int,
    options: BatchOptions,
    bar: Any,
    summary: BatchSummary,
    commit: Callable[[Chunk, ChunkResult], None],
) -> Iterator[Chunk]:
    """The chunks of one input file or pack that still need processing (done ones are passed
    over).

    A new input is cut in chunks of ``chunk_size``; one the manifest knows keeps the size it
    was cut with. A pack holds at most ``chunk_size`` files of one document: one chunk."""
    key = unit.key
    path = unit.paths[0]
    entry = manifest.inputs.get(key)
    if unit.pack:
        if entry is None:
            members = []
            for member in unit.paths:
                try:
                    stamp = _file_stamp(member)
                except OSError:  # gone or unreadable: reading it reports it
                    stamp = {"size": -1, "mtime": 0.0, "mtime_ns": -1}
                members.append({"path": str(member), "key": str(member.resolve()), **stamp})
            stamp = {"size": sum(max(0, m["size"]) for m in members), "mtime": 0.0,
                     "mtime_ns": 0, "members": members}  # fmt: skip
    else:
        stamp = _file_stamp(path)
        if entry is not None and (entry["size"], entry["mtime_ns"]) != (
            stamp["size"],
            stamp["mtime_ns"],
        ):
            log.info("%s changed since the last run; redoing it", path)
            for n in entry["parts"]:
                writer.remove(int(n))
            entry = None
    if entry is None:
        manifest.record({"op": "input", "key": key, "entry": {
            "path": str(path), **stamp, "chunk_size": chunk_size, "chunks": None,
            "complete": False, "parts": [], "done": {},
        }})  # fmt: skip
        entry = manifest.inputs[key]
    chunk_size = int(entry.get("chunk_size") or manifest.data["chunk_size"])
    parts: list[int] = entry["parts"]
    done: dict[str, dict[str, Any]] = entry["done"]
    for k, part in list(done.items()):
        damage = writer.damage(part)
        if damage is not None:  # removed, truncated, emptied or changed: redo that partition
            log.warning("%s: partition %s: %s; redoing it", path, part["part"], damage)
            writer.remove(int(part["part"]))
            manifest.record({"op": "undone", "key": key, "index": k})
    if entry["complete"]:
        n = sum(int(p["records"]) for p in done.values())
        summary.resumed_partitions += len(done)
        bar.total = max(bar.n, bar.total - n)
        bar.refresh()
        return

    published = dt.date.fromisoformat(options.published) if options.published else None
    source = str(path)
    index = 0
    record = 0

    def new_chunk(i: int) -> Chunk:
        # numbered when finished
        return Chunk(part=-1, key=key, index=i, source=source, origins={} if unit.pack else None)

    current = new_chunk(0)

    def on_skip(item: Skipped) -> None:
        nonlocal record
        record += 1
        current.skipped.append(item)

    def on_warning(item: ReadWarning) -> None:
        current.warnings.append(item)

    def finish(chunk: Chunk) -> Chunk | None:
        """The chunk if it must be processed; None if it is already done (or empty)."""
        if chunk.index >= len(parts):
            manifest.assign_part(key, chunk.index)
        chunk.part = parts[chunk.index]
        if str(chunk.index) in done:
            summary.resumed_partitions += 1
            bar.total = max(bar.n, bar.total - chunk.records)
            bar.refresh()
            return None
        if not chunk.docs:
            commit(chunk, ChunkResult())  # only skipped records: nothing for a worker to do
            return None
        return chunk

    def documents() -> Iterator[tuple[str, Document]]:
        if not unit.pack:
            for doc in iter_documents(path, published=published, on_skip=on_skip, **kw):
                yield source, doc
            return
        for member in unit.paths:
            try:
                for doc in iter_documents(member, published=published, on_skip=on_skip, **kw):
                    yield str(member), doc
            except InputError as exc:  # gone since it was listed
                on_skip(Skipped(str(member), None, str(exc)))

    kw: dict[str, Any] = {"on_warning": on_warning}
    for origin, doc in documents():
        record += 1
        current.docs.append((record, doc))
        if current.origins is not None:
            current.origins[record] = origin
        if len(current.docs) >= chunk_size:
            ready = finish(current)
            index += 1
            current = new_chunk(index)
            if ready is not None:
                yield ready
    last = current if current.records else None
    manifest.record(
        {"op": "chunks", "key": key, "chunks": index + 1 if last is not None else index}
    )
    if last is not None:
        ready = finish(last)
        if ready is not None:
            yield ready


# -- reading a batch folder back ---------------------------------------------------------------
def _layer_paths(outdir: str | Path, layer: str) -> list[tuple[Path, dict[str, Any] | None]]:
    """The partition files of a layer, each with the digest the manifest recorded (if any)."""
    out = Path(outdir)
    if not out.is_dir():
        raise InputError(f"{out}: no such batch folder")
    manifest_path = out / MANIFEST
    if manifest_path.exists():
        manifest = Manifest.load(manifest_path)
        writer_suffix = _SUFFIX.get(manifest.data.get("format", "geojsonl"), ".geojsonl")
        return [
            (
                out / layer / f"part-{int(p['part']):05d}{writer_suffix}",
                (p.get("files") or {}).get(layer),
            )
            for p in manifest.done_parts()
        ]
    paths = sorted((out / layer).glob("part-*.geojsonl")) + sorted(
        (out / layer).glob("part-*.parquet")
    )
    if not paths:
        raise InputError(f"{out}: not a geomap batch folder (no {MANIFEST}, no {layer} partitions)")
    return [(path, None) for path in paths]


def iter_batch_features(outdir: str | Path, layer: str = "events") -> Iterator[dict[str, Any]]:
    """The Features of a batch folder's ``events`` or ``places`` partitions, one at a time.

    Raises
    ------
    InputError
        Not a batch folder, or a partition is missing or damaged (see the module docstring).
    """
    for path, digest in _layer_paths(outdir, layer):
        yield from _read_partition(path, digest)


def _feature_to_event(feature: dict[str, Any]) -> Any:
    from ..events.model import Event
    from ..types import Place

    p = feature.get("properties") or {}
    geom = feature.get("geometry")
    place = None
    if p.get("place_id") and geom and geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        place = Place(
            place_id=p["place_id"],
            name=p.get("place") or "",
            lon=float(lon),
            lat=float(lat),
            kind="",
            country_code=p.get("country_code") or "",
            admin1_code=p.get("admin1_code") or "",
            admin1_name=p.get("admin1") or "",
        )
    return Event(
        id=p.get("id") or feature.get("id") or "",
        doc_id=p.get("doc") or "",
        date=p.get("date"),
        date_precision=p.get("date_precision"),
        event_type=p.get("event_type") or "",
        sub_event_type=p.get("sub_event_type") or "",
        actors=tuple(p.get("actors") or ()),
        actor1=p.get("actor1"),
        actor2=p.get("actor2"),
        actor1_acled=p.get("actor1_acled"),
        actor2_acled=p.get("actor2_acled"),
        fatalities=int(p.get("fatalities") or 0),
        place=place,
        geo_precision=p.get("geo_precision"),
        quote=p.get("quote") or "",
        start=int(p.get("start") or 0),
        end=int(p.get("end") or 0),
        sources=tuple(p.get("sources") or ()),
        confidence=float(p.get("confidence") or 0.0),
        trigger=p.get("trigger") or "",
    )


def read_batch_events(outdir: str | Path, *, dedupe: bool = False) -> dict[str, Any]:
    """The events of a batch folder as one RFC 7946 FeatureCollection dict.

    With ``dedupe=True`` events reporting the same happening in different documents (same type,
    sub-type, place and date) are merged with :func:`geomap.events.deduplicate`, as
    ``geomap extract`` does for the documents it is given.
    """
    features = list(iter_batch_features(outdir, "events"))
    if dedupe:
        from .. import events as events_module

        deduplicate = getattr(events_module, "deduplicate", None)
        if deduplicate is not None:
            features = deduplicate(_feature_to_event(f) for f in features).to_geojson()["features"]
    return {"type": "FeatureCollection", "features": features}


def read_batch_places(outdir: str | Path) -> dict[str, Any]:
    """The place mentions of a batch folder as one RFC 7946 FeatureCollection dict."""
    return {"type": "FeatureCollection", "features": list(iter_batch_features(outdir, "places"))}


def to_dask_geodataframe(outdir: str | Path, layer: str = "events") -> Any:
    """A ``dask_geopandas.GeoDataFrame`` (EPSG:4326) with one partition per batch partition.

    Columns are the event (or place-mention) properties; list properties are joined with
    ``"; "`` as in :meth:`geomap.events.EventCollection.to_geodataframe`. Needs the optional
    ``geomap[dask]`` dependencies.
    """
    try:
        import dask
        import dask.dataframe as dd
        import dask_geopandas  # noqa: F401 - registers the GeoDataFrame dispatch
    except ImportError as exc:
        raise ConfigurationError(
            "to_dask_geodataframe needs the optional Dask dependencies: pip install 'geomap[dask]'"
        ) from exc
    paths = _layer_paths(outdir, layer)
    meta = _features_to_gdf([], layer)

    def load(path: Path, digest: dict[str, Any] | None) -> Any:
        return _features_to_gdf(_read_partition(path, digest), layer)

    parts = [dask.delayed(load)(p, d) for p, d in paths]
    if not parts:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_delayed(parts, meta=meta, verify_meta=False)
