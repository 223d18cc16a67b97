"""Shared helpers of geomap's command-line commands (error handling, output).

They live apart from :mod:`geomap.cli` so that command modules next to the code they drive
(``geomap.events.cli``, ``geomap.render.cli``) can import them without importing the main group.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

import click

from .errors import GeomapError

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("geomap")


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"geomap: error: {message}", err=True)
    sys.exit(code)


def friendly_errors(func: F) -> F:
    """Turn geomap errors, unreadable files and Ctrl-C into one-line messages."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GeomapError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]


def warn(message: str) -> None:
    """Print ``geomap: warning: MESSAGE`` on standard error."""
    click.echo(f"geomap: warning: {message}", err=True)


def report_skips(skipped: list[Any], warnings: list[Any] | None = None) -> None:
    """Print skipped records and reading warnings to stderr, with a count."""
    for item in warnings or []:
        warn(str(item))
    for item in skipped:
        click.echo(f"geomap: skipped {item}", err=True)
    if skipped:
        click.echo(f"geomap: {len(skipped)} record(s) skipped", err=True)


def refuse_overwriting_inputs(inputs: Iterable[Any], *outputs: Any) -> None:
    """Stop before any work when an output file is one of the inputs (or a file inside an input
    folder): ``geomap extract x.json -o x.json`` would otherwise replace what it reads.

    Raises
    ------
    InputError
        ``OUT: output would overwrite input IN``.
    """
    import os
    from pathlib import Path

    from .documents import input_files
    from .errors import InputError

    existing = [Path(o) for o in outputs if o not in (None, "-") and Path(o).is_file()]
    if not existing:
        return
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            continue  # reported by the command itself
        for candidate in input_files(path) if path.is_dir() else [path]:
            for out in existing:
                try:
                    same = os.path.samefile(out, candidate)
                except OSError:
                    same = False
                if same:
                    raise InputError(f"{out}: output would overwrite input {candidate}")


def write_json(data: Any, output: str | None) -> None:
    """Write JSON to a file (UTF-8) or to stdout when ``output`` is None or '-'."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    if output in (None, "-"):
        click.echo(text)
    else:
        from pathlib import Path

        Path(output).write_text(text + "\n", encoding="utf-8")


def published_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback for ``--published``: a date, or a usage error naming the bad value."""
    from .documents import parse_date
    from .errors import InputError

    try:
        return parse_date(value) if value is not None else None
    except InputError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def column_options(func: F) -> F:
    """``--text-column``, ``--date-column``, ``--id-column``: the record fields of CSV, JSONL
    and JSON inputs to read (the command gets them as ``columns``, a
    :class:`geomap.documents.Columns`)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .documents import Columns

        text = kwargs.pop("text_column")
        date = kwargs.pop("date_column")
        doc_id = kwargs.pop("id_column")
        kwargs["columns"] = Columns(text=text, published=date, id=doc_id)
        return func(*args, **kwargs)

    for name, help_text in (
        ("--id-column", "CSV/JSONL field holding the document id [default: id]."),
        (
            "--date-column",
            "CSV/JSONL field holding the publication date [default: the first of published, "
            "date, published_at, pubdate, datetime].",
        ),
    ):
        wrapper = click.option(name, metavar="NAME", help=help_text)(wrapper)
    wrapper = click.option(
        "--text-column",
        metavar="NAME",
        default="text",
        show_default=True,
        help="CSV/JSONL field holding the document text.",
    )(wrapper)
    return wrapper  # type: ignore[return-value]


def event_lexicon_options(func: F) -> F:
    """``--triggers`` and ``--actors``: extra event lexicon files (TSV) for extract and batch."""
    func = click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(dir_okay=False, exists=True),
        help="Extra actor lexicon (TSV: name, aliases, actor_type, country).",
    )(func)
    return click.option(
        "--triggers",
        "trigger_files",
        multiple=True,
        type=click.Path(dir_okay=False, exists=True),
        help="Extra trigger lexicon (TSV: pattern, event_type, sub_event_type, notes).",
    )(func)
