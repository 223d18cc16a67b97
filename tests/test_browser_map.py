"""Generated maps in a real headless Chromium, offline (network resolver disabled).

Needs Debian's ``chromium`` and ``chromium-driver`` plus PyPI ``selenium``. Without them the tests
are skipped locally and fail in CI (``CI=true``). Screenshots go to ``artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geomap.render import render_map, save_map
from geomap.render.browser import offline_chrome_options

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMEDRIVER = "/usr/bin/chromedriver"
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "`${window.__pwned=4}`",
    "{{ 7*7 }}",
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Like conftest's guard, but selenium may talk to chromedriver on the loopback interface."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_UNIX or (
            isinstance(address, tuple) and address[0] in ("127.0.0.1", "::1", "localhost")
        ):
            real_connect(self, address)
            return
        raise RuntimeError(f"test tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _need(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests need {reason} in CI")
    pytest.skip(f"browser tests need {reason}")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need("the selenium package")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser or not Path(CHROMEDRIVER).exists():
        _need("chromium and chromedriver (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="geomap-chromium-")
    opts = offline_chrome_options(profile)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def feature(lon: float | None, lat: float | None, i: int, **props: Any) -> dict[str, Any]:
    base = {
        "id": f"e{i}",
        "doc": f"d{i % 7}",
        "date": f"2019-10-{1 + i % 28:02d}",
        "date_precision": "day",
        "event_type": ["Battles", "Protests", "Riots"][i % 3],
        "actors": ["SDF"],
        "place": "Tal Abyad",
        "country_code": "SY",
        "admin1": "SY.04",
        "geo_precision": 1,
        "quote": f"Fighting in Tal Abyad, report {i}.",
        "sources": ["AFP"],
        "url": "https://example.org/x",
    }
    base.update(props)
    geom = None if lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geom, "properties": base}


def open_map(driver: Any, m: Any, path: Path) -> None:
    save_map(m, path)
    driver.get_log("browser")  # drop earlier entries
    driver.get(path.resolve().as_uri())
    deadline = time.time() + 60
    while time.time() < deadline:
        if driver.execute_script("return !!(window.geomap && window.geomap.ready)"):
            return
        time.sleep(0.1)
    raise AssertionError(f"map never became ready; console: {driver.get_log('browser')}")


def severe(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def distinct_colours(png: bytes) -> int:
    """Number of distinct RGB colours in an 8-bit RGB/RGBA, non-interlaced PNG."""
    import numpy as np

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, -1)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        ftype, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        cur = np.zeros(stride, dtype=np.int32)
        for x in range(stride):
            a = cur[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
            cur[x] = (line[x] + pred) & 0xFF
        out[y], prev = cur, cur
        if y >= 120:  # the top rows of the map are enough to tell blank from drawn
            out = out[: y + 1]
            break
    px = out.reshape(-1, channels)[:, :3]
    return len({tuple(p) for p in px[::7]})


def test_hostile_map_renders_safely(driver: Any, tmp_path: Path) -> None:
    feats = [
        feature(
            38.954 + 0.02 * i,
            36.70 - 0.05 * i,
            i,
            quote=f"In Tal Abyad {t} today.",
            actors=[t],
            sources=[t],
        )
        for i, t in enumerate(HOSTILE)
    ]
    feats += [feature(39.5 + 0.1 * i, 36.0, 10 + i, geo_precision=1 + i % 3) for i in range(30)]
    feats.append(feature(None, None, 99, quote=HOSTILE[1] + " nowhere"))
    feats.append(feature(40.0, 36.3, 98, event_type='<img src=x onerror="window.__pwned=5">'))
    places = {
        "type": "FeatureCollection",
        "features": [feature(38.954, 36.697, 0, name="Tal Abyad", mention=HOSTILE[0])],
    }
    m = render_map(
        {"type": "FeatureCollection", "features": feats}, places=places, title=HOSTILE[0]
    )
    open_map(driver, m, tmp_path / "hostile.html")
    assert severe(driver) == []
    assert driver.execute_script("return window.__pwned") is None
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".map(function (l) { return l.textContent.trim(); })"
    )
    for expected in (
        "Offline basemap",
        "International borders",
        "Provinces (admin-1)",
        "Rivers",
        "Towns",
        "Camps and detention sites",
        "Battles (",
        "Protests (",
        "Riots (",
        "Border strip (30 km)",
        "Places mentioned (1)",
        "Event density",
    ):
        assert any(lbl.startswith(expected) for lbl in labels), (expected, labels)
    assert any('<img src=x onerror="window.__pwned=5">' in lbl for lbl in labels)
    drawn = driver.execute_script(
        "return document.querySelectorAll('.leaflet-marker-icon.gm-ev, .marker-cluster').length"
    )
    assert drawn > 0
    panel = driver.execute_script("return document.querySelector('.gm-panel').textContent")
    assert HOSTILE[0] in panel and HOSTILE[1] + " nowhere" in panel
    assert driver.execute_script("return document.querySelectorAll('.gm-panel img').length") == 0
    # open a popup for each hostile event through the page's own click handler
    texts = driver.execute_script("""
        var out = [];
        geomap.clusters.forEach(function (cl) { cl.getLayers().forEach(function (m) {
          if (m._gi < 5) { cl.fire('click', {layer: m}); out.push(
            document.querySelector('.leaflet-popup-content').textContent); } }); });
        return out;""")
    assert len(texts) == 5
    for t in HOSTILE:
        assert any(t in x for x in texts), t
    assert (
        driver.execute_script(
            "return document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content "
            "script').length"
        )
        == 0
    )
    assert (
        driver.execute_script("return document.querySelector('.gm-mark').textContent")
        == "Tal Abyad"
    )
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-popup-content a')).map(a => a.href)"
    )
    assert hrefs == ["https://example.org/x"]
    assert driver.title == HOSTILE[0]
    assert driver.execute_script("return window.__pwned") is None
    assert severe(driver) == []
    ARTIFACTS.mkdir(exist_ok=True)
    png = driver.get_screenshot_as_png()
    (ARTIFACTS / "browser_hostile_map.png").write_bytes(png)
    assert distinct_colours(png) > 20


def test_time_filter_and_density(driver: Any, tmp_path: Path) -> None:
    feats = [feature(37.5 + 0.15 * i, 36.0 + 0.03 * (i % 20), i) for i in range(60)]
    feats.append(feature(38.0, 36.5, 100, date="2019-11", date_precision="month"))
    open_map(
        driver, render_map({"type": "FeatureCollection", "features": feats}), tmp_path / "time.html"
    )
    count = (
        "return geomap.clusters.reduce(function (n, c) { return n + c.getLayers().length; }, "
        "0) + geomap.areas.reduce(function (n, a) { return n + a.getLayers().length; }, 0)"
    )
    total = driver.execute_script(count)
    assert total > 0
    # 2019-11-15 only: the month-precision November event stays, October events go
    driver.execute_script("""
        var day = Date.UTC(2019, 10, 15) / 86400000;
        geomap.time.from.value = day; geomap.time.to.value = day; geomap.time.apply();""")
    assert driver.execute_script(count) == 1
    assert "1 of 61 events" in driver.execute_script(
        "return document.querySelector('.gm-time-label').textContent"
    )
    driver.execute_script(
        "geomap.map.addLayer(geomap.density); geomap.time.from.value = "
        "geomap.time.from.min; geomap.time.apply();"
    )
    painted = driver.execute_script("""
        var c = document.querySelector('canvas.gm-density'); if (!c) return -1;
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 3; i < d.length; i += 4) if (d[i]) n++; return n;""")
    assert painted > 100
    assert severe(driver) == []


def test_empty_map_shows_notice(driver: Any, tmp_path: Path) -> None:
    open_map(
        driver,
        render_map({"type": "FeatureCollection", "features": []}, title="Empty"),
        tmp_path / "empty.html",
    )
    assert severe(driver) == []
    notice = driver.execute_script("return document.querySelector('.gm-notice').textContent")
    assert "No events to show" in notice
    # the basemap is still drawn
    assert driver.execute_script("return document.querySelectorAll('path').length") > 50
    png = driver.get_screenshot_as_png()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser_empty_map.png").write_bytes(png)
    assert distinct_colours(png) > 5


def test_single_event_and_antimeridian(driver: Any, tmp_path: Path) -> None:
    one = {"type": "FeatureCollection", "features": [feature(38.954, 36.697, 1)]}
    open_map(driver, render_map(one), tmp_path / "one.html")
    assert severe(driver) == []
    assert driver.execute_script("return geomap.map.getZoom()") == 9
    far = {
        "type": "FeatureCollection",
        "features": [feature(179.5, -17.0, 1), feature(-179.5, -16.0, 2)],
    }
    open_map(driver, render_map(far, buffer_km=None), tmp_path / "far.html")
    assert severe(driver) == []
    west, east = driver.execute_script(
        "var b = geomap.map.getBounds(); return [b.getWest(), b.getEast()]"
    )
    assert east - west < 30 and west < 180 < east


def test_demo_map_draws_offline_and_is_kept_as_an_artifact(
    driver: Any, tmp_path: Path, default_index: Path
) -> None:
    from geomap.demo import run_demo

    result = run_demo(tmp_path / "demo")
    assert result.events > 0 and result.located_places > 0
    html = tmp_path / "demo" / "map.html"
    driver.get_log("browser")
    driver.get(html.resolve().as_uri())
    deadline = time.time() + 60
    while not driver.execute_script("return !!(window.geomap && window.geomap.ready)"):
        assert time.time() < deadline, driver.get_log("browser")
        time.sleep(0.1)
    assert severe(driver) == []
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".map(function (l) { return l.textContent.trim(); })"
    )
    assert any(lbl.startswith("Border strip (30 km)") for lbl in labels)
    assert any(lbl.startswith("Places mentioned (") for lbl in labels)
    drawn = driver.execute_script(
        "return document.querySelectorAll('.leaflet-marker-icon.gm-ev, .marker-cluster').length"
    )
    assert drawn > 0
    ARTIFACTS.mkdir(exist_ok=True)
    png = driver.get_screenshot_as_png()
    (ARTIFACTS / "demo_map.png").write_bytes(png)
    assert distinct_colours(png) > 20


# -- issue 22: maps an analyst can trust at a glance ---------------------------------------------

DATA = Path(__file__).resolve().parent / "data" / "maps"


def three_continents() -> dict[str, Any]:
    """Events in Syria, Sudan and Ukraine: precise, near and country-level, and one unlocated."""
    import json

    data: dict[str, Any] = json.loads(
        (DATA / "three_continents.geojson").read_text(encoding="utf-8")
    )
    return data


def test_three_continents_open_on_every_precise_event_and_list_them_all(
    driver: Any, tmp_path: Path
) -> None:
    events = three_continents()
    open_map(driver, render_map(events, title="Syria, Sudan, Ukraine"), tmp_path / "three.html")
    assert severe(driver) == []
    s, w, n, e = driver.execute_script(
        "var b = geomap.map.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), "
        "b.getEast()]"
    )
    precise = [
        f["geometry"]["coordinates"]
        for f in events["features"]
        if f["geometry"] and f["properties"]["geo_precision"] < 3
    ]
    assert len(precise) == 9
    for lon, lat in precise:  # Khartoum, El Fasher, Kyiv, Tal Abyad...: all on screen at once
        assert w <= lon <= e and s <= lat <= n, (lon, lat, (s, w, n, e))
    # ... and beside the panel and the layer control, not under them
    free = driver.execute_script(
        "var m = geomap.map.getContainer().getBoundingClientRect();"
        "var p = document.querySelector('.gm-panel').getBoundingClientRect();"
        "var c = document.querySelector('.leaflet-control-layers').getBoundingClientRect();"
        "return [p.right - m.left, c.left - m.left];"
    )
    for lon, lat in precise:
        x = driver.execute_script(
            "return geomap.map.latLngToContainerPoint([arguments[1], arguments[0]]).x", lon, lat
        )
        assert free[0] < x < free[1], (lon, lat, x, free)
    # every event, located or not, precise or country-level, is listed in the panel
    listed = driver.execute_script(
        "return Array.from(document.querySelectorAll('.gm-all .gm-item'))"
        ".map(function (li) { return +li.getAttribute('data-gi'); })"
    )
    assert sorted(listed) == list(range(len(events["features"])))
    # the three country-level events are in their own layer, off while precise ones exist
    assert driver.execute_script("return geomap.map.hasLayer(geomap.regionLayer)") is False
    offscreen = driver.execute_script("return document.querySelector('.gm-offscreen').textContent")
    assert "All 9 mapped events are in view" in offscreen
    assert "3 country- or province-level events are in a hidden layer" in offscreen
    # zooming in on Khartoum puts the rest off screen, and the panel says so
    driver.execute_script("geomap.map.setView([15.6, 32.5], 9, {animate: false})")
    offscreen = driver.execute_script("return document.querySelector('.gm-offscreen').textContent")
    assert "7 of 9 mapped events are off screen" in offscreen
    assert "confidence 0.80" in driver.execute_script(
        "return document.querySelector('.gm-all .gm-item').textContent"
    )
    # the search box narrows the list to matching places and days
    driver.execute_script(
        "var s = document.querySelector('.gm-search'); s.value = 'kharkiv';"
        "s.dispatchEvent(new Event('input'));"
    )
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('.gm-all .gm-group'))"
        ".filter(function (g) { return g.style.display !== 'none'; }).length"
    )
    assert shown == 1


LISTED = """
    return Array.from(document.querySelectorAll('.gm-all .gm-item'))
      .filter(function (li) { return li.offsetParent !== null; })
      .map(function (li) { return +li.getAttribute('data-gi'); })
      .sort(function (a, b) { return a - b; });"""
ON_MAP = """
    var out = [];
    geomap.clusters.forEach(function (c) {
      if (geomap.map.hasLayer(c)) c.getLayers().forEach(function (m) { out.push(m._gi); }); });
    return out.sort(function (a, b) { return a - b; });"""


def test_panel_filters_by_type_and_confidence(driver: Any, tmp_path: Path) -> None:
    """The panel's type boxes and confidence slider narrow the list and the map alike, and a
    type's box is the same switch as its layer in the layer control."""
    events = three_continents()
    feats = events["features"]
    for f in feats:  # Khartoum and Kyiv are less sure; the unlocated event gives no confidence
        f["properties"]["confidence"] = {"Khartoum": 0.5, "Kyiv": 0.6}.get(
            f["properties"]["place"], 0.8
        )
    del feats[-1]["properties"]["confidence"]
    open_map(driver, render_map(events), tmp_path / "filters.html")
    everything = list(range(len(feats)))
    assert driver.execute_script(LISTED) == everything
    marked = [
        i for i, f in enumerate(feats) if f["geometry"] and f["properties"]["geo_precision"] < 3
    ]
    assert driver.execute_script(ON_MAP) == marked
    battles = [i for i, f in enumerate(feats) if f["properties"]["event_type"] == "Battles"]
    assert len(battles) == 3
    driver.execute_script(
        "document.querySelector('.gm-filters input[data-type=\"Battles\"]').click()"
    )
    assert driver.execute_script(LISTED) == [i for i in everything if i not in battles]
    assert driver.execute_script(ON_MAP) == [i for i in marked if i not in battles]
    assert (
        driver.execute_script("return document.querySelector('.gm-filter-count').textContent")
        == f"{len(feats) - 3} of {len(feats)} events pass the filters"
    )
    control = """
        return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
          .filter(function (l) { return l.textContent.trim().indexOf('Battles') === 0; })[0]
          .querySelector('input');"""
    assert driver.execute_script(control).get_property("checked") is False
    # ticking Battles again in the layer control brings them back in the panel too
    driver.execute_script(control).click()
    assert driver.execute_script(
        "return document.querySelector('.gm-filters input[data-type=\"Battles\"]').checked"
    )
    assert driver.execute_script(LISTED) == everything
    assert driver.execute_script(ON_MAP) == marked
    # confidence at least 0.7: Khartoum (0.5) and Kyiv (0.6) leave the list and the map
    driver.execute_script(
        "var s = geomap.confidence; s.value = 0.7; s.dispatchEvent(new Event('input'));"
    )
    unsure = [i for i, f in enumerate(feats) if f["properties"]["place"] in ("Khartoum", "Kyiv")]
    assert driver.execute_script(LISTED) == [i for i in everything if i not in unsure]
    assert driver.execute_script(ON_MAP) == [i for i in marked if i not in unsure]
    assert "1 events give no confidence" in driver.execute_script(
        "return document.querySelector('.gm-filters').textContent"
    )
    assert severe(driver) == []


