"""Look-alikes of issue 27 item 6, as `geomap places` writes them: a given name that is a
country's, an institution named like a place, a capitalised Arabic article at a sentence start,
and the name after "the Syrian village of"."""

from __future__ import annotations

from typing import Any

import pytest

from geomap.geoparsing import Geoparser, place_features


@pytest.fixture(scope="module")
def parser(gaz) -> Geoparser:  # type: ignore[no-untyped-def]
    return Geoparser(gaz)


def features(parser: Geoparser, text: str) -> list[dict[str, Any]]:
    return [
        f["properties"] | {"geometry": f["geometry"]} for f in place_features(parser.parse(text))
    ]


def literal_names(parser: Geoparser, text: str) -> list[str]:
    return [f["mention"] for f in features(parser, text) if f["literal"]]


@pytest.mark.parametrize(
    "text",
    [
        "Georgia Smith was arrested on Friday after the protest.",
        "Georgia Smith has run the shelter for ten years.",
        "Georgia Smith runs a bakery in Macon. Smith opened it in 2009.",
        "Georgia Smith, 41, runs a clinic. Georgia said the clinic was full.",
    ],
)
def test_georgia_as_a_given_name_is_no_place(parser: Geoparser, text: str) -> None:
    assert "Georgia" not in literal_names(parser, text), features(parser, text)


@pytest.mark.parametrize(
    "text",
    [
        "Storms hit Georgia on Monday.",
        "Georgia was hit by storms on Monday.",
        "Georgia Smith left Atlanta. In Georgia, she said, rents are high.",
    ],
)
def test_georgia_in_place_context_stays_a_place(parser: Geoparser, text: str) -> None:
    assert "Georgia" in literal_names(parser, text), features(parser, text)


@pytest.mark.parametrize(
    "text",
    [
        "White House Press Secretary Dana Cole said the talks would go on.",
        "Officials in Rabat met the White House Press Office staff.",
        "The White House said the envoy would fly to Rabat.",
    ],
)
def test_the_white_house_is_no_place_and_never_casablanca(parser: Geoparser, text: str) -> None:
    white = [f for f in features(parser, text) if f["mention"] == "White House"]
    assert white, features(parser, text)
    for f in white:
        assert not f["literal"]
        assert f["geometry"] is None and f["place_id"] is None, f


@pytest.mark.parametrize(
    "text",
    [
        "Al-Hol is home to thousands of families. Aid reached the camp at al-Hol on Monday.",
        "Aid reached the camp at al-Hol on Monday. Al-Hol is home to thousands of families.",
    ],
)
def test_a_capitalised_article_at_a_sentence_start_is_found_like_the_lower_case_one(
    parser: Geoparser, text: str
) -> None:
    found = {f["mention"]: f for f in features(parser, text)}
    assert "Al-Hol" in found and "al-Hol" in found, found
    assert found["Al-Hol"]["place_id"] == found["al-Hol"]["place_id"] is not None
    assert found["Al-Hol"]["literal"]


def test_a_capitalised_article_alone_is_not_a_person_made_a_place(parser: Geoparser) -> None:
    text = "Bashar al-Assad spoke on Monday. Al-Assad said the army would advance."
    assert "Al-Assad" not in literal_names(parser, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters seized the Syrian village of al-Jaberiya on Monday.", "al-Jaberiya"),
        ("Fighters seized the Syrian village of Zor Maghar, near Jarablus.", "Zor Maghar"),
        ("Shells fell on the northern Syrian village of Umm Batna at dawn.", "Umm Batna"),
        ("Residents fled the Iraqi town of Hamam al-Alil in the night.", "Hamam al-Alil"),
    ],
)
def test_the_name_after_the_syrian_village_of_is_reported_whole(
    parser: Geoparser, text: str, name: str
) -> None:
    found = features(parser, text)
    assert name in [f["mention"] for f in found if f["literal"]], found
    first = name.split()[0]
    if first != name:
        # not its first or last word alone, read as another place ("Zor" in Kuwait)
        assert first not in [f["mention"] for f in found]
        assert name.split()[-1] not in [f["mention"] for f in found]


def test_a_known_village_after_the_syrian_village_of_is_still_located(parser: Geoparser) -> None:
    found = {
        f["mention"]: f for f in features(parser, "Troops entered the Syrian town of Tal Tamr.")
    }
    assert found["Tal Tamr"]["country_code"] == "SY" and found["Tal Tamr"]["geometry"]


