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

from .errors import ExportError
from .pipeline import run_pipeline


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
    from .render import render_map, save_map

    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create output folder {out}: {exc.strerror}") from exc
    result = run_pipeline(example_reports())
    events = result.events
    place_fc = result.places_geojson()
    place_feats = place_fc["features"]
    (out / "places.geojson").write_text(json.dumps(place_fc, ensure_ascii=False), encoding="utf-8")
    events.write(out / "events.geojson")
    save_map(
        render_map(events, places=place_fc, title="geomap demo: northeast Syria, 2019"),
        out / "map.html",
    )
    feats: list[dict[str, Any]] = events.to_geojson()["features"]
    return DemoResult(
        outdir=out,
        documents=len(result.documents),
        places=len(place_feats),
        located_places=sum(1 for f in place_feats if f["geometry"]),
        events=len(feats),
        unlocated_events=sum(1 for f in feats if f["geometry"] is None),
        events_by_type=Counter(f["properties"]["event_type"] for f in feats),
    )
