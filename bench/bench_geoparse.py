"""Geoparsing quality and speed on the shared corpora, with geotext as the speed peer.

Usage::

    python bench/bench_geoparse.py [--eval-dir ../shared/eval] [--corpora lgl,geovirus,...]

Prints, per corpus, recognition P/R/F1 (exact and overlap), resolution A@161, median/mean error,
AUC, end-to-end A@161 and docs/s; then geomap's docs/s against geotext's (PyPI ``geotext``,
installed only in the benchmark's environment: ``pip install geotext``) on the same texts in the
same run. Results go to ``bench/results/geoparse.json``. The corpora are read where they are;
nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from geomap.evaluate import evaluate_corpus
from geomap.gazetteer import Gazetteer
from geomap.geoparsing import Geoparser
from geomap.recognize import WORD_RE

HERE = Path(__file__).resolve().parent
TUNING = ["lgl", "geovirus", "tudloc2013"]
HELD_OUT = ["geowebnews", "trnews"]


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]


def word_loop_speed(texts: list[str]) -> float:
    """docs/s of a Python loop that only visits every word of the texts (geomap's word pattern)
    and does nothing with it: the floor under any parser that reads words in Python, which
    must look at the lower-case words around a name ("the village of X", "in X")."""
    t0 = time.perf_counter()
    for text in texts:
        for m in WORD_RE.finditer(text):
            m.span()
    return len(texts) / (time.perf_counter() - t0)


def speed(parser: Geoparser, texts: list[str]) -> tuple[float, float]:
    """docs/s of geomap and of geotext over the same texts (geotext: NaN if not installed)."""
    t0 = time.perf_counter()
    for text in texts:
        parser.parse(text)
    ours = len(texts) / (time.perf_counter() - t0)
    try:
        from geotext import GeoText
    except ImportError:
        return ours, float("nan")
    GeoText("warm up")
    t0 = time.perf_counter()
    for text in texts:
        GeoText(text)
    return ours, len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--corpora", default=",".join(TUNING + HELD_OUT + ["middle_east"]))
    args = ap.parse_args()
    parser = Geoparser()
    parser.parse("Warm-up in Damascus, Syria.")
    results = []
    all_texts: list[str] = []
    for name in args.corpora.split(","):
        path = args.eval_dir / f"{name}.jsonl"
        scores = evaluate_corpus(path, parser=parser)
        role = "held-out" if name in HELD_OUT else "tuning" if name in TUNING else "report"
        print(f"[{role}] " + scores.table(), flush=True)
        results.append({"role": role, **scores.as_dict()})
        if name in TUNING + HELD_OUT:
            all_texts += texts_of(path)
    # A new parser on a newly opened gazetteer has not yet looked up these texts' names (what a
    # first run on a new corpus meets); the evaluated one has them cached.
    fresh = Geoparser(Gazetteer.open())
    fresh.parse("Warm-up in Damascus, Syria.")
    cold, _ = speed(fresh, all_texts)
    ours, peer = speed(parser, all_texts)
    ratio = ours / peer if peer == peer else float("nan")
    floor = word_loop_speed(all_texts)
    print(
        f"\nspeed on {len(all_texts)} texts: geomap {ours:.1f} docs/s (new parser: {cold:.1f}), "
        f"geotext {peer:.1f} docs/s, ratio geomap/geotext {ratio:.3f} (new parser: "
        f"{cold / peer if peer == peer else float('nan'):.3f})\n"
        f"a bare Python loop over the words of the same texts: {floor:.1f} docs/s, "
        f"ratio to geotext {floor / peer if peer == peer else float('nan'):.3f}"
    )
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "geoparse.json").write_text(
        json.dumps(
            {
                "corpora": results,
                "speed": {
                    "texts": len(all_texts),
                    "geomap_docs_per_s": round(ours, 2),
                    "geomap_new_parser_docs_per_s": round(cold, 2),
                    "geotext_docs_per_s": round(peer, 2),
                    "ratio": round(ratio, 3),
                    "word_loop_docs_per_s": round(floor, 2),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
