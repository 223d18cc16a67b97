"""Issue 23: documents without a publication date are reported once per run, never silently,
and the usual date field names of JSONL/CSV records are read as the publication date."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.documents import read_documents

SHELLING = "Turkish artillery shelled Tal Abyad on Wednesday, residents said."


@pytest.mark.parametrize("field", ["date", "published_at", "pubdate", "datetime"])
def test_a_date_field_is_read_as_the_publication_date(tmp_path: Path, field: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": SHELLING, field: "2019-10-14"}) + "\n")
    (doc,) = read_documents(path).documents
    assert doc.published == dt.date(2019, 10, 14)
    assert field not in doc.meta


def test_published_wins_over_date(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f'id,text,date,published\na,"{SHELLING}",2019-10-01,2019-10-14\n')
    (doc,) = read_documents(path).documents
    assert doc.published == dt.date(2019, 10, 14)
    assert doc.meta == {"date": "2019-10-01"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Four undated reports (three .txt, one JSONL record) and one dated by a ``date`` field."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("r1", "r2", "r3"):
        (folder / f"{name}.txt").write_text(SHELLING, encoding="utf-8")
    lines = [{"id": "j1", "text": SHELLING}, {"id": "j2", "text": SHELLING, "date": "2019-10-14"}]
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    return folder


def test_extract_warns_once_naming_undated_documents(corpus: Path, gaz: Any) -> None:
    res = CliRunner().invoke(main, ["extract", str(corpus)])
    assert res.exit_code == 0, res.output
    warnings = [line for line in res.stderr.splitlines() if "no publication date" in line]
    assert len(warnings) == 1, res.stderr
    (line,) = warnings
    assert line.startswith(
        "geomap: warning: 4 documents have no publication date (r1, r2, r3, ...)"
    )
    assert "published, date, published_at, pubdate, datetime" in line
    assert "--published" in line
    dated = {
        f["properties"]["doc"]: f["properties"]["date"] for f in json.loads(res.stdout)["features"]
    }
    assert dated["j2"] is not None  # the `date` field anchored "on Wednesday"


def test_no_warning_with_published(corpus: Path, gaz: Any) -> None:
    res = CliRunner().invoke(main, ["extract", str(corpus), "--published", "2019-10-10"])
    assert res.exit_code == 0, res.output
    assert "no publication date" not in res.stderr


def test_places_does_not_warn(corpus: Path, gaz: Any) -> None:
    res = CliRunner().invoke(main, ["places", str(corpus)])
    assert res.exit_code == 0, res.output
    assert "no publication date" not in res.stderr


def test_read_documents_logs_one_warning(corpus: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="geomap"):
        read_documents(corpus)
    messages = [r.getMessage() for r in caplog.records if "no publication date" in r.getMessage()]
    assert len(messages) == 1
    assert messages[0].startswith("4 documents have no publication date")
