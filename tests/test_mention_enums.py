"""``Mention.role`` and ``Mention.cue`` are ``StrEnum`` members (issue 24 item 3): they compare,
print and serialise as the strings they were, so outputs do not change."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from geomap.recognize import load_lexicon
from geomap.types import LITERAL_ROLES, Cue, Mention, Role


def test_strings_given_are_read_as_members_and_stay_equal_to_them() -> None:
    m = Mention("d", 0, 5, "Hama", role="area", cue="province")  # type: ignore[arg-type]
    assert m.role is Role.AREA and m.cue is Cue.PROVINCE
    assert m.role == "area" and m.cue == "province" and f"{m.role}/{m.cue}" == "area/province"
    assert replace(m, role="embedded").role is Role.EMBEDDED  # type: ignore[arg-type]
    assert Mention("d", 0, 5, "Hama").cue is Cue.NONE and not Mention("d", 0, 5, "Hama").cue


def test_json_and_repr_are_those_of_the_strings() -> None:
    m = Mention("d", 0, 7, "Turkish", role=Role.DEMONYM, cue=Cue.DEMONYM)
    assert json.dumps({"role": m.role, "cue": m.cue}) == '{"role": "demonym", "cue": "demonym"}'
    assert repr(m.role) == "'demonym'" and "role='demonym'" in repr(m)
    assert (m.text, m.role) == ("Turkish", "demonym")


def test_literal_roles() -> None:
    assert {"place", "area"} == LITERAL_ROLES
    assert Mention("d", 0, 1, "X", role=Role.AREA).literal
    assert not Mention("d", 0, 1, "X", role=Role.MODIFIER).literal


def test_every_place_kind_word_of_the_lexicon_is_a_cue() -> None:
    # a kind word after a name becomes the mention's cue ("Hama province")
    assert set(load_lexicon().place_kinds) <= {c.value for c in Cue}


def test_an_unknown_role_or_cue_is_refused() -> None:
    with pytest.raises(ValueError):
        Mention("d", 0, 1, "X", role="capital")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Mention("d", 0, 1, "X", cue="nowhere")  # type: ignore[arg-type]
