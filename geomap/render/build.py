"""Building the layered, offline, self-contained HTML event map.

Shape: the map is a :class:`folium.Map` shell (no tiles, no CDN links) plus three raw elements:
the inlined libraries in the page head, one ``<script type="application/json">`` holding every
event, place and context layer once as compact, escaped JSON (:mod:`.safejson`), and one call to
``geomapRender`` (``static/geomap_map.js``) that builds all layers client-side. This is what makes
100,000 events feasible: folium would otherwise emit one JavaScript block per marker.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import folium
import numpy as np
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from ..errors import ConfigurationError, ExportError
from ..types import AREA_KINDS
from . import assets, geodata, safejson
from .buffer import (
    DEFAULT_DEPTH_KM,
    DEFAULT_LON_RANGE,
    buffer_zone,
    country_allows,
    inside_mask,
)
from .inputs import Feature, date_span, feature_lonlat, load_events, load_features
from .strips import make_strips, strip_payload
from .style import UNKNOWN_TYPE, style_for, type_order
from .view import opening_bounds

#: Radius drawn for geo_precision 2 ("near a town / part of a region") without a known radius.
NEAR_RADIUS_KM = 10.0
#: Radius drawn for geo_precision 3 ("region") when no outline is known.
REGION_RADIUS_KM = 60.0
#: Online base layers offered when ``offline=False`` (never in the default, offline file).
ONLINE_TILES = (
    (
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© OpenStreetMap contributors",
    ),
    (
        "CARTO light",
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "© OpenStreetMap contributors © CARTO",
    ),
)


class RawHTML(Element):
    """An element whose text is emitted as is (never parsed by Jinja)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class OfflineMap(folium.Map):
    """A folium Map that links no CDN resource (libraries are inlined by :class:`GeomapLayers`)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium declares it so
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class GeomapLayers(MacroElement):
    """Inlines the libraries and the data, and calls ``geomapRender`` on the parent map."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "geomapRender({{ this._parent.get_name() }}, {{ this.data_id|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, payload: dict[str, Any], title: str) -> None:
        super().__init__()
        self._name = "GeomapLayers"
        self.data_id = f"geomap_data_{self._id}"
        self.title = title
        self.payload_json = safejson.dumps(payload)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = self.get_root()
        assert isinstance(figure, Figure), "GeomapLayers must be added to a Map in a Figure"
        header = figure.header
        header.add_child(RawHTML(f"<title>{html.escape(self.title)}</title>"), name="geomap_title")
        for name, css in assets.styles():
            header.add_child(RawHTML(f"<style>{css}</style>"), name=f"css_{name}")
        for name, js in assets.scripts():
            header.add_child(
                RawHTML(f"<script>{assets.safe_script(js)}</script>"), name=f"js_{name}"
            )
        figure.html.add_child(
            RawHTML(
                f'<script type="application/json" id="{self.data_id}">{self.payload_json}</script>'
            ),
            name=self.data_id,
        )
        super().render(**kwargs)


class _Strings:
    """Interns strings: each distinct text is stored once and referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def __call__(self, value: Any) -> int:
        text = _text(value)
        idx = self._index.get(text)
        if idx is None:
            idx = self._index[text] = len(self.items)
            self.items.append(text)
        return idx


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value if v not in (None, ""))
    if isinstance(value, float) and value != value:  # NaN from a GeoDataFrame
        return ""
    return str(value)


def _number(value: Any, default: float) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return out if out == out else default


class _Regions:
    """Outlines used to draw region-precision events, stored once each."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        # the region's hand-checked outlines first, then (read only when needed) the world's
        self._admin1 = geodata.admin1_shapes()
        self._by_name = {
            (cc, name.casefold()): code for code, (name, cc, _) in self._admin1.items()
        }
        self._world = False

    def _world_admin1(self) -> None:
        """Add the world's provinces (Natural Earth 1:10m) behind the region's, once."""
        if not self._world:
            self._world = True
            self._admin1 = {**geodata.admin1_world_by_code(), **self._admin1}
            self._by_name = {
                (cc, name.casefold()): code for code, (name, cc, _) in self._admin1.items()
            }

    def _add(self, key: str, name: str, geom: Any) -> int:
        """Store an outline once: its readable name, simplified shape and a point inside it
        (where the count of its events is drawn)."""
        if key not in self._index:
            tol = 0.01 if key.startswith(("admin1:", "geomap:")) else 0.03
            inside = geom.representative_point()
            self._index[key] = len(self.items)
            self.items.append(
                {
                    "n": name,
                    "g": geodata.simplified(geom, tol),
                    "c": [round(inside.x, 3), round(inside.y, 3)],
                }
            )
        return self._index[key]

    def lookup(self, props: dict[str, Any]) -> int:
        """Index of the outline for an event's place, or -1 when none is known."""
        place_id = _text(props.get("place_id"))
        polys = geodata.supplement_polygons()
        if place_id in polys:
            return self._add(place_id, _text(props.get("place")) or place_id, polys[place_id])
        cc = _text(props.get("country_code")).upper()
        admin1 = _text(props.get("admin1"))
        code = admin1 if admin1 in self._admin1 else self._by_name.get((cc, admin1.casefold()))
        if admin1 and not code and not self._world:
            self._world_admin1()
            code = admin1 if admin1 in self._admin1 else self._by_name.get((cc, admin1.casefold()))
        country = geodata.country_names().get(cc, cc)
        if code:
            name, admin_cc, geom = self._admin1[code]
            where = geodata.country_names().get(admin_cc, admin_cc)
            return self._add(f"admin1:{code}", f"{name}, {where}" if where else name, geom)
        if cc and not admin1:
            geom = geodata.country_shapes().get(cc)
            if geom is not None:
                return self._add(f"country:{cc}", country, geom)
        return -1


def _event_rows(
    feats: list[Feature], zone: Any
) -> tuple[list[list[Any]], list[str], list[dict[str, Any]], list[dict[str, Any]], bool]:
    """Compact rows (see ``static/geomap_map.js`` for the column order)."""
    strings = _Strings()
    regions = _Regions()
    coords = [feature_lonlat(f) for f in feats]
    lons = [c[0] if c else None for c in coords]
    lats = [c[1] if c else None for c in coords]
    inside = (
        inside_mask(lons, lats, zone)
        & country_allows((f.get("properties") or {}).get("country_code") for f in feats)
        if zone is not None
        else [False] * len(feats)
    )
    shift = _antimeridian_shift([x for x in lons if x is not None])
    seen_types: set[str] = set()
    rows: list[list[Any]] = []
    for feat, lon, lat, in_buf in zip(feats, lons, lats, inside, strict=True):
        p = feat["properties"]
        etype = _text(p.get("event_type")) or UNKNOWN_TYPE
        seen_types.add(etype)
        span = date_span(p.get("date"), p.get("date_precision"))
        d0, d1, dlabel = span if span else (None, None, _text(p.get("date")) or "date unknown")
        gp = _precision(p)
        radius = _number(p.get("radius_km"), 0.0)
        region = -1
        if gp == 2:
            radius = radius if radius > 0 else NEAR_RADIUS_KM
        elif gp == 3:
            region = regions.lookup(p)
            radius = max(radius, REGION_RADIUS_KM)
        if lon is not None and shift and lon < 0:
            lon += 360.0
        sources = p.get("sources")
        # the popup links to the report: the event's own url, else its first web source
        url = p.get("url") or next(
            (
                x
                for x in (sources if isinstance(sources, list) else [sources])
                if isinstance(x, str) and x.startswith(("http://", "https://"))
            ),
            None,
        )
        rows.append(
            [
                None if lon is None else round(lon, 5),
                None if lat is None else round(lat, 5),
                etype,  # replaced by the type index below
                d0,
                d1,
                strings(dlabel),
                gp,
                round(radius, 1),
                region,
                1 if in_buf else 0,
                strings(p.get("place")),
                strings(p.get("quote")),
                strings(p.get("actors") or [p.get("actor1"), p.get("actor2")]),
                strings(p.get("sub_event_type")),
                strings(sources),
                strings(url),
                strings(p.get("doc")),
                strings(p.get("id")),
                strings(p.get("mention") or p.get("place")),
                strings(p.get("admin1")),
                strings(p.get("country_code")),
                _confidence(p),
            ]
        )
    order = type_order(seen_types)
    styles = style_for(order)
    index = {t: i for i, t in enumerate(order)}
    counts = dict.fromkeys(order, 0)
    for row in rows:
        counts[row[2]] += 1
        row[2] = index[row[2]]
    types = [{"n": t, "c": styles[t][0], "s": styles[t][1], "k": counts[t]} for t in order]
    return rows, strings.items, types, regions.items, shift


#: Countries whose events bring in the Turkey–Syria context layers.
CONTEXT_COUNTRIES = frozenset({"SY", "TR", "IQ"})
#: Box around the strip and the curated sites (lon_min, lat_min, lon_max, lat_max).
CONTEXT_BBOX = (35.5, 34.5, 43.5, 37.8)


def tile_layers(
    tiles: str | None, attribution: str | None, *, offline: bool = True
) -> list[list[Any]]:
    """Online base layers as ``[name, url, attribution, shown first]`` rows.

    >>> tile_layers("https://tiles.example.org/{z}/{x}/{y}.png", "© Example")
    [['tiles.example.org', 'https://tiles.example.org/{z}/{x}/{y}.png', '© Example', True]]
    >>> [t[0] for t in tile_layers(None, None, offline=False)]
    ['OpenStreetMap', 'CARTO light']
    """
    rows = [[*t, False] for t in ONLINE_TILES] if not offline else []
    if tiles is None:
        return rows
    named = {t[0].casefold(): t for t in ONLINE_TILES}
    known = named.get(tiles.strip().casefold())
    if known is not None:
        return [[*known[:2], attribution or known[2], True]] + [r for r in rows if r[0] != known[0]]
    url = tiles.strip()
    if (
        not re.match(r"^https?://[^\s]+$", url)
        or not all(part in url for part in ("{z}", "{x}"))
        or not re.search(r"\{-?y\}", url)
    ):
        raise ConfigurationError(
            f"tiles must be an http(s) XYZ URL with {{z}}, {{x}} and {{y}}, "
            f"or one of {', '.join(t[0] for t in ONLINE_TILES)}; got {tiles!r}"
        )
    if not attribution or not attribution.strip():
        raise ConfigurationError(
            f"tiles {url!r} need an attribution (--attribution): tile providers require one"
        )
    host = re.sub(r"^https?://(\{s\}\.)?", "", url).split("/", 1)[0]
    return [[host, url, attribution.strip(), True], *rows]


def in_context_region(feats: Sequence[Feature]) -> bool:
    """Whether any event is in Syria, Turkey or Iraq (by its country code) or in the box around
    the border strip and the curated camps (by its point).

    >>> f = lambda lon, lat, cc: {"geometry": {"type": "Point", "coordinates": [lon, lat]},
    ...                           "properties": {"country_code": cc}}
    >>> in_context_region([f(32.5, 15.6, "SD")]), in_context_region([f(40.0, 36.9, None)])
    (False, True)
    >>> in_context_region([{"geometry": None, "properties": {"country_code": "iq"}}])
    True
    """
    x0, y0, x1, y1 = CONTEXT_BBOX
    for feat in feats:
        cc = _text((feat.get("properties") or {}).get("country_code")).upper()
        if cc in CONTEXT_COUNTRIES:
            return True
        ll = feature_lonlat(feat)
        if ll is not None and x0 <= ll[0] <= x1 and y0 <= ll[1] <= y1:
            return True
    return False


def confident(feats: list[Feature], threshold: float) -> list[Feature]:
    """The events whose ``confidence`` is at least ``threshold``, and those that give none.

    >>> [f["properties"].get("confidence") for f in confident([{"properties": {"confidence": c}}
    ...     for c in (0.0, 0.49, 0.5, None, "n/a")], 0.5)]
    [0.5, None, 'n/a']
    """
    out = []
    for feat in feats:
        value = _number((feat.get("properties") or {}).get("confidence"), -1.0)
        if value < 0 or value >= threshold:
            out.append(feat)
    return out


def _confidence(props: dict[str, Any]) -> float | None:
    """An event's confidence (0-1, rounded), or ``None`` when it has none.

    >>> [_confidence(p) for p in ({"confidence": 0.8123}, {"confidence": ""}, {"confidence": 9})]
    [0.81, None, 1.0]
    """
    value = _number(props.get("confidence"), -1.0)
    return None if value < 0 else round(min(value, 1.0), 2)


def _precision(props: dict[str, Any]) -> int:
    """ACLED geo-precision 1-3 of an event; 3 also when its place is a country or province.

    >>> [_precision(p) for p in ({}, {"geo_precision": 2}, {"geo_precision": 1, "place_kind":
    ...     "country"}, {"geo_precision": "x", "kind": "admin1"}, {"geo_precision": 9})]
    [1, 2, 3, 3, 3]
    """
    gp = min(max(int(_number(props.get("geo_precision"), 1)), 1), 3)
    kind = _text(props.get("place_kind") or props.get("kind")).lower()
    return 3 if kind in AREA_KINDS else gp


def _antimeridian_shift(lons: Sequence[float]) -> bool:
    """Whether the events sit around the antimeridian (shifting western longitudes by +360° makes
    their extent narrower than half the globe); a world-wide spread is left as it is."""
    if not lons:
        return False
    span = max(lons) - min(lons)
    if span <= 180:
        return False
    shifted = [x + 360.0 if x < 0 else x for x in lons]
    return max(shifted) - min(shifted) <= 180


def _literal(value: Any) -> bool:
    """A place feature's ``literal`` property as read back from GeoJSON, a GeoDataFrame or a
    GeoPackage (a bool, numpy bool or 0/1; missing counts as literal).

    >>> [_literal(v) for v in (True, False, 0, 1, None, float("nan"), "false")]
    [True, False, False, True, True, True, False]
    """
    if value is None or value != value:  # NaN: a missing value in a frame
        return True
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no")
    return bool(value)


class PlaceMentions:
    """The "Places mentioned" layer, aggregated as mentions arrive: one group per distinct
    place (its point, first properties, how often it was mentioned, in how many documents, up to
    six spellings), never the mentions themselves, so that ``geomap map`` on a large corpus
    keeps a few hundred bytes per place rather than per mention. Give it to :func:`render_map`
    as ``places``.

    Only literal mentions are drawn: a demonym, an embedded name or a modifier ("Syrian",
    "London School of Economics", "US-led") carries its place's point in the GeoJSON but names
    no location where something is or happens (features without ``literal``, written before it
    existed, had a point only when literal).
    """

    def __init__(self) -> None:
        self._groups: dict[str, dict[str, Any]] = {}

    def add(self, feat: dict[str, Any]) -> None:
        """Count one place-mention Feature (a dict with ``geometry`` and ``properties``)."""
        ll = feature_lonlat(feat)
        p = feat["properties"]
        if ll is None or not _literal(p.get("literal")):
            return
        key = _text(p.get("place_id")) or f"{ll[0]:.4f},{ll[1]:.4f}"
        g = self._groups.get(key)
        if g is None:
            g = self._groups[key] = {"ll": ll, "p": p, "n": 0, "docs": set(), "m": []}
        g["n"] += 1
        g["docs"].add(_text(p.get("doc")))
        mention = _text(p.get("mention"))
        if mention and mention not in g["m"] and len(g["m"]) < 6:
            g["m"].append(mention)

    def rows(self) -> tuple[list[list[Any]], list[str]]:
        """One row per distinct place and the interned strings the rows refer to."""
        strings = _Strings()
        rows = []
        for key, g in self._groups.items():
            p = g["p"]
            rows.append(
                [
                    round(g["ll"][0], 5),
                    round(g["ll"][1], 5),
                    strings(p.get("name") or p.get("mention")),
                    strings(p.get("kind")),
                    strings(p.get("country_code")),
                    strings(key),
                    g["n"],
                    len(g["docs"]),
                    strings(g["m"]),
                ]
            )
        return rows, strings.items


def _place_rows(places: Any) -> tuple[list[list[Any]], list[str]]:
    """One row per distinct place: position, names, kinds and how often it was mentioned (see
    :class:`PlaceMentions`)."""
    if isinstance(places, PlaceMentions):
        return places.rows()
    layer = PlaceMentions()
    for feat in load_features(places, "places"):
        layer.add(feat)
    return layer.rows()


def _detail_boxes(
    feats: Sequence[Feature],
) -> tuple[tuple[tuple[float, float, float, float], ...], frozenset[str]]:
    """The area the basemap draws in detail: the countries of the events precise to a town or
    near one (of all events when none is), and a box around each such event with no country;
    see :func:`geodata.detail_area`."""
    countries: dict[str, list[tuple[float, float]]] = {}
    loose: list[tuple[float, float]] = []
    precise = [f for f in feats if _precision(f.get("properties") or {}) < 3]
    # where a user zooms in: the events precise to a town or near one, when there are any
    for feat in precise or feats:
        cc = _text((feat.get("properties") or {}).get("country_code")).upper()
        ll = feature_lonlat(feat)
        if len(cc) == 2 and cc.isalpha():
            countries.setdefault(cc, [])
            if ll is not None and len(countries[cc]) < 5000:
                countries[cc].append(ll)
        elif ll is not None and len(loose) < 50:
            loose.append(ll)
    return geodata.detail_area(countries.keys(), loose, countries), frozenset(countries)


def render_map(
    events: Any,
    *,
    places: Any = None,
    title: str | None = None,
    buffer_km: float | None = DEFAULT_DEPTH_KM,
    buffer_lon_range: Sequence[float] = DEFAULT_LON_RANGE,
    offline: bool = True,
    view: str | Sequence[Any] | None = None,
    context: bool | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
    min_confidence: float | None = None,
    buffer: str | Sequence[str] | None = None,
) -> folium.Map:
    """A layered event map (a :class:`folium.Map`) that works offline from one HTML file.

    Parameters
    ----------
    events
        Events as a GeoJSON FeatureCollection dict (``EventCollection.to_geojson()``), a list of
        Features, a GeoDataFrame, an object with ``to_geojson()``, or a ``.geojson`` path.
    places
        Optional place mentions (same kinds of input, or a :class:`PlaceMentions` filled as
        they came) for the quieter "Places mentioned" layer.
    title
        Page and map title.
    buffer_km, buffer_lon_range
        Depth and longitude range of the Turkey–Syria border strip layer (``buffer_km=None`` or 0
        leaves the layer out).
    offline
        ``True`` (default): no online resource at all. ``False``: also offer OpenStreetMap and
        CARTO tiles as base layers (the libraries are still inlined).
    view
        The opening view (see :mod:`geomap.render.view`): ``None``/``"events"`` fits every
        event precise to a town or near one (geo-precision 1-2; all located events when none
        is), ``"all"`` every located event, ``"W,S,E,N"`` a box, any other text a place name
        from the gazetteer. Country- and province-level events are drawn in their own layer,
        shown at first only when no event is more precise.
    context
        Whether to draw the Turkey–Syria border strip (with its panel section) and the camps,
        detention sites and border crossings. ``None`` (default): only when an event lies in
        that region (:func:`in_context_region`), so a map of Sudan or Ukraine has none of them.
    tiles, attribution
        An XYZ tile URL (``https://.../{z}/{x}/{y}.png``) with its attribution text, or the name
        of an online layer (``OpenStreetMap``, ``CARTO light``): offered as a base layer and
        shown first; it needs a network to view, the offline basemap stays one click away.
    min_confidence
        Leave out events whose ``confidence`` is below this (0-1); events that carry no
        confidence (GeoJSON from other tools) are kept. The panel says how many were left out.
    buffer
        One strip or several to draw along a border or a line, each ``BORDER_OR_GEOJSON:KM``
        (``"SD-SS:20"``: 20 km on both sides of the Sudan–South Sudan border; ``"TR-SY:30:SY"``:
        the Syrian side only; ``"roads.geojson:5"``: along every line of a GeoJSON file); see
        :mod:`geomap.render.strips`. Each is its own legended layer, with the events inside it.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` or ``.save(path)``.

    Raises
    ------
    geomap.errors.InputError
        The events or places cannot be read as GeoJSON.
    geomap.errors.ConfigurationError
        A bad option value (``view``, ``tiles``, ``min_confidence``, ``buffer``), in one line.
    """
    strips = make_strips(buffer)
    feats = load_events(events)
    dropped = 0
    if min_confidence is not None:
        threshold = _number(min_confidence, -1.0)
        if not 0.0 <= threshold <= 1.0:
            raise ConfigurationError(
                f"min_confidence must be a number from 0 to 1, got {min_confidence!r}"
            )
        kept = confident(feats, threshold)
        dropped, feats = len(feats) - len(kept), kept
    if context is None:
        context = in_context_region(feats)
    zone = buffer_zone(buffer_km, buffer_lon_range) if buffer_km and context else None
    rows, strings, types, regions, shift = _event_rows(feats, zone)
    place_rows, place_strings = _place_rows(places) if places is not None else ([], [])
    title = title or "geomap: events"
    boxes, event_countries = _detail_boxes(feats)
    base = geodata.basemap_layers(boxes, event_countries)
    located = [r for r in rows if r[0] is not None]
    precise = [r for r in located if r[6] < 3]
    bounds, view_kind = opening_bounds(
        [(r[0], r[1]) for r in precise], [(r[0], r[1]) for r in located], view
    )
    dated = [r for r in rows if r[3] is not None]
    payload: dict[str, Any] = {
        "v": 1,
        "title": title,
        "S": strings,
        "types": types,
        "E": rows,
        "regions": regions,
        "P": place_rows,
        "PS": place_strings,
        "base": base if context else {**base, "sites": []},
        "buffer": None,
        "bounds": bounds,
        "view": view_kind,
        "regionsOn": not precise,
        "shift": shift,
        "time": [min(r[3] for r in dated), max(r[4] for r in dated)] if dated else None,
        "tiles": tile_layers(tiles, attribution, offline=offline),
        "counts": {"events": len(rows), "located": len(located), "precise": len(precise)},
        "minConfidence": None if min_confidence is None else float(min_confidence),
        "belowConfidence": dropped,
        "strips": [],
    }
    if strips:
        lons = [r[0] - 360.0 if shift and r[0] is not None and r[0] > 180 else r[0] for r in rows]
        lats = [r[1] for r in rows]
        payload["strips"] = strip_payload(
            strips,
            [[int(i) for i in np.flatnonzero(inside_mask(lons, lats, s.area))] for s in strips],
        )
    if zone is not None:
        payload["buffer"] = {
            "g": geodata.simplified(zone, 0.002, 4),
            "km": float(buffer_km or 0),
            "lon": [float(v) for v in buffer_lon_range],
            "n": sum(r[9] for r in rows),
        }
    (s, w), (n, e) = payload["bounds"]
    m = OfflineMap(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=6,
        tiles=None,
        max_zoom=18,
        maxZoom=18,
        control_scale=True,
        prefer_canvas=False,
    )
    GeomapLayers(payload, title).add_to(m)
    return m


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file; returns the path."""
    out = Path(path)
    try:
        m.save(str(out))
    except OSError as exc:
        raise ExportError(f"cannot write map to {out}: {exc.strerror or exc}") from exc
    return out
