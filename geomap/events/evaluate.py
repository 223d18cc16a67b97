"""Scoring extracted events against analyst-coded gold (ACLED), as ``geomap evaluate-events``.

Gold comes either as JSON Lines in the format of geomap's event development set (one object a
document: ``id``, ``text``, ``published``, ``gold`` with the coded fields, ``alt_points`` for a
note coded as several events) or as an ACLED export CSV as ACLED distributes it (``event_date``,
``notes``, ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, ``latitude``,
``longitude``, ``geo_precision``, ``time_precision``, ``fatalities``, ...). The text given to the
extractor is the note; its publication date is the coded event date, as for the development set.

Each document is extracted on its own through :func:`geomap.events.extract_events`, and what is
scored is the GeoJSON Feature of each event, the object a user gets. The *first* event is the one
whose sentence starts earliest (ties: the order geomap reports them in). Measures, as shares of
all documents unless said otherwise:

* ``with_event``: documents with at least one event;
* ``a25`` / ``a161``: the first event's point within 25 / 161 km (haversine) of the coded point
  or of one of the note's other coded points;
* ``event_type``, ``sub_event_type``: the first event's type equals the coded one (sub-type over
  the documents whose gold has one; type also over documents whose type was not mapped from
  ACLED's old scheme, ``event_type_current``);
* ``actor1``: the coded ``actor1`` matches the first event's ``actor1`` (its ACLED-style name or
  the short one); ``actor1_any``: it matches any actor of the first event; ``actor1_assoc``: as
  ``actor1``, also counting the coded associated actors; ``actor2`` likewise. Names match when,
  in lower case and without ACLED's parenthesised qualifiers ("(2016-)", "(Syria)"), the
  extracted name equals the coded one, is contained in it as whole words, or equals either side
  of an ``ACRONYM: Long name`` pair;
* ``fatalities``: the first event's ``fatalities`` equals the coded figure;
* ``date_day`` / ``date_month``: the first event's date equals the coded day / falls in its
  month (``date_day_precise``: over documents coded to the day); ``date_day_text``: only dates
  read to the day from the text count (the coded date is given as the publication date, so the
  publication-week fallback of an undated note would otherwise hit it);
* ``spurious_per_doc``: events beyond the number of coded events, per document.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Document

__all__ = [
    "ACLED_CSV_REQUIRED",
    "EventScores",
    "GoldEvent",
    "actor_matches",
    "evaluate_events",
    "read_gold",
    "score_document",
]

#: Columns an ACLED export CSV must have to be scored.
ACLED_CSV_REQUIRED = ("event_date", "notes", "event_type", "latitude", "longitude")
_QUALIFIER_RE = re.compile(r"\s*\([^)]*\)")
_SPACE_RE = re.compile(r"\s+")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One coded note: the document to extract from and what the analyst coded for it."""

    doc: Document
    event_type: str
    sub_event_type: str = ""
    event_type_mapped: bool = False
    actor1: str = ""
    actor2: str = ""
    assoc_actor_1: str = ""
    assoc_actor_2: str = ""
    date: str = ""
    time_precision: int = 1
    points: tuple[tuple[float, float], ...] = ()  # (lon, lat), the main point first
    geo_precision: int | None = None
    fatalities: int | None = None
    group: str = ""  # the source or country the document is reported under
    location: str = ""


def _norm_actor(name: str) -> str:
    name = _QUALIFIER_RE.sub(" ", name.lower())
    return _SPACE_RE.sub(" ", name).strip(" .")


def actor_matches(extracted: str | None, gold: str) -> bool:
    """Whether an extracted actor name matches a coded ACLED actor name.

    >>> actor_matches("QSD", "QSD: Syrian Democratic Forces")
    True
    >>> actor_matches("Military Forces of Turkey", "Military Forces of Turkey (2016-)")
    True
    >>> actor_matches("Protesters (Yemen)", "Protesters (Yemen)")
    True
    >>> actor_matches("IS", "Military Forces of Yemen (2016-) Supreme Political Council")
    False
    """
    if not extracted or not gold:
        return False
    ext = _norm_actor(extracted)
    if not ext:
        return False
    for one in gold.split(";"):
        g = _norm_actor(one)
        if not g:
            continue
        forms = {g}
        if ":" in g:
            short, _, long = g.partition(":")
            forms |= {short.strip(), long.strip()}
        if ext in forms or re.search(rf"(?<!\w){re.escape(ext)}(?!\w)", g):
            return True
    return False


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --- reading gold ---------------------------------------------------------------------------


