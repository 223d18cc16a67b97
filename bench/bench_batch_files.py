"""``geomap batch`` over many small files, per document, beside ``places`` and ``extract``.

    python bench/bench_batch_files.py [--files 10000] [--workers 1,2]

Issue 25 (item 11): ``batch`` over 10,000 small files must be at least as fast per document as
``places`` on the same files. The files are written by this script into a temporary folder (one
short report per ``.txt`` file, a few sentences about towns of northeast Syria, from
``bench_memory.py``). Each command runs in a fresh process (start-up included, as a user sees
it), in the same run, and the table gives milliseconds per document and each command's ratio to
``places``. ``batch`` does more per document than ``places`` (it also extracts events and writes
three layers), so ``extract`` is the peer that does the same work in one process; a ratio of
``batch`` to ``places`` at or under 1.0 is the issue's target.
"""

from __future__ import annotations

import argparse
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


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--workers", default="1,2", help="Batch worker counts to run.")
    args = parser.parse_args(argv)

    from geomap.gazetteer import ensure_default_index

    ensure_default_index()  # built once, outside the timings
    geomap = [sys.executable, "-m", "geomap.cli"]
    with tempfile.TemporaryDirectory(prefix="geomap-bench-files-") as tmp:
        folder = Path(tmp) / "news"
        write_files(folder, args.files)
        runs: list[tuple[str, list[str]]] = [
            ("places", [*geomap, "places", str(folder), "-o", f"{tmp}/p.geojson", "-q"]),
            ("extract", [*geomap, "extract", str(folder), "-o", f"{tmp}/e.geojson", "-q"]),
        ]
        for w in args.workers.split(","):
            out = f"{tmp}/batch-{w}"
            runs.append(
                (f"batch -j {w}", [*geomap, "batch", str(folder), "-o", out, "-j", w, "-q"])
            )
        results = [(name, timed(cmd)) for name, cmd in runs]
    base = results[0][1]
    print(f"{args.files:,} files, one document each")
    print("| command | seconds | ms/doc | ratio to places |\n|---|---:|---:|---:|")
    for name, seconds in results:
        print(
            f"| {name} | {seconds:.1f} | {1000 * seconds / args.files:.2f} | {seconds / base:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
