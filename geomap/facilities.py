"""Facilities: airports named in news, from the airport registry of PyPI ``airportsdata``.

A separate pass after resolution (:meth:`FacilityFinder.apply`): it reads the text for the names
news give airports and puts an airport mention, ``kind: airport`` and located at the airport's
coordinates, in place of whatever the place recogniser made of the same words ("London" and
"Heathrow, Florida" in "London Heathrow Airport").

What is read as an airport (the word lists are in ``geomap/data/facilities.toml``):

* an airport's name with an airport word after it, as the registry writes it or by its
  distinctive part: "London Heathrow Airport", "Heathrow airport", "Macdonald-Cartier
  International Airport", "Kennedy Airport", "Amsterdam Airport Schiphol";
* its IATA code before an airport word: "JFK airport";
* its distinctive name alone ("Heathrow", "Schiphol", "O'Hare") in a document about flying
  (an aviation word such as "flight" or "runway" in it), when that name is no English word, no
  given name or surname, and no area or town of 10,000 people or more in the gazetteer.

A city's name with a lower-case "airport" after it ("Beirut airport", "the Quito airport") stays
the city: it names the airport only by the city it serves, and the corpora annotate the city. A
name several airports share is given the one nearest the place the recogniser had read there, or
the one in a country the document names; with no such evidence it is left to the recogniser.

Stadiums and venues are not read: no registry package with their names and points was found.
The registry is read from the installed package, never from the network.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer.normalize import fold
from .textscan import WordScan
from .types import AREA_KINDS, Candidate, Cue, Mention, Place, Resolution, Role

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

#: Longest run of words an airport's name has before its airport word.
MAX_NAME_WORDS = 7
#: A distinctive airport name that is also a town of this many people is not read alone.
BARE_NAME_MAX_POPULATION = 10_000
#: Radius of an airport's point (km).
AIRPORT_RADIUS_KM = 2.0

_WORD_RE = re.compile(r"[^\W_](?:[\w'’]|[.\-/](?=\w))*")


@dataclass(frozen=True, slots=True)
class Airport:
    """One registry row."""

    icao: str
    iata: str
    name: str
    city: str
    subd: str
    country: str
    lat: float
    lon: float

    def place(self) -> Place:
        """The airport as a gazetteer place (``airport:<ICAO>``)."""
        return Place(
            place_id=f"airport:{self.icao or self.iata}",
            name=self.name,
            lon=self.lon,
            lat=self.lat,
            kind="airport",
            country_code=self.country,
            admin1_name=self.subd,
            feature_code="AIRP",
            radius_km=AIRPORT_RADIUS_KM,
            source="airportsdata",
        )


@dataclass(frozen=True, slots=True)
class FacilityWords:
    """The word lists of ``geomap/data/facilities.toml``, folded."""

    airport_heads: tuple[str, ...]
    registry_suffixes: tuple[str, ...]
    aviation_words: frozenset[str]
    bare_name_prepositions: frozenset[str]


@lru_cache(maxsize=1)
def facility_words() -> FacilityWords:
    """Read ``geomap/data/facilities.toml`` (cached)."""
    data = tomllib.loads(
        (resources.files("geomap") / "data" / "facilities.toml").read_text(encoding="utf-8")
    )

    def folded(key: str) -> list[str]:
        return [fold(w) for w in data[key]]

    return FacilityWords(
        airport_heads=tuple(sorted(set(folded("airport_heads")), key=len, reverse=True)),
        registry_suffixes=tuple(sorted(set(folded("registry_suffixes")), key=len, reverse=True)),
        aviation_words=frozenset(folded("aviation_words")),
        bare_name_prepositions=frozenset(folded("bare_name_prepositions")),
    )


@lru_cache(maxsize=1)
def load_airports() -> tuple[Airport, ...]:
    """The registry's airports that have an IATA code (the ones news name), in registry order."""
    text = (resources.files("airportsdata") / "airports.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("iata"):
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            continue
        out.append(
            Airport(
                icao=row.get("icao", ""),
                iata=row["iata"],
                name=row["name"],
                city=row.get("city", ""),
                subd=row.get("subd", ""),
                country=row.get("country", ""),
                lat=lat,
                lon=lon,
            )
        )
    return tuple(out)


def distinctive_names(name: str, city: str, suffixes: Sequence[str]) -> tuple[set[str], bool]:
    """The folded parts of a registry name that news use before an airport word, and whether
    the name is only its city's ("Dublin Airport").

    >>> from geomap.facilities import facility_words
    >>> sfx = facility_words().registry_suffixes
    >>> sorted(distinctive_names("London Heathrow Airport", "London", sfx)[0])
    ['heathrow', 'london heathrow']
    >>> sorted(distinctive_names("Amsterdam Airport Schiphol", "Amsterdam", sfx)[0])
    ['schiphol']
    >>> distinctive_names("Dublin Airport", "Dublin", sfx)
    ({'dublin'}, True)
    """
    city_key = fold(city.split(",")[0])
    out: set[str] = set()
    city_only = False
    for part in name.split(" / "):
        base = fold(part)
        tail = ""
        if " airport " in f" {base} " and not base.endswith(" airport") and base != "airport":
            # "Amsterdam Airport Schiphol": the name after the airport word
            before, _, tail = base.partition(" airport ")
            base = before
        for sfx in suffixes:
            if base.endswith(" " + sfx):
                base = base[: -len(sfx) - 1]
                break
        bases = [base, tail]
        if "(" in part:  # "Leonardo Da Vinci (Fiumicino)"
            inner = re.findall(r"\(([^()]+)\)", part)
            bases += [fold(x) for x in inner] + [fold(re.sub(r"\([^()]*\)", " ", part))]
            bases = [_strip_suffix(b, suffixes) for b in bases]
        for b in bases:
            if not b:
                continue
            if b == city_key:
                city_only = city_only or not tail
                out.add(b)
                continue
            out.add(b)
            if city_key and b.startswith(city_key + " "):
                out.add(b[len(city_key) + 1 :])  # "London Heathrow", "Paris-Orly"
            elif city_key and b.endswith(" " + city_key):
                out.add(b[: -len(city_key) - 1])  # "Hartsfield/Jackson Atlanta"
            words = b.split()
            if len(words) >= 2 and len(words[-1]) > 3:
                out.add(words[-1])  # "Kennedy Airport", "Pearson Airport"
    return {x for x in out if x}, city_only and out == {city_key}


def _strip_suffix(base: str, suffixes: Sequence[str]) -> str:
    for sfx in suffixes:
        if base.endswith(" " + sfx):
            return base[: -len(sfx) - 1]
    return base.strip()


class AirportIndex:
    """Folded airport names → registry airports, built once from :func:`load_airports`."""

    def __init__(self, airports: Sequence[Airport] | None = None) -> None:
        words = facility_words()
        self.words = words
        #: "heathrow airport", "london heathrow airport", "jfk airport" -> airports
        self.named: dict[str, list[Airport]] = defaultdict(list)
        #: the distinctive name alone: "heathrow" -> airports
        self.bare: dict[str, list[Airport]] = defaultdict(list)
        #: names that are only their city's ("dublin airport"): read only as "Dublin Airport"
        self.city_named: set[str] = set()
        self.codes: dict[str, Airport] = {}
        for ap in airports if airports is not None else load_airports():
            self.named[fold(ap.name)].append(ap)
            cores, city_only = distinctive_names(ap.name, ap.city, words.registry_suffixes)
            city_key = fold(ap.city.split(",")[0])
            for core in cores:
                for head in words.airport_heads:
                    key = f"{core} {head}"
                    if ap not in self.named[key]:
                        self.named[key].append(ap)
                    if core == city_key:
                        self.city_named.add(key)
                if core != city_key and " " not in core and len(core) >= 4:
                    self.bare[core].append(ap)
            del city_only
            self.codes.setdefault(ap.iata, ap)
        self.heads = {h.split()[-1] for h in words.airport_heads}


@lru_cache(maxsize=1)
def default_airport_index() -> AirportIndex:
    """The registry's airport index (cached; built on first use, about 0.3 s)."""
    return AirportIndex()


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    airports: tuple[Airport, ...]
    how: str


class FacilityFinder:
    """Reads airport names in a document and puts them in its resolutions.

    Parameters
    ----------
    gazetteer
        Tells a distinctive airport name ("Heathrow") from a town or an area of the same name.
    index
        The airport names (default: the whole registry).
    """

    def __init__(self, gazetteer: Gazetteer, index: AirportIndex | None = None) -> None:
        self.gazetteer = gazetteer
        self._index = index
        self._bare_ok: dict[str, bool] = {}
        self._flying_re: WordScan | None = None

    @cached_property
    def index(self) -> AirportIndex:
        """The airport index (the registry's, loaded on first use)."""
        return self._index if self._index is not None else default_airport_index()

    # -- reading ------------------------------------------------------------------------------
    def find(self, text: str) -> list[_Hit]:
        """Airport names in ``text``, longest first where they overlap, in text order."""
        low = text.lower()
        if "airport" not in low and "air base" not in low and "airfield" not in low:
            flying = self._flying(text)
            if not flying:
                return []
        else:
            flying = True
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
        folded = [fold(w) for _, _, w in words]
        hits: list[_Hit] = []
        taken: set[int] = set()
        idx = self.index
        for p, f in enumerate(folded):
            if f not in idx.heads:
                continue
            best: _Hit | None = None
            # the head may be one word ("airport") or end a longer one ("air base")
            for j in (p + 1, p):
                for i in range(max(0, p - MAX_NAME_WORDS), p + 1):
                    if i == j or best is not None or j >= len(words):
                        continue
                    first = words[i][2]
                    if not first[:1].isupper() or any(k in taken for k in range(i, j + 1)):
                        continue
                    key = " ".join(folded[i : j + 1])
                    found = idx.named.get(key)
                    how = "name"
                    if found is None and j == p and i == p - 1 and _is_code(first):
                        code = idx.codes.get(first)
                        found = [code] if code is not None else None
                        how = "code"
                    if not found:
                        continue
                    head_word = words[p][2]
                    if key in idx.city_named and not head_word[:1].isupper():
                        continue  # "Beirut airport": the city
                    best = _Hit(words[i][0], words[j][1], tuple(found), how)
                    taken.update(range(i, j + 1))
                if best is not None:
                    break
            if best is not None:
                hits.append(best)
        if flying:
            hits += self._bare_names(text, words, folded, taken)
        hits.sort(key=lambda h: h.start)
        return hits

    def _bare_names(
        self,
        text: str,
        words: list[tuple[int, int, str]],
        folded: list[str],
        taken: set[int],
    ) -> list[_Hit]:
        """Distinctive airport names alone after a preposition ("flights from Heathrow"), unless
        the document also writes the name as a person's ("Manuel Noriega", "St. Clair")."""
        idx = self.index
        found: dict[str, list[int]] = defaultdict(list)
        for k, (_, _, w) in enumerate(words):
            if w[:1].isupper() and folded[k] in idx.bare:
                found[folded[k]].append(k)
        hits = []
        for key, ks in found.items():
            if not self._bare_name(words[ks[0]][2], key):
                continue
            # a capitalised word joined to it anywhere makes it a longer name's part
            if any(
                (
                    k + 1 < len(words)
                    and folded[k + 1] not in idx.heads
                    and _joined(text, words[k], words[k + 1])
                )
                or (k > 0 and _joined(text, words[k - 1], words[k], possessive=False))
                for k in ks
            ):
                continue
            for k in ks:
                if k in taken or k == 0:
                    continue
                if folded[k - 1] not in idx.words.bare_name_prepositions:
                    continue
                if text[words[k - 1][1] : words[k][0]] != " ":
                    continue
                s, e, _ = words[k]
                hits.append(_Hit(s, e, tuple(idx.bare[key]), "bare"))
                taken.add(k)
        return hits

    def _flying(self, text: str) -> bool:
        if self._flying_re is None:
            words = sorted(self.index.words.aviation_words, key=len, reverse=True)
            pattern = re.compile(
                r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z\-])",
                re.IGNORECASE,
            )
            # the same matches, a third of the time (geomap/textscan.py)
            self._flying_re = WordScan(pattern, words)
        return self._flying_re.search(text) is not None

    def _bare_name(self, word: str, key: str) -> bool:
        """Whether a distinctive airport name may be read alone: no English word, given name or
        surname, no area and no town of 10,000 people or more."""
        ok = self._bare_ok.get(key)
        if ok is None:
            from .recognize import is_common_word, load_lexicon

            lex = load_lexicon()
            ok = not (
                is_common_word(word)
                or key in lex.first_names
                or key in lex.surnames
                or key in lex.titles
            )
            if ok:
                for cand in self.gazetteer.search(word, limit=10):
                    if cand.match not in ("exact", "alias", "normalized"):
                        continue
                    p = cand.place
                    if p.kind in AREA_KINDS or p.population >= BARE_NAME_MAX_POPULATION:
                        ok = False
                        break
            self._bare_ok[key] = ok
        return ok

    # -- writing ------------------------------------------------------------------------------
    def apply(self, text: str, doc_id: str, resolutions: list[Resolution]) -> list[Resolution]:
        """``resolutions`` with each airport name read in ``text`` as an airport mention.

        Resolutions overlapping an airport name are dropped, unless one of them already names an
        airport of the gazetteer ("Qamishli airport"), which is kept.
        """
        hits = self.find(text)
        if not hits:
            return resolutions
        countries = {r.place.country_code for r in resolutions if r.place and r.mention.literal}
        out = list(resolutions)
        for hit in hits:
            over = [r for r in out if r.mention.start < hit.end and hit.start < r.mention.end]
            if any(r.place is not None and r.place.kind == "airport" for r in over):
                continue
            airport = _choose(hit.airports, over, countries)
            if airport is None:
                continue
            place = airport.place()
            mention = Mention(
                doc_id,
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                role=Role.PLACE,
                cue=Cue.AIRPORT,
            )
            reason = f"airport {airport.iata} ({hit.how}; airportsdata registry)"
            cand = Candidate(place, 1.0, match="registry", matched_name=airport.name)
            out = [r for r in out if r not in over]
            out.append(Resolution(mention, place, (cand,), 1.0, reason))
        out.sort(key=lambda r: (r.mention.start, r.mention.end))
        return out


