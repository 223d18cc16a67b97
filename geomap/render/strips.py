"""Strips of a given width along any border or line (``geomap map --buffer SPEC``).

A spec is ``BORDER_OR_GEOJSON:KM``:

* ``TR-SY:30`` — 30 km on both sides of the border between two countries (ISO 3166-1 alpha-2
  codes, in any order), taken from the shipped country outlines (the digitised Turkey–Syria,
  Iraq–Syria and Iraq–Turkey lines where shipped);
* ``TR-SY:30:SY`` — the same strip on one side only (the side of the country named last);
* ``lines.geojson:15`` — 15 km on both sides of every LineString or MultiLineString (and every
  polygon's outline) of a GeoJSON file in EPSG:4326.

The buffer is computed in metres, never in degrees: each part of the line is projected to the
UTM zone of its own centre (``geopandas``' ``estimate_utm_crs``), buffered, projected back and the
parts are merged, so a strip along a long border is as wide at both ends.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, shape
from shapely.geometry.base import BaseGeometry

from ..errors import ConfigurationError
from .geodata import border_lines, country_names, country_shapes

#: Largest strip width accepted, in km (either side).
MAX_KM = 500.0
#: How close (degrees, about 2 km) one country's outline must run to the other's to count as
#: their common border (the shipped outlines are generalised separately and do not share
#: vertices exactly).
BORDER_TOLERANCE_DEG = 0.02

SPEC_HELP = (
    "BORDER:KM (two country codes, e.g. TR-SY:30, optionally :SIDE, e.g. TR-SY:30:SY) "
    "or FILE.geojson:KM"
)


@dataclass(frozen=True)
class Strip:
    """A strip to draw: its label, width, the line it follows and its area (EPSG:4326)."""

    name: str
    km: float
    line: BaseGeometry
    area: BaseGeometry
    side: str | None = None


def _bad(spec: str, why: str) -> ConfigurationError:
    return ConfigurationError(f"--buffer {spec!r}: {why}; expected {SPEC_HELP}")


def parse_spec(spec: str) -> tuple[str, float, str | None]:
    """``(border or path, km, side)`` from a spec, checked for form only.

    >>> parse_spec("TR-SY:30")
    ('SY|TR', 30.0, None)
    >>> parse_spec("sd-ss:12.5:SS")
    ('SD|SS', 12.5, 'SS')
    >>> parse_spec("rivers/nile.geojson:5")
    ('rivers/nile.geojson', 5.0, None)
    >>> parse_spec("TR-SY")
    Traceback (most recent call last):
    geomap.errors.ConfigurationError: --buffer 'TR-SY': no width in km; expected ...
    """
    if not isinstance(spec, str) or not spec.strip():
        raise _bad(str(spec), "empty")
    text = spec.strip()
    side = None
    m = re.match(r"^(.*):([A-Za-z]{2})$", text)
    if m and re.match(r"^[A-Za-z]{2}-[A-Za-z]{2}:", m.group(1)):
        text, side = m.group(1), m.group(2).upper()
    where, sep, km_text = text.rpartition(":")
    if not sep or not where:
        raise _bad(spec, "no width in km")
    try:
        km = float(km_text)
    except ValueError:
        raise _bad(spec, f"the width {km_text!r} is not a number of km") from None
    if not 0 < km <= MAX_KM:
        raise _bad(spec, f"the width must be more than 0 and at most {MAX_KM:g} km, got {km:g}")
    pair = re.match(r"^([A-Za-z]{2})-([A-Za-z]{2})$", where)
    if pair:
        a, b = sorted((pair.group(1).upper(), pair.group(2).upper()))
        if a == b:
            raise _bad(spec, f"a border needs two different countries, got {a} twice")
        if side is not None and side not in (a, b):
            raise _bad(spec, f"the side {side} is neither {a} nor {b}")
        return f"{a}|{b}", km, side
    if side is not None:
        raise _bad(spec, "a side is given only after a border of two countries")
    if not where.lower().endswith((".geojson", ".json")):
        raise _bad(spec, f"{where!r} is neither two country codes (TR-SY) nor a .geojson file")
    return where, km, None


@lru_cache(maxsize=64)
def border_line(pair: str) -> BaseGeometry:
    """The border between two countries (``"SY|TR"``, sorted codes) as (multi)lines in lon/lat.

    >>> border_line("SD|SS").length > 15   # degrees: Sudan and South Sudan share ~2,000 km
    True
    """
    digitised = border_lines().get(pair)
    if digitised is not None:
        return digitised
    a, b = pair.split("|")
    shapes = country_shapes()
    names = country_names()
    for code in (a, b):
        if code not in shapes:
            raise ConfigurationError(
                f"--buffer: no country with the code {code!r} in the shipped outlines "
                f"(ISO 3166-1 alpha-2 codes such as SY, TR, SD)"
            )
    ga, gb = shapely.make_valid(shapes[a]), shapely.make_valid(shapes[b])
    line = ga.boundary.intersection(gb.buffer(BORDER_TOLERANCE_DEG))
    line = shapely.line_merge(_lines_only(line)) if not line.is_empty else line
    if line.is_empty or line.length < 0.05:
        raise ConfigurationError(
            f"--buffer: {names.get(a, a)} ({a}) and {names.get(b, b)} ({b}) share no land border "
            "in the shipped outlines"
        )
    return line


def _lines_only(geom: BaseGeometry) -> BaseGeometry:
    parts: list[LineString] = []
    for g in getattr(geom, "geoms", [geom]):
        if isinstance(g, LineString) and g.length > 0:
            parts.append(g)
        elif isinstance(g, MultiLineString):
            parts.extend(p for p in g.geoms if p.length > 0)
        elif g.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
            parts.extend(_lines_only(g.boundary if "Polygon" in g.geom_type else g).geoms)
    return MultiLineString(parts)


def file_lines(path: str) -> BaseGeometry:
    """Every line (and polygon outline) of a GeoJSON file, as one MultiLineString."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"--buffer: cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ConfigurationError(f"--buffer: {path} is not GeoJSON: {exc}") from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        geoms = [f.get("geometry") for f in data.get("features") or [] if isinstance(f, dict)]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        geoms = [data.get("geometry")]
    else:
        geoms = [data]
    parts: list[BaseGeometry] = []
    for g in geoms:
        if not isinstance(g, dict) or not g.get("type"):
            continue
        try:
            parts.append(shape(g))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise ConfigurationError(f"--buffer: {path} has a bad geometry: {exc}") from exc
    line = _lines_only(shapely.GeometryCollection(parts)) if parts else MultiLineString()
    if line.is_empty:
        raise ConfigurationError(f"--buffer: {path} holds no line or polygon to draw a strip along")
    minx, miny, maxx, maxy = line.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise ConfigurationError(
            f"--buffer: {path} has coordinates outside longitude/latitude degrees "
            "(GeoJSON must be in EPSG:4326)"
        )
    return line


