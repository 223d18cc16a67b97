"""The bundled demo's events scored against the gold that ``geomap/examples/README.md`` lists.

    python bench/bench_demo_events.py [--gold tests/data/demo_events_gold.json] [--json]

Events are extracted from ``geomap/examples/reports.jsonl`` with
:func:`geomap.events.extract_events` and scored as GeoJSON Features by :func:`score_demo`:

* an output event **finds** a gold event when it is in the same document, has one of the gold
  event's types, a place among its ``place_ids`` (``null`` there accepts an event without a place)
  and, when the gold event is dated, a date that agrees with it (:func:`date_agrees`). Gold and
  output events are paired one to one (a maximum bipartite matching);
* an output event left unpaired is a **duplicate** when it still agrees with some gold event's
  document, type and place (the same happening reported twice, or at a second place of it), and
  **spurious** otherwise.

``found`` is the share of gold events paired; ``spurious`` and ``duplicates`` are shares of the
output events. Issue 21's targets: found >= 0.85, spurious <= 0.10.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "demo_events_gold.json"
REPORTS = REPO / "geomap" / "examples" / "reports.jsonl"

__all__ = ["date_agrees", "load_gold", "score_demo"]


def load_gold(path: str | Path = GOLD) -> list[dict[str, Any]]:
    """The gold events of ``path`` (see the file's ``about``)."""
    return list(json.loads(Path(path).read_text(encoding="utf-8"))["events"])


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _span(date: str) -> tuple[dt.date, dt.date] | None:
    """The days an output date string covers: a day, a month (``YYYY-MM``) or a year."""
    try:
        if len(date) == 4:
            return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)
        if len(date) == 7:
            y, m = int(date[:4]), int(date[5:7])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        return _day(date), _day(date)
    except ValueError:
        return None


def date_agrees(gold: Mapping[str, Any], date: str | None, precision: str | None) -> bool:
    """Whether an output date agrees with a gold event's date.

    * undated gold (``date_precision`` null): any date;
    * ``day``: the same day, at day precision;
    * ``week``: a day of that Monday-to-Sunday week (a week-precision output: its day);
    * ``month``: a date in that month (day, week or month precision);
    * ``period``: a date inside ``period`` (an open end is null).

    Examples
    --------
    >>> date_agrees({"date": "2019-03-23", "date_precision": "day"}, "2019-03-23", "day")
    True
    >>> date_agrees({"date": "2019-03-23", "date_precision": "day"}, "2019-03-24", "week")
    False
    >>> date_agrees({"date": "2019-10", "date_precision": "month"}, "2019-10-13", "day")
    True
    >>> date_agrees({"date": "2019-01-14", "date_precision": "week"}, "2019-01-16", "day")
    True
    >>> gold = {"date": None, "date_precision": "period", "period": [None, "2019-03-23"]}
    >>> date_agrees(gold, "2019-03-01", "day"), date_agrees(gold, "2019-03-24", "week")
    (True, False)
    >>> date_agrees({"date": None, "date_precision": None}, None, None)
    True
    """
    kind = gold.get("date_precision")
    if kind is None:
        return True
    if not date:
        return False
    if kind == "day":
        return precision == "day" and date == gold["date"]
    if kind == "week":
        monday = _day(gold["date"]) - dt.timedelta(days=_day(gold["date"]).weekday())
        if precision not in ("day", "week") or len(date) != 10:
            return False
        return monday <= _day(date) <= monday + dt.timedelta(days=6)
    if kind == "month":
        return precision in ("day", "week", "month") and date[:7] == gold["date"]
    if kind == "period":
        first, last = gold.get("period") or (None, None)
        span = _span(date)
        if span is None or precision == "year":
            return False
        lo = _day(first) if first else dt.date.min
        hi = _day(last) if last else dt.date.max
        return lo <= span[0] and span[1] <= hi
    raise ValueError(f"unknown gold date_precision {kind!r}; expected day, week, month or period")


def _types(gold: Mapping[str, Any]) -> tuple[str, ...]:
    t = gold["event_type"]
    return (t,) if isinstance(t, str) else tuple(t)


def _same_happening(gold: Mapping[str, Any], props: Mapping[str, Any]) -> bool:
    """Same document, an acceptable type and an acceptable place (dates aside)."""
    return (
        props.get("doc") == gold["doc"]
        and props.get("event_type") in _types(gold)
        and props.get("place_id") in gold["place_ids"]
    )


def _finds(gold: Mapping[str, Any], props: Mapping[str, Any]) -> bool:
    return _same_happening(gold, props) and date_agrees(
        gold, props.get("date"), props.get("date_precision")
    )


def _matching(edges: list[list[int]]) -> dict[int, int]:
    """A maximum bipartite matching (left index -> right index) by augmenting paths."""
    right_of: dict[int, int] = {}
    left_of: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in left_of or augment(left_of[right], seen):
                left_of[right] = left
                right_of[left] = right
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    return right_of


