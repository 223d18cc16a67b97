"""Scoring geoparsing against gold corpora (the JSONL format of ``../shared/eval``).

Each record has ``id``, ``text`` and ``toponyms`` (``start``, ``end``, ``name``, ``lat``, ``lon``).
Reported, per corpus:

* recognition precision / recall / F1 with exact spans and with overlapping spans;
* resolution on correctly recognised toponyms (overlap) that have gold coordinates:
  accuracy within 161 km (A@161), median and mean error in km, and the AUC of the
  log-error curve (Gritta et al. 2018: area under log(1 + error) scaled by the largest
  possible error, lower is better);
* end-to-end A@161: gold toponyms with coordinates that were both found and placed within
  161 km, over all gold toponyms with coordinates;
* throughput in documents per second (geoparsing only, not reading the file).

Which predicted mentions count is a policy: by default every reported mention counts for
recognition (places, areas, demonyms and embedded toponyms), since the corpora annotate those;
``roles`` narrows it. Unresolved predictions count for recognition but not for resolution.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from geopy.distance import geodesic

from .errors import InputError
from .geoparsing import Geoparser
from .resolve import Focus
from .types import Resolution

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
                f"  end-to-end A@161 {self.end_to_end_a161:.3f} (over {self.gold_with_coords} gold "
                "toponyms with coordinates)",
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


def evaluate_corpus(
    path: Path | str,
    *,
    parser: Geoparser | None = None,
    roles: Iterable[str] = ALL_ROLES,
    focus: Focus | None = None,
    limit: int | None = None,
    on_problem: Any = None,
) -> Scores:
    """Score the geoparser on one gold corpus file."""
    path = Path(path)
    parser = parser or Geoparser()
    keep = set(roles)
    gold_n = pred_n = exact_tp = 0
    overlap_gold_hit = overlap_pred_hit = 0
    errors: list[float] = []
    gold_coords = e2e_hits = 0
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
        text = rec["text"]
        t0 = time.perf_counter()
        res = parser.parse(text, doc_id=str(rec.get("id", lineno)), focus=focus)
        elapsed += time.perf_counter() - t0
        preds = [r for r in res if r.mention.role in keep]
        gold = [t for t in rec.get("toponyms", [])]
        if rec.get("resolution_only"):
            gold_spans = {(t["start"], t["end"]) for t in gold}
            preds = [
                r
                for r in preds
                if any(_overlaps((r.mention.start, r.mention.end), g) for g in gold_spans)
            ]
        gold_n += len(gold)
        pred_n += len(preds)
        pred_spans = {(r.mention.start, r.mention.end): r for r in preds}
        exact_tp += sum(1 for t in gold if (t["start"], t["end"]) in pred_spans)
        overlap_pred_hit += sum(
            1
            for r in preds
            if any(
                _overlaps((r.mention.start, r.mention.end), (t["start"], t["end"])) for t in gold
            )
        )
        for t in gold:
            span = (t["start"], t["end"])
            match = _best_overlap(span, preds)
            if match is not None:
                overlap_gold_hit += 1
            if t.get("lat") is None or t.get("lon") is None:
                continue
            gold_coords += 1
            if match is None or match.place is None:
                continue
            err = geodesic((t["lat"], t["lon"]), (match.place.lat, match.place.lon)).km
            errors.append(err)
            if err <= A161_KM:
                e2e_hits += 1
    ep = exact_tp / pred_n if pred_n else 0.0
    er = exact_tp / gold_n if gold_n else 0.0
    op = overlap_pred_hit / pred_n if pred_n else 0.0
    orr = overlap_gold_hit / gold_n if gold_n else 0.0
    return Scores(
        corpus=path.stem,
        docs=docs,
        gold=gold_n,
        predicted=pred_n,
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
        gold_with_coords=gold_coords,
        end_to_end_a161=e2e_hits / gold_coords if gold_coords else 0.0,
        docs_per_s=docs / elapsed if elapsed else 0.0,
        skipped_records=skipped,
    )


def _best_overlap(span: tuple[int, int], preds: list[Resolution]) -> Resolution | None:
    best = None
    best_len = 0
    for r in preds:
        a, b = r.mention.start, r.mention.end
        inter = min(b, span[1]) - max(a, span[0])
        if inter > best_len:
            best, best_len = r, inter
    return best


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
