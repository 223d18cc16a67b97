"""``geomap extract``: events from news documents, written as GeoJSON, GeoPackage or CSV.

Register it in the main group with ``main.add_command(extract)`` (``from .events.cli import
extract``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

import click

from ..clitools import (
    check_columns,
    check_output,
    column_options,
    event_lexicon_options,
    exit_if_nothing_read,
    friendly_errors,
    keep_confident,
    max_doc_seconds_option,
    min_confidence_option,
    plural,
    progress_bar,
    published_date,
    quiet_option,
    refuse_overwriting_inputs,
)
from ..types import Document

if TYPE_CHECKING:
    from ..documents import Columns

MAX_SHOWN = 20
#: Output formats of ``geomap extract -o`` (see EventCollection.write).
OUTPUT_FORMATS = (".geojson", ".json", ".gpkg", ".csv")


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--published",
    metavar="DATE",
    callback=published_date,
    expose_value=True,
    help="Publication date (YYYY-MM-DD) for documents that carry none.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    help="Write to this file: .geojson, .gpkg or .csv (a name without an extension gets "
    "GeoJSON, under that name). Default: GeoJSON on standard output.",
)
@click.option("--focus", metavar="CC,...", help="Favour places in these countries (e.g. SY,TR).")
@click.option(
    "--max-doc-bytes",
    type=click.IntRange(0),
    metavar="N",
    help="Skip (and count) documents whose text is larger than N bytes; 0: no limit "
    "[default: 5000000, or GEOMAP_MAX_DOC_BYTES].",
)
@event_lexicon_options
@min_confidence_option
@column_options
@max_doc_seconds_option
@quiet_option
@friendly_errors
def extract(
    inputs: tuple[str, ...],
    published: dt.date | None,
    output: str | None,
    focus: str | None,
    max_doc_bytes: int | None,
    trigger_files: tuple[str, ...],
    actor_files: tuple[str, ...],
    columns: Columns,
    max_doc_seconds: float | None,
    quiet: bool,
    min_confidence: float | None,
) -> None:
    """Extract dated, typed, located events from INPUT files or folders.

    Reads .txt, .html, .jsonl, .json and .csv news documents; prints a summary and the skipped
    records on standard error. The output path, dates and named columns are checked before any
    work (exit status 2 if wrong); the exit status is 1 when no document could be read (every
    input skipped), 0 otherwise. A progress bar moves per document when standard error is a
    terminal (not with --quiet).
    """
    from ..budget import max_doc_seconds as resolve_budget
    from ..documents import read_documents
    from . import extract_events, load_actors, load_triggers

    budget = resolve_budget(max_doc_seconds)
    check_output(output, formats=OUTPUT_FORMATS, default_format=".geojson")
    check_columns(inputs, columns)
    if output:
        refuse_overwriting_inputs(inputs, output)
    triggers = load_triggers(trigger_files)
    actors = load_actors(actor_files)
    batch = read_documents(
        inputs,
        published=published,
        columns=columns,
        max_bytes="default" if max_doc_bytes is None else (max_doc_bytes or None),
    )
    for item in [*batch.skipped[:MAX_SHOWN]]:
        click.echo(f"geomap: skipped {item}", err=True)
    if len(batch.skipped) > MAX_SHOWN:
        click.echo(f"geomap: ... and {len(batch.skipped) - MAX_SHOWN} more skipped", err=True)
    for warning in batch.warnings[:MAX_SHOWN]:
        click.echo(f"geomap: warning: {warning}", err=True)
    docs = progress_bar(batch.documents, quiet=quiet, desc="extracting events")
    over_budget: list[Any] = []
    events = extract_events(
        docs,
        focus=focus,
        triggers=triggers,
        actors=actors,
        max_doc_seconds=budget,
        on_skip=over_budget.append,
    )
    docs.close()
    for item in over_budget[:MAX_SHOWN]:
        click.echo(f"geomap: skipped {item}", err=True)
    skipped = len(batch.skipped) + len(over_budget)
    processed = len(batch.documents) - len(over_budget)
    events = keep_confident(events, min_confidence)
    if output:
        path = events.write(output)
        where = str(path)
    else:
        click.echo(json.dumps(events.to_geojson(), ensure_ascii=False, indent=1))
        where = "standard output"
    if not quiet:
        types = Counter(e.event_type for e in events)
        located = sum(1 for e in events if e.place is not None)
        dated = sum(1 for e in events if e.date is not None)
        click.echo(
            f"geomap: {plural(processed, 'document')} read, {skipped:,} skipped; "
            f"{plural(len(events), 'event')} ({located:,} located, {dated:,} dated) "
            f"written to {where}",
            err=True,
        )
        for etype, n in types.most_common():
            click.echo(f"  {n:>5}  {etype}", err=True)
    sys.stderr.flush()
    exit_if_nothing_read(processed, skipped)


@click.command("evaluate-events")
@click.argument("gold", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N coded notes of each file.")
@click.option(
    "--misses", type=click.IntRange(0), default=0, help="Print N notes whose first event is wrong."
)
@click.option("--focus", metavar="CC,...", help="Favour places in these countries (e.g. SY,TR).")
@event_lexicon_options
@friendly_errors
def evaluate_events_command(
    gold: tuple[str, ...],
    as_json: bool,
    limit: int | None,
    misses: int,
    focus: str | None,
    trigger_files: tuple[str, ...],
    actor_files: tuple[str, ...],
) -> None:
    """Score event extraction against analyst-coded GOLD files.

    GOLD is a JSON Lines file of coded notes (``id``, ``text``, ``published`` and a ``gold``
    object with the coded ``event_type``, ``actor1``, ``lat``/``lon``...) or an ACLED export CSV
    (``event_date``, ``notes``, ``event_type``, ``latitude``, ``longitude``, and optionally
    ``sub_event_type``, ``actor1``, ``actor2``, ``fatalities``, ``time_precision``...). Each note
    is extracted on its own, with its coded date as publication date, and its first event is
    scored: location within 25 and 161 km, type, actors, fatalities and date.
    """
    from . import extract_events, load_actors, load_triggers
    from .evaluate import evaluate_events, read_gold

    triggers = load_triggers(trigger_files)
    actors = load_actors(actor_files)
    skipped: list[str] = []
    golds = [(path, read_gold(path, limit=limit, on_skip=skipped.append)) for path in gold]
    for message in skipped:  # every gold file is read (and checked) before any work
        click.echo(f"geomap: skipped {message}", err=True)
    errors: list[str] = []
    results = []
    for path, items in golds:

        def extract(doc: Document) -> list[dict[str, object]]:
            events = extract_events([doc], focus=focus, triggers=triggers, actors=actors)
            features: list[dict[str, object]] = events.to_geojson()["features"]
            return features

        results.append(
            evaluate_events(
                items, extract, name=str(path), keep_misses=misses, on_error=errors.append
            )
        )
    if as_json:
        out = [r.as_dict() | ({"misses": r.misses} if misses else {}) for r in results]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for r in results:
            click.echo(r.table())
            for miss in r.misses:
                click.echo(_miss_text(miss))
    for message in errors:
        click.echo(f"geomap: failed {message}", err=True)


def _miss_text(miss: dict[str, object]) -> str:
    gold = miss["gold"]
    first = miss["first_event"]
    assert isinstance(gold, dict)
    lines = [f"\n--- {miss['id']}: {miss['text']}"]
    lines.append(
        f"  gold : {gold['event_type']} / {gold['sub_event_type']} | {gold['actor1']} -> "
        f"{gold['actor2']} | {gold['location']} ({gold['lon']}, {gold['lat']}) | "
        f"{gold['date']} | fatalities {gold['fatalities']}"
    )
    if isinstance(first, dict):
        p = first["properties"]
        g = first.get("geometry")
        where = g["coordinates"] if g else None
        lines.append(
            f"  first: {p['event_type']} / {p['sub_event_type']} | "
            f"{p.get('actor1_acled') or p['actor1']} -> {p.get('actor2_acled') or p['actor2']} | "
            f"{p['place']} {where} | {p['date']} | fatalities {p.get('fatalities')} | "
            f"trigger {p['trigger']!r} ({miss['events']} events)"
        )
    else:
        lines.append("  first: no event")
    return "\n".join(lines)
