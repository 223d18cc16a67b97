"""Cold-start benchmark of the geomap command line (issue 23).

Each command runs as a new process, as a user runs it, and is timed from start to exit:

* ``geomap --help``
* ``geomap geocode Raqqa``
* ``geomap places PARAGRAPH.txt`` (one news paragraph)
* ``geomap extract PARAGRAPH.txt --published 2019-10-14``
* the first-run gazetteer build: ``geomap gazetteer build`` in a fresh, empty ``GEOMAP_HOME``

next to ``python -c "import geopandas"`` in the same run (the rounds interleave the commands, so
a busy machine slows all of them alike). Each figure is the median of ``--runs`` (3) runs; the
ratio is the command's median over the geopandas import's. Wall time and CPU time (user + system
of the child process) are both reported. The commands other than the build use the index in
``$GEOMAP_HOME`` (built first if missing); the page cache is warmed by one run of each first.

Run from the repository root::

    python bench/bench_startup.py [--runs 3] [--build-runs 3] [--no-build]

Prints a table and writes ``bench/results/startup.json``. ``geomap`` is run as
``python -m geomap.cli`` with this interpreter, from a temporary folder, so the geomap measured is
the one ``import geomap`` finds there (the installed one, or ``PYTHONPATH``); its path is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "startup.json"
PARAGRAPH = (
    "Turkish forces shelled the town of Ras al-Ain in northeast Syria on Monday, killing three "
    "civilians, a war monitor said, while Kurdish-led fighters withdrew toward Tal Tamr and the "
    "city of Hasakah. Aid groups said thousands of families had fled south along the M4 highway."
)


#: Where the commands run: not the checkout, whose geomap/ ``python -m`` would import first.
CWD = tempfile.gettempdir()


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env, cwd=CWD)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(name: str, walls: list[float], cpus: list[float], base: float) -> dict[str, Any]:
    wall = statistics.median(walls)
    return {
        "command": name,
        "wall_s": round(wall, 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "ratio_to_import_geopandas": round(wall / base, 2),
        "all_wall_s": [round(t, 3) for t in walls],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    ap.add_argument("--build-runs", type=int, default=3, help="first-run builds (median)")
    ap.add_argument("--no-build", action="store_true", help="skip the first-run build")
    args = ap.parse_args()

    py = sys.executable
    geomap = [py, "-m", "geomap.cli"]
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        para = Path(tmp) / "paragraph.txt"
        para.write_text(PARAGRAPH + "\n", encoding="utf-8")
        commands = {
            'python -c "import geopandas"': [py, "-c", "import geopandas"],
            "geomap --help": [*geomap, "--help"],
            "geomap geocode Raqqa": [*geomap, "geocode", "Raqqa"],
            "geomap places (one paragraph)": [*geomap, "places", str(para)],
            "geomap extract (one paragraph)": [
                *geomap,
                "extract",
                str(para),
                "--published",
                "2019-10-14",
            ],
        }
        where = subprocess.run(
            [py, "-c", "import geomap; print(geomap.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=CWD,
        ).stdout.strip()
        print(f"measuring {where}")
        subprocess.run([*geomap, "gazetteer", "build"], capture_output=True, check=True, cwd=CWD)
        for cmd in commands.values():  # page cache warm for all, as for any second run
            timed(cmd)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                wall, cpu = timed(cmd)
                walls[name].append(wall)
                cpus[name].append(cpu)
        build_walls: list[float] = []
        build_cpus: list[float] = []
        import_walls: list[float] = []
        if not args.no_build:
            for i in range(args.build_runs):
                env = {**os.environ, "GEOMAP_HOME": str(Path(tmp) / f"home-{i}")}
                wall, cpu = timed([*geomap, "gazetteer", "build"], env)
                build_walls.append(wall)
                build_cpus.append(cpu)
                import_walls.append(timed(commands['python -c "import geopandas"'])[0])

    base = statistics.median(walls['python -c "import geopandas"'])
    rows = [summary(name, walls[name], cpus[name], base) for name in commands]
    if build_walls:
        build_base = statistics.median(import_walls)  # the imports run between the builds
        rows.append(
            summary("geomap gazetteer build (first run)", build_walls, build_cpus, build_base)
        )
    result = {
        "geomap": where,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "build_runs": 0 if args.no_build else args.build_runs,
        "results": rows,
    }
    width = max(len(r["command"]) for r in rows)
    print(f"{'command':<{width}}  {'wall s':>8}  {'cpu s':>8}  {'x geopandas':>11}")
    for r in rows:
        print(
            f"{r['command']:<{width}}  {r['wall_s']:>8.3f}  {r['cpu_s']:>8.3f}  "
            f"{r['ratio_to_import_geopandas']:>11.2f}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
