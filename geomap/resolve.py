"""Choosing the right gazetteer record for each mention, from the document's context.

Every candidate starts from the gazetteer's prior (how well the name matched, the kind of place,
its population) and gains from evidence in the same document:

``country``
    share of the document's other mentions that point to the candidate's country (countries named
    outright, demonyms, and names with a single clear reading); an ocean, continent or world
    region, in no country, gets the leading country's share;
``admin1``
    the same for first-level regions ("Deir Ezzor province");
``qualifier``
    an explicit qualifier next to the name: "Tal Abyad, Syria", "Baghouz in Deir Ezzor province";
``cue``
    the kind the text gives ("X province" prefers a province, "X camp" a camp);
``proximity``
    closeness to the places chosen for the other mentions (second pass), and more within a few
    km when the reading is by the place's own name;
``list``
    the share of the names listed with it ("British Columbia, Alberta, Manitoba and Ontario")
    whose reading has the candidate's kind and country (second pass);
``support``
    the share of the other names with some reading in the candidate's admin-1 region;
``namesake`` / ``variant``
    penalties for a small place named like a country ("China", Texas) and for a place that has
    the name only as another name when a place of the same country has it as its own ("Paris"
    is Paris, Tennessee, not Swainsboro, Georgia, once called Paris; "New York" is the state,
    New York City's own name being longer), and for a GeoNames alternate name when geomap's
    own supplements give the name to a place ("the Gulf" is the Persian Gulf);
``seat``
    a penalty for an admin-1 region read from the name its capital also has ("Daraa"), unless
    the text names a province; for the capital instead when it is called "X City" and the
    region has the name as its own ("Quebec" is the province);
``focus``
    an optional region of interest (countries or a bounding box): it biases, never forces.

The components are kept in each :class:`~geomap.types.Candidate`'s ``features`` so a reader can
see why a place won. All mentions of one name in a document get the same place (one sense per
discourse), unless qualifiers place them in different areas ("Portland, Maine" and "Portland,
Oregon").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

import numpy as np
from geopy.distance import great_circle

from .errors import ConfigurationError
from .gazetteer import (
    Gazetteer,
    boost_arabic_world,
    has_arabic_article,
    matched_primary_name,
)
from .gazetteer.normalize import fold, name_key
from .recognize import CAMP_RE, COUNTY_SUFFIXES, LIST_GAP, Recognizer, as_written
from .types import Candidate, Mention, Place, Resolution

TOP_CANDIDATES = 25
KEEP_CANDIDATES = 5
W_COUNTRY = 0.6
W_ADMIN1 = 0.25
W_QUALIFIER = 0.8
W_CUE = 0.4
W_FOCUS = 0.3
W_PROXIMITY = 0.3
PROXIMITY_KM = 250.0
#: A second, sharp closeness term for a reading by its own name that lies within a few km of
#: another place of the document ("Palmyra" next to "Hershey"): local news names neighbours.
#: Readings by another name get none ("Kaliningrad", once the name of Korolev near Moscow).
W_NEAR = 0.25
NEAR_KM = 25.0
#: Weight of the share of the document's other names with a reading in the same admin-1 region,
#: counted over each name's first SUPPORT_READINGS candidates.
W_SUPPORT = 0.4
SUPPORT_READINGS = 10
#: Areas small enough to anchor proximity like a town (a county: "Paris" near "Henry County").
ANCHOR_AREAS: frozenset[str] = frozenset({"admin2"})
#: Penalty for a small populated place named like a country, region or sea in the same group
#: ("China", Texas; "Mexico", New York; "Atlantic", Iowa) unless a qualifier names its area.
W_NAMESAKE = 0.4
#: The same when the name is a country's ("China", Texas; "Jordan", Minnesota).
W_NAMESAKE_COUNTRY = 0.8
#: The penalty shrinks by exp(-d / NEAR_KM) for a namesake d km from another place of the
#: document when at least NAMESAKE_SUPPORT other names have readings in its state: local news
#: ("The Jordan resident" next to Scott County and Robbinsdale, Minnesota).
NAMESAKE_SUPPORT = 2
NAMESAKE_KINDS = frozenset({"continent", "country", "admin1", "region", "sea"})
#: Penalty for a place that has the name only as another name ("Paris" for Swainsboro, GA) when a
#: place of the same country has it as its own name (Paris, TN).
W_VARIANT = 0.2
#: The same in any country, when the name's own holder has at least VARIANT_OWN_MIN people and
#: 1 / VARIANT_RATIO of the other place's: "Cancun" is Cancún, not Changchun (once spelled so),
#: "Bethlehem" not Belém (its Portuguese form). A short form of a place's own name is no other
#: name: "St. Petersburg" stays Russia's Saint Petersburg, not the smaller one in Florida.
VARIANT_RATIO = 30
VARIANT_OWN_MIN = 5_000
#: Penalty for an admin-1 region read from a name its capital also has ("Daraa"), unless the
#: text names a province.
W_SEAT = 0.2
#: Weight of the share of the names listed with a name whose reading has a candidate's kind and
#: country, for lists of at least LIST_MIN names.
W_LIST = 0.3
LIST_MIN = 3
#: How much one name counts as evidence for its country / admin-1 region, by what it is.
EVIDENCE_WEIGHTS = {"country": 1.0, "admin1": 0.8, "clear": 0.5, "ambiguous": 0.3, "demonym": 0.15}
#: A name's reading is clear when it leads the runner-up by this much.
CLEAR_MARGIN = 0.25
#: A name mentioned n times counts n ** REPEAT_EXPONENT times.
REPEAT_EXPONENT = 1.0
#: Rounds of re-reading the country / admin-1 evidence from the context-ranked readings.
EVIDENCE_ROUNDS = 1
#: The lowest score at which an area's best reading is taken.
MIN_SCORE = 0.5
#: The lowest score at which a town or point feature chosen among namesakes (or matched only after
#: folding) is taken: on the tuning corpora (LGL, GeoVirus, TUD) fewer than 1 in 10 such readings
#: scoring below it were within 161 km of the right place. The name is still reported, unresolved,
#: with its candidates and their scores.
MIN_POINT_SCORE = 1.5
#: A name's only reading needs MIN_POINT_SCORE too when the document's other names give its
#: country less than this share of their country evidence, and that evidence is at least
#: LONE_EVIDENCE (a country or province named, or two names with a clear reading).
LONE_COUNTRY_SHARE = 0.05
LONE_EVIDENCE = 1.0
#: Areas held to MIN_POINT_SCORE in such a country: a province ("the Central Plateau" of Haiti
#: is not Plateau, Benin), not a country or world region.
FOREIGN_AREA_KINDS = frozenset({"admin1"})
#: A town's best reading (of fewer than AMBIGUOUS_MAX_POP people) is left unresolved when a
#: namesake in the same country, more than AMBIGUOUS_KM away, scores within AMBIGUOUS_MARGIN of
#: it: on the tuning corpora 22 of 97 such readings were right.
AMBIGUOUS_MARGIN = 0.05
AMBIGUOUS_KM = 100.0
AMBIGUOUS_MAX_POP = 100_000
WELL_KNOWN_POPULATION = 100_000
#: A place this large is taken by one of GeoNames' alternate names when it is the only reading.
VARIANT_POPULATION = 5_000
EARTH_KM = 6371.0088
#: Score components added to a candidate's gazetteer prior.
CONTEXT_FEATURES = (
    "country",
    "admin1",
    "support",
    "qualifier",
    "cue",
    "focus",
    "proximity",
    "list",
    "seat",
    "namesake",
    "variant",
)

#: The kind words of second-level units ("Hubaysh district", "Soum Province", "Banikoara
#: commune", "Ikorodu LGA"): the gazetteer holds each unit also under its name with the kind word
#: its country uses, and a bare name that is also a town's in the unit under that form only.
ADMIN2_CUES = {
    "district": {"admin2"},
    "department": {"admin2", "admin1"},
    "commune": {"admin2"},
    "municipality": {"admin2"},
    "prefecture": {"admin2", "admin1"},
    "cercle": {"admin2"},
    "lga": {"admin2"},
    "local government area": {"admin2"},
}
CUE_KINDS = {
    "province": {"admin1", "admin2"},  # Burkina Faso's and the Philippines' are admin-2 units
    "governorate": {"admin1", "admin2"},
    **ADMIN2_CUES,
    "state": {"admin1"},
    "region": {"admin1", "region"},
    "camp": {"camp"},
    "refugee camp": {"camp"},
    "crossing": {"border_crossing"},
    "border crossing": {"border_crossing"},
    "prison": {"prison"},
    "river": {"river"},
    "island": {"island"},
    "mountain": {"mountain", "mountains"},
    "mountains": {"mountains", "mountain"},
    "dam": {"dam"},
    "base": {"military_base"},
    "airbase": {"military_base", "airport"},
    "village": {"village", "town"},
    "town": {"town", "village", "city"},
    "city": {"city", "town"},
}
#: A kind word written after a feature's name, in any case ("the Jordan river", "the Bab
#: al-Salam border crossing", "the al-Hol camp"): with it, the name may be one the gazetteer has.
_FEATURE_WORD = re.compile(
    rf"\s+(border\s+crossing|crossing|{CAMP_RE}|prison|river|island|mountains|mountain|dam"
    r"|airbase|province|governorate|local\s+government\s+area|"
    + "|".join(k for k in ADMIN2_CUES if " " not in k)
    + r")\b",
    re.IGNORECASE,
)
#: Cues of natural features, and the proximity feature below which a small town of the
#: feature's name is not taken for it.
NATURAL_CUES = frozenset({"river", "mountain", "mountains", "island"})
NATURAL_NEAR = 0.1
_DIRECTION_STRIP = re.compile(r"^(?:[\w-]+\s+)?(?:of\s+(?:the\s+)?)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Focus:
    """A region of interest: country codes and/or a lon/lat bounding box.

    >>> Focus.parse("35.5,32.0,42.5,37.5").bbox
    (35.5, 32.0, 42.5, 37.5)
    """

    countries: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def parse(cls, value: str | None, gazetteer: Gazetteer | None = None) -> Focus | None:
        """Read ``SY,TR,IQ`` or ``min_lon,min_lat,max_lon,max_lat``."""
        if value is None or not value.strip():
            return None
        parts = [p.strip() for p in value.split(",") if p.strip()]
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            codes = (
                gazetteer.check_countries(parts) if gazetteer else tuple(p.upper() for p in parts)
            )
            return cls(countries=codes)
        if len(numbers) != 4:
            raise ConfigurationError(
                f"focus {value!r}: a bounding box needs 4 numbers min_lon,min_lat,max_lon,max_lat"
            )
        min_lon, min_lat, max_lon, max_lat = numbers
        if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
            raise ConfigurationError(f"focus {value!r} is not a valid lon/lat bounding box")
        return cls(bbox=(min_lon, min_lat, max_lon, max_lat))

    def contains(self, place: Place) -> bool:
        """Whether a place lies in the focus."""
        if self.countries and place.country_code in self.countries:
            return True
        if self.bbox:
            a, b, c, d = self.bbox
            return a <= place.lon <= c and b <= place.lat <= d
        return False


@dataclass
class _Group:
    """All mentions of one name in a document, resolved together."""

    key: str
    mentions: list[Mention]
    candidates: list[Candidate]
    qualifiers: list[Mention]
    cues: set[str]
    evidence_weight: float = 0.0
    #: The reading whose country / admin-1 this group's own evidence went to.
    evidence_place: Place | None = None
    #: ("country", "SY") / ("admin1", "SY.07") areas that qualifiers name, resolved once.
    qualifier_areas: set[tuple[str, str]] = field(default_factory=set)
    #: Keys of the other names listed with this one ("British Columbia, Alberta and Ontario").
    list_peers: set[str] = field(default_factory=set)
    #: Admin-1 regions among the first SUPPORT_READINGS candidates (fixed with the candidates).
    admin_readings: frozenset[str] = field(init=False)
    #: Penalty for this name's small populated readings when it is also a country's or region's.
    namesake: float = field(init=False)
    #: Countries with a populated place whose own name this is.
    own_name_countries: frozenset[str] = field(init=False)
    #: Countries with a state or country whose own name this is ("New York", "Kuwait").
    own_area_countries: frozenset[str] = field(init=False)
    #: The largest population among the populated places whose own name this is, up to case
    #: and accents ("Cancún" for "Cancun", not "Dara" for "Daraa").
    own_name_population: int = field(init=False)
    #: Capitals (PPLA/PPLC) of an admin-1 region read from the same name, and those regions.
    seats: frozenset[str] = field(init=False)
    seat_regions: frozenset[str] = field(init=False)
    #: Capitals whose name no other country or region has (no namesakes: "Daraa", "Hama").
    own_seats: frozenset[str] = field(init=False)
    #: Whether one of geomap's own supplements gives this name to a place ("the Gulf").
    curated: bool = field(init=False)
    #: Capitals of a region of this name that are called "X City" ("Quebec City").
    city_seats: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.curated = any(
            c.place.source.startswith("geomap") and c.match == "exact" for c in self.candidates
        )
        self.admin_readings = frozenset(
            c.place.admin1_code for c in self.candidates[:SUPPORT_READINGS] if c.place.admin1_code
        )
        area_kinds = {
            c.place.kind
            for c in self.candidates
            if c.place.kind in NAMESAKE_KINDS and c.match in ("exact", "normalized")
        }
        owners = [
            c for c in self.candidates if not c.place.is_area and c.matched_name == c.place.name
        ]
        self.own_name_countries = frozenset(c.place.country_code for c in owners)
        self.own_name_population = max(
            (c.place.population for c in owners if c.match == "exact"), default=0
        )
        self.own_area_countries = frozenset(
            c.place.country_code
            for c in self.candidates
            if c.place.kind in ("admin1", "country") and c.matched_name == c.place.name
        )
        self.namesake = (
            W_NAMESAKE_COUNTRY
            if area_kinds & {"country", "continent"}
            else W_NAMESAKE
            if area_kinds
            else 0.0
        )
        # A region and its capital of the same name ("Daraa", "Hama", "Sao Paulo"): the
        # capital is no small namesake of the region, and the name means the city unless the
        # text says "province".
        regions = {
            c.place.admin1_code
            for c in self.candidates
            if c.place.kind == "admin1" and c.match in ("exact", "normalized")
        }
        self.seats = frozenset(
            c.place.place_id
            for c in self.candidates
            if c.place.feature_code in ("PPLA", "PPLC") and c.place.admin1_code in regions
        )
        self.seat_regions = frozenset(
            c.place.admin1_code for c in self.candidates if c.place.place_id in self.seats
        )
        # A capital is no small namesake of its own region, but still of another country's or
        # region's: "Florida", Uruguay's department capital, is small next to Florida, US.
        areas = [
            c.place
            for c in self.candidates
            if c.place.kind in NAMESAKE_KINDS and c.match in ("exact", "normalized")
        ]
        self.own_seats = frozenset(
            c.place.place_id
            for c in self.candidates
            if c.place.place_id in self.seats
            and all(a.kind == "admin1" and a.admin1_code == c.place.admin1_code for a in areas)
        )

    @cached_property
    def coordinates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidates' longitudes and latitudes (radians) and ids, as column arrays."""
        lon = np.radians([c.place.lon for c in self.candidates])[:, None]
        lat = np.radians([c.place.lat for c in self.candidates])[:, None]
        return lon, lat, np.array([c.place.place_id for c in self.candidates])[:, None]

    @property
    def is_demonym(self) -> bool:
        return self.key.startswith("demonym:")