def test_view_option_overrides_the_opening_view(
    driver: Any, tmp_path: Path, default_index: Path
) -> None:
    def bounds() -> list[float]:
        return list(
            driver.execute_script(
                "var b = geomap.map.getBounds(); return [b.getWest(), b.getSouth(), "
                "b.getEast(), b.getNorth()]"
            )
        )

    events = three_continents()
    open_map(driver, render_map(events, view="Khartoum"), tmp_path / "k.html")
    w, s, e, n = bounds()
    assert w < 32.53 < e and s < 15.55 < n and e - w < 3  # the city, not the continent
    open_map(driver, render_map(events, view="20,0,45,25"), tmp_path / "box.html")
    w, s, e, n = bounds()
    assert w <= 20.5 and e >= 44.5 and s <= 0.5 and n >= 24.5
    open_map(driver, render_map(events, view="all"), tmp_path / "all.html")
    assert driver.execute_script("return geomap.map.hasLayer(geomap.regionLayer)") is False
    w, s, e, n = bounds()
    assert w <= 25.3 and e >= 40.1 and s <= 13.6 and n >= 50.4


def test_region_level_events_are_outlines_with_counts_never_shaded(
    driver: Any, tmp_path: Path
) -> None:
    events = three_continents()
    open_map(driver, render_map(events), tmp_path / "regions.html")
    # the density layer is built from the 9 town-precise events only, not country centroids
    assert driver.execute_script("return geomap.density._pts.length") == 9
    driver.execute_script("geomap.map.addLayer(geomap.regionLayer)")
    badges = driver.execute_script(
        "return Array.from(document.querySelectorAll('.gm-region-count'))"
        ".map(function (b) { return b.textContent; })"
    )
    assert sorted(badges) == ["1", "1", "1"]  # one count per country, inside its outline
    tips = driver.execute_script(
        "var out = []; geomap.regionLayer.eachLayer(function (g) { g.eachLayer(function (l) {"
        " if (l.getTooltip()) out.push(l.getTooltip().getContent().textContent); }); });"
        "return out;"
    )
    assert any("located only to Sudan" in t for t in tips), tips
    assert any("located only to Ukraine" in t for t in tips), tips
    assert not any(re.search(r"\b(SY|SD|UA)\b", t) for t in tips), tips
    # no overlay shades an area: every big path in the overlay pane is outline only
    shaded = driver.execute_script("""
        return Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))
          .filter(function (p) { var r = p.getBoundingClientRect();
            return r.width * r.height > 2500 && p.getAttribute('fill') !== 'none' &&
              +(p.getAttribute('fill-opacity') || 1) > 0.05; })
          .map(function (p) { return p.getAttribute('stroke'); });""")
    assert shaded == []
    assert severe(driver) == []


