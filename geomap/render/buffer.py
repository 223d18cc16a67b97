"""The Turkey–Syria border strip ("buffer zone" / "safe zone") and the events inside it.

The strip is measured from the digitised Turkey–Syria border line shipped in
``gazetteer/geometry/borders_sy_tr_iq.geojson``, in a metric projection (UTM zone 37N,
EPSG:32637), on the Syrian (south) side, then clipped to a longitude range and back-projected to
lon/lat (EPSG:4326).

Why the border line and not the Syria polygon: at Natural Earth scales the Syria outline runs a
kilometre or more south of the real border, which puts Tal Abyad and Ras al-Ain in Turkey. The
digitised border line is closer but still ~0.5 km off in places (Tal Abyad lies 0.45 km north of
it), so the strip also reaches ``border_tolerance_km`` (default 1 km) north of the line. Akçakale,
the Turkish town 1.5 km north of Tal Abyad, stays outside. The Iraqi side at the eastern end is cut
away with Iraq's outline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from ..errors import ConfigurationError
from .geodata import border_lines, country_shapes

DEFAULT_DEPTH_KM = 30.0
#: Longitudes of the strip Turkey proposed in 2019 (Jarabulus/Euphrates to the Iraqi border).
DEFAULT_LON_RANGE = (37.0, 42.4)
DEFAULT_BORDER_TOLERANCE_KM = 1.0
METRIC_CRS = "EPSG:32637"


def _project(geom: BaseGeometry, src: str, dst: str) -> BaseGeometry:
    from pyproj import Transformer

    tr = Transformer.from_crs(src, dst, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def buffer_zone(
    depth_km: float = DEFAULT_DEPTH_KM,
    lon_range: Sequence[float] = DEFAULT_LON_RANGE,
    *,
    border_tolerance_km: float = DEFAULT_BORDER_TOLERANCE_KM,
) -> Polygon | MultiPolygon:
    """The strip ``depth_km`` deep on the Syrian side of the Turkey–Syria border, in EPSG:4326.

    Parameters
    ----------
    depth_km
        Depth of the strip south of the border line, in kilometres (> 0).
    lon_range
        ``(west, east)`` longitudes the strip is clipped to.
    border_tolerance_km
        How far north of the digitised border line the strip reaches, to absorb the line's error.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> zone = buffer_zone()
    >>> zone.contains(Point(38.954, 36.697)), zone.contains(Point(38.948, 36.711))
    (True, False)
    """
    try:
        depth = float(depth_km)
        west, east = (float(v) for v in lon_range)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(
            f"buffer zone needs a number of km and a (west, east) longitude pair, "
            f"got depth_km={depth_km!r}, lon_range={lon_range!r}"
        ) from exc
    if not 0 < depth <= 500:
        raise ConfigurationError(f"buffer depth must be between 0 and 500 km, got {depth_km!r}")
    if not -180 <= west < east <= 180:
        raise ConfigurationError(
            f"lon_range must be (west, east) with west < east, got {lon_range!r}"
        )
    line = border_lines()["SY|TR"]  # digitised east → west, so "left" is south (Syria)
    metric = _project(line, "EPSG:4326", METRIC_CRS)
    # single-sided buffers of a wiggly line can self-intersect: make them valid before the union
    south = shapely.make_valid(metric.buffer(depth * 1000.0, single_sided=True))
    strip = south
    if border_tolerance_km > 0:
        north = shapely.make_valid(metric.buffer(-border_tolerance_km * 1000.0, single_sided=True))
        strip = south.union(north)
    zone = shapely.make_valid(_project(strip, METRIC_CRS, "EPSG:4326"))
    iraq = country_shapes().get("IQ")
    if iraq is not None:
        zone = zone.difference(shapely.make_valid(iraq))
    zone = zone.intersection(box(west, -90.0, east, 90.0))
    zone = shapely.make_valid(zone)
    if isinstance(zone, Polygon | MultiPolygon):
        return zone
    polys = [g for g in getattr(zone, "geoms", []) if isinstance(g, Polygon)]
    return MultiPolygon(polys)


def inside_mask(
    lons: Iterable[float | None], lats: Iterable[float | None], zone: BaseGeometry
) -> np.ndarray:
    """Boolean array: which (lon, lat) pairs fall inside ``zone`` (missing coordinates: False)."""
    x = np.array([np.nan if v is None else v for v in lons], dtype=float)
    y = np.array([np.nan if v is None else v for v in lats], dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    out = np.zeros(len(x), dtype=bool)
    if ok.any():
        shapely.prepare(zone)
        out[ok] = shapely.contains_xy(zone, x[ok], y[ok])
    return out


#: The strip lies on the Syrian side: an event whose gazetteer record is in another country
#: (Akçakale, Ceylanpınar, Nusaybin across the line) is never counted inside it, whatever the
#: generalised border geometry says.
ZONE_COUNTRY = "SY"


def country_allows(codes: Iterable[Any]) -> np.ndarray:
    """Boolean array: events whose country code is the zone's, or unknown (decided by geometry)."""
    return np.array(
        [not isinstance(c, str) or not c or c == ZONE_COUNTRY for c in codes], dtype=bool
    )


def events_in_buffer(
    events: Any,
    zone: BaseGeometry | None = None,
    *,
    depth_km: float = DEFAULT_DEPTH_KM,
    lon_range: Sequence[float] = DEFAULT_LON_RANGE,
) -> Any:
    """The events whose point lies inside the buffer zone and whose country is Syria (or unknown).

    ``events`` is anything :func:`geomap.render.load_events` reads (FeatureCollection dict, list of
    features, GeoDataFrame, object with ``to_geojson()``, path). A GeoDataFrame gives back a
    GeoDataFrame (the matching rows); everything else a list of GeoJSON Feature dicts.
    ``zone`` defaults to ``buffer_zone(depth_km, lon_range)``.
    """
    if zone is None:
        zone = buffer_zone(depth_km, lon_range)
    try:
        import geopandas as gpd
    except ImportError:  # pragma: no cover - geopandas is a dependency
        gpd = None
    if gpd is not None and isinstance(events, gpd.GeoDataFrame):
        gdf = events if events.crs is None or events.crs.to_epsg() == 4326 else events.to_crs(4326)
        pts = gdf.geometry
        valid = pts.notna() & ~pts.is_empty
        mask = np.zeros(len(gdf), dtype=bool)
        if valid.any():
            shapely.prepare(zone)
            mask[valid.to_numpy()] = shapely.contains(zone, pts[valid].to_numpy())
        if "country_code" in gdf.columns:
            mask &= country_allows(gdf["country_code"])
        return events[mask]
    from .inputs import feature_lonlat, load_events

    feats = load_events(events)
    coords = [feature_lonlat(f) for f in feats]
    mask = inside_mask(
        [c[0] if c else None for c in coords], [c[1] if c else None for c in coords], zone
    ) & country_allows((f.get("properties") or {}).get("country_code") for f in feats)
    return [f for f, m in zip(feats, mask, strict=True) if m]
