"""The offline gazetteer: ranked, transliteration-aware place lookups.

>>> from geomap.gazetteer import default_gazetteer
>>> best = default_gazetteer().search("Dayr az-Zawr", country="SY")[0]  # doctest: +SKIP
>>> best.place.name  # doctest: +SKIP
'Deir ez-Zor'

Search escalates: the exact spelling (up to case, accents and punctuation), then the normalised
key (articles, spelling families, phonetic fold), then fuzzy matching (rapidfuzz) over keys that
share the first letters. Every answer is a :class:`~geomap.types.Candidate` whose score combines
how well the name matched with a prior from the kind of place and its population; ties stay
visible (``"Tripoli"`` returns the Libyan and the Lebanese city).
"""

from __future__ import annotations

import fcntl
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import ConfigurationError, InputError
from ..types import Candidate, Place
from .build import build_default_index, default_index_path, home_dir
from .normalize import APOSTROPHE_RE, ARTICLES, clean, fold, name_key
from .store import NameHit, PlaceStore

__all__ = ["Gazetteer", "default_gazetteer", "user_index_path", "validate_name"]

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 300
KEY_CACHE_SIZE = 50_000
#: Weight of log10(population) / 7 in a candidate's prior.
POPULATION_WEIGHT = 0.3
#: A place's own name beats an alternate name it shares ("Paris", Tennessee, over a town once
#: called Paris).
PRIMARY_BONUS = 0.05
#: Match score by how a name matched, before PRIMARY_BONUS (a fuzzy one is scaled by similarity).
MATCH_SCORES = {"exact": 1.0, "normalized": 0.85, "fuzzy": 0.6}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

#: Prior for a kind of place, before population (a country outranks a village of the same name).
KIND_PRIOR = {
    "continent": 0.6,
    "sea": 0.35,
    "strait": 0.3,
    "canal": 0.25,
    "desert": 0.3,
    "island": 0.35,
    "mountains": 0.35,
    "mountain": 0.2,
    "country": 0.55,
    "admin1": 0.45,
    "admin2": 0.3,
    "region": 0.35,
    "river": 0.30,
    "lake": 0.25,
    "city": 0.20,
    "camp": 0.20,
    "border_crossing": 0.15,
    "prison": 0.15,
    "dam": 0.15,
    "military_base": 0.15,
    "airport": 0.15,
    "oil_field": 0.12,
    "town": 0.10,
    "village": 0.05,
    "neighbourhood": 0.0,
    "historical": -0.1,
}
FEATURE_PRIOR = {"PPLC": 0.15, "PPLA": 0.08, "PPLG": 0.05, "PPLA2": 0.03}
#: GeoNames population 0 means "unknown", not "empty": many admin seats (Ras al-Ain, Tal Afar)
#: have it. For ranking only, such places count with the median known population of their
#: feature code in cities500, so they are not outranked by any hamlet of the same name.
POPULATION_IF_UNKNOWN = {
    "PPLC": 650_000,
    "PPLA": 56_000,
    "PPLA2": 7_500,
    "PPLA3": 1_400,
    "PPLA4": 1_600,
}
#: Countries where a name written with an Arabic article ("al-Hol", "ash-Shaddadi") is at home.
ARABIC_ARTICLE_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "JO",
        "LB",
        "PS",
        "IL",
        "SA",
        "YE",
        "OM",
        "AE",
        "QA",
        "BH",
        "KW",
        "EG",
        "LY",
        "TN",
        "DZ",
        "MA",
        "MR",
        "SD",
        "EH",
        "TD",
        "DJ",
        "SO",
        "KM",
    ]
)
ARABIC_ARTICLE_BONUS = 0.25
#: A name written exactly as stored, diacritics included ("Dêrik" is the Kurdish name of
#: al-Malikiyah; "Derik" is also the Turkish town), ranks a little above a mere same-fold match.
VERBATIM_BONUS = 0.05


