"""Lists and coordination: names the text lists or joins to a place ("Newark, Heath and
Pataskala", "North and South Korea", "Clarke and Oconee counties", "the villages of A and B",
"in Rmeilan, near Qamishli"). These rules are passes over the whole text, after the candidates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import COUNTY_SUFFIXES, PLURAL_KINDS
from .engine import Rule

if TYPE_CHECKING:
    from ..recognize import Recognizer
    from ..types import Mention
    from .facts import Doc


def _coordinated_directions(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    return mentions + rec._coordinated_directions(
        doc.text, doc.tokens, doc.first_token, mentions, doc.taken, doc.doc_id
    )


def _counties(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    if doc.words.isdisjoint(COUNTY_SUFFIXES):
        return list(mentions)  # no "counties" nor "parishes" in the text
    return mentions + rec._listed_counties(doc.text, doc.tokens, doc.taken, doc.doc_id)


def _qualified_unknowns(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    return mentions + rec._qualified_unknowns(
        doc.text, doc.tokens, doc.first_token, doc.taken, doc.doc_id, mentions
    )


def _listed_places(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    if doc.words.isdisjoint(PLURAL_KINDS):
        return list(mentions)  # no "villages", "districts"... in the text
    return rec._listed_places(doc.text, doc.tokens, doc.taken, doc.doc_id, mentions)


def _joined_by_and(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    return rec._joined_pass(doc, mentions)


RULES: tuple[Rule, ...] = (
    Rule(
        "lists.joined-by-and",
        "pass",
        'A rejected name joined by "and" / "or" to a place found after it is tried again '
        'as if the place\'s cue stood before it: "Newark, Heath and Pataskala".',
        keep=(("Storms hit Newark, Heath and Pataskala.", "Heath"),),
        drop=(("Heath and Jones said so.", "Heath"),),
        run=_joined_by_and,
    ),
    Rule(
        "lists.coordinated-directions",
        "pass",
        "Capitalised direction words listed before a name's own make areas of their own: "
        '"North and South Korea" names North Korea too.',
        keep=(("Talks between North and South Korea resumed.", "North"),),
        drop=(("Troops moved north and South Korea protested.", "north"),),
        run=_coordinated_directions,
        words=("directions",),
    ),
    Rule(
        "lists.counties",
        "pass",
        'Names listed before "counties" or "parishes" that the gazetteer holds as "X '
        'County" are counties: "Clarke, Madison, Oconee and Oglethorpe counties".',
        keep=(("Schools closed in Clarke, Madison, Oconee and Oglethorpe counties.", "Oconee"),),
        drop=(("Schools closed in Clarke, Madison, Oconee and Oglethorpe.", "Oconee"),),
        run=_counties,
    ),
    Rule(
        "lists.qualified-unknowns",
        "pass",
        "A name the gazetteer lacks after a place preposition and qualified by a place is a "
        'place: "in Rmeilan, near Qamishli".',
        keep=(("Fighters regrouped in Rmeilan, near Qamishli.", "Rmeilan"),),
        drop=(("Fighters regrouped with Rmeilan, near Qamishli.", "Rmeilan"),),
        run=_qualified_unknowns,
        words=("place_prepositions",),
    ),
    Rule(
        "lists.listed-places",
        "pass",
        'Names listed as places of a kind are places: "the villages of Bumbacari and '
        'Dudescu", "the Etoumbi and Mbomo districts".',
        keep=(("Floods hit the villages of Bumbacari and Dudescu.", "Dudescu"),),
        drop=(("Floods hit Bumbacari and Dudescu.", "Dudescu"),),
        run=_listed_places,
    ),
)
