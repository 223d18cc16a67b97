"""Benchmark: geomap's offline map vs a plain folium map (one folium.Marker per event).

    python bench/bench_map.py [--n 100000] [--timeout 300]

For N synthetic events (seeded, over northeast Syria) it measures, for both maps: Python build +
save time, HTML size, and the time headless Chromium (network disabled) needs until markers or
cluster icons are drawn. The plain map's CDN scripts are replaced by the same inlined libraries so
that it can draw offline at all. Steps that exceed --timeout are reported as "> N s". Also the
size of a 1,000-event map. Prints a table and writes bench/results/map.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
PLACES = [
    "Tal Abyad",
    "Ras al-Ain",
    "Qamishli",
    "Kobani",
    "Ain Issa",
    "Hasakah",
    "Manbij",
    "Tal Tamr",
    "Derik",
    "Amuda",
]
VERBS = [
    "Clashes were reported",
    "Shelling hit",
    "Protesters gathered",
    "An airstrike struck",
    "Civilians fled",
    "Forces advanced",
]


def synthetic_events(n: int, seed: int = 42) -> dict[str, Any]:
    rng = random.Random(seed)
    feats = []
    for i in range(n):
        place = rng.choice(PLACES)
        gp = rng.choices([1, 2, 3], weights=[7, 2, 1])[0]
        day = rng.randint(1, 31)
        feats.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(rng.uniform(37.0, 42.3), 5),
                        round(rng.uniform(35.3, 37.2), 5),
                    ],
                },
                "properties": {
                    "id": f"ev{i}",
                    "doc": f"doc{i // 4}",
                    "date": f"2019-10-{day:02d}",
                    "date_precision": "day",
                    "event_type": rng.choice(TYPES),
                    "sub_event_type": "",
                    "actors": ["SDF", "Turkish forces"],
                    "place": place,
                    "country_code": "SY",
                    "admin1": "SY.01",
                    "geo_precision": gp,
                    "quote": f"{rng.choice(VERBS)} near {place} on {day} October, doc {i // 4}.",
                    "sources": ["synthetic"],
                    "confidence": 0.7,
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def inline_plain_html(html: str) -> str:
    """Swap the plain folium page's CDN links for the same inlined libraries geomap uses."""
    from geomap.render import assets

    js = {name: f"<script>{assets.safe_script(code)}</script>" for name, code in assets.scripts()}
    css = {name: f"<style>{code}</style>" for name, code in assets.styles()}
    inlined = [
        (r'<script src="[^"]*leaflet\.js"></script>', js["leaflet"]),
        (r'<script src="[^"]*jquery[^"]*"></script>', js["jquery"]),
        (r'<script src="[^"]*markercluster[^"]*\.js"></script>', js["markercluster"]),
        (r'<link rel="stylesheet" href="[^"]*leaflet\.css"/>', css["leaflet"]),
        (r'<link rel="stylesheet" href="[^"]*MarkerCluster\.css"/>', css["markercluster"]),
        (
            r'<link rel="stylesheet" href="[^"]*MarkerCluster\.Default\.css"/>',
            css["markercluster_default"],
        ),
    ]
    for pattern, element in inlined:
        # A function, not a template: the inlined code is full of backslashes.
        html = re.sub(pattern, lambda _, element=element: element, html)
    html = re.sub(r'<script src="https?://[^"]*"></script>', "", html)
    return re.sub(r'<link rel="stylesheet" href="https?://[^"]*"/>', "", html)


def build_plain(events: dict[str, Any], path: str) -> None:
    import folium
    from folium.plugins import MarkerCluster

    m = folium.Map(location=[36.5, 40.0], zoom_start=7, tiles=None, max_zoom=18, maxZoom=18)
    cluster = MarkerCluster().add_to(m)
    for f in events["features"]:
        lon, lat = f["geometry"]["coordinates"]
        p = f["properties"]
        folium.Marker([lat, lon], popup=folium.Popup(p["quote"]), tooltip=p["event_type"]).add_to(
            cluster
        )
    html = inline_plain_html(m.get_root().render())
    Path(path).write_text(html, encoding="utf-8")


def _plain_worker(n: int, path: str, out: Any) -> None:
    t = time.perf_counter()
    build_plain(synthetic_events(n), path)
    out.put(time.perf_counter() - t)


