"""Benchmark of the offline geocoder.

(a) Cold start: wall time of a new ``geomap geocode "Tal Abyad"`` process once the index exists
    (median of 5), next to ``python -c "import geopandas"`` (median of 5) on the same machine in
    the same run, and their ratio.
(b) Warm lookups: 10,000 names drawn from the default index itself (fixed seed), as stored, as
    spelling variants and as misspellings, searched through one warm ``Gazetteer``; lookups per
    second, latency percentiles and how often the intended place is ranked first / in the top 5.

Run from the repository root::

    python bench/bench_geocode.py [--runs 5] [--names 10000] [--seed 20191009]

Prints a table and writes ``bench/results/geocode.json``. Set ``GEOMAP_HOME`` to reuse an index.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "geocode.json"

# Spelling variants a news text might use for a stored name.
_SWAPS = [
    ("Tall ", "Tell "),
    ("Tal ", "Tall "),
    ("Deir ", "Dayr "),
    ("Dayr ", "Deir "),
    ("Ayn ", "Ain "),
    ("‘", "'"),
    ("’", "'"),
    ("Al ", "al-"),
    ("Ash ", "ash-"),
    ("Ar ", "ar-"),
    ("As ", "as-"),
    ("Ad ", "ad-"),
    ("An ", "an-"),
    ("At ", "at-"),
    ("Az ", "az-"),
]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variant(name: str, rng: random.Random) -> str:
    """A transliteration-style variant: article/spelling swaps, accents, case, hyphens."""
    out = name
    for old, new in _SWAPS:
        if old in out and rng.random() < 0.7:
            out = out.replace(old, new, 1)
    ops: list[Callable[[str], str]] = [
        strip_accents,
        str.lower,
        str.upper,
        lambda s: s.replace(" ", "-"),
        lambda s: "al-" + s,
    ]
    for op in rng.sample(ops, k=2):
        candidate = op(out)
        if candidate.strip("-' "):
            out = candidate
    return out


def misspell(name: str, rng: random.Random) -> str:
    """One typing error: two letters swapped, one dropped, one doubled or one replaced."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 5:
        return name
    i = rng.choice(letters[1:-1])
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap" and i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice("aeiouy") + name[i + 1 :]


def sample_names(db: Any, n: int, seed: int) -> list[tuple[str, str, str]]:
    """(category, query, intended place_id) triples drawn from the index with a fixed seed."""
    rng = random.Random(seed)
    (max_pid,) = db.execute("SELECT MAX(pid) FROM places").fetchone()
    pids = rng.sample(range(1, max_pid + 1), k=min(max_pid, n * 2))
    rows: dict[int, tuple[str, str]] = {}
    for i in range(0, len(pids), 500):
        chunk = pids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        # every Latin-script name of a place (primary or alternate) can be drawn
        for pid, place_id, name in db.execute(
            f"SELECT p.pid, p.place_id, n.name FROM places p JOIN names n ON n.pid = p.pid "
            f"WHERE p.pid IN ({marks}) ORDER BY p.pid, n.rowid",
            chunk,
        ):
            if name.isascii() or any("LATIN" in unicodedata.name(c, "") for c in name):
                rows.setdefault(pid, (place_id, name))
    picked = [rows[p] for p in pids if p in rows][:n]
    out: list[tuple[str, str, str]] = []
    for i, (place_id, name) in enumerate(picked):
        roll = i % 10
        if roll < 6:
            out.append(("as stored", name, place_id))
        elif roll < 8:
            out.append(("variant", variant(name, rng), place_id))
        else:
            out.append(("misspelled", misspell(name, rng), place_id))
    rng.shuffle(out)
    return out


