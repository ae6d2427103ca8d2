"""Word sets the event rules read: forces, armed groups, civilians, targets, crowds, weapons.

Lemmas, lower-case; also the words a trigger needs in its sentence (``NEEDS``) and the
words that make it planned, denied or hypothetical.
"""

from __future__ import annotations

#: words that describe armed, security or state forces
FORCES = frozenset(
    {
        "police",
        "policeman",
        "officer",
        "soldier",
        "troop",
        "army",
        "military",
        "force",
        "security",
        "guard",
        "militant",
        "rebel",
        "insurgent",
        "fighter",
        "gunman",
        "militia",
        "peacekeeper",
        "official",
        "serviceman",
        "personnel",
        "jihadist",
        "terrorist",
        "sniper",
    }
)

#: verbs of taking or retaking territory; the actor decides the sub-type
TERRITORY_VERBS = frozenset(
    {
        "capture",
        "seize",
        "overrun",
        "liberate",
        "regain",
        "recapture",
        "retake",
        "retook",
        "occupy",
        "free",
    }
)
#: objects that make a capture a capture of territory
TERRITORY_NOUNS = frozenset(
    {
        "village",
        "town",
        "city",
        "area",
        "territory",
        "district",
        "base",
        "hill",
        "position",
        "checkpoint",
        "neighborhood",
        "neighbourhood",
        "region",
        "province",
        "airport",
        "outpost",
        "control",
        "stronghold",
        "camp",
        "county",
        "locality",
    }
)
#: actors of the state
STATE = frozenset(
    {"army", "government", "troop", "soldier", "military", "regime", "police", "saa", "force"}
)
#: non-state armed actors
NON_STATE = frozenset(
    {
        "militant",
        "rebel",
        "insurgent",
        "jihadist",
        "isis",
        "isil",
        "taliban",
        "shabaab",
        "militia",
        "terrorist",
        "opposition",
        "fighter",
        "islamist",
        "daesh",
        "group",
        "is",
        "nusra",
        "ypg",
        "sdf",
        "fsa",
        "houthi",
        "boko",
    }
)

#: words that describe civilians
CIVILIANS = frozenset(
    {
        "civilian",
        "resident",
        "people",
        "doctor",
        "journalist",
        "reporter",
        "child",
        "woman",
        "man",
        "villager",
        "student",
        "worker",
        "farmer",
        "passenger",
        "patient",
        "teacher",
        "nurse",
        "family",
        "pedestrian",
        "shopkeeper",
        "trader",
        "refugee",
        "worshipper",
        "activist",
    }
)

#: words that put a sentence in the context of protests and riots
UNREST = frozenset(
    {
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "riot",
        "protest",
        "mob",
        "crowd",
        "criminal",
        "bandit",
        "looter",
        "rally",
        "unrest",
        "extremist",
        "attacker",
    }
)

#: verbs (and nouns) that stop weapons from being used: found, seized, defused, destroyed
DISRUPT = frozenset(
    {
        "find",
        "discover",
        "seize",
        "recover",
        "uncover",
        "confiscate",
        "unearth",
        "defuse",
        "dismantle",
        "neutralize",
        "neutralise",
        "clear",
        "remove",
        "intercept",
        "impound",
        "capture",
        "destroy",
        "detect",
        "locate",
        "identify",
        "surrender",
        "cache",
        "stash",
        "depot",
        "haul",
        "seizure",
        "discovery",
        "recovery",
        "hideout",
    }
)
#: the words of weapons and explosives (a trigger among them can be a disrupted weapon)
WEAPONS = frozenset(
    {
        "weapon",
        "firearm",
        "ammunition",
        "ammo",
        "arms",
        "arm",
        "gun",
        "pistol",
        "rifle",
        "grenade",
        "mine",
        "landmine",
        "ied",
        "explosive",
        "device",
        "bomb",
        "missile",
        "rocket",
        "mortar",
        "shell",
        "stash",
        "depot",
    }
)
#: verbs that establish a base or post
ESTABLISH = frozenset({"set", "establish", "create", "build", "construct", "open", "erect"})
#: what armed forces and groups are or hold: an attack on these is a battle
MILITARY_TARGETS = frozenset(
    {
        "base",
        "checkpoint",
        "convoy",
        "patrol",
        "post",
        "outpost",
        "position",
        "barracks",
        "garrison",
        "troop",
        "soldier",
        "army",
        "military",
        "police",
        "policeman",
        "officer",
        "security",
        "force",
        "guard",
        "militant",
        "rebel",
        "insurgent",
        "fighter",
        "militia",
        "peacekeeper",
        "serviceman",
        "personnel",
        "jihadist",
        "terrorist",
        "gunman",
        "trainee",
        "cadet",
        "commander",
        "stronghold",
        "hideout",
    }
)
#: civilian places and people: an armed attack on these is violence against civilians
CIVILIAN_TARGETS = CIVILIANS | frozenset(
    {
        "village",
        "community",
        "mosque",
        "church",
        "temple",
        "school",
        "university",
        "college",
        "campus",
        "hospital",
        "clinic",
        "market",
        "marketplace",
        "bus",
        "vehicle",
        "car",
        "home",
        "house",
        "wedding",
        "funeral",
        "restaurant",
        "hotel",
        "shop",
        "cafe",
        "teahouse",
        "plane",
        "train",
        "congregation",
        "boy",
        "girl",
        "person",
        "dormitory",
        "classroom",
        "settlement",
        "hamlet",
        "farm",
        "herder",
        "fisherman",
        "christian",
        "muslim",
        "ngo",
        "aid",
    }
)
#: armed actors that are not forces of a state
ARMED_NON_STATE = frozenset(
    {"gunman", "militant", "attacker", "assailant", "terrorist", "bandit", "insurgent"}
)
#: words of chemical weapons
CHEMICAL = frozenset(
    {"chemical", "chlorine", "sarin", "mustard", "poisonous", "toxic", "nerve", "poison"}
)
#: protesters, crowds and rioters: violence in their sentence is riot violence
CROWD = frozenset(
    {
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "riot",
        "mob",
        "crowd",
        "looter",
        "youth",
        "hooligan",
        "protest",
        "demonstration",
    }
)
#: signs that protesters were violent (a violent demonstration, ACLED's riot)
VIOLENT_PROTEST = frozenset(
    {
        "riot",
        "rioter",
        "loot",
        "looting",
        "looter",
        "torch",
        "vandalize",
        "vandalise",
        "vandalism",
        "smash",
        "hurl",
        "molotov",
        "clash",
        "violent",
        "violence",
        "violently",
        "arson",
        "ablaze",
        "storm",
        "ransack",
        "projectile",
        "firework",
        "brick",
        "stone",
        "rock",
        "bottle",
        "petrol",
        "firebomb",
        "barricade",
        "graffiti",
        "rampage",
    }
)
#: signs that force met a protest
INTERVENTION = frozenset(
    {
        "disperse",
        "arrest",
        "detain",
        "baton",
        "tear",
        "cannon",
        "rubber",
        "pepper",
        "crackdown",
        "scuffle",
        "truncheon",
        "suppress",
        "dispersal",
        "chase",
        "nonlethal",
    }
)
#: signs of lethal or excessive force against protesters
EXCESSIVE = frozenset({"kill", "killing", "dead", "death", "die", "live", "brutally", "brutal"})

