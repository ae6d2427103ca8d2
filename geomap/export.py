"""Write and read events tables (GeoJSON, GeoPackage, GeoParquet, CSV) and save maps.

Every file is written atomically: to a temporary file in a hidden folder next
to the target, then moved into place with :func:`os.replace`, so a reader never
sees a partial file and a failed write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import ExportError, InputError, InputNotFoundError
from geomap.schema import COLUMNS

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd
    from branca.element import Element

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "check_events_path",
    "read_events",
    "read_mentions",
    "save_map",
    "write_events",
    "write_mentions",
    "write_text_atomic",
]

#: file extensions understood by :func:`write_events` and :func:`read_events`
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".csv", ".geojson", ".gpkg", ".parquet")

_CRS = "EPSG:4326"
#: decimal places of WKT coordinates in CSV (enough to round-trip a double)
_WKT_DECIMALS = 17


def write_events(frame: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write an events table, choosing the format from the file extension.

    ``.geojson``
        An RFC 7946 FeatureCollection (coordinates in EPSG:4326); each
        feature's properties carry every column (nulls as ``null``).
    ``.gpkg``
        A GeoPackage with one layer, ``events``.
    ``.parquet``
        GeoParquet.
    ``.csv``
        UTF-8 CSV of every column (``latitude``/``longitude`` included) plus a
        ``geometry`` column of WKT. A text cell that starts with ``=``, ``+``,
        ``-``, ``@``, a tab, a carriage return or ``'`` is written with one more
        ``'`` in front, so that a spreadsheet shows it as text instead of
        running it as a formula; :func:`read_events` takes that quote off again.

    The index is not written. Parent folders are created; the file is written
    atomically (no partial file is left if writing fails).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The events table (any columns; normally those of
        :data:`geomap.schema.COLUMNS`).
    path : str or os.PathLike
        Where to write; the extension chooses the format.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ExportError
        If the extension is not one of :data:`SUPPORTED_EXTENSIONS`, ``frame``
        is not a GeoDataFrame, or the file cannot be written (the cause is
        chained; e.g. a column the format cannot store).

    """
    return _write_table(frame, path, layer="events")


