"""Places the GeoNames packages lack, from other pip-installed data packages.

One source so far: ``airportsdata`` (MIT; 28,000 airports, airfields and air bases
with ICAO codes, their names, cities, countries and reference points). Each becomes a
row of feature class ``S``, with GeoNames' code ``AIRP`` (an airport with an IATA
code), ``AIRB`` (an air base) or ``AIRF`` (any other airfield), under its name and
the ways news writes it: "Bangui M'Poko International Airport", "Bangui M'Poko Airport", "Bangui
airport", "Shayrat air base", "Shayrat airfield". A city's name alone never becomes
an airport's name, so an airport cannot take a city's mention.

The packages are optional: a source that is not installed is left out and its
version is ``None`` in the index's stamp (see :func:`versions`).
"""

from __future__ import annotations

import csv
import importlib.metadata
import math
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: pip distribution -> importable package holding its data files
EXTRA_PACKAGES: dict[str, str] = {"airportsdata": "airportsdata"}
#: the feature codes this module adds, with their GeoNames feature class: an airport
#: with an IATA code (scheduled flights), an air base, any other airfield or strip
FEATURE_CLASSES: dict[str, str] = {"AIRP": "S", "AIRB": "S", "AIRF": "S"}
_AIR_BASE = re.compile(r"\b(?:air\s*base|air\s+station|military)\b", re.IGNORECASE)

# the generic tail of an airport's name, and the words news uses for one
_AIRPORT_TAIL = re.compile(
    r"\s+(?:international\s+|regional\s+|domestic\s+|municipal\s+)?"
    r"(?:airport|airfield|air\s*base|air\s+field|aerodrome|airstrip|air\s+strip|"
    r"airbase|heliport|landing\s+strip|military\s+airport)$",
    re.IGNORECASE,
)
_AIRPORT_WORDS = ("airport", "airfield", "air base", "airbase")
_INTERNATIONAL = re.compile(r"\s+international(?=\s)", re.IGNORECASE)
_MIN_STEM = 3
_IATA_BONUS, _INTERNATIONAL_BONUS = 0.6, 0.1
#: an airport takes the first-order region of the nearest city within this distance
_ADMIN1_KM = 60.0


def versions(package_dir: Callable[[str], Path | None]) -> dict[str, str | None]:
    """Return the installed version of each extra source (``None`` when missing)."""
    out: dict[str, str | None] = {}
    for dist, module in EXTRA_PACKAGES.items():
        try:
            version: str | None = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = None
        if version is not None and package_dir(module) is None:
            version = None
        out[dist] = version
    return out


def airport_names(name: str, city: str) -> tuple[str, list[str]]:
    """Return an airport's primary name and the other names news gives it.

    Parameters
    ----------
    name
        The airport's official name ("Bangui M'Poko International Airport").
    city
        The city it serves ("Bangui"; may be empty).

    Returns
    -------
    primary, others
        ``others`` holds the name without "International", and the stem of the
        name (also without a leading city: "London Heathrow" -> "Heathrow") and
        the city, each with every word for an airport ("Bangui airport", "Bangui
        M'Poko airfield", "Heathrow airport"). Names with no generic tail
        ("Lowell Field") only get the "International"-less form.

    """
    primary = " ".join(name.split())
    others: list[str] = []
    plain = _INTERNATIONAL.sub("", primary)
    if plain != primary:
        others.append(plain)
    stems: list[str] = []
    match = _AIRPORT_TAIL.search(primary)
    town = " ".join(city.split())
    if match:
        stem = primary[: match.start()].strip(" -,")
        stems.append(stem)
        if town and stem.casefold().startswith(town.casefold() + " "):
            stems.append(stem[len(town) :].strip(" -,"))  # "London Heathrow" -> "Heathrow"
        if town:
            stems.append(town)
    for stem in stems:
        if len(stem) < _MIN_STEM:
            continue
        others += [f"{stem} {word}" for word in _AIRPORT_WORDS]
    seen = {primary.casefold()}
    unique = []
    for other in others:
        if other.casefold() not in seen:
            seen.add(other.casefold())
            unique.append(other)
    return primary, unique


