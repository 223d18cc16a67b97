"""The rule record and the small engine that runs recognition rules in a declared order.

A :class:`Rule` is a named record, in the manner of duckling's rules: an id (``family.name``),
the stage it runs in, a one-line doc, ``keep`` and ``drop`` example sentences with the name
concerned, the word lists of the lexicon it reads (its patterns are data, in
``geomap/data/recognition.toml``), and a function. A *candidate* rule reads the
:class:`~geomap.rules.facts.Facts` of one candidate name and the :class:`Draft` mention so far,
and returns ``None`` (it does not apply) or a :class:`Verdict`: reject (with the rule's doc as
the reason), relabel (role, cue or first word) or replace (a whole other mention, such as the
street named after a town). A *pass* rule runs once over the document after the candidates
and returns the mentions it adds.

The engine records which rules decided: each :class:`~geomap.types.Mention` carries their ids
(``Mention.rules``) and, when asked, each candidate's :class:`Decision`, dropped or kept, is
appended to a trace (``geomap explain`` prints it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..types import Mention
    from .facts import Facts

#: The stages of recognition, in the order they run.
STAGES = (
    "find",  # candidate names: runs of capitalised words the gazetteer knows
    "name",  # is the span a name at all (a date, a lone title, an era)?
    "person",  # the run is a person's name (title, given name, "X said")
    "organisation",  # the name is an organisation's, a company's or a disease's
    "kind",  # the run's head word says what the place is part of (organisation, team, province)
    "shape",  # the mention is a longer name (village compound, street, park, river)
    "common",  # ordinary English words need a place cue
    "person-late",  # person tests that need the place's size and the cues
    "final",  # areas, institutions, teams, modifiers, the cue
    "pass",  # passes over the whole document after the candidates
)

#: An example: a sentence and the name in it that the rule concerns.
Example = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a rule decided about a candidate."""

    action: Literal["reject", "relabel", "replace"]
    role: str | None = None
    cue: str | None = None
    start_tok: int | None = None
    mention: Mention | None = None


#: The verdict of every rejecting rule (its reason is the rule's doc).
REJECT = Verdict("reject")


def relabel(
    role: str | None = None, cue: str | None = None, start_tok: int | None = None
) -> Verdict:
    """A verdict that changes the draft mention's role, cue or first word."""
    return Verdict("relabel", role=role, cue=cue, start_tok=start_tok)


def replace(mention: Mention) -> Verdict:
    """A verdict that reports another mention instead of the candidate."""
    return Verdict("replace", mention=mention)


class Draft:
    """The mention a candidate is becoming: role, cue and first word (None: the name's own),
    as relabelled so far."""

    __slots__ = ("cue", "role", "start_tok")

    def __init__(self, role: str, cue: str, start_tok: int | None) -> None:
        self.role = role
        self.cue = cue
        self.start_tok = start_tok


Decide = Callable[["Facts", Draft], Verdict | None]


@dataclass(frozen=True)
class Rule:
    """One named recognition rule with its examples.

    ``decide`` is set for candidate rules, ``run`` for passes (``run(recognizer, doc,
    mentions)`` returns the new list of mentions); rules of the ``find`` stage document how
    candidates are found and have neither. ``needs_run``: the rule reads the words of the
    capitalised run around the name besides the name's own ("President" of "President Donald
    Trump", "Street" of "Oxford Street"), so it never applies to a name that is its whole run
    (:attr:`~geomap.rules.facts.Facts.alone`), and the engine does not ask it of one.
    """

    id: str
    stage: str
    doc: str
    keep: tuple[Example, ...]
    drop: tuple[Example, ...]
    decide: Decide | None = None
    run: Callable[..., Any] | None = None
    words: tuple[str, ...] = ()
    needs_run: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """A trace entry: a candidate name, the rules that decided it and the outcome.

    ``outcome`` is ``kept``, ``rejected`` or ``replaced``; ``mention`` is what was reported
    (None when rejected); ``reason`` the doc of the rejecting rule.
    """

    start: int
    end: int
    text: str
    rules: tuple[str, ...]
    outcome: str
    reason: str = ""
    mention: Mention | None = None


#: A stage's guard: its rules are asked only when it holds.
Guard = Callable[["Facts", Draft], bool]
#: Candidate rules as the engine runs them: per stage, its guard (or None) and its
#: ``(id, decide)`` pairs in order.
Stages = tuple[tuple[Guard | None, tuple[tuple[str, Decide], ...]], ...]


def decide(stages: Stages, facts: Facts, draft: Draft) -> tuple[Verdict | None, list[str]]:
    """Run the candidate rules, stage by stage, on one candidate: the final verdict (a reject
    or a replace, or None when the candidate is kept) and the ids of the rules that fired."""
    fired: list[str] = []
    for guard, rules in stages:
        if guard is not None and not guard(facts, draft):
            continue
        for rule_id, test in rules:
            verdict = test(facts, draft)
            if verdict is None:
                continue
            fired.append(rule_id)
            if verdict.action != "relabel":
                return verdict, fired
            if verdict.role is not None:
                draft.role = verdict.role
            if verdict.cue is not None:
                draft.cue = verdict.cue
            if verdict.start_tok is not None:
                draft.start_tok = verdict.start_tok
    return None, fired
