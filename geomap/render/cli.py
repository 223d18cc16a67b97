"""``geomap map``: render events to one offline HTML map.

Register it in ``geomap/cli.py`` with ``main.add_command(map_command)``. Inputs are dispatched by
:func:`render_from_inputs`: ``.geojson``/``.json`` files are read as event FeatureCollections; any
other file is handed to ``geomap.events.extract_events`` (imported only then), so text inputs can
be added without touching this module's callers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import InputError

GEOJSON_SUFFIXES = (".geojson", ".json")


def _load_geojson_events(path: Path) -> list[dict[str, Any]]:
    from .inputs import load_events

    return load_events(path)


def _extract_text_events(paths: list[Path], **options: Any) -> list[dict[str, Any]]:
    """Events from text documents: ``read_documents`` then ``extract_events`` (lazy imports).

    ``options`` may hold ``published`` (for :func:`geomap.documents.read_documents`); the rest go
    to :func:`geomap.events.extract_events`.
    """
    try:
        from geomap.documents import read_documents
        from geomap.events import extract_events
    except ImportError as exc:
        names = ", ".join(str(p) for p in paths[:3])
        raise InputError(
            f"{names}: only .geojson event files can be mapped in this version "
            f"(text extraction is not available: {exc})"
        ) from exc
    from .inputs import load_events

    batch = read_documents(paths, published=options.pop("published", None))
    return load_events(extract_events(batch.documents, **options))


def render_from_inputs(
    paths: Sequence[str | Path],
    *,
    output: str | Path = "map.html",
    title: str | None = None,
    places: str | Path | None = None,
    buffer_km: float | None = 30.0,
    offline: bool = True,
    extract: Callable[..., list[dict[str, Any]]] | None = None,
    **extract_options: Any,
) -> tuple[Path, int]:
    """Read every input, render one map, save it; returns ``(path, number of events)``.

    ``extract`` replaces the text-extraction step (for callers that already hold a pipeline);
    ``extract_options`` are passed to it.
    """
    from .build import render_map, save_map

    if not paths:
        raise InputError("no input given: pass one or more .geojson event files")
    features: list[dict[str, Any]] = []
    texts: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() in GEOJSON_SUFFIXES:
            features.extend(_load_geojson_events(path))
        else:
            texts.append(path)
    if texts:
        features.extend((extract or _extract_text_events)(texts, **extract_options))
    collection = {"type": "FeatureCollection", "features": features}
    m = render_map(collection, places=places, title=title, buffer_km=buffer_km, offline=offline)
    return save_map(m, output), len(features)


@click.command("map")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="map.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write.",
)
@click.option("--title", help="Title shown on the map and in the browser tab.")
@click.option(
    "--places",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Place mentions (GeoJSON) for the 'Places mentioned' layer.",
)
@click.option(
    "--buffer-km",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0, 500),
    help="Depth of the Turkey–Syria border strip layer (0: no strip).",
)
@click.option(
    "--online-tiles",
    is_flag=True,
    help="Also offer OpenStreetMap/CARTO tile layers (needs a network to view).",
)
def map_command(
    inputs: tuple[Path, ...],
    output: Path,
    title: str | None,
    places: Path | None,
    buffer_km: float,
    online_tiles: bool,
) -> None:
    """Draw the events in INPUT... (GeoJSON event files) on one offline HTML map."""
    from geomap.clitools import friendly_errors

    @friendly_errors
    def run() -> None:
        path, n = render_from_inputs(
            list(inputs),
            output=output,
            title=title,
            places=places,
            buffer_km=buffer_km or None,
            offline=not online_tiles,
        )
        click.echo(f"wrote {path} ({n:,} events, {path.stat().st_size / 1e6:.1f} MB)")

    run()
