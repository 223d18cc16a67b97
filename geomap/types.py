"""Small frozen value objects exchanged between the pipeline stages.

Every object that refers to text carries ``(start, end)`` character offsets into the document text
(Python ``str`` indices, end-exclusive), so ``text[start:end]`` always gives back what was found.
Coordinates are ``lon, lat`` (GeoJSON / shapely order) everywhere; the swap to folium's
``(lat, lon)`` happens only in the map renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .errors import InputError

#: Place kinds in the order a reader would call them "bigger" (used for ranking and display).
AREA_KINDS = frozenset(
    {
        "continent",
        "country",
        "admin1",
        "admin2",
        "region",
        "river",
        "lake",
        "sea",
        "strait",
        "canal",
        "desert",
        "island",
        "mountains",
    }
)


class Role(StrEnum):
    """How a mention's span is used (:attr:`Mention.role`). A member is its string: it
    compares equal to it ("place"), prints and serialises (JSON, GeoJSON) as it, and its repr
    is the string's."""

    PLACE = "place"  # a literal location
    AREA = "area"  # a directional or named area: "northeast Syria"
    DEMONYM = "demonym"  # "Syrian"
    EMBEDDED = "embedded"  # inside an organisation's name, or an institution: "White House"
    MODIFIER = "modifier"  # "US-led", "Syria-based"

    def __repr__(self) -> str:
        return repr(self.value)


class Cue(StrEnum):
    """Why a name was taken for a place (:attr:`Mention.cue`), or the kind the text gives it
    ("Hama province": ``province``; the words of ``place_kinds`` in
    ``geomap/data/recognition.toml``). A member is its string, as :class:`Role`'s are."""

    NONE = ""
    PREPOSITION = "preposition"  # "in Reading"
    CONTEXT = "context"  # the wording marks it a place: "the village of X", "X village"
    DEMONYM = "demonym"
    DIRECTION = "direction"  # "northeast Syria"
    FEATURE = "feature"  # a natural feature the gazetteer lacks: "Neches River"
    STREET = "street"
    INSTITUTION = "institution"  # "White House"
    ORGANISATION = "organisation"  # "London School of Economics"
    TEAM = "team"
    MODIFIER = "modifier"
    ABBREVIATION = "abbreviation"  # "Pa.", "B.C."
    AIRPORT = "airport"
    # kind words after the name
    VILLAGE = "village"
    TOWN = "town"
    CITY = "city"
    HAMLET = "hamlet"
    DISTRICT = "district"
    SUBDISTRICT = "subdistrict"
    PROVINCE = "province"
    GOVERNORATE = "governorate"
    REGION = "region"
    CAMP = "camp"
    NEIGHBOURHOOD = "neighbourhood"
    NEIGHBORHOOD = "neighborhood"
    SUBURB = "suburb"
    SETTLEMENT = "settlement"
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    VALLEY = "valley"
    RIVER = "river"
    MOUNTAIN = "mountain"
    MOUNTAINS = "mountains"
    CROSSING = "crossing"
    BORDER_CROSSING = "border crossing"
    REFUGEE_CAMP = "refugee camp"
    PRISON = "prison"
    BASE = "base"
    AIRBASE = "airbase"
    DAM = "dam"
    OILFIELD = "oilfield"
    FIELD = "field"
    COUNTRYSIDE = "countryside"
    OUTSKIRTS = "outskirts"
    ISLAND = "island"
    STATE = "state"
    PORT = "port"
    CAPITAL = "capital"
    ENCLAVE = "enclave"
    AREA = "area"
    COUNTIES = "counties"
    PARISHES = "parishes"

    def __repr__(self) -> str:
        return repr(self.value)


