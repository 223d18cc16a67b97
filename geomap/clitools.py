"""Shared helpers of geomap's command-line commands (error handling, output).

They live apart from :mod:`geomap.cli` so that command modules next to the code they drive
(``geomap.events.cli``, ``geomap.render.cli``) can import them without importing the main group.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

import click

from .errors import GeomapError

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
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
        except sqlite3.DatabaseError as exc:
            _fail(
                f"a gazetteer index is damaged ({exc}); rebuild it with "
                "`geomap gazetteer build --force` (or delete $GEOMAP_HOME/user.sqlite and import "
                "your places again)"
            )
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]


def warn(message: str) -> None:
    """Print ``geomap: warning: MESSAGE`` on standard error."""
    click.echo(f"geomap: warning: {message}", err=True)


def stderr_is_terminal() -> bool:
    """Whether standard error is a terminal (progress bars are drawn only then)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced by an object without isatty, or closed
        return False


def progress_bar(
    iterable: Iterable[T] | None = None,
    *,
    quiet: bool = False,
    show: bool | None = None,
    total: int | None = None,
    desc: str = "",
    unit: str = "doc",
) -> Any:
    """A tqdm progress bar on standard error, moving once per ``unit``: drawn only when standard
    error is a terminal and ``quiet`` is false (so nothing is written when it is piped or
    redirected to a file); ``show`` True or False overrides the terminal test. Use it as tqdm:
    iterate it, or call ``update()``."""
    from tqdm import tqdm

    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=quiet or not (stderr_is_terminal() if show is None else show),
        leave=False,
        dynamic_ncols=True,
        smoothing=0.1,
    )


