"""``geomap demo``: the whole job on the example reports bundled with geomap.

The reports (``geomap/examples/reports.jsonl``) are short news-style texts written for geomap
about northeast Syria in 2019, with their publication dates; ``geomap/examples/README.md`` lists
what each one tests. The demo writes ``places.geojson``, ``events.geojson`` and ``map.html``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .documents import read_documents
from .errors import ExportError
from .geoparse import get_geoparser, resolution_feature
from .types import Document, Resolution


def example_reports() -> Path:
    """Path of the bundled example reports (JSON Lines)."""
    return Path(str(resources.files("geomap") / "examples" / "reports.jsonl"))


@dataclass
class DemoResult:
    """What the demo wrote and found."""

    outdir: Path
    documents: int
    places: int
    located_places: int
    events: int
    unlocated_events: int
    events_by_type: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [
            f"geomap demo: {self.documents} reports, {self.places} place mentions "
            f"({self.located_places} located), {self.events} events "
            f"({self.unlocated_events} without a location)",
        ]
        lines += [f"  {n:3d}  {t}" for t, n in self.events_by_type.most_common()]
        lines += [
            f"wrote {self.outdir / name}"
            for name in ("map.html", "events.geojson", "places.geojson")
        ]
        return "\n".join(lines)


def run_demo(outdir: Path | str) -> DemoResult:
    """Geoparse, extract events and draw the map of the bundled reports into ``outdir``."""
    from .events import extract_events
    from .render import render_map, save_map

    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create output folder {out}: {exc.strerror}") from exc
    docs = read_documents(example_reports()).documents
    parser = get_geoparser()
    parsed: dict[str, list[Resolution]] = {d.id: parser.parse(d) for d in docs}

    def cached(doc: Document) -> list[Resolution]:
        return parsed.get(doc.id) or parser.parse(doc)

    events = extract_events(docs, geoparser=cached)
    place_feats = [resolution_feature(r) for res in parsed.values() for r in res]
    place_fc = {"type": "FeatureCollection", "features": place_feats}
    (out / "places.geojson").write_text(json.dumps(place_fc, ensure_ascii=False), encoding="utf-8")
    events.write(out / "events.geojson")
    save_map(
        render_map(events, places=place_fc, title="geomap demo: northeast Syria, 2019"),
        out / "map.html",
    )
    feats: list[dict[str, Any]] = events.to_geojson()["features"]
    return DemoResult(
        outdir=out,
        documents=len(docs),
        places=len(place_feats),
        located_places=sum(1 for f in place_feats if f["geometry"]),
        events=len(feats),
        unlocated_events=sum(1 for f in feats if f["geometry"] is None),
        events_by_type=Counter(f["properties"]["event_type"] for f in feats),
    )
