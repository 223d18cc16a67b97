"""Layered, offline, self-contained HTML maps of events (``render_map``), and the border strip.

>>> from geomap.render import render_map, save_map        # doctest: +SKIP
>>> save_map(render_map(events.to_geojson(), title="October 2019"), "map.html")  # doctest: +SKIP

The saved file loads nothing from the network: Leaflet, jQuery and Leaflet.markercluster are
inlined, the basemap is drawn from the bundled Natural Earth geometry, and every event is embedded
once as escaped JSON and turned into markers in the browser. See :mod:`geomap.render.build`.
"""

from __future__ import annotations

from .buffer import DEFAULT_DEPTH_KM, DEFAULT_LON_RANGE, buffer_zone, events_in_buffer
from .build import PlaceMentions, render_map, save_map
from .inputs import date_span, load_events

__all__ = [
    "DEFAULT_DEPTH_KM",
    "DEFAULT_LON_RANGE",
    "PlaceMentions",
    "buffer_zone",
    "date_span",
    "events_in_buffer",
    "load_events",
    "render_map",
    "save_map",
]
