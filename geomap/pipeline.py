"""The whole job on a set of documents: read, geoparse once, extract events.

:func:`run_pipeline` is what ``geomap demo`` and ``geomap map`` (with text inputs) run. Each
document is geoparsed once; the same resolutions feed both the place layer and the event
extractor.

Documents are told apart by their position in the run, never by their ``id``: ids come from the
user (file stems, a JSONL ``id`` field) and may repeat, e.g. two ``report.txt`` in two folders.
Repeated ids are reported as one logged warning with their count.

:func:`stream_pipeline` (``geomap map``) keeps no document and no mention: each document's
resolved mentions go to a callback as it is done (the map aggregates them per place), and only
the events stay. :func:`run_pipeline` (``geomap demo``, the Python API) keeps them all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import ReadWarning, Skipped, iter_documents
from .geoparsing import get_geoparser, place_features
from .resolve import Focus
from .types import Document, Resolution

if TYPE_CHECKING:
    from .events.model import EventCollection

log = logging.getLogger("geomap.pipeline")


@dataclass
class PipelineResult:
    """Documents read, their resolved mentions, the events, and what could not be read.

    ``resolutions[i]`` are the resolved mentions of ``documents[i]``.
    """

    documents: list[Document]
    resolutions: list[list[Resolution]]
    events: EventCollection
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    def places_geojson(self) -> dict[str, Any]:
        """Every place mention as an RFC 7946 FeatureCollection (null geometry kept; the map
        draws only the ``literal`` ones)."""
        feats = [f for res in self.resolutions for f in place_features(res)]
        return {"type": "FeatureCollection", "features": feats}


def duplicate_ids(docs: Iterable[Document]) -> dict[str, int]:
    """Document ids used more than once, with how many documents use each.

    >>> duplicate_ids([Document("a", "x"), Document("b", "y"), Document("a", "z")])
    {'a': 2}
    """
    counts = Counter(d.id for d in docs)
    return {doc_id: n for doc_id, n in counts.items() if n > 1}


@dataclass
class StreamResult:
    """What :func:`stream_pipeline` keeps: counts, the events, and what could not be read.

    ``skipped`` holds the records that could not be read and the documents over their time
    budget (see :mod:`geomap.budget`).
    """

    documents: int
    events: EventCollection
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)


def stream_pipeline(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    focus: Focus | str | None = None,
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
    max_doc_seconds: float | None = None,
    on_document: Callable[[Document, list[Resolution]], None] | None = None,
) -> StreamResult:
    """Read the inputs one document at a time, geoparse each once and extract its events.

    Nothing per document is kept but its events (merged across documents at the end) and its
    id (to report repeated ids): ``on_document(doc, resolutions)`` is called with each
    document's resolved mentions as it is done, for the caller to write or aggregate them, so
    memory does not grow with the corpus's mentions (``geomap map`` on 20,000 documents). A
    document over ``max_doc_seconds`` (None: no budget) gives nothing and is a skip.
    ``progress`` wraps the documents as they are read (e.g. in a tqdm bar).
    """
    from .budget import DocumentTimeout, budget_skip, time_budget
    from .events import EventExtractor, deduplicate, load_actors, load_triggers

    skipped: list[Skipped] = []
    warnings: list[ReadWarning] = []
    docs: Iterable[Document] = iter_documents(
        inputs, published=published, on_skip=skipped.append, on_warning=warnings.append
    )
    if progress is not None:
        docs = progress(docs)
    parser = get_geoparser()
    if isinstance(focus, str):
        focus = Focus.parse(focus, parser.gazetteer)
    extractor = EventExtractor(load_triggers(()), load_actors(()))
    ids: Counter[str] = Counter()
    found: list[Any] = []
    for doc in docs:
        try:
            with time_budget(max_doc_seconds):
                resolutions = parser.parse(doc, focus=focus)
                events = extractor.document_events(doc, resolutions)
        except DocumentTimeout as exc:
            skipped.append(budget_skip(doc.id, exc))
            continue
        ids[doc.id] += 1
        found += events
        if on_document is not None:
            on_document(doc, resolutions)
    repeated = {doc_id: n for doc_id, n in ids.items() if n > 1}
    if repeated:
        examples = ", ".join(repr(k) for k in list(repeated)[:3])
        log.warning(
            "%d document id(s) used by more than one document (%s%s); each document keeps its "
            "own places and events, but they share the id in the output",
            len(repeated),
            examples,
            ", ..." if len(repeated) > 3 else "",
        )
    return StreamResult(sum(ids.values()), deduplicate(found), skipped, warnings)


def run_pipeline(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    focus: Focus | str | None = None,
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
    max_doc_seconds: float | None = None,
) -> PipelineResult:
    """Read the inputs (files or folders), geoparse every document once, extract the events;
    every document and its resolved mentions are kept (:func:`stream_pipeline` keeps neither).

    Each document is geoparsed and its events extracted as ``progress`` (if given) hands it
    over; a document over ``max_doc_seconds`` (None: no budget) is in ``skipped``.
    """
    documents: list[Document] = []
    resolutions: list[list[Resolution]] = []

    def keep(doc: Document, res: list[Resolution]) -> None:
        documents.append(doc)
        resolutions.append(res)

    result = stream_pipeline(
        inputs,
        published=published,
        focus=focus,
        progress=progress,
        max_doc_seconds=max_doc_seconds,
        on_document=keep,
    )
    return PipelineResult(documents, resolutions, result.events, result.skipped, result.warnings)
