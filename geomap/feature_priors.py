"""Priors of GeoNames' other feature classes: lakes, mountains, airports, camps, islands...

An index built from full GeoNames exports (``geomap gazetteer build --geonames``)
holds every feature class: ``H`` water, ``T`` terrain, ``S`` spots and buildings,
``L`` parks and areas, ``R`` roads, ``V`` vegetation, ``U`` undersea, besides
``P`` populated places and ``A`` administrative areas. A name shared by a town and
a stream ("Kivu", "Irpin") nearly always means the town in the news, so these
features rank below populated places and areas of the same name, in the index
(:func:`index_base`) and in resolution (:func:`feature_prior`), unless the text
cues them: a feature word in the name or right next to it ("Lake Kivu", "the
Sinai Peninsula", "Boryspil airport", "Kakuma camp": :func:`feature_cue`).

Continents and world regions (class ``L`` without a country, or GeoNames'
``L.CONT``/``L.RGN`` areas) keep the resolver's own prior.
"""

from __future__ import annotations

import math
import re

from geomap.model import Mention, Place

#: resolver prior of a feature of another class, by class (the resolver's prior of a
#: village of unknown size is about 0.39, of a village of 100 people 0.26)
CLASS_PRIOR: dict[str, float] = {
    "H": 0.12,
    "T": 0.12,
    "L": 0.10,
    "S": 0.08,
    "R": 0.05,
    "V": 0.05,
    "U": 0.05,
    "": 0.05,
}
#: features large enough to be named in the news on their own get this prior instead
LARGE_PRIOR = 0.2
#: feature codes (class.code prefixes) of large features
LARGE_FEATURES: tuple[str, ...] = (
    "H.LK",
    "H.SEA",
    "H.GULF",
    "H.BAY",
    "H.STRT",
    "H.STM",
    "H.RSV",
    "H.OCN",
    "T.ISL",
    "T.PEN",
    "T.MTS",
    "T.MT",
    "T.DSRT",
    "T.PLAT",
    "T.VAL",
    "T.CAPE",
    "S.AIRP",
    "S.CMPRF",
)
#: codes of class L that are large areas named like regions (keep the resolver's prior)
REGION_CODES = frozenset({"CONT", "RGN", "RGNE", "RGNH", "ZN", "ZNB"})

#: the index's ranking base (log10-population scale; a village of unknown size is 2.0)
INDEX_CLASS_BASE: dict[str, float] = {
    "H": 1.2,
    "T": 1.2,
    "L": 1.0,
    "S": 0.8,
    "R": 0.5,
    "V": 0.5,
    "U": 0.3,
    "": 0.3,
}
INDEX_LARGE_BASE = 1.6

#: a feature word of the text -> the feature codes (class.code prefixes) it names
CUES: dict[str, tuple[str, ...]] = {
    "lake": ("H.LK",),
    "lakes": ("H.LKS", "H.LK"),
    "river": ("H.STM",),
    "sea": ("H.SEA",),
    "gulf": ("H.GULF",),
    "bay": ("H.BAY", "H.COVE"),
    "strait": ("H.STRT",),
    "canal": ("H.CNL",),
    "reservoir": ("H.RSV", "H.LKN"),
    "dam": ("S.DAM", "H.RSV"),
    "mount": ("T.MT", "T.HLL", "T.PK", "T.VLC"),
    "mountain": ("T.MT", "T.HLL", "T.PK"),
    "mountains": ("T.MTS", "T.HLLS", "T.RDGE"),
    "hill": ("T.HLL",),
    "hills": ("T.HLLS",),
    "peak": ("T.PK",),
    "volcano": ("T.VLC",),
    "island": ("T.ISL",),
    "isle": ("T.ISL",),
    "islands": ("T.ISLS", "T.ISL"),
    "peninsula": ("T.PEN",),
    "desert": ("T.DSRT",),
    "valley": ("T.VAL",),
    "plateau": ("T.PLAT",),
    "cape": ("T.CAPE",),
    "pass": ("T.PASS",),
    "forest": ("V.FRST",),
    "park": ("L.PRK", "S.PRK"),
    "airport": ("S.AIRP", "S.AIRF", "S.AIRB", "S.AIRH"),
    "airfield": ("S.AIRF", "S.AIRP", "S.AIRB"),
    "airbase": ("S.AIRB", "S.AIRF"),
    "base": ("S.MILB", "S.AIRB", "S.INSM"),
    "camp": ("S.CMP", "S.CMPRF", "S.CMPMN", "S.CMPL"),
    "prison": ("S.PRN",),
    "jail": ("S.PRN",),
    "port": ("L.PRT", "H.HBR", "S.PIER"),
    "harbour": ("H.HBR", "L.PRT"),
    "harbor": ("H.HBR", "L.PRT"),
    "hospital": ("S.HSP",),
    "bridge": ("S.BDG",),
    "square": ("S.SQR",),
    "station": ("S.RSTN", "S.BUSTN", "S.MTRO"),
    "checkpoint": ("S.PSTB", "S.PSTC", "S.CSTM"),
    "crossing": ("S.PSTB", "S.CSTM", "S.PSTC"),
    "mine": ("S.MN", "S.MNC"),
    "university": ("S.UNIV",),
    "stadium": ("S.STDM",),
    "market": ("S.MKT",),
    "mosque": ("S.MSQE",),
    "church": ("S.CH",),
    "monastery": ("S.MSTY",),
}
#: weight of a cue next to the name ("Boryspil airport", "lake Kivu")
CUE_WEIGHT = 1.0
#: weight of a cue inside the name ("Lake Charles" stays the city of 80,000)
NAME_CUE_WEIGHT = 0.3
_WORD = re.compile(r"[A-Za-z]+")


