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

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property, partial
from typing import NamedTuple

import numpy as np

from .errors import ConfigurationError
from .gazetteer import (
    Gazetteer,
    boost_arabic_world,
    has_arabic_article,
    matched_primary_name,
)
from .gazetteer.normalize import fold, name_key
from .gazetteer.view import GazetteerView, as_written
from .recognize import LIST_GAP, load_lexicon
from .resolution.checks import Reading, min_score, refusal, well_known
from .resolution.features import (
    FEATURE_NAMES,
    Column,
    Remembered,
    ScoreContext,
    feature_columns,
)
from .resolution.weights import DEFAULT_WEIGHTS, Weights
from .types import Candidate, Mention, Place, Resolution
from .vocabulary import (
    ADMIN2_CUES,
    CAMP_RE,
    COUNTY_SUFFIXES,
    CUE_KINDS,
    FEATURE_WORDS_AFTER,
    LISTED_PLURALS,
    NATURAL_CUES,
    PLURAL_CUES,
    alternation,
)

__all__ = ["ADMIN2_CUES", "CUE_KINDS", "NATURAL_CUES", "Focus", "Resolver", "group_by_country"]

#: The weights and thresholds, with the reason and the corpus figure that set each one, are in
#: ``geomap/data/resolve_weights.toml`` (:mod:`geomap.resolution.weights`); the score features
#: are the registry :data:`geomap.resolution.features.FEATURES`, the acceptance checks
#: :data:`geomap.resolution.checks.CHECKS`.
#: Areas small enough to anchor proximity like a town (a county: "Paris" near "Henry County").
ANCHOR_AREAS: frozenset[str] = frozenset({"admin2"})
#: Kinds of place whose small populated namesakes are penalised ("China", Texas; "Atlantic", Iowa).
NAMESAKE_KINDS = frozenset({"continent", "country", "admin1", "region", "sea"})
EARTH_KM = 6371.0088
#: Score components added to a candidate's gazetteer prior, in order.
CONTEXT_FEATURES = FEATURE_NAMES

