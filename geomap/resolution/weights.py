"""The resolver's weights and thresholds, read from ``geomap/data/resolve_weights.toml``.

Each value there comes with what it does, the corpus figure that set it and the commit that set
or last changed it; :func:`weight_notes` returns them. :class:`Weights` is the frozen record the
resolver reads; ``bench/tune_weights.py`` builds variants of it with :meth:`Weights.with_values`.

>>> DEFAULT_WEIGHTS.w_country, DEFAULT_WEIGHTS.min_point_score
(0.6, 1.5)
>>> DEFAULT_WEIGHTS.with_values(w_cue=0.5).w_cue
0.5
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "resolve_weights.toml"


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights and thresholds of resolution; the file's entries, one field each."""

    top_candidates: int
    keep_candidates: int
    demonym_prior: float
    evidence_country: float
    evidence_admin1: float
    evidence_clear: float
    evidence_ambiguous: float
    evidence_demonym: float
    clear_margin: float
    repeat_exponent: float
    evidence_rounds: int
    w_country: float
    w_admin1: float
    w_support: float
    support_readings: int
    w_qualifier: float
    w_cue: float
    w_focus: float
    w_proximity: float
    proximity_km: float
    w_near: float
    near_km: float
    w_list: float
    list_min: int
    w_seat: float
    w_namesake: float
    w_namesake_country: float
    namesake_support: int
    w_variant: float
    variant_ratio: int
    variant_own_min: int
    min_score: float
    min_point_score: float
    variant_population: int
    lone_country_share: float
    lone_evidence: float
    ambiguous_margin: float
    ambiguous_km: float
    ambiguous_max_pop: int
    well_known_population: int
    natural_near: float

    def with_values(self, **values: float) -> Weights:
        """A copy with some values changed (names as in the file)."""
        unknown = set(values) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigurationError(f"unknown resolution weights: {', '.join(sorted(unknown))}")
        return replace(self, **values)  # type: ignore[arg-type]

    def evidence(self, what: str) -> float:
        """A name's weight in the document evidence by what it is: ``country``, ``admin1``,
        ``clear``, ``ambiguous`` or ``demonym``."""
        return float(getattr(self, f"evidence_{what}"))


@cache
def weight_notes(path: Path = WEIGHTS_FILE) -> dict[str, dict[str, object]]:
    """Each weight's entry in the file: ``value``, ``reason``, ``figure``, ``commit``."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = {f.name for f in fields(Weights)}
    if set(data) != names:
        missing, extra = sorted(names - set(data)), sorted(set(data) - names)
        raise ConfigurationError(f"{path}: weights missing {missing}, unknown {extra}")
    for name, entry in data.items():
        if not {"value", "reason", "figure", "commit"} <= set(entry):
            raise ConfigurationError(f"{path}: [{name}] needs value, reason, figure and commit")
    return data


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """The weights in a file of the layout of ``resolve_weights.toml``."""
    notes = weight_notes(path)
    values: dict[str, Any] = {}
    for f in fields(Weights):
        value = notes[f.name]["value"]
        if f.type == "int" and not isinstance(value, int):
            raise ConfigurationError(f"{path}: [{f.name}] value must be a whole number")
        if f.type == "float" and not isinstance(value, float):
            raise ConfigurationError(f"{path}: [{f.name}] value must be written as a decimal")
        values[f.name] = value
    return Weights(**values)


DEFAULT_WEIGHTS = load_weights()
