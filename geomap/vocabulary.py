"""Place-kind words, and what each stage reads them for.

Where the words are:

* here, the kind words recognition and resolution test in code: the nouns of natural features
  and parks, the plural kinds that list names, the kinds that make a name the gazetteer lacks a
  place, the camp words, and the gazetteer kinds each cue prefers (:data:`CUE_KINDS`);
* ``geomap/data/recognition.toml``, read by :func:`geomap.recognize.load_lexicon`: the
  recogniser's word lists (titles, ``place_kinds``, feature and street nouns, organisation
  heads…), each with a comment saying what it is for; the kind words of ``place_kinds`` are also
  the values of :class:`geomap.types.Cue`;
* here too, the kind words the events stage reads when it places an event (the section
  "events": the kinds before a site's name, those that point back, those between a place and
  the one it lies in, and those after a name that pick its region or district);
* ``geomap/events/data/``: the events' trigger and actor words (``triggers.tsv``, ``actors.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: The kind words of second-level units ("Hubaysh district", "Soum Province", "Banikoara
#: commune", "Ikorodu LGA"): the gazetteer holds each unit also under its name with the kind word
#: its country uses, and a bare name that is also a town's in the unit under that form only.
ADMIN2_CUES: dict[str, set[str]] = {
    "district": {"admin2"},
    "department": {"admin2", "admin1"},
    "commune": {"admin2"},
    "municipality": {"admin2"},
    "prefecture": {"admin2", "admin1"},
    "cercle": {"admin2"},
    "lga": {"admin2"},
    "local government area": {"admin2"},
}
#: A kind word the text gives a name (a mention's cue, or the word written after it), and the
#: gazetteer kinds it prefers (score feature ``cue``).
CUE_KINDS: dict[str, set[str]] = {
    "province": {"admin1", "admin2"},  # Burkina Faso's and the Philippines' are admin-2 units
    "governorate": {"admin1", "admin2"},
    **ADMIN2_CUES,
    "state": {"admin1"},
    "region": {"admin1", "region"},
    "camp": {"camp"},
    "refugee camp": {"camp"},
    "crossing": {"border_crossing"},
    "border crossing": {"border_crossing"},
    "prison": {"prison"},
    "river": {"river"},
    "island": {"island"},
    "mountain": {"mountain", "mountains"},
    "mountains": {"mountains", "mountain"},
    "dam": {"dam"},
    "base": {"military_base"},
    "airbase": {"military_base", "airport"},
    "village": {"village", "town"},
    "town": {"town", "village", "city"},
    "city": {"city", "town"},
}
#: Cues of natural features: a small town of the feature's name is not taken for it when it lies
#: far from the document's other places ("Kish River" in Illinois is not Kish, Iran).
NATURAL_CUES = frozenset({"river", "mountain", "mountains", "island"})
#: Plural kinds after a list of names ("Idlib and Hama provinces"), as the singular cue each
#: name gets.
PLURAL_CUES = {"provinces": "province", "governorates": "governorate", "states": "state"}

# -- recognition --------------------------------------------------------------------------------

#: Words that end (or, second set, begin) the name of a natural feature: a capitalised name
#: with one is reported whole, unresolved, when the gazetteer does not hold it ("Neches River").
NATURAL_NOUNS = frozenset(
    {
        "river", "creek", "lake", "bay", "island", "islands", "mountains", "mountain", "valley",
        "gorge", "canyon", "glacier", "volcano", "peninsula", "desert", "strait", "sea", "ocean",
    }
)  # fmt: skip
NATURAL_PREFIXES = frozenset({"lake", "mount", "mt", "isle"})
#: Two-word heads of protected areas ("Zion National Park", "Hottentots Holland Nature Reserve").
PARK_QUALIFIERS = frozenset({"national", "state", "nature", "wildlife", "provincial", "marine"})
PARK_NOUNS = frozenset({"park", "forest", "reserve", "refuge", "preserve", "monument", "sanctuary"})
PARK_HEADS = frozenset((q, n) for q in PARK_QUALIFIERS for n in PARK_NOUNS)
#: Gazetteer kinds that are natural features themselves ("Khabur" is the river of "Khabur River").
NATURAL_KINDS = frozenset(
    {"river", "lake", "sea", "strait", "canal", "dam", "island", "mountain", "mountains", "desert"}
)
#: Plural kinds of area whose listed names are read with the singular added ("Caddo and Bossier
#: parishes": "Caddo Parish", "Bossier Parish"); recognition and resolution.
COUNTY_SUFFIXES = {"counties": "County", "parishes": "Parish"}
#: Plural kinds of place that list names: "the villages of A and B", "the A and B districts".
PLURAL_KINDS = frozenset(
    {
        "villages", "towns", "hamlets", "districts", "subdistricts", "provinces", "governorates",
        "municipalities", "camps", "neighbourhoods", "neighborhoods", "suburbs", "settlements",
    }
)  # fmt: skip
#: Kinds of place before or after a name the gazetteer lacks that make it a place ("the village
#: of X", "X province").
STRONG_KINDS = frozenset(
    {
        "village", "town", "city", "hamlet", "district", "subdistrict", "province", "governorate",
        "camp", "neighbourhood", "neighborhood", "suburb", "settlement", "county", "municipality",
        "refugee camp",
    }
)  # fmt: skip
#: Kinds written after a name that make it a place, as a comma does ("Hasakah province", "Tal
#: Abyad,"; camps are :data:`CAMP_RE`).
CUE_KINDS_AFTER = ("province", "governorate", "district", "region")
#: Words between a camp's name and "camp" ("Abu Shok refugee camp").
CAMP_WORDS = frozenset({"refugee", "refugees", "displacement", "idp", "detention", "transit"})
#: "camp" with one of those words before it or not, as a regular expression.
CAMP_RE = rf"(?:(?:{'|'.join(sorted(CAMP_WORDS, key=len, reverse=True))})\s+)?camp"

# -- resolution ---------------------------------------------------------------------------------

#: Kind words written after a feature's name that may complete a name the gazetteer holds ("the
#: Jordan river", "the Bab al-Salam border crossing"; camps are :data:`CAMP_RE`), tried in order.
FEATURE_WORDS_AFTER = (
    "border crossing", "crossing", "prison", "river", "island", "mountains", "mountain", "dam",
    "airbase", "province", "governorate", "local government area",
)  # fmt: skip

#: Plural kinds after a list of names that resolution reads ("Camden and Charlton counties",
#: "Idlib and Hama provinces", "the Gulf states"), in the order its pattern tries them.
LISTED_PLURALS = ("counties", "parishes", "provinces", "governorates", "states")

# -- events -------------------------------------------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """Words as the alternatives of a regular expression, in the order given; a space matches
    any run of whitespace.

    >>> alternation(("town", "border town"))
    'town|border\\\\s+town'
    """
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


#: Kinds of place written just before the name where an event happened ("shelled the border
#: town X", "fighting in the Kurdish-held city of X"); :data:`SITE_KINDS_OF` with "of" after.
SITE_KINDS = (
    "town", "city", "village", "province", "district", "region", "area", "countryside", "camp",
    "border town", "border city",
)  # fmt: skip
SITE_KINDS_OF = ("town", "city", "village", "province", "district", "region", "area")
#: Kinds of place in "families who fled the village of X": X is where they came from.
FLED_FROM_KINDS = ("city", "town", "village", "province", "district", "governorate", "region")
#: Kinds of place that point back to places named before ("both towns", "the camp").
ANAPHOR_KINDS = (
    "town", "towns", "cities", "city", "village", "villages", "camp", "camps", "area", "areas",
    "province", "provinces", "region", "regions",
)  # fmt: skip
#: Words that may stand between a place and the larger place it lies in ("X village of Y
#: district", "X, in the countryside of Y", "the X area of Y"): kinds, parts and sides.
CONTAINER_GAP_WORDS = (
    "the", "farm", "area", "areas", "village", "town", "city", "district", "subdistrict",
    "sub-district", "upazila", "township", "commune", "municipality", "locality", "camp",
    "neighbourhood", "neighborhood", "quarter", "valley", "front", "countryside", "outskirts",
    "vicinity", "suburb", "suburbs", "part", "parts", "province", "governorate", "region", "rural",
    "central", "in", "of",
)  # fmt: skip
#: Kind words after a name that make it the region of that name ("Al Hudaydah governorate" is
#: the province, not the city), and (second) those that make it the district.
REGION_KINDS_AFTER = (
    "governorate", "province", "region", "state", "oblast", "prefecture", "department",
)  # fmt: skip
DISTRICT_KINDS_AFTER = ("district", "county", "upazila", "subdistrict", "sub-district")
