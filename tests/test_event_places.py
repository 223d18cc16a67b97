"""Where an event is placed when the text says where its place lies, and when a protest is
coded a riot (sentences written for
these tests, on the real gazetteer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.events import extract_events, load_actors, load_triggers
from geomap.types import Document

DAY = dt.date(2019, 10, 17)


@pytest.fixture(scope="module")
def lexicons() -> dict[str, object]:
    return {"triggers": load_triggers(), "actors": load_actors()}


def events(text: str, lexicons: dict[str, object]) -> list[dict[str, object]]:
    collection = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    return [f["properties"] for f in collection.to_geojson()["features"]]


def test_a_village_said_to_lie_near_a_town_is_not_a_namesake_abroad(
    lexicons: dict[str, object],
) -> None:
    # "Alia" alone reads as a town in Italy; the text puts it in Manbij's countryside
    (e,) = events("Rebels captured Alia village in the countryside of Manbij on Monday.", lexicons)
    assert (e["country_code"], e["place"]) == ("SY", "Manbij")


def test_a_district_named_with_its_province_is_read_in_that_province(
    lexicons: dict[str, object],
) -> None:
    # "Gedo" is a Somali region; "Gedo district, Marib" is in Yemen
    (e,) = events("An airstrike hit a warehouse in Gedo district, Marib, on Monday.", lexicons)
    assert e["country_code"] == "YE"


def test_a_list_of_towns_is_no_town_inside_another(lexicons: dict[str, object]) -> None:
    found = events(
        "Turkish artillery shelled Ras al-Ain, Tal Abyad and Kobani on Monday.", lexicons
    )
    # Ras al-Ain, Tal Abyad, Kobani (Ayn al-Arab)
    assert [e["place_id"] for e in found] == [
        "geonames:165509",
        "geonames:163750",
        "geonames:172256",
    ]


def test_a_place_south_of_a_town_is_not_inside_it(lexicons: dict[str, object]) -> None:
    (e,) = events("A sniper shot a girl south of Taizz on Monday.", lexicons)
    assert (e["country_code"], e["geo_precision"]) == ("YE", 2)


def test_a_town_abroad_gives_way_to_the_reports_own_country(lexicons: dict[str, object]) -> None:
    # "Aliyah" has no reading in Syria; every other place of the report is Syrian, so the
    # attack is not put in Tunisia
    found = events(
        "Gunmen attacked a market in Aliyah on Monday, killing two civilians. "
        "Fighting continued in Tal Tamr and Ras al-Ain.",
        lexicons,
    )
    assert {e["country_code"] for e in found} == {"SY"}


def test_a_region_named_with_a_direction_is_read_as_the_bare_name(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Rebels fought government forces in northern Aleppo on Monday.",
        lexicons,
    )
    assert (e["place_id"], e["geo_precision"]) == ("geonames:170063", 2)


@pytest.mark.parametrize(
    "text",
    [
        "Students protesting against higher fees set several cars on fire outside the "
        "university in Kisumu on Monday.",
        "Roadblocks were erected across Lagos on Tuesday as demonstrators protested against "
        "fuel prices.",
        "Residents barricaded the main road into Kaya on Monday, angry at power cuts.",
        "Youths erected barricades in Bamako on Friday.",
    ],
)
def test_a_protest_with_fires_or_roadblocks_is_a_riot(
    text: str, lexicons: dict[str, object]
) -> None:
    (e,) = events(text, lexicons)
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Violent demonstration")


def test_a_peaceful_march_stays_a_protest(lexicons: dict[str, object]) -> None:
    (e,) = events(
        "Thousands marched peacefully through Nairobi on Tuesday against taxes.", lexicons
    )
    assert e["event_type"] == "Protests"


def test_weapons_seized_are_disrupted_weapons_use_not_a_capture(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Police seized weapons and ammunition from a militant hideout in Beledweyne on Monday.",
        lexicons,
    )
    assert (e["event_type"], e["sub_event_type"]) == (
        "Strategic developments",
        "Disrupted weapons use",
    )


def test_a_kind_word_after_a_name_chooses_the_namesake(lexicons: dict[str, object]) -> None:
    # "southern Al Hudaydah governorate" is the province (not the city), so the district in
    # it is the more specific place
    (e,) = events(
        "Coalition jets bombed Zabid district in southern Al Hudaydah governorate on Monday.",
        lexicons,
    )
    assert (e["place_id"], e["geo_precision"]) == ("admin2:YE.08.1824", 2)


def test_upper_before_a_captured_village_is_part_of_its_name(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "SDF fighters captured Upper Baguz, in the Deir ez-Zor countryside, on Monday.", lexicons
    )
    assert found[0]["place_id"] == "geomap:baghuz-fawqani"


def test_an_event_with_no_place_takes_the_country_its_armed_group_names(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Houthi fighters shelled a market on Monday, killing two civilians.", lexicons)
    assert (e["country_code"], e["geo_precision"]) == ("YE", 3)
    # with no place and no armed group of one country, the event keeps a null geometry
    (e,) = events("Clashes erupted overnight, residents said.", lexicons)
    assert e["place_id"] is None and e["geo_precision"] is None


def test_a_river_named_often_is_not_the_focus_of_a_report_that_names_a_town(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "SDF fighters captured Hajin in December. Thousands of people filed out of camps on the "
        "east bank of the Euphrates. The Euphrates valley emptied. A convoy of families "
        "evacuated on Feb. 20.",
        lexicons,
    )
    convoy = found[-1]
    assert (convoy["date"], convoy["place_id"]) == ("2019-02-20", found[0]["place_id"])
    assert "euphrates" not in str(convoy["place_id"])


def test_a_happening_referred_back_to_is_no_new_event(lexicons: dict[str, object]) -> None:
    text = (
        "A suicide bomber killed four Americans in Manbij on Wednesday. Speaking in Washington "
        "hours after the bombing, the vice president said the group was defeated."
    )
    (e,) = events(text, lexicons)
    assert e["quote"].startswith("A suicide bomber")


@pytest.mark.parametrize(
    "text",
    [
        "Government troops shelled rebel positions near Kafr Nabl on Monday, and the rebels "
        "shelled back.",
        "An exchange of artillery fire took place between the army and rebels near Kafr Nabl "
        "on Monday.",
        "Rebel fighters advanced on government positions near Kafr Nabl on Monday.",
    ],
)
def test_two_armed_sides_trading_fire_is_a_clash(text: str, lexicons: dict[str, object]) -> None:
    assert events(text, lexicons)[0]["event_type"] == "Battles"


def test_a_part_of_a_country_gives_way_to_the_province_named_with_it(
    lexicons: dict[str, object],
) -> None:
    # "in northwestern Yemen" is read like "near": it must not outrank the governorate
    (e,) = events(
        "An air raid hit a farm in northern Yemen, Sadah governorate, on Monday.", lexicons
    )
    assert e["place_id"] == "admin1:YE.15"


def test_a_somali_ceel_name_is_found_written_apart(lexicons: dict[str, object]) -> None:
    # GeoNames writes "Ceelbuur"; news write "Ceel Buur"
    (e,) = events("Al Shabaab fighters attacked a police post in Ceel Buur on Monday.", lexicons)
    assert (e["place"], e["country_code"]) == ("Ceelbuur", "SO")


def test_where_a_victim_comes_from_is_not_where_the_event_happened(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "A gunman killed a student from Hudaydah on Monday at a fuel depot east of Marib city.",
        lexicons,
    )
    assert e["place"] == "Ma'rib"


def test_a_new_paragraph_without_a_place_is_placed_in_the_area_the_report_covers(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Turkish jets struck Ras al-Ain on Sunday, and artillery hit Tal Abyad and Ain Issa.\n\n"
        "A monitoring group said dozens of civilians had been killed since Wednesday."
    )
    *_, last = events(text, lexicons)
    # not the town named last, in the paragraph before: the region that holds the three
    assert last["place_id"] in ("geomap:safe-zone", "geomap:northeast-syria")
    assert last["geo_precision"] == 3


def test_a_report_on_one_town_keeps_its_town_for_placeless_paragraphs(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Turkish jets struck Ras al-Ain on Sunday.\n\n"
        "A monitoring group said dozens of civilians had been killed since Wednesday."
    )
    *_, last = events(text, lexicons)
    assert last["place"] == "Ras al-Ain"


def test_both_towns_points_back_across_a_paragraph(lexicons: dict[str, object]) -> None:
    text = (
        "Turkish jets struck Ras al-Ain and Tal Abyad on Sunday.\n\n"
        "Kurdish fighters battled Turkish-backed rebels on the edges of both towns on Monday."
    )
    *_, last = events(text, lexicons)
    assert last["place"] in ("Ras al-Ain", "Tal Abyad")


def test_an_agreement_signed_abroad_is_placed_in_the_area_it_concerns(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Russian military police began patrols near Kobani on Wednesday, with Turkish troops "
        "watching from Tal Abyad.\n\n"
        "Under a ceasefire agreement reached in Sochi on Oct. 22 between Russia and Turkey, "
        "Kurdish fighters have 150 hours to pull back from the border near Qamishli."
    )
    agreement = next(e for e in events(text, lexicons) if e["sub_event_type"] == "Agreement")
    assert agreement["country_code"] == "SY"
    # a deadline is no happening yet: no withdrawal event
    assert all(e["trigger"] != "pull back" for e in events(text, lexicons))


def test_guards_regaining_control_of_a_riot_is_no_capture(lexicons: dict[str, object]) -> None:
    (e,) = events(
        "Detainees in a prison in Hasakah staged a riot on Monday, breaking doors before guards "
        "regained control.",
        lexicons,
    )
    assert e["event_type"] == "Riots"


def test_a_town_of_the_sentence_comes_before_the_river_it_lies_on(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Hundreds of families walked out of Baghouz, the village on the Euphrates, before it "
        "fell to the SDF on Monday.",
        lexicons,
    )
    assert (e["place"], e["geo_precision"]) == ("al-Baghuz Fawqani", 1)


def test_a_sentence_that_points_back_keeps_the_date_of_the_paragraph_before(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Turkish jets struck Ras al-Ain and Tal Abyad on Sunday.\n\n"
        "Kurdish fighters were battling Turkish-backed rebels on the edges of both towns."
    )
    *_, last = events(text, lexicons)
    assert (last["date"], last["date_precision"]) == ("2019-10-13", "day")


def test_taking_the_centre_of_a_town_is_a_capture(lexicons: dict[str, object]) -> None:
    (e,) = events(
        "The ministry said its allies had taken the centre of Tal Abyad on Sunday.", lexicons
    )
    assert (e["event_type"], e["place"]) == ("Battles", "Tal Abyad")


def test_a_report_mostly_about_one_town_keeps_it_for_placeless_paragraphs(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Guards at a prison on the edge of Hasakah said conditions were worsening. Families "
        "waited outside the gates of Hasakah prison on Monday.\n\n"
        "Five detainees escaped from a jail in Qamishli on Oct. 11.\n\n"
        "A prison official said detainees staged a riot in recent weeks."
    )
    *_, last = events(text, lexicons)
    assert last["place"] == "Hasakah"


def test_a_place_described_by_its_capture_and_a_habit_make_no_event(
    lexicons: dict[str, object],
) -> None:
    found = events("Joint patrols will run on either side of the area Turkey captured.", lexicons)
    assert all(e["event_type"] != "Battles" for e in found)
    found = events(
        "Police detained three men in Deir ez-Zor on Monday, where attacks on checkpoints have "
        "become common.",
        lexicons,
    )
    assert [e["event_type"] for e in found] == ["Strategic developments"]


def test_a_happening_told_as_the_cause_of_another_is_its_own_event(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "Five detainees escaped from a jail in Qamishli on Friday after Turkish shelling hit "
        "nearby.",
        lexicons,
    )
    assert sorted(e["event_type"] for e in found) == [
        "Explosions/Remote violence",
        "Strategic developments",
    ]
    assert {e["place"] for e in found} == {"Qamishli"}


def test_troops_that_patrol_as_a_habit_make_no_event(lexicons: dict[str, object]) -> None:
    assert events("US troops patrol the lines between Manbij and the rebel areas.", lexicons) == []
    (e,) = events("Russian troops patrolled the lines near Manbij on Monday.", lexicons)
    assert e["place"] == "Manbij"


def test_a_facility_named_after_a_town_places_the_event_in_that_town(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Nurses protested in front of Parakou Teaching Hospital on Monday.", lexicons)
    assert (e["place"], e["geo_precision"]) == ("Parakou", 1)
    (e,) = events("A rocket landed outside Sirte University on Monday.", lexicons)
    assert (e["place"], e["geo_precision"]) == ("Sirte", 2)


def test_a_demonym_naming_ground_places_the_event_in_its_country(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Kurdish fighters fired rockets into Turkish border towns on Friday.", lexicons)
    assert (e["country_code"], e["geo_precision"]) == ("TR", 3)


def test_a_capital_abroad_named_as_such_is_kept_in_a_report_about_another_country(
    lexicons: dict[str, object],
) -> None:
    # a report about Syrian towns may still tell of a march in a capital abroad
    found = events(
        "Thousands of Kurds marched through Qamishli and Hasakah on Sunday.\n\n"
        "In Paris, several hundred demonstrators marched through the centre of the city on "
        "Saturday.",
        lexicons,
    )
    assert [e["place"] for e in found] == ["Qamishli", "Hasakah", "Paris"]


def test_a_capital_named_for_its_government_is_not_the_focus_of_a_report(
    lexicons: dict[str, object],
) -> None:
    # Ankara and Washington stand for their governments; the report is about the border towns,
    # so the agreement they struck is coded where it applies, not in Ankara
    found = events(
        "ANKARA — Turkish shells hit Ras al-Ain and Tal Abyad on Wednesday, and Ankara said "
        "the strikes would go on.\n\n"
        "The border posts had been set up under a mechanism agreed between Washington and Ankara "
        "in August.",
        lexicons,
    )
    agreement = next(e for e in found if e["sub_event_type"] == "Agreement")
    assert agreement["country_code"] == "SY"


def test_a_place_in_a_clause_about_what_would_happen_does_not_place_the_event(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "Thousands of protesters marched through Khartoum on Monday.\n\n"
        "The protests began in June over a law that would have allowed extradition to Egypt.",
        lexicons,
    )
    assert [e["place"] for e in found] == ["Khartoum", "Khartoum"]


def test_crowds_turning_out_in_a_nations_cities_protest_in_that_country(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Large crowds also turned out in Dutch and Belgian cities on Sunday.", lexicons)
    assert (e["event_type"], e["country_code"], e["geo_precision"]) == ("Protests", "NL", 3)
    assert e["actor1"] == "Protesters" and e["actor2"] is None
    assert events("The crowd in Rotterdam turned out to be smaller than hoped.", lexicons) == []


def test_a_second_capture_at_its_own_time_is_its_own_event(lexicons: dict[str, object]) -> None:
    found = events(
        "SDF fighters captured the town of Hajin in December and pushed on to Susah in January.",
        lexicons,
    )
    assert [(e["event_type"], e["place_id"], e["date"]) for e in found] == [
        ("Battles", "geonames:174506", "2018-12"),
        ("Battles", "geonames:172415", "2019-01"),
    ]


def test_the_same_kind_said_again_without_a_new_time_is_one_event(
    lexicons: dict[str, object],
) -> None:
    # the mortar shells are how the shelling was done, not a second shelling in the province
    (e,) = events(
        "Houthi forces shelled Hays in Hodeidah governorate on Monday with mortar shells.",
        lexicons,
    )
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"


def test_later_in_the_day_is_the_day_of_the_happening_told_before(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "BAGHOUZ, Syria — The SDF said on Saturday that they had captured al-Baghuz Fawqani.\n\n"
        "The SDF held a victory ceremony at the nearby al-Omar oil field later in the day.",
        lexicons,
    )
    ceremony = next(e for e in found if e["place_id"] == "geomap:al-omar-oil-field")
    assert (ceremony["event_type"], ceremony["date"], ceremony["date_precision"]) == (
        "Strategic developments",
        "2019-10-12",
        "day",
    )


def test_people_who_arrived_somewhere_are_a_displacement_there(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Of the 3,000 people who arrived in the countryside around Tal Tamr in October, half "
        "live in schools.",
        lexicons,
    )
    assert (e["event_type"], e["place"], e["date"]) == (
        "Strategic developments",
        "Tal Tamr",
        "2019-10",
    )


def test_where_families_fled_from_does_not_place_where_they_shelter(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "Hundreds of displaced families now shelter in Tal Tamr.\n\n"
        "The school sleeps eleven families who fled the fighting around Ras al-Ain.",
        lexicons,
    )
    assert "Ras al-Ain" not in [e["place"] for e in found]


def test_an_agreement_placed_by_no_town_of_its_own_is_in_the_region_of_the_reports_towns(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "On Monday, US troops pulled back from posts near Tal Abyad and Ras al-Ain. Turkish "
        "shells hit Ras al-Ain on Tuesday.\n\n"
        "The posts had been set up under a mechanism agreed between Washington and Ankara in "
        "August.",
        lexicons,
    )
    agreement = next(e for e in found if e["sub_event_type"] == "Agreement")
    assert agreement["place"] in ("northeast Syria", "safe zone")
    assert agreement["geo_precision"] == 3


def test_a_city_state_is_the_focus_of_a_report_about_it(lexicons: dict[str, object]) -> None:
    found = events(
        "SINGAPORE — Hundreds of workers protested outside Singapore's port on Sunday. Police "
        "moved into Jurong late in the evening.\n\n"
        "The protests began in June over a new labour law.",
        lexicons,
    )
    assert found[-1]["date"] == "2019-06" and found[-1]["place"] == "Singapore"


def test_a_named_park_after_a_happening_placed_only_in_a_country_is_a_new_event(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "HONG KONG — Protesters blocked roads on Sunday.\n\n"
        "The airport had been paralysed in August, when protesters occupied the terminal. Later "
        "that month, a million people joined a rally in Victoria Park.",
        lexicons,
    )
    assert "Victoria Park" in [e["place"] for e in found]


def test_a_decision_announced_abroad_is_placed_in_the_country_it_concerns(
    lexicons: dict[str, object],
) -> None:
    found = events(
        "A suicide bombing in the Syrian town of Manbij killed four Americans on Wednesday. "
        "Manbij is run by a council allied with the SDF.\n\n"
        "Officials in Washington said on Tuesday that the withdrawal of US troops would go "
        "ahead.",
        lexicons,
    )
    withdrawal = next(e for e in found if e["event_type"] == "Strategic developments")
    assert (withdrawal["place"], withdrawal["geo_precision"]) == ("Syria", 3)


def test_vehicles_set_on_fire_are_an_event_and_a_crowds_is_a_riot(
    lexicons: dict[str, object],
) -> None:
    (riot,) = events("Party youths torched two buses in Sylhet on Sunday.", lexicons)
    assert riot["event_type"] == "Riots"
    (burnt,) = events("A bus was set on fire in Chittagong on Monday.", lexicons)
    assert burnt["sub_event_type"] == "Looting/property destruction"
    found = events(
        "Gunmen shot a herder in Djibo on Monday and set his granary ablaze.",
        lexicons,
    )
    assert "Riots" not in [e["event_type"] for e in found]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Army units asserted control over Tal Hamis on Monday.", "Battles"),
        ("Pro-Houthi sniper fire injured a boy in Taizz on Monday.", "Violence against civilians"),
        ("Party cadres beats residents in a market of Lusaka.", "Riots"),
        ("Soldiers kill three al Shabaab fighters near Mandera.", "Battles"),
        ("Six inmates had broken out of a jail in Kaya.", "Strategic developments"),
        ("Unknown men destroyed election materials in Kandi.", "Strategic developments"),
        ("Officials burned down cottages on disputed land in Kampot.", "Strategic developments"),
    ],
)
def test_plain_verbs_of_violence_and_control_report_an_event(
    text: str, event_type: str, lexicons: dict[str, object]
) -> None:
    assert [e["event_type"] for e in events(text, lexicons)][:1] == [event_type]


def test_beating_back_a_crowd_is_no_beating(lexicons: dict[str, object]) -> None:
    found = events("Guards beat back a crowd of marchers in Sanaa on Monday.", lexicons)
    assert "Violence against civilians" not in [e["event_type"] for e in found]


def test_a_part_of_a_province_named_by_a_direction_gives_way_to_the_town_in_it(
    lexicons: dict[str, object],
) -> None:
    # "western Aleppo" is a part of the province around the city, not a point near the city
    found = events("Clashes broke out at the entrance of Atarib town in western Aleppo.", lexicons)
    assert found[0]["place"] != "Aleppo"


def test_an_operations_event_placed_nowhere_is_in_its_theatre_not_a_side_taken(
    lexicons: dict[str, object],
) -> None:
    # "pro-Turkey" names a side, not a place; the village is in no gazetteer; the operation's
    # theatre (the actors file's sixth column) places the clash at region precision
    (e,) = events(
        "On Monday, pro-Turkey factions of Operation Peace Spring fought the SDF at Um Khaled "
        "village.",
        lexicons,
    )
    assert (e["place"], e["country_code"], e["geo_precision"]) == ("safe zone", "SY", 3)


def test_an_event_placed_nowhere_takes_the_one_country_its_demonyms_name(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Supporters of the former Sri Lankan president protested for a second day on Monday.",
        lexicons,
    )
    assert (e["place"], e["geo_precision"]) == ("Sri Lanka", 3)
    # two countries named: no guess
    (e,) = events(
        "Supporters of the Sri Lankan and Indian presidents protested on Monday.", lexicons
    )
    assert e["place"] is None


def test_a_capital_introduced_as_the_capital_is_the_city_not_its_government(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Officials in Mali on Monday ended the lockdown of the capital Bamako after soldiers "
        "rioted.",
        lexicons,
    )
    assert e["place"] == "Bamako"


def test_where_a_protested_killing_happened_is_not_where_the_protest_is(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "In Zabid district, students rallied to denounce the shooting of a boy in Taizz.",
        lexicons,
    )
    assert e["event_type"] == "Protests" and e["place"] != "Taiz"


def test_where_a_victims_unit_comes_from_is_not_where_he_was_killed(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Gunmen shot dead an officer of a brigade from Lawdar in Aden on Monday.", lexicons
    )
    assert e["place"] == "Aden"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Teachers had taken to the street in Jos on Monday.", "Protests"),
        ("Court clerks went on a 72-hours strike in Parakou.", "Protests"),
        ("Petrol bombs were hurled at a lawmaker's home in Birgunj.", "Riots"),
        ("Ten policemen were hurt as violence erupted during an eviction in Hue.", "Riots"),
        ("The government imposed a nightly curfew in Niamey on Friday.", "Strategic developments"),
        ("The two clans sign peace agreement in Nyala.", "Strategic developments"),
        ("Gunmen raided the house of a police chief in Aden.", "Strategic developments"),
    ],
)
def test_more_plain_phrases_report_an_event(
    text: str, event_type: str, lexicons: dict[str, object]
) -> None:
    assert [e["event_type"] for e in events(text, lexicons)][:1] == [event_type]


def test_violence_that_broke_out_only_frames_the_happenings_told_next(
    lexicons: dict[str, object],
) -> None:
    assert events("Violence broke out in the district after the results.", lexicons) == []


def test_a_provincial_capital_after_a_town_of_its_province_says_where_the_town_is(
    lexicons: dict[str, object],
) -> None:
    # "in Al-Hasakeh" after Amuda names the province (its capital's name), not the city
    (e,) = events(
        "In a village of Amuda in Al-Hasakeh, gunmen killed two farmers on Monday.", lexicons
    )
    assert e["place"] == "Amuda"


def test_the_south_of_a_province_is_a_part_of_it_not_a_point_near_its_capital(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Houthi fighters arrived as reinforcements on Monday in Zabid district, which lies in "
        "the south of Hodeidah.",
        lexicons,
    )
    assert e["place"] != "Al Hudaydah"


def test_an_unknown_ein_village_is_one_name_not_a_namesake_of_its_first_word(
    lexicons: dict[str, object],
) -> None:
    # "Ein" alone reads as Ain, France; "Ein Zawiya" is a village the gazetteer lacks
    (e,) = events("Jets struck Ein Zawiya town in the Eastern Ghouta on Monday.", lexicons)
    assert e["country_code"] == "SY"


def test_a_village_abroad_in_a_note_about_one_countrys_armed_groups_is_a_missing_village(
    gaz: Any,
) -> None:
    from geomap.events import EventExtractor
    from geomap.types import Mention, Resolution

    extractor = EventExtractor()
    village = gaz.get("geonames:122881")  # a village of 1,600 people in Iran
    town = gaz.get("geonames:312531")  # Harran, Turkey: 13,600 people
    assert village.country_code == "IR" and village.population < 10_000
    assert town.country_code == "TR" and town.population > 10_000

    def placed(text: str, name: str, place: Any) -> Any:
        doc = Document("d", text, published="2019-10-14")
        start = text.index(name)
        mention = Mention("d", start, start + len(name), name)
        (e,) = extractor.document_events(doc, [Resolution(mention, place, score=1.0)])
        return e.place

    # the SDF and IS are Syrian armed groups: the village is a Syrian one the gazetteer lacks
    where = placed("SDF fighters took the village of Mian from IS fighters.", "Mian", village)
    assert where is not None and where.country_code == "SY"
    # a town of its size abroad is taken as read ("fired shells across the border at Harran")
    where = placed("SDF fighters fired shells across the border at Harran.", "Harran", town)
    assert where is not None and where.place_id == town.place_id


def test_a_happening_at_a_ministry_is_placed_in_its_town_a_ministry_speaking_is_not(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Nurses kept a vigil outside the labour ministry in Porto-Novo on Monday.", lexicons
    )
    assert e["place"] == "Porto-Novo"
    (e,) = events("Hundreds protested outside the Turkish embassy in Berlin on Sunday.", lexicons)
    assert e["place"] == "Berlin"
    # the seat of a ministry that speaks is no place of what it tells
    text = "A defence ministry spokesman in Ankara said jets struck Tal Abyad on Monday."
    (e,) = events(text, lexicons)
    assert e["place"] == "Tal Abyad"


def test_bare_rebels_are_an_actor_and_an_army_post_is_armed(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Rebels attacked an army post near Manbij on Monday.", lexicons)
    assert (e["event_type"], e["actor1"], e["actor1_acled"]) == (
        "Battles",
        "Rebels",
        "Opposition Rebels (Syria)",
    )
    (e,) = events("Rebels attacked a police post in Kaya, Burkina Faso, on Monday.", lexicons)
    assert (e["event_type"], e["actor1_acled"]) == ("Battles", "Rebel forces")


@pytest.mark.parametrize(
    "text",
    [
        "Workers in Kaya staged a march on Monday to demand better pay.",
        "A march through the city centre of Kaya drew thousands on Monday.",
    ],
)
def test_a_march_is_a_protest_the_month_is_not(text: str, lexicons: dict[str, object]) -> None:
    (e,) = events(text, lexicons)
    assert (e["event_type"], e["place"]) == ("Protests", "Kaya")
    assert events("In March, the council met in Kaya to discuss the budget.", lexicons) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Residents of Kaya beat a suspected thief on Monday.", "Mob violence"),
        ("Militants ransacked a school in Kaya on Monday.", "Looting/property destruction"),
    ],
)
def test_the_unnamed_other_side_of_mob_violence_and_looting_is_civilians(
    text: str, sub_event_type: str, lexicons: dict[str, object]
) -> None:
    (e,) = events(text, lexicons)
    assert (e["sub_event_type"], e["actor2"], e["actor2_acled"]) == (
        sub_event_type,
        "Civilians",
        "Civilians (Burkina Faso)",
    )


def test_the_second_of_two_origins_is_not_where_the_event_happened(
    lexicons: dict[str, object],
) -> None:
    (e,) = events("Fishermen from Iraq and Turkey brawled with guards on Monday.", lexicons)
    assert e["place"] not in ("Iraq", "Turkey")


def test_a_country_named_as_a_side_of_a_dispute_does_not_place_the_event(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "Hundreds protested on Monday amid rising tensions between Turkey and the town council.",
        lexicons,
    )
    assert e["place"] != "Turkey"


def test_the_old_name_of_burkina_faso_is_not_a_region_of_ghana(
    lexicons: dict[str, object],
) -> None:
    (e,) = events(
        "On Monday, unionists in Kaya marched to mark an anniversary from the days of Haute Volta.",
        lexicons,
    )
    assert (e["country_code"], e["place"]) == ("BF", "Kaya")
