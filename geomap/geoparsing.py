"""Geoparsing: text in, resolved place mentions out (recognise, then resolve).

>>> from geomap.geoparsing import geoparse
>>> res = geoparse("Turkish forces shelled Ras al-Ain, Syria.")  # doctest: +SKIP
>>> [(r.mention.text, r.place.country_code) for r in res if r.place]  # doctest: +SKIP
[('Turkish', 'TR'), ('Ras al-Ain', 'SY'), ('Syria', 'SY')]

:func:`resolutions_to_geojson` and :func:`resolutions_to_geodataframe` turn the results into an
RFC 7946 FeatureCollection (one Feature per mention, ``geometry: null`` when unresolved) or a
GeoDataFrame in EPSG:4326. Every resolved mention carries its place's point, whatever its role:
a GIS user who counts or joins mentions needs "Syrian" at Syria as much as "in Syria". The
boolean property ``literal`` says whether the mention names a location where something is or
happens (roles ``place`` and ``area``); maps and events use only those, and
``place_features(..., literal_only=True)`` (``geomap places --literal``) writes only those.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .facilities import FacilityFinder
from .gazetteer import Gazetteer, default_gazetteer
from .gazetteer.readable import readable_place
from .gazetteer.view import GazetteerView
from .nonplaces import drop_non_places
from .recognize import Recognizer
from .resolution.weights import Weights
from .resolve import Focus, Resolver
from .types import Document, Resolution

if TYPE_CHECKING:
    import geopandas

COORD_DECIMALS = 6


class Geoparser:
    """Recogniser and resolver bound to one gazetteer (reuse it: it caches keys and lookups)."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        without: Iterable[str] = (),
        weights: Weights | None = None,
    ) -> None:
        """``without`` switches recognition rules off by id (to measure what one contributes:
        ``geomap evaluate --without``); ``weights`` replaces the resolver's weights."""
        self.gazetteer = gazetteer or default_gazetteer()
        disabled: frozenset[str] = frozenset()
        if without:
            from .rules import check_disabled

            disabled = check_disabled(without)
        view = GazetteerView(self.gazetteer)  # one view: both stages ask for the same names
        self.recognizer = Recognizer(self.gazetteer, disabled, view=view)
        self.resolver = Resolver(self.gazetteer, view, weights)
        self.facilities = FacilityFinder(self.gazetteer)

    def parse(
        self, doc: Document | str, *, doc_id: str = "", focus: Focus | str | None = None
    ) -> list[Resolution]:
        """Place mentions of a document (or raw text) with their chosen places."""
        if isinstance(doc, Document):
            text, doc_id = doc.text, doc.id
        else:
            text = doc
        if isinstance(focus, str):
            focus = Focus.parse(focus, self.gazetteer)
        mentions = self.recognizer.recognize(text, doc_id)
        resolutions = self.resolver.resolve(text, mentions, focus)
        # stages after resolution: airports from their registry (geomap/facilities.py), then
        # the names an English-language reader knows (geomap/gazetteer/readable.py)
        resolutions = self.facilities.apply(text, doc_id, resolutions)
        # mentions that name no place after all, told from the chosen places (nonplaces.py)
        resolutions = drop_non_places(text, resolutions)
        out = [_readable(r) for r in resolutions]
        global _loaded
        if not _loaded:
            # The first document has loaded what every parse reads (the lexicons, the rules,
            # the airport registry: some 130,000 objects, kept until the process ends).
            # Out of the cyclic garbage collector's way, the full collections that the caches
            # of a first pass over a corpus set off no longer walk them all (they took a tenth
            # of that pass's time).
            gc.freeze()
            _loaded = True
        return out


#: Whether a parse has loaded the data every parse reads (see :meth:`Geoparser.parse`).
_loaded = False


