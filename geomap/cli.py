"""The ``geomap`` command line.

Heavy libraries (geopandas, folium) are imported inside the commands that need them, so quick
commands such as ``geomap geocode`` start fast. Every error geomap raises on purpose is printed as
one line (``geomap: error: ...``) with exit status 2; nothing ends in a traceback for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import TYPE_CHECKING, Any, ClassVar

import click

from .clitools import (
    F,
    FeatureStream,
    check_columns,
    check_output,
    column_options,
    exit_if_nothing_read,
    friendly_errors,
    log,
    max_doc_seconds_option,
    plural,
    progress_bar,
    published_date,
    quiet_option,
    refuse_overwriting_inputs,
    report_skips,
    warn,
    write_json,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .documents import Columns
    from .evaluate import Scores
    from .geoparsing import Geoparser

__all__ = ["F", "friendly_errors", "log", "main", "report_skips", "write_json"]


class LazyGroup(click.Group):
    """A click group whose heavier commands are imported only when they are run.

    ``geomap geocode`` then starts without importing the event extractor or the map renderer.
    """

    lazy: ClassVar[dict[str, str]] = {
        "extract": "geomap.events.cli:extract",
        "evaluate-events": "geomap.events.cli:evaluate_events_command",
        "map": "geomap.render.cli:map_command",
        "batch": "geomap.batch.cli:batch",
    }

    #: One-line help of the lazy commands, so ``geomap --help`` lists them without importing
    #: them (``geomap map`` would import folium and pandas: about 1 s). A test checks that these
    #: match the commands' own docstrings.
    lazy_help: ClassVar[dict[str, str]] = {
        "extract": "Extract dated, typed, located events from INPUT files or folders.",
        "evaluate-events": "Score event extraction against analyst-coded GOLD files.",
        "map": "Draw events on one offline HTML map.",
        "batch": "Geoparse and extract events from many documents into OUTDIR, in partitions.",
    }

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy:
                rows.append((name, self.lazy_help[name]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module, attr = self.lazy[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="geomap")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """geomap: offline place names, events and maps from news text."""
    from .documents import undated_documents

    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="geomap: %(levelname)s: %(message)s")
    if verbose == 0:  # the one-time gazetteer build says what it does and how long it took
        logging.getLogger("geomap.gazetteer.build").setLevel(logging.INFO)
    # documents read without a publication date, by any command: one warning when it ends
    ctx.with_resource(undated_documents(report=warn))


@main.command()
@click.argument("name")
@click.option("--country", "-c", help="Only places in these countries (ISO codes, e.g. SY,TR).")
@click.option(
    "--limit",
    "-n",
    default=5,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="How many candidates to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of candidates.")
@friendly_errors
def geocode(name: str, country: str | None, limit: int, as_json: bool) -> None:
    """Look up NAME in the offline gazetteer and print ranked candidates."""
    from .gazetteer import default_gazetteer

    cands = default_gazetteer().search(name, country=country, limit=limit)
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in cands], ensure_ascii=False, indent=2))
        return
    if not cands:
        click.echo(f"no place found for {name!r}", err=True)
        sys.exit(1)
    for i, c in enumerate(cands, start=1):
        p = c.place
        where = ", ".join(x for x in (p.admin1_name, p.country_code) if x)
        click.echo(
            f"{i}. {p.name} ({p.kind}{', ' + where if where else ''})  "
            f"lon {p.lon:.5f} lat {p.lat:.5f}  pop {p.population:,}  {p.place_id}  "
            f"score {c.score:.3f} [{c.match}]"
        )


@main.group()
def gazetteer() -> None:
    """Inspect, build or extend the offline gazetteer."""


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly_errors
def gazetteer_info(as_json: bool) -> None:
    """Show the gazetteer's sources, counts and where its data lives."""
    from .gazetteer import default_gazetteer

    info = []
    for store in default_gazetteer().stores:
        meta = store.meta()
        info.append(
            {
                "path": str(store.path),
                "places": store.count(),
                "size_mb": round(store.path.stat().st_size / 1e6, 1),
                **meta,
            }
        )
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    for item in info:
        click.echo(f"{item['path']}  ({item['size_mb']} MB)")
        click.echo(f"  places: {item['places']:,}")
        for key in ("sources", "counts", "built"):
            if key in item:
                click.echo(f"  {key}: {item[key]}")
    click.echo(
        "Place data: GeoNames (geonames.org, CC BY 4.0), filtered; Natural Earth "
        "(public domain); geomap border-region supplement."
    )


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Build it again even if it exists (a damaged index).")
@friendly_errors
def gazetteer_build(force: bool) -> None:
    """Build the default index now (otherwise it is built on first use)."""
    from .gazetteer import ensure_default_index

    path = ensure_default_index(force=force)
    click.echo(f"gazetteer index {'rebuilt' if force else 'ready'}: {path}")


