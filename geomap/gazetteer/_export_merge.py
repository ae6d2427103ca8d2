"""Merge the chunk arrays of GeoNames exports (and the embedded index) into one index.

Everything here is numpy arrays, never a Python object per row or name: rows are
concatenated, names are sorted by their two hashes with ``lexsort``, duplicate
(name, place) pairs are dropped, and each name's places are ranked with the
embedded index's rule (countries first, then a population score plus a bonus for
a place's own name; other feature classes below villages, see
:func:`geomap.feature_priors.index_base`). The layout is the embedded index's, so
:class:`~geomap.gazetteer.geonames.GeoNamesGazetteer` reads both.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import zlib
from pathlib import Path
from typing import Any

from geomap import feature_priors
from geomap.errors import DataNotFoundError
from geomap.gazetteer import _build, _exports
from geomap.gazetteer._index_io import MappedArrays, write_atomic

#: ranking constants, as the embedded index has them (see ``_build``)
_PRIMARY_BONUS = _build._PRIMARY_BONUS
_CAPITAL_BONUS = _build._CAPITAL_BONUS
#: the log-population a populated place of unknown size (GeoNames' 0) ranks as
UNKNOWN_PLACE_BASE = 2.0
#: populated places that are sections, historical or abandoned rank lower by this
MINOR_PLACE_PENALTY = 1.0
_MINOR_PLACES = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH", "STLMT"})


def _gather(np: Any, blob: Any, starts: Any, lengths: Any) -> tuple[Any, Any]:
    """Concatenate ``blob[starts[i] : starts[i] + lengths[i]]``; return (bytes, offsets).

    Done in pieces of :data:`_GATHER_ITEMS` slices, so that the byte indices it needs
    (8 bytes per byte gathered) stay small whatever the size of the index.
    """
    lengths = lengths.astype(np.int64)
    off = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=off[1:])
    out = np.empty(int(off[-1]), dtype=np.uint8)
    for lo in range(0, len(lengths), _GATHER_ITEMS):
        hi = min(lo + _GATHER_ITEMS, len(lengths))
        a, b = int(off[lo]), int(off[hi])
        if a == b:
            continue
        local = off[lo:hi] - a
        idx = np.repeat(starts[lo:hi].astype(np.int64) - local, lengths[lo:hi])
        idx += np.arange(b - a, dtype=np.int64)
        out[a:b] = blob[idx]
    return out, off


#: slices gathered at a time by :func:`_gather`
_GATHER_ITEMS = 1 << 20


def _code_table(codes: list[tuple[str, str]], np: Any) -> dict[str, Any]:
    """Per feature code: tier, ranking kind and constant (vectorised in :func:`_ranking`)."""
    n = len(codes)
    tier = np.zeros(n, dtype=np.int8)
    kind = np.zeros(n, dtype=np.int8)  # 0 place, 1 country, 2 adm1, 3 adm2, 4 area, 5 other
    const = np.zeros(n, dtype=np.float64)
    for i, (cls, code) in enumerate(codes):
        if cls == "A" and code.startswith("PCL") and code != "PCLH":
            tier[i], kind[i] = 1, 1
        elif cls == "A" and code in ("ADM1", "RGN"):
            kind[i] = 2
        elif cls == "A" and code == "ADM2":
            kind[i] = 3
        elif cls == "A" or (cls == "L" and code in feature_priors.REGION_CODES):
            kind[i] = 4
        elif cls == "P":
            const[i] = _CAPITAL_BONUS if code == "PPLC" else 0.0
            if code in _MINOR_PLACES:
                const[i] = -MINOR_PLACE_PENALTY
        else:
            kind[i] = 5
            const[i] = feature_priors.index_base(cls, code) or 0.0
    return {"tier": tier, "kind": kind, "const": const}


def _ranking(np: Any, table: dict[str, Any], fcode: Any, pop: Any) -> tuple[Any, Any]:
    """Per row: (tier, base score) of the embedded index's ranking rule."""
    kind = table["kind"][fcode]
    const = table["const"][fcode]
    logp = np.log10(pop.astype(np.float64) + 1.0)
    base = np.where(pop > 0, logp, UNKNOWN_PLACE_BASE) + const  # places
    base = np.where(kind == 1, logp, base)
    base = np.where(kind == 2, np.clip(logp - 1.0, 4.7, 6.3), base)
    base = np.where(kind == 3, np.clip(logp, 3.0, 4.0), base)
    base = np.where(kind == 4, np.clip(logp, 2.0, 3.0), base)
    base = np.where(kind == 5, np.maximum(const, np.minimum(logp - 1.0, 3.0)), base)
    return table["tier"][fcode], base


