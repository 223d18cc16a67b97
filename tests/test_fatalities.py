"""Fatalities as an ACLED coder reads them: the lowest figure, 0 for none, None for nothing.

Every sentence here was written for these tests, in the style of conflict news from many places.
"""

from __future__ import annotations

import doctest

import pytest

import geomap.events.fatalities as fatalities_module
from geomap.events.fatalities import VAGUE_PLURAL, fatalities, fatality_mentions, parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a killing verb and its object
        ("Jets struck a market in Maarat al-Numan, killing 8 civilians.", 8),
        ("Gunmen on a motorbike shot dead 2 teachers in Quetta.", 2),
        ("Militants killed eleven villagers near Djibo overnight.", 11),
        ("Al Shabaab fighters executed four men accused of spying in Jilib.", 4),
        ("The blast in Peshawar claimed the lives of 6 worshippers.", 6),
        ("A drone strike near Marib resulted in the death of 3 fighters.", 3),
        ("Soldiers shot and killed 2 suspected smugglers on the border.", 2),
        # passive and intransitive verbs of death
        ("8 people were killed when a bus struck a mine in Hodeidah.", 8),
        ("Four soldiers died in an ambush near Menaka.", 4),
        ("Twenty-five civilians were reportedly killed in shelling of Ariha.", 25),
        ("Two soldiers and one militant were killed in the attack on the post.", 3),
        ("3 policemen killed in Khyber blast.", 3),
        ("Nine fighters, including a local emir, were killed in the airstrike.", 9),
        ("Five herders, among them two boys, were killed near Bokkos.", 5),
        ("A grandmother and two children were killed when a shell hit their house.", 3),
        ("Three ADF [Allied Democratic Forces] rebels were killed near Beni.", 3),
        # distinct victim groups of one clause are summed
        ("Militants killed 3 soldiers and 2 civilians near Gao.", 5),
        ("The raid killed 6 guards, and 9 passengers including 2 women.", 15),
        ("The strike killed seven fighters as well as two civilians in Saada.", 9),
        ("Gunmen killed a farmer and his two sons in Zamfara.", 3),
        ("Troops killed a father, his wife, and their son in the village.", 3),
        # injuries are not deaths
        ("A car bomb in Mogadishu went off, killing 2 and injuring 5.", 2),
        ("Two gendarmes died and six others were hurt when a mine exploded near Kaya.", 2),
        ("One policeman was killed and two others injured in Quetta.", 1),
        ("Shelling on Taizz killed 4 and wounded 11.", 4),
        ("Five soldiers were wounded by a roadside bomb in Kunar.", None),
        # the lowest reported figure
        ("At least 5 people were killed in the clashes in Kidal.", 5),
        ("Between 5 and 7 fighters were killed near Sirte.", 5),
        ("The fighting left 5-7 dead on each side.", 5),
        ("More than 20 civilians were killed in the market bombing.", 20),
        ("Up to 10 people were killed in the stampede at the checkpoint.", 10),
        ("Six civilians were killed in the strike. Other sources said 9 were killed.", 6),
        # nouns of death
        ("The attack on the convoy left four dead in Tillaberi.", 4),
        ("Clashes in Aden: 12 dead, dozens hurt.", 12),
        ("Residents found 4 bodies on the road to Jowhar.", 4),
        ("The fighting caused 5 fatalities among the militia.", 5),
        ("The death toll rose to 9 after two of the wounded died in hospital.", 9),
        ("Police confirmed the death of two traders in the ambush.", 2),
        # one victim, two victims
        ("A child was killed when a mortar round hit her home in Idlib.", 1),
        ("Security forces opened fire on protesters, killing a student in Khartoum.", 1),
        ("Unidentified gunmen shot dead a businessman in Beledweyne.", 1),
        ("A farmer was hacked to death by herders in Benue.", 1),
        ("The body of a shepherd was found and he was found dead near Bakool.", 1),
        ("Rebels abducted a chief and killed him in Ituri.", 1),
        ("Militiamen executed Major Omar Haji in Baidoa.", 1),
        ("A tailor and his brother were shot dead outside their shop in Yala.", 2),
        ("The gunmen stopped the two brothers and killed them both.", 2),
        ("Militiamen seized nine fishermen and later executed them on the river bank.", 9),
        # vague figures
        ("The air raid killed dozens of fighters in Sirte.", 12),
        ("Several soldiers were killed in the attack on the base.", VAGUE_PLURAL),
        ("Hundreds of people were killed in the massacre.", 100),
        # an analyst's coded total wins over the parts
        ("Militants killed 3 soldiers. Fatalities coded to 5.", 5),
        ("Clashes reported. Total fatalities 11.", 11),
        ("Fatalities from both sides. Unknown number of fatalities coded as 10.", 10),
        ("Clashes in Hajin, Sosa and Baghuz. Total fatalities of 12 are split, 4 each.", 4),
        ("Unknown fatalities coded as 10. Fatalities split between four events.", 3),
        # none
        ("Troops retook the village with no casualties.", 0),
        ("Neither fatalities nor injuries were reported.", 0),
        ("Rebels shelled the town; no fatalities reported.", 0),
        ("The police dispersed the crowd without casualties.", 0),
        ("A rocket hit an empty school; no one was killed.", 0),
        ("There were no reports of casualties after the clash in Dhamar.", 0),
        # nothing said
        ("Thousands of students protested in Ouagadougou against fees.", None),
        ("Turkish forces deployed to the outskirts of Manbij.", None),
        ("", None),
    ],
)
def test_fatalities(text: str, expected: int | None) -> None:
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years, dates and times
        ("On 12 March 2019, unidentified gunmen killed a trader in Bosaso.", 1),
        ("Clashes on June 29 killed 3 soldiers in Lahij.", 3),
        ("At 10 pm, shelling killed 2 civilians in Daraa.", 2),
        # ages
        ("A 25-year-old man was shot dead in Karachi.", 1),
        ("Rajesh Kumar, 34, died in the clash with police in Saptari.", 1),
        # distances, calibres, unit numbers
        ("Fighters were killed 5 km south of Tal Tamr; 3 fighters died.", 3),
        ("The 30th Brigade said 4 soldiers were killed in the ambush.", 4),
        ("Brigade 55 fighters shelled the hill; 2 fighters died.", 2),
        ("A soldier of the 4th Armored Division was killed in Daraa.", 1),
        ("Gunmen fired 12.7mm machine guns at the post; no casualties.", 0),
        # money
        ("Kidnappers demanded $5,000 and killed 2 hostages in Zamfara.", 2),
    ],
)
def test_numbers_that_are_not_counts(text: str, expected: int | None) -> None:
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds protested in Aden to denounce the killing of a soldier by the police.",
        "Mourners marched in Bamako against the killing of 2 students last week.",
        "Students held a procession in Lahore for three classmates murdered by a mob.",
        "Journalists laid flowers at the memorial to a reporter who was killed in 2009.",
        "Villagers blocked the road demanding justice after a child died in the raid.",
        "Troops tried to kill the commander but he escaped.",
    ],
)
def test_killings_recalled_or_intended_are_not_this_events(text: str) -> None:
    assert not fatalities(text)