#: A kind word written after a feature's name, in any case ("the Jordan river", "the Bab
#: al-Salam border crossing", "the al-Hol camp"): with it, the name may be one the gazetteer has.
_FEATURE_WORD = re.compile(
    r"\s+("
    + alternation(FEATURE_WORDS_AFTER[:2])
    + f"|{CAMP_RE}|"
    + alternation(FEATURE_WORDS_AFTER[2:])
    + "|"
    + "|".join(k for k in ADMIN2_CUES if " " not in k)
    + r")\b",
    re.IGNORECASE,
)
_DIRECTION_STRIP = re.compile(r"^(?:[\w-]+\s+)?(?:of\s+(?:the\s+)?)?", re.IGNORECASE)
#: Each name's first-pass reading, by group key (what the list feature compares).
_Listed = Mapping[str, Place]


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
    """All mentions of one name in a document, resolved together: what is known of the name
    itself (its mentions, candidates and cues, and what they imply), fixed when the group is
    built. What the rest of the document says about it is a :class:`_GroupContext` and an
    :class:`_Evidence`, values the resolver passes along; nothing writes them into the group."""

    key: str
    mentions: tuple[Mention, ...]
    candidates: list[Candidate]
    #: The kinds the text gives the name ("X province", "X camp", "Idlib and Hama provinces").
    cues: frozenset[str]
    #: How many of the candidates count for support (the weight ``support_readings``).
    support_readings: InitVar[int] = 0
    #: The candidates of the name followed by "City" ("Quebec City"), looked up only when a
    #: region and its capital have the name (see :func:`_called_city`).
    city_readings: InitVar[Callable[[], Sequence[Candidate]] | None] = None
    #: Admin-1 regions among the first ``support_readings`` candidates (fixed with them).
    admin_readings: frozenset[str] = field(init=False)
    #: "country" when the name is also a country's or continent's, "area" when a region's or
    #: sea's, else "": its small populated readings are namesakes (score feature ``namesake``).
    namesake_kind: str = field(init=False)
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
    city_seats: frozenset[str] = field(init=False)

    def __post_init__(
        self, support_readings: int, city_readings: Callable[[], Sequence[Candidate]] | None
    ) -> None:
        self.curated = any(
            c.place.source.startswith("geomap") and c.match == "exact" for c in self.candidates
        )
        self.admin_readings = frozenset(
            c.place.admin1_code for c in self.candidates[:support_readings] if c.place.admin1_code
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
        self.namesake_kind = (
            "country" if area_kinds & {"country", "continent"} else "area" if area_kinds else ""
        )
        self._find_seats(city_readings)

    def _find_seats(self, city_readings: Callable[[], Sequence[Candidate]] | None) -> None:
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
        self.city_seats = frozenset()
        if self.seat_regions and city_readings is not None and _called_city(self, city_readings):
            # "Quebec" is the province, its capital being "Quebec City": the seat penalty goes
            # to the capital instead
            self.seat_regions, self.city_seats = frozenset(), self.seats

    @cached_property
    def coordinates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidates' longitudes and latitudes (radians) and the latitudes' cosines, as
        column arrays."""
        lon = np.radians([c.place.lon for c in self.candidates])[:, None]
        lat = np.radians([c.place.lat for c in self.candidates])[:, None]
        return lon, lat, np.cos(lat)

    @property
    def is_demonym(self) -> bool:
        return self.key.startswith("demonym:")


@dataclass(frozen=True, slots=True)
class _GroupContext:
    """What the text around a name's mentions says of it, found once per document (by
    :meth:`Resolver._context`) and read by the score features."""

    #: Mentions that qualify the name ("Syria" in "Tal Abyad, Syria"), in text order.
    qualifiers: tuple[Mention, ...] = ()
    #: ("country", "SY") / ("admin1", "SY.07") areas that the qualifiers name.
    qualifier_areas: frozenset[tuple[str, str]] = frozenset()
    #: Keys of the other names listed with this one ("British Columbia, Alberta and Ontario").
    list_peers: frozenset[str] = frozenset()


#: The context of a name with no qualifier and no list (most names), shared.
_NO_CONTEXT = _GroupContext()


class _Own(NamedTuple):
    """What a name itself put into the document's evidence: the reading it went to and how
    much (its evidence weight times the repeat factor of its mentions)."""

    place: Place
    amount: float


class _Evidence(NamedTuple):
    """How strongly a document points at each country and admin-1 region."""

    country: dict[str, float]
    admin: dict[str, float]
    country_total: float
    admin_total: float
    #: Weight each place got as some group's reading (evidence for a place is no evidence for it).
    by_place: dict[str, float]
    #: Per group key, the name's own part of the evidence (absent when it gave none).
    own: dict[str, _Own]

    def own_amount(self, key: str) -> float:
        """How much the name of group ``key`` itself put into the country evidence."""
        own = self.own.get(key)
        return own.amount if own is not None else 0.0


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
    """A candidate's context score, before it becomes a :class:`Candidate`; its features are
    read from the name's feature columns only for the candidates a result keeps."""

    score: float
    place: Place
    source: Candidate
    #: The feature columns the name was scored with, and this candidate's row in them.
    columns: list[tuple[str, Column]]
    row: int

    @property
    def features(self) -> dict[str, float]:
        """The candidate's gazetteer features and the context features that apply to it, in
        the registry's order."""
        f = dict(self.source.features)
        for name, col in self.columns:
            v = col[self.row]
            if v is not None:
                f[name] = v
        return f

    def candidate(self) -> Candidate:
        features = {k: round(v, 4) for k, v in self.features.items()}
        s = self.source
        return Candidate(s.place, round(self.score, 4), s.match, s.matched_name, features)