@gazetteer.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@friendly_errors
def gazetteer_import(paths: tuple[str, ...]) -> None:
    """Add places from GeoNames dumps, CSV or GeoJSON place lists (kept for later runs)."""
    from .gazetteer import reset_default_gazetteer, user_index_path
    from .gazetteer.imports import MAX_PROBLEMS_SHOWN, import_files

    reports = import_files(paths, user_index_path())
    reset_default_gazetteer()
    for report in reports:
        click.echo(report.summary())
        for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
            click.echo(f"  skipped {problem}", err=True)
        if len(report.problems) > MAX_PROBLEMS_SHOWN:
            click.echo(f"  ... and {len(report.problems) - MAX_PROBLEMS_SHOWN} more", err=True)
    click.echo(f"user places stored in {user_index_path()}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", help="Write the GeoJSON FeatureCollection here (default stdout).")
@click.option(
    "--focus",
    help="Region of interest: country codes (SY,TR,IQ) or a bounding box "
    "min_lon,min_lat,max_lon,max_lat. Biases, never forces.",
)
@click.option(
    "--published",
    callback=published_date,
    help="Publication date (YYYY-MM-DD) for inputs that carry none.",
)
@click.option(
    "--literal",
    "literal_only",
    is_flag=True,
    help="Only mentions of a location where something is or happens (no demonyms, embedded "
    "names or modifiers).",
)
@column_options
@max_doc_seconds_option
@quiet_option
@friendly_errors
def places(
    inputs: tuple[str, ...],
    output: str | None,
    focus: str | None,
    published: dt.date | None,
    literal_only: bool,
    columns: Columns,
    max_doc_seconds: float | None,
    quiet: bool,
) -> None:
    """Find and resolve place names in INPUT files (.txt, .html, .jsonl, .json, .csv).

    Every resolved mention is written with its place's point; the property ``literal`` says
    whether it names a location where something is or happens. A progress bar moves per
    document when standard error is a terminal (not with --quiet).
    """
    from .budget import DocumentTimeout, budget_skip, time_budget
    from .budget import max_doc_seconds as resolve_budget
    from .documents import iter_documents
    from .geoparsing import get_geoparser, place_features
    from .resolve import Focus

    budget = resolve_budget(max_doc_seconds)
    check_output(output)
    check_columns(inputs, columns)
    refuse_overwriting_inputs(inputs, output)
    parser = get_geoparser()
    focus_obj = Focus.parse(focus, parser.gazetteer)
    skipped: list[Any] = []
    warnings: list[Any] = []
    docs = located = literal = 0
    # written as each document is parsed: memory does not grow with the corpus
    with FeatureStream(output) as stream:
        for doc in progress_bar(
            iter_documents(
                inputs,
                published=published,
                on_skip=skipped.append,
                on_warning=warnings.append,
                warn_undated=False,  # places do not depend on the publication date
                columns=columns,
            ),
            quiet=quiet,
            desc="geoparsing",
        ):
            try:
                with time_budget(budget):
                    resolutions = parser.parse(doc, focus=focus_obj)
            except DocumentTimeout as exc:
                skipped.append(budget_skip(doc.id, exc))
                continue
            docs += 1
            for f in place_features(resolutions, literal_only=literal_only):
                stream.write(f)
                if f["geometry"]:
                    located += 1
                    literal += bool(f["properties"]["literal"])
    if not quiet:
        click.echo(
            f"geomap: {plural(docs, 'document')} read, {plural(stream.count, 'mention')}, "
            f"{located:,} located ({literal:,} literal)",
            err=True,
        )
    report_skips(skipped, warnings)
    exit_if_nothing_read(docs, len(skipped))


