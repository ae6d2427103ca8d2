"""Continents, world regions, seas and unions that the embedded gazetteer leaves out.

News names large areas that are neither countries nor first-order regions: "Africa",
"the Middle East", "the Caucasus", "the Gulf of Mexico", "the Sahel", "the EU".
The embedded gazetteer (GeoNames' populated places and administrative areas) has
no such entries (its namesakes are villages: Middle East, Maryland), so
recognition and resolution look them up here first, in two tables:

- :data:`CONTINENTS`: the continents and the world regions GeoNames has as
  features of its own ("Americas", "West Africa", "Middle East"), with GeoNames'
  ids and points;
- :data:`WORLD_REGIONS`: a small hand-made table of the others. Each entry is a
  representative point chosen by hand near the middle of the area (general
  geographic knowledge, rounded to about a degree) and a GeoNames feature code
  for its kind: ``RGN`` region, ``SEA``, ``GULF``, ``BAY``, ``STRT`` strait,
  ``OCN`` ocean, ``MTS`` mountains, ``LKS`` lakes, ``ISL`` a large island, ``ZN``
  a political union. It has no GeoNames ids.
"""

from __future__ import annotations

import functools

from geomap.gazetteer.base import normalize_name
from geomap.model import Place

#: continents and the world regions GeoNames has ids for: key -> (GeoNames id, lat, lon)
#: (GeoNames' own points; keys are normalised names)
CONTINENTS: dict[str, tuple[int, float, float]] = {
    "africa": (6255146, 7.1881, 21.09375),
    "asia": (6255147, 29.84064, 89.29688),
    "europe": (6255148, 48.69096, 9.14062),
    "north america": (6255149, 46.07323, -100.54688),
    "south america": (6255150, -14.60485, -57.65625),
    "oceania": (6255151, -18.31281, 138.51562),
    "americas": (10861432, 26.0173, -104.41406),
    "west africa": (7729885, 18.31281, -4.83398),
    "southern africa": (9406051, -27.11781, 22.28027),
    "southeast asia": (6942346, 12.38293, 103.00781),
    "central america": (7729892, 25.32417, -99.66797),
    "middle east": (6269133, 33.13906, 35.85869),
    "antarctica": (6255152, -78.15856, 16.40626),
}

