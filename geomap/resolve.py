"""Toponym resolution: choose one gazetteer place for each mention, or "no match".

Candidates come from the gazetteer (US state abbreviations and continents from
small tables in :mod:`geomap.toponyms`, world regions and seas from
:mod:`geomap.regions`); each is scored with evidence that is known
to work for news text, and every resolved mention keeps a short explanation
(``Mention.why``) of the score that won:

- ``prior``: feature type and population, in the order the gazetteer ranks names
  (a country named by its own name, a capital, a large city; a first-order region
  like a city of a tenth of its population; a second-order region like a town);
- ``focus``: the document's country focus (the share of its other mentions that point
  to the candidate's country), decided in two rounds so that the first round's
  choices vote in the second; the way the text is written votes too ("$4,500" and
  "7 p.m." for the US, "\u00a3300" for Britain, see :func:`home_votes`);
- ``state``: the share of the document's other places in the candidate's
  first-order region ("Dublin" in a story about Ohio towns);
- ``cluster``: closeness to the other places of the document (within 300 km);
- ``qualifier``: an explicit qualifier right after the name ("Tripoli, Lebanon",
  "Gainesville, Ga.") or containment ("Kupiansk in the Kharkiv region");
- ``seat``: a large city named like the region that holds it ("Almaty", "Idlib")
  is meant more often than the region (only when the mention is the city's own name);
- ``near``: the other names of the document that have a candidate close to this
  one, or holding it, or (for regions and countries) a sibling region or country —
  counted over *all* their candidates, not only the chosen ones, so that "Paris" and
  "Lamar County" find each other in Texas (see :func:`_near`);
- ``name``: a country or populous first-order region named exactly by the mention
  when the largest town candidate has the name only as an alternate ("Mexico",
  "New York");
- ``qualifier`` also works backwards: in "Macon, Georgia" the Georgia that holds a
  Macon wins;
- ``cue``: "the state of X" / "X state" favour first-order regions, "the city of X"
  settlements.

A mention found only by the gazetteer whose candidates are all hamlets, with no
evidence from the document, is an explicit "no match". A name that is not in the
gazetteer but is formed from a place name ("Ohioans", "Dagestani", "Londoner") takes
that place's candidates (:func:`derived_candidates`), and so does a part or division
of a place ("South Los Angeles", "Hamilton Township": :func:`part_of`); the ``why``
says so. "Mt."/"St."/"Ft." are spelled out (:func:`name_key`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter

from geomap import containment
from geomap.feature_priors import cue_words, feature_cue, feature_prior
from geomap.gazetteer.base import Gazetteer
from geomap.gazetteer.base import normalize_name as _normalize_name
from geomap.model import Document, Mention, Place
from geomap.regions import world_region
from geomap.toponyms import TWO_WORD_STATES, us_state_code

#: candidates considered per mention
MAX_CANDIDATES = 40
#: a city at least this large wins over the region of the same name that holds it
SEAT_POPULATION = 50_000
#: distance under which two places count as one cluster (km)
CLUSTER_KM = 300.0
_CLUSTER_DEG = CLUSTER_KM / 111.0 + 0.1  # no two points this far apart in latitude are closer
#: a gazetteer-only mention whose candidates are all smaller than this needs evidence
NO_MATCH_POPULATION = 1_000
#: a city found only through a derived form ("Londoner") needs this many people
DERIVED_POPULATION = 100_000
#: the population a town counts as when GeoNames does not know it (its towns have 500+)
UNKNOWN_POPULATION = 1_000
#: the population a place without one weighs as, by feature code (sources that have
#: no populations: airports with scheduled flights as a town, air bases and other
#: airfields as a village); never more than a town, so no such place beats a city
#: of the same name without a cue
FEATURE_SIZES: dict[str, int] = {"AIRP": 20_000, "AIRB": 5_000, "AIRF": 1_000}
#: weights of the document evidence
FOCUS_WEIGHT = 0.6
STATE_WEIGHT = 0.45
CLUSTER_WEIGHT = 0.15
QUALIFIER_WEIGHT = 1.0
CUE_WEIGHT = 1.0
SEAT_WEIGHT = 0.4
#: a candidate whose own name is the mention, over one that has it as an alternate name
PRIMARY_BONUS = 0.1
#: a country or first-order region named exactly by the mention, when the largest
#: settlement candidate carries the name only as an alternate ("Mexico" is not Mexico
#: City, "New York" is the state)
AREA_NAME_WEIGHT = 0.3
#: ... when a first-order region has at least this many people
AREA_NAME_POPULATION = 1_000_000
#: weight of the ``near`` evidence, per other name, and its cap (in names)
NEAR_WEIGHT = 0.5
NEAR_CAP = 3.0
#: two candidates of different names support each other when closer than this (km)
NEAR_KM = 100.0
#: how fast a candidate's support fades as its prior falls below its name's best
NEAR_PRIOR_SLOPE = 3.0
#: grid cell of the proximity search (degrees)
_CELL = 2.0


#: names repeat across candidates and documents; normalising is the costly step
normalize_name = functools.lru_cache(maxsize=65536)(_normalize_name)


#: abbreviated first words of place names, spelled out ("Mt. Pleasant", "St. Albans")
ABBREVIATIONS: dict[str, str] = {"mt": "mount", "st": "saint", "ft": "fort", "pt": "point"}


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The normalised name with an abbreviated first word spelled out ("mount pleasant")."""
    key = normalize_name(name)
    first, _, rest = key.partition(" ")
    full = ABBREVIATIONS.get(first)
    return f"{full} {rest}" if full and rest else key


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def continent(name: str) -> Place | None:
    """Return a continent or a world region GeoNames has ("Africa", "the Middle East"), or None.

    These come first among the candidates and alone: a village named after one
    is never the place meant.
    """
    area = world_region(name)
    return area if area is not None and area.geonameid is not None else None


