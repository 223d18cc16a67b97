"""Finding place names in raw text: spans, roles and the cues behind them.

The recogniser works on the original text and reports character offsets into it. It has no
statistical model (none can be loaded offline from the registries); instead it combines:

1. **Gazetteer keys.** Every word is normalised with :func:`geomap.gazetteer.normalize.token_key`
   (the same function the index uses), and the longest run of capitalised words whose joined key
   is a gazetteer key becomes a candidate span ("Ras al-Ain", "Deir Ezzor", "United States").
2. **Look-alike filters.** A candidate is dropped, or flagged, when its context says it is not a
   location:
   - persons: a title before the capitalised run ("Gen. Mazloum Kobani", "President Donald
     Trump"), a known given name at its start ("Mustafa Bali"), or a run followed by "said";
     a small town's name is not a place when it is the given name leading a run ("Amanda
     Chlebek") or the surname after capitalised given names ("Vickie Welborn");
   - generic words of names ("Fort", "Lake", "Street") are never places on their own;
   - organisations: a head word in the same run ("London School of Economics", "Syrian
     Democratic Forces") makes the place **embedded** — reported with ``role="embedded"``,
     never used as a location;
   - common words: a single word that is also an ordinary lower-case English word ("Of", "Bar",
     "Reading", "Nice") needs a place cue ("in Reading", "Reading, England") unless it names a
     country, a province or a large city; months and weekdays are never places; a
     sentence-initial common word needs a cue even then.
3. **Demonyms.** "Syrian", "Turkish" are reported with ``role="demonym"`` (resolved to the
   country for reference, never used as a location).
4. **Areas.** A direction word before a country, province or region ("northeast Syria",
   "northern Iraq", "east of the Euphrates") makes an ``area`` mention covering the phrase.
5. **Context cues for unknown names.** "the village of X", "X province", "X camp" report X even
   when the gazetteer does not know it (it stays unresolved, with null geometry).

Modifiers ("US-led", "Syria-based") get ``role="modifier"`` and institutions that share a
place's name ("White House", "Kremlin") ``role="embedded"``.

Policy, documented: demonyms, embedded toponyms and modifiers are reported (and written with
their place's point) so that a reader can see them, but :attr:`geomap.types.Mention.literal` is
False for them: no event and no map marker is ever placed from them.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .documents import TITLE_ABBREVIATIONS
from .gazetteer import Gazetteer
from .gazetteer.build import WordTable, word_table
from .gazetteer.normalize import ARTICLES, DROPPABLE, fold, has_arabic, name_key, token_key
from .gazetteer.view import GazetteerView, NameKeys
from .types import Candidate, Cue, Mention, Place, Role
from .vocabulary import CAMP_RE, COUNTY_SUFFIXES, CUE_KINDS_AFTER, alternation
from .vocabulary import CAMP_WORDS as _CAMP_WORDS
from .vocabulary import NATURAL_NOUNS as _NATURAL_NOUNS
from .vocabulary import NATURAL_PREFIXES as _NATURAL_PREFIXES
from .vocabulary import PARK_NOUNS as _PARK_NOUNS
from .vocabulary import PARK_QUALIFIERS as _PARK_QUALIFIERS
from .vocabulary import PLURAL_KINDS as _PLURAL_KINDS
from .vocabulary import STRONG_KINDS as _STRONG_KINDS

if TYPE_CHECKING:
    from .rules import Draft, Rule
    from .rules.engine import Decision
    from .rules.facts import Doc, Facts, TokenAt

MAX_NAME_TOKENS = 8
#: How far (in tokens) a capitalised run is followed beyond a name on each side (``_run``).
MAX_RUN_REACH = 24
MAJOR_POPULATION = 1_000_000
KNOWN_POPULATION = 100_000
#: Kinds that are well known whatever their population.
MAJOR_KINDS = frozenset({"country", "region", "island", "mountains", "desert"})
#: Kinds a direction word makes an area of ("northeast Syria", "western Java", "northern Alps").
AREA_PREFIX_KINDS = MAJOR_KINDS | {"continent", "admin1", "sea", "river", "city", "town"}
COMMON_ZIPF = 3.0
#: Zipf frequency of the most common words, which open a sentence as a place only when they are
#: a major place's own name.
VERY_COMMON_ZIPF = 5.5
TINY_POPULATION = 1_000
TINY_PLACE_FILTER = True
#: Below this many people, a place named like a common surname needs a place cue.
SURNAME_PLACE_POPULATION = 10_000
#: English-word frequency (Zipf) from which a name that only a town's other name matches is a
#: person or the word, not the town, without a place cue.
ALTERNATE_NAME_ZIPF = 2.2
#: Distinct ``sport_words`` that make a document a sports report, where teams are named by place.
SPORT_WORDS = 3
#: Arabic articles that join the next name across a space ("al Hol"); others ("at", "an", "as")
#: are English words too and join only when hyphenated or capitalised mid-sentence.
SPACED_ARTICLES = frozenset({"al", "el"})

#: A word (letters, with inner apostrophes: "Syria's", "don't") or a number: what tokens are.
#: (Runs of letters and possessive repeats: nothing follows that could make the engine give
#: characters back, so they match what one character at a time would, a third faster.)
WORD_RE = re.compile(r"[^\W\d_](?:[^\W_]++|['’ʼ](?=[^\W\d_]))*+|\d++")
#: The characters before a word (no letter or digit can start one) and the word.
_GAP_WORD_RE = re.compile(r"([\W_]*+)(" + WORD_RE.pattern + ")")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)
_CONTRACTION_RE = re.compile(r"['’](?:re|ve|ll|m|d|t)$|n['’]t$", re.IGNORECASE)
#: Abbreviations after which ". " still joins a name ("St. Petersburg", "Mt. Pleasant").
_JOINING_ABBREVIATIONS = frozenset({"st", "mt", "ft", "pt", "ste"})
_SENT_END = frozenset(".!?")
_ELISION_MARKS = frozenset("'’")
_OPEN_QUOTES = frozenset("\"'“‘«([")
_JOINING_GAPS = frozenset({" ", "-", "‐", "–", " - "})
_PLURAL_POSSESSIVE_GAPS = frozenset({"' ", "’ "})
#: What stands between the names of a list ("A, B and C").
LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
#: Lower-case words inside place names ("Ceamurlia de Jos", "Deir ez-Zor" is hyphenated).
_NAME_PARTICLES = frozenset({"de", "del", "la", "le", "di", "da", "do", "du", "des", "el", "al"})
#: A dateline's dash after a city's name at a sentence start: "Geneva —", "BOSTON (AP) --".
_DATELINE_DASH_RE = r"\s*(?:\([^()]{1,30}\)\s*)?[—–]|\s*\([^()]{1,30}\)\s*-{1,2}\s|\s+-{1,2}\s"
_DATELINE_DASH = re.compile(_DATELINE_DASH_RE)
#: Any dateline after it: the dash, or ", Afghanistan", ":" (not "ISIS (Islamic State) fighters").
_DATELINE = re.compile(_DATELINE_DASH_RE + r"|,\s*[A-Z]|:\s")
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that"})
#: What after a name makes it a place: "Hasakah province", "al-Hol (refugee) camp", "Tal Abyad,"
_CUE_AFTER = re.compile(
    # a comma, but not before an age ("McDaniel, 19, of Lone Oak Road")
    rf"\s*(?:,(?!\s*\d{{1,3}}(?:,|\s+of\b))|{alternation(CUE_KINDS_AFTER)}|{CAMP_RE})"
)
#: What stands between a name and the place that qualifies it: ", Qamishli", ", near Qamishli",
#: " in Deir ez-Zor province".
_QUALIFIER_GAP = re.compile(r",\s*(?:(?:near|in|outside)\s+)?|\s+(?:in|near|outside)\s+")
#: A description of the person just named: "Georgia Smith, a nurse", ", 34,", ", who".
_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the|who|whose)\s|\d{1,3},)")
#: The people or force of a place, in lower case after its name: "a Concord man", "the Reading
#: police" (a capitalised "Police" or "Man" makes a name of its own).
_LOCALS_AFTER = re.compile(
    r" (?:man|woman|boy|girl|teen|teenager|resident|residents|native|couple|family|police|"
    r"firefighters)\b"
)

#: A place's people or bodies after a name that a speech verb introduces: "said Richmond police",
#: "told Springfield residents", "said Kent and Essex police" (no person's surname).
_PLACE_BODY_AFTER = re.compile(
    r"(?: and [A-Z][\w'’-]+)? (?:police|residents|officials|authorities|county|city)\b"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists from ``geomap/data/recognition.toml``, ``first_names.txt``,
    ``census_first_names.txt``, ``census_run_first_names.txt`` and ``census_surnames.txt``."""

    titles: frozenset[str]
    speech_verbs: frozenset[str]
    #: Verbs after a given name and a surname whose subject is a person ("was", "has").
    person_verbs: frozenset[str]
    locative_prepositions: frozenset[str]
    org_heads: frozenset[str]
    connectors: frozenset[str]
    #: Lower-case words that may end a listed name ("al-Omar oil field").
    name_tails: frozenset[str]
    directions: frozenset[str]
    temporal: frozenset[str]
    place_prepositions: frozenset[str]
    place_prefixes: frozenset[str]
    place_kinds: frozenset[str]
    settlement_prefixes: frozenset[str]
    settlement_heads: frozenset[str]
    institutions: frozenset[str]
    #: Institutions named after their district ("Capitol Hill"): located by that name only.
    institution_districts: frozenset[str]
    feature_nouns: frozenset[str]
    organisations: frozenset[str]
    street_nouns: frozenset[str]
    club_prefixes: frozenset[str]
    team_names: frozenset[str]
    sport_words: frozenset[str]
    sport_team_words: frozenset[str]
    team_subject_verbs: frozenset[str]
    team_object_words: frozenset[str]
    result_words: frozenset[str]
    result_particles: frozenset[str]
    disease_nouns: frozenset[str]
    disease_prefixes: frozenset[str]
    #: Religious and ethnic groups that name no country ("Sunni", "Arab", "Kurdish").
    groups: frozenset[str]
    #: Languages that are no demonym ("English", "Swahili"): no place's name alone.
    languages: frozenset[str]
    #: Era markers ("B.C.", "AD"), written without dots: after a number they are no place.
    eras: frozenset[str]
    #: Words after a name that make it a person's ("the Obama administration", "Bush Jr").
    person_nouns: frozenset[str]
    #: Offices written after their place, before the holder ("Fargo Mayor Dana Holt").
    office_titles: frozenset[str]
    #: Words between a place and its office ("Dover Fire Chief").
    office_prefixes: frozenset[str]
    #: Words after a name that make it a listed company's ("Amazon shares").
    market_nouns: frozenset[str]
    first_names: frozenset[str]
    #: Common US given names that are also town names ("Florence", "Madison"): on their own
    #: they are places only when the place is well known.
    census_first_names: frozenset[str]
    #: The generic words of names, never a place alone and never a given name before a surname:
    #: place_prefixes ("Fort"), place_kinds ("Province"), feature_nouns ("Bridge") and
    #: street_nouns ("Street").
    name_words: frozenset[str]
    #: Rarer US given names: a small place's name leading a run before a surname is one of
    #: them ("Harvey A. Rittle"); alone, it stays a place ("an Alton man").
    run_first_names: frozenset[str]
    #: Common US surnames: a small place's name before one is a given name ("Wallis Simpson").
    surnames: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the recogniser's word lists (cached)."""
    data = resources.files("geomap") / "data"
    lists = tomllib.loads((data / "recognition.toml").read_text(encoding="utf-8"))

    def words(file: str) -> frozenset[str]:
        text = (data / file).read_text(encoding="utf-8")
        return frozenset(
            fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split()
        )

    listed = words("first_names.txt")
    census = words("census_first_names.txt")
    folded = {k: frozenset(fold(w) for w in v) for k, v in lists.items()}
    return Lexicon(
        **folded,
        first_names=listed | census,
        census_first_names=census - listed,
        run_first_names=words("census_run_first_names.txt") - listed - census,
        surnames=words("census_surnames.txt"),
        name_words=folded["place_prefixes"]
        | folded["place_kinds"]
        | folded["feature_nouns"]
        | folded["street_nouns"],
    )