def _readable(r: Resolution) -> Resolution:
    """``r`` with its place's readable name (the gazetteer's kept as ``name_gazetteer``)."""
    if r.place is None:
        return r
    # the candidates keep the gazetteer's records (renaming them all cost 5 % of extract's
    # time); whoever adopts a candidate's place gives it its readable name then. Built
    # directly: dataclasses.replace cost 1 % of a first pass (a test checks the fields).
    return Resolution(r.mention, readable_place(r.place), r.candidates, r.score, r.reason)


_lock = threading.Lock()
_parsers: dict[int, Geoparser] = {}


def get_geoparser(gazetteer: Gazetteer | None = None) -> Geoparser:
    """A cached Geoparser for a gazetteer (the default one when omitted)."""
    gaz = gazetteer or default_gazetteer()
    with _lock:
        parser = _parsers.get(id(gaz))
        if parser is None or parser.gazetteer is not gaz:
            parser = _parsers[id(gaz)] = Geoparser(gaz)
        return parser


def geoparse(
    doc: Document | str,
    *,
    doc_id: str = "",
    gazetteer: Gazetteer | None = None,
    focus: Focus | str | None = None,
) -> list[Resolution]:
    """Find and resolve the place names of one document.

    Parameters
    ----------
    doc
        A :class:`~geomap.types.Document` or raw text.
    doc_id
        Id recorded on each mention when ``doc`` is raw text.
    gazetteer
        The gazetteer to use (the default offline one when omitted).
    focus
        Optional region of interest: ``"SY,TR,IQ"``, a bounding box ``"35,32,43,38"`` or a
        :class:`~geomap.resolve.Focus`. It biases the choice, never forces it.
    """
    return get_geoparser(gazetteer).parse(doc, doc_id=doc_id, focus=focus)


def resolution_feature(r: Resolution) -> dict[str, Any]:
    """One RFC 7946 Feature for a resolution (``geometry: null`` when unresolved).

    The place's point is written whatever the mention's role; ``literal`` tells a location where
    something is or happens from a demonym, an embedded name or a modifier.
    """
    p = r.place
    geometry = None
    if p is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(p.lon, COORD_DECIMALS), round(p.lat, COORD_DECIMALS)],
        }
    props = {
        "doc": r.mention.doc_id,
        "mention": r.mention.text,
        "start": r.mention.start,
        "end": r.mention.end,
        "role": r.mention.role,
        "literal": r.mention.literal,
        "cue": r.mention.cue,
        "name": p.name if p else None,
        "name_gazetteer": p.gazetteer_name if p else None,
        "place_id": p.place_id if p else None,
        "kind": p.kind if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1_name if p else None,
        "admin1_code": p.admin1_code if p else None,
        "score": r.score,
        "reason": r.reason,
        "candidates": [c.place.place_id for c in r.candidates],
    }
    return {"type": "Feature", "geometry": geometry, "properties": props}


def place_features(
    resolutions: Iterable[Resolution], *, literal_only: bool = False
) -> list[dict[str, Any]]:
    """The Features ``geomap places`` writes for resolutions (only literal mentions on demand).

    ``geomap evaluate`` scores these same Features, so it measures what the output holds.
    """
    feats = [resolution_feature(r) for r in resolutions]
    if literal_only:
        return [f for f in feats if f["properties"]["literal"]]
    return feats


def resolutions_to_geojson(
    resolutions: Iterable[Resolution], *, literal_only: bool = False
) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection with one Feature per mention."""
    return {
        "type": "FeatureCollection",
        "features": place_features(resolutions, literal_only=literal_only),
    }


def resolutions_to_geodataframe(resolutions: Sequence[Resolution]) -> geopandas.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) with one row per mention; unresolved rows have no geometry."""
    import geopandas
    from shapely.geometry import Point

    rows = []
    geoms = []
    for r in resolutions:
        feat = resolution_feature(r)
        props = dict(feat["properties"])
        props["candidates"] = ";".join(props["candidates"])
        rows.append(props)
        g = feat["geometry"]
        geoms.append(Point(g["coordinates"]) if g else None)
    return geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
