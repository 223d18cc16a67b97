"""Opening a geomap HTML file in headless Chromium with the network shut off.

Used by the browser tests and the map benchmark, and handy for anyone who wants a screenshot of
a map on a machine without a display. The flags keep Chromium from reaching the network at all
(every host name resolves to nothing), so a page that still needs a CDN shows it at once.
"""

from __future__ import annotations

from typing import Any

#: Chromium switches for a headless, offline, throw-away browser (add ``--user-data-dir``).
OFFLINE_CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,900",
)


def offline_chrome_options(profile_dir: str) -> Any:
    """Selenium ``ChromeOptions`` with :data:`OFFLINE_CHROMIUM_FLAGS` and a fresh profile."""
    from selenium import webdriver

    opts = webdriver.ChromeOptions()
    for arg in (*OFFLINE_CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}"):
        opts.add_argument(arg)
    return opts
