"""Re-tune a few of the resolver's weights on the tuning corpora, then report the held-out figures.

    python bench/tune_weights.py [--weights w_country,w_near] [--factors 0.5,0.75,1.25,1.5]
                                 [--rounds 2] [--min-gain 0.001] [--limit N] [--no-held-out]

A coordinate search: for each weight in turn (``--weights``, names as in
``geomap/data/resolve_weights.toml``), the values ``factor × current`` are tried with the other
weights held, and the best is kept when it raises the objective by at least ``--min-gain``; the
passes repeat ``--rounds`` times or until none changes. The objective is the mean over the
tuning corpora (LGL, GeoVirus, TUD-Loc 2013) of end-to-end A@161 (``--objective a161``: of
resolution A@161), as ``geomap evaluate`` scores them.

The held-out corpora (GeoWebNews, TR-News) take no part in the search: they are scored once at
the end, with the shipped weights and with the chosen ones, and only reported. Nothing is
written to the weights file; the chosen values are printed, with the lines to change in it, and
saved to ``bench/results/tune_weights.json``. Recognition does not depend on the weights, so
each document is recognised once and only resolved again per trial. The corpora are read where
they are (``--eval-dir``, default ``../shared/eval``); nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from geomap.evaluate import Scores, evaluate_corpus
from geomap.gazetteer import Gazetteer
from geomap.geoparsing import Geoparser
from geomap.recognize import Recognizer
from geomap.resolution.weights import DEFAULT_WEIGHTS, Weights
from geomap.resolve import Resolver
from geomap.types import Mention

HERE = Path(__file__).resolve().parent
TUNING = ("lgl", "geovirus", "tudloc2013")
HELD_OUT = ("geowebnews", "trnews")
#: The score weights searched by default.
DEFAULT_SEARCH = (
    "w_country",
    "w_admin1",
    "w_support",
    "w_qualifier",
    "w_cue",
    "w_proximity",
    "w_near",
    "w_list",
    "w_seat",
    "w_namesake",
    "w_namesake_country",
    "w_variant",
)


class _Recognised:
    """A recogniser that recognises each document once (the weights do not change it)."""

    def __init__(self, recognizer: Recognizer) -> None:
        self.recognizer = recognizer
        self.seen: dict[tuple[str, str], list[Mention]] = {}

    def recognize(self, text: str, doc_id: str = "", trace: Any = None) -> list[Mention]:
        key = (doc_id, text)
        if key not in self.seen:
            self.seen[key] = self.recognizer.recognize(text, doc_id)
        return self.seen[key]


class Trials:
    """Scores the corpora with a set of weights, reusing one parser and its recognition."""

    def __init__(self, eval_dir: Path, limit: int | None, objective: str) -> None:
        self.eval_dir, self.limit, self.objective = eval_dir, limit, objective
        self.parser = Geoparser(Gazetteer.open())
        self.real = self.parser.recognizer
        self.parser.recognizer = _Recognised(self.real)  # type: ignore[assignment]
        self.count = 0

    def scores(self, weights: Weights, corpora: Sequence[str]) -> dict[str, Scores]:
        self.parser.resolver = Resolver(self.parser.gazetteer, self.real.view, weights)
        return {
            name: evaluate_corpus(
                self.eval_dir / f"{name}.jsonl", parser=self.parser, limit=self.limit
            )
            for name in corpora
        }

    def value(self, scores: dict[str, Scores]) -> float:
        key = "end_to_end_a161" if self.objective == "e2e" else "a161"
        return statistics.fmean(getattr(s, key) for s in scores.values())

    def tune(self, weights: Weights) -> tuple[float, dict[str, Scores]]:
        """The objective and scores on the tuning corpora (never the held-out ones)."""
        self.count += 1
        scores = self.scores(weights, TUNING)
        return self.value(scores), scores


def search(
    trials: Trials, names: Sequence[str], factors: Sequence[float], rounds: int, min_gain: float
) -> tuple[Weights, float, list[dict[str, Any]]]:
    """Coordinate search from the shipped weights; the chosen weights, their objective and the
    log of every trial."""
    best = DEFAULT_WEIGHTS
    best_value, _ = trials.tune(best)
    log: list[dict[str, Any]] = [{"weights": {}, "objective": round(best_value, 5)}]
    print(f"shipped weights: objective {best_value:.4f}", flush=True)
    for rnd in range(rounds):
        changed = False
        for name in names:
            current = getattr(best, name)
            tried: dict[float, float] = {}
            for factor in factors:
                value = (
                    round(current * factor)
                    if isinstance(current, int)
                    else round(current * factor, 4)
                )
                if value == current or value in tried:
                    continue
                tried[value], _ = trials.tune(best.with_values(**{name: value}))
                log.append({"round": rnd + 1, name: value, "objective": round(tried[value], 5)})
                print(f"  round {rnd + 1}: {name} {current} -> {value}: {tried[value]:.4f}")
            if not tried:
                continue
            value, got = max(tried.items(), key=lambda kv: (kv[1], -abs(kv[0] - current)))
            if got >= best_value + min_gain:
                print(f"  kept {name} = {value} ({best_value:.4f} -> {got:.4f})", flush=True)
                best, best_value, changed = best.with_values(**{name: value}), got, True
        if not changed:
            break
    return best, best_value, log


def _figures(scores: dict[str, Scores]) -> dict[str, dict[str, float]]:
    keys = ("a161", "end_to_end_a161", "overlap_f1", "located_false_positives")
    return {name: {k: round(asdict(s)[k], 4) for k in keys} for name, s in scores.items()}


def _print(title: str, before: dict[str, Scores], after: dict[str, Scores]) -> None:
    print(f"\n{title}: A@161 and end-to-end A@161, shipped -> chosen")
    for name in before:
        b, a = before[name], after[name]
        print(
            f"  {name:12} A@161 {b.a161:.4f} -> {a.a161:.4f}   "
            f"end-to-end {b.end_to_end_a161:.4f} -> {a.end_to_end_a161:.4f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--weights", default=",".join(DEFAULT_SEARCH), help="weights to search")
    ap.add_argument("--factors", default="0.5,0.75,1.25,1.5", help="multiples of a value tried")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--min-gain", type=float, default=0.001, help="smallest gain kept")
    ap.add_argument("--objective", choices=("e2e", "a161"), default="e2e")
    ap.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    ap.add_argument("--no-held-out", action="store_true", help="skip the held-out report")
    args = ap.parse_args()
    names = [n.strip() for n in args.weights.split(",") if n.strip()]
    DEFAULT_WEIGHTS.with_values(**{n: getattr(DEFAULT_WEIGHTS, n, 0) for n in names})  # check
    factors = [float(f) for f in args.factors.split(",")]

    t0 = time.perf_counter()
    trials = Trials(args.eval_dir, args.limit, args.objective)
    chosen, value, log = search(trials, names, factors, args.rounds, args.min_gain)
    changes = {
        n: (getattr(DEFAULT_WEIGHTS, n), getattr(chosen, n))
        for n in names
        if getattr(chosen, n) != getattr(DEFAULT_WEIGHTS, n)
    }
    print(f"\n{trials.count} trials on {', '.join(TUNING)} in {time.perf_counter() - t0:.0f} s")
    print(
        f"chosen (objective {value:.4f}): "
        + (", ".join(f"{n} {a} -> {b}" for n, (a, b) in changes.items()) or "none")
    )
    for n, (_, b) in changes.items():
        print(f"  geomap/data/resolve_weights.toml [{n}] value = {b}")
    tuning = (trials.scores(DEFAULT_WEIGHTS, TUNING), trials.scores(chosen, TUNING))
    _print("tuning corpora", *tuning)
    result: dict[str, Any] = {
        "objective": args.objective,
        "searched": names,
        "factors": factors,
        "limit": args.limit,
        "changes": {n: {"shipped": a, "chosen": b} for n, (a, b) in changes.items()},
        "tuning": {"shipped": _figures(tuning[0]), "chosen": _figures(tuning[1])},
        "trials": log,
    }
    if not args.no_held_out:
        # the search is over: the held-out corpora are scored here only, and only reported
        held = (trials.scores(DEFAULT_WEIGHTS, HELD_OUT), trials.scores(chosen, HELD_OUT))
        _print("held-out corpora (not used in the search)", *held)
        result["held_out"] = {"shipped": _figures(held[0]), "chosen": _figures(held[1])}
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "tune_weights.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten to {out / 'tune_weights.json'}")


if __name__ == "__main__":
    main()
