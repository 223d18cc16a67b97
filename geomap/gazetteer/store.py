"""SQLite storage of gazetteer records and their name keys.

One file holds one set of places (the built-in default index, or the user's imports). Opening is
cheap (no data is loaded up front), so a ``geomap geocode`` process answers quickly; lookups go
through indexed ``names.key`` / ``names.fold`` columns.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteerError
from ..types import Place
from .normalize import fold, has_arabic, name_key

SCHEMA = """
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    place_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    kind TEXT NOT NULL,
    feature_code TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    admin1_code TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL DEFAULT 0,
    radius_km REAL NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    geometry_wkt TEXT NOT NULL DEFAULT ''
);
CREATE TABLE names (
    key TEXT NOT NULL,
    fold TEXT NOT NULL,
    pid INTEGER NOT NULL,
    name TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0,
    UNIQUE (pid, name)
);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE demonyms (key TEXT NOT NULL, country_code TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE region_demonyms (key TEXT NOT NULL, place_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_fold ON names(fold);
CREATE INDEX IF NOT EXISTS demonyms_key ON demonyms(key);
CREATE INDEX IF NOT EXISTS region_demonyms_key ON region_demonyms(key);
"""
#: Hash functions of the filter of name keys (see :class:`KeyFilter`).
KEY_FILTER_HASHES = 5
#: The largest filter, in bits: its KEY_FILTER_HASHES positions of 25 bits each are slices of
#: one 128-bit digest.
KEY_FILTER_MAX_BITS = 1 << 25
#: Bits of the filter per distinct key, before rounding up to a power of two (the default
#: index's 710,000 keys get 2**24 bits, 2 MiB: a key it lacks passes 1 time in 4,000).
KEY_FILTER_BITS_PER_KEY = 16


class KeyFilter:
    """Whether a store may hold a name key: a Bloom filter of its keys, built when the store is
    written (:meth:`StoreWriter.commit`) and read with it, so that the recogniser asks the
    database only for keys the store may have. Most keys it asks are no name (a capitalised
    word or run: "He", "President Donald"); it is never wrong about a key the store has.

    An Aho-Corasick automaton of the keys (pyahocorasick), saved at build time, was measured
    first: loading it took 0.7 CPU-s per process, more than all the key look-ups of 300
    documents; a pickled set of the keys 0.15 s. The filter loads in milliseconds.
    """

    __slots__ = ("_bits", "_mask", "_width")

    def __init__(self, bits: bytes) -> None:
        self._bits = bits
        self._mask = len(bits) * 8 - 1
        self._width = self._mask.bit_length()

    @staticmethod
    def size_for(keys: int) -> int:
        """Bytes of the filter for that many keys (a power of two from 128 bytes to 4 MiB)."""
        bits = 1024
        while bits < keys * KEY_FILTER_BITS_PER_KEY and bits < KEY_FILTER_MAX_BITS:
            bits *= 2
        return bits // 8

    @staticmethod
    def _hash(key: str) -> int:
        """128 bits of a key's BLAKE2b digest (the same in every process, unlike ``hash``);
        each of the filter's positions is a slice of them."""
        return int.from_bytes(
            hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest(), "little"
        )

    @classmethod
    def positions(cls, key: str, mask: int) -> list[int]:
        """The bits of a key in a filter of ``mask + 1`` bits."""
        h, width = cls._hash(key), mask.bit_length()
        return [(h >> (width * i)) & mask for i in range(KEY_FILTER_HASHES)]

    @classmethod
    def build(cls, keys: Iterable[str], count: int) -> KeyFilter:
        """The filter of ``keys`` (``count`` of them)."""
        bits = bytearray(cls.size_for(count))
        mask = len(bits) * 8 - 1
        positions = cls.positions
        for key in keys:
            for pos in positions(key, mask):
                bits[pos >> 3] |= 1 << (pos & 7)
        return cls(bytes(bits))

    def may_have(self, key: str) -> bool:
        """False when the store surely lacks ``key`` (most keys asked are told at the first or
        second bit)."""
        bits, mask, width = self._bits, self._mask, self._width
        h = self._hash(key)
        for _ in range(KEY_FILTER_HASHES):
            pos = h & mask
            if not bits[pos >> 3] >> (pos & 7) & 1:
                return False
            h >>= width
        return True

    def to_bytes(self) -> bytes:
        return self._bits


PLACE_COLUMNS = (
    "place_id, name, lon, lat, kind, feature_code, country_code, admin1_code, population, "
    "radius_km, source, geometry_wkt"
)
#: The same columns of the places table aliased ``p`` in a join.
_PLACE_COLUMNS_OF_P = ", ".join(f"p.{c.strip()}" for c in PLACE_COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class NameHit:
    """A stored name that matched a key: the place row id, the name as stored, and whether it is
    primary (the record's own name or a curated alias) rather than an alternate."""

    pid: int
    name: str
    is_primary: bool


#: Marks of GeoNames alternate names that are no name news would write: a reconstructed or
#: historical form ("Pala *" for Santa Fe, "*Arthilis-husun", "Virteburh [a. 704]"), a link, a
#: district code ("Klagenfurt 11.Bez.:St. Ruprecht"), a romanisation joined by "=" or "_".
_NOT_A_NAME_RE = re.compile(r"[*\[\]=:_]")


_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")


def _usable_name(name: str) -> bool:
    """Latin- or Arabic-script names are indexed; other scripts, and GeoNames' reconstructed,
    dated or coded forms, are left out of the keys."""
    if not name or len(name) > 200 or _NOT_A_NAME_RE.search(name):
        return False
    if name.isascii():  # most names: usable if they have a letter (as below, only faster)
        return _ASCII_LETTER_RE.search(name) is not None
    if has_arabic(name):
        return True
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


#: Other spellings of a word of a name, each a pattern and its replacement: a French or Dutch
#: particle that American place names write both apart and joined to the next word ("De Kalb" /
#: "DeKalb", "Du Page" / "DuPage"); "St." and "Ste." written out ("St. Bernard Parish" is
#: "Saint Bernard Parish"), not the other way ("St. Patrick's Day" is no parish of Grenada);
#: "Mount" and "Fort" and their short forms ("Mount Vernon" / "Mt. Vernon", "Ft. Worth"); the
#: Somali "Ceel" apart and joined ("Ceel Buur" / "Ceelbuur").
_SPELLINGS = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\b(De|Du|La|Le|Des|Van) (?=[A-Z][a-z])", r"\1"),
        (r"\b(De|Du|La|Le|Des|Van)(?=[A-Z][a-z])", r"\1 "),
        # Somali "Ceel" ("well", Arabic el-), written apart and joined: Ceel Buur / Ceelbuur
        (r"\bCeel (?=[A-Z][a-z])", "Ceel"),
        (r"\bCeel(?=[a-z]{3})", "Ceel "),
        (r"\bSt\.? (?=[A-Z])", "Saint "),
        (r"\bSte\.? (?=[A-Z])", "Sainte "),
        (r"\bMt\.? (?=[A-Z])", "Mount "),
        (r"\bMount (?=[A-Z])", "Mt. "),
        (r"\bFt\.? (?=[A-Z])", "Fort "),
        (r"\bFort (?=[A-Z])", "Ft. "),
    )
)


#: A word every pattern of _SPELLINGS starts with: a name without one has no other spelling
#: (one search instead of eight substitutions, for the 1.1 million names of a build).
_SPELLING_HINT_RE = re.compile(r"\b(?:De|Du|La|Le|Des|Van|St|Mt|Mount|Ft|Fort|Ceel)")


def other_spellings(name: str) -> list[str]:
    """The other ways news write a name's particles and short forms: "De Soto Parish" is also
    "DeSoto Parish", "DuPage County" also "Du Page County", "St. Louis County" also "Saint Louis
    County".

    >>> other_spellings("De Soto Parish"), other_spellings("DuPage County")
    (['DeSoto Parish'], ['Du Page County'])
    >>> other_spellings("Mount Vernon"), other_spellings("Rio de Janeiro")
    (['Mt. Vernon'], [])
    >>> other_spellings("Ceelbuur"), other_spellings("Ceel Dheer")
    (['Ceel buur'], ['CeelDheer'])
    """
    if _SPELLING_HINT_RE.search(name) is None:
        return []
    out = []
    for pattern, repl in _SPELLINGS:
        other = pattern.sub(repl, name)
        if other != name:
            out.append(other)
    return out


class PlaceStore:
    """Read access to one gazetteer SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"gazetteer index {self.path} does not exist")
        try:
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._db.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer index {self.path} is unreadable: {exc}") from exc
        self._admin1: dict[str, str] | None = None
        self._country_rows: dict[str, Place] | None = None
        self._key_filter: KeyFilter | None = None
        self._key_filter_read = False

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    # -- metadata ---------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """All metadata rows (sources, counts, build version)."""
        return dict(self._db.execute("SELECT k, v FROM meta").fetchall())

    def count(self) -> int:
        """Number of places stored."""
        return int(self._db.execute("SELECT COUNT(*) FROM places").fetchone()[0])

    def admin1_names(self) -> dict[str, str]:
        """Admin-1 code (``SY.07``) → name."""
        if self._admin1 is None:
            self._admin1 = dict(self._db.execute("SELECT code, name FROM admin1").fetchall())
        return self._admin1

    def use_admin1_names(self, names: dict[str, str]) -> None:
        """Resolve admin-1 codes with this table (shared between the stores of a gazetteer)."""
        self._admin1 = names

    def country_codes(self) -> set[str]:
        """Country codes that have at least one place here."""
        rows = self._db.execute("SELECT DISTINCT country_code FROM places").fetchall()
        return {r[0] for r in rows if r[0]}

    # -- lookups ----------------------------------------------------------------------------
    def by_key(self, key: str) -> list[NameHit]:
        """Names whose normalised key equals ``key``."""
        rows = self._db.execute(
            "SELECT pid, name, is_primary FROM names WHERE key = ?", (key,)
        ).fetchall()
        return [NameHit(r[0], r[1], bool(r[2])) for r in rows]

    def hits_and_places(self, key: str) -> tuple[list[NameHit], dict[int, Place]]:
        """``by_key(key)`` and ``places`` of its hits, in one query (a name's candidates are
        read once per process: the first reading of a corpus makes some 3,000)."""
        rows = self._db.execute(
            f"SELECT n.pid, n.name, n.is_primary, {_PLACE_COLUMNS_OF_P} FROM names AS n "
            "JOIN places AS p ON p.pid = n.pid WHERE n.key = ? ORDER BY n.rowid",
            (key,),
        ).fetchall()
        admin1 = self.admin1_names()
        places: dict[int, Place] = {}
        for row in rows:
            if row[0] not in places:
                places[row[0]] = _row_to_place(row[3:], admin1)
        return [NameHit(r[0], r[1], bool(r[2])) for r in rows], places

    def has_key(self, key: str) -> bool:
        """Whether any name has the normalised key ``key`` (``bool(by_key(key))``), asking the
        database only when the store's :class:`KeyFilter` says it may."""
        if not self.may_have_key(key):
            return False
        row = self._db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
        return row is not None

    def may_have_key(self, key: str) -> bool:
        """False when the store surely lacks the normalised key ``key`` (its :class:`KeyFilter`
        says so, without a query); True when it may have it."""
        if not self._key_filter_read:
            self._key_filter, self._key_filter_read = self._read_key_filter(), True
        return self._key_filter is None or self._key_filter.may_have(key)

    def _read_key_filter(self) -> KeyFilter | None:
        """The store's key filter (None in a store written before there was one)."""
        try:
            row = self._db.execute("SELECT bits FROM key_filter").fetchone()
        except sqlite3.OperationalError:
            return None
        return KeyFilter(bytes(row[0])) if row else None

    def by_fold(self, folded: str) -> list[NameHit]:
        """Names whose fold (spelling up to case/accents/punctuation) equals ``folded``."""
        rows = self._db.execute(
            "SELECT pid, name, is_primary FROM names WHERE fold = ?", (folded,)
        ).fetchall()
        return [NameHit(r[0], r[1], bool(r[2])) for r in rows]

    def keys_with_prefix(self, prefix: str, limit: int = 100_000) -> list[str]:
        """Distinct keys starting with ``prefix`` (for fuzzy matching)."""
        rows = self._db.execute(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? LIMIT ?",
            (prefix, prefix + "\uffff", limit),
        ).fetchall()
        return [r[0] for r in rows]

    def demonym(self, key: str) -> list[str]:
        """Country codes for which ``key`` is a demonym ("syrian" → ["SY"])."""
        rows = self._db.execute(
            "SELECT country_code FROM demonyms WHERE key = ?", (key,)
        ).fetchall()
        return [r[0] for r in rows]

    def region_demonym(self, key: str) -> list[str]:
        """Place ids of the regions for which ``key`` is a demonym ("kurdish" → Kurdistan);
        none in an index built before regions had demonyms."""
        try:
            rows = self._db.execute(
                "SELECT place_id FROM region_demonyms WHERE key = ?", (key,)
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    def places(self, pids: Iterable[int]) -> dict[int, Place]:
        """Place records by row id."""
        ids = list(dict.fromkeys(pids))
        out: dict[int, Place] = {}
        admin1 = self.admin1_names()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT pid, {PLACE_COLUMNS} FROM places WHERE pid IN ({marks})", chunk
            ):
                out[row[0]] = _row_to_place(row[1:], admin1)
        return out

    def country(self, code: str) -> Place | None:
        """The country record with this ISO alpha-2 code (the most populous one if a store
        holds several), or None. All are read in one pass the first time: the places table has
        no index on kind, so one query per code scanned it each time (17 ms)."""
        if self._country_rows is None:
            admin1 = self.admin1_names()
            rows = self._db.execute(
                f"SELECT {PLACE_COLUMNS} FROM places WHERE kind = 'country' "
                "ORDER BY population, place_id"
            )
            self._country_rows = {}
            for row in rows:
                place = _row_to_place(row, admin1)
                self._country_rows[place.country_code] = place  # the largest comes last
        return self._country_rows.get(code)

    def place_by_id(self, place_id: str) -> Place | None:
        """The record with this ``place_id``, or None."""
        row = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE place_id = ?", (place_id,)
        ).fetchone()
        return _row_to_place(row, self.admin1_names()) if row else None

    def iter_places(self) -> Iterator[Place]:
        """Every record (used by reverse geocoding and exports)."""
        admin1 = self.admin1_names()
        for row in self._db.execute(f"SELECT {PLACE_COLUMNS} FROM places"):
            yield _row_to_place(row, admin1)

    def iter_keys(self) -> Iterator[tuple[str, int]]:
        """(key, number of places under it) for every distinct key (for the text matcher)."""
        yield from self._db.execute("SELECT key, COUNT(*) FROM names GROUP BY key")

    def iter_demonym_keys(self) -> Iterator[str]:
        """Every demonym key, of countries and of regions."""
        for (key,) in self._db.execute("SELECT DISTINCT key FROM demonyms"):
            yield key
        try:
            rows = self._db.execute("SELECT DISTINCT key FROM region_demonyms").fetchall()
        except sqlite3.OperationalError:  # an index built before regions had demonyms
            rows = []
        for (key,) in rows:
            yield key

    def outlined_regions(self) -> list[Place]:
        """The named regions that carry an outline ("northeast Syria", "the safe zone")."""
        rows = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE kind = 'region' AND geometry_wkt != ''"
        ).fetchall()
        admin1 = self.admin1_names()
        return [_row_to_place(r, admin1) for r in rows]

    def nearest(self, lon: float, lat: float, radius_deg: float = 1.0) -> list[Place]:
        """Point places within a lon/lat box around a point (refined by the caller)."""
        rows = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
            (lon - radius_deg, lon + radius_deg, lat - radius_deg, lat + radius_deg),
        ).fetchall()
        admin1 = self.admin1_names()
        return [_row_to_place(r, admin1) for r in rows]


