"""Bring-your-own gazetteer data: GeoNames dumps, CSV and GeoJSON place lists.

``geomap gazetteer import PATH...`` adds places to the user's store (``user.sqlite`` in the geomap
home directory), which every later search uses next to the built-in index. Supported inputs:

* GeoNames ``geoname`` tables (``SY.txt``, ``cities500.txt``, ``allCountries.txt``; plain or
  zipped);
* ``admin1CodesASCII.txt`` (admin-1 names) and ``alternateNamesV2.txt`` / ``alternateNames.txt``
  (extra names for places in the same import or earlier imports);
* a CSV place list with a header: ``name`` and ``lon``/``longitude`` and ``lat``/``latitude``
  required; ``id``, ``kind``, ``country_code``, ``admin1_code``, ``population``, ``alt_names``
  (``|``-separated) and ``radius_km`` optional;
* a GeoJSON FeatureCollection of points whose properties carry the same fields.

Malformed rows are skipped and reported with their file and line number; every row is counted.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GazetteerError, ImportFormatError
from ..types import Place
from .build import city_kind, split_names
from .store import PLACE_COLUMNS, StoreWriter, writing

#: GeoNames feature codes → geomap kinds (feature codes not listed fall back to their class).
FEATURE_KINDS = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLF": "country",
    "PCLS": "country",
    "PCL": "country",
    "ADM1": "admin1",
    "STM": "river",
    "STMI": "river",
    "LK": "lake",
    "RSV": "lake",
    "CMPRF": "camp",
    "CMP": "camp",
    "PRN": "prison",
    "AIRP": "airport",
    "AIRF": "airport",
    "DAM": "dam",
    "MILB": "military_base",
    "INSM": "military_base",
    "PSTB": "border_crossing",
    "RGN": "region",
    "AREA": "region",
    "OILF": "oil_field",
    "GASF": "oil_field",
    "ISL": "island",
    "ISLS": "island",
    "MTS": "mountains",
    "MT": "mountain",
    "PK": "mountain",
    "VLC": "mountain",
    "DSRT": "desert",
    "SEA": "sea",
    "OCN": "sea",
    "GULF": "sea",
    "STRT": "strait",
}
CLASS_KINDS = {
    "A": "admin_area",
    "H": "water",
    "L": "area",
    "R": "road",
    "S": "site",
    "T": "terrain",
    "U": "undersea",
    "V": "vegetation",
}
SKIPPED_ALT_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793", "abbr"}
MAX_PROBLEMS_SHOWN = 20


@dataclass
class ImportReport:
    """What one import did: rows read, places added, rows skipped and why."""

    path: str
    kind: str
    rows: int = 0
    added: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def problem(self, lineno: int, message: str) -> None:
        """Count a skipped row and remember why."""
        self.skipped += 1
        self.problems.append(f"{self.path}:{lineno}: {message}")

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.path}: {self.kind}, {self.rows:,} rows, {self.added:,} added, "
            f"{self.skipped:,} skipped"
        )


def detect_format(path: Path) -> str:
    """Name the kind of a file to import, or raise ImportFormatError."""
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("alternatenames"):
        return "alternate_names"
    if name.endswith((".geojson", ".json")):
        return "geojson"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".txt", ".zip", ".tsv")):
        return "geonames"
    raise ImportFormatError(
        f"{path}: unknown file type; expected a GeoNames dump (.txt/.zip), admin1CodesASCII.txt, "
        "alternateNamesV2.txt, a .csv or a .geojson place list"
    )


def _open_text(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a text file or of the data member of a zip, with line numbers; UTF-8 checked."""
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file")
    if not path.is_file():
        raise ImportFormatError(f"{path}: not a regular file")
    raw: io.BufferedIOBase
    lineno = 0
    try:
        if zipfile.is_zipfile(path):
            zf = zipfile.ZipFile(path)
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise ImportFormatError(f"{path}: the zip holds no .txt data file")
            raw = zf.open(members[0])  # type: ignore[assignment]
        elif path.suffix.lower() == ".zip":
            raise ImportFormatError(f"{path}: not a valid zip file (corrupt or truncated)")
        else:
            raw = path.open("rb")
        with raw:
            for lineno, line in enumerate(raw, start=1):
                try:
                    yield lineno, line.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    raise ImportFormatError(
                        f"{path}:{lineno}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                        "GeoNames dumps and place lists must be UTF-8"
                    ) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        # the zip's directory was readable but its data is damaged (bad CRC, truncated...)
        raise ImportFormatError(
            f"{path}: damaged zip data after line {lineno} ({exc}); download it again"
        ) from exc


