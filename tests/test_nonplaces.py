"""Words inside organisations' and peoples' names that name no place are not reported."""

from __future__ import annotations

import pytest

from geomap.geoparsing import Geoparser


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:  # type: ignore[no-untyped-def]
    return Geoparser(gaz)


def mentions(parser: Geoparser, text: str) -> dict[str, str]:
    return {r.mention.text: r.mention.role for r in parser.parse(text)}


def test_an_ordinary_word_in_an_organisations_name_is_no_place(parser: Geoparser) -> None:
    found = mentions(parser, "The Arlington Chamber of Commerce met the Drug Enforcement Unit.")
    assert "Commerce" not in found and "Drug" not in found
    assert "Arlington" in found


def test_a_persons_name_in_an_organisations_name_is_no_place(parser: Geoparser) -> None:
    for text, name in [
        ("The show was held at the David L. Lawrence Convention Center in Pittsburgh.", "David"),
        ("Funding for the Webb Center in Charleston was cut.", "Webb"),
    ]:
        found = mentions(parser, text)
        assert name not in found, text
        assert found.get(text.split(" in ")[-1].split()[0].rstrip(".")) == "place"


def test_a_name_the_organisation_takes_from_its_jurisdiction_stays(parser: Geoparser) -> None:
    found = mentions(parser, "He is due to appear in Hamilton Municipal Court on Friday.")
    assert "Hamilton" in found


def test_a_country_and_a_province_in_an_organisations_name_stay(parser: Geoparser) -> None:
    found = mentions(
        parser, "The Texas Department of Transportation and the United States Congress agreed."
    )
    assert found.get("Texas") == "embedded" and found.get("United States") == "embedded"


def test_american_in_the_name_of_a_people_is_not_the_united_states(parser: Geoparser) -> None:
    found = mentions(
        parser,
        "Native Americans built the mounds, and the African-American Affairs Commission "
        "and American diplomats visited them.",
    )
    assert "Americans" not in found
    assert [m for m in found if m.startswith("American")] == ["American"]  # the diplomats


def test_a_bare_centre_is_no_province_of_burkina_faso(parser: Geoparser) -> None:
    assert "Centre" not in mentions(parser, "Officials at the Centre said the clinic was full.")
    # a name with the word in it is still found
    found = mentions(parser, "Tourists visited Centre-Val de Loire.")
    assert found.get("Centre-Val de Loire") == "place"
