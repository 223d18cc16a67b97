"""Event extraction: triggers, actors, dates, locations, deduplication and exports.

Most tests build the geoparse results by hand from real gazetteer records (so they test the event
stage alone); a few run the real geoparser end to end.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import ExportError, InputError
from geomap.events import (
    EventCollection,
    EventExtractor,
    deduplicate,
    extract_events,
    load_actors,
    load_triggers,
)
from geomap.events.actors import find_actors
from geomap.events.lexicon import compile_pattern
from geomap.events.location import focus_place, locate_event
from geomap.events.model import Event
from geomap.types import Document, Mention, Place, Resolution

THU = dt.date(2019, 10, 17)  # a Thursday, eight days into the October 2019 offensive

IDS = {
    "Ras al-Ain": "geonames:165509",
    "Tal Abyad": "geonames:163750",
    "Tal Tamr": "geonames:163434",
    "Hasakah": "geonames:173811",
    "Kobani": "geonames:172256",
    "Manbij": "geonames:167357",
    "Ankara": "geonames:323786",
    "Washington": "geonames:4140963",
    "Syria": "geonames:163843",
    "Raqqa": "admin1:SY.04",
    "Mosul": "geonames:99072",
}


@pytest.fixture(scope="module")
def places(gaz: Any) -> dict[str, Place]:
    out = {}
    for name, pid in IDS.items():
        place = gaz.get(pid)
        assert place is not None, pid
        out[name] = place
    return out


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor(load_triggers(user_home=False), load_actors(user_home=False))


def resolve(
    doc: Document, places: dict[str, Place], *names: str, role: str = "place"
) -> list[Resolution]:
    """Resolutions for every occurrence of the given names in the document."""
    out = []
    for name in names:
        start = doc.text.find(name)
        assert start >= 0, name
        while start >= 0:
            mention = Mention(doc.id, start, start + len(name), name, role=role)
            out.append(Resolution(mention, places[name], score=1.0))
            start = doc.text.find(name, start + 1)
    return sorted(out, key=lambda r: r.mention.start)


def events_of(
    extractor: EventExtractor,
    places: dict[str, Place],
    text: str,
    *names: str,
    published: dt.date | None = THU,
    doc_id: str = "d1",
) -> list[Event]:
    doc = Document(doc_id, text, published=published)
    events = extractor.document_events(doc, resolve(doc, places, *names))
    for e in events:
        assert text[e.start : e.end] == e.quote
        if e.mention is not None:
            assert text[e.mention.start : e.mention.end] == e.mention.text
        assert e.trigger and e.trigger in e.quote
    return events


def summary(e: Event) -> tuple[Any, ...]:
    return (
        e.event_type,
        e.sub_event_type,
        e.date,
        e.date_precision,
        e.actor1,
        e.actor2,
        e.place.place_id if e.place else None,
        e.geo_precision,
    )


# -- types, actors, dates, places --------------------------------------------------------------
def test_caption_date_glued_to_sentence(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Smoke rises over Tal Abyad after Turkish shelling on Feb. 20.Jane Doe / Example Agency"
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert summary(e) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "2019-02-20",
        "day",
        "Turkish forces",
        None,
        IDS["Tal Abyad"],
        1,
    )
    assert e.quote.endswith("on Feb. 20.")
    assert e.trigger == "shelling"


def test_weekday_dates_and_territory(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = (
        "Turkish troops and allied Syrian rebels captured the border town of Ras al-Ain on Sunday."
    )
    (e,) = events_of(extractor, places, text, "Ras al-Ain")
    assert summary(e) == (
        "Battles",
        "Non-state actor overtakes territory",
        "2019-10-13",
        "day",
        "Turkish forces",
        None,
        IDS["Ras al-Ain"],
        1,
    )
    # published on a Sunday: "on Sunday" is that day
    (e,) = events_of(extractor, places, text, "Ras al-Ain", published=dt.date(2019, 10, 13))
    assert e.date == "2019-10-13"
    # the state's own forces regaining a town
    text = "Syrian army troops recaptured Manbij from rebels on Tuesday."
    (e,) = events_of(extractor, places, text, "Manbij")
    assert summary(e)[:5] == (
        "Battles",
        "Government regains territory",
        "2019-10-15",
        "day",
        "Syrian government forces",
    )


def test_month_only_and_passive(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Tal Abyad was shelled by Turkish artillery in March, residents said."
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert summary(e) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "2019-03",
        "month",
        "Turkish forces",
        None,
        IDS["Tal Abyad"],
        1,
    )


def test_active_actor_order_and_near(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Kurdish-led forces clashed with Turkish-backed fighters near Tal Tamr on Oct. 9, 2019."
    (e,) = events_of(extractor, places, text, "Tal Tamr", published=None)
    assert summary(e) == (
        "Battles",
        "Armed clash",
        "2019-10-09",
        "day",
        "SDF",
        "Syrian National Army",
        IDS["Tal Tamr"],
        2,
    )
    assert e.actors == ("SDF", "Syrian National Army")
    text = "Kurdish forces were attacked by Turkish-backed fighters outside Tal Tamr."
    (e,) = events_of(extractor, places, text, "Tal Tamr")
    assert (e.actor1, e.actor2, e.geo_precision) == ("Syrian National Army", "SDF", 2)


def test_attack_on_civilians(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Turkish-backed fighters attacked civilians in Tal Abyad on Saturday."
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert summary(e) == (
        "Violence against civilians",
        "Attack",
        "2019-10-12",
        "day",
        "Syrian National Army",
        "Civilians",
        IDS["Tal Abyad"],
        1,
    )


def test_statement_made_far_away(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Turkish jets struck Ras al-Ain on Wednesday, the Defense Ministry said in Ankara."
    (e,) = events_of(extractor, places, text, "Ras al-Ain", "Ankara")
    assert summary(e) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        "2019-10-16",
        "day",
        "Turkish forces",
        None,
        IDS["Ras al-Ain"],
        1,
    )
    # only the speech place and the country: the country, at region precision
    text = "Turkey launched an offensive in Syria, Erdogan told reporters in Ankara on Wednesday."
    (e,) = events_of(extractor, places, text, "Syria", "Ankara")
    assert summary(e) == (
        "Strategic developments",
        "Other",
        "2019-10-16",
        "day",
        "Turkish forces",
        None,
        IDS["Syria"],
        3,
    )
    text = "US troops withdrew from Kobani yesterday, officials told reporters in Washington."
    (e,) = events_of(extractor, places, text, "Kobani", "Washington")
    assert summary(e) == (
        "Strategic developments",
        "Change to group/activity",
        "2019-10-16",
        "day",
        "US forces",
        None,
        IDS["Kobani"],
        1,
    )


def test_a_capital_named_without_a_locative_word_is_its_government(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = (
        "Turkish artillery shelled Tal Tamr on Tuesday. "
        "SDF fighters clashed with the Syrian National Army on Wednesday and accused Washington "
        "of abandoning them."
    )
    events = events_of(extractor, places, text, "Tal Tamr", "Washington")
    clash = [e for e in events if e.event_type == "Battles"]
    assert clash and clash[0].place is not None
    assert clash[0].place.place_id == IDS["Tal Tamr"]  # from the sentence before, not Washington
    text = "Protesters marched in Washington on Wednesday against the offensive."
    (e,) = events_of(extractor, places, text, "Washington")
    assert e.place is not None and e.place.place_id == IDS["Washington"]  # "in Washington"


def test_town_in_province(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Airstrikes hit Tal Abyad in Raqqa province on Monday."
    (e,) = events_of(extractor, places, text, "Tal Abyad", "Raqqa")
    assert (e.sub_event_type, e.place.place_id if e.place else None, e.geo_precision) == (
        "Air/drone strike",
        IDS["Tal Abyad"],
        1,
    )
    text = "Airstrikes hit villages in Raqqa province on Monday."
    (e,) = events_of(extractor, places, text, "Raqqa")
    assert (e.place.place_id if e.place else None, e.geo_precision) == (IDS["Raqqa"], 3)


def test_location_from_previous_sentence_and_focus(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = (
        "Fighting raged around Ras al-Ain on Tuesday. Thousands of civilians fled on "
        "Wednesday. Shelling was heard again on Thursday."
    )
    events = events_of(extractor, places, text, "Ras al-Ain")
    assert [summary(e) for e in events] == [
        ("Battles", "Armed clash", "2019-10-15", "day", None, None, IDS["Ras al-Ain"], 2),
        (
            "Strategic developments",
            "Other",
            "2019-10-16",
            "day",
            "Civilians",
            None,
            IDS["Ras al-Ain"],
            2,
        ),
        (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            "2019-10-17",
            "day",
            None,
            None,
            IDS["Ras al-Ain"],
            2,
        ),
    ]
    # the focus place (most frequent non-country place) comes last, at precision 3
    doc = Document(
        "f",
        "Mortars landed overnight. Residents of Kobani left. Kobani is quiet. "
        "Syria and Syria again.",
        published=THU,
    )
    res = resolve(doc, places, "Kobani", "Syria")
    focus = focus_place(res)
    assert focus is not None and focus.place is places["Kobani"]
    loc = locate_event((0, 25), res, doc.text, focus=focus)
    assert (loc.place, loc.geo_precision, loc.how) == (places["Kobani"], 3, "focus")


def test_demonyms_and_embedded_names_are_never_locations(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Clashes with Kurdish forces were reported in Tal Tamr on Monday."
    doc = Document("x", text, published=THU)
    res = resolve(doc, places, "Tal Tamr", role="embedded")
    (e,) = extractor.document_events(doc, res)
    # not Tal Tamr: only the country of the armed group it names, at region precision
    assert e.place is not None
    assert (e.place.kind, e.place.country_code, e.geo_precision) == ("country", "SY", 3)


def test_unknown_place_kept_with_null_geometry(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    (e,) = events_of(extractor, places, "Clashes erupted overnight, residents said.")
    assert summary(e) == ("Battles", "Armed clash", "2019-10-17", "day", None, None, None, None)
    (feature,) = EventCollection([e]).to_geojson()["features"]
    assert feature["geometry"] is None
    assert feature["properties"]["place"] is None


def test_feb_30_and_no_date(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Turkish jets struck Ras al-Ain on Feb. 30."
    (e,) = events_of(extractor, places, text, "Ras al-Ain")
    assert (e.date, e.date_precision) == ("2019-10-17", "week")
    (dated,) = events_of(
        extractor, places, "Turkish jets struck Ras al-Ain on Wednesday.", "Ras al-Ain"
    )
    assert e.confidence < dated.confidence
    # no publication date: relative dates stay null, explicit ones resolve
    (e,) = events_of(
        extractor, places, text.replace("Feb. 30", "Monday"), "Ras al-Ain", published=None
    )
    assert (e.date, e.date_precision) == (None, None)
    (e,) = events_of(
        extractor, places, text.replace("Feb. 30", "Oct. 9, 2019"), "Ras al-Ain", published=None
    )
    assert (e.date, e.date_precision) == ("2019-10-09", "day")


def test_modal_and_negated_triggers_make_no_event(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    assert events_of(extractor, places, "Turkey threatened to attack Manbij.", "Manbij") == []
    assert events_of(extractor, places, "No clashes were reported in Manbij.", "Manbij") == []
    assert events_of(extractor, places, "The executive board met in Manbij.", "Manbij") == []


def test_triggers_of_one_happening_in_a_sentence_make_one_event(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    # strikes, shelling and the flight they caused, at one place on one day: one event, coded
    # with its first most specific trigger, as ACLED codes one event per happening
    text = (
        "Turkish airstrikes and artillery shelling hit Ras al-Ain on Wednesday, forcing "
        "thousands to flee."
    )
    events = events_of(extractor, places, text, "Ras al-Ain")
    assert [(e.sub_event_type, e.trigger, e.date) for e in events] == [
        ("Air/drone strike", "airstrikes", "2019-10-16"),
    ]
    assert events[0].actor1_acled == "Military Forces of Turkey"


def test_a_strike_that_kills_civilians_is_one_strike_with_its_victims(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Turkish warplanes struck Ras al-Ain on Wednesday, killing five civilians."
    events = events_of(extractor, places, text, "Ras al-Ain")
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]
    assert (events[0].actor1, events[0].actor2) == ("Turkish forces", "Civilians")


def test_a_sentence_without_place_or_date_continues_the_happening_before_it(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = (
        "Turkish artillery shelled Tal Abyad on Monday. Two civilians were killed in the "
        "shelling, medics said."
    )
    events = events_of(extractor, places, text, "Tal Abyad")
    assert [(e.event_type, e.date) for e in events] == [
        ("Explosions/Remote violence", "2019-10-14")
    ]
    assert "killed" in events[0].quote  # the continuing sentence is part of the event


def test_a_list_of_places_gives_one_event_per_place(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Turkish jets struck Ras al-Ain, Tal Abyad and Kobani on Wednesday."
    events = events_of(extractor, places, text, "Ras al-Ain", "Tal Abyad", "Kobani")
    assert [e.place.place_id if e.place else None for e in events] == [
        places["Ras al-Ain"].place_id,
        places["Tal Abyad"].place_id,
        places["Kobani"].place_id,
    ]
    assert {(e.sub_event_type, e.date, e.geo_precision, e.actor1) for e in events} == {
        ("Air/drone strike", "2019-10-16", 1, "Turkish forces")
    }
    assert len({e.id for e in events}) == 3
    text = "Fighting raged in Tal Tamr and near Hasakah on Monday."
    events = events_of(extractor, places, text, "Tal Tamr", "Hasakah")
    assert [(e.place, e.geo_precision) for e in events] == [
        (places["Tal Tamr"], 1),
        (places["Hasakah"], 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Turkish jets struck Ras al-Ain on Monday and Tal Abyad on Tuesday.",
        "Turkish jets struck Ras al-Ain on Monday, and Tal Abyad on Tuesday.",
        "Turkish jets struck on Monday in Ras al-Ain and on Tuesday in Tal Abyad.",
        # a date set off by commas inside the list
        "Turkish jets struck Ras al-Ain on Monday and, on Tuesday, Tal Abyad.",
        # the same strikes go on with a second verb that is no trigger of its own
        "Turkish jets struck Ras al-Ain on Monday and then hit Tal Abyad on Tuesday.",
        "Turkish jets struck Ras al-Ain on Monday, and on Tuesday they hit Tal Abyad.",
        # a second trigger whose place carries its own date
        "Turkish jets struck Ras al-Ain on Monday and then shelled Tal Abyad on Tuesday.",
    ],
)
def test_each_listed_place_keeps_its_own_date(
    extractor: EventExtractor, places: dict[str, Place], text: str
) -> None:
    events = events_of(extractor, places, text, "Ras al-Ain", "Tal Abyad")
    assert [(e.place, e.date) for e in events] == [
        (places["Ras al-Ain"], "2019-10-14"),
        (places["Tal Abyad"], "2019-10-15"),
    ]


def test_a_listed_place_without_a_date_takes_the_event_date(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Turkish jets struck Ras al-Ain on Monday and Tal Abyad."
    events = events_of(extractor, places, text, "Ras al-Ain", "Tal Abyad")
    assert [e.date for e in events] == ["2019-10-14", "2019-10-14"]


@pytest.mark.parametrize(
    ("text", "names", "place"),
    [
        # the two ends of a front line: one battle
        ("SDF fighters clashed with ISIS between Manbij and Kobani on Monday.",
         ("Manbij", "Kobani"), "Manbij"),
        # a country after its town qualifies it
        ("Turkish artillery shelled Ras al-Ain, Syria, on Tuesday.", ("Ras al-Ain", "Syria"),
         "Ras al-Ain"),
        # places joined by "to" are a route, not a list
        ("Thousands fled from Ras al-Ain to Hasakah on Monday.", ("Ras al-Ain", "Hasakah"),
         "Ras al-Ain"),
    ],
)  # fmt: skip
def test_places_that_are_no_list_give_one_event(
    extractor: EventExtractor,
    places: dict[str, Place],
    text: str,
    names: tuple[str, ...],
    place: str,
) -> None:
    events = events_of(extractor, places, text, *names)
    assert len(events) == 1
    assert events[0].place == places[place]


def test_other_regions(extractor: EventExtractor, places: dict[str, Place]) -> None:
    text = "Iraqi forces arrested 12 Islamic State suspects in Mosul on Sunday."
    (e,) = events_of(extractor, places, text, "Mosul")
    assert summary(e) == (
        "Strategic developments",
        "Arrests",
        "2019-10-13",
        "day",
        "Iraqi forces",
        "Islamic State",
        IDS["Mosul"],
        1,
    )
    text = "Hundreds of protesters rallied in Ankara on Saturday against the offensive."
    (e,) = events_of(extractor, places, text, "Ankara")
    assert summary(e)[:5] == ("Protests", "Peaceful protest", "2019-10-12", "day", "Protesters")
    assert e.place is places["Ankara"]


# -- deduplication -----------------------------------------------------------------------------
def test_same_event_in_two_documents_is_merged(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    a = Document(
        "wire-1",
        "Turkish jets struck Ras al-Ain on Wednesday.",
        published=THU,
        url="https://example.org/a",
    )
    b = Document(
        "wire-2",
        "On Oct. 16, Turkish warplanes bombed Ras al-Ain, killing fighters.",
        published=dt.date(2019, 10, 18),
    )
    c = Document("wire-3", "Turkish jets struck Ras al-Ain on Monday.", published=THU)
    found = []
    for doc in (a, b, c):
        found += extractor.document_events(doc, resolve(doc, places, "Ras al-Ain"))
    assert len(found) == 3
    merged = deduplicate(found)
    assert [(e.date, e.sources) for e in merged] == [
        ("2019-10-16", ("https://example.org/a", "wire-2")),
        ("2019-10-14", ("wire-3",)),
    ]
    assert merged[0].sub_event_type == "Air/drone strike"


# -- exports -----------------------------------------------------------------------------------
@pytest.fixture
def collection(extractor: EventExtractor, places: dict[str, Place]) -> EventCollection:
    texts = [
        ("a", "Kurdish-led forces clashed with Turkish-backed fighters near Tal Tamr on Monday."),
        ("b", "Tal Abyad was shelled by Turkish artillery in March."),
        ("c", "Clashes erupted overnight, residents said."),
    ]
    found = []
    for doc_id, text in texts:
        names = [n for n in ("Tal Tamr", "Tal Abyad") if n in text]
        found += events_of(extractor, places, text, *names, doc_id=doc_id)
    return deduplicate(found)


def test_geojson_structure(collection: EventCollection) -> None:
    fc = collection.to_geojson()
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == 3
    first = fc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.37079, 36.65556]}
    props = first["properties"]
    assert props == {
        "id": "a#e1",
        "doc": "a",
        "date": "2019-10-14",
        "date_precision": "day",
        "date_start": "2019-10-14",
        "date_end": "2019-10-14",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actors": ["SDF", "Syrian National Army"],
        "actor1": "SDF",
        "actor2": "Syrian National Army",
        "actor1_acled": "QSD: Syrian Democratic Forces",
        "actor2_acled": "SNA: Syrian National Army",
        "fatalities": 0,
        "place": places_name(collection, 0),
        "place_id": IDS["Tal Tamr"],
        "country": "Syria",
        "country_code": "SY",
        "admin1": "Al-Hasakah",
        "admin1_code": "SY.01",
        "geo_precision": 2,
        "quote": collection[0].quote,
        "start": 0,
        "end": len(collection[0].quote),
        "sources": ["a"],
        "confidence": collection[0].confidence,
        "trigger": "clashed",
    }
    json.dumps(fc)  # serialisable


def places_name(collection: EventCollection, i: int) -> str:
    place = collection[i].place
    assert place is not None
    return place.name


def test_geojson_round_trip_through_geopandas(collection: EventCollection, tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    path = collection.write(tmp_path / "events")
    assert path == tmp_path / "events" and not (tmp_path / "events.geojson").exists()
    df = geopandas.read_file(path)
    assert len(df) == 3
    expected = collection.to_geojson()["features"]
    for (_, row), feature in zip(df.iterrows(), expected, strict=True):
        for key, value in feature["properties"].items():
            got = row[key]
            if isinstance(value, list):
                assert [str(v) for v in (got if got is not None else [])] == value, key
            elif value is None:
                assert got is None or got != got, key  # None or NaN
            elif key in ("date", "date_start", "date_end"):
                # GDAL reads a column of full dates as datetimes
                assert str(got)[: len(value)] == value, key
            elif isinstance(value, float | int):
                assert float(got) == pytest.approx(value), key
            else:
                assert got == value, key
        if feature["geometry"] is None:
            assert row.geometry is None or row.geometry.is_empty
        else:
            assert [row.geometry.x, row.geometry.y] == feature["geometry"]["coordinates"]


def test_geodataframe_gpkg_and_csv(collection: EventCollection, tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    gdf = collection.to_geodataframe()
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["actors"]) == ["SDF; Syrian National Army", "Turkish forces", ""]
    assert gdf.geometry.iloc[2] is None or gdf.geometry.iloc[2].is_empty
    gpkg = collection.write(tmp_path / "events.gpkg")
    back = geopandas.read_file(gpkg)
    assert list(back["id"]) == ["a#e1", "b#e1", "c#e1"]
    assert list(back["sub_event_type"])[:2] == ["Armed clash", "Shelling/artillery/missile attack"]
    csv_path = collection.write(tmp_path / "events.csv")
    import csv

    with csv_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [
        (r["event_date"], r["time_precision"], r["location"] != "", r["geo_precision"])
        for r in rows
    ] == [
        ("2019-10-14", "1", True, "2"),
        ("2019-03", "3", True, "1"),
        ("2019-10-17", "1", False, ""),
    ]
    assert rows[0]["notes"] == collection[0].quote
    assert rows[1]["actor1"] == "Turkish forces" and rows[1]["country_code"] == "SY"
    assert rows[1]["country"] == "Syria"
    assert rows[0]["latitude"] == "36.655560" and rows[0]["longitude"] == "40.370790"
    with pytest.raises(ExportError, match=r"unknown output format '\.shp'"):
        collection.write(tmp_path / "events.shp")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_cells_that_look_like_formulas_are_escaped(tmp_path: Path, start: str) -> None:
    import csv

    formula = f'{start}HYPERLINK("http://evil.example","click")'
    west = Place("user:x:1", f"{start}cmd|' /C calc'!A0", -12.5, -8.25, "town", country_code="SL")
    event = Event(
        id=formula,
        doc_id=f"{start}doc",
        date="2019-10-14",
        date_precision="day",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actors=(f"{start}SUM(A1:A9)",),
        actor1=f"{start}SUM(A1:A9)",
        place=west,
        geo_precision=1,
        quote=f"{start}2 killed in Freetown.",
        start=0,
        end=20,
        sources=(formula,),
        confidence=0.5,
    )
    path = EventCollection([event]).write(tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    for column in ("id", "doc", "actor1", "actors", "location", "notes", "source"):
        assert row[column].startswith("'" + start), column
    assert row["notes"] == f"'{start}2 killed in Freetown."
    # numbers are left alone: a negative longitude is a number, not a formula
    assert (row["latitude"], row["longitude"]) == ("-8.250000", "-12.500000")
    assert (row["start"], row["end"], row["confidence"], row["geo_precision"]) == (
        "0",
        "20",
        "0.5",
        "1",
    )
    assert row["event_type"] == "Protests"  # ordinary text unchanged
    # the other exports keep the values as they are
    assert EventCollection([event]).to_geojson()["features"][0]["properties"]["id"] == formula


# -- lexicons ----------------------------------------------------------------------------------
def test_user_lexicons(tmp_path: Path, places: dict[str, Place]) -> None:
    trig = tmp_path / "my-triggers.tsv"
    trig.write_text("# mine\nsniper fire\tBattles\tArmed clash\tuser line\n", encoding="utf-8")
    act = tmp_path / "my-actors.tsv"
    act.write_text(
        "Jaysh al-Thuwar\tJaysh al-Thuwar|Army of Revolutionaries\trebel\tSY\n", encoding="utf-8"
    )
    ex = EventExtractor(load_triggers([trig], user_home=False), load_actors([act], user_home=False))
    (e,) = events_of(
        ex, places, "The Army of Revolutionaries used sniper fire in Manbij.", "Manbij"
    )
    assert (e.event_type, e.sub_event_type, e.actor1, e.trigger) == (
        "Battles",
        "Armed clash",
        "Jaysh al-Thuwar",
        "sniper fire",
    )
    bad = tmp_path / "bad.tsv"
    bad.write_text("ok\tBattles\tArmed clash\nsniping\tBattles\tSniping\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:2: unknown sub_event_type 'Sniping'"):
        load_triggers([bad], user_home=False)
    with pytest.raises(InputError, match="no such lexicon file"):
        load_actors([tmp_path / "missing.tsv"], user_home=False)


def test_a_user_file_extends_a_named_piece_of_the_built_in_patterns(
    tmp_path: Path, places: dict[str, Place]
) -> None:
    poaching = "Police arrested a man for poaching in Hasakah on Monday."
    builtin = EventExtractor(load_triggers(user_home=False), load_actors(user_home=False))
    assert [e.sub_event_type for e in events_of(builtin, places, poaching, "Hasakah")] == [
        "Arrests"
    ]
    mine = tmp_path / "crimes.tsv"
    mine.write_text("define:CRIME\t{CRIME}|poaching\n", encoding="utf-8")
    extended = EventExtractor(load_triggers([mine], user_home=False), load_actors(user_home=False))
    # the built-in stop pattern for arrests over ordinary crimes now covers poaching too
    assert events_of(extended, places, poaching, "Hasakah") == []
    burglary = "Police arrested a man on suspicion of burglary in Hasakah on Monday."
    assert events_of(extended, places, burglary, "Hasakah") == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "re:\\b{LOOTING}\\b\tRiots\tViolent demonstration\n",
            r"x\.tsv:1: \{LOOTING\} is not defined",
        ),
        ("define:crime\tpoaching\n", r"x\.tsv:1: expected 'define:NAME<TAB>regular expression'"),
        ("define:LOOT\t(loot\n", r"x\.tsv:1: bad regular expression for LOOT"),
    ],
)
def test_bad_definitions_name_their_line(tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "x.tsv"
    bad.write_text(line, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_triggers([bad], user_home=False)


def test_pattern_syntax() -> None:
    assert compile_pattern("shell*").findall("shells, shelled and Shelling") == [
        "shells",
        "shelled",
        "Shelling",
    ]
    assert compile_pattern("IS", acronym_case=True).findall("IS fighters said it is over") == ["IS"]
    assert compile_pattern("re:\\bjets?\\s+struck").search("Two jets  struck") is not None
    with pytest.raises(InputError, match="bad regular expression"):
        compile_pattern("re:(unclosed")


@pytest.mark.parametrize("which", ["triggers", "actors"])
def test_lexicon_search_finds_what_every_pattern_finds_on_its_own(which: str) -> None:
    lexicon = (
        load_triggers(user_home=False) if which == "triggers" else load_actors(user_home=False)
    )
    text = (
        "Turkish-backed fighters and Turkish jets shelled Ras al-Ain; IS fighters clashed with "
        "the SDF near al-Hol.  U.S. troops withdrew, Kurdish militiamen said. Air\nstrikes "
        "and re-shelling hit the town. Turkey launched an offensive. it is over, is it?"
    )
    everything = [
        (m.start(), m.end(), rank)
        for rank, entry in enumerate(lexicon.entries)
        for m in compile_pattern(entry.pattern, acronym_case=which == "actors").finditer(text)
    ]
    everything.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int, int]] = []
    for s, e, rank in everything:
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, rank))
    expected = [(s, e, lexicon.entries[rank]) for s, e, rank in sorted(taken)]
    assert expected  # the text does hold matches
    assert [(m.start, m.end, m.entry) for m in lexicon.find(text)] == expected
    first_sentence = text.index(";")
    assert [(m.start, m.end, m.entry) for m in lexicon.find(text, 0, first_sentence)] == [
        x for x in expected if x[1] <= first_sentence
    ]


# -- end to end with the real geoparser --------------------------------------------------------
def test_extract_events_with_real_geoparser(gaz: Any) -> None:
    docs = [
        Document(
            "r1",
            "Turkish jets struck Ras al-Ain on Wednesday, the Defense Ministry said in Ankara.",
            published=THU,
        ),
        Document(
            "r2",
            "Turkish warplanes bombed Ras al-Ain on Oct. 16, witnesses said.",
            published=dt.date(2019, 10, 18),
        ),
    ]
    events = extract_events(docs, gazetteer=gaz, focus="SY,TR")
    assert len(events) == 1
    (e,) = events
    assert (e.event_type, e.sub_event_type, e.date, e.actor1) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        "2019-10-16",
        "Turkish forces",
    )
    assert e.place is not None and e.place.place_id == IDS["Ras al-Ain"]
    assert e.sources == ("r1", "r2")


def test_an_event_on_a_street_is_placed_at_the_town_named_with_it(gaz: Any) -> None:
    text = "Police fired tear gas at protesters in Tahrir Square in Cairo on Friday."
    (e,) = extract_events([Document("s1", text, published=THU)], gazetteer=gaz)
    assert e.event_type == "Protests" and e.date == "2019-10-11"
    assert e.place is not None and e.place.name == "Cairo" and e.place.country_code == "EG"
    assert e.mention is not None and e.mention.text == "Cairo"


def test_petrol_bombs_thrown_by_armed_men_attack_civilians_by_a_crowd_riot(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "Armed men threw firebombs into a minibus near Tal Abyad on Sunday."
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert (e.event_type, e.actor1, e.actor2) == (
        "Violence against civilians",
        "Unidentified armed group",
        "Civilians",
    )
    text = "Protesters hurled petrol bombs at police in Tal Abyad on Sunday."
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        (
            "Government forces fired artillery at houses in Tal Abyad on Monday, killing a woman.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Army units fired mortar rounds at the souk of Tal Abyad on Monday.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        # with no weapon named, firing at a bus is an attack on its passengers
        (
            "Gunmen fired at a bus near Tal Abyad on Monday, killing two passengers.",
            ("Violence against civilians", "Attack"),
        ),
    ],
)
def test_firing_a_weapon_at_a_place_is_coded_by_the_weapon(
    extractor: EventExtractor, places: dict[str, Place], text: str, coded: tuple[str, str]
) -> None:
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert (e.event_type, e.sub_event_type) == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # a charge on a crowd that was protesting peacefully: an intervention in a protest
        (
            "Riot police charged into a crowd of striking teachers in Tal Abyad on Monday.",
            ("Protests", "Protest with intervention"),
        ),
        # the same charge where the sentence before tells of violent clashes: a violent
        # demonstration, with the police as the other side
        (
            "Violent clashes broke out across Tal Abyad at the weekend. On Monday night, police "
            "charged into a bus station in the town.",
            ("Riots", "Violent demonstration"),
        ),
        # a charge before a court is no charge on a crowd
        ("In Tal Abyad on Monday police charged at least 40 men with smuggling fuel.", None),
    ],
)
def test_a_police_charge_is_an_intervention_or_part_of_a_riot(
    extractor: EventExtractor, places: dict[str, Place], text: str, coded: tuple[str, str] | None
) -> None:
    events = events_of(extractor, places, text, "Tal Abyad")
    charges = [e for e in events if "charg" in e.trigger]
    if coded is None:
        assert charges == []
        return
    (e,) = charges
    assert (e.event_type, e.sub_event_type) == coded
    assert e.date == "2019-10-14" and e.place is not None
    if coded[0] == "Riots":
        assert e.actor2 == "Police forces"


def test_cli_extract(tmp_path: Path, user_home: Path) -> None:
    from click.testing import CliRunner

    from geomap.events.cli import extract

    src = tmp_path / "reports.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "n1",
                "text": "Kurdish forces clashed with Turkish-backed fighters "
                "near Tal Tamr on Monday.",
                "published": "2019-10-17",
            }
        )
        + "\n"
        + "{broken\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.geojson"
    result = CliRunner().invoke(extract, [str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["sub_event_type"] for f in fc["features"]] == ["Armed clash"]
    assert fc["features"][0]["properties"]["date"] == "2019-10-14"
    assert "skipped" in result.stderr and ":2: malformed JSON" in result.stderr
    assert "1 event (1 located, 1 dated)" in result.stderr
    bad = CliRunner().invoke(extract, [str(src), "--published", "2019-02-30"])
    assert bad.exit_code == 2
    assert "'2019-02-30' is not a date (expected YYYY-MM-DD)" in bad.stderr
    missing = CliRunner().invoke(extract, [str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    assert "no such file or directory" in missing.stderr


def test_generic_words_need_a_known_actor(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    health = "The health ministry announced new measures in Hasakah on Monday."
    assert events_of(extractor, places, health, "Hasakah") == []
    operation = "Turkey announced a new operation near Tal Abyad on Monday."
    (e,) = events_of(extractor, places, operation, "Tal Abyad")
    assert (e.event_type, e.actor1) == ("Strategic developments", "Turkish forces")
    assert events_of(extractor, places, "Residents remained vigilant in Hasakah.", "Hasakah") == []


@pytest.mark.parametrize(
    "text",
    [
        # agreements and arrests need a known actor
        "The council agreed on Monday to build a new market in Hasakah.",
        "A trade deal was signed in Hasakah on Monday.",
        "A man was arrested in Hasakah on Monday for stealing a car.",
        # an arrest for an ordinary crime is none even by the police; a fleeing suspect is not
        # displaced
        "Police arrested a man on suspicion of burglary in Hasakah on Monday.",
        "Police in Hasakah arrested a drunk-driving suspect on Monday.",
        "The suspect fled the scene in Hasakah on Monday, police said.",
        "The gunman fled on foot in Hasakah on Monday.",
    ],
)
def test_deals_without_actors_ordinary_crime_and_fleeing_suspects_are_no_events(
    extractor: EventExtractor, places: dict[str, Place], text: str
) -> None:
    assert events_of(extractor, places, text, "Hasakah") == []


def test_people_fleeing_a_town_is_still_displacement(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    (e,) = events_of(extractor, places, "Thousands of families fled Hasakah on Monday.", "Hasakah")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Other")


def test_an_agreement_or_arrest_by_a_known_actor_is_an_event(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    text = "The SDF and the Syrian army reached a deal in Manbij on Monday."
    (e,) = events_of(extractor, places, text, "Manbij")
    assert (e.sub_event_type, e.actor1) == ("Agreement", "SDF")
    text = "Security forces arrested two ISIS members in Hasakah on Monday."
    (e,) = events_of(extractor, places, text, "Hasakah")
    # "security forces" are the state's (ACLED: Military Forces of the country), here Syria's
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Arrests",
        "Syrian government forces",
        "Islamic State",
    )


@pytest.mark.parametrize("command", ["extract", "batch"])
@pytest.mark.parametrize("option", ["--triggers", "--actors"])
def test_a_missing_lexicon_file_is_a_usage_error_before_any_work(
    tmp_path: Path, command: str, option: str
) -> None:
    from click.testing import CliRunner

    from geomap.batch.cli import batch
    from geomap.events.cli import extract

    doc = tmp_path / "report.txt"
    doc.write_text("Turkish troops shelled Ras al-Ain on Monday.", encoding="utf-8")
    args = [str(doc), option, str(tmp_path / "missing.tsv")]
    if command == "batch":
        args += ["-o", str(tmp_path / "out")]
    result = CliRunner().invoke(extract if command == "extract" else batch, args)
    assert result.exit_code == 2
    assert "missing.tsv" in result.output and "does not exist" in result.output
    assert not (tmp_path / "out").exists()


# -- actors and places anywhere ----------------------------------------------------------------
def _events(gaz: Any, text: str, published: dt.date = dt.date(2023, 5, 2)) -> list[Event]:
    return list(extract_events([Document("w1", text, published=published)], gazetteer=gaz))


def test_a_countrys_forces_are_named_from_its_demonym_anywhere(gaz: Any) -> None:
    text = (
        "Fighting between the Sudanese army and the paramilitary Rapid Support Forces broke out "
        "in Nyala on Tuesday."
    )
    (e,) = _events(gaz, text)
    assert (e.event_type, e.actor1, e.actor2) == (
        "Battles",
        "Sudanese forces",
        "Rapid Support Forces",
    )
    assert e.place is not None and (e.place.name, e.place.country_code) == ("Nyala", "SD")
    (e,) = _events(gaz, "Ukrainian drones struck an oil depot in Belgorod on Sunday.")
    assert (e.sub_event_type, e.actor1, e.date) == (
        "Air/drone strike",
        "Ukrainian forces",
        "2023-04-30",
    )
    (e,) = _events(gaz, "Sudan's army shelled Omdurman on Monday.")
    assert e.actor1 == "Sudanese forces"


def test_government_forces_are_those_of_the_country_where_the_event_happened(gaz: Any) -> None:
    (e,) = _events(gaz, "Government forces shelled Nyala on Tuesday, killing four civilians.")
    assert (e.actor1, e.actor2) == ("Sudanese government forces", "Civilians")
    (e,) = _events(gaz, "Government forces shelled Maarat al-Numan in Idlib province on Tuesday.")
    assert e.place is not None and e.place.country_code == "SY"
    assert e.actor1 == "Syrian government forces"  # the dictionary's state actor of Syria


def test_named_armed_groups_and_their_kind() -> None:
    lexicon = load_actors(user_home=False)
    text = "The Arakan Army and the Israel Defense Forces fought the Sudanese rebels."
    mentions = [
        Mention("a", text.index(word), text.index(word) + len(word), word, role=role)
        for word, role in (("Israel", "embedded"), ("Sudanese", "demonym"))
    ]
    israel = Place("geonames:294640", "Israel", 34.75, 31.5, "country", "IL")
    sudan = Place("geonames:366755", "Sudan", 30.0, 15.0, "country", "SD")
    res = [Resolution(mentions[0], israel, 1.0), Resolution(mentions[1], sudan, 1.0)]
    found = [
        (a.name, a.actor_type, a.country) for a in find_actors(text, 0, len(text), lexicon, res)
    ]
    assert found == [
        ("Arakan Army", "rebel", ""),
        ("Israel Defense Forces", "state", "IL"),
        ("Sudanese rebels", "militia", "SD"),
    ]
    for text in (
        "Staff of the Blue Grass Army Depot attacked the plan.",
        "The Salvation Army attacked poverty.",
        "Special Forces attacked the camp.",
    ):
        assert find_actors(text, 0, len(text), lexicon, res) == [], text


def test_a_source_is_no_actor(gaz: Any) -> None:
    text = "Sudanese soldiers said rebels shelled El Obeid on Monday."
    (e,) = _events(gaz, text)
    assert "Sudanese forces" not in e.actors


@pytest.mark.parametrize(
    ("text", "names", "sides"),
    [
        (
            "Clashes between the Turkish army and Kurdish fighters erupted in Ras al-Ain on "
            "Tuesday.",
            ("Ras al-Ain",),
            ("Turkish forces", "SDF"),
        ),
        (
            "Heavy fighting broke out on Monday between Kurdish fighters and Turkish troops.",
            (),
            ("SDF", "Turkish forces"),
        ),
        # "squeezed between" names no sides of the deal
        (
            "The deal left the town squeezed between Kurdish fighters and Turkish troops.",
            (),
            (None, "SDF"),
        ),
        # a few words before the first side, and an aside on it before "and"
        (
            "Fighting broke out between Turkish-backed rebel groups and the SDF near Tal Abyad.",
            ("Tal Abyad",),
            ("Syrian rebels", "SDF"),
        ),
        (
            "Clashes erupted between the SDF, backed by coalition air strikes, and the Islamic "
            "State near Tal Abyad.",
            ("Tal Abyad",),
            ("SDF", "Islamic State"),
        ),
        # "X against Y, Z and W": the side after "against"
        (
            "Fighting raged between the Islamic State against government troops and Hezbollah.",
            (),
            ("Islamic State", "Government forces"),
        ),
    ],
)
def test_the_two_sides_of_clashes_between(
    extractor: EventExtractor,
    places: dict[str, Place],
    text: str,
    names: tuple[str, ...],
    sides: tuple[str | None, str | None],
) -> None:
    (e,) = events_of(extractor, places, text, *names)
    assert (e.actor1, e.actor2) == sides


def test_a_later_name_that_no_and_joins_is_no_side_of_clashes_between(
    extractor: EventExtractor, places: dict[str, Place]
) -> None:
    # "including a police officer" names a victim, not the other side
    text = "Clashes between two farming families near Tal Abyad left three dead, one a policeman."
    (e,) = events_of(extractor, places, text, "Tal Abyad")
    assert e.actor2 != "Police forces"


def test_an_event_is_placed_in_its_own_clause(gaz: Any) -> None:
    text = (
        "Fighting spread to Darfur on Tuesday, residents said, as shelling hit parts of "
        "El Geneina and Nyala."
    )
    where = {
        (e.event_type, e.place.name if e.place else None, e.geo_precision)
        for e in _events(gaz, text)
    }
    assert where == {
        ("Battles", "Darfur", 3),
        ("Explosions/Remote violence", "Al-Junaynah", 1),
        ("Explosions/Remote violence", "Nyala", 1),
    }


def test_a_place_behind_a_possessor_keeps_the_cue(gaz: Any) -> None:
    (e,) = _events(gaz, "Turkish jets struck targets in Syria's Hasakah province on Monday.")
    assert e.place is not None and (e.place.name, e.place.kind) == ("Al-Hasakah", "admin1")
    (e,) = _events(
        gaz, "Drones were launched from Russia's Kursk region on Monday, and 18 were shot down."
    )
    assert e.place is not None and e.place.name == "Kursk Oblast"


def test_a_direction_from_a_town_places_the_event_near_it(gaz: Any) -> None:
    text = (
        "Russian forces captured the village of Klishchiivka, south of Bakhmut in Ukraine, "
        "on Monday."
    )
    (e,) = _events(gaz, text)
    assert e.place is not None and (e.place.name, e.geo_precision) == ("Bakhmut", 2)
    # far away, the town is only a landmark
    text = (
        "Gunmen kidnapped two aid workers from a camp 1,088 miles southwest of Algiers in Tindouf."
    )
    (e,) = _events(gaz, text)
    assert e.place is not None and (e.place.name, e.geo_precision) == ("Tindouf", 1)


def test_a_capital_where_a_ministry_spoke_is_not_the_place(gaz: Any) -> None:
    text = (
        "In Moscow, the defence ministry said its forces had captured the village of "
        "Klishchiivka, south of Bakhmut in Ukraine."
    )
    (e,) = _events(gaz, text)
    assert e.place is not None and e.place.name == "Bakhmut"
    # a town where residents speak is where it happened
    (e,) = _events(gaz, "In Tal Abyad, residents said shelling hit the market in Syria.")
    assert e.place is not None and e.place.name == "Tal Abyad"


def test_the_lexicons_doctests_hold() -> None:
    # _regex_prefixes: which words a "re:" trigger can start at, so it is tried only there
    import doctest

    from geomap.events import lexicon

    result = doctest.testmod(lexicon)
    assert result.attempted > 0 and result.failed == 0


def test_a_trigger_with_alternatives_and_look_behinds_matches_as_a_whole_text_scan_does() -> None:
    from geomap.events import load_triggers

    triggers = load_triggers()
    text = (
        "Police arrested two men for drunk driving in Kano. Teachers began a three-day strike. "
        "The camp now hosts 12,000 people. Troops were mobilised. A vote fraud inquiry began."
    )
    found = {m.text for m in triggers.find(text)}
    assert {
        "arrested two men for drunk driving",  # a stop pattern: an ordinary crime
        "three-day strike",
        "now hosts 12,000 people",
        "mobilised",
    } <= found
