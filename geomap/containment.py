"""Containment: the countries and first-order regions a text names hold its places.

News and incident notes place a small town by naming what holds it: "the village
of Madina, Sokoto, Nigeria", "the Eastleigh neighbourhood, Nairobi", "X, Idlib
province, Syria". :func:`geomap.resolve.resolve` uses this module to

- read the *chain* after a mention (:func:`chain`): the areas that follow it,
  separated by a comma or "in" ("Tah village, Idlib Governorate, Syria");
- look the name up again inside a chain's country or region
  (:func:`widen`), since a common name's namesake there can lie beyond the
  candidates a plain look-up returns;
- score containment (:func:`evidence`): a candidate inside a chain's region or
  country wins (``contain``), one outside the country the chain names is ruled
  out (``outside``; a first-order region only ranks, since the gazetteer's
  region codes of a town are not always the ones news use), and, at the level of the document, a
  candidate in a country the text never names loses to one in a country it names
  (``foreign``);
- place a mention whose candidates all lie outside its chain, or that has no
  candidate, at the innermost area of its chain (:func:`container_of`), a coarser
  point rather than a foreign namesake.
"""

from __future__ import annotations

import re

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Mention, Place

#: a candidate inside an area of the mention's chain
CONTAIN_WEIGHT = 1.0
#: a candidate outside a country or first-order region of the mention's chain
OUTSIDE_WEIGHT = -3.0
#: a candidate in a country the document never names, when another is in one it names
FOREIGN_WEIGHT = -1.5
#: a town qualifies a place ("Eastleigh, Nairobi") when this many times larger
SIZE_RATIO = 10
#: candidates added per mention from a look-up inside its chain's area
WIDEN_LIMIT = 10
#: what may stand between a name and the area that holds it: a comma after
#: lower-case words ("Tah village, ", "Rafai town (around), ") or "in (the)"
_LINK = re.compile(r"^[^A-Z.;:!?]{0,40},\s*$|^\s*,?\s*in(?: the)?\s*$")


def _links(doc: Document, index: int) -> bool:
    """Whether mention ``index`` is followed directly by a place that may hold it."""
    mentions = doc.mentions
    if index + 1 >= len(mentions):
        return False
    between = doc.text[mentions[index].end : mentions[index + 1].start]
    return bool(_LINK.match(between))


def _hard(place: Place | None) -> bool:
    """Whether a place is a country or a first-order region (a container that rules out)."""
    return place is not None and (
        place.feature_code.startswith("PCL") or place.feature_code == "ADM1"
    )


def chain(
    doc: Document,
    index: int,
    picks: list[Place | None],
    options: list[list[Place]] | None = None,
) -> list[Place]:
    """The places that hold mention ``index`` by the text's chain, innermost first.

    "Madina, Sokoto, Nigeria" gives Sokoto and Nigeria for "Madina". The chain
    stops at the first link that is not a comma or "in", at a place that does not
    lie in the place after it, and does not start when the mention itself is a
    country or a first-order region followed by another one (a list: "Kano,
    Kaduna, Nigeria"), nor when the last area is followed by "and" or "or".
    """
    out: list[Place] = []
    k = index
    while _links(doc, k) and picks[k + 1] is not None:
        nxt = picks[k + 1]
        assert nxt is not None
        if out and not holds(nxt, out[-1]):
            break
        out.append(nxt)
        k += 1
    if not out:
        return out
    mentions = doc.mentions
    after = doc.text[mentions[k].end : mentions[k].end + 5].lstrip(" ,").lower()
    if after.startswith(("and ", "or ")):
        return []  # "Washington, Pennsylvania and California"
    opts = options[index] if options is not None else [p for p in [picks[index]] if p]
    level = out[0].feature_code[:3]
    if _hard(out[0]) and any(
        _hard(p) and p.feature_code[:3] == level and not holds(out[0], p) for p in opts
    ):
        return []  # a list of regions or countries
    return out


def holds(area: Place, place: Place) -> bool:
    """Whether ``area`` holds ``place``.

    Same country, and same first-order region unless ``area`` is a country.
    """
    if area.country_code != place.country_code or not area.country_code:
        return False
    if area.feature_code.startswith("PCL"):
        return not place.feature_code.startswith("PCL")
    if place.feature_code.startswith("PCL") or place.geonameid == area.geonameid:
        return False
    return bool(area.admin1_code) and area.admin1_code == place.admin1_code