def test_context_sites_have_their_own_legended_symbols(driver: Any, tmp_path: Path) -> None:
    open_map(driver, render_map(three_continents()), tmp_path / "symbols.html")
    driver.execute_script("geomap.map.addLayer(geomap.crossings)")
    shapes = driver.execute_script("""
        function shapes(sel) {
          return Array.from(document.querySelectorAll(sel)).map(function (svg) {
            return Array.from(svg.querySelectorAll('circle, rect, polygon, path'))
              .map(function (s) { return s.outerHTML.replace(/ (fill|stroke)="[^"]*"/g, ''); })
              .join(''); }); }
        return {ev: shapes('.gm-ev svg, .gm-legend-row:not(.gm-legend-site) svg'),
                site: shapes('.gm-site svg'), legend: shapes('.gm-legend-site svg')};""")
    assert shapes["ev"] and shapes["site"]
    assert not set(shapes["site"]) & set(shapes["ev"])  # no camp drawn as a "▲" event, etc.
    assert set(shapes["site"]) == set(shapes["legend"]) and len(shapes["legend"]) == 3
    legend = driver.execute_script("return document.querySelector('.gm-legend').textContent")
    for label in ("Camp", "Detention site", "Border crossing"):
        assert label in legend


def test_popup_opened_from_the_panel_is_not_under_it(driver: Any, tmp_path: Path) -> None:
    events = three_continents()
    open_map(driver, render_map(events), tmp_path / "panel.html")
    driver.set_window_size(1200, 800)
    for place, lon, lat, zoom in (
        ("El Fasher", 25.349, 13.627, 6),
        ("Kyiv", 30.523, 50.45, 10),
        ("Tal Abyad", 38.954, 36.697, 10),
    ):
        # the event's symbol sits right under the panel, as after a user's own panning
        driver.execute_script(
            "var m = geomap.map, s = m.getSize(); m.closePopup();"
            "m.setView([arguments[1], arguments[0]], arguments[2], {animate: false});"
            "m.panBy([s.x / 2 - 120, s.y / 2 - 120], {animate: false});",
            lon,
            lat,
            zoom,
        )
        driver.execute_script(
            "var place = arguments[0];"
            "Array.from(document.querySelectorAll('.gm-all .gm-item')).filter(function (li) {"
            " return li.parentNode.parentNode.textContent.indexOf(place) === 0; })[0]"
            ".click();",
            place,
        )
        deadline = time.time() + 10
        while not driver.execute_script("return !!document.querySelector('.leaflet-popup')"):
            assert time.time() < deadline, place
            time.sleep(0.1)
        time.sleep(0.4)  # let auto-pan settle
        popup, panel = driver.execute_script(
            "function r(sel) { var b = document.querySelector(sel).getBoundingClientRect();"
            " return [b.left, b.top, b.right, b.bottom]; }"
            "return [r('.leaflet-popup-content-wrapper'), r('.gm-panel')];"
        )
        overlap_x = min(popup[2], panel[2]) - max(popup[0], panel[0])
        overlap_y = min(popup[3], panel[3]) - max(popup[1], panel[1])
        assert overlap_x <= 0 or overlap_y <= 0, (place, popup, panel)
        assert place in driver.execute_script(
            "return document.querySelector('.leaflet-popup-content').textContent"
        )
    assert severe(driver) == []


