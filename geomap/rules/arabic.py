"""Arabic compound names: a village's generic word ("Ain", "Tell", "Kafr", "Wadi") and the
capitalised words after it are one name ("Ain Zarqa", "Tell Zarnuq"), which the gazetteer
lacks when it is not the span. The generic words are data: ``settlement_prefixes``.

A name written with a capitalised article at a sentence start ("Al-Hol is home to...") is the
place the text names with the lower-case article elsewhere ("the camp at al-Hol")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..gazetteer.normalize import fold
from ..recognize import _context_mention
from .engine import Draft, Rule, Verdict, replace

if TYPE_CHECKING:
    from ..recognize import Recognizer
    from ..types import Mention
    from .facts import Doc, Facts


def _settlement_compound(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or f.in_caps:
        return None
    compound = f.settlement
    if compound is None:
        return None
    mention = _context_mention(f.text, f.tokens, compound[0], compound[1], f.doc.doc_id, "context")
    return replace(mention)


def _article_name_again(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    tokens, text = doc.tokens, doc.text
    places = {fold(m.text) for m in mentions if m.literal and m.cue != "context"}
    if not places:
        return mentions
    out = list(mentions)
    for span in doc.rejected:
        k = span.i - 1
        if k < 0 or not (tokens[k].is_article and tokens[k].cap):
            continue  # "Al-Hol": a capitalised article joined to the name by a hyphen
        if text[tokens[k].end : tokens[span.i].start] != "-":
            continue
        if any(t in doc.taken for t in range(k, span.j + 1)):
            continue
        written = fold(text[tokens[k].start : tokens[span.j].end])
        if written in places:
            out.append(_context_mention(text, tokens, k, span.j, doc.doc_id, "context"))
            doc.taken.update(range(k, span.j + 1))
    return out


RULES: tuple[Rule, ...] = (
    Rule(
        "arabic.settlement-compound",
        "shape",
        "A village's generic word and the words after it are one name, unresolved: \"Ain "
        'Zarqa", "Tell Zarnuq".',
        keep=(("Shelling hit Ain Issa overnight.", "Ain Issa"),),
        drop=(("Shelling hit Ain Zarqa overnight.", "Ain"),),
        decide=_settlement_compound,
        words=("settlement_prefixes",),
    ),
    Rule(
        "arabic.article-name-again",
        "pass",
        'A name written with a capitalised article ("Al-Hol", at a sentence start) that a '
        "rule dropped is the place the text names with the lower-case article elsewhere: "
        '"Al-Hol is home to thousands ... the camp at al-Hol".',
        keep=(("Al-Hol is home to thousands. Aid reached the camp at al-Hol.", "Al-Hol"),),
        drop=(("Al-Hol is home to thousands of families.", "Al-Hol"),),
        run=_article_name_again,
    ),
)
