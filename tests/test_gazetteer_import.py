"""Bring-your-own gazetteer data: ``geomap gazetteer import`` and what later lookups see.

The fixture files are written here, in GeoNames' 19-column ``geoname`` format (and the admin-1,
alternate-name, CSV and GeoJSON formats), for invented places that exist nowhere else:
"Xyzzyville" (geonameid 99999001) and friends. CLI runs are separate processes with
``GEOMAP_HOME`` pointing at the test's own home, so persistence across processes is real.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import run_geomap

from geomap.errors import GeomapError, ImportFormatError
from geomap.gazetteer import Gazetteer, default_gazetteer, reset_default_gazetteer
from geomap.gazetteer.imports import detect_format, import_files

pytestmark = pytest.mark.slow

XYZZYVILLE_ID = 99999001
#: lat, lon of the invented village (northeast Syria, nowhere near a real place of that name)
XYZZYVILLE_LATLON = (36.55, 40.2)


def geoname_row(
    geonameid: int = XYZZYVILLE_ID,
    name: str = "Xyzzyville",
    *,
    asciiname: str | None = None,
    alternatenames: str = "Xyzzyvil,Ksizivil",
    lat: str = "36.55000",
    lon: str = "40.20000",
    fclass: str = "P",
    fcode: str = "PPL",
    cc: str = "SY",
    admin1: str = "01",
    population: str = "1234",
) -> str:
    """One line of a GeoNames ``geoname`` table (19 tab-separated columns)."""
    fields = [
        str(geonameid),
        name,
        asciiname if asciiname is not None else name,
        alternatenames,
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        population,
        "",
        "350",
        "Asia/Damascus",
        "2024-01-01",
    ]
    assert len(fields) == 19
    return "\t".join(fields)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def geomap_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``geomap ARGS`` in a new process with GEOMAP_HOME=home."""
    return run_geomap(*args, home=home)


