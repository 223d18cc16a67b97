"""Throughput and memory of ``geomap batch``: 1 and 2 local workers, and the Dask engine.

Usage::

    python bench/bench_batch.py [--eval-dir ../shared/eval] [--docs 20000] [--chunk-size 250]
                                [--runs local1,local2,dask2] [--json results.json]

The texts of the shared corpora (lgl, geovirus, tudloc2013, geowebnews, trnews) are read at run
time, repeated (each copy with its own ids) to ``--docs`` documents and written to a temporary
JSONL file, never into the project. Each configuration runs ``geomap batch`` in a fresh process
(so start-up, gazetteer opening and worker start are included, as a user would see them) into a
temporary folder. Reported: wall time, documents/s, and peak memory — the largest resident set
of the whole process tree sampled every 0.2 s with psutil (parent + workers together), and the
largest single process from ``resource.getrusage(RUSAGE_CHILDREN)``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPORA = ["lgl", "geovirus", "tudloc2013", "geowebnews", "trnews"]
RUNS = {
    "local1": ["--workers", "1"],
    "local2": ["--workers", "2"],
    "dask2": ["--engine", "dask", "--workers", "2"],
}


def build_corpus(eval_dir: Path, n_docs: int, path: Path) -> int:
    """Write ``n_docs`` documents (the corpora's texts, repeated) to ``path``; returns chars."""
    texts: list[tuple[str, str]] = []
    for name in CORPORA:
        with (eval_dir / f"{name}.jsonl").open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if line.strip():
                    rec = json.loads(line)
                    texts.append((str(rec.get("id") or f"{name}-{i}"), rec["text"]))
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(n_docs):
            doc_id, text = texts[n % len(texts)]
            copy = n // len(texts)
            out.write(json.dumps({"id": f"{doc_id}~{copy}", "text": text}) + "\n")
            chars += len(text)
    return chars


def run_one(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``geomap batch ARGS``; wall time and peak memory of its process tree."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", "batch", *args, "--json", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    peak_tree = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            rss = 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    rss += p.memory_info().rss
            peak_tree = max(peak_tree, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"geomap batch failed ({proc.returncode}):\n{err[-2000:]}")
    summary = json.loads(out)
    # ru_maxrss (kB on Linux) of the largest child that has ended so far (grandchildren that
    # were waited for count too): the biggest single process of the runs up to now.
    max_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "wall_s": round(wall, 2),
        "docs_per_s": round(summary["documents"] / wall, 1),
        "docs_per_s_inside": round(summary["processed_this_run"] / summary["seconds"], 1),
        "documents": summary["documents"],
        "events": summary["events"],
        "places": summary["places"],
        "failed": summary["failed"],
        "peak_tree_rss_mb": round(peak_tree / 2**20),
        "max_single_process_rss_mb_so_far": round(max_child),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=str(REPO.parent / "shared" / "eval"))
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--chunk-size", type=int, default=250)
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--json", dest="json_out", help="Also write the results here.")
    args = parser.parse_args(argv)

    from geomap.gazetteer import ensure_default_index

    ensure_default_index()  # built once, outside the timings
    env = dict(os.environ)
    results: dict[str, Any] = {
        "docs": args.docs,
        "chunk_size": args.chunk_size,
        "cpus": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="geomap-bench-batch-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        chars = build_corpus(Path(args.eval_dir), args.docs, corpus)
        results["chars"] = chars
        print(f"{args.docs:,} documents, {chars / 1e6:.1f} M characters ({os.cpu_count()} CPUs)")
        for name in args.runs.split(","):
            outdir = Path(tmp) / f"out-{name}"
            res = run_one(
                [str(corpus), "-o", str(outdir), "--chunk-size", str(args.chunk_size), *RUNS[name]],
                env,
            )
            results[name] = res
            print(
                f"{name:>7}: {res['wall_s']:8.1f} s  {res['docs_per_s']:7.1f} docs/s "
                f"(inside the run {res['docs_per_s_inside']:.1f})  {res['events']:,} events  "
                f"peak RSS tree {res['peak_tree_rss_mb']:,} MB, largest process so far "
                f"{res['max_single_process_rss_mb_so_far']:,} MB",
                flush=True,
            )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
