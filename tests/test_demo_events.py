"""The demo's events against the gold that geomap/examples/README.md lists (issue 21).

The gold is ``tests/data/demo_events_gold.json``; the scorer is ``bench/bench_demo_events.py``
(``score_demo``), loaded here from its file.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from geomap.events.lexicon import ACLED_TYPES

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "geomap" / "examples" / "reports.jsonl"


def _load_bench() -> ModuleType:
    path = REPO / "bench" / "bench_demo_events.py"
    spec = importlib.util.spec_from_file_location("bench_demo_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
GOLD: list[dict[str, Any]] = bench.load_gold()


# --- the gold file is consistent with the reports and the gazetteer ---------------------------


def test_gold_names_only_documents_of_the_demo() -> None:
    reports = {
        json.loads(line)["id"]
        for line in REPORTS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert {g["doc"] for g in GOLD} == reports  # every report has events, none is invented


def test_gold_place_ids_are_in_the_gazetteer(gaz: Any) -> None:
    missing = {
        pid for g in GOLD for pid in g["place_ids"] if pid is not None and gaz.get(pid) is None
    }
    assert not missing


def test_gold_types_are_acled_types() -> None:
    for g in GOLD:
        types = [g["event_type"]] if isinstance(g["event_type"], str) else g["event_type"]
        assert set(types) <= set(ACLED_TYPES), g
        sub = g.get("sub_event_type")
        subs = [] if sub is None else [sub] if isinstance(sub, str) else sub
        assert all(any(s in ACLED_TYPES[t] for t in types) for s in subs), g


def test_gold_dates_have_the_form_of_their_precision() -> None:
    for g in GOLD:
        kind, date = g["date_precision"], g["date"]
        if kind in ("day", "week"):
            dt.date.fromisoformat(date)
        elif kind == "month":
            dt.date.fromisoformat(date + "-01")
        elif kind == "period":
            assert date is None and len(g["period"]) == 2, g
            for end in g["period"]:
                assert end is None or dt.date.fromisoformat(end)
        else:
            assert kind is None and date is None, g
        assert g["places"] and g["place_ids"], g


# --- the scorer -------------------------------------------------------------------------------


def _feature(
    doc: str, event_type: str, date: str | None, precision: str | None, place_id: str | None
) -> dict[str, Any]:
    props = {
        "doc": doc,
        "event_type": event_type,
        "date": date,
        "date_precision": precision,
        "place_id": place_id,
        "place": place_id,
        "quote": "",
    }
    return {"type": "Feature", "geometry": None, "properties": props}


SMALL_GOLD = [
    {
        "doc": "a",
        "what": "a capture",
        "event_type": "Battles",
        "sub_event_type": None,
        "date": "2019-03-23",
        "date_precision": "day",
        "places": ["Baghouz"],
        "place_ids": ["geomap:baghuz-fawqani"],
    },
    {
        "doc": "a",
        "what": "a displacement",
        "event_type": "Strategic developments",
        "sub_event_type": None,
        "date": "2019-10",
        "date_precision": "month",
        "places": ["Tal Tamr"],
        "place_ids": ["geonames:163434"],
    },
]


def test_scorer_pairs_one_to_one_and_tells_duplicates_from_spurious() -> None:
    features = [
        _feature("a", "Battles", "2019-03-23", "day", "geomap:baghuz-fawqani"),
        _feature("a", "Battles", "2019-03-24", "week", "geomap:baghuz-fawqani"),  # repeated
        _feature("a", "Strategic developments", "2019-10-20", "day", "geonames:163434"),
        _feature("a", "Battles", "2019-03-23", "day", "geonames:163434"),  # wrong place
        _feature("b", "Battles", "2019-03-23", "day", "geomap:baghuz-fawqani"),  # wrong doc
    ]
    s = bench.score_demo(features, SMALL_GOLD)
    assert (s["n_found"], s["n_duplicates"], s["n_spurious"]) == (2, 1, 2)
    assert s["found"] == 1.0
    assert s["spurious"] == pytest.approx(2 / 5)
    assert s["misses"] == []


def test_scorer_needs_the_gold_date() -> None:
    features = [
        _feature("a", "Battles", "2019-03-24", "week", "geomap:baghuz-fawqani"),
        _feature("a", "Strategic developments", "2019-09-30", "day", "geonames:163434"),
    ]
    s = bench.score_demo(features, SMALL_GOLD)
    assert s["n_found"] == 0
    assert s["n_duplicates"] == 2  # right document, type and place: not spurious
    assert len(s["misses"]) == 2


def test_scorer_doctests() -> None:
    result = doctest.testmod(bench)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("gold", "date", "precision", "agrees"),
    [
        ({"date": "2019-01-14", "date_precision": "week"}, "2019-01-20", "day", True),
        ({"date": "2019-01-14", "date_precision": "week"}, "2019-01-21", "week", False),
        ({"date": "2018-12", "date_precision": "month"}, "2018-12", "month", True),
        ({"date": "2018-12", "date_precision": "month"}, "2019-12-03", "day", False),
        (
            {"date": None, "date_precision": "period", "period": ["2019-10-09", "2019-10-13"]},
            "2019-10-11",
            "day",
            True,
        ),
        (
            {"date": None, "date_precision": "period", "period": ["2019-10-09", "2019-10-13"]},
            "2019-10",
            "month",
            False,
        ),
        ({"date": None, "date_precision": None}, "2019-10-11", "week", True),
    ],
)
def test_date_agreement(gold: dict[str, Any], date: str, precision: str, agrees: bool) -> None:
    assert bench.date_agrees(gold, date, precision) is agrees


# --- the targets of issue 21 ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_scores(gaz: Any) -> dict[str, Any]:
    from geomap.documents import read_documents
    from geomap.events import extract_events

    docs = read_documents([REPORTS]).documents
    features = extract_events(docs, gazetteer=gaz).to_geojson()["features"]
    return dict(bench.score_demo(features, GOLD))


def test_demo_events_are_found(demo_scores: dict[str, Any]) -> None:
    assert demo_scores["found"] >= 0.85, demo_scores["misses"]


def test_demo_events_are_rarely_spurious(demo_scores: dict[str, Any]) -> None:
    assert demo_scores["spurious"] <= 0.10, demo_scores["spurious_events"]
