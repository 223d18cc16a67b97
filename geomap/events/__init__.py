"""Dated, typed, located events from news reports (ACLED-style), each traced to its sentence.

>>> from geomap.events import extract_events  # doctest: +SKIP
>>> events = extract_events(read_documents("reports.jsonl").documents)  # doctest: +SKIP
>>> events.write("events.geojson")  # doctest: +SKIP

Stages, per document: geoparse (place mentions resolved to gazetteer places) → sentence spans →
triggers (``data/triggers.tsv``) → actors (``data/actors.tsv``) → date (:mod:`.dates`) →
location (:mod:`.location`); then events reporting the same happening (same type, place and date)
across documents are merged into one event with several ``sources``.

Coding choices (where ACLED leaves room):

* one event per sentence, ACLED sub-event type and location: a list of places after a location
  cue ("struck Ras al-Ain and Tal Abyad", "protests in Paris, Lyon and Marseille") gives one
  event per place (not the two ends of "between X and Y"); generic words ("attack", "launched",
  "offensive", "announced", notes ``support:`` in the trigger file) only make an event when the
  sentence has no more specific trigger and names a known actor;
* troop withdrawals, deployments, redeployments, convoys and border crossings are
  *Strategic developments / Change to group/activity*; displacement ("fled", "displaced",
  "evacuated") and announcements of operations are *Strategic developments / Other*; troops
  entering a town without a reported fight are *Non-violent transfer of territory*;
* captures of territory are *Government regains territory* when the actor is a state force of the
  place's country, otherwise *Non-state actor overtakes territory*; a generic "attack" on
  civilians becomes *Violence against civilians / Attack*;
* triggers under a modal or a negation ("threatened to attack", "would withdraw", "no clashes")
  make no event;
* a sentence without a date expression gets the publication date with precision ``week`` and
  lower confidence; without a publication date, relative dates stay null;
* ``confidence`` (0–1) adds up evidence: a specific trigger, an actor, a place named in the
  sentence, a date written in the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from ..documents import sentence_spans
from ..types import Document, Resolution
from .actors import ActorMention, acled_actor_name, find_actors, national_actor, order_actors
from .dates import DateExpression, date_next_to, find_dates, resolve_event_date
from .fatalities import fatalities as count_dead
from .lexicon import (
    ACLED_TYPES,
    ActorEntry,
    Lexicon,
    TriggerEntry,
    load_actors,
    load_triggers,
)
from .location import EventLocation, coordinated_locations, focus_place, locate_event
from .model import Event, EventCollection

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..resolve import Focus

__all__ = [
    "ACLED_TYPES",
    "Event",
    "EventCollection",
    "EventExtractor",
    "deduplicate",
    "extract_events",
    "load_actors",
    "load_triggers",
]

_MODAL_RE = re.compile(
    r"\b(?:would|could|might|may|will|shall|can|threaten\w*|plan\w*|vow\w*|prepar\w*|intend\w*|"
    r"want\w*|aim\w*|seek\w*|if|unless|ready|likely|possible|potential|feared|fears|avoid\w*|"
    r"prevent\w*|no|not|never|without|denied|deny|denies|ruled\s+out|halt\w*|stop\w*|"
    r"n't)\s+(?:to\s+)?(?:(?:be|have|been|a|an|the|any|new|further|more|fresh|major|military|"
    r"ground)\s+)*$",
    re.IGNORECASE,
)
#: An intention, a prediction or a condition a few words before a trigger: "said his forces
#: would keep fighting", "We will respond if these attacks continue", "vowed to continue the
#: offensive". ("may" only in lower case: "On 3 May clashes broke out" reports a clash.)
_INTENT_RE = re.compile(
    r"\b(?:would|could|might|(?-i:may)|will|shall|threaten\w*|vow\w*|pledg\w*|promis\w*|"
    r"warn\w*\s+(?:of|that)|plan\w*|intend\w*|if|unless|expected\s+to|set\s+to|"
    r"(?:is|are|was|were)\s+(?:due\s+)?to)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: Analysis, not a report: "X, a researcher at ..., said the protests ...", "analysts say".
_ANALYSIS_RE = re.compile(
    r"\b(?:analysts?|researchers?|research\s+fellow|experts?|professors?|scholars?|"
    r"commentators?|pundits?|think[- ]tanks?)\b[^.;]{0,120}?\b(?:said|says|argued|argues|"
    r"believes?|believed|noted|notes|wrote|writes|told|thinks?|predicted|suggested)\b|"
    r"\b(?:said|says|argued|wrote|noted)\s+[^.;]{0,60}?,\s+(?:an?\s+)?(?:\w+\s+){0,2}"
    r"(?:analyst|researcher|expert|professor|scholar|fellow)\b",
    re.IGNORECASE,
)
#: Quotation marks: a trigger inside a quotation is someone's words, not a reported happening.
_QUOTE_CHARS = '"“”'


class EventExtractor:
    """Turns one document and its geoparse results into events.

    Parameters
    ----------
    triggers, actors
        Lexicons (default: the built-in files plus the user's, see :mod:`.lexicon`).
    """

    def __init__(self, triggers: Lexicon | None = None, actors: Lexicon | None = None) -> None:
        self.triggers = triggers if triggers is not None else load_triggers()
        self.actors = actors if actors is not None else load_actors()

    def document_events(self, doc: Document, resolutions: Sequence[Resolution]) -> list[Event]:
        """Events in one document (not yet merged with other documents)."""
        text = doc.text
        spans = sentence_spans(text)
        resolutions = self._outside_actor_names(text, resolutions)
        home = _document_country(resolutions, self._actor_countries(text))
        resolutions = _rehomed(resolutions, home)
        focus = focus_place(resolutions, text)
        source = doc.url or doc.id
        events: list[Event] = []
        happenings: list[_Happening] = []
        by_start = sorted(resolutions, key=lambda r: r.mention.start)
        starts = [r.mention.start for r in by_start]
        for sentence in spans:
            events = []  # this sentence's events, one per trigger and place
            own_place: list[bool] = []
            dates: list[DateExpression] | None = None  # found at the sentence's first trigger
            actors: list[ActorMention] | None = None  # the same for every trigger of the sentence
            for entry, t_start, t_end, support in self._triggers(text, sentence):
                if actors is None:
                    lo, hi = (bisect_left(starts, offset) for offset in sentence)
                    actors = find_actors(
                        text, sentence[0], sentence[1], self.actors, by_start[lo:hi]
                    )

                if support and not actors:
                    # "The health ministry announced...", "the fight against the virus": a
                    # generic word is an event only when a known actor takes part.
                    continue
                actor1, actor2 = order_actors(text, sentence, (t_start, t_end), actors)
                first = locate_event(
                    sentence,
                    resolutions,
                    text,
                    trigger=(t_start, t_end),
                    focus=focus,
                    sentences=spans,
                )
                if dates is None:
                    dates = [d for d in find_dates(text, doc.published, *sentence) if d.value]
                expr, date, precision = resolve_event_date(
                    text, sentence, doc.published, anchor=t_start, dates=dates
                )
                # "struck Ras al-Ain and Tal Abyad": one event per listed place, as ACLED codes;
                # "... on Monday and Tal Abyad on Tuesday": each place with its own date.
                listed = coordinated_locations(
                    first, sentence, resolutions, text, [(d.start, d.end) for d in dates]
                )
                # "... on Monday and then shelled Tal Abyad on Tuesday": the date written with
                # the place, after the trigger, beats one nearer the trigger but before it.
                dated_before = expr is None or expr.end <= t_start
                for where in [first, *listed]:
                    w_expr, w_date, w_precision = expr, date, precision
                    if where.resolution is not None and (listed or dated_before):
                        m = where.resolution.mention
                        own = date_next_to(text, dates, m.start, m.end)
                        if own is not None and (listed or own.start > t_start):
                            w_expr, w_date, w_precision = own, own.value, own.precision
                    # "government forces shelled Nyala": the forces of the event's country
                    # (the document's country when the event has no place)
                    code = where.place.country_code if where.place is not None else home
                    named = [national_actor(a, code, self.actors) for a in actors]
                    a1 = actor1 and national_actor(actor1, code, self.actors)
                    a2 = actor2 and national_actor(actor2, code, self.actors)
                    etype, sub = _coded_type(
                        entry,
                        a1,
                        a2,
                        where,
                        text[sentence[0] : sentence[1]],
                        (t_start - sentence[0], t_end - sentence[0]),
                    )
                    country = where.place.country_code if where.place is not None else home
                    a1, a2 = _coded_actors(etype, sub, a1, a2, country)
                    confidence = _confidence(support, a1, where, w_expr is not None, w_date)
                    own_place.append(where.how == "sentence")
                    events.append(Event(
                        id="",
                        doc_id=doc.id,
                        date=w_date,
                        date_precision=w_precision,
                        event_type=etype,
                        sub_event_type=sub,
                        actors=_unique(a.name for a in named),
                        actor1=a1.name if a1 else None,
                        actor2=a2.name if a2 else None,
                        actor1_acled=acled_actor_name(a1, country),
                        actor2_acled=acled_actor_name(a2, country),
                        place=where.place,
                        mention=where.resolution.mention if where.resolution else None,
                        geo_precision=where.geo_precision,
                        quote=text[sentence[0]:sentence[1]],
                        start=sentence[0],
                        end=sentence[1],
                        sources=(source,),
                        confidence=confidence,
                        trigger=text[t_start:t_end],
                    ))  # fmt: skip
            if events:
                _add_happenings(happenings, events, own_place, dated=bool(dates))
        return _with_fatalities(text, [h.event for h in happenings], doc.id)

    def _actor_countries(self, text: str) -> list[str]:
        """The home countries of the rebel groups and militias a text names (the dictionary's
        country column; state forces often fight abroad, so they give none)."""
        out = []
        for m in self.actors.find(text, 0, len(text)):
            entry = m.entry
            if (
                isinstance(entry, ActorEntry)
                and entry.country
                and entry.actor_type in ("rebel", "militia")
            ):
                out.append(entry.country)
        return out

    def _outside_actor_names(
        self, text: str, resolutions: Sequence[Resolution]
    ) -> Sequence[Resolution]:
        """The place mentions that are not part of an actor's name: "Operation Olive Branch"
        and "Ahrar al-Sharqiya" name no place of an event."""
        spans = [
            (m.start, m.end) for m in self.actors.find(text, 0, len(text)) if " " in m.text.strip()
        ]
        if not spans:
            return resolutions
        # inside a longer span: one starting by the mention's start reaches past its end, or
        # ends with it and starts before it (bisection, not every span per mention)
        spans.sort()
        lows = [a for a, _ in spans]
        reach = list(accumulate((b for _, b in spans), max))
        first_of_end: dict[int, int] = {}
        for a, b in spans:
            first_of_end.setdefault(b, a)
        out = []
        for r in resolutions:
            start, end = r.mention.start, r.mention.end
            k = bisect_right(lows, start)
            far = reach[k - 1] if k else -1
            if far > end or (far == end and first_of_end[end] < start):
                continue
            out.append(r)
        return out

    def _triggers(
        self, text: str, sentence: tuple[int, int]
    ) -> list[tuple[TriggerEntry, int, int, bool]]:
        """The triggers that make events in a sentence: one per (type, sub-type)."""
        found: list[tuple[TriggerEntry, int, int, bool]] = []
        if _ANALYSIS_RE.search(text, *sentence):
            return found  # an analyst's view of events, not a report of one
        for m in self.triggers.find(text, *sentence):
            entry = m.entry
            assert isinstance(entry, TriggerEntry)
            if entry.sub_event_type == "@ignore":
                continue
            before = text[max(sentence[0], m.start - 40) : m.start]
            if _MODAL_RE.search(before) or _INTENT_RE.search(before):
                continue
            if _quoted(text, sentence[0], m.start):
                continue
            found.append((entry, m.start, m.end, entry.notes.startswith("support:")))
        if any(not support for *_, support in found):
            found = [f for f in found if not f[3]]
        out = []
        seen: set[tuple[str, str]] = set()
        for f in found:
            key = (f[0].event_type, f[0].sub_event_type)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out


class _Happening:
    """One happening being built: its event so far and the sentence it was last reported in."""

    __slots__ = ("dated", "event", "sentence_end")

    def __init__(self, event: Event, dated: bool) -> None:
        self.event = event
        self.sentence_end = event.end
        self.dated = dated  # its date was written in the text (not the publication fallback)


def _rank(event: Event) -> int:
    """How specific an event's type is, when several triggers report one happening: a capture
    beats the clash that won it, a clash the shelling in it, a strike the killing it caused, a
    riot the protest it grew from; strategic developments come last. The label that opens an
    analyst's note ("Movement of forces: ...") names the type itself and wins."""
    if event.trigger.rstrip().endswith(":"):
        return 100
    if event.event_type == "Battles":
        return 70 if event.sub_event_type != "Armed clash" else 60
    if event.event_type == "Protests" and event.sub_event_type != "Peaceful protest":
        return 42
    return _TYPE_RANK.get(event.event_type, 0)


_TYPE_RANK = {
    "Explosions/Remote violence": 50,
    "Riots": 45,
    "Violence against civilians": 40,
    "Protests": 30,
    "Strategic developments": 10,
}


def _merged(a: Event, b: Event) -> Event:
    """One event for two reports of the same happening: the more specific type (the earlier on
    ties) with its actors, the sides it lacks filled from the other, the higher death toll."""
    best, other = (b, a) if _rank(b) > _rank(a) else (a, b)
    return replace(
        best,
        actor1=best.actor1 or other.actor1,
        actor2=best.actor2 or other.actor2,
        actor1_acled=best.actor1_acled if best.actor1 else other.actor1_acled,
        actor2_acled=best.actor2_acled if best.actor2 else other.actor2_acled,
        actors=_unique([*a.actors, *b.actors]),
        fatalities=max(a.fatalities, b.fatalities),
        start=a.start,
        end=max(a.end, b.end),
        quote=a.quote if b.start == a.start else f"{a.quote} {b.quote}",
        confidence=max(a.confidence, b.confidence),
        date=a.date or b.date,  # the first report's date: a later sentence restates it
        date_precision=a.date_precision if a.date else b.date_precision,
    )


def _add_happenings(
    happenings: list[_Happening], events: list[Event], own_place: list[bool], *, dated: bool
) -> None:
    """Add one sentence's events to a document's happenings, one event per happening.

    In a sentence, the triggers that share a place report one happening ("Turkish warplanes
    struck Ras al-Ain, killing five civilians" is one air strike, with its victims), while each
    place of a list stays its own event. A sentence that names no place and no date of its own
    continues the happening of the sentence before it ("Clashes broke out in Aden. The clashes
    erupted after police tried to disperse the crowd."), when it reports the same kind of event
    or the killings it caused.
    """
    by_place: dict[str | None, Event] = {}
    for event in events:
        key = event.place.place_id if event.place is not None else None
        prev = by_place.get(key)
        by_place[key] = event if prev is None else _merged(prev, event)
    if None in by_place and len(by_place) > 1:  # the unplaced triggers join the first place
        lone = by_place.pop(None)
        first = next(iter(by_place))
        by_place[first] = _merged(by_place[first], lone)
    merged = list(by_place.values())
    last = happenings[-1] if happenings else None
    if (
        last is not None
        and not dated
        and not any(own_place)
        and len(merged) == 1
        and merged[0].start <= last.sentence_end + 2
        and (
            merged[0].event_type == last.event.event_type
            or merged[0].event_type == "Violence against civilians"
            or {merged[0].event_type, last.event.event_type} == {"Protests", "Riots"}
        )
    ):
        last.event = _merged(last.event, merged[0])
        last.sentence_end = merged[0].end
        return
    if not dated and last is not None and last.dated and merged[0].start <= last.sentence_end + 2:
        # "On Monday, jets struck X. Shelling also hit Y.": a sentence with no date of its own
        # goes on in the time of the one before it, not in the publication week
        merged = [
            replace(e, date=last.event.date, date_precision=last.event.date_precision)
            for e in merged
        ]
    happenings.extend(_Happening(e, dated or (last is not None and last.dated)) for e in merged)


#: Votes for the country a document is about: a country or region named counts more than a town.
_COUNTRY_VOTES = {"country": 3, "admin1": 2}


def _with_fatalities(text: str, events: list[Event], doc_id: str) -> list[Event]:
    """Number the events and count each one's dead (:mod:`.fatalities`): in its own sentences and
    in those that follow it up to the next event ("Clashes broke out in X. Total fatalities
    11."); 0 when the text reports none, as ACLED codes it."""
    out = []
    for i, event in enumerate(events):
        later = [e.start for e in events[i + 1 :] if e.start >= event.end]
        end = min(later) if later else len(text)
        dead = count_dead(text, event.start, max(event.end, end))
        out.append(replace(event, id=f"{doc_id}#e{i + 1}", fatalities=dead or 0))
    return out


def _document_country(resolutions: Sequence[Resolution], actors: Sequence[str] = ()) -> str:
    """The country a document is about: the clear winner of its places' votes (a country, a
    demonym or a province counts more than a town) and of the home countries of the armed groups
    it names (``actors``: "Houthis" vote for Yemen, "al-Shabaab" for Somalia), "" when none is
    clear."""
    counts: dict[str, int] = {}
    for code in actors:
        counts[code] = counts.get(code, 0) + 2
    for r in resolutions:
        if r.place is not None and r.place.country_code:
            vote = 2 if r.mention.role == "demonym" else _COUNTRY_VOTES.get(r.place.kind, 1)
            counts[r.place.country_code] = counts.get(r.place.country_code, 0) + vote
    if not counts:
        return ""
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=lambda c: counts[c])
    return best if len(ranked) == 1 or ranked[0] > ranked[1] else ""