def quiet_option(func: F) -> F:
    """``-q/--quiet``: no progress bar and no closing summary (the command gets ``quiet``)."""
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No progress bar and no closing summary (warnings, skipped records and errors are "
        "still printed). The bar is drawn only when standard error is a terminal.",
    )(func)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents``.

    >>> plural(1, "document"), plural(0, "document"), plural(2, "entry", "entries")
    ('1 document', '0 documents', '2 entries')
    """
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def report_skips(skipped: list[Any], warnings: list[Any] | None = None) -> None:
    """Print skipped records and reading warnings to stderr, with a count."""
    for item in warnings or []:
        warn(str(item))
    for item in skipped:
        click.echo(f"geomap: skipped {item}", err=True)
    if skipped:
        click.echo(f"geomap: {plural(len(skipped), 'record')} skipped", err=True)


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


def check_output(
    output: Any, *, formats: tuple[str, ...] | None = None, default_format: str = ""
) -> None:
    """Stop before any work when OUTPUT cannot be written: a format the command does not write,
    a folder that does not exist (or is not writable), or a folder where the file should go.

    ``formats`` are the extensions the command writes (``None``: any); a path without an
    extension gets ``default_format``. ``None`` and ``-`` (standard output) always pass.

    Raises
    ------
    ExportError
        Naming the path and what is wrong with it.
    """
    import os
    from pathlib import Path

    from .errors import ExportError

    if output in (None, "-"):
        return
    path = Path(output)
    if formats is not None:
        ext = path.suffix.lower() or default_format
        if ext not in formats:
            raise ExportError(
                f"{path}: unknown output format {ext!r}; expected {', '.join(formats)}"
            )
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"{path}: folder {folder} is not writable")


def check_outdir(outdir: Any) -> None:
    """Stop before any work when the output folder OUTDIR cannot be made or written: it is a
    file, or the folder it is in (or would be made in) is not writable.

    Raises
    ------
    ExportError
        Naming the path and what is wrong with it.
    """
    import os
    from pathlib import Path

    from .errors import ExportError

    path = Path(outdir)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: is a file; give a folder")
    existing = path
    while not existing.exists():  # the folder that is there, in which the rest will be made
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise ExportError(f"{path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ExportError(f"{path}: folder {existing} is not writable")


def check_columns(inputs: Iterable[Any], columns: Any) -> None:
    """Stop before any work when a CSV file given by name lacks a column named with
    ``--text-column``, ``--date-column`` or ``--id-column`` (``columns``, a
    :class:`geomap.documents.Columns`). Without those options nothing is checked here: a CSV
    without a ``text`` column is reported as skipped, like any unreadable record.

    Raises
    ------
    ConfigurationError
        ``FILE: no column 'body' (columns: ...)``.
    """
    import csv
    from pathlib import Path

    from .documents import Columns
    from .errors import ConfigurationError

    named = {
        option: name
        for option, name in (
            ("--text-column", columns.text if columns.text != Columns().text else None),
            ("--date-column", columns.published),
            ("--id-column", columns.id),
        )
        if name
    }
    if not named:
        return
    for raw in inputs:
        path = Path(raw)
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        try:
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
                header = next(csv.reader(fh), [])
        except (OSError, csv.Error):
            continue  # reported as skipped when it is read
        found = [h.strip().lower() for h in header]
        for option, name in named.items():
            if name.lower() not in found:
                raise ConfigurationError(
                    f"{path}: no column {name!r} ({option}); its columns: "
                    f"{', '.join(found) or 'none'}"
                )


def exit_if_nothing_read(documents: int, skipped: int) -> None:
    """Exit with status 1 (after the output and summary are written) when no document could
    be read: every input was skipped, or there was none. Otherwise the run exits 0."""
    if documents == 0:
        reason = f"all {skipped} input(s) skipped" if skipped else "no input file found"
        click.echo(f"geomap: error: no document read ({reason})", err=True)
        sys.exit(1)


def write_json(data: Any, output: str | None) -> None:
    """Write JSON to a file (UTF-8) or to stdout when ``output`` is None or '-'."""
    text = json.dumps(data, ensure_ascii=False, indent=1)  # as `geomap extract` writes
    if output in (None, "-"):
        click.echo(text)
    else:
        from pathlib import Path

        Path(output).write_text(text + "\n", encoding="utf-8")


class FeatureStream:
    """A GeoJSON FeatureCollection written feature by feature, to a file or to stdout, byte for
    byte as :func:`write_json` writes the whole collection: a command that streams keeps no
    feature in memory. A file is written under a temporary name and renamed when complete.
    """

    def __init__(self, output: str | None, *, sink: Any = None) -> None:
        from pathlib import Path

        self.count = 0
        self._path: Path | None = None if output in (None, "-") else Path(str(output))
        self._tmp: Path | None = None
        self._fh: Any
        if sink is not None:
            self._fh = sink
        elif self._path is None:
            self._fh = sys.stdout
        else:
            self._tmp = self._path.with_name(f".{self._path.name}.part")
            self._fh = self._tmp.open("w", encoding="utf-8")

    def __enter__(self) -> FeatureStream:
        self._fh.write('{\n "type": "FeatureCollection",\n "features": [')
        return self

    def write(self, feature: dict[str, Any]) -> None:
        text = json.dumps(feature, ensure_ascii=False, indent=1)
        self._fh.write(("\n" if self.count == 0 else ",\n") + "  " + text.replace("\n", "\n  "))
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self._fh.write("]\n}\n" if self.count == 0 else "\n ]\n}\n")
        if self._tmp is not None:
            self._fh.close()
            if exc[0] is None and self._path is not None:
                self._tmp.replace(self._path)
            else:
                self._tmp.unlink(missing_ok=True)
        else:
            self._fh.flush()


def published_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback for ``--published``: a date, or a usage error naming the bad value."""
    from .documents import parse_date
    from .errors import InputError

    try:
        return parse_date(value) if value is not None else None
    except InputError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def min_confidence_option(func: F) -> F:
    """``--min-confidence X``: leave out events whose confidence is below X (the command gets
    ``min_confidence``, a float or None)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        metavar="X",
        help="Leave out events whose confidence (0-1) is below X; events read without one "
        "are kept.",
    )(func)


def max_doc_seconds_option(func: F) -> F:
    """``--max-doc-seconds S``: the time budget of one document (the command gets
    ``max_doc_seconds``, a float or None when not given; resolve it with
    :func:`geomap.budget.max_doc_seconds`)."""
    return click.option(
        "--max-doc-seconds",
        type=click.FloatRange(0),
        metavar="S",
        help="Skip (and count, with its id) a document that takes longer than S seconds; "
        "0: no limit [default: 60, or GEOMAP_MAX_DOC_SECONDS].",
    )(func)


def keep_confident(events: Any, threshold: float | None) -> Any:
    """The :class:`~geomap.events.EventCollection` ``events`` without those whose confidence,
    as written (rounded to 3 decimals), is below ``threshold`` (``None``: all of them)."""
    if threshold is None:
        return events
    return type(events)(e for e in events if round(e.confidence, 3) >= threshold)


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