def _row_to_place(row: tuple, admin1: dict[str, str]) -> Place:
    (place_id, name, lon, lat, kind, fcode, cc, a1, pop, radius, source, wkt) = row
    return Place(
        place_id=place_id,
        name=name,
        lon=lon,
        lat=lat,
        kind=kind,
        feature_code=fcode,
        country_code=cc,
        admin1_code=a1,
        admin1_name=admin1.get(a1, ""),
        population=pop or 0,
        radius_km=radius or 0.0,
        source=source,
        geometry_wkt=wkt,
    )


class StoreWriter:
    """Writes a new gazetteer file atomically (a temporary file renamed into place)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        self._db = sqlite3.connect(self._tmp)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self._next_pid = 1
        self._place_ids: dict[str, int] = {}
        self._name_rows: list[tuple[str, str, int, str, int]] = []  # written in batches

    def has(self, place_id: str) -> bool:
        """Whether a place with this id was already added."""
        return place_id in self._place_ids

    def pid_of(self, place_id: str) -> int | None:
        """Row id of an added place."""
        return self._place_ids.get(place_id)

    def add_place(self, place: Place, names: Iterable[str]) -> int:
        """Add a record and its names (the record's own name is always indexed as primary)."""
        if place.place_id in self._place_ids:
            pid = self._place_ids[place.place_id]
            self.add_names(pid, names)
            return pid
        pid = self._next_pid
        self._next_pid += 1
        self._place_ids[place.place_id] = pid
        self._db.execute(
            f"INSERT INTO places (pid, {PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                pid,
                place.place_id,
                place.name,
                place.lon,
                place.lat,
                place.kind,
                place.feature_code,
                place.country_code,
                place.admin1_code,
                place.population,
                place.radius_km,
                place.source,
                place.geometry_wkt,
            ),
        )
        self.add_names(pid, [place.name], primary=True)
        self.add_names(pid, names)
        return pid

    def add_names(self, pid: int, names: Iterable[str], *, primary: bool = False) -> None:
        """Index extra names for a place row; ``primary`` names (the record's own name, a
        curated alias) stay primary when the same name was indexed before as an alternate."""
        rows = []
        for written in names:
            written = written.strip()
            if not _usable_name(written):
                continue
            for name in (written, *other_spellings(written)):
                key = name_key(name)
                if key:
                    rows.append((key, fold(name), pid, name, int(primary)))
        self._name_rows += rows
        if len(self._name_rows) >= 50_000:
            self._flush_names()

    def _flush_names(self) -> None:
        """Insert the names added so far, in the order they were added."""
        self._db.executemany(
            "INSERT INTO names VALUES (?,?,?,?,?) ON CONFLICT (pid, name) DO UPDATE "
            "SET is_primary = MAX(is_primary, excluded.is_primary)",
            self._name_rows,
        )
        self._name_rows = []

    def add_admin1(self, code: str, name: str) -> None:
        """Record an admin-1 code's name."""
        self._db.execute("INSERT OR REPLACE INTO admin1 VALUES (?, ?)", (code, name))

    def add_demonym(self, name: str, country_code: str) -> None:
        """Record a demonym ("Syrian") for a country."""
        key = name_key(name)
        if key:
            self._db.execute("INSERT INTO demonyms VALUES (?,?,?)", (key, country_code, name))

    def add_region_demonym(self, name: str, place_id: str) -> None:
        """Record a demonym of a region that is no country ("Kurdish" for Kurdistan)."""
        key = name_key(name)
        if key:
            self._db.execute("INSERT INTO region_demonyms VALUES (?,?,?)", (key, place_id, name))

    def add_words(self, rows: Iterable[tuple[str, float, bool]]) -> None:
        """Store English word data: (lower-case word, Zipf frequency, in the dictionary)."""
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, zipf REAL NOT NULL, "
            "dictionary INTEGER NOT NULL) WITHOUT ROWID"
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO words VALUES (?,?,?)", ((w, z, int(d)) for w, z, d in rows)
        )

    def set_meta(self, key: str, value: str) -> None:
        """Store one metadata value."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def commit(self) -> Path:
        """Create indexes, close and move the file into place."""
        self._flush_names()
        self._db.executescript(INDEXES)
        count = self._db.execute("SELECT COUNT(DISTINCT key) FROM names").fetchone()[0]
        keys = (k for (k,) in self._db.execute("SELECT DISTINCT key FROM names"))
        bits = KeyFilter.build(keys, count).to_bytes()
        self._db.execute("CREATE TABLE key_filter (bits BLOB NOT NULL)")
        self._db.execute("INSERT INTO key_filter VALUES (?)", (bits,))
        self._db.commit()
        self._db.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Throw the half-written file away."""
        self._db.close()
        self._tmp.unlink(missing_ok=True)


@contextmanager
def writing(path: Path) -> Iterator[StoreWriter]:
    """Context manager that commits on success and removes the temporary file on error."""
    writer = StoreWriter(path)
    try:
        yield writer
    except BaseException:
        writer.abort()
        raise
    writer.commit()
