"""Colours and symbols per event type: the same everywhere (markers, legend, layer names)."""

from __future__ import annotations

#: ACLED event types → (colour, symbol). Symbols are drawn as small inline SVGs client-side.
EVENT_STYLES: dict[str, tuple[str, str]] = {
    "Battles": ("#c0392b", "circle"),
    "Explosions/Remote violence": ("#e67e22", "star"),
    "Violence against civilians": ("#8e44ad", "triangle"),
    "Protests": ("#2471a3", "square"),
    "Riots": ("#117a65", "diamond"),
    "Strategic developments": ("#5d6d7e", "plus"),
}
#: For event types outside the ACLED list, in order of first appearance.
EXTRA_STYLES: tuple[tuple[str, str], ...] = (
    ("#b7950b", "hexagon"),
    ("#6e2c00", "circle"),
    ("#1abc9c", "square"),
    ("#d4ac0d", "triangle"),
    ("#34495e", "diamond"),
)
UNKNOWN_TYPE = "Other/unknown"


def style_for(types: list[str]) -> dict[str, tuple[str, str]]:
    """A (colour, symbol) for every type in ``types``; ACLED types keep their fixed style.

    >>> style_for(["Riots", "Looting"])["Looting"]
    ('#b7950b', 'hexagon')
    """
    out: dict[str, tuple[str, str]] = {}
    extra = 0
    for t in types:
        if t in EVENT_STYLES:
            out[t] = EVENT_STYLES[t]
        elif t not in out:
            out[t] = EXTRA_STYLES[extra % len(EXTRA_STYLES)]
            extra += 1
    return out


def type_order(types: set[str]) -> list[str]:
    """ACLED types first in their canonical order, then the others alphabetically."""
    known = [t for t in EVENT_STYLES if t in types]
    return known + sorted(t for t in types if t not in EVENT_STYLES)
