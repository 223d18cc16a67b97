"""The score features of resolution: a registry of named features, each computed for all of a
name's candidates at once.

A candidate's score is its gazetteer prior plus the features that apply to it, added in the
order of :data:`FEATURES` (the order its ``features`` dict lists them). A feature's ``column``
reads a :class:`ScoreContext` (the name, what the text around it says, the document's evidence,
the weights) and returns one
value per candidate (``None`` where it does not apply to that candidate), or ``None`` when it
does not apply to the name at all.

Computing a feature over all candidates of a name, not one call per candidate, keeps the cost
of the registry small: ``_score`` runs about 35,000 times on the shared corpora, for four
candidates on average.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..gazetteer import matched_primary_name
from ..gazetteer.normalize import fold, name_key
from ..types import Candidate, Place
from .weights import Weights

if TYPE_CHECKING:
    from ..resolve import Focus, _Anchors, _Evidence, _Group, _GroupContext, _Support

Column = list[float | None]


class ScoreContext:
    """What a name's features read, set up once per name and scoring round: the name's group
    (``g``, what is known of the name itself), its ``context`` in the text (qualifiers, list
    peers), the document's evidence (``ev``, with the name's own part in it), the ``anchors``
    of proximity (final rounds) and each name's first reading (``listed``, final rounds)."""

    __slots__ = (
        "_agree",
        "_dist",
        "_same",
        "anchors",
        "cands",
        "context",
        "ev",
        "focus",
        "g",
        "kinds",
        "listed",
        "other_names",
        "own_c",
        "peers",
        "support",
        "top",
        "total_a",
        "total_c",
        "w",
    )

    def __init__(
        self,
        g: _Group,
        context: _GroupContext,
        w: Weights,
        ev: _Evidence,
        support: _Support,
        focus: Focus | None,
        anchors: _Anchors | None,
        kinds: set[str],
        listed: Mapping[str, Place] | None,
    ) -> None:
        self.g, self.cands, self.w, self.ev, self.support = g, g.candidates, w, ev, support
        self.context, self.focus, self.anchors, self.kinds = context, focus, anchors, kinds
        self.listed = listed
        #: the first readings of the names listed with this one
        self.peers = (
            [listed[k] for k in sorted(context.list_peers) if k in listed] if listed else []
        )
        # the reading this name's own evidence went to, and how much it gave
        own = ev.own.get(g.key)
        self.top = top = own.place if own is not None else None
        self.own_c = own_c = own.amount if own is not None else 0.0
        self.total_c = ev.country_total - own_c
        # what this name itself put into the admin-1 evidence: nothing when its reading is a
        # country
        self.total_a = ev.admin_total - (own_c if top is not None and top.admin1_code else 0.0)
        self.other_names = support.names - (0 if g.is_demonym else 1)
        self._same: list[float] | None = None
        self._agree: list[int] | None = None
        self._dist: list[float] | bool | None = False  # False: not computed yet

    def same(self) -> list[float]:
        """Per candidate, the evidence other names gave for this very place ("Dublin City" read
        as Dublin): it is no evidence for it, the place would only be confirming itself."""
        if self._same is None:
            by_place, own_c = self.ev.by_place, self.own_c
            top_id = self.top.place_id if self.top is not None else None
            self._same = [
                by_place.get(c.place.place_id, 0.0) - (own_c if c.place.place_id == top_id else 0.0)
                for c in self.cands
            ]
        return self._same

    def agree(self) -> list[int]:
        """Per candidate, how many other names could lie in its admin-1 region."""
        if self._agree is None:
            admin, g = self.support.admin, self.g
            counted = not g.is_demonym  # a demonym's own readings are not counted
            readings = g.admin_readings
            self._agree = [
                admin.get(code, 0) - (code in readings and counted) if code else 0
                for code in [c.place.admin1_code for c in self.cands]
            ]
        return self._agree

    def distances(self) -> list[float] | None:
        """Per candidate, the km from the place's edge to the nearest anchor of the other names
        (an area is close to what lies inside it); None when there is no anchor."""
        if self._dist is False:
            near = self.anchors.nearest_km(self.g) if self.anchors is not None else None
            self._dist = (
                None
                if near is None
                else [
                    max(0.0, d - (c.place.radius_km if c.place.is_area else 0.0))
                    for d, c in zip(near, self.cands, strict=True)
                ]
            )
        return self._dist  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Feature:
    """A named score feature: its doc, the weights it reads and its column.

    ``reads``: what of a scoring round the column reads, the one :class:`ScoreContext`
    attribute that changes between the rounds of a document it reads: ``ev`` (the evidence),
    ``anchors`` (the other names' readings, for proximity) or ``listed`` (the first readings of
    the names listed with it), or "" for none. The rest it may read (the name, the text around
    it, the document's candidates) is the same in every round: a name's column is computed
    again only when ``reads`` has changed since its last round (see :func:`feature_columns`).
    """

    name: str
    doc: str
    weights: tuple[str, ...]
    column: Callable[[ScoreContext], Column | None]
    reads: str = ""