def write_mentions(frame: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a mentions table (:func:`geomap.join.mentions_frame`), like :func:`write_events`.

    The formats are those of :func:`write_events`; a GeoPackage's layer is
    called ``mentions``. Unresolved mentions are written without a geometry
    (GeoJSON ``null``, an empty WKT cell in CSV).

    Raises
    ------
    ExportError
        As :func:`write_events`.

    """
    return _write_table(frame, path, layer="mentions")


def _write_table(frame: gpd.GeoDataFrame, path: str | os.PathLike[str], *, layer: str) -> Path:
    import geopandas as gpd

    target = Path(path)
    writer = _WRITERS.get(target.suffix.lower())
    if writer is None:
        raise ExportError(
            f"cannot write {str(target)!r}: unknown extension {target.suffix!r}; "
            f"supported: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ExportError(
            f"cannot write {str(target)!r}: expected a GeoDataFrame, got {type(frame).__name__}"
        )
    frame = _typed(frame, _schema(layer))
    with _atomic_target(target) as tmp:
        try:
            writer(frame, tmp, layer)
        except (OSError, ValueError, TypeError, RuntimeError) as error:
            raise ExportError(f"cannot write {str(target)!r}: {error}") from error
    return target


def _schema(layer: str) -> dict[str, str]:
    """The columns and kinds of a table by its layer name."""
    if layer == "mentions":
        from geomap.join import MENTION_COLUMNS

        return MENTION_COLUMNS
    return COLUMNS


def _typed(frame: gpd.GeoDataFrame, schema: dict[str, str]) -> gpd.GeoDataFrame:
    """``frame`` with its date and timestamp columns as ``datetime64`` (copied if changed).

    A frame built by hand may hold ISO strings or :class:`datetime.date` objects.
    """
    import pandas as pd

    from geomap.schema import as_dates, as_timestamps

    changes = {}
    for name, kind in schema.items():
        if name not in frame.columns:
            continue
        if kind == "date" and frame[name].dtype != "datetime64[ms]":
            changes[name] = as_dates(frame[name])
        elif kind == "datetime?" and not (
            pd.api.types.is_datetime64_any_dtype(frame[name].dtype)
            and getattr(frame[name].dtype, "tz", None) is not None
        ):
            changes[name] = as_timestamps(frame[name])
    if not changes:
        return frame
    frame = frame.copy()
    for name, values in changes.items():
        frame[name] = values.set_axis(frame.index)
    return frame


def _iso(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy with dates as ``YYYY-MM-DD`` and timestamps as ISO 8601 text (None if missing)."""
    import pandas as pd

    out = frame.copy()
    for name in frame.columns:
        dtype = frame[name].dtype
        if name == frame.geometry.name or not pd.api.types.is_datetime64_any_dtype(dtype):
            continue
        column = frame[name]
        if getattr(dtype, "tz", None) is None:
            text = column.dt.strftime("%Y-%m-%d")
        else:
            text = column.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        out[name] = pd.Series(
            [None if pd.isna(v) else v for v in text.tolist()], index=frame.index, dtype=object
        )
    return out


def read_events(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read an events table written by :func:`write_events` (or a compatible file).

    Columns come back in the file's order (the geometry last) with the dtypes of
    :func:`geomap.schema.empty_events`: text and ``event_date`` (an ISO
    ``YYYY-MM-DD`` string) as ``object`` with ``None`` for missing values,
    nullable integers as ``Int64``, the CRS EPSG:4326 and a fresh RangeIndex.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.geojson``, ``.gpkg``, ``.parquet`` or ``.csv`` file.

    Returns
    -------
    geopandas.GeoDataFrame
        The events table.

    Raises
    ------
    InputNotFoundError
        If the file does not exist.
    InputError
        If the extension is unknown or the file cannot be read.

    """
    return _conform(_read_table(path, COLUMNS, layer="events", what="events"), COLUMNS)


def read_mentions(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read a mentions table written by :func:`write_mentions`.

    Columns get the dtypes of :data:`geomap.join.MENTION_COLUMNS` (text as
    ``object`` with ``None`` for missing values, ``geonameid`` as ``Int64``),
    the CRS EPSG:4326 and a fresh RangeIndex; unresolved mentions have no geometry.

    Raises
    ------
    InputNotFoundError
        If the file does not exist.
    InputError
        If the extension is unknown or the file cannot be read.

    """
    from geomap.join import MENTION_COLUMNS

    frame = _read_table(path, MENTION_COLUMNS, layer="mentions", what="mentions")
    return _conform(frame, MENTION_COLUMNS)


def _read_table(
    path: str | os.PathLike[str], columns: dict[str, str], *, layer: str, what: str
) -> gpd.GeoDataFrame:
    source = Path(path)
    reader = _READERS.get(source.suffix.lower())
    if reader is None:
        raise InputError(
            f"unknown extension {source.suffix!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            path=str(source),
        )
    if not source.is_file():
        raise InputNotFoundError("no such file", path=str(source))
    try:
        return reader(source, columns, layer)
    except (OSError, ValueError, RuntimeError) as error:
        raise InputError(f"cannot read {what}: {error}", path=str(source)) from error


def save_map(
    m: folium.Map | Element, path: str | os.PathLike[str], *, progress: bool = False
) -> Path:
    """Write a folium map's HTML page atomically (UTF-8).

    The map is rendered from a copy (see :func:`geomap.maps.map_html`), so
    saving twice gives the same bytes.

    Parameters
    ----------
    m : folium.Map or branca.element.Element
        The map, e.g. from :func:`geomap.maps.make_map`.
    path : str or os.PathLike
        Where to write (normally ``*.html``); parent folders are created.
    progress : bool
        Show a progress bar (on standard error) over rendering and writing.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ExportError
        If the file cannot be written.

    """
    from geomap._progress import progress_bar
    from geomap.maps import map_html

    target = Path(path)
    with progress_bar(progress, total=2, desc="map page", unit="step") as bar:
        html = map_html(m)
        bar.update()
        with _atomic_target(target) as tmp:
            tmp.write_text(html, encoding="utf-8")
        bar.update()
    return target


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write a UTF-8 text file atomically (a temporary file, then a rename).

    Parameters
    ----------
    path : str or os.PathLike
        Where to write; parent folders are created.
    text : str
        The content.

    """
    target = Path(path)
    with _atomic_target(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


def check_events_path(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if its extension names a supported events format, else raise.

    Raises
    ------
    ExportError
        Naming the supported extensions.

    """
    target = Path(path)
    if target.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise ExportError(
            f"cannot write {str(target)!r}: unknown format {target.suffix or '(no extension)'!r}; "
            f"use one of {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    return target


@contextmanager
def _atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it onto ``target`` on success."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as error:
        raise ExportError(f"cannot write {str(target)!r}: {error}") from error
    try:
        tmp = tmpdir / target.name
        yield tmp
        try:
            os.replace(tmp, target)
        except OSError as error:
            raise ExportError(f"cannot write {str(target)!r}: {error}") from error
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# -- writers -----------------------------------------------------------------


def _write_geojson(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    from shapely.geometry import mapping

    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(_CRS)
    frame = _iso(frame)
    geometry_name = frame.geometry.name
    columns = [name for name in frame.columns if name != geometry_name]
    features = []
    for values, geometry in zip(
        frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    name: _json_value(value) for name, value in zip(columns, values, strict=True)
                },
                "geometry": None if geometry is None or geometry.is_empty else mapping(geometry),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    with path.open("w", encoding="utf-8") as stream:
        json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
        stream.write("\n")


def _json_value(value: Any) -> Any:
    """Return ``value`` as a JSON-serialisable Python value (missing -> None)."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):  # also datetimes and pandas Timestamps
        return value.isoformat()
    return str(value)


def _write_gpkg(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    """A GeoPackage layer; dates are DATE fields, timestamps DATETIME (UTC)."""
    import pandas as pd
    import pyarrow as pa

    dates = [
        name
        for name in frame.columns
        if frame[name].dtype.kind == "M" and getattr(frame[name].dtype, "tz", None) is None
    ]
    if dates:
        frame = frame.copy()
        for name in dates:
            frame[name] = frame[name].astype(pd.ArrowDtype(pa.date32()))
    frame.to_file(path, driver="GPKG", layer=layer, engine="pyogrio", index=False, use_arrow=True)


def _write_parquet(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    frame.to_parquet(path, index=False)


def _write_csv(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    import shapely

    geometry_name = frame.geometry.name
    table = _iso(frame).drop(columns=[geometry_name])
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(_CRS)
    points = frame.geometry
    if not {"latitude", "longitude"} <= set(table.columns):
        is_point = points.geom_type == "Point"
        table["latitude"] = points.y.where(is_point)
        table["longitude"] = points.x.where(is_point)
    for name in table.columns:
        if _is_text(table[name]):
            table[name] = [_defuse(value) for value in table[name].tolist()]
    wkt = shapely.to_wkt(points.values, rounding_precision=_WKT_DECIMALS, trim=True)
    table["geometry"] = [None if w in (None, "POINT EMPTY") else w for w in wkt]
    table.to_csv(path, index=False, encoding="utf-8")


#: first characters that make a spreadsheet read a cell as a formula (and the quote itself)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def _is_text(series: pd.Series) -> bool:
    import pandas as pd

    return series.dtype == object or pd.api.types.is_string_dtype(series.dtype)


def _defuse(value: Any) -> Any:
    """Quote a text cell a spreadsheet would run as a formula: ``=cmd|...`` -> ``'=cmd|...``.

    Document text is untrusted. A cell that already starts with a quote gets
    one more, so :func:`_restore` (one quote off) gives back every value exactly.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _restore(value: Any) -> Any:
    """Undo :func:`_defuse`."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


_WRITERS: dict[str, Callable[[gpd.GeoDataFrame, Path, str], None]] = {
    ".csv": _write_csv,
    ".geojson": _write_geojson,
    ".gpkg": _write_gpkg,
    ".parquet": _write_parquet,
}

# -- readers -----------------------------------------------------------------


def _read_geojson(path: Path, columns: dict[str, str], layer: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    # DATE_AS_STRING keeps event_date as the ISO string it was written as
    return gpd.read_file(path, engine="pyogrio", DATE_AS_STRING="YES")


def _read_gpkg(path: Path, columns: dict[str, str], layer: str) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pyogrio

    names = [name for name, _ in pyogrio.list_layers(path)]
    return gpd.read_file(path, engine="pyogrio", layer=layer if layer in names else None)


def _read_parquet(path: Path, columns: dict[str, str], layer: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_parquet(path)


def _read_csv(path: Path, columns: dict[str, str], layer: str) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd
    import shapely

    dtypes = {
        name: {"int": "Int64", "int?": "Int64", "float": "float64"}.get(kind, object)
        for name, kind in columns.items()
    }
    dtypes["geometry"] = object
    # only "" is missing: a place called "Nan" or the country code "NA" stays text
    # pandas 3 parses floats exactly by default (and deprecates the option)
    exact = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
    table = pd.read_csv(
        path,
        dtype=dtypes,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        **exact,
    )
    for name in table.columns:
        if name != "geometry" and _is_text(table[name]):
            table[name] = [_restore(value) for value in table[name].tolist()]
    if "geometry" in table.columns:
        wkt = table.pop("geometry")
        geometry = shapely.from_wkt(wkt.where(wkt.notna(), None).to_numpy(dtype=object))
    elif {"latitude", "longitude"} <= set(table.columns):
        geometry = gpd.points_from_xy(table["longitude"], table["latitude"])
    else:
        raise ValueError("no geometry column and no latitude/longitude columns")
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geometry, index=table.index), crs=_CRS)


_READERS: dict[str, Callable[[Path, dict[str, str], str], gpd.GeoDataFrame]] = {
    ".csv": _read_csv,
    ".geojson": _read_geojson,
    ".gpkg": _read_gpkg,
    ".parquet": _read_parquet,
}


def _conform(frame: gpd.GeoDataFrame, schema: dict[str, str]) -> gpd.GeoDataFrame:
    """Give the columns of ``schema`` (name -> kind) their dtypes.

    For the events table these are the dtypes of :func:`geomap.schema.empty_events`.
    An empty file may not record its columns (an empty GeoJSON
    FeatureCollection has no properties): the schema's missing columns are
    then added, empty.
    """
    import geopandas as gpd
    import pandas as pd

    frame = frame.reset_index(drop=True)
    if frame.geometry.name != "geometry" and "geometry" not in frame.columns:
        frame = frame.rename_geometry("geometry")
    geometry_name = frame.geometry.name
    if frame.crs is None:
        frame = frame.set_crs(_CRS)
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(_CRS)
    else:  # the same CRS, but spelled as "EPSG:4326" whatever the file's PROJJSON/WKT
        frame = frame.set_crs(_CRS, allow_override=True)
    columns: dict[str, pd.Series] = {}
    if len(frame) == 0:
        for name, kind in schema.items():
            if name not in frame.columns:
                columns[name] = _as_kind(pd.Series([], dtype=object, name=name), kind)
    for name in frame.columns:
        kind = schema.get(name)
        series = frame[name]
        columns[name] = series if kind is None or name == geometry_name else _as_kind(series, kind)
    columns[geometry_name] = columns.pop(geometry_name)
    return gpd.GeoDataFrame(columns, geometry=geometry_name, crs=_CRS)


def _as_kind(series: pd.Series, kind: str) -> pd.Series:
    import pandas as pd

    if kind == "date":
        from geomap.schema import as_dates

        return as_dates(series.where(series.notna(), None) if series.dtype == object else series)
    if kind == "datetime?":
        from geomap.schema import as_timestamps

        return as_timestamps(series)
    if kind in ("str", "str?"):
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            text = series.dt.strftime("%Y-%m-%d")
        else:
            text = series
        values = [
            None
            if _missing(value)
            else (value if isinstance(value, str) else _to_text(value, kind))
            for value in text.tolist()
        ]
        return pd.Series(values, index=series.index, dtype=object, name=series.name)
    if kind == "float":
        return pd.to_numeric(series).astype("float64")
    numbers = pd.to_numeric(series).astype("Int64")
    if kind == "int" and not numbers.isna().any():
        return numbers.astype("int64")
    return numbers


def _missing(value: Any) -> bool:
    import pandas as pd

    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _to_text(value: Any, kind: str) -> str:
    if isinstance(value, dt.date):  # also datetimes and pandas Timestamps
        return value.isoformat()[:10] if kind == "date" else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
