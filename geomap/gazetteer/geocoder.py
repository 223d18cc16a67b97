"""A geopy geocoder backed by geomap's offline gazetteer.

It follows geopy's ``Geocoder`` interface, so it drops in where Nominatim would be used, and
``geopandas.tools.geocode`` / ``reverse_geocode`` accept it as ``provider``:

>>> import geopandas
>>> from geomap.gazetteer.geocoder import OfflineGeocoder
>>> gdf = geopandas.tools.geocode(["Tal Abyad", "Deir ez-Zor"], provider=OfflineGeocoder)
... # doctest: +SKIP

No request ever leaves the machine. geopy's ``Location`` keeps ``(lat, lon)``; the raw record in
``Location.raw`` carries geomap's ``lon``/``lat`` and the whole candidate.
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from ..errors import InputError
from ..types import Candidate
from . import Gazetteer, default_gazetteer


def _format_address(cand: Candidate) -> str:
    parts = [cand.place.name]
    if cand.place.admin1_name and cand.place.kind not in ("admin1", "country"):
        parts.append(cand.place.admin1_name)
    if cand.place.country_code and cand.place.kind != "country":
        parts.append(cand.place.country_code)
    return ", ".join(parts)


def _to_location(cand: Candidate) -> Location:
    # geopy's Location is (lat, lon); this is the only place that order appears here.
    return Location(_format_address(cand), (cand.place.lat, cand.place.lon), cand.to_dict())


class OfflineGeocoder(Geocoder):
    """Forward and reverse geocoding against the offline gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer to query; the default one (built-in index plus user imports) if omitted.
    country
        Default country filter (ISO alpha-2 code or list) applied to every forward query.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        country: str | list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or default_gazetteer()
        self.country = self.gazetteer.check_countries(country) if country else ()

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country: str | list[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Locate a place name; ``None`` when nothing matches (as geopy geocoders do)."""
        countries = country if country is not None else (list(self.country) or None)
        try:
            cands = self.gazetteer.search(query, country=countries, limit=limit or 10)
        except InputError:
            return None
        if not cands:
            return None
        if exactly_one:
            return _to_location(cands[0])
        return [_to_location(c) for c in cands]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """The nearest gazetteer place to a ``(lat, lon)`` point (geopy's order)."""
        point = Point(query)
        cands = self.gazetteer.reverse(point.longitude, point.latitude, limit=limit or 1)
        if not cands:
            return None
        if exactly_one:
            return _to_location(cands[0])
        return [_to_location(c) for c in cands]