@lru_cache(maxsize=1)
def _word_table() -> WordTable | None:
    """English word data precomputed in the default index at build time (None without it)."""
    return word_table()


def _table_word(word: str) -> bool:
    """Whether ``word`` (lower case) can be looked up in the word table: ASCII letters only."""
    return word.isascii() and word.isalpha()


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    """Ordinary lower-case English words (from ``english-words``), for the look-alike filter."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower())


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary English word that is often written lower-case.

    >>> is_common_word("Reading"), is_common_word("Baghouz")
    (True, False)
    """
    table = _word_table()
    low = word.lower()
    if table is not None:  # the same answer without loading the packages
        # the table holds every dictionary word ("josé", "o'brien" are none: not known)
        zipf, known = table.lookup(low)
        if not known and low.endswith("s") and len(low) > 1:
            zipf, known = table.lookup(low[:-1])  # plurals: "Miles", "Parks"
        return known and zipf >= COMMON_ZIPF
    from wordfreq import zipf_frequency

    words = _dictionary_words()
    low = word.lower()
    if low not in words and low.endswith("s") and low[:-1] in words:
        low = low[:-1]  # plurals: "Miles", "Parks"
    return low in words and zipf_frequency(low, "en") >= COMMON_ZIPF


class Token(NamedTuple):
    """One word of the text with what the recogniser needs to know about it."""

    start: int
    end: int
    text: str
    folded: str
    key: str
    cap: bool
    upper: bool
    sent_start: bool
    joined: bool  # attached to the previous token by a space or hyphen only

    @property
    def is_article(self) -> bool:
        """An Arabic article written as its own word ("al", "el", "ash")."""
        return self.folded in ARTICLES


#: ``Token(...)`` without the generated keyword-argument wrapper (tokenising is the hot loop).
_new_token = tuple.__new__


def _facts_of(word: str) -> tuple[str, str, bool, bool]:
    """Folded form, key, capitalised, all-capitals: the same for every occurrence of a word."""
    # an ASCII word of letters and digits folds to its lower case (fold's transliteration,
    # apostrophe and punctuation steps change nothing in it): most words, at a tenth the cost
    folded = word.lower() if word.isascii() and word.isalnum() else fold(word)
    return (
        folded,
        token_key(folded) if folded else "",
        word[:1].isupper()
        or (not word.isascii() and has_arabic(word[:1]))
        # a name after an elided French article: "Côte d'Ivoire", "Coeur d'Alene"
        or (word[1:2] in _ELISION_MARKS and word[:1] in "dl" and word[2:3].isupper()),
        word.isupper() and len(word) > 1,
    )


#: :func:`_facts_of`, remembered (asked for the words the tokeniser cuts, at each occurrence).
_word_facts = lru_cache(maxsize=200_000)(_facts_of)


def _matched_word(word: str) -> tuple[str, str, bool, bool, bool]:
    """:func:`_word_facts` of a word as the tokeniser's pattern matched it, and whether the
    word must be cut first (an apostrophe: "Syria's"; a curly apostrophe decoded with the
    wrong charset: "Minnesotaâ")."""
    cut = "'" in word or "’" in word or (word[-1] == "â" and len(word) > 1)
    return (*_facts_of(word), cut)


#: :func:`_matched_word` of the words seen, in a plain dict (a dict look-up costs less than the
#: ``lru_cache`` one in the tokeniser's loop, and a word's facts are computed once, not kept in
#: a cache of each function on the way); forgotten when it holds ``_MATCHED_MAX`` words.
_MATCHED: dict[str, tuple[str, str, bool, bool, bool]] = {}
_MATCHED_MAX = 200_000


def _remember_word(word: str) -> tuple[str, str, bool, bool, bool]:
    """:func:`_matched_word` of a word not in ``_MATCHED`` yet, remembered there."""
    if len(_MATCHED) >= _MATCHED_MAX:
        _MATCHED.clear()
    facts = _MATCHED[word] = _matched_word(word)
    return facts