def candidates(mention: Mention, gazetteer: Gazetteer, *, postal: bool = False) -> list[Place]:
    """Return the gazetteer places a mention could refer to, best prior first.

    ``postal`` allows a bare US postal code ("CA") to name a state, as in
    "Modesto, CA".
    """
    if mention.kind == "demonym":
        country = gazetteer.demonym(mention.name)
        return [country] if country else []
    code = us_state_code(mention.name, postal=postal or mention.source == "ABBR")
    if code is not None and not _initials_of_another_place(mention.name, code):
        state = gazetteer.admin1("US", code)
        if state is not None:
            return [state]
    cont = continent(mention.name)
    if cont is not None:
        return [cont]
    if mention.kind == "region":
        return _region_candidates(mention.name, gazetteer)
    found = gazetteer.lookup(mention.name, limit=MAX_CANDIDATES)
    full = name_key(mention.name)
    if full != normalize_name(mention.name):
        # "Mt. Pleasant": GeoNames spells most of them out ("Mount Pleasant")
        seen = {p.geonameid for p in found}
        more = gazetteer.lookup(full, limit=MAX_CANDIDATES)
        found += [p for p in more if p.geonameid not in seen][: MAX_CANDIDATES - len(found)]
    area = world_region(mention.name)
    if area is not None:
        # "the Middle East": the table's region before the villages named after it
        big = [p for p in found if p.is_area or p.population >= DERIVED_POPULATION]
        return [area, *big[: MAX_CANDIDATES - 1]]
    country = gazetteer.demonym(mention.name)
    if country is not None and all(
        p.feature_code == "ADM2" or (not p.is_area and p.population < DERIVED_POPULATION)
        for p in found
    ):
        # "Canadian winters": the country, before the small towns called Canadian
        return [country, *found[: MAX_CANDIDATES - 1]]
    if not found:
        found = [p for _, p in derived_candidates(mention.name, gazetteer)]
    if not found:
        whole = part_of(mention.name)
        if whole is not None:
            # the place that owns the name, not a hamlet that has it as an old name
            found = [
                p
                for p in gazetteer.lookup(whole, limit=MAX_CANDIDATES)
                if name_key(p.name) == name_key(whole) or p.population >= DERIVED_POPULATION
            ]
    return found


#: words before a name that make a part of the place ("South Los Angeles", "W. Columbia")
_PART_BEFORE = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|[nsew]|downtown|upper|lower"
    r"|(?:town|city|village|borough|township) of)\.? ",
    re.IGNORECASE,
)
#: words after a name that make a civil division or area of the place ("Hamilton Township")
_PART_AFTER = re.compile(
    r" (?:township|twp|town|village|borough|metro area|area)\.?$", re.IGNORECASE
)
_COUNTY_ABBR = re.compile(r" co\.?$", re.IGNORECASE)


