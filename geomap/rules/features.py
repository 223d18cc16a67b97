"""Features, kinds and streets: the generic words of names ("Fort", "Lake"), the place kind
after a name ("Deir Ezzor province", "al-Hol refugee camp"), longer names that hold a place's
("Oxford Street", "Zion National Park", "Tennessee Colony") and areas ("northeast Syria").

The words are data: ``name_words``, ``place_kinds``, ``street_nouns``, ``feature_nouns``,
``settlement_heads`` and ``directions`` in ``geomap/data/recognition.toml``; the natural and
park nouns are the ``_NATURAL_*`` and ``_PARK_*`` sets of ``geomap/recognize.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..recognize import AREA_PREFIX_KINDS, _context_mention, _natural_head
from ..types import Cue, Mention, Role
from ..vocabulary import CAMP_WORDS as _CAMP_WORDS
from ..vocabulary import NATURAL_KINDS as _NATURAL_KINDS
from ..vocabulary import NATURAL_PREFIXES as _NATURAL_PREFIXES
from ..vocabulary import PARK_HEADS as _PARK_HEADS
from ..vocabulary import PARK_NOUNS as _PARK_NOUNS
from ..vocabulary import STRONG_KINDS as _STRONG_KINDS
from .engine import REJECT, Draft, Rule, Verdict, relabel, replace

if TYPE_CHECKING:
    from ..recognize import Recognizer, Token
    from .facts import Doc, Facts


def _generic_word(f: Facts, d: Draft) -> Verdict | None:
    return REJECT if f.single and f.first.folded in f.lex.name_words else None


def _kind_after(f: Facts, d: Draft) -> Verdict | None:
    tokens, j = f.tokens, f.j
    if (
        not d.cue
        and j + 1 < len(tokens)
        and tokens[j + 1].joined
        and tokens[j + 1].folded in f.lex.place_kinds
        and (f.b > j or not tokens[j + 1].cap)
    ):
        return relabel(cue=tokens[j + 1].folded)
    return None


def _camp_after(f: Facts, d: Draft) -> Verdict | None:
    tokens, j = f.tokens, f.j
    if (
        not d.cue
        and j + 2 < len(tokens)
        and tokens[j + 1].folded in _CAMP_WORDS
        and tokens[j + 2].folded == "camp"
        and tokens[j + 2].joined
        and not tokens[j + 1].cap
    ):
        return relabel(cue="camp")
    return None


def _settlement_head(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or f.in_caps or f.b <= f.j or f.settlement is not None:
        return None
    tokens, j = f.tokens, f.j
    if (
        # the name ends there: not "Farrington Corner Road"
        not (j + 2 < len(tokens) and tokens[j + 2].joined and tokens[j + 2].cap)
        and any(c.place.kind in ("country", "admin1") for c in f.cands[:5])
        and tokens[j + 1].folded in f.lex.settlement_heads
        and f.text[f.last.end : tokens[j + 1].start] == " "
    ):
        return replace(
            _context_mention(f.text, tokens, f.start_tok, j + 1, f.doc.doc_id, "context")
        )
    return None


def _street(f: Facts, d: Draft) -> Verdict | None:
    tokens, j, lex = f.tokens, f.j, f.lex
    if (
        d.role == "place"
        and f.b > j
        and tokens[j + 1].folded in lex.street_nouns
        # the name ends there: not "Florida Highway Patrol", "St. Louis"
        and (f.b == j + 1 or tokens[j + 2].folded in lex.connectors)
        and f.last.folded not in lex.place_kinds  # "Otter Tail County Road 80"
    ):
        return replace(f.rec._street(f.text, tokens, f.run_start, f.start_tok, j + 1, f.doc.doc_id))
    return None


def _natural_feature(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or f.in_caps or f.top.kind in _NATURAL_KINDS:
        return None
    tokens, text, j, start_tok, a = f.tokens, f.text, f.j, f.start_tok, f.a
    head = _natural_head(tokens, j, f.b)
    park = head is not None and tokens[head].folded in _PARK_NOUNS
    lead = start_tok > a and tokens[start_tok - 1].folded in _NATURAL_PREFIXES
    # the gazetteer's village "National Park" inside "Tsavo East National Park"
    generic = j == start_tok + 1 and (f.first.folded, f.last.folded) in _PARK_HEADS
    # "Hottentots": words of the name that are no place of their own (before a park's generic
    # name, any capitalised word: "Tsavo East")
    k = start_tok
    while (
        k > a
        and text[tokens[k - 1].end : tokens[k].start] == " "
        and tokens[k - 1].cap
        and tokens[k - 1].folded not in f.lex.connectors
        and (generic or tokens[k - 1].key not in f.rec.keys)
    ):
        k -= 1
    if generic:
        head = j
        generic = k < start_tok
    if park or generic or ((head is not None or lead) and k < start_tok - lead):
        start, end = tokens[k].start, tokens[head if head is not None else j].end
        mention = Mention(
            f.doc.doc_id, start, end, text[start:end], role=Role.PLACE, cue=Cue.FEATURE
        )
        return replace(mention)
    return None


def _feature_noun(f: Facts, d: Draft) -> Verdict | None:
    if d.role == "place" and f.b > f.j and f.tokens[f.j + 1].folded in f.lex.feature_nouns:
        return relabel(cue="feature")
    return None


def _direction_area(f: Facts, d: Draft) -> Verdict | None:
    if d.role != "place" or f.top.kind not in AREA_PREFIX_KINDS:
        return None
    area = f.rec._direction_prefix(f.tokens, f.start_tok)
    return None if area is None else relabel("area", "direction", start_tok=area)


def _cued_unknowns(rec, doc, mentions):  # type: ignore[no-untyped-def]
    return mentions + rec._cued_unknowns(
        doc.text, doc.tokens, doc.taken, doc.doc_id, doc.capitalised
    )


def _name_after_of(tokens: list[Token], k: int) -> int | None:
    """The last word of the name that starts at word k after "the village of": capitalised
    words and Arabic articles joined to them ("Zor Maghar", "Hamam al-Turkman", "al-Jaberiya"),
    at most four, none all capitals, a date or a kind word."""
    n, j = len(tokens), k - 1
    while j + 1 < n and j + 1 - k < 4:
        tok = tokens[j + 1]
        if j + 1 > k and not tok.joined:
            break
        if tok.is_article and not tok.cap:
            if not (j + 2 < n and tokens[j + 2].joined and tokens[j + 2].cap):
                break
            j += 2  # "al-Turkman"
            continue
        if not tok.cap or tok.upper or tok.folded in _STRONG_KINDS:
            break
        j += 1
    if j < k or tokens[j].is_article:
        return None
    return j


def _kind_of_name(rec: Recognizer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    tokens, text, lex = doc.tokens, doc.text, rec.lex
    out = list(mentions)
    if "of" not in doc.words or doc.words.isdisjoint(_STRONG_KINDS):
        return out  # no "the village of X" in the text
    for k in range(3, len(tokens)):
        # "the Syrian village of X", "the northern Syrian town of X"
        if tokens[k - 1].folded != "of" or tokens[k - 2].folded not in _STRONG_KINDS:
            continue
        if rec.demonym_keys.isdisjoint(
            (tokens[k - 3].key, f"{tokens[k - 4].key} {tokens[k - 3].key}" if k >= 4 else "")
        ):
            continue
        j = _name_after_of(tokens, k)
        if j is None or any(tokens[m].folded in lex.temporal for m in range(k, j + 1)):
            continue
        start, end = tokens[k].start, tokens[j].end
        inside = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or m.end > end for m in inside):
            continue  # a longer name the rules found already
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
            continue  # found as it is
        out = [m for m in out if m not in inside]
        out.append(_context_mention(text, tokens, k, j, doc.doc_id, "context"))
        doc.taken.update(range(k, j + 1))
    return out


RULES: tuple[Rule, ...] = (
    Rule(
        "features.generic-word",
        "name",
        'A generic word of names alone is no place: "Fort", "Lake", "Street".',
        keep=(("Floods cut off Fort Worth on Monday.", "Fort Worth"),),
        drop=(("Soldiers left the Fort at dawn.", "Fort"),),
        decide=_generic_word,
        words=("name_words",),
    ),
    Rule(
        "features.kind-after",
        "kind",
        'A place kind after the name is its cue: "Deir Ezzor province", "Hasakah Governorate".',
        keep=(("Fighting spread across Deir Ezzor province.", "Deir Ezzor"),),
        drop=(("The Deir Ezzor Military Council said so.", "Deir Ezzor"),),
        decide=_kind_after,
        words=("place_kinds",),
    ),
    Rule(
        "features.camp-after",
        "kind",
        '"refugee camp" or "displacement camp" after the name is its cue: "the al-Hol '
        'refugee camp".',
        keep=(("Families fled to the al-Hol refugee camp.", "al-Hol"),),
        drop=(("The al-Hol Camp Administration said so.", "al-Hol"),),
        decide=_camp_after,
    ),
    Rule(
        "features.settlement-head",
        "shape",
        "A country's or province's name before a settlement's head word is that settlement, "
        'unresolved: "Tennessee Colony" is not Tennessee.',
        keep=(("Storms hit Tennessee overnight.", "Tennessee"),),
        drop=(("Storms hit Tennessee Colony overnight.", "Tennessee"),),
        decide=_settlement_head,
        words=("settlement_heads",),
        needs_run=True,
    ),
    Rule(
        "features.street",
        "shape",
        'A street named after a place is reported whole, never as the place: "Oxford Street".',
        keep=(("Shoppers crowded Oxford on Saturday.", "Oxford"),),
        drop=(("Shoppers crowded Oxford Street on Saturday.", "Oxford"),),
        decide=_street,
        words=("street_nouns",),
        needs_run=True,
    ),
    Rule(
        "features.natural-feature",
        "shape",
        'A park or natural feature the gazetteer lacks is reported whole, unresolved: "Zion '
        'National Park", "Hottentots Holland Mountains".',
        keep=(("Hikers went missing in Zion last week.", "Zion"),),
        drop=(("Hikers went missing in Zion National Park last week.", "Zion"),),
        decide=_natural_feature,
        needs_run=True,
    ),
    Rule(
        "features.feature-noun",
        "shape",
        "A feature noun after the name makes the resolver accept only a well-known place: "
        '"Black Rock Desert".',
        keep=(("The festival returned to the Black Rock Desert.", "Black Rock"),),
        drop=(("The Black Rock Desert Festival Committee met.", "Black Rock"),),
        decide=_feature_noun,
        words=("feature_nouns",),
        needs_run=True,
    ),
    Rule(
        "features.direction-area",
        "final",
        'A direction word before a country, province or region makes an area: "northeast '
        'Syria", "east of the Euphrates".',
        keep=(("Turkey launched an offensive in northeast Syria.", "northeast Syria"),),
        drop=(("Turkey launched an offensive in northeast Syria.", "Syria"),),
        decide=_direction_area,
        words=("directions",),
    ),
    Rule(
        "features.cued-unknowns",
        "pass",
        'Names the gazetteer lacks that the text marks as places: "the village of X", "X '
        'province", "Abu Shok refugee camp", "Neches River", "Main Street".',
        keep=(("Shells fell on the village of Umm Qubaysh.", "Umm Qubaysh"),),
        drop=(("Shells fell on the village near Umm Qubaysh.", "Umm Qubaysh"),),
        run=_cued_unknowns,
        words=("place_kinds", "street_nouns", "settlement_prefixes"),
    ),
    Rule(
        "features.kind-of-name",
        "pass",
        'The whole name after "the Syrian village of" is the village\'s, with its articles, '
        'known to the gazetteer or not: "the Syrian village of al-Jaberiya", "the Iraqi town '
        'of Hamam al-Alil" (not "Hamam" alone).',
        keep=(("Fighters seized the Syrian village of al-Jaberiya.", "al-Jaberiya"),),
        drop=(("Fighters seized the Syrian village of Zor Maghar.", "Zor"),),
        run=_kind_of_name,
        words=("temporal",),
    ),
)
