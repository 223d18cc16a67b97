"""Issue 23: the API takes what a pandas user tries first (a string, a list of strings, a
DataFrame) and returns results that join back to the rows; Document checks its fields."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main
from geomap.documents import Columns, as_documents, read_documents
from geomap.errors import ConfigurationError, InputError
from geomap.types import Document

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."
CLASHES = "Clashes broke out in Manbij on Monday."


def test_document_parses_an_iso_date_at_construction() -> None:
    assert Document("a", SHELLING, published="2019-10-14").published == dt.date(2019, 10, 14)
    stamp = pd.Timestamp("2019-10-14 08:30")
    assert Document("a", SHELLING, published=stamp).published == dt.date(2019, 10, 14)
    assert Document(7, SHELLING).id == "7"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"published": "14/10/2019"}, "document 'a': published '14/10/2019' is not a date"),
        ({"published": 20191014}, "published 20191014 is not a date"),
        ({"text": None}, "document 'a': text is a NoneType, not a string"),
        ({"title": 3}, "document 'a': title is a int, not a string"),
    ],
)
def test_document_rejects_bad_fields_with_a_clear_error(
    kwargs: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {"id": "a", "text": SHELLING, **kwargs}
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        Document(**fields)


def test_extract_events_takes_a_string_and_a_list(gaz: Any) -> None:
    one = geomap.extract_events(SHELLING, published="2019-10-10")
    assert len(one) >= 1
    assert {e.doc_id for e in one} == {"0"}
    assert one[0].date == "2019-10-09"  # "on Wednesday" before Thursday 10 October
    many = geomap.extract_events([CLASHES, SHELLING])
    assert {e.doc_id for e in many} == {"0", "1"}


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "body": [SHELLING, None, CLASHES],
            "date": ["2019-10-10", None, pd.Timestamp("2019-10-15")],
            "desk": ["x", "y", "z"],
        },
        index=[10, 11, 12],
    )


def test_extract_events_takes_a_dataframe_and_joins_back(frame: pd.DataFrame, gaz: Any) -> None:
    events = geomap.extract_events(frame, text="body")
    table = events.to_geodataframe()
    assert set(table["doc"]) == {"10", "12"}  # the row without text has no event
    joined = table.merge(frame.set_axis(frame.index.astype(str)), left_on="doc", right_index=True)
    assert len(joined) == len(table)
    dates = dict(zip(joined["doc"], joined["date_x"], strict=True))
    assert dates["10"] == "2019-10-09"  # "on Wednesday", from the row's `date` column
    assert dates["12"] == "2019-10-14"  # "on Monday", from a pandas Timestamp


def test_geoparse_takes_a_dataframe_and_returns_a_geodataframe(gaz: Any) -> None:
    frame = pd.DataFrame({"id": ["r1", "r2"], "text": [SHELLING, CLASHES]})
    mentions = geomap.geoparse(frame)
    assert {"doc", "mention", "geometry"} <= set(mentions.columns)
    joined = mentions.merge(frame, left_on="doc", right_on="id")
    assert set(joined.loc[joined["literal"], "mention"]) == {"Tal Abyad", "Manbij"}
    per_doc = geomap.geoparse([SHELLING, CLASHES])
    assert [[r.mention.text for r in rs if r.mention.literal] for rs in per_doc] == [
        ["Tal Abyad"],
        ["Manbij"],
    ]
    assert [r.mention.text for r in geomap.geoparse(CLASHES)] == ["Manbij"]


def test_as_documents_names_what_is_wrong(frame: pd.DataFrame) -> None:
    with pytest.raises(ConfigurationError, match=r"no text column 'text' \(columns: body, date"):
        as_documents(frame)
    bad = frame.assign(date=["2019-10-10", None, "yesterday"])
    with pytest.raises(InputError, match=r"row 2 \(id 12\): 'yesterday' is not a date"):
        as_documents(bad, text="body")
    with pytest.raises(InputError, match="item 1 is a int"):
        as_documents(["text", 3])
    with pytest.raises(InputError, match="cannot read documents from a dict"):
        as_documents({"text": SHELLING})


def test_read_documents_takes_a_dataframe(frame: pd.DataFrame) -> None:
    docs = read_documents(frame, columns=Columns(text="body"), published="2019-10-01").documents
    assert [(d.id, d.published) for d in docs] == [
        ("10", dt.date(2019, 10, 10)),
        ("11", dt.date(2019, 10, 1)),
        ("12", dt.date(2019, 10, 15)),
    ]


def test_top_level_namespace_has_no_helpers() -> None:
    for name in ("Any", "import_module", "annotations"):
        assert not hasattr(geomap, name)


def test_cli_column_options(tmp_path: Path, gaz: Any) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(f'ref,body,day\nw1,"{SHELLING}",2019-10-10\n', encoding="utf-8")
    args = ["extract", str(path), "--text-column", "Body", "--date-column", "day"]
    res = CliRunner().invoke(main, [*args, "--id-column", "ref"])
    assert res.exit_code == 0, res.output
    (feature, *_) = json.loads(res.stdout)["features"]
    assert (feature["properties"]["doc"], feature["properties"]["date"]) == ("w1", "2019-10-09")
    res = CliRunner().invoke(main, ["places", str(path)])
    assert "has no 'text' column (columns: ref, body, day); name it with --text-column" in (
        res.stderr
    )
