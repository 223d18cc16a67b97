"""Acceptance checks: whether a name's best reading is taken, each check returning its reason.

The checks run in the order of :data:`CHECKS`; the first that returns a reason leaves the
mention unresolved with it (its candidates and scores are kept). A reading no check refuses is
taken, with its score parts as the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geopy.distance import great_circle

from ..gazetteer import matched_primary_name
from ..types import Candidate, Mention, Place
from ..vocabulary import CUE_KINDS, NATURAL_CUES
from .weights import Weights

if TYPE_CHECKING:
    from ..resolve import _Evidence, _Group


@dataclass(frozen=True, slots=True)
class Reading:
    """What the checks read: a mention, its group's ranked candidates (those kept), how many
    readings were scored, its group and the document's evidence."""

    mention: Mention
    ranked: Sequence[Candidate]
    readings: int
    group: _Group
    ev: _Evidence
    w: Weights


@dataclass(frozen=True, slots=True)
class Check:
    """A named acceptance check: ``test`` returns the reason the best reading is refused, or
    "" when it passes."""

    id: str
    doc: str
    weights: tuple[str, ...]
    test: Callable[[Reading], str]


def _no_candidate(r: Reading) -> str:
    return "" if r.ranked else "no candidate"


def _low_score(r: Reading) -> str:
    top = r.ranked[0]
    foreign = foreign_guess(top, r.group, r.ev, r.w)
    threshold = min_score(top, r.readings, r.w, foreign)
    if top.score >= threshold:
        return ""
    return (
        f"low score: best reading {top.place.name} ({top.place.country_code or '-'}) "
        f"scored {top.score:.2f}, below {threshold}"
        + ("; the document's other places lie in other countries" if foreign else "")
    )


def _ambiguous(r: Reading) -> str:
    rival = _rival(r.ranked, r.w)
    if rival is None:
        return ""
    return (
        f"ambiguous: {_where(r.ranked[0].place)} and {_where(rival.place)} score "
        f"within {r.w.ambiguous_margin}"
    )


def _feature_small_place(r: Reading) -> str:
    # "Black Rock Desert", "Red Square": a small namesake place is not the feature.
    if r.mention.cue == "feature" and not well_known(r.ranked[0].place, r.w):
        return "feature named after a small place; left unresolved"
    return ""


def _natural_far(r: Reading) -> str:
    # "Kish River" in Illinois is not Kish Island, Iran: a river or mountain named like a small
    # town is that town's only when the town lies near the document's other places
    # ("Naugatuck River" near Waterbury).
    best, cue = r.ranked[0], r.mention.cue
    if (
        cue in NATURAL_CUES
        and best.place.kind not in CUE_KINDS[cue]
        and not well_known(best.place, r.w)
        and best.features.get("proximity", 0.0) < r.w.natural_near
    ):
        return "feature named after a small place far away; left unresolved"
    return ""


#: The acceptance checks, in the order they run.
CHECKS: tuple[Check, ...] = (
    Check("no-candidate", "the gazetteer has no reading of the name", (), _no_candidate),
    Check(
        "low-score",
        "the best reading scores below the threshold of its kind: min_score for areas and a name "
        "that is exactly one place's, min_point_score for a town among namesakes, matched after "
        "folding or by an alternate name, or a lone small place abroad",
        ("min_score", "min_point_score", "variant_population", "lone_country_share"),
        _low_score,
    ),
    Check(
        "ambiguous",
        "a namesake in the same country, far away, scores within the margin (Paris, Tennessee, "
        "and Paris, Kentucky)",
        ("ambiguous_margin", "ambiguous_km", "ambiguous_max_pop"),
        _ambiguous,
    ),
    Check(
        "feature-small-place",
        "a feature ('Black Rock Desert') read as a small place of its name",
        ("well_known_population",),
        _feature_small_place,
    ),
    Check(
        "natural-feature-far",
        "a river, mountain or island read as a small town of its name far from the other places",
        ("natural_near", "well_known_population"),
        _natural_far,
    ),
)


def refusal(r: Reading) -> str:
    """The reason the first check that refuses the best reading gives ("" when none does)."""
    for check in CHECKS:
        reason = check.test(r)
        if reason:
            return reason
    return ""


def min_score(best: Candidate, readings: int, w: Weights, foreign: bool = False) -> float:
    """The score the best of a name's ``readings`` candidates needs to be taken.

    Areas (but a province that is a ``foreign`` guess), and a name that is exactly the name (or
    a curated alias) of one place only, need ``min_score``; a town or point feature chosen among
    namesakes, matched only after folding, or matched by one of the many alternate names
    GeoNames lists (a village once called so), or a ``foreign`` guess (see
    :func:`foreign_guess`), needs ``min_point_score``.
    """
    if (best.place.is_area and not (foreign and best.place.kind in FOREIGN_AREA_KINDS)) or (
        readings == 1
        and best.match == "exact"
        and (
            matched_primary_name(best)
            or best.place.place_id.startswith("geomap:")
            or best.place.population >= w.variant_population
        )
        and not foreign
    ):
        return w.min_score
    return w.min_point_score


#: Areas held to min_point_score in a foreign country: a province ("the Central Plateau" of
#: Haiti is not Plateau, Benin), not a country or world region.
FOREIGN_AREA_KINDS = frozenset({"admin1"})


def foreign_guess(best: Candidate, g: _Group, ev: _Evidence, w: Weights) -> bool:
    """A lone small place in a country the rest of the document does not point to, when it
    points clearly elsewhere ("Clifton Hill", Australia, in a story about Niagara Falls, Ontario;
    "Sambre", India, in one about Charleroi and Namur): the name's own place is most likely one
    the gazetteer lacks."""
    if (
        g.is_demonym  # "Chechen fighters" in a Syrian story: an actor, no location
        or best.place.place_id.startswith("geomap:")
        or best.place.population >= w.well_known_population
    ):
        return False
    others = ev.country_total - ev.own_amount(g.key)
    return (
        others >= w.lone_evidence
        and best.features.get("country", 0.0) < w.w_country * w.lone_country_share
    )


def _rival(ranked: Sequence[Candidate], w: Weights) -> Candidate | None:
    """A namesake in the same country, far from a town's best reading, that scores almost as
    well: the text does not tell which one it means. Namesakes in two countries are told apart
    by the document's countries; a city of ``ambiguous_max_pop`` people or more is taken."""
    best = ranked[0]
    if best.place.is_area or not w.ambiguous_margin or best.place.population >= w.ambiguous_max_pop:
        return None
    for other in ranked[1:]:
        if best.score - other.score >= w.ambiguous_margin:
            return None
        if (
            other.place.country_code == best.place.country_code
            and great_circle(
                (best.place.lat, best.place.lon), (other.place.lat, other.place.lon)
            ).km
            > w.ambiguous_km
        ):
            return other
    return None


def _where(place: Place) -> str:
    """A place with its region and country: "Springfield (Illinois, US)"."""
    area = ", ".join(x for x in (place.admin1_name, place.country_code) if x)
    return f"{place.name} ({area or '-'})"


def well_known(place: Place, w: Weights) -> bool:
    """Countries, provinces, regions, and places of ``well_known_population`` people or more."""
    return place.is_area or place.population >= w.well_known_population or place.kind == "city"
