"""Place-kind words and what each stage reads them for.

Resolution reads the kind a text gives a name ("Hama province", "the al-Hol camp", "Raqqa and
Hama provinces") as the gazetteer kinds it prefers: :data:`CUE_KINDS`. The recogniser's word
lists (titles, place kinds, feature and street nouns…) are data in
``geomap/data/recognition.toml``, read by :func:`geomap.recognize.load_lexicon`; the events'
trigger and actor words are in ``geomap/events/data/``.
"""

from __future__ import annotations

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