def read_gold(
    path: str | Path,
    *,
    limit: int | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> list[GoldEvent]:
    """Coded notes from a development-set JSONL file or an ACLED export CSV.

    A record that cannot be scored (malformed JSON, no text, no coded point, no date) is
    skipped and reported to ``on_skip`` as ``FILE:LINE: reason``. Raises
    :class:`~geomap.errors.InputError` with a one-line reason for a missing or unreadable file,
    an ACLED CSV without the columns it needs (named), or a file with no usable record.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"gold file not found: {p}")
    suffix = p.suffix.lower()
    reader = _read_acled_csv if suffix in {".csv", ".tsv"} else _read_jsonl
    out: list[GoldEvent] = []
    skip = on_skip or (lambda message: None)
    try:
        items = list(reader(p, skip))
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text ({exc.reason})") from exc
    for item in items:
        out.append(item)
        if limit is not None and len(out) >= limit:
            break
    if not out:
        raise InputError(f"{p}: no coded event to score")
    return out


def _as_date(value: object) -> dt.date | None:
    if not value:
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text, dayfirst=True).date()
    except (ValueError, OverflowError):
        return None


def _as_int(value: object) -> int | None:
    try:
        return int(float(str(value)))
    except (TypeError, ValueError):
        return None


def _read_jsonl(path: Path, skip: Callable[[str], None]) -> Iterator[GoldEvent]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                skip(f"{path}:{lineno}: not a JSON object ({type(exc).__name__})")
                continue
            gold = rec.get("gold") if isinstance(rec, dict) else None
            if not isinstance(gold, dict) or not isinstance(rec.get("text"), str):
                skip(f"{path}:{lineno}: a record needs 'text' and a 'gold' object")
                continue
            if not rec["text"].strip():
                skip(f"{path}:{lineno}: empty text")
                continue
            try:
                points = [(float(gold["lon"]), float(gold["lat"]))]
                for alt in gold.get("alt_points") or ():
                    points.append((float(alt["lon"]), float(alt["lat"])))
            except (KeyError, TypeError, ValueError):
                skip(f"{path}:{lineno}: no coded point (lon/lat)")
                continue
            source = str(rec.get("source", ""))
            group = source.split()[0].removeprefix("github:") if source else gold.get("country", "")
            yield GoldEvent(
                doc=Document(
                    id=str(rec.get("id") or f"line{lineno}"),
                    text=rec["text"],
                    published=_as_date(rec.get("published") or gold.get("date")),
                    source=source,
                ),
                event_type=str(gold.get("event_type", "")),
                sub_event_type=str(gold.get("sub_event_type", "") or ""),
                event_type_mapped=bool(gold.get("event_type_mapped")),
                actor1=str(gold.get("actor1", "") or ""),
                actor2=str(gold.get("actor2", "") or ""),
                assoc_actor_1=str(gold.get("assoc_actor_1", "") or ""),
                assoc_actor_2=str(gold.get("assoc_actor_2", "") or ""),
                date=str(gold.get("date", "") or ""),
                time_precision=_as_int(gold.get("time_precision")) or 1,
                points=tuple(points),
                geo_precision=_as_int(gold.get("geo_precision")),
                fatalities=_as_int(gold.get("fatalities")),
                group=group,
                location=str(gold.get("location", "") or ""),
            )


def _read_acled_csv(path: Path, skip: Callable[[str], None]) -> Iterator[GoldEvent]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = [h.strip() for h in reader.fieldnames or ()]
        missing = [c for c in ACLED_CSV_REQUIRED if c not in header]
        if missing:
            raise InputError(f"{path}: not an ACLED export: missing column(s) {', '.join(missing)}")
        for lineno, row in enumerate(reader, 2):
            row = {(k or "").strip(): (v or "") for k, v in row.items()}
            date = _as_date(row["event_date"])
            try:
                point = (float(row["longitude"]), float(row["latitude"]))
            except ValueError:
                skip(f"{path}:{lineno}: no coded point (latitude/longitude)")
                continue
            text = row["notes"].strip()
            if not text or date is None:
                skip(f"{path}:{lineno}: " + ("empty notes" if not text else "no event_date"))
                continue
            yield GoldEvent(
                doc=Document(
                    id=row.get("event_id_cnty") or f"row{lineno}",
                    text=text,
                    published=date,
                    source=row.get("source", ""),
                ),
                event_type=row["event_type"].strip(),
                sub_event_type=row.get("sub_event_type", "").strip(),
                actor1=row.get("actor1", "").strip(),
                actor2=row.get("actor2", "").strip(),
                assoc_actor_1=(row.get("assoc_actor_1") or row.get("ally_actor_1") or "").strip(),
                assoc_actor_2=(row.get("assoc_actor_2") or row.get("ally_actor_2") or "").strip(),
                date=date.isoformat(),
                time_precision=_as_int(row.get("time_precision")) or 1,
                points=(point,),
                geo_precision=_as_int(row.get("geo_precision")),
                fatalities=_as_int(row.get("fatalities")),
                group=row.get("country", "").strip(),
                location=row.get("location", "").strip(),
            )


# --- scoring --------------------------------------------------------------------------------

#: The measures, in the order they are printed, with the subset of documents each counts over.
MEASURES: tuple[tuple[str, str], ...] = (
    ("with_event", "notes that yield at least one event"),
    ("a25", "first event within 25 km of the coded point"),
    ("a161", "first event within 161 km"),
    ("event_type", "event_type of the first event equals ACLED's"),
    ("event_type_current", "  the same, on notes coded in ACLED's current scheme"),
    ("sub_event_type", "sub_event_type equals ACLED's (where coded)"),
    ("actor1", "coded actor1 = the first event's actor1"),
    ("actor1_any", "coded actor1 among the first event's actors"),
    ("actor1_assoc", "coded actor1 or an associated actor = the first event's actor1"),
    ("actor2", "coded actor2 = the first event's actor2 (where coded)"),
    ("fatalities", "fatalities equal ACLED's"),
    ("date_day", "date equals the coded day"),
    ("date_day_precise", "  the same, on notes coded to the day"),
    ("date_day_text", "  the same, only dates read to the day from the text"),
    ("date_month", "date in the coded month"),
)


@dataclass
class _Tally:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool | None) -> None:
        if hit is None:  # the measure does not apply to this document
            return
        self.total += 1
        self.hits += bool(hit)

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class EventScores:
    """Scores over a set of coded documents (overall and by group)."""

    name: str
    documents: int = 0
    events: int = 0
    spurious: int = 0
    tallies: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    groups: dict[str, dict[str, _Tally]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def shares(t: dict[str, _Tally]) -> dict[str, Any]:
            return {
                k: {"share": _round(t[k].share), "hits": t[k].hits, "of": t[k].total}
                for k, _ in MEASURES
                if k in t
            }

        return {
            "gold": self.name,
            "documents": self.documents,
            "events": self.events,
            "spurious_per_doc": round(self.spurious / self.documents, 3) if self.documents else 0,
            "measures": shares(self.tallies),
            "by_group": {g: shares(t) for g, t in sorted(self.groups.items())},
        }

    def table(self, *, groups: bool = True) -> str:
        lines = [
            f"{self.name}: {self.documents} documents, {self.events} events, "
            f"{self.spurious / max(1, self.documents):.3f} spurious events per document",
        ]
        for key, label in MEASURES:
            t = self.tallies.get(key)
            if t is None or not t.total:
                continue
            lines.append(f"  {label:<64} {t.share:6.3f}  ({t.hits}/{t.total})")
        if groups and len(self.groups) > 1:
            keys = ("with_event", "a25", "a161", "event_type", "actor1", "date_day")
            lines.append("")
            lines.append(f"  {'by source':<44}" + "".join(f"{k:>11}" for k in keys))
            for g, tallies in sorted(self.groups.items()):
                cells = "".join(
                    f"{tallies[k].share:11.3f}"
                    if k in tallies and tallies[k].total
                    else f"{'-':>11}"
                    for k in keys
                )
                lines.append(f"  {g[:42]:<44}{cells}")
        return "\n".join(lines)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _first(features: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    if not features:
        return None
    return min(enumerate(features), key=lambda f: (f[1]["properties"].get("start", 0), f[0]))[1]


def _names(props: dict[str, Any], which: str) -> list[str]:
    return [n for n in (props.get(f"{which}_acled"), props.get(which)) if n]


def score_document(gold: GoldEvent, features: Sequence[dict[str, Any]]) -> dict[str, bool | None]:
    """Per-measure outcome for one document (None where a measure does not apply)."""
    first = _first(features)
    props: dict[str, Any] = first["properties"] if first else {}
    geometry = first.get("geometry") if first else None
    dist: float | None = None
    if geometry and geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        dist = min(haversine_km((lon, lat), p) for p in gold.points) if gold.points else None
    a1 = _names(props, "actor1")
    all_actors = [*a1, *(props.get("actors_acled") or ()), *(props.get("actors") or ())]
    a2 = _names(props, "actor2")
    # a date counts only at the precision the text gave it: the development set gives the coded
    # day as the publication date, so an undated note's publication-week fallback would hit it
    date = props.get("date") or ""
    day = date if props.get("date_precision") == "day" else ""
    fatalities = props.get("fatalities")
    return {
        "with_event": first is not None,
        "a25": dist is not None and dist <= 25,
        "a161": dist is not None and dist <= 161,
        "event_type": props.get("event_type") == gold.event_type,
        "event_type_current": (
            None if gold.event_type_mapped else props.get("event_type") == gold.event_type
        ),
        "sub_event_type": (
            props.get("sub_event_type") == gold.sub_event_type if gold.sub_event_type else None
        ),
        "actor1": any(actor_matches(n, gold.actor1) for n in a1) if gold.actor1 else None,
        "actor1_any": (
            any(actor_matches(n, gold.actor1) for n in all_actors) if gold.actor1 else None
        ),
        "actor1_assoc": (
            any(actor_matches(n, g) for n in a1 for g in (gold.actor1, gold.assoc_actor_1) if g)
            if gold.actor1
            else None
        ),
        "actor2": any(actor_matches(n, gold.actor2) for n in a2) if gold.actor2 else None,
        "fatalities": (
            None if gold.fatalities is None else first is not None and fatalities == gold.fatalities
        ),
        "date_day": bool(gold.date) and date == gold.date,
        "date_day_precise": (date == gold.date) if gold.time_precision == 1 else None,
        "date_day_text": bool(gold.date) and day == gold.date,
        "date_month": bool(gold.date) and date[:7] == gold.date[:7] and len(date) >= 7,
    }


def evaluate_events(
    gold: Iterable[GoldEvent],
    extract: Callable[[Document], Sequence[dict[str, Any]]],
    *,
    name: str = "gold",
    keep_misses: int = 0,
    on_error: Callable[[str], None] | None = None,
) -> EventScores:
    """Run ``extract`` (a document → GeoJSON Features) on every coded note and score it."""
    scores = EventScores(name)
    for item in gold:
        try:
            features = list(extract(item.doc))
        except Exception as exc:  # noqa: BLE001 - one failing note is a counted miss, not a stop
            if on_error is not None:
                on_error(f"{item.doc.id}: {type(exc).__name__}: {exc}")
            features = []
        outcome = score_document(item, features)
        scores.documents += 1
        scores.events += len(features)
        scores.spurious += max(0, len(features) - len(item.points))
        group = scores.groups.setdefault(item.group or "all", defaultdict(_Tally))
        for key, hit in outcome.items():
            scores.tallies[key].add(hit)
            group[key].add(hit)
        missed = not (outcome["a25"] and outcome["event_type"])
        if keep_misses and missed and len(scores.misses) < keep_misses:
            first = _first(features)
            scores.misses.append(
                {
                    "id": item.doc.id,
                    "text": item.doc.text,
                    "gold": {
                        "event_type": item.event_type,
                        "sub_event_type": item.sub_event_type,
                        "actor1": item.actor1,
                        "actor2": item.actor2,
                        "location": item.location,
                        "lon": item.points[0][0] if item.points else None,
                        "lat": item.points[0][1] if item.points else None,
                        "date": item.date,
                        "fatalities": item.fatalities,
                    },
                    "first_event": first,
                    "events": len(features),
                }
            )
    return scores