def metric_buffer(line: BaseGeometry, km: float) -> BaseGeometry:
    """``line`` widened by ``km`` on both sides, computed in metres: each part is buffered in
    the UTM zone of its own centre, then the parts are merged in lon/lat.

    >>> from shapely.geometry import LineString
    >>> strip = metric_buffer(LineString([(30, 60), (31, 60)]), 10)
    >>> round((strip.bounds[3] - 60) * 111.2)     # 10 km north, not 10 degrees nor 5 km
    10
    """
    import geopandas as gpd

    parts = [p for p in getattr(line, "geoms", [line]) if not p.is_empty]
    pieces: list[BaseGeometry] = []
    for part in parts:
        for piece in _segments(part):
            gs = gpd.GeoSeries([piece], crs=4326)
            utm = gs.estimate_utm_crs()
            pieces.append(gs.to_crs(utm).buffer(km * 1000.0, quad_segs=8).to_crs(4326).iloc[0])
    return shapely.make_valid(shapely.union_all(pieces))


def _segments(line: BaseGeometry, max_deg: float = 6.0) -> list[BaseGeometry]:
    """A long line cut into runs no wider than about one UTM zone, so each is buffered in its
    own zone (UTM's scale error grows away from a zone's centre)."""
    minx, _, maxx, _ = line.bounds
    if maxx - minx <= max_deg or not isinstance(line, LineString):
        return [line]
    coords = list(line.coords)
    out, run = [], [coords[0]]
    lo = hi = coords[0][0]
    for pt in coords[1:]:
        run.append(pt)
        lo, hi = min(lo, pt[0]), max(hi, pt[0])
        if hi - lo > max_deg:
            out.append(LineString(run))
            run = [pt]
            lo = hi = pt[0]
    if len(run) > 1:
        out.append(LineString(run))
    return out


def make_strip(spec: str) -> Strip:
    """The strip a spec asks for (see the module docstring).

    Raises
    ------
    geomap.errors.ConfigurationError
        A bad spec, an unknown country, two countries without a common border, or a file that
        cannot be read or holds no line; the message is one line.
    """
    where, km, side = parse_spec(spec)
    if re.fullmatch(r"[A-Z]{2}\|[A-Z]{2}", where):
        line = border_line(where)
        names = country_names()
        a, b = where.split("|")
        name = f"{names.get(a, a)}–{names.get(b, b)} border"
        area = metric_buffer(line, km)
        if side is not None:
            other = b if side == a else a
            area = shapely.make_valid(area.difference(shapely.make_valid(country_shapes()[other])))
            name += f", {names.get(side, side)} side"
        return Strip(name=name, km=km, line=line, area=area, side=side)
    line = file_lines(where)
    return Strip(name=Path(where).name, km=km, line=line, area=metric_buffer(line, km))


def make_strips(specs: str | Strip | Sequence[str | Strip] | None) -> list[Strip]:
    """:func:`make_strip` for one spec or several (``None``: none); a :class:`Strip` made
    before is kept as it is."""
    if specs is None:
        return []
    if isinstance(specs, str | Strip):
        specs = [specs]
    return [s if isinstance(s, Strip) else make_strip(s) for s in specs]


def strip_payload(strips: Sequence[Strip], inside: Sequence[Any]) -> list[dict[str, Any]]:
    """The strips as the map page reads them: name, width, outline and the events inside."""
    from .geodata import simplified

    return [
        {"n": s.name, "km": s.km, "g": simplified(s.area, 0.003, 3), "e": list(idx)}
        for s, idx in zip(strips, inside, strict=True)
    ]