class _Anchors:
    """The places that anchor proximity, by name, as arrays built once for all names; the
    distances of the candidates of ``names`` (the final round's) are computed together, in one
    matrix, when the first of them is asked."""

    def __init__(self, anchors: Mapping[str, Place], names: Sequence[_Group] = ()) -> None:
        self.column = {k: i for i, k in enumerate(anchors)}
        places = list(anchors.values())
        self.lon = np.radians([p.lon for p in places])[None, :]
        self.lat = np.radians([p.lat for p in places])[None, :]
        self.cos_lat = np.cos(self.lat)
        #: The columns of each anchoring place, by id.
        self.columns_of: defaultdict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(places):
            self.columns_of[p.place_id].append(i)
        self.names = {g.key: g for g in names}
        #: The km from each candidate of ``names`` to each anchor, and each name's rows in it.
        self._km: np.ndarray | None = None
        self._rows: dict[str, tuple[int, int]] = {}

    def nearest_km(self, group: _Group) -> list[float] | None:
        """For each of a name's candidates, the great-circle distance (km) to the nearest
        anchor of the other names (None when there is none)."""
        own = self.column.get(group.key)
        if len(self.column) - (own is not None) == 0:
            return None
        if self.names.get(group.key) is group:
            if self._km is None:
                self._km = self._all_km()
            start, end = self._rows[group.key]
            d = self._km[start:end].copy()
        else:
            lon1, lat1, cos_lat1 = group.coordinates
            d = self._great_circle_km(lon1, lat1, cos_lat1)
        # A place does not anchor itself ("Dublin City" chosen as Dublin is not near Dublin),
        # nor does a name anchor its own candidates.
        columns_of = self.columns_of
        for row, c in enumerate(group.candidates):
            if c.place.place_id in columns_of:
                d[row, columns_of[c.place.place_id]] = np.inf
        if own is not None:
            d[:, own] = np.inf
        return d.min(axis=1).tolist()

    def _all_km(self) -> np.ndarray:
        """The km from each candidate of ``names`` to each anchor (and each name's rows)."""
        lon: list[float] = []
        lat: list[float] = []
        for key, g in self.names.items():
            self._rows[key] = (len(lon), len(lon) + len(g.candidates))
            lon += [c.place.lon for c in g.candidates]
            lat += [c.place.lat for c in g.candidates]
        lat1 = np.radians(lat)[:, None]
        return self._great_circle_km(np.radians(lon)[:, None], lat1, np.cos(lat1))

    def _great_circle_km(
        self, lon1: np.ndarray, lat1: np.ndarray, cos_lat1: np.ndarray
    ) -> np.ndarray:
        """The haversine distance (km) from each point of the columns to each anchor."""
        a = (
            np.sin((self.lat - lat1) / 2) ** 2
            + cos_lat1 * self.cos_lat * np.sin((self.lon - lon1) / 2) ** 2
        )
        return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