def part_of(name: str) -> str | None:
    """The place a name not in the gazetteer is a part or division of, or ``None``.

    "South Los Angeles" and "W. Columbia" lie in or beside Los Angeles and Columbia;
    "Hamilton Township" and "Town of Groton" are the divisions around Hamilton and
    Groton; "Loudon Co." is Loudon County.
    """
    whole = _PART_AFTER.sub("", _PART_BEFORE.sub("", name, count=1))
    whole = _COUNTY_ABBR.sub(" County", whole)
    if whole == name or len(whole) < 3 or not whole[0].isupper():
        return None
    if whole.split()[0].lower() in _NOT_A_WHOLE:
        return None  # "North Island", "West Side": a generic word is no place
    return whole


_NOT_A_WHOLE = frozenset(
    "island islands side end shore coast county bank bay hills park valley river lake".split()
)


def _initials_of_another_place(name: str, code: str) -> bool:
    """Whether dotted initials ("L.A", "L.A.") read as a state only by their letters.

    Only the states of :data:`~geomap.toponyms.TWO_WORD_STATES` are written as two
    initials ("N.Y."); Louisiana is "La.". :func:`~geomap.toponyms.us_state_code`
    already refuses two dots; this also catches initials without the last one.
    """
    letters = name.replace(".", "").replace(" ", "")
    return "." in name[1:-1] and letters.isupper() and code not in TWO_WORD_STATES


def _derived_forms(name: str) -> list[str]:
    """The place names a word for people or things of a place may come from."""
    word = name
    if word.endswith(("ans", "ers", "ites")):
        word = word[:-1]  # "Ohioans" -> "Ohioan", "Londoners" -> "Londoner"
    forms: list[str] = []
    if word.endswith("an"):
        # "Iowan", "Ohioan", "Ontarian", "Texan"
        forms += [word[:-1], word[:-2], word[:-2] + "o", word[:-1] + "s"]
    elif word.endswith("er"):
        forms.append(word[:-2])  # "Londoner", "New Yorker"
    elif word.endswith("i"):
        forms.append(word[:-1])  # "Dagestani"
    elif word.endswith("ite"):
        forms.append(word[:-3])
    forms.append(word + "ia")  # "Abkhaz"
    return [f for f in forms if len(f) >= 3 and f != name]


def derived_candidates(name: str, gazetteer: Gazetteer) -> list[tuple[str, Place]]:
    """Return ``(form, place)`` for a name not in the gazetteer that is formed from one.

    "Ohioans", "Texan", "Dagestani", "Londoner", "Abkhaz": the first derived form
    that names a country, a region or a city of at least
    :data:`DERIVED_POPULATION` people gives the candidates (an unknown word is not
    matched to a village).
    """
    for form in _derived_forms(name):
        area = world_region(form)
        if area is not None:
            return [(form, area)]  # "European", "South Ossetian"
        places = [
            p
            for p in gazetteer.lookup(form, limit=MAX_CANDIDATES)
            if (p.is_area and p.feature_code != "ADM2") or p.population >= DERIVED_POPULATION
        ]
        if places:
            return [(form, p) for p in places]
    return []


def _region_candidates(name: str, gazetteer: Gazetteer) -> list[Place]:
    areas = gazetteer.lookup(name, feature_class="A", limit=MAX_CANDIDATES)
    if areas:
        return areas
    base = name.rsplit(" ", 1)[0]
    out: list[Place] = []
    towns: list[Place] = []
    for place in gazetteer.lookup(base, limit=10):
        if place.is_area:
            out.append(place)
            continue
        towns.append(place)
        # "Alma-Ata region": the region named after the city, in its country
        for guess in (f"{place.name} region", place.name):
            regions = gazetteer.lookup(guess, feature_class="A", country_code=place.country_code)
            regions = [r for r in regions if r.feature_code.startswith("ADM")]
            if regions:
                out.extend(regions)
                break
    if not out:
        # "Kailahun district" where the index has no such district: its namesake town
        out = [p for p in towns if normalize_name(p.name) == normalize_name(base)]
    seen: set[int | None] = set()
    return [p for p in out if not (p.geonameid in seen or seen.add(p.geonameid))]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / _CELL)), int(math.floor(lon / _CELL))