def test_border_strip_and_camps_only_with_events_in_their_region(
    driver: Any, tmp_path: Path
) -> None:
    def context() -> dict[str, Any]:
        result: dict[str, Any] = driver.execute_script("""
            return {labels: Array.from(document.querySelectorAll('.leaflet-control-layers label'))
                      .map(function (l) { return l.textContent.trim(); }),
                    panel: document.querySelector('.gm-panel').textContent,
                    legend: document.querySelector('.gm-legend').textContent,
                    sites: document.querySelectorAll('.gm-site').length};""")
        return result

    events = three_continents()
    elsewhere = {
        "type": "FeatureCollection",
        "features": [f for f in events["features"] if f["properties"]["country_code"] != "SY"],
    }
    open_map(driver, render_map(elsewhere, title="Sudan and Ukraine"), tmp_path / "no-sy.html")
    found = context()
    assert not any(
        lbl.startswith(("Border strip", "Camps", "Border crossings")) for lbl in found["labels"]
    )
    assert "border strip" not in found["panel"] and "border strip" not in found["legend"]
    assert "Camp" not in found["legend"] and found["sites"] == 0
    assert driver.execute_script("return geomap.rings.getLayers().length") == 0
    open_map(driver, render_map(events, title="With Syria"), tmp_path / "sy.html")
    found = context()
    assert any(lbl.startswith("Border strip (30 km)") for lbl in found["labels"])
    assert any(lbl.startswith("Camps and detention sites") for lbl in found["labels"])
    assert "Events in the 30 km border strip (2)" in found["panel"]
    assert "Camp" in found["legend"] and found["sites"] > 0
    assert severe(driver) == []


