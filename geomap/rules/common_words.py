"""Common words: ordinary English words that are also towns' names ("Bar", "Reading", "Of",
"Nice") need a place cue; acronyms count only as the gazetteer spells them; the last word of a
longer unknown name is its head ("Burning Man").

English word frequencies come from the index's word table (``wordfreq`` data stored at build
time); the cues are the ``cue_before``, ``cue_after``, ``cued`` and ``discourse`` facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..recognize import _DATELINE
from .engine import REJECT, Draft, Rule, Verdict

if TYPE_CHECKING:
    from .facts import Facts


def _acronym(f: Facts, d: Draft) -> Verdict | None:
    first = f.first
    if not (f.single and first.upper and not f.in_caps and len(first.text) <= 5):
        return None
    if any(c.matched_name == first.text for c in f.cands) or f.top.kind in ("country", "admin1"):
        return None
    # a dateline names its city in capitals: "KABUL, Afghanistan (AP) —", "CAIRO -"
    if first.sent_start and _DATELINE.match(f.text, f.last.end):
        return None
    return REJECT


def _sentence_start(f: Facts, d: Draft) -> Verdict | None:
    if not (f.common and f.sentence_initial):
        return None
    return None if f.cued or f.own_major or f.discourse else REJECT


def _needs_cue(f: Facts, d: Draft) -> Verdict | None:
    if not f.common or f.sentence_initial:
        return None
    return None if f.known or f.cue_before or f.cue_after else REJECT


def _caps_line(f: Facts, d: Draft) -> Verdict | None:
    if not (f.common and f.in_caps):
        return None
    return None if f.major or f.cue_before else REJECT


def _generic_head(f: Facts, d: Draft) -> Verdict | None:
    if not f.common or d.role != "place" or f.in_caps or f.own_major:
        return None
    start_tok = f.start_tok
    if start_tok <= f.run_start:
        return None
    prev, lex = f.tokens[start_tok - 1], f.lex
    if (
        prev.cap
        and not prev.sent_start
        and len(prev.text) > 1
        and f.text[prev.end : f.tokens[start_tok].start] == " "
        and not prev.is_article
        and prev.folded not in lex.directions
        and prev.folded not in lex.connectors
    ):
        return REJECT
    return None


def _currency(f: Facts, d: Draft) -> Verdict | None:
    text, start, end = f.text, f.first.start, f.last.end
    return REJECT if text[end : end + 1] == "$" or text[start - 1 : start] == "$" else None


def _two_letters(f: Facts, d: Draft) -> Verdict | None:
    if f.abbreviation or d.role != "place" or not f.single:
        return None
    return REJECT if len(f.first.folded) <= 2 and not f.first.upper else None


RULES: tuple[Rule, ...] = (
    Rule(
        "common.acronym",
        "common",
        "An acronym counts only when the gazetteer spells it so, or names a country or "
        'province, or opens a dateline: "US", "KABUL, Afghanistan (AP) —".',
        keep=(("The US imposed sanctions.", "US"),),
        drop=(("The GAO report was released.", "GAO"),),
        decide=_acronym,
    ),
    Rule(
        "common.sentence-start",
        "common",
        "A common word opening a sentence is a place only with a cue after it, a dateline's "
        "dash, as a major place's own name, or when the text capitalises it mid-sentence too.",
        keep=(("GENEVA — Talks resumed on Monday.", "GENEVA"),),
        drop=(("Bar owners protested the new rules.", "Bar"),),
        decide=_sentence_start,
    ),
    Rule(
        "common.needs-cue",
        "common",
        'A common word inside a sentence is a place only when well known or cued: "in '
        'Reading", "Reading, England", "a Concord man".',
        keep=(("He was born in Bar and moved away.", "Bar"),),
        drop=(("The hotel's Bar reopened on Friday.", "Bar"),),
        decide=_needs_cue,
        words=("place_prepositions", "locative_prepositions"),
    ),
    Rule(
        "common.caps-line",
        "common",
        "On a line in capitals, a common word is a place only when major or after a place "
        "preposition.",
        keep=(("FLOODS IN READING\nRain fell all day.", "READING"),),
        drop=(("SUMMER READING LIST\nBooks were chosen.", "READING"),),
        decide=_caps_line,
    ),
    Rule(
        "common.generic-head",
        "common",
        "A common word ending a longer capitalised name the gazetteer lacks is its head: "
        '"Burning Man", "Taco Bell", "Regional Hospital".',
        keep=(("He moved to Mobile last year.", "Mobile"),),
        drop=(("He joined Samsung Mobile last year.", "Mobile"),),
        decide=_generic_head,
        needs_run=True,
    ),
    Rule(
        "common.currency",
        "common",
        'A name joined to a dollar sign is a currency, no place: "US$300 million", "$US 2 '
        'billion", "HK$3".',
        keep=(("Aid to the US rose to $300 million.", "US"),),
        drop=(("The settlement came to US$300 million.", "US"),),
        decide=_currency,
    ),
    Rule(
        "common.two-letters",
        "common",
        'A name of one or two letters, not in capitals, is no place: "Ur", "Ba".',
        keep=(("The US imposed sanctions.", "US"),),
        drop=(("They drove to Ur on Monday.", "Ur"),),
        decide=_two_letters,
    ),
)