class _Evidence(NamedTuple):
    """How strongly a document points at each country and admin-1 region."""

    country: dict[str, float]
    admin: dict[str, float]
    country_total: float
    admin_total: float
    #: Weight each place got as some group's reading (evidence for a place is no evidence for it).
    by_place: dict[str, float]


class _Support(NamedTuple):
    """How many of a document's names (demonyms aside) have some reading in each admin-1 region.

    It depends only on the candidates, so it is counted once per document.
    """

    admin: dict[str, int]
    names: int

    @classmethod
    def of(cls, groups: Iterable[_Group]) -> _Support:
        admin: defaultdict[str, int] = defaultdict(int)
        names = 0
        for g in groups:
            if g.candidates and not g.is_demonym:
                names += 1
                for code in g.admin_readings:
                    admin[code] += 1
        return cls(admin, names)


class _Scored(NamedTuple):
    """A candidate's context score and features, before it becomes a :class:`Candidate`."""

    score: float
    place: Place
    features: dict[str, float]
    source: Candidate

    def candidate(self) -> Candidate:
        features = {k: round(v, 4) for k, v in self.features.items()}
        return replace(self.source, score=round(self.score, 4), features=features)


class _Anchors:
    """The places that anchor proximity, by name, as arrays built once for all names."""

    def __init__(self, anchors: Mapping[str, Place]) -> None:
        self.column = {k: i for i, k in enumerate(anchors)}
        places = list(anchors.values())
        self.lon = np.radians([p.lon for p in places])[None, :]
        self.lat = np.radians([p.lat for p in places])[None, :]
        self.ids = np.array([p.place_id for p in places])[None, :]

    def nearest_km(self, group: _Group) -> list[float] | None:
        """For each of a name's candidates, the great-circle distance (km) to the nearest
        anchor of the other names (None when there is none)."""
        own = self.column.get(group.key)
        if len(self.column) - (own is not None) == 0:
            return None
        lon1, lat1, ids1 = group.coordinates
        lon2, lat2 = self.lon, self.lat
        a = (
            np.sin((lat2 - lat1) / 2) ** 2
            + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        )
        d = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
        # A place does not anchor itself ("Dublin City" chosen as Dublin is not near Dublin),
        # nor does a name anchor its own candidates.
        d[ids1 == self.ids] = np.inf
        if own is not None:
            d[:, own] = np.inf
        return d.min(axis=1).tolist()


