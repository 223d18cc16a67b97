"""Place names in the output are the names an English-language reader knows; the gazetteer's
scholarly form is kept as ``name_gazetteer``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geomap.gazetteer.build import data_dir, read_tsv
from geomap.gazetteer.readable import ascii_name, has_transliteration_marks, readable_name
from geomap.geoparsing import Geoparser, resolutions_to_geojson
from geomap.types import Place


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:  # type: ignore[no-untyped-def]
    return Geoparser(gaz)


def names(parser: Geoparser, text: str) -> dict[str, tuple[str, str]]:
    return {
        r.mention.text: (r.place.name, r.place.name_gazetteer)
        for r in parser.parse(text)
        if r.place is not None
    }


def test_towns_of_northeast_syria_are_named_as_news_name_them(parser: Geoparser) -> None:
    got = names(
        parser,
        "Shelling hit Serekaniye and Tell Abyad; families fled from Qamishlo to Ayn Issa.",
    )
    assert got["Serekaniye"] == ("Ras al-Ain", "Ra’s al ‘Ayn")
    assert got["Tell Abyad"] == ("Tal Abyad", "Tall Abyaḑ")
    assert got["Qamishlo"] == ("Qamishli", "Al Qāmishlī")
    assert got["Ayn Issa"] == ("Ain Issa", "‘Ayn ‘Īsá")


def test_an_unlisted_transliteration_is_written_in_plain_letters() -> None:
    place = Place("geonames:1", "Tall Ḩamīs Ash Sharqī", 40.0, 36.0, "village")
    assert readable_name(place) == "Tall Hamis Ash Sharqi"
    assert ascii_name("Ra’s al ‘Ayn") == "Ras al Ayn"


def test_letters_of_a_national_alphabet_are_kept() -> None:
    for name in ("Şanlıurfa", "Zürich", "São Paulo", "Montréal"):
        assert not has_transliteration_marks(name)
        assert readable_name(Place("geonames:2", name, 0.0, 0.0, "city")) == name


def test_an_unchanged_name_is_its_own_gazetteer_name(parser: Geoparser) -> None:
    assert names(parser, "Talks were held in Geneva.")["Geneva"] == ("Geneva", "Geneva")


def test_every_listed_english_name_finds_its_place(gaz) -> None:  # type: ignore[no-untyped-def]
    for lineno, row in read_tsv(data_dir() / "english_names.tsv"):
        ids = {c.place.place_id for c in gaz.search(row["name"], limit=20)}
        assert row["place_id"] in ids, f"english_names.tsv:{lineno}: {row['name']}"


def test_geojson_and_csv_of_events_use_the_readable_name(parser: Geoparser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geomap.events import extract_events
    from geomap.types import Document

    gj = resolutions_to_geojson(parser.parse("Turkish troops entered Serekaniye on Wednesday."))
    (feat,) = [f for f in gj["features"] if f["properties"]["mention"] == "Serekaniye"]
    assert feat["properties"]["name"] == "Ras al-Ain"
    assert feat["properties"]["name_gazetteer"] == "Ra’s al ‘Ayn"

    doc = Document(
        "d1",
        "Turkish warplanes bombed Serekaniye on Wednesday, killing five civilians.",
        published="2019-10-10",
    )
    events = extract_events([doc])
    out = tmp_path / "events.csv"
    events.write(out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["location"] == "Ras al-Ain"
    out_json = tmp_path / "events.geojson"
    events.write(out_json)
    props = json.loads(out_json.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert props["place"] == "Ras al-Ain"


def test_a_geojson_round_trip_through_gdal_keeps_the_place_properties(
    parser: Geoparser,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import geopandas

    text = (
        "Syrian Kurdish fighters left Serekaniye. Later, flights from Heathrow Airport to "
        "Amsterdam were cancelled."
    )
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(resolutions_to_geojson(parser.parse(text))), encoding="utf-8")
    gdf = geopandas.read_file(path, engine="pyogrio")
    rows = {row["mention"]: row for _, row in gdf.iterrows()}
    town = rows["Serekaniye"]
    assert (town["role"], bool(town["literal"]), town["kind"]) == ("place", True, "town")
    assert (town["name"], town["name_gazetteer"]) == ("Ras al-Ain", "Ra’s al ‘Ayn")
    airport = rows["Heathrow Airport"]
    assert (airport["kind"], airport["role"], bool(airport["literal"])) == (
        "airport",
        "place",
        True,
    )
    assert airport["name"] == airport["name_gazetteer"] == "London Heathrow Airport"
    assert abs(airport.geometry.y - 51.4706) < 0.01
    demonym = rows["Syrian"]
    assert (demonym["role"], bool(demonym["literal"])) == ("demonym", False)
    assert demonym["name"] == "Syria" and demonym.geometry is not None
