#!/usr/bin/env python3
"""Write ``gazetteer/geometry/admin1_world.geojson``: first-level units of the whole world.

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

Usage (from the repo root)::

    python gazetteer/recipe/build_admin1_world.py --qgis-common /tmp/qc --out gazetteer
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import unicodedata

import geopandas as gpd
import shapely
from shapely.geometry import mapping

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
    ap.add_argument("--qgis-common", required=True, help="dir where qgis-common was unpacked")
    ap.add_argument("--out", default="gazetteer")
    a = ap.parse_args(argv)
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
        geom = shapely.make_valid(r.geometry)
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": r.name if isinstance(r.name, str) else None, "cc": cc, "code": code},
                "geometry": {**mapping(geom), "coordinates": rounded(mapping(geom)["coordinates"])},
            }
        )
    feats.sort(key=lambda f: (f["properties"]["cc"] or "~", f["properties"]["name"] or ""))
    path = os.path.join(a.out, "geometry", "admin1_world.geojson")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats))
        fh.write("\n]}\n")
    print(f"{path}: {len(feats)} units, {matched} with a GeoNames code, "
          f"{os.path.getsize(path) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