class Resolver:
    """Resolves a document's mentions to gazetteer places."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        view: GazetteerView | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        #: Name keys and candidates, shared with the recogniser when the two are built together
        #: (:class:`geomap.geoparsing.Geoparser`).
        self.view = view if view is not None else GazetteerView(gazetteer)
        self.lex = load_lexicon()
        # per-name work remembered across documents (the same names come back in each):
        # a plain name's key and candidates as written, and a group's candidates with their
        # prior (keyed by the candidates' ids, which the entry keeps alive)
        self._plain: dict[str, tuple[str, tuple[Candidate, ...]]] = {}
        self._priors: dict[tuple[int, ...], tuple[list[Candidate], tuple[Candidate, ...]]] = {}
        #: The weights and thresholds (``geomap/data/resolve_weights.toml`` by default).
        self.weights = weights if weights is not None else DEFAULT_WEIGHTS

    # -- candidates -------------------------------------------------------------------------
    def _candidates(self, mention: Mention, county: str = "") -> tuple[str, list[Candidate]]:
        """The name's key and candidates; ``county`` ("County", "Parish") when the text lists
        it with others of that kind ("Camden and Charlton counties")."""
        if mention.cue == "demonym":
            return self._demonym_candidates(mention.text)
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
            return key, self.view.candidates(key)
        if mention.cue not in ("institution", "abbreviation") and not county:
            return self._plain_candidates(mention.text)
        key = name_key(mention.text)
        cands = self.gazetteer.candidates_for_key(key, fold(mention.text))
        if mention.cue == "institution":
            # "White House", "Kremlin": an institution named like a place is no place at all
            # (GeoNames lists "White House" as an other name of Casablanca); one named after its
            # district ("Capitol Hill", "Hollywood") is there, by the district's own name only.
            if fold(mention.text) not in self.lex.institution_districts:
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

    def _demonym_candidates(self, written: str) -> tuple[str, list[Candidate]]:
        """The countries and regions a demonym names ("Syrian", "Kurdish"), at the demonym
        prior."""
        countries = [
            self.gazetteer.country(code) for code in self.gazetteer.demonym_countries(written)
        ]
        out = [
            Candidate(
                place=place,
                score=self.weights.demonym_prior,
                match="demonym",
                matched_name=written,
                features={"prior": self.weights.demonym_prior},
            )
            for place in [*countries, *self.gazetteer.demonym_regions(written)]
            if place is not None
        ]
        return f"demonym:{name_key(written)}", out

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
        """A group's candidates (the first ``top_candidates`` of the weights) with their prior
        as a feature, remembered for the same candidates (a new list each time)."""
        top = cands[: self.weights.top_candidates]
        memo = tuple(map(id, top))
        found = self._priors.get(memo)
        if found is None or any(a is not b for a, b in zip(found[0], top, strict=True)):
            with_prior = tuple(
                _with_features(c, {**c.features, "prior": round(c.score, 4)}) for c in top
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
                if full not in self.view.keys:
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
        # top_candidates readings was a tenth of the parse time); readings counts them all.
        w = self.weights
        chosen: dict[str, tuple[list[Candidate], int]] = {}
        for k, scored in final.items():
            chosen[k] = ([s.candidate() for s in scored[: w.keep_candidates]], len(scored))
        return [
            _accept(Reading(m, *chosen[key], groups[key], ev, w))
            for m, key in zip(mentions, group_of, strict=True)
        ]

    def _group(self, text: str, mentions: Sequence[Mention]) -> tuple[dict[str, _Group], list[str]]:
        """The mentions grouped by name and sense, with the group key of each mention; a
        group holds the name's mentions, its candidates and the kinds the text cues, all
        gathered before it is built."""
        read = self._read(text, mentions)
        senses = _senses(text, mentions, [(key, cands) for key, cands, _, _ in read])
        names: dict[str, tuple[str, list[Candidate]]] = {}
        said: defaultdict[str, list[Mention]] = defaultdict(list)
        cues: defaultdict[str, set[str]] = defaultdict(set)
        group_of: list[str] = []
        for m, (name, cands, feature, kind), sense in zip(mentions, read, senses, strict=True):
            key = name + sense
            names.setdefault(key, (name, cands))
            said[key].append(m)
            if m.cue in CUE_KINDS:
                cues[key].add(m.cue)
            if feature:
                cues[key].add(feature)
            if kind in PLURAL_CUES:
                # "Idlib and Hama provinces" are provinces, like "Hama province"
                cues[key].add(PLURAL_CUES[kind])
            group_of.append(key)
        groups = {
            key: _Group(
                key,
                tuple(said[key]),
                self._with_priors(cands),
                frozenset(cues[key]),
                self.weights.support_readings,
                partial(self.gazetteer.candidates_for_key, f"{name} city"),
            )
            for key, (name, cands) in names.items()
        }
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
                and kind in PLURAL_CUES
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
        their readings. The groups are read, never changed: the context and the evidence are
        values passed to the scoring."""
        context = self._context(text, mentions, groups, group_of)
        support = _Support.of(groups.values())

        # each name's columns of its earlier rounds, taken again where what they read is the same
        once: dict[str, Remembered] = {k: {} for k in groups}

        def score(
            k: str, ev: _Evidence, anchors: _Anchors | None = None, listed: _Listed | None = None
        ) -> list[_Scored]:
            return self._score(groups[k], context[k], ev, support, focus, anchors, listed, once[k])

        ev = self._evidence(groups, {k: g.candidates for k, g in groups.items()})
        first = {k: score(k, ev) for k in groups}
        for _ in range(self.weights.evidence_rounds):
            # Evidence again, from the readings context chose ("Georgia" next to "Hall County"
            # is the state, and then it counts for the state, not for the country).
            ev = self._evidence(groups, first)
            first = {k: score(k, ev) for k in groups}
        anchors = self._anchors(groups, first)
        first_anchors = _Anchors(anchors, [g for g in groups.values() if g.candidates])
        listed = {k: first[k][0].place for k, g in groups.items() if first[k] and not g.is_demonym}
        final = {k: score(k, ev, first_anchors, listed) for k in groups}

        def rescore(k: str) -> list[_Scored]:
            return score(k, ev, _Anchors(anchors), listed)

        _proximity_rounds(groups, final, anchors, rescore, self.weights)
        return final, ev

    def _context(
        self,
        text: str,
        mentions: Sequence[Mention],
        groups: Mapping[str, _Group],
        group_of: list[str],
    ) -> dict[str, _GroupContext]:
        """Each group's context in the document, by key: its qualifiers, the areas they name,
        and the names listed with it (:data:`_NO_CONTEXT`, shared, when there are none)."""
        qualifiers = self._find_qualifiers(text, mentions, group_of, groups)
        peers = _find_lists(text, mentions, group_of, groups, self.weights.list_min)
        out: dict[str, _GroupContext] = {}
        for key in groups:
            named, listed = qualifiers.get(key, []), peers.get(key, set())
            if not named and not listed:
                out[key] = _NO_CONTEXT
                continue
            areas = frozenset(area for q in named for area in self._areas_named(q))
            out[key] = _GroupContext(tuple(named), areas, frozenset(listed))
        return out

    def _find_qualifiers(
        self,
        text: str,
        mentions: Sequence[Mention],
        group_of: list[str],
        groups: Mapping[str, _Group],
    ) -> dict[str, list[Mention]]:
        """ "X, Y" and "X in Y (province)": Y qualifies X. In a list of countries or of states
        ("Georgia, Iraq, Iran"; "Ohio, Illinois, Missouri") the next one does not qualify the
        one before ("Iraq" is not Arak, Iran; "Illinois" is not Riverside, Missouri).

        Returns the qualifiers of each qualified group, by key, in text order."""
        out: defaultdict[str, list[Mention]] = defaultdict(list)
        for idx in range(len(mentions) - 1):
            m, nxt = mentions[idx], mentions[idx + 1]
            if _QUALIFIER_GAP.fullmatch(text, m.end, nxt.start):
                key = group_of[idx]
                rank = _area_rank(groups[key])
                if rank and rank == _area_rank(groups[group_of[idx + 1]]):
                    continue
                out[key].append(nxt)
        return out

    def _evidence(
        self, groups: dict[str, _Group], ranking: Mapping[str, Sequence[Candidate | _Scored]]
    ) -> _Evidence:
        """How strongly the document points at each country and admin-1 region, and what each
        name itself put into it.

        ``ranking`` orders each group's candidates: by prior at first, then by the context score.
        """
        country: defaultdict[str, float] = defaultdict(float)
        admin: defaultdict[str, float] = defaultdict(float)
        by_place: defaultdict[str, float] = defaultdict(float)
        own: dict[str, _Own] = {}
        w = self.weights
        for key, g in groups.items():
            ranked = ranking[key]
            if not ranked:
                continue
            top = ranked[0]
            n = len(g.mentions) ** w.repeat_exponent
            clear = len(ranked) == 1 or (top.score - ranked[1].score > w.clear_margin)
            if g.is_demonym:
                if top.place.kind != "country":
                    continue  # "Kurdish fighters" say nothing of where a story happens
                # "Turkish forces shelled X": a demonym names an actor more often than a place.
                weight = w.evidence_demonym
            elif top.place.kind in ("country", "admin1"):
                weight = w.evidence(top.place.kind)
            elif clear:
                weight = w.evidence_clear
            else:
                # Ambiguous names spread their weight over their readings' countries, in code
                # order: float sums (and rounded features) must not vary with the hash seed.
                codes = sorted({c.place.country_code for c in ranked[:5]})
                for code in codes:
                    country[code] += w.evidence_ambiguous * n / len(codes)
                continue
            own[key] = _Own(top.place, weight * n)
            country[top.place.country_code] += weight * n
            by_place[top.place.place_id] += weight * n
            if top.place.admin1_code:
                admin[top.place.admin1_code] += weight * n
        totals = sum(country.values()), sum(admin.values())
        return _Evidence(country, admin, *totals, by_place, own)

    def _score(
        self,
        g: _Group,
        context: _GroupContext,
        ev: _Evidence,
        support: _Support,
        focus: Focus | None,
        anchors: _Anchors | None,
        listed: _Listed | None = None,
        once: Remembered | None = None,
    ) -> list[_Scored]:
        """The group's candidates with their context scores, best first: each feature of the
        registry (:data:`geomap.resolution.features.FEATURES`) over all the candidates, added to
        their priors in the registry's order.

        ``listed`` (final pass only) holds each name's first-pass reading, for the names listed
        with this one; ``once`` the columns of the name's earlier rounds in the document, taken
        again where what a feature reads has not changed (see
        :func:`~geomap.resolution.features.feature_columns`).
        """
        if not g.candidates:
            return []
        ctx = ScoreContext(
            g,
            context,
            self.weights,
            ev,
            support,
            focus,
            anchors,
            set().union(*(CUE_KINDS[c] for c in g.cues)) if g.cues else set(),
            listed,
        )
        columns = feature_columns(ctx, once)
        scored = []
        for idx, cand in enumerate(g.candidates):
            extra = 0.0
            for _, col in columns:
                v = col[idx]
                if v is not None:
                    extra += v
            scored.append(_Scored(cand.features["prior"] + extra, cand.place, cand, columns, idx))
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
            place = _anchor(groups[key], ranked, self.weights)
            if place is not None:
                out[key] = place
        return out


