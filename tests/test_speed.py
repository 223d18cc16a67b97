"""Geoparsing speed (issue 26): the structures built with the index and the shortcuts of the
recogniser give the same answers as the slower paths they replace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.normalize import fold
from geomap.gazetteer.store import KeyFilter, PlaceStore, writing
from geomap.recognize import _GAP_WORD_RE, WORD_RE, _word_facts, tokenize
from geomap.types import Place

TEXT = (
    "Turkish forces shelled Ras al-Ain in northeast Syria, said Mustafa Bali; O'Brien and "
    "José López fled to Şanlıurfa and the Xyzzy River. “It’s over,” said Gen. Mazloum Kobani."
)


def test_key_filter_never_misses_a_stored_key() -> None:
    keys = [f"place {i}" for i in range(5000)]
    kf = KeyFilter.build(iter(keys), len(keys))
    assert all(kf.may_have(k) for k in keys)
    misses = sum(kf.may_have(f"nowhere {i}") for i in range(5000))
    assert misses < 25  # about 1 in 4,000 at 16 bits a key
    assert KeyFilter.positions("ras ain", 1023) == KeyFilter.positions("ras ain", 1023)


def test_has_key_answers_as_by_key(gaz: Gazetteer) -> None:
    store = gaz.stores[0]
    asked = ["ras ain", "syria", "president donald", "he", "zzzz kkkk", "deir zor", "the"]
    assert [store.has_key(k) for k in asked] == [bool(store.by_key(k)) for k in asked]
    # every key of a sample of stored names passes the filter
    rows = store._db.execute("SELECT key FROM names WHERE pid % 97 = 0 LIMIT 3000").fetchall()
    assert all(store.has_key(k) for (k,) in rows)


def test_gazetteer_has_key_answers_as_its_stores_and_keeps_the_rows(gaz: Gazetteer) -> None:
    # a key that may be a name has its names and places read at once, for its candidates
    fresh = Gazetteer(gaz.stores)
    asked = ["ras ain", "syria", "president donald", "he", "zzzz kkkk", "deir zor", "the"]
    assert [fresh.has_key(k) for k in asked] == [
        any(s.has_key(k) for s in gaz.stores) for k in asked
    ]
    assert fresh._key_cache["ras ain"] and "zzzz kkkk" not in fresh._key_cache
    assert fresh.candidates_for_key("ras ain") == gaz.candidates_for_key("ras ain")


def test_store_without_a_key_filter_still_answers(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite"
    with writing(path) as w:
        w.add_place(Place("user:t:1", "Xyzzyville", 40.2, 36.5, "village", "SY"), ["Ksizivil"])
    db = sqlite3.connect(path)
    db.execute("DROP TABLE key_filter")  # as a store written before the filter existed
    db.commit()
    db.close()
    store = PlaceStore(path)
    assert store.has_key("xyzivile") is bool(store.by_key("xyzivile"))
    assert store.has_key("ksizivil") and not store.has_key("nowhere")


def test_word_pattern_matches_as_one_character_at_a_time() -> None:
    import re

    plain = re.compile(r"([\W_]*)([^\W\d_](?:[^\W_]|['’ʼ](?=[^\W\d_]))*|\d+)")
    for text in (TEXT, "don't Syria's O'Brien’s 12 a1b2 ʼs Aʼs x'y' __a__ 3x", "Itâ s"):
        assert _GAP_WORD_RE.findall(text) == plain.findall(text)
        assert WORD_RE.findall(text) == [w for _, w in plain.findall(text)]


def test_ascii_words_fold_to_lower_case() -> None:
    for word in WORD_RE.findall(TEXT + " F16 Year2000bug MiG29 ABC"):
        folded = _word_facts(word)[0]
        assert folded == fold(word), word


def test_tokens_are_unchanged_by_the_fast_paths() -> None:
    tokens = tokenize(TEXT)
    assert [t.text for t in tokens][:6] == ["Turkish", "forces", "shelled", "Ras", "al", "Ain"]
    for t in tokens:
        assert t.folded == fold(t.text)
        assert TEXT[t.start : t.end] == t.text


def test_word_scan_finds_what_the_pattern_finds() -> None:
    import re

    from geomap.textscan import WordScan

    pattern = re.compile(r"(?<![A-Za-z])(?:take\ off|flights|flight|fly|jet)(?![a-z\-])", re.I)
    scan = WordScan(pattern, ["take off", "flights", "flight", "fly", "jet"])
    texts = [
        "Flights resumed; the JET was set to TAKE OFF, a fly-by and a flyer.",
        "xflight project jet-set Jet, fly.",
        "Flıght and FLY under the Kelvin sign \u212a; İstanbul flights",  # the pattern alone
        "",
    ]
    for text in texts:
        assert [m.span() for m in scan.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert (scan.search(text) is None) == (pattern.search(text) is None)
    compounds = re.compile(r"\b(?:native[\s\-]+americans|native[\s\-]+american)\b", re.I)
    peoples = WordScan(compounds, ["native"])
    text = "NATIVE  AMERICANS, native-american, xnative americans, Native Americanſ"
    assert [m.span() for m in peoples.finditer(text)] == [
        m.span() for m in compounds.finditer(text)
    ]
