"""Gazetteers: look up places by name, offline.

``load_gazetteer()`` returns the embedded GeoNames gazetteer (built on first use
into the data directory: ``data_dir`` argument, ``$GEOMAP_DATA_DIR``, then the
user data directory). Importing this package is cheap: numpy and the index are
only loaded when a gazetteer is created.
"""

from __future__ import annotations

import inspect
import os
import threading
from pathlib import Path
from typing import Any

# registers the online "nominatim" backend; geopy is imported only when it is used
from geomap.gazetteer import nominatim as _nominatim  # noqa: F401
from geomap.gazetteer.base import (
    Gazetteer,
    backends,
    get_gazetteer_class,
    normalize_name,
)
from geomap.gazetteer.geonames import GeoNamesGazetteer
from geomap.gazetteer.own_places import LayeredGazetteer, OwnPlacesGazetteer

__all__ = [
    "Gazetteer",
    "GeoNamesGazetteer",
    "LayeredGazetteer",
    "OwnPlacesGazetteer",
    "backends",
    "build_index",
    "get_gazetteer_class",
    "index_info",
    "load_gazetteer",
    "normalize_name",
]

_CACHE: dict[tuple[str, str | None], Gazetteer] = {}
_CACHE_LOCK = threading.RLock()  # a backend may load another one (layered)


def load_gazetteer(
    name: str = "geonames",
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> Gazetteer:
    """Return the gazetteer backend ``name``, created once per (name, data directory).

    Parameters
    ----------
    name
        A registered backend (see :func:`backends`).
    data_dir
        Data directory passed to backends that take one (resolved as in
        :func:`geomap.gazetteer._paths.resolve_data_dir`, so the cache follows
        ``$GEOMAP_DATA_DIR``).
    progress
        Show a progress bar if the backend has to build its index.

    Raises
    ------
    UnknownBackendError
        ``name`` is not registered.
    DataNotFoundError
        The backend's data is missing and cannot be built.

    """
    from geomap.gazetteer._paths import resolve_data_dir

    factory = get_gazetteer_class(name)
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        params = {}
    takes_dir = "data_dir" in params
    key = (name, str(resolve_data_dir(data_dir)) if takes_dir else None)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        kwargs: dict[str, Any] = {}
        if takes_dir:
            kwargs["data_dir"] = data_dir
        if "progress" in params:
            kwargs["progress"] = progress
        gazetteer = factory(**kwargs)
        _CACHE[key] = gazetteer
        return gazetteer


def forget_loaded() -> None:
    """Drop the loaded GeoNames gazetteers, so that the next load reads the index again."""
    with _CACHE_LOCK:
        for cache_key in [k for k in _CACHE if k[0] == "geonames"]:
            del _CACHE[cache_key]


def build_index(
    data_dir: str | os.PathLike[str] | None = None, *, force: bool = False, progress: bool = False
) -> Path:
    """Build the GeoNames index if it is missing or stale (always with ``force``).

    Returns
    -------
    Path
        The index file.

    """
    from geomap.gazetteer.geonames import ensure_index

    path = ensure_index(data_dir, force=force, progress=progress)
    if force:
        forget_loaded()
    return path


def index_info(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Describe the GeoNames index of ``data_dir`` without building or loading it.

    Returns
    -------
    dict
        ``path``, ``exists``, and when it exists ``size_bytes``, ``schema``,
        ``counts`` (rows, keys, countries, adm1, adm2, cities, capitals, demonyms),
        ``sources`` (package versions it was built from), ``built_at``,
        ``build_seconds``, ``max_key_words`` and ``up_to_date``; and
        ``geonames_exports``: the index built from GeoNames exports (its mode,
        each export file with its rows, feature classes and newest modification
        date, the embedded package versions it extends), or ``None``. That index
        is the one loaded when it exists and ``in_use`` is true.

    """
    from geomap.gazetteer import _build
    from geomap.gazetteer._paths import index_path

    path = index_path(data_dir)
    info: dict[str, Any] = {"path": str(path), "exists": path.exists()}
    if not info["exists"]:
        return info
    info["size_bytes"] = path.stat().st_size
    meta = _build.read_meta(path)
    if meta is None:
        info["readable"] = False
        return info
    for field in ("schema", "counts", "sources", "built_at", "build_seconds", "max_key_words"):
        info[field] = meta.get(field)
    info["up_to_date"] = _build.stamp_matches(meta, _build.source_versions())
    info["geonames_exports"] = _exports_info(data_dir)
    return info


def _exports_info(data_dir: str | os.PathLike[str] | None) -> dict[str, Any] | None:
    """Describe the index built from GeoNames exports, or ``None`` when there is none."""
    from geomap.gazetteer import _build
    from geomap.gazetteer._paths import full_index_path

    path = full_index_path(data_dir)
    if not path.exists():
        return None
    meta = _build.read_meta(path)
    if meta is None:
        return {"path": str(path), "readable": False}
    return {
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "in_use": meta.get("schema") == _build.SCHEMA_VERSION,
        "mode": meta.get("mode"),
        "exports": meta.get("exports"),
        "tables": meta.get("tables"),
        "embedded": meta.get("embedded"),
        "counts": meta.get("counts"),
        "built_at": meta.get("built_at"),
        "build_seconds": meta.get("build_seconds"),
        "build_cpu_seconds": meta.get("build_cpu_seconds"),
    }
