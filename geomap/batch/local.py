"""The local batch engine: chunks of documents on a ``concurrent.futures`` process pool.

Each worker process builds its geoparser and event extractor once, in the pool's initializer
(the gazetteer index is a SQLite file opened read-only, so every process opens it for itself and
they share the operating system's page cache). Workers are started with ``spawn``: a SQLite
connection must not cross a ``fork``. With one worker the chunks are processed in this process,
with the same functions, and without pickling.

Chunks are sent to the workers in *tasks*: consecutive chunks until a task holds
:data:`TASK_DOCS` documents or :data:`TASK_CHARS` characters. A chunk of a large file is a task
of its own; the one-document chunks of 10,000 small files go some 30 to a task, so that the
round trip of a task through the pool (pickling, two pipes, the pool's manager thread, a
``wait`` in the parent) is paid once for many documents rather than once per file. It cost more
than the geoparsing itself: ``-j 2`` was no faster than ``-j 1`` on small files
(``bench/bench_batch_files.py``).

At most ``2 × workers`` tasks are in flight, so memory stays bounded however large the input;
results are handed to ``on_result`` (the partition writer) in the parent as they complete, a
task's chunks in order.
Workers report each document they finish on a queue (a pipe written at once, so a chunk's
reports are there before its result), which the parent reads every 0.1 s and hands to
``on_progress`` (the progress bar): the bar moves per document, not per chunk.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..errors import GeomapError
from ..types import Document
from . import (
    BatchOptions,
    Chunk,
    ChunkResult,
    OnProgress,
    OnResult,
    PartitionWriter,
    init_worker,
    process_chunk,
)

__all__ = ["TASK_CHARS", "TASK_DOCS", "process_task", "run_local", "tasks"]

#: A task is closed once it holds this many documents ...
TASK_DOCS = 32
#: ... or this many characters of text (about 50 ms of work at ~1 ms per KB).
TASK_CHARS = 50_000


def tasks(
    chunks: Iterator[Chunk], docs: int = TASK_DOCS, chars: int = TASK_CHARS
) -> Iterator[list[Chunk]]:
    """Consecutive chunks grouped until a group holds ``docs`` documents or ``chars``
    characters (a chunk is never split; a large one is a group of its own).

    >>> from geomap.types import Document
    >>> def chunk(n: int) -> Chunk:
    ...     return Chunk(0, "k", 0, "s", [(i, Document(str(i), "x")) for i in range(n)])
    >>> [len(t) for t in tasks(iter([chunk(1)] * 5 + [chunk(40), chunk(1)]), docs=2)]
    [2, 2, 2, 1]
    """
    group: list[Chunk] = []
    n = size = 0
    for chunk in chunks:
        group.append(chunk)
        n += len(chunk.docs)
        size += sum(len(doc.text) for _, doc in chunk.docs)
        if n >= docs or size >= chars:
            yield group
            group = []
            n = size = 0
    if group:
        yield group


_WRITERS: dict[tuple[str, str], PartitionWriter] = {}


def process_task(
    items: Sequence[tuple[int, int, Sequence[tuple[int, Document]]]],
    options: BatchOptions,
    write_to: tuple[str, str] | None = None,
) -> list[ChunkResult]:
    """The pool's function: the chunks of one task, each given as ``(number, part, docs)``
    (``number`` is what the worker reports per document done), into their results in order.

    With ``write_to=(outdir, format)`` the worker writes each chunk's ``events`` and ``places``
    files itself (partition ``part``, atomically) and returns their digests and counts instead
    of the features (:meth:`ChunkResult.written`): encoding and writing then run in parallel,
    and the parent, which only records the partition as done, is not the bottleneck (on
    one-document files it had to write two files per document for all the workers)."""
    writer = None
    if write_to is not None:
        writer = _WRITERS.get(write_to)
        if writer is None:
            writer = _WRITERS[write_to] = PartitionWriter(Path(write_to[0]), write_to[1])
    results = []
    for number, part, docs in items:
        result = process_chunk(docs, options, None, number)
        results.append(result if writer is None else result.written(writer, part))
    return results


def run_local(
    chunks: Iterator[Chunk],
    options: BatchOptions,
    on_result: OnResult,
    *,
    workers: int = 1,
    in_flight: int | None = None,
    on_progress: OnProgress | None = None,
    write_to: tuple[str, str] | None = None,
) -> None:
    """Process every chunk and call ``on_result(chunk, result)`` for each, in this process;
    ``on_progress(chunk, n)`` as ``n`` more documents of a chunk are done. With ``write_to``
    ``(outdir, format)`` worker processes write the partition files (see :func:`process_task`;
    with one worker the caller writes them)."""
    if workers <= 1:
        for chunk in chunks:
            tick = functools.partial(on_progress, chunk, 1) if on_progress is not None else None
            on_result(chunk, process_chunk(chunk.docs, options, tick))
        return
    limit = in_flight or 2 * workers
    context = multiprocessing.get_context("spawn")
    done_queue = context.SimpleQueue() if on_progress is not None else None
    pending: dict[Future[list[ChunkResult]], list[int]] = {}
    numbered: dict[int, Chunk] = {}  # chunks in flight by the number their workers report
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(options, done_queue),
    )

    def report() -> None:
        """Hand the documents the workers reported done to ``on_progress``."""
        if done_queue is None or on_progress is None:
            return
        while not done_queue.empty():
            chunk = numbered.get(done_queue.get())
            if chunk is not None:
                on_progress(chunk, 1)

    groups = tasks(chunks)
    try:
        exhausted = False
        count = 0
        while True:
            while not exhausted and len(pending) < limit:
                group = next(groups, None)
                if group is None:
                    exhausted = True
                    break
                numbers = []
                for chunk in group:
                    count += 1
                    numbered[count] = chunk
                    numbers.append(count)
                items = [(n, numbered[n].part, numbered[n].docs) for n in numbers]
                pending[pool.submit(process_task, items, options, write_to)] = numbers
            if not pending:
                break
            timeout = 0.1 if done_queue is not None else None
            finished, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
            report()
            for future in finished:
                results = future.result()
                for number, result in zip(pending.pop(future), results, strict=True):
                    on_result(numbered.pop(number), result)
    except BrokenProcessPool as exc:
        raise GeomapError(
            "a worker process died (out of memory?); the finished partitions are kept: run "
            "again with --resume"
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if done_queue is not None:
            done_queue.close()
