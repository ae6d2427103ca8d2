"""Toponym recognition: find the places a document names, with or without the NER's help.

Sources, on the plain tokens of the NLP stage:

1. the NER's GPE/LOC spans (trimmed to the name and widened to the gazetteer name
   they are part of), and FAC spans that are gazetteer names;
2. a gazetteer matcher over capitalised runs, which also finds places the model
   labels ORG or PERSON or misses ("Alma-Ata", "Aktobe") when the text supports
   them: a place cue ("in X", "the village of X", "X, Kenya"), a resident noun
   ("a Winona man"), the same name as a place elsewhere in the document;
3. lists: names joined to a place by a comma, "and" or "or", or before a plural area
   noun ("Barrow and Jackson counties");
4. context: "the X region/oblast/province" becomes one region mention, and
   demonyms ("Kazakhstani") become demonym mentions of their country;
5. short forms: US state abbreviations after a place ("Gainesville, Ga.",
   "Modesto, CA"), postal codes the model calls places, continents ("Africa"), and
   hashtags and the words inside them ("#Ferguson", "#SierraLeone", "#PrayForGaza").

Filters drop person names (a word the NER uses in a person's name elsewhere in
the document, or after a title: "coach Ripley", "Michael Jordan"), capitalised
common words that happen to be gazetteer aliases ("Education", "Police"),
acronyms ("AP", "RT"), religious or ethnic adjectives that are no nationality
("Jewish"), names inside organisation names that are not places ("Paris
Saint-Germain"), institutions named like towns ("the White House"), car makes after
a year ("a 1992 Toyota"), holidays, user names and links.

Kinds: ``"place"`` (a name), ``"region"`` ("the X region"), ``"demonym"`` ("Kazakhstani")
and ``"modifier"``: a place name that only qualifies an organisation ("the *Texas*
Department of Health", "*Oxford* Police", "the *U.S.* House"). Modifiers are resolved
like places but do not say where something happened; corpora differ on whether
they count as toponyms (LGL annotates them).

The result is a tuple of unresolved :class:`~geomap.model.Mention` records.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Mention, Place, Token
from geomap.regions import CONTINENTS

#: nouns that, after a name, make "the X region"-style area mentions
REGION_NOUNS = frozenset(
    {
        "region",
        "oblast",
        "oblys",
        "oblysy",
        "province",
        "governorate",
        "state",
        "district",
        "county",
        "prefecture",
        "department",
        "territory",
        "krai",
        "republic",
        "emirate",
        "canton",
        "voivodeship",
        "parish",
    }
)

#: prepositions of place and direction, shared with the event-location linker
SPATIAL_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "to"}
    | {"towards", "toward"}
)

#: entity labels a place name may be split into ("Goz" unlabelled + "Beida" GPE)
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
#: lower-case nouns after a name that are not part of it ("Hebei province", "Fargo city")
_TRAILING_NOUNS = REGION_NOUNS | {"city", "town", "village"}

#: plural area nouns after a list of names ("Barrow and Jackson counties")
PLURAL_AREA_NOUNS = frozenset(
    {"counties", "parishes", "provinces", "districts", "regions", "states", "townships"}
    | {"cities", "towns", "villages", "communities", "oblasts", "prefectures"}
)

#: nouns that make "the X of Y" a place cue ("the island of Java")
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "villages", "island", "islands", "province", "state"}
    | {"region", "district", "county", "capital", "suburb", "municipality", "port"}
    | {"republic", "kingdom", "township", "borough", "community", "area", "outskirts"}
)
#: GeoNames feature codes of the areas that qualify a place ("Fife, Scotland")
_QUALIFIER_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "ADM1", "TERR"})

#: verbs of war whose object is a place ("shelled Kobane", "retook Palmyra")
SIEGE_VERBS = frozenset(
    {"shelled", "shelling", "bombed", "bombing", "besieged", "besieging", "captured"}
    | {"recaptured", "retook", "seized", "stormed", "overran", "liberated", "encircled"}
)

#: words after which a name is a place for the whole document ("in Winona")
_STRONG_CUES = (
    frozenset({"in", "near", "outside", "inside", "throughout", "across", "around"}) | SIEGE_VERBS
)

#: words before a name that signal a place ("in X", "outside X", "city of X")
PLACE_CUES = (
    SPATIAL_PREPOSITIONS
    | SIEGE_VERBS
    | {
        "from",
        "via",
        "through",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
    }
)

#: words inside an ORG/PERSON span that show the span is not a place name
_ORG_WORDS = frozenset(
    {
        "ministry",
        "university",
        "party",
        "bank",
        "company",
        "corporation",
        "organization",
        "organisation",
        "council",
        "committee",
        "forces",
        "army",
        "police",
        "agency",
        "association",
        "club",
        "fc",
        "united",
        "hospital",
        "school",
        "college",
        "airport",
        "times",
        "post",
        "news",
        "inc",
        "ltd",
        "group",
        "federation",
        "union",
        "office",
        "department",
        "court",
        "church",
    }
)

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

#: smallest population for a name the model labels as an organisation
MIN_POPULATION_ORG = 10_000
#: smallest population for a gazetteer-only match without NER support or a cue
MIN_POPULATION_UNSUPPORTED = 20_000
#: smallest population for a one-word city name the model labels as a person
MIN_POPULATION_CITY = 100_000

#: capitalised words that may precede "X Earthquake" ("the Great Alaska Earthquake")
_EVENT_PREFIXES = frozenset({"the", "great", "north", "south", "east", "west", "central"})
#: nouns of a disaster or of unrest after a place name ("the Bohol earthquake",
#: "the Ferguson riots"): the name is where it happened, not a person
EVENT_NOUNS = frozenset(
    {"earthquake", "earthquakes", "quake", "flood", "floods", "flooding", "tornado"}
    | {"tsunami", "wildfire", "wildfires", "landslide", "mudslide", "eruption", "cyclone"}
    | {"typhoon", "riot", "riots", "uprising", "massacre", "bombing", "bombings"}
    | {"protest", "protests", "protesters", "demonstrations", "unrest"}
)

#: nouns after a name that make it the home of someone ("a Winona man")
RESIDENT_NOUNS = frozenset(
    {"man", "woman", "men", "women", "resident", "residents", "native", "natives", "teen"}
    | {"boy", "girl", "couple", "family", "families", "homeowners", "voters", "area"}
)

#: lower-case nouns of a local body or service after a town ("Joplin police")
LOCAL_NOUNS = frozenset(
    {"police", "hospital", "hospitals", "officials", "authorities", "mayor", "schools"}
    | {"firefighters", "doctor", "doctors", "farmers", "students", "airport", "council"}
)

#: verbs after a name that show it is a person ("Jackson said")
SPEECH_VERBS = frozenset(
    {"said", "says", "told", "added", "asked", "explained", "wrote", "noted", "stated"}
)

_LOWER_OK = frozenset({"of", "de", "del", "la", "le", "el", "al", "upon", "on", "and", "-"})

#: words inside an organisation name (besides :data:`_ORG_WORDS`) that make a leading
#: place name a modifier ("the *Ohio* Supreme Court", "the *U.S.* House")
_ORG_MODIFIED = _ORG_WORDS | frozenset(
    {
        "house",
        "senate",
        "congress",
        "patrol",
        "sheriff",
        "authority",
        "board",
        "commission",
        "service",
        "services",
        "institute",
        "center",
        "centre",
        "foundation",
        "society",
        "coalition",
        "bureau",
        "administration",
        "assembly",
        "government",
        "guard",
        "navy",
        "attorney",
        "state",
        "utilities",
        "cabinet",
        "legislature",
        "chamber",
        "census",
        "supreme",
        "city",
        "county",
        "public",
        "health",
        "fire",
        "environmental",
        "workforce",
    }
)

#: words of a facility or an office that a place name may head ("Newark Fire",
#: "Anderson County Sheriff Greg Taylor", "Huntsville High School")
_INSTITUTION_WORDS = _ORG_MODIFIED | frozenset(
    {"fire", "sheriff", "sheriff's", "jail", "high", "hall", "airport", "library", "station"}
)

#: capitalised words that are gazetteer aliases but, alone, almost never a place in news
COMMON_WORDS = frozenset(
    {
        "act",
        "airport",
        "allah",
        "ap",
        "big",
        "black",
        "blue",
        "center",
        "centre",
        "christian",
        "commerce",
        "day",
        "dr",
        "earth",
        "ebola",
        "education",
        "fan",
        "first",
        "free",
        "green",
        "hall",
        "hamas",
        "hand",
        "hill",
        "hills",
        "human",
        "islamic",
        "island",
        "jewish",
        "lake",
        "man",
        "march",
        "media",
        "mile",
        "muslim",
        "natural",
        "no",
        "north",
        "south",
        "east",
        "west",
        "white",
        "northern",
        "southern",
        "eastern",
        "western",
        "olympic",
        "park",
        "part",
        "peace",
        "police",
        "premier",
        "rebels",
        "red",
        "region",
        "royal",
        "rt",
        "side",
        "soul",
        "st",
        "town",
        "university",
        "valley",
        "wood",
        "god",
        "jesus",
        "justice",
        "white house",
        "obama",
        "ismaili",
        "catholic",
        "sunni",
        "shia",
        "hindu",
        "sikh",
        "buddhist",
        "arab",
        "hispanic",
        "latino",
    }
)

#: diseases named after a place, almost never the place in news ("died of Ebola")
DISEASE_NAMES = frozenset({"ebola", "zika", "chagas"})

#: words after a place name that make it the name of a disease ("West Nile virus")
DISEASE_NOUNS = frozenset(
    {"virus", "fever", "disease", "flu", "strain", "ebolavirus", "encephalitis"}
)

#: words before a name that make it a person ("coach Ripley", "Gov. Perry")
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "coach",
        "gov",
        "governor",
        "sen",
        "senator",
        "rep",
        "president",
        "judge",
        "justice",
        "officer",
        "sgt",
        "lt",
        "capt",
        "gen",
        "col",
        "rev",
        "father",
        "mayor",
        "minister",
        "prof",
        "professor",
        "deputy",
        "detective",
        "trooper",
        "sheriff",
        "pastor",
        "bishop",
    }
)

#: short forms that are places although written in capitals
ACRONYM_PLACES = frozenset(
    {"US", "USA", "UK", "UAE", "NYC", "DRC", "PRC", "DPRK", "ROK", "NSW", "QLD", "LA"}
)

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


_YEAR = re.compile(r"(?:19|20)\d\d")
_HASHTAG = re.compile(r"#(\w{2,})")
#: the words of a hashtag: capitalised or lower-case words, and acronyms
_HASHTAG_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_HYPHENATED_NAME = re.compile(r" [A-Z][a-z]+-[A-Z][a-z]+")
#: characters that never occur in a place name as the NER sees it
_NOT_A_NAME = re.compile(r"[@/\d]|http")
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


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


#: the POS of a proper noun, and those a demonym may have
_PROPER = frozenset({"PROPN"})
_DEMONYM_POS = frozenset({"ADJ", "PROPN", "NOUN"})


def _is_capitalised(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _tokens_by_sentence(doc: Document) -> list[list[Token]]:
    out: list[list[Token]] = [[] for _ in doc.sentences] or [[]]
    for tok in doc.tokens:
        out[tok.sent].append(tok)
    return out


def _bare(text: str) -> str:
    return text.replace(".", "").casefold()


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings, at least 3 when their lengths differ by 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        current = [x]
        for y, cb in enumerate(b, 1):
            current.append(min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + (ca != cb)))
        previous = current
    return previous[-1]


#: tokens that end a name inside an NER span: a spaced dash or plus, a colon, a bar
_SEPARATORS = frozenset({"-", "\u2013", "\u2014", "--", "+", "|", ":", "/", "\u2026", "..."})
#: links, user names and hashtag marks, never part of a name
_LINK = re.compile(r"https?:|t\.co/|^@|^#$|^RT$")


def _entity_pieces(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The NER spans of ``doc``, each cut into the names it runs together.

    Headlines and tweets make the model join names across a separator ("Golan
    Heights - BEIRUT", "Honduras + Mexico") or take in a link or a user name
    ("Harrow http://t.co/..."). A spaced dash or plus, a colon, a slash, a bar or
    an ellipsis, and a link or a user name, end a piece; a hyphen inside a word
    ("Alma-Ata") does not. The first piece keeps the label; a later one labelled
    a place only when it is written as a name and names a country, a first-order
    region or a city of :data:`MIN_POPULATION_CITY` people (the words after "East Midlands - " in
    "East Midlands - An earthquake ..." are the next sentence, "Jan" after
    "Treatment - " a given name).
    """
    tokens = doc.tokens
    out: list[tuple[int, int, str]] = []
    for start, end, label in doc.entities:
        pieces: list[tuple[int, int]] = []
        i = start
        for k in range(start, end):
            tok = tokens[k]
            cut = _LINK.search(tok.text) is not None
            if not cut and tok.text in _SEPARATORS:
                spaced = k > 0 and tokens[k - 1].end < tok.start
                cut = spaced or tok.text != "-"
            if cut:
                pieces.append((i, k))
                i = k + 1
        if i == start:
            out.append((start, end, label))
            continue
        pieces.append((i, end))
        for n, (a, b) in enumerate(pieces):
            while a < b and tokens[a].text.isspace():
                a += 1
            while b > a and tokens[b - 1].text.isspace():
                b -= 1
            if a >= b:
                continue
            if n and a > start and label in ("GPE", "LOC", "FAC"):
                first = tokens[a]
                name = doc.text[first.start : tokens[b - 1].end]
                if not _is_capitalised(first) or first.pos not in ("PROPN", ""):
                    continue
                places = gazetteer.lookup(name, limit=1)
                if (
                    not places
                    or len(name) < 4
                    or not (
                        places[0].feature_code in _QUALIFIER_CODES
                        or places[0].population >= MIN_POPULATION_CITY
                    )
                ):
                    continue
            out.append((a, b, label))
    return out


