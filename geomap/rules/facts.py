"""The facts rules read: one :class:`Doc` per text, one frozen :class:`Facts` per candidate.

Each fact is computed once, when a rule first asks for it (a cached property of a frozen
record), so a candidate that an early rule rejects costs no more than before and rules
never recompute what another rule already looked at.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..gazetteer.normalize import fold
from ..recognize import (
    _CUE_AFTER,
    _DATELINE_DASH,
    _LOCALS_AFTER,
    KNOWN_POPULATION,
    MAJOR_KINDS,
    MAJOR_POPULATION,
    SPACED_ARTICLES,
    Span,
    Token,
    _very_common,
    is_common_word,
)

if TYPE_CHECKING:
    from ..recognize import Lexicon, Recognizer
    from ..types import Candidate, Place
    from .engine import Decision

#: "pro-" or "anti-" ending just before a name: the name is one side of a stance.
_SIDE_RE = re.compile(r"(?<![\w-])(?:pro|anti)-$", re.IGNORECASE)


class _Fact:
    """A fact computed on first use and then kept in the instance's ``__dict__`` (a lighter
    ``functools.cached_property``: no lock, which Python 3.11 takes on every first use)."""

    def __init__(self, compute: Any) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


if TYPE_CHECKING:
    fact = property
else:
    fact = _Fact


@dataclass
class Doc:
    """One text being recognised and what the passes share: the words taken by mentions so
    far, and the first and last words of the places found."""

    text: str
    doc_id: str
    tokens: list[Token]
    caps: set[int]
    persons: dict[str, int]
    #: The surnames of ``persons`` that a given name or a title introduced ("Elizabeth
    #: Fairfield", "Gen. Mazloum Kobani"), not a verb of speech alone ("told Fargo").
    named_persons: frozenset[str]
    sport: bool
    named: frozenset[str]
    #: The folded words of the text.
    words: frozenset[str]
    #: The indexes of the capitalised words, in order.
    capitalised: list[int]
    taken: set[int] = field(default_factory=set)
    place_ends: set[int] = field(default_factory=set)
    place_starts: set[int] = field(default_factory=set)
    #: Candidates the rules rejected (tried again when "and" joins them to a place).
    rejected: list[Span] = field(default_factory=list)
    #: Where the decisions go when asked (``geomap explain``).
    trace: list[Decision] | None = None
    #: The prepositions that place what follows them ("in", "near"): the lexicon's.
    locatives: frozenset[str] = frozenset()

    @cached_property
    def located_keys(self) -> frozenset[str]:
        """The keys of the capitalised words that stand right after a locative preposition
        somewhere in the text ("in Austin"): one sense per discourse lets another mention of
        the same word count as cued too ("after visiting Austin, she …")."""
        return frozenset(
            [
                tok.key
                for prev, tok in zip(self.tokens, self.tokens[1:], strict=False)
                if tok.cap and not tok.sent_start and prev.folded in self.locatives
            ]
        )

    @cached_property
    def first_token(self) -> TokenAt:
        """The index of the word that starts at each offset (``first_token.get(offset)``)."""
        return TokenAt(self.tokens)


_token_start = itemgetter(0)


class TokenAt:
    """The index of the word that starts at an offset, found by bisection when asked (the
    passes ask it for the few mentions found; a dict of every word cost more)."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens

    def get(self, offset: int, default: int | None = None) -> int | None:
        tokens = self._tokens
        k = bisect_left(tokens, offset, key=_token_start)
        return k if k < len(tokens) and tokens[k].start == offset else default


def _start_tok(text: str, tokens: list[Token], i: int) -> int:
    """The first word of a name at word i: an Arabic article before it joins it ("al-Hol")
    when hyphenated ("at-Tall"), "al" / "el", or capitalised inside a sentence ("As
    Suwayda"); "at Ludlow", "an Irish town" are English words."""
    if i > 0 and tokens[i - 1].is_article and tokens[i].joined:
        article = tokens[i - 1]
        if (
            text[article.end : tokens[i].start] == "-"
            or article.folded in SPACED_ARTICLES
            or (article.cap and not article.sent_start)
        ):
            return i - 1
    return i


