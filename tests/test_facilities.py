"""Airports news name are read as airports, from the registry of PyPI ``airportsdata``."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from geomap.facilities import AirportIndex, distinctive_names, facility_words, load_airports
from geomap.geoparsing import Geoparser
from geomap.types import Resolution

HEATHROW = (51.4706, -0.4619)
SCHIPHOL = (52.3086, 4.7639)
OTTAWA_AIRPORT = (45.3225, -75.6692)
JFK = (40.6399, -73.7787)


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:  # type: ignore[no-untyped-def]
    return Geoparser(gaz)


def airports_in(parser: Geoparser, text: str) -> dict[str, Resolution]:
    return {r.mention.text: r for r in parser.parse(text) if r.place and r.place.kind == "airport"}


def km(r: Resolution, latlon: tuple[float, float]) -> float:
    assert r.place is not None
    return geodesic((r.place.lat, r.place.lon), latlon).km


def test_the_registry_is_read_from_the_installed_package() -> None:
    airports = load_airports()
    assert len(airports) > 5000
    assert {"LHR", "AMS", "YOW", "JFK"} <= {a.iata for a in airports}


def test_an_airport_is_named_by_its_distinctive_part_before_an_airport_word(
    parser: Geoparser,
) -> None:
    found = airports_in(parser, "Our plane landed at Heathrow Airport after a long delay.")
    r = found["Heathrow Airport"]
    assert r.mention.literal and r.mention.cue == "airport"
    assert r.place is not None and r.place.place_id == "airport:EGLL"
    assert km(r, HEATHROW) < 1


def test_a_long_registry_name_and_a_name_after_the_airport_word_are_read_whole(
    parser: Geoparser,
) -> None:
    text = (
        "The minister flew out of Macdonald-Cartier International Airport on Monday and "
        "landed at Amsterdam Airport Schiphol that night."
    )
    found = airports_in(parser, text)
    assert km(found["Macdonald-Cartier International Airport"], OTTAWA_AIRPORT) < 1
    assert km(found["Amsterdam Airport Schiphol"], SCHIPHOL) < 1
    # the city inside the airport's name is no mention of its own
    assert "Amsterdam" not in {r.mention.text for r in parser.parse(text)}


def test_an_iata_code_before_airport_is_that_airport(parser: Geoparser) -> None:
    found = airports_in(parser, "He was detained at JFK airport on his way home.")
    assert km(found["JFK airport"], JFK) < 1


def test_a_distinctive_name_alone_is_the_airport_in_a_report_about_flying(
    parser: Geoparser,
) -> None:
    found = airports_in(
        parser, "Many flights from Heathrow were cancelled, and passengers at Schiphol waited."
    )
    assert km(found["Heathrow"], HEATHROW) < 1
    assert km(found["Schiphol"], SCHIPHOL) < 1


def test_a_name_alone_stays_a_town_or_a_person_outside_such_context(parser: Geoparser) -> None:
    # Heathrow is also a town in Florida; nothing here is about flying
    res = {r.mention.text: r for r in parser.parse("A man from Heathrow, Florida, won the race.")}
    assert res["Heathrow"].place is not None and res["Heathrow"].place.kind != "airport"
    # a person named like an airport, even in a report with a flight in it
    text = "Manuel Noriega took a flight home. Officials said they met Noriega at dawn."
    assert not airports_in(parser, text)


def test_a_city_with_a_lower_case_airport_after_it_stays_the_city(parser: Geoparser) -> None:
    res = {r.mention.text: r for r in parser.parse("Rockets fell near Beirut airport.")}
    assert res["Beirut"].place is not None and res["Beirut"].place.kind == "city"
    assert "Beirut airport" not in res


def test_an_airport_is_written_with_its_kind_and_point(parser: Geoparser) -> None:
    from geomap.geoparsing import resolutions_to_geojson

    gj = resolutions_to_geojson(parser.parse("Flights resumed at Heathrow Airport."))
    (feat,) = [f for f in gj["features"] if f["properties"]["kind"] == "airport"]
    assert feat["properties"]["mention"] == "Heathrow Airport"
    assert feat["properties"]["literal"] is True
    lon, lat = feat["geometry"]["coordinates"]
    assert geodesic((lat, lon), HEATHROW).km < 1


def test_distinctive_names_take_off_the_city_and_the_airport_words() -> None:
    sfx = facility_words().registry_suffixes
    names, city_only = distinctive_names(
        "Hartsfield/Jackson Atlanta International Airport", "Atlanta", sfx
    )
    assert "hartsfield jackson" in names and not city_only
    assert distinctive_names("Dublin Airport", "Dublin", sfx) == ({"dublin"}, True)


def test_a_name_several_airports_share_needs_the_documents_evidence(gaz) -> None:  # type: ignore[no-untyped-def]
    # two registry airports of one name: read only where the document places it
    by = {a.iata: a for a in load_airports()}
    index = AirportIndex([by["LHR"], by["LGW"]])
    index.named["twin airport"] = [by["LHR"], by["LGW"]]
    from geomap.facilities import FacilityFinder

    finder = FacilityFinder(gaz, index)
    assert finder.find("We flew from Twin Airport.")  # the name is read...
    assert finder.apply("We flew from Twin Airport.", "d", []) == []  # ...but not placed


def test_a_listed_oil_field_is_read_whole_with_its_lower_case_kind_words(
    parser: Geoparser,
) -> None:
    # "Omar" alone is a given name; the gazetteer lists "al-Omar oil field" as a site
    found = {
        r.mention.text: r
        for r in parser.parse("The SDF held a ceremony at the nearby al-Omar oil field.")
    }
    r = found["al-Omar oil field"]
    assert r.place is not None and r.place.place_id == "geomap:al-omar-oil-field"
