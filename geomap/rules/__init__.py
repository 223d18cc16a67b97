"""Recognition rules: named records with examples, run in a declared order.

Each family of rules lives in one module (:mod:`.names`, :mod:`.people`,
:mod:`.organisations`, :mod:`.features`, :mod:`.arabic`, :mod:`.datelines`,
:mod:`.common_words`, :mod:`.sports`, :mod:`.lists`); :data:`ORDER` says in which order the
engine (:mod:`.engine`) asks them, stage by stage. ``geomap rules`` lists them with their docs
and examples, ``geomap explain TEXT`` shows which decided each name, and
``tests/test_rules.py`` runs every example.

The modules import :mod:`geomap.recognize`, which imports this package only when a recogniser
is first used, so either can be imported first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ..errors import ConfigurationError
from .engine import STAGES, Decision, Draft, Guard, Rule, Stages, Verdict

__all__ = [
    "GUARDS",
    "ORDER",
    "STAGES",
    "Decision",
    "Draft",
    "Rule",
    "Verdict",
    "all_rules",
    "candidate_stages",
    "rule",
]

#: Every rule id in the order the engine runs them (the stage of each is the rule's own).
ORDER = (
    # find
    "names.gazetteer-run",
    # name
    "names.as-written",
    "names.no-name-alone",
    "names.office-after",
    "features.generic-word",
    "datelines.era",
    # person
    "people.initials",
    "people.title-before",
    "people.title-in-run",
    "people.given-name-leads",
    "people.speaks",
    "people.given-name-described",
    "people.given-name-subject",
    # organisation
    "organisations.named",
    "organisations.disease",
    "organisations.market",
    "organisations.disease-prefix",
    # kind
    "organisations.head-word",
    "sports.club-words",
    "features.kind-after",
    "features.camp-after",
    # shape
    "arabic.settlement-compound",
    "features.settlement-head",
    "features.street",
    "features.natural-feature",
    "features.feature-noun",
    # common
    "common.currency",
    "common.acronym",
    "common.sentence-start",
    "common.needs-cue",
    "common.caps-line",
    "common.generic-head",
    "datelines.abbreviation",
    "common.two-letters",
    # person-late
    "people.surname-named-earlier",
    "people.given-name-other-name",
    "people.given-name-of-person",
    "people.speaks-alone",
    "people.given-name-alone",
    "people.tiny-place",
    "people.common-surname",
    "people.alternate-name",
    "people.small-place-in-name",
    "people.given-name-surname",
    "people.surname-after-given-names",
    # final
    "features.direction-area",
    "organisations.institution",
    "organisations.institution-in-name",
    "sports.plays-match",
    "names.modifier",
    "names.side-taken",
    "names.preposition-cue",
    # pass
    "lists.joined-by-and",
    "lists.coordinated-directions",
    "lists.counties",
    "names.demonyms",
    "features.cued-unknowns",
    "features.kind-of-name",
    "arabic.article-name-again",
    "lists.qualified-unknowns",
    "lists.listed-places",
)


#: The condition under which a stage's rules are asked at all (its rules rely on it).
GUARDS: dict[str, Guard] = {
    # "University of Georgia": after "of" inside the run, no person test applies; nor before
    # an office ("Fargo Mayor Dana Holt": names.office-after)
    "person": lambda f, d: not f.preceded_by_of and not f.office_after,
    # the late person tests judge a single word still read as a place (not before an office)
    "person-late": lambda f, d: d.role == "place" and f.single and not f.office_after,
}


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in :data:`ORDER`."""
    from . import (
        arabic,
        common_words,
        datelines,
        features,
        lists,
        names,
        organisations,
        people,
        sports,
    )

    modules = (names, people, organisations, features, arabic, datelines, common_words, sports)
    by_id = {r.id: r for m in (*modules, lists) for r in m.RULES}
    return tuple(by_id[i] for i in ORDER)


def rule(rule_id: str) -> Rule:
    """The rule of that id (KeyError naming the known ids otherwise)."""
    for r in all_rules():
        if r.id == rule_id:
            return r
    raise KeyError(f"no rule {rule_id!r}; known: {', '.join(ORDER)}")


@cache
def candidate_rules() -> tuple[Rule, ...]:
    """The rules that judge one candidate, in order."""
    return tuple(r for r in all_rules() if r.decide is not None)


#: Rules the later ones rely on, which cannot be switched off: after ``names.as-written`` every
#: candidate has a reading as written.
REQUIRED = frozenset({"names.as-written"})


def check_disabled(rule_ids: Iterable[str]) -> frozenset[str]:
    """Rule ids that can be switched off (``geomap evaluate --without``): candidate rules and
    passes but :data:`REQUIRED`; the ``find`` stage's rules only document how candidates are
    found."""
    known = {r.id: r for r in all_rules()}
    out = frozenset(rule_ids)
    for rule_id in sorted(out):
        if rule_id not in known:
            raise ConfigurationError(f"no rule {rule_id!r}; `geomap rules` lists them")
        if known[rule_id].decide is None and known[rule_id].run is None:
            raise ConfigurationError(f"rule {rule_id!r} finds candidates and cannot be disabled")
        if rule_id in REQUIRED:
            raise ConfigurationError(f"later rules rely on {rule_id!r}; it cannot be disabled")
    return out


@cache
def candidate_stages(without: frozenset[str] = frozenset(), alone: bool = False) -> Stages:
    """The candidate rules as the engine runs them: per stage, its guard and its rules (but
    those ``without`` names; with ``alone``, for a name that is its whole run, but those that
    read the run's other words: ``Rule.needs_run``)."""
    out = []
    for stage in STAGES:
        rules = tuple(
            (r.id, r.decide)
            for r in candidate_rules()
            if r.stage == stage and r.decide and r.id not in without and not (alone and r.needs_run)
        )
        if rules:
            out.append((GUARDS.get(stage), rules))
    return tuple(out)


@cache
def pass_rules(without: frozenset[str] = frozenset()) -> tuple[Rule, ...]:
    """The passes over the whole text that add mentions, in order (but those ``without``
    names)."""
    return tuple(r for r in all_rules() if r.run is not None and r.id not in without)
