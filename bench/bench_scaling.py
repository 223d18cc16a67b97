"""Cost per KB of one long document: is ``geoparse`` and ``extract_events`` time linear in length?

Usage::

    python bench/bench_scaling.py [--sizes 10,100,1000,5000] [--inputs news,st,ras]
                                  [--stages places,extract] [--stop-after 120]

Documents are generated here (nothing is read from the evaluation corpora):

``news``
    news-like paragraphs about the towns of northeast Syria (clashes, shelling, protests, dates,
    casualty counts, "X and Y" lists, directions, a dateline) repeated with varied towns, days
    and numbers until the size is reached;
``st``
    ``"St. "`` repeated (the abbreviation that once made ``_person_surnames`` quadratic);
``ras``
    ``"Ras al-Ain, "`` repeated (a list of one place, once quadratic in the list-kind pattern).

Each size (KB of UTF-8 text) is one document, timed once (a run under 0.2 s: the best of up to
five runs, each on a text of its own; the gazetteer is opened and the lexicons loaded before
timing). The report gives seconds per KB for each stage and the ratio of the largest size's
figure to the smallest's: a linear cost keeps it near 1 (target: at most 2).
A stage whose run took longer than ``--stop-after`` seconds is not run at larger sizes (the
figure is then marked as skipped).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

TOWNS = [
    "Ras al-Ain",
    "Tal Abyad",
    "Qamishli",
    "Hasakah",
    "Ain Issa",
    "Manbij",
    "Kobani",
    "Tal Tamr",
    "Amuda",
    "Derbasiyah",
    "Raqqa",
    "Deir ez-Zor",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "October", "November"]
PARAGRAPHS = [
    "{A} (Reuters) - Turkish jets struck {B} and {C} on {day}, a war monitor said. At least "
    "{n} civilians were killed and {m} wounded in the strikes, the Syrian Observatory for Human "
    "Rights reported.",
    "Fighters of the Syrian Democratic Forces clashed with Turkish-backed groups near {A} on "
    "{date}. The fighting spread to villages south of {B}, where {n} fighters died, according "
    "to local officials.",
    "Hundreds of residents protested in {A} against the offensive. Police dispersed the crowd "
    "with tear gas outside the municipal building, witnesses said. No one was hurt.",
    "Artillery shelling hit the outskirts of {A} overnight, while a car bomb exploded in a "
    "market in {B}, killing {n} people. Nobody claimed the attack.",
    "Kurdish forces withdrew from {A}, and Turkish-backed fighters entered the town on {day}. "
    "Thousands fled toward {B} and {C} in Hasakah province, aid groups said.",
    "In {A}, officials said on {date} that a drone strike had targeted a vehicle on the road "
    "between {B} and {C}. Two commanders were among the {n} dead.",
    "Government forces deployed to {A} and {B} under a deal with the Kurdish-led "
    "administration. Russian military police patrolled the area around {C} on {day}.",
    "Gunmen attacked a checkpoint 15 km east of {A} on {date}, killing {n} soldiers. The "
    "Islamic State group claimed the attack in a statement.",
]


def news_text(size: int, seed: int = 0) -> str:
    """News-like text of about ``size`` characters (ASCII, so bytes too)."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        a, b, c = rng.sample(TOWNS, 3)
        para = rng.choice(PARAGRAPHS).format(
            A=a,
            B=b,
            C=c,
            day=rng.choice(DAYS),
            date=f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
            n=rng.randint(2, 40),
            m=rng.randint(2, 90),
        )
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)[:size]


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


INPUTS = {
    "news": news_text,
    "st": lambda size: repeated("St. ", size),
    "ras": lambda size: repeated("Ras al-Ain, ", size),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="KB, comma-separated.")
    parser.add_argument("--inputs", default="news,st,ras", help=f"Of {', '.join(INPUTS)}.")
    parser.add_argument("--stages", default="places,extract", help="places and/or extract.")
    parser.add_argument("--stop-after", type=float, default=120.0, help="Seconds (see above).")
    parser.add_argument("--json", dest="json_out", help="Also write the figures here.")
    args = parser.parse_args(argv)

    from geomap.events import EventExtractor, extract_events
    from geomap.gazetteer import default_gazetteer
    from geomap.geoparsing import Geoparser
    from geomap.types import Document

    sizes = [int(s) for s in args.sizes.split(",")]
    gaz = default_gazetteer()
    geoparser = Geoparser(gaz)
    extractor = EventExtractor()
    warm = Document("warm", news_text(3000))
    geoparser.parse(warm)
    extract_events([warm], gazetteer=gaz, triggers=extractor.triggers, actors=extractor.actors)

    def run(stage: str, doc: Document) -> int:
        if stage == "places":
            return len(geoparser.parse(doc))
        events = extract_events(
            [doc],
            gazetteer=gaz,
            triggers=extractor.triggers,
            actors=extractor.actors,
            geoparser=geoparser.parse,
        )
        return len(events)

    results: dict[str, dict[str, dict[int, float | None]]] = {}
    for name in args.inputs.split(","):
        for stage in args.stages.split(","):
            row: dict[int, float | None] = {}
            stopped = False
            for kb in sizes:
                if stopped:
                    row[kb] = None
                    print(f"{name:5} {stage:8} {kb:>6} KB  skipped (--stop-after)", flush=True)
                    continue
                text = INPUTS[name](kb * 1000)
                took = float("inf")
                for rep in range(5):  # small sizes: the best of a few runs
                    # a new text each time: a run may not reuse what a run of the same text left
                    # in a cache (that made the 10 KB "ras" extract 2.4x cheaper than one run)
                    doc = Document(f"{name}-{kb}-{rep}", f"Report {rep}.\n\n{text}")
                    t0 = time.perf_counter()
                    found = run(stage, doc)
                    took = min(took, time.perf_counter() - t0)
                    if took > 0.2:
                        break
                row[kb] = took / kb
                stopped = took > args.stop_after
                print(
                    f"{name:5} {stage:8} {kb:>6} KB  {took:8.2f} s  {1000 * took / kb:8.3f} ms/KB"
                    f"  ({found} {'mentions' if stage == 'places' else 'events'})",
                    flush=True,
                )
            results.setdefault(name, {})[stage] = row
    print()
    lo, hi = sizes[0], sizes[-1]
    print(f"ms per KB; ratio = {hi} KB / {lo} KB (target <= 2)")
    for name, stages in results.items():
        for stage, row in stages.items():
            cells = "  ".join(
                f"{kb} KB: {1000 * v:.3f}" if v is not None else f"{kb} KB: -"
                for kb, v in row.items()
            )
            first, last = row.get(lo), row.get(hi)
            ratio = f"{last / first:.2f}" if first and last else "-"
            print(f"  {name:5} {stage:8} {cells}  ratio {ratio}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