def _choose(
    airports: Sequence[Airport], over: Sequence[Resolution], countries: set[str]
) -> Airport | None:
    """One airport of several sharing a name: the nearest to the place read there, else the only
    one in a country the document names."""
    if len(airports) == 1:
        return airports[0]
    read = [r.place for r in over if r.place is not None]
    if read:
        p = read[0]
        near = min(airports, key=lambda a: (a.lat - p.lat) ** 2 + (a.lon - p.lon) ** 2)
        if (near.lat - p.lat) ** 2 + (near.lon - p.lon) ** 2 < 1.0:  # within about 100 km
            return near
    local = [a for a in airports if a.country in countries]
    return local[0] if len(local) == 1 else None


def _is_code(word: str) -> bool:
    return len(word) == 3 and word.isascii() and word.isalpha() and word.isupper()


def _joined(
    text: str, a: tuple[int, int, str], b: tuple[int, int, str], *, possessive: bool = True
) -> bool:
    """Two capitalised words with only a space, a hyphen or an abbreviation's dot between them
    ("Manuel Noriega", "St. Clair"); with ``possessive=False`` not after a possessive
    ("Washington's Dulles")."""
    if not (a[2][:1].isupper() and b[2][:1].isupper()):
        return False
    if not possessive and a[2][-2:] in ("'s", "’s"):
        return False
    gap = text[a[1] : b[0]]
    return gap in (" ", "-") or (gap == ". " and len(a[2]) <= 3)
