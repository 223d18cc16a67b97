"""Peak memory of ``geomap places``, ``extract`` and ``map`` over many small generated documents.

    python bench/bench_memory.py [--docs 20000] [--commands places,extract,map]

The documents are written by this script (a few sentences about towns of northeast Syria, each
with its own date and number), as JSON Lines in a temporary folder. Each command runs in its own
process with output to a file; its peak resident memory is read from ``getrusage`` of the
children. Issue 25's target: ``places`` and ``map`` well under 500 MB for 20,000 documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOWNS = ["Tal Abyad", "Ras al-Ain", "Kobani", "Qamishli", "Hasakah", "Manbij", "Ain Issa"]
TEMPLATES = [
    "Turkish artillery shelled {a} on Monday, killing {n} civilians, a monitor said.",
    "Kurdish-led fighters clashed with Turkish-backed rebels near {a} and {b} on Tuesday.",
    "Hundreds of residents protested in {a} against the offensive on Wednesday.",
    "Families fled {a} toward {b} as the fighting drew closer, aid workers said.",
]


def write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = TOWNS[i % len(TOWNS)], TOWNS[(i * 3 + 1) % len(TOWNS)]
            text = " ".join(t.format(a=a, b=b, n=i % 9 + 1) for t in TEMPLATES[: 2 + i % 3])
            rec = {"id": f"d{i}", "text": text, "published": "2019-10-17"}
            fh.write(json.dumps(rec) + "\n")


def peak_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command run as a child process."""
    if cmd[1] == __file__:  # through a child of its own, which reports its only child's figures
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
        return float(out[0]), float(out[1])
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    return seconds, kb / 1024


def child(cmd: list[str]) -> int:
    """Run ``cmd`` and print its seconds and peak RSS (the only child of this process)."""
    seconds, mb = peak_mb(cmd)
    print(f"{seconds} {mb}")
    return 0


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        return child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--commands", default="places,extract,map")
    args = parser.parse_args(argv)
    geomap = [sys.executable, "-m", "geomap.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.docs)
        # getrusage reports the largest child so far: each command runs in a child of its
        # own (a fresh interpreter running this script with --child) so that figures are not
        # the maximum of the runs before
        for name in args.commands.split(","):
            out = Path(tmp) / f"{name}.{'html' if name == 'map' else 'geojson'}"
            cmd = [*geomap, name, str(corpus), "-o", str(out), "-q"]
            seconds, mb = peak_mb([sys.executable, __file__, "--child", *cmd])
            print(f"{name:8} {args.docs:,} documents: {seconds:6.1f} s, peak RSS {mb:6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