class Resolver:
    """Resolves a document's mentions to gazetteer places."""

    def __init__(self, gazetteer: Gazetteer, recognizer: Recognizer) -> None:
        self.gazetteer = gazetteer
        self.recognizer = recognizer
        # per-name work remembered across documents (the same names come back in each):
        # a plain name's key and candidates as written, and a group's candidates with their
        # prior (keyed by the candidates' ids, which the entry keeps alive)
        self._plain: dict[str, tuple[str, tuple[Candidate, ...]]] = {}
        self._priors: dict[tuple[int, ...], tuple[list[Candidate], tuple[Candidate, ...]]] = {}

    # -- candidates -------------------------------------------------------------------------
    def _candidates(self, mention: Mention, county: str = "") -> tuple[str, list[Candidate]]:
        """The name's key and candidates; ``county`` ("County", "Parish") when the text lists
        it with others of that kind ("Camden and Charlton counties")."""
        if mention.cue == "demonym":
            countries = [
                self.gazetteer.country(code)
                for code in self.gazetteer.demonym_countries(mention.text)
            ]
            out = [
                Candidate(
                    place=place,
                    score=1.5,
                    match="demonym",
                    matched_name=mention.text,
                    features={"prior": 1.5},
                )
                for place in [*countries, *self.gazetteer.demonym_regions(mention.text)]
                if place is not None
            ]
            return f"demonym:{name_key(mention.text)}", out
        if mention.role == "area" and mention.lookup:
            key = name_key(mention.lookup)
            cands = self.gazetteer.candidates_for_key(key, fold(mention.lookup))
            if cands:
                return key, cands
            base = _DIRECTION_STRIP.sub("", mention.lookup, count=1)
            key = name_key(base)
            if mention.lookup[:1].islower():
                # "northern Aleppo", "south of Taiz": the name after a lower-case direction
                # is matched as written, and scores as it would alone; in "Central Plateau"
                # the capitalised whole is the name, and its last word only a guess.
                return key, self.gazetteer.candidates_for_key(key, fold(base))
            return key, self.recognizer.candidates(key)
        if mention.cue not in ("institution", "abbreviation") and not county:
            return self._plain_candidates(mention.text)
        key = name_key(mention.text)
        cands = self.gazetteer.candidates_for_key(key, fold(mention.text))
        if mention.cue == "institution":
            # "White House", "Kremlin": an institution named like a place is no place at all
            # (GeoNames lists "White House" as an other name of Casablanca); one named after its
            # district ("Capitol Hill", "Hollywood") is there, by the district's own name only.
            if fold(mention.text) not in self.recognizer.lex.institution_districts:
                return key, []
            cands = [c for c in cands if matched_primary_name(c)]
        if not mention.text.isupper():  # on a capitals-only line, "BEL" may be "Bell"
            cands = as_written(cands, mention.text, mention.text.endswith("."))
        if mention.cue == "abbreviation":
            # "Pa." is Pennsylvania, not a place whose other name is "Pa".
            written = mention.text.replace(" ", "")  # "W. Va." is written "W.Va." too
            cands = [c for c in cands if c.matched_name.replace(" ", "") == written] or cands
        if has_arabic_article(mention.text):
            cands = boost_arabic_world(cands)
        if county:
            # "Navarro, Henderson and Ellis counties": each name is a county's ("Navarro
            # County", Texas), whatever else it names.
            full = self.gazetteer.candidates_for_key(name_key(f"{mention.text} {county}"))
            counties = [c for c in cands + full if c.place.kind == "admin2"]
            if counties:
                cands = sorted(counties, key=lambda c: (-c.score, c.place.place_id))
                key = f"{county}:{key}"
        return key, cands

    def _plain_candidates(self, written: str) -> tuple[str, list[Candidate]]:
        """:meth:`_candidates` of a name with no cue that changes them, remembered per
        spelling (a new list each time)."""
        found = self._plain.get(written)
        if found is None:
            key = name_key(written)
            cands = self.gazetteer.candidates_for_key(key, fold(written))
            if not written.isupper():  # on a capitals-only line, "BEL" may be "Bell"
                cands = as_written(cands, written, written.endswith("."))
            if has_arabic_article(written):
                cands = boost_arabic_world(cands)
            if len(self._plain) >= 100_000:
                self._plain.clear()
            found = self._plain[written] = (key, tuple(cands))
        return found[0], list(found[1])

    def _with_priors(self, cands: list[Candidate]) -> list[Candidate]:
        """A group's candidates (the first TOP_CANDIDATES) with their prior as a feature,
        remembered for the same candidates (a new list each time)."""
        top = cands[:TOP_CANDIDATES]
        memo = tuple(map(id, top))
        found = self._priors.get(memo)
        if found is None or any(a is not b for a, b in zip(found[0], top, strict=True)):
            with_prior = tuple(
                replace(c, features={**c.features, "prior": round(c.score, 4)}) for c in top
            )
            if len(self._priors) >= 20_000:
                self._priors.clear()
            found = self._priors[memo] = (top, with_prior)
        return list(found[1])

    def _named_feature(
        self, text: str, mention: Mention, county: str = ""
    ) -> tuple[str, list[Candidate], str]:
        """The name's key and candidates, or those of the name with the kind word written after
        it when the gazetteer holds that name: "the Bab al-Salam border crossing" is the
        crossing "Bab al-Salam crossing", "the Jordan river" the river; and then that kind as a
        cue."""
        after = _FEATURE_WORD.match(text, mention.end)
        if after and mention.role != "demonym" and not county:
            kind = " ".join(after[1].lower().split())
            cue = kind if kind in CUE_KINDS else kind.split()[-1]  # "detention camp"
            # "border crossing" may be the name's "crossing", "refugee camp" its "camp"
            for word in dict.fromkeys((kind, kind.split()[-1])):
                written = f"{mention.text} {word}"
                full = name_key(written)
                if full not in self.recognizer.keys:
                    continue
                cands = self.gazetteer.candidates_for_key(full, fold(written))
                cands = [c for c in cands if c.place.kind in CUE_KINDS[cue]]
                if cands:
                    return full, cands, cue
        return (*self._candidates(mention, county), "")

    # -- main entry -------------------------------------------------------------------------
    def resolve(
        self, text: str, mentions: Sequence[Mention], focus: Focus | None = None
    ) -> list[Resolution]:
        """Resolutions for mentions (same order), using the whole document as context: the
        mentions are grouped by name (one sense per discourse), each group's candidates are
        ranked in context, then each mention's best reading is accepted or left unresolved
        with the reason."""
        groups, group_of = self._group(text, mentions)
        final, ev = self._rank(text, mentions, groups, group_of, focus)
        # Only the candidates a result keeps become Candidates (rounding every feature of all
        # TOP_CANDIDATES readings was a tenth of the parse time); readings counts them all.
        chosen: dict[str, tuple[list[Candidate], int]] = {}
        for k, scored in final.items():
            chosen[k] = ([s.candidate() for s in scored[:KEEP_CANDIDATES]], len(scored))
        return [
            _accept(m, *chosen[key], groups[key], ev)
            for m, key in zip(mentions, group_of, strict=True)
        ]

    def _group(self, text: str, mentions: Sequence[Mention]) -> tuple[dict[str, _Group], list[str]]:
        """The mentions grouped by name and sense, with the group key of each mention; a
        group holds the name's candidates and the kinds the text cues."""
        groups: dict[str, _Group] = {}
        group_of: list[str] = []
        read = self._read(text, mentions)
        senses = _senses(text, mentions, [(key, cands) for key, cands, _, _ in read])
        for m, (name, cands, feature, kind), sense in zip(mentions, read, senses, strict=True):
            key = name + sense
            group = groups.get(key)
            if group is None:
                cands = self._with_priors(cands)
                group = groups[key] = _Group(key, [], cands, [], set())
                if group.seat_regions and self._called_city(name, group):
                    # "Quebec" is the province, its capital being "Quebec City": the seat
                    # penalty goes to the capital instead
                    group.seat_regions, group.city_seats = frozenset(), group.seats
            group.mentions.append(m)
            if m.cue in CUE_KINDS:
                group.cues.add(m.cue)
            if feature:
                group.cues.add(feature)
            if kind in _CUE_OF:  # "Idlib and Hama provinces" are provinces, like "Hama province"
                group.cues.add(_CUE_OF[kind])
            group_of.append(key)
        return groups, group_of

    def _read(
        self, text: str, mentions: Sequence[Mention]
    ) -> list[tuple[str, list[Candidate], str, str]]:
        """Each mention's lookup key, candidates, named feature and the plural kind listed
        after it ("Idlib and Hama provinces")."""
        read: list[tuple[str, list[Candidate], str, str]] = []
        listed_kind = _ListedKinds(text)
        for idx, m in enumerate(mentions):
            plural = listed_kind.match(m.end)
            kind = plural[1].lower() if plural else ""
            if (
                plural
                and kind in _CUE_OF
                and plural.start(1) - m.end < 3  # no other name after this one
                and not (idx and LIST_GAP.fullmatch(text[mentions[idx - 1].end : m.start]))
            ):
                kind = ""  # one name before the plural: "the Gulf states" are no states
            read.append((*self._named_feature(text, m, COUNTY_SUFFIXES.get(kind, "")), kind))
        return read

    def _rank(
        self,
        text: str,
        mentions: Sequence[Mention],
        groups: dict[str, _Group],
        group_of: list[str],
        focus: Focus | None,
    ) -> tuple[dict[str, list[_Scored]], _Evidence]:
        """Each group's candidates scored in context, best first, and the document's
        evidence: first by the evidence of the other names, then again with proximity to
        their readings."""
        self._find_qualifiers(text, mentions, group_of, groups)
        _find_lists(text, mentions, group_of, groups)
        support = _Support.of(groups.values())
        ev = self._evidence(groups, {k: g.candidates for k, g in groups.items()})
        first = {k: self._score(g, ev, support, focus, None) for k, g in groups.items()}
        for _ in range(EVIDENCE_ROUNDS):
            # Evidence again, from the readings context chose ("Georgia" next to "Hall County"
            # is the state, and then it counts for the state, not for the country).
            ev = self._evidence(groups, first)
            first = {k: self._score(g, ev, support, focus, None) for k, g in groups.items()}
        anchors = self._anchors(groups, first)
        first_anchors = _Anchors(anchors)
        listed = {k: first[k][0].place for k, g in groups.items() if first[k] and not g.is_demonym}
        final = {
            k: self._score(g, ev, support, focus, first_anchors, listed) for k, g in groups.items()
        }

        def rescore(k: str) -> list[_Scored]:
            return self._score(groups[k], ev, support, focus, _Anchors(anchors), listed)

        _proximity_rounds(groups, final, anchors, rescore)
        return final, ev

    def _called_city(self, key: str, group: _Group) -> bool:
        """Whether a region's capital of the same name is called "X City" ("Quebec City") and
        the region has the name as its own: the bare name is then the region's ("Quebec" is the
        province), not the capital's. ("Gaza" is only another name of the Gaza Strip.)"""
        own = any(
            c.place.kind == "admin1"
            and c.place.admin1_code in group.seat_regions
            and matched_primary_name(c)
            for c in group.candidates
        )
        return own and any(
            c.place.place_id in group.seats
            for c in self.gazetteer.candidates_for_key(f"{key} city")
        )

    def _find_qualifiers(
        self,
        text: str,
        mentions: Sequence[Mention],
        group_of: list[str],
        groups: dict[str, _Group],
    ) -> None:
        """ "X, Y" and "X in Y (province)": Y qualifies X. In a list of countries or of states
        ("Georgia, Iraq, Iran"; "Ohio, Illinois, Missouri") the next one does not qualify the
        one before ("Iraq" is not Arak, Iran; "Illinois" is not Riverside, Missouri)."""
        for idx in range(len(mentions) - 1):
            m, nxt = mentions[idx], mentions[idx + 1]
            if _QUALIFIER_GAP.fullmatch(text, m.end, nxt.start):
                group = groups[group_of[idx]]
                rank = _area_rank(group)
                if rank and rank == _area_rank(groups[group_of[idx + 1]]):
                    continue
                group.qualifiers.append(nxt)
                group.qualifier_areas |= self._areas_named(nxt)

    def _evidence(
        self, groups: dict[str, _Group], ranking: Mapping[str, Sequence[Candidate | _Scored]]
    ) -> _Evidence:
        """How strongly the document points at each country and admin-1 region.

        ``ranking`` orders each group's candidates: by prior at first, then by the context score.
        """
        country: defaultdict[str, float] = defaultdict(float)
        admin: defaultdict[str, float] = defaultdict(float)
        by_place: defaultdict[str, float] = defaultdict(float)
        for key, g in groups.items():
            ranked = ranking[key]
            g.evidence_weight, g.evidence_place = 0.0, None
            if not ranked:
                continue
            top = ranked[0]
            n = len(g.mentions) ** REPEAT_EXPONENT
            clear = len(ranked) == 1 or (top.score - ranked[1].score > CLEAR_MARGIN)
            if g.is_demonym:
                if top.place.kind != "country":
                    continue  # "Kurdish fighters" say nothing of where a story happens
                # "Turkish forces shelled X": a demonym names an actor more often than a place.
                weight = EVIDENCE_WEIGHTS["demonym"]
            elif top.place.kind in ("country", "admin1"):
                weight = EVIDENCE_WEIGHTS[top.place.kind]
            elif clear:
                weight = EVIDENCE_WEIGHTS["clear"]
            else:
                # Ambiguous names spread their weight over their readings' countries, in code
                # order: float sums (and rounded features) must not vary with the hash seed.
                codes = sorted({c.place.country_code for c in ranked[:5]})
                for code in codes:
                    country[code] += EVIDENCE_WEIGHTS["ambiguous"] * n / len(codes)
                continue
            g.evidence_weight = weight
            g.evidence_place = top.place
            country[top.place.country_code] += weight * n
            by_place[top.place.place_id] += weight * n
            if top.place.admin1_code:
                admin[top.place.admin1_code] += weight * n
        return _Evidence(country, admin, sum(country.values()), sum(admin.values()), by_place)

    def _score(
        self,
        g: _Group,
        ev: _Evidence,
        support: _Support,
        focus: Focus | None,
        anchors: _Anchors | None,
        listed: Mapping[str, Place] | None = None,
    ) -> list[_Scored]:
        """The group's candidates with their context features, best first.

        ``listed`` (final pass only) holds each name's first-pass reading, for the names listed
        with this one.
        """
        if not g.candidates:
            return []
        n = len(g.mentions) ** REPEAT_EXPONENT
        top = g.evidence_place
        own_c = g.evidence_weight * n
        total_c = ev.country_total - own_c
        # what this name itself put into the admin-1 evidence: nothing when its reading is a country
        total_a = ev.admin_total - (own_c if top is not None and top.admin1_code else 0.0)
        near = anchors.nearest_km(g) if anchors is not None else None
        kinds = set().union(*(CUE_KINDS[c] for c in g.cues)) if g.cues else set()
        peers = [listed[k] for k in sorted(g.list_peers) if k in listed] if listed else []
        other_names = support.names - (0 if g.is_demonym else 1)
        country_ev, admin_ev = ev.country, ev.admin
        leading: float | None = None  # the leading country's evidence, when first needed
        scored = []
        for idx, cand in enumerate(g.candidates):
            p = cand.place
            f = dict(cand.features)
            own = own_c if top is not None and p.country_code == top.country_code else 0.0
            # Other names read as this very place ("Dublin City" for "Dublin") are no evidence
            # for it: the place would only be confirming itself.
            same = ev.by_place.get(p.place_id, 0.0) - (
                own_c if top is not None and top.place_id == p.place_id else 0.0
            )
            own += same
            if total_c > 0:
                evidence = country_ev.get(p.country_code, 0.0) - own
                if not p.country_code and p.is_area:
                    # An ocean, a continent or a world region lies in no country: it is read as
                    # if it lay in the document's leading one, so a story's country does not
                    # favour its towns over it ("Storms over the Atlantic hit Florida").
                    if leading is None:
                        leading = max(
                            (
                                v - (own_c if top is not None and top.country_code == c else 0.0)
                                for c, v in country_ev.items()
                                if c
                            ),
                            default=0.0,
                        )
                    evidence = leading
                f["country"] = W_COUNTRY * evidence / total_c
            own_a = own_c if top is not None and p.admin1_code == top.admin1_code else 0.0
            own_a += same
            if total_a > 0 and p.admin1_code:
                f["admin1"] = W_ADMIN1 * (admin_ev.get(p.admin1_code, 0.0) - own_a) / total_a
            # Other names that could lie in the same province / state ("Huntsville" and "Walker
            # County" both have a Texas reading): readings that agree, win together.
            agree = (
                support.admin.get(p.admin1_code, 0)
                # its own reading, unless a demonym's (those are not counted)
                - (p.admin1_code in g.admin_readings and not g.is_demonym)
                if p.admin1_code
                else 0
            )
            if other_names > 0 and p.admin1_code and W_SUPPORT:
                f["support"] = W_SUPPORT * agree / other_names
            if g.qualifiers:
                qualified = ("country", p.country_code) in g.qualifier_areas or (
                    "admin1",
                    p.admin1_code,
                ) in g.qualifier_areas
                f["qualifier"] = W_QUALIFIER * float(qualified)
            if g.cues:
                f["cue"] = W_CUE if p.kind in kinds else 0.0
            if focus is not None:
                f["focus"] = W_FOCUS if focus.contains(p) else 0.0
            d = math.inf
            if near is not None:
                # Distance from the place's edge: an area is close to what lies inside it.
                d = max(0.0, near[idx] - (p.radius_km if p.is_area else 0.0))
                f["proximity"] = W_PROXIMITY * math.exp(-d / PROXIMITY_KM)
                if matched_primary_name(cand):
                    f["proximity"] += W_NEAR * math.exp(-d / NEAR_KM)
            if peers and W_LIST:
                # Names listed together are of one kind and country ("British Columbia,
                # Alberta, Manitoba and Ontario" are provinces of Canada).
                alike = sum(q.kind == p.kind and q.country_code == p.country_code for q in peers)
                f["list"] = W_LIST * alike / len(peers)
            if (
                W_SEAT
                and p.kind == "admin1"
                and p.admin1_code in g.seat_regions
                and "admin1" not in kinds
            ) or p.place_id in g.city_seats:
                f["seat"] = -W_SEAT
            if (
                g.namesake
                and p.place_id not in g.own_seats
                and not p.is_area
                and p.population < WELL_KNOWN_POPULATION
                and not f.get("qualifier")
            ):
                local = math.exp(-d / NEAR_KM) if agree >= NAMESAKE_SUPPORT else 0.0
                f["namesake"] = -g.namesake * (1.0 - local)
            if (
                g.curated
                and not p.source.startswith("geomap")
                and cand.matched_name != p.name
                and not matched_primary_name(cand)
            ):
                # a name geomap's supplements give, over another name from GeoNames: "the Gulf"
                # is the Persian Gulf, not Gulf Province, Papua New Guinea
                f["variant"] = -W_VARIANT
            elif (
                not p.is_area
                and cand.matched_name != p.name
                # its own name in another spelling is no other name: "Susa" for As Susah
                and name_key(cand.matched_name) != name_key(p.name)
                and (
                    p.country_code in g.own_name_countries
                    or (
                        g.own_name_population >= VARIANT_OWN_MIN
                        and g.own_name_population * VARIANT_RATIO >= p.population
                        and _spelled_out(cand.matched_name) != _spelled_out(p.name)
                    )
                    # "New York" is the state; the city's own name is "New York City"
                    or (
                        p.country_code in g.own_area_countries
                        and fold(p.name) == fold(cand.matched_name) + " city"
                    )
                )
            ):
                f["variant"] = -W_VARIANT
            score = f["prior"] + sum(f[k] for k in CONTEXT_FEATURES if k in f)
            scored.append(_Scored(score, p, f, cand))
        scored.sort(key=lambda c: (-c.score, c.place.place_id))
        return scored

    def _areas_named(self, qualifier: Mention) -> set[tuple[str, str]]:
        """The countries and admin-1 regions among a qualifier's top readings; a directional
        area gives its country ("Susa in northeast Syria")."""
        areas: set[tuple[str, str]] = set()
        if qualifier.cue == "demonym":
            return areas
        for cand in self._candidates(qualifier)[1][:5]:
            qp = cand.place
            if qp.kind == "country":
                areas.add(("country", qp.country_code))
            elif qp.kind == "admin1":
                areas.add(("admin1", qp.admin1_code))
            elif qualifier.role == "area" and qp.country_code:
                areas.add(("country", qp.country_code))
        return areas

    def _anchors(
        self, groups: dict[str, _Group], first: dict[str, list[_Scored]]
    ) -> dict[str, Place]:
        """Places chosen in the first pass that can anchor proximity (points, not areas)."""
        out = {}
        for key, ranked in first.items():
            place = _anchor(groups[key], ranked)
            if place is not None:
                out[key] = place
        return out