#: Mention roles that name a location where something is or happens. The others (``demonym``,
#: ``embedded``, ``modifier``) still refer to a place, and are written with its point, but
#: maps, events and document evidence use only these.
LITERAL_ROLES = frozenset({Role.PLACE, Role.AREA})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record.

    ``place_id`` is ``geonames:<id>`` for GeoNames-derived rows, ``geomap:<slug>`` for the curated
    border-region supplement, ``user:<source>:<id>`` for imported rows.
    ``kind`` is a readable kind (``city``, ``town``, ``village``, ``country``, ``admin1``,
    ``camp``, ``border_crossing``, ``region``, ``river``...) and ``feature_code`` the GeoNames
    code when known.
    ``radius_km`` is the uncertainty of the representative point; ``geometry_wkt`` holds an outline
    (regions) or a line (rivers) when the source gives one.
    ``name_gazetteer`` is empty on gazetteer records; on a geoparsing result's place it holds the
    gazetteer's own name, and ``name`` the name an English-language reader knows ("Ras al-Ain"
    for "Ra’s al ‘Ayn"; :mod:`geomap.gazetteer.readable`).
    """

    place_id: str
    name: str
    lon: float
    lat: float
    kind: str
    country_code: str = ""
    admin1_code: str = ""
    admin1_name: str = ""
    population: int = 0
    feature_code: str = ""
    radius_km: float = 0.0
    source: str = ""
    geometry_wkt: str = ""
    name_gazetteer: str = ""

    @property
    def gazetteer_name(self) -> str:
        """The gazetteer's own name for the place (``name_gazetteer``, else ``name``)."""
        return self.name_gazetteer or self.name

    @property
    def is_area(self) -> bool:
        """True for countries, provinces, named regions, rivers and lakes."""
        return self.kind in AREA_KINDS

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (``lon``/``lat`` as numbers)."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "lon": round(self.lon, 6),
            "lat": round(self.lat, 6),
            "kind": self.kind,
            "feature_code": self.feature_code,
            "country_code": self.country_code,
            "admin1_code": self.admin1_code,
            "admin1_name": self.admin1_name,
            "population": self.population,
            "radius_km": self.radius_km,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with how the name matched and why it scored as it did.

    ``match`` is ``exact`` (the record's own name), ``alias`` (an alternate name), ``normalized``
    (after transliteration folding) or ``fuzzy``. ``features`` holds the score components.
    """

    place: Place
    score: float
    match: str = "exact"
    matched_name: str = ""
    features: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The candidate as a flat JSON-ready dict: the place fields plus match and score."""
        out = self.place.to_dict()
        out["match"] = self.match
        out["matched_name"] = self.matched_name
        out["score"] = round(self.score, 4)
        return out


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")


def as_date(value: object) -> dt.date | None:
    """A publication date from a ``date``, a ``datetime`` (a pandas ``Timestamp`` is one), or ISO
    text (``YYYY-MM-DD`` or an ISO datetime); ``None`` (and pandas' ``NaT``) stay ``None``.

    >>> as_date("2019-10-14"), as_date("2019-10-14T08:30:00+03:00")
    (datetime.date(2019, 10, 14), datetime.date(2019, 10, 14))
    >>> as_date("14/10/2019")
    Traceback (most recent call last):
    ...
    geomap.errors.InputError: '14/10/2019' is not a date (expected YYYY-MM-DD or an ISO datetime)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value != value:  # pandas.NaT
            return None
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DAY_RE.fullmatch(text):
                return dt.date.fromisoformat(text)
            if _ISO_DATETIME_RE.match(text):
                return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(f"{value!r} is not a date (expected YYYY-MM-DD or an ISO datetime)")


@dataclass(frozen=True, slots=True)
class Document:
    """A news document: its text and what is known about it.

    The fields are checked when it is made: ``published`` may be given as a ``date``, a
    ``datetime`` or ISO text and is kept as a ``date``; an integer ``id`` becomes text.

    >>> Document("a", "Shelling hit Tal Abyad.", published="2019-10-14").published
    datetime.date(2019, 10, 14)
    >>> Document("a", "Shelling hit Tal Abyad.", published="last Monday")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geomap.errors.InputError: document 'a': published 'last Monday' is not a date (expected ...)
    """

    id: str
    text: str
    published: dt.date | None = None
    title: str = ""
    url: str = ""
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.id, int) and not isinstance(self.id, bool):
            object.__setattr__(self, "id", str(self.id))
        elif not isinstance(self.id, str):
            raise InputError(f"document id {self.id!r} is a {type(self.id).__name__}, not text")
        if not isinstance(self.text, str):
            raise InputError(
                f"document {self.id!r}: text is a {type(self.text).__name__}, not a string"
            )
        if self.published is not None and type(self.published) is not dt.date:
            try:
                object.__setattr__(self, "published", as_date(self.published))
            except InputError as exc:
                raise InputError(f"document {self.id!r}: published {exc}") from None
        for name in ("title", "url", "source"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise InputError(
                    f"document {self.id!r}: {name} is a {type(value).__name__}, not a string"
                )
        if not isinstance(self.meta, Mapping):
            raise InputError(
                f"document {self.id!r}: meta is a {type(self.meta).__name__}, not a mapping"
            )


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of document text recognised as a place name (or a flagged look-alike).

    ``role`` says how the span is used: ``place`` (a literal location), ``area`` (a directional or
    named area such as "northeast Syria"), ``demonym`` ("Syrian"), ``embedded`` (a toponym inside
    an organisation name such as "London School of Economics", or an institution named like a
    place such as "White House"), or ``modifier`` ("US-led", "Syria-based"). The last three refer
    to a place but are not :attr:`literal`: nothing happens there. ``cue`` is the evidence that
    made it a place mention. ``rules`` names the recognition rules that decided it, in the
    order they did (``geomap rules`` lists them); it takes no part in comparisons.
    """

    doc_id: str
    start: int
    end: int
    text: str
    role: Role = Role.PLACE
    cue: Cue = Cue.NONE
    lookup: str = ""
    rules: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        # a role or cue given as its string ("place") is read as the member
        if type(self.role) is not Role:
            object.__setattr__(self, "role", Role(self.role))
        if type(self.cue) is not Cue:
            object.__setattr__(self, "cue", Cue(self.cue))

    @property
    def literal(self) -> bool:
        """Whether the mention names a location where something is or happens (role ``place``
        or ``area``); demonyms, embedded names and modifiers are not."""
        return self.role in LITERAL_ROLES


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention with the place chosen for it (``None`` when nothing fits) and the runners-up."""

    mention: Mention
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    score: float = 0.0
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """True when a place was chosen."""
        return self.place is not None