def test_folium_marker_and_layer_control_work_offline(driver: Any, tmp_path: Path) -> None:
    import folium

    m = render_map(three_continents(), title="With folium objects")
    folium.Marker([15.6, 32.5], tooltip="plain folium marker").add_to(m)
    mine = folium.FeatureGroup(name="My own layer").add_to(m)
    folium.Marker([49.0, 32.0]).add_to(mine)
    folium.LayerControl().add_to(m)
    open_map(driver, m, tmp_path / "folium.html")
    assert severe(driver) == []  # a missing marker-icon.png would log a failed load
    icons = driver.execute_script("""
        var imgs = 'img.leaflet-marker-icon, img.leaflet-marker-shadow';
        return Array.from(document.querySelectorAll(imgs))
          .map(function (i) { return [i.src.slice(0, 22), i.complete, i.naturalWidth]; });""")
    assert len(icons) == 4, icons  # two markers, each with its shadow
    for src, complete, width in icons:
        assert src.startswith("data:image/png;base64") and complete and width > 0
    # folium's LayerControl joined geomap's control instead of adding a second one
    assert (
        driver.execute_script("return document.querySelectorAll('.leaflet-control-layers').length")
        == 1
    )
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".map(function (l) { return l.textContent.trim(); })"
    )
    assert "My own layer" in labels and any(lbl.startswith("Battles") for lbl in labels)
    # and it works: unticking hides the folium layer
    driver.execute_script(
        "Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".filter(function (l) { return l.textContent.trim() === 'My own layer'; })[0]"
        ".querySelector('input').click();"
    )
    assert (
        len(driver.execute_script("return document.querySelectorAll('img.leaflet-marker-icon')"))
        == 1
    )