def _proximity_rounds(
    groups: Mapping[str, _Group],
    final: dict[str, list[_Scored]],
    anchors: dict[str, Place],
    rescore: Callable[[str], list[_Scored]],
) -> None:
    """Proximity again, one name at a time, surest first, each against the others' latest
    readings (``final`` and ``anchors`` are updated): read all at once, two names can swap
    readings ("Huntsville" and "Walker County" in Alabama and Texas, each near the other's
    first reading). A name is scored again only when another name's anchor has changed since."""
    initial = dict(anchors)
    changed: set[str] = set()
    for k in sorted(final, key=lambda k: (-_margin(final[k]), k)):
        if changed - {k}:
            final[k] = rescore(k)
        place = _anchor(groups[k], final[k])
        if place is None:
            anchors.pop(k, None)
        else:
            anchors[k] = place
        if _same(anchors, initial, k):
            changed.discard(k)
        else:
            changed.add(k)


def _accept(
    m: Mention, ranked: list[Candidate], readings: int, group: _Group, ev: _Evidence
) -> Resolution:
    """The mention's resolution: its best reading when it scores enough and no check below
    leaves it unresolved, with the reason either way."""
    best = None
    if not ranked:
        reason = "no candidate"
    elif ranked[0].score >= (
        threshold := _min_score(
            ranked[0], readings, foreign := _foreign_guess(ranked[0], group, ev)
        )
    ):
        best = ranked[0]
        reason = _explain(best)
    else:
        top = ranked[0]
        reason = (
            f"low score: best reading {top.place.name} ({top.place.country_code or '-'}) "
            f"scored {top.score:.2f}, below {threshold}"
            + ("; the document's other places lie in other countries" if foreign else "")
        )
    if best is not None:
        refused = _refused(m, best, ranked)
        if refused:
            best, reason = None, refused
    return Resolution(
        mention=m,
        place=best.place if best else None,
        candidates=tuple(ranked),
        score=round(best.score, 4) if best else 0.0,
        reason=reason,
    )


