"""Scoring geoparsing against gold corpora (JSON Lines, described in ``docs/evaluation.md``).

Each record has ``id``, ``text`` and ``toponyms`` (``start``, ``end``, ``name``, ``lat``, ``lon``).
Reported, per corpus:

* recognition precision / recall / F1 with exact spans and with overlapping spans;
* resolution on correctly recognised toponyms (overlap) that have gold coordinates:
  accuracy within 161 km (A@161), median and mean error in km, and the AUC of the
  log-error curve (Gritta et al. 2018: area under log(1 + error) scaled by the largest
  possible error, lower is better);
* end-to-end A@161: gold toponyms with coordinates that a written Feature overlapping them
  places within 161 km, over all gold toponyms with coordinates; also counting only the
  Features of literal mentions (``literal`` true: what maps and events use);
* located Features, and how many of them overlap no gold toponym (located false positives);
* throughput in documents per second (geoparsing only, not reading the file).

Everything is scored from the place Features that ``geomap places`` writes (one code path:
:func:`geomap.geoparsing.place_features`), so the figures are those of the output, not of the
resolver's choices. Which predicted mentions count is a policy: by default every reported
mention counts for recognition (places, areas, demonyms, embedded toponyms and modifiers), since
the corpora annotate those; ``roles`` narrows it. Unresolved predictions (no geometry) count for
recognition but not for resolution.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from geopy.distance import geodesic

from .errors import InputError
from .geoparsing import Geoparser, place_features
from .resolve import Focus

A161_KM = 161.0
MAX_ERROR_KM = 20039.0
ALL_ROLES = ("place", "area", "demonym", "embedded", "modifier")


@dataclass
class Scores:
    """Evaluation results of one corpus."""

    corpus: str
    docs: int
    gold: int
    predicted: int
    exact_precision: float
    exact_recall: float
    exact_f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float
    resolved_scored: int
    a161: float
    median_km: float
    mean_km: float
    auc: float
    gold_with_coords: int
    end_to_end_a161: float
    end_to_end_a161_literal: float
    located: int
    located_false_positives: int
    docs_per_s: float
    skipped_records: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Rounded values for JSON output."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}

    def table(self) -> str:
        """A readable block for the terminal."""
        return "\n".join(
            [
                f"corpus {self.corpus}: {self.docs} docs, {self.gold} gold toponyms, "
                f"{self.predicted} predicted",
                f"  recognition exact   P {self.exact_precision:.3f}  R {self.exact_recall:.3f}  "
                f"F1 {self.exact_f1:.3f}",
                f"  recognition overlap P {self.overlap_precision:.3f}  "
                f"R {self.overlap_recall:.3f}  "
                f"F1 {self.overlap_f1:.3f}",
                f"  resolution ({self.resolved_scored} scored)  A@161 {self.a161:.3f}  median "
                f"{self.median_km:.1f} km  mean {self.mean_km:.1f} km  AUC {self.auc:.3f}",
                f"  end-to-end A@161 {self.end_to_end_a161:.3f}, literal mentions alone "
                f"{self.end_to_end_a161_literal:.3f} (over {self.gold_with_coords} gold "
                "toponyms with coordinates)",
                f"  located {self.located}, of which {self.located_false_positives} overlap no "
                "gold toponym",
                f"  speed {self.docs_per_s:.1f} docs/s",
            ]
        )


def read_corpus(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """Records of a gold JSONL file as (line, record or None, problem)."""
    if not path.exists():
        raise InputError(f"{path}: no such corpus file")
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield lineno, None, f"not a JSON object ({exc})"
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                yield lineno, None, "record has no 'text' field"
                continue
            yield lineno, rec, ""


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _Tally:
    """Running counts of one corpus, from the place Features of its documents."""

    gold: int = 0
    predicted: int = 0
    exact_tp: int = 0
    overlap_gold_hit: int = 0
    overlap_pred_hit: int = 0
    gold_coords: int = 0
    e2e_hits: int = 0
    e2e_literal_hits: int = 0
    located: int = 0
    located_false_positives: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, gold: list[dict[str, Any]], features: list[dict[str, Any]]) -> None:
        """Score one document's written Features against its gold toponyms."""
        spans = [(int(t["start"]), int(t["end"])) for t in gold]
        self.gold += len(gold)
        self.predicted += len(features)
        feat_spans = [_span(f) for f in features]
        exact = set(feat_spans)
        self.exact_tp += sum(1 for s in spans if s in exact)
        for f, fs in zip(features, feat_spans, strict=True):
            on_gold = any(_overlaps(fs, s) for s in spans)
            self.overlap_pred_hit += on_gold
            if f["geometry"] is not None:
                self.located += 1
                self.located_false_positives += not on_gold
        for t, span in zip(gold, spans, strict=True):
            over = [(f, _overlap_len(fs, span)) for f, fs in zip(features, feat_spans, strict=True)]
            over = [(f, n) for f, n in over if n > 0]
            if over:
                self.overlap_gold_hit += 1
            if t.get("lat") is None or t.get("lon") is None:
                continue
            self.gold_coords += 1
            best = max(over, key=lambda fn: fn[1])[0] if over else None
            if best is not None and best["geometry"] is not None:
                self.errors.append(_km(t, best))
            near = [f for f, _ in over if f["geometry"] is not None and _km(t, f) <= A161_KM]
            self.e2e_hits += bool(near)
            self.e2e_literal_hits += any(f["properties"]["literal"] for f in near)


