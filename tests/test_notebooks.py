"""The example notebooks run top to bottom offline, and are stored without outputs.

Each notebook in ``notebooks/`` is executed with nbclient in a fresh kernel (this interpreter,
through a private kernelspec so a user-level "python3" kernel cannot shadow it), in a temporary
working directory, after the session's default gazetteer index exists. The kernel is a separate
process, so the conftest socket guard does not reach it: a first cell, added in memory only,
installs the same guard inside the kernel, and any network access fails the notebook.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = {"01_quickstart.ipynb", "02_gazetteer.ipynb", "03_border_analysis.ipynb"}
KERNEL_NAME = "geomap-test-python"
#: Per-cell limit; each notebook takes a few seconds once the gazetteer index exists.
CELL_TIMEOUT_S = 180

NETWORK_GUARD = """\
import socket as _socket

def _geomap_no_network(*args, **kwargs):
    raise OSError("notebook tried to reach the network")

_real_connect = _socket.socket.connect

def _guarded_connect(self, address):
    if self.family == getattr(_socket, "AF_UNIX", None):
        return _real_connect(self, address)
    raise OSError(f"notebook tried to reach the network: {address!r}")

_socket.socket.connect = _guarded_connect
_socket.create_connection = _geomap_no_network
del _guarded_connect, _geomap_no_network
"""


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory, default_index: Path) -> Iterator[Path]:
    """A kernelspec for this interpreter on JUPYTER_PATH, and a private IPython directory.

    Depends on ``default_index`` so the gazetteer index is built before any notebook runs (the
    kernel inherits GEOMAP_HOME from conftest and finds it there).
    """
    root = tmp_path_factory.mktemp("jupyter")
    spec_dir = root / "share" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "geomap tests",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(root / "share"))
        mp.setenv("IPYTHONDIR", str(root / "ipython"))
        assert os.environ.get("GEOMAP_HOME")
        yield root


def test_the_notebooks_are_there() -> None:
    assert {p.name for p in NOTEBOOKS} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stripped(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs: strip them"
        assert cell.get("execution_count") is None, f"{path.name} cell {i} has an execution count"
        assert "execution" not in cell.metadata, f"{path.name} cell {i} keeps execution timings"
    assert "widgets" not in nb.metadata, f"{path.name} keeps widget state: strip it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, kernel_env: Path, tmp_path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    guard = nbformat.v4.new_code_cell(NETWORK_GUARD)
    guard["id"] = "geomap-test-network-guard"
    nb.cells.insert(0, guard)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{exc}", pytrace=False)
    elapsed = time.perf_counter() - start
    errors = [
        (i, out.get("ename"), out.get("evalue"))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors, f"{path.name}: cells raised {errors}"
    print(f"{path.name}: {elapsed:.1f} s")
