"""What recognition and resolution ask of the gazetteer, in one place both stages share.

The recogniser asks whether a key is a name (``key in view.keys``) and for a key's candidates;
the resolver asks for the same candidates, and whether a longer name ("Bab al-Salam crossing")
is one. A :class:`GazetteerView` answers both and remembers the answers across documents (the
same names come back in each), so neither stage reaches into the other: the resolver holds a
view, not a recogniser. :func:`as_written` is the one filter of candidates by how a name is
written that both apply.
"""

from __future__ import annotations

from ..types import Candidate
from . import Gazetteer


def as_written(cands: list[Candidate], written: str, dotted: bool) -> list[Candidate]:
    """The candidates a name can mean as written: a code only when written so ("And" is not
    Andorra's "AND", "Bell" not Belgium's "BEL"), a dotted short form only with its dot ("Del"
    is not Delaware's "Del."), a capitalised name not by an other name written in lower case
    ("Bali" is not Bari's "bali")."""
    plain = written.replace(" ", "").rstrip(".")
    dotted = dotted or "." in written  # "U.S", "N.Y" without their last dot
    capitalised = not written.islower()
    return [
        c
        for c in cands
        if (c.matched_name == plain or not (c.matched_name.isalpha() and _is_code(c.matched_name)))
        and (dotted or not _is_dotted_short(c.matched_name))
        # an other name written in lower case only is no proper name ("bali" for Bari)
        and not (capitalised and c.matched_name.islower())
    ]


def _is_dotted_short(name: str) -> bool:
    """A short form written with a final dot ("Del.", "Calif.", "Va."), not "St. Louis"."""
    return name.endswith(".") and " " not in name.strip(". ") and len(name) <= 7


def _is_code(name: str) -> bool:
    """An all-capitals code or acronym of up to five letters ("AND", "ARE", "UAE")."""
    return len(name) <= 5 and name.isupper()


class NameKeys:
    """Whether a key is one of the gazetteer's name keys: each key asked is looked up in the
    stores and remembered; a store's key filter, built with it, answers most keys that are
    no name without a query (:meth:`geomap.gazetteer.Gazetteer.has_key`). Loading every
    key up front (690,000) took 0.8 s of each command's start-up; a document asks some 60.
    """

    #: Keys remembered at most (then forgotten and asked again).
    MAX_REMEMBERED = 500_000

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._known: dict[str, bool] = {}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        known = self._known.get(key)
        if known is None:
            known = self.gazetteer.has_key(key)
            if len(self._known) >= self.MAX_REMEMBERED:
                self._known.clear()
            self._known[key] = known
        return known


class GazetteerView:
    """A gazetteer's name keys and candidates, remembered as they are asked.

    >>> from geomap.gazetteer import default_gazetteer
    >>> from geomap.gazetteer.normalize import name_key
    >>> view = GazetteerView(default_gazetteer())
    >>> name_key("Tall Abyad") in view.keys, name_key("Amanda Chlebek") in view.keys
    (True, False)
    >>> view.candidates(name_key("Tall Abyad"))[0].place.country_code
    'SY'
    """

    #: Keys whose candidates are remembered at most (then forgotten and asked again).
    MAX_REMEMBERED = 100_000

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        #: The gazetteer's name keys (``key in view.keys``), looked up as they are asked.
        self.keys = NameKeys(gazetteer)
        self._cands: dict[str, list[Candidate]] = {}
        self._written: dict[tuple[str, str, bool], list[Candidate]] = {}

    def candidates(self, key: str) -> list[Candidate]:
        """The gazetteer's candidates for a key (remembered; the list is shared: read it only)."""
        cands = self._cands.get(key)
        if cands is None:
            cands = self.gazetteer.candidates_for_key(key)
            if len(self._cands) > self.MAX_REMEMBERED:
                self._cands.clear()
            self._cands[key] = cands
        return cands

    def written_candidates(self, key: str, written: str, dotted: bool) -> list[Candidate]:
        """:func:`as_written` of a key's candidates, remembered per spelling (a name is
        usually written the same way many times; the list is shared: read it only)."""
        memo = (key, written, dotted)
        cands = self._written.get(memo)
        if cands is None:
            cands = as_written(self.candidates(key), written, dotted)
            if len(self._written) > self.MAX_REMEMBERED:
                self._written.clear()
            self._written[memo] = cands
        return cands
