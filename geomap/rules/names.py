"""Rules about names as such: how candidates are found, spans that are no name, the cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine import REJECT, Draft, Rule, Verdict, relabel

if TYPE_CHECKING:
    from .facts import Facts


def _not_as_written(f: Facts, d: Draft) -> Verdict | None:
    return REJECT if not f.cands else None


def _no_name_alone(f: Facts, d: Draft) -> Verdict | None:
    return REJECT if f.single and f.rec._no_name_alone(f.first) else None


def _modifier(f: Facts, d: Draft) -> Verdict | None:
    if d.role in ("place", "area") and f.hyphen_after():
        return relabel("modifier", "modifier")
    return None


def _side_taken(f: Facts, d: Draft) -> Verdict | None:
    if d.role in ("place", "area") and f.side_taken():
        return relabel("modifier", "modifier")
    return None


def _preposition_cue(f: Facts, d: Draft) -> Verdict | None:
    return relabel(cue="preposition") if not d.cue and f.cue_before else None


def _office_after(f: Facts, d: Draft) -> Verdict | None:
    return relabel(cue="context") if not d.cue and f.office_after else None


RULES: tuple[Rule, ...] = (
    Rule(
        "names.gazetteer-run",
        "find",
        "The longest run of capitalised words (with lower-case kind words that end a listed"
        ' name: "al-Omar oil field") whose key is a gazetteer name is a candidate.',
        keep=(
            ("Turkish forces shelled Ras al-Ain on Monday.", "Ras al-Ain"),
            ("Fighters paraded at the al-Omar oil field on Sunday.", "al-Omar oil field"),
        ),
        drop=(("Turkish forces shelled the border on Monday.", "Monday"),),
        words=("connectors", "name_tails"),
    ),
    Rule(
        "names.as-written",
        "name",
        "A name the gazetteer writes otherwise (case, dots) than the text is no candidate.",
        keep=(("Tourists flocked to Andorra.", "Andorra"),),
        drop=(("The Bell rang and the And went.", "And"),),
        decide=_not_as_written,
    ),
    Rule(
        "names.no-name-alone",
        "name",
        "A month, weekday, direction, title, group, language or demonym alone is no place's "
        'name: "in English" is the language, not English, Indiana.',
        keep=(("Fighting resumed in Syria in May.", "Syria"),),
        drop=(
            ("Maj. Gen. Mazloum Kobani spoke.", "Gen"),
            ("The notice was in English.", "English"),
        ),
        decide=_no_name_alone,
        words=("temporal", "directions", "titles", "groups", "languages"),
    ),
    Rule(
        "names.modifier",
        "final",
        'A place before a hyphen and a word modifies it: "US-led", "Syria-based".',
        keep=(("The coalition struck targets in Syria.", "Syria"),),
        drop=(("The US-led coalition struck targets.", "US"),),
        decide=_modifier,
    ),
    Rule(
        "names.side-taken",
        "final",
        'A place after "pro-" or "anti-" names a side, not a location: "pro-Turkey factions".',
        keep=(("Rebels backed by Turkey shelled the town.", "Turkey"),),
        drop=(("Pro-Turkey factions shelled the town.", "Turkey"),),
        decide=_side_taken,
    ),
    Rule(
        "names.preposition-cue",
        "final",
        'A place preposition before the name is its cue ("in Reading"), when none other is.',
        keep=(("Police said the man was arrested in Reading.", "Reading"),),
        drop=(("Reading is a town in Berkshire.", "Reading"),),
        decide=_preposition_cue,
        words=("place_prepositions",),
    ),
)


def _demonyms(rec, doc, mentions):  # type: ignore[no-untyped-def]
    return mentions + rec._demonyms(
        doc.text, doc.tokens, doc.caps, doc.taken, doc.doc_id, doc.capitalised
    )


RULES += (
    Rule(
        "names.demonyms",
        "pass",
        "A demonym is reported as such, resolved to its country for reference, never a "
        'location: "Syrian", "Turkish".',
        keep=(("Turkish forces shelled the town.", "Turkish"),),
        drop=(("Forces shelled the town.", "Forces"),),
        run=_demonyms,
    ),
)

RULES += (
    Rule(
        "names.office-after",
        "name",
        "An office written after the name, before its holder, makes it the office's place; no "
        'person test applies: "Fargo Mayor Dana Holt", "Dover Fire Chief Sam Ortega".',
        keep=(("Fargo Mayor Dana Holt said the river rose.", "Fargo"),),
        drop=(("Police Chief Ann Ray said the road would reopen.", "Police"),),
        decide=_office_after,
        words=("office_titles", "office_prefixes"),
    ),
)
