"""``geomap extract``: events from news documents, written as GeoJSON, GeoPackage or CSV.

Register it in the main group with ``main.add_command(extract)`` (``from .events.cli import
extract``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import click

from ..clitools import (
    event_lexicon_options,
    friendly_errors,
    published_date,
    refuse_overwriting_inputs,
)

MAX_SHOWN = 20


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
    help="Write to this file: .geojson (default), .gpkg or .csv. Default: GeoJSON on "
    "standard output.",
)
@click.option("--focus", metavar="CC,...", help="Favour places in these countries (e.g. SY,TR).")
@event_lexicon_options
@friendly_errors
def extract(
    inputs: tuple[str, ...],
    published: dt.date | None,
    output: str | None,
    focus: str | None,
    trigger_files: tuple[str, ...],
    actor_files: tuple[str, ...],
) -> None:
    """Extract dated, typed, located events from INPUT files or folders.

    Reads .txt, .html, .jsonl, .json and .csv news documents; prints a summary and the skipped
    records on standard error.
    """
    from ..documents import read_documents
    from . import extract_events, load_actors, load_triggers

    if output:
        default = output if Path(output).suffix else f"{output}.geojson"  # as events.write does
        refuse_overwriting_inputs(inputs, output, default)
    triggers = load_triggers(trigger_files)
    actors = load_actors(actor_files)
    batch = read_documents(inputs, published=published)
    for item in [*batch.skipped[:MAX_SHOWN]]:
        click.echo(f"skipped {item}", err=True)
    if len(batch.skipped) > MAX_SHOWN:
        click.echo(f"... and {len(batch.skipped) - MAX_SHOWN} more skipped", err=True)
    for warning in batch.warnings[:MAX_SHOWN]:
        click.echo(f"warning {warning}", err=True)
    events = extract_events(batch.documents, focus=focus, triggers=triggers, actors=actors)
    if output:
        path = events.write(output)
        where = str(path)
    else:
        click.echo(json.dumps(events.to_geojson(), ensure_ascii=False, indent=1))
        where = "standard output"
    types = Counter(e.event_type for e in events)
    located = sum(1 for e in events if e.place is not None)
    dated = sum(1 for e in events if e.date is not None)
    click.echo(
        f"{len(batch.documents)} documents read, {len(batch.skipped)} skipped; {len(events)} "
        f"events ({located} located, {dated} dated) written to {where}",
        err=True,
    )
    for etype, n in types.most_common():
        click.echo(f"  {n:>5}  {etype}", err=True)
    sys.stderr.flush()