def _geonames_place(fields: list[str]) -> tuple[Place, list[str]]:
    fclass, fcode = fields[6], fields[7]
    pop = int(fields[14] or 0)
    kind = FEATURE_KINDS.get(fcode) or (
        city_kind(pop, fcode) if fclass == "P" else CLASS_KINDS.get(fclass, "place")
    )
    cc, a1 = fields[8], fields[10]
    place = Place(
        place_id=f"geonames:{int(fields[0])}",
        name=fields[1],
        lon=float(fields[5]),
        lat=float(fields[4]),
        kind=kind,
        feature_code=fcode,
        country_code=cc,
        admin1_code=f"{cc}.{a1}" if cc and a1 else "",
        population=pop,
        radius_km=50.0 if kind == "admin1" else 2.0,
        source=f"user-geonames:{fields[0]}",
    )
    _check_coords(place.lon, place.lat)
    names = [fields[2], *fields[3].split(",")] if fields[3] else [fields[2]]
    return place, names


def _check_coords(lon: float, lat: float) -> None:
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"coordinates out of range (lon {lon}, lat {lat})")


def _import_geonames(path: Path, w: StoreWriter, report: ImportReport) -> None:
    for lineno, line in _open_text(path):
        if not line.strip() or line.startswith("#"):
            continue
        report.rows += 1
        fields = line.split("\t")
        if len(fields) != 19:
            report.problem(lineno, f"expected 19 tab-separated GeoNames columns, got {len(fields)}")
            continue
        try:
            place, names = _geonames_place(fields)
        except ValueError as exc:
            report.problem(lineno, f"bad value: {exc}")
            continue
        w.add_place(place, names)
        report.added += 1


def _import_admin1(path: Path, w: StoreWriter, report: ImportReport) -> None:
    for lineno, line in _open_text(path):
        if not line.strip():
            continue
        report.rows += 1
        fields = line.split("\t")
        if len(fields) < 2 or "." not in fields[0]:
            report.problem(lineno, "expected 'CC.CODE<TAB>name...'")
            continue
        w.add_admin1(fields[0], fields[1])
        report.added += 1


def _import_alternate_names(path: Path, w: StoreWriter, report: ImportReport) -> None:
    for lineno, line in _open_text(path):
        if not line.strip():
            continue
        report.rows += 1
        fields = line.split("\t")
        if len(fields) < 4 or not fields[1].isdigit():
            report.problem(lineno, "expected alternateNameId, geonameid, isolanguage, name")
            continue
        if fields[2] in SKIPPED_ALT_LANGS:
            report.skipped += 1
            continue
        pid = w.pid_of(f"geonames:{fields[1]}")
        if pid is None:
            report.problem(lineno, f"geonameid {fields[1]} is not among the imported places")
            continue
        w.add_names(pid, [fields[3]])
        report.added += 1


def _record_place(rec: dict[str, object], source: str, fallback_id: str) -> tuple[Place, list[str]]:
    def text(*keys: str) -> str:
        for k in keys:
            v = rec.get(k)
            if v not in (None, ""):
                return str(v).strip()
        return ""

    name = text("name")
    if not name:
        raise ValueError("no name")
    lon, lat = float(text("lon", "longitude", "lng", "x")), float(text("lat", "latitude", "y"))
    _check_coords(lon, lat)
    pid = text("id", "place_id") or fallback_id
    if ":" not in pid:
        pid = f"user:{source}:{pid}"
    place = Place(
        place_id=pid,
        name=name,
        lon=lon,
        lat=lat,
        kind=text("kind") or "place",
        country_code=text("country_code", "country").upper()[:2],
        admin1_code=text("admin1_code", "admin1"),
        population=int(float(text("population") or 0)),
        radius_km=float(text("radius_km") or 1.0),
        source=f"user:{source}",
    )
    return place, split_names(text("alt_names", "alternatenames"))