def _near(
    keys: list[str], options: list[list[Place]], mentions: tuple[Mention, ...]
) -> list[dict[int, float]]:
    """Per mention, the ``near`` support of each candidate (by position in its options).

    Local news names places that lie together: "Paris" with "Henry County" is the
    Paris that lies in a Henry County. Each *other* name of the document supports a
    candidate once, with its best candidate that

    - for a settlement or second-order region: lies close to it (within
      :data:`NEAR_KM`; closer is more), or is the first-order region that holds it;
    - for a first-order region: lies in it, or is another first-order region of the
      same country (a list of states);
    - for a country: lies in it, or is another country.

    A supporting candidate weighs less as its prior falls below its own name's best
    prior, so that the hamlet namesakes of a big city count for little.
    """
    grid: dict[tuple[int, int], list[tuple[str, Place, float]]] = {}
    in_region: dict[tuple[str, str], list[tuple[str, float]]] = {}
    regions: dict[tuple[str, str], list[tuple[str, float]]] = {}
    in_country: dict[str, list[tuple[str, float]]] = {}
    regions_of: dict[str, list[tuple[str, float]]] = {}
    countries: list[tuple[str, float]] = []
    done: set[str] = set()
    for key, opts, mention in zip(keys, options, mentions, strict=True):
        if key in done or not opts or mention.kind == "demonym":
            continue
        done.add(key)
        priors = [prior(p, mention) for p in opts]
        top = max(priors)
        weights = [math.exp(NEAR_PRIOR_SLOPE * (score - top)) for score in priors]
        for place, weight in zip(opts, weights, strict=True):
            if weight < 0.02:
                continue
            code = place.feature_code
            if code.startswith("PCL") or place.feature_class == "L":
                countries.append((key, weight))
                continue
            in_country.setdefault(place.country_code, []).append((key, weight))
            if code == "ADM1":
                regions.setdefault((place.country_code, place.admin1_code), []).append(
                    (key, weight)
                )
                regions_of.setdefault(place.country_code, []).append((key, weight))
                continue
            in_region.setdefault((place.country_code, place.admin1_code), []).append((key, weight))
            grid.setdefault(_cell(place.latitude, place.longitude), []).append((key, place, weight))
    out: list[dict[int, float]] = []
    memo: dict[str, dict[int, float]] = {}
    for key, opts in zip(keys, options, strict=True):
        if key in memo:
            out.append(memo[key])
            continue
        support: dict[int, float] = {}
        for pos, place in enumerate(opts):
            best: dict[str, float] = {}
            code = place.feature_code
            if code.startswith("PCL"):
                pools = [in_country.get(place.country_code, ()), countries]
            elif code == "ADM1":
                region = (place.country_code, place.admin1_code)
                pools = [in_region.get(region, ()), regions_of.get(place.country_code, ())]
            elif place.is_area and code != "ADM2":
                continue
            else:
                pools = [regions.get((place.country_code, place.admin1_code), ())]
            for pool in pools:
                for other, weight in pool:
                    if other != key and weight > best.get(other, 0.0):
                        best[other] = weight
            if not place.is_area or code == "ADM2":
                ci, cj = _cell(place.latitude, place.longitude)
                for di in (-1, 0, 1):
                    for dj in (-1, 0, 1):
                        for other, near, weight in grid.get((ci + di, cj + dj), ()):
                            if other == key or weight <= best.get(other, 0.0):
                                continue
                            km = haversine_km(
                                place.latitude, place.longitude, near.latitude, near.longitude
                            )
                            if km < NEAR_KM:
                                value = weight * min(1.0, 1.25 * (1.0 - km / NEAR_KM))
                                if value > best.get(other, 0.0):
                                    best[other] = value
            total = sum(best.values())
            if total:
                support[pos] = min(total, NEAR_CAP)
        # "Almaty": a city shares the support of the region named like it that holds it
        for pos, place in enumerate(opts):
            if place.is_area:
                continue
            for other, region in enumerate(opts):
                if (
                    other in support
                    and region.feature_code == "ADM1"
                    and region.country_code == place.country_code
                    and region.admin1_code == place.admin1_code
                    and support[other] > support.get(pos, 0.0)
                ):
                    support[pos] = support[other]
        memo[key] = support
        out.append(support)
    return out


def _size(place: Place) -> float:
    """The population a place weighs as, following the gazetteer's ranking."""
    code = place.feature_code
    if code in FEATURE_SIZES and not place.population:
        return FEATURE_SIZES[code]
    if code == "ADM1":
        return min(max(place.population / 10, 50_000), 2_000_000)
    if code.startswith("ADM"):
        return min(max(place.population / 10, 1_000), 10_000)
    if not place.population and place.feature_class == "P":
        return UNKNOWN_POPULATION  # GeoNames' 0 is "unknown", not "empty"
    return place.population


