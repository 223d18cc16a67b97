"""geomap: offline place names, events and layered maps from news text.

>>> import geomap
>>> res = geomap.geoparse("Turkish forces shelled Ras al-Ain.")  # doctest: +SKIP
>>> events = geomap.extract_events(geomap.read_documents("news.jsonl").documents)  # doctest: +SKIP
>>> events = geomap.extract_events(df, text="body", published="date")  # doctest: +SKIP
>>> geomap.render_map(events)  # a folium.Map                      # doctest: +SKIP

:func:`geoparse` and :func:`extract_events` take a string, a list of strings, Documents or a
:class:`pandas.DataFrame` (see :func:`geomap.documents.as_documents`); every item is one
document whose id joins the results back to it (the i-th string: ``"i"``; a DataFrame row: its
``id`` column, else its index label, as text).

The public names are imported on first use, so ``import geomap`` (and the ``geomap geocode``
command) stay fast; heavy libraries load only when a function that needs them is called.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

if _TYPE_CHECKING:
    import datetime as _dt

    from .events.model import EventCollection as _EventCollection
    from .resolve import Focus as _Focus
    from .types import Resolution as _Resolution

__version__ = "0.1.0"

_EXPORTS = {
    "Geoparser": "geomap.geoparsing",
    "resolutions_to_geojson": "geomap.geoparsing",
    "resolutions_to_geodataframe": "geomap.geoparsing",
    "EventCollection": "geomap.events.model",
    "Event": "geomap.events.model",
    "render_map": "geomap.render",
    "save_map": "geomap.render",
    "buffer_zone": "geomap.render",
    "read_documents": "geomap.documents",
    "run_pipeline": "geomap.pipeline",
    "Gazetteer": "geomap.gazetteer",
    "default_gazetteer": "geomap.gazetteer",
    "OfflineGeocoder": "geomap.gazetteer.geocoder",
    "Focus": "geomap.resolve",
    "Document": "geomap.types",
    "Place": "geomap.types",
    "Mention": "geomap.types",
    "Candidate": "geomap.types",
    "Resolution": "geomap.types",
    "GeomapError": "geomap.errors",
    "InputError": "geomap.errors",
    "ConfigurationError": "geomap.errors",
    "GazetteerError": "geomap.errors",
    "ExportError": "geomap.errors",
}

__all__ = sorted([*_EXPORTS, "extract_events", "geoparse"])


def geoparse(
    documents: _Any,
    *,
    text: str = "text",
    published: str | _dt.date | None = None,
    id: str | None = None,
    doc_id: str = "",
    gazetteer: _Any = None,
    focus: _Focus | str | None = None,
) -> _Any:
    """Find and resolve the place names of documents.

    Parameters
    ----------
    documents
        A string or a :class:`~geomap.types.Document`: returns its list of
        :class:`~geomap.types.Resolution`. A list of strings or Documents: returns one list per
        document, in order. A :class:`pandas.DataFrame` (one document per row; ``text=``,
        ``published=``, ``id=`` name its columns): returns a GeoDataFrame (EPSG:4326) with one
        row per mention, whose ``doc`` column is the row's id (see
        :func:`geomap.documents.as_documents`).
    doc_id
        Id recorded on each mention of one string.
    gazetteer, focus
        As for :func:`geomap.geoparsing.geoparse`.
    """
    from .documents import as_documents, is_dataframe
    from .geoparsing import get_geoparser
    from .types import Document

    parser = get_geoparser(gazetteer)
    if isinstance(documents, str | Document):
        return parser.parse(documents, doc_id=doc_id, focus=focus)
    docs = as_documents(documents, text=text, published=published, id=id)
    if isinstance(focus, str):
        from .resolve import Focus

        focus = Focus.parse(focus, parser.gazetteer)
    results: list[list[_Resolution]] = [parser.parse(d, focus=focus) for d in docs]
    if not is_dataframe(documents):
        return results
    from .geoparsing import resolutions_to_geodataframe

    frame = resolutions_to_geodataframe([r for rs in results for r in rs])
    if frame.empty and "doc" not in frame.columns:  # no mention at all: keep the columns
        import geopandas

        columns = ["doc", "mention", "start", "end", "role", "literal", "name", "place_id"]
        frame = geopandas.GeoDataFrame(columns=columns, geometry=[], crs="EPSG:4326")
    return frame


def extract_events(
    documents: _Any,
    *,
    text: str = "text",
    published: str | _dt.date | None = None,
    id: str | None = None,
    **options: _Any,
) -> _EventCollection:
    """Extract dated, typed, located events from documents and merge duplicates.

    ``documents`` is a string, a list of strings, Documents or a :class:`pandas.DataFrame`
    (``text=``, ``published=``, ``id=`` name its columns; see
    :func:`geomap.documents.as_documents`). Each event's ``doc_id`` is its document's id, which
    joins it back to the input row. Documents without a publication date are named in one
    logged warning. ``options`` go to :func:`geomap.events.extract_events` (``focus``,
    ``triggers``, ``actors``, ``gazetteer``, ``geoparser``).
    """
    from .documents import as_documents, note_undated
    from .events import extract_events as extract

    docs = as_documents(documents, text=text, published=published, id=id)
    note_undated(docs)
    return extract(docs, **options)


def __getattr__(name: str) -> _Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(n for n in [*globals(), *_EXPORTS] if not n.startswith("_") or n == "__version__")


del annotations  # the __future__ import's name; geomap.annotations is not part of the API
