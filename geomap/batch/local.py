"""The local batch engine: chunks of documents on a ``concurrent.futures`` process pool.

Each worker process builds its geoparser and event extractor once, in the pool's initializer
(the gazetteer index is a SQLite file opened read-only, so every process opens it for itself and
they share the operating system's page cache). Workers are started with ``spawn``: a SQLite
connection must not cross a ``fork``. With one worker the chunks are processed in this process,
with the same functions, and without pickling.

At most ``2 × workers`` chunks are in flight, so memory stays bounded however large the input;
results are handed to ``on_result`` (the partition writer) in the parent as they complete.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..errors import GeomapError
from . import BatchOptions, Chunk, ChunkResult, OnResult, init_worker, process_chunk

__all__ = ["run_local"]


def run_local(
    chunks: Iterator[Chunk],
    options: BatchOptions,
    on_result: OnResult,
    *,
    workers: int = 1,
    in_flight: int | None = None,
) -> None:
    """Process every chunk and call ``on_result(chunk, result)`` for each, in this process."""
    if workers <= 1:
        for chunk in chunks:
            on_result(chunk, process_chunk(chunk.docs, options))
        return
    limit = in_flight or 2 * workers
    pending: dict[Future[ChunkResult], Chunk] = {}
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(options,),
    )
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                nxt = next(chunks, None)
                if nxt is None:
                    exhausted = True
                    break
                pending[pool.submit(process_chunk, nxt.docs, options)] = nxt
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = pending.pop(future)
                on_result(chunk, future.result())
    except BrokenProcessPool as exc:
        raise GeomapError(
            "a worker process died (out of memory?); the finished partitions are kept: run "
            "again with --resume"
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
