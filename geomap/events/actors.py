"""Actors of an event: who did what to whom, from the actor dictionary (``data/actors.tsv``)
and from patterns that work for any country.

:func:`find_actors` lists the actors named in a sentence (an alias that is really a place, as
"in Ankara" or "to Russia", is not an actor, nor is a source: "Sudanese soldiers said"). Besides
the dictionary's actors it finds, with the document's geoparse results,

* a country's forces: a demonym before a force noun ("the Sudanese army", "Israeli troops",
  "Ethiopian warplanes") or a country's own ("Sudan's army"): ``"Sudanese forces"``, a state
  actor of that country ("Sudanese police" for its police); a region's demonym ("Tigrayan
  forces", "Chechen fighters") gives a militia of that region's country;
* a named armed group the dictionary does not know: capitalised words ending in "Forces",
  "Army", "Front", "Brigade(s)", "Militia", "Battalion" or "Regiment" ("Rapid Support Forces",
  "Arakan Army"; not "Blue Grass Army Depot"): a state actor when the name holds a country's
  name or demonym ("Israel Defense Forces", "Sudanese Armed Forces"), otherwise a rebel group.

Dictionary actors win where they overlap these, so a user's own ``actors.tsv`` can name any of
them. :func:`national_actor` names the dictionary's "Government forces" ("government forces",
"army troops", "regime forces") after the country where the event happened.

:func:`order_actors` chooses ``actor1`` (who acted) and ``actor2`` (who was acted upon) around
the trigger:

* active voice, "X attacked Y": ``actor1`` is the nearest actor before the trigger in the same
  clause (the first one of a conjoined subject), ``actor2`` the first actor after it;
* passive voice, "Y was attacked by X" / "an attack by X on Y": the actor after ``by`` is
  ``actor1`` and the actor before the trigger (or after "on"/"against") is ``actor2``;
* two sides, "clashes between X and Y": ``actor1`` is X and ``actor2`` Y.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..gazetteer.build import data_dir, read_tsv, split_names
from ..types import Place, Resolution
from .lexicon import ActorEntry, Lexicon

__all__ = [
    "GOVERNMENT_FORCES",
    "ActorMention",
    "acled_actor_name",
    "acled_country_name",
    "clause_span",
    "find_actors",
    "national_actor",
    "order_actors",
]

#: The dictionary's actor for a government's forces named without their country.
GOVERNMENT_FORCES = "Government forces"
#: Force nouns after a demonym ("Sudanese army", "Israeli special forces", "Ethiopian jets").
_FORCE_AFTER_RE = re.compile(
    r"[\s-]+(?:(?:armed|security|special|government|military|regular|ground|federal|national|"
    r"elite|state|air)\s+)*(?P<noun>forces|force|army|armies|troops|soldiers|military|navy|"
    r"air\s+force|warplanes|jets|drones|artillery|tanks|aircraft|helicopters|paratroopers|"
    r"marines|commandos|units|fighters|militias?|militants|rebels|police|gunmen)\b",
    re.IGNORECASE,
)
#: What makes a demonym's force non-state even for a country ("Sudanese rebels").
_NON_STATE_NOUNS = frozenset({"fighters", "militia", "militias", "militants", "rebels", "gunmen"})
#: A country's own forces: "Sudan's army", "Israel's military".
_POSSESSIVE_FORCE_RE = re.compile(
    r"['’]s\s+(?:own\s+)?(?:armed\s+forces|army|military|forces|troops|soldiers|navy|"
    r"air\s+force|security\s+forces)\b",
    re.IGNORECASE,
)
#: A named armed group: capitalised words before a military head noun.
_NAMED_FORCE_RE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*\s+){1,5}"
    r"(?:Forces|Army|Front|Brigades?|Militias?|Battalions?|Regiments?)\b"
    r"(?![’'-]|\s+[A-Z])"  # the name goes on: "Blue Grass Army Depot", "Army Corps"
)
#: Words that cannot begin a group's name ("The", "On Tuesday") or make one on their own
#: ("Armed Forces", "Special Forces", "National Army").
_NAME_STOP_RE = re.compile(
    r"the|an?|on|in|at|by|as|and|but|or|of|for|with|from|to|after|before|when|while|this|that|"
    r"these|those|his|her|their|its|our|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|"
    r"february|march|april|may|june|july|august|september|october|november|december",
    re.IGNORECASE,
)
_GENERIC_RE = re.compile(
    r"armed|special|security|air|ground|naval|national|government|regular|federal|allied|"
    r"coalition|joint|united|popular|people['’]?s|revolutionary|royal|state|defen[cs]e|military|"
    r"border|elite",
    re.IGNORECASE,
)
#: Actor types of the dictionary's generic entries, which give way to a longer named actor.
_GENERIC_TYPES = frozenset({"state", "unidentified", "civilians", "protesters", "rioters"})
#: Dictionary actors of another type named by a generic word ("rebels"): they too give way to
#: a longer actor found by pattern ("Sudanese rebels").
_GENERIC_NAMES = frozenset({"Rebels"})
#: Named "armies" that bear no arms.
_UNARMED = frozenset({"salvation army"})

_PLACE_PREP_RE = re.compile(
    r"\b(?:in|to|into|from|near|at|across|toward|towards|inside)\s+$", re.IGNORECASE
)
#: A source, not a party: "residents said", "witnesses told AFP". A claim of one's own act is
#: no source: "the rebels claimed to have shelled the base", "IS claimed responsibility" name the
#: actor, as ACLED codes claims.
_SPEAKER_RE = re.compile(
    r"\s+(?:reportedly\s+|also\s+)?(?:said|say|says|told|tell|reported|report|described|"
    r"recounted|added|claim(?:ed|s)?(?!\s+(?:to\s+have|responsibility|they|it|that\s+they)\b))\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
#: What may stand between "by" and the agent: "by two gunmen", "by a soldier", "by heavily armed
#: men", "by suspected militants".
_AGENT_DETERMINER = (
    r"(?:(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|"
    r"suspected|alleged|presumed|unknown|unidentified|heavily|armed|masked)\s+){0,3}"
)
_BY_RE = re.compile(
    r"^[\s,]*(?:(?!on\b|at\b|against\b)[\w’'-]+\s+){0,4}?by\s+" + _AGENT_DETERMINER + r"$",
    re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(
    r";|:|\bwhile\b|\bwhereas\b|,\s+(?:and|but|as|after|before|when)\b", re.IGNORECASE
)
#: "clashes between X and Y", "fighting broke out between X and Y": X and Y are the two sides.
_BETWEEN_AFTER_RE = re.compile(
    r"^\s+(?:(?:broke\s+out|erupted|raged|flared(?:\s+up)?|continued|resumed|intensified|"
    r"took\s+place)\s+)?(?:(?:on|in|at|late|early|overnight)\s+(?:[\w’'-]+\s+){0,2}?)?"
    # "between Turkish-backed rebel groups and ...": a few words before the first side
    r"between\s+(?:the\s+)?(?P<words>(?:[\w’'-]+\s+){0,3})$",
    re.IGNORECASE,
)
#: What stands between the two sides of "between X and Y": "and", after an aside on X ("rebels,
#: fighting for the Turkish operation, and the SDF").
_BETWEEN_AND_RE = re.compile(
    r"[^;.]{0,100}?(?P<aside>,\s*)?\b(?:and|&|against|versus|vs\.?)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
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
    acled: str = ""  # the dictionary's ACLED name template (see acled_actor_name)


def find_actors(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon,
    resolutions: Sequence[Resolution] = (),
) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, in text order (offsets index ``text``).

    ``resolutions`` (the document's geoparse results) let demonyms and country names make
    actors of any country; without them only the dictionary's actors are found.
    """
    out = _dictionary_actors(text, start, end, lexicon)
    patterns = _pattern_actors(text, start, end, resolutions)
    # "Sudanese troops", "Arakan Army": a generic alias ("troops") inside a longer actor found
    # by pattern gives way to it
    out = [
        a
        for a in out
        if (a.actor_type not in _GENERIC_TYPES and a.name not in _GENERIC_NAMES)
        or not any(
            p.start <= a.start and a.end <= p.end and (p.start, p.end) != (a.start, a.end)
            for p in patterns
        )
    ]
    found = [(a.start, a.end) for a in out]
    for actor in sorted(patterns, key=lambda a: (a.start, a.start - a.end)):
        if any(a < actor.end and actor.start < b for a, b in found):
            continue  # the dictionary's (or a longer pattern's) reading wins
        if _SPEAKER_RE.match(text, actor.end, end):
            continue
        found.append((actor.start, actor.end))
        out.append(actor)
    return _under_operations(text, sorted(out, key=lambda a: a.start))