class Facts:
    """What is known about one candidate name (tokens ``span.i..span.j``): a read-only record
    whose facts are computed on first use.

    ``joined_to`` is the first word of a place that "and" / "or" join the candidate to, when
    it is tried again after the places were found ("Heath and Pataskala"). The plain fields
    (``first``, ``last``, ``single``, ``in_caps``, ``tokens``...) are set at once.
    """

    rec: Recognizer
    doc: Doc
    span: Span
    joined_to: int | None
    lex: Lexicon
    text: str
    tokens: list[Token]
    i: int
    j: int
    first: Token
    last: Token
    #: One word.
    single: bool
    #: On a line written in capitals only.
    in_caps: bool
    #: The first word: the span's, or an Arabic article before it ("al-Hol").
    start_tok: int
    #: The first word of the capitalised run (the span alone on a capitals-only line).
    run_start: int
    #: The run's first word, without an ordinary word opening the sentence.
    a: int
    #: The run's last word.
    b: int
    #: The name is its whole run: no capitalised word, article or connector joins it on either
    #: side (so ``outside`` and ``run_words`` are empty; see ``Rule.needs_run``).
    alone: bool
    #: The words of the run that are not the name's.
    outside: list[Token]
    #: The word before the run, the word just before the name, the word after the run.
    prev_word: str
    before: str
    next_word: str
    #: "of" before the name, inside the run ("University of Chicago").
    preceded_by_of: bool
    #: The run's words before the name.
    run_words: list[str]

    def __init__(self, rec: Recognizer, doc: Doc, span: Span, joined_to: int | None = None) -> None:
        # the facts every candidate that passes the first rules needs, computed together
        tokens, i, j = doc.tokens, span.i, span.j
        first = tokens[i]
        in_caps = i in doc.caps
        start_tok = _start_tok(doc.text, tokens, i)
        run_start, b = (
            (start_tok, j) if in_caps else rec._run(tokens, doc.caps, start_tok, j, doc.text)
        )
        a = run_start
        if a < start_tok and tokens[a].sent_start and is_common_word(tokens[a].text):
            a = a + 1 if a + 1 <= start_tok else start_tok
        before = tokens[start_tok - 1].folded if start_tok > 0 else ""
        self.__dict__.update(
            rec=rec,
            doc=doc,
            span=span,
            joined_to=joined_to,
            lex=rec.lex,
            text=doc.text,
            tokens=tokens,
            i=i,
            j=j,
            first=first,
            last=tokens[j],
            single=i == j,
            in_caps=in_caps,
            start_tok=start_tok,
            run_start=run_start,
            a=a,
            b=b,
            alone=run_start == start_tok and b == j,
            # a <= start_tok <= j <= b: the run's words before the name and after it
            outside=tokens[a:start_tok] + tokens[j + 1 : b + 1],
            prev_word=tokens[a - 1].folded if a > 0 else "",
            before=before,
            next_word=tokens[b + 1].folded if b + 1 < len(tokens) else "",
            preceded_by_of=start_tok > a and before == "of",
            run_words=[t.folded for t in tokens[a:start_tok]],
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Facts are read-only (tried to set {name!r})")

    @fact
    def cands(self) -> list[Candidate]:
        """The gazetteer's candidates for the key, as written (case) unless in capitals."""
        if self.in_caps:
            return self.rec.candidates(self.span.key)
        text, end = self.text, self.last.end
        return self.rec.written_candidates(
            self.span.key, text[self.first.start : end], text[end : end + 1] == "."
        )

    # -- the run of capitalised words around it (set in __init__) -------------------------
    @fact
    def prev_raw(self) -> str:
        """What stands between the word before the run and the run."""
        tokens, a = self.doc.tokens, self.a
        return self.doc.text[tokens[a - 1].end : tokens[a].start] if a > 0 else ""

    @fact
    def coordinated(self) -> bool:
        """Joined by "and" / "or" to a place just found ("in Suffolk and Norfolk")."""
        start_tok = self.start_tok
        return (
            self.before in ("and", "or")
            and start_tok >= 2
            and (start_tok - 2) in self.doc.place_ends
        ) or self.joined_to == self.span.j + 2

    # -- the place ---------------------------------------------------------------------------
    @fact
    def top(self) -> Place:
        """The first candidate place."""
        return self.cands[0].place

    @fact
    def major(self) -> bool:
        """A country, a region, a city of a million, a province of a large country."""
        top = self.top
        return (
            top.kind in MAJOR_KINDS
            # a county's people are its towns': "Kent said" is a person
            or (top.population >= MAJOR_POPULATION and top.kind != "admin2")
            or (top.kind == "admin1" and self.rec._country_population(top) >= MAJOR_POPULATION)
        )

    @fact
    def known(self) -> bool:
        """Major, or of 100,000 people, or from the curated supplement."""
        top = self.top
        return self.major or top.population >= KNOWN_POPULATION or top.source.startswith("geomap")

    @fact
    def uncued_minor(self) -> bool:
        """No major place, and no place preposition before it, here or before the same word
        elsewhere in the text ("in Austin … visiting Austin"), unless the text names a person
        with that word as a surname."""
        return not self.major and not self.cue_before and not self.located_elsewhere

    @fact
    def located_elsewhere(self) -> bool:
        """A single word that the text puts after a locative preposition elsewhere ("in
        Austin"), and no person of the text has as a surname."""
        first = self.first
        return (
            self.single
            and first.key in self.doc.located_keys
            and first.folded not in self.doc.persons
        )

    # -- cues ----------------------------------------------------------------------------------
    @fact
    def cue_before(self) -> bool:
        """A place preposition before the name (not "according to"), "and" joining it to a
        place, or "at" before a name written with an Arabic article ("the camp at al-Hol")."""
        before, start_tok, tokens = self.before, self.start_tok, self.doc.tokens
        cue = before in self.lex.place_prepositions and not (
            before == "to" and start_tok >= 2 and tokens[start_tok - 2].folded == "according"
        )
        return (
            cue
            or self.coordinated
            or (before in self.lex.locative_prepositions and start_tok < self.span.i)
        )

    @fact
    def after(self) -> str:
        """The 40 characters after the name."""
        end = self.last.end
        return self.doc.text[end : end + 40]

    @fact
    def cue_after(self) -> bool:
        """A comma or a kind after the name, its people in lower case ("a Concord man"), or an
        office and its holder ("Dover Fire Chief Sam Ortega")."""
        return bool(
            _CUE_AFTER.match(self.after)
            # not opening a sentence: "But residents", "One man"
            or (not self.doc.tokens[self.start_tok].sent_start and _LOCALS_AFTER.match(self.after))
            or self.office_after
        )

    @fact
    def office_after(self) -> bool:
        """An office written after the name, before its holder: "Fargo Mayor Dana Holt",
        "Avon First Selectman", "Dover Fire Chief" (the run opens with the name)."""
        tokens, k, lex = self.tokens, self.j + 1, self.lex
        if self.a != self.start_tok or k >= len(tokens) or self.text[self.last.end] != " ":
            return False
        first, before = self.first.folded, self.before
        # not an office's own word ("Police Chief Ann Ray") nor a ward ("3rd Ward Alderman")
        if first in lex.office_prefixes or first in lex.office_titles or first in lex.org_heads:
            return False
        if before[:1].isdigit() or before in ("st", "nd", "rd", "th"):
            return False
        # "First Selectman", "Fire Chief" (not "the Athens Police Department")
        while k + 1 < len(tokens) and tokens[k].folded in lex.office_prefixes and tokens[k].cap:
            k += 1
        tok = tokens[k]
        if not (tok.cap and tok.joined and tok.folded in lex.office_titles):
            return False
        # the holder's name follows, not "'s Office" ("the Clay County Sheriff's Office")
        holder = tokens[k + 1] if k + 1 < len(tokens) else None
        return (
            holder is not None
            and holder.cap
            and holder.joined
            and self.text[tok.end : holder.start] == " "
            and holder.folded not in lex.org_heads
            and holder.folded not in lex.titles  # "Chief Executive Officer"
        )

    @fact
    def dotted(self) -> bool:
        """A dot right after the name."""
        end = self.last.end
        return self.doc.text[end : end + 1] == "."

    @fact
    def abbreviation(self) -> bool:
        """A dotted short form the gazetteer holds ("Ky.", "Ga."), not "U.S."."""
        if not self.dotted:
            return False
        written = self.doc.text[self.first.start : self.last.end + 1].replace(" ", "")
        return not written[:-1].isupper() and any(
            c.matched_name.replace(" ", "") == written for c in self.cands
        )

    @fact
    def end(self) -> int:
        """The mention's end: "U.S.", "D.C." and "Ky." keep their final dot."""
        end, last = self.last.end, self.last
        if self.dotted and (
            (len(last.text) == 1 and self.span.j > self.span.i) or self.abbreviation
        ):
            end += 1
        return end

    # -- ordinary words ----------------------------------------------------------------------
    @fact
    def common(self) -> bool:
        """One word (or a capitals line) whose words are all ordinary English words."""
        if self.single:
            return is_common_word(self.first.text)
        tokens = self.doc.tokens
        return self.in_caps and all(
            is_common_word(t.text) for t in tokens[self.span.i : self.span.j + 1]
        )

    @fact
    def sentence_initial(self) -> bool:
        return self.doc.tokens[self.start_tok].sent_start

    @fact
    def very_common(self) -> bool:
        """One of the most common English words ("Man", "Of")."""
        return not self.first.upper and _very_common(self.first.text)

    @fact
    def own_major(self) -> bool:
        """A major place by its own name ("China", "US", "Mass."), not a clipped other name
        ("Wash" for Washington); a very common word only as the place's own name."""
        top = self.top
        matched = self.cands[0].matched_name.rstrip(".")  # "Wash." is clipped too
        clipped = (
            top.name.startswith(matched) and top.name[len(matched) : len(matched) + 1].isalpha()
        )
        return self.major and (
            self.first.upper
            or self.abbreviation
            or (matched == top.name if self.very_common else not clipped)
        )

    @fact
    def cued(self) -> bool:
        """A place cue after the name (a comma is none after a very common word: "And, we"),
        or a dateline's dash ("Geneva —", "BOSTON (AP) -")."""
        end = self.last.end
        return (
            self.cue_after and not (self.very_common and self.doc.text[end : end + 1] == ",")
        ) or bool(_DATELINE_DASH.match(self.doc.text, end))

    @fact
    def discourse(self) -> bool:
        """A well-known place the text capitalises inside a sentence too (one sense per
        discourse), unless a person's name could be capitalised so ("Manning reported")."""
        lex, first = self.lex, self.first
        return (
            self.known
            and self.single
            and not self.very_common
            and first.key in self.doc.named
            and first.folded not in lex.surnames
            and first.folded not in lex.first_names
            and first.folded not in lex.run_first_names
        )

    # -- longer names ------------------------------------------------------------------------
    @fact
    def settlement(self) -> tuple[int, int] | None:
        """A village's name opened by a generic word ("Ain Zarqa", "Tell Zarnuq")."""
        return self.rec._settlement(
            self.doc.text, self.doc.tokens, self.a, self.start_tok, self.span.j
        )

    @fact
    def mention_start(self) -> int:
        return self.doc.tokens[self.start_tok].start

    def written(self, start_tok: int) -> str:
        """The folded text from word ``start_tok`` to the mention's end."""
        return fold(self.doc.text[self.doc.tokens[start_tok].start : self.end])

    def hyphen_after(self) -> bool:
        """A hyphen and a word after the mention ("US-led")."""
        return bool(re.match(r"-[^\W\d_]", self.doc.text[self.end : self.end + 2]))

    def side_taken(self) -> bool:
        """Whether "pro-" or "anti-" stands just before the mention ("pro-Turkey factions")."""
        start = self.mention_start
        return bool(_SIDE_RE.search(self.doc.text, max(0, start - 6), start))
