"""Unit tests of recognition and resolution rules on a tiny gazetteer built in a temporary
folder (a handful of places), apart from the integration tests on the real gazetteer.

Each test names the rule, score feature or acceptance check it guards. The places are written
for these tests: their points and populations are rough, their ids made up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.store import PlaceStore, writing
from geomap.recognize import Recognizer
from geomap.resolution.weights import DEFAULT_WEIGHTS
from geomap.resolve import Resolver
from geomap.types import Place, Resolution


def _place(
    n: int,
    name: str,
    lon: float,
    lat: float,
    kind: str,
    cc: str,
    admin1: str = "",
    pop: int = 0,
    code: str = "PPL",
    radius: float = 0.0,
) -> Place:
    return Place(f"tiny:{n}", name, lon, lat, kind, cc, admin1, "", pop, code, radius, "tiny")


#: (place, other names)
PLACES = [
    (_place(1, "Syria", 38.5, 35.0, "country", "SY", pop=17_000_000, code="PCLI", radius=300), []),
    (_place(2, "United States", -98, 39, "country", "US", pop=330_000_000, code="PCLI"), []),
    (_place(3, "Jordan", 36.0, 31.0, "country", "JO", pop=10_000_000, code="PCLI", radius=200), []),
    (_place(10, "Ar Raqqah", 38.8, 35.9, "admin1", "SY", "SY.04", 900_000, "ADM1", 80), ["Raqqa"]),
    (_place(11, "Ar Raqqah", 39.01, 35.95, "city", "SY", "SY.04", 177_000, "PPLA"), ["Raqqa"]),
    (_place(12, "Tall Abyad", 38.95, 36.70, "town", "SY", "SY.04", 15_000), ["Tal Abyad"]),
    (_place(20, "Missouri", -92.5, 38.5, "admin1", "US", "US.MO", 6_000_000, "ADM1", 300), []),
    (_place(21, "Tennessee", -86.0, 35.8, "admin1", "US", "US.TN", 6_900_000, "ADM1", 300), []),
    (_place(30, "Springfield", -89.64, 39.80, "city", "US", "US.IL", 116_000, "PPLA"), []),
    (_place(31, "Springfield", -93.30, 37.21, "city", "US", "US.MO", 169_000), []),
    (_place(32, "Paris", -88.33, 36.30, "town", "US", "US.TN", 10_000), []),
    (_place(33, "Paris", -84.25, 38.21, "town", "US", "US.KY", 10_000), []),
    (_place(34, "Jordan", -93.63, 44.67, "town", "US", "US.MN", 6_000), []),
    (_place(35, "Calmar", -91.86, 43.18, "village", "US", "US.IA", 900), ["Kalma"]),
    (_place(40, "Bali", 115.1, -8.4, "admin1", "ID", "ID.02", 4_000_000, "ADM1", 60), []),
    (_place(41, "Reading", -0.97, 51.45, "city", "GB", "GB.ENG", 230_000), []),
]
ADMIN1 = {"SY.04": "Raqqa", "US.MO": "Missouri", "US.TN": "Tennessee", "US.KY": "Kentucky"}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Recognizer, Resolver]]:
    path = Path(tmp_path_factory.mktemp("tiny")) / "tiny.sqlite"
    with writing(path) as w:
        for place, names in PLACES:
            w.add_place(place, names)
        for code, name in ADMIN1.items():
            w.add_admin1(code, name)
        w.add_demonym("Syrian", "SY")
    gaz = Gazetteer([PlaceStore(path)])
    recognizer = Recognizer(gaz)
    yield recognizer, Resolver(gaz, recognizer.view)
    gaz.close()


def parse(tiny: tuple[Recognizer, Resolver], text: str) -> list[Resolution]:
    recognizer, resolver = tiny
    return resolver.resolve(text, recognizer.recognize(text))


def one(tiny: tuple[Recognizer, Resolver], text: str, name: str) -> Resolution:
    (found,) = [r for r in parse(tiny, text) if r.mention.text == name]
    return found


def features(r: Resolution, place_id: str) -> dict[str, float]:
    (cand,) = [c for c in r.candidates if c.place.place_id == place_id]
    return dict(cand.features)


# -- recognition ------------------------------------------------------------------------------


def without(tiny: tuple[Recognizer, Resolver], rule_id: str, text: str) -> list[str]:
    """The names recognised in ``text`` with one rule switched off."""
    recognizer = Recognizer(tiny[0].gazetteer, frozenset({rule_id}))
    return [m.text for m in recognizer.recognize(text)]


def test_people_given_name_leads(tiny: tuple[Recognizer, Resolver]) -> None:
    text = "They met Mustafa Bali at noon."
    assert parse(tiny, text) == []
    assert without(tiny, "people.given-name-leads", text) == ["Bali"]
    bali = one(tiny, "Clashes were reported near Bali.", "Bali")
    assert bali.place is not None and bali.place.place_id == "tiny:40"
    assert bali.mention.rules == ("names.gazetteer-run", "names.preposition-cue")


def test_common_sentence_start(tiny: tuple[Recognizer, Resolver]) -> None:
    assert parse(tiny, "Reading the news, he laughed.") == []
    assert without(tiny, "common.sentence-start", "Reading the news, he laughed.") == ["Reading"]
    assert one(tiny, "Fans gathered in Reading.", "Reading").mention.cue == "preposition"


def test_names_demonyms(tiny: tuple[Recognizer, Resolver]) -> None:
    syrian = one(tiny, "Syrian forces entered Tal Abyad.", "Syrian")
    assert (syrian.mention.role, syrian.mention.cue) == ("demonym", "demonym")
    assert syrian.place is not None and syrian.place.place_id == "tiny:1"
    assert syrian.candidates[0].match == "demonym"
    assert syrian.candidates[0].features["prior"] == DEFAULT_WEIGHTS.demonym_prior


def test_a_kind_word_after_the_name_is_its_cue(tiny: tuple[Recognizer, Resolver]) -> None:
    assert one(tiny, "Fighting in Raqqa province went on.", "Raqqa").mention.cue == "province"


# -- resolution: score features ---------------------------------------------------------------


def test_feature_qualifier(tiny: tuple[Recognizer, Resolver]) -> None:
    r = one(tiny, "Protests in Springfield, Missouri.", "Springfield")
    assert r.place is not None and r.place.place_id == "tiny:31"
    assert features(r, "tiny:31")["qualifier"] == DEFAULT_WEIGHTS.w_qualifier
    assert features(r, "tiny:30")["qualifier"] == 0.0


def test_feature_seat_unless_the_text_says_province(tiny: tuple[Recognizer, Resolver]) -> None:
    alone = one(tiny, "Raqqa was shelled.", "Raqqa")
    assert features(alone, "tiny:10")["seat"] == -DEFAULT_WEIGHTS.w_seat
    assert "seat" not in features(alone, "tiny:11")
    province = one(tiny, "Fighting in Raqqa province went on.", "Raqqa")
    assert "seat" not in features(province, "tiny:10")
    assert features(province, "tiny:10")["cue"] == DEFAULT_WEIGHTS.w_cue
    assert province.place is not None and province.place.place_id == "tiny:10"


def test_feature_namesake_of_a_country(tiny: tuple[Recognizer, Resolver]) -> None:
    r = one(tiny, "Jordan closed its border.", "Jordan")
    assert r.place is not None and r.place.place_id == "tiny:3"
    assert features(r, "tiny:34")["namesake"] == -DEFAULT_WEIGHTS.w_namesake_country


def test_feature_country_from_the_other_names(tiny: tuple[Recognizer, Resolver]) -> None:
    r = one(tiny, "Syrian forces entered Tal Abyad.", "Tal Abyad")
    assert features(r, "tiny:12")["country"] == DEFAULT_WEIGHTS.w_country


def test_weights_given_to_the_resolver_are_used(tiny: tuple[Recognizer, Resolver]) -> None:
    recognizer, resolver = tiny
    plain = Resolver(
        resolver.gazetteer, recognizer.view, DEFAULT_WEIGHTS.with_values(w_qualifier=0.0)
    )
    text = "Protests in Springfield, Missouri."
    (r, _) = plain.resolve(text, recognizer.recognize(text))
    assert features(r, "tiny:31")["qualifier"] == 0.0


# -- resolution: acceptance checks ------------------------------------------------------------


def test_check_ambiguous(tiny: tuple[Recognizer, Resolver]) -> None:
    r = one(tiny, "Paris was quiet.", "Paris")
    assert r.place is None
    assert r.reason.startswith("ambiguous: Paris (Tennessee, US) and Paris (Kentucky, US)")
    assert len(r.candidates) == 2  # kept for a reader


def test_check_low_score_for_a_small_place_read_by_another_name(
    tiny: tuple[Recognizer, Resolver],
) -> None:
    # "Kalma" is only another name of Calmar (900 people): it needs min_point_score
    r = one(tiny, "They met in Kalma.", "Kalma")
    assert r.place is None
    assert r.reason.startswith("low score: best reading Calmar (US)")
    assert r.reason.endswith(f"below {DEFAULT_WEIGHTS.min_point_score}")


def test_a_reading_no_check_refuses_is_taken_with_its_score_parts(
    tiny: tuple[Recognizer, Resolver],
) -> None:
    r = one(tiny, "Protests in Springfield, Missouri.", "Springfield")
    assert r.reason.startswith("exact match; prior=")
    assert "qualifier=+0.80" in r.reason


def test_recognition_and_resolution_share_one_gazetteer_view(
    tiny: tuple[Recognizer, Resolver],
) -> None:
    from geomap.gazetteer.view import GazetteerView
    from geomap.geoparsing import Geoparser

    _, resolver = tiny
    parser = Geoparser(resolver.gazetteer)
    # the geoparser builds one view for both stages; the resolver holds no recogniser
    assert isinstance(parser.resolver.view, GazetteerView)
    assert parser.recognizer.view is parser.resolver.view
    assert not any(isinstance(v, Recognizer) for v in vars(parser.resolver).values())
    # what one stage asked is remembered for the other: the same candidate list, not a copy
    view = parser.resolver.view
    assert "springfield" in view.keys and "amanda chlebek" not in view.keys
    assert view.candidates("springfield") is view.candidates("springfield")
    assert {c.place.place_id for c in view.candidates("springfield")} >= {"tiny:31"}


def test_gazetteer_view_doctests() -> None:  # on the real gazetteer
    import doctest

    import geomap.gazetteer.view

    assert doctest.testmod(geomap.gazetteer.view).failed == 0
