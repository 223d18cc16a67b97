"""Reading event and place inputs into plain GeoJSON Feature dicts, with clear errors.

Accepted: an RFC 7946 FeatureCollection dict (what ``EventCollection.to_geojson()`` produces), a
single Feature, a list of Features, a GeoDataFrame, any object with a ``to_geojson()`` method, a
JSON string, or a path to a ``.geojson``/``.json`` file. Anything else, or malformed GeoJSON,
raises :class:`geomap.errors.InputError` naming what was wrong and where.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

from ..documents import MAX_JSON_DEPTH, json_record_problem
from ..errors import InputError

Feature = dict[str, Any]


def _read_path(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text, cannot read it as GeoJSON") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return _parse_json(text, str(path))


def _parse_json(text: str, where: str) -> Any:
    if not text.strip():
        raise InputError(f"{where}: empty, expected a GeoJSON FeatureCollection")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}: not valid GeoJSON (JSON error at line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg})"
        ) from exc
    except RecursionError:
        raise InputError(
            f"{where}: not usable GeoJSON (nested more than {MAX_JSON_DEPTH} levels deep)"
        ) from None


def _to_plain(obj: Any, where: str) -> Any:
    """GeoDataFrame / to_geojson() / path / JSON text → parsed JSON value."""
    if obj is None:
        return {"type": "FeatureCollection", "features": []}
    if isinstance(obj, dict | list):
        return obj
    if isinstance(obj, os.PathLike):
        return _read_path(Path(obj))
    if isinstance(obj, str):
        if obj.lstrip().startswith(("{", "[")):
            return _parse_json(obj, where)
        return _read_path(Path(obj))
    try:
        import geopandas as gpd
    except ImportError:  # pragma: no cover - geopandas is a dependency
        gpd = None
    if gpd is not None and isinstance(obj, gpd.GeoDataFrame):
        gdf = obj
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs(4326)
        return json.loads(gdf.to_json(na="null", drop_id=True, default=str))
    to_geojson = getattr(obj, "to_geojson", None)
    if callable(to_geojson):
        return _to_plain(to_geojson(), where)
    raise InputError(
        f"{where}: cannot read {type(obj).__name__!s} as events; expected a GeoJSON "
        f"FeatureCollection dict, a GeoDataFrame, an object with to_geojson() or a .geojson path"
    )


def load_features(obj: Any, what: str = "events") -> list[Feature]:
    """The Features of ``obj`` as dicts with ``geometry`` (dict or None) and ``properties``."""
    data = _to_plain(obj, what)
    if isinstance(data, dict):
        kind = data.get("type")
        if kind == "FeatureCollection":
            feats = data.get("features")
            if not isinstance(feats, list):
                raise InputError(f"{what}: FeatureCollection has no 'features' list")
        elif kind == "Feature":
            feats = [data]
        else:
            raise InputError(
                f"{what}: expected a GeoJSON FeatureCollection, got an object with type {kind!r}"
            )
    elif isinstance(data, list):
        feats = data
    else:
        raise InputError(f"{what}: expected a GeoJSON FeatureCollection, got {type(data).__name__}")
    out = []
    for i, feat in enumerate(feats):
        if not isinstance(feat, dict) or feat.get("type", "Feature") != "Feature":
            raise InputError(f"{what}: feature {i} is not a GeoJSON Feature: {str(feat)[:80]!r}")
        problem = json_record_problem(feat)
        if problem is not None:
            raise InputError(f"{what}: feature {i}: {problem}")
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            raise InputError(f"{what}: feature {i} has properties that are not an object")
        geom = feat.get("geometry")
        _check_geometry(geom, f"{what}: feature {i}")
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    return out


def load_events(events: Any) -> list[Feature]:
    """The event Features of any accepted input (see the module docstring)."""
    return load_features(events, "events")


def _check_geometry(geom: Any, where: str) -> None:
    if geom is None:
        return
    if not isinstance(geom, dict) or "type" not in geom:
        raise InputError(f"{where}: geometry must be a GeoJSON geometry object or null")
    if geom["type"] == "Point":
        c = geom.get("coordinates")
        if not (isinstance(c, list | tuple) and len(c) >= 2):
            raise InputError(f"{where}: Point needs [lon, lat] coordinates, got {c!r}")
        try:
            lon, lat = float(c[0]), float(c[1])
        except (TypeError, ValueError) as exc:
            raise InputError(f"{where}: Point coordinates are not numbers: {c!r}") from exc
        if not (
            math.isfinite(lon) and math.isfinite(lat) and -90 <= lat <= 90 and -540 <= lon <= 540
        ):
            raise InputError(
                f"{where}: Point [{c[0]!r}, {c[1]!r}] is not a [lon, lat] pair in degrees"
            )


def feature_lonlat(feat: Feature) -> tuple[float, float] | None:
    """``(lon, lat)`` of a Feature: its Point, or the representative point of another geometry.

    Longitudes are normalised to [-180, 180). Missing or empty geometry gives ``None``.
    """
    geom = feat.get("geometry")
    if not geom:
        return None
    if geom.get("type") == "Point":
        lon, lat = float(geom["coordinates"][0]), float(geom["coordinates"][1])
    else:
        from shapely.geometry import shape

        try:
            g = shape(geom)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise InputError(f"cannot read geometry {str(geom)[:80]!r}: {exc}") from exc
        if g.is_empty:
            return None
        p = g.representative_point()
        lon, lat = p.x, p.y
    lon = ((lon + 180.0) % 360.0) - 180.0
    return lon, lat


# -- dates --------------------------------------------------------------------------------------

_EPOCH = dt.date(1970, 1, 1)
PRECISIONS = ("day", "week", "month", "year")


def date_span(value: Any, precision: Any = None) -> tuple[int, int, str] | None:
    """``(first_day, last_day, label)`` covered by an event date, days counted from 1970-01-01.

    A month-precision date spans its whole month, a year its year, a week its ISO week (Monday to
    Sunday). The precision defaults to what the date string gives. ``None`` for missing or
    unreadable dates.

    >>> date_span("2019-10", "month")[2], date_span("2019-10")[1] - date_span("2019-10")[0]
    ('October 2019', 30)
    >>> date_span("2019-10-09", "day")[2]
    '9 October 2019'
    >>> date_span("2019-10-09", "week")[2]
    'week of 7 October 2019'
    >>> date_span(None) is None, date_span("soon") is None
    (True, True)
    """
    if value is None:
        return None
    text = str(value).strip()[:10]
    parts = text.split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 3:
            day = dt.date(*nums)
        elif len(nums) == 2:
            day = dt.date(nums[0], nums[1], 1)
        elif len(nums) == 1 and len(parts[0]) == 4:
            day = dt.date(nums[0], 1, 1)
        else:
            return None
    except (ValueError, TypeError):
        return None
    given = {3: "day", 2: "month", 1: "year"}[len(nums)]
    prec = str(precision).lower() if precision else given
    if prec not in PRECISIONS:
        prec = given
    if PRECISIONS.index(prec) < PRECISIONS.index(given) and given != "day":
        prec = given  # "2019-10" with precision "day" is still only a month
    if prec == "day":
        first = last = day
        label = f"{day.day} {day:%B %Y}"
    elif prec == "week":
        first = day - dt.timedelta(days=day.weekday())
        last = first + dt.timedelta(days=6)
        label = f"week of {first.day} {first:%B %Y}"
    elif prec == "month":
        first = day.replace(day=1)
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        label = f"{day:%B %Y}"
    else:
        first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        label = str(day.year)
    return (first - _EPOCH).days, (last - _EPOCH).days, label
