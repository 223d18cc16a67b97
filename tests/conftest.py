"""Shared fixtures: one real default gazetteer per test session, no network.

The default index is built once into ``$GEOMAP_HOME`` (CI sets it inside the clone's .venv; a
developer's run uses a temporary folder unless GEOMAP_HOME is set, so a personal index is never
touched). Every test runs with sockets disabled, so any network access fails loudly.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_SESSION_HOME = os.environ.get("GEOMAP_HOME")


def pytest_configure(config: pytest.Config) -> None:
    global _SESSION_HOME
    if not _SESSION_HOME:
        if config.cache is not None:
            _SESSION_HOME = str(Path(config.cache.mkdir("geomap-home")))
        else:  # -p no:cacheprovider
            _SESSION_HOME = str(Path(tempfile.gettempdir()) / "geomap-test-home")
    os.environ["GEOMAP_HOME"] = _SESSION_HOME


class NetworkBlocked(RuntimeError):
    """Raised when a test tries to open a network connection."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to connect anywhere but a local (AF_UNIX) socket."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            real_connect(self, address)  # type: ignore[arg-type]
            return
        raise NetworkBlocked(f"test tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: guarded(socket.socket(), a))


@pytest.fixture(scope="session")
def default_index() -> Path:
    """Path of the real default index (built on first use in the session home)."""
    from geomap.gazetteer import ensure_default_index

    return ensure_default_index()


@pytest.fixture(scope="session")
def gaz(default_index: Path):  # type: ignore[no-untyped-def]
    """The real gazetteer on the default index, without user imports."""
    from geomap.gazetteer import Gazetteer

    g = Gazetteer.open(default_index, include_user=False)
    yield g
    g.close()


@pytest.fixture
def user_home(
    tmp_path: Path, default_index: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A fresh GEOMAP_HOME with the shared default index linked in and no user imports."""
    from geomap.gazetteer import reset_default_gazetteer

    home = tmp_path / "home"
    home.mkdir()
    (home / default_index.name).symlink_to(default_index)
    monkeypatch.setenv("GEOMAP_HOME", str(home))
    reset_default_gazetteer()
    yield home
    reset_default_gazetteer()


def run_geomap(
    *args: str, home: Path | str | None = None, cwd: Path | str | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``geomap ARGS`` in a new process (optionally with ``GEOMAP_HOME=home``)."""
    env = dict(os.environ)
    if home is not None:
        env["GEOMAP_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def deny(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``deny(path)``: make a file or folder unreadable (chmod 000, and, for root, whom chmod
    does not stop, make opening or listing it fail with EACCES)."""
    import io

    denied: set[str] = set()

    def refuse(path: Any) -> None:
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    real_open, real_io_open, real_scandir = os.open, io.open, os.scandir

    def fake_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(path)
        return real_open(path, *args, **kwargs)

    def fake_io_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, str | os.PathLike):
            refuse(path)
        return real_io_open(path, *args, **kwargs)

    def fake_scandir(path: Any = ".") -> Any:
        refuse(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_io_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)

    def deny_path(path: Path) -> None:
        denied.add(str(path))
        path.chmod(0)

    yield deny_path
    for name in denied:
        Path(name).chmod(0o700)