class _Finder:
    """The state of one recognition run over one document."""

    def __init__(
        self,
        doc: Document,
        gazetteer: Gazetteer,
        assumed: list[tuple[int, frozenset[str], bool]] | None = None,
    ) -> None:
        self.doc = doc
        self.assumed = assumed
        self.gaz = gazetteer
        self.tokens = doc.tokens
        self.text = doc.text
        n = len(self.tokens)
        self.ent_of: list[tuple[int, int, str] | None] = [None] * n
        #: capitalised words of the document's person names
        self.person_words: set[str] = set()
        #: the same, from names of two words or more ("Michael Jordan"): stronger evidence
        self.full_name_words: set[str] = set()
        #: names the NER labels GPE or LOC somewhere in the document
        self.place_names: set[str] = set()
        votes: Counter[str] = Counter()  # person minus place labels of a word
        #: the NER's spans, cut at separators and links ("Golan Heights - BEIRUT")
        self.entities = _entity_pieces(doc, gazetteer)
        for ent in self.entities:
            for i in range(ent[0], ent[1]):
                self.ent_of[i] = ent
            if ent[2] == "PERSON":
                for i in range(ent[0], ent[1]):
                    word = self.tokens[i].text
                    if word[:1].isupper() and len(word) > 2:
                        self.person_words.add(word)
                        votes[word] += 1
                        if ent[1] - ent[0] > 1:
                            self.full_name_words.add(word)
            if ent[2] in ("GPE", "LOC") or (
                ent[0] > 0 and self.tokens[ent[0] - 1].text.lower() in _STRONG_CUES
            ):
                name = self.span_text(*self._trim(ent[0], ent[1]))
                self.place_names.add(name)
                votes[name] -= 1
        # a word the NER calls a place more often than part of a name is a place
        # ("Rethinking Egypt" in a headline, "Egypt" in every other sentence)
        self.full_name_words = {w for w in self.full_name_words if votes[w] > 0}
        self.taken = [False] * n
        self.caps = [_is_capitalised(tok) for tok in self.tokens]
        self.found: list[tuple[int, int, str, str]] = []
        self.extra: list[Mention] = []

    def _trim(self, i: int, j: int) -> tuple[int, int]:
        """Token range ``[i, j)`` without a leading "the" and a trailing possessive."""
        tokens = self.tokens
        while i < j and tokens[i].text.lower() == "the":
            i += 1
        while j - i > 1 and tokens[j - 1].text in _POSSESSIVE:
            j -= 1
        return i, j

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def has_pos(self, tok: Token, tags: frozenset[str], guess: bool) -> bool:
        """Whether ``tok``'s POS is one of ``tags``; ``guess`` when it was not tagged.

        For an untagged token, ``(token, tags, guess)`` is noted in :attr:`assumed`.
        """
        if tok.pos:
            return tok.pos in tags
        if self.assumed is not None:
            self.assumed.append((tok.i, tags, guess))
        return guess

    def is_proper(self, k: int) -> bool:
        """A proper noun; untagged: capitalised and not the first word of its sentence."""
        tok = self.tokens[k]
        if tok.pos:
            return tok.pos == "PROPN"
        guess = False
        first = k
        while first > 0 and self.tokens[first - 1].sent == tok.sent:
            if self.tokens[first - 1].text.isalnum():
                guess = _is_capitalised(tok)
                break
            first -= 1
        return self.has_pos(tok, _PROPER, guess)

    def claim(self, i: int, j: int, kind: str, source: str) -> None:
        while j - i > 1 and self.tokens[j - 1].text in _POSSESSIVE:
            j -= 1
        for k in range(i, j):
            self.taken[k] = True
        self.found.append((i, j, kind, source))

    def cue_before(self, i: int) -> bool:
        """A place cue before token ``i``: "in X", "near X", "the village of X"."""
        if i == 0:
            return False
        word = self.tokens[i - 1].text.lower()
        if word in PLACE_CUES:
            return True
        return word == "of" and i > 1 and self.tokens[i - 2].text.lower() in PLACE_NOUNS

    def qualified_after(self, j: int) -> bool:
        """Whether a country or first-order region follows after a comma ("X, Kenya")."""
        tokens = self.tokens
        if j + 1 >= len(tokens) or tokens[j].text != "," or not _is_capitalised(tokens[j + 1]):
            return False
        for m in (j + 3, j + 2):
            if m > len(tokens) or not all(_is_capitalised(t) for t in tokens[j + 1 : m]):
                continue
            name = self.span_text(j + 1, m)
            if us_state_code(name) is not None:
                return True
            best = self.gaz.lookup(name, limit=1)
            if best and best[0].feature_code in _QUALIFIER_CODES and self.primary(name):
                return True
        return False

    def title_before(self, i: int) -> bool:
        return i > 0 and _bare(self.tokens[i - 1].text) in TITLES

    def is_person(self, i: int, j: int, *, full_names: bool = False) -> bool:
        """A person's name: after a title, or a word of a person's name elsewhere.

        With ``full_names``, only names of two words or more count as evidence
        ("Michael Jordan", not a lone "Jordan" the NER guessed to be a person).
        """
        if self.title_before(i):
            return True
        words = self.full_name_words if full_names else self.person_words
        if j - i == 1 and self.tokens[i].text in words:
            return not self.cue_before(i)
        return False

    def is_disease(self, j: int) -> bool:
        """Whether a disease noun follows, maybe after an adjective ("Marburg fever")."""
        tokens = self.tokens
        if j < len(tokens) and tokens[j].text.lower() in DISEASE_NOUNS:
            return True
        return (
            j + 1 < len(tokens)
            and tokens[j].text.islower()
            and tokens[j + 1].text.lower() in DISEASE_NOUNS
        )

    def primary(self, name: str) -> bool:
        """Whether ``name`` is the own name (not only an alias) of a likely place."""
        key = normalize_name(name)
        return any(normalize_name(p.name) == key for p in self.gaz.lookup(name, limit=8))

    # -------------------------------------------------------------- passes

    def ner(self) -> None:
        """NER spans that name places, demonyms, and place names heading organisations."""
        tokens, gaz = self.tokens, self.gaz
        for start, end, label in self.entities:
            i, j = self._trim(start, end)
            if i >= j:
                continue
            name = self.span_text(i, j)
            key = normalize_name(name)
            if label == "NORP" or (
                label == "GPE" and j - i == 1 and gaz.demonym(name) and not gaz.has_key(key)
            ):
                if gaz.demonym(name) is not None and not self._bad_demonym(i):
                    self.claim(i, j, "demonym", label)
                continue
            if label in ("GPE", "LOC"):
                i, j = self._extend(*self._core(i, j))
                name = self.span_text(i, j)
                key = normalize_name(name)
                if j - i > 1 and _bare(tokens[j - 1].text) in _INSTITUTION_WORDS:
                    if not gaz.has_key(key):
                        self._org_modifier(i, j)  # "the Henderson County Jail"
                        continue
                if j - i > 1 and not gaz.has_key(key):
                    i, j = self._known_head(i, j)  # "Las Vegas Review", "Peru Kills"
                    name = self.span_text(i, j)
                    key = normalize_name(name)
                if self._reject_ner_place(i, j, name, key, label):
                    continue
                if us_state_code(name) is not None:
                    self.claim(i, j, "place", "ABBR")
                else:
                    self.claim(i, j, "place", label)
            elif label == "FAC" and gaz.has_key(key) and not self.is_person(i, j):
                self.claim(i, j, "place", label)
            elif label == "ORG":
                if j - i > 1 and self._demonym_head(i):
                    self.claim(i, i + 1, "demonym", "ORG")  # "the *Georgian* Interior Ministry"
                elif (
                    j - i == 1
                    or not gaz.has_key(key)
                    or any(_bare(tokens[k].text) in _ORG_MODIFIED for k in range(i, j))
                ):
                    self._org_modifier(i, j)  # "the *Ohio* State Patrol", "the State of *Ohio*"
                # else a place name as a whole ("Kota Bharu"): the gazetteer pass decides
            elif label in ("FAC", "PERSON") and j - i > 1:
                # "Newark Fire", "the Henderson County Jail", "Anderson County Sheriff X"
                words = {_bare(tokens[k].text) for k in range(i, j)}
                if words & _INSTITUTION_WORDS:
                    self._org_modifier(i, j)

    def _core(self, i: int, j: int) -> tuple[int, int]:
        """The place name inside an NER span that adds words around it.

        A trailing lower-case area noun goes ("Hebei province", "Fargo city"; the
        region stage adds it back as a region mention), and so does "City" after a
        name when only the name is in the gazetteer ("Dublin City", not "Kansas City").
        """
        tokens, gaz = self.tokens, self.gaz
        if j - i > 1 and tokens[j - 1].text in _TRAILING_NOUNS:
            j -= 1
        if j - i > 1 and not gaz.has_key(normalize_name(self.span_text(i, j))):
            if _bare(tokens[j - 1].text) == "city":
                if gaz.has_key(normalize_name(self.span_text(i, j - 1))):
                    return i, j - 1
        return i, j

    def _extend(self, i: int, j: int) -> tuple[int, int]:
        """Widen an NER place to the gazetteer name it is part of ("Goz *Beida*").

        Up to two capitalised words before and three after (with hyphens, "and",
        "of", "the" inside: "Democratic Republic *of the Congo*"),
        in the same sentence and not yet claimed, longest name first.
        """
        tokens, n = self.tokens, len(self.tokens)
        sent = tokens[i].sent

        def joinable(k: int, inside: bool) -> bool:
            if k < 0 or k >= n or self.taken[k] or tokens[k].sent != sent:
                return False
            text = tokens[k].text
            if text in ("-", "and", "of", "the", "de", "del"):
                return inside  # "Democratic Republic *of the* Congo"
            ent = self.ent_of[k]
            return _is_capitalised(tokens[k]) and (ent is None or ent[2] in _PLACE_LABELS)

        best = (i, j)
        for b in range(j + 3, j - 1, -1):
            if not all(joinable(k, k < b - 1) for k in range(j, b)):
                continue
            for a in range(i - 2, i + 1):
                if (a, b) == (i, j) or not all(joinable(k, k > a) for k in range(a, i)):
                    continue
                if self.gaz.has_key(normalize_name(self.span_text(a, b))):
                    if b - a > best[1] - best[0]:
                        best = (a, b)
        return best

    def _known_head(self, i: int, j: int) -> tuple[int, int]:
        """The longest place name that begins an NER span the gazetteer does not know.

        Headlines run a name into the next words ("Earthquake in Peru Kills 9",
        "Patients Should Not Be In The United States for Treatment"); the head counts
        when it is the own name of a country, a first-order region or a town of
        :data:`MIN_POPULATION_UNSUPPORTED` people and the next word is no proper
        noun that continues the name ("the Bay Area", "Santa Cruz de la Sierra").
        """
        tokens = self.tokens
        for m in range(j - 1, i, -1):
            if tokens[m].text.lower() in _LOWER_OK or tokens[m - 1].text in ("-", "of"):
                continue
            if tokens[m].pos == "PROPN" or (not tokens[m].pos and _is_capitalised(tokens[m])):
                continue  # "the Bay Area", "Central America": the name goes on
            if tokens[m].text.lower() in PLACE_NOUNS:
                continue  # "the Bay area"
            name = self.span_text(i, m)
            key = normalize_name(name)
            if key in COMMON_WORDS or not self.gaz.has_key(key):
                continue
            best = self.gaz.lookup(name, limit=1)[0]
            if normalize_name(best.name) != key and not self.primary(name):
                continue
            if best.feature_code in _QUALIFIER_CODES or (
                not best.is_area and best.population >= MIN_POPULATION_UNSUPPORTED
            ):
                return i, m
        return i, j

    def _demonym_head(self, i: int) -> bool:
        """Whether token ``i`` is a demonym and no place name ("American", not "Georgia")."""
        word = self.tokens[i].text
        return (
            self.gaz.demonym(word) is not None
            and not self.gaz.has_key(normalize_name(word))
            and not self._bad_demonym(i)
        )

    def _bad_demonym(self, i: int) -> bool:
        tok = self.tokens[i]
        if i > 0 and self.tokens[i - 1].text == "-" and self.tokens[i - 1].end == tok.start:
            return True  # "African-American"
        return tok.text.lower() in COMMON_WORDS

    def _compound_name(self, i: int, j: int) -> bool:
        """A place glued to a hyphenated proper name: a club or brand ("Paris Saint-Germain")."""
        end = self.tokens[j - 1].end
        return _HYPHENATED_NAME.match(self.text, end) is not None

    def _reject_ner_place(self, i: int, j: int, name: str, key: str, label: str) -> bool:
        tokens = self.tokens
        if key in COMMON_WORDS and not self.cue_before(i):
            return True
        if key in DISEASE_NAMES or tokens[j - 1].text.lower() in DISEASE_NOUNS:
            return True  # "died of Ebola", "West Nile Virus"
        if name.islower() and j - i == 1 and not self._big_own_name(name):
            return True  # "the dead swan", "cheddar cheese"
        if i > 0 and tokens[i - 1].text == "$" and tokens[i - 1].end == tokens[i].start:
            return True  # "$US 15 billion"
        if _NOT_A_NAME.search(name):
            return True  # user names, links, codes ("@someone", "H5N1")
        if (
            j - i == 1
            and not self.gaz.has_key(key)
            and key not in CONTINENTS
            and us_state_code(name) is None
        ):
            # a word the gazetteer does not know is a place only where the text says so
            return not (self.cue_before(i) or self._region_after(j) or self.qualified_after(j))
        if self._compound_name(i, j):
            return True
        if self.is_person(i, j, full_names=True) or self.is_disease(j):
            return True
        if tokens[j - 1].text == "Day":
            return True  # a holiday: "St. Patrick's Day"
        if j < len(tokens) and tokens[j].text.lower() in SPEECH_VERBS:
            # "Petrova said": a person, unless a country, state or city speaks
            best = self.gaz.lookup(name, limit=1)
            if not best or (
                best[0].feature_code not in _QUALIFIER_CODES
                and best[0].population < MIN_POPULATION_CITY
            ):
                return True
        bare = name.replace(".", "")
        if bare.isupper() and len(bare) <= 3 and bare not in ACRONYM_PLACES:
            if us_state_code(name) is not None or self._postal_after_place(i):
                return False
            # a state's postal code the model itself calls a place ("a fire in NJ")
            return not (label == "GPE" and bare in US_STATE_POSTAL)
        return False

    def _big_own_name(self, name: str) -> bool:
        """Whether ``name`` is the own name of a country, a first-order region or a large city."""
        key = normalize_name(name)
        for place in self.gaz.lookup(name, limit=4):
            if normalize_name(place.name) == key:
                if place.feature_code in _QUALIFIER_CODES:
                    return True
                return not place.is_area and place.population >= MIN_POPULATION_CITY
        return False

    def _org_modifier(self, i: int, j: int) -> None:
        """Claim a place that qualifies an organisation name ("Texas Department of ...").

        The place must head the name, with more words after it. A one-word place must
        be the gazetteer's own name of its best candidate ("White" of "White House" is
        not); a small town counts when the name has an organisation word ("the
        *Hopkinton* Police Department"). "City" and "State" before more words belong
        to the organisation ("the *Dublin* City Council", "*Ohio* State University").
        """
        tokens, gaz = self.tokens, self.gaz
        words = {_bare(tokens[k].text) for k in range(i, j)}
        org_word = bool(words & _ORG_MODIFIED)
        # a place name at the start of the organisation name
        for m in range(min(j - 1, i + 4), i, -1):
            name = self.span_text(i, m)
            if not all(_is_capitalised(tokens[k]) or tokens[k].text == "-" for k in range(i, m)):
                continue
            if us_state_code(name) is not None:
                if org_word:
                    self.claim(i, m, "modifier", "ABBR")
                    return
                continue
            last = tokens[m - 1].text.lower()
            if last == "-" or tokens[m].text == "-" or (m - i == 1 and last in _ORG_MODIFIED):
                continue  # "Wal-Mart", "Central Command"
            if m - i > 1 and last in ("city", "state"):
                continue
            key = normalize_name(name)
            if key in COMMON_WORDS or not gaz.has_key(key):
                continue
            best = gaz.lookup(name, limit=1)
            if not best:
                continue
            own = normalize_name(best[0].name) == key or name.replace(".", "") in ACRONYM_PLACES
            if m - i == 1 and not own:
                continue
            if best[0].is_area or best[0].population >= MIN_POPULATION_ORG or org_word:
                self.claim(i, m, "modifier", "ORG")
                return
        if not org_word:
            return
        # "... of Kentucky" at the end of the organisation name
        for k in range(j - 2, i, -1):
            if tokens[k].text.lower() != "of":
                continue
            name = self.span_text(k + 1, j)
            if normalize_name(name) in COMMON_WORDS:
                return
            places = gaz.lookup(name, limit=1)
            if places and (places[0].is_area or places[0].population >= MIN_POPULATION_ORG):
                if self.primary(name):
                    self.claim(k + 1, j, "modifier", "ORG")
            return

    def _postal_after_cue(self, i: int) -> bool:
        """Whether token ``i`` is a postal code after a place cue ("a storm in NJ").

        Codes that are also words or common abbreviations ("IN", "OR", "ME", "OK",
        "MT") never count so.
        """
        tokens = self.tokens
        return (
            i >= 1
            and tokens[i].text in US_STATE_POSTAL
            and tokens[i].text not in _WORD_CODES
            and tokens[i - 1].text in _POSTAL_CUES
        )

    def _postal_after_place(self, i: int) -> bool:
        """Whether token ``i`` follows "Place ," ("Modesto, CA")."""
        tokens = self.tokens
        return (
            i >= 2
            and tokens[i - 1].text == ","
            and _is_capitalised(tokens[i - 2])
            and tokens[i].text in US_STATE_POSTAL
        )

    def gazetteer_runs(self) -> None:
        """Gazetteer matches over capitalised runs that no entity claimed."""
        gaz, taken, caps = self.gaz, self.taken, self.caps
        max_words = max(1, gaz.max_name_words)
        for sent_tokens in _tokens_by_sentence(self.doc):
            n = len(sent_tokens)
            k = 0
            while k < n:
                tok = sent_tokens[k]
                if taken[tok.i] or not caps[tok.i]:
                    k += 1
                    continue
                if self._abbreviation(tok):
                    k += 1
                    continue
                match_end = None
                # the run: unclaimed capitalised words, with "of", "de", "-" ... inside
                limit = min(n, k + 3 * max_words)
                end = k + 1
                while end < limit:
                    t = sent_tokens[end]
                    if taken[t.i] or not (caps[t.i] or t.text.lower() in _LOWER_OK):
                        break
                    end += 1
                for m in range(end, k, -1):
                    last = sent_tokens[m - 1]
                    if not caps[last.i]:
                        continue
                    key = normalize_name(self.span_text(sent_tokens[k].i, last.i + 1))
                    if gaz.has_key(key) or key in CONTINENTS:
                        match_end = m
                        break
                if match_end is None:
                    if (
                        gaz.demonym(tok.text) is not None
                        and self.has_pos(tok, _DEMONYM_POS, True)
                        and not self._bad_demonym(tok.i)
                        and self._demonym_context(tok.i)
                    ):
                        self.claim(tok.i, tok.i + 1, "demonym", "GAZ")
                    k += 1
                    continue
                i, j = sent_tokens[k].i, sent_tokens[match_end - 1].i + 1
                if self._accept(i, j, self.span_text(i, j)):
                    self.claim(i, j, "place", "GAZ")
                    k = match_end
                else:
                    # a rejected name is not a place in part either ("Meadow *Grove*")
                    k = match_end if j - i > 1 else k + 1

    def lists(self) -> None:
        """Names listed with a place or before a plural area noun are places.

        "Gainesville and Lindsay", "Paris, Roxton and Honey Grove", "Barrow, Jackson
        and Madison counties": a capitalised gazetteer name (its own name, not an
        alias, and no word of a person's full name) joined by a comma, "and" or "or"
        to a place found already becomes a place too.
        """
        tokens, n = self.tokens, len(self.tokens)
        seeds = [(i, j) for i, j, kind, _ in self.found if kind == "place"]
        for k in range(1, n):
            if tokens[k].text.lower() in PLURAL_AREA_NOUNS and _is_capitalised(tokens[k - 1]):
                run = self._name_before(k)
                if run is not None:
                    self.claim(*run, "place", "GAZ")
                    seeds.append(run)
        while seeds:
            i, j = seeds.pop()
            after = self._listed_after(j)
            if after is not None:
                self.claim(*after, "place", "GAZ")
                seeds.append(after)
            before = self._listed_before(i)
            if before is not None:
                self.claim(*before, "place", "GAZ")
                seeds.append(before)

    def _listed_after(self, j: int) -> tuple[int, int] | None:
        tokens, n = self.tokens, len(self.tokens)
        k = j
        if k < n and tokens[k].text == ",":
            k += 1
        if k < n and tokens[k].text.lower() in ("and", "or"):
            k += 1
        if k == j or k >= n or tokens[k].sent != tokens[j - 1].sent:
            return None
        comma_only = tokens[k - 1].text == ","
        for m in range(min(n, k + 3), k, -1):
            if m < n and _is_capitalised(tokens[m]):
                continue  # the name must end where the capitals end
            if comma_only and not (m < n and tokens[m].text.lower() in (",", "and", "or")):
                continue  # "Medina, Ohio, Sissy's handler" is no list
            if self._listable(k, m):
                return k, m
        return None

    def _listed_before(self, i: int) -> tuple[int, int] | None:
        tokens = self.tokens
        k = i
        if k > 0 and tokens[k - 1].text.lower() in ("and", "or"):
            k -= 1
        if k > 0 and tokens[k - 1].text == ",":
            k -= 1
        if k == i or k == 0 or tokens[k - 1].sent != tokens[i].sent:
            return None
        return self._name_before(k)

    def _name_before(self, k: int) -> tuple[int, int] | None:
        """The listable name that ends just before token ``k``, longest first."""
        for a in range(max(0, k - 3), k):
            if self._listable(a, k):
                return a, k
        return None

    def _listable(self, i: int, j: int) -> bool:
        tokens = self.tokens
        if any(self.taken[k] or not _is_capitalised(tokens[k]) for k in range(i, j)):
            return False
        if i > 0 and _is_capitalised(tokens[i - 1]) and tokens[i - 1].sent == tokens[i].sent:
            return False  # part of a longer capitalised name
        if j - i == 1 and tokens[i].text in self.full_name_words:
            return False
        name = self.span_text(i, j)
        key = normalize_name(name)
        if key in COMMON_WORDS or self.title_before(i) or not self.gaz.has_key(key):
            return False
        if self.gaz.demonym(name) is not None:
            return False  # "in English and Spanish"
        label = self.ent_of[i][2] if self.ent_of[i] else ""
        if label in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "NORP"):
            return False
        if self.primary(name):
            return True
        # a county or district by its short name ("Wilkin" for Wilkin County)
        return any(
            p.is_area and normalize_name(p.name).startswith(key + " ")
            for p in self.gaz.lookup(name, limit=4)
        )

    def _demonym_context(self, i: int) -> bool:
        ent = self.ent_of[i]
        return ent is None or ent[2] in ("NORP", "GPE")

    def _abbreviation(self, tok: Token) -> bool:
        """Claim a US state abbreviation ("Ga.", "S.C.", "D-S.C.", "Modesto, CA")."""
        text = tok.text
        offset = 0
        if len(text) > 2 and text[1] == "-" and text[0] in "DRI":
            text, offset = text[2:], 2  # "D-S.C." (party and state)
        code = us_state_code(text)
        if code is not None:
            multi = text.count(".") >= 2
            after_place = tok.i >= 2 and self.tokens[tok.i - 1].text == ","
            if not (multi or after_place or offset):
                return False
        elif self._postal_after_place(tok.i) or self._postal_after_cue(tok.i):
            code = text
        else:
            return False
        if offset:
            self.taken[tok.i] = True
            self.extra.append(
                Mention(
                    start=tok.start + offset,
                    end=tok.end,
                    text=text,
                    name=text,
                    kind="place",
                    source="ABBR",
                    sent=tok.sent,
                )
            )
        else:
            self.claim(tok.i, tok.i + 1, "place", "ABBR")
        return True

    def hashtags(self) -> None:
        """Places written as hashtags or inside them ("#Ferguson", "#PrayForGaza").

        A hashtag is split into its words ("PrayForGaza" -> "Pray", "For", "Gaza";
        "IranTalksNYC" -> "Iran", "Talks", "NYC"); runs of up to three words are
        looked up, longest first. A lower-case hashtag counts only whole
        ("#canada", "#usa", "#ferguson"): a country by any of its names, or a region
        or a town of :data:`MIN_POPULATION_UNSUPPORTED` people by its own name.
        """
        text = self.text
        if "#" not in text:
            return
        starts = {tok.start: tok for tok in self.tokens}
        ends = {tok.end: tok for tok in self.tokens}
        for match in _HASHTAG.finditer(text):
            word = match.group(1)
            s, e = match.span(1)
            if text.startswith(("\u2026", "..."), e):
                continue  # cut off by the tweet's length ("#vac…"): the word is unknown
            first = starts.get(s) or starts.get(s - 1)
            last = ends.get(e)
            if first is None or last is None or any(self.taken[first.i : last.i + 1]):
                continue
            if word.islower():
                if self._hashtag_place(word, big=True) or self._hashtag_country(word):
                    self._claim_chars(s, e, word, first)
                continue
            parts = [(m.start(), m.group()) for m in _HASHTAG_PART.finditer(word)]
            k = 0
            while k < len(parts):
                for n in range(min(3, len(parts) - k), 0, -1):
                    run = parts[k : k + n]
                    p_start, p_end = run[0][0], run[-1][0] + len(run[-1][1])
                    if word[p_start:p_end] != "".join(w for _, w in run):
                        continue  # a digit or an underscore in between
                    name = " ".join(w for _, w in run)
                    # a lone word inside a longer hashtag is often a given name ("SaveMartin")
                    big = n == 1 and len(parts) > 1
                    if self._hashtag_place(name, big=big):
                        self._claim_chars(s + p_start, s + p_end, name, first)
                        k += n
                        break
                else:
                    k += 1

    def _hashtag_country(self, word: str) -> bool:
        """Whether a whole lower-case hashtag is a country by a short name ("#usa", "#uk")."""
        if len(word) < 2 or word in ("us", "me", "in"):
            return False
        places = self.gaz.lookup(word, limit=1)
        return bool(places) and places[0].feature_code.startswith("PCL")

    def _hashtag_place(self, name: str, *, big: bool) -> bool:
        """Whether a word or words of a hashtag name a place."""
        bare = name.replace(" ", "")
        if bare.isupper():
            return bare in ACRONYM_PLACES or bare in US_STATE_POSTAL
        if len(bare) < 3:
            return False
        key = normalize_name(name)
        if key in COMMON_WORDS:
            return False
        if key in CONTINENTS:
            return True
        places = self.gaz.lookup(name, limit=1)
        if not places or not self.primary(name):
            return False
        best = places[0]
        if not big:
            return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED
        # a word of a longer hashtag, or a lower-case one: a country, state or city by
        # its own name ("#PrayForGaza", not "Michael" of "#MichaelBrown")
        if normalize_name(best.name) != key:
            return False
        if name.islower() and not best.is_area:
            return best.population >= MIN_POPULATION_UNSUPPORTED  # a whole "#ferguson"
        if best.is_area:
            return (
                best.feature_code in _QUALIFIER_CODES
                and best.population >= MIN_POPULATION_UNSUPPORTED
            )
        return best.population >= MIN_POPULATION_CITY

    def _claim_chars(self, start: int, end: int, name: str, tok: Token) -> None:
        """Add a place mention at character offsets that need not be token bounds."""
        for t in self.tokens[tok.i :]:
            if t.start >= end:
                break
            if t.end > start:
                self.taken[t.i] = True
        self.extra.append(
            Mention(
                start=start,
                end=end,
                text=self.text[start:end],
                name=name,
                kind="place",
                source="GAZ",
                sent=tok.sent,
            )
        )

    def _accept(self, i: int, j: int, name: str) -> bool:
        """Decide whether a capitalised run that is a gazetteer name is a place here."""
        tokens, gaz = self.tokens, self.gaz
        if not _LATIN.search(name):
            # another script ("в Алматы"): the English model's entity labels, tags and
            # cue words say nothing there, so the gazetteer's size prior decides alone
            places = gaz.lookup(name, limit=1)
            return bool(places) and (
                places[0].is_area or places[0].population >= MIN_POPULATION_UNSUPPORTED
            )
        own = getattr(gaz, "own", None)  # the user's own places (``--places``)
        if own is not None and own.has_key(normalize_name(name)):
            return True  # they listed it: a place whatever the model labels it
        ents = {self.ent_of[k] for k in range(i, j)}
        ent = next(iter(ents)) if len(ents) == 1 else None
        label = ent[2] if ent else ""
        if label == "PERSON":
            return self._person_labelled_place(i, j, ent, name)
        if label in (
            "DATE",
            "TIME",
            "MONEY",
            "PERCENT",
            "CARDINAL",
            "ORDINAL",
            "WORK_OF_ART",
        ):
            return False
        key = normalize_name(name)
        cue = self.cue_before(i) or self.qualified_after(j) or self.event_after(i, j, name)
        if key in COMMON_WORDS or self.is_person(i, j) or self.is_disease(j):
            return False
        if i > 0 and tokens[i - 1].text == "$" and tokens[i - 1].end == tokens[i].start:
            return False  # a currency: "$US 15 billion"
        after_year = i > 0 and _YEAR.fullmatch(tokens[i - 1].text) is not None
        if after_year and not name.isupper() and not self.event_after(i, j, name):
            return False  # a car make: "a 1992 Toyota Corolla", not "2011 Brisbane floods"
        if key in CONTINENTS:
            return True
        places = gaz.lookup(name, limit=1)
        if not places:
            return False
        best = places[0]
        bare = name.replace(".", "").replace(" ", "")
        if bare.isupper():
            if len(bare) <= 3 and bare not in ACRONYM_PLACES:
                return False  # acronyms ("TASS", "VKS", "AP") are codes, not town names
            strong = i > 0 and tokens[i - 1].text.lower() in _STRONG_CUES
            city = bare in ACRONYM_PLACES or (
                strong and best.population >= MIN_POPULATION_UNSUPPORTED
            )  # "NYC", "PROTEST IN ABUJA"
            if not best.is_area and not city and not self._dateline(j):
                return False
            if self._dateline(j) and (self._line_start(i) or after_year):
                return True  # "TORRINGTON — City Council ...", tagged as a common noun
        single_alias = j - i == 1 and bare not in ACRONYM_PLACES and not self.primary(name)
        if label in ("ORG", "NORP", "PRODUCT", "EVENT", "LAW", "FAC"):
            # only when the whole entity (less "the") is the name, or the name follows "of"
            e_start, e_end = ent[0], ent[1]
            while e_start < e_end and tokens[e_start].text.lower() == "the":
                e_start += 1
            while e_end - e_start > 1 and tokens[e_end - 1].text in _POSSESSIVE:
                e_end -= 1  # "Sierra Leone's"
            words = {tokens[k].text.lower() for k in range(ent[0], ent[1])}
            whole = (e_start, e_end) == (i, j)
            after_of = i > 0 and tokens[i - 1].text.lower() == "of" and j == e_end
            if words & _ORG_WORDS and not after_of:
                return False
            if self.event_after(i, j, name):
                return True  # "the Great Alaska Earthquake", "the Haiti Earthquake"
            if not (whole or after_of):
                return False
            if whole and e_start > ent[0] and not best.is_area and not cue:
                return False  # "the White House": a building or body, not the town
            if whole and (cue or name in self.place_names or self._resident_after(j)):
                return True  # "in Cross Lanes", "a Winona man"
            if single_alias and not self._notable(name, best):
                return False
            return best.is_area or best.population >= MIN_POPULATION_ORG
        # no entity: need a proper noun that is not just a capitalised sentence start
        is_proper = all([self.is_proper(k) or tokens[k].text in ("-", "of") for k in range(i, j)])
        if not is_proper:
            return False
        if cue or self._region_after(j) or self._resident_after(j):
            return not single_alias or cue
        small = best.feature_code not in _QUALIFIER_CODES and best.population < MIN_POPULATION_CITY
        if small and i > 0 and tokens[i - 1].sent == tokens[i].sent:
            prev = tokens[i - 1]
            if _is_capitalised(prev) and not self._line_start(i - 1):
                if prev.text.lower() not in PLACE_CUES:
                    return False  # the end of a longer name the gazetteer lacks ("Taco Bell")
        if j - i == 1 and bare not in ACRONYM_PLACES:
            # one word and no support: it must be the own name of a sizeable place
            # ("Sam" is an alias of Damascus, "Rice" short for Rice County)
            if single_alias or normalize_name(best.name) != key:
                return self._notable(name, best)
            if best.is_area and best.feature_code not in _QUALIFIER_CODES:
                return False
            if best.is_area and best.population < MIN_POPULATION_UNSUPPORTED:
                return False
        return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED

    def _person_labelled_place(
        self, i: int, j: int, ent: tuple[int, int, str] | None, name: str
    ) -> bool:
        """Whether a place name the NER took for a person is a place after all.

        The name must be the whole entity and no word of a full person's name in
        the document ("Jesse Jackson"), nor follow a title; then it is a place
        after a place cue ("in Gainesville"), when the document names it as a place
        elsewhere (one sense per discourse), or when it is a name of several words
        that is the gazetteer's own name of a sizeable place ("Sri Lanka").
        """
        if ent is None or self._trim(ent[0], ent[1]) != (i, j):
            return False
        key = normalize_name(name)
        if key in COMMON_WORDS or self.title_before(i) or self.is_disease(j):
            return False
        if any(self.tokens[k].text in self.full_name_words for k in range(i, j)) and j - i == 1:
            return False
        # "to" and "from" go with people too ("said hi to Rice"); "in" and "near" do not
        strong_cue = i > 0 and self.tokens[i - 1].text.lower() in _STRONG_CUES
        if strong_cue or (self.cue_before(i) and self.tokens[i - 1].text.lower() == "of"):
            return True
        if self.qualified_after(j) or name in self.place_names or self._resident_after(j):
            return True
        if self.event_after(i, j, name):
            return True  # "the Ferguson riot", "the Bohol earthquake"
        places = self.gaz.lookup(name, limit=1)
        if not places:
            return False
        best = places[0]
        speaks = j < len(self.tokens) and self.tokens[j].text.lower() in SPEECH_VERBS
        if not self.primary(name):
            return j - i == 1 and not speaks and self._notable(name, best)
        if j - i > 1:
            return best.is_area or best.population >= MIN_POPULATION_ORG
        # one word: a country, state or city by its own name, unless it speaks
        if speaks:
            return False
        if best.name.casefold() != name.casefold():
            # spelt as the place, accents too ("Bush" is not "Būsh"), or a well-known town
            return self._notable(name, best)
        if best.is_area:
            return (
                best.feature_code in _QUALIFIER_CODES
                and best.population >= MIN_POPULATION_UNSUPPORTED
            )
        return best.population >= MIN_POPULATION_CITY

    def event_after(self, i: int, j: int, name: str) -> bool:
        """Whether a disaster or unrest noun follows a place ("the Bohol earthquake").

        The name must be the own name of a country, a first- or second-order region
        or a town of :data:`MIN_POPULATION_UNSUPPORTED` people, not a word that only
        happens to be an alias ("the Book Riot", "a Monster tornado"); before a
        capitalised noun, it must not end a longer name ("Butler Golden Tornado").
        """
        tokens = self.tokens
        if j >= len(tokens) or tokens[j].text.lower() not in EVENT_NOUNS:
            return False
        if _is_capitalised(tokens[j]) and i > 0 and _is_capitalised(tokens[i - 1]):
            before = tokens[i - 1].text.lower()
            if before not in _EVENT_PREFIXES and not self._line_start(i):
                return False
        key = normalize_name(name)
        if key in COMMON_WORDS:
            return False
        for place in self.gaz.lookup(name, limit=4):
            if normalize_name(place.name) == key:
                if place.is_area:
                    return place.feature_code in _QUALIFIER_CODES or (
                        place.population >= MIN_POPULATION_UNSUPPORTED
                    )
                return place.population >= MIN_POPULATION_UNSUPPORTED
        return False

    @staticmethod
    def _notable(name: str, best: Place) -> bool:
        """Whether a one-word name is a large city under a close spelling ("Kiev", "Misrata").

        The gazetteer's aliases are often common words or given names ("Google" for
        Topeka, "Mina" for Minna), so only a close spelling of a large city counts:
        a capital's name differing by two letters at most from its own name, with the
        same first letter ("Kiev" for Kyiv, "Sana" for Sanaa), or a name of six
        letters or more, one letter off, of a city of :data:`MIN_POPULATION_CITY`
        people ("Misrata" for Misratah, "Odessa" for Odesa). A name spelt as the
        city but for its accents is another word ("Bush" is not "Būsh").
        """
        if best.is_area or best.population < MIN_POPULATION_CITY or len(name) < 4:
            return False
        if not (name[:1].isupper() and name[1:].islower()):
            return False
        own, key = normalize_name(best.name), normalize_name(name)
        if own == key or key in COMMON_WORDS or own[:1] != key[:1] or own == key + "s":
            return False
        if best.feature_code == "PPLC":
            return _edit_distance(own, key) <= 2
        return len(key) >= 6 and own[:2] == key[:2] and _edit_distance(own, key) <= 1

    def _resident_after(self, j: int) -> bool:
        """Whether a word for a resident follows ("a Winona man", "Gainesville residents").

        A lower-case word for a local body or service counts too ("Joplin police",
        "the Lagos hospital"); capitalised, it names an organisation ("Oxford Police").
        """
        if j >= len(self.tokens):
            return False
        word = self.tokens[j].text
        return word.lower() in RESIDENT_NOUNS or (word.islower() and word in LOCAL_NOUNS)

    def _region_after(self, j: int) -> bool:
        return j < len(self.tokens) and self.tokens[j].text.lower() in REGION_NOUNS

    def _line_start(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence or a line."""
        if i == 0:
            return True
        prev, tok = self.tokens[i - 1], self.tokens[i]
        return prev.sent != tok.sent or prev.text in (".", "!", "?") or prev.text.isspace()

    def _dateline(self, j: int) -> bool:
        """A capitalised dateline: "COLUMBUS, Ohio (AP)", "KUALA LUMPUR -"."""
        return j < len(self.tokens) and self.tokens[j].text in (
            ",",
            ":",
            "(",
            "-",
            "--",
            "\u2014",
            "\u2013",
        )


def recognise(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    assumed: list[tuple[int, frozenset[str], bool]] | None = None,
) -> Document:
    """Return ``doc`` with its place mentions found (not yet resolved).

    Where a test needs the POS of an untagged token (empty ``pos``), a demonym
    counts as an adjective and a capitalised word that does not start its
    sentence as a proper noun. Each such answer is appended to ``assumed`` when it
    is given, as ``(token index, POS tags, answer)``, so the caller may tag those
    tokens and recognise again where an answer does not hold. The answer holds
    when the token's POS turns out to be (or not to be) one of the tags. When
    every one holds once the tokens are tagged, recognising again
    gives the same mentions (recognition reads POS nowhere else).
    """
    finder = _Finder(doc, gazetteer, assumed)
    finder.ner()
    finder.gazetteer_runs()
    finder.lists()
    finder.hashtags()
    tokens = doc.tokens
    span_text = finder.span_text

    # Region phrases: extend "X" to "the X region" when a region noun follows.
    mentions: list[Mention] = list(finder.extra)
    for i, j, kind, source in sorted(finder.found):
        if kind == "place" and j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS:
            if tokens[j].sent == tokens[i].sent and tokens[j].start > tokens[j - 1].end:
                noun = tokens[j].text
                name = f"{span_text(i, j)} {noun.lower()}"
                start_i = i - 1 if i > 0 and tokens[i - 1].text.lower() == "the" else i
                mentions.append(
                    Mention(
                        start=tokens[start_i].start,
                        end=tokens[j].end,
                        text=span_text(start_i, j + 1),
                        name=name,
                        kind="region",
                        source=source,
                        sent=tokens[i].sent,
                    )
                )
                continue
        mentions.append(
            Mention(
                start=tokens[i].start,
                end=tokens[j - 1].end,
                text=span_text(i, j),
                name=span_text(i, j),
                kind=kind,
                source=source,
                sent=tokens[i].sent,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return dataclasses.replace(doc, mentions=tuple(mentions))
