"""Actors of an event: who did what to whom, from the actor dictionary (``data/actors.tsv``).

:func:`find_actors` lists the actors named in a sentence (an alias that is really a place, as
"in Ankara" or "to Russia", is not an actor). :func:`order_actors` chooses ``actor1`` (who acted)
and ``actor2`` (who was acted upon) around the trigger:

* active voice, "X attacked Y": ``actor1`` is the nearest actor before the trigger in the same
  clause (the first one of a conjoined subject), ``actor2`` the first actor after it;
* passive voice, "Y was attacked by X" / "an attack by X on Y": the actor after ``by`` is
  ``actor1`` and the actor before the trigger (or after "on"/"against") is ``actor2``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import ActorEntry, Lexicon

__all__ = ["ActorMention", "find_actors", "order_actors"]

_PLACE_PREP_RE = re.compile(
    r"\b(?:in|to|into|from|near|at|across|toward|towards|inside)\s+$", re.IGNORECASE
)
_SPEAKER_RE = re.compile(
    r"\s+(?:said|say|says|told|tell|reported|report|described|recounted|added|claimed)\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_BY_RE = re.compile(
    r"^[\s,]*(?:[\w’'-]+\s+){0,4}?by\s+(?:the\s+)?$|^\s*by\s+(?:the\s+)?$", re.IGNORECASE
)
_ON_RE = re.compile(r"\b(?:on|against|targeting|at)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in text: ``text[start:end]`` is the alias that matched."""

    name: str
    actor_type: str
    country: str
    start: int
    end: int
    text: str


def find_actors(text: str, start: int, end: int, lexicon: Lexicon) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, in text order (offsets index ``text``)."""
    out: list[ActorMention] = []
    for m in lexicon.find(text, start, end):
        entry = m.entry
        assert isinstance(entry, ActorEntry)
        single_name = " " not in m.text and m.text[:1].isupper() and not m.text.isupper()
        if (
            single_name
            and entry.actor_type not in ("civilians", "protesters")
            and _PLACE_PREP_RE.search(text[max(start, m.start - 12) : m.start])
        ):
            continue  # "in Ankara", "to Russia": a place, not an actor
        if _SPEAKER_RE.match(text, m.end, end):
            continue  # "residents said", "witnesses told AFP": a source, not a party
        out.append(
            ActorMention(entry.name, entry.actor_type, entry.country, m.start, m.end, m.text)
        )
    return out


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause that contains ``pos`` (after the last ";", ":" or ", and"/"while")."""
    head = text[lo:pos]
    cut = 0
    for m in re.finditer(r";|:|\bwhile\b|\bwhereas\b|,\s+(?:and|but|as|after|before|when)\b", head):
        cut = m.end()
    return lo + cut


def order_actors(
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    actors: Sequence[ActorMention],
) -> tuple[ActorMention | None, ActorMention | None]:
    """``(actor1, actor2)`` for the event signalled by ``text[trigger[0]:trigger[1]]``."""
    t_start, t_end = trigger
    # an actor may overlap the trigger ("Turkish jets struck", "attacked civilians"); one that
    # *is* the trigger word ("protesters") is the acting party
    before = [a for a in actors if a.start < t_start or (a.start == t_start and a.end >= t_end)]
    after = [a for a in actors if a not in before and a.start >= t_start]
    # passive: "... was attacked by X", or a noun trigger "an attack by X on Y"
    for a in after:
        gap = text[t_end : a.start]
        if _BY_RE.match(gap) and len(gap) < 60:
            rest = [b for b in after if b.start > a.end and _ON_RE.search(text[a.end : b.start])]
            if rest:
                return a, rest[0]
            victims = [b for b in before if b.name != a.name]
            return a, (victims[-1] if victims else None)
    clause = _clause_start(text, sentence[0], t_start)
    subj = [a for a in before if a.start >= clause] or before[-1:]
    actor1: ActorMention | None = subj[0] if subj else None
    # a passive without "by": "Civilians were killed in shelling" -> the subject is the victim
    if actor1 is not None and _PASSIVE_BEFORE_RE.search(
        text[max(sentence[0], t_start - 40) : t_start]
    ):
        return None, actor1
    actor2 = next((a for a in after if actor1 is None or a.name != actor1.name), None)
    return actor1, actor2