def _cut_word(word: str) -> str:
    """A matched word without its contraction or possessive ("don't" → "do", "Syria's" →
    "Syria"; not "it's") and without a stray "â" after a lower-case letter."""
    if "'" in word or "’" in word:
        cut = _CONTRACTION_RE.search(word)
        if cut is None:
            poss = _POSSESSIVE_RE.search(word)
            cut = poss if poss and poss.start() >= 3 else None
        if cut is not None and cut.start() > 0:
            word = word[: cut.start()]
    if word[-1] == "â" and len(word) > 1 and "a" <= word[-2] <= "z":
        # A curly apostrophe decoded with the wrong charset ("Minnesotaâ€™s", "Itâ s").
        word = word[:-1]
    return word


@lru_cache(maxsize=50_000)
def _english_frequency(word: str) -> float:
    """Zipf frequency of a word or name in English ("mcdaniel" 2.9, "hatra" 1.5)."""
    table = _word_table()
    low = word.lower()
    if table is not None:
        if _table_word(low):
            return table.lookup(low)[0]
        found = table.find(low)  # "it's", "josé": wordfreq's figure, stored at build time
        if found is not None:
            return found[0]
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def _very_common(word: str) -> bool:
    """Whether ``word`` is among the most frequent English words ("man", "can", "say")."""
    return _english_frequency(word) >= VERY_COMMON_ZIPF


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with offsets, capitalisation and sentence-start flags."""
    tokens: list[Token] = []
    append = tokens.append
    pos = 0  # where the previous word's match ended
    prev: Token | None = None
    seen = _MATCHED
    new_token = _new_token
    # (gap, word) pairs from one C-level pass: offsets follow from their lengths.
    for gap, word in _GAP_WORD_RE.findall(text):
        start = pos + len(gap)
        pos = end = start + len(word)
        facts = seen.get(word)
        if facts is None:
            facts = _remember_word(word)
        folded, key, cap, upper, cut = facts
        if cut:
            word = _cut_word(word)
            end = start + len(word)
            folded, key, cap, upper = _word_facts(word)
        if gap == " " and prev is not None:  # most words: the fast path of the rules below
            prev = new_token(Token, (start, end, word, folded, key, cap, upper, False, True))
            append(prev)
            continue
        if prev is None:
            joined, sent_start = False, True
        else:
            joined = (
                gap in _JOINING_GAPS
                # a plural possessive inside a name: "Kurdistan Workers' Party"
                or (gap in _PLURAL_POSSESSIVE_GAPS and prev.text[-1] in "sS" and word[:1].isupper())
                or (gap == "." and len(prev.text) <= 3 and prev.text[:1].isupper())
                or (gap == ". " and prev.folded in _JOINING_ABBREVIATIONS)
                # an initial: "W. Va.", "N. C.", "Sheila D. Williams" (not the end of "U.S.")
                or (
                    gap == ". "
                    and len(prev.text) == 1
                    and prev.cap
                    and text[prev.start - 1 : prev.start] != "."
                )
            )
            if gap == ". " and prev.cap and (joined or prev.folded in TITLE_ABBREVIATIONS):
                sent_start = False  # "Rep. Nick Rahall", "Mt. Vernon", "W. Va." go on a sentence
            else:
                before = gap.strip()
                sent_start = not _SENT_END.isdisjoint(before) or "\n\n" in gap
                if before and _OPEN_QUOTES.issuperset(before):
                    sent_start = sent_start or text[prev.end : prev.end + 1] in _SENT_END
        prev = new_token(Token, (start, end, word, folded, key, cap, upper, sent_start, joined))
        append(prev)
    return tokens


_UPPER_BYTES = bytes(range(ord("A"), ord("Z") + 1))
_LETTER_BYTES = _UPPER_BYTES + bytes(range(ord("a"), ord("z") + 1))
_token_start = itemgetter(0)
_token_folded = itemgetter(3)
_token_cap = itemgetter(5)


def _caps_lines(text: str, tokens: list[Token]) -> set[int]:
    """Indexes of tokens on lines written in capitals (headlines), where case says nothing."""
    out: set[int] = set()
    line_start = 0
    for line in text.splitlines(keepends=True):
        line_end = line_start + len(line)
        # the capitals and letters among a line's ASCII characters are counted in bytes (C
        # speed); each of its other characters may be a capital or a letter or neither
        raw = line.encode("ascii", "ignore")
        upper = len(raw) - len(raw.translate(None, _UPPER_BYTES))
        others = len(line) - len(raw)
        if upper + others >= 8:
            letters = len(raw) - len(raw.translate(None, _LETTER_BYTES))
            # counted one character at a time, unless the line is no capitals line even were
            # all its other characters capitals (a quotation mark in a line of text)
            if others and not (letters and (upper + others) / letters <= 0.8):
                upper = sum(map(str.isupper, line))
                letters = sum(map(str.isalpha, line)) if upper >= 8 else letters
            if upper >= 8 and upper / letters > 0.8:
                # the tokens that start on the line (tokens are in text order)
                first = bisect_left(tokens, line_start, key=_token_start)
                out.update(range(first, bisect_left(tokens, line_end, key=_token_start)))
        line_start = line_end
    return out


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate place span over tokens ``i..j`` (inclusive) before filtering."""

    i: int
    j: int
    key: str


