"""The package's top-level API: the main functions and types, loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import geomap


def test_top_level_names_resolve_to_the_real_objects() -> None:
    from geomap.events import extract_events
    from geomap.geoparsing import geoparse
    from geomap.render import render_map
    from geomap.types import Place

    # geoparse and extract_events are wrappers that also take strings, lists and DataFrames
    assert geomap.geoparse.__doc__ and geoparse.__doc__
    assert geomap.extract_events.__module__ == "geomap" and extract_events.__module__ != "geomap"
    assert geomap.render_map is render_map
    assert geomap.Place is Place
    assert set(geomap.__all__) <= set(dir(geomap))


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = geomap.nope  # type: ignore[attr-defined]


def test_importing_geomap_does_not_load_the_heavy_libraries() -> None:
    code = (
        "import sys, geomap, geomap.cli; "
        "print(sorted(m for m in ('geopandas', 'folium') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_errors_share_one_root_and_the_matching_builtins() -> None:
    assert issubclass(geomap.InputError, geomap.GeomapError)
    assert issubclass(geomap.InputError, ValueError)
    assert issubclass(geomap.ConfigurationError, ValueError)
    assert issubclass(geomap.ExportError, OSError)


def test_help_lists_lazy_commands_without_importing_them() -> None:
    import click

    from geomap.cli import LazyGroup, main

    for name, short in LazyGroup.lazy_help.items():
        command = main.get_command(click.Context(main), name)
        assert command is not None and command.get_short_help_str(200) == short
    code = (
        "import sys\nfrom geomap.cli import main\ntry:\n    main(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'folium', 'geomap.render') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
