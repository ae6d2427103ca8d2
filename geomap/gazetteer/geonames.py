"""The embedded offline GeoNames gazetteer: cities, countries, regions and demonyms.

The index is built once from installed pip packages (see :mod:`geomap.gazetteer._build`)
into the data directory and loaded into compact arrays: a name lookup is a hash
and a binary search, with each name's places stored best first.
"""

from __future__ import annotations

import functools
import os
import threading
import time
import warnings
import zipfile
from bisect import bisect_left
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer import _build
from geomap.gazetteer._index_io import MappedArrays
from geomap.gazetteer._paths import full_index_path, index_path
from geomap.gazetteer.base import Gazetteer, normalize_name, register
from geomap.model import Place

_BUILD_LOCK = threading.Lock()
_PLACE_CACHE_SIZE = 65536
# names repeat a lot in news text; normalising is the costliest step of a lookup
_normalize = functools.lru_cache(maxsize=65536)(normalize_name)


def ensure_index(
    data_dir: str | os.PathLike[str] | None = None, *, force: bool = False, progress: bool = False
) -> Path:
    """Return the path of an up-to-date index, building it first when needed.

    The index is (re)built when it is missing, unreadable, or stamped with another
    schema version or other source package versions, or when ``force`` is true.

    Raises
    ------
    DataNotFoundError
        The index must be built but a source package is missing.
    GazetteerError
        The index could not be written.

    """
    path = index_path(data_dir)
    with _BUILD_LOCK:
        if not force and path.exists():
            if _build.stamp_matches(_build.read_meta(path), _build.source_versions()):
                return path
        _build.build_index(path, progress=progress)
    return path


