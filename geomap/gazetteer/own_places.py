"""Your own places: camps, checkpoints, neighbourhoods, districts that GeoNames lacks.

A places file is CSV (columns ``name``, ``alternate_names`` separated by ``|``,
``lat``, ``lon``, ``kind``, ``country`` as ISO alpha-2, and optionally
``population``; a place without one counts as a town of
:data:`OWN_PLACE_POPULATION`), GeoJSON or GeoPackage
(the same properties, and a geometry: a polygon is placed at its representative
point). :class:`OwnPlacesGazetteer` holds them; :class:`LayeredGazetteer` puts
them in front of another gazetteer: a name that is one of your places gives your
places only, every other name goes to the gazetteer behind. Each place carries
``source="own places: FILE"``, which resolution shows in ``Mention.why``.

Every row is checked when the file is read, before any document is: a bad row is
an :class:`~geomap.errors.InputError` naming the file and the line (CSV) or the
feature (GeoJSON, GeoPackage).
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geomap.errors import InputError, InputNotFoundError
from geomap.gazetteer.base import Gazetteer, normalize_name, register
from geomap.model import Place

#: a place's ``kind`` -> GeoNames feature class and code (other kinds: ``L.LCTY``)
KIND_CODES: dict[str, tuple[str, str]] = {
    "city": ("P", "PPL"),
    "town": ("P", "PPL"),
    "village": ("P", "PPL"),
    "settlement": ("P", "PPL"),
    "hamlet": ("P", "PPL"),
    "neighbourhood": ("P", "PPLX"),
    "neighborhood": ("P", "PPLX"),
    "quarter": ("P", "PPLX"),
    "suburb": ("P", "PPLX"),
    "district": ("A", "ADM2"),
    "county": ("A", "ADM2"),
    "subdistrict": ("A", "ADM3"),
    "province": ("A", "ADM1"),
    "region": ("A", "ADM1"),
    "state": ("A", "ADM1"),
    "camp": ("S", "CMPRF"),
    "refugee camp": ("S", "CMPRF"),
    "idp camp": ("S", "CMPRF"),
    "checkpoint": ("S", "PSTB"),
    "border crossing": ("S", "PSTB"),
    "airport": ("S", "AIRP"),
    "base": ("S", "MILB"),
    "prison": ("S", "PRN"),
    "hospital": ("S", "HSP"),
    "market": ("S", "MKT"),
    "mine": ("S", "MN"),
    "school": ("S", "SCH"),
    "bridge": ("S", "BDG"),
    "square": ("S", "SQR"),
    "river": ("H", "STM"),
    "lake": ("H", "LK"),
    "mountain": ("T", "MT"),
    "island": ("T", "ISL"),
}
COLUMNS = ("name", "alternate_names", "lat", "lon", "kind", "country", "population")
#: the population an own place counts as when the file gives none: recognition and
#: ranking treat it like a town of this size (you listed it because it matters)
OWN_PLACE_POPULATION = 10_000
REQUIRED = ("name", "lat", "lon")


def _point(lat: Any, lon: Any, where: str, path: str, line: int | None) -> tuple[float, float]:
    try:
        y, x = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InputError(
            f"{where}lat/lon must be numbers, not {lat!r}, {lon!r}", path=path, line=line
        ) from None
    if not (math.isfinite(y) and math.isfinite(x) and -90 <= y <= 90 and -180 <= x <= 180):
        raise InputError(f"{where}lat/lon out of range: {y}, {x}", path=path, line=line)
    return y, x


def _place(
    record: dict[str, Any], lat: float, lon: float, path: Path, where: str, line: int | None
) -> tuple[Place, list[str]]:
    name = str(record.get("name") or "").strip()
    if not name:
        raise InputError(f"{where}empty name", path=str(path), line=line)
    country = str(record.get("country") or "").strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise InputError(
            f'{where}country must be an ISO alpha-2 code ("UA"), not {country!r}',
            path=str(path),
            line=line,
        )
    kind = " ".join(str(record.get("kind") or "").strip().lower().split())
    fclass, fcode = KIND_CODES.get(kind, ("L", "LCTY"))
    raw_pop = record.get("population")
    population = OWN_PLACE_POPULATION
    if raw_pop not in (None, ""):
        try:
            population = int(float(raw_pop))
        except (TypeError, ValueError):
            raise InputError(
                f"{where}population must be a number, not {raw_pop!r}", path=str(path), line=line
            ) from None
        if population < 0:
            raise InputError(f"{where}negative population", path=str(path), line=line)
    raw_alts = record.get("alternate_names") or ""
    if isinstance(raw_alts, list):
        alts = [str(a).strip() for a in raw_alts]
    else:
        alts = [a.strip() for a in str(raw_alts).split("|")]
    place = Place(
        geonameid=None,
        name=name,
        latitude=round(lat, 6),
        longitude=round(lon, 6),
        country_code=country,
        feature_class=fclass,
        feature_code=fcode,
        population=population,
        source=f"own places: {path.name}",
    )
    return place, [a for a in alts if a]


def _read_csv(path: Path) -> list[tuple[Place, list[str]]]:
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}; a places CSV has the columns "
                + ", ".join(COLUMNS),
                path=str(path),
                line=1,
            )
        reader.fieldnames = header
        for record in reader:
            line = reader.line_num
            if None in record:
                raise InputError("more fields than columns", path=str(path), line=line)
            lat, lon = _point(record.get("lat"), record.get("lon"), "", str(path), line)
            out.append(_place(record, lat, lon, path, "", line))
    return out


def _geometry_point(geom: Any, where: str, path: Path) -> tuple[float, float]:
    from shapely.geometry import shape

    try:
        shp = geom if hasattr(geom, "geom_type") else shape(geom)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(f"{where}bad geometry: {exc}", path=str(path)) from None
    if shp is None or shp.is_empty:
        raise InputError(f"{where}empty geometry", path=str(path))
    point = shp if shp.geom_type == "Point" else shp.representative_point()
    return _point(point.y, point.x, where, str(path), None)


def _read_geojson(path: Path) -> list[tuple[Place, list[str]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid GeoJSON: {exc}", path=str(path)) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError("not a GeoJSON FeatureCollection", path=str(path))
    out = []
    for i, feature in enumerate(features, 1):
        where = f"feature {i}: "
        props = (feature or {}).get("properties") or {}
        geom = (feature or {}).get("geometry")
        if not geom:
            raise InputError(f"{where}no geometry", path=str(path))
        lat, lon = _geometry_point(geom, where, path)
        out.append(_place(props, lat, lon, path, where, None))
    return out


def _read_gpkg(path: Path) -> list[tuple[Place, list[str]]]:
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 - pyogrio raises its own error types
        raise InputError(f"cannot read the GeoPackage: {exc}", path=str(path)) from None
    if "name" not in frame.columns:
        raise InputError("no 'name' column", path=str(path))
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    out = []
    for i, (_, row) in enumerate(frame.iterrows(), 1):
        where = f"feature {i}: "
        record = {c: (None if _missing(row.get(c)) else row.get(c)) for c in COLUMNS}
        if row.geometry is None:
            raise InputError(f"{where}no geometry", path=str(path))
        lat, lon = _geometry_point(row.geometry, where, path)
        out.append(_place(record, lat, lon, path, where, None))
    return out


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def read_places(path: str | os.PathLike[str]) -> list[tuple[Place, list[str]]]:
    """Read a places file; return each place with its alternate names.

    Raises
    ------
    InputNotFoundError
        The file does not exist.
    InputError
        The format is unknown or a row is bad (file and line or feature named).

    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError("no such places file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".geojson", ".json"):
        return _read_geojson(path)
    if suffix == ".gpkg":
        return _read_gpkg(path)
    raise InputError("a places file is .csv, .geojson or .gpkg", path=str(path))


@register("own-places")
class OwnPlacesGazetteer(Gazetteer):
    """The places of one or more places files, looked up by name and alternate names.

    Parameters
    ----------
    paths
        Places files (CSV, GeoJSON, GeoPackage); see :func:`read_places`. None: an
        empty gazetteer.

    """

    def __init__(
        self, paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = ()
    ) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [Path(p) for p in paths]
        self._keys: dict[str, list[Place]] = {}
        self.places: list[Place] = []
        words = 1
        for path in self.paths:
            for place, alts in read_places(path):
                self.places.append(place)
                for name in (place.name, *alts):
                    key = normalize_name(name)
                    if not key:
                        continue
                    entries = self._keys.setdefault(key, [])
                    if place not in entries:
                        entries.append(place)
                    words = max(words, key.count(" ") + 1)
        self.max_name_words = words

    def lookup(
        self,
        name: str,
        *,
        country_code: str | None = None,
        feature_class: str | None = None,
        admin1_code: str | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """Return your places called ``name`` (see :meth:`Gazetteer.lookup`)."""
        key = normalize_name(name)
        found = self._keys.get(key)
        if found is None and key.startswith("the "):
            found = self._keys.get(key[4:])
        out = [
            p
            for p in found or ()
            if (country_code is None or p.country_code == country_code.upper())
            and (feature_class is None or p.feature_class == feature_class)
            and (admin1_code is None or p.admin1_code == admin1_code)
        ]
        return out if limit is None else out[: max(limit, 0)]

    def get(self, geonameid: int) -> Place | None:
        """Your places have no GeoNames ids: always ``None``."""
        return None

    def has_key(self, key: str) -> bool:
        """Whether a normalised name is one of your places' names."""
        return key in self._keys

    def __len__(self) -> int:
        return len(self.places)


@register("layered")
class LayeredGazetteer(Gazetteer):
    """Your places in front of another gazetteer.

    A name of one of your places gives your places alone (they take precedence);
    any other name, ids, countries, regions and demonyms come from ``base``.

    Parameters
    ----------
    own
        Your places (an :class:`OwnPlacesGazetteer`, or places files for one; none
        by default).
    base
        The gazetteer behind them (the embedded GeoNames one by default).

    """

    def __init__(
        self,
        own: OwnPlacesGazetteer
        | str
        | os.PathLike[str]
        | Iterable[str | os.PathLike[str]]
        | None = None,
        base: Gazetteer | None = None,
    ) -> None:
        if own is None:
            own = OwnPlacesGazetteer()
        elif not isinstance(own, OwnPlacesGazetteer):
            own = OwnPlacesGazetteer(own if isinstance(own, (str, os.PathLike)) else list(own))
        if base is None:
            from geomap.gazetteer import load_gazetteer

            base = load_gazetteer()
        self.own = own
        self.base = base
        self.max_name_words = max(own.max_name_words, base.max_name_words)

    def lookup(
        self,
        name: str,
        *,
        country_code: str | None = None,
        feature_class: str | None = None,
        admin1_code: str | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """Your places called ``name`` if there are any, else the base gazetteer's."""
        key = normalize_name(name)
        if self.own.has_key(key) or (key.startswith("the ") and self.own.has_key(key[4:])):
            return self.own.lookup(
                name,
                country_code=country_code,
                feature_class=feature_class,
                admin1_code=admin1_code,
                limit=limit,
            )
        return self.base.lookup(
            name,
            country_code=country_code,
            feature_class=feature_class,
            admin1_code=admin1_code,
            limit=limit,
        )

    def get(self, geonameid: int) -> Place | None:
        """Return the base gazetteer's place with this id."""
        return self.base.get(geonameid)

    def has_key(self, key: str) -> bool:
        """Whether either layer has the normalised name."""
        return self.own.has_key(key) or self.base.has_key(key)

    def country(self, country_code: str) -> Place | None:
        """Return the base gazetteer's country."""
        return self.base.country(country_code)

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the base gazetteer's first-order region."""
        return self.base.admin1(country_code, admin1_code)

    def demonym(self, word: str) -> Place | None:
        """Return the base gazetteer's country for a demonym."""
        return self.base.demonym(word)

    @property
    def data_dir(self) -> Any:
        """The base gazetteer's data directory, if it has one (for worker processes)."""
        return getattr(self.base, "data_dir", None)
