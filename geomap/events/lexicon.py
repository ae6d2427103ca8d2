"""Event triggers: the words that signal an event, with their ACLED type and sub-type.

Single words are matched by lemma (and part of speech); phrases by the lemmas of
consecutive tokens ("set fire", "open fire", "state of emergency"). The type a
trigger gives is a default; :mod:`geomap.events.detect` refines it with the
sentence's context (who did it, to whom).
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger word means: ACLED type, sub-type and a base confidence."""

    event_type: str
    sub_event_type: str
    confidence: float = 0.7
    #: parts of speech the word must have (empty: any)
    pos: frozenset[str] = frozenset()
    #: a "generic" trigger whose type is decided by context (attack, kill, clash)
    contextual: bool = False


_N = frozenset({"NOUN", "PROPN"})
_V = frozenset({"VERB"})
_NV = frozenset({"NOUN", "VERB", "PROPN"})

#: single-word triggers by lemma
WORDS: dict[str, Trigger] = {
    # Protests
    "protest": Trigger(PROTESTS, "Peaceful protest", 0.8, _NV),
    "rally": Trigger(PROTESTS, "Peaceful protest", 0.75, _NV),
    "demonstration": Trigger(PROTESTS, "Peaceful protest", 0.75, _N),
    "demonstrate": Trigger(PROTESTS, "Peaceful protest", 0.7, _V),
    "picket": Trigger(PROTESTS, "Peaceful protest", 0.65, _NV),
    "sit-in": Trigger(PROTESTS, "Peaceful protest", 0.7, _N),
    # Riots
    "riot": Trigger(RIOTS, "Violent demonstration", 0.8, _NV),
    "torch": Trigger(RIOTS, "Violent demonstration", 0.65, _V),
    "storm": Trigger(RIOTS, "Violent demonstration", 0.6, _V, contextual=True),
    "vandalize": Trigger(RIOTS, "Violent demonstration", 0.65, _V),
    "vandalise": Trigger(RIOTS, "Violent demonstration", 0.65, _V),
    "lynch": Trigger(RIOTS, "Mob violence", 0.75, _V),
    "mob": Trigger(RIOTS, "Mob violence", 0.5, _N),
    # Battles
    "clash": Trigger(BATTLES, "Armed clash", 0.75, _NV, contextual=True),
    "fighting": Trigger(BATTLES, "Armed clash", 0.75, _N),
    "fight": Trigger(BATTLES, "Armed clash", 0.6, _NV, contextual=True),
    "battle": Trigger(BATTLES, "Armed clash", 0.7, _NV),
    "shootout": Trigger(BATTLES, "Armed clash", 0.8, _N),
    "gunfight": Trigger(BATTLES, "Armed clash", 0.8, _N),
    "firefight": Trigger(BATTLES, "Armed clash", 0.8, _N),
    "skirmish": Trigger(BATTLES, "Armed clash", 0.75, _NV),
    "shooting": Trigger(BATTLES, "Armed clash", 0.65, _N, contextual=True),
    "shoot": Trigger(BATTLES, "Armed clash", 0.6, _V, contextual=True),
    "gunfire": Trigger(BATTLES, "Armed clash", 0.7, _N),
    "ambush": Trigger(BATTLES, "Armed clash", 0.7, _NV),
    "recapture": Trigger(BATTLES, "Government regains territory", 0.7, _NV),
    "retake": Trigger(BATTLES, "Government regains territory", 0.7, _V),
    # Explosions/Remote violence
    "airstrike": Trigger(EXPLOSIONS, "Air/drone strike", 0.85, _NV),
    "air-strike": Trigger(EXPLOSIONS, "Air/drone strike", 0.85, _NV),
    "bombard": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.75, _V),
    "bombardment": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.75, _N),
    "shell": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.7, _V),
    "shelling": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.8, _N),
    "artillery": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.6, _N),
    "missile": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.6, _N),
    "rocket": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.55, _N),
    "mortar": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.6, _N),
    "explosion": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _N),
    "explode": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _V),
    "blast": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.65, _N),
    "ied": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.8, _N),
    "landmine": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.8, _N),
    "detonate": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.75, _V),
    "grenade": Trigger(EXPLOSIONS, "Grenade", 0.75, _N),
    "bombing": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.7, _N, contextual=True),
    "bomb": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.55, _NV, contextual=True),
    # Violence against civilians
    "massacre": Trigger(VAC, "Attack", 0.8, _NV),
    "behead": Trigger(VAC, "Attack", 0.8, _V),
    "execute": Trigger(VAC, "Attack", 0.5, _V),
    "assassinate": Trigger(VAC, "Attack", 0.8, _V),
    "murder": Trigger(VAC, "Attack", 0.7, _NV),
    "stab": Trigger(VAC, "Attack", 0.7, _V),
    "attack": Trigger(VAC, "Attack", 0.6, _NV, contextual=True),
    "kill": Trigger(VAC, "Attack", 0.6, _V, contextual=True),
    "injure": Trigger(VAC, "Attack", 0.5, _V, contextual=True),
    "wound": Trigger(VAC, "Attack", 0.5, _V, contextual=True),
    "abduct": Trigger(VAC, "Abduction/forced disappearance", 0.8, _V),
    "abduction": Trigger(VAC, "Abduction/forced disappearance", 0.8, _N),
    "kidnap": Trigger(VAC, "Abduction/forced disappearance", 0.8, _V),
    "kidnapping": Trigger(VAC, "Abduction/forced disappearance", 0.8, _N),
    "rape": Trigger(VAC, "Sexual violence", 0.8, _NV),
    # Strategic developments
    "arrest": Trigger(SD, "Arrests", 0.75, _NV),
    "detain": Trigger(SD, "Arrests", 0.7, _V),
    "loot": Trigger(SD, "Looting/property destruction", 0.75, _NV, contextual=True),
    "looting": Trigger(SD, "Looting/property destruction", 0.75, _N, contextual=True),
    "ransack": Trigger(SD, "Looting/property destruction", 0.75, _V, contextual=True),
    "plunder": Trigger(SD, "Looting/property destruction", 0.7, _NV, contextual=True),
    "pillage": Trigger(SD, "Looting/property destruction", 0.7, _NV, contextual=True),
    "ceasefire": Trigger(SD, "Agreement", 0.7, _N),
    "truce": Trigger(SD, "Agreement", 0.7, _N),
    "checkpoint": Trigger(SD, "Other", 0.65, _N),
    "curfew": Trigger(SD, "Other", 0.75, _N),
    "deploy": Trigger(SD, "Other", 0.65, _V),
    "deployment": Trigger(SD, "Other", 0.6, _N),
    "peacekeeper": Trigger(SD, "Other", 0.4, _N, contextual=True),
    "gather": Trigger(PROTESTS, "Peaceful protest", 0.5, _V, contextual=True),
    "march": Trigger(PROTESTS, "Peaceful protest", 0.5, _NV, contextual=True),
    "send": Trigger(SD, "Other", 0.45, _V, contextual=True),
}

