"""People and titles: a place's name that is part of a person's ("Mustafa Bali", "Gen. Mazloum
Kobani", "said Culver", "Amanda Chlebek", "Jordan Henderson").

The word lists (titles, speech verbs, given names, surnames) are data: ``titles`` and
``speech_verbs`` in ``geomap/data/recognition.toml``, the names in ``first_names.txt`` and the
census files.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..gazetteer import matched_primary_name
from ..gazetteer.normalize import fold
from ..recognize import (
    _APPOSITIVE,
    ALTERNATE_NAME_ZIPF,
    SURNAME_PLACE_POPULATION,
    TINY_PLACE_FILTER,
    TINY_POPULATION,
    _english_frequency,
    is_common_word,
)
from .engine import REJECT, Draft, Rule, Verdict

if TYPE_CHECKING:
    from .facts import Facts


def _given(f: Facts, word: str) -> bool:
    return word in f.lex.first_names or word in f.lex.run_first_names


# -- the run around the name (the guard of the stage person: not after "of", "University of
# Georgia") ------------------------------------------------------------------------------
def _title_before(f: Facts, d: Draft) -> Verdict | None:
    return REJECT if f.prev_word in f.lex.titles and f.prev_raw.strip() in ("", ".") else None


def _title_in_run(f: Facts, d: Draft) -> Verdict | None:
    words = f.run_words
    # a title before "and" is another name's: "Prime Minister Ivan Petrov and Dagestan's"
    for k in range(len(words) - 1, -1, -1):
        if words[k] in ("and", "or"):
            words = words[k + 1 :]
            break
    return REJECT if any(w in f.lex.titles for w in words) else None


def _given_name_leads(f: Facts, d: Draft) -> Verdict | None:
    lex, words = f.lex, f.run_words
    if not words:
        return None
    given = words[0] in lex.first_names or (
        # a rarer given name, when no generic word of names follows ("Clifton Hill")
        words[0] in lex.run_first_names and f.tokens[f.a + 1].folded not in lex.name_words
    )
    # not "Florence and Charlotte"
    return REJECT if given and lex.connectors.isdisjoint(words) else None


def _speaks(f: Facts, d: Draft) -> Verdict | None:
    # an organisation speaks too: "Nottingham Trent University said so"
    if not f.run_words or f.tokens[f.b].folded in f.lex.org_heads:
        return None
    return REJECT if f.next_word in f.lex.speech_verbs and not f.coordinated else None


def _given_name_described(f: Facts, d: Draft) -> Verdict | None:
    if not (f.single and f.a == f.start_tok and f.b > f.j):
        return None
    tokens = f.tokens
    if (
        _given(f, f.first.folded)
        and all(f.rec._person_word(t) for t in tokens[f.j + 1 : f.b + 1])
        and (f.next_word in f.lex.speech_verbs or _APPOSITIVE.match(f.text, tokens[f.b].end))
        and not f.coordinated
    ):
        return REJECT
    return None


def _given_name_subject(f: Facts, d: Draft) -> Verdict | None:
    if not (f.single and f.a == f.start_tok and f.b > f.j) or f.coordinated:
        return None
    lex, tokens = f.lex, f.tokens
    surname = tokens[f.b]
    if not (
        _given(f, f.first.folded)
        and all(f.rec._person_word(t) for t in tokens[f.j + 1 : f.b + 1])
        # a surname, not any capitalised word: "Georgia Tech was", "Jordan Valley is" stay
        and surname.folded in lex.surnames
    ):
        return None
    if f.next_word in lex.person_verbs and tokens[f.b + 1].joined:
        return REJECT
    # or the surname stands alone elsewhere: "Georgia Smith runs a clinic. Smith said"
    for k, tok in enumerate(tokens):
        if (
            k != f.b
            and tok.folded == surname.folded
            and tok.cap
            and not (tok.joined and k > 0 and tokens[k - 1].cap)
        ):
            return REJECT
    return None


# -- after the place's size and the cues are known: a single word still read as a place (the
# guard of the stage person-late) ------------------------------------------------------------
def _surname_named_earlier(f: Facts, d: Draft) -> Verdict | None:
    # a well-known place yields only to a person its full name or title introduced
    if f.major or (f.known and f.first.folded not in f.doc.named_persons):
        return None
    first_at = f.doc.persons.get(f.first.folded)
    if (
        first_at is not None
        # before the person is named, only a name no preposition or verb cues as a place
        and (first_at <= f.i or not f.cue_before)
        and f.before not in f.lex.locative_prepositions
    ):
        return REJECT
    return None


def _given_name_other_name(f: Facts, d: Draft) -> Verdict | None:
    if f.first.upper or not _given(f, f.first.folded):
        return None
    if f.before in f.lex.locative_prepositions:
        return None
    return None if any(matched_primary_name(c) for c in f.cands) else REJECT


def _given_name_of_person(f: Facts, d: Draft) -> Verdict | None:
    lex, tokens = f.lex, f.tokens
    word = f.first.folded
    if f.a != f.i or f.b != f.j or f.coordinated or not _given(f, word):
        return None
    if f.before in lex.place_prepositions:
        return None
    if f.next_word not in lex.speech_verbs and f.next_word not in lex.person_verbs:
        return None
    # the text names a person by that given name and a surname ("Georgia Smith")
    for k in range(len(tokens) - 1):
        tok, nxt = tokens[k], tokens[k + 1]
        if (
            k != f.i
            and tok.folded == word
            and tok.cap
            and nxt.joined
            and nxt.folded in lex.surnames
            and f.rec._person_word(nxt)
        ):
            return REJECT
    return None


def _speaks_alone(f: Facts, d: Draft) -> Verdict | None:
    if not f.uncued_minor:
        return None
    tokens, j = f.tokens, f.j
    if (f.next_word in f.lex.speech_verbs and f.a == f.start_tok) or (
        j + 1 < len(tokens) and tokens[j + 1].joined and tokens[j + 1].folded in f.lex.person_nouns
    ):
        return REJECT
    return None


def _uncued(f: Facts, d: Draft) -> bool:
    """:attr:`Facts.uncued_minor`, and no place kind after the name cued it either ("Guerrero
    state officials", "Hood County")."""
    return f.uncued_minor and d.cue not in f.lex.place_kinds


def _given_name_alone(f: Facts, d: Draft) -> Verdict | None:
    if not _uncued(f, d):
        return None
    word = f.first.folded
    if word in f.lex.first_names and not (f.known and word in f.lex.census_first_names):
        return REJECT
    return None


def _tiny_place(f: Facts, d: Draft) -> Verdict | None:
    if not (_uncued(f, d) and TINY_PLACE_FILTER) or f.cue_after:
        return None
    top = f.top
    return (
        REJECT if top.population < TINY_POPULATION and not top.source.startswith("geomap") else None
    )


def _common_surname(f: Facts, d: Draft) -> Verdict | None:
    if not _uncued(f, d) or f.known or f.cue_after:
        return None
    if f.first.folded in f.lex.surnames and f.top.population < SURNAME_PLACE_POPULATION:
        return REJECT
    return None


def _alternate_name(f: Facts, d: Draft) -> Verdict | None:
    if not (_uncued(f, d) and ALTERNATE_NAME_ZIPF) or f.known or f.cue_after:
        return None
    if any(matched_primary_name(c) for c in f.cands):
        return None
    return REJECT if _english_frequency(f.first.text) >= ALTERNATE_NAME_ZIPF else None


def _small_place_in_name(f: Facts, d: Draft) -> Verdict | None:
    if f.b <= f.j or f.known:
        return None
    lex, tokens, j = f.lex, f.tokens, f.j
    nxt = tokens[j + 1]
    if nxt.folded in lex.name_words:  # "Travis and Ellis Counties"
        return None
    if (
        f.first.folded in lex.first_names
        # a rarer given name, when a capitalised word follows: "Harvey A. Rittle"
        or (nxt.cap and f.first.folded in lex.run_first_names)
        # any small place's name just before a common surname or given name that is no
        # ordinary word: "Wallis Simpson" (not "Watertown's Taylor", "Cherry Hinton Hall")
        or (
            (nxt.folded in lex.surnames or nxt.folded in lex.first_names)
            and f.text[f.last.end : nxt.start] == " "
            and not is_common_word(nxt.text)
            and f.rec._surname_like(nxt)
        )
    ):
        return REJECT
    return None


def _given_name_surname(f: Facts, d: Draft) -> Verdict | None:
    lex, word = f.lex, f.first.folded
    if f.b <= f.j or (word not in lex.first_names and word not in lex.run_first_names):
        return None
    tokens, j = f.tokens, f.j
    nxt = tokens[j + 1]
    # a region, only before a plain surname: "Lori Whipps", not "Virginia's Jefferson"
    region_before_surname = (
        f.top.kind in ("admin1", "country")
        and f.text[f.last.end : nxt.start] == " "
        and not is_common_word(nxt.text)
        and nxt.folded not in lex.temporal  # "Jordan Monday"
    )
    # a common surname, plainly after the name: "Chad Mercer", "Sydney Parker" (not "Victoria
    # Park": the generic words of names are no surname here)
    plain_surname = (
        f.text[f.last.end : nxt.start] == " "
        and nxt.folded in lex.surnames
        and nxt.folded not in lex.name_words
        and f.b == j + 1
    )
    if word not in lex.first_names and not plain_surname:
        return None  # a rarer given name ("Chelsea", "Dallas") only before a common surname
    if (
        (not f.major or region_before_surname or plain_surname)
        and nxt.cap
        and f.rec._surname_like(nxt)
        # a place kind after the run names a place: "Abu Shok refugee camp"
        and lex.place_kinds.isdisjoint(t.folded for t in tokens[f.b + 1 : f.b + 3])
    ):
        return REJECT
    return None


def _surname_after_given_names(f: Facts, d: Draft) -> Verdict | None:
    if f.a >= f.start_tok or f.cue_after or f.preceded_by_of:
        return None
    lex = f.lex
    # a city's name that is a common surname too: "Jordan Henderson"
    if not (not f.known or (not f.major and f.first.folded in lex.surnames)):
        return None
    if lex.connectors.isdisjoint(f.run_words) and f.rec._names_a_person_before(
        f.text, f.tokens, f.a, f.start_tok
    ):
        return REJECT
    return None


_INITIALS_RE = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]\.?")


