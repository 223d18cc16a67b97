"""The map's opening view: which events it fits, or the area a user asked for.

By default the view fits every located event that is precise to a town or near one (ACLED
geo-precision 1–2), wherever they are: no event of that kind is ever off screen when the map
opens. Country- and province-level events do not pull the view out to a whole country (or the
world) unless there is nothing more precise; they sit in their own layer.

``view`` overrides this (``render_map(view=...)``, ``geomap map --view``):

- ``"events"`` (default): the precise events, or all located events when none is precise;
- ``"all"``: every located event, region-level ones included;
- a bounding box ``"W,S,E,N"`` (or a 4-sequence of numbers) in degrees, lon/lat;
- any other text: a place name looked up in the offline gazetteer (a country or province opens on
  its outline, a town on a small box around it).

Bounds are returned as ``[[south, west], [north, east]]`` (Leaflet order: the folium boundary).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import ConfigurationError

#: Shown when there are no located events at all (northern Syria and southern Turkey).
DEFAULT_BOUNDS = ((32.0, 35.0), (38.5, 43.5))
#: Half-size (degrees) of the box around a town named as the view.
TOWN_HALF_SIZE = 0.25
VIEW_KEYWORDS = ("events", "all")

Bounds = list[list[float]]


def fit(points: Sequence[tuple[float, float]]) -> Bounds:
    """Bounds (``[[south, west], [north, east]]``) around ``(lon, lat)`` points, all of them.

    >>> fit([(38.9, 36.7), (32.5, 15.6), (30.5, 50.4)])
    [[15.6, 30.5], [50.4, 38.9]]
    >>> fit([(-150.0, 60.0), (170.0, -40.0)])  # nearly the whole globe: show all of it
    [[-40.0, -180.0], [60.0, 180.0]]
    """
    if not points:
        return [list(DEFAULT_BOUNDS[0]), list(DEFAULT_BOUNDS[1])]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    south, north = max(min(ys), -80.0), min(max(ys), 80.0)
    west, east = min(xs), max(xs)
    if east - west > 300:  # the whole world: show it, not a sliver
        west, east = -180.0, 180.0
    return [[south, west], [north, east]]


def parse_bbox(text: str | Sequence[Any]) -> Bounds | None:
    """``"W,S,E,N"`` (or four numbers) as bounds; ``None`` when ``text`` is not four numbers.

    A box crossing the antimeridian (``W > E``) is kept east of it (``E + 360``).

    >>> parse_bbox("29.5, 8, 40.5, 22")
    [[8.0, 29.5], [22.0, 40.5]]
    >>> parse_bbox("170,-20,-170,-10")
    [[-20.0, 170.0], [-10.0, 190.0]]
    >>> parse_bbox("Khartoum") is None
    True
    """
    parts = text.split(",") if isinstance(text, str) else list(text)
    if len(parts) != 4:
        return None
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError):
        return None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
        raise ConfigurationError(
            f"a view box is W,S,E,N in degrees (west/east in -180..180, south < north), "
            f"got {text!r}"
        )
    if east <= west:
        east += 360.0
    return [[south, west], [north, east]]


def place_bounds(name: str) -> Bounds:
    """Bounds of a place found by name in the offline gazetteer.

    Raises :class:`~geomap.errors.ConfigurationError` when nothing matches.
    """
    from ..gazetteer import default_gazetteer
    from . import geodata

    hits = default_gazetteer().search(name, limit=1)
    if not hits:
        raise ConfigurationError(
            f"--view {name!r}: no such place in the gazetteer; give a place name, "
            f"a box W,S,E,N, or one of {', '.join(VIEW_KEYWORDS)}"
        )
    place = hits[0].place
    geom = None
    if place.kind == "country":
        geom = geodata.country_shapes().get(place.country_code)
    elif place.kind == "admin1" and place.admin1_code in geodata.admin1_shapes():
        geom = geodata.admin1_shapes()[place.admin1_code][2]
    elif place.place_id in geodata.supplement_polygons():
        geom = geodata.supplement_polygons()[place.place_id]
    if geom is not None:
        west, south, east, north = geom.bounds
        return [[south, west], [north, east]]
    half = max(TOWN_HALF_SIZE, place.radius_km / 111.0)
    return [[place.lat - half, place.lon - half], [place.lat + half, place.lon + half]]


def opening_bounds(
    precise: Sequence[tuple[float, float]],
    located: Sequence[tuple[float, float]],
    view: str | Sequence[Any] | None = None,
) -> tuple[Bounds, str]:
    """The opening bounds and how they were chosen (``events``, ``all``, ``box`` or ``place``).

    ``precise`` are the ``(lon, lat)`` of events precise to a town or near one, ``located`` of
    every located event.

    >>> opening_bounds([(38.9, 36.7)], [(38.9, 36.7), (35.0, 39.0)])
    ([[36.7, 38.9], [36.7, 38.9]], 'events')
    >>> opening_bounds([(38.9, 36.7)], [(38.9, 36.7), (35.0, 39.0)], "all")
    ([[36.7, 35.0], [39.0, 38.9]], 'all')
    """
    if view is None or (isinstance(view, str) and view.strip().lower() == "events"):
        return fit(precise or located), "events"
    if isinstance(view, str) and view.strip().lower() == "all":
        return fit(located), "all"
    box = parse_bbox(view)
    if box is not None:
        return box, "box"
    if not isinstance(view, str) or not view.strip():
        raise ConfigurationError(f"view must be a place name, W,S,E,N, events or all: {view!r}")
    return place_bounds(view.strip()), "place"