_UNDER_RE = re.compile(
    r"^[\s,]*(?:(?:who|which)\s+(?:are|is|were|was)\s+)?(?:operating|fighting|acting|serving)?"
    r"\s*(?:under|as\s+part\s+of|within|in)\s+(?:the\s+)?(?:former\s+)?(?:Turkish[-\s]led\s+)?$",
    re.IGNORECASE,
)


def _under_operations(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Fighters named as acting under an operation are that operation's forces, as ACLED codes
    them: "opposition factions under Operation Peace Spring", "rebels, operating as part of
    Operation Olive Branch" are one actor, the operation, where the first fighters stand."""
    out: list[ActorMention] = []
    for actor in actors:
        prev = out[-1] if out else None
        if (
            prev is not None
            and actor.name.startswith("Operation ")
            and _UNDER_RE.match(text[prev.end : actor.start])
        ):
            out[-1] = replace(actor, start=prev.start)
            continue
        out.append(actor)
    return out


def _dictionary_actors(text: str, start: int, end: int, lexicon: Lexicon) -> list[ActorMention]:
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
            ActorMention(
                entry.name, entry.actor_type, entry.country, m.start, m.end, m.text, entry.acled
            )
        )
    return out


def _pattern_actors(
    text: str, start: int, end: int, resolutions: Sequence[Resolution]
) -> list[ActorMention]:
    """Forces named by a demonym or a country ("Sudanese army", "Sudan's army") and named
    armed groups ("Rapid Support Forces") in ``text[start:end]``."""
    inside = [
        r
        for r in resolutions
        if r.place is not None and start <= r.mention.start and r.mention.end <= end
    ]
    out: list[ActorMention] = []
    for res in inside:
        place, m = res.place, res.mention
        assert place is not None
        if m.role == "demonym":
            force = _FORCE_AFTER_RE.match(text, m.end, end)
            if force is None:
                continue
            noun = force.group("noun").lower()
            state = place.kind == "country" and noun not in _NON_STATE_NOUNS
            demonym = _display(m.text)
            name = f"{demonym} police" if noun == "police" else f"{demonym} forces"
            if not state and place.kind == "country":
                name = f"{demonym} {noun}"  # "Sudanese rebels": not the state's forces
            out.append(
                ActorMention(
                    name,
                    "state" if state else "militia",
                    place.country_code,
                    m.start,
                    force.end(),
                    text[m.start : force.end()],
                )
            )
        elif place.kind == "country" and m.literal:
            force = _POSSESSIVE_FORCE_RE.match(text, m.end, end)
            if force is not None:
                name = f"{country_demonyms().get(place.country_code, place.name)} forces"
                out.append(
                    ActorMention(
                        name,
                        "state",
                        place.country_code,
                        m.start,
                        force.end(),
                        text[m.start : force.end()],
                    )
                )
    for named in _NAMED_FORCE_RE.finditer(text, start, end):
        words = named.group().split()
        while words and (_NAME_STOP_RE.fullmatch(words[0]) or words[0].endswith(("'s", "’s"))):
            words.pop(0)
        head_start = named.end() - len(" ".join(words))
        if len(words) < 2 or all(_GENERIC_RE.fullmatch(w) for w in words[:-1]):
            continue
        name = " ".join(words)
        if name.lower() in _UNARMED:
            continue
        country = next(
            (
                r.place
                for r in inside
                if head_start <= r.mention.start
                and r.mention.end <= named.end()
                and r.place is not None
                and r.place.kind == "country"
            ),
            None,
        )
        out.append(
            ActorMention(
                name,
                "state" if country is not None else "rebel",
                country.country_code if country is not None else "",
                head_start,
                named.end(),
                name,
            )
        )
    return out


