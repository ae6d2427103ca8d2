"""The events table: its columns (ACLED's names where ACLED has one) and its validation.

See ``EVENTS.md`` in the design notes, and the README's "Output columns".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geomap.errors import SchemaError

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: column -> kind ("str", "str?" nullable, "int", "int?", "float", "date" (a calendar date,
#: ``datetime64[ms]`` at midnight in the frame), "datetime?" (a nullable UTC timestamp))
COLUMNS: dict[str, str] = {
    "event_id": "str",
    "doc_id": "str",
    "event_date": "date",
    "time_precision": "int",
    "event_type": "str",
    "sub_event_type": "str",
    "actor1": "str?",
    "actor2": "str?",
    "fatalities": "int?",
    "country": "str",
    "country_code": "str",
    "admin1": "str?",
    "location": "str",
    "place_mention": "str",
    "geonameid": "int?",
    "latitude": "float",
    "longitude": "float",
    "geo_precision": "int",
    "notes": "str",
    "evidence_start": "int",
    "evidence_end": "int",
    "trigger": "str",
    "confidence": "float",
    "source": "str?",
    "url": "str?",
    "title": "str?",
    "published": "datetime?",
    "sources": "str",
    "n_sources": "int",
    "lang": "str?",
}

#: the dtype of each kind of column in a frame
DTYPES: dict[str, str] = {
    "str": "object",
    "str?": "object",
    "int": "int64",
    "int?": "Int64",
    "float": "float64",
    "date": "datetime64[ms]",
    "datetime?": "datetime64[ms, UTC]",
}

#: ACLED's event types and their sub-event types
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Arrests",
        "Looting/property destruction",
        "Agreement",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
        "Disrupted weapons use",
        "Other",
    ),
}

#: one colour per event type (ACLED's dashboard palette, approximately)
EVENT_COLORS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#8c564b",
    "Protests": "#1f77b4",
    "Riots": "#9467bd",
    "Strategic developments": "#2ca02c",
}


def empty_events() -> gpd.GeoDataFrame:
    """Return an events GeoDataFrame with every column and no rows."""
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame({name: pd.Series(dtype=_dtype(kind)) for name, kind in COLUMNS.items()})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")


def _dtype(kind: str) -> str:
    return DTYPES[kind]


def as_dates(values: object) -> pd.Series:
    """ISO strings, dates or timestamps as a ``datetime64[ms]`` series of dates (midnight)."""
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        return series.dt.normalize().astype("datetime64[ms]")
    if len(series) == 0:
        return series.astype("datetime64[ms]")
    text = series.map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") else v)
    return pd.to_datetime(text, format="ISO8601").astype("datetime64[ms]")


def as_timestamps(values: object) -> pd.Series:
    """ISO date-times or timestamps as a ``datetime64[ms, UTC]`` series (NaT where missing)."""
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dtype, "tz", None) is None:
            series = series.dt.tz_localize("UTC")
        return series.dt.tz_convert("UTC").astype("datetime64[ms, UTC]")
    if len(series) == 0 or series.isna().all():
        return pd.Series(pd.NaT, index=series.index, dtype="datetime64[ms, UTC]")
    text = series.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else v)
    return pd.to_datetime(text, format="ISO8601", utc=True).astype("datetime64[ms, UTC]")


def validate_events(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check that ``frame`` is a valid events table and return it.

    All problems are collected and raised together in one :class:`SchemaError`:
    missing columns, a CRS other than EPSG:4326, null values in required
    columns, unknown event or sub-event types, precisions outside 1-3,
    coordinates out of range or disagreeing with the geometry.
    """
    import pandas as pd

    problems: list[str] = []
    missing = [name for name in COLUMNS if name not in frame.columns]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        problems.append(f"CRS must be EPSG:4326, not {frame.crs}")
    present = {name: kind for name, kind in COLUMNS.items() if name in frame.columns}
    for name, kind in present.items():
        if not kind.endswith("?") and name not in ("source",) and frame[name].isna().any():
            problems.append(f"column {name!r} has {int(frame[name].isna().sum())} null values")
    if "event_type" in present:
        bad = sorted(set(frame["event_type"].dropna()) - set(EVENT_TYPES))
        if bad:
            problems.append(f"unknown event_type values: {bad}")
        if "sub_event_type" in present:
            for etype, sub in zip(frame["event_type"], frame["sub_event_type"], strict=True):
                if etype in EVENT_TYPES and sub not in EVENT_TYPES[etype]:
                    problems.append(f"sub_event_type {sub!r} does not belong to {etype!r}")
                    break
    for name in ("time_precision", "geo_precision"):
        if name in present and not frame[name].dropna().isin([1, 2, 3]).all():
            problems.append(f"{name} must be 1, 2 or 3")
    if "latitude" in present and not frame["latitude"].dropna().between(-90, 90).all():
        problems.append("latitude out of range")
    if "longitude" in present and not frame["longitude"].dropna().between(-180, 180).all():
        problems.append("longitude out of range")
    if "confidence" in present and not frame["confidence"].dropna().between(0, 1).all():
        problems.append("confidence must lie in [0, 1]")
    if "event_date" in present:
        column = frame["event_date"]
        if not pd.api.types.is_datetime64_any_dtype(column.dtype):
            problems.append(f"event_date must be dates (datetime64), not {column.dtype}")
        elif (column.dropna() != column.dropna().dt.normalize()).any():
            problems.append("event_date must be dates (times at midnight)")
    if (
        len(frame)
        and {"latitude", "longitude"} <= set(frame.columns)
        and frame.geometry is not None
    ):
        geom = frame.geometry
        off = ((geom.x - frame["longitude"]).abs() > 1e-6) | (
            (geom.y - frame["latitude"]).abs() > 1e-6
        )
        if off.any():
            problems.append(f"{int(off.sum())} geometries disagree with latitude/longitude")
    if problems:
        raise SchemaError("invalid events table: " + "; ".join(problems))
    return frame