class Recognizer:
    """Finds place-name mentions in text, using a gazetteer's keys.

    Parameters
    ----------
    gazetteer
        Supplies the set of name keys, candidate places (to tell a large city from a village)
        and demonyms.
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        without: frozenset[str] = frozenset(),
        *,
        view: GazetteerView | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        #: What recognition asks of the gazetteer (shared with the resolver: see
        #: :class:`geomap.gazetteer.view.GazetteerView`).
        self.view = view if view is not None else GazetteerView(gazetteer)
        #: Rules switched off (``geomap evaluate --without``; see ``rules.check_disabled``).
        self.without = without
        self.lex = load_lexicon()

    @property
    def keys(self) -> NameKeys:
        """The gazetteer's name keys (``key in recognizer.keys``), looked up as they are asked."""
        return self.view.keys

    @cached_property
    def demonym_keys(self) -> frozenset[str]:
        """Keys of demonyms ("syrian", "turkish", "american")."""
        out: set[str] = set()
        for store in self.gazetteer.stores:
            out.update(store.iter_demonym_keys())
        return frozenset(out)

    @cached_property
    def _demonym_prefixes(self) -> frozenset[str]:
        """The words a demonym of several words begins with ("sri" of "sri lankan")."""
        out: set[str] = set()
        for key in self.demonym_keys:
            words = key.split(" ")
            out.update(" ".join(words[:i]) for i in range(1, len(words)))
        return frozenset(out)

    @cached_property
    def _organisation_keys(self) -> frozenset[str]:
        return frozenset(name_key(name) for name in self.lex.organisations)

    @cached_property
    def _organisation_words(self) -> tuple[tuple[str, ...], ...]:
        """The organisations of several words, as folded words ("boko", "haram")."""
        return tuple(
            words
            for words in (tuple(fold(n).split()) for n in self.lex.organisations)
            if len(words) > 1
        )

    @cached_property
    def _organisation_word_set(self) -> frozenset[str]:
        """Every word of the organisations of several words."""
        return frozenset(w for words in self._organisation_words for w in words)

    def _in_organisation_name(self, tokens: list[Token], a: int, b: int, i: int, j: int) -> bool:
        """Whether tokens i..j lie in an organisation's name of several words written in the run
        a..b: "Boko" in "Boko Haram" (a place in Congo), "Haram" (a town in Norway) too."""
        # such a name overlaps tokens i..j only if one of them is one of its words
        if self._organisation_word_set.isdisjoint([t.folded for t in tokens[i : j + 1]]):
            return False
        for words in self._organisation_words:
            n = len(words)
            # each start of n words within the run whose words overlap tokens i..j
            for k in range(max(a, i - n + 1), min(b - n + 1, j) + 1):
                if all(tokens[k + x].folded == w for x, w in enumerate(words)):
                    return True
        return False

    def _no_name_alone(self, tok: Token) -> bool:
        """A word that is no place's name on its own: a month or weekday, a direction, a title,
        a religious or ethnic group, a language, a demonym ("Syrian" is reported by _demonyms)."""
        lex = self.lex
        return (
            tok.folded in lex.temporal
            or tok.folded in lex.directions
            or tok.folded in lex.titles
            or tok.folded in lex.groups
            or tok.folded in lex.languages
            or tok.key in self.demonym_keys
        )

    def _country_population(self, place: Place) -> int:
        """Population of a place's country: the parishes of small islands ("Michael", Isle of
        Man; "Paul", Cape Verde) are not major places."""
        country = self.gazetteer.country(place.country_code)
        return country.population if country is not None else 0

    def written_candidates(self, key: str, written: str, dotted: bool) -> list[Candidate]:
        """:meth:`GazetteerView.written_candidates` (the list is shared: read it only)."""
        return self.view.written_candidates(key, written, dotted)

    def candidates(self, key: str) -> list[Candidate]:
        """Gazetteer candidates for a key (:meth:`GazetteerView.candidates`)."""
        return self.view.candidates(key)

    @cached_property
    def _engine(self) -> _Engine:
        return _Engine(self.without)

    # -- main entry -------------------------------------------------------------------------
    def recognize(
        self, text: str, doc_id: str = "", trace: list[Decision] | None = None
    ) -> list[Mention]:
        """All place mentions in ``text``, sorted by offset.

        The candidates are judged by the rules of :mod:`geomap.rules`, then the passes add
        what the text lists or cues; each mention names the rules that decided it
        (``Mention.rules``). With ``trace``, a :class:`~geomap.rules.Decision` is appended for
        every candidate, kept, replaced or rejected, and for every mention a pass adds.
        """
        from .rules import pass_rules

        doc = self._document(text, doc_id, trace)
        mentions = self._candidate_pass(doc)
        for rule in pass_rules(self.without):
            mentions = self._run_pass(rule, doc, mentions)
        return _dedupe(mentions)

    def _document(self, text: str, doc_id: str, trace: list[Decision] | None) -> Doc:
        """The text's words and what every rule may ask about the whole text."""
        from .rules.facts import Doc

        tokens = tokenize(text)
        caps = _caps_lines(text, tokens)
        words = frozenset(map(_token_folded, tokens))
        capitalised = _capitalised(tokens)
        return Doc(
            text=text,
            doc_id=doc_id,
            tokens=tokens,
            caps=caps,
            persons=(persons := self._person_surnames(text, tokens, caps)),
            # the surnames a given name or a title introduced ("Laura Fairfield")
            named_persons=frozenset([w for w, b in persons.items() if tokens[b - 1].cap]),
            sport=len(self.lex.sport_words.intersection(words)) >= SPORT_WORDS,
            # words the text capitalises inside a sentence: names there, wherever else they stand
            named=frozenset([tokens[k].key for k in capitalised if not tokens[k].sent_start]),
            words=words,
            capitalised=capitalised,
            trace=trace,
            locatives=self._locatives,
        )

    def _candidate_pass(self, doc: Doc) -> list[Mention]:
        """The mentions the candidate names make (rule ``names.gazetteer-run``)."""
        mentions: list[Mention] = []
        for span in self._spans(doc.tokens, doc.caps, doc.capitalised):
            mention = self._classify(doc, span)
            if mention is None:
                doc.rejected.append(span)
                continue
            mentions.append(mention)
            doc.taken.update(range(span.i, span.j + 1))
            if mention.role == "place":
                doc.place_ends.add(span.j)
                doc.place_starts.add(span.i)
        return mentions

    def _joined_pass(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with the rejected names joined by "and" / "or" to a place found after
        them, judged again as if the place's cue stood before them ("Newark, Heath and
        Pataskala"; rule ``lists.joined-by-and``)."""
        out = list(mentions)
        for span in doc.rejected:
            k = span.j + 2
            if k in doc.place_starts and doc.tokens[span.j + 1].folded in ("and", "or"):
                mention = self._classify(doc, span, joined_to=k)
                if mention is not None:
                    out.append(mention)
                    doc.taken.update(range(span.i, span.j + 1))
        return out

    def _run_pass(self, rule: Rule, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Run one pass rule; the mentions it adds carry its id (and are traced). A pass adds
        its mentions at the end of the list, and every mention before them has its rules."""
        assert rule.run is not None
        out = rule.run(self, doc, mentions)
        k = len(out)
        while k and not out[k - 1].rules:
            k -= 1
        if k == len(out):
            return out
        added = [
            Mention(m.doc_id, m.start, m.end, m.text, m.role, m.cue, m.lookup, (rule.id,))
            for m in out[k:]
        ]
        if doc.trace is not None:
            Decision = self._engine.Decision
            doc.trace += [
                Decision(m.start, m.end, m.text, m.rules, "added", mention=m) for m in added
            ]
        return out[:k] + added

    @cached_property
    def _locatives(self) -> frozenset[str]:
        """The prepositions that place the name after them: "in", "near", "outside"; not "at"
        ("at McDonald's") nor a compass word."""
        return self.lex.locative_prepositions & self.lex.place_prepositions

    @cached_property
    def _person_cues(self) -> frozenset[str]:
        """The words that may introduce a person: given names, titles and speech verbs."""
        lex = self.lex
        return lex.first_names | lex.titles | lex.speech_verbs

    def _person_surnames(self, text: str, tokens: list[Token], caps: set[int]) -> dict[str, int]:
        """Last words of names introduced as persons ("President Donald Trump" → "trump"), each
        with the index of its first such token; a hyphen ends the name ("Logan-Rogersville"
        names two towns)."""
        out: dict[str, int] = {}
        lex = self.lex
        folded = map(_token_folded, tokens)
        names, titles, verbs = lex.first_names, lex.titles, lex.speech_verbs
        # a given name or title (capitalised), or a speech verb ("said Culver", "said Tiara
        # Ellis": who speaks is a person; "will Rogers": a given name is capitalised)
        starts = [
            k
            # the words of the three lists, found in one pass in C, then told apart
            for k in compress(range(len(tokens) - 1), map(self._person_cues.__contains__, folded))
            if (
                (tokens[k].folded in names or tokens[k].folded in titles)
                if tokens[k].cap
                else tokens[k].folded in verbs
            )
            and k not in caps
        ]
        n = len(tokens)
        run_to = -1  # the end of the run walked last: its words all end there
        for k in starts:
            if k <= run_to:
                b = run_to  # inside the run walked last ("St. St. St. ..." is walked once)
            else:
                b = k  # the last token of the name that starts after k
                while b + 1 < n:
                    nxt = tokens[b + 1]
                    if not (nxt.joined and nxt.cap and "-" not in text[tokens[b].end : nxt.start]):
                        break
                    b += 1
                run_to = b
            if b > k and tokens[b].folded not in lex.org_heads:
                if not tokens[k].cap and _PLACE_BODY_AFTER.match(text, tokens[b].end):
                    continue  # "said Richmond police", "told Springfield residents"
                out.setdefault(tokens[b].folded, b)
        return out

    # -- candidate spans --------------------------------------------------------------------
    @staticmethod
    def _is_content_start(tokens: list[Token], i: int, caps: set[int]) -> bool:
        tok = tokens[i]
        if not (tok.cap or i in caps):
            return False
        # "The UAE" at a sentence start is "UAE", as "the UAE" is
        return (
            bool(tok.key)
            and tok.folded not in ARTICLES
            and tok.folded != "the"
            and not tok.text.isdigit()
        )

    def _spans(
        self, tokens: list[Token], caps: set[int], capitalised: list[int] | None = None
    ) -> Iterable[Span]:
        """The candidate names: from each capitalised word (or word on a capitals line) not in
        the name found before, the longest run of words whose joined key the gazetteer has.
        ``capitalised``: the indexes of the capitalised words, when known."""
        keys = self.keys
        tails, connectors = self.lex.name_tails, self.lex.connectors
        n = len(tokens)
        capitalised = _capitalised(tokens) if capitalised is None else capitalised
        # most words are in lower case: only the words that may start a name are visited
        starts = sorted(caps.union(capitalised)) if caps else capitalised
        free = 0  # the first word after the name found last
        for i in starts:
            if i < free or not self._is_content_start(tokens, i, caps):
                continue
            # the first word (capitalised or on a capitals line, no article) is a name by itself
            # when the gazetteer has its key
            parts = [tokens[i].key]
            best = Span(i, i, parts[0]) if parts[0] in keys else None
            j = i + 1
            while j < n and len(parts) < MAX_NAME_TOKENS:
                tok = tokens[j]
                if not tok.joined:
                    break
                tail = tok.folded in tails
                if not (
                    tok.cap
                    or j in caps
                    or tok.folded in ARTICLES
                    or tok.folded in connectors
                    or tail
                ):
                    break
                if not (tok.folded in DROPPABLE and j + 1 < n and tokens[j + 1].joined):
                    parts.append(tok.key)
                    # a name ends on a capitalised word or a kind word ("al-Omar oil field")
                    if (tok.cap or j in caps or tail) and (key := " ".join(parts)) in keys:
                        best = Span(i, j, key)
                j += 1
            if best is None:
                continue
            yield best
            free = best.j + 1

    # -- classification ---------------------------------------------------------------------
    def _run(
        self, tokens: list[Token], caps: set[int], i: int, j: int, text: str
    ) -> tuple[int, int]:
        """The capitalised run around tokens i..j (connectors allowed inside).

        The run reaches at most ``MAX_RUN_REACH`` tokens beyond the name on each side: no name
        phrase is longer, and an endless run ("St. St. St. …") would otherwise be walked again for
        each of its names, a cost quadratic in its length.
        """
        a = i
        floor, ceiling = i - MAX_RUN_REACH, j + MAX_RUN_REACH
        while a > max(0, floor) and tokens[a].joined:
            prev = tokens[a - 1]
            if (
                prev.cap
                or (a - 1) in caps
                # an article inside the run ("Ras al Ain", "Tell at-Tamr"), not the English
                # "at" or "an" before it ("a professor at Cambridge University")
                or (
                    prev.is_article
                    and (prev.folded in SPACED_ARTICLES or text[prev.end : tokens[a].start] == "-")
                )
            ):
                a -= 1
            elif (
                prev.folded in self.lex.connectors
                and a - 2 >= 0
                and prev.joined
                and (tokens[a - 2].cap or (a - 2) in caps)
            ):
                a -= 2
            else:
                break
        b = j
        while b + 1 < min(len(tokens), ceiling) and tokens[b + 1].joined:
            nxt = tokens[b + 1]
            if nxt.cap or (b + 1) in caps:
                b += 1
            elif (
                nxt.folded in self.lex.connectors
                and b + 2 < len(tokens)
                and (tokens[b + 2].joined and (tokens[b + 2].cap or (b + 2) in caps))
            ):
                b += 2
            else:
                break
        return a, b

    def _classify(self, doc: Doc, span: Span, joined_to: int | None = None) -> Mention | None:
        """The mention a candidate span makes, or None, as the candidate rules decide.
        ``joined_to``: the first word of a place that "and" / "or" join the span to ("Heath
        and Pataskala")."""
        engine = self._engine
        facts = engine.Facts(self, doc, span, joined_to)
        draft = engine.Draft("place", "", None)
        stages = engine.alone_stages if facts.alone else engine.candidate_stages
        verdict, fired = engine.decide(stages, facts, draft)
        found = ("names.gazetteer-run",) if joined_to is None else _JOINED
        rules = (*found, *fired)
        mention: Mention | None = None
        if verdict is None:
            mention = _kept(facts, draft, rules)
        elif verdict.mention is not None:
            mention = replace(verdict.mention, rules=rules)
        if doc.trace is not None:
            tokens = doc.tokens
            start, end = tokens[span.i].start, tokens[span.j].end
            outcome, reason = ("replaced" if verdict else "kept"), ""
            if mention is None:
                outcome, reason = "rejected", engine.rule(fired[-1]).doc
            doc.trace.append(
                engine.Decision(start, end, doc.text[start:end], rules, outcome, reason, mention)
            )
        return mention

    def _settlement(
        self, text: str, tokens: list[Token], a: int, i: int, j: int
    ) -> tuple[int, int] | None:
        """The words (first, last) of a village's name that begins with a generic word ("Ain",
        "Tell", "Kafr") at the span's first word i or at its run's first word a, when they
        reach past the span's last word j (or start before it): up to three words after the
        generic one, not "and" nor a kind ("Tell Abyad Border Crossing")."""
        lex = self.lex
        for p in (i,) if a == i else (i, a):
            if tokens[p].folded not in lex.settlement_prefixes:
                continue
            if tokens[p].sent_start and is_common_word(tokens[p].text):
                continue  # "Tell Obama"
            e = p
            while (
                e + 1 < len(tokens)
                and e - p < 3
                and tokens[e + 1].joined
                and (tokens[e + 1].cap or _joining_article(text, tokens, e + 1))
                and tokens[e + 1].folded not in lex.connectors
                and (tokens[e + 1].is_article or tokens[e + 1].folded not in lex.name_words)
            ):
                e += 1
            if (e > j or (p < i and e == j)) and not tokens[e].is_article:
                return p, e
        return None

    def _street(
        self, text: str, tokens: list[Token], a: int, i: int, noun: int, doc_id: str
    ) -> Mention:
        """A street or square named after a place ("Oxford Street", "al-Rashid St."): reported as
        written, to be resolved by its whole name, never as the place it is named after.

        The name starts at token ``i``, or earlier at capitalised words of the run ``a..`` before
        it ("North Cooper Street"), but not across a connector ("Baker Street and Oxford") or a
        possessive ("Rock Hill's Main Street")."""
        while (
            i > a
            and tokens[i - 1].cap
            and tokens[i - 1].folded not in self.lex.connectors
            and text[tokens[i - 1].end : tokens[i].start] == " "  # not "Augusta's Main Street"
        ):
            i -= 1
        start, end = tokens[i].start, tokens[noun].end
        if text[end : end + 1] == "." and len(tokens[noun].text) <= 4:
            end += 1  # "St.", "Ave.", "Blvd."
        institution = fold(text[start:end]) in self.lex.institutions  # "Downing Street"
        return Mention(
            doc_id=doc_id,
            start=start,
            end=end,
            text=text[start:end],
            role=Role.EMBEDDED if institution else Role.PLACE,
            cue=Cue.INSTITUTION if institution else Cue.STREET,
            lookup="",
        )

    def _plays_match(self, tokens: list[Token], a: int, b: int) -> bool:
        """Whether the name on tokens a..b plays a match: "Chelsea beat", "beat the Netherlands",
        "drew with Everton", "a 2-1 win over Arsenal" (only asked in a sports report)."""
        lex = self.lex
        after = tokens[b + 1] if b + 1 < len(tokens) else None
        if after is not None and after.joined and after.folded in lex.team_subject_verbs:
            return True
        k = a - 1
        if k >= 0 and tokens[k].folded == "the" and tokens[k + 1].joined:
            k -= 1  # "beat the Netherlands"
        if k < 0 or not tokens[k + 1].joined:
            return False
        if tokens[k].folded in lex.team_object_words:
            return True
        return (
            tokens[k].folded in lex.result_particles
            and k >= 1
            and tokens[k].joined
            and tokens[k - 1].folded in lex.result_words
        )

    def _person_word(self, tok: Token) -> bool:
        """Whether a capitalised word after a given name is a surname or a given name: listed as
        one, or no gazetteer name, and no generic word of names ("Smith", "Rami"; not "Tech",
        "Valley", "County")."""
        lex = self.lex
        return (
            tok.cap
            and not tok.upper
            and tok.joined
            and tok.folded not in lex.name_words
            and tok.folded not in lex.org_heads
            and tok.folded not in lex.settlement_heads
            and tok.folded not in lex.connectors
            and (
                tok.folded in lex.surnames
                or tok.folded in lex.first_names
                or tok.key not in self.keys
            )
        )

    def _surname_like(self, tok: Token) -> bool:
        """Whether a capitalised word after a given name reads as a surname: no generic word
        of names and no place of note ("Putin" after "Vladimir", but not "Italy")."""
        if tok.upper or tok.folded in self.lex.name_words or tok.folded in self.lex.org_heads:
            return False
        cands = self.candidates(tok.key) if tok.key in self.keys else []
        # a common surname may be a city's name too ("Jordan Henderson", "Washington Irving")
        size = MAJOR_POPULATION if tok.folded in self.lex.surnames else KNOWN_POPULATION
        return not any(
            c.place.kind in MAJOR_KINDS or c.place.kind == "admin1" or c.place.population >= size
            for c in cands
        )

    def _names_a_person_before(self, text: str, tokens: list[Token], a: int, i: int) -> bool:
        """Whether tokens a..i-1 read as the given names before a surname ("Vickie Welborn")."""
        lex = self.lex
        for k in range(a, i):
            tok = tokens[k]
            w = tok.folded
            if (
                tok.is_article
                or w in lex.directions
                or w in lex.name_words
                or len(tok.text) < 2
                or not tok.cap
                or tok.upper
            ):
                return False
            if text[tok.end : tokens[k + 1].start] != " ":
                return False  # "Fargo-Moorhead", "R-Marshall", "Washington's Dulles"
        return True

    def _direction_prefix(self, tokens: list[Token], i: int) -> int | None:
        """Index of a direction word governing token i ("northeast Syria", "east of the X")."""
        dirs = self.lex.directions
        if i >= 1 and tokens[i - 1].folded in dirs and tokens[i].joined:
            k = i - 1
            if k >= 1 and tokens[k - 1].folded in dirs and tokens[k].joined:  # "north-east"
                k -= 1
            return k
        if (
            i >= 3
            and tokens[i - 1].folded == "the"
            and tokens[i - 2].folded == "of"
            and tokens[i - 3].folded in dirs
        ):
            return i - 3
        if i >= 2 and tokens[i - 1].folded == "of" and tokens[i - 2].folded in dirs:
            return i - 2
        return None

    def _demonyms(
        self,
        text: str,
        tokens: list[Token],
        caps: set[int],
        taken: set[int],
        doc_id: str,
        capitalised: list[int] | None = None,
    ) -> list[Mention]:
        """The demonyms (``capitalised``: the indexes of the capitalised words, if known)."""
        out = []
        dem = self.demonym_keys
        skip_to = -1
        capitalised = _capitalised(tokens) if capitalised is None else capitalised
        for k in self._demonym_starts(tokens, capitalised):
            tok = tokens[k]
            if k <= skip_to or k in taken:
                continue
            e = k  # two words first: "Sri Lankan", "South Korean"
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                nxt is not None
                and nxt.joined
                and nxt.cap
                and k + 1 not in taken
                and f"{tok.key} {nxt.key}" in dem
            ):
                e, key = k + 1, f"{tok.key} {nxt.key}"
                if self._regional_pair(tokens, k):
                    continue  # "West and Central African": two regions of a continent
            else:
                key = tok.key if tok.key in dem else name_key(tok.text)
                if key not in dem:
                    continue
            a, b = self._run(tokens, caps, k, e, text)
            outside = [t for m, t in enumerate(tokens[a : b + 1], start=a) if not k <= m <= e]
            embedded = any(t.folded in self.lex.org_heads for t in outside)
            role = Role.EMBEDDED if embedded else Role.DEMONYM
            written = text[tok.start : tokens[e].end]
            out.append(
                Mention(
                    doc_id=doc_id,
                    start=tok.start,
                    end=tokens[e].end,
                    text=written,
                    role=role,
                    cue=Cue.DEMONYM,
                    lookup=written,
                )
            )
            skip_to = e
        return out

    def _demonym_starts(self, tokens: list[Token], capitalised: list[int]) -> list[int]:
        """The capitalised words that can begin a demonym (one word: its key or its whole
        written key is one; two: its key begins one). The whole written key of a word of ASCII
        letters and digits is its key."""
        dem, firsts = self.demonym_keys, self._demonym_prefixes
        return [
            k
            for k in capitalised
            if (tok := tokens[k]).key
            and (
                tok.key in dem
                or tok.key in firsts
                or (not (tok.text.isascii() and tok.text.isalnum()) and name_key(tok.text) in dem)
            )
        ]

    def _regional_pair(self, tokens: list[Token], k: int) -> bool:
        """Whether the direction word at ``k`` is coordinated with another one before it
        ("West and Central African", "East, Central and Southern African")."""
        dirs = self.lex.directions  # "west", "central", "southern", ...
        if tokens[k].folded not in dirs or k < 2:
            return False
        return tokens[k - 1].folded in ("and", "or") and tokens[k - 2].folded in dirs

    def _coordinated_directions(
        self,
        text: str,
        tokens: list[Token],
        first_token: TokenAt,
        mentions: list[Mention],
        taken: set[int],
        doc_id: str,
    ) -> list[Mention]:
        """Capitalised direction words listed before a name's own: "North and South Korea"
        names North Korea too, "West and Central Africa" West Africa. Each is reported as an
        area looked up with the rest of the name. Lower-case ones describe one area ("southern
        and eastern Kentucky")."""
        dirs = self.lex.directions
        out = []
        for m in mentions:
            k = first_token.get(m.start)
            if (
                k is None
                or m.role not in ("place", "area")
                or tokens[k].folded not in dirs
                or not tokens[k].cap  # "southern and eastern Kentucky" is one area
                or k + 1 >= len(tokens)
                or tokens[k + 1].start >= m.end
                or tokens[k + 1].folded in dirs  # "north-east Syria"
            ):
                continue
            rest = text[tokens[k].end : m.end]  # " Korea"
            d = k
            while True:
                c = _item_before(text, tokens, d)
                if (
                    c is None
                    or c in taken
                    or tokens[c].folded not in dirs
                    or not tokens[c].cap  # not "heading north and South Africa"
                    or (c > 0 and text[tokens[c - 1].end : tokens[c].start] == "-")
                ):
                    break
                word = tokens[c]
                out.append(
                    Mention(
                        doc_id=doc_id,
                        start=word.start,
                        end=word.end,
                        text=word.text,
                        role=Role.AREA,
                        cue=Cue.DIRECTION,
                        lookup=word.text + rest,
                    )
                )
                taken.add(c)
                d = c
        return out

    def _qualified_unknowns(
        self,
        text: str,
        tokens: list[Token],
        first_token: TokenAt,
        taken: set[int],
        doc_id: str,
        mentions: list[Mention],
    ) -> list[Mention]:
        """Names the gazetteer lacks that a preposition opens and a place qualifies: "in
        Rmeilan, near Qamishli", "fled to Suwar and Gharanij in Deir ez-Zor province". Not
        ordinary words, given names, surnames or groups ("talked to Jones in Chicago")."""
        out: list[Mention] = []
        n = len(tokens)
        # where the places found so far begin ("northeast" of "northeast Syria")
        places = taken | {first_token.get(m.start, -1) for m in mentions if m.literal}
        prepositions = self.lex.place_prepositions
        k = 1
        # the words after a lower-case place preposition, in order (the others are passed by)
        folded = map(_token_folded, tokens)
        # (a name after one begins with a capital or an article: "in Rmeilan", "to al-Shaafa")
        for after in [
            i + 1
            for i in compress(range(n - 1), map(prepositions.__contains__, folded))
            if not tokens[i].cap and (tokens[i + 1].cap or tokens[i + 1].is_article)
        ]:
            if after < k:
                continue  # inside a name found before
            k = after
            before = tokens[k - 2].folded if k >= 2 else ""
            if (
                before == "according"  # "according to Bruschke, China ..."
                or before in self.lex.org_heads  # "Department of Workforce Development"
                or (first := self._unknown_name(text, tokens, taken, k)) is None
            ):
                k += 1
                continue
            names = [first]
            e = first[1]
            # "Suwar and Gharanij": a second unknown name joined to the first
            if e + 2 < n and tokens[e + 1].folded in ("and", "or") and not tokens[e + 1].cap:
                second = self._unknown_name(text, tokens, taken, e + 2)
                if second is not None:
                    names.append(second)
                    e = second[1]
            # the qualifier: ", Qamishli", ", near Qamishli", " in Deir ez-Zor province"
            q = _QUALIFIER_GAP.match(text, tokens[e].end)
            nxt = e + 1
            while nxt < n and tokens[nxt].end <= (q.end() if q else tokens[e].end):
                nxt += 1
            if q is None or nxt >= n or nxt not in places:
                k = e + 1
                continue
            for a, b in names:
                out.append(_context_mention(text, tokens, a, b, doc_id, "context"))
                taken.update(range(a, b + 1))
            k = e + 1
        return out

    def _unknown_name(
        self, text: str, tokens: list[Token], taken: set[int], k: int
    ) -> tuple[int, int] | None:
        """The words (first, last) of a capitalised name at token k that no rule has taken and
        that is no ordinary word, given name, surname, title, group or acronym; "al-Shaafa"
        begins with its article."""
        lex = self.lex
        n = len(tokens)
        a = k
        if tokens[k].is_article and k + 1 < n and text[tokens[k].end : tokens[k + 1].start] == "-":
            k += 1
        tok = tokens[k]
        if not tok.cap or tok.upper or tok.sent_start or tokens[a].sent_start:
            return None
        e = _name_end(text, tokens, a, k, ARTICLES, capitals=False)
        words = tokens[k : e + 1]
        if not taken.isdisjoint(range(a, e + 1)) or all(is_common_word(t.text) for t in words):
            return None
        if (
            tok.folded in lex.first_names
            or tok.folded in lex.surnames
            or self._no_name_alone(tok)
            or tok.key in self.keys  # a name the gazetteer has was judged by the main pass
            or any(t.folded in lex.org_heads or t.folded in lex.name_words for t in words)
        ):
            return None
        return a, e

    def _listed_counties(
        self, text: str, tokens: list[Token], taken: set[int], doc_id: str
    ) -> list[Mention]:
        """The names listed before "counties" or "parishes" that the gazetteer holds as "X
        County" / "X Parish": "Clarke, Madison, Oconee and Oglethorpe counties" names four
        counties, though "Madison" is also a given name and "Oconee" no town."""
        out = []
        for k, tok in enumerate(tokens):
            suffix = COUNTY_SUFFIXES.get(tok.folded)
            if suffix is None or not tok.joined:
                continue
            for a, b in _names_listed_before(text, tokens, k):
                # "In Becker": the longest tail of the name that is a county's
                for first in range(a, b + 1):
                    name = text[tokens[first].start : tokens[b].end]
                    if name_key(f"{name} {suffix}") in self.keys:
                        if taken.isdisjoint(range(first, b + 1)):
                            out.append(_context_mention(text, tokens, first, b, doc_id, "county"))
                            taken.update(range(first, b + 1))
                        break
        return out

    def _listed_places(
        self,
        text: str,
        tokens: list[Token],
        taken: set[int],
        doc_id: str,
        mentions: list[Mention],
    ) -> list[Mention]:
        """``mentions`` with the names the text lists as places of a kind, known to the
        gazetteer or not: "the villages of Bumbacari and Dudescu", "four villages: Kampungu,
        Makonono and Mombo", "the Etoumbi and Mbomo districts" (two names at least before the
        kind: "the Baltic states" names no place). A listed name replaces a place found in its
        first words ("Tell" of "the villages of Tell Zarnuq and Jeb Halabiya")."""
        out = list(mentions)
        by_start = {
            m.start: m for m in mentions if m.role == "place" and m.cue in ("", "preposition")
        }
        n = len(tokens)
        for k, tok in enumerate(tokens):
            if tok.folded not in _PLURAL_KINDS or tok.cap:
                continue
            names: list[tuple[int, int]] = []
            nxt = k + 1
            if nxt < n and tokens[nxt].folded in ("of", "including") and not tokens[nxt].cap:
                nxt += 1
            elif not (nxt < n and text[tok.end : tokens[nxt].start] == ": "):
                nxt = n
            if nxt < n and tokens[nxt].cap and not tokens[nxt].sent_start:
                names += _names_listed_from(text, tokens, nxt)
            if tok.joined:
                # adjectives come there too: not "Police and Fire districts", "Old and New towns"
                before = [
                    (a, b)
                    for a, b in _names_listed_before(text, tokens, k)
                    if not all(is_common_word(t.text) for t in tokens[a : b + 1])
                ]
                names += before if len(before) >= 2 else []
            for a, b in names:
                if self._no_name(tokens, a, b):
                    continue
                if not taken.isdisjoint(range(a, b + 1)):
                    head = by_start.get(tokens[a].start)
                    if head is None or head.end >= tokens[b].end:
                        continue
                    inside = [t for t in range(a, b + 1) if tokens[t].start < head.end]
                    if not taken.isdisjoint(range(inside[-1] + 1, b + 1)):
                        continue
                    out.remove(by_start.pop(head.start))
                out.append(_context_mention(text, tokens, a, b, doc_id, "context"))
                taken.update(range(a, b + 1))
        return out

    def _no_name(self, tokens: list[Token], a: int, b: int) -> bool:
        """Whether words a..b are no place's name: a direction, a demonym, a month, a title or
        given name leading them ("Western", "Kurdish", "Mr. Smith", "Christian"), or an acronym
        among them ("TIF I and TIF II districts")."""
        lex = self.lex
        first = tokens[a]
        return (
            first.folded in lex.directions
            or first.folded in lex.temporal
            or first.folded in lex.titles
            or first.is_article
            or first.key in self.demonym_keys
            or first.folded in lex.groups
            or first.folded in lex.first_names
            or any(t.upper for t in tokens[a : b + 1])
            or all(t.folded in lex.place_kinds for t in tokens[a : b + 1])
        )

    def _cued_unknowns(
        self,
        text: str,
        tokens: list[Token],
        taken: set[int],
        doc_id: str,
        capitalised: list[int] | None = None,
    ) -> list[Mention]:
        """Names the gazetteer does not know, reported because the text says they are places
        (rule ``features.cued-unknowns``; ``capitalised``: the indexes of the capitalised
        words, when known)."""
        out: list[Mention] = []
        temporal = self.lex.temporal
        capitalised = _capitalised(tokens) if capitalised is None else capitalised
        # the words that may cue one, found in one pass in C: each cue stands within two words
        # before the name's first word and five after it (the kind after a name of five words)
        cues = self._unknown_cues
        at = list(compress(range(len(tokens)), map(cues.__contains__, map(_token_folded, tokens))))
        if not at:
            return out
        for k in [
            k
            for k in capitalised
            if (folded := tokens[k].folded) not in ARTICLES and folded not in temporal
        ]:
            if k in taken:
                continue
            c = bisect_left(at, k - 2)
            if c == len(at) or at[c] > k + 5:
                continue  # no cue within reach
            found = self._cued_unknown(text, tokens, taken, k, doc_id)
            if found is not None:
                mention, j = found
                out.append(mention)
                taken.update(range(k, j + 1))
        return out

    @cached_property
    def _unknown_cues(self) -> frozenset[str]:
        """The words one of which :meth:`_cued_unknown` needs near a name: a strong kind
        ("village", "province"), a camp's word, a street's or a natural feature's noun, a
        natural feature's or a village's generic word ("Lake", "Kafr")."""
        lex = self.lex
        return (
            _STRONG_KINDS
            | _CAMP_WORDS
            | lex.street_nouns
            | _NATURAL_NOUNS
            | _NATURAL_PREFIXES
            | lex.settlement_prefixes
        )

    def _cued_unknown(
        self, text: str, tokens: list[Token], taken: set[int], k: int, doc_id: str
    ) -> tuple[Mention, int] | None:
        """The mention of a name the gazetteer lacks starting at word k, and its last word,
        when a kind ("the village of X", "X province"), a street's or a natural feature's noun
        or a village's generic word cues it."""
        lex, n = self.lex, len(tokens)
        strong = _STRONG_KINDS
        # "the village of X" / "X province"
        before_kind = k >= 2 and tokens[k - 1].folded == "of" and tokens[k - 2].folded in strong
        j = k
        while (
            j + 1 < n
            and tokens[j + 1].joined
            and (tokens[j + 1].cap or tokens[j + 1].is_article)
            and j + 1 not in taken
            and j - k < 4
        ):
            j += 1
        after_kind = j + 1 < n and tokens[j + 1].joined and tokens[j + 1].folded in strong
        # "Abu Shok refugee camp", "Kalma displacement camp"
        after_kind = after_kind or (
            j + 2 < n
            and tokens[j + 1].folded in _CAMP_WORDS
            and tokens[j + 2].folded == "camp"
            and tokens[j + 2].joined
        )
        # a name of its own: not "The Street", not "Mr. Smith Street"
        own_name = (
            j > k
            and tokens[k].folded not in lex.connectors
            and not (k > 0 and tokens[k - 1].folded in lex.titles)
        )
        # "Tahrir Square", "Main Street": the street is named as written
        street = not after_kind and own_name and tokens[j].folded in lex.street_nouns
        # "Neches River", "Lake Lanier", "Mount Ushba": a natural feature the gazetteer lacks
        natural = not (after_kind or street) and own_name and self._natural_name(tokens, k, j)
        # "Kafr Zarnuq": a village's generic word before a name the gazetteer lacks
        settlement = (
            own_name
            and tokens[k].folded in lex.settlement_prefixes
            and not (tokens[k].sent_start and is_common_word(tokens[k].text))
        )
        if not (before_kind or after_kind or street or natural or settlement):
            return None
        if tokens[k].sent_start and not (before_kind or street or natural or settlement):
            return None
        if any(m in taken for m in range(k, j + 1)) or tokens[j].is_article:
            return None
        if all(t.folded in lex.place_kinds or t.folded in lex.org_heads for t in tokens[k : j + 1]):
            return None
        if street:
            return self._street(text, tokens, k, k, j, doc_id), j
        cue = "feature" if natural else "context"
        return _context_mention(text, tokens, k, j, doc_id, cue), j

    def _natural_name(self, tokens: list[Token], k: int, j: int) -> bool:
        """Whether words k..j name a natural feature by their noun ("Neches River", "Lake
        Lanier"), not a person ("Michael Bay", "Veronica Lake") nor an organisation."""
        lex = self.lex
        return (
            (
                tokens[j].folded in _NATURAL_NOUNS
                or (tokens[k].folded in _NATURAL_PREFIXES and tokens[k + 1].joined)
            )
            and tokens[j].folded not in lex.org_heads
            and tokens[k].folded not in lex.first_names
            and tokens[k].folded not in lex.run_first_names
        )


def _capitalised(tokens: list[Token]) -> list[int]:
    """The indexes of the capitalised words (``Doc.capitalised`` of a document)."""
    return list(compress(range(len(tokens)), map(_token_cap, tokens)))


def _name_gap(text: str, left: Token, right: Token) -> bool:
    """Whether two words are joined inside one name ("Rift Valley", "Vest-Agder")."""
    return text[left.end : right.start] in (" ", "-")


def _joining_article(text: str, tokens: list[Token], k: int) -> bool:
    """Whether token k is an Arabic article that joins the word after it into a name: "al" and
    "el" across a space ("Wadi al Zarnuq"), the others, English words too, only with a hyphen
    ("Tal Abyad as-Sharqi", not "near Tal Abyad as Turkish jets struck")."""
    tok = tokens[k]
    return tok.is_article and (
        tok.folded in SPACED_ARTICLES
        or (k + 1 < len(tokens) and text[tok.end : tokens[k + 1].start] == "-")
    )


def _name_end(
    text: str,
    tokens: list[Token],
    first: int,
    e: int,
    particles: frozenset[str],
    *,
    capitals: bool = True,
) -> int:
    """The last word of a name of at most four words from token ``first`` that goes on from
    token ``e`` over capitalised words (all-capitals ones only if ``capitals``) and over a
    lower-case particle before one ("Ceamurlia de Jos", "Wadi al-Zarnuq")."""
    n = len(tokens)
    while e + 1 < n and e - first < 3 and _name_gap(text, tokens[e], tokens[e + 1]):
        nxt = tokens[e + 1]
        if nxt.cap and (capitals or not nxt.upper):
            e += 1
        elif (
            nxt.folded in particles
            and e + 2 < n
            and tokens[e + 2].cap
            and _name_gap(text, nxt, tokens[e + 2])
            and (nxt.folded not in ARTICLES or _joining_article(text, tokens, e + 1))
        ):
            e += 2
        else:
            break
    return e


def _names_listed_from(text: str, tokens: list[Token], i: int) -> list[tuple[int, int]]:
    """The names of a list starting at token i ("Ceamurlia de Jos, Maliuc and Caraorman"): word
    ranges of capitalised words (lower-case particles inside), up to four words each."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    while i < n and tokens[i].cap:
        j = _name_end(text, tokens, i, i, _NAME_PARTICLES)
        out.append((i, j))
        c = j + 1
        if c < n and tokens[c].folded in ("and", "or") and not tokens[c].cap:
            c += 1
        if (
            c >= n
            or not tokens[c].cap
            or not LIST_GAP.fullmatch(text[tokens[j].end : tokens[c].start])
        ):
            break
        i = c
    return out


def _names_listed_before(text: str, tokens: list[Token], k: int) -> list[tuple[int, int]]:
    """The names of a list ending just before token k ("Barrow and Jackson" before
    "counties"), last first: runs of up to three capitalised words."""
    out: list[tuple[int, int]] = []
    b = k - 1
    while b >= 0 and tokens[b].cap:
        a = b
        while (
            a > 0 and b - a < 2 and tokens[a - 1].cap and _name_gap(text, tokens[a - 1], tokens[a])
        ):
            a -= 1
        out.append((a, b))
        c = _item_before(text, tokens, a)
        if c is None:
            break
        b = c
    return out


def _item_before(text: str, tokens: list[Token], a: int) -> int | None:
    """The last word of the list item before the one that starts at word a (across ", ", " and
    ", ", or "), or None when no list gap stands before a."""
    c = a - 1
    if c >= 0 and tokens[c].folded in ("and", "or") and not tokens[c].cap:
        c -= 1
    if c < 0 or not LIST_GAP.fullmatch(text[tokens[c].end : tokens[a].start]):
        return None
    return c


def _context_mention(
    text: str, tokens: list[Token], a: int, b: int, doc_id: str, cue: str
) -> Mention:
    """A place mention of words a..b that the text's wording marks as a place."""
    start, end = tokens[a].start, tokens[b].end
    written = text[start:end]
    return Mention(doc_id, start, end, written, role=Role.PLACE, cue=Cue(cue))


def _natural_head(tokens: list[Token], j: int, b: int) -> int | None:
    """Index of the last word of a natural feature's head just after token j, within the
    capitalised run ending at b ("River", "Mountains", "National Park"), or None."""
    if j + 1 <= b and tokens[j + 1].folded in _NATURAL_NOUNS:
        return j + 1
    if (
        j + 2 <= b
        and tokens[j + 1].folded in _PARK_QUALIFIERS
        and tokens[j + 2].folded in _PARK_NOUNS
    ):
        return j + 2
    return None


_JOINED = ("names.gazetteer-run", "lists.joined-by-and")


class _Engine:
    """The rules engine's parts, imported when a recogniser first needs them (the rule
    modules import this module)."""

    def __init__(self, without: frozenset[str] = frozenset()) -> None:
        from . import rules
        from .rules import engine, facts

        self.candidate_stages = rules.candidate_stages(without)
        #: The rules asked of a name that is its whole run (``Facts.alone``).
        self.alone_stages = rules.candidate_stages(without, alone=True)
        self.rule = rules.rule
        self.Facts = facts.Facts
        self.Draft = engine.Draft
        self.Decision = engine.Decision
        self.decide = engine.decide


def _kept(facts: Facts, draft: Draft, rules: tuple[str, ...]) -> Mention:
    """The mention a candidate that no rule rejected makes, as the rules relabelled it."""
    doc = facts.doc
    start_tok = facts.start_tok if draft.start_tok is None else draft.start_tok
    start, end = doc.tokens[start_tok].start, facts.end
    written = doc.text[start:end]
    return Mention(
        doc_id=doc.doc_id,
        start=start,
        end=end,
        text=written,
        role=Role(draft.role),
        cue=Cue(draft.cue),
        lookup=written if draft.role == "area" else "",
        rules=rules,
    )


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sorted mentions without overlaps (the longer, earlier one wins)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
