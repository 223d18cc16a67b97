"""Fatalities read from ACLED notes against the analyst's coded figure.

The notes are read at run time from the shared evaluation folder (never copied into the project):

    python bench/bench_fatalities.py [GOLD_JSONL] [--misses N]

``GOLD_JSONL`` defaults to ``../shared/eval/events/acled_dev.jsonl`` relative to the repository
root. :func:`geomap.events.fatalities.fatalities` reads each record's whole ``text``; None counts as
0, as ACLED writes it. Reported: exact-match accuracy, the share within ±1, and both by source
(the first token of the record's ``source``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = REPO.parent / "shared" / "eval" / "events" / "acled_dev.jsonl"
    parser.add_argument("gold", nargs="?", default=str(default))
    parser.add_argument("--misses", type=int, default=0, help="Print N misses (0: none).")
    args = parser.parse_args(argv)

    from geomap.events.fatalities import fatalities

    path = Path(args.gold)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    rows: dict[str, list[tuple[int, int]]] = defaultdict(list)
    misses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        gold = int(record["gold"]["fatalities"] or 0)
        got = fatalities(record["text"]) or 0
        source = str(record.get("source", "")).split(" ", 1)[0] or "(none)"
        rows[source].append((gold, got))
        if got != gold:
            misses.append((record["id"], gold, got, record["text"]))

    def line_for(name: str, pairs: list[tuple[int, int]]) -> str:
        exact = sum(g == p for g, p in pairs) / len(pairs)
        near = sum(abs(g - p) <= 1 for g, p in pairs) / len(pairs)
        return f"{name:<50} {len(pairs):>5} {exact:>7.3f} {near:>7.3f}"

    everything = [pair for pairs in rows.values() for pair in pairs]
    print(f"{'source':<50} {'notes':>5} {'exact':>7} {'±1':>7}")
    print(line_for("all", everything))
    for source in sorted(rows):
        print(line_for(source, rows[source]))
    for doc_id, gold, got, text in misses[: args.misses]:
        print(f"\n{doc_id}: gold {gold}, got {got}\n  {' '.join(text.split())[:400]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
