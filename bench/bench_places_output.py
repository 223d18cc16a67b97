"""End-to-end quality of what ``geomap places`` writes, scored from the written GeoJSON.

Usage::

    python bench/bench_places_output.py [--eval-dir ../shared/eval] [--corpora lgl,geovirus,...]

For each corpus this runs the ``geomap places`` command itself (in-process, the same click
command a user runs) on the corpus file, reads the GeoJSON it wrote back from disk and scores it
against the gold toponyms, without using geomap's own scorer, so that it checks what a GIS user
gets rather than what the resolver chose:

* **end-to-end A@161**: a gold toponym with coordinates counts when an output feature overlapping
  its span has a geometry within 161 km of the gold point, over all gold toponyms with
  coordinates;
* the same over the features that say they are literal locations (``literal`` true; files
  written before that property existed count every located feature as literal);
* **located false positives**: features with a geometry that overlap no gold toponym (also
  counted among the literal features alone, what maps and events use);
* **overlap recognition** P/R/F1 over every written feature (located or not).

Results go to ``bench/results/places_output.json``. The corpora are read where they are; nothing
is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from geopy.distance import geodesic

from geomap.cli import main as geomap_main

HERE = Path(__file__).resolve().parent
TUNING = ["lgl", "geovirus", "tudloc2013"]
HELD_OUT = ["geowebnews", "trnews"]
A161_KM = 161.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _point(feature: dict[str, Any]) -> tuple[float, float] | None:
    geom = feature.get("geometry")
    if not geom or geom.get("type") != "Point":
        return None
    lon, lat = geom["coordinates"][:2]
    return float(lon), float(lat)


def _is_literal(feature: dict[str, Any]) -> bool:
    props = feature.get("properties") or {}
    if "literal" in props:
        return bool(props["literal"])
    return _point(feature) is not None


def score(gold_path: Path, geojson_path: Path) -> dict[str, Any]:
    """Scores of a written place FeatureCollection against one gold corpus file."""
    features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in features:
        by_doc[str(f["properties"]["doc"])].append(f)
    gold_n = gold_coords = gold_found = 0
    hits = literal_hits = 0
    pred_n = pred_hit = located = located_fp = literal_fp = 0
    for line in gold_path.open(encoding="utf-8"):
        if not line.strip():
            continue
        rec = json.loads(line)
        gold = rec.get("toponyms", [])
        spans = [(t["start"], t["end"]) for t in gold]
        feats = by_doc.get(str(rec["id"]), [])
        if rec.get("resolution_only"):
            feats = [f for f in feats if any(_overlaps(_span(f), s) for s in spans)]
        for f in feats:
            pred_n += 1
            on_gold = any(_overlaps(_span(f), s) for s in spans)
            pred_hit += on_gold
            if _point(f) is not None:
                located += 1
                located_fp += not on_gold
                literal_fp += not on_gold and _is_literal(f)
        for t, span in zip(gold, spans, strict=True):
            gold_n += 1
            over = [f for f in feats if _overlaps(_span(f), span)]
            gold_found += bool(over)
            if t.get("lat") is None or t.get("lon") is None:
                continue
            gold_coords += 1
            near = [f for f in over if _within(f, t)]
            hits += bool(near)
            literal_hits += any(_is_literal(f) for f in near)
    p = pred_hit / pred_n if pred_n else 0.0
    r = gold_found / gold_n if gold_n else 0.0
    return {
        "gold": gold_n,
        "gold_with_coords": gold_coords,
        "features": pred_n,
        "located": located,
        "end_to_end_a161": hits / gold_coords if gold_coords else 0.0,
        "end_to_end_a161_literal": literal_hits / gold_coords if gold_coords else 0.0,
        "located_false_positives": located_fp,
        "located_false_positives_literal": literal_fp,
        "overlap_precision": p,
        "overlap_recall": r,
        "overlap_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def _span(feature: dict[str, Any]) -> tuple[int, int]:
    props = feature["properties"]
    return int(props["start"]), int(props["end"])


def _within(feature: dict[str, Any], toponym: dict[str, Any]) -> bool:
    pt = _point(feature)
    if pt is None:
        return False
    return geodesic((toponym["lat"], toponym["lon"]), (pt[1], pt[0])).km <= A161_KM


def run_places(corpus: Path, out: Path, extra: list[str]) -> float:
    """Run ``geomap places CORPUS -o OUT``; return the seconds it took."""
    t0 = time.perf_counter()
    geomap_main(["places", str(corpus), "-o", str(out), *extra], standalone_mode=False)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--corpora", default=",".join(TUNING))
    ap.add_argument("--keep", type=Path, help="Also keep the written GeoJSON files here.")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        outdir = args.keep or Path(tmp)
        outdir.mkdir(parents=True, exist_ok=True)
        for name in args.corpora.split(","):
            corpus = args.eval_dir / f"{name}.jsonl"
            out = outdir / f"{name}.places.geojson"
            seconds = run_places(corpus, out, [])
            s = score(corpus, out)
            role = "held-out" if name in HELD_OUT else "tuning" if name in TUNING else "report"
            print(
                f"[{role}] {name}: end-to-end A@161 {s['end_to_end_a161']:.4f} "
                f"(literal only {s['end_to_end_a161_literal']:.4f}) over "
                f"{s['gold_with_coords']} gold toponyms with coordinates; "
                f"{s['features']} features, {s['located']} located, "
                f"{s['located_false_positives']} located false positives "
                f"({s['located_false_positives_literal']} literal); overlap "
                f"P {s['overlap_precision']:.4f} R {s['overlap_recall']:.4f} "
                f"F1 {s['overlap_f1']:.4f}; {seconds:.1f} s",
                flush=True,
            )
            results.append({"corpus": name, "role": role, **s})
    res_dir = HERE / "results"
    res_dir.mkdir(exist_ok=True)
    (res_dir / "places_output.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