@main.command()
@click.option(
    "-o",
    "--outdir",
    default="geomap-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for map.html and the GeoJSON files.",
)
@friendly_errors
def demo(outdir: str) -> None:
    """Run the whole job on the bundled example reports (northeast Syria, 2019)."""
    from .demo import run_demo

    click.echo(run_demo(outdir).summary())


@main.command()
@click.argument("corpora", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--roles",
    default="place,area,demonym,embedded,modifier",
    show_default=True,
    help="Which reported mention roles count for recognition.",
)
@click.option("--limit", type=click.IntRange(1), help="Only the first N documents.")
@click.option("--focus", help="Region of interest (as for `geomap places`).")
@click.option(
    "--without",
    "without",
    multiple=True,
    metavar="RULE_ID",
    help="Also score with this recognition rule switched off (repeatable: together) and print "
    "the figures with and without it (`geomap rules` lists the ids).",
)
@friendly_errors
def evaluate(
    corpora: tuple[str, ...],
    as_json: bool,
    roles: str,
    limit: int | None,
    focus: str | None,
    without: tuple[str, ...],
) -> None:
    """Score geoparsing on gold CORPUS.jsonl files.

    A corpus has one JSON object per line: ``text``, optionally ``id``, and ``toponyms``, a list
    of gold toponyms with ``start`` and ``end`` (character offsets into the text) and optionally
    ``lat`` and ``lon`` (a toponym without them counts for recognition only). Reported: span
    precision, recall and F1; accuracy within 161 km, errors in km and AUC; end-to-end accuracy;
    documents per second. The format is described in docs/evaluation.md. With ``--without
    RULE_ID`` each corpus is scored twice, with every rule and with that one switched off.
    """
    from .evaluate import evaluate_corpus
    from .geoparsing import get_geoparser
    from .resolve import Focus

    parser = get_geoparser()
    focus_obj = Focus.parse(focus, parser.gazetteer)
    problems: list[str] = []

    def score(path: str, p: Geoparser, report: Callable[[str], None] | None) -> Scores:
        return evaluate_corpus(
            path, parser=p, roles=roles.split(","), limit=limit, focus=focus_obj, on_problem=report
        )

    if without:
        _evaluate_without(corpora, without, parser, score, as_json)
        return
    results = [score(path, parser, problems.append) for path in corpora]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        for r in results:
            click.echo(r.table())
    for problem in problems:
        click.echo(f"geomap: skipped {problem}", err=True)


def _evaluate_without(
    corpora: tuple[str, ...],
    without: tuple[str, ...],
    parser: Geoparser,
    score: Callable[[str, Geoparser, Callable[[str], None] | None], Scores],
    as_json: bool,
) -> None:
    """``geomap evaluate --without``: each corpus with every rule and without ``without``."""
    from .evaluate import contribution, contribution_table
    from .geoparsing import Geoparser

    reduced = Geoparser(parser.gazetteer, without=without)  # checks the ids first
    problems: list[str] = []
    results = [
        contribution(score(path, parser, problems.append), score(path, reduced, None), without)
        for path in corpora
    ]
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        click.echo("\n".join(contribution_table(r) for r in results))
    for problem in problems:
        click.echo(f"geomap: skipped {problem}", err=True)


@main.command()
@click.argument("text")
@friendly_errors
def explain(text: str) -> None:
    """Show why each name of TEXT was kept or dropped, and how its place was chosen."""
    from .explain import explain as explain_text
    from .explain import format_explanation

    click.echo(format_explanation(explain_text(text)))


@main.command()
@click.option(
    "--markdown",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the rules as Markdown to this file (docs/rules.md) instead of printing them.",
)
@friendly_errors
def rules(markdown: str | None) -> None:
    """List the recognition rules in the order they run, with their docs and examples
    (--markdown also writes resolution's score features, checks and weights)."""
    from pathlib import Path

    from .explain import format_rules, rules_markdown

    if markdown is None:
        click.echo(format_rules())
        return
    Path(markdown).write_text(rules_markdown(), encoding="utf-8")
    click.echo(f"wrote {markdown}")


if __name__ == "__main__":  # pragma: no cover
    main()