def evaluate_corpus(
    path: Path | str,
    *,
    parser: Geoparser | None = None,
    roles: Iterable[str] = ALL_ROLES,
    focus: Focus | None = None,
    limit: int | None = None,
    on_problem: Any = None,
) -> Scores:
    """Score the geoparser on one gold corpus file.

    What is scored is the place Features ``geomap places`` writes
    (:func:`~geomap.geoparsing.place_features`), so the figures are those of the output: a gold
    toponym counts end to end when a written Feature overlapping its span has a point within
    161 km of the gold point.
    """
    path = Path(path)
    parser = parser or Geoparser()
    keep = set(roles)
    tally = _Tally()
    docs = skipped = 0
    elapsed = 0.0
    for lineno, rec, problem in read_corpus(path):
        if rec is None:
            skipped += 1
            if on_problem:
                on_problem(f"{path}:{lineno}: {problem}")
            continue
        if limit is not None and docs >= limit:
            break
        docs += 1
        t0 = time.perf_counter()
        res = parser.parse(rec["text"], doc_id=str(rec.get("id", lineno)), focus=focus)
        elapsed += time.perf_counter() - t0
        feats = [f for f in place_features(res) if f["properties"]["role"] in keep]
        gold = list(rec.get("toponyms", []))
        if rec.get("resolution_only"):
            gold_spans = [(t["start"], t["end"]) for t in gold]
            feats = [f for f in feats if any(_overlaps(_span(f), g) for g in gold_spans)]
        tally.add(gold, feats)
    t = tally
    ep = t.exact_tp / t.predicted if t.predicted else 0.0
    er = t.exact_tp / t.gold if t.gold else 0.0
    op = t.overlap_pred_hit / t.predicted if t.predicted else 0.0
    orr = t.overlap_gold_hit / t.gold if t.gold else 0.0
    errors = t.errors
    return Scores(
        corpus=path.stem,
        docs=docs,
        gold=t.gold,
        predicted=t.predicted,
        exact_precision=ep,
        exact_recall=er,
        exact_f1=_f1(ep, er),
        overlap_precision=op,
        overlap_recall=orr,
        overlap_f1=_f1(op, orr),
        resolved_scored=len(errors),
        a161=sum(e <= A161_KM for e in errors) / len(errors) if errors else 0.0,
        median_km=statistics.median(errors) if errors else 0.0,
        mean_km=statistics.fmean(errors) if errors else 0.0,
        auc=auc_log_error(errors),
        gold_with_coords=t.gold_coords,
        end_to_end_a161=t.e2e_hits / t.gold_coords if t.gold_coords else 0.0,
        end_to_end_a161_literal=(t.e2e_literal_hits / t.gold_coords if t.gold_coords else 0.0),
        located=t.located,
        located_false_positives=t.located_false_positives,
        docs_per_s=docs / elapsed if elapsed else 0.0,
        skipped_records=skipped,
    )


#: The figures ``geomap evaluate --without`` compares, with their labels.
COMPARED = (
    ("overlap_precision", "recognition overlap P"),
    ("overlap_recall", "recognition overlap R"),
    ("overlap_f1", "recognition overlap F1"),
    ("exact_f1", "recognition exact F1"),
    ("a161", "resolution A@161"),
    ("end_to_end_a161", "end-to-end A@161"),
    ("end_to_end_a161_literal", "end-to-end A@161, literal"),
    ("predicted", "predicted mentions"),
    ("located_false_positives", "located false positives"),
)


def contribution(with_all: Scores, without: Scores, rules: Iterable[str]) -> dict[str, Any]:
    """One corpus scored with every rule and without ``rules``: both sets of figures and, for
    the compared ones, what the rules add (with minus without)."""
    a, b = with_all.as_dict(), without.as_dict()
    return {
        "corpus": with_all.corpus,
        "without": sorted(rules),
        "with_all_rules": a,
        "without_rules": b,
        "contribution": {k: round(a[k] - b[k], 4) for k, _ in COMPARED},
    }


def contribution_table(result: dict[str, Any]) -> str:
    """:func:`contribution` as a readable block: each figure with, without and the difference."""
    a, b = result["with_all_rules"], result["without_rules"]
    rules = ", ".join(result["without"])
    lines = [
        f"corpus {result['corpus']}: {a['docs']} docs; contribution of {rules}",
        f"  {'':28}{'with':>9}{'without':>9}{'rule adds':>11}",
    ]
    for key, label in COMPARED:
        if isinstance(a[key], int):
            lines.append(f"  {label:28}{a[key]:>9}{b[key]:>9}{a[key] - b[key]:>+11}")
        else:
            lines.append(f"  {label:28}{a[key]:>9.4f}{b[key]:>9.4f}{a[key] - b[key]:>+11.4f}")
    return "\n".join(lines)


def _span(feature: dict[str, Any]) -> tuple[int, int]:
    props = feature["properties"]
    return int(props["start"]), int(props["end"])


def _overlap_len(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _km(toponym: dict[str, Any], feature: dict[str, Any]) -> float:
    lon, lat = feature["geometry"]["coordinates"][:2]
    return float(geodesic((toponym["lat"], toponym["lon"]), (lat, lon)).km)


def auc_log_error(errors: list[float]) -> float:
    """Area under the curve of sorted log(1 + error) scaled by log(1 + max error); 0 is best.

    >>> auc_log_error([0.0, 0.0])
    0.0
    >>> round(auc_log_error([20039.0]), 3)
    1.0
    """
    if not errors:
        return 0.0
    scaled = [math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in sorted(errors)]
    return sum(scaled) / len(scaled)
