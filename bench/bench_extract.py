"""Throughput of ``extract_events`` (documents per second) on the evaluation corpora.

The texts are read at run time from the shared evaluation folder (never copied into the project):

    python bench/bench_extract.py [EVAL_DIR] [--limit N] [--repeat R]

``EVAL_DIR`` defaults to ``../shared/eval`` relative to the repository root. Every ``*.jsonl`` file
in it is read with :func:`geomap.documents.read_documents` (only ``id`` and ``text`` matter). The
gazetteer is opened and the geoparser warmed up on one document before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", default=str(REPO.parent / "shared" / "eval"))
    parser.add_argument("--limit", type=int, default=0, help="Use at most N documents (0: all).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs (best is reported).")
    args = parser.parse_args(argv)

    from geomap.documents import read_documents
    from geomap.events import EventExtractor, extract_events
    from geomap.gazetteer import default_gazetteer

    folder = Path(args.eval_dir)
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        print(f"no *.jsonl files in {folder}", file=sys.stderr)
        return 2
    batch = read_documents(files)
    docs = batch.documents[: args.limit] if args.limit else batch.documents
    chars = sum(len(d.text) for d in docs)
    print(
        f"{len(docs)} documents, {chars / 1e6:.2f} M characters from {len(files)} files "
        f"({len(batch.skipped)} skipped)"
    )

    gaz = default_gazetteer()
    extractor = EventExtractor()  # loads the lexicons once (extract_events accepts them)
    extract_events(
        docs[:1], gazetteer=gaz, triggers=extractor.triggers, actors=extractor.actors
    )  # warm-up

    times = []
    events = None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        events = extract_events(
            docs, gazetteer=gaz, triggers=extractor.triggers, actors=extractor.actors
        )
        times.append(time.perf_counter() - t0)
    assert events is not None
    best = min(times)
    print(
        f"extract_events: best {best:.2f} s, median {statistics.median(times):.2f} s "
        f"→ {len(docs) / best:.1f} docs/s, {chars / best / 1e3:.0f} k chars/s"
    )
    located = sum(1 for e in events if e.place is not None)
    print(f"{len(events)} events ({located} located)")
    for etype, n in Counter(e.event_type for e in events).most_common():
        print(f"  {n:>6}  {etype}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
