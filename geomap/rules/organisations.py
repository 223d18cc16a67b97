"""Organisations, companies, diseases and institutions named after places ("London School of
Economics", "Boko Haram", "Amazon shares", "West Nile virus", "White House").

The words are data in ``geomap/data/recognition.toml``: ``organisations``, ``org_heads``,
``market_nouns``, ``disease_nouns``, ``disease_prefixes``, ``institutions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..recognize import _DETERMINERS
from .engine import REJECT, Draft, Rule, Verdict, relabel

if TYPE_CHECKING:
    from .facts import Facts


def _named(f: Facts, d: Draft) -> Verdict | None:
    rec = f.rec
    if f.span.key in rec._organisation_keys or rec._in_organisation_name(
        f.tokens, f.a, f.b, f.i, f.j
    ):
        return REJECT
    return None


def _disease(f: Facts, d: Draft) -> Verdict | None:
    return REJECT if f.next_word in f.lex.disease_nouns else None


def _market(f: Facts, d: Draft) -> Verdict | None:
    tokens, b = f.tokens, f.b
    if (
        f.next_word in f.lex.market_nouns
        and b + 1 < len(tokens)
        and tokens[b + 1].joined
        and f.top.kind not in ("country", "admin1")
        # the verb: "Windsor shares a border with Detroit"
        and not (b + 2 < len(tokens) and tokens[b + 2].folded in _DETERMINERS)
    ):
        return REJECT
    return None


def _disease_prefix(f: Facts, d: Draft) -> Verdict | None:
    words = f.run_words
    return REJECT if words and words[-1] in f.lex.disease_prefixes else None


def _head_word(f: Facts, d: Draft) -> Verdict | None:
    if not d.cue and any(t.folded in f.lex.org_heads for t in f.outside):
        return relabel("embedded", "organisation")
    return None


def _institution(f: Facts, d: Draft) -> Verdict | None:
    start = f.start_tok if d.start_tok is None else d.start_tok
    if d.role == "place" and f.written(start) in f.lex.institutions:
        return relabel("embedded", "institution")
    return None


def _institution_in_name(f: Facts, d: Draft) -> Verdict | None:
    start = f.start_tok if d.start_tok is None else d.start_tok
    if d.role == "embedded" and d.cue != "institution" and f.written(start) in f.lex.institutions:
        return relabel(cue="institution")
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        "organisations.named",
        "organisation",
        'A listed organisation\'s name is no place, nor are its words: "Hamas", "Boko Haram".',
        keep=(("Clashes erupted in Haram on Sunday.", "Haram"),),
        drop=(("Fighters of Boko Haram attacked a village.", "Haram"),),
        decide=_named,
        words=("organisations",),
    ),
    Rule(
        "organisations.disease",
        "organisation",
        'A place before a disease noun names the disease: "West Nile virus", "Lassa fever".',
        keep=(("The outbreak spread to Lassa last week.", "Lassa"),),
        drop=(("Cases of Lassa fever rose sharply.", "Lassa"),),
        decide=_disease,
        words=("disease_nouns",),
    ),
    Rule(
        "organisations.market",
        "organisation",
        'A place before "shares" or "stock" is a listed company: "Amazon shares fell".',
        keep=(("Windsor shares a border with Detroit.", "Windsor"),),
        drop=(("Amazon shares fell on Tuesday.", "Amazon"),),
        decide=_market,
        words=("market_nouns",),
    ),
    Rule(
        "organisations.disease-prefix",
        "organisation",
        'A place after a virus\'s name is the virus\'s strain: "Ebola Zaire", "Ebola-Reston".',
        keep=(("Doctors flew to Zaire in 1976.", "Zaire"),),
        drop=(("The Ebola Zaire strain killed many.", "Zaire"),),
        decide=_disease_prefix,
        words=("disease_prefixes",),
        needs_run=True,
    ),
    Rule(
        "organisations.head-word",
        "kind",
        "An organisation's head word in the run makes the place embedded: \"London School of "
        'Economics", "Syrian Democratic Forces", "Gulf War".',
        keep=(("She studied in London for a year.", "London"),),
        drop=(("She studied at the London School of Economics.", "London"),),
        decide=_head_word,
        words=("org_heads",),
        needs_run=True,
    ),
    Rule(
        "organisations.institution",
        "final",
        'An institution named like a place is embedded: "White House", "Kremlin".',
        keep=(("Protesters marched in Moscow.", "Moscow"),),
        drop=(("A spokesman for the White House declined to comment.", "White House"),),
        decide=_institution,
        words=("institutions",),
    ),
    Rule(
        "organisations.institution-in-name",
        "final",
        "An institution's name inside an organisation's is still the institution, no place: "
        '"White House Press Secretary" (GeoNames gives "White House" as Casablanca\'s other '
        "name).",
        keep=(("Reporters waited outside the White House Press Office.", "White House"),),
        drop=(("White House Press Secretary Dana Cole said so.", "White House"),),
        decide=_institution_in_name,
        words=("institutions",),
    ),
)