def widen(
    doc: Document,
    options: list[list[Place]],
    picks: list[Place | None],
    gazetteer: Gazetteer,
) -> list[list[Place]]:
    """Add the namesakes inside the areas of each mention's chain to its candidates."""
    out = []
    for index, (mention, opts) in enumerate(zip(doc.mentions, options, strict=True)):
        areas = chain(doc, index, picks, options)
        if not areas or mention.kind == "demonym" or any(_hard(p) for p in opts):
            out.append(opts)
            continue
        area = areas[0]
        admin1 = None if area.feature_code.startswith("PCL") else area.admin1_code
        found = gazetteer.lookup(
            mention.name, country_code=area.country_code, admin1_code=admin1, limit=WIDEN_LIMIT
        )
        key = normalize_name(mention.name)
        seen = {p.geonameid for p in opts}
        more = [
            p
            for p in found
            if p.geonameid not in seen
            and holds(area, p)
            and (admin1 is not None or normalize_name(p.name) == key)
        ]
        out.append(opts + more)
    return out


def named_areas(picks: list[Place | None]) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and first-order regions the document's chosen places name."""
    countries: set[str] = set()
    regions: set[tuple[str, str]] = set()
    for place in picks:
        if place is None or not place.country_code:
            continue
        if place.feature_code.startswith("PCL"):
            countries.add(place.country_code)
        elif place.feature_code == "ADM1":
            regions.add((place.country_code, place.admin1_code))
    return countries, regions


def evidence(
    doc: Document,
    index: int,
    opts: list[Place],
    options: list[list[Place]],
    picks: list[Place | None],
) -> list[dict[str, float]]:
    """Per candidate ``opts`` of mention ``index``, the containment parts of its score."""
    parts: list[dict[str, float]] = [{} for _ in opts]
    if doc.mentions[index].kind == "demonym":
        return parts
    links = chain(doc, index, picks, options)
    hard = [a for a in links if _hard(a)]
    countries, _ = named_areas([p for k, p in enumerate(picks) if k != index])
    countries |= {a.country_code for a in links}
    inside_named = [p.country_code in countries for p in opts]
    for pos, place in enumerate(opts):
        if place.feature_code.startswith("PCL") and not links:
            continue
        if links and any(holds(a, place) for a in links):
            parts[pos]["contain"] = CONTAIN_WEIGHT
        if hard and not all(a.country_code == place.country_code for a in hard):
            parts[pos]["outside"] = OUTSIDE_WEIGHT
        elif links and not hard and _beneath(place, links[0]):
            parts[pos]["outside"] = OUTSIDE_WEIGHT  # "Eastleigh, Nairobi": not in Kenya
        elif countries and not inside_named[pos] and any(inside_named):
            parts[pos]["foreign"] = FOREIGN_WEIGHT
    return parts


Scored = list[tuple[float, dict[str, float], Place]]


def rescore(
    doc: Document, results: list[Scored], options: list[list[Place]], picks: list[Place | None]
) -> list[Scored]:
    """Add the containment parts to each mention's scored candidates and sort them again."""
    out: list[Scored] = []
    for index, scored in enumerate(results):
        if not scored:
            out.append(scored)
            continue
        extra = evidence(doc, index, [p for _, _, p in scored], options, picks)
        new = [
            (score + sum(more.values()), {**parts, **more}, place)
            for (score, parts, place), more in zip(scored, extra, strict=True)
        ]
        new.sort(key=lambda item: (-item[0], item[2].geonameid or 0))
        out.append(new)
    return out


def _beneath(place: Place, town: Place) -> bool:
    """Whether a place lies in another country than the much larger town after it.

    "Eastleigh, Nairobi"; a list of cities ("London, Paris, Rome") is no
    qualifier, hence the sizes.
    """
    return (
        place.country_code != town.country_code
        and not place.is_area
        and town.population >= SIZE_RATIO * max(place.population, 1_000)
    )


def container_of(
    doc: Document, index: int, picks: list[Place | None], options: list[list[Place]]
) -> Place | None:
    """The innermost place of mention ``index``'s chain that rules candidates out.

    That is its first area if the chain has a country or first-order region, else
    the town that qualifies it.
    """
    links = chain(doc, index, picks, options)
    return links[0] if links else None


def at_container(mention: Mention, area: Place, reason: str) -> Mention:
    """``mention`` placed at the area that holds it, with a ``why`` that says so."""
    import dataclasses

    why = f"{reason}: placed at its container {area.name!r} (coarser)"
    return dataclasses.replace(mention, place=area, score=0.5, why=why)