def _display(word: str) -> str:
    """A demonym as a name: "SUDANESE" and "sudanese" become "Sudanese"."""
    return word if word[:1].isupper() and not word.isupper() else word.capitalize()


@lru_cache(maxsize=1)
def country_demonyms() -> dict[str, str]:
    """The first demonym of each country in the shipped ``countries.tsv`` ("SD" → "Sudanese")."""
    out: dict[str, str] = {}
    for _, row in read_tsv(data_dir() / "countries.tsv"):
        names = split_names(row.get("demonyms", ""))
        if names:
            out[row["iso2"]] = names[0]
    return out


def national_actor(
    actor: ActorMention, place: Place | str | None, lexicon: Lexicon
) -> ActorMention:
    """A government's forces named without their country ("government forces shelled Nyala")
    belong to the country where the event happened: the dictionary's state actor of that
    country when it has one ("Syrian government forces"), else "Sudanese government forces".
    Any other state actor without a country ("police") takes the event's country. Any other
    actor, or an event with no country, is returned as it is. ``place`` is the event's place or
    its country's ISO code."""
    code = place if isinstance(place, str) or place is None else place.country_code
    if not code:
        return actor
    if actor.name != GOVERNMENT_FORCES:
        if actor.actor_type == "state" and not actor.country:
            return replace(actor, country=code)
        return actor
    name = lexicon.state_actor(code)
    acled = actor.acled
    if name is None:
        demonym = country_demonyms().get(code)
        if demonym is None:
            return actor
        name = f"{demonym} government forces"
    else:
        acled = (
            next(
                (e.acled for e in lexicon.entries if isinstance(e, ActorEntry) and e.name == name),
                "",
            )
            or acled
        )
    return replace(actor, name=name, country=code, acled=acled)


