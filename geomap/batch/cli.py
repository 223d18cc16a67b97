"""``geomap batch``: geoparse and extract events from many documents into partitioned output."""

from __future__ import annotations

import datetime as dt
import json

import click

from ..clitools import (
    check_outdir,
    event_lexicon_options,
    exit_if_nothing_read,
    friendly_errors,
    max_doc_seconds_option,
    min_confidence_option,
    published_date,
    quiet_option,
)

MAX_SHOWN = 10


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder (events/, places/, manifest.json, errors.jsonl, summary.json).",
)
@click.option(
    "-j",
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 512),
    help="Parallel worker processes (Dask: LocalCluster workers).",
)
@click.option(
    "--chunk-size",
    default=500,
    show_default=True,
    type=click.IntRange(1),
    help="Documents per output partition (per input file); smaller when there would be fewer "
    "partitions than workers, so that every worker has one.",
)
@click.option(
    "--format",
    "fmt",
    default="geojsonl",
    show_default=True,
    type=click.Choice(["geojsonl", "parquet"]),
    help="Partition format: GeoJSON Lines, or GeoParquet (needs pyarrow).",
)
@click.option("--resume", is_flag=True, help="Continue a run in OUTDIR; finished work is kept.")
@click.option("--overwrite", is_flag=True, help="Delete an earlier run in OUTDIR first.")
@click.option(
    "--engine",
    default="local",
    show_default=True,
    type=click.Choice(["local", "dask"]),
    help="local: a process pool; dask: dask.bag on a Dask cluster (pip install 'geomap[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786) of an existing cluster; implies --engine dask.",
)
@click.option(
    "--published",
    metavar="DATE",
    callback=published_date,
    help="Publication date (YYYY-MM-DD) for documents that carry none.",
)
@click.option("--focus", metavar="CC,...", help="Favour places in these countries (e.g. SY,TR).")
@click.option(
    "--places-only",
    is_flag=True,
    help="Geoparse only: write the place mentions and extract no events (about half the work; "
    "events/ partitions stay empty).",
)
@event_lexicon_options
@min_confidence_option
@max_doc_seconds_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-progress", is_flag=True, hidden=True, help="No progress bar.")
@quiet_option
@friendly_errors
def batch(
    inputs: tuple[str, ...],
    outdir: str,
    workers: int,
    chunk_size: int,
    fmt: str,
    resume: bool,
    overwrite: bool,
    engine: str,
    scheduler: str | None,
    published: dt.date | None,
    focus: str | None,
    places_only: bool,
    trigger_files: tuple[str, ...],
    actor_files: tuple[str, ...],
    min_confidence: float | None,
    max_doc_seconds: float | None,
    as_json: bool,
    no_progress: bool,
    quiet: bool,
) -> None:
    """Geoparse and extract events from many documents into OUTDIR, in partitions.

    INPUT... are files (.txt, .html, .jsonl, .json, .csv), folders (walked recursively) or quoted
    glob patterns ('news/**/*.jsonl'). Output is written as it goes: OUTDIR/events/ and
    OUTDIR/places/ hold one GeoJSON Lines file per partition, OUTDIR/errors.jsonl every skipped or
    failed record, OUTDIR/summary.json the counts. An interrupted run continues with --resume.
    Draw the result with `geomap map OUTDIR`, or read it with geomap.batch.read_batch_events.

    A progress bar moves per document when standard error is a terminal (per partition with
    --engine dask); --quiet (or --no-progress) turns it off. OUTDIR is checked before any work
    (exit status 2 if it cannot be written); the exit status is 1 when no document could be
    read (every input skipped), 0 otherwise.
    """
    from pathlib import Path

    from ..budget import max_doc_seconds as resolve_budget
    from . import ERRORS, run_batch

    budget = resolve_budget(max_doc_seconds)
    check_outdir(outdir)
    summary = run_batch(
        inputs,
        outdir,
        workers=workers,
        chunk_size=chunk_size,
        fmt=fmt,
        resume=resume,
        overwrite=overwrite,
        engine=engine,
        scheduler=scheduler,
        published=published,
        focus=focus,
        triggers=trigger_files,
        actors=actor_files,
        min_confidence=min_confidence,
        max_doc_seconds=budget,
        progress=False if no_progress or quiet else None,
        events=not places_only,
    )
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=1))
    elif not quiet:
        for line in summary.lines():
            click.echo(line)
    problems = summary.skipped + summary.failed
    if problems:
        with (Path(outdir) / ERRORS).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= MAX_SHOWN:
                    click.echo(f"geomap: ... and {problems - MAX_SHOWN} more in {ERRORS}", err=True)
                    break
                item = json.loads(line)
                where = item["source"] + (f":{item['line']}" if item.get("line") else "")
                doc = f" [{item['doc']}]" if item.get("doc") else ""
                click.echo(f"geomap: {item['kind']} {where}{doc}: {item['reason']}", err=True)
    exit_if_nothing_read(summary.documents, summary.skipped + summary.failed)
