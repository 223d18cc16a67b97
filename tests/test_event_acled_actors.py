"""Actors named as ACLED names them (actor1_acled / actor2_acled), end to end on sentences
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import extract_events, load_actors, load_triggers
from geomap.events.actors import ActorMention, acled_actor_name, acled_country_name
from geomap.types import Document

DAY = dt.date(2019, 10, 17)


@pytest.fixture(scope="module")
def lexicons() -> dict[str, object]:
    return {"triggers": load_triggers(user_home=False), "actors": load_actors(user_home=False)}


def first(text: str, lexicons: dict[str, object]) -> dict[str, object]:
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert len(events) >= 1, text
    props: dict[str, object] = events[0].properties()
    return props


def test_protesters_are_actor1_of_a_protest_and_the_police_that_broke_it_up_actor2(
    lexicons: dict[str, object],
) -> None:
    p = first("Police fired tear gas at protesters in Nairobi on Tuesday.", lexicons)
    assert p["event_type"] == "Protests"
    assert p["actor1_acled"] == "Protesters (Kenya)"
    assert p["actor2_acled"] == "Police Forces of Kenya"


def test_unnamed_gunmen_who_kill_a_civilian_are_an_unidentified_armed_group(
    lexicons: dict[str, object],
) -> None:
    p = first("Unidentified gunmen shot dead a shop owner in Aden on Monday.", lexicons)
    assert p["event_type"] == "Violence against civilians"
    assert p["actor1_acled"] == "Unidentified Armed Group (Yemen)"
    assert p["actor2_acled"] == "Civilians (Yemen)"


def test_a_state_force_is_the_military_forces_of_its_country(lexicons: dict[str, object]) -> None:
    p = first("Turkish jets struck Ras al-Ain on Wednesday.", lexicons)
    assert p["actor1"] == "Turkish forces"
    assert p["actor1_acled"] == "Military Forces of Turkey"


def test_a_demonym_force_is_not_taken_for_the_generic_troops_inside_it(
    lexicons: dict[str, object],
) -> None:
    p = first("Ethiopian troops clashed with al-Shabaab fighters near Baidoa on Monday.", lexicons)
    assert p["actor1"] == "Ethiopian forces"
    assert p["actor1_acled"] == "Military Forces of Ethiopia"
    assert p["actor2_acled"] == "Al Shabaab"


def test_soldiers_without_a_country_are_the_forces_of_the_event_country(
    lexicons: dict[str, object],
) -> None:
    p = first("Soldiers clashed with JNIM militants near Djibo on Sunday.", lexicons)
    assert p["actor1_acled"] == "Military Forces of Burkina Faso"
    assert p["actor2_acled"] == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(
    ("actor", "country", "expected"),
    [
        (ActorMention("US forces", "external", "US", 0, 1, "x", "Military Forces of {country}"),
         "SY", "Military Forces of the United States"),
        (ActorMention("Civilians", "civilians", "", 0, 1, "x", "Civilians ({where})"), "CD",
         "Civilians (Democratic Republic of Congo)"),
        (ActorMention("Coalition forces", "external", "", 0, 1, "x",
                      "YE:Operation Restoring Hope"), "YE", "Operation Restoring Hope"),
        (ActorMention("Coalition forces", "external", "", 0, 1, "x",
                      "YE:Operation Restoring Hope"), "IQ", "Coalition forces"),
        (ActorMention("Government forces", "state", "", 0, 1, "x"), "", "Government forces"),
        (None, "SY", None),
    ],
)  # fmt: skip
def test_acled_names_from_templates(
    actor: ActorMention | None, country: str, expected: str | None
) -> None:
    assert acled_actor_name(actor, country) == expected


def test_acled_country_names() -> None:
    assert acled_country_name("CD") == "Democratic Republic of Congo"
    assert acled_country_name("GB", after_of=True) == "the United Kingdom"
    assert acled_country_name("SY", after_of=True) == "Syria"
    assert acled_country_name("ZZ") == ""


@pytest.mark.parametrize(
    ("text", "etype", "sub"),
    [
        # a fight among crowds is a riot, with protesters a violent demonstration
        ("Two rival groups clashed near the market in Parakou on Sunday.", "Riots",
         "Mob violence"),
        ("Villagers beat a suspected thief to death in Kandi on Sunday.", "Riots",
         "Mob violence"),
        ("Protesters clashed with police in Aden on Sunday.", "Riots", "Violent demonstration"),
        ("Demonstrators burned tyres and barricaded roads in Mukalla on Sunday.", "Riots",
         "Violent demonstration"),
        ("Teachers went on strike over unpaid salaries in Ouagadougou on Sunday.", "Protests",
         "Peaceful protest"),
        # who is hit decides between violence against civilians and a clash
        ("Gunmen opened fire on an army patrol near Djibo on Sunday.", "Battles",
         "Armed clash"),
        ("Gunmen attacked the village of Kaya on Sunday.", "Violence against civilians",
         "Attack"),
        ("Gunmen shot dead two soldiers at a checkpoint near Kaya on Sunday.", "Battles",
         "Armed clash"),
        ("Five militants were killed in a raid near Kaya on Sunday.", "Battles", "Armed clash"),
        ("Farmers killed a herder near Kandi on Sunday.", "Violence against civilians", "Attack"),
        # a crowd's violence by hand, or its destruction of property, is mob violence
        ("Angry residents beat up a young man outside the bus station in Kandi on Sunday.", "Riots",
         "Mob violence"),
        ("Youths vandalized two parked cars at the bus station in Kandi on Sunday.",
         "Riots", "Mob violence"),
        ("Gunmen vandalized two parked cars at the bus station in Kandi on Sunday.",
         "Strategic developments", "Looting/property destruction"),
        # police moving against a demonstration is a riot, not a battle
        ("Police clashed in Aden on Sunday when officers tried to break up a demonstration "
         "outside the port.", "Riots", "Violent demonstration"),
        ("Soldiers and demonstrators exchanged fire in Kandi on Sunday.", "Battles",
         "Armed clash"),
        # armed men blocking a road are no peaceful protest
        ("Gunmen blocked the road between Kandi and Banikoara on Sunday.", "Riots",
         "Violent demonstration"),
        # a crowd's raid on where other people live is a communal militia's attack
        ("Farmers armed with machetes attacked a herders' camp near Kandi on Sunday.",
         "Violence against civilians", "Attack"),
        ("Farmers and herders clashed in the village of Kandi on Sunday.", "Riots",
         "Mob violence"),
        # an attack met by armed defenders is a clash
        ("The army repelled a rebel assault on Beni on Sunday.", "Battles", "Armed clash"),
        ("A wanted man was killed in an encounter with police in Srinagar on Sunday.",
         "Battles", "Armed clash"),
        ("Gunmen shot dead a militia commander in Kandi on Sunday.", "Battles", "Armed clash"),
        # captures written with "full control" or "restored control"
        ("Rebels took full control of the border town of Kandi on Sunday.", "Battles",
         "Non-state actor overtakes territory"),
        ("The army restored control over the village of Kandi on Sunday.", "Battles",
         "Government regains territory"),
        # shootings and petrol bombs
        ("Unidentified gunmen carried out a drive-by shooting at a cafe in Kandi on Sunday.",
         "Violence against civilians", "Attack"),
        ("In Kandi on Sunday youths hurled petrol bombs and a petrol bomb hit a bus.", "Riots",
         "Violent demonstration"),
        ("In Kandi on Sunday a number of people beat a suspected thief to death.",
         "Riots", "Mob violence"),
        # bombs named by what carries them, set off, or dropped; sniper fire
        ("Insurgents detonated a cylinder bomb at a police post in Kandi on Sunday.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Two bombs were dropped on a market in Kandi by army aircraft on Sunday.",
         "Explosions/Remote violence", "Air/drone strike"),
        ("Houthi sniper fire wounded a boy in Taiz on Sunday.", "Violence against civilians",
         "Attack"),
        # surrenders and agreements reached
        ("Forty rebels handed themselves in to the army in Beni on Sunday.",
         "Strategic developments", "Change to group/activity"),
        ("The two clans reached a ceasefire deal in Galkayo on Sunday.",
         "Strategic developments", "Agreement"),
        # what a protest is against is no happening of its own
        ("Hundreds marched in Ibb on Sunday condemning coalition airstrikes on the city.",
         "Protests", "Peaceful protest"),
        ("Students in Kandi protested on Sunday against the killing of a classmate.",
         "Protests", "Peaceful protest"),
        # the agent after "by" is never the victim
        ("A farmer was killed by Turkish border guards near Kobani on Sunday.",
         "Violence against civilians", "Attack"),
        ("A teacher was shot and killed by two gunmen at his home in Kandi on Sunday.",
         "Violence against civilians", "Attack"),
        # the label that opens an analyst's note names its type
        ("Movement of forces: On Sunday, al-Shabaab fighters were seen in Jowhar and clashed "
         "with a clan militia.", "Strategic developments", "Change to group/activity"),
        # territory taken without a fight is a non-violent transfer
        ("Government forces took control of Baidoa on Sunday after al-Shabaab withdrew.",
         "Strategic developments", "Non-violent transfer of territory"),
    ],
)  # fmt: skip
def test_event_types_follow_the_acled_codebook(
    text: str, etype: str, sub: str, lexicons: dict[str, object]
) -> None:
    p = first(text, lexicons)
    assert (p["event_type"], p["sub_event_type"]) == (etype, sub)


def test_the_town_a_region_locates_is_the_event_place(lexicons: dict[str, object]) -> None:
    # the governorate says where the town is; the protest is in the town
    p = first(
        "Teachers marched in the centre of Mukalla city, in Hadramawt governorate, on Monday.",
        lexicons,
    )
    assert p["place"] == "Mukalla" and p["country_code"] == "YE"
    assert p["geo_precision"] == 1


def test_a_name_inside_an_actor_name_is_no_event_place(lexicons: dict[str, object]) -> None:
    events = extract_events(
        [Document("d", "Fighters of Operation Olive Branch captured a village on Monday.",
                  published=DAY)],
        **lexicons,  # type: ignore[arg-type]
    )  # fmt: skip
    # not Olive Branch, Mississippi: the operation's theatre (Afrin), as no place is named
    assert [(e.place.name, e.place.country_code) for e in events if e.place] == [
        ("Afrin region", "SY")
    ]


def test_an_event_counts_its_dead_in_its_sentences_and_those_after_it(
    lexicons: dict[str, object],
) -> None:
    text = (
        "On Monday, clashes broke out between soldiers and JNIM militants near Djibo. "
        "Four soldiers and two militants were killed. "
        "On Tuesday, protesters marched in Ouagadougou. No casualties were reported."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 6), ("Protests", 0)]
    assert events[0].to_feature()["properties"]["fatalities"] == 6


def test_a_crowd_that_kills_a_person_is_a_communal_militia(lexicons: dict[str, object]) -> None:
    p = first("Farmers killed a herder near Kandi on Sunday.", lexicons)
    assert p["actor1_acled"] == "Unidentified Communal Militia (Benin)"
    assert p["actor2_acled"] == "Civilians (Benin)"


@pytest.mark.parametrize(
    "text",
    [
        "The commander said his forces would keep fighting in Kobani.",
        "We will respond if these attacks on Tal Abyad continue, the minister said.",
        '"Our fighters clashed with them in Kobani every night," a commander told reporters.',
        "Turkey vowed to continue the shelling of Tal Abyad.",
    ],
)
def test_intentions_conditions_and_quotes_make_no_event(
    text: str, lexicons: dict[str, object]
) -> None:
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert list(events) == [], [e.trigger for e in events]


def test_fighters_under_an_operation_are_the_operation(lexicons: dict[str, object]) -> None:
    p = first(
        "Rebel factions fighting under Operation Peace Spring seized a village close to Tal "
        "Abyad on 4 November 2019.",
        lexicons,
    )
    assert p["actor1_acled"] == "Operation Peace Spring"


def test_regime_forces_are_syrias(lexicons: dict[str, object]) -> None:
    p = first("Regime forces shelled a village in the countryside on Monday.", lexicons)
    assert p["actor1_acled"] == "Military Forces of Syria"


def test_sna_is_somalias_army_in_somalia_and_the_syrian_national_army_in_syria(
    lexicons: dict[str, object],
) -> None:
    p = first("SNA troops clashed with al-Shabaab near Baidoa on Monday.", lexicons)
    assert p["actor1_acled"] == "Military Forces of Somalia"
    p = first("SNA fighters clashed with the SDF near Tal Abyad on Monday.", lexicons)
    assert p["actor1_acled"] == "SNA: Syrian National Army"


def test_an_armed_groups_home_country_places_a_name_read_abroad(
    lexicons: dict[str, object],
) -> None:
    # "Al Mansura" alone is read as the Egyptian city; Houthi fighters put the note in Yemen
    p = first("Houthi fighters shelled Al Mansura on Monday, killing two civilians.", lexicons)
    assert p["country_code"] == "YE"


def test_a_sentence_without_a_date_goes_on_in_the_time_of_the_one_before(
    lexicons: dict[str, object],
) -> None:
    text = (
        "On Monday, Turkish jets struck Ras al-Ain. "
        "Kurdish fighters clashed with Turkish-backed rebels in Tal Abyad."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    # published on Thursday 17 October 2019: "Monday" is the 14th, and the clash is dated with
    # it, not with the publication week
    assert [(e.date, e.date_precision) for e in events] == [
        ("2019-10-14", "day"),
        ("2019-10-14", "day"),
    ]


def test_a_country_that_acts_is_no_event_place(lexicons: dict[str, object]) -> None:
    # "Turkey's offensive" names who acted; the strain is in Hasakah
    p = first(
        "Prison guards left Hasakah after Turkey's offensive last month, officials said, and "
        "detainees rioted.",
        lexicons,
    )
    assert p["country_code"] == "SY"


def test_an_excluded_place_is_no_event_place(lexicons: dict[str, object]) -> None:
    events = extract_events(
        [Document("d", "Turkish forces captured the border strip, with the city of Qamishli "
                  "excluded, on Monday.", published=DAY)],
        **lexicons,  # type: ignore[arg-type]
    )  # fmt: skip
    assert all(e.place is None or e.place.name != "Qamishli" for e in events)


def test_an_analysts_view_makes_no_event(lexicons: dict[str, object]) -> None:
    text = (
        "Jane Roe, a research fellow at an institute in London, said the protests in Qamishli "
        "showed anger at the offensive."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert list(events) == []


def test_a_river_is_the_event_place_only_when_nothing_else_places_it(
    lexicons: dict[str, object],
) -> None:
    text = (
        "SDF fighters captured Hajin on Monday. Thousands of civilians fled along the bank of "
        "the Euphrates."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert [e.place.name if e.place else None for e in events] == ["Hajin", "Hajin"]


def test_a_protest_that_turns_violent_in_the_next_sentence_is_a_riot(
    lexicons: dict[str, object],
) -> None:
    text = (
        "On Monday, residents demonstrated in Aden against power cuts. They blocked roads and "
        "burned tyres in the Crater district."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert (events[0].event_type, events[0].sub_event_type) == ("Riots", "Violent demonstration")
    assert events[0].actor1_acled == "Rioters (Yemen)"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Militants sabotaged the pumping station of Djibo on Monday.",
            "Looting/property destruction",
        ),
        (
            "Al-Shabaab and a clan militia signed a peace agreement in Beledweyne on Monday.",
            "Agreement",
        ),
    ],
)
def test_more_strategic_developments(text: str, sub: str, lexicons: dict[str, object]) -> None:
    p = first(text, lexicons)
    assert (p["event_type"], p["sub_event_type"]) == ("Strategic developments", sub)


def test_victims_are_never_the_attackers(lexicons: dict[str, object]) -> None:
    p = first("Civilians had also been killed by rockets fired into Akcakale on Monday.", lexicons)
    assert p["event_type"] == "Explosions/Remote violence"
    assert p["actor1"] is None and p["actor2"] == "Civilians"


def test_a_killing_blamed_on_armed_men_stays_violence_against_civilians(
    lexicons: dict[str, object],
) -> None:
    p = first(
        "On Saturday, a Kurdish politician was killed on the highway near Tal Abyad, and "
        "officials blamed Turkish-backed fighters.",
        lexicons,
    )
    assert p["event_type"] == "Violence against civilians"


def test_a_paragraph_keeps_the_day_of_its_first_dated_happening(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Turkey began an offensive in northeast Syria on Wednesday. Officials in Ankara said "
        "the operation would create a safe zone. Witnesses reported air strikes around Ras "
        "al-Ain.\n\nLater, aid agencies said fighters had looted a warehouse in Tal Abyad."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    strikes = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert [(e.date, e.date_precision) for e in strikes] == [("2019-10-16", "day")]
    looting = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert [e.date_precision for e in looting] == ["week"]  # a new paragraph: no date inherited


def test_over_the_weekend_is_the_saturday_before_publication(lexicons: dict[str, object]) -> None:
    # published Thursday 17 October 2019: the weekend was the 12th and 13th
    p = first("Thousands of Kurds marched through Qamishli over the weekend.", lexicons)
    assert (p["date"], p["date_precision"]) == ("2019-10-12", "week")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of men accused of fighting for the Islamic State are held in Hasakah.",
        "The women and children of many detainees are held in al-Hol camp.",
    ],
)
def test_accusations_and_detainees_are_no_events(text: str, lexicons: dict[str, object]) -> None:
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert list(events) == [], [e.trigger for e in events]


def test_a_country_that_captured_is_the_actor_not_the_place(lexicons: dict[str, object]) -> None:
    p = first(
        "Joint patrols will run along the area near Tal Abyad that Turkey captured this month.",
        lexicons,
    )
    assert p["country_code"] != "TR"


def test_patrols_that_begin_are_a_movement_of_forces(lexicons: dict[str, object]) -> None:
    p = first("Russian military police began patrolling near Kobani on Wednesday.", lexicons)
    assert (p["event_type"], p["sub_event_type"]) == (
        "Strategic developments",
        "Change to group/activity",
    )


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a fight told as the background of a flight is displacement, not a new fight
        ("Eleven families who fled the fighting around Ras al-Ain sleep in a school in Tal Tamr.",
         "Strategic developments"),
        # people moved between camps
        ("Foreign women and children have been moved to Roj camp near al-Malikiyah.",
         "Strategic developments"),
    ],
)  # fmt: skip
def test_background_fights_and_displacement(
    text: str, etype: str, lexicons: dict[str, object]
) -> None:
    p = first(text, lexicons)
    assert p["event_type"] == etype


def test_an_all_capitals_headline_reports_no_event(lexicons: dict[str, object]) -> None:
    text = "HEAVY FIGHTING ROCKS TAL ABYAD\n\nClashes broke out in Tal Abyad on Monday."
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert [e.start > 0 for e in events] == [True]


# -- regressions found in review ------------------------------------------------------------


def test_a_demonym_does_not_move_a_town_abroad(lexicons: dict[str, object]) -> None:
    p = first("Turkish shelling hit Ras al-Ain on Monday.", lexicons)
    assert p["country_code"] == "SY"


def test_the_police_stay_actor2_of_a_protest_they_fire_on(lexicons: dict[str, object]) -> None:
    p = first("Security forces opened fire on protesters in Khartoum on Monday.", lexicons)
    assert p["actor1"] == "Protesters" and p["actor2"] not in (None, "Protesters")


def test_one_actor_is_never_on_both_sides(lexicons: dict[str, object]) -> None:
    p = first(
        "Three soldiers were killed during clashes with al-Shabaab near Baidoa on Monday.",
        lexicons,
    )
    assert p["actor1"] != p["actor2"]


@pytest.mark.parametrize(
    "text",
    [
        "Opposition supporters rallied peacefully in Lusaka on Monday.",
        "Protesters rallied in Nairobi against the violent crackdown on Monday; no clashes "
        "were reported.",
    ],
)
def test_peaceful_rallies_stay_protests(text: str, lexicons: dict[str, object]) -> None:
    assert first(text, lexicons)["event_type"] == "Protests"


def test_an_attack_on_a_military_base_is_a_clash(lexicons: dict[str, object]) -> None:
    p = first("Al-Shabaab militants attacked a military base near Baidoa on Monday.", lexicons)
    assert p["event_type"] == "Battles"


def test_a_bare_regime_is_the_event_countrys(lexicons: dict[str, object]) -> None:
    p = first("The regime arrested dozens of activists in Caracas on Monday.", lexicons)
    assert p["actor1_acled"] == "Military Forces of Venezuela"


@pytest.mark.parametrize(
    "text",
    [
        "Russian planes carried out airstrikes on Maarat al-Numan on Monday.",
        "UN experts said an airstrike on Monday killed 20 civilians in Hodeidah.",
    ],
)
def test_planes_and_experts_do_not_hide_a_strike(text: str, lexicons: dict[str, object]) -> None:
    assert first(text, lexicons)["event_type"] == "Explosions/Remote violence"


def test_a_district_is_more_precise_than_its_province(lexicons: dict[str, object]) -> None:
    p = first(
        "Gunmen killed a farmer in Jiblah district of Ibb governorate on Monday.",
        lexicons,
    )
    assert p["place"] == "Jiblah District" and p["geo_precision"] == 2


def test_an_agreement_signed_abroad_is_placed_where_it_applies(
    lexicons: dict[str, object],
) -> None:
    text = (
        "Fighting went on around Tal Abyad and Ras al-Ain on Monday. Under the agreement reached "
        "in Sochi on Tuesday, Kurdish fighters must leave the border strip near Tal Abyad."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    deals = [e for e in events if e.sub_event_type == "Agreement"]
    assert deals and all(e.place is not None and e.place.country_code == "SY" for e in deals)


def test_a_crowd_near_a_fight_is_not_its_party(lexicons: dict[str, object]) -> None:
    p = first(
        "The last weeks of fighting near Hajin were slowed as thousands of families filed out.",
        lexicons,
    )
    assert p["event_type"] == "Battles"


def test_where_speakers_sit_is_no_event_place(lexicons: dict[str, object]) -> None:
    text = (
        "US troops pulled out of Manbij on Monday. Officials in Washington said on Tuesday that "
        "the withdrawal would go ahead."
    )
    events = extract_events([Document("d", text, published=DAY)], **lexicons)  # type: ignore[arg-type]
    assert all(e.place is None or e.place.country_code != "US" for e in events)


def test_a_claimant_is_the_actor_of_the_act_it_claims(lexicons: dict[str, object]) -> None:
    p = first(
        "Houthi fighters claimed to have attacked government positions in Taiz on Sunday.", lexicons
    )
    assert (p["event_type"], p["actor1"]) == ("Battles", "Houthis")
    # a source that reports is no party
    p = first(
        "Residents said government forces attacked Houthi forces in Taiz on Sunday.", lexicons
    )
    assert p["actor1"] == "Yemeni government forces"


def test_a_group_named_after_a_place_names_no_place(lexicons: dict[str, object]) -> None:
    # "al-Sham" (Damascus) and "Turkistan" inside the groups' names are no event places
    p = first(
        "Turkistan Islamic Party fighters joined Ahrar al-Sham as it seized Tal Wardat hill "
        "from HTS.",
        lexicons,
    )
    assert p["actor1"] in ("Ahrar al-Sham", "Turkistan Islamic Party")
    assert p["place"] not in ("Damascus", "Turkistan")