VISIBLE_LABEL_BOXES = """
    var m = geomap.map.getContainer().getBoundingClientRect();
    return Array.from(document.querySelectorAll('.gm-town-label, .gm-admin-label'))
      .filter(function (el) { return getComputedStyle(el).visibility === 'visible'; })
      .map(function (el) { var r = el.getBoundingClientRect();
        return [el.textContent, r.left, r.top, r.right, r.bottom]; })
      .filter(function (b) { return b[3] > m.left && b[1] < m.right && b[4] > m.top &&
        b[2] < m.bottom && b[3] > b[1]; });"""


def overlapping(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[3], b[3]) > max(a[1], b[1]) and min(a[4], b[4]) > max(a[2], b[2])
    ]


def test_town_labels_never_overlap(driver: Any, tmp_path: Path) -> None:
    """Town and province labels are placed by rank (population) after every zoom: a label whose
    box in the DOM overlaps a bigger town's is hidden, so a country's towns never pile up."""
    driver.set_window_size(1280, 900)
    open_map(driver, render_map(three_continents()), tmp_path / "labels.html")
    time.sleep(0.3)
    boxes = driver.execute_script(VISIBLE_LABEL_BOXES)
    names = [b[0] for b in boxes]
    assert len(boxes) >= 8, names  # the towns of Syria, Turkey and Iraq are still labelled
    assert "Baghdad" in names  # the biggest town of the region keeps its label
    assert overlapping(boxes) == []
    counts = {4: len(boxes)}
    seen = {4: set(names)}
    for zoom in (5, 6, 7, 8):  # the zooms a user reaches, over the Turkey-Syria border
        driver.execute_script(
            "geomap.map.setView([36.6, 39.5], arguments[0], {animate: false})", zoom
        )
        time.sleep(0.3)
        boxes = driver.execute_script(VISIBLE_LABEL_BOXES)
        assert overlapping(boxes) == [], zoom
        counts[zoom] = len(boxes)
        seen[zoom] = {b[0] for b in boxes}
    # zooming in shows smaller towns, by rank: most labels at zoom 8 were hidden at zoom 4
    assert len(seen[8] - seen[4]) > 0.6 * len(seen[8]) and counts[8] > 30, counts
    assert severe(driver) == []