def prior(place: Place, mention: Mention) -> float:
    """Score a candidate by its kind and size alone, in about [0, 1.3]."""
    primary = name_key(place.name) == name_key(mention.name)
    special = feature_prior(place, mention)  # lakes, mountains, airports... below towns
    if special is not None:
        return special + (PRIMARY_BONUS if primary else 0.0)
    if place.feature_code.startswith("PCL") or place.feature_class == "L":
        score = 1.0 if primary or mention.kind == "demonym" else 0.85
    else:
        score = 0.9 * math.log10(_size(place) + 1) / 7.0
        if place.feature_code == "PPLC":
            score += 0.15
        elif place.feature_code == "PPLA":
            score += 0.05
        if mention.kind == "region":
            score += 0.3 if place.is_area else -0.5
    return score + (PRIMARY_BONUS if primary else 0.0)


def _after_text(doc: Document, here: Mention, after: Mention) -> str:
    return doc.text[here.end : after.start]


def _qualifier(doc: Document, index: int, picks: list[Place | None]) -> Place | None:
    """Return the area named right after mention ``index`` ("Paris, Texas"), if any."""
    mentions = doc.mentions
    if index + 1 >= len(mentions):
        return None
    here, after = mentions[index], mentions[index + 1]
    between = _after_text(doc, here, after).strip().lower()
    top = picks[index + 1]
    if between in (",", "in", "in the", ", in") and top is not None and top.is_area:
        if between == "," and index + 2 < len(mentions):
            # "Washington, Pennsylvania and California": a list of areas, not a qualifier
            third = picks[index + 2]
            gap = _after_text(doc, after, mentions[index + 2]).strip().lower()
            if gap in (",", "and", ", and", "or", ", or") and third is not None and third.is_area:
                return None
        return top
    return None


def _qualified(doc: Document, index: int, options: list[list[Place]]) -> list[Place] | None:
    """Return the candidates of the place that mention ``index`` qualifies ("Atlanta, Georgia")."""
    if index == 0:
        return None
    before = doc.mentions[index - 1]
    if doc.text[before.end : doc.mentions[index].start].strip() != ",":
        return None
    return options[index - 1] or None


def _contains(area: Place, place: Place) -> bool:
    """Whether a country or first-order region holds a place."""
    if area.country_code != place.country_code or place is area:
        return False
    if area.feature_code.startswith("PCL"):
        return True
    return area.feature_code == "ADM1" and place.admin1_code == area.admin1_code


def _cue(doc: Document, mention: Mention) -> str:
    """The kind a lower-case word next to the mention names: "area", "city" or ""."""
    before = doc.text[max(0, mention.start - 12) : mention.start]
    after = doc.text[mention.end : mention.end + 9]
    if before.endswith(("state of ", "province of ")) or after.startswith((" state", " province")):
        return "area"
    if before.endswith("city of ") or after.startswith(" city"):
        return "city"
    return ""


def _postal_context(doc: Document, index: int) -> bool:
    """Whether mention ``index`` follows "Place, " (so "CA" is California)."""
    if index == 0:
        return False
    before = doc.mentions[index - 1]
    return doc.text[before.end : doc.mentions[index].start].strip() == ","


#: ways of writing that point to a country whatever places the text names:
#: (country, what the sign is, a string it needs, pattern); the string is a fast
#: test before the pattern
HOME_SIGNS: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    ("US", "dollar amounts", "$", re.compile(r"\$ ?\d")),
    ("US", "a.m./p.m. times", ".m.", re.compile(r"\d ?[ap]\.m\.")),
    ("GB", "pound amounts", "\u00a3", re.compile(r"\u00a3 ?\d")),
)
#: the country vote of each sign found, in names (a place name votes 1)
HOME_WEIGHT = 0.5


def home_votes(text: str) -> tuple[Counter[str], list[str]]:
    """Country votes from the way the text is written, and the signs that gave them.

    Local news is written for readers at home: "$4,500" and "7 p.m." are American
    usage, "\u00a3300" British. Each sign found is half a vote
    for its country in the document's focus (:func:`_votes`), so it settles the
    story that names one ambiguous town ("Athens", "Mansfield") and nothing else,
    and weighs little against the places a story names.
    """
    votes: Counter[str] = Counter()
    found: list[str] = []
    for country, what, needed, pattern in HOME_SIGNS:
        if needed in text and pattern.search(text):
            votes[country] += HOME_WEIGHT
            found.append(what)
    return votes, found