def _code(place: Place) -> str:
    return f"{place.feature_class}.{place.feature_code}"


def keeps_resolver_prior(place: Place) -> bool:
    """Whether the resolver's own prior applies (places, areas, continents, world regions)."""
    cls = place.feature_class
    if cls in ("P", "A"):
        return True
    return cls == "L" and (not place.country_code or place.feature_code in REGION_CODES)


def feature_prior(place: Place, mention: Mention) -> float | None:
    """The resolver prior of a feature of another class, or ``None`` for the usual prior.

    Below a village of the same name: :data:`CLASS_PRIOR` by class,
    :data:`LARGE_PRIOR` for :data:`LARGE_FEATURES`, or the population's log when
    GeoNames knows one (an inhabited island), less 0.1. ``mention`` is part of the
    signature so that a rule may read the mention's kind.
    """
    if keeps_resolver_prior(place):
        return None
    code = _code(place)
    base = (
        LARGE_PRIOR
        if code.startswith(LARGE_FEATURES)
        else CLASS_PRIOR.get(place.feature_class, CLASS_PRIOR[""])
    )
    if place.population > 0:
        base = max(base, 0.9 * math.log10(place.population + 1) / 7.0 - 0.1)
    if mention.kind == "region":
        base -= 0.5  # "the X region" is an administrative area
    return base


def index_base(feature_class: str, feature_code: str) -> float | None:
    """The index's ranking base of a feature of another class, or ``None`` for P and A."""
    if feature_class in ("P", "A"):
        return None
    if feature_class == "L" and feature_code in REGION_CODES:
        return None
    code = f"{feature_class}.{feature_code}"
    if code.startswith(LARGE_FEATURES):
        return INDEX_LARGE_BASE
    return INDEX_CLASS_BASE.get(feature_class, INDEX_CLASS_BASE[""])


def cue_words(name: str, before: str, after: str) -> tuple[set[str], set[str]]:
    """The feature words inside a mention's name, and right before or after it.

    Parameters
    ----------
    name
        The mention as written ("Lake Kivu").
    before, after
        A few characters of text either side of it.

    """
    inside = {w.lower() for w in _WORD.findall(name)} & CUES.keys()
    near: set[str] = set()
    words_after = _WORD.findall(after[:24])
    if words_after and after[:1] in (" ", "-"):
        first = words_after[0].lower()
        if first in CUES:
            near.add(first)
        elif len(words_after) > 1 and first in ("international", "refugee", "military"):
            second = words_after[1].lower()  # "Kakuma refugee camp", "X international airport"
            if second in CUES:
                near.add(second)
    words_before = _WORD.findall(before[-16:])
    if len(words_before) > 1 and words_before[-1].lower() == "of":
        words_before = words_before[:-1]  # "the island of Texel", "the port of Mariupol"
    if words_before and before[-1:] == " ":
        last = words_before[-1].lower()
        if last in CUES and last not in ("base", "port", "square", "market", "station"):
            near.add(last)  # "lake Kivu", "mount Hoverla"
    return inside, near


def feature_cue(place: Place, inside: set[str], near: set[str]) -> float:
    """The ``kind`` evidence of a candidate: the text names its kind of feature.

    Returns :data:`CUE_WEIGHT` when a word next to the name names the
    candidate's feature code, :data:`NAME_CUE_WEIGHT` when a word of the name
    does, else 0.
    """
    if place.feature_class in ("P", "A"):
        return 0.0
    code = _code(place)
    if any(code.startswith(CUES[w]) for w in near):
        return CUE_WEIGHT
    if any(code.startswith(CUES[w]) for w in inside):
        return NAME_CUE_WEIGHT
    return 0.0