def _import_csv(path: Path, w: StoreWriter, report: ImportReport) -> None:
    lines = (line for _, line in _open_text(path))
    reader = csv.DictReader(lines)
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise ImportFormatError(f"{path}: a CSV place list needs a header with a 'name' column")
    for row in reader:
        report.rows += 1
        lineno = reader.line_num
        try:
            place, names = _record_place(dict(row), path.stem, f"{path.stem}-{lineno}")
        except ValueError as exc:
            report.problem(lineno, f"bad row: {exc}")
            continue
        w.add_place(place, names)
        report.added += 1


def _import_geojson(path: Path, w: StoreWriter, report: ImportReport) -> None:
    text = "\n".join(line for _, line in _open_text(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFormatError(f"{path}: expected a GeoJSON FeatureCollection")
    for i, feat in enumerate(data.get("features") or [], start=1):
        report.rows += 1
        try:
            geom = feat.get("geometry") or {}
            if geom.get("type") != "Point":
                raise ValueError(f"geometry is {geom.get('type')!r}, not a Point")
            props = dict(feat.get("properties") or {})
            props["lon"], props["lat"] = geom["coordinates"][:2]
            if feat.get("id") is not None and "id" not in props:
                props["id"] = feat["id"]
            place, names = _record_place(props, path.stem, f"{path.stem}-{i}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            report.problem(i, f"feature {i}: {exc}")
            continue
        w.add_place(place, names)
        report.added += 1


IMPORTERS = {
    "geonames": _import_geonames,
    "admin1": _import_admin1,
    "alternate_names": _import_alternate_names,
    "csv": _import_csv,
    "geojson": _import_geojson,
}
_ORDER = {"geonames": 0, "csv": 0, "geojson": 0, "admin1": 1, "alternate_names": 2}


def _copy_existing(src: Path, w: StoreWriter) -> list[str]:
    """Carry the places, names and admin-1 names of an earlier user store into a new one.

    Returns the earlier store's list of imported files.
    """
    db = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        return _copy_rows(db, w)
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(
            f"{src}: the earlier imports cannot be read ({exc}); move the file away to start over"
        ) from exc
    finally:
        db.close()


def _copy_rows(db: sqlite3.Connection, w: StoreWriter) -> list[str]:
    rows = db.execute(f"SELECT pid, {PLACE_COLUMNS} FROM places").fetchall()
    names: dict[int, list[str]] = {}
    for pid, name in db.execute("SELECT pid, name FROM names WHERE is_primary = 0"):
        names.setdefault(pid, []).append(name)
    for row in rows:
        (pid, place_id, name, lon, lat, kind, fcode, cc, a1, pop, radius, source, wkt) = row
        place = Place(place_id, name, lon, lat, kind, cc, a1, "", pop, fcode, radius, source, wkt)
        w.add_place(place, names.get(pid, []))
    for code, name in db.execute("SELECT code, name FROM admin1"):
        w.add_admin1(code, name)
    row = db.execute("SELECT v FROM meta WHERE k = 'sources'").fetchone()
    try:
        sources = json.loads(row[0]) if row else []
    except ValueError:
        sources = []
    return [str(s) for s in sources] if isinstance(sources, list) else []


def import_files(paths: Iterable[str | Path], store_path: Path) -> list[ImportReport]:
    """Import files into the user store at ``store_path`` (kept: earlier imports stay)."""
    files = [Path(p) for p in paths]
    if not files:
        raise ImportFormatError("no files to import")
    kinds = {f: detect_format(f) for f in files}
    for f in files:
        if not f.exists():
            raise ImportFormatError(f"{f}: no such file")
    reports: list[ImportReport] = []
    earlier: list[str] = []
    with writing(store_path) as w:
        if store_path.exists():
            earlier = _copy_existing(store_path, w)
        for f in sorted(files, key=lambda f: _ORDER[kinds[f]]):
            report = ImportReport(str(f), kinds[f])
            IMPORTERS[kinds[f]](f, w, report)
            reports.append(report)
        # every file imported so far, not only this run's (their places are all kept)
        paths = [str(Path(r.path).resolve()) for r in reports]
        w.set_meta("sources", json.dumps(list(dict.fromkeys([*earlier, *paths]))))
    return reports
