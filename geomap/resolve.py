"""Toponym resolution: choose one gazetteer place for each mention, or "no match".

Candidates come from the gazetteer; each is scored with evidence that is known
to work for news text, and every resolved mention keeps a short explanation
(``Mention.why``) of the score that won:

- ``prior``: feature type and population (a country or region named by its own
  name, a capital, a large city);
- ``focus``: the document's country focus (the country most of its other
  mentions point to);
- ``cluster``: closeness to the other places of the document (same first-order
  region, or within 300 km);
- ``qualifier``: an explicit qualifier right after the name ("Tripoli, Lebanon");
- ``seat``: a large city named like the region that holds it ("Almaty", "Idlib")
  is meant more often than the region.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Mention, Place

#: candidates considered per mention
MAX_CANDIDATES = 40
#: a city at least this large wins over the region of the same name that holds it
SEAT_POPULATION = 50_000
#: distance under which two places count as one cluster (km)
CLUSTER_KM = 300.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def candidates(mention: Mention, gazetteer: Gazetteer) -> list[Place]:
    """Return the gazetteer places a mention could refer to, best prior first."""
    if mention.kind == "demonym":
        country = gazetteer.demonym(mention.name)
        return [country] if country else []
    if mention.kind == "region":
        return _region_candidates(mention.name, gazetteer)
    return gazetteer.lookup(mention.name, limit=MAX_CANDIDATES)


def _region_candidates(name: str, gazetteer: Gazetteer) -> list[Place]:
    areas = gazetteer.lookup(name, feature_class="A", limit=MAX_CANDIDATES)
    if areas:
        return areas
    base = name.rsplit(" ", 1)[0]
    out: list[Place] = []
    for place in gazetteer.lookup(base, limit=10):
        if place.is_area:
            out.append(place)
            continue
        # "Alma-Ata region": the region named after the city, in its country
        for guess in (f"{place.name} region", place.name):
            regions = gazetteer.lookup(guess, feature_class="A", country_code=place.country_code)
            regions = [r for r in regions if r.feature_code.startswith("ADM")]
            if regions:
                out.extend(regions)
                break
    seen: set[int | None] = set()
    return [p for p in out if not (p.geonameid in seen or seen.add(p.geonameid))]


def prior(place: Place, mention: Mention) -> float:
    """Score a candidate by its kind and size alone, in about [0, 1.2]."""
    primary = normalize_name(place.name) == normalize_name(mention.name)
    if place.feature_code.startswith("PCL"):
        score = 1.0 if primary or mention.kind == "demonym" else 0.8
    elif place.is_area:
        score = 0.75 + min(place.population, 10_000_000) / 1e8
        if mention.kind == "region":
            score += 0.3
    else:
        score = 0.8 * math.log10(place.population + 1) / 7.0
        if place.feature_code == "PPLC":
            score += 0.2
        if mention.kind == "region":
            score -= 0.5
    return score + (0.1 if primary else 0.0)


def _qualifier(doc: Document, index: int, resolved_tops: list[Place | None]) -> Place | None:
    """Return the area named right after mention ``index`` ("Paris, Texas"), if any."""
    mentions = doc.mentions
    if index + 1 >= len(mentions):
        return None
    here, after = mentions[index], mentions[index + 1]
    between = doc.text[here.end : after.start]
    top = resolved_tops[index + 1]
    if between.strip() == "," and top is not None and top.is_area:
        return top
    return None


def resolve(doc: Document, gazetteer: Gazetteer) -> Document:
    """Return ``doc`` with every mention resolved to a place or to no match."""
    mentions = doc.mentions
    if not mentions:
        return doc
    options = [candidates(m, gazetteer) for m in mentions]
    tops = [
        max(opts, key=lambda p, m=m: prior(p, m)) if opts else None
        for opts, m in zip(options, mentions, strict=True)
    ]
    votes: Counter[str] = Counter()
    for place, mention in zip(tops, mentions, strict=True):
        if place is not None and place.country_code:
            votes[place.country_code] += 0.5 if mention.kind == "demonym" else 1.0
    total = sum(votes.values()) or 1.0

    resolved: list[Mention] = []
    for index, (mention, opts) in enumerate(zip(mentions, options, strict=True)):
        if not opts:
            resolved.append(dataclasses.replace(mention, place=None, score=0.0, why="no candidate"))
            continue
        qualifier = _qualifier(doc, index, tops)
        others = [p for k, p in enumerate(tops) if k != index and p is not None]
        scored = []
        for place in opts:
            parts = {"prior": prior(place, mention)}
            share = votes.get(place.country_code, 0.0) / total
            own = (
                1.0
                if tops[index] is not None and tops[index].country_code == place.country_code
                else 0.0
            )
            share = max(0.0, (votes.get(place.country_code, 0.0) - own) / total) if own else share
            parts["focus"] = 0.35 * share
            near = any(
                (
                    p.country_code == place.country_code
                    and p.admin1_code
                    and p.admin1_code == place.admin1_code
                )
                or haversine_km(p.latitude, p.longitude, place.latitude, place.longitude)
                < CLUSTER_KM
                for p in others
                if p is not place and not p.feature_code.startswith("PCL")
            )
            parts["cluster"] = 0.15 if near and not place.is_area else 0.0
            if (
                mention.kind == "place"
                and not place.is_area
                and place.population >= SEAT_POPULATION
            ):
                # "Almaty", "Idlib", "Kandahar": the city rather than the region named after it
                if any(
                    a.is_area
                    and not a.feature_code.startswith("PCL")
                    and a.country_code == place.country_code
                    and a.admin1_code == place.admin1_code
                    for a in opts
                ):
                    parts["seat"] = 0.4
            if qualifier is not None:
                inside = place.country_code == qualifier.country_code and (
                    qualifier.feature_code.startswith("PCL")
                    or place.admin1_code == qualifier.admin1_code
                )
                parts["qualifier"] = 1.0 if inside else 0.0
            scored.append((sum(parts.values()), parts, place))
        scored.sort(key=lambda item: (-item[0], item[2].geonameid or 0))
        best_score, parts, best = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
        confidence = round(min(1.0, 0.55 + margin) if len(scored) > 1 else 0.95, 3)
        why = " + ".join(f"{k} {v:.2f}" for k, v in parts.items() if v) + (
            f" = {best_score:.2f} (best of {len(scored)})"
        )
        resolved.append(dataclasses.replace(mention, place=best, score=confidence, why=why))
    return dataclasses.replace(doc, mentions=tuple(resolved))
