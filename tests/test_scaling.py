"""Cost linear in a document's length (issue 25.6): inputs that once took time quadratic in their
length now finish well inside a bound the old code missed many times over (timings of the old
code on this machine in the comments). The full curve, 10 KB to 5 MB, is
``bench/bench_scaling.py``."""

from __future__ import annotations

import random
import time

import pytest

from geomap.documents import sentence_spans
from geomap.events.location import coordinated_locations, focus_place, locate_event
from geomap.geoparsing import Geoparser
from geomap.recognize import tokenize

TOWNS = ["Ras al-Ain", "Tal Abyad", "Qamishli", "Hasakah", "Ain Issa", "Manbij", "Kobani"]


def _news(paragraphs: int) -> str:
    rng = random.Random(7)
    out = []
    for _ in range(paragraphs):
        a, b, c = rng.sample(TOWNS, 3)
        out.append(
            rng.choice(
                [
                    f"Turkish jets struck {a} and {b} on Monday, a monitor said. At least "
                    f"{rng.randint(2, 30)} civilians were killed.",
                    f"Fighters clashed near {a}. The fighting spread to villages south of {b}.",
                    f"Residents protested in {a}, and police fired tear gas, witnesses said.",
                    f"Officials said the convoy left {a} for {b} and {c}. Nobody was hurt.",
                    "The talks ended without a deal. Both sides said they would meet again.",
                ]
            )
        )
    return "\n\n".join(out)


def _timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def test_blank_lines_split_in_linear_time() -> None:
    # 10,000 blank lines: 5.5 s before (each newline rescanned the rest of the run)
    text = "Shelling hit Tal Abyad.\n" + "\n" * 10_000 + "Clashes in Manbij."
    spans, took = _timed(sentence_spans, text)
    assert [text[s:e] for s, e in spans] == ["Shelling hit Tal Abyad.", "Clashes in Manbij."]
    assert took < 0.5


@pytest.mark.slow
def test_titles_in_a_row_read_in_linear_time(gaz) -> None:  # type: ignore[no-untyped-def]
    # "St. " x 10,000 (40 KB): about 24 s in _person_surnames before (each title rescanned the
    # run of capitalised words after it)
    recognizer = Geoparser(gaz).recognizer
    text = "St. " * 10_000
    tokens = tokenize(text)
    _, took = _timed(recognizer._person_surnames, text, tokens, set())
    assert took < 1.0


@pytest.mark.slow
def test_long_list_of_one_name_resolves_in_linear_time(gaz) -> None:  # type: ignore[no-untyped-def]
    # "Ras al-Ain, " x 6,000 (72 KB): about 25 s before in the list-kind pattern, matched after
    # every name over the rest of the list
    parser = Geoparser(gaz)
    found, took = _timed(parser.parse, "Ras al-Ain, " * 6_000)
    assert len(found) > 1000
    assert took < 10.0
    # and a plural kind after a list still makes each name one of that kind
    listed = parser.parse("Clashes hit the Idlib and Hama provinces.")
    assert {r.mention.text for r in listed} >= {"Idlib", "Hama"}


@pytest.mark.slow
def test_locating_every_event_is_linear(gaz) -> None:  # type: ignore[no-untyped-def]
    # 3,000 paragraphs (about 300 KB): locate_event and coordinated_locations scanned every
    # place mention of the document for every trigger (20 s here before, 1.3 s after)
    text = _news(3_000)
    resolutions = Geoparser(gaz).parse(text)
    spans = sentence_spans(text)
    focus = focus_place(resolutions, text)
    t0 = time.perf_counter()
    located = 0
    for sentence in spans:
        trigger = (sentence[0], sentence[0] + 1)
        where = locate_event(
            sentence, resolutions, text, trigger=trigger, focus=focus, sentences=spans
        )
        located += where.place is not None
        coordinated_locations(where, sentence, resolutions, text)
    took = time.perf_counter() - t0
    assert located > len(spans) // 2
    assert took < 5.0


def test_a_capitalised_run_is_followed_only_a_name_phrase_beyond_the_name(gaz) -> None:  # type: ignore[no-untyped-def]
    # every candidate in "St. St. St. ..." walked the whole run around it (and copied its words),
    # a cost quadratic in the run's length: 100 KB took 88 s in geoparse
    from geomap.recognize import MAX_RUN_REACH

    recognizer = Geoparser(gaz).recognizer
    saints = "St. " * 10_000
    tokens = tokenize(saints)
    a, b = recognizer._run(tokens, set(), 5_000, 5_000, saints)
    assert 5_000 - a <= MAX_RUN_REACH and b - 5_000 <= MAX_RUN_REACH
    # an ordinary run is still taken whole
    text = "On Monday he spoke at the Damascus University of Arts and Sciences."
    tokens = tokenize(text)
    k = next(n for n, t in enumerate(tokens) if t.text == "Damascus")
    a, b = recognizer._run(tokens, set(), k, k, text)
    assert [t.text for t in tokens[a : b + 1]] == [
        "Damascus",
        "University",
        "of",
        "Arts",
        "and",
        "Sciences",
    ]
