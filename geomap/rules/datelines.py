"""Dates and datelines: eras after numbers ("500 B.C."), dotted state abbreviations ("Paris,
Ky.") and a dateline's city at a sentence start ("GENEVA —", handled by the common-word rules
through the ``cued`` fact). The era markers are data: ``eras``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine import REJECT, Draft, Rule, Verdict, relabel

if TYPE_CHECKING:
    from .facts import Facts


def _era(f: Facts, d: Draft) -> Verdict | None:
    if f.before.isdigit() and f.span.key.replace(" ", "") in f.lex.eras:
        return REJECT
    return None


def _abbreviation(f: Facts, d: Draft) -> Verdict | None:
    return relabel(cue="abbreviation") if f.abbreviation else None


RULES: tuple[Rule, ...] = (
    Rule(
        "datelines.era",
        "name",
        'An era after a number is a date: "in 500 B.C." is not British Columbia.',
        keep=(("Wildfires spread across B.C. on Monday.", "B.C."),),
        drop=(("The temple was built in 500 B.C. by settlers.", "B.C"),),
        decide=_era,
        words=("eras",),
    ),
    Rule(
        "datelines.abbreviation",
        "common",
        'A region\'s dotted short form the gazetteer holds is kept with its dot: "Paris, Ky.", '
        '"Athens, Ga.".',
        keep=(("The plant in Paris, Ky. closed.", "Ky."),),
        drop=(("The plant in Paris, Ky closed.", "Ky"),),
        decide=_abbreviation,
    ),
)
