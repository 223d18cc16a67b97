"""Mentions that name no place after all, told from the resolved document.

A pass after resolution (and after :mod:`geomap.facilities`): it removes from a document's
resolutions the mentions that the corpora and a GIS user would not count as toponyms, which
the recogniser cannot tell from the words alone because they need the chosen place:

* a single word inside an organisation's name that is an ordinary English word, a given name or
  a surname, read as a small place or as a place by another name: "Commerce" in "Chamber of
  Commerce", "Drug" (Durg, India) in "Drug Enforcement Unit", "Webb" in "the Webb Center",
  "Sarah" in "Sarah Bush Lincoln Hospital". It stays when the document names the same place
  literally elsewhere, when the place is an area (a country, a province, a sea), for a name
  when the place has 100,000 people or more, and when a word of a jurisdiction follows it
  ("Hamilton Municipal Court", ``jurisdiction_heads``);
* a country's demonym inside the name of a people: "American" in "Native Americans",
  "African-American" or "American Indians" (``ethnic_compounds`` in
  ``geomap/data/nonplaces.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from .gazetteer.normalize import fold
from .textscan import WordScan
from .types import Resolution

#: A given name or surname inside an organisation's name stays a place at this population.
NAME_PLACE_POPULATION = 100_000


@lru_cache(maxsize=1)
def _lists() -> dict[str, list[str]]:
    text = (resources.files("geomap") / "data" / "nonplaces.toml").read_text(encoding="utf-8")
    data: dict[str, list[str]] = tomllib.loads(text)
    return data


@lru_cache(maxsize=1)
def _jurisdiction_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in _lists()["jurisdiction_heads"])


@lru_cache(maxsize=1)
def _compounds() -> WordScan:
    """The names of peoples, found as the case-insensitive pattern of them finds them, faster
    (geomap/textscan.py: the candidates begin with a compound's first word)."""
    data = _lists()
    parts = sorted(
        {r"[\s\-]+".join(re.escape(w) for w in fold(p).split()) for p in data["ethnic_compounds"]},
        key=len,
        reverse=True,
    )
    pattern = re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
    return WordScan(pattern, {fold(p).split()[0] for p in data["ethnic_compounds"]})


def drop_non_places(text: str, resolutions: list[Resolution]) -> list[Resolution]:
    """``resolutions`` without the mentions that name no place (see the module's docstring)."""
    from .recognize import is_common_word, load_lexicon

    literal = {r.place.place_id for r in resolutions if r.place is not None and r.mention.literal}
    peoples: list[tuple[int, int]] | None = None  # found when first needed
    lex = load_lexicon()
    out = []
    for r in resolutions:
        m, p = r.mention, r.place
        if p is not None and not m.literal:
            if peoples is None:
                peoples = [(x.start(), x.end()) for x in _compounds().finditer(text)]
            if any(s <= m.start and m.end <= e for s, e in peoples):
                continue  # "Native Americans"
        if (
            p is not None
            and m.role == "embedded"
            and m.cue == "organisation"
            and " " not in m.text
            and p.place_id not in literal
            and not p.is_area
        ):
            word = fold(m.text)
            after = text[m.end : m.end + 30].split()
            if after and fold(after[0]) in _jurisdiction_heads():
                out.append(r)
                continue
            if is_common_word(m.text):
                continue  # "Chamber of Commerce"
            if (word in lex.first_names or word in lex.surnames) and (
                p.population < NAME_PLACE_POPULATION
            ):
                continue  # "the Webb Center"
        out.append(r)
    return out
