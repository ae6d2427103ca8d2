"""The words event location reads: place nouns, prepositions, reporting verbs, clause marks."""

from __future__ import annotations

from geomap.toponyms import SPATIAL_PREPOSITIONS

#: prepositions that place an event
LOCATIVE = SPATIAL_PREPOSITIONS | {"on", "within", "over", "along", "between", "beyond"}

#: nouns naming a part or the surroundings of a place ("the suburbs of X")
PLACE_PARTS = frozenset(
    {
        "suburb",
        "outskirts",
        "outskirt",
        "centre",
        "center",
        "district",
        "neighbourhood",
        "neighborhood",
        "part",
        "street",
        "square",
        "area",
        "airport",
        "port",
        "village",
        "town",
        "city",
        "capital",
        "region",
        "province",
        "territory",
        "oblast",
        "state",
        "county",
        "border",
        "north",
        "south",
        "east",
        "west",
        "vicinity",
        "environs",
        "downtown",
        "island",
        "countryside",
        "edge",
        "heart",
        "coast",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "municipality",
        "governorate",
        "camp",
        "section",
    }
)

#: parts that make a place's precision 2 (a part or the vicinity of a town)
VICINITY = frozenset(
    {
        "suburb",
        "outskirts",
        "outskirt",
        "district",
        "neighbourhood",
        "neighborhood",
        "airport",
        "port",
        "vicinity",
        "environs",
        "border",
        "near",
        "outside",
        "around",
    }
)

#: nouns that make "the N of X" an affiliation, not a place ("the government of X")
AFFILIATION = frozenset(
    {
        "president",
        "government",
        "minister",
        "ministry",
        "leader",
        "people",
        "citizen",
        "embassy",
        "ambassador",
        "army",
        "force",
        "police",
        "military",
        "troop",
        "soldier",
        "parliament",
        "king",
        "prime",
        "head",
        "member",
        "official",
        "representative",
        "delegation",
        "envoy",
        "spokesman",
        "spokeswoman",
        "national",
        "resident",
        "native",
        "governor",
        "mayor",
        "chief",
        "party",
        "team",
        "university",
        "bank",
        "company",
        "office",
        "foreign",
    }
)

#: nouns of settlements and sites whose name is a place: "the village of X", "X camp"
PLACE_NOUNS = PLACE_PARTS | {
    "settlement",
    "quarter",
    "base",
    "school",
    "hospital",
    "mosque",
    "church",
    "market",
    "road",
    "highway",
    "bridge",
    "crossing",
    "checkpoint",
    "prison",
    "station",
    "hotel",
    "palace",
    "stadium",
    "museum",
    "valley",
    "river",
    "lake",
    "mountain",
    "hill",
    "outpost",
    "compound",
    "countryside",
    "avenue",
    "refinery",
    "plant",
}

#: buildings whose name is a site an event acts on ("destroyed the U.S. Embassy")
SITE_NOUNS = frozenset({"embassy", "consulate", "airport", "airbase", "barracks", "headquarters"})

#: nouns of an assault whose object after "on" is the place assaulted ("the attack on X")
ASSAULT_NOUNS = frozenset({"attack", "assault", "offensive", "raid", "onslaught", "push"})

#: prepositions that make a proper name after them a place ("in X", "near X")
NAME_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into"}
    | {"through", "towards", "toward", "off", "from", "via"}
)

#: titles that make the name after them a person's
PERSON_TITLES = frozenset(
    {"president", "col", "gen", "general", "deputy", "minister", "mr", "mrs", "ms", "dr"}
    | {"lt", "capt", "maj", "sgt", "king", "prince", "commander", "governor"}
)

#: entity labels that are never a place name
NOT_NAME_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
        "NORP",
        "LANGUAGE",
        "WORK_OF_ART",
        "LAW",
    }
)

#: proper nouns that are never a place name
NOT_NAME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god"}
)

#: mention kinds that never locate an event: "Kazakhstani police", "the Texas Department of Health"
NOT_LOCATIONS = frozenset({"demonym", "modifier"})
#: mention kinds that can locate an event
LOCATION_KINDS = frozenset({"place", "region"})

REPORTING = frozenset(
    {
        "say",
        "report",
        "tell",
        "announce",
        "state",
        "claim",
        "add",
        "note",
        "stress",
        "write",
        "quote",
    }
)