def test_congress_is_the_legislature_not_a_village_in_arizona(parser: Geoparser) -> None:
    found = features(parser, "Members of Congress met in Washington on Thursday.")
    congress = [f for f in found if f["mention"] == "Congress"]
    assert congress and all(f["geometry"] is None and not f["literal"] for f in congress)
    assert "Washington" in [f["mention"] for f in found if f["literal"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aid reached Mali, Côte d'Ivoire and Ghana on Monday.", "Ivory Coast"),
        ("Aid reached Mali, Cote d'Ivoire and Ghana on Monday.", "Ivory Coast"),
        ("The family drove to Coeur d'Alene for the weekend.", "Coeur d'Alene"),
    ],
)
def test_a_name_after_an_elided_french_article_is_found_whole(
    parser: Geoparser, text: str, name: str
) -> None:
    found = {f["mention"]: f["name"] for f in features(parser, text) if f["geometry"]}
    assert name in found.values(), features(parser, text)


def test_a_given_name_placed_by_in_elsewhere_in_the_text_stays_a_place(parser: Geoparser) -> None:
    text = (
        "A clinic in Austin treated the patient. She fell ill after visiting Austin in "
        "June, and Austin health officials agreed."
    )
    assert literal_names(parser, text) == ["Austin", "Austin", "Austin"], features(parser, text)


def test_a_given_name_no_preposition_places_stays_a_person(parser: Geoparser) -> None:
    text = "The award went to a nurse. Austin thanked the clinic's staff."
    assert "Austin" not in literal_names(parser, text), features(parser, text)


def test_a_language_is_no_town(parser: Geoparser) -> None:
    text = "The leaflets were printed in English; few drivers could speak English."
    assert features(parser, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman said Richmond police arrived at noon. Richmond was quiet later.",
        "The mayor told Springfield residents that Springfield needs money.",
    ],
)
def test_a_place_after_a_verb_of_speech_with_its_people_is_no_person(
    parser: Geoparser, text: str
) -> None:
    names = literal_names(parser, text)
    assert len(names) == 2 and len(set(names)) == 1, features(parser, text)


def test_a_town_that_names_a_person_introduced_by_a_given_name_is_that_person(
    parser: Geoparser,
) -> None:
    text = (
        "Prosecutors charged Laura Fairfield, a bookkeeper, in May. "
        "Fairfield denies the theft. Fairfield will be tried in June."
    )
    assert "Fairfield" not in literal_names(parser, text), features(parser, text)


@pytest.mark.parametrize(
    "text",
    [
        "The settlement came to US$300 million, paid in two parts.",
        "The crop is worth $US 2 billion a year.",
        "The MAC cosmetics brand opened a store. A BGR reviewer saw it.",
        "She joined the CAF and the JAM sessions.",
    ],
)
def test_currencies_and_three_letter_codes_are_no_places(parser: Geoparser, text: str) -> None:
    assert [f for f in features(parser, text) if f["geometry"]] == [], features(parser, text)


def test_the_codes_news_write_for_countries_stay_places(parser: Geoparser) -> None:
    text = "Trade between the USA and the UAE grew; the DRC and the UK signed too."
    assert literal_names(parser, text) == ["USA", "UAE", "DRC", "UK"], features(parser, text)


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        ("A geographer at Beijing University told us the maps were old.", "Beijing", "embedded"),
        ("A professor at Cambridge University, Ann Lee, spoke.", "Cambridge", "embedded"),
        ("Harvard and Oxford University agreed on the study.", "Oxford", "embedded"),
        (
            "Talks between Prime Minister Ivan Petrov and Dagestan's leader ended.",
            "Dagestan",
            "place",
        ),
    ],
)
def test_a_place_in_an_institution_or_after_another_persons_title_is_kept(
    parser: Geoparser, text: str, mention: str, role: str
) -> None:
    found = {f["mention"]: f["role"] for f in features(parser, text) if f["geometry"]}
    assert found.get(mention) == role, features(parser, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Fargo Mayor Dana Holt said the river would crest on Friday.", "Fargo"),
        ("The plan was backed by Dover Fire Chief Sam Ortega and others.", "Dover"),
    ],
)
def test_a_place_before_its_office_and_the_holder_is_a_place(
    parser: Geoparser, text: str, place: str
) -> None:
    assert place in literal_names(parser, text), features(parser, text)


def test_a_sheriffs_office_keeps_its_county_embedded(parser: Geoparser) -> None:
    text = "Deputies of the Clay County Sheriff's Office searched the barn."
    assert [(f["mention"], f["role"]) for f in features(parser, text)] == [
        ("Clay County", "embedded")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Police Chief Ann Ray said the road would reopen.",
        "Council member and 3rd Ward Alderman Tom Bell voted no.",
    ],
)
def test_an_office_word_or_a_numbered_ward_is_no_office_place(parser: Geoparser, text: str) -> None:
    assert [f for f in features(parser, text) if f["geometry"]] == [], features(parser, text)


def test_initials_before_a_surname_are_no_state(parser: Geoparser) -> None:
    text = "The shop of N.M Perera, a trader, was burned."
    assert features(parser, text) == []