@lru_cache(maxsize=1)
def _acled_countries() -> dict[str, tuple[str, str]]:
    """ISO code -> (ACLED's name, its form after "of") from ``data/acled_countries.tsv`` and
    the gazetteer's country names."""
    out: dict[str, tuple[str, str]] = {}
    for _, row in read_tsv(data_dir() / "countries.tsv"):
        out[row["iso2"]] = (row["name"], row["name"])
    path = Path(__file__).parent / "data" / "acled_countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, *after_of = line.split("\t")
        out[code.strip()] = (
            name.strip(),
            (after_of[0].strip() if after_of else "") or name.strip(),
        )
    return out


def acled_country_name(code: str, *, after_of: bool = False) -> str:
    """A country as ACLED writes it ("CD" -> "Democratic Republic of Congo"; after "of", "the
    United States"); "" for an unknown code.

    >>> acled_country_name("SY"), acled_country_name("US", after_of=True)
    ('Syria', 'the United States')
    """
    names = _acled_countries().get(code.upper())
    if names is None:
        return ""
    return names[1] if after_of else names[0]


_TEMPLATE_COUNTRY_RE = re.compile(r"^([A-Z]{2}):(?!\s)")
#: ACLED's names for the dictionary's kinds of actor that have no name of their own.
_ACLED_BY_TYPE = {
    "state": "Military Forces of {country}",
    "civilians": "Civilians ({where})",
    "protesters": "Protesters ({where})",
    "rioters": "Rioters ({where})",
    "unidentified": "Unidentified Armed Group ({where})",
}


