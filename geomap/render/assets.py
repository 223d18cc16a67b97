"""The JavaScript and CSS the map needs, inlined from installed packages (no CDN).

Leaflet 1.9.3 comes from ``XStatic-Leaflet``, jQuery 3.7.1 from ``XStatic-jQuery`` (folium's own
templates may call ``$``), Leaflet.markercluster 1.4.1 from ``XStatic-Leaflet-MarkerCluster``; the
geomap client code lives next to this module in ``static/``. Images referenced by Leaflet's CSS
become ``data:`` URIs. Every library keeps its licence header.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigurationError

STATIC = Path(__file__).with_name("static")

MARKERCLUSTER_HEADER = (
    "/* Leaflet.markercluster 1.4.1, https://github.com/Leaflet/Leaflet.markercluster\n"
    " * (c) 2012-2017, Dave Leaver, smartrak. MIT licence. */\n"
)


def _xstatic_dir(module: str) -> Path:
    import importlib

    try:
        mod = importlib.import_module(f"xstatic.pkg.{module}")
    except ImportError as exc:
        dist = module.replace("_", "-").title()
        raise ConfigurationError(
            f"the offline map needs the XStatic-{dist} package (pip install xstatic-{dist.lower()})"
        ) from exc
    return Path(mod.BASE_DIR)


def _data_uri(path: Path) -> str:
    mime = "image/png" if path.suffix == ".png" else "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css_urls(css: str, base: Path) -> str:
    def repl(m: re.Match[str]) -> str:
        ref = m.group(1).strip("'\"")
        if ref.startswith(("data:", "#")):
            return m.group(0)
        return f'url("{_data_uri(base / ref)}")'

    return re.sub(r"url\(([^)]*)\)", repl, css)


def default_icon_script(images: Path) -> str:
    """Script giving ``L.Icon.Default`` (a plain ``folium.Marker``) its images as ``data:`` URIs.

    Leaflet otherwise guesses an image folder from its CSS and asks for ``marker-icon.png`` next
    to the HTML file, which is missing from a single self-contained map: a broken icon offline.
    """
    urls = {
        "iconUrl": _data_uri(images / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(images / "marker-shadow.png"),
    }
    options = ", ".join(f'{key}: "{value}"' for key, value in urls.items())
    return f"L.Icon.Default.imagePath = '';\nL.Icon.Default.mergeOptions({{{options}}});\n"


def safe_script(js: str) -> str:
    """JavaScript source that cannot end its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def scripts() -> tuple[tuple[str, str], ...]:
    """``(name, source)`` of every script, in load order."""
    leaflet = _xstatic_dir("leaflet")
    jquery = _xstatic_dir("jquery")
    cluster = _xstatic_dir("leaflet_markercluster")
    mc = (cluster / "leaflet.markercluster.js").read_text(encoding="utf-8")
    if "license" not in mc[:300].lower() and "(c)" not in mc[:300]:
        mc = MARKERCLUSTER_HEADER + mc
    return (
        ("leaflet", (leaflet / "leaflet.js").read_text(encoding="utf-8")),
        ("leaflet_default_icon", default_icon_script(leaflet / "images")),
        ("jquery", (jquery / "jquery.min.js").read_text(encoding="utf-8")),
        ("markercluster", mc),
        ("geomap", (STATIC / "geomap_map.js").read_text(encoding="utf-8")),
    )


@lru_cache(maxsize=1)
def styles() -> tuple[tuple[str, str], ...]:
    """``(name, css)`` of every style sheet, images inlined."""
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    return (
        ("leaflet", _inline_css_urls((leaflet / "leaflet.css").read_text("utf-8"), leaflet)),
        ("markercluster", (cluster / "MarkerCluster.css").read_text("utf-8")),
        ("markercluster_default", (cluster / "MarkerCluster.Default.css").read_text("utf-8")),
        ("geomap", (STATIC / "geomap_map.css").read_text("utf-8")),
    )