#: words that signal a deployment when they are the subject of arrive/transfer/deliver
DEPLOYED = frozenset(
    {"troop", "peacekeeper", "force", "contingent", "soldier", "military", "unit", "army"}
)

#: what a group-change verb must concern: armed groups and units
GROUPS = frozenset(
    {
        "unit",
        "group",
        "force",
        "militia",
        "brigade",
        "battalion",
        "alliance",
        "coalition",
        "troop",
        "army",
        "fighter",
        "member",
        "position",
        "presence",
        "organisation",
        "organization",
        "faction",
    }
)
#: context words that make a contextual trigger an agreement between armed actors
PEACE = frozenset({"ceasefire", "truce", "peace", "armistice"})
CAPTIVES = frozenset({"prisoner", "captive", "detainee", "hostage", "fighter", "soldier", "rebel"})
AGREEMENT_CONTEXT: dict[str, frozenset[str]] = {
    "exchange": CAPTIVES,
    "release": CAPTIVES - {"soldier", "fighter", "rebel"} | {"exchange"},
    "deal": PEACE | CAPTIVES | {"evacuate", "evacuation", "militant"},
    "talk": PEACE | {"rebel", "militant", "insurgent", "conflict"},
    "agree": PEACE | {"withdraw", "surrender", "cease", "exchange", "rebel", "militant"},
}
#: people whose flight is a displacement
DISPLACED = frozenset(
    {"civilian", "resident", "villager", "family", "refugee", "people", "thousand", "hundred"}
)

#: context a trigger word needs in its sentence (any of these lemmas) to be a trigger at all:
#: without it the word is no event ("talks" without a conflict, a "base" not set up), and
#: the sentence need not be parsed
NEEDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("weapon", "firearm", "ammunition", "ammo", "arms", "gun", "pistol", "rifle"), DISRUPT
    ),
    **dict.fromkeys(("stash", "depot"), DISRUPT | WEAPONS),
    **dict.fromkeys(("base", "outpost", "post", "barracks", "camp"), ESTABLISH),
    **dict.fromkeys(
        ("reinforce", "reinforcement", "mobilize", "mobilise", "mobilization", "mobilisation"),
        FORCES | NON_STATE | GROUPS,
    ),
    **dict.fromkeys(("dispatch", "redeploy", "recruit", "fortify"), FORCES | NON_STATE | GROUPS),
    "form": GROUPS,
    **dict.fromkeys(("withdraw", "withdrawal"), FORCES | NON_STATE | GROUPS | DEPLOYED),
    **AGREEMENT_CONTEXT,
    "free": TERRITORY_NOUNS,
    "occupy": TERRITORY_NOUNS,
    **dict.fromkeys(("flee", "displace", "expel", "expulsion"), DISPLACED),
    "grave": frozenset({"mass"}),
    "destruction": frozenset(
        {"property", "house", "home", "shop", "building", "vehicle", "car", "crop", "office"}
    ),
}

#: governing words that make a trigger planned, hypothetical, denied or rumoured
NOT_HAPPENED = frozenset(
    {
        "plan",
        "intend",
        "threaten",
        "vow",
        "prepare",
        "call",
        "urge",
        "propose",
        "hope",
        "want",
        "expect",
        "consider",
        "aim",
        "seek",
        "warn",
        "deny",
        "refute",
        "rumor",
        "rumour",
        "fear",
        "avoid",
        "prevent",
        "ban",
        "forbid",
        "cancel",
        "postpone",
    }
)

#: auxiliaries of the future, the conditional and possibility
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "'ll", "must"})
