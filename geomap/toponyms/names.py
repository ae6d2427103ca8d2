"""Whole names: the tokens a place name binds together, and its spellings in the index.

The tokenizer cuts "Kot-e-Sangi" into five tokens and the NER often labels the
pieces apart ("Kot" a person, "Sangi" a place), so a gazetteer match on a piece
("Kot", a town in India) would cut the name. :func:`name_units` groups the tokens
of each name that must stay whole:

- words glued by hyphens ("Kot-e-Sangi", "Atongo-Bakari", "Nana-Mambéré"), unless a
  part is a lower-case word that is no name particle ("Chicago-based"), an acronym or
  initial ("R-London": a party and a place), a demonym ("Russian-American"), or
  a continent, country, first-order region or large city ("Russia-Ukraine",
  "Colombia-Farc talks": each its own thing);
- words joined by a particle of Arabic, Persian or Pashto names, glued or spaced
  ("Jisr al-Shughur", "Deir ez Zor", "Khan ash Shih");
- a capitalised particle and the word after it ("Al Mansoura", "Abu Ubaydah").

:func:`known_spelling` finds the index's spelling of such a name when the text
spells its article as pronounced or not ("Jisr al-Shughur" is GeoNames' "Jisr ash
Shughūr": before a "sun letter" the article takes the letter's sound).
"""

from __future__ import annotations

import itertools
import re

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Token
from geomap.regions import CONTINENTS

#: lower-case particles inside Arabic, Persian and Pashto names, glued by hyphens
#: ("al-Shughur", "Kot-e-Sangi", "Jalal-ud-Din")
NAME_PARTICLES = frozenset(
    {"al", "el", "ul", "ud", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "ez"}
    | {"an", "en", "es", "esh", "ed", "er", "e", "i", "bin", "ibn", "bint", "abu", "umm"}
    | {"wa", "bou", "bu", "ben", "al-", "dar", "o"}
)
#: of them, those that are no English word and so join words apart ("Deir ez Zor")
SPACED_PARTICLES = frozenset(
    {"al", "el", "ul", "ud", "adh", "ar", "ash", "ath", "az", "ez", "esh", "bin", "ibn"}
    | {"bint", "abu", "umm"}
)
#: capitalised particles that open a name and do not stand alone ("Al Mansoura")
LEADING_PARTICLES = frozenset(
    {"al", "el", "ash", "ath", "az", "adh", "abu", "umm", "ibn", "bin", "beni", "bani"}
    | {"albu", "ould", "ait", "sidi"}
)
#: letters after which the Arabic article takes their sound ("ash Sham", "an Nabk")
_SUN = ("th", "sh", "dh", "t", "d", "r", "z", "s", "n", "l")
_ARTICLE = re.compile(r"\b([ae]l|[ae][tdrzsnl]|[ae](?:th|sh|dh))[- ]", re.IGNORECASE)


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start