def read_airports(folder: Path) -> list[dict[str, Any]]:
    """Return the rows of ``airportsdata``'s ``airports.csv`` that have a point."""
    out: list[dict[str, Any]] = []
    with (folder / "airports.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or not row.get("name"):
                continue
            out.append({**row, "lat": lat, "lon": lon})
    return out


class _NearestCity:
    """The nearest populated place of a country to a point, by half-degree cells."""

    def __init__(self, rows: list[tuple[int, float, float, int]]) -> None:
        self.cells: dict[tuple[int, int, int], list[tuple[float, float, int]]] = defaultdict(list)
        for country, lat, lon, admin1 in rows:
            self.cells[(country, math.floor(lat * 2), math.floor(lon * 2))].append(
                (lat, lon, admin1)
            )

    def admin1(self, country: int, lat: float, lon: float) -> int:
        """Return the admin1 of the nearest place within :data:`_ADMIN1_KM`, or -1."""
        best, best_d2 = -1, (_ADMIN1_KM / 111.2) ** 2
        scale = math.cos(math.radians(lat)) ** 2
        ci, cj = math.floor(lat * 2), math.floor(lon * 2)
        for i in (ci - 1, ci, ci + 1):
            for j in (cj - 1, cj, cj + 1):
                for clat, clon, a1 in self.cells.get((country, i, j), ()):
                    d2 = (lat - clat) ** 2 + scale * (lon - clon) ** 2
                    if d2 < best_d2:
                        best, best_d2 = a1, d2
        return best


def add_sources(
    b: Any,
    cidx: dict[str, int],
    fcode_of: Callable[[str], int],
    package_dir: Callable[[str], Path | None],
    city_codes: frozenset[int],
) -> dict[str, int]:
    """Add the rows of every installed extra source to the index builder ``b``.

    Parameters
    ----------
    b
        The :class:`geomap.gazetteer._build._Builder` holding the rows so far.
    cidx
        Country code -> country index.
    fcode_of
        Feature code ("AIRP") -> its index in the ``fcode`` column.
    package_dir
        Finds a package's directory without importing it.
    city_codes
        The ``fcode`` values of populated places (their admin1 is lent to airports).

    Returns
    -------
    dict
        Rows added per feature code.

    """
    counts: dict[str, int] = {}
    folder = package_dir(EXTRA_PACKAGES["airportsdata"])
    if folder is None or not (folder / "airports.csv").exists():
        return counts
    cities = _NearestCity(
        [
            (b.country[r], b.lat[r], b.lon[r], b.admin1[r])
            for r in range(len(b.gid))
            if b.fcode[r] in city_codes and b.admin1[r] >= 0
        ]
    )
    codes = {code: fcode_of(code) for code in FEATURE_CLASSES}
    added: dict[str, int] = dict.fromkeys(FEATURE_CLASSES, 0)
    for row in read_airports(folder):
        country = cidx.get((row.get("country") or "").upper())
        if country is None:
            continue
        primary, others = airport_names(row["name"], row.get("city") or "")
        admin1 = cities.admin1(country, row["lat"], row["lon"])
        if row.get("iata"):
            code = "AIRP"
        else:
            code = "AIRB" if _AIR_BASE.search(primary) else "AIRF"
        r = b.add_row(-1, primary, row["lat"], row["lon"], 0, country, codes[code], admin1)
        # airports have no population: ones with an IATA code (scheduled flights) and
        # international ones first; every populated place of 2+ people still ranks higher
        b.bonus[r] = (_IATA_BONUS if row.get("iata") else 0.0) + (
            _INTERNATIONAL_BONUS if _INTERNATIONAL.search(primary + " ") else 0.0
        )
        b.add_name(primary, r, primary=True)
        for other in others:
            b.add_name(other, r, primary=False)
        added[code] += 1
    counts.update(added)
    return counts
