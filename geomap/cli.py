"""The ``geomap`` command line.

Heavy libraries (geopandas, folium) are imported inside the commands that need them, so quick
commands such as ``geomap geocode`` start fast. Every error geomap raises on purpose is printed as
one line (``geomap: error: ...``) with exit status 2; nothing ends in a traceback for bad input.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="geomap")
def main(verbose: int) -> None:
    """geomap: offline place names, events and maps from news text."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="geomap: %(levelname)s: %(message)s")


@main.command()
@click.argument("name")
@click.option("--country", "-c", help="Only places in these countries (ISO codes, e.g. SY,TR).")
@click.option("--limit", "-n", default=5, show_default=True, type=click.IntRange(1, 1000),
              help="How many candidates to show.")
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
        info.append({"path": str(store.path), "places": store.count(),
                     "size_mb": round(store.path.stat().st_size / 1e6, 1), **meta})
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    for item in info:
        click.echo(f"{item['path']}  ({item['size_mb']} MB)")
        click.echo(f"  places: {item['places']:,}")
        for key in ("sources", "counts", "built"):
            if key in item:
                click.echo(f"  {key}: {item[key]}")
    click.echo("Place data: GeoNames (geonames.org, CC BY 4.0), filtered; Natural Earth "
               "(public domain); geomap border-region supplement.")


@gazetteer.command("build")
@friendly_errors
def gazetteer_build() -> None:
    """Build the default index now (otherwise it is built on first use)."""
    from .gazetteer import ensure_default_index

    click.echo(f"gazetteer index ready: {ensure_default_index()}")


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


if __name__ == "__main__":  # pragma: no cover
    main()
