"""`geomap evaluate-events`: scoring events against analyst-coded gold (JSONL or ACLED CSV).

The coded notes here are written for these tests (never taken from ACLED data).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import InputError
from geomap.events.evaluate import (
    GoldEvent,
    actor_matches,
    evaluate_events,
    read_gold,
    score_document,
)
from geomap.types import Document

TAL_ABYAD = (38.9538, 36.6965)  # lon, lat
QAMISHLI = (41.2256, 37.0522)


def gold_record(doc_id: str, text: str, **gold: Any) -> dict[str, Any]:
    base = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Turkey (2016-)",
        "actor2": "Civilians (Syria)",
        "date": "2019-10-14",
        "time_precision": 1,
        "lon": TAL_ABYAD[0],
        "lat": TAL_ABYAD[1],
        "location": "Tal Abyad",
        "geo_precision": 1,
        "fatalities": 2,
        "alt_points": [],
    }
    base.update(gold)
    return {"id": doc_id, "text": text, "published": base["date"], "source": "tests", "gold": base}


def feature(lon: float, lat: float, start: int = 0, **props: Any) -> dict[str, Any]:
    p = {"event_type": "Explosions/Remote violence", "start": start, "date": "2019-10-14"}
    p.update(props)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": p}  # fmt: skip


@pytest.mark.parametrize(
    ("extracted", "coded", "expected"),
    [
        ("QSD", "QSD: Syrian Democratic Forces", True),
        ("Syrian Democratic Forces", "QSD: Syrian Democratic Forces", True),
        ("Military Forces of Turkey", "Military Forces of Turkey (2016-)", True),
        ("military forces of yemen", "Military Forces of Yemen (2016-) Supreme Political Council",
         True),
        ("Protesters (Yemen)", "Protesters (Yemen)", True),
        ("IS", "Military Forces of Syria (2000-)", False),  # "is" inside no word of the name
        ("Rioters (Benin)", "Protesters (Benin)", False),
        ("", "Civilians (Syria)", False),
        (None, "Civilians (Syria)", False),
    ],
)  # fmt: skip
def test_actor_names_match_as_the_dev_set_readme_says(
    extracted: str | None, coded: str, expected: bool
) -> None:
    assert actor_matches(extracted, coded) is expected


def test_first_event_is_the_earliest_in_the_text_and_is_scored_on_every_measure() -> None:
    gold = read_gold_from([gold_record("n1", "Turkish shelling hit Tal Abyad.")])[0]
    later = feature(*QAMISHLI, start=40, event_type="Battles")
    first = feature(
        *TAL_ABYAD, start=0, actor1="Turkish forces", actor1_acled="Military Forces of Turkey",
        sub_event_type="Shelling/artillery/missile attack", fatalities=2,
        actor2_acled="Civilians (Syria)",
    )  # fmt: skip
    outcome = score_document(gold, [later, first])
    assert outcome["with_event"] and outcome["a25"] and outcome["a161"]
    assert outcome["event_type"] and outcome["sub_event_type"]
    assert outcome["actor1"] and outcome["actor2"] and outcome["fatalities"]
    assert outcome["date_day"] and outcome["date_month"]


def test_a_far_point_misses_but_an_alternative_coded_point_counts() -> None:
    alt = {"lon": QAMISHLI[0], "lat": QAMISHLI[1], "location": "Qamishli", "admin1": "",
           "geo_precision": 1}  # fmt: skip
    gold = read_gold_from([gold_record("n1", "x", alt_points=[alt])])[0]
    assert score_document(gold, [feature(*QAMISHLI)])["a25"]
    gold = read_gold_from([gold_record("n1", "x")])[0]
    outcome = score_document(gold, [feature(*QAMISHLI)])
    assert not outcome["a161"] and outcome["event_type"]


def test_no_event_is_a_miss_on_every_measure_and_extra_events_are_spurious() -> None:
    golds = read_gold_from([gold_record("n1", "x"), gold_record("n2", "y")])
    answers = {"n1": [], "n2": [feature(*TAL_ABYAD), feature(*TAL_ABYAD, start=5)]}
    scores = evaluate_events(golds, lambda doc: answers[doc.id])
    d = scores.as_dict()
    assert d["measures"]["with_event"] == {"share": 0.5, "hits": 1, "of": 2}
    assert d["measures"]["a25"]["share"] == 0.5
    assert d["spurious_per_doc"] == 0.5  # n2: two events for one coded event


def test_a_failing_extraction_is_a_counted_miss_not_a_stop() -> None:
    golds = read_gold_from([gold_record("n1", "x"), gold_record("n2", "y")])
    errors: list[str] = []

    def extract(doc: Document) -> list[dict[str, Any]]:
        if doc.id == "n1":
            raise ValueError("boom")
        return [feature(*TAL_ABYAD)]

    scores = evaluate_events(golds, extract, on_error=errors.append)
    assert scores.documents == 2 and scores.tallies["a25"].hits == 1
    assert errors == ["n1: ValueError: boom"]


def test_acled_export_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,actor2,"
        "country,admin1,location,latitude,longitude,geo_precision,time_precision,notes,"
        "fatalities\n"
        'SYR1,14 October 2019,Battles,Armed clash,QSD: Syrian Democratic Forces,,'
        'Operation Peace Spring,Syria,Ar Raqqa,Tal Abyad,36.6965,38.9538,1,1,'
        '"On 14 October 2019, SDF fighters clashed with Turkish-backed factions in Tal Abyad.",3\n',
        encoding="utf-8",
    )  # fmt: skip
    (item,) = read_gold(path)
    assert item.doc.published is not None and item.doc.published.isoformat() == "2019-10-14"
    assert item.points == ((38.9538, 36.6965),) and item.fatalities == 3
    assert item.group == "Syria" and item.doc.id == "SYR1"


def test_acled_csv_without_needed_columns_names_them(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text("event_date,notes,event_type\n2019-10-14,text,Battles\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"missing column.*latitude, longitude"):
        read_gold(path)


def test_cli_scores_a_coded_note_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(gold_record("n1", "On 14 October 2019, Turkish artillery shelled Tal Abyad."))
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate-events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (scores,) = json.loads(result.output)
    assert scores["documents"] == 1
    assert scores["measures"]["with_event"]["share"] == 1.0
    assert scores["measures"]["a25"]["share"] == 1.0
    assert scores["measures"]["event_type"]["share"] == 1.0


def test_cli_missing_gold_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate-events", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "gold file not found" in result.output and "Traceback" not in result.output


def read_gold_from(records: list[dict[str, Any]]) -> list[GoldEvent]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return read_gold(path)


def test_records_that_cannot_be_scored_are_counted_skips(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = json.dumps(gold_record("n1", "Turkish artillery shelled Tal Abyad."))
    no_point = gold_record("n2", "Clashes in Tal Abyad.")
    del no_point["gold"]["lon"]
    path.write_text(
        "\n".join([good, "{not json", '{"id": "x"}', json.dumps(no_point), "[" * 5000]) + "\n",
        encoding="utf-8",
    )
    skipped: list[str] = []
    items = read_gold(path, on_skip=skipped.append)
    assert [i.doc.id for i in items] == ["n1"]
    assert [s.split(": ", 1)[0].rsplit(":", 1)[1] for s in skipped] == ["2", "3", "4", "5"]
    result = CliRunner().invoke(main, ["evaluate-events", str(path), "--json"])
    assert result.exit_code == 0 and "Traceback" not in result.output