def acled_actor_name(actor: ActorMention | None, event_country: str = "") -> str | None:
    """How ACLED names an actor, for an event in ``event_country`` (ISO code).

    The dictionary's ACLED name (a template, see ``data/actors.tsv``) or, without one, the
    name ACLED gives the actor's kind: "Military Forces of Turkey", "Protesters (Yemen)",
    "Unidentified Armed Group (Benin)". A name that needs a country the event lacks falls back
    to the short name.

    >>> a = ActorMention("Police forces", "state", "", 0, 6, "police", "Police Forces of {where}")
    >>> acled_actor_name(a, "KE")
    'Police Forces of Kenya'
    >>> acled_actor_name(ActorMention("Turkish forces", "state", "TR", 0, 1, "x"), "SY")
    'Military Forces of Turkey'
    >>> acled_actor_name(ActorMention("Protesters", "protesters", "", 0, 1, "x"), "")
    'Protesters'
    """
    if actor is None:
        return None
    templates = actor.acled or _ACLED_BY_TYPE.get(actor.actor_type, "")
    chosen = ""
    for one in templates.split("|"):
        m = _TEMPLATE_COUNTRY_RE.match(one)
        if m is None:
            chosen = chosen or one
        elif m.group(1) == event_country:
            chosen = one[m.end() :]
            break
    if not chosen:
        return actor.name
    own = actor.country or event_country
    where = event_country or actor.country
    for key, code in (("{country}", own), ("{where}", where)):
        if key not in chosen:
            continue
        if not code or not acled_country_name(code):
            # "Protesters ({where})" with no country: "Protesters"; "Military Forces of ..."
            # without one: the short name
            bare = chosen.replace(f" ({key})", "")
            return bare if key not in bare else actor.name
        after_of = f"of {key}" in chosen
        chosen = chosen.replace(key, acled_country_name(code, after_of=after_of))
    return chosen


def clause_span(text: str, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause of ``text`` that holds offset ``pos``: cut at ";", ":", "while", "whereas" and
    ", and/but/as/after/before/when" inside the sentence."""
    lo, hi = sentence
    start = lo
    for m in _CLAUSE_BREAK_RE.finditer(text, lo, hi):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, hi


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
    between = _BETWEEN_AFTER_RE.match(text[t_end : after[0].start]) if after else None
    if between is not None:
        # "clashes between X and Y": X, then the side after "and" ("X, backed by the
        # coalition, and Y" is Y); else, right after "between", the next side named
        others = [b for b in after[1:] if b.name != after[0].name]
        joined = [
            (b, m["aside"] is not None)
            for b in others
            if (m := _BETWEEN_AND_RE.match(text, after[0].end, b.start))
        ]
        # "X, led by A and backed by B, and Y": the side after the aside closes
        other = next((b for b, aside in joined if aside), joined[0][0] if joined else None)
        if other is None and others and not between["words"]:
            other = others[0]
        if other is not None:
            return after[0], other
    # passive: "... was attacked by X", or a noun trigger "an attack by X on Y"
    for a in after:
        gap = text[t_end : a.start]
        if _BY_RE.match(gap) and len(gap) < 60:
            rest = [b for b in after if b.start > a.end and _ON_RE.search(text[a.end : b.start])]
            if rest:
                return a, rest[0]
            victims = [b for b in before if b.name != a.name]
            return a, (victims[-1] if victims else None)
    clause = clause_span(text, sentence, t_start)[0]
    subj = [a for a in before if a.start >= clause] or before[-1:]
    actor1: ActorMention | None = subj[0] if subj else None
    # a passive without "by": "Civilians were killed in shelling" -> the subject is the victim
    if actor1 is not None and _PASSIVE_BEFORE_RE.search(
        text[max(sentence[0], t_start - 40) : t_start]
    ):
        return None, actor1
    actor2 = next((a for a in after if actor1 is None or a.name != actor1.name), None)
    return actor1, actor2