#: triggers that tell the outcome of another event of the sentence ("..., killing 12")
CONSEQUENCES = frozenset({"kill", "injure", "wound", "killing"})

#: multi-word triggers: lemmas of consecutive tokens (a None slot matches any one token)
PHRASES: dict[tuple[str | None, ...], Trigger] = {
    ("set", "fire"): Trigger(RIOTS, "Violent demonstration", 0.75, contextual=True),
    ("set", None, "on", "fire"): Trigger(RIOTS, "Violent demonstration", 0.75, contextual=True),
    ("open", "fire"): Trigger(BATTLES, "Armed clash", 0.75, contextual=True),
    ("break", "into"): Trigger(RIOTS, "Violent demonstration", 0.7, contextual=True),
    ("air", "strike"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("drone", "strike"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("air", "raid"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("suicide", "bomber"): Trigger(EXPLOSIONS, "Suicide bomb", 0.85),
    ("suicide", "bombing"): Trigger(EXPLOSIONS, "Suicide bomb", 0.85),
    ("suicide", "attack"): Trigger(EXPLOSIONS, "Suicide bomb", 0.8),
    ("car", "bomb"): Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.85),
    ("roadside", "bomb"): Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.85),
    ("tear", "gas"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("state", "of", "emergency"): Trigger(SD, "Other", 0.8),
    ("take", "control"): Trigger(SD, "Non-violent transfer of territory", 0.6, contextual=True),
    ("take", "full", "control"): Trigger(
        SD, "Non-violent transfer of territory", 0.6, contextual=True
    ),
    ("take", "into", "custody"): Trigger(SD, "Arrests", 0.75),
    ("peace", "agreement"): Trigger(SD, "Agreement", 0.75),
    ("peace", "deal"): Trigger(SD, "Agreement", 0.75),
    ("hunger", "strike"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("attempt", "to", "enter"): Trigger(RIOTS, "Violent demonstration", 0.55, contextual=True),
    ("try", "to", "enter"): Trigger(RIOTS, "Violent demonstration", 0.55, contextual=True),
    ("apply", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("appeal", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("arrive", "in"): Trigger(SD, "Other", 0.45, contextual=True),
    ("transfer", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("deliver", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("send", "troops"): Trigger(SD, "Other", 0.6),
}

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

#: words that signal a deployment when they are the subject of arrive/transfer/deliver
DEPLOYED = frozenset(
    {"troop", "peacekeeper", "force", "contingent", "soldier", "military", "unit", "army"}
)

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
