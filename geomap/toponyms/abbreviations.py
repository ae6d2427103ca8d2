"""Short forms of regions: US state abbreviations and postal codes."""

from __future__ import annotations

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