def _rehomed(resolutions: Sequence[Resolution], home: str) -> Sequence[Resolution]:
    """The document's places with a name read abroad moved home when it can be.

    In a note about Yemen, "Al Mansura" is the Aden district, not the Egyptian city: a mention
    resolved to (or left unresolved among) places abroad takes its best candidate in the
    document's country, when the candidates hold one. Countries and demonyms keep their place.
    """
    if not home:
        return resolutions
    out: list[Resolution] | None = None
    for i, r in enumerate(resolutions):
        if not r.mention.literal or (r.place is not None and r.place.country_code == home):
            continue
        if r.place is not None and r.place.kind == "country":
            continue
        cand = next((c for c in r.candidates if c.place.country_code == home), None)
        if cand is None or cand.place.kind == "country":
            continue
        if out is None:
            out = list(resolutions)
        out[i] = replace(r, place=cand.place, reason="the document's country")
    return out if out is not None else resolutions


#: Who ACLED codes as the parties of an event whose text names none: the kind of actor for
#: (event type, side), by the codebook's conventions.
_DEFAULT_SIDES: dict[tuple[str, int], tuple[str, str]] = {
    ("Protests", 1): ("Protesters", "protesters"),
    ("Riots", 1): ("Rioters", "rioters"),
    ("Violence against civilians", 1): ("Unidentified armed group", "unidentified"),
    ("Violence against civilians", 2): ("Civilians", "civilians"),
}
#: Sub-event types whose unnamed perpetrators ACLED codes as an unidentified armed group.
_UNNAMED_BOMBERS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})