def _with_features(c: Candidate, features: dict[str, float]) -> Candidate:
    """A candidate with other features: built directly, as dataclasses.replace cost about 5 %
    of resolution time (a test checks that Candidate has no other fields)."""
    return Candidate(c.place, c.score, c.match, c.matched_name, features)


def _proximity_rounds(
    groups: Mapping[str, _Group],
    final: dict[str, list[_Scored]],
    anchors: dict[str, Place],
    rescore: Callable[[str], list[_Scored]],
    w: Weights,
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
        place = _anchor(groups[k], final[k], w)
        if place is None:
            anchors.pop(k, None)
        else:
            anchors[k] = place
        if _same(anchors, initial, k):
            changed.discard(k)
        else:
            changed.add(k)


def _accept(r: Reading) -> Resolution:
    """The mention's resolution: its best reading unless an acceptance check
    (:data:`geomap.resolution.checks.CHECKS`) refuses it, with the reason either way."""
    reason = refusal(r)
    best = None if reason else r.ranked[0]
    return Resolution(
        mention=r.mention,
        place=best.place if best else None,
        candidates=tuple(r.ranked),
        score=round(best.score, 4) if best else 0.0,
        reason=reason or _explain(r.ranked[0]),
    )


def _same(a: Mapping[str, Place], b: Mapping[str, Place], key: str) -> bool:
    """Whether two sets of anchors give a name the same place (or none)."""
    pa, pb = a.get(key), b.get(key)
    return (pa.place_id if pa else None) == (pb.place_id if pb else None)


def _margin(ranked: list[_Scored]) -> float:
    """How far a name's best reading leads the next one (its only reading: by its score)."""
    if not ranked:
        return 0.0
    return ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)


