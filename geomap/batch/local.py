"""The local batch engine: chunks of documents on a ``concurrent.futures`` process pool.

Each worker process builds its geoparser and event extractor once, in the pool's initializer
(the gazetteer index is a SQLite file opened read-only, so every process opens it for itself and
they share the operating system's page cache). Workers are started with ``spawn``: a SQLite
connection must not cross a ``fork``. With one worker the chunks are processed in this process,
with the same functions, and without pickling.

At most ``2 × workers`` chunks are in flight, so memory stays bounded however large the input;
results are handed to ``on_result`` (the partition writer) in the parent as they complete.
Workers report each document they finish on a queue (a pipe written at once, so a chunk's
reports are there before its result), which the parent reads every 0.1 s and hands to
``on_progress`` (the progress bar): the bar moves per document, not per chunk.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..errors import GeomapError
from . import BatchOptions, Chunk, ChunkResult, OnProgress, OnResult, init_worker, process_chunk

__all__ = ["run_local"]


def run_local(
    chunks: Iterator[Chunk],
    options: BatchOptions,
    on_result: OnResult,
    *,
    workers: int = 1,
    in_flight: int | None = None,
    on_progress: OnProgress | None = None,
) -> None:
    """Process every chunk and call ``on_result(chunk, result)`` for each, in this process;
    ``on_progress(chunk, n)`` as ``n`` more documents of a chunk are done."""
    if workers <= 1:
        for chunk in chunks:
            tick = functools.partial(on_progress, chunk, 1) if on_progress is not None else None
            on_result(chunk, process_chunk(chunk.docs, options, tick))
        return
    limit = in_flight or 2 * workers
    context = multiprocessing.get_context("spawn")
    done_queue = context.SimpleQueue() if on_progress is not None else None
    pending: dict[Future[ChunkResult], int] = {}
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

    try:
        exhausted = False
        count = 0
        while True:
            while not exhausted and len(pending) < limit:
                nxt = next(chunks, None)
                if nxt is None:
                    exhausted = True
                    break
                count += 1
                numbered[count] = nxt
                pending[pool.submit(process_chunk, nxt.docs, options, None, count)] = count
            if not pending:
                break
            timeout = 0.1 if done_queue is not None else None
            finished, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
            report()
            for future in finished:
                result = future.result()
                on_result(numbered.pop(pending.pop(future)), result)
    except BrokenProcessPool as exc:
        raise GeomapError(
            "a worker process died (out of memory?); the finished partitions are kept: run "
            "again with --resume"
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if done_queue is not None:
            done_queue.close()