def _initials(f: Facts, d: Draft) -> Verdict | None:
    text, tokens, j = f.text, f.tokens, f.j
    start, end = tokens[f.start_tok].start, f.last.end
    if j + 1 >= len(tokens) or not _INITIALS_RE.fullmatch(text, start, tokens[j + 1].start - 1):
        return None
    nxt = tokens[j + 1]
    if text[start - 2 : start] == ", " or not nxt.cap or nxt.upper:
        return None  # "Santa Fe, N.M. Police said"
    # with a closing dot the capitals may end a sentence: "cases rose in the U.S. Ann Roy said"
    if text[end : nxt.start] != " " or is_common_word(nxt.text):
        return None  # "N.J Transit"
    if nxt.key in f.rec.keys and any(
        matched_primary_name(c) and fold(c.matched_name) == nxt.folded
        for c in f.rec.candidates(nxt.key)
    ):
        return None  # a place's own name: "N.Y. Albany"
    return REJECT


RULES: tuple[Rule, ...] = (
    Rule(
        "people.initials",
        "person",
        "Dotted capitals without a closing dot before a surname are a person's initials, not a "
        'state\'s abbreviation: "the home of N.M Perera" (but "Santa Fe, N.M." and "N.J '
        'Transit"; "the U.S. Ann Roy said" may end a sentence).',
        keep=(
            ("He lives in Santa Fe, N.M. with his wife.", "N.M."),
            ("Cases rose across the U.S. Ann Roy said so.", "U.S."),
        ),
        drop=(("The home of N.M Perera was damaged.", "N.M"),),
        decide=_initials,
    ),
    Rule(
        "people.title-before",
        "person",
        'A title just before the run makes it a person: "President Donald Trump".',
        keep=(("Turkish troops entered Kobani.", "Kobani"),),
        drop=(("Gen. Kobani said the offensive would stop.", "Kobani"),),
        decide=_title_before,
        words=("titles",),
    ),
    Rule(
        "people.title-in-run",
        "person",
        'A title inside the run before the name makes it a person: "Gen. Mazloum Kobani".',
        keep=(("Turkish troops entered Kobani.", "Kobani"),),
        drop=(("Aides said Gen Mazloum Kobani spoke.", "Kobani"),),
        decide=_title_in_run,
        words=("titles",),
        needs_run=True,
    ),
    Rule(
        "people.given-name-leads",
        "person",
        'A given name leading the run makes it a person: "Mustafa Bali", "Abraham Lincoln".',
        keep=(("Clashes were reported near Bali.", "Bali"),),
        drop=(("A spokesman, Mustafa Bali, denied it.", "Bali"),),
        decide=_given_name_leads,
        words=("first_names", "run_first_names", "connectors"),
        needs_run=True,
    ),
    Rule(
        "people.speaks",
        "person",
        'A run of several names before a speech verb is a person: "Rami Haddad said".',
        keep=(("Shelling hit Tal Abyad, residents said.", "Tal Abyad"),),
        drop=(("Heath and Jones said so.", "Jones"),),
        decide=_speaks,
        words=("speech_verbs",),
        needs_run=True,
    ),
    Rule(
        "people.given-name-described",
        "person",
        "A given name leading surnames that speak or are described is a person, however large "
        'the place: "Georgia Smith said", "Victoria Harris, a nurse,".',
        keep=(("Storms hit Georgia on Monday.", "Georgia"),),
        drop=(("Georgia Smith said the clinic was full.", "Georgia"),),
        decide=_given_name_described,
        words=("first_names", "run_first_names", "speech_verbs"),
        needs_run=True,
    ),
    Rule(
        "people.given-name-subject",
        "person",
        "A given name leading a surname that is the subject of a verb, or whose surname the "
        'text writes alone too, is a person, however large the place: "Georgia Smith was '
        'arrested", "Georgia Smith runs a clinic. Smith said".',
        keep=(("Georgia was hit by storms on Monday.", "Georgia"),),
        drop=(
            ("Georgia Smith was arrested on Friday.", "Georgia"),
            ("Georgia Smith runs a clinic in Macon. Smith opened it in May.", "Georgia"),
        ),
        decide=_given_name_subject,
        words=("first_names", "run_first_names", "surnames", "person_verbs"),
        needs_run=True,
    ),
    Rule(
        "people.surname-named-earlier",
        "person-late",
        'The surname of a person named earlier is that person, unless "in", "at" or '
        '"near" put something there: "said Culver ... Culver signed"; a well-known town '
        'only after a given name or title ("Laura Fairfield ... Fairfield was jailed").',
        keep=(
            ("said Culver. Floods hit homes in Culver.", "Culver"),
            ("We were told Fargo is colder. Fargo got snow.", "Fargo"),
        ),
        drop=(
            ("said Culver. Culver spoke about the task force.", "Culver"),
            ("Laura Fairfield was charged. Fairfield was jailed.", "Fairfield"),
        ),
        decide=_surname_named_earlier,
        words=("titles", "first_names", "speech_verbs", "locative_prepositions"),
    ),
    Rule(
        "people.given-name-other-name",
        "person-late",
        'A given name that only a place\'s other name matches is the person: "Sophia" for '
        'Sofia, "Sam" for Damascus.',
        keep=(("She grew up in Sophia before the war.", "Sophia"),),
        drop=(("He said Julia would go.", "Julia"),),
        decide=_given_name_other_name,
        words=("first_names", "run_first_names", "locative_prepositions"),
    ),
    Rule(
        "people.given-name-of-person",
        "person-late",
        "A given name alone before a speech verb or a person's verb is the person when the "
        'text names someone by that given name and a surname: "Georgia Smith ... Georgia said".',
        keep=(("Georgia Smith left Atlanta. In Georgia, she said, rents are high.", "Georgia"),),
        drop=(("Georgia Smith, 41, runs a clinic. Georgia said it was full.", "Georgia"),),
        decide=_given_name_of_person,
        words=("first_names", "surnames", "speech_verbs", "person_verbs", "place_prepositions"),
    ),
    Rule(
        "people.speaks-alone",
        "person-late",
        'A small place\'s name before a speech verb or "administration" is a person: '
        '"Obama said", "the Obama administration".',
        keep=(("He travelled to Obama last week.", "Obama"),),
        drop=(("Critics of the Obama administration spoke.", "Obama"),),
        decide=_speaks_alone,
        words=("speech_verbs", "person_nouns"),
    ),
    Rule(
        "people.given-name-alone",
        "person-late",
        "A given name alone, naming no major place and with no place preposition, is a person: "
        '"said Ahmad".',
        keep=(("The ship docked in Vladimir.", "Vladimir"),),
        drop=(("Vladimir Putin met Brandon Miller in Sochi.", "Vladimir"),),
        decide=_given_name_alone,
        words=("first_names", "census_first_names"),
    ),
    Rule(
        "people.tiny-place",
        "person-late",
        "A village of under 1,000 people needs a place cue to be a place.",
        keep=(("Troops searched Hatra, a ruined city.", "Hatra"),),
        drop=(("Troops searched Hatra for weapons.", "Hatra"),),
        decide=_tiny_place,
    ),
    Rule(
        "people.common-surname",
        "person-late",
        "A common surname that only places of under 10,000 people have is a person without a "
        'place cue: "which Welch drafted" ("reached Welch" is the town).',
        keep=(
            ("The bus reached Welch before noon.", "Welch"),
            ("Two Guerrero state officials were hurt.", "Guerrero"),
        ),
        drop=(("The bill, which Welch drafted, passed.", "Welch"),),
        decide=_common_surname,
        words=("surnames",),
    ),
    Rule(
        "people.alternate-name",
        "person-late",
        "An English word or name that is only another name of a small town needs a place cue: "
        '"Snell" for Snellville, "McDaniel" for Lilburn.',
        keep=(("He moved to Snellville last year.", "Snellville"),),
        drop=(("Snell was fired after his arrest.", "Snell"),),
        decide=_alternate_name,
    ),
    Rule(
        "people.small-place-in-name",
        "person-late",
        "A small place's name leading a run as a given name, or before a surname, is a person: "
        '"Amanda Chlebek", "Wallis Simpson".',
        keep=(("The award went to Amanda Chlebek of Springfield.", "Springfield"),),
        drop=(("The award went to Amanda Chlebek of Springfield.", "Amanda"),),
        decide=_small_place_in_name,
        words=("first_names", "run_first_names", "surnames"),
        needs_run=True,
    ),
    Rule(
        "people.given-name-surname",
        "person-late",
        "A town's or region's name that is a given name before a surname is a person: "
        '"Vladimir Putin", "Chad Johnson" (not "Florence Italy"); a country or city, or a '
        'rarer given name, only before a common surname: "Chad Mercer", "Dallas Brown".',
        keep=(
            ("The train left Florence Italy at dawn.", "Florence"),
            ("The band played in Victoria Park.", "Victoria Park"),
        ),
        drop=(
            ("Vladimir Putin met Brandon Miller in Sochi.", "Brandon"),
            ("Officers Ron Stone and Chad Mercer were there.", "Chad"),
        ),
        decide=_given_name_surname,
        words=("first_names", "run_first_names", "surnames", "temporal", "place_kinds"),
        needs_run=True,
    ),
    Rule(
        "people.surname-after-given-names",
        "person-late",
        "A small place's name, or a city's that is a common surname, after given names is a "
        'surname: "Vickie Welborn", "Jordan Henderson".',
        keep=(("Talks were held in Annan.", "Annan"),),
        drop=(("He met Kofi Annan in Accra.", "Annan"),),
        decide=_surname_after_given_names,
        words=("surnames", "directions", "name_words", "connectors"),
        needs_run=True,
    ),
)
