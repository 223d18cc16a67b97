"""The vocabulary: the place-kind words recognition, resolution and events read, in one module."""

from __future__ import annotations

import doctest

import geomap.vocabulary as vocabulary
from geomap.events import location
from geomap.recognize import _CUE_AFTER
from geomap.resolve import _FEATURE_WORD


def test_vocabulary_doctests() -> None:
    assert doctest.testmod(vocabulary).failed == 0


def test_each_word_list_holds_distinct_lower_case_words() -> None:
    lists = {
        name: value
        for name, value in vars(vocabulary).items()
        if name.isupper() and isinstance(value, tuple | frozenset) and value
    }
    assert len(lists) >= 10
    for name, words in lists.items():
        words = [w for w in words if isinstance(w, str)]
        assert len(words) == len(set(words)), name
        assert all(w == w.lower() and w == w.strip() for w in words), name


def test_the_stages_read_their_kind_words_from_the_vocabulary() -> None:
    # recognition: a kind after a name cues it
    assert all(_CUE_AFTER.match(f" {kind}") for kind in vocabulary.CUE_KINDS_AFTER)
    # resolution: a kind after a feature's name may complete it
    assert all(_FEATURE_WORD.match(f" {w}") for w in vocabulary.FEATURE_WORDS_AFTER)
    # events: the kinds that point back to places named before, and those after a name
    assert all(location._ANAPHOR_RE.search(f"both {k}") for k in vocabulary.ANAPHOR_KINDS)
    assert location._ANAPHOR_RE.search("the town of Manbij") is None
    for kind in vocabulary.REGION_KINDS_AFTER:
        m = location._KIND_AFTER_RE.match(f" {kind}")
        assert m is not None and m.group(1) == kind
    for kind in vocabulary.DISTRICT_KINDS_AFTER:
        m = location._KIND_AFTER_RE.match(f" {kind}")
        assert m is not None and m.group(2) == kind