#: name -> (latitude, longitude, feature code); further spellings in :data:`ALIASES`
WORLD_REGIONS: dict[str, tuple[float, float, str]] = {
    "Levant": (34.0, 36.5, "RGN"),
    "Caucasus": (42.5, 44.5, "RGN"),
    "Balkans": (43.0, 21.0, "RGN"),
    "Scandinavia": (63.0, 15.0, "RGN"),
    "Siberia": (60.0, 100.0, "RGN"),
    "Central Asia": (43.0, 65.0, "RGN"),
    "South Asia": (22.0, 78.0, "RGN"),
    "East Asia": (35.0, 115.0, "RGN"),
    "Korean Peninsula": (37.5, 127.5, "RGN"),
    "Maghreb": (31.0, 3.0, "RGN"),
    "North Africa": (27.0, 12.0, "RGN"),
    "East Africa": (0.0, 36.0, "RGN"),
    "Sub-Saharan Africa": (0.0, 20.0, "RGN"),
    "Horn of Africa": (8.0, 45.0, "RGN"),
    "Sahel": (14.5, 10.0, "RGN"),
    "Western Europe": (48.0, 5.0, "RGN"),
    "Eastern Europe": (50.0, 30.0, "RGN"),
    "Latin America": (-10.0, -60.0, "RGN"),
    "Caribbean": (15.0, -73.0, "RGN"),
    "Patagonia": (-45.0, -69.0, "RGN"),
    "Central Europe": (49.0, 15.0, "RGN"),
    "Northern Europe": (60.0, 15.0, "RGN"),
    "Southern Europe": (41.0, 15.0, "RGN"),
    "Iberian Peninsula": (40.0, -4.0, "RGN"),
    "Anatolia": (39.0, 33.0, "RGN"),
    "Arabian Peninsula": (23.0, 46.0, "RGN"),
    "Indochina": (15.0, 104.0, "RGN"),
    "Sahara": (23.0, 12.0, "RGN"),
    "Amazon Basin": (-4.0, -62.0, "RGN"),
    "Golan Heights": (33.0, 35.75, "RGN"),
    "Nagorno-Karabakh": (39.8, 46.75, "RGN"),
    "Donbas": (48.0, 38.0, "RGN"),
    "Midwest": (42.0, -93.0, "RGN"),
    "New England": (43.5, -71.5, "RGN"),
    "Pacific Northwest": (46.5, -121.0, "RGN"),
    "Deep South": (32.5, -87.5, "RGN"),
    "Great Plains": (40.0, -100.0, "RGN"),
    "Great Lakes": (45.0, -84.5, "LKS"),
    "Appalachia": (37.5, -81.5, "RGN"),
    "Himalayas": (28.0, 84.0, "MTS"),
    "Alps": (46.5, 10.0, "MTS"),
    "Andes": (-18.0, -68.0, "MTS"),
    "Ural Mountains": (60.0, 59.5, "MTS"),
    "Atlas Mountains": (31.5, -6.0, "MTS"),
    "Rocky Mountains": (44.0, -109.0, "MTS"),
    "South Ossetia": (42.3, 44.0, "RGN"),
    "Abkhazia": (43.0, 41.0, "RGN"),
    "Java": (-7.5, 110.0, "ISL"),
    "Sumatra": (-0.5, 101.5, "ISL"),
    "Borneo": (0.5, 114.0, "ISL"),
    "Sulawesi": (-2.0, 121.0, "ISL"),
    "New Guinea": (-5.5, 141.0, "ISL"),
    "Mindanao": (7.5, 125.0, "ISL"),
    "Luzon": (16.0, 121.0, "ISL"),
    "Honshu": (36.0, 138.0, "ISL"),
    "Eastern Mediterranean": (34.5, 31.0, "SEA"),
    "Gulf of Mexico": (25.0, -90.0, "GULF"),
    "Persian Gulf": (26.5, 52.0, "GULF"),
    "Gulf of Aden": (12.5, 48.0, "GULF"),
    "Gulf of Guinea": (2.0, 3.0, "GULF"),
    "Strait of Hormuz": (26.6, 56.3, "STRT"),
    "Gulf of Thailand": (9.5, 101.5, "GULF"),
    "Taiwan Strait": (24.5, 119.5, "STRT"),
    "Strait of Gibraltar": (35.95, -5.6, "STRT"),
    "English Channel": (50.2, -1.0, "STRT"),
    "Red Sea": (20.0, 38.5, "SEA"),
    "Adriatic Sea": (43.0, 15.0, "SEA"),
    "Aegean Sea": (38.5, 25.0, "SEA"),
    "Irish Sea": (53.5, -5.0, "SEA"),
    "Sea of Azov": (46.0, 36.5, "SEA"),
    "Bay of Bengal": (15.0, 88.0, "BAY"),
    "Mediterranean": (35.0, 18.0, "SEA"),
    "Black Sea": (43.4, 34.0, "SEA"),
    "Caspian Sea": (42.0, 50.5, "SEA"),
    "Baltic Sea": (58.0, 20.0, "SEA"),
    "North Sea": (56.0, 3.0, "SEA"),
    "Caribbean Sea": (15.0, -75.0, "SEA"),
    "South China Sea": (12.0, 113.0, "SEA"),
    "East China Sea": (29.0, 125.0, "SEA"),
    "Arabian Sea": (14.0, 65.0, "SEA"),
    "Sea of Japan": (40.0, 135.0, "SEA"),
    "Atlantic Ocean": (10.0, -35.0, "OCN"),
    "Pacific Ocean": (0.0, -160.0, "OCN"),
    "Indian Ocean": (-20.0, 80.0, "OCN"),
    "Arctic Ocean": (85.0, 0.0, "OCN"),
    "North Atlantic": (45.0, -35.0, "OCN"),
    "South Atlantic": (-30.0, -15.0, "OCN"),
    "European Union": (50.85, 4.35, "ZN"),
}
#: other names of the same areas (of either table)
ALIASES: dict[str, str] = {
    "Mideast": "Middle East",
    "Mid East": "Middle East",
    "Caucasus region": "Caucasus",
    "Caucasus Mountains": "Caucasus",
    "Balkan Peninsula": "Balkans",
    "Balkan region": "Balkans",
    "Himalaya": "Himalayas",
    "Urals": "Ural Mountains",
    "Rockies": "Rocky Mountains",
    "Andes Mountains": "Andes",
    "Sahara Desert": "Sahara",
    "Amazon Rainforest": "Amazon Basin",
    "Amazon rain forest": "Amazon Basin",
    "Golan": "Golan Heights",
    "Karabakh": "Nagorno-Karabakh",
    "Donbass": "Donbas",
    "Mid-West": "Midwest",
    "Adriatic": "Adriatic Sea",
    "Aegean": "Aegean Sea",
    "Himalayan region": "Himalayas",
    "Arabian Gulf": "Persian Gulf",
    "Mediterranean Sea": "Mediterranean",
    "Atlantic": "Atlantic Ocean",
    "Pacific": "Pacific Ocean",
    "Arctic": "Arctic Ocean",
    "Caribbean region": "Caribbean",
    "EU": "European Union",
    "E.U.": "European Union",
}

#: GeoNames ids of the seven continents (the other entries of CONTINENTS are regions)
_CONTINENT_IDS = frozenset(range(6255146, 6255153))

_KEYS: dict[str, str] = {normalize_name(name): name for name in WORLD_REGIONS}
_KEYS.update({key: key.title() for key in CONTINENTS})
_KEYS.update({normalize_name(a): _KEYS[normalize_name(name)] for a, name in ALIASES.items()})


@functools.lru_cache(maxsize=16384)
def world_region(name: str) -> Place | None:
    """Return the continent, world region, sea or union called ``name``, or ``None``.

    ("Africa", "the Middle East", "the Gulf of Mexico", "the EU".) Continents and
    the regions GeoNames has keep its id; the feature class is always "L".

    A leading "the" is ignored; case, dots and diacritics do not matter
    (:func:`~geomap.gazetteer.base.normalize_name`). Names that are only written
    in capitals ("EU") must be written so.
    """
    text = name.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    key = normalize_name(text)
    found = _KEYS.get(key)
    if found is None:
        return None
    if len(key) <= 3 and not text.replace(".", "").isupper():
        return None  # "eu" the word is not the EU
    if normalize_name(found) in CONTINENTS:
        gid, lat, lon = CONTINENTS[normalize_name(found)]
        code = "CONT" if gid in _CONTINENT_IDS else "RGN"
        return Place(
            geonameid=gid,
            name=found,
            latitude=lat,
            longitude=lon,
            country_code="",
            feature_class="L",
            feature_code=code,
        )
    lat, lon, code = WORLD_REGIONS[found]
    return Place(
        geonameid=None,
        name=found,
        latitude=lat,
        longitude=lon,
        country_code="",
        feature_class="L",
        feature_code=code,
    )