def _label(props: Mapping[str, Any]) -> str:
    return (
        f"{props.get('doc')} | {props.get('event_type')} | {props.get('date')} "
        f"{props.get('date_precision')} | {props.get('place')} ({props.get('place_id')}) | "
        f"{' '.join(str(props.get('quote', '')).split())[:90]}"
    )


def _gold_label(gold: Mapping[str, Any]) -> str:
    date = gold.get("date") or gold.get("period") or "undated"
    types = "/".join(_types(gold))
    return f"{gold['doc']} | {types} | {date} {gold.get('date_precision')} | " + (
        f"{' / '.join(gold['places'])} | {gold['what']}"
    )


def score_demo(
    events_features: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Score output events (GeoJSON Features) against the demo's gold events.

    Parameters
    ----------
    events_features : sequence of dict
        GeoJSON Features as ``EventCollection.to_geojson()["features"]`` gives them (their
        ``properties`` need ``doc``, ``event_type``, ``date``, ``date_precision``, ``place_id``).
    gold : sequence of dict
        Gold events as :func:`load_gold` reads them.

    Returns
    -------
    dict
        ``found``, ``spurious`` and ``duplicates`` (shares), their counts (``n_gold``,
        ``n_output``, ``n_found``, ``n_spurious``, ``n_duplicates``), ``sub_event_type`` (share of
        found events whose sub-event type agrees, among gold events that state one), and the
        ``misses`` and ``spurious_events`` as one-line descriptions.

    Examples
    --------
    >>> gold = [{"doc": "d", "event_type": "Battles", "date": "2019-10", "date_precision": "month",
    ...          "place_ids": ["p1"], "places": ["P"], "what": "a capture"}]
    >>> def feature(place_id, date="2019-10-13"):
    ...     props = {"doc": "d", "event_type": "Battles", "date": date, "date_precision": "day",
    ...              "place_id": place_id}
    ...     return {"type": "Feature", "properties": props}
    >>> s = score_demo([feature("p1"), feature("p1", "2019-09-01"), feature("p2")], gold)
    >>> s["found"], s["n_duplicates"], s["n_spurious"]
    (1.0, 1, 1)
    """
    props = [dict(f.get("properties") or {}) for f in events_features]
    edges = [[j for j, p in enumerate(props) if _finds(g, p)] for g in gold]
    pairs = _matching(edges)
    paired = set(pairs.values())
    duplicates = [
        j
        for j, p in enumerate(props)
        if j not in paired and any(_same_happening(g, p) for g in gold)
    ]
    spurious = [j for j in range(len(props)) if j not in paired and j not in duplicates]
    stated = [
        (g, props[pairs[i]]) for i, g in enumerate(gold) if i in pairs and g.get("sub_event_type")
    ]
    sub_ok = sum(
        p.get("sub_event_type")
        in ((g["sub_event_type"],) if isinstance(g["sub_event_type"], str) else g["sub_event_type"])
        for g, p in stated
    )
    n_out = len(props)
    return {
        "found": len(pairs) / len(gold) if gold else 0.0,
        "spurious": len(spurious) / n_out if n_out else 0.0,
        "duplicates": len(duplicates) / n_out if n_out else 0.0,
        "sub_event_type": sub_ok / len(stated) if stated else None,
        "n_gold": len(gold),
        "n_output": n_out,
        "n_found": len(pairs),
        "n_spurious": len(spurious),
        "n_duplicates": len(duplicates),
        "misses": [_gold_label(g) for i, g in enumerate(gold) if i not in pairs],
        "spurious_events": [_label(props[j]) for j in spurious],
        "duplicate_events": [_label(props[j]) for j in duplicates],
    }


def demo_features(reports: str | Path = REPORTS) -> list[dict[str, Any]]:
    """The GeoJSON Features of the events geomap extracts from the demo's reports."""
    from geomap.documents import read_documents
    from geomap.events import extract_events

    batch = read_documents([Path(reports)])
    return list(extract_events(batch.documents).to_geojson()["features"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--reports", default=str(REPORTS))
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    args = parser.parse_args(argv)
    if not Path(args.gold).is_file():
        print(f"no such gold file: {args.gold}", file=sys.stderr)
        return 2
    scores = score_demo(demo_features(args.reports), load_gold(args.gold))
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
        return 0
    print(
        f"gold events {scores['n_gold']}, output events {scores['n_output']}\n"
        f"found      {scores['found']:.3f} ({scores['n_found']})   target >= 0.85\n"
        f"spurious   {scores['spurious']:.3f} ({scores['n_spurious']})   target <= 0.10\n"
        f"duplicates {scores['duplicates']:.3f} ({scores['n_duplicates']})\n"
        f"sub-event type of found events (where the README states one): "
        f"{scores['sub_event_type']}"
    )
    for title, key in (
        ("misses", "misses"),
        ("spurious", "spurious_events"),
        ("duplicates", "duplicate_events"),
    ):
        print(f"\n{title} ({len(scores[key])}):")
        for line in scores[key]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
