"""Arabic compound names: a village's generic word ("Ain", "Tell", "Kafr", "Wadi") and the
capitalised words after it are one name ("Ain Zarqa", "Tell Zarnuq"), which the gazetteer
lacks when it is not the span. The generic words are data: ``settlement_prefixes``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..recognize import _context_mention
from .engine import Draft, Rule, Verdict, replace

if TYPE_CHECKING:
    from .facts import Facts


def _settlement_compound(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or f.in_caps:
        return None
    compound = f.settlement
    if compound is None:
        return None
    mention = _context_mention(f.text, f.tokens, compound[0], compound[1], f.doc.doc_id, "context")
    return replace(mention)


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
)