def median_run(cmd: list[str], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    return statistics.median(times), times


def cold_start(runs: int) -> dict[str, Any]:
    script = shutil.which("geomap") or str(Path(sys.executable).with_name("geomap"))
    geocode_cmd = [script, "geocode", "Tal Abyad"]
    import_cmd = [sys.executable, "-c", "import geopandas"]
    # the same lookup without the CLI module: shows what the command line itself adds
    library_cmd = [
        sys.executable,
        "-c",
        "from geomap.gazetteer import default_gazetteer; "
        "print(default_gazetteer().search('Tal Abyad')[0].place.place_id)",
    ]
    for cmd in (geocode_cmd, import_cmd, library_cmd):
        median_run(cmd, 1)  # page cache warm for all, as for any second run
    geo_median, geo_times = median_run(geocode_cmd, runs)
    gpd_median, gpd_times = median_run(import_cmd, runs)
    lib_median, _ = median_run(library_cmd, runs)
    return {
        "library_lookup_process_s": round(lib_median, 4),
        "runs": runs,
        "geomap_geocode_s": round(geo_median, 4),
        "geomap_geocode_all_s": [round(t, 4) for t in geo_times],
        "import_geopandas_s": round(gpd_median, 4),
        "import_geopandas_all_s": [round(t, 4) for t in gpd_times],
        "ratio_geocode_to_geopandas_import": round(geo_median / gpd_median, 3),
    }


def warm_lookups(n: int, seed: int) -> dict[str, Any]:
    from geomap.errors import InputError
    from geomap.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    db = gaz.stores[0]._db
    names = sample_names(db, n, seed)
    for _, query, _ in sample_names(db, 300, seed + 1):  # warm-up: page cache, lazy tables
        with contextlib.suppress(InputError):
            gaz.search(query)

    per_cat: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for cat, query, place_id in names:
        t0 = time.perf_counter()
        try:
            cands = gaz.search(query, limit=5)
        except InputError:
            cands = []
        dt = time.perf_counter() - t0
        stats = per_cat.setdefault(cat, {"n": 0, "lat": [], "top1": 0, "top5": 0, "none": 0})
        stats["n"] += 1
        stats["lat"].append(dt)
        ids = [c.place.place_id for c in cands]
        stats["top1"] += bool(ids) and ids[0] == place_id
        stats["top5"] += place_id in ids
        stats["none"] += not ids
    total = time.perf_counter() - started

    def summary(lat: list[float], count: int, top1: int, top5: int, none: int) -> dict[str, Any]:
        q = statistics.quantiles(lat, n=100)
        return {
            "n": count,
            "lookups_per_s": round(count / sum(lat), 1),
            "p50_ms": round(q[49] * 1000, 3),
            "p95_ms": round(q[94] * 1000, 3),
            "p99_ms": round(q[98] * 1000, 3),
            "max_ms": round(max(lat) * 1000, 3),
            "top1": round(top1 / count, 4),
            "top5": round(top5 / count, 4),
            "no_result": round(none / count, 4),
        }

    out = {
        cat: summary(s["lat"], s["n"], s["top1"], s["top5"], s["none"])
        for cat, s in sorted(per_cat.items())
    }
    all_lat = [x for s in per_cat.values() for x in s["lat"]]
    out["all"] = summary(
        all_lat,
        len(all_lat),
        sum(s["top1"] for s in per_cat.values()),
        sum(s["top5"] for s in per_cat.values()),
        sum(s["none"] for s in per_cat.values()),
    )
    out["all"]["wall_s"] = round(total, 2)
    out["all"]["lookups_per_s_wall"] = round(len(all_lat) / total, 1)
    out["examples"] = [list(t) for t in names[:12]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20191009)
    args = parser.parse_args()

    from geomap.gazetteer import ensure_default_index

    t0 = time.perf_counter()
    index = ensure_default_index()
    index_s = time.perf_counter() - t0

    cold = cold_start(args.runs)
    warm = warm_lookups(args.names, args.seed)

    print(f"index: {index} ({index.stat().st_size / 1e6:.1f} MB, ready in {index_s:.1f} s)")
    print()
    print(f"cold start, median of {cold['runs']} runs")
    print(f'  geomap geocode "Tal Abyad"   {cold["geomap_geocode_s"] * 1000:8.1f} ms')
    print(f"  python -c 'import geopandas' {cold['import_geopandas_s'] * 1000:8.1f} ms")
    print(f"  ratio                        {cold['ratio_geocode_to_geopandas_import']:8.3f}")
    print(
        f"  (same lookup via python -c, no CLI module: "
        f"{cold['library_lookup_process_s'] * 1000:.1f} ms)"
    )
    print()
    print(f"warm lookups ({args.names:,} names, seed {args.seed})")
    header = f"  {'names':<11}{'n':>6}{'lookups/s':>11}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    print(header + f"{'top-1':>8}{'top-5':>8}{'none':>7}")
    for cat in ("as stored", "variant", "misspelled", "all"):
        s = warm.get(cat)
        if not s:
            continue
        print(
            f"  {cat:<11}{s['n']:>6}{s['lookups_per_s']:>11,.0f}{s['p50_ms']:>9.2f}"
            f"{s['p95_ms']:>9.2f}{s['p99_ms']:>9.2f}{s['top1']:>8.1%}{s['top5']:>8.1%}"
            f"{s['no_result']:>7.1%}"
        )
    print(f"  wall time {warm['all']['wall_s']} s, {warm['all']['lookups_per_s_wall']:,.0f}/s")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "index": {"path": str(index), "size_mb": round(index.stat().st_size / 1e6, 1)},
        "cold_start": cold,
        "warm_lookups": warm,
        "seed": args.seed,
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main()
