"""The words recognition reads: cues, nouns of areas and bodies, titles, common words."""

from __future__ import annotations

import re

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

#: plural area nouns after a list of names ("Barrow and Jackson counties"), and the
#: noun of one of them
PLURAL_AREA_NOUNS: dict[str, str] = {
    "counties": "county",
    "parishes": "parish",
    "provinces": "province",
    "districts": "district",
    "regions": "region",
    "states": "state",
    "townships": "township",
    "oblasts": "oblast",
    "prefectures": "prefecture",
    "governorates": "governorate",
    "departments": "department",
    "territories": "territory",
    "municipalities": "municipality",
    "emirates": "emirate",
    "cantons": "canton",
    "voivodeships": "voivodeship",
    "cities": "city",
    "towns": "town",
    "villages": "village",
    "communities": "community",
    "localities": "locality",
    "camps": "camp",
}

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


_YEAR = re.compile(r"(?:19|20)\d\d")
_HASHTAG = re.compile(r"#(\w{2,})")
#: the words of a hashtag: capitalised or lower-case words, and acronyms
_HASHTAG_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_HYPHENATED_NAME = re.compile(r" [A-Z][a-z]+-[A-Z][a-z]+")
#: characters that never occur in a place name as the NER sees it
_NOT_A_NAME = re.compile(r"[@/\d]|http")
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
#: the POS of a proper noun, and those a demonym may have
_PROPER = frozenset({"PROPN"})
_DEMONYM_POS = frozenset({"ADJ", "PROPN", "NOUN"})

#: short forms that are places although written in capitals
ACRONYM_PLACES = frozenset(
    {"US", "USA", "UK", "UAE", "NYC", "DRC", "PRC", "DPRK", "ROK", "NSW", "QLD", "LA"}
)