def _refused(m: Mention, best: Candidate, ranked: list[Candidate]) -> str:
    """Why a reading that scored enough is still not taken (empty when it is): a rival within
    the margin, or a feature named after a small place."""
    rival = _rival(ranked)
    if rival is not None:
        return (
            f"ambiguous: {_where(ranked[0].place)} and {_where(rival.place)} score "
            f"within {AMBIGUOUS_MARGIN}"
        )
    if m.cue == "feature" and not _well_known(best.place):
        # "Black Rock Desert", "Red Square": a small namesake place is not the feature.
        return "feature named after a small place; left unresolved"
    if (
        m.cue in NATURAL_CUES
        and best.place.kind not in CUE_KINDS[m.cue]
        and not _well_known(best.place)
        and best.features.get("proximity", 0.0) < NATURAL_NEAR
    ):
        # "Kish River" in Illinois is not Kish Island, Iran: a river or mountain named like a
        # small town is that town's only when the town lies near the document's other places
        # ("Naugatuck River" near Waterbury).
        return "feature named after a small place far away; left unresolved"
    return ""


def _same(a: Mapping[str, Place], b: Mapping[str, Place], key: str) -> bool:
    """Whether two sets of anchors give a name the same place (or none)."""
    pa, pb = a.get(key), b.get(key)
    return (pa.place_id if pa else None) == (pb.place_id if pb else None)


