"""``geomap map``: render events to one offline HTML map.

Register it in ``geomap/cli.py`` with ``main.add_command(map_command)``. Inputs are dispatched by
:func:`render_from_inputs`: ``.geojson``/``.json`` files are read as event FeatureCollections; any
other file is handed to ``geomap.events.extract_events`` (imported only then), so text inputs can
be added without touching this module's callers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..clitools import (
    check_output,
    exit_if_nothing_read,
    friendly_errors,
    max_doc_seconds_option,
    min_confidence_option,
    progress_bar,
    published_date,
    quiet_option,
    refuse_overwriting_inputs,
)
from ..documents import ReadWarning
from ..errors import InputError

GEOJSON_SUFFIXES = (".geojson", ".json")


def _load_geojson_events(path: Any) -> list[dict[str, Any]]:
    from .inputs import load_events

    return load_events(path)


def _extract_text_events(
    paths: list[Path],
    places: Any = None,
    places_out: str | Path | None = None,
    **options: Any,
) -> tuple[list[dict[str, Any]], Any]:
    """Events from text documents (one geoparse per document), streamed: each document's place
    mentions are counted into ``places`` (a :class:`~geomap.render.build.PlaceMentions`, if
    given) and written to ``places_out`` (if given) as it is done, never all kept.

    ``options``: ``published`` (a date for documents that carry none), ``focus``, ``progress``,
    ``max_doc_seconds``. Returns the event features and the
    :class:`~geomap.pipeline.StreamResult` (for its counts and skipped records).
    """
    import contextlib

    from geomap.clitools import FeatureStream
    from geomap.geoparsing import place_features
    from geomap.pipeline import stream_pipeline

    from .inputs import load_events

    with contextlib.ExitStack() as stack:
        stream = (
            stack.enter_context(FeatureStream(str(places_out))) if places_out is not None else None
        )

        def on_document(doc: Any, resolutions: Any) -> None:
            if places is None and stream is None:
                return
            for feature in place_features(resolutions):
                if places is not None:
                    places.add(feature)
                if stream is not None:
                    stream.write(feature)

        result = stream_pipeline(
            paths,
            published=options.get("published"),
            focus=options.get("focus"),
            progress=options.get("progress"),
            max_doc_seconds=options.get("max_doc_seconds"),
            on_document=on_document,
        )
    return load_events(result.events), result


def render_from_inputs(
    paths: Sequence[str | Path],
    *,
    output: str | Path = "map.html",
    title: str | None = None,
    places: str | Path | None = None,
    buffer_km: float | None = 30.0,
    offline: bool = True,
    events_out: str | Path | None = None,
    places_out: str | Path | None = None,
    on_skip: Callable[[Any], None] | None = None,
    view: str | None = None,
    context: bool | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
    min_confidence: float | None = None,
    buffer: Any = None,
    **extract_options: Any,
) -> tuple[Path, int]:
    """Read every input, render one map, save it; returns ``(path, number of events)``.

    ``.geojson``/``.json`` inputs are event FeatureCollections; other files (text, HTML, JSONL,
    CSV) go through :func:`geomap.pipeline.stream_pipeline` with ``extract_options``
    (``published``, ``focus``, ``progress``, ``max_doc_seconds``), and their place mentions fill
    the places layer unless ``places`` is given (counted per place as they come, not kept).
    ``events_out`` / ``places_out`` also save what was drawn as GeoJSON. ``view`` is the
    opening view (see :mod:`geomap.render.view`); ``context`` forces the
    Turkey–Syria strip and sites on or off (``None``: when the events are in that region);
    ``buffer`` draws strips along borders or lines (see :mod:`geomap.render.strips`).
    """
    from .build import render_map, save_map

    if not paths:
        raise InputError("no input given: pass event GeoJSON files or news documents")
    features: list[dict[str, Any]] = []
    texts: list[Path] = []
    place_layer: Any = places
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and (path / "manifest.json").is_file():  # a `geomap batch` folder
            from geomap.batch import read_batch_events, read_batch_places

            features.extend(_load_geojson_events(read_batch_events(path, dedupe=True)))
            place_layer = read_batch_places(path) if places is None else place_layer
        elif path.suffix.lower() in GEOJSON_SUFFIXES:
            features.extend(_load_geojson_events(path))
        else:
            texts.append(path)
    if texts:
        from .build import PlaceMentions

        mentions = PlaceMentions() if place_layer is None else None
        text_events, result = _extract_text_events(texts, mentions, places_out, **extract_options)
        features.extend(text_events)
        if mentions is not None:
            place_layer = mentions
        for item in [*result.warnings, *result.skipped]:
            if on_skip is not None:
                on_skip(item)
    drawn = features
    if min_confidence is not None:  # the GeoJSON written and the count are what is drawn
        from .build import confident

        drawn = confident(features, min_confidence)
    collection = {"type": "FeatureCollection", "features": features}
    if events_out is not None:
        _write_json(events_out, {"type": "FeatureCollection", "features": drawn})
    m = render_map(
        collection,
        places=place_layer,
        title=title,
        buffer_km=buffer_km,
        offline=offline,
        view=view,
        context=context,
        tiles=tiles,
        attribution=attribution,
        min_confidence=min_confidence,
        buffer=buffer,
    )
    return save_map(m, output), len(drawn)


def _estimate_documents(inputs: Sequence[Path]) -> int:
    """About how many documents the text inputs hold (a JSONL file's lines, ...), for the
    progress bar's total: the documents are read one at a time, never all held."""
    from geomap.batch import _estimate_records
    from geomap.documents import input_files

    texts = [
        p
        for p in map(Path, inputs)
        if p.suffix.lower() not in GEOJSON_SUFFIXES and not (p / "manifest.json").is_file()
    ]
    try:
        return sum(_estimate_records(f) for f in input_files(texts))
    except (OSError, ValueError):  # reported properly when the documents are read
        return 0


def _write_json(path: str | Path, data: Any) -> None:
    import json

    from ..errors import ExportError

    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from exc


@click.command("map")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    "--buffer",
    "buffers",
    multiple=True,
    metavar="BORDER_OR_GEOJSON:KM",
    help="Draw a strip KM km wide on both sides of a border between two countries (TR-SY:30; "
    "TR-SY:30:SY for the Syrian side only) or of the lines of a GeoJSON file (roads.geojson:5), "
    "measured in metres; repeat for several.",
)
@click.option(
    "--published",
    callback=published_date,
    help="Publication date (YYYY-MM-DD) for text inputs without one.",
)
@click.option("--focus", help="Region of interest for geoparsing text inputs (SY,TR,IQ or a bbox).")
@click.option(
    "--geojson",
    "events_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the mapped events to this GeoJSON file.",
)
@click.option(
    "--places-geojson",
    "places_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the place mentions of text inputs to this GeoJSON file.",
)
@click.option(
    "--view",
    help="Opening view: 'events' (default: every event precise to a town or near one), 'all' "
    "(country-level events too), a box W,S,E,N, or a place name from the gazetteer.",
)
@click.option(
    "--context",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="Turkey–Syria border strip, camps and crossings: 'auto' draws them only when events "
    "fall in that region.",
)
@click.option(
    "--tiles",
    help="An XYZ tile URL (https://.../{z}/{x}/{y}.png) or OpenStreetMap / 'CARTO light', shown "
    "as the first base layer (needs a network to view; the offline basemap stays available).",
)
@min_confidence_option
@click.option("--attribution", help="Attribution of the --tiles layer (required for a URL).")
@click.option(
    "--online-tiles",
    is_flag=True,
    help="Also offer OpenStreetMap/CARTO tile layers (needs a network to view).",
)
@max_doc_seconds_option
@quiet_option
def map_command(
    inputs: tuple[Path, ...],
    output: Path,
    title: str | None,
    places: Path | None,
    buffer_km: float,
    buffers: tuple[str, ...],
    published: dt.date | None,
    focus: str | None,
    events_out: Path | None,
    places_out: Path | None,
    online_tiles: bool,
    view: str | None,
    context: str,
    tiles: str | None,
    attribution: str | None,
    min_confidence: float | None,
    max_doc_seconds: float | None,
    quiet: bool,
) -> None:
    """Draw events on one offline HTML map.

    INPUT... are event GeoJSON files (from `geomap extract`) or news documents (.txt, .html,
    .jsonl, .json, .csv), which are geoparsed and turned into events first (a progress bar moves
    per document when standard error is a terminal, not with --quiet). The output paths are
    checked before any work (exit status 2 if wrong); the exit status is 1 when every input is a
    document and none could be read (an empty map is still written), 0 otherwise.
    """
    from ..budget import OverBudget
    from ..budget import max_doc_seconds as resolve_budget

    read: list[int] = []  # documents read from the text inputs (minus those over budget)

    def progress(docs: Any) -> Any:
        def counted() -> Any:
            for doc in docs:
                read.append(1)
                yield doc

        total = None
        from .. import clitools

        if not quiet and clitools.stderr_is_terminal():  # documents are streamed: estimate
            total = _estimate_documents(inputs)
        return progress_bar(counted(), quiet=quiet, desc="geoparsing", total=total)

    skipped: list[Any] = []

    def on_skip(item: Any) -> None:
        skipped.append(item)
        if isinstance(item, OverBudget):
            read.append(-1)
        click.echo(f"geomap: skipped {item}", err=True)

    @friendly_errors
    def run() -> None:
        budget = resolve_budget(max_doc_seconds)
        sources = [*inputs, *([places] if places is not None else [])]
        refuse_overwriting_inputs(sources, output, events_out, places_out)
        check_output(output, formats=(".html", ".htm"), default_format=".html")
        for extra in (events_out, places_out):
            check_output(extra)
        from .strips import make_strips

        strips = make_strips(list(buffers))  # a bad spec stops here, before any geoparsing
        path, n = render_from_inputs(
            list(inputs),
            output=output,
            title=title,
            places=places,
            buffer_km=buffer_km or None,
            offline=not online_tiles,
            events_out=events_out,
            places_out=places_out,
            on_skip=on_skip,
            view=view,
            context=None if context == "auto" else context == "on",
            tiles=tiles,
            attribution=attribution,
            min_confidence=min_confidence,
            buffer=strips,
            published=published,
            focus=focus,
            progress=progress,
            max_doc_seconds=budget,
        )
        if not quiet:
            click.echo(f"wrote {path} ({n:,} events, {path.stat().st_size / 1e6:.1f} MB)")
        documents_only = not any(
            p.suffix.lower() in GEOJSON_SUFFIXES or (p / "manifest.json").is_file()
            for p in map(Path, inputs)
        )
        if documents_only and not sum(read):
            exit_if_nothing_read(0, sum(1 for s in skipped if not isinstance(s, ReadWarning)))

    run()