def test_span_limits_what_is_read() -> None:
    text = "Jets killed 4 civilians in Saraqib. Shelling in Ariha killed 2 children."
    second = text.index("Shelling")
    assert fatalities(text, 0, second) == 4
    assert fatalities(text, second, len(text)) == 2
    assert fatalities(text) == 4  # a second figure repeats or differs; no "also": the larger


def test_further_victims_are_added() -> None:
    text = "Militants killed 2 soldiers in Gao. A civilian was also killed in the crossfire."
    assert fatalities(text) == 3


def test_mentions_are_spans_into_the_text() -> None:
    text = "On 3 May, gunmen killed 3 soldiers and 2 civilians. No one else was hurt."
    [mention] = [m for m in fatality_mentions(text) if m.count]
    assert text[mention.start : mention.end] == "3 soldiers and 2"
    assert (mention.count, mention.rule) == (5, "killed N")


def test_none_reported_differs_from_nothing_said() -> None:
    assert fatalities("The clash ended with no casualties.") == 0
    assert fatalities("The clash ended at dawn.") is None


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("8", 8),
        ("1,200", 1200),
        ("12 000", 12000),
        ("seventeen", 17),
        ("Seven", 7),
        ("forty-two", 42),
        ("a dozen", 12),
        ("dozens", 12),
        ("hundreds", 100),
        ("several", VAGUE_PLURAL),
        ("soldiers", None),
    ],
)
def test_parse_count(figure: str, expected: int | None) -> None:
    assert parse_count(figure) == expected


def test_doctests() -> None:
    result = doctest.testmod(fatalities_module)
    assert result.attempted > 0
    assert result.failed == 0
