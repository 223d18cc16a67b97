"""The Dask batch engine: the same pipeline with ``dask.bag`` on a Dask cluster.

Documents are read on the client, from the inputs in order, and cut into the same partitions as
the local engine; each partition becomes a one-partition ``dask.bag`` mapped with
:func:`dask_partition` (geoparse + extract, the geoparser built once per worker process), and
its result comes back to the client, where the partition writer stores it. A bounded number of
partitions is in flight (``4 × workers`` by default), so the client never holds the whole corpus.

Each document has the time budget of ``options.max_doc_seconds`` (``--max-doc-seconds``), as
with the local engine: Dask workers run tasks in threads, where no ``SIGALRM`` can be used, so a
timer thread stops a document over its budget (:func:`geomap.budget.time_budget` with
``threads=True``); it is a counted skip in ``errors.jsonl``.

Without ``scheduler`` a :class:`distributed.LocalCluster` with ``workers`` single-threaded worker
processes is started (and stopped afterwards); with ``scheduler="tcp://host:8786"`` the run uses
an existing cluster, whose workers need geomap installed and a gazetteer index (built on first use
in each worker's ``$GEOMAP_HOME``, or shared on a network file system).

Needs the optional dependencies: ``pip install 'geomap[dask]'``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import ConfigurationError, GeomapError
from ..types import Document
from . import BatchOptions, Chunk, ChunkResult, OnProgress, OnResult, process_chunk

__all__ = ["dask_partition", "run_dask"]


def dask_partition(
    docs: Sequence[tuple[int, Document]], options: BatchOptions
) -> list[ChunkResult]:
    """The ``map_partitions`` function: one partition of documents → a one-item result list."""
    return [process_chunk(list(docs), options)]


def _import_dask() -> tuple[Any, Any]:
    try:
        import dask.bag
        import distributed
    except ImportError as exc:
        raise ConfigurationError(
            "the Dask engine needs the optional dependencies: pip install 'geomap[dask]'"
        ) from exc
    return dask.bag, distributed


def run_dask(
    chunks: Iterator[Chunk],
    options: BatchOptions,
    on_result: OnResult,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    processes: bool = True,
    in_flight: int | None = None,
    on_progress: OnProgress | None = None,
) -> None:
    """Process every chunk on a Dask cluster; ``on_result(chunk, result)`` runs on the client.

    ``on_progress`` is not called: the progress moves once per partition, as results come."""
    bag, distributed = _import_dask()
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout="30s")
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = distributed.Client(cluster)
    except OSError as exc:
        raise GeomapError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = in_flight or 4 * n_workers
        pending: dict[str, Chunk] = {}
        results = distributed.as_completed()

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            part = bag.from_sequence(chunk.docs, npartitions=1)
            (task,) = part.map_partitions(dask_partition, options).to_delayed()
            future = client.compute(task)
            pending[future.key] = chunk
            results.add(future)
            return True

        while len(pending) < limit and submit():
            pass
        for future in results:
            chunk = pending.pop(future.key)
            (result,) = future.result()
            future.release()
            on_result(chunk, result)
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
