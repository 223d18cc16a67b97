"""Dated, typed, located events from news reports (ACLED-style), each traced to its sentence.

>>> from geomap.events import extract_events  # doctest: +SKIP
>>> events = extract_events(read_documents("reports.jsonl").documents)  # doctest: +SKIP
>>> events.write("events.geojson")  # doctest: +SKIP

Stages, per document: geoparse (place mentions resolved to gazetteer places) → sentence spans →
triggers (``data/triggers.tsv``) → actors (``data/actors.tsv``) → date (:mod:`.dates`) →
location (:mod:`.location`); then events reporting the same happening (same type, place and date)
across documents are merged into one event with several ``sources``.

Coding choices (where ACLED leaves room; docs/events.md has the whole list with examples):

* one event per happening: the triggers of a sentence at one place are one event with the most
  specific type (:func:`_rank`), each place of a list ("struck Ras al-Ain and Tal Abyad") its own
  event; a sentence with no date and no other place continues the happening before it;
* only reported happenings: no event for a trigger after an intention, a condition or a
  negation (``_MODAL_RE``, ``_INTENT_RE``), inside a quotation, in an analyst's view
  (``_ANALYSIS_RE``) or an all-capitals headline; a happening told as the background of another
  ("fled the fighting") or fire in support of a fight is a generic trigger;
* generic words ("attack", "launched", "announced", notes ``support:`` in the trigger file) only
  make an event when the sentence has no more specific trigger and names a known actor;
* types follow the codebook (:func:`_coded_type`): captures by a state's own forces are
  *Government regains territory*, unopposed ones a *Non-violent transfer*; crowds' fights are
  riots; killings of armed men are clashes; violence on civilians is *Violence against
  civilians*; a protest that turns violent (also in the sentences after it) is a riot;
* actors (:func:`_coded_actors`, :func:`.actors.acled_actor_name`): protesters are a protest's
  actor1, rioters a riot's, civilians the victims, never the attackers; unnamed perpetrators an
  unidentified armed group; names as ACLED gives them in ``actor1_acled`` / ``actor2_acled``;
* fatalities (:mod:`.fatalities`): the lowest reported figure, read in the event's sentences
  and those after it up to the next event;
* a sentence without a date expression takes the date of the last dated happening of its
  paragraph, else the publication date with precision ``week`` and lower confidence; without a
  publication date, relative dates stay null;
* ``confidence`` (0–1) adds up evidence: a specific trigger, an actor, a place named in the
  sentence, a date written in the sentence.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..budget import DocumentTimeout, budget_skip, time_budget
from ..documents import Skipped, sentence_spans
from ..errors import GeomapError
from ..gazetteer.normalize import fold
from ..gazetteer.readable import readable_place
from ..types import Document, Place, Resolution
from .actors import ActorMention, acled_actor_name, find_actors, national_actor, order_actors
from .dates import DateExpression, date_next_to, find_dates, resolve_event_date
from .fatalities import fatalities as count_dead
from .lexicon import (
    ACLED_TYPES,
    ActorEntry,
    Lexicon,
    LexiconMatch,
    TriggerEntry,
    load_actors,
    load_triggers,
)
from .location import (
    NOT_THERE,
    EventLocation,
    contained,
    coordinated_locations,
    document_area,
    focus_place,
    kind_as_written,
    locate_event,
    place_cue,
    points_back,
    spoken_abroad,
)
from .model import Event, EventCollection

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..resolve import Focus

log = logging.getLogger("geomap.events")

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
    r"\b(?:would|could|might|may|will|shall|can|threaten\w*|plan(?:s|ned|ning)?|vow\w*|prepar\w*|"
    r"intend\w*|"
    r"want\w*|aim\w*|seek\w*|if|unless|ready|likely|possible|potential|feared|fears|avoid\w*|"
    r"prevent\w*|no|not|never|without|denied|deny|denies|ruled\s+out|halt\w*|stop\w*|"
    r"n't)\s+(?:to\s+)?(?:(?:be|have|been|a|an|the|any|new|further|more|fresh|major|military|"
    r"ground)\s+)*$",
    re.IGNORECASE,
)
#: An intention, a prediction or a condition a few words before a trigger: "said his forces
#: would keep fighting", "We will respond if these attacks continue", "vowed to continue the
#: offensive", a deadline ("fighters have 150 hours to pull back"). ("may" only in lower case:
#: "On 3 May clashes broke out" reports a clash.)
_INTENT_RE = re.compile(
    r"\b(?:would|could|might|(?-i:may)|will|shall|threaten\w*|vow\w*|pledg\w*|promis\w*|"
    r"warn\w*\s+(?:of|that)|plan(?:s|ned|ning)?|intend\w*|if|unless|expected\s+to|set\s+to|"
    r"(?:is|are|was|were)\s+(?:due\s+)?to|accused\s+of|suspected\s+of|charged\s+with|"
    r"convicted\s+of|blamed\s+for|known\s+for|(?:hours|days|weeks|months)\s+to)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: Analysis, not a report: "X, a researcher at ..., said the protests ...", "analysts say".
_ANALYSIS_RE = re.compile(
    r"(?:^|[,;]\s*|\b(?:an?|the|one|other|some|many)\s+)(?:[\w'’-]+\s+){0,2}(?:analysts?|"
    r"researchers?|research\s+fellows?|scholars?|commentators?|pundits?)\b[^.;]{0,100}?\b"
    r"(?:said|says|argued|argues|believes?|believed|noted|notes|wrote|writes|thinks?|predicted|"
    r"suggested)\b|"
    r"\b(?:said|says|argued|wrote|noted)\s+[^.;]{0,60}?,\s+(?:an?\s+)?(?:\w+\s+){0,2}"
    r"(?:analyst|researcher|scholar|research\s+fellow)\b",
    re.IGNORECASE,
)
#: Fire in support of a ground fight: "supported by coalition airstrikes", "amid shelling".
_SUPPORTING_RE = re.compile(
    r"\b(?:supported|backed|accompanied|covered|preceded|aided)\s+by\s+(?:[\w'’-]+\s+){0,3}$|"
    r"\b(?:with|under)\s+(?:the\s+)?(?:support|cover|backing)\s+of\s+(?:[\w'’-]+\s+){0,3}$|"
    r"\bamid\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: A happening named as the background of another: "fled the fighting", "after the bombing".
_BACKGROUND_RE = re.compile(
    r"\b(?:fled|flee\w*|escap\w+|during|amid|after|since|following|before|from)\s+"
    r"(?:the\s+|a\s+|an\s+|last\s+week's\s+|recent\s+|violent\s+|heavy\s+|fierce\s+){0,2}$|"
    # "after Turkish shelling hit nearby" (not "militia from the Darod clan clashed")
    r"\b(?:during|amid|after|following)\s+(?-i:[A-Z])[\w-]+\s+$",
    re.IGNORECASE,
)
#: What a protest is against, just before a trigger: "to protest artillery strikes", "marched
#: condemning coalition airstrikes", "demonstrated against Saudi airstrikes".
_PROTESTED_RE = re.compile(
    r"\b(?:(?:protest\w*|demonstrat\w*|march\w*|rall\w*|sit-in|gathered|took\s+to\s+the\s+"
    r"streets)\s+(?:\w+\s+){0,3}?(?:against|over|at)|to\s+protest|in\s+protest\s+(?:of|at|"
    r"against|over)|condemn\w*|denounc\w*|in\s+response\s+to)\s+(?:[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)
#: A background word followed by its own verb is reported after all: "fled after airstrikes hit
#: the town".
_OWN_VERB_AFTER_RE = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:hit|struck|killed|landed|began|destroyed|pounded|targeted|"
    r"wounded|left|erupted|broke\s+out)\b",
    re.IGNORECASE,
)
#: An all-capitals headline line opening a text restates the story: it reports no event.
_CAPS_HEADLINE_RE = re.compile(r"\A\s*[^a-z\n]{12,}\n")
#: Quotation marks: a trigger inside a quotation is someone's words, not a reported happening.
_QUOTE_CHARS = '"“”'


class EventExtractor:
    """Turns one document and its geoparse results into events.

    Parameters
    ----------
    triggers, actors
        Lexicons (default: the built-in files plus the user's, see :mod:`.lexicon`).
    gazetteer
        The gazetteer whose outlined regions and provinces give a document's area
        (default: the process-wide one).
    """

    def __init__(
        self,
        triggers: Lexicon | None = None,
        actors: Lexicon | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.triggers = triggers if triggers is not None else load_triggers()
        self.actors = actors if actors is not None else load_actors()
        self.gazetteer = gazetteer
        self._countries: dict[str, Place | None] = {}

    def document_events(self, doc: Document, resolutions: Sequence[Resolution]) -> list[Event]:
        """Events in one document (not yet merged with other documents)."""
        text = doc.text
        spans = sentence_spans(text)
        doc_actors = self.actors.find(text, 0, len(text))  # every actor name, found once
        resolutions = self._outside_actor_names(doc_actors, resolutions)
        resolutions = contained(kind_as_written(resolutions, text), text)
        groups = self._actor_countries(doc_actors)
        home = _document_country(resolutions, groups, text)
        # an event with no place at all is put in the country of the armed groups the text
        # names, when they all have one ("Houthi fighters shelled a market": Yemen)
        group_country = self._country(groups[0]) if len(set(groups)) == 1 else None
        # ... or in the theatre of the operation it names ("Operation Peace Spring": the safe zone)
        theatre = self._theatre(doc_actors)
        if theatre is not None:
            group_country = theatre
        elif group_country is None:
            # ... or in the one country its demonyms and names inside other names point to
            # ("supporters of a former Sri Lankan minister": Sri Lanka)
            group_country = self._country(_named_country(resolutions, text))
        resolutions = _rehomed(resolutions, home, armed_home=bool(groups) and set(groups) == {home})
        focus = focus_place(resolutions, text)
        area = self._area(resolutions, text, home)
        # the country an agreement signed abroad concerns, and the place that stands for it
        concerned = home or (area.country_code if area is not None else "")
        about = area or (focus.place if focus is not None else None)
        region: list[Place | None] = []  # the region of its towns, once asked for
        source = doc.url or doc.id
        events: list[Event] = []
        happenings: list[_Happening] = []
        by_start = sorted(resolutions, key=lambda r: r.mention.start)
        starts = [r.mention.start for r in by_start]
        for n_sentence, sentence in enumerate(spans):
            events = []  # this sentence's events, one per trigger and place
            told_before = _sentence_before(text, spans, n_sentence)  # for _coded_type
            own_place: list[bool] = []
            causes: list[bool] = []  # told as the cause of another happening (see _triggers)
            dates: list[DateExpression] | None = None  # found at the sentence's first trigger
            actors: list[ActorMention] | None = None  # the same for every trigger of the sentence
            for entry, t_start, t_end, support, cause, again in self._triggers(text, sentence):
                if again is not None and dates is None:
                    dates = [d for d in find_dates(text, doc.published, *sentence) if d.value]
                if again is not None and not _new_time(dates or [], again, t_start, t_end):
                    # "shelled Durayhimi with mortar shells": the same kind said again is the
                    # same happening; "captured Hajin in December and pushed on to Susah in
                    # January" is a second one, at its own time
                    continue
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
                    area=area,
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
                    if (
                        entry.sub_event_type == "Agreement"
                        and where.place is not None
                        and concerned
                        and where.place.country_code != concerned
                        and about is not None
                        and about.country_code == concerned
                    ):
                        # "the agreement reached in Sochi" on a safe zone in Syria: ACLED codes
                        # an agreement in the country it concerns, not where it was signed
                        where = EventLocation(None if area else focus, 3, "focus", area)
                    if (
                        entry.event_type == "Strategic developments"
                        and where.how == "focus"
                        and where.resolution is not None
                        and home
                        and spoken_abroad(sentence, resolutions, text, home)
                    ):
                        # "Officials in Washington said the withdrawal would go ahead" in a
                        # report on Manbij: a decision announced abroad concerns the country
                        nation = self._country(home)
                        if nation is not None:
                            where = EventLocation(None, 3, "focus", nation)
                    if entry.sub_event_type == "Agreement" and where.how != "sentence":
                        # "a mechanism agreed between Washington and Ankara" in a report on two
                        # border towns: the region of the report's towns, not the last town named
                        if not region:
                            region.append(self._area(resolutions, text, home, scene=False))
                        if region[0] is not None:
                            where = EventLocation(None, 3, "focus", region[0])
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
                        sentence[0],
                        armed=any(a.actor_type in _ARMED for a in named),
                        before=told_before,
                    )
                    country = where.place.country_code if where.place is not None else home
                    a1, a2 = _coded_actors(etype, sub, a1, a2, country, named, t_start)
                    confidence = _confidence(support, a1, where, w_expr is not None, w_date)
                    own_place.append(where.how == "sentence")
                    causes.append(cause)
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
                        place=where.place or group_country,
                        mention=where.resolution.mention if where.resolution else None,
                        geo_precision=where.geo_precision or (3 if group_country else None),
                        quote=text[sentence[0]:sentence[1]],
                        start=sentence[0],
                        end=sentence[1],
                        sources=(source,),
                        confidence=confidence,
                        trigger=text[t_start:t_end],
                    ))  # fmt: skip
            if events:
                _add_happenings(
                    happenings, events, own_place, dated=bool(dates), text=text, causes=causes
                )
        return _with_fatalities(text, [h.event for h in happenings], doc.id)

    def _area(
        self, resolutions: Sequence[Resolution], text: str, home: str, *, scene: bool = True
    ) -> Place | None:
        """The area the document's towns cover (:func:`.location.document_area`); None without
        a gazetteer."""
        gazetteer = self._gazetteer()
        if gazetteer is None:
            return None
        regions, get = gazetteer.outlined_regions(), gazetteer.get
        return document_area(resolutions, text, regions, get, home, scene=scene)

    def _theatre(self, named: Sequence[LexiconMatch]) -> Place | None:
        """The place where the actors a text names fight (the dictionary's theatre column),
        when they name one only."""
        ids = {
            m.entry.theatre for m in named if isinstance(m.entry, ActorEntry) and m.entry.theatre
        }
        gazetteer = self._gazetteer()
        return gazetteer.get(ids.pop()) if len(ids) == 1 and gazetteer is not None else None

    def _gazetteer(self) -> Gazetteer | None:
        """The extractor's gazetteer, else the process-wide one; None when none opens."""
        from ..gazetteer import default_gazetteer

        try:
            return self.gazetteer or default_gazetteer()
        except GeomapError:
            return None

    def _country(self, code: str) -> Place | None:
        """The gazetteer's country ``code`` (None when it has none)."""
        if not code:
            return None
        if code not in self._countries:
            gazetteer = self._gazetteer()
            self._countries[code] = gazetteer.country(code) if gazetteer is not None else None
        return self._countries[code]

    def _actor_countries(self, named: Sequence[LexiconMatch]) -> list[str]:
        """The home countries of the rebel groups and militias a text names (the dictionary's
        country column; state forces often fight abroad, so they give none)."""
        out = []
        for m in named:
            entry = m.entry
            if (
                isinstance(entry, ActorEntry)
                and entry.country
                and entry.actor_type in ("rebel", "militia")
            ):
                out.append(entry.country)
        return out

    def _outside_actor_names(
        self, named: Sequence[LexiconMatch], resolutions: Sequence[Resolution]
    ) -> Sequence[Resolution]:
        """The place mentions that are not part of an actor's name: "Operation Olive Branch"
        and "Ahrar al-Sharqiya" name no place of an event."""
        spans = [(m.start, m.end) for m in named if " " in m.text.strip()]
        if not spans:
            return resolutions
        starts = [a for a, _ in spans]  # sorted and not overlapping (Lexicon.find)
        out = []
        for r in resolutions:
            i = bisect_left(starts, r.mention.start + 1) - 1  # the last span starting at or before
            inside = (
                i >= 0
                and r.mention.end <= spans[i][1]
                and spans[i] != (r.mention.start, r.mention.end)
            )
            if not inside:
                out.append(r)
        return out

    def _triggers(
        self, text: str, sentence: tuple[int, int]
    ) -> list[tuple[TriggerEntry, int, int, bool, bool, int | None]]:
        """The triggers that make events in a sentence: each with its offsets, whether it only
        supports (an event only when nothing else in the sentence reports one), whether it is
        told as the background or cause of another happening ("after Turkish shelling hit
        nearby": its own event, see :func:`_add_happenings`), and where the sentence's last
        trigger of the same type and sub-type ended (None for the first): a second one is
        the same happening said again unless it comes with a time of its own (:func:`_new_time`)."""
        found: list[tuple[TriggerEntry, int, int, bool, bool]] = []
        if _ANALYSIS_RE.search(text, *sentence):
            return []  # an analyst's view of events, not a report of one
        headline = _CAPS_HEADLINE_RE.match(text)
        if headline is not None and sentence[0] < headline.end():
            return []
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
            cause = _BACKGROUND_RE.search(before) is not None
            if entry.event_type != "Protests" and _PROTESTED_RE.search(before):
                # "marched condemning coalition airstrikes", "protested against the killing of
                # their classmate": what a protest is against is its cause, not a happening
                # reported here (kept only when nothing else in the sentence reports one)
                found.append((entry, m.start, m.end, True, cause))
                continue
            if cause and not _OWN_VERB_AFTER_RE.match(text, m.end):
                # "fled the fighting", "a day after violent clashes", "hours after the bombing":
                # a happening told as the background of another (kept only when nothing else
                # in the sentence reports one)
                found.append((entry, m.start, m.end, True, cause))
                continue
            if entry.event_type == "Explosions/Remote violence" and _SUPPORTING_RE.search(before):
                # "the SDF, backed by coalition airstrikes, pushed back an assault": the strikes are
                # part of the fight (kept only when nothing else in the sentence reports it)
                found.append((entry, m.start, m.end, True, cause))
                continue
            found.append((entry, m.start, m.end, entry.notes.startswith("support:"), cause))
        if any(not f[3] for f in found):
            found = [f for f in found if not f[3]]
        out = []
        last: dict[tuple[str, str], int] = {}  # where the kind's last trigger ended
        for entry, start, end, support, cause in found:
            key = (entry.event_type, entry.sub_event_type)
            out.append((entry, start, end, support, cause, last.get(key)))
            last[key] = end
        return out


def _new_time(dates: Sequence[DateExpression], before: int, start: int, end: int) -> bool:
    """Whether a trigger at ``start``-``end`` has a date of its own after it, other than the
    one written between it and the trigger before it (which ended at ``before``)."""
    between = {d.value for d in dates if before <= d.start and d.end <= start}
    return bool(between) and any(d.start >= end and d.value not in between for d in dates)


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
    # a side the best report lacks is taken from the other, unless that would name one actor
    # on both sides ("soldiers were killed during clashes with al-Shabaab")
    fill1 = best.actor1 is None and other.actor1 not in (None, best.actor2)
    fill2 = best.actor2 is None and other.actor2 not in (None, best.actor1)
    return replace(
        best,
        actor1=other.actor1 if fill1 else best.actor1,
        actor2=other.actor2 if fill2 else best.actor2,
        actor1_acled=other.actor1_acled if fill1 else best.actor1_acled,
        actor2_acled=other.actor2_acled if fill2 else best.actor2_acled,
        actors=_unique([*a.actors, *b.actors]),
        fatalities=max(a.fatalities, b.fatalities),
        start=a.start,
        end=max(a.end, b.end),
        quote=a.quote if b.start == a.start else f"{a.quote} {b.quote}",
        confidence=max(a.confidence, b.confidence),
        date=a.date or b.date,  # the first report's date: a later sentence restates it
        date_precision=a.date_precision if a.date else b.date_precision,
    )


#: Two places this close (km) are one scene: "in Aden ... in the Crater district".
SAME_SCENE_KM = 15.0


def _close(a: Place | None, b: Place | None) -> bool:
    """Whether two event places are one scene (the same place, or towns within SAME_SCENE_KM)."""
    if a is None or b is None:
        return False
    if a.place_id == b.place_id:
        return True
    if a.kind == "country" or b.kind == "country" or a.is_area or b.is_area:
        return False  # "a rally in Victoria Park" after a happening placed only in Hong Kong
    lon1, lat1, lon2, lat2 = map(math.radians, (a.lon, a.lat, b.lon, b.lat))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) <= SAME_SCENE_KM


def _add_happenings(
    happenings: list[_Happening],
    events: list[Event],
    own_place: list[bool],
    *,
    dated: bool,
    text: str = "",
    causes: Sequence[bool] = (),
) -> None:
    """Add one sentence's events to a document's happenings, one event per happening.

    In a sentence, the triggers that share a place report one happening ("Turkish warplanes
    struck Ras al-Ain, killing five civilians" is one air strike, with its victims), while each
    place of a list stays its own event. A sentence that names no place and no date of its own
    continues the happening of the sentence before it ("Clashes broke out in Aden. The clashes
    erupted after police tried to disperse the crowd."), when it reports the same kind of event
    or the killings it caused. A happening told as the cause of another, with its own verb
    (``causes``: "detainees escaped from a prison in Qamishli after Turkish shelling hit
    nearby"), stays an event of its own at the same place.
    """
    by_place: dict[tuple[str | None, bool], Event] = {}
    for i, event in enumerate(events):
        cause = i < len(causes) and causes[i]
        key = (event.place.place_id if event.place is not None else None, cause)
        prev = by_place.get(key)
        by_place[key] = event if prev is None else _merged(prev, event)
    for cause in (False, True):
        if (None, cause) in by_place and len(by_place) > 1:
            # the unplaced triggers join the first place
            lone = by_place.pop((None, cause))
            first = next(iter(by_place))
            by_place[first] = _merged(by_place[first], lone)
    merged = list(by_place.values())
    last = happenings[-1] if happenings else None
    if (
        last is not None
        and not dated
        and (not any(own_place) or _close(merged[0].place, last.event.place))
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
    if not dated and _SAME_DAY_RE.search(text, merged[0].start, merged[0].end):
        # "The SDF held a ceremony at the oil field later in the day": the day of the last
        # happening the text dates, wherever it was told
        told = next(
            (h for h in reversed(happenings) if h.dated and h.event.date_precision == "day"), None
        )
        if told is not None:
            merged = [replace(e, date=told.event.date, date_precision="day") for e in merged]
            dated = True
    if (
        not dated
        and last is not None
        and last.dated
        and (
            "\n\n" not in text[last.sentence_end : merged[0].start]
            or points_back(text, merged[0].start, merged[0].end)
        )
    ):
        # "On Monday, jets struck X. Shelling also hit Y.": a sentence with no date of its own
        # goes on in the time of the happening before it in its paragraph (or in the paragraph
        # before, when it points back: "fighting on the edges of both towns"), not in the
        # publication week
        merged = [
            replace(e, date=last.event.date, date_precision=last.event.date_precision)
            for e in merged
        ]
    happenings.extend(_Happening(e, dated or (last is not None and last.dated)) for e in merged)


#: Words that put a happening on the day of the one told before it.
_SAME_DAY_RE = re.compile(
    r"\b(?:later|earlier)\s+(?:in\s+the|that)\s+day\b|\b(?:on\s+)?the\s+same\s+day\b|"
    r"\b(?:on\s+)?that\s+same\s+day\b",
    re.IGNORECASE,
)


#: Votes for the country a document is about: a country or region named counts more than a town.
_COUNTRY_VOTES = {"country": 3, "admin1": 2, "admin2": 2}


def _with_fatalities(text: str, events: list[Event], doc_id: str) -> list[Event]:
    """Number the events and read what the sentences after each one say of it, up to the next
    event: its dead (:mod:`.fatalities`; "Clashes broke out in X. Total fatalities 11."; 0 when
    the text reports none, as ACLED codes it), and whether a protest turned violent ("Traders
    marched in Taiz. Later they set tyres alight in the streets." is a riot)."""
    out = []
    starts = sorted(e.start for e in events)
    for i, event in enumerate(events):
        j = bisect_left(starts, event.end)
        end = max(event.end, starts[j] if j < len(starts) else len(text))
        paragraph = text.find("\n\n", event.end, end)
        if paragraph >= 0:
            end = paragraph  # what follows is another paragraph's matter
        dead = count_dead(text, event.start, end)
        event = replace(event, id=f"{doc_id}#e{i + 1}", fatalities=dead or 0)
        if (
            event.event_type == "Protests"
            and event.sub_event_type == "Peaceful protest"
            and _VIOLENT_PROTEST_RE.search(text, event.end, end)
        ):
            event = _as_riot(event)
        out.append(event)
    return out


def _as_riot(event: Event) -> Event:
    """A protest that turned violent, coded as ACLED codes it: a violent demonstration whose
    actor1 is its rioters."""
    a1, a1_acled = event.actor1, event.actor1_acled
    if a1 == "Protesters":
        a1 = "Rioters"
        a1_acled = (a1_acled or "").replace("Protesters", "Rioters", 1) or None
    return replace(
        event,
        event_type="Riots",
        sub_event_type="Violent demonstration",
        actor1=a1,
        actor1_acled=a1_acled,
    )


def _document_country(
    resolutions: Sequence[Resolution], actors: Sequence[str] = (), text: str = ""
) -> str:
    """The country a document is about: the clear winner (twice the votes of any other) of its
    places' votes (a country or a province counts more than a town) and of the home countries
    of the armed groups it names (``actors``: "Houthis" vote for Yemen, "al-Shabaab" for
    Somalia), "" when none is clear. Demonyms do not vote: "Turkish shelling hit Ras al-Ain"
    is about Syria; nor, with the ``text``, do places named as no place of the report (a
    country that acts, "the area Turkey captured"; a speaker's seat; a dateline)."""
    counts: dict[str, int] = {}
    for code in actors:
        counts[code] = counts.get(code, 0) + 2
    for r in resolutions:
        if r.place is not None and r.place.country_code and r.mention.literal:
            if text and place_cue(text, r) in NOT_THERE:
                continue
            vote = _COUNTRY_VOTES.get(r.place.kind, 1)
            counts[r.place.country_code] = counts.get(r.place.country_code, 0) + vote
    if not counts:
        return ""
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=lambda c: counts[c])
    return best if len(ranked) == 1 or ranked[0] >= 2 * ranked[1] else ""


def _named_country(resolutions: Sequence[Resolution], text: str) -> str:
    """The one country that a document's places, demonyms and names inside other names all lie
    in ("" when they lie in several, or there are none); a country that acts ("that Turkey
    captured") or a speaker's seat names none."""
    codes = {
        r.place.country_code
        for r in resolutions
        if r.place is not None and (not r.mention.literal or place_cue(text, r) not in NOT_THERE)
    }
    return next(iter(codes)) if len(codes) == 1 else ""


def _rehomed(
    resolutions: Sequence[Resolution], home: str, *, armed_home: bool = False
) -> Sequence[Resolution]:
    """The document's places with a name read abroad moved home when it can be.

    In a note about Yemen, "Al Mansura" is the Aden district, not the Egyptian city: a mention
    resolved to (or left unresolved among) places abroad takes its best candidate in the
    document's country, when the candidates hold one. Countries and demonyms keep their place.

    A town abroad with no reading at home, in a country that no other place of the document is
    in (a town, a region or the country itself), while one is at home ("Aliyah" read in Tunisia
    in a report about Manbij and Kobani; "Hospital", Ireland, in one about Dhaka and Khulna), is
    most likely a place the gazetteer lacks: it is left unresolved for the events, which then
    take the document's other places. So is a village abroad (under 10,000 people) when the
    only armed groups the text names are all of the document's country (``armed_home``: "the SDF
    took the town of X from IS", X a namesake in Saudi Arabia). A capital written by its own
    name ("In London, ...") is kept.
    """
    if not home:
        return resolutions
    names_by_country: dict[str, set[str]] = {}
    countries_named: set[str] = set()  # "Organisers wanted Britain to halt arms sales"
    for r in resolutions:
        if r.place is None or not r.place.country_code or not r.mention.literal:
            continue
        if r.place.kind == "country":  # "Turkey's offensive": no place of the report
            countries_named.add(r.place.country_code)
        else:
            names_by_country.setdefault(r.place.country_code, set()).add(fold(r.mention.text))
    out: list[Resolution] | None = None
    for i, r in enumerate(resolutions):
        if not r.mention.literal or (r.place is not None and r.place.country_code == home):
            continue
        if r.place is not None and r.place.kind == "country":
            continue
        cand = next((c for c in r.candidates if c.place.country_code == home), None)
        if cand is None and r.place is not None and not r.place.is_area:
            if (
                (
                    names_by_country.get(home)
                    or (armed_home and r.place.population < _VILLAGE_POPULATION)
                )
                and names_by_country[r.place.country_code] <= {fold(r.mention.text)}
                # a capital named as such is no missing village ("In London, demonstrators
                # marched"; but "Bako" read as Baku is), nor is a town whose country the
                # document names too
                and not (
                    r.place.feature_code == "PPLC" and fold(r.mention.text) == fold(r.place.name)
                )
                and r.place.country_code not in countries_named
            ):
                if out is None:
                    out = list(resolutions)
                out[i] = replace(r, place=None, reason=f"a namesake abroad in a note about {home}")
            continue
        if cand is None or cand.place.kind == "country":
            continue
        if out is None:
            out = list(resolutions)
        out[i] = replace(r, place=readable_place(cand.place), reason="the document's country")
    return out if out is not None else resolutions


#: Under this many people, a town abroad read in a note about armed groups of another country is
#: taken for a namesake of a village the gazetteer lacks (:func:`_rehomed`).
_VILLAGE_POPULATION = 10_000


#: Who ACLED codes as the parties of an event whose text names none: the kind of actor for
#: (event type, side), by the codebook's conventions.
_DEFAULT_SIDES: dict[tuple[str, int], tuple[str, str]] = {
    ("Protests", 1): ("Protesters", "protesters"),
    ("Riots", 1): ("Rioters", "rioters"),
    ("Violence against civilians", 1): ("Unidentified armed group", "unidentified"),
    ("Violence against civilians", 2): ("Civilians", "civilians"),
}
#: Sub-event types whose unnamed other side ACLED codes as civilians.
_CIVILIAN_VICTIMS = frozenset({"Mob violence", "Looting/property destruction"})
#: Sub-event types whose unnamed perpetrators ACLED codes as an unidentified armed group.
_UNNAMED_BOMBERS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})


