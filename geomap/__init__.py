"""geomap: offline place names, events and layered maps from news text.

>>> import geomap
>>> res = geomap.geoparse("Turkish forces shelled Ras al-Ain.")  # doctest: +SKIP
>>> events = geomap.extract_events(geomap.read_documents("news.jsonl").documents)  # doctest: +SKIP
>>> geomap.render_map(events)  # a folium.Map                      # doctest: +SKIP

The public names are imported on first use, so ``import geomap`` (and the ``geomap geocode``
command) stay fast; heavy libraries load only when a function that needs them is called.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "geoparse": "geomap.geoparsing",
    "Geoparser": "geomap.geoparsing",
    "resolutions_to_geojson": "geomap.geoparsing",
    "resolutions_to_geodataframe": "geomap.geoparsing",
    "extract_events": "geomap.events",
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

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