@register("geonames")
class GeoNamesGazetteer(Gazetteer):
    """GeoNames cities (population >= 500), countries, first- and second-order regions.

    Parameters
    ----------
    data_dir
        Directory of the built index (default: ``$GEOMAP_DATA_DIR``, then the
        user data directory). The index is built there on first use.
    progress
        Show a progress bar if the index has to be built.

    Notes
    -----
    ``max_name_words`` is capped at 6: a handful of ceremonial names have more
    words (``index_info()["max_key_words"]`` gives the true maximum); they are
    still found by :meth:`lookup`, but an n-gram matcher bounded by
    ``max_name_words`` will not propose them.

    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        progress: bool = False,
        exports: bool = True,
    ) -> None:
        full = full_index_path(data_dir)
        if exports and full.exists():
            try:
                self._load(full)
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
                raise GazetteerError(
                    f"cannot load the index built from GeoNames exports {full}: {exc}. "
                    "Fix: build it again (`geomap gazetteer build --geonames FILE...`) or "
                    "remove it (`geomap gazetteer build --drop-geonames`)"
                ) from exc
            if self.meta.get("schema") == _build.SCHEMA_VERSION:
                self.path = full
                return
            warnings.warn(
                f"{full} was built by another version of geomap (index schema "
                f"{self.meta.get('schema')}, this one reads {_build.SCHEMA_VERSION}); using the "
                "embedded index. Build it again with `geomap gazetteer build --geonames FILE...`",
                stacklevel=2,
            )
        path = ensure_index(data_dir, progress=progress)
        try:
            self._load(path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            # corrupted after the stamp check (e.g. truncated body): rebuild once
            path = ensure_index(data_dir, force=True, progress=progress)
            try:
                self._load(path)
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc2:
                raise GazetteerError(f"cannot load the gazetteer index {path}: {exc2}") from exc
        self.path = path

    # ------------------------------------------------------------------ loading

    def _load(self, path: Path) -> None:
        started = time.perf_counter()
        mapped = MappedArrays(path)
        meta = mapped.meta()
        self.meta: dict[str, Any] = meta
        self._mapped = mapped  # keeps the memory map open
        self._gid = mapped["gid"]
        self._lat = mapped["lat"]
        self._lon = mapped["lon"]
        self._pop = mapped["pop"]
        self._country = mapped["country"]
        self._fcode = mapped["fcode"]
        self._admin1 = mapped["admin1"]
        self._names = mapped["name_blob"]
        self._name_off = mapped["name_off"]
        self._gid_sorted = mapped["gid_sorted"]
        self._gid_rows = mapped["gid_rows"]
        self._key_hash = mapped["key_hash"]
        self._keys = mapped["key_blob"]
        self._key_off = mapped["key_off"]
        self._post_off = mapped["post_off"]
        self._postings = mapped["postings"]
        if not (
            len(self._gid) == len(self._lat) == len(self._name_off) - 1
            and len(self._key_hash) == len(self._key_off) - 1 == len(self._post_off) - 1
        ):
            raise ValueError("inconsistent array lengths")
        codes = meta["feature_codes"]
        classes = meta.get("feature_classes")
        self._fcodes: list[str] = list(codes)
        self._fclass: list[str] = (
            list(classes)
            if classes
            else ["A" if c.startswith(("PCL", "ADM", "RGN")) else "P" for c in codes]
        )
        self._cc: list[str] = [cc for cc, _ in meta["countries"]]
        self._cnames: list[str] = [name for _, name in meta["countries"]]
        self._cc_index = {cc: i for i, cc in enumerate(self._cc)}
        self._a1: list[tuple[str, str, str]] = [tuple(t) for t in meta["admin1"]]
        self._country_rows: dict[str, int] = meta["country_rows"]
        self._admin1_rows: dict[str, int] = meta["admin1_rows"]
        self._demonyms: dict[str, int] = meta["demonyms"]
        self.max_name_words = min(int(meta["max_key_words"]), _build.MAX_NAME_WORDS_CAP)
        self._cache: dict[int, Place] = {}
        self.load_seconds = time.perf_counter() - started

    # ------------------------------------------------------------------ rows

    def _place(self, row: int) -> Place:
        place = self._cache.get(row)
        if place is not None:
            return place
        f = self._fcode[row]
        ci = self._country[row]
        a1 = self._admin1[row]
        gid = self._gid[row]
        if a1 >= 0:
            _, a1_code, a1_name = self._a1[a1]
            a1_name = a1_name or None
        else:
            a1_code, a1_name = "", None
        place = Place(
            geonameid=gid if gid >= 0 else None,
            name=str(self._names[self._name_off[row] : self._name_off[row + 1]], "utf-8"),
            latitude=self._lat[row],
            longitude=self._lon[row],
            country_code=self._cc[ci] if ci >= 0 else "",
            feature_class=self._fclass[f],
            feature_code=self._fcodes[f],
            population=self._pop[row],
            admin1_code=a1_code,
            admin1=a1_name,
            country=self._cnames[ci] if ci >= 0 else "",
        )
        if len(self._cache) >= _PLACE_CACHE_SIZE:
            self._cache.clear()
        self._cache[row] = place
        return place

    def _find(self, key: str) -> int:
        """Return the position of a normalised key in the key table, or -1."""
        if not key:
            return -1
        raw = key.encode("utf-8")
        h = _build.key_hash(key)
        hashes = self._key_hash
        i = bisect_left(hashes, h)
        n = len(hashes)
        while i < n and hashes[i] == h:
            if self._keys[self._key_off[i] : self._key_off[i + 1]] == raw:
                return i
            i += 1
        return -1

    # ------------------------------------------------------------------ API

    def lookup(
        self,
        name: str,
        *,
        country_code: str | None = None,
        feature_class: str | None = None,
        admin1_code: str | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """Return the places called ``name``, best first by prior importance.

        Countries come first, then the rest by a score of log10(population)
        plus a bonus when ``name`` is the place's primary name (and for national
        capitals). A first-order region scores like a place of a tenth of its
        population, clamped between a town of 50,000 and a city of 2 million, so
        "Texas" and "Ontario" give the region but "Aktobe" and "New York" the
        city; a second-order region like a village of 1,000 to 10,000. Ties are
        broken by population, then geonameid. A leading "the" is
        dropped when the full name is not indexed. See :meth:`Gazetteer.lookup`
        for the parameters.
        """
        key = _normalize(name)
        i = self._find(key)
        if i < 0 and key.startswith("the "):
            i = self._find(key[4:])  # "the Aktobe region", "the Gambia"
        if i < 0 or (limit is not None and limit <= 0):
            return []
        want_cc = -2
        if country_code is not None:
            want_cc = self._cc_index.get(country_code.upper(), -3)
        out: list[Place] = []
        postings = self._postings
        for p in range(self._post_off[i], self._post_off[i + 1]):
            row = postings[p]
            if want_cc != -2 and self._country[row] != want_cc:
                continue
            if feature_class is not None and self._fclass[self._fcode[row]] != feature_class:
                continue
            if admin1_code is not None:
                a1 = self._admin1[row]
                if a1 < 0 or self._a1[a1][1] != admin1_code:
                    continue
            out.append(self._place(row))
            if limit is not None and len(out) >= limit:
                break
        return out

    def get(self, geonameid: int) -> Place | None:
        """Return the place with this GeoNames id, or ``None``."""
        ids = self._gid_sorted
        i = bisect_left(ids, geonameid)
        if i < len(ids) and ids[i] == geonameid:
            return self._place(self._gid_rows[i])
        return None

    def source_row(self, geonameid: int) -> dict | None:
        """Return the source record an entry was built from (GeoNames via its package).

        Parameters
        ----------
        geonameid
            The entry's GeoNames id.

        Returns
        -------
        dict or None
            The record with a ``source`` key naming the package and file, or
            ``None`` for an unknown id or an uninstalled source package.

        """
        place = self.get(geonameid)
        if place is None:
            return None
        return _build.source_row(geonameid, place.feature_code)

    def has_key(self, key: str) -> bool:
        """Whether a normalised name (see :func:`normalize_name`) is indexed."""
        return self._find(key) >= 0

    def country(self, country_code: str) -> Place | None:
        """Return the country with this ISO alpha-2 code, or ``None``."""
        row = self._country_rows.get(country_code.upper())
        return None if row is None else self._place(row)

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the first-order region with these GeoNames codes ("KZ", "04"), or ``None``."""
        row = self._admin1_rows.get(f"{country_code.upper()}.{admin1_code}")
        return None if row is None else self._place(row)

    def demonym(self, word: str) -> Place | None:
        """Return the country a demonym or adjective refers to ("Kazakhstani"), or ``None``."""
        row = self._demonyms.get(_normalize(word))
        return None if row is None else self._place(row)

    def __len__(self) -> int:
        return len(self._gid)

    def __repr__(self) -> str:
        return f"GeoNamesGazetteer({len(self)} places, {len(self._key_hash)} names, {self.path})"