def _margin(ranked: list[_Scored]) -> float:
    """How far a name's best reading leads the next one (its only reading: by its score)."""
    if not ranked:
        return 0.0
    return ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)


def _anchor(group: _Group, ranked: list[_Scored]) -> Place | None:
    """The place a name's reading gives as an anchor of proximity, if any: a point (or a
    county) taken with a good enough score, not a demonym's country."""
    if (
        not ranked
        or ranked[0].score < _min_score(ranked[0].source, len(ranked))
        or (ranked[0].place.is_area and ranked[0].place.kind not in ANCHOR_AREAS)
        or group.is_demonym
    ):
        return None
    if all(m.cue == "feature" for m in group.mentions) and not _well_known(ranked[0].place):
        return None  # "Flat Creek": the small place "Flat" is not in the document
    return ranked[0].place


#: What stands between a name and its qualifier: "Tal Abyad, Syria", "Baghouz in Deir Ezzor".
_QUALIFIER_GAP = re.compile(r",\s*|\s+in\s+(?:the\s+)?|\s*\(\s*")

#: A name followed by more names and then a plural kind of place ("Camden and Charlton
#: counties", "Idlib and Hama provinces"): the kind word.
_LISTED_KIND = re.compile(
    rf"(?:\s*(?:{LIST_GAP.pattern})"
    r"[A-Z][\w'.-]*(?:\s(?:[A-Z][\w'.-]*|[a-z]{1,3}-[A-Z][\w'.-]*)){0,3})*"
    r"\s+((?i:counties|parishes|provinces|governorates|states))\b"
)
#: A plural kind word where :data:`_LISTED_KIND` can end.
_KIND_WORD = re.compile(r"\s((?i:counties|parishes|provinces|governorates|states))\b")
#: What :data:`_LISTED_KIND` cannot read before its kind word: a character of no name or list
#: gap, or a lower-case word that is no "and"/"or" and no "al-" of a name.
_LIST_STOPPER = re.compile(r"[^\w'.,\s-]|(?<=[\s,])(?!(?:and|or)\s|[a-z]{1,3}-)[a-z]")