def _votes(
    mentions: tuple[Mention, ...], picks: list[Place | None], home: Counter[str] | None = None
) -> tuple[list[Counter[str]], list[Counter[tuple[str, str]]]]:
    """Per mention, the country and first-order-region votes of the *other* names."""
    by_name: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
    for mention, place in zip(mentions, picks, strict=True):
        key = normalize_name(mention.name)
        entry = by_name.setdefault(key, (Counter(), Counter()))
        if place is None or not place.country_code:
            continue
        entry[0][place.country_code] += 0.5 if mention.kind in ("demonym", "modifier") else 1.0
        if place.admin1_code and not place.feature_code.startswith("PCL"):
            entry[1][(place.country_code, place.admin1_code)] += 1.0
    total_c: Counter[str] = Counter(home or {})
    total_a: Counter[tuple[str, str]] = Counter()
    for cvotes, avotes in by_name.values():
        total_c.update(cvotes)
        total_a.update(avotes)
    out_c, out_a = [], []
    for mention in mentions:
        own_c, own_a = by_name[normalize_name(mention.name)]
        out_c.append(total_c - own_c)
        out_a.append(total_a - own_a)
    return out_c, out_a


def _score(
    doc: Document,
    index: int,
    opts: list[Place],
    picks: list[Place | None],
    cvotes: Counter[str],
    avotes: Counter[tuple[str, str]],
    near: dict[int, float],
    options: list[list[Place]],
) -> list[tuple[float, dict[str, float], Place]]:
    mention = doc.mentions[index]
    qualifier = _qualifier(doc, index, picks)
    qualified = _qualified(doc, index, options)
    cue = _cue(doc, mention)
    inside, beside = cue_words(
        mention.name,
        doc.text[max(0, mention.start - 16) : mention.start],
        doc.text[mention.end :][:24],
    )
    others = [
        p for k, p in enumerate(picks) if k != index and p is not None and p.feature_class == "P"
    ]
    c_total = sum(cvotes.values())
    a_total = sum(avotes.values())
    has_country = any(p.feature_code.startswith("PCL") for p in opts)
    key = normalize_name(mention.name)
    towns = [p for p in opts if not p.is_area]
    town_alias = bool(towns) and normalize_name(max(towns, key=_size).name) != key
    scored = []
    for pos, place in enumerate(opts):
        parts = {"prior": prior(place, mention)}
        if (
            town_alias
            and place.is_area
            and (
                place.feature_code.startswith("PCL")
                or (place.feature_code == "ADM1" and place.population >= AREA_NAME_POPULATION)
            )
            and normalize_name(place.name) == key
        ):
            parts["name"] = AREA_NAME_WEIGHT
        if pos in near:
            parts["near"] = NEAR_WEIGHT * near[pos]
        if c_total:
            parts["focus"] = FOCUS_WEIGHT * cvotes.get(place.country_code, 0.0) / c_total
        if a_total and place.admin1_code and not place.feature_code.startswith("PCL"):
            share = avotes.get((place.country_code, place.admin1_code), 0.0) / a_total
            parts["state"] = STATE_WEIGHT * share
        if not place.is_area and any(
            abs(p.latitude - place.latitude) < _CLUSTER_DEG
            and haversine_km(p.latitude, p.longitude, place.latitude, place.longitude) < CLUSTER_KM
            for p in others
        ):
            parts["cluster"] = CLUSTER_WEIGHT
        if (
            mention.kind != "region"
            and not place.is_area
            and normalize_name(place.name) == key
            and place.population >= SEAT_POPULATION
            and not has_country
        ):
            # "Almaty", "Idlib", "Kandahar": the city rather than the region named after it
            if any(
                a.is_area
                and not a.feature_code.startswith("PCL")
                and a.country_code == place.country_code
                and a.admin1_code == place.admin1_code
                for a in opts
            ):
                parts["seat"] = SEAT_WEIGHT
        if qualified is not None and place.feature_code in ("ADM1", "PCLI"):
            # "Atlanta, Georgia": the area that holds a place of the name before it
            inside = any(_contains(place, p) for p in qualified)
            parts["qualifier"] = QUALIFIER_WEIGHT if inside else 0.0
        kind = feature_cue(place, inside, beside)  # "Lake Kivu", "Boryspil airport"
        if kind:
            parts["kind"] = kind
        if cue == "area" and place.feature_code == "ADM1":
            parts["cue"] = CUE_WEIGHT  # "the state of Washington", "Washington state"
        elif cue == "city" and not place.is_area:
            parts["cue"] = CUE_WEIGHT  # "the city of New York"
        if qualifier is not None:
            inside = place.country_code == qualifier.country_code and (
                qualifier.feature_code.startswith("PCL")
                or place.admin1_code == qualifier.admin1_code
            )
            parts["qualifier"] = QUALIFIER_WEIGHT if inside else 0.0
        scored.append((sum(parts.values()), parts, place))
    scored.sort(key=lambda item: (-item[0], item[2].geonameid or 0))
    return scored


