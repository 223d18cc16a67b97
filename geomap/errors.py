"""The exception hierarchy: one root, subclasses that also inherit the matching built-in.

Every error geomap raises on purpose derives from :class:`GeomapError`, so callers can catch
one type; each subclass also inherits the built-in a Python user would expect (``ValueError``
for bad values, ``RuntimeError`` for a broken index, ``OSError`` for files), so existing
``except`` clauses keep working. Messages name the bad value and what was expected.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of all errors raised by geomap."""


class ConfigurationError(GeomapError, ValueError):
    """An option or argument has a value geomap cannot use (unknown country code, bad bbox...)."""


class InputError(GeomapError, ValueError):
    """A document, name or record cannot be read (empty, binary, malformed, too large)."""


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer index cannot be built, opened or updated."""


class ImportFormatError(GazetteerError, ValueError):
    """A file given to ``geomap gazetteer import`` is missing, corrupt or of an unknown format."""


class ExportError(GeomapError, OSError):
    """Results cannot be written in the requested format or place."""


class OutputInUseError(ExportError):
    """An output folder is being written by another geomap process (``geomap batch`` holds a
    lock on it)."""
