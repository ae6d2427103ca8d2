"""geomap's exceptions: one hierarchy, each class also a matching builtin."""

from __future__ import annotations


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """A document or input file could not be read; the message names the file (and line)."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class InputNotFoundError(InputError, FileNotFoundError):
    """An input path does not exist."""


class DataNotFoundError(GeomapError, FileNotFoundError):
    """Data geomap needs (gazetteer source, spaCy model) is not installed."""


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer index could not be built or loaded."""


class UnknownBackendError(GeomapError, KeyError):
    """A gazetteer backend or geocoder was asked for by a name that is not registered."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class SchemaError(GeomapError, ValueError):
    """An events table does not have the columns and types of EVENTS.md."""


class ExportError(GeomapError, ValueError):
    """An output file could not be written (unknown format, bad path)."""