def _anchor(group: _Group, ranked: list[_Scored], w: Weights) -> Place | None:
    """The place a name's reading gives as an anchor of proximity, if any: a point (or a
    county) taken with a good enough score, not a demonym's country."""
    if (
        not ranked
        or ranked[0].score < min_score(ranked[0].source, len(ranked), w)
        or (ranked[0].place.is_area and ranked[0].place.kind not in ANCHOR_AREAS)
        or group.is_demonym
    ):
        return None
    if all(m.cue == "feature" for m in group.mentions) and not well_known(ranked[0].place, w):
        return None  # "Flat Creek": the small place "Flat" is not in the document
    return ranked[0].place


#: What stands between a name and its qualifier: "Tal Abyad, Syria", "Baghouz in Deir Ezzor".
_QUALIFIER_GAP = re.compile(r",\s*|\s+in\s+(?:the\s+)?|\s*\(\s*")

#: A name followed by more names and then a plural kind of place ("Camden and Charlton
#: counties", "Idlib and Hama provinces"): the kind word.
_LISTED_KIND = re.compile(
    rf"(?:\s*(?:{LIST_GAP.pattern})"
    r"[A-Z][\w'.-]*(?:\s(?:[A-Z][\w'.-]*|[a-z]{1,3}-[A-Z][\w'.-]*)){0,3})*"
    rf"\s+((?i:{'|'.join(LISTED_PLURALS)}))\b"
)
#: A plural kind word where :data:`_LISTED_KIND` can end.
_KIND_WORD = re.compile(rf"\s((?i:{'|'.join(LISTED_PLURALS)}))\b")
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


