"""``run_pipeline`` (``geomap map`` on text, ``geomap demo``): documents are told apart by
position, never by their id, which may repeat."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.pipeline import run_pipeline
from geomap.render.cli import map_command

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."
PROTEST = "Protesters gathered in Qamishli on Wednesday to denounce the offensive."
TAL_ABYAD, QAMISHLI = "geonames:163750", "geonames:173377"


def _same_id_jsonl(path: Path) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": "report", "published": "2019-10-10", "text": text}) + "\n"
            for text in (SHELLING, PROTEST)
        ),
        encoding="utf-8",
    )
    return path


def _event_places(features: list[dict[str, Any]]) -> dict[str, str | None]:
    """The place id of each event type, from event Features."""
    return {f["properties"]["event_type"]: f["properties"]["place_id"] for f in features}


def test_documents_with_the_same_id_keep_their_own_places(
    tmp_path: Path, gaz: Any, caplog: pytest.LogCaptureFixture
) -> None:
    news = _same_id_jsonl(tmp_path / "news.jsonl")
    with caplog.at_level(logging.WARNING, logger="geomap.pipeline"):
        result = run_pipeline(news)

    assert [d.id for d in result.documents] == ["report", "report"]
    mentions = [{r.mention.text for r in res} for res in result.resolutions]
    assert "Tal Abyad" in mentions[0] and "Qamishli" not in mentions[0]
    assert "Qamishli" in mentions[1] and "Tal Abyad" not in mentions[1]
    by_type = _event_places(result.events.to_geojson()["features"])
    assert by_type == {"Explosions/Remote violence": TAL_ABYAD, "Protests": QAMISHLI}
    assert "1 document id(s) used by more than one document ('report')" in caplog.text


def test_map_of_two_report_txt_in_two_folders(tmp_path: Path, gaz: Any) -> None:
    for folder, text in (("north", SHELLING), ("east", PROTEST)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "report.txt").write_text(text, encoding="utf-8")
    events_out, places_out = tmp_path / "e.geojson", tmp_path / "p.geojson"
    res = CliRunner().invoke(
        map_command,
        [
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "m.html"),
            "--published",
            "2019-10-10",
            "--geojson",
            str(events_out),
            "--places-geojson",
            str(places_out),
        ],
    )
    assert res.exit_code == 0, res.output
    events = json.loads(events_out.read_text(encoding="utf-8"))["features"]
    quotes = {f["properties"]["quote"]: f["properties"]["place_id"] for f in events}
    assert quotes == {SHELLING: TAL_ABYAD, PROTEST: QAMISHLI}
    places = json.loads(places_out.read_text(encoding="utf-8"))["features"]
    assert {"Tal Abyad", "Qamishli"} <= {p["properties"]["mention"] for p in places}


def test_map_streams_its_documents_and_aggregates_their_places(tmp_path: Path, gaz: Any) -> None:
    """``geomap map`` on text keeps no document and no mention (issue 25 item 12): each
    document is done before the next is read, and the places layer is counted per place as the
    mentions come, with the rows a full FeatureCollection gives."""
    from geomap.geoparsing import place_features
    from geomap.pipeline import stream_pipeline
    from geomap.render.build import PlaceMentions, _place_rows

    news = tmp_path / "news.jsonl"
    texts = [SHELLING, PROTEST, SHELLING.replace("Wednesday", "Thursday")]
    news.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "published": "2019-10-10", "text": t}) + "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    order: list[str] = []
    layer = PlaceMentions()
    features: list[dict[str, Any]] = []

    def progress(docs: Any) -> Any:
        for doc in docs:
            order.append(f"read {doc.id}")
            yield doc

    def on_document(doc: Any, resolutions: Any) -> None:
        order.append(f"done {doc.id}")
        for f in place_features(resolutions):
            layer.add(f)
            features.append(f)

    result = stream_pipeline(news, progress=progress, on_document=on_document)
    assert order == ["read d0", "done d0", "read d1", "done d1", "read d2", "done d2"]
    assert result.documents == 3 and not hasattr(result, "resolutions")
    assert len(result.events) == len(run_pipeline(news).events)
    rows, strings = layer.rows()
    assert (rows, strings) == _place_rows({"type": "FeatureCollection", "features": features})
    by_id = {strings[r[5]]: r for r in rows}
    assert by_id[TAL_ABYAD][6:8] == [2, 2]  # two mentions in two documents
