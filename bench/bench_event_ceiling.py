"""How near the coded point geomap's events could get with the gazetteer it ships.

    python bench/bench_event_ceiling.py [GOLD.jsonl] [--json]

For every analyst-coded note of ``GOLD`` (default ``../shared/eval/events/acled_dev.jsonl``, read
at run time, never copied) this reports, at 25 and 161 km from the coded point, the share of notes
where:

``first event``
    the first event geomap extracts is that near (what ``geomap evaluate-events`` scores);
``best resolved place``
    some place geomap resolved in the note is that near: the best a perfect choice among the
    note's resolved places could do;
``coded name in gazetteer``
    the gazetteer holds a place of the coded location's own name (ACLED's ``location``, searched
    as ``geomap geocode`` searches it, in the coded country) that near: the best a perfect reading
    of the note could do when the note names the coded place;
``either``
    the best resolved place or the coded name is that near: the ceiling for reading this note;
``any gazetteer place``
    the gazetteer has any populated place that near (units and areas aside): the density of the
    gazetteer around the coded points, whatever the text says.

The gap between the first and second rows is what choosing among the note's places can still
gain; between the second and third, what reading and resolving names can still gain; the third
row is the ceiling the shipped gazetteer sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "events" / "acled_dev.jsonl"
RADII = (25, 161)


def notes(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)

    from geopy.distance import geodesic

    from geomap.events import EventExtractor
    from geomap.gazetteer import default_gazetteer
    from geomap.geoparsing import Geoparser
    from geomap.types import Document

    gaz = default_gazetteer()
    geoparser = Geoparser(gaz)
    extractor = EventExtractor()
    codes: dict[str, str] = {}

    def country_code(name: str) -> str:
        if name not in codes:
            found = [c for c in gaz.search(name, limit=5) if c.place.kind == "country"]
            codes[name] = found[0].place.country_code if found else ""
        return codes[name]

    rows = (
        "first event",
        "best resolved place",
        "coded name in gazetteer",
        "either",
        "any gazetteer place",
    )
    hits = {row: dict.fromkeys(RADII, 0) for row in rows}
    total = 0
    for note in notes(args.gold):
        gold = note["gold"]
        if gold.get("lat") is None or gold.get("lon") is None:
            continue
        total += 1
        point = (float(gold["lat"]), float(gold["lon"]))

        def nearest(places: list[tuple[float, float]], point: tuple[float, float] = point) -> float:
            return min((geodesic(point, p).km for p in places), default=float("inf"))

        doc = Document(note["id"], note["text"], published=note.get("published"))
        resolutions = geoparser.parse(doc)
        events = extractor.document_events(doc, resolutions)
        first = min(events, key=lambda e: e.start, default=None)
        located = [
            (r.place.lat, r.place.lon)
            for r in resolutions
            if r.place is not None and r.place.lat is not None
        ]
        code = country_code(gold.get("country") or "")
        named = (
            gaz.search(gold["location"], country=code or None, limit=50)
            if gold.get("location")
            else []
        )
        near = gaz.reverse(point[1], point[0], limit=1)
        distance = {
            "first event": nearest(
                [(first.place.lat, first.place.lon)]
                if first is not None and first.place is not None and first.place.lat is not None
                else []
            ),
            "best resolved place": nearest(located),
            "coded name in gazetteer": nearest([(c.place.lat, c.place.lon) for c in named]),
            "any gazetteer place": near[0].features["distance_km"] if near else float("inf"),
        }
        distance["either"] = min(
            distance["best resolved place"], distance["coded name in gazetteer"]
        )
        for row in rows:
            for radius in RADII:
                hits[row][radius] += distance[row] <= radius
    shares = {
        row: {f"{r} km": round(hits[row][r] / total, 4) if total else None for r in RADII}
        for row in rows
    }
    if args.json:
        print(json.dumps({"gold": str(args.gold), "notes": total, "shares": shares}, indent=1))
        return 0
    print(f"{total} notes with coordinates in {args.gold.name}")
    print("| share of notes within | 25 km | 161 km |")
    print("|---|---:|---:|")
    for row in rows:
        print(f"| {row} | {shares[row]['25 km']:.3f} | {shares[row]['161 km']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