def validate_name(name: object) -> str:
    """Check a place name given by a user and return it cleaned, or raise InputError.

    >>> validate_name("  Tal   Abyad ")
    'Tal Abyad'
    """
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(
            f"place name is {len(name):,} characters long; at most {MAX_NAME_CHARS} are accepted"
        )
    if _CONTROL_RE.search(name):
        raise InputError(f"place name {name[:40]!r} contains control characters")
    cleaned = clean(name)
    if not cleaned or not fold(cleaned):
        raise InputError(f"place name {name!r} is empty or has no letters")
    return cleaned


def user_index_path() -> Path:
    """Where ``geomap gazetteer import`` keeps imported places."""
    return home_dir() / "user.sqlite"


class Gazetteer:
    """Ranked place search over the default index plus the user's imports.

    Parameters
    ----------
    stores
        Place stores to search, in order; the default gazetteer uses the built-in index and, if
        present, the user's imported places.
    """

    def __init__(self, stores: Sequence[PlaceStore]) -> None:
        if not stores:
            raise ConfigurationError("a Gazetteer needs at least one place store")
        self.stores = list(stores)
        # Admin-1 names are shared: places imported without admin1CodesASCII.txt still get the
        # built-in names of their province codes (later stores' names win).
        admin1: dict[str, str] = {}
        for store in self.stores:
            admin1.update(store.admin1_names())
        for store in self.stores:
            store.use_admin1_names(admin1)
        self._countries: set[str] | None = None
        self._country_places: dict[str, Place | None] = {}
        self._outlined: list[Place] | None = None
        self._key_cache: dict[str, list[tuple[list[NameHit], dict[int, Place]]]] = {}
        self._cand_cache: dict[tuple[str, str, str], tuple[Candidate, ...]] = {}
        # demonym look-ups by key (every document asks some of the same again)
        self._demonym_countries: dict[str, tuple[str, ...]] = {}
        self._demonym_regions: dict[str, tuple[Place, ...]] = {}

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None, *, include_user: bool = True) -> Gazetteer:
        """Open the default index (building it first if needed) and the user's imports."""
        path = path or ensure_default_index()
        stores = [PlaceStore(path)]
        upath = user_index_path()
        if include_user and upath.exists():
            stores.append(PlaceStore(upath))
        return cls(stores)

    def close(self) -> None:
        """Close every store."""
        for store in self.stores:
            store.close()

    # -- facts ------------------------------------------------------------------------------
    def country_codes(self) -> set[str]:
        """ISO 3166-1 alpha-2 codes known to the gazetteer."""
        if self._countries is None:
            codes: set[str] = set()
            for store in self.stores:
                codes |= store.country_codes()
            self._countries = codes
        return self._countries

    def check_countries(self, codes: Iterable[str] | str | None) -> tuple[str, ...]:
        """Validate country codes (``"SY,TR"`` or a list) and return them upper-cased."""
        if codes is None:
            return ()
        if isinstance(codes, str):
            codes = codes.split(",")
        out = []
        known = self.country_codes()
        for code in codes:
            code = code.strip().upper()
            if not code:
                continue
            if code not in known:
                raise ConfigurationError(
                    f"unknown country code {code!r}: expected an ISO 3166-1 alpha-2 code such "
                    "as SY, TR or IQ"
                )
            out.append(code)
        return tuple(out)

    def get(self, place_id: str) -> Place | None:
        """The record with this id (``geonames:170794``, ``geomap:al-hol-camp``), or None."""
        for store in self.stores:
            place = store.place_by_id(place_id)
            if place is not None:
                return place
        return None

    def outlined_regions(self) -> list[Place]:
        """The named regions with an outline polygon, of every store (read once)."""
        if self._outlined is None:
            self._outlined = [p for store in self.stores for p in store.outlined_regions()]
        return self._outlined

    def country(self, code: str) -> Place | None:
        """The country record for an ISO alpha-2 code ("SY"), or None."""
        code = code.upper()
        if code not in self._country_places:
            found = None
            for store in self.stores:
                found = store.country(code)
                if found is not None:
                    break
            self._country_places[code] = found
        return self._country_places[code]

    def demonym_countries(self, word: str) -> list[str]:
        """Country codes for a demonym or adjective ("Syrian" → ["SY"])."""
        key = name_key(word)
        found = self._demonym_countries.get(key)
        if found is None:
            out: list[str] = []
            for store in self.stores:
                out += store.demonym(key)
            if len(self._demonym_countries) >= KEY_CACHE_SIZE:
                self._demonym_countries.clear()
            found = self._demonym_countries[key] = tuple(out)
        return list(found)

    def demonym_regions(self, word: str) -> list[Place]:
        """Regions that are no country for a demonym ("Kurdish" → Kurdistan, "Chechen" →
        Chechnya)."""
        key = name_key(word)
        found = self._demonym_regions.get(key)
        if found is None:
            out: list[Place] = []
            for store in self.stores:
                for place_id in store.region_demonym(key):
                    place = self.get(place_id)
                    if place is not None:
                        out.append(place)
            if len(self._demonym_regions) >= KEY_CACHE_SIZE:
                self._demonym_regions.clear()
            found = self._demonym_regions[key] = tuple(out)
        return list(found)

    # -- search -----------------------------------------------------------------------------
    def search(
        self,
        name: str,
        *,
        country: Iterable[str] | str | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Ranked candidates for a place name.

        Parameters
        ----------
        name
            The name as written ("Deir Ezzor", "Serêkaniyê", "دير الزور").
        country
            Keep only places in these countries (ISO alpha-2, list or comma-separated).
        limit
            Maximum number of candidates.
        fuzzy
            Fall back to fuzzy matching when no spelling or key matches.
        """
        name = validate_name(name)
        countries = set(self.check_countries(country))
        if limit < 1:
            raise ConfigurationError(f"limit must be at least 1, not {limit}")
        cands = self.candidates_for_key(name_key(name), fold(name), written=name)
        if not cands and fuzzy:
            cands = self._fuzzy(name)
        if has_arabic_article(name):
            cands = boost_arabic_world(cands)
        if countries:
            cands = [c for c in cands if c.place.country_code in countries]
        return cands[:limit]

    def candidates_for_key(
        self, key: str, folded: str = "", *, written: str = ""
    ) -> list[Candidate]:
        """Candidates for an already-normalised key (used by the text resolver).

        ``folded`` (the query's :func:`fold`) marks same-spelling hits as ``exact``; ``written``
        (the query as typed) gives a small bonus to a hit spelled verbatim, diacritics included.
        Results are cached: the same names come back in every document.
        """
        cached = self._cand_cache.get((key, folded, written))
        if cached is None:
            cached = tuple(self._score_key(key, folded, written))
            if len(self._cand_cache) >= KEY_CACHE_SIZE:
                self._cand_cache.clear()
            self._cand_cache[(key, folded, written)] = cached
        return list(cached)

    def _score_key(self, key: str, folded: str, written: str) -> list[Candidate]:
        out: dict[str, Candidate] = {}
        verbatim_query = _verbatim(written) if written else ""
        for hits, places in self._rows_for_key(key):
            best: dict[int, NameHit] = {}
            for hit in hits:
                prev = best.get(hit.pid)
                if prev is None or _hit_rank(hit, folded, verbatim_query) > _hit_rank(
                    prev, folded, verbatim_query
                ):
                    best[hit.pid] = hit
            for pid, hit in best.items():
                place = places[pid]
                exact = bool(folded) and fold(hit.name) == folded
                cand = score_candidate(
                    place, "exact" if exact else "normalized", hit.name, primary=hit.is_primary
                )
                if verbatim_query and _verbatim(hit.name) == verbatim_query:
                    features = {**cand.features, "verbatim": VERBATIM_BONUS}
                    cand = replace(cand, score=cand.score + VERBATIM_BONUS, features=features)
                if place.place_id not in out or out[place.place_id].score < cand.score:
                    out[place.place_id] = cand
        return sorted(out.values(), key=lambda c: (-c.score, c.place.place_id))

    def has_key(self, key: str) -> bool:
        """Whether some store has a name with the normalised key ``key``. The stores' key
        filters answer most keys that are no name without a query; the names and places of a
        key that may be one are read at once and kept, as its candidates are asked next."""
        rows = self._key_cache.get(key)
        if rows is None:
            if not any(store.may_have_key(key) for store in self.stores):
                return False
            rows = self._rows_for_key(key)
        return bool(rows)

    def _rows_for_key(self, key: str) -> list[tuple[list[NameHit], dict[int, Place]]]:
        """Name hits and their places per store, cached (keys repeat across documents)."""
        rows = self._key_cache.get(key)
        if rows is None:
            rows = []
            for store in self.stores:
                if not store.may_have_key(key):
                    continue
                hits, places = store.hits_and_places(key)
                if hits:
                    rows.append((hits, places))
            if len(self._key_cache) >= KEY_CACHE_SIZE:
                self._key_cache.clear()
            self._key_cache[key] = rows
        return rows

    def _fuzzy(self, name: str) -> list[Candidate]:
        key = name_key(name)
        if len(key) < 4:
            return []
        out: dict[str, Candidate] = {}
        for store in self.stores:
            keys = store.keys_with_prefix(key[:2])
            for match, ratio, _ in process.extract(
                key, keys, scorer=fuzz.ratio, limit=5, score_cutoff=85
            ):
                for cand in self.candidates_for_key(match):
                    fuzzy = score_candidate(
                        cand.place,
                        "fuzzy",
                        cand.matched_name,
                        primary=False,
                        similarity=ratio / 100,
                    )
                    # several near keys can lead to one place: keep it once, at its best
                    prev = out.get(fuzzy.place.place_id)
                    if prev is None or prev.score < fuzzy.score:
                        out[fuzzy.place.place_id] = fuzzy
        return sorted(out.values(), key=lambda c: (-c.score, c.place.place_id))

    def reverse(self, lon: float, lat: float, *, limit: int = 1) -> list[Candidate]:
        """Places nearest to a point (closest first), searched within about 100 km."""
        from geopy.distance import geodesic

        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InputError(f"({lon}, {lat}) is not a lon/lat point")
        found: list[tuple[float, Place]] = []
        for store in self.stores:
            for place in store.nearest(lon, lat, radius_deg=1.0):
                if place.is_area:
                    continue
                found.append((geodesic((lat, lon), (place.lat, place.lon)).km, place))
        found.sort(key=lambda t: (t[0], -t[1].population))
        return [
            Candidate(
                place=p,
                score=1.0 / (1.0 + d),
                match="reverse",
                matched_name=p.name,
                features={"distance_km": round(d, 3)},
            )
            for d, p in found[:limit]
        ]


def has_arabic_article(name: str) -> bool:
    """Whether a Latin-script name carries an Arabic article ("al-Hol", "Ras al Ain").

    >>> has_arabic_article("al-Hol"), has_arabic_article("Tal Abyad")
    (True, False)
    """
    tokens = fold(name).split()
    return any(t in ARTICLES for t in tokens[:-1])


def boost_arabic_world(cands: list[Candidate]) -> list[Candidate]:
    """Raise candidates in Arabic-speaking countries (for names written with an article)."""
    out = []
    for cand in cands:
        if cand.place.country_code in ARABIC_ARTICLE_COUNTRIES:
            features = {**cand.features, "arabic_article": ARABIC_ARTICLE_BONUS}
            cand = replace(cand, score=cand.score + ARABIC_ARTICLE_BONUS, features=features)
        out.append(cand)
    return sorted(out, key=lambda c: (-c.score, c.place.place_id))


def _hit_rank(hit: NameHit, folded: str, verbatim_query: str = "") -> tuple[int, int, int]:
    return (
        int(bool(folded) and fold(hit.name) == folded),
        int(bool(verbatim_query) and _verbatim(hit.name) == verbatim_query),
        int(hit.is_primary),
    )


def _verbatim(name: str) -> str:
    """A name up to case and punctuation, with its letters and diacritics kept as written."""
    text = APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", name).casefold())
    kept = "".join(
        ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else " " for ch in text
    )
    return " ".join(kept.split())


def score_candidate(
    place: Place, match: str, matched_name: str, *, primary: bool, similarity: float = 1.0
) -> Candidate:
    """Score a place for a name: how well it matched plus a kind/population prior."""
    match_score = MATCH_SCORES[match] * (similarity if match == "fuzzy" else 1.0)
    if primary and match != "fuzzy":
        match_score += PRIMARY_BONUS
    kind = KIND_PRIOR.get(place.kind, 0.1) + FEATURE_PRIOR.get(place.feature_code, 0.0)
    population = place.population or POPULATION_IF_UNKNOWN.get(place.feature_code, 0)
    pop = POPULATION_WEIGHT * min(1.0, math.log10(population + 1) / 7.0)
    features = {"match": round(match_score, 4), "kind": kind, "population": round(pop, 4)}
    return Candidate(
        place=place,
        score=match_score + kind + pop,
        match=match,
        matched_name=matched_name,
        features=features,
    )


def matched_primary_name(cand: Candidate) -> bool:
    """Whether ``cand`` matched by its place's own name or a curated alias, not by one of the
    alternate names (the PRIMARY_BONUS that :func:`score_candidate` adds tells)."""
    base = MATCH_SCORES.get(cand.match)  # None for a demonym's country
    return base is not None and cand.match != "fuzzy" and cand.features.get("match", 0.0) > base


_lock = threading.Lock()
_default: Gazetteer | None = None


def ensure_default_index(*, force: bool = False) -> Path:
    """Path of the default index, building it first (once, under a file lock) if needed.

    ``force`` builds it again even when it exists (``geomap gazetteer build --force``: a
    damaged index). Temporary files that a killed build left behind are removed.
    """
    path = default_index_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        remove_stale_temp_files(path)  # no build runs while we hold the lock
        if force or not path.exists():
            build_default_index(path)
            remove_stale_indexes(path)
    return path


def remove_stale_temp_files(current: Path) -> list[Path]:
    """Delete the ``default-*.tmp`` files of builds that were killed (each up to ~150 MB)."""
    removed = []
    for tmp in current.parent.glob("default-*.tmp"):
        if tmp.is_file() and not tmp.is_symlink():
            try:
                tmp.unlink()
            except OSError as exc:
                log.warning("could not remove the unfinished index %s: %s", tmp, exc)
                continue
            log.info("removed the unfinished gazetteer index %s", tmp)
            removed.append(tmp)
    return removed


def remove_stale_indexes(current: Path) -> list[Path]:
    """Delete default indexes built from older data next to ``current`` (each is ~140 MB).

    Only regular ``default-*.sqlite`` files are removed, never symbolic links (a test home may
    link a shared index in); a process that still has one open keeps reading it.
    """
    removed = []
    for old in current.parent.glob("default-*.sqlite"):
        if old != current and old.is_file() and not old.is_symlink():
            try:
                old.unlink()
            except OSError as exc:
                log.warning("could not remove the old gazetteer index %s: %s", old, exc)
                continue
            log.info("removed the old gazetteer index %s", old)
            removed.append(old)
    return removed


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (default index plus user imports), opened on first use."""
    global _default
    with _lock:
        if _default is None:
            _default = Gazetteer.open()
        return _default


def reset_default_gazetteer() -> None:
    """Forget the process-wide gazetteer (after an import, or in tests)."""
    global _default
    with _lock:
        if _default is not None:
            _default.close()
        _default = None
