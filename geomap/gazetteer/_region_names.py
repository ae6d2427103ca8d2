"""Region names as the news writes them: cores, suffixed forms, compass-split groups.

"Aqtöbe oblysy" is written "Aktobe", "the Aktobe region" or "Aktobe oblast"; North,
South and West Darfur make up "Darfur". These rules turn the names of first-order
regions into the keys the embedded index holds (used by :mod:`._build`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from geomap.gazetteer import base
from geomap.gazetteer.base import normalize_name

# Generic words of region names, stripped to find the core ("Aktobe region" -> "aktobe").
_GENERIC = frozenset(
    """
    region regione regiao oblast oblasti oblys oblysy province provincia provincie state
    governorate muhafazah prefecture department departement departamento district
    territory krai kray republic voivodeship voivodship autonomous county canton emirate
    division municipality parish wilaya wilayah velayat viloyati viloyat rayon okrug
    """.split()
)
_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "the",
        "state of",
        "province of",
        "region of",
        "republic of",
        "governorate of",
        "department of",
        "municipality of",
        "county of",
        "departamento de",
        "departamento del",
        "provincia de",
        "provincia di",
        "estado de",
        "estado do",
        "region de",
        "departement de",
        "departement du",
        "wilaya de",
        "autonomous republic of",
        "emirate of",
        "canton of",
    )
)
# Suffixes added to every region core ("Mopti" -> "Mopti region").
_SUFFIXES = ("region", "province", "state", "oblast", "governorate")
# Cores that are ordinary words; derived forms equal to them are not indexed.
_STOP_CORES = frozenset(
    """
    central northern southern eastern western north south east west capital upper lower
    coast coastal national federal island islands lake lakes river mountain highlands
    special center centre middle greater metropolitan city interior littoral maritime
    border plateau new san santa saint
    """.split()
) | frozenset(
    {
        "north east",
        "north west",
        "south east",
        "south west",
        "north central",
        "south central",
        "far north",
        "far west",
        "far east",
    }
)
# Compass words that split one historical region into first-order regions
# ("North Darfur", "Sud-Kivu", "Mashonaland West").
_COMPASS = frozenset(
    """
    north south east west central northern southern eastern western upper lower nord sud
    est ouest centre oriental occidental norte sur
    """.split()
)
# ordinary words left as cores of compass-split region names
_REGION_STOP = frozenset({"end", "hill", "highlands", "cape", "ethiopia regional state"})


def _region_forms(raw: str, type_word: str) -> tuple[str, list[str]]:
    """Return normalised news forms of a region name.

    Returns
    -------
    core, suffixed
        The name without generic words ("aqtobe" for "Aqtöbe oblysy"; empty when
        that is an ordinary word) and the core plus each generic word ("aqtobe
        region", ...; none for city-regions such as Almaty, so that "Almaty
        region" stays the oblys).

    """
    words = normalize_name(raw).split()
    changed = True
    while changed and words:
        changed = False
        for prefix in _PREFIXES:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words = words[len(prefix) :]
                changed = True
                break
        if len(words) > 1 and words[-1] in _GENERIC:
            words = words[:-1]
            changed = True
    core = " ".join(words)
    if len(core) < 3 or core in _STOP_CORES or core in _GENERIC:
        return "", []
    if "city" in type_word or "capital" in type_word:
        return core, []
    suffixes = list(_SUFFIXES)
    if type_word and type_word not in suffixes and " " not in type_word:
        suffixes.append(type_word)
    return core, [f"{core} {suffix}" for suffix in suffixes]


def region_groups(regions: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], list[int]]:
    """Group first-order regions that share a name apart from a compass word.

    Parameters
    ----------
    regions
        ``(country code, name, row)`` of each first-order region.

    Returns
    -------
    dict
        ``(country code, core name) -> rows`` for every core that at least two
        regions of one country share ("Darfur" for North, South and West Darfur;
        "Kivu" for Nord-Kivu and Sud-Kivu). Cores that are ordinary words
        ("District", "East") are left out.

    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for cc, name, row in regions:
        words = base._DASHES.sub(" ", name).split()
        if len(words) < 2:
            continue
        if words[0].casefold() in _COMPASS:
            core_words = words[1:]
        elif words[-1].casefold() in _COMPASS:
            core_words = words[:-1]
        else:
            continue
        core = " ".join(core_words)
        key = normalize_name(core)
        plain = set(key.split()) - _GENERIC - _STOP_CORES - _COMPASS
        if len(key) < 4 or not plain or key in _REGION_STOP:
            continue
        groups[(cc, core)].append(row)
    return {k: rows for k, rows in groups.items() if len(rows) >= 2}


def _fast_normalize(name: str) -> str:
    """Return ``normalize_name(name)``, skipping Unicode decomposition for ASCII text."""
    if not name.isascii():
        return normalize_name(name)
    text = base._DROP.sub("", name)  # NFKD leaves ASCII unchanged and has no combining marks
    text = base._DASHES.sub(" ", text)
    return base._SPACE.sub(" ", text).strip().casefold()


def _plural(word: str) -> str | None:
    if word.endswith(("s", "sh", "ch", "ese", "z", "x", "y")):
        return None
    return word + "s"