SHADED = """
    return Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))
      .filter(function (p) { var r = p.getBoundingClientRect();
        return r.width * r.height > 40000 && p.getAttribute('fill') !== 'none' &&
          +(p.getAttribute('fill-opacity') || 1) > 0.12; }).length;"""


def test_issue_22_done_when_three_continents(driver: Any, tmp_path: Path) -> None:
    """Issue 22's "Done when", on one map of reports from Sudan, Ukraine and Syria."""
    import folium

    driver.set_window_size(1280, 900)
    events = three_continents()
    m = render_map(events, title="Sudan, Ukraine, Syria", buffer="SD-SS:20")
    folium.Marker([15.6, 32.5], tooltip="plain folium marker").add_to(m)
    open_map(driver, m, tmp_path / "three.html")
    time.sleep(0.3)
    assert severe(driver) == []
    s, w, n, e = driver.execute_script(
        "var b = geomap.map.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), "
        "b.getEast()]"
    )
    feats = events["features"]
    for f in feats:  # the initial bounds hold every precise event
        if f["geometry"] and f["properties"]["geo_precision"] < 3:
            lon, lat = f["geometry"]["coordinates"]
            assert w <= lon <= e and s <= lat <= n, f["properties"]["place"]
    listed = driver.execute_script(LISTED)  # every event is in the panel
    assert listed == list(range(len(feats)))
    boxes = driver.execute_script(VISIBLE_LABEL_BOXES)  # labels compared in the DOM
    assert len(boxes) > 10 and overlapping(boxes) == []
    names = {b[0] for b in boxes}
    assert {"Khartoum", "Kyiv"} <= names or {"Khartoum", "Kharkiv"} <= names, names
    assert driver.execute_script(SHADED) == 0  # no country-wide shading
    driver.execute_script("geomap.map.addLayer(geomap.regionLayer)")
    assert driver.execute_script(SHADED) == 0
    driver.execute_script("geomap.map.removeLayer(geomap.regionLayer)")
    # with Syrian events: the Turkey-Syria strip; the asked-for Sudan strip is legended
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".map(function (l) { return l.textContent.trim(); })"
    )
    assert any(lbl.startswith("Border strip (30 km)") for lbl in labels)
    assert any("20 km strip along the Sudan–S. Sudan border" in lbl for lbl in labels)
    legend = driver.execute_script("return document.querySelector('.gm-legend').textContent")
    assert "20 km strip along the Sudan–S. Sudan border" in legend
    # a plain folium Marker's icon loads offline
    icons = driver.execute_script(
        "return Array.from(document.querySelectorAll('img.leaflet-marker-icon'))"
        ".map(function (i) { return [i.src.slice(0, 22), i.complete, i.naturalWidth]; });"
    )
    assert icons and all(
        src.startswith("data:image/png") and ok and width > 0 for src, ok, width in icons
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "three_continents.png").write_bytes(driver.get_screenshot_as_png())
    # provinces and towns are drawn in Sudan and Ukraine too, not only around Syria
    driver.execute_script("geomap.map.setView([15.6, 32.5], 7, {animate: false})")
    time.sleep(0.3)
    near = {b[0] for b in driver.execute_script(VISIBLE_LABEL_BOXES)}
    assert len(near) > 5 and overlapping(driver.execute_script(VISIBLE_LABEL_BOXES)) == []
    (ARTIFACTS / "three_continents_khartoum_z7.png").write_bytes(driver.get_screenshot_as_png())
    # without Syrian events: no Turkey-Syria strip
    elsewhere = {
        "type": "FeatureCollection",
        "features": [f for f in feats if f["properties"]["country_code"] != "SY"],
    }
    open_map(driver, render_map(elsewhere), tmp_path / "no-sy.html")
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers label'))"
        ".map(function (l) { return l.textContent.trim(); })"
    )
    assert not any(lbl.startswith(("Border strip", "Strip:")) for lbl in labels)
    assert severe(driver) == []
