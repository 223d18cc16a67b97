"""The whole job on a set of documents: read, geoparse once, extract events.

:func:`run_pipeline` is what ``geomap demo`` and ``geomap map`` (with text inputs) run. Each
document is geoparsed once; the same resolutions feed both the place layer and the event
extractor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import ReadWarning, Skipped, iter_documents
from .geoparsing import get_geoparser, place_features
from .resolve import Focus
from .types import Document, Resolution

if TYPE_CHECKING:
    from .events.model import EventCollection


@dataclass
class PipelineResult:
    """Documents read, their resolved mentions, the events, and what could not be read."""

    documents: list[Document]
    resolutions: dict[str, list[Resolution]]
    events: EventCollection
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    def places_geojson(self) -> dict[str, Any]:
        """Every place mention as an RFC 7946 FeatureCollection (null geometry kept; the map
        draws only the ``literal`` ones)."""
        feats = [f for res in self.resolutions.values() for f in place_features(res)]
        return {"type": "FeatureCollection", "features": feats}


def run_pipeline(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    focus: Focus | str | None = None,
) -> PipelineResult:
    """Read the inputs (files or folders), geoparse every document once, extract the events."""
    from .events import extract_events

    skipped: list[Skipped] = []
    warnings: list[ReadWarning] = []
    docs = list(
        iter_documents(
            inputs, published=published, on_skip=skipped.append, on_warning=warnings.append
        )
    )
    parser = get_geoparser()
    if isinstance(focus, str):
        focus = Focus.parse(focus, parser.gazetteer)
    resolutions = {d.id: parser.parse(d, focus=focus) for d in docs}

    def parsed(doc: Document) -> list[Resolution]:
        cached = resolutions.get(doc.id)
        return cached if cached is not None else parser.parse(doc, focus=focus)

    events = extract_events(docs, geoparser=parsed, focus=focus)
    return PipelineResult(docs, resolutions, events, skipped, warnings)