def _country(c: ScoreContext) -> Column | None:
    if c.total_c <= 0:
        return None
    w, total_c, own_c, country_ev = c.w.w_country, c.total_c, c.own_c, c.ev.country
    top_cc = c.top.country_code if c.top is not None else None
    out: Column = []
    for cand, same in zip(c.cands, c.same(), strict=True):
        p = cand.place
        own = own_c if p.country_code == top_cc else 0.0
        own += same
        if not p.country_code and p.is_area:
            evidence = _leading(c)
        else:
            evidence = country_ev.get(p.country_code, 0.0) - own
        out.append(w * evidence / total_c)
    return out


def _leading(c: ScoreContext) -> float:
    """The leading country's evidence, this name's own taken out: an ocean, a continent or a
    world region lies in no country and is read as if it lay in that one, so a story's country
    does not favour its towns over it ("Storms over the Atlantic hit Florida")."""
    top_cc = c.top.country_code if c.top is not None else None
    return max(
        (v - (c.own_c if top_cc == code else 0.0) for code, v in c.ev.country.items() if code),
        default=0.0,
    )


def _admin1(c: ScoreContext) -> Column | None:
    if c.total_a <= 0:
        return None
    w, total_a, own_c, admin_ev = c.w.w_admin1, c.total_a, c.own_c, c.ev.admin
    top_a1 = c.top.admin1_code if c.top is not None else None
    out: Column = []
    for cand, same in zip(c.cands, c.same(), strict=True):
        code = cand.place.admin1_code
        if not code:
            out.append(None)
            continue
        own_a = own_c if code == top_a1 else 0.0
        own_a += same
        out.append(w * (admin_ev.get(code, 0.0) - own_a) / total_a)
    return out


def _support(c: ScoreContext) -> Column | None:
    w, other = c.w.w_support, c.other_names
    if other <= 0 or not w:
        return None
    return [
        w * agree / other if cand.place.admin1_code else None
        for cand, agree in zip(c.cands, c.agree(), strict=True)
    ]


def _qualifier(c: ScoreContext) -> Column | None:
    if not c.context.qualifiers:
        return None
    w, areas = c.w.w_qualifier, c.context.qualifier_areas
    return [
        w
        * float(
            ("country", p.country_code) in areas or ("admin1", p.admin1_code) in areas,
        )
        for p in (cand.place for cand in c.cands)
    ]


def _cue(c: ScoreContext) -> Column | None:
    if not c.g.cues:
        return None
    w, kinds = c.w.w_cue, c.kinds
    return [w if cand.place.kind in kinds else 0.0 for cand in c.cands]


def _focus(c: ScoreContext) -> Column | None:
    focus = c.focus
    if focus is None:
        return None
    w = c.w.w_focus
    return [w if focus.contains(cand.place) else 0.0 for cand in c.cands]


def _proximity(c: ScoreContext) -> Column | None:
    dist = c.distances()
    if dist is None:
        return None
    w, scale, w_near, near_km = c.w.w_proximity, c.w.proximity_km, c.w.w_near, c.w.near_km
    out: Column = []
    for cand, d in zip(c.cands, dist, strict=True):
        v = w * math.exp(-d / scale)
        if matched_primary_name(cand):
            v += w_near * math.exp(-d / near_km)
        out.append(v)
    return out


def _list(c: ScoreContext) -> Column | None:
    peers, w = c.peers, c.w.w_list
    if not peers or not w:
        return None
    out: Column = []
    for cand in c.cands:
        p = cand.place
        alike = sum(q.kind == p.kind and q.country_code == p.country_code for q in peers)
        out.append(w * alike / len(peers))
    return out


def _seat(c: ScoreContext) -> Column | None:
    g = c.g
    if not g.seat_regions and not g.city_seats:
        return None
    w = c.w.w_seat
    named = "admin1" in c.kinds  # "Daraa province" is the province
    return [
        -w
        if (w and p.kind == "admin1" and p.admin1_code in g.seat_regions and not named)
        or p.place_id in g.city_seats
        else None
        for p in (cand.place for cand in c.cands)
    ]


def _namesake(c: ScoreContext) -> Column | None:
    g, w = c.g, c.w
    kind = g.namesake_kind
    penalty = w.w_namesake_country if kind == "country" else w.w_namesake if kind else 0.0
    if not penalty:
        return None
    qualifier = _qualifier(c)  # a qualifier naming its area lifts the penalty
    dist = c.distances()
    out: Column = []
    for idx, (cand, agree) in enumerate(zip(c.cands, c.agree(), strict=True)):
        p = cand.place
        if (
            p.place_id in g.own_seats
            or p.is_area
            or p.population >= w.well_known_population
            or (qualifier is not None and qualifier[idx])
        ):
            out.append(None)
            continue
        d = dist[idx] if dist is not None else math.inf
        local = math.exp(-d / w.near_km) if agree >= w.namesake_support else 0.0
        out.append(-penalty * (1.0 - local))
    return out


