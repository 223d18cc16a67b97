"""Issue 23: an HTML page is read as its main text (trafilatura): navigation, sidebar and footer
names never become places, the headline and the page's date are kept.

tests/data/html/frontline_wire_tal_abyad.html is a page written for this test (not a real site):
its navigation, "most read" sidebar and footer name Liverpool, Chelsea and Jakarta.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from geomap.cli import main
from geomap.documents import read_documents, sentence_spans

PAGE = Path(__file__).parent / "data" / "html" / "frontline_wire_tal_abyad.html"
BOILERPLATE = ("Liverpool", "Chelsea", "Jakarta", "Most read", "Privacy", "Staff Reporter")


def test_the_page_is_read_as_its_article() -> None:
    (doc,) = read_documents(PAGE).documents
    assert doc.title == "Turkish shelling hits Tal Abyad as offensive widens"
    assert doc.published == dt.date(2019, 10, 10)
    assert doc.text.startswith("Turkish artillery shelled the border town of Tal Abyad")
    assert doc.text.endswith("fled south toward Raqqa and Hasakah.")
    for word in BOILERPLATE:
        assert word not in doc.text
    # the headline is the title, not a second copy of the story's first event
    assert doc.text.count("Turkish shelling hits") == 0
    assert len(sentence_spans(doc.text)) == 4


def test_boilerplate_names_do_not_become_places(gaz: Any) -> None:
    res = CliRunner().invoke(main, ["places", str(PAGE)])
    assert res.exit_code == 0, res.output
    features = json.loads(res.stdout)["features"]
    mentions = {f["properties"]["mention"] for f in features}
    assert {"Tal Abyad", "Ras al-Ain", "Raqqa"} <= mentions
    assert not mentions & {"Liverpool", "Chelsea", "Jakarta"}
    text = read_documents(PAGE).documents[0].text
    for f in features:  # offsets point into the text geomap reports
        p = f["properties"]
        assert text[p["start"] : p["end"]] == p["mention"]