def _coded_actors(
    etype: str,
    sub: str,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    country: str,
    named: Sequence[ActorMention] = (),
    trigger_start: int | None = None,
) -> tuple[ActorMention | None, ActorMention | None]:
    """The two sides as ACLED codes them: protesters are always actor1 of a protest (the police
    that broke it up become actor2), rioters of a riot; the victims of violence against
    civilians are actor2 ("Civilians (Yemen)") and its unnamed perpetrators, like a bomb's, an
    unidentified armed group."""

    def side(kind: tuple[str, str]) -> ActorMention:
        return ActorMention(kind[0], kind[1], "", 0, 0, "")

    if (
        etype in ("Explosions/Remote violence", "Battles")
        and actor1 is not None
        and actor1.actor_type == "civilians"
    ):
        # "civilians had also been killed by rockets": the victims, never the attackers; the
        # attacker is the sentence's armed actor, if it names one ("were killed by Syrian
        # government forces in an airstrike")
        victims = actor1
        actor2 = actor2 if actor2 is not None else victims
        actor1 = next(
            (a for a in named if a.actor_type in _ARMED and a is not actor2 and a != actor2),
            None,
        )
    crowd = {"Protests": "protesters", "Riots": "rioters"}.get(etype)
    if etype == "Protests" and actor1 is None and actor2 is not None and actor2.actor_type == crowd:
        # "large crowds turned out": the crowd named in the trigger (rival groups that clash
        # stay rioters on both sides)
        actor1, actor2 = actor2, None
    if crowd is not None and (actor1 is None or actor1.actor_type != crowd):
        # "police dispersed the protesters", "security forces opened fire on protesters": the
        # police are actor2 (in place of the crowd, which is actor1)
        if (
            actor1 is not None
            and actor1.actor_type not in _CROWDS
            and (actor2 is None or actor2.actor_type in _CROWDS)
        ):
            actor2 = actor1
        actor1 = side(_DEFAULT_SIDES[(etype, 1)])
    if etype == "Violence against civilians":
        if (
            actor1 is not None
            and actor1.actor_type in ("civilians", "rioters")
            and (trigger_start is None or 0 <= trigger_start - actor1.end <= 40)
        ):
            # "farmers killed a herder": villagers who kill (as the subject just before the
            # verb) are a communal militia, as ACLED codes them; the victims are civilians
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
    if actor2 is None and sub in _CIVILIAN_VICTIMS:
        # "residents beat a suspected thief", "militants ransacked a school": with no other
        # side named, ACLED codes the people beaten, or whose property it was, as civilians
        actor2 = side(("Civilians", "civilians"))
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
    r"\b(?:burn\w*\s+(?:\w+\s+){0,2}(?:tyres|tires)|"
    r"(?:tyres|tires)\s+(?:were\s+|being\s+)?(?:burn\w*|set)|(?:burning|old)\s+(?:tyres|tires)|"
    r"barricad\w*|stoned|stoning|stone[- ]pelting|"
    r"(?:threw|hurled|throwing|hurling|throw|pelted)\s+(?:\w+\s+){0,2}(?:stones|rocks|"
    r"petrol\s+bombs|molotov\w*)|"
    r"set\s+(?:on\s+)?fire|set\s+(?:[\w-]+\s+){1,3}on\s+fire|torched|vandali[sz]\w*|"
    r"ransack\w*|stormed|smash\w*|roadblocks?\s+(?:were\s+|was\s+)?(?:erected|set\s+up)|"
    r"force[sd]?\s+(?:their\s+way|themselves)\s+into|"
    r"clash\w*\s+(?:\w+\s+){0,3}(?:with|between)\s+(?:the\s+)?(?:police|security\s+forces)|"
    r"injur\w*\s+(?:\w+\s+){0,2}police\w*|wounded\s+(?:\w+\s+){0,2}police\w*)",
    re.IGNORECASE,
)
_PROTEST_WORD_RE = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|strike)\b", re.I)
#: Armed victims just after a killing or attack trigger ("shot dead a soldier", "attacked a
#: Dozo position") or before a passive one ("five militants were killed"): a clash.
_ARMED_NOUNS = (
    r"(?:fighters?|soldiers?|militants?|troops|policem[ae]n|police\s+officers?|gendarmes?|"
    r"guards?|combatants?|commanders?|positions?|checkpoints?|outposts?|posts?(?!\s+office)|"
    r"patrols?|bases?|barracks|"
    r"militiam[ae]n|insurgents?|rebels?|jihadists?|vigilantes?|members\s+of\s+(?:the\s+|a\s+)?"
    r"(?:army|police|militia|armed|security|[A-Z][\w-]*\s+(?:militia|forces|army|brigade))|"
    r"officials?\s+of\s+the\s+[\w\s]{0,20}(?:force|army|police))"
)
#: (never the agent after "by": "was killed by soldiers" is violence against civilians)
_ARMED_VICTIM_AFTER_RE = re.compile(
    r"^\W*(?:(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|"
    r"(?!by\b)[\w'’-]+)\s+){0,4}?" + _ARMED_NOUNS + r"\b",
    re.IGNORECASE,
)
_ARMED_VICTIM_BEFORE_RE = re.compile(
    _ARMED_NOUNS + r"\s+(?:[\w'’-]+\s+){0,2}?(?:were|was|have\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
#: Victims of mob justice: a crowd beating a suspected thief is mob violence.
#: Violence by hand, a crowd's kind of violence: "beat two men", "lynched", "stoned".
_BARE_HANDS_RE = re.compile(
    r"(?:beat|beaten|beating|lynch\w*|ston\w*|assault\w*|burn\w*\s+(?:\w+\s+){0,3}to\s+death)\b",
    re.IGNORECASE,
)
#: A demonstration named in a sentence (not "strike", which may be an air strike).
_DEMONSTRATION_RE = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied))\b", re.I)
#: Taking, not destroying: looting by locals stays a strategic development.
_TAKING_RE = re.compile(r"\b(?:loot\w*|seiz\w*|stole|steal\w*|plunder\w*)", re.I)
#: Two armed sides shooting at each other: a battle, whoever else is there.
_GUNFIRE_EXCHANGE_RE = re.compile(r"\bexchang\w*\s+(?:of\s+)?(?:gun)?fire\b", re.I)
#: A trigger whose own words block something: "blocked the road".
_BLOCKADE_RE = re.compile(r"block", re.I)
#: A riot trigger that is something thrown: "hurled petrol bombs", "petrol bombs were thrown".
_THROWN_RE = re.compile(r"threw|hurl|throw|pelt|petrol|fire\s*bomb", re.I)
#: Where other people live, as the object of an attack: "attacked a Fulani camp".
_SETTLEMENT_AFTER_RE = re.compile(
    r"^\W*(?:(?!in\b|at\b|near\b|around\b|outside\b|inside\b|of\b|from\b|across\b)"
    r"[\w'’-]+\s+){0,3}?(?:camps?|settlements?|villages?|hamlets?|homesteads?|encampments?)\b",
    re.IGNORECASE,
)
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


