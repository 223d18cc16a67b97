"""Unit tests for geomap.render (no browser): layers, offline HTML, escaping, border strip."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapely.geometry import Point

from geomap.errors import ExportError, InputError
from geomap.render import (
    buffer_zone,
    date_span,
    events_in_buffer,
    load_events,
    render_map,
    save_map,
)
from geomap.render.cli import map_command
from geomap.render.safejson import dumps

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "`${window.__pwned=4}`",
    "{{ 7*7 }} {% if 1 %}x{% endif %} {# c #}",
    "a & b \u2028 c \u2029 d",
]
TAL_ABYAD = (38.954, 36.697)
RAS_AL_AIN = (40.071, 36.851)
AKCAKALE = (38.948, 36.711)
HASAKAH = (40.75, 36.50)  # ~67 km south of the digitised border


def feature(lon: float | None, lat: float | None, **props: Any) -> dict[str, Any]:
    base = {
        "id": "ev1",
        "doc": "doc1",
        "date": "2019-10-09",
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actors": ["SDF", "TSK"],
        "place": "Tal Abyad",
        "place_id": "geonames:163345",
        "country_code": "SY",
        "admin1": "SY.04",
        "geo_precision": 1,
        "quote": "Fighting near Tal Abyad on Wednesday.",
        "start": 0,
        "end": 37,
        "sources": ["AFP"],
        "url": "https://example.org/a",
        "confidence": 0.8,
    }
    base.update(props)
    geom = None if lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geom, "properties": base}


def fc(*feats: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(feats)}


def hostile_events() -> dict[str, Any]:
    feats = [
        feature(
            *TAL_ABYAD,
            id=f"h{i}",
            quote=f"In Tal Abyad {text} happened.",
            actors=[text],
            place="Tal Abyad",
            sources=[text],
            url="javascript:alert(1)",
        )
        for i, text in enumerate(HOSTILE)
    ]
    feats.append(feature(40.0, 36.2, id="odd", event_type="<b>Looting</b>{{ 7*7 }}"))
    feats.append(feature(None, None, id="nowhere", quote=HOSTILE[1] + " somewhere"))
    return fc(*feats)


def html_of(m: Any, tmp_path: Path, name: str = "map.html") -> str:
    path = save_map(m, tmp_path / name)
    return path.read_text(encoding="utf-8")


def payload_of(html: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="geomap_data_\w+">(.*?)</script>', html, re.S
    )
    assert found, "the event data block is missing"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# -- offline -------------------------------------------------------------------------------------

RESOURCE_PATTERNS = [
    re.compile(r"<script[^>]*\ssrc\s*=", re.I),
    re.compile(r"<link[^>]*\shref\s*=", re.I),
    re.compile(r"<(?:img|iframe|source|embed|video|audio)[^>]*\ssrc\s*=\s*[\"']?https?:", re.I),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"@import", re.I),
]


def test_html_loads_no_network_resource(tmp_path: Path) -> None:
    html = html_of(render_map(hostile_events(), places=fc(), title="t"), tmp_path)
    for pattern in RESOURCE_PATTERNS:
        assert not pattern.search(html), f"network resource: {pattern.pattern}"
    # only plain anchors (Leaflet's attribution link) may mention http(s) in markup
    for m in re.finditer(r"(?:src|href)\s*=\s*[\"']?https?://", html):
        before = html[max(0, m.start() - 40) : m.start()]
        assert "<a " in before, f"unexpected link {html[m.start() - 40 : m.end() + 30]!r}"
    for lib in ("Leaflet 1.9.3", "jQuery v3.7.1", "MarkerClusterGroup", "geomapRender"):
        assert lib in html
    assert "tile.openstreetmap.org" not in html
    assert "bootstrap" not in html.lower() and "font-awesome" not in html.lower()
    assert '"maxZoom": 18' in html


def test_online_tiles_only_on_request(tmp_path: Path) -> None:
    data = payload_of(html_of(render_map(fc(), offline=False), tmp_path))
    assert [t[0] for t in data["tiles"]] == ["OpenStreetMap", "CARTO light"]
    assert payload_of(html_of(render_map(fc()), tmp_path, "b.html"))["tiles"] == []


# -- layers and data -----------------------------------------------------------------------------


def test_payload_has_every_layer(tmp_path: Path) -> None:
    events = fc(
        feature(*TAL_ABYAD, id="a"),
        feature(39.0, 35.9, id="b", event_type="Protests", geo_precision=2),
        feature(40.7, 36.5, id="c", event_type="Protests", geo_precision=3, admin1="SY.01"),
        feature(
            41.0,
            36.0,
            id="d",
            event_type="Riots",
            geo_precision=3,
            admin1="",
            place_id="x",
            country_code="",
        ),
        feature(None, None, id="e", event_type="Riots"),
    )
    places = fc(
        feature(*TAL_ABYAD, name="Tal Abyad", mention="Girê Spî", kind="town"),
        feature(*TAL_ABYAD, name="Tal Abyad", mention="Tal Abyad", kind="town", doc="d2"),
    )
    data = payload_of(html_of(render_map(events, places=places, title="Oct 2019"), tmp_path))
    assert [t["n"] for t in data["types"]] == ["Battles", "Protests", "Riots"]
    assert [t["k"] for t in data["types"]] == [1, 2, 2]
    assert len({(t["c"], t["s"]) for t in data["types"]}) == 3  # distinct colour + symbol
    rows = {data["S"][r[17]]: r for r in data["E"]}
    assert rows["a"][6] == 1 and rows["b"][6] == 2 and rows["b"][7] == 10.0
    assert data["regions"][rows["c"][8]]["n"] == "Al-Hasakah" or rows["c"][8] >= 0
    assert rows["d"][8] == -1 and rows["d"][7] >= 50  # no outline: a big circle, never a pin
    assert rows["e"][0] is None and data["counts"] == {"events": 5, "located": 4, "precise": 2}
    assert data["buffer"]["n"] == 1 and rows["a"][9] == 1
    assert len(data["P"]) == 1 and data["P"][0][6] == 2 and data["P"][0][7] == 2
    base = data["base"]
    assert {"countries", "admin1", "borders", "rivers", "sites", "towns"} <= base.keys()
    assert {s["k"] for s in base["sites"]} == {"camp", "prison", "border_crossing"}
    assert "al-Hol camp" in {s["n"] for s in base["sites"]}
    assert {"Euphrates", "Tigris", "Khabur River"} <= {r["n"] for r in base["rivers"]}
    assert any(b["n"] == "Turkey–Syria border" for b in base["borders"])
    assert any(a["c"] == "SY.01" for a in base["admin1"])
    assert data["title"] == "Oct 2019"


def test_places_layer_draws_only_literal_mentions(tmp_path: Path) -> None:
    turkey = (35.0, 39.0)
    places = fc(
        feature(*TAL_ABYAD, name="Tall Abyad", mention="Tal Abyad", literal=True, place_id="t"),
        feature(*turkey, name="Turkey", mention="Turkish", role="demonym", literal=False),
        feature(*turkey, name="Turkey", mention="Turkey", place_id="tr"),  # no `literal`: older
    )
    rows = payload_of(html_of(render_map(fc(), places=places), tmp_path))["P"]
    assert sorted(r[6] for r in rows) == [1, 1] and len(rows) == 2  # Tal Abyad, and "Turkey"


def test_month_precision_spans_its_month(tmp_path: Path) -> None:
    data = payload_of(
        html_of(
            render_map(fc(feature(*TAL_ABYAD, date="2019-10", date_precision="month"))), tmp_path
        )
    )
    row = data["E"][0]
    assert row[4] - row[3] == 30 and data["S"][row[5]] == "October 2019"
    assert data["time"] == [row[3], row[4]]


@pytest.mark.parametrize(
    ("value", "precision", "days", "label"),
    [
        ("2019-10-09", "day", 0, "9 October 2019"),
        ("2019-10-09", "week", 6, "week of 7 October 2019"),
        ("2019-10", "month", 30, "October 2019"),
        ("2019-02", None, 27, "February 2019"),
        ("2019", "year", 364, "2019"),
        ("2019-10", "day", 30, "October 2019"),
    ],
)
def test_date_span(value: str, precision: str | None, days: int, label: str) -> None:
    span = date_span(value, precision)
    assert span is not None and span[1] - span[0] == days and span[2] == label


def test_undated_and_unlocated_events_are_kept(tmp_path: Path) -> None:
    events = fc(feature(None, None, id="x", date=None), feature(*TAL_ABYAD, id="y", date="soon"))
    data = payload_of(html_of(render_map(events), tmp_path))
    assert len(data["E"]) == 2 and data["time"] is None
    assert data["E"][0][0] is None and data["E"][1][3] is None


def test_empty_map(tmp_path: Path) -> None:
    html = html_of(render_map(fc(), title="Nothing"), tmp_path)
    data = payload_of(html)
    assert data["E"] == [] and data["counts"]["events"] == 0
    assert data["bounds"] == [[32.0, 35.0], [38.5, 43.5]]
    assert "No events to show" in html and "<title>Nothing</title>" in html


def test_antimeridian_and_world_bounds(tmp_path: Path) -> None:
    data = payload_of(
        html_of(render_map(fc(feature(179.5, -17.0), feature(-179.5, -16.0))), tmp_path)
    )
    assert data["shift"] is True
    (s, w), (n, e) = data["bounds"]
    assert (w, e) == (179.5, 180.5) and (s, n) == (-17.0, -16.0)
    world = fc(feature(-150.0, 60.0), feature(0.0, 0.0), feature(150.0, -40.0))
    data = payload_of(html_of(render_map(world), tmp_path, "w.html"))
    assert data["shift"] is False and data["bounds"] == [[-40.0, -150.0], [60.0, 150.0]]


# -- escaping ------------------------------------------------------------------------------------


def test_hostile_text_is_escaped_and_round_trips(tmp_path: Path) -> None:
    html = html_of(
        render_map(hostile_events(), title="<script>window.__pwned=9</script>"), tmp_path
    )
    for text in HOSTILE:
        for part in ("<script>window", "<img", "{{ 7*7 }}", "{%", "{#", "\u2028"):
            if part in text:
                assert part not in html, part
    counter = _TagCounter()
    counter.feed(html)
    assert counter.starts == counter.ends >= 5  # no script element was opened or closed by data
    assert "<title>&lt;script&gt;window.__pwned=9&lt;/script&gt;</title>" in html
    data = payload_of(html)
    strings = set(data["S"])
    for text in HOSTILE:
        assert text in strings  # the text itself survives, as text
    assert "<b>Looting</b>{{ 7*7 }}" in {t["n"] for t in data["types"]}
    assert "javascript:alert(1)" in strings  # kept as data; the page only links http(s) URLs


class _TagCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.starts = self.ends = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.starts += tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.ends += tag == "script"


def test_safejson_escapes() -> None:
    text = dumps({"a": "</script>&{{x}}{%y%}{#z#}\u2028"})
    for bad in ("<", ">", "&", "{{", "{%", "{#", "\u2028"):
        assert bad not in text
    assert json.loads(text) == {"a": "</script>&{{x}}{%y%}{#z#}\u2028"}
    assert dumps({"x": float("nan")}) == '{"x":null}'


# -- inputs --------------------------------------------------------------------------------------


def test_inputs_of_every_kind(tmp_path: Path) -> None:
    import geopandas as gpd

    events = fc(feature(*TAL_ABYAD), feature(None, None, id="n"))
    path = tmp_path / "e.geojson"
    path.write_text(json.dumps(events), encoding="utf-8")

    class Holder:
        def to_geojson(self) -> dict[str, Any]:
            return events

    gdf = gpd.GeoDataFrame.from_features(events["features"][:1], crs=4326)
    assert len(load_events(path)) == len(load_events(str(path))) == 2
    assert len(load_events(Holder())) == 2 and len(load_events(json.dumps(events))) == 2
    loaded = load_events(gdf)
    assert loaded[0]["geometry"]["coordinates"] == [38.954, 36.697]
    assert loaded[0]["properties"]["actors"] == ["SDF", "TSK"]
    assert load_events(None) == []
    m = render_map(gdf.to_crs(32637))  # any CRS: reprojected to lon/lat
    assert payload_of(html_of(m, tmp_path))["E"][0][:2] == [38.954, 36.697]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid GeoJSON"),
        ("", "empty"),
        ('{"type": "Point"}', "type 'Point'"),
        ('{"type": "FeatureCollection", "features": [1]}', "feature 0 is not a GeoJSON Feature"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
            '"geometry": {"type": "Point", "coordinates": ["a", 1]}}]}',
            "not numbers",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
            '"geometry": {"type": "Point", "coordinates": [10, 95]}}]}',
            "not a [lon, lat] pair",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"x": ' + "[" * 5000 + "]" * 5000 + "}, " + '"geometry": null}]}',
            "nested more than 100 levels deep",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"x": ' + "[" * 150 + "]" * 150 + "}, " + '"geometry": null}]}',
            "feature 0: nested more than 100 levels deep",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"quote": "a\\ud800"}, "geometry": null}]}',
            "feature 0: invalid Unicode: a lone surrogate U+D800",
        ),
    ],
)
def test_unreadable_geojson_raises_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        render_map(path)


def test_map_command_on_nested_geojson_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nested.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [' + "[" * 5000 + "]" * 5000 + "]}",
        encoding="utf-8",
    )
    result = CliRunner().invoke(map_command, [str(path), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert result.output == (
        f"geomap: error: {path}: not usable GeoJSON (nested more than 100 levels deep)\n"
    )
    assert not (tmp_path / "m.html").exists()


def test_other_bad_inputs() -> None:
    with pytest.raises(InputError, match="no such file"):
        render_map("/nonexistent/events.geojson")
    with pytest.raises(InputError, match="cannot read int"):
        render_map(42)
    with pytest.raises(InputError, match="places"):
        render_map(fc(), places={"type": "Nope"})


def test_save_map_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write map"):
        save_map(render_map(fc()), tmp_path / "no" / "such" / "map.html")


# -- border strip --------------------------------------------------------------------------------


def test_buffer_zone_geometry() -> None:
    from pyproj import Geod

    zone = buffer_zone()
    assert zone.is_valid and not zone.is_empty
    assert zone.contains(Point(*TAL_ABYAD)) and zone.contains(Point(*RAS_AL_AIN))
    assert not zone.contains(Point(*AKCAKALE))  # Turkish twin town, 1.5 km north
    assert not zone.contains(Point(*HASAKAH))  # ~50 km south
    for town in [(37.121, 36.718), (40.2, 37.2), (38.42, 36.976)]:  # Kilis, Viranşehir S, Suruç
        assert not zone.contains(Point(*town))
    minx, _, maxx, _ = zone.bounds
    assert (minx, maxx) == pytest.approx((37.0, 42.4))
    # depth: from the border line at 39°E straight south to the strip's edge is ~30 km
    edge = (
        min(y for x, y in zone.geoms[0].exterior.coords if abs(x - 39.0) < 0.05)
        if zone.geom_type == "MultiPolygon"
        else zone.bounds[1]
    )
    depth_km = Geod(ellps="WGS84").inv(39.0, 36.6996, 39.0, edge)[2] / 1000
    assert 27 < depth_km < 33
    assert buffer_zone(50).area > zone.area > buffer_zone(10).area
    assert buffer_zone(30, (38.0, 39.0)).bounds[2] == pytest.approx(39.0)


def test_buffer_zone_rejects_bad_values() -> None:
    from geomap.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="depth"):
        buffer_zone(-5)
    with pytest.raises(ConfigurationError, match="lon_range"):
        buffer_zone(30, (42.0, 37.0))


def test_events_in_buffer() -> None:
    import geopandas as gpd

    events = fc(
        feature(*TAL_ABYAD, id="in1"),
        feature(*RAS_AL_AIN, id="in2"),
        feature(*AKCAKALE, id="tr"),
        feature(*HASAKAH, id="south"),
        feature(None, None, id="none"),
    )
    assert [f["properties"]["id"] for f in events_in_buffer(events)] == ["in1", "in2"]
    assert [f["properties"]["id"] for f in events_in_buffer(events, depth_km=80)] == [
        "in1",
        "in2",
        "south",
    ]
    gdf = gpd.GeoDataFrame.from_features(events["features"][:4], crs=4326)
    assert list(events_in_buffer(gdf)["id"]) == ["in1", "in2"]


# -- size and CLI --------------------------------------------------------------------------------


def test_thousand_events_stay_small(tmp_path: Path) -> None:
    import random

    rng = random.Random(5)
    feats = [
        feature(
            rng.uniform(37, 42),
            rng.uniform(35, 37.2),
            id=f"e{i}",
            doc=f"d{i // 3}",
            quote=f"Event {i}: shelling reported near the village of X{i} on Monday.",
        )
        for i in range(1000)
    ]
    path = save_map(render_map(fc(*feats)), tmp_path / "k.html")
    assert path.stat().st_size < 3_000_000
    assert len(payload_of(path.read_text(encoding="utf-8"))["E"]) == 1000


def test_map_command(tmp_path: Path) -> None:
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps(hostile_events()), encoding="utf-8")
    out = tmp_path / "m.html"
    result = CliRunner().invoke(
        map_command, [str(src), "-o", str(out), "--title", "T", "--buffer-km", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "8 events" in result.output
    assert payload_of(out.read_text(encoding="utf-8"))["buffer"]["km"] == 20.0
    bad = tmp_path / "bad.geojson"
    bad.write_text("[1,", encoding="utf-8")
    result = CliRunner().invoke(map_command, [str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "not valid GeoJSON" in result.output


def test_map_command_runs_the_pipeline_on_text_inputs(tmp_path: Path, gaz: Any) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(
        json.dumps({"id": "n1", "text": "Turkish artillery shelled Tal Abyad on Monday."})
        + "\n{broken\n",
        encoding="utf-8",
    )
    out, events_out, places_out = (
        tmp_path / "m.html",
        tmp_path / "e.geojson",
        tmp_path / "p.geojson",
    )
    result = CliRunner().invoke(
        map_command,
        [
            str(news),
            "-o",
            str(out),
            "--published",
            "2019-10-10",
            "--geojson",
            str(events_out),
            "--places-geojson",
            str(places_out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "news.jsonl:2" in result.output  # the malformed line is reported, not lost
    events = json.loads(events_out.read_text(encoding="utf-8"))["features"]
    shelling = [e for e in events if e["properties"]["event_type"] == "Explosions/Remote violence"]
    assert shelling and shelling[0]["properties"]["date"] == "2019-10-07"  # the Monday before
    lon, lat = shelling[0]["geometry"]["coordinates"]
    assert abs(lon - TAL_ABYAD[0]) < 0.05 and abs(lat - TAL_ABYAD[1]) < 0.05
    places = json.loads(places_out.read_text(encoding="utf-8"))["features"]
    assert {"Tal Abyad", "Turkish"} <= {p["properties"]["mention"] for p in places}
    assert len(payload_of(out.read_text(encoding="utf-8"))["P"]) >= 1  # the places layer
    bad_date = CliRunner().invoke(map_command, [str(news), "--published", "2019-02-30"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output


THREE_CONTINENTS = Path(__file__).resolve().parent / "data" / "maps" / "three_continents.geojson"


def test_map_opens_on_every_precise_event_not_on_a_main_cluster(tmp_path: Path) -> None:
    # Syria, Sudan and Ukraine: the old "main cluster" dropped every Khartoum event
    data = payload_of(html_of(render_map(THREE_CONTINENTS), tmp_path))
    (south, west), (north, east) = data["bounds"]
    assert (west, east) == (25.349, 40.071) and (south, north) == (13.627, 50.45)
    assert data["view"] == "events" and data["regionsOn"] is False
    assert data["counts"] == {"events": 13, "located": 12, "precise": 9}
    # far outliers are events like the others: the view includes them
    syria = [feature(38.9 + i * 0.1, 36.6 + i * 0.05, id=f"s{i}") for i in range(12)]
    far = [feature(-77.03, 38.9, id="dc"), feature(114.17, 22.3, id="hk")]
    (south, west), (north, east) = payload_of(html_of(render_map(fc(*syria, *far)), tmp_path))[
        "bounds"
    ]
    assert west == -77.03 and east == 114.17


def test_country_level_events_neither_move_the_view_nor_show_at_first(tmp_path: Path) -> None:
    events = fc(
        feature(*TAL_ABYAD, id="town"),
        feature(35.0, 39.0, id="tr", geo_precision=3, place="Turkey", country_code="TR"),
        feature(32.85, 39.93, id="ankara-prov", place_kind="admin1", place="Ankara"),
    )
    data = payload_of(html_of(render_map(events), tmp_path))
    rows = {data["S"][r[17]]: r for r in data["E"]}
    assert rows["tr"][6] == 3 and rows["ankara-prov"][6] == 3  # a province by its kind
    assert data["bounds"] == [[TAL_ABYAD[1], TAL_ABYAD[0]], [TAL_ABYAD[1], TAL_ABYAD[0]]]
    assert data["regionsOn"] is False
    only_regions = payload_of(html_of(render_map(fc(*events["features"][1:])), tmp_path, "r.html"))
    assert only_regions["regionsOn"] is True
    assert only_regions["bounds"] == [[39.0, 32.85], [39.93, 35.0]]
    everything = payload_of(html_of(render_map(events, view="all"), tmp_path, "a.html"))
    assert everything["bounds"] == [[36.697, 32.85], [39.93, 38.954]]


def test_view_box_and_place(tmp_path: Path, default_index: Path) -> None:
    data = payload_of(html_of(render_map(THREE_CONTINENTS, view=" 20, 0,45,25"), tmp_path))
    assert data["bounds"] == [[0.0, 20.0], [25.0, 45.0]] and data["view"] == "box"
    data = payload_of(html_of(render_map(THREE_CONTINENTS, view="Sudan"), tmp_path, "s.html"))
    (south, west), (north, east) = data["bounds"]
    assert data["view"] == "place" and 21 < west < 23 and 38 < east < 39 and 8 < south < north
    from geomap.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="W,S,E,N"):
        render_map(fc(), view="10,20,30,-5")
    with pytest.raises(ConfigurationError, match="no such place"):
        render_map(fc(), view="Qqqxzzy Wwwv")
    out = tmp_path / "v.html"
    result = CliRunner().invoke(
        map_command, [str(THREE_CONTINENTS), "-o", str(out), "--view", "all"]
    )
    assert result.exit_code == 0, result.output
    assert payload_of(out.read_text(encoding="utf-8"))["view"] == "all"


def test_events_across_the_border_are_never_in_the_syrian_strip() -> None:
    # Ceylanpınar and Nusaybin lie within the strip's 1 km tolerance north of the digitised line;
    # their gazetteer country (TR) keeps them out, while Ras al-Ain (SY) is in.
    feats = [
        feature(40.047, 36.847, id="c", country_code="TR"),
        feature(41.21465, 37.07028, id="n", country_code="TR"),
        feature(40.071, 36.851, id="r", country_code="SY"),
    ]
    from geomap.render.buffer import inside_mask

    geometric = inside_mask([40.047, 41.21465, 40.071], [36.847, 37.07028, 36.851], buffer_zone())
    assert geometric.all()  # the generalised geometry alone would take all three
    inside = {f["properties"]["id"] for f in events_in_buffer(feats)}
    assert inside == {"r"}


def test_region_outlines_are_named_and_hold_their_count_point(tmp_path: Path) -> None:
    events = fc(
        feature(35.0, 39.0, id="tr", geo_precision=3, admin1="", country_code="TR"),
        feature(40.7, 36.5, id="hs", geo_precision=3, admin1="SY.01"),
    )
    data = payload_of(html_of(render_map(events), tmp_path))
    names = sorted(r["n"] for r in data["regions"])
    assert names == ["Al-Hasakah, Syria", "Turkey"]  # places, not "TR" or "SY.01"
    for region in data["regions"]:
        assert Point(*region["c"]).within(shape_of(region["g"]).buffer(0.05))
    admin = {a["c"]: a for a in data["base"]["admin1"]}
    assert admin["SY.01"]["cn"] == "Syria"


def shape_of(geom: dict[str, Any]) -> Any:
    from shapely.geometry import shape

    return shape(geom)


def test_context_layers_follow_the_events(tmp_path: Path) -> None:
    khartoum = feature(32.53, 15.55, id="k", country_code="SD", place="Khartoum")
    data = payload_of(html_of(render_map(fc(khartoum)), tmp_path))
    assert data["buffer"] is None and data["base"]["sites"] == []
    assert data["E"][0][9] == 0
    ankara = feature(32.85, 39.93, id="a", country_code="TR", place="Ankara")
    data = payload_of(html_of(render_map(fc(khartoum, ankara)), tmp_path, "tr.html"))
    assert data["buffer"] is not None and data["base"]["sites"]
    unknown_country = feature(*RAS_AL_AIN, id="r", country_code=None)
    data = payload_of(html_of(render_map(fc(unknown_country)), tmp_path, "r.html"))
    assert data["buffer"]["n"] == 1
    forced = payload_of(html_of(render_map(fc(khartoum), context=True), tmp_path, "f.html"))
    assert forced["buffer"] is not None
    off = payload_of(html_of(render_map(fc(ankara), context=False), tmp_path, "o.html"))
    assert off["buffer"] is None and off["base"]["sites"] == []
    src = tmp_path / "k.geojson"
    src.write_text(json.dumps(fc(khartoum)), encoding="utf-8")
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(map_command, [str(src), "-o", str(out), "--context", "on"])
    assert result.exit_code == 0, result.output
    assert payload_of(out.read_text(encoding="utf-8"))["buffer"] is not None


def test_custom_tiles_need_an_attribution_and_come_first(tmp_path: Path) -> None:
    from geomap.errors import ConfigurationError

    url = "https://{s}.tiles.example.org/base/{z}/{x}/{y}.png"
    data = payload_of(html_of(render_map(fc(), tiles=url, attribution="© Example"), tmp_path))
    assert data["tiles"] == [["tiles.example.org", url, "© Example", True]]
    osm = payload_of(html_of(render_map(fc(), tiles="openstreetmap"), tmp_path, "o.html"))
    assert osm["tiles"][0][0] == "OpenStreetMap" and osm["tiles"][0][3] is True
    with pytest.raises(ConfigurationError, match="attribution"):
        render_map(fc(), tiles=url)
    with pytest.raises(ConfigurationError, match="XYZ"):
        render_map(fc(), tiles="file:///etc/{z}/{x}/{y}", attribution="x")
    src = tmp_path / "e.geojson"
    src.write_text(json.dumps(fc(feature(*TAL_ABYAD))), encoding="utf-8")
    out = tmp_path / "cli.html"
    args = [str(src), "-o", str(out), "--tiles", url, "--attribution", "© Example"]
    result = CliRunner().invoke(map_command, args)
    assert result.exit_code == 0, result.output
    assert payload_of(out.read_text(encoding="utf-8"))["tiles"][0][1] == url
    result = CliRunner().invoke(map_command, args[:-2])
    assert result.exit_code == 2 and "attribution" in result.output


def test_default_marker_icon_is_bundled(tmp_path: Path) -> None:
    import folium

    m = render_map(fc())
    folium.Marker([36.0, 38.0]).add_to(m)
    html = html_of(m, tmp_path)
    assert 'L.Icon.Default.mergeOptions({iconUrl: "data:image/png;base64,' in html
    assert "marker-icon.png" not in html.split("L.Icon.Default.imagePath")[1][:200]


def test_min_confidence_leaves_out_weak_events_and_says_so(tmp_path: Path) -> None:
    events = fc(
        feature(*TAL_ABYAD, id="strong", confidence=0.9),
        feature(*RAS_AL_AIN, id="weak", confidence=0.2),
        feature(*HASAKAH, id="zero", confidence=0.0),
        feature(*HASAKAH, id="none", confidence=None),
    )
    data = payload_of(html_of(render_map(events, min_confidence=0.5), tmp_path))
    ids = {data["S"][r[17]]: r for r in data["E"]}
    assert set(ids) == {"strong", "none"}  # an event with no confidence is not judged
    assert ids["strong"][21] == 0.9 and ids["none"][21] is None
    assert data["belowConfidence"] == 2 and data["minConfidence"] == 0.5
    everything = payload_of(html_of(render_map(events), tmp_path, "all.html"))
    assert len(everything["E"]) == 4 and everything["minConfidence"] is None
    from geomap.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="0 to 1"):
        render_map(events, min_confidence=1.5)
    src, out, kept = tmp_path / "e.geojson", tmp_path / "m.html", tmp_path / "kept.geojson"
    src.write_text(json.dumps(events), encoding="utf-8")
    args = [str(src), "-o", str(out), "--min-confidence", "0.5", "--geojson", str(kept)]
    result = CliRunner().invoke(map_command, args)
    assert result.exit_code == 0, result.output
    assert "(2 events" in result.output
    assert payload_of(out.read_text(encoding="utf-8"))["belowConfidence"] == 2
    assert len(json.loads(kept.read_text(encoding="utf-8"))["features"]) == 2
    result = CliRunner().invoke(map_command, [str(src), "--min-confidence", "2"])
    assert result.exit_code == 2


def _segments(geometry: dict[str, Any]) -> Any:
    coords = geometry["coordinates"]
    rings = {"Polygon": coords, "MultiPolygon": [r for p in coords for r in p]}.get(
        geometry["type"], []
    )
    for ring in rings:
        yield from pairwise(ring)


def test_no_basemap_edge_runs_across_the_world(tmp_path: Path) -> None:
    """Natural Earth stores Chukotka, Wrangel Island and a Fijian island as rings that step from
    179.9° to -180°: Leaflet drew those steps as grey lines across the world view (lat 65-71 and
    -16.5). Every edge is now shorter than half the globe, except along a pole, which lies
    beyond the Web Mercator map (|lat| > 85.05)."""
    events = fc(
        feature(*TAL_ABYAD),
        feature(
            100.0,
            60.0,
            id="ru",
            place="Russia",
            country_code="RU",
            admin1="",
            geo_precision=3,
            place_kind="country",
        ),
        feature(
            178.0,
            -17.8,
            id="fj",
            place="Fiji",
            country_code="FJ",
            admin1="",
            geo_precision=3,
            place_kind="country",
        ),
    )
    data = payload_of(html_of(render_map(events), tmp_path))
    outlines = [c["g"] for c in data["base"]["countries"]] + [
        a["g"] for a in data["base"]["admin1"]
    ]
    outlines += [r["g"] for r in data["regions"]]
    assert {r["n"] for r in data["regions"]} >= {"Russia", "Fiji"}
    across = [
        (a, b)
        for g in outlines
        for a, b in _segments(g)
        if abs(b[0] - a[0]) > 180 and not (abs(a[1]) > 85.05 and abs(b[1]) > 85.05)
    ]
    assert across == []
    for g in outlines:
        for a, _ in _segments(g):
            assert -180 <= a[0] <= 180
    # the cut keeps the land: Chukotka east of 180° and Fiji's islands either side are still drawn
    by_code = {c["c"]: c["g"] for c in data["base"]["countries"]}
    ru_west = [a for a, _ in _segments(by_code["RU"]) if a[0] < -170 and 64 < a[1] < 70]
    fj_sides = {a[0] > 0 for a, _ in _segments(by_code["FJ"])}
    assert ru_west and fj_sides == {True, False}
    aq_lats = [a[1] for a, _ in _segments(by_code["AQ"])]
    assert min(aq_lats) == -90 and max(aq_lats) > -70  # Antarctica's coast, not a sliver


def test_every_polygon_a_map_draws_has_rfc7946_ring_orientation() -> None:
    from shapely.geometry import LinearRing, shape

    from geomap.render import geodata

    clockwise = {"type": "Polygon", "coordinates": [[(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]]}
    assert not LinearRing(clockwise["coordinates"][0]).is_ccw
    out = geodata.simplified(shape(clockwise), 0)
    assert LinearRing(out["coordinates"][0]).is_ccw

    def polygons(g: dict) -> list:
        if g["type"] == "Polygon":
            return [g["coordinates"]]
        if g["type"] == "MultiPolygon":
            return list(g["coordinates"])
        return []

    layers = geodata.basemap_layers()
    checked = 0
    for rows in layers.values():
        for row in rows if isinstance(rows, list) else []:
            g = row.get("g") if isinstance(row, dict) else None
            for rings in polygons(g) if isinstance(g, dict) else []:
                if len(rings[0]) >= 4 and shape({"type": "Polygon", "coordinates": rings}).area:
                    assert LinearRing(rings[0]).is_ccw
                    checked += 1
    assert checked > 10


def test_an_event_popup_links_to_its_web_source(tmp_path: Path) -> None:
    # events written by geomap carry the report's URL among their sources, not as "url"
    ev = feature(*TAL_ABYAD, sources=["wire-1", "https://example.org/report"])
    del ev["properties"]["url"]
    data = payload_of(html_of(render_map(fc(ev)), tmp_path))
    (row,) = data["E"]
    assert data["S"][row[15]] == "https://example.org/report"


# -- strips along any border or line (--buffer BORDER_OR_GEOJSON:KM) ------------------------------


def test_strip_along_a_border_is_measured_in_km_on_both_sides() -> None:
    from shapely.geometry import Point

    from geomap.render.strips import make_strip, metric_buffer

    strip = make_strip("SS-SD:20")  # any order of the two codes
    assert strip.name == "Sudan–S. Sudan border" and strip.km == 20
    # 19.0 km from the border line is in, 22.5 km is out (distances measured in UTM 36N)
    assert strip.area.contains(Point(29.5, 10.2)) and not strip.area.contains(Point(29.4, 10.0))
    one_side = make_strip("SD-SS:20:SS")
    assert one_side.area.area < 0.6 * strip.area.area and "S. Sudan side" in one_side.name
    # a strip is as wide in the north as at the equator: buffered in metres, never degrees
    from shapely.geometry import LineString

    north = metric_buffer(LineString([(20, 69), (20, 70)]), 50)
    south = metric_buffer(LineString([(20, 0), (20, 1)]), 50)
    assert (north.bounds[2] - north.bounds[0]) > 2.5 * (south.bounds[2] - south.bounds[0])


def test_strip_along_the_lines_of_a_geojson_file(tmp_path: Path) -> None:
    from geomap.render.strips import make_strip

    path = tmp_path / "road.geojson"
    road = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[32.0, 15.0], [33.0, 15.0]]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [road]}))
    strip = make_strip(f"{path}:10")
    assert strip.name == "road.geojson"
    assert strip.area.bounds[3] == pytest.approx(15.0 + 10 / 110.6, abs=0.005)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("TR-SY", "no width in km"),
        ("TR-SY:wide", "is not a number of km"),
        ("TR-SY:0", "more than 0 and at most 500 km"),
        ("TR-SY:900", "more than 0 and at most 500 km"),
        ("TR-TR:5", "two different countries"),
        ("TR-SY:30:IQ", "the side IQ is neither SY nor TR"),
        ("TR-SD:30", "Sudan (SD) and Turkey (TR) share no land border"),
        ("QQ-SY:30", "no country with the code 'QQ'"),
        ("Turkey:30", "neither two country codes"),
        ("missing.geojson:5", "cannot read missing.geojson"),
    ],
)
def test_bad_buffer_specs_are_one_line_errors(
    spec: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geomap.errors import ConfigurationError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigurationError, match=re.escape(message)):
        render_map({"type": "FeatureCollection", "features": []}, buffer=spec)
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    out = tmp_path / "m.html"
    result = CliRunner().invoke(map_command, [str(src), "-o", str(out), "--buffer", spec])
    assert result.exit_code == 2 and not out.exists()
    assert result.output.count("\n") == 1 and "geomap: error: --buffer" in result.output
    assert message in result.output


def test_buffer_draws_a_legended_strip_with_the_events_inside(tmp_path: Path) -> None:
    events = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [29.5, 10.2]},
                "properties": {"id": "in", "event_type": "Battles", "country_code": "SD"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [32.5, 15.6]},
                "properties": {"id": "out", "event_type": "Battles", "country_code": "SD"},
            },
        ],
    }
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps(events))
    out = tmp_path / "m.html"
    args = [str(src), "-o", str(out), "--buffer", "SD-SS:20", "--buffer", "SD-ER:5"]
    result = CliRunner().invoke(map_command, args)
    assert result.exit_code == 0, result.output
    data = payload_of(out.read_text(encoding="utf-8"))
    assert [(s["n"], s["km"], s["e"]) for s in data["strips"]] == [
        ("Sudan–S. Sudan border", 20.0, [0]),
        ("Eritrea–Sudan border", 5.0, []),
    ]
    assert data["strips"][0]["g"]["type"] in ("Polygon", "MultiPolygon")
    assert data["buffer"] is None  # the Turkey–Syria strip still follows its own events
    assert payload_of(html_of(render_map(events), tmp_path, "plain.html"))["strips"] == []


def test_strip_doctests() -> None:
    import doctest

    from geomap.render import strips

    result = doctest.testmod(strips, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


# -- a basemap for the whole world: provinces and towns where the events are -----------------------


def test_basemap_draws_provinces_and_towns_wherever_the_events_are(tmp_path: Path) -> None:
    from shapely.geometry import shape

    events = fc(
        feature(32.532, 15.552, id="khartoum", country_code="SD", admin1="", place="Khartoum"),
        feature(36.25, 49.983, id="kharkiv", country_code="UA", admin1="", place="Kharkiv"),
        feature(30.0, 13.0, id="kordofan", country_code="SD", admin1="SD.56", geo_precision=3),
    )
    data = payload_of(html_of(render_map(events), tmp_path))
    base = data["base"]
    admin = {(a["cc"], a["n"]) for a in base["admin1"]}
    assert {("SD", "Khartoum"), ("SD", "North Darfur"), ("UA", "Kharkiv")} <= admin
    assert ("SS", "Upper Nile") in admin  # a neighbour's provinces near the events too
    assert not any(cc == "BR" for cc, _ in admin)  # ... not the whole world's
    towns = {t["n"] for t in base["towns"]}
    assert {"Khartoum", "Omdurman", "Kharkiv", "Port Sudan"} <= towns
    assert {"Tokyo", "São Paulo"} <= towns  # the world view keeps its big cities
    assert not {t["n"] for t in base["towns"] if t["p"] < 1e6 and t["cc"] == "BR"}
    # Sudan's outline is the union of its provinces: their lines meet the border and the coast
    sudan = shape(next(c["g"] for c in base["countries"] if c["c"] == "SD"))
    units = [shape(a["g"]) for a in base["admin1"] if a["cc"] == "SD"]
    from shapely import union_all

    provinces = union_all(units)
    assert sudan.symmetric_difference(provinces).area < 0.002 * sudan.area
    # a province-level event outside the Turkey-Syria region gets its province's outline
    assert any(r["n"].endswith(", Sudan") for r in data["regions"]), data["regions"]
    assert all("p" in a and len(a["p"]) == 2 for a in base["admin1"])