def resolve(doc: Document, gazetteer: Gazetteer) -> Document:
    """Return ``doc`` with every mention resolved to a place or to no match."""
    mentions = doc.mentions
    if not mentions:
        return doc
    options = [
        candidates(m, gazetteer, postal=_postal_context(doc, k)) for k, m in enumerate(mentions)
    ]
    keys = [normalize_name(m.name) for m in mentions]
    picks: list[Place | None] = [
        max(opts, key=lambda p, m=m: prior(p, m)) if opts else None
        for opts, m in zip(options, mentions, strict=True)
    ]
    options = containment.widen(doc, options, picks, gazetteer)  # "Madina, Sokoto, Nigeria"
    near = _near(keys, options, mentions)
    home, signs = home_votes(doc.text)
    # two rounds: the first round's choices give the document's focus for the second
    results: list[list[tuple[float, dict[str, float], Place]]] = []
    for _ in range(2):
        cvotes, avotes = _votes(mentions, picks, home)
        results = [
            _score(doc, k, opts, picks, cvotes[k], avotes[k], near[k], options) if opts else []
            for k, opts in enumerate(options)
        ]
        results = containment.rescore(doc, results, options, picks)
        picks = [r[0][2] if r else None for r in results]

    resolved: list[Mention] = []
    for k, (mention, scored) in enumerate(zip(mentions, results, strict=True)):
        area = containment.container_of(doc, k, picks, options)
        if area is not None and (not scored or "outside" in scored[0][1]):
            reason = "no candidate" if not scored else f"no {mention.name!r} inside {area.name!r}"
            resolved.append(containment.at_container(mention, area, reason))
            continue
        if not scored:
            resolved.append(dataclasses.replace(mention, place=None, score=0.0, why="no candidate"))
            continue
        best_score, parts, best = scored[0]
        support = set(parts) - {"prior"}
        if cvotes[k].get(best.country_code, 0.0) <= home.get(best.country_code, 0.0):
            support.discard("focus")  # the text's style alone does not vouch for a hamlet
        if (
            mention.source == "GAZ"
            and not best.source
            and not best.is_area
            and best.population < NO_MATCH_POPULATION
            and best.feature_code not in FEATURE_SIZES  # "X Airport" names one place
            and not support
        ):
            why = f"no match: only hamlets named {mention.name!r} and no support in the document"
            resolved.append(dataclasses.replace(mention, place=None, score=0.0, why=why))
            continue
        margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
        confidence = round(min(1.0, 0.55 + margin) if len(scored) > 1 else 0.95, 3)
        why = " + ".join(f"{k} {v:.2f}" for k, v in parts.items() if v or k == "prior") + (
            f" = {best_score:.2f} (best of {len(scored)})"
        )
        if parts.get("focus") and home.get(best.country_code):
            why += f"; focus counts the text's {', '.join(signs)}"
        if best.source:
            why += f"; {best.source}"  # "own places: camps.csv"
        key = normalize_name(mention.name)
        if normalize_name(best.name) != key and not gazetteer.has_key(key):
            whole = part_of(mention.name)
            if whole is not None and any(
                p.geonameid == best.geonameid for p in gazetteer.lookup(whole, limit=MAX_CANDIDATES)
            ):
                why += f"; {mention.name!r} read as part of {whole!r}"
            else:
                why += f"; {mention.name!r} read as a word formed from a place name"
        resolved.append(dataclasses.replace(mention, place=best, score=confidence, why=why))
    return dataclasses.replace(doc, mentions=tuple(resolved))
