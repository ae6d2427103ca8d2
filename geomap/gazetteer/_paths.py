"""Where the built gazetteer index lives: argument, ``GEOMAP_DATA_DIR``, then the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

#: environment variable that overrides the default data directory
ENV_DATA_DIR = "GEOMAP_DATA_DIR"
#: file name of the built GeoNames index inside the data directory
INDEX_FILENAME = "geonames-index.npz"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the directory that holds geomap's built data.

    Parameters
    ----------
    data_dir
        An explicit directory; it wins over everything else.

    Returns
    -------
    Path
        ``data_dir`` if given, else ``$GEOMAP_DATA_DIR`` if set and non-empty,
        else ``platformdirs.user_data_dir("geomap")``. The directory is not created.

    """
    if data_dir is not None:
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("geomap", appauthor=False))


def index_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the GeoNames index file for ``data_dir`` (see :func:`resolve_data_dir`)."""
    return resolve_data_dir(data_dir) / INDEX_FILENAME


#: file name of the index built from GeoNames exports (``geomap gazetteer build --geonames``)
FULL_INDEX_FILENAME = "geonames-full.npz"


def full_index_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the file of the index built from GeoNames exports for ``data_dir``."""
    return resolve_data_dir(data_dir) / FULL_INDEX_FILENAME