def _variant(c: ScoreContext) -> Column | None:
    w, curated = c.w.w_variant, c.g.curated
    return [
        -w
        if cand.matched_name != cand.place.name
        and (
            (curated and _curated_over(c, cand))
            or (not cand.place.is_area and _own_name_elsewhere(c, cand))
        )
        else None
        for cand in c.cands
    ]


def _curated_over(c: ScoreContext, cand: Candidate) -> bool:
    """Whether geomap's supplements give the name to a place and this one, from GeoNames, has it
    only as another name: "the Gulf" is the Persian Gulf, not Gulf Province, Papua New Guinea."""
    return (
        c.g.curated
        and not cand.place.source.startswith("geomap")
        and not matched_primary_name(cand)
    )


def _own_name_elsewhere(c: ScoreContext, cand: Candidate) -> bool:
    """Whether a place read by another of its names yields to a place whose own name this is:
    in its country, or anywhere when that one is large enough ("Cancun" is Cancún, not
    Changchun), or to a state or country ("New York" is the state: the city's own name is "New
    York City")."""
    p, g, w = cand.place, c.g, c.w
    if p.is_area:
        return False
    # its own name in another spelling is no other name: "Susa" for As Susah
    if name_key(cand.matched_name) == name_key(p.name):
        return False
    return (
        p.country_code in g.own_name_countries
        or (
            g.own_name_population >= w.variant_own_min
            and g.own_name_population * w.variant_ratio >= p.population
            and spelled_out(cand.matched_name) != spelled_out(p.name)
        )
        or (
            p.country_code in g.own_area_countries
            and fold(p.name) == fold(cand.matched_name) + " city"
        )
    )


_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def spelled_out(name: str) -> str:
    """A name folded, with its short words written out.

    >>> spelled_out("St. Petersburg")
    'saint petersburg'
    """
    return " ".join(_SHORT_WORDS.get(w, w) for w in re.findall(r"\w+", fold(name)))


#: The score features, in the order they are added to a candidate's prior.
FEATURES: tuple[Feature, ...] = (
    Feature(
        "country",
        "share of the other names' evidence for the candidate's country (an ocean, continent or "
        "world region gets the leading country's share)",
        ("w_country",),
        _country,
        reads="ev",
    ),
    Feature(
        "admin1",
        "the same for the candidate's first-level region",
        ("w_admin1",),
        _admin1,
        reads="ev",
    ),
    Feature(
        "support",
        "share of the other names with some reading in the candidate's admin-1 region",
        ("w_support", "support_readings"),
        _support,
    ),
    Feature(
        "qualifier",
        "a qualifier next to the name names the candidate's country or region ('Tal Abyad, Syria')",
        ("w_qualifier",),
        _qualifier,
    ),
    Feature("cue", "the candidate has the kind the text names ('X province')", ("w_cue",), _cue),
    Feature("focus", "the candidate lies in the --focus region", ("w_focus",), _focus),
    Feature(
        "proximity",
        "closeness to the other names' readings, and more within a few km for a reading by the "
        "place's own name",
        ("w_proximity", "proximity_km", "w_near", "near_km"),
        _proximity,
        reads="anchors",
    ),
    Feature(
        "list",
        "share of the names listed with it whose reading has the candidate's kind and country",
        ("w_list", "list_min"),
        _list,
        reads="listed",
    ),
    Feature(
        "seat",
        "penalty for a region read from the name its capital also has ('Daraa'), or for a capital "
        "called 'X City' whose region has the name ('Quebec')",
        ("w_seat",),
        _seat,
    ),
    Feature(
        "namesake",
        "penalty for a small place named like a country, region or sea ('China', Texas), less "
        "when it lies a few km from the story's other places",
        ("w_namesake", "w_namesake_country", "namesake_support", "near_km"),
        _namesake,
        reads="anchors",
    ),
    Feature(
        "variant",
        "penalty for a place that has the name only as another name when another place has it as "
        "its own ('Paris' is Paris, TN, not Swainsboro, GA)",
        ("w_variant", "variant_ratio", "variant_own_min"),
        _variant,
    ),
)

#: The names of the score features, in order.
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)


#: Columns a name was scored with, by feature name: what each read (``Feature.reads``) and the
#: column.
Remembered = dict[str, tuple[object, Column | None]]


def feature_columns(c: ScoreContext, once: Remembered | None = None) -> list[tuple[str, Column]]:
    """The columns of the features that apply to the context's name, in order.

    ``once`` holds the columns of the name's earlier rounds in the document: a feature's column
    is taken from it when what the feature reads (``Feature.reads``) is the same object, else
    computed and put there."""
    out = []
    for f in FEATURES:
        if once is None:
            col = f.column(c)
        else:
            read = getattr(c, f.reads) if f.reads else None
            earlier = once.get(f.name)
            if earlier is not None and earlier[0] is read:
                col = earlier[1]
            else:
                col = f.column(c)
                once[f.name] = (read, col)
        if col is not None:
            out.append((f.name, col))
    return out