def geocode_json(home: Path, name: str, *extra: str) -> list[dict[str, object]]:
    proc = geomap_cli(home, "geocode", name, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result: list[dict[str, object]] = json.loads(proc.stdout)
    return result


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("geomap: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


# -- CLI, across processes -------------------------------------------------------------------


def test_imported_village_is_found_by_a_later_process(user_home: Path, tmp_path: Path) -> None:
    sy = write_lines(tmp_path / "SY.txt", [geoname_row()])
    assert geocode_json(user_home, "Xyzzyville") == []

    proc = geomap_cli(user_home, "gazetteer", "import", str(sy))
    assert proc.returncode == 0, proc.stderr
    assert "1 rows, 1 added, 0 skipped" in proc.stdout
    assert (user_home / "user.sqlite").is_file()

    [hit] = geocode_json(user_home, "Xyzzyville")
    assert hit["place_id"] == f"geonames:{XYZZYVILLE_ID}"
    assert (hit["lat"], hit["lon"]) == XYZZYVILLE_LATLON
    assert hit["country_code"] == "SY"
    assert hit["admin1_code"] == "SY.01"
    assert hit["admin1_name"] == "Al-Hasakah"  # from the built-in admin-1 table
    assert hit["population"] == 1234
    assert hit["kind"] == "village"
    assert hit["source"] == f"user-geonames:{XYZZYVILLE_ID}"
    # alternate names from column 4 are searchable too, and so are spelling variants
    assert geocode_json(user_home, "Ksizivil")[0]["place_id"] == f"geonames:{XYZZYVILLE_ID}"
    assert geocode_json(user_home, "XYZZYVILLE")[0]["place_id"] == f"geonames:{XYZZYVILLE_ID}"
    # the built-in index still answers next to the imports
    assert geocode_json(user_home, "Tal Abyad")[0]["place_id"] == "geonames:163750"


def test_text_output_of_an_imported_place(user_home: Path, tmp_path: Path) -> None:
    sy = write_lines(tmp_path / "SY.txt", [geoname_row()])
    assert geomap_cli(user_home, "gazetteer", "import", str(sy)).returncode == 0
    proc = geomap_cli(user_home, "geocode", "Xyzzyville")
    assert proc.returncode == 0
    assert "Xyzzyville (village, Al-Hasakah, SY)" in proc.stdout
    assert "lon 40.20000 lat 36.55000" in proc.stdout
    assert f"geonames:{XYZZYVILLE_ID}" in proc.stdout


@pytest.mark.parametrize("member", ["SY.txt", "cities500.txt", "allCountries.txt"])
def test_zipped_geonames_dump(user_home: Path, tmp_path: Path, member: str) -> None:
    archive = tmp_path / (Path(member).stem + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames readme: not data\n")
        zf.writestr(member, geoname_row() + "\n")
    proc = geomap_cli(user_home, "gazetteer", "import", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "geonames, 1 rows, 1 added" in proc.stdout
    [hit] = geocode_json(user_home, "Xyzzyville")
    assert hit["place_id"] == f"geonames:{XYZZYVILLE_ID}"
    assert (hit["lat"], hit["lon"]) == XYZZYVILLE_LATLON


@pytest.mark.parametrize("name", ["SY.txt", "cities500.txt", "allCountries.txt"])
def test_plain_geonames_dump_names(user_home: Path, tmp_path: Path, name: str) -> None:
    dump = write_lines(tmp_path / name, [geoname_row()])
    assert geomap_cli(user_home, "gazetteer", "import", str(dump)).returncode == 0
    assert geocode_json(user_home, "Xyzzyville")[0]["place_id"] == f"geonames:{XYZZYVILLE_ID}"


def test_malformed_rows_are_reported_with_file_and_line_and_counted(
    user_home: Path, tmp_path: Path
) -> None:
    sy = write_lines(
        tmp_path / "SY.txt",
        [
            geoname_row(),  # line 1: good
            "99999002\tToo few\tcolumns",  # line 2
            geoname_row(99999003, "Badlat", lat="abc"),  # line 3
            geoname_row(99999004, "Offglobe", lat="95.0"),  # line 4
            geoname_row(99999005, "Badpop", population="many"),  # line 5
            geoname_row(99999006, "Plughton", lat="36.60000", lon="40.30000"),  # line 6: good
        ],
    )
    proc = geomap_cli(user_home, "gazetteer", "import", str(sy))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{sy}: geonames, 6 rows, 2 added, 4 skipped" in proc.stdout
    skipped = [line.strip() for line in proc.stderr.splitlines() if "skipped" in line]
    assert [s.split(": ", 1)[0] for s in skipped] == [
        f"skipped {sy}:2",
        f"skipped {sy}:3",
        f"skipped {sy}:4",
        f"skipped {sy}:5",
    ]
    assert "expected 19 tab-separated GeoNames columns, got 3" in skipped[0]
    assert "lat 95.0" in skipped[2]
    # the good rows made it, the bad ones did not
    assert geocode_json(user_home, "Plughton")[0]["place_id"] == "geonames:99999006"
    for bad in ("Badlat", "Offglobe", "Badpop"):
        assert all(
            not str(hit["place_id"]).startswith("geonames:9999900")
            for hit in geocode_json(user_home, bad)
        ), bad


def test_many_problems_are_summarised(user_home: Path, tmp_path: Path) -> None:
    lines = [geoname_row(99990000 + i, f"Broken{i}", lat="x") for i in range(25)]
    sy = write_lines(tmp_path / "SY.txt", lines)
    proc = geomap_cli(user_home, "gazetteer", "import", str(sy))
    assert proc.returncode == 0
    assert "25 rows, 0 added, 25 skipped" in proc.stdout
    assert proc.stderr.count("skipped ") == 20
    assert "... and 5 more" in proc.stderr


def test_gazetteer_info_shows_sources_counts_and_paths(user_home: Path, tmp_path: Path) -> None:
    first = write_lines(tmp_path / "SY.txt", [geoname_row()])
    second = write_lines(
        tmp_path / "extra.csv", ["name,lon,lat,country_code", "Frobozz,40.5,36.7,SY"]
    )
    assert geomap_cli(user_home, "gazetteer", "import", str(first)).returncode == 0
    assert geomap_cli(user_home, "gazetteer", "import", str(second)).returncode == 0

    proc = geomap_cli(user_home, "gazetteer", "info", "--json")
    assert proc.returncode == 0, proc.stderr
    default, user = json.loads(proc.stdout)
    assert Path(default["path"]).name.startswith("default-")
    assert default["places"] > 200_000
    assert json.loads(default["counts"])["border_region"] > 50
    assert "GeoNames" in default["sources"]
    assert user["path"] == str(user_home / "user.sqlite")
    assert user["places"] == 2
    # both imports are listed (the first one's places are still there)
    assert json.loads(user["sources"]) == [str(first.resolve()), str(second.resolve())]

    text = geomap_cli(user_home, "gazetteer", "info")
    assert text.returncode == 0
    assert str(user_home / "user.sqlite") in text.stdout
    assert "places: 2" in text.stdout
    assert "CC BY 4.0" in text.stdout


# -- bad files: one line, non-zero exit, no traceback ------------------------------------------


def test_corrupt_zip(user_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert_one_line_error(
        geomap_cli(user_home, "gazetteer", "import", str(bad)), str(bad), "not a valid zip"
    )
    assert not (user_home / "user.sqlite").exists()


def test_zip_with_damaged_data(user_home: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("SY.txt", "\n".join(geoname_row(99990000 + i) for i in range(50)) + "\n")
    data = bytearray(archive.read_bytes())
    data[200:210] = b"##########"  # inside the stored member: its CRC no longer matches
    archive.write_bytes(bytes(data))
    assert zipfile.is_zipfile(archive)
    assert_one_line_error(geomap_cli(user_home, "gazetteer", "import", str(archive)), str(archive))


def test_zip_without_a_data_file(user_home: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing here\n")
    assert_one_line_error(
        geomap_cli(user_home, "gazetteer", "import", str(archive)), "holds no .txt data file"
    )


def test_missing_file(user_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "SY.txt"
    assert_one_line_error(
        geomap_cli(user_home, "gazetteer", "import", str(missing)), str(missing), "no such file"
    )


def test_non_utf8_file(user_home: Path, tmp_path: Path) -> None:
    latin1 = tmp_path / "SY.txt"
    text = geoname_row() + "\n" + geoname_row(99999002, "Xyzzyvillé") + "\n"
    latin1.write_bytes(text.encode("latin-1"))
    assert_one_line_error(
        geomap_cli(user_home, "gazetteer", "import", str(latin1)), f"{latin1}:2", "not UTF-8"
    )
    # nothing half-imported
    assert not (user_home / "user.sqlite").exists()


def test_unknown_file_type(user_home: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "places.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    assert_one_line_error(
        geomap_cli(user_home, "gazetteer", "import", str(sheet)), "unknown file type"
    )


def test_corrupt_user_store(user_home: Path, tmp_path: Path) -> None:
    (user_home / "user.sqlite").write_bytes(b"this is not an SQLite database, just text" * 50)
    sy = write_lines(tmp_path / "SY.txt", [geoname_row()])
    assert_one_line_error(geomap_cli(user_home, "gazetteer", "import", str(sy)), "user.sqlite")
    assert_one_line_error(geomap_cli(user_home, "geocode", "Tal Abyad"), "user.sqlite")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("places.csv", "a,b\n1,2\n", "needs a header with a 'name' column"),
        ("places.geojson", "{not json", "not valid JSON"),
        ("places.geojson", '{"type": "Feature"}', "expected a GeoJSON FeatureCollection"),
    ],
)
def test_unusable_place_lists(
    user_home: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(geomap_cli(user_home, "gazetteer", "import", str(path)), message)


# -- formats, through the Python API -----------------------------------------------------------


def _reopened() -> Gazetteer:
    reset_default_gazetteer()
    return default_gazetteer()


def test_admin1_codes_give_imported_places_their_province_name(
    user_home: Path, tmp_path: Path
) -> None:
    sy = write_lines(tmp_path / "SY.txt", [geoname_row(admin1="99")])
    admin1 = write_lines(
        tmp_path / "admin1CodesASCII.txt",
        ["SY.99\tXyzzy Governorate\tXyzzy Governorate\t99999999", "broken line"],
    )
    reports = import_files([admin1, sy], user_home / "user.sqlite")
    # GeoNames places are imported before admin-1 names, whatever the order given
    assert [r.kind for r in reports] == ["geonames", "admin1"]
    assert (reports[1].rows, reports[1].added, reports[1].skipped) == (2, 1, 1)
    assert reports[1].problems == [f"{admin1}:2: expected 'CC.CODE<TAB>name...'"]
    place = _reopened().search("Xyzzyville")[0].place
    assert (place.admin1_code, place.admin1_name) == ("SY.99", "Xyzzy Governorate")


def test_alternate_names_in_the_same_and_in_a_later_import(user_home: Path, tmp_path: Path) -> None:
    store = user_home / "user.sqlite"
    sy = write_lines(tmp_path / "SY.txt", [geoname_row()])
    import_files([sy], store)
    alt = write_lines(
        tmp_path / "alternateNamesV2.txt",
        [
            f"1\t{XYZZYVILLE_ID}\ten\tPlugh Junction\t1\t\t\t\t\t",
            f"2\t{XYZZYVILLE_ID}\tar\tإكسيزيفيل\t\t\t\t\t\t",
            f"3\t{XYZZYVILLE_ID}\tlink\thttps://example.org/Xyzzyville\t\t\t\t\t\t",
            "4\t12345678901\ten\tNowhere Known\t\t\t\t\t\t",
            "not\ta\tvalid line",
        ],
    )
    [report] = import_files([alt], store)
    assert (report.rows, report.added) == (5, 2)
    assert report.skipped == 3  # the link, the unknown geonameid, the malformed line
    assert f"{alt}:4: geonameid 12345678901 is not among the imported places" in report.problems
    gaz = _reopened()
    for name in ("Plugh Junction", "إكسيزيفيل", "Xyzzyville"):
        assert gaz.search(name)[0].place.place_id == f"geonames:{XYZZYVILLE_ID}", name
    assert gaz.search("https://example.org/Xyzzyville", fuzzy=False) == []


def test_csv_place_list(user_home: Path, tmp_path: Path) -> None:
    csv_path = write_lines(
        tmp_path / "camps.csv",
        [
            "id,name,lat,lon,kind,country_code,population,alt_names,radius_km",
            'c1,Frobozz camp,36.61,40.42,camp,sy,2500,"Frobozz IDP camp|Kampa Frobozz",3',
            "c2,,36.0,40.0,camp,SY,,,",  # no name
            "c3,Zorkmid,north,40.0,camp,SY,,,",  # bad latitude
            "c4,Grue camp,36.2,40.1,camp,SY,,,",
        ],
    )
    [report] = import_files([csv_path], user_home / "user.sqlite")
    assert (report.kind, report.rows, report.added, report.skipped) == ("csv", 4, 2, 2)
    assert [p.split(": ")[0] for p in report.problems] == [f"{csv_path}:3", f"{csv_path}:4"]
    gaz = _reopened()
    best = gaz.search("Kampa Frobozz")[0]
    place = best.place
    assert place.place_id == "user:camps:c1"
    assert (place.lon, place.lat) == (40.42, 36.61)
    assert (place.kind, place.country_code, place.population) == ("camp", "SY", 2500)
    assert place.radius_km == 3.0
    assert place.source == "user:camps"
    assert gaz.search("Grue camp")[0].place.place_id == "user:camps:c4"


def test_geojson_place_list(user_home: Path, tmp_path: Path) -> None:
    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "f1",
                "geometry": {"type": "Point", "coordinates": [40.33, 36.44]},
                "properties": {"name": "Quux Hill", "kind": "hill", "country_code": "SY"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[40, 36], [41, 37]]},
                "properties": {"name": "Quux Road"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [240.0, 36.0]},
                "properties": {"name": "Quux Nowhere"},
            },
        ],
    }
    path = tmp_path / "quux.geojson"
    path.write_text(json.dumps(features), encoding="utf-8")
    [report] = import_files([path], user_home / "user.sqlite")
    assert (report.rows, report.added, report.skipped) == (3, 1, 2)
    assert "not a Point" in report.problems[0]
    assert "coordinates out of range" in report.problems[1]
    place = _reopened().search("Quux Hill")[0].place
    assert (place.place_id, place.lon, place.lat, place.kind) == (
        "user:quux:f1",
        40.33,
        36.44,
        "hill",
    )


def test_earlier_imports_are_kept(user_home: Path, tmp_path: Path) -> None:
    store = user_home / "user.sqlite"
    import_files([write_lines(tmp_path / "SY.txt", [geoname_row()])], store)
    import_files([write_lines(tmp_path / "more.csv", ["name,lon,lat", "Frobozz,40.5,36.7"])], store)
    gaz = _reopened()
    assert gaz.search("Xyzzyville")[0].place.place_id == f"geonames:{XYZZYVILLE_ID}"
    assert gaz.search("Ksizivil")[0].place.place_id == f"geonames:{XYZZYVILLE_ID}"
    assert gaz.search("Frobozz")[0].place.place_id == "user:more:more-2"
    assert len(gaz.stores) == 2 and gaz.stores[1].count() == 2


def test_the_user_store_is_left_out_on_request(user_home: Path, tmp_path: Path) -> None:
    import_files([write_lines(tmp_path / "SY.txt", [geoname_row()])], user_home / "user.sqlite")
    gaz = Gazetteer.open(include_user=False)
    try:
        assert gaz.search("Xyzzyville") == []
    finally:
        gaz.close()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("SY.txt", "geonames"),
        ("SY.zip", "geonames"),
        ("cities500.txt", "geonames"),
        ("allCountries.zip", "geonames"),
        ("admin1CodesASCII.txt", "admin1"),
        ("alternateNamesV2.txt", "alternate_names"),
        ("alternateNames.zip", "alternate_names"),
        ("places.csv", "csv"),
        ("places.geojson", "geojson"),
        ("places.json", "geojson"),
    ],
)
def test_detect_format(name: str, kind: str) -> None:
    assert detect_format(Path(name)) == kind


def test_import_errors_are_geomap_errors(user_home: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no files"):
        import_files([], user_home / "user.sqlite")
    with pytest.raises(GeomapError, match="unknown file type"):
        import_files([tmp_path / "x.docx"], user_home / "user.sqlite")
    with pytest.raises(ValueError, match="no such file"):
        import_files([tmp_path / "SY.txt"], user_home / "user.sqlite")


def test_geonames_islands_ranges_peaks_and_deserts_get_their_kind(
    user_home: Path, tmp_path: Path
) -> None:
    features = {
        "Xyzzy Island": "ISL",
        "Xyzzy Range": "MTS",
        "Mount Xyzzy": "PK",
        "Xyzzy Sands": "DSRT",
    }
    rows = [
        geoname_row(99999010 + n, name, alternatenames="", fclass="T", fcode=code, population="0")
        for n, (name, code) in enumerate(features.items())
    ]
    import_files([write_lines(tmp_path / "SY.txt", rows)], user_home / "user.sqlite")
    gaz = _reopened()
    kinds = [gaz.search(name)[0].place.kind for name in features]
    assert kinds == ["island", "mountains", "mountain", "desert"]
