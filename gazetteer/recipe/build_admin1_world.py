#!/usr/bin/env python3
"""Write ``gazetteer/geometry/admin1_world.geojson.gz``: first-level units of the whole world.

Offline and re-runnable; reads one registry package, unpacked by hand:

* Debian ``qgis-common`` 3.22.16+dfsg-1 (Debian bookworm):
      apt-get download qgis-common && dpkg-deb -x qgis-common_*.deb <qc>
  uses ``<qc>/usr/share/qgis/resources/data/world_map.gpkg`` layer ``states_provinces``:
  Natural Earth 1:10m admin-1 states and provinces (v4.1.0, generalised by QGIS), 4,556
  polygons. Natural Earth is public domain ("Made with Natural Earth").

and ``gazetteer/admin1.tsv`` (GeoNames admin1 codes and names, CC BY 4.0) to give each unit its
GeoNames code where one matches (the FIPS code Natural Earth carries, else the name).

Each feature: ``name`` (Natural Earth's), ``cc`` (ISO 3166-1 alpha-2 of the country as GeoNames
files it: Northern Cyprus under CY, Somaliland under SO, Kosovo XK...), ``code`` (GeoNames
``CC.NN`` or null). Coordinates rounded to 3 decimals (about 100 m); the polygons keep the
shared edges of the source, so a province's outline meets its neighbours' and the coast.

Size: the polygons are simplified as one coverage (``shapely.coverage_simplify``, GEOS's
Visvalingam-Whyatt simplifier for polygons that share edges: a shared edge is simplified once,
the same way for both of its sides, so neighbours keep meeting without gaps or overlaps, which a
polygon-by-polygon simplification would not give) with tolerance :data:`TOLERANCE`, and the file
is stored gzipped (``geomap.render.geodata.read_geojson`` reads ``.geojson.gz``). Without this
the file was 7.3 MB; with it 1.5 MB (5.3 MB unzipped), with 0.02 deg (about 2 km) as the median
of the units' largest displacement (Hausdorff distance), under a pixel or two at the zooms at
which provinces are drawn (names from zoom 7, about 1.2 km a pixel).

Usage (from the repo root)::

    python gazetteer/recipe/build_admin1_world.py --qgis-common /tmp/qc --out gazetteer

or, to simplify and compress an unsimplified output of this recipe (a ``.geojson`` written by
it before the simplification step, as in the repository's history)::

    python gazetteer/recipe/build_admin1_world.py --from-geojson old.geojson --out gazetteer
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
import sys
import unicodedata

import geopandas as gpd
import shapely
from shapely.geometry import mapping, shape

#: Natural Earth admin-0 units without an ISO code, filed where GeoNames files them.
NO_ISO = {
    "SOL": "SO",  # Somaliland
    "CYN": "CY",  # Northern Cyprus
    "ESB": "CY",  # Dhekelia (British base on Cyprus)
    "WSB": "CY",  # Akrotiri
    "KAS": "IN",  # Siachen Glacier
    "KAB": "KZ",  # Baikonur lease
    "USG": "CU",  # Guantanamo Bay naval base
    "IOA": "AU",  # Indian Ocean Territories (Christmas and Cocos Islands)
    "CLP": "FR",  # Clipperton Island
    "PGA": None,  # Spratly Islands (disputed): drawn, never filed
}


#: ``shapely.coverage_simplify`` tolerance, in degrees.
TOLERANCE = 0.03


def polygonal(geom):
    """The polygons of ``geom`` (``make_valid`` can give a collection) as a MultiPolygon."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for g in parts for q in shapely.get_parts(g)]
    return shapely.MultiPolygon(polys)


def simplify_and_write(feats, path):
    """Simplify the features' polygons as one coverage, round, write gzipped GeoJSON."""
    geoms = shapely.coverage_simplify([shape(f["geometry"]) for f in feats], TOLERANCE)
    lines = []
    for f, geom in zip(feats, geoms):
        g = {**mapping(geom), "coordinates": rounded(mapping(geom)["coordinates"])}
        lines.append(json.dumps({**f, "geometry": g}, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(path, "wb") as fh:  # mtime 0: the same bytes on every run
        fh.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def rounded(coords, nd=3):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], nd), round(coords[1], nd)]
    return [rounded(c, nd) for c in coords]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--qgis-common", help="dir where qgis-common was unpacked")
    ap.add_argument("--from-geojson", help="an unsimplified admin1_world.geojson of this recipe")
    ap.add_argument("--out", default="gazetteer")
    a = ap.parse_args(argv)
    path = os.path.join(a.out, "geometry", "admin1_world.geojson.gz")
    if a.from_geojson:
        with open(a.from_geojson, encoding="utf-8") as fh:
            feats = json.load(fh)["features"]
        simplify_and_write(feats, path)
        print(f"{path}: {len(feats)} units, {os.path.getsize(path) / 1e6:.2f} MB")
        return 0
    if not a.qgis_common:
        ap.error("give --qgis-common or --from-geojson")
    gpkg = os.path.join(a.qgis_common, "usr/share/qgis/resources/data/world_map.gpkg")
    st = gpd.read_file(gpkg, layer="states_provinces")

    codes, by_name = set(), {}
    with open(os.path.join(a.out, "admin1.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            codes.add(row["code"])
            for n in [row["name"], *row["alt_names"].split("|")]:
                if n:
                    by_name.setdefault((row["country_code"], norm(n)), row["code"])

    feats, matched = [], 0
    for r in st.itertuples():
        cc = r.iso_a2 if isinstance(r.iso_a2, str) and r.iso_a2 != "-1" else NO_ISO.get(r.adm0_a3)
        code = None
        if cc and isinstance(r.fips, str) and len(r.fips) > 2 and f"{cc}.{r.fips[2:]}" in codes:
            code = f"{cc}.{r.fips[2:]}"
        for n in (r.name, r.gn_name, r.woe_name):
            if code is None and cc and isinstance(n, str):
                code = by_name.get((cc, norm(n)))
        matched += code is not None
        geom = polygonal(shapely.make_valid(r.geometry))
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": r.name if isinstance(r.name, str) else None, "cc": cc, "code": code},
                "geometry": {**mapping(geom), "coordinates": rounded(mapping(geom)["coordinates"])},
            }
        )
    feats.sort(key=lambda f: (f["properties"]["cc"] or "~", f["properties"]["name"] or ""))
    simplify_and_write(feats, path)
    print(f"{path}: {len(feats)} units, {matched} with a GeoNames code, "
          f"{os.path.getsize(path) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
