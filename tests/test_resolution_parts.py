"""The resolver's parts as data and named records (issue 24 item 4): the weights file, the
feature registry, the acceptance checks, the 60-line limit on the functions of recognition
and resolution, and the document context as a value. These tests need no default gazetteer
(the last one builds a few places of its own)."""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import pytest

from geomap.errors import ConfigurationError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.store import PlaceStore, writing
from geomap.recognize import Recognizer
from geomap.resolution.checks import CHECKS
from geomap.resolution.features import FEATURE_NAMES, FEATURES
from geomap.resolution.weights import (
    DEFAULT_WEIGHTS,
    WEIGHTS_FILE,
    Weights,
    load_weights,
    weight_notes,
)
from geomap.resolve import Resolver
from geomap.types import Place

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 60
#: The modules the issue holds to MAX_LINES per function.
LIMITED = [
    ROOT / "geomap" / "recognize.py",
    ROOT / "geomap" / "resolve.py",
    *sorted((ROOT / "geomap" / "resolution").glob("*.py")),
]


def long_functions(path: Path, limit: int = MAX_LINES) -> list[str]:
    """Functions and methods of a module longer than ``limit`` lines (decorators and docstring
    included), as "name (lines)"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > limit
    ]


@pytest.mark.parametrize("path", LIMITED, ids=lambda p: p.name)
def test_no_function_of_recognition_or_resolution_exceeds_60_lines(path: Path) -> None:
    assert long_functions(path) == []


def test_the_length_check_finds_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    path = tmp_path / "m.py"
    path.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert long_functions(path) == ["f (62)"]


def test_every_weight_has_its_value_reason_figure_and_commit() -> None:
    notes = weight_notes()
    assert len(notes) >= 40
    for name, entry in notes.items():
        assert entry["reason"] and entry["figure"], name
        assert re.fullmatch(r"[0-9a-f]{7,40}", str(entry["commit"])), name
        assert getattr(DEFAULT_WEIGHTS, name) == entry["value"]


def test_the_file_holds_the_values_the_resolver_was_tuned_with() -> None:
    w = DEFAULT_WEIGHTS
    assert (w.w_country, w.w_admin1, w.w_support, w.w_qualifier) == (0.6, 0.25, 0.4, 0.8)
    assert (w.min_score, w.min_point_score, w.ambiguous_margin) == (0.5, 1.5, 0.05)
    assert (w.evidence_country, w.evidence_demonym, w.repeat_exponent) == (1.0, 0.15, 1.0)


def test_a_weights_file_with_a_missing_or_mistyped_entry_is_refused(tmp_path: Path) -> None:
    text = WEIGHTS_FILE.read_text(encoding="utf-8")
    missing = tmp_path / "missing.toml"
    missing.write_text(text.replace("[w_cue]", "[w_cue_typo]"), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="w_cue"):
        load_weights(missing)
    typed = tmp_path / "typed.toml"
    typed.write_text(
        text.replace("[top_candidates]\nvalue = 25", "[top_candidates]\nvalue = 25.0"),
        encoding="utf-8",
    )
    with pytest.raises(ConfigurationError, match="top_candidates"):
        load_weights(typed)


def test_with_values_changes_only_what_it_names() -> None:
    w = DEFAULT_WEIGHTS.with_values(w_cue=0.5)
    assert isinstance(w, Weights) and w.w_cue == 0.5 and w.w_country == DEFAULT_WEIGHTS.w_country
    with pytest.raises(ConfigurationError, match="w_nope"):
        DEFAULT_WEIGHTS.with_values(w_nope=1.0)


def test_feature_registry_order_and_weights() -> None:
    assert FEATURE_NAMES == (
        "country",
        "admin1",
        "support",
        "qualifier",
        "cue",
        "focus",
        "proximity",
        "list",
        "seat",
        "namesake",
        "variant",
    )
    names = set(weight_notes())
    for feature in FEATURES:
        assert feature.doc and set(feature.weights) <= names, feature.name


def test_acceptance_checks_are_named_and_documented() -> None:
    ids = [c.id for c in CHECKS]
    assert ids[:2] == ["no-candidate", "low-score"] and len(set(ids)) == len(ids)
    names = set(weight_notes())
    for check in CHECKS:
        assert check.doc and set(check.weights) <= names, check.id


def test_candidate_fields_are_those_the_resolver_copies() -> None:
    # geomap.resolve builds copies of a Candidate field by field (dataclasses.replace was slow)
    from dataclasses import fields

    from geomap.types import Candidate

    names = [f.name for f in fields(Candidate)]
    assert names == ["place", "score", "match", "matched_name", "features"]
    # and geomap.geoparsing a Resolution with its readable place
    from geomap.types import Resolution

    names = [f.name for f in fields(Resolution)]
    assert names == ["mention", "place", "candidates", "score", "reason"]


def _us_place(n: int, name: str, lon: float, lat: float, admin1: str, pop: int = 0) -> Place:
    """A US city of ``pop`` people, or a state when ``pop`` is 0 (points and ids made up)."""
    if pop:
        return Place(f"t:{n}", name, lon, lat, "city", "US", admin1, "", pop, "PPL", 0, "t")
    return Place(f"t:{n}", name, lon, lat, "admin1", "US", admin1, "", 6_000_000, "ADM1", 300, "t")


def test_the_document_context_is_a_value_and_ranking_leaves_the_groups_unchanged(
    tmp_path: Path,
) -> None:
    # Qualifiers, lists and evidence are what the document says around a name: the resolver
    # returns them as values and never writes them into the name's group, so resolving the
    # same document again with the same resolver gives the same result.
    places = [
        _us_place(1, "Springfield", -89.64, 39.80, "US.IL", 116_000),
        _us_place(2, "Springfield", -93.30, 37.21, "US.MO", 169_000),
        _us_place(3, "Missouri", -92.5, 38.5, "US.MO"),
        _us_place(4, "Tennessee", -86.0, 35.8, "US.TN"),
        _us_place(5, "Kentucky", -85.0, 37.5, "US.KY"),
    ]
    path = tmp_path / "t.sqlite"
    with writing(path) as w:
        for place in places:
            w.add_place(place, [])
    gaz = Gazetteer([PlaceStore(path)])
    try:
        recognizer = Recognizer(gaz)
        resolver = Resolver(gaz, recognizer)
        text = "Protests in Springfield, Missouri. Tennessee, Kentucky and Missouri sent help."
        mentions = recognizer.recognize(text)
        groups, group_of = resolver._group(text, mentions)
        built = copy.deepcopy(groups)
        key = {m.text: k for m, k in zip(mentions, group_of, strict=True)}
        context = resolver._context(text, mentions, groups, group_of)
        assert [q.text for q in context[key["Springfield"]].qualifiers] == ["Missouri"]
        assert context[key["Springfield"]].qualifier_areas == {("admin1", "US.MO")}
        assert context[key["Kentucky"]].list_peers == {key["Missouri"], key["Tennessee"]}
        resolver._rank(text, mentions, groups, group_of, None)
        assert groups == built
        first = resolver.resolve(text, mentions)
        assert resolver.resolve(text, mentions) == first
        springfield = first[0]
        assert springfield.place is not None and springfield.place.place_id == "t:2"
        assert springfield.candidates[0].features["qualifier"] == DEFAULT_WEIGHTS.w_qualifier
    finally:
        gaz.close()
