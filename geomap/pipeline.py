"""The whole job on a set of documents: read, geoparse once, extract events.

:func:`run_pipeline` is what ``geomap demo`` and ``geomap map`` (with text inputs) run. Each
document is geoparsed once; the same resolutions feed both the place layer and the event
extractor.

Documents are told apart by their position in the run, never by their ``id``: ids come from the
user (file stems, a JSONL ``id`` field) and may repeat, e.g. two ``report.txt`` in two folders.
Repeated ids are reported as one logged warning with their count.
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


def run_pipeline(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    focus: Focus | str | None = None,
    progress: Callable[[list[Document]], Iterable[Document]] | None = None,
) -> PipelineResult:
    """Read the inputs (files or folders), geoparse every document once, extract the events.

    ``progress`` wraps the list of documents read (e.g. in a tqdm bar); each document is
    geoparsed and its events extracted as it is taken from it.
    """
    from .events import extract_events

    skipped: list[Skipped] = []
    warnings: list[ReadWarning] = []
    docs = list(
        iter_documents(
            inputs, published=published, on_skip=skipped.append, on_warning=warnings.append
        )
    )
    repeated = duplicate_ids(docs)
    if repeated:
        examples = ", ".join(repr(k) for k in list(repeated)[:3])
        log.warning(
            "%d document id(s) used by more than one document (%s%s); each document keeps its "
            "own places and events, but they share the id in the output",
            len(repeated),
            examples,
            ", ..." if len(repeated) > 3 else "",
        )
    parser = get_geoparser()
    if isinstance(focus, str):
        focus = Focus.parse(focus, parser.gazetteer)
    # keyed by the document object itself (its identity), not by its id, which may repeat
    by_document: dict[int, list[Resolution]] = {}

    def parsed(doc: Document) -> list[Resolution]:
        cached = by_document.get(id(doc))
        if cached is None:
            cached = by_document[id(doc)] = parser.parse(doc, focus=focus)
        return cached

    # one pass: each document geoparsed, then its events extracted, as the progress moves
    events = extract_events(progress(docs) if progress else docs, geoparser=parsed, focus=focus)
    resolutions = [parsed(d) for d in docs]
    return PipelineResult(docs, resolutions, events, skipped, warnings)