def _coded_actors(
    etype: str,
    sub: str,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    country: str,
) -> tuple[ActorMention | None, ActorMention | None]:
    """The two sides as ACLED codes them: protesters are always actor1 of a protest (the police
    that broke it up become actor2), rioters of a riot; the victims of violence against
    civilians are actor2 ("Civilians (Yemen)") and its unnamed perpetrators, like a bomb's, an
    unidentified armed group."""

    def side(kind: tuple[str, str]) -> ActorMention:
        return ActorMention(kind[0], kind[1], "", 0, 0, "")

    crowd = {"Protests": "protesters", "Riots": "rioters"}.get(etype)
    if crowd is not None and (actor1 is None or actor1.actor_type != crowd):
        if actor1 is not None and actor1.actor_type not in ("protesters", "rioters", "civilians"):
            actor2 = actor2 or actor1  # "police dispersed the protesters": police are actor2
        actor1 = side(_DEFAULT_SIDES[(etype, 1)])
    if etype == "Violence against civilians":
        if actor1 is not None and actor1.actor_type in ("civilians", "rioters"):
            # "residents attacked a Fulani settlement": villagers who attack are a communal
            # militia, as ACLED codes them; the victims are civilians
            actor1 = ActorMention(
                "Communal militia",
                "militia",
                "",
                actor1.start,
                actor1.end,
                actor1.text,
                "Unidentified Communal Militia ({where})",
            )
        if actor2 is None:
            actor2 = side(_DEFAULT_SIDES[(etype, 2)])
        if actor1 is None:
            actor1 = side(_DEFAULT_SIDES[(etype, 1)])
    if actor1 is None and (
        (etype == "Explosions/Remote violence" and sub in _UNNAMED_BOMBERS)
        or sub == "Looting/property destruction"
    ):
        actor1 = side(("Unidentified armed group", "unidentified"))
    del country  # the names take the event's country later (acled_actor_name)
    return actor1, actor2