def _find_lists(
    text: str,
    mentions: Sequence[Mention],
    group_of: list[str],
    groups: Mapping[str, _Group],
    list_min: int,
) -> dict[str, set[str]]:
    """Names listed together, three or more ("Armenia, Georgia and Iraq"), are each other's
    list peers: the peers of each listed group, by key."""
    peers: defaultdict[str, set[str]] = defaultdict(set)
    run = [0] if mentions else []
    for idx in range(1, len(mentions) + 1):
        joined = idx < len(mentions) and LIST_GAP.fullmatch(
            text[mentions[idx - 1].end : mentions[idx].start]
        )
        if joined:
            run.append(idx)
            continue
        keys = {group_of[i] for i in run if not groups[group_of[i]].is_demonym}
        if len(keys) >= list_min:
            for key in keys:
                peers[key] |= keys - {key}
        run = [idx]
    return peers


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


def _called_city(group: _Group, city_readings: Callable[[], Sequence[Candidate]]) -> bool:
    """Whether a region's capital of the same name is called "X City" ("Quebec City",
    among ``city_readings()``, looked up only when needed) and the region has the name as its
    own: the bare name is then the region's ("Quebec" is the province), not the capital's.
    ("Gaza" is only another name of the Gaza Strip.)"""
    own = any(
        c.place.kind == "admin1"
        and c.place.admin1_code in group.seat_regions
        and matched_primary_name(c)
        for c in group.candidates
    )
    return own and any(c.place.place_id in group.seats for c in city_readings())


def _area_rank(group: _Group) -> str:
    """ "country" or "admin1" when a name's first reading (by the gazetteer's prior) is one, by
    its own name; else ""."""
    if not group.candidates:
        return ""
    first = group.candidates[0]
    if first.place.kind in ("country", "admin1") and first.match in ("exact", "normalized"):
        return first.place.kind
    return ""


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
