"""Issue 23, small items: a GeoPackage GDAL 3.6 opens without a version warning, and
``geomap evaluate --help`` describes its corpus format instead of naming a folder outside a
clone."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

from click.testing import CliRunner

from geomap.cli import main

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_1_2 = 10200  # GDAL 3.6 warns on a user_version above 1.3 (10300): 1.4 is 10400


def test_geopackage_is_version_1_2(tmp_path: Path, user_home: Path) -> None:
    import pyogrio

    from geomap import extract_events
    from geomap.types import Document

    text = "Turkish artillery shelled Tal Abyad on Wednesday."
    doc = Document("d1", text, published="2019-10-10")
    path = extract_events([doc]).write(tmp_path / "events.gpkg")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == GPKG_1_2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL's warnings arrive as RuntimeWarning
        table = pyogrio.read_dataframe(path)
    assert len(table) >= 1


def test_evaluate_help_describes_the_corpus_format() -> None:
    res = CliRunner().invoke(main, ["evaluate", "--help"])
    assert res.exit_code == 0
    assert "shared" not in res.output
    for word in ("toponyms", "start", "end", "lat", "docs/evaluation.md"):
        assert word in res.output
    assert (Path(__file__).parents[1] / "docs" / "evaluation.md").is_file()
