"""Short forms of regions after a place: "Ga.", "CA", "Man.", "N.S.W.", "J&K".

US states have their AP-style and postal forms in tables; the short form of any
other first-order region is read from its name (:func:`short_region`).
"""

from __future__ import annotations

import re

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Place

#: AP-style abbreviations of US states -> postal code (keys without dots, case folded)
US_STATE_AP: dict[str, str] = {
    "ala": "AL",
    "ariz": "AZ",
    "ark": "AR",
    "calif": "CA",
    "cal": "CA",
    "colo": "CO",
    "conn": "CT",
    "del": "DE",
    "fla": "FL",
    "ga": "GA",
    "ill": "IL",
    "ind": "IN",
    "kan": "KS",
    "kans": "KS",
    "ky": "KY",
    "la": "LA",
    "md": "MD",
    "mass": "MA",
    "mich": "MI",
    "minn": "MN",
    "miss": "MS",
    "mo": "MO",
    "mont": "MT",
    "neb": "NE",
    "nebr": "NE",
    "nev": "NV",
    "nh": "NH",
    "nj": "NJ",
    "nm": "NM",
    "ny": "NY",
    "nc": "NC",
    "nd": "ND",
    "okla": "OK",
    "ore": "OR",
    "pa": "PA",
    "penn": "PA",
    "ri": "RI",
    "sc": "SC",
    "sd": "SD",
    "tenn": "TN",
    "tex": "TX",
    "va": "VA",
    "vt": "VT",
    "wash": "WA",
    "wva": "WV",
    "wis": "WI",
    "wisc": "WI",
    "wyo": "WY",
    "dc": "DC",
}
#: states whose AP abbreviation has two dots ("N.C.", "W.Va."); "L.A." is no state
TWO_WORD_STATES = frozenset({"NH", "NJ", "NM", "NY", "NC", "ND", "RI", "SC", "SD", "WV", "DC"})
#: postal codes that are also words or common abbreviations ("IN", "OK", "MT")
_WORD_CODES = frozenset("AL CO DE GA HI ID IN LA MA ME MS MT OH OK OR PA SC SD UT VA WA WI".split())
#: words after which a postal code names its state ("in NJ", "the MN countryside")
_POSTAL_CUES = frozenset({"in", "the", "of", "into", "across", "throughout", "near", "from"})
#: US postal state codes, places only in "City, ST"
US_STATE_POSTAL = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)


def us_state_code(name: str, *, postal: bool = False) -> str | None:
    """Return the postal code of a US state abbreviation ("W.Va." -> "WV"), or ``None``.

    AP-style forms need a dot ("Ga.", "S.C."); bare postal codes ("GA") count only
    with ``postal=True`` (they are words or other codes elsewhere).
    """
    if "." in name:
        code = US_STATE_AP.get(name.replace(".", "").replace(" ", "").casefold())
        if code is not None and name.count(".") >= 2 and code not in TWO_WORD_STATES:
            return None  # "L.A." is Los Angeles; Louisiana is "La."
        return code
    if postal and name in US_STATE_POSTAL:
        return name
    return None


#: words of a region's name that its initials leave out ("Jammu and Kashmir" -> "J&K")
_CONNECTORS = frozenset({"and", "of", "the", "&", "de", "del", "la"})
#: a short form as written after "Place, ": letters with dots or an ampersand inside
_SHORT_FORM = re.compile(r"[A-Z][A-Za-z]{0,5}\.?(?:[A-Z&][a-z]{0,3}\.?){0,3}")


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is a short form of a region's ``name`` ("Sask." of "Saskatchewan").

    The rule is the way such forms are made, not a table: the letters of ``short``
    (without dots and "&") appear in ``name`` in order, from its first letter, and
    take in the initial of each of its words but connectors ("Man." Manitoba, "Pa."
    Pennsylvania, "N.S.W." New South Wales, "B.C." British Columbia, "J&K" Jammu and
    Kashmir, "KPK" Khyber Pakhtunkhwa).
    """
    letters = [ch for ch in normalize_name(short) if ch.isalpha()]
    words = [w for w in normalize_name(name).replace("-", " ").split() if w not in _CONNECTORS]
    if len(letters) < 2 or not words:
        return False
    text = " ".join(words)
    initials = {k for k, ch in enumerate(text) if ch != " " and (k == 0 or text[k - 1] == " ")}
    pos = 0
    used: list[int] = []
    for ch in letters:
        while pos < len(text) and text[pos] != ch:
            pos += 1
        if pos == len(text):
            return False
        used.append(pos)
        pos += 1
    if used[0] != 0:
        return False
    # a letter may not skip a word: each word's initial is used, in order
    return initials <= set(used) or len(words) == 1


def short_region(short: str, place: str, gazetteer: Gazetteer) -> Place | None:
    """The first-order region that ``short`` abbreviates and that holds a place ``place``.

    "Brandon, Man." is Brandon in Manitoba: of the regions that hold a place called
    "Brandon" (Florida, Manitoba, Mississippi, ...), the first in the gazetteer's
    order whose name ``short`` abbreviates (:func:`abbreviates`). ``None`` when no
    region fits, or ``short`` is no short form (a word of its own, no dot).
    """
    if not _SHORT_FORM.fullmatch(short):
        return None
    letters = short.replace(".", "").replace("&", "")
    if "." not in short and "&" not in short:
        # without a dot: initials in capitals ("NSW", "KPK") or a cut word ("Calif")
        if not (letters.isupper() and 2 <= len(letters) <= 4) and len(letters) < 3:
            return None
        if gazetteer.has_key(normalize_name(short)):
            return None  # a name of its own ("Texas", "Paris")
    seen: set[tuple[str, str]] = set()
    for candidate in gazetteer.lookup(place, limit=12):
        key = (candidate.country_code, candidate.admin1_code)
        if not candidate.admin1_code or key in seen:
            continue
        seen.add(key)
        region = gazetteer.admin1(*key)
        if region is not None and region.geonameid != candidate.geonameid:
            if abbreviates(short, region.name):
                return region
    return None
