"""The geopy geocoder backed by the offline gazetteer, alone and through geopandas.

Every test here runs with the network blocked (conftest), so any request leaving the machine
would fail the test.
"""

from __future__ import annotations

import socket
from pathlib import Path

import geopandas
import pytest
from geopy.distance import geodesic
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from reference_positions import DEIR_EZ_ZOR, RAS_AL_AIN, TAL_ABYAD
from shapely.geometry import Point

from geomap.errors import ConfigurationError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.geocoder import OfflineGeocoder

pytestmark = pytest.mark.slow


def test_the_network_really_is_blocked() -> None:
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("nominatim.openstreetmap.org", 443), timeout=1)


def test_is_a_geopy_geocoder(gaz: Gazetteer) -> None:
    assert isinstance(OfflineGeocoder(gaz), Geocoder)


@pytest.mark.parametrize(
    ("query", "place_id", "latlon"),
    [
        ("Tal Abyad", "geonames:163750", TAL_ABYAD),
        ("Girê Spî", "geonames:163750", TAL_ABYAD),
        ("Deir ez-Zor", "geonames:170794", DEIR_EZ_ZOR),
        ("Dayr az-Zawr", "geonames:170794", DEIR_EZ_ZOR),
        ("Serêkaniyê", "geonames:165509", RAS_AL_AIN),
        ("دير الزور", "geonames:170794", DEIR_EZ_ZOR),
    ],
)
def test_geocode(gaz: Gazetteer, query: str, place_id: str, latlon: tuple[float, float]) -> None:
    loc = OfflineGeocoder(gaz).geocode(query)
    assert isinstance(loc, Location)
    assert loc.raw["place_id"] == place_id
    # geopy's Location is (lat, lon)
    assert geodesic(latlon, (loc.latitude, loc.longitude)).km <= loc.raw["radius_km"]
    assert (loc.raw["lon"], loc.raw["lat"]) == pytest.approx((loc.longitude, loc.latitude))


def test_address_names_place_province_and_country(gaz: Gazetteer) -> None:
    loc = OfflineGeocoder(gaz).geocode("Tal Abyad")
    assert isinstance(loc, Location)
    assert loc.address == "Tall Abyaḑ, Raqqa, SY"


def test_exactly_one_false_returns_ranked_list(gaz: Gazetteer) -> None:
    locs = OfflineGeocoder(gaz).geocode("Tripoli", exactly_one=False, limit=2)
    assert isinstance(locs, list)
    assert [loc.raw["country_code"] for loc in locs] == ["LY", "LB"]
    assert locs[0].raw["score"] >= locs[1].raw["score"]


def test_country_default_and_per_query(gaz: Gazetteer) -> None:
    turkish = OfflineGeocoder(gaz, country="TR")
    loc = turkish.geocode("Derik")
    assert isinstance(loc, Location) and loc.raw["place_id"] == "geonames:316899"
    # a per-query country overrides the default
    loc = turkish.geocode("Derik", country="SY")
    assert isinstance(loc, Location) and loc.raw["place_id"] == "geonames:173530"


def test_unknown_country_is_refused_at_construction(gaz: Gazetteer) -> None:
    with pytest.raises(ConfigurationError, match="unknown country code 'XX'"):
        OfflineGeocoder(gaz, country="XX")


@pytest.mark.parametrize("query", ["Xyzzyville", "", "   ", "x" * 10_000, "Tal\x01Abyad"])
def test_no_match_or_bad_name_gives_none(gaz: Gazetteer, query: str) -> None:
    assert OfflineGeocoder(gaz).geocode(query) is None


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("36.697, 38.954", "geonames:163750"),  # geopy strings are "lat, lon"
        ((36.851, 40.071), "geonames:165509"),
        ((36.847, 40.047), "geonames:318668"),
    ],
)
def test_reverse(gaz: Gazetteer, query: object, place_id: str) -> None:
    loc = OfflineGeocoder(gaz).reverse(query)
    assert isinstance(loc, Location)
    assert loc.raw["place_id"] == place_id


def test_reverse_many_and_nothing_nearby(gaz: Gazetteer) -> None:
    locs = OfflineGeocoder(gaz).reverse((36.697, 38.954), exactly_one=False, limit=3)
    assert isinstance(locs, list) and len(locs) == 3
    assert locs[0].raw["place_id"] == "geonames:163750"
    # the middle of the Atlantic has no place within the search box
    assert OfflineGeocoder(gaz).reverse((0.0, -30.0)) is None


def test_geopandas_geocode_with_the_default_gazetteer(user_home: Path) -> None:
    # geopandas instantiates the provider class itself, without arguments
    gdf = geopandas.tools.geocode(["Tal Abyad", "Deir ez-Zor"], provider=OfflineGeocoder)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.address) == ["Tall Abyaḑ, Raqqa, SY", "Deir ez-Zor, Deir ez-Zor, SY"]
    tal, deir = gdf.geometry
    # shapely points are x=lon, y=lat
    assert geodesic(TAL_ABYAD, (tal.y, tal.x)).km < 2.0
    assert geodesic(DEIR_EZ_ZOR, (deir.y, deir.x)).km < 5.0


def test_geopandas_geocode_passes_keyword_arguments(gaz: Gazetteer) -> None:
    gdf = geopandas.tools.geocode(
        ["Derik", "Xyzzyville"], provider=OfflineGeocoder, gazetteer=gaz, country="TR"
    )
    derik, missing = gdf.geometry
    assert (derik.x, derik.y) == pytest.approx((40.265, 37.363), abs=0.01)
    assert missing.is_empty


def test_geopandas_reverse_geocode(user_home: Path) -> None:
    gdf = geopandas.tools.reverse_geocode(
        [Point(38.954, 36.697), Point(40.071, 36.851), Point(40.047, 36.847)],
        provider=OfflineGeocoder,
    )
    assert list(gdf.address) == [
        "Tall Abyaḑ, Raqqa, SY",
        "Ra’s al ‘Ayn, Al-Hasakah, SY",
        "Ceylanpınar, Şanlıurfa, TR",
    ]
    assert gdf.geometry.iloc[1].x == pytest.approx(40.071, abs=0.01)
    assert gdf.geometry.iloc[1].y == pytest.approx(36.851, abs=0.01)