def _embedded(data_dir: Any, mode: str) -> MappedArrays | None:
    from geomap.gazetteer.geonames import ensure_index

    try:
        return MappedArrays(ensure_index(data_dir))
    except DataNotFoundError:
        if mode == "extend":
            raise
        return None


def _file_info(src: _exports.Source, summaries: list[dict[str, Any]]) -> dict[str, Any]:
    stat = src.path.stat()
    classes: dict[str, int] = {}
    for s in summaries:
        for k, v in s.get("classes", {}).items():
            classes[k] = classes.get(k, 0) + v
    newest = max((s.get("newest", "") for s in summaries), default="")
    return {
        "file": src.path.name,
        "member": src.member,
        "kind": src.kind,
        "rows": sum(s["lines"] for s in summaries),
        "feature_classes": dict(sorted(classes.items())),
        "newest_modification": newest or None,
        "bytes": stat.st_size,
        "file_date": dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).strftime("%Y-%m-%d"),
        "path": str(src.path.resolve()),
    }


def merge(  # noqa: C901, PLR0912, PLR0915 - one pass over the arrays, step by step
    data: list[_exports.Source],
    chunks: list[list[Path]],
    tables: dict[str, list[list[str]]],
    *,
    root: Path,
    mode: str,
    data_dir: str | os.PathLike[str] | None,
    progress: bool = False,
) -> dict[str, Any]:
    """Merge the chunk files into the arrays of an index; returns its meta with ``_arrays``."""
    import numpy as np

    emb = _embedded(data_dir, mode)
    emb_meta = emb.meta() if emb is not None else None
    extend = mode == "extend" and emb is not None

    # ---- tables: countries, feature codes, first-order regions
    countries: list[list[str]] = [list(c) for c in (emb_meta or {}).get("countries", [])]
    cc_index = {cc: i for i, (cc, _) in enumerate(countries)}
    info_names = {row[0]: row[4] for row in tables.get("countries", [])}
    for cc, name in info_names.items():
        if cc not in cc_index:
            cc_index[cc] = len(countries)
            countries.append([cc, name])
    codes: list[tuple[str, str]] = []
    code_index: dict[tuple[str, str], int] = {}
    if extend:
        for code in emb_meta["feature_codes"]:
            cls = "A" if code.startswith(("PCL", "ADM", "RGN")) else "P"
            code_index.setdefault((cls, code), len(codes))
            codes.append((cls, code))
    admin1: list[list[str]] = [list(t) for t in (emb_meta or {}).get("admin1", [])]
    a1_index: dict[tuple[str, str], int] = {}
    for i, (cc, code, _) in enumerate(admin1):
        a1_index.setdefault((cc, code), i)
    for row in tables.get("admin1", []):
        cc, _, code = row[0].partition(".")
        if (cc, code) not in a1_index:
            a1_index[(cc, code)] = len(admin1)
            admin1.append([cc, code, row[1]])
        elif not admin1[a1_index[(cc, code)]][2]:
            admin1[a1_index[(cc, code)]][2] = row[1]

    # ---- export rows
    cols: dict[str, list[Any]] = {k: [] for k in ("gid", "lat", "lon", "pop", "cc", "code", "a1")}
    name_blobs: list[Any] = []
    name_lens: list[Any] = []
    post: dict[str, list[Any]] = {k: [] for k in ("h1", "h2", "row", "prim", "kstart", "klen")}
    alt: dict[str, list[Any]] = {k: [] for k in ("h1", "h2", "gid", "kstart", "klen")}
    key_blobs: list[Any] = []
    key_base = 0
    if extend:
        blob = emb.numpy("key_blob")
        key_blobs.append(blob)
        key_base = len(blob)
    files_info: list[dict[str, Any]] = []
    max_words = int((emb_meta or {}).get("max_key_words", 1)) if extend else 1
    n_export = 0
    for src, files in zip(data, chunks, strict=True):
        summaries = []
        for file in files:
            with np.load(file, allow_pickle=False) as npz:
                c = {name: npz[name] for name in npz.files}
            s = _json(c.pop("summary"))
            summaries.append(s)
            max_words = max(max_words, int(s.get("max_words", 1)))
            key_off = c["key_off"]
            kstart = key_off[:-1] + key_base
            klen = np.diff(key_off)
            key_blobs.append(c["key_blob"])
            key_base += len(c["key_blob"])
            if s["kind"] == "geoname":
                cc_list_chunk = []
                for cc in s["countries"]:
                    if cc and cc not in cc_index:
                        cc_index[cc] = len(countries)
                        countries.append([cc, info_names.get(cc, cc)])
                    cc_list_chunk.append(cc_index[cc] if cc else -1)
                cc_map = np.asarray(cc_list_chunk or [0], dtype=np.int32)
                code_map = []
                for full in s["codes"]:
                    cls, _, code = full.partition(".")
                    code_map.append(code_index.setdefault((cls, code), len(codes)))
                    if len(codes) < len(code_index):
                        codes.append((cls, code))
                a1_map = []
                for cc, code in s["admin1"]:
                    if (cc, code) not in a1_index:
                        a1_index[(cc, code)] = len(admin1)
                        admin1.append([cc, code, ""])
                    a1_map.append(a1_index[(cc, code)])
                a1_arr = np.asarray(a1_map or [0], dtype=np.int32)
                cols["gid"].append(c["gid"])
                cols["lat"].append(c["lat"])
                cols["lon"].append(c["lon"])
                cols["pop"].append(c["pop"])
                cols["cc"].append(cc_map[c["cc"]] if len(c["cc"]) else c["cc"])
                cols["code"].append(np.asarray(code_map or [0], dtype=np.int32)[c["code"]])
                cols["a1"].append(np.where(c["a1"] >= 0, a1_arr[np.maximum(c["a1"], 0)], -1))
                name_blobs.append(c["name_blob"])
                name_lens.append(np.diff(c["name_off"]))
                post["row"].append(c["owner"] + n_export)
                post["prim"].append(c["primary"])
                post["h1"].append(c["h1"])
                post["h2"].append(c["h2"])
                post["kstart"].append(kstart)
                post["klen"].append(klen)
                n_export += len(c["gid"])
            else:
                alt["gid"].append(c["owner"])
                alt["h1"].append(c["h1"])
                alt["h2"].append(c["h2"])
                alt["kstart"].append(kstart)
                alt["klen"].append(klen)
        files_info.append(_file_info(src, summaries))

    def cat(parts: list[Any], dtype: Any) -> Any:
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)

    e_gid = cat(cols["gid"], np.int64)
    e_lat, e_lon = cat(cols["lat"], np.float64), cat(cols["lon"], np.float64)
    e_pop = cat(cols["pop"], np.int64)
    e_cc, e_code, e_a1 = (
        cat(cols["cc"], np.int16),
        cat(cols["code"], np.uint16),
        cat(cols["a1"], np.int32),
    )
    e_nlen = cat(name_lens, np.int64)
    e_nblob = cat(name_blobs, np.uint8)
    del cols, name_blobs, name_lens  # the chunk arrays, now concatenated
    e_nstart = np.zeros(len(e_nlen), dtype=np.int64)
    if len(e_nlen):
        np.cumsum(e_nlen[:-1], out=e_nstart[1:])

    # ---- one row per GeoNames id; ids the embedded index has keep its row, moved to
    # GeoNames' own point
    uniq, first, inverse = np.unique(e_gid, return_index=True, return_inverse=True)
    canon = first[inverse]
    if extend:
        n_emb = len(emb["gid"])
        emb_sorted = emb.numpy("gid_sorted").astype(np.int64)
        emb_rows = emb.numpy("gid_rows").astype(np.int64)
        pos = np.searchsorted(emb_sorted, uniq)
        pos_c = np.minimum(pos, max(len(emb_sorted) - 1, 0))
        hit = (pos < len(emb_sorted)) & (emb_sorted[pos_c] == uniq) if len(emb_sorted) else pos < 0
        gid = emb.numpy("gid").astype(np.int64)
        lat = emb.numpy("lat").astype(np.float64)
        lon = emb.numpy("lon").astype(np.float64)
        pop = emb.numpy("pop").astype(np.int64)
        country = emb.numpy("country").astype(np.int16)
        fcode = emb.numpy("fcode").astype(np.uint16)
        a1 = emb.numpy("admin1").astype(np.int32)
        same = np.isin(gid, uniq[hit])
        if same.any():
            where = np.searchsorted(uniq, gid[same])
            lat[same] = e_lat[first[where]]
            lon[same] = e_lon[first[where]]
        name_off = emb.numpy("name_off").astype(np.int64)
        n_blob0 = emb.numpy("name_blob")
    else:
        n_emb = 0
        hit = np.zeros(len(uniq), dtype=bool)
        emb_rows = pos_c = np.zeros(0, dtype=np.int64)
        gid = lat = lon = np.zeros(0)
        pop = np.zeros(0, dtype=np.int64)
        country, fcode, a1 = np.zeros(0, np.int16), np.zeros(0, np.uint16), np.zeros(0, np.int32)
        name_off = np.zeros(1, dtype=np.int64)
        n_blob0 = np.zeros(0, dtype=np.uint8)
    new_first = first[~hit]
    final_of_uniq = np.empty(len(uniq), dtype=np.int64)
    if hit.any():
        final_of_uniq[hit] = emb_rows[pos_c[hit]]
    final_of_uniq[~hit] = n_emb + np.arange(len(new_first))
    final_of_export = final_of_uniq[inverse]
    gid = np.concatenate([gid.astype(np.int64), e_gid[new_first]])
    lat = np.concatenate([lat, e_lat[new_first]])
    lon = np.concatenate([lon, e_lon[new_first]])
    pop = np.concatenate([pop, e_pop[new_first]])
    country = np.concatenate([country, e_cc[new_first]])
    fcode = np.concatenate([fcode, e_code[new_first]])
    a1 = np.concatenate([a1, e_a1[new_first]])
    nb, no = _gather(np, e_nblob, e_nstart[new_first], e_nlen[new_first])
    name_blob = np.concatenate([n_blob0, nb])
    name_off = np.concatenate([name_off, no[1:] + name_off[-1]])
    n = len(gid)
    del canon

    # ---- names: embedded postings, export names, alternate names
    h1s, h2s, rows, prims, kstarts, klens = [], [], [], [], [], []
    if extend:
        ekh = emb.numpy("key_hash")
        eko = emb.numpy("key_off").astype(np.int64)
        counts = np.diff(emb.numpy("post_off").astype(np.int64))
        blob = emb["key_blob"]
        crc = np.fromiter(
            (zlib.crc32(blob[eko[i] : eko[i + 1]]) for i in range(len(ekh))),
            dtype=np.uint32,
            count=len(ekh),
        )
        h1s.append(np.repeat(ekh, counts))
        h2s.append(np.repeat(crc, counts))
        rows.append(emb.numpy("postings").astype(np.int64))
        prims.append(emb.numpy("post_primary"))
        kstarts.append(np.repeat(eko[:-1], counts))
        klens.append(np.repeat(np.diff(eko), counts))
    if post["row"]:
        rows.append(final_of_export[np.concatenate(post["row"])])
        prims.append(np.concatenate(post["prim"]))
        for target, name in ((h1s, "h1"), (h2s, "h2"), (kstarts, "kstart"), (klens, "klen")):
            target.append(np.concatenate(post[name]))
    order = np.argsort(gid, kind="stable")
    sorted_gids = gid[order]
    if alt["gid"]:
        agid = np.concatenate(alt["gid"])
        at = np.minimum(np.searchsorted(sorted_gids, agid), max(n - 1, 0))
        ok = sorted_gids[at] == agid
        rows.append(order[at[ok]])
        prims.append(np.zeros(int(ok.sum()), dtype=np.uint8))
        for target, name in ((h1s, "h1"), (h2s, "h2"), (kstarts, "kstart"), (klens, "klen")):
            target.append(np.concatenate(alt[name])[ok])
    h1 = np.concatenate(h1s).astype(np.uint64, copy=False)
    h2 = np.concatenate(h2s).astype(np.uint32, copy=False)
    row = np.concatenate(rows).astype(np.int64, copy=False)
    prim = np.concatenate(prims).astype(np.int8, copy=False)
    kstart = np.concatenate(kstarts).astype(np.int64, copy=False)
    klen = np.concatenate(klens).astype(np.int64, copy=False)
    del h1s, h2s, rows, prims, kstarts, klens, post, alt
    key_blob_all = np.concatenate(key_blobs) if key_blobs else np.zeros(0, np.uint8)
    del key_blobs

    # drop repeated (name, place) pairs, keeping "own name" when either says so
    o = np.lexsort((-prim, row, h2, h1))
    h1, h2, row, prim, kstart, klen = h1[o], h2[o], row[o], prim[o], kstart[o], klen[o]
    keep = np.ones(len(h1), dtype=bool)
    keep[1:] = (h1[1:] != h1[:-1]) | (h2[1:] != h2[:-1]) | (row[1:] != row[:-1])
    h1, h2, row, prim, kstart, klen = (
        h1[keep],
        h2[keep],
        row[keep],
        prim[keep],
        kstart[keep],
        klen[keep],
    )
    del o, keep

    # rank each name's places
    table = _code_table(codes, np)
    tier, base = _ranking(np, table, fcode, pop)
    score = np.round(base[row] + _PRIMARY_BONUS * prim, 6)
    gidkey = np.where(gid >= 0, gid, 1 << 62)[row]
    o = np.lexsort((row, gidkey, -pop[row], -score, -tier[row].astype(np.int64), h2, h1))
    h1, h2, row, kstart, klen = h1[o], h2[o], row[o], kstart[o], klen[o]
    del o, score, gidkey
    new_key = np.ones(len(h1), dtype=bool)
    new_key[1:] = (h1[1:] != h1[:-1]) | (h2[1:] != h2[:-1])
    starts = np.flatnonzero(new_key)
    key_blob, key_off = _gather(np, key_blob_all, kstart[starts], klen[starts])
    post_off = np.append(starts, len(h1)).astype(np.int64)
    del key_blob_all

    keep_gid = np.ones(n, dtype=bool)
    keep_gid[1:] = sorted_gids[1:] != sorted_gids[:-1]
    keep_gid &= sorted_gids >= 0

    # ---- countries, first-order regions, demonyms
    classes = [cls for cls, _ in codes]
    plain = [code for _, code in codes]
    country_rows: dict[str, int] = dict(emb_meta["country_rows"]) if extend else {}
    admin1_rows: dict[str, int] = dict(emb_meta["admin1_rows"]) if extend else {}
    cc_list = [cc for cc, _ in countries]
    is_pcli = np.asarray([c == ("A", "PCLI") for c in codes] or [False])
    is_country = table["kind"] == 1
    for r in np.flatnonzero(is_country[fcode]) if len(codes) else []:
        cc = cc_list[country[r]] if country[r] >= 0 else ""
        if cc and (cc not in country_rows or (not extend and is_pcli[fcode[r]])):
            country_rows[cc] = int(r)
    is_adm1 = np.asarray([c == ("A", "ADM1") for c in codes] or [False])
    for r in np.flatnonzero(is_adm1[fcode]) if len(codes) else []:
        if a1[r] < 0:
            continue
        cc, code, name = admin1[a1[r]]
        admin1_rows.setdefault(f"{cc}.{code}", int(r))
        if not name:
            admin1[a1[r]][2] = str(name_blob[name_off[r] : name_off[r + 1]].tobytes(), "utf-8")
    demonyms: dict[str, int] = {}
    if emb_meta is not None:
        emb_gid = emb.numpy("gid")
        for word, r in emb_meta["demonyms"].items():
            if extend:
                demonyms[word] = r
                continue
            g = int(emb_gid[r])
            at = int(np.searchsorted(sorted_gids, g))
            if at < n and sorted_gids[at] == g:
                demonyms[word] = int(order[at])

    counts = {
        "rows": n,
        "keys": len(starts),
        "postings": len(h1),
        "countries": len(country_rows),
        "adm1": len(admin1_rows),
        "by_feature_class": {},
        "demonyms": len(demonyms),
    }
    cls_arr = np.asarray([ord(c[0]) if c else ord("?") for c in classes] or [63], dtype=np.int32)
    row_cls = cls_arr[fcode] if n else np.zeros(0, np.int32)
    for value, count in zip(*np.unique(row_cls, return_counts=True), strict=True):
        counts["by_feature_class"][chr(int(value))] = int(count)
    arrays = {
        "gid": gid.astype(np.int64),
        "lat": lat,
        "lon": lon,
        "pop": pop,
        "country": country,
        "fcode": fcode,
        "admin1": a1,
        "name_blob": name_blob,
        "name_off": name_off,
        "gid_sorted": sorted_gids[keep_gid],
        "gid_rows": order[keep_gid].astype(np.int32),
        "key_hash": h1[starts],
        "key_off": key_off,
        "key_blob": key_blob,
        "post_off": post_off,
        "postings": row.astype(np.int32),
    }
    return {
        "schema": _build.SCHEMA_VERSION,
        "kind": "geonames-exports",
        "mode": "extend" if extend else "replace",
        "sources": dict(emb_meta.get("sources", {})) if extend else {},
        "embedded": (
            {"sources": emb_meta.get("sources"), "built_at": emb_meta.get("built_at")}
            if extend
            else None
        ),
        "exports": files_info,
        "tables": sorted(tables),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "counts": counts,
        "feature_codes": plain,
        "feature_classes": classes,
        "countries": countries,
        "admin1": admin1,
        "country_rows": country_rows,
        "admin1_rows": admin1_rows,
        "demonyms": demonyms,
        "max_key_words": max_words,
        "_arrays": arrays,
    }


def _json(raw: Any) -> dict[str, Any]:
    import json

    return json.loads(raw.tobytes().decode("utf-8"))


def write(path: Path, meta: dict[str, Any]) -> None:
    """Write the merged arrays and their meta atomically to ``path``."""
    import json

    import numpy as np

    arrays = meta.pop("_arrays")
    arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8)
    write_atomic(path, arrays, np)
