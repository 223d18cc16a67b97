"""Sports: places named as clubs ("Real Madrid", "Dallas Cowboys") and, in a sports report,
places that play a match ("Chelsea beat Liverpool 2-1") or carry a club's word ("Manchester
City"). The words are data: ``club_prefixes``, ``team_names``, ``sport_words``,
``sport_team_words``, ``team_subject_verbs``, ``team_object_words``, ``result_words``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine import Draft, Rule, Verdict, relabel

if TYPE_CHECKING:
    from .facts import Facts


def _club_words(f: Facts, d: Draft) -> Verdict | None:
    if d.cue:
        return None
    lex, tokens = f.lex, f.tokens
    if (f.run_start < f.start_tok and tokens[f.run_start].folded in lex.club_prefixes) or any(
        t.folded in lex.team_names for t in tokens[f.j + 1 : f.b + 1]
    ):
        return relabel("embedded", "team")
    return None


def _plays_match(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or not f.doc.sport:
        return None
    if any(t.folded in f.lex.sport_team_words for t in f.tokens[f.j + 1 : f.b + 1]) or (
        f.rec._plays_match(f.tokens, f.a, f.b)
    ):
        return relabel("embedded", "team")
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        "sports.club-words",
        "kind",
        'A club\'s word in the run makes the place embedded, a team: "Real Madrid", "Inter '
        'Milan", "Dallas Cowboys".',
        keep=(("The conference was held in Madrid.", "Madrid"),),
        drop=(("Real Madrid signed a new coach.", "Madrid"),),
        decide=_club_words,
        words=("club_prefixes", "team_names"),
        needs_run=True,
    ),
    Rule(
        "sports.plays-match",
        "final",
        "In a sports report, a place that plays a match or carries a club's word is a team: "
        '"Chelsea beat Liverpool 2-1", "Manchester City".',
        keep=(
            (
                "The league semifinal in Rotterdam drew fans; the striker scored, and the coach "
                "praised the team.",
                "Rotterdam",
            ),
        ),
        drop=(
            (
                "In the league semifinal Chelsea beat Everton 2-1; the striker scored twice.",
                "Everton",
            ),
        ),
        decide=_plays_match,
        words=("sport_words", "sport_team_words", "team_subject_verbs", "team_object_words"),
    ),
)