class _ListedKinds:
    """:data:`_LISTED_KIND` matched after each name of a document, tried only where a kind word
    follows before anything the pattern cannot read ("Ras al-Ain, " × 2,000 ran the pattern over
    the rest of the list for every name: quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kinds = [m.start(1) for m in _KIND_WORD.finditer(text)]
        self.stoppers: list[int] | None = None  # found when a kind word is in the text

    def match(self, pos: int) -> re.Match[str] | None:
        i = bisect_left(self.kinds, pos + 1)
        if i == len(self.kinds):
            return None
        if self.stoppers is None:
            self.stoppers = [m.start() for m in _LIST_STOPPER.finditer(self.text)]
        j = bisect_left(self.stoppers, pos)
        if j < len(self.stoppers) and self.stoppers[j] < self.kinds[i]:
            return None
        return _LISTED_KIND.match(self.text, pos)


#: The other plural kinds act as the singular cue after each name.
_CUE_OF = {"provinces": "province", "governorates": "governorate", "states": "state"}


def _find_lists(
    text: str, mentions: Sequence[Mention], group_of: list[str], groups: dict[str, _Group]
) -> None:
    """Names listed together, three or more ("Armenia, Georgia and Iraq"), are each other's
    list peers."""
    run = [0] if mentions else []
    for idx in range(1, len(mentions) + 1):
        joined = idx < len(mentions) and LIST_GAP.fullmatch(
            text[mentions[idx - 1].end : mentions[idx].start]
        )
        if joined:
            run.append(idx)
            continue
        keys = {group_of[i] for i in run if not groups[group_of[i]].is_demonym}
        if len(keys) >= LIST_MIN:
            for key in keys:
                groups[key].list_peers |= keys - {key}
        run = [idx]


def _senses(
    text: str, mentions: Sequence[Mention], read: Sequence[tuple[str, list[Candidate]]]
) -> list[str]:
    """A suffix for each mention's group key: "" (one sense per discourse), except for a name
    that qualifiers place in different areas ("Portland, Maine" and "Portland, Oregon"), whose
    mentions take the sense of the qualified mention at or before them (the first one's if
    none)."""
    qualified: dict[str, dict[int, str]] = defaultdict(dict)
    for idx in range(len(mentions) - 1):
        key, cands = read[idx]
        q_key, q_cands = read[idx + 1]
        first = cands[0].place.kind if cands else ""
        q_first = q_cands[0].place.kind if q_cands else ""
        if (
            _QUALIFIER_GAP.fullmatch(text, mentions[idx].end, mentions[idx + 1].start)
            and q_key != key
            and first not in ("country", "admin1")
            and q_first in ("country", "admin1")
        ):
            qualified[key][idx] = "@" + q_cands[0].place.place_id  # "Minn." = "Minnesota"
    out = [""] * len(mentions)
    for key, at in qualified.items():
        if len(set(at.values())) < 2:
            continue
        current = next(iter(at.values()))
        for idx, (k, _) in enumerate(read):
            current = at.get(idx, current)
            if k == key:
                out[idx] = current
    return out


def _area_rank(group: _Group) -> str:
    """ "country" or "admin1" when a name's first reading (by the gazetteer's prior) is one, by
    its own name; else ""."""
    if not group.candidates:
        return ""
    first = group.candidates[0]
    if first.place.kind in ("country", "admin1") and first.match in ("exact", "normalized"):
        return first.place.kind
    return ""


_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def _spelled_out(name: str) -> str:
    """A name folded, with its short words written out ("St. Petersburg": "saint petersburg")."""
    return " ".join(_SHORT_WORDS.get(w, w) for w in re.findall(r"\w+", fold(name)))


def _min_score(best: Candidate, readings: int, foreign: bool = False) -> float:
    """The score the best of a name's ``readings`` candidates needs to be taken.

    Areas (but a province that is a ``foreign`` guess), and a name that is exactly the name (or
    a curated alias) of one place only, need MIN_SCORE; a town or point feature chosen among
    namesakes, matched only after folding, or matched by one of the many alternate names
    GeoNames lists (a village once called so), or a ``foreign`` guess (see
    :func:`_foreign_guess`), needs MIN_POINT_SCORE.
    """
    if (best.place.is_area and not (foreign and best.place.kind in FOREIGN_AREA_KINDS)) or (
        readings == 1
        and best.match == "exact"
        and (
            matched_primary_name(best)
            or best.place.place_id.startswith("geomap:")
            or best.place.population >= VARIANT_POPULATION
        )
        and not foreign
    ):
        return MIN_SCORE
    return MIN_POINT_SCORE


def _rival(ranked: Sequence[Candidate]) -> Candidate | None:
    """A namesake in the same country, far from a town's best reading, that scores almost as
    well (Paris, Tennessee, and Paris, Kentucky, in a story that names both states): the text
    does not tell which one it means. Namesakes in two countries are told apart by the
    document's countries; a city of AMBIGUOUS_MAX_POP people or more is taken."""
    best = ranked[0]
    if best.place.is_area or not AMBIGUOUS_MARGIN or best.place.population >= AMBIGUOUS_MAX_POP:
        return None
    for other in ranked[1:]:
        if best.score - other.score >= AMBIGUOUS_MARGIN:
            return None
        if (
            other.place.country_code == best.place.country_code
            and great_circle(
                (best.place.lat, best.place.lon), (other.place.lat, other.place.lon)
            ).km
            > AMBIGUOUS_KM
        ):
            return other
    return None


