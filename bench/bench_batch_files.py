"""``geomap batch`` over many small files, per document, beside ``places`` and ``extract``.

    python bench/bench_batch_files.py [--files 10000] [--workers 1,2] [--repeat 3]
                                      [--baseline /path/to/other/checkout]

Issue 25 (item 11): ``batch`` over 10,000 small files must be at least as fast per document as
``places`` on the same files. The files are written by this script into a temporary folder (one
short report per ``.txt`` file, a few sentences about towns of northeast Syria, from
``bench_memory.py``, 100 files to a subfolder). Each command runs in a fresh process (start-up
included, as a user sees it). The commands run in rounds, one after another in each round, and
each is reported by its best round (``--repeat``, default 3), so that a busy moment of a shared
machine falls on every command alike.

How the commands compare. ``places`` only geoparses; ``batch`` geoparses *and extracts events*
(and writes both layers, per input file, with a manifest), so it does the work of ``extract``,
which geoparses and extracts events in one process and writes one file: its like-for-like peer
is ``extract`` ("ratio to extract", the cost of batch's machinery over the same work). ``batch
--places-only`` geoparses only, like ``places``, into the same partitioned, resumable folder:
its "ratio to places" is the issue's figure (at most 1.0). Event extraction about doubles the
CPU per document (29.4 s for extract, 12.8 s for places on 10,000 files), so a full ``batch``
reaches ``places``' speed only with more workers than cores free.

Run of 2026-12-05 (2 shared cores, load 4-5; --baseline was be11619, before this work):
batch -j 1 37.1 s (extract 40.8, places 20.2; baseline 41.6), batch -j 2 50.9 s (baseline
68.8); CPU s 29.8 / 29.4 / 12.8 / 30.8, -j 2 34.7 (baseline 34.4).

``--baseline DIR`` also runs ``batch`` from another checkout of geomap (its folder is put first
on ``PYTHONPATH``), in the same rounds, to give before and after figures of one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory import TEMPLATES, TOWNS


def write_files(folder: Path, n: int) -> None:
    """``n`` small reports, 100 to a subfolder (as a news archive would hold them)."""
    for i in range(n):
        a, b = TOWNS[i % len(TOWNS)], TOWNS[(i * 3 + 1) % len(TOWNS)]
        text = " ".join(t.format(a=a, b=b, n=i % 9 + 1) for t in TEMPLATES[: 2 + i % 3])
        sub = folder / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"report-{i:05d}.txt").write_text(text + "\n", encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, its worker processes included)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--workers", default="1,2", help="Batch worker counts to run.")
    parser.add_argument("--repeat", type=int, default=3, help="Rounds; the best is reported.")
    parser.add_argument("--baseline", help="Another geomap checkout whose batch also runs.")
    parser.add_argument("--no-extract", action="store_true", help="Leave out extract.")
    parser.add_argument(
        "--no-places-only", action="store_true", help="Leave out batch --places-only."
    )
    args = parser.parse_args(argv)

    from geomap.gazetteer import ensure_default_index

    ensure_default_index()  # built once, outside the timings
    geomap = [sys.executable, "-m", "geomap.cli"]
    base_env = None
    if args.baseline:
        base_env = dict(os.environ)
        base_env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(args.baseline).resolve()), base_env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
    with tempfile.TemporaryDirectory(prefix="geomap-bench-files-") as tmp:
        folder = Path(tmp) / "news"
        write_files(folder, args.files)
        runs: list[tuple[str, list[str], dict[str, str] | None]] = [
            ("places", [*geomap, "places", str(folder), "-o", f"{tmp}/p.geojson", "-q"], None),
        ]
        if not args.no_extract:
            cmd = [*geomap, "extract", str(folder), "-o", f"{tmp}/e.geojson", "-q"]
            runs.append(("extract", cmd, None))
        for w in args.workers.split(","):
            cmd = [*geomap, "batch", str(folder), "-o", f"{tmp}/batch", "-j", w, "-q"]
            runs.append((f"batch -j {w}", cmd, None))
            if base_env is not None:
                runs.append((f"batch -j {w} (baseline)", cmd, base_env))
        if not args.no_places_only:
            for w in args.workers.split(","):
                cmd = [*geomap, "batch", str(folder), "-o", f"{tmp}/batch", "-j", w, "-q"]
                runs.append((f"batch --places-only -j {w}", [*cmd, "--places-only"], None))
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for r in range(args.repeat):
            for name, cmd, env in runs:
                shutil.rmtree(f"{tmp}/batch", ignore_errors=True)
                seconds, used = timed(cmd, env)
                best[name] = min(seconds, best.get(name, seconds))
                cpu[name] = min(used, cpu.get(name, used))
                print(
                    f"round {r + 1}: {name} {seconds:.1f} s (CPU {used:.1f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    places, extract = best["places"], best.get("extract")
    print(
        f"{args.files:,} files, one document each; best of {args.repeat} rounds (wall and CPU "
        "seconds are each the smallest of the rounds; CPU counts worker processes too)"
    )
    print("| command | seconds | ms/doc | ratio to places | ratio to extract | CPU s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _, _ in runs:
        seconds = best[name]
        to_extract = f"{seconds / extract:.2f}" if extract else "-"
        print(
            f"| {name} | {seconds:.1f} | {1000 * seconds / args.files:.2f} "
            f"| {seconds / places:.2f} | {to_extract} | {cpu[name]:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
