"""True positions (lat, lon) of the home-region places the tests check, written once."""

from __future__ import annotations

TAL_ABYAD = (36.697, 38.954)
RAS_AL_AIN = (36.851, 40.071)
CEYLANPINAR = (36.847, 40.047)
KOBANI = (36.891, 38.354)
QAMISHLI = (37.052, 41.231)
MALIKIYAH = (37.177, 42.138)
DEIR_EZ_ZOR = (35.336, 40.141)
AL_HOL = (36.39, 41.15)
BAGHOUZ = (34.46, 40.95)
RAQQA = (35.95, 39.01)
HASAKAH = (36.50, 40.75)


def lonlat(latlon: tuple[float, float]) -> tuple[float, float]:
    """The same position in (lon, lat) order."""
    return latlon[1], latlon[0]