def _quoted(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened in ``text[start:pos]``: an odd number of
    straight quotes, or an opening curly quote not yet closed."""
    before = text[start:pos]
    if before.count('"') % 2 == 1:
        return True
    return before.rfind("“") > before.rfind("”")


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


#: Actor kinds that are crowds, not armed organisations: their fights are riots.
_CROWDS = frozenset({"civilians", "protesters", "rioters"})
#: Armed actor kinds: a killing of one of them is a clash, not violence against civilians.
_ARMED = frozenset({"state", "rebel", "militia", "external", "unidentified"})
#: A protest that turns violent is a riot ("burned tyres", "blocked the road with stones").
_VIOLENT_PROTEST_RE = re.compile(
    r"\b(?:burn\w*\s+(?:\w+\s+){0,2}(?:tyres|tires)|(?:tyres|tires)\s+(?:were\s+)?(?:burn\w*|set)|"
    r"barricad\w*|block\w*\s+(?:\w+\s+){0,3}(?:roads?|streets?|highways?)|"
    r"(?:threw|hurled|throwing|hurling|throw|pelted)\s+(?:\w+\s+){0,2}(?:stones|rocks)|"
    r"stone[- ]pelting|cut\w*\s+(?:off\s+)?(?:the\s+)?(?:\w+\s+)?roads?|"
    r"set\s+(?:on\s+)?fire|torched|vandali[sz]\w*|ransack\w*|stormed|clash\w*|"
    r"violent(?:ly)?|damag\w*|smash\w*|(?:burning|old)\s+(?:tyres|tires))",
    re.IGNORECASE,
)
_PROTEST_WORD_RE = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|strike)\b", re.I)
#: Armed victims just after a killing or attack trigger ("shot dead a soldier", "attacked a
#: Dozo position") or before a passive one ("five militants were killed"): a clash.
_ARMED_NOUNS = (
    r"(?:fighters?|soldiers?|militants?|troops|policem[ae]n|police\s+officers?|gendarmes?|"
    r"guards?|combatants?|positions?|checkpoints?|outposts?|patrols?|bases?|barracks|"
    r"militiam[ae]n|insurgents?|rebels?|jihadists?|vigilantes?|members\s+of\s+(?:the\s+|a\s+)?"
    r"(?:army|police|militia|armed|security|[A-Z][\w-]*\s+(?:militia|forces|army|brigade))|"
    r"officials?\s+of\s+the\s+[\w\s]{0,20}(?:force|army|police))"
)
_ARMED_VICTIM_AFTER_RE = re.compile(
    r"^\W*(?:(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|"
    r"[\w'’-]+)\s+){0,4}?" + _ARMED_NOUNS + r"\b",
    re.IGNORECASE,
)
_ARMED_VICTIM_BEFORE_RE = re.compile(
    _ARMED_NOUNS + r"\s+(?:[\w'’-]+\s+){0,2}?(?:were|was|have\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
#: Victims of mob justice: a crowd beating a suspected thief is mob violence.
_MOB_VICTIM_RE = re.compile(
    r"\b(?:thie(?:f|ves)|robbers?|burglars?|suspects?|witch\w*|"
    r"kidnappers?|criminals?|rapists?|bandits?)\b",
    re.IGNORECASE,
)
#: A capture without a fight is a non-violent transfer of territory.
_UNOPPOSED_RE = re.compile(
    r"\b(?:no\s+(?:clash\w*|fight\w*|resistance|fighting)\s+(?:was|were)\s+reported|"
    r"without\s+(?:a\s+|any\s+)?(?:fight\w*|clash\w*|resistance|a\s+shot)|unopposed|peacefully|"
    r"after\s+(?:[\w'’-]+\s+){0,4}(?:withdr\w+|pulled\s+out|left|retreated|abandoned))",
    re.IGNORECASE,
)


def _coded_type(
    entry: TriggerEntry,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    where: EventLocation,
    sentence: str = "",
    trigger: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """The ACLED type and sub-type of a trigger, given the event's actors and sentence
    (``trigger``: the trigger's offsets in ``sentence``).

    Rules, each from ACLED's codebook: a capture is *Government regains territory* when a
    state's own forces make it; violence between an armed actor and civilians is *Violence
    against civilians*, a killing of armed men an *Armed clash*; a fight among crowds
    (villagers, rival supporters, rioters) is *Mob violence*, and with protesters a *Violent
    demonstration*, as is a protest where tyres burn, roads are barricaded or stones thrown.
    """
    etype, sub = entry.event_type, entry.sub_event_type
    place = where.place
    kind1 = actor1.actor_type if actor1 is not None else ""
    kind2 = actor2.actor_type if actor2 is not None else ""
    territory = sub == "@territory" or (etype == "Battles" and sub in ACLED_TYPES["Battles"][1:])
    if territory and kind1 in _CROWDS:
        return "Riots", "Mob violence"  # "residents captured and beat a thief"
    if territory:
        own_state = (
            actor1 is not None
            and actor1.actor_type == "state"
            and place is not None
            and actor1.country == place.country_code
        )
        if _UNOPPOSED_RE.search(sentence):
            return "Strategic developments", "Non-violent transfer of territory"
        sub = "Government regains territory" if own_state else "Non-state actor overtakes territory"
        return etype, sub
    crowd_only = (kind1 in _CROWDS or (not kind1 and kind2 in _CROWDS)) and kind2 not in (
        "state",
        "rebel",
        "external",
    )
    protest = bool(_PROTEST_WORD_RE.search(sentence)) or "protesters" in (kind1, kind2)
    if etype == "Protests" and sub == "Peaceful protest" and _VIOLENT_PROTEST_RE.search(sentence):
        return "Riots", "Violent demonstration"
    t0, t1 = trigger if trigger is not None else (0, 0)
    after, before = sentence[t1 : t1 + 90], sentence[max(0, t0 - 60) : t0]
    vac = etype == "Violence against civilians" and sub == "Attack"
    mob = kind1 == "rioters" or bool(_MOB_VICTIM_RE.search(sentence[t0 : t1 + 40]))
    generic = entry.notes.startswith("support:")  # "attacked", "assaulted"
    if crowd_only and (etype == "Battles" or mob):
        # "two rival groups clashed", "villagers beat a suspected thief"; a crowd's attack on
        # a person stays violence against civilians (by a communal militia)
        return ("Riots", "Violent demonstration") if protest else ("Riots", "Mob violence")
    if (
        vac
        and kind1 not in _CROWDS
        and (_ARMED_VICTIM_AFTER_RE.match(after) or _ARMED_VICTIM_BEFORE_RE.search(before))
    ):
        return "Battles", "Armed clash"  # "gunmen shot dead a soldier", "5 militants killed"
    if etype == "Battles" and protest and (kind1 in _CROWDS or kind2 in _CROWDS):
        return "Riots", "Violent demonstration"  # "clashes between protesters and police"
    if etype == "Battles" and sub == "Armed clash" and kind2 == "civilians":
        return "Violence against civilians", "Attack"
    if etype == "Battles" and generic and kind2 not in _ARMED and kind1 in _ARMED:
        return "Violence against civilians", "Attack"  # "gunmen attacked a village"
    if (
        etype == "Violence against civilians"
        and sub == "Attack"
        and kind2 in _ARMED
        and kind1 != "civilians"
    ):
        return "Battles", "Armed clash"  # "gunmen opened fire on an army patrol"
    return etype, sub


def _confidence(
    support: bool, actor1: ActorMention | None, where: EventLocation, dated: bool, date: str | None
) -> float:
    score = 0.45 if support else 0.55
    if actor1 is not None:
        score += 0.1
    score += {"sentence": 0.15, "previous_sentence": 0.08, "focus": 0.0}.get(where.how, -0.05)
    if dated:
        score += 0.1
    elif date is not None:
        score -= 0.1  # the publication-date fallback
    return round(min(0.95, max(0.05, score)), 3)


def deduplicate(events: Iterable[Event]) -> EventCollection:
    """Merge events with the same type, sub-type, place and date into one with all sources.

    The most confident report is kept as the representative (the first on ties); ``sources`` and
    ``actors`` are the union in order of appearance. Events without a place or a date are never
    merged.
    """
    merged: dict[tuple[str, str, str, str] | int, Event] = {}
    for i, event in enumerate(events):
        key: tuple[str, str, str, str] | int
        if event.place is None or event.date is None:
            key = i
        else:
            key = (event.event_type, event.sub_event_type, event.place.place_id, event.date)
        prev = merged.get(key)
        if prev is None:
            merged[key] = event
            continue
        best = event if event.confidence > prev.confidence else prev
        merged[key] = replace(
            best,
            sources=_unique([*prev.sources, *event.sources]),
            actors=_unique([*prev.actors, *event.actors]),
        )
    return EventCollection(merged.values())


def extract_events(
    documents: Iterable[Document] | Document,
    *,
    gazetteer: Gazetteer | None = None,
    focus: Focus | Sequence[str] | str | None = None,
    triggers: Lexicon | Sequence[str | Path] | None = None,
    actors: Lexicon | Sequence[str | Path] | None = None,
    geoparser: Callable[[Document], Sequence[Resolution]] | None = None,
) -> EventCollection:
    """Extract dated, typed, located events from documents and merge duplicates.

    Parameters
    ----------
    documents
        Documents (``Document.published`` anchors relative dates).
    gazetteer
        Gazetteer for the geoparser (default: the process-wide one).
    focus
        Region the geoparser should favour: country codes (``"SY,TR"`` or a list), a bounding
        box ``"35,32,43,38"`` or a :class:`~geomap.resolve.Focus`.
    triggers, actors
        Lexicons, or extra lexicon files added to the built-in ones.
    geoparser
        A function ``Document -> list[Resolution]``; by default
        ``geomap.geoparsing.geoparse(doc, gazetteer=gazetteer, focus=focus)``.

    Returns
    -------
    EventCollection
        Events in document order, duplicates merged.
    """
    if isinstance(documents, Document):
        documents = [documents]
    if not isinstance(triggers, Lexicon):
        triggers = load_triggers(triggers or ())
    if not isinstance(actors, Lexicon):
        actors = load_actors(actors or ())
    if geoparser is None:
        from ..geoparsing import geoparse  # the geoparser stage (imported lazily)

        region = (
            focus
            if isinstance(focus, str) or focus is None or not isinstance(focus, Sequence)
            else ",".join(focus)
        )

        def geoparser(doc: Document) -> Sequence[Resolution]:
            return geoparse(doc, gazetteer=gazetteer, focus=region)

    extractor = EventExtractor(triggers, actors)
    found: list[Event] = []
    for doc in documents:
        found += extractor.document_events(doc, geoparser(doc))
    return deduplicate(found)