#: nouns of a report's source: "sources in X", "a statement from the ministry in X"
SOURCE_NOUNS = frozenset(
    {
        "source",
        "media",
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "television",
        "newspaper",
        "radio",
        "observatory",
        "correspondent",
        "reporter",
        "activist",
        "witness",
        "eyewitness",
    }
)

#: nouns of a country or region: "the province of X"
AREA_NOUNS = frozenset({"province", "region", "governorate", "oblast", "state", "country"})

#: anaphora that point back to an earlier place
CITY_ANAPHORA = frozenset({"city", "town", "capital"})
COUNTRY_ANAPHORA = frozenset({"republic", "country", "nation"})
REGION_ANAPHORA = frozenset({"region", "province", "oblast"})


#: dependencies of a place that the event acts on ("captured Knin", "Knin was taken")
TARGET_DEPS = frozenset({"dobj", "nsubjpass", "attr", "npadvmod"})

#: prepositions that never give the event's place
NOT_PLACE = frozenset({"against", "for", "about", "with", "by", "like", "than"})

#: the most tokens between a place and the larger area or reference point that frames it
FRAME_GAP = 18

#: clauses below the event's clause whose places can be the event's place
SUBCLAUSE_DEPS = frozenset({"advcl", "acl"})

#: conjunctions of a subordinate clause that tells of another time or a condition
OTHER_TIME_MARKS = frozenset({"since", "before", "until", "unless", "if", "although", "though"})

#: prepositions that put another event before or after this one
SEQUENCE = frozenset({"before", "since", "following", "until", "ahead"})

#: verbs of an attempt: "fighters who **tried** to break the siege of X"
ATTEMPT = frozenset({"try", "attempt", "seek"})

#: what a candidate's ``why`` ends with when a plural place noun names it ("the villages of X")
NAMED_LIST = ", named by a place noun"

#: nouns of a border that its two sides can name ("the Iraqi-Syrian border")
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})

#: dependencies of a clause's subject
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})

#: words of direction and distance: "some 50 km northwest of X" names a reference point
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"away", "outside", "off"}
)
DISTANCE_UNITS = frozenset(
    {"km", "kilometer", "kilometre", "mile", "meter", "metre", "kms", "kilometers", "miles"}
)

#: verbs that count the victims of one attack ("two were killed and five were wounded")
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt", "shoot"})

#: verbs told beside an event as part of it: "captured and leveled X", "killed and their
#: vehicles set ablaze in X", "shot and left for dead in X"
SEIZURE_VERBS = frozenset({"level", "annex", "occupy", "trample", "fire", "set", "leave"})

#: nouns of a person's post: a place attached to one tells where the post is
ROLE_NOUNS = frozenset(
    {"head", "leader", "chief", "commander", "member", "official", "governor", "mayor"}
    | {"minister", "president", "representative", "envoy", "ambassador", "spokesman"}
)

#: verbs whose object is what people protest, not a place ("protested Belgium's plans")
GRIEVANCE_VERBS = frozenset({"protest", "oppose", "condemn", "denounce", "support", "demand"})

#: entity labels of an owner that make "the N of X" an affiliation ("the Mayor of X"),
#: unlike a quantity ("half of X", "most of X")
OWNER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "EVENT", "LAW"})

#: base score of a candidate by how it is attached to the trigger
LEVEL_SCORES = {"trigger": 2.0, "clause": 1.0, "subclause": 0.8, "sentence": 0.0}

#: what each step of the parse path beyond the third costs a candidate
PATH_COST = 0.1

#: the lowest candidate score that makes a place: sentence-level mentions need a
#: locative preposition, clause-level ones no non-locative one
MIN_SCORE = 0.9

#: common nouns of institutions written with a capital: "Congress", "Parliament", "the Senate"
INSTITUTIONS = frozenset(
    {"congress", "parliament", "senate", "assembly", "capitol", "legislature", "court"}
    | {"council", "cabinet", "ministry", "presidency", "chamber", "kremlin", "pentagon"}
    | {"duma", "knesset", "bundestag", "majlis", "government", "palace", "embassy"}
)
#: a place of an institution's name larger than this is a town after all ("Assembly" is none)
INSTITUTION_TOWN = 100_000

#: what a place attached to a verb coordinated with the trigger costs against the trigger's
#: own ("fighting in A and shooting in B": A is the fighting's place)
CONJOINED_COST = 0.3