def _hyphen_groups(tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Maximal runs of words glued by hyphens ("Kot-e-Sangi"), as token ranges."""
    groups: list[tuple[int, int]] = []
    n = len(tokens)
    k = 0
    while k < n:
        end = k + 1
        while (
            end + 1 < n
            and tokens[end].text == "-"
            and _glued(tokens[end - 1], tokens[end])
            and _glued(tokens[end], tokens[end + 1])
            and tokens[end - 1].text.isalpha()
            and tokens[end + 1].text.isalpha()
            and tokens[end + 1].sent == tokens[k].sent
        ):
            end += 2
        if end - k > 1:
            groups.append((k, end))
        k = end
    return groups


def _binds(tokens: tuple[Token, ...], a: int, b: int, gazetteer: Gazetteer) -> bool:
    """Whether the hyphen group ``[a, b)`` is one name that must stay whole."""
    parts = [tokens[k].text for k in range(a, b, 2)]
    lower = [p for p in parts if not p[:1].isupper()]
    if len(lower) == len(parts):
        return False  # "well-known"
    if any(p.lower() not in NAME_PARTICLES for p in lower):
        return False  # "Chicago-based", "Israeli-occupied"
    if any(p.isupper() for p in parts):
        return False  # "R-London", "DFL-Minneapolis": a party and a place
    if any(
        gazetteer.demonym(p) is not None and not gazetteer.has_key(normalize_name(p)) for p in parts
    ):
        return False  # "Russian-American", "Egyptian-US": adjectives of two nations
    if lower:
        return True  # "Kot-e-Sangi", "Jalal-ud-Din"
    if gazetteer.has_key(normalize_name("-".join(parts))):
        return True  # "Nana-Mambéré", "Alma-Ata"
    # "Russia-Ukraine", "Colombia-Farc talks", "Europe-Iran": a country, region or city
    # and another word are two things; "Atongo-Bakari" (Atongo a hamlet) is one name
    if all(gazetteer.has_key(normalize_name(p)) for p in parts):
        return False  # "Athens-Clarke County", "Greenbrier-Pocahontas": places side by side
    return not any(_big(p, gazetteer) for p in parts)


def _big(word: str, gazetteer: Gazetteer) -> bool:
    """Whether ``word`` names a continent, country, first-order region or city of 100,000."""
    key = normalize_name(word)
    if key in CONTINENTS:
        return True
    for place in gazetteer.lookup(word, limit=3):
        if normalize_name(place.name) == key or place.population >= 100_000:
            if place.feature_code.startswith("PCL") or place.feature_code == "ADM1":
                return True
            if not place.is_area and place.population >= 100_000:
                return True
    return False


def name_units(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """For each token of ``doc``, the token range of the name it must stay whole with.

    A token outside any bound name has the range of itself.
    """
    tokens = doc.tokens
    n = len(tokens)
    units = [(k, k + 1) for k in range(n)]
    for a, b in _hyphen_groups(tokens):
        if _binds(tokens, a, b, gazetteer):
            for k in range(a, b):
                units[k] = (a, b)

    def cap(k: int) -> bool:
        return 0 <= k < n and tokens[k].text[:1].isupper() and tokens[k].text.isalpha()

    def join(a: int, b: int) -> None:
        a, b = units[a][0], units[b - 1][1]
        for k in range(a, b):
            units[k] = (a, b)

    for k, tok in enumerate(tokens):
        word = tok.text
        low = word.lower()
        same = k + 1 < n and tokens[k + 1].sent == tok.sent
        if low in NAME_PARTICLES and word.islower() and units[k][1] - units[k][0] > 1:
            # "Jisr al-Shughur": a name that opens with a glued particle joins the name before
            a = units[k][0]
            if a == k and k > 0 and tokens[k - 1].sent == tok.sent and cap(k - 1):
                if not _glued(tokens[k - 1], tok):
                    join(k - 1, units[k][1])
        elif low in SPACED_PARTICLES and word.islower() and same and k > 0:
            # "Deir ez Zor", "Khan ash Shih": a spaced particle between two names
            if tokens[k - 1].sent == tok.sent and cap(k - 1) and cap(k + 1):
                join(k - 1, k + 2)
        elif low in LEADING_PARTICLES and cap(k) and same and cap(k + 1):
            if k + 1 < n and not _glued(tok, tokens[k + 1]):
                join(k, k + 2)  # "Al Mansoura", "Abu Ubaydah"
    return units


def known_spelling(name: str, gazetteer: Gazetteer) -> str | None:
    """The index's spelling of a name whose article the text writes another way.

    "Jisr al-Shughur" -> "Jisr ash Shughur", "Ras el-Ain" -> "Ras al Ain"; ``None``
    when no spelling is indexed (or ``name`` itself is).
    """
    if gazetteer.has_key(normalize_name(name)):
        return None
    articles = list(_ARTICLE.finditer(name))
    if not articles or len(articles) > 2:
        return None
    pieces: list[list[str]] = []
    last = 0
    for match in articles:
        pieces.append([name[last : match.start()]])
        rest = name[match.end() :].lower()
        sound = next((s for s in _SUN if rest.startswith(s)), None)
        pieces.append(["al ", "el "] + ([f"a{sound} ", f"e{sound} "] if sound else []))
        last = match.end()
    pieces.append([name[last:]])
    for choice in itertools.product(*pieces):
        option = "".join(choice)
        if gazetteer.has_key(normalize_name(option)):
            return option
    return None
