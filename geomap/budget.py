"""A time budget per document: a document that takes too long is skipped, named and counted.

Processing is linear in a document's length (issue 25), so a document within the size limit
(:data:`geomap.documents.MAX_DOC_BYTES`, 5 MB) normally takes seconds. The budget is a guard
against what was not foreseen (a pathological text, a regular expression that backtracks): the
commands ``places``, ``extract``, ``map`` and ``batch`` give each document at most
:func:`max_doc_seconds` seconds (``--max-doc-seconds``; ``GEOMAP_MAX_DOC_SECONDS`` for every
command; default :data:`MAX_DOC_SECONDS`; 0: no limit). A document over it is dropped whole —
none of its places or events are written, since a half-processed document would give a map
that looks complete and is not — and reported like an unreadable record: ``skipped document
'ID': over the time budget of 60 s ...``, counted in the summary (``errors.jsonl`` for
``batch``). The rest of the run goes on.

How: a ``SIGALRM`` timer (``setitimer``) raises :class:`DocumentTimeout` inside the work. This
needs the main thread of a process, which the commands and the local batch workers (processes)
are. In another thread a signal cannot be used; there :func:`time_budget` applies no budget
(a Python caller's thread runs its document to its end) unless asked with ``threads=True``, as
``batch`` does for the Dask engine, whose workers run tasks in threads: a timer thread then
raises the exception in the working thread (CPython's ``PyThreadState_SetAsyncExc``). Either
way Python checks for it between bytecodes, so one long call into C (a single
regular-expression search) ends before the document is stopped.

The Python API (:func:`geomap.extract_events`, :func:`geomap.pipeline.run_pipeline`) applies no
budget unless asked (``max_doc_seconds=``), so that a library caller never loses a document it
did not choose to lose.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .documents import Skipped
from .errors import ConfigurationError, GeomapError

__all__ = [
    "MAX_DOC_SECONDS",
    "DocumentTimeout",
    "OverBudget",
    "budget_skip",
    "max_doc_seconds",
    "time_budget",
]

#: Seconds a command gives one document by default: about ten times what a document at the size
#: limit needs (bench/bench_scaling.py measured some 1.2 ms per KB, about 6 s for 5 MB).
MAX_DOC_SECONDS = 60.0
ENV = "GEOMAP_MAX_DOC_SECONDS"


class DocumentTimeout(GeomapError, TimeoutError):
    """A document took longer than its time budget."""


def max_doc_seconds(value: float | None = None) -> float | None:
    """The budget in seconds: ``value`` when given, else ``GEOMAP_MAX_DOC_SECONDS`` when set,
    else :data:`MAX_DOC_SECONDS`; 0 means no limit (None).

    >>> max_doc_seconds(5), max_doc_seconds(0)
    (5.0, None)

    Raises
    ------
    ConfigurationError
        ``GEOMAP_MAX_DOC_SECONDS`` is not a number of seconds, or a value is negative.
    """
    if value is None:
        raw = os.environ.get(ENV, "").strip()
        if not raw:
            return MAX_DOC_SECONDS
        try:
            value = float(raw)
        except ValueError:
            raise ConfigurationError(f"{ENV}={raw!r} is not a number of seconds") from None
    if value < 0 or value != value:
        raise ConfigurationError(f"a time budget of {value!r} s: expected 0 (none) or more")
    return float(value) or None


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, *, threads: bool = False) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the ``with`` block once it has run ``seconds``
    (None or 0: never; outside the main thread: never, unless ``threads``; see the module
    docstring)."""
    if not seconds:
        yield
        return
    if not _can_time():
        if threads:
            with _thread_budget(seconds):
                yield
        else:
            yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"over the time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Expired(DocumentTimeout):
    """Raised in a thread by :func:`_thread_budget`'s timer (as a class: no message)."""

    def __str__(self) -> str:
        return "over the time budget"


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    """:func:`time_budget` in any thread: a timer thread raises :class:`DocumentTimeout` in
    this one when ``seconds`` have passed, unless the block has ended by then."""
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except _Expired:
        raise DocumentTimeout(f"over the time budget of {seconds:g} s") from None
    finally:
        with lock:
            state["armed"] = False
        timer.cancel()
        if state["fired"]:  # raised just as the block ended: never into the code after it
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)


@dataclass(frozen=True, slots=True)
class OverBudget(Skipped):
    """A document skipped because it took longer than its time budget (it was read)."""


def budget_skip(doc_id: str, exc: DocumentTimeout) -> OverBudget:
    """The skip record of a document over its budget."""
    return OverBudget(
        f"document {doc_id!r}",
        None,
        f"{exc}; nothing of it is written (raise --max-doc-seconds, or 0 for no limit)",
    )