def timed_plain(n: int, path: Path, timeout: float) -> float | None:
    """Build time of the plain map in a child process (None: exceeded the timeout)."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    proc = ctx.Process(target=_plain_worker, args=(n, str(path), q))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return float(q.get())


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from geomap.render.browser import offline_chrome_options

    opts = offline_chrome_options(tempfile.mkdtemp())
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    drv.set_page_load_timeout(900)
    return drv


DRAWN = (
    "return document.querySelectorAll("
    "'.leaflet-marker-icon, .marker-cluster').length > 0 && "
    "(!window.geomap || window.geomap.ready)"
)


def time_to_draw(drv: Any, path: Path, timeout: float) -> float | None:
    drv.get("about:blank")
    t = time.perf_counter()
    try:
        drv.set_page_load_timeout(timeout)
        drv.get(path.resolve().as_uri())
    except Exception:  # noqa: BLE001 - selenium raises its TimeoutException here
        return None
    while time.perf_counter() - t < timeout:
        if drv.execute_script(DRAWN):
            return time.perf_counter() - t
        time.sleep(0.05)
    return None


def fmt(v: float | None, timeout: float, unit: str = "s") -> str:
    return f"> {timeout:.0f} {unit}" if v is None else f"{v:.2f} {unit}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()
    from geomap.render import render_map, save_map

    work = Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    events = synthetic_events(args.n)
    res: dict[str, Any] = {"n": args.n, "timeout_s": args.timeout}

    t = time.perf_counter()
    save_map(render_map(events, title="bench"), work / "geomap.html")
    res["geomap_build_s"] = time.perf_counter() - t
    res["geomap_mb"] = (work / "geomap.html").stat().st_size / 1e6
    res["plain_build_s"] = timed_plain(args.n, work / "plain.html", args.timeout)
    plain_exists = (work / "plain.html").exists() and res["plain_build_s"] is not None
    res["plain_mb"] = (work / "plain.html").stat().st_size / 1e6 if plain_exists else None

    small = synthetic_events(1000, seed=7)
    save_map(render_map(small), work / "geomap_1k.html")
    res["geomap_1k_mb"] = (work / "geomap_1k.html").stat().st_size / 1e6
    build_plain(small, str(work / "plain_1k.html"))
    res["plain_1k_mb"] = (work / "plain_1k.html").stat().st_size / 1e6

    drv = browser()
    try:
        res["geomap_draw_s"] = time_to_draw(drv, work / "geomap.html", args.timeout)
        res["geomap_1k_draw_s"] = time_to_draw(drv, work / "geomap_1k.html", args.timeout)
        res["plain_1k_draw_s"] = time_to_draw(drv, work / "plain_1k.html", args.timeout)
        res["plain_draw_s"] = (
            time_to_draw(drv, work / "plain.html", args.timeout) if plain_exists else None
        )
    finally:
        drv.quit()

    def total(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a + b

    res["geomap_total_s"] = total(res["geomap_build_s"], res["geomap_draw_s"])
    res["plain_total_s"] = total(res["plain_build_s"], res["plain_draw_s"])
    if res["geomap_total_s"]:
        lower = res["plain_total_s"] or (
            args.timeout if res["plain_build_s"] is None else res["plain_build_s"] + args.timeout
        )
        res["speedup"] = lower / res["geomap_total_s"]
        res["speedup_is_lower_bound"] = res["plain_total_s"] is None
    to = args.timeout
    rows = [
        ("", "geomap", "plain folium"),
        (
            f"build + save ({args.n:,})",
            fmt(res["geomap_build_s"], to),
            fmt(res["plain_build_s"], to),
        ),
        (
            f"HTML size ({args.n:,})",
            f"{res['geomap_mb']:.1f} MB",
            "n/a" if res["plain_mb"] is None else f"{res['plain_mb']:.1f} MB",
        ),
        (
            f"browser: until drawn ({args.n:,})",
            fmt(res["geomap_draw_s"], to),
            fmt(res["plain_draw_s"], to),
        ),
        ("total", fmt(res["geomap_total_s"], to), fmt(res["plain_total_s"], to)),
        ("HTML size (1,000)", f"{res['geomap_1k_mb']:.2f} MB", f"{res['plain_1k_mb']:.2f} MB"),
        (
            "browser: until drawn (1,000)",
            fmt(res["geomap_1k_draw_s"], to),
            fmt(res["plain_1k_draw_s"], to),
        ),
    ]
    for r in rows:
        print(f"{r[0]:34} {r[1]:>14} {r[2]:>16}")
    if "speedup" in res:
        print(
            f"speed-up (total): {'>= ' if res['speedup_is_lower_bound'] else ''}"
            f"{res['speedup']:.1f}x"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "map.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