def _where(place: Place) -> str:
    """A place with its region and country: "Springfield (Illinois, US)"."""
    area = ", ".join(x for x in (place.admin1_name, place.country_code) if x)
    return f"{place.name} ({area or '-'})"


def _foreign_guess(best: Candidate, g: _Group, ev: _Evidence) -> bool:
    """A lone small place in a country the rest of the document does not point to, when it
    points clearly elsewhere ("Clifton Hill", Australia, in a story about Niagara Falls, Ontario;
    "Sambre", India, in one about Charleroi and Namur): the name's own place is most likely one
    the gazetteer lacks."""
    if (
        g.is_demonym  # "Chechen fighters" in a Syrian story: an actor, no location
        or best.place.place_id.startswith("geomap:")
        or best.place.population >= WELL_KNOWN_POPULATION
    ):
        return False
    others = ev.country_total - g.evidence_weight * len(g.mentions) ** REPEAT_EXPONENT
    return (
        others >= LONE_EVIDENCE
        and best.features.get("country", 0.0) < W_COUNTRY * LONE_COUNTRY_SHARE
    )


def _well_known(place: Place) -> bool:
    """Countries, provinces, regions, and places of 100,000 people or more."""
    return place.is_area or place.population >= WELL_KNOWN_POPULATION or place.kind == "city"


def _explain(cand: Candidate) -> str:
    parts = [
        f"{k}={v:+.2f}"
        for k, v in cand.features.items()
        if k not in ("match", "kind", "population") and v
    ]
    return f"{cand.match} match; " + ", ".join(parts)


def group_by_country(resolutions: Sequence[Resolution]) -> dict[str, int]:
    """Count resolved mentions per country code (a document's geographic profile)."""
    counts: dict[str, int] = defaultdict(int)
    for r in resolutions:
        if r.place is not None and r.mention.literal:
            counts[r.place.country_code] += 1
    return dict(counts)