#: Words that tell of a violent confrontation between a crowd and the police.
_VIOLENT_SCENE_RE = re.compile(
    r"\bviolent\s+(?:clash\w*|protests?|demonstrations?|unrest|confrontations?|scenes)\b|"
    r"\briot(?:s|ing|ers)?\b(?!\s+police)|\bpetrol\s+bombs?\b|\bmolotov\w*|"
    r"\bclash\w*\s+(?:\w+\s+){0,3}(?:with|between)\s+(?:the\s+)?(?:police|security\s+forces|"
    r"protesters|demonstrators)\b",
    re.IGNORECASE,
)


def _sentence_before(text: str, spans: Sequence[tuple[int, int]], n: int) -> str:
    """The sentence before sentence ``n`` when it is in the same paragraph, else ""."""
    if n == 0 or "\n\n" in text[spans[n - 1][1] : spans[n][0]]:
        return ""
    return text[spans[n - 1][0] : spans[n - 1][1]]


def _coded_type(
    entry: TriggerEntry,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    where: EventLocation,
    sentence: str = "",
    trigger: tuple[int, int] | None = None,
    sentence_start: int = 0,
    armed: bool = False,
    before: str = "",
) -> tuple[str, str]:
    """The ACLED type and sub-type of a trigger, given the event's actors and sentence
    (``trigger``: the trigger's offsets in ``sentence``; ``armed``: whether the sentence names
    an armed actor; ``before``: the sentence before it in its paragraph).

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
    # a crowd on one side of a fight: the agent, or the other side of "clashes between" ("the
    # last weeks of fighting were slowed as thousands of people filed out" is no riot)
    between = re.search(r"\bbetween\b", sentence, re.IGNORECASE) is not None
    crowd_only = (
        kind1 in _CROWDS or (not kind1 and between and kind2 in _CROWDS)
    ) and kind2 not in (
        "state",
        "rebel",
        "external",
    )
    protest = bool(_PROTEST_WORD_RE.search(sentence)) or "protesters" in (kind1, kind2)
    if etype == "Protests" and sub == "Peaceful protest" and _VIOLENT_PROTEST_RE.search(sentence):
        return "Riots", "Violent demonstration"
    if (
        etype == "Protests"
        and sub == "Protest with intervention"
        and (_VIOLENT_SCENE_RE.search(sentence) or _VIOLENT_SCENE_RE.search(before))
    ):
        # "After violent clashes in several districts, police charged into a train": force used
        # in a violent confrontation is part of a violent demonstration, not an intervention in
        # a peaceful one
        return "Riots", "Violent demonstration"
    t0, t1 = trigger if trigger is not None else (0, 0)
    after, before = sentence[t1 : t1 + 90], sentence[max(0, t0 - 60) : t0]
    if (
        etype == "Riots"
        and kind1 in _ARMED
        and kind1 != "state"
        and not protest
        and _THROWN_RE.match(sentence, t0, t1)
    ):
        # "armed men threw a firebomb into a minibus": an attack on the people it hit,
        # not a crowd's riot
        return "Violence against civilians", "Attack"
    if etype == "Protests" and kind1 in _ARMED and _BLOCKADE_RE.match(sentence, t0, t1):
        # "militiamen blocked the road": armed men who block a road are no peaceful protest
        return "Riots", "Violent demonstration"
    vac = etype == "Violence against civilians" and sub == "Attack"
    mob = (
        kind1 == "rioters"
        or bool(_MOB_VICTIM_RE.search(sentence[t0 : t1 + 40]))
        or bool(_BARE_HANDS_RE.match(sentence, t0, t1 + 40))
    )
    generic = entry.notes.startswith("support:")  # "attacked", "assaulted"
    if crowd_only and (etype == "Battles" or vac) and _SETTLEMENT_AFTER_RE.match(after):
        # "farmers attacked a Fulani camp", "residents raided the herders' settlement": a
        # crowd's raid on where other people live is a communal militia's violence against
        # civilians, not a brawl
        return "Violence against civilians", "Attack"
    if crowd_only and (etype == "Battles" or (vac and mob)):
        # "two rival groups clashed", "villagers beat a suspected thief", "residents beat two
        # men"; a crowd's killing of a person stays violence against civilians (by a communal
        # militia)
        return ("Riots", "Violent demonstration") if protest else ("Riots", "Mob violence")
    if (
        sub == "Looting/property destruction"
        and kind1 in _CROWDS
        and not armed  # "gunmen shot a herder and set his granary alight"
        and not _TAKING_RE.search(sentence, t0, t1 + 1)
    ):
        # "residents ransacked the chief's house", "students vandalised two churches": a crowd
        # destroying property riots; an armed group's destruction stays a strategic development
        return ("Riots", "Violent demonstration") if protest else ("Riots", "Mob violence")
    if (
        etype == "Battles"
        and _DEMONSTRATION_RE.search(sentence)
        and not _GUNFIRE_EXCHANGE_RE.search(sentence)
        and kind1 in ("state", "")
        and kind2 in ("state", "", *_CROWDS)
    ):
        # "police clashed with a crowd when officers tried to break up a demonstration": the police
        # against a crowd is a violent demonstration, not a battle between armed groups
        return "Riots", "Violent demonstration"
    if (
        vac
        and kind1 not in _CROWDS
        and (_ARMED_VICTIM_AFTER_RE.match(after) or _ARMED_VICTIM_BEFORE_RE.search(before))
    ):
        return "Battles", "Armed clash"  # "gunmen shot dead a soldier", "5 militants killed"
    if etype == "Battles" and protest and (kind1 in _CROWDS or kind2 in _CROWDS):
        return "Riots", "Violent demonstration"  # "clashes between protesters and police"
    object_follows = (
        actor2 is not None
        and trigger is not None
        and 0 <= actor2.start - (sentence_start + t1) <= 30
    )
    if etype == "Battles" and sub == "Armed clash" and kind2 == "civilians" and object_follows:
        return "Violence against civilians", "Attack"  # "attacked civilians", "ambushed traders"
    if (
        etype == "Battles"
        and generic
        and kind2 not in _ARMED
        and kind1 in _ARMED
        and not _ARMED_VICTIM_AFTER_RE.match(after)
    ):
        return "Violence against civilians", "Attack"  # "gunmen attacked a village"
    if (
        etype == "Violence against civilians"
        and sub == "Attack"
        and kind2 in _ARMED
        and kind1 != "civilians"
        and object_follows
    ):
        # "gunmen opened fire on an army patrol": the armed victim is the trigger's object
        # (not "X was killed ..., and officials blamed Turkish-backed fighters")
        return "Battles", "Armed clash"
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
    max_doc_seconds: float | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
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
    max_doc_seconds
        A time budget per document (None: none; see :mod:`geomap.budget`): a document that
        takes longer gives no events and is handed to ``on_skip`` (logged as a warning when
        ``on_skip`` is None).

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

    extractor = EventExtractor(triggers, actors, gazetteer)
    found: list[Event] = []
    for doc in documents:
        try:
            with time_budget(max_doc_seconds):
                found += extractor.document_events(doc, geoparser(doc))
        except DocumentTimeout as exc:
            skip = budget_skip(doc.id, exc)
            if on_skip is None:
                log.warning("skipped %s", skip)
            else:
                on_skip(skip)
    return deduplicate(found)
