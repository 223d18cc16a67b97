"""JSON that is safe to embed inside an HTML page.

Every piece of document text (quotes, actor names, place names, URLs) reaches the page only through
:func:`dumps`: the result can sit inside ``<script type="application/json">`` (or a JavaScript
expression) without ending the script element, opening a comment, breaking a JavaScript string on
U+2028/U+2029, or being read by Jinja as a template expression.
"""

from __future__ import annotations

import json
import math
from typing import Any

# The characters JSON leaves alone but HTML, JavaScript or Jinja would read.  ``{{``, ``{%`` and
# ``{#`` can only occur inside JSON strings (JSON syntax never puts them next to each other), so
# replacing them globally cannot change the structure.
_REPLACEMENTS = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
    ("{{", "{\\u007b"),
    ("{%", "{\\u0025"),
    ("{#", "{\\u0023"),
)


def _clean(value: Any) -> Any:
    """Replace NaN/inf (not JSON) with None, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def dumps(value: Any) -> str:
    """Serialise ``value`` as compact JSON that can be pasted into HTML or JavaScript.

    >>> dumps({"q": "</script><b>{{ 7*7 }}</b>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e{\\\\u007b 7*7 }}\\\\u003c/b\\\\u003e"}'
    >>> import json; json.loads(dumps({"q": "a & b \\u2028"}))["q"] == "a & b \\u2028"
    True
    """
    text = json.dumps(_clean(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text
