"""Event triggers: the words that signal an event, with their ACLED type and sub-type.

Single words are matched by lemma (and part of speech); phrases by the lemmas of
consecutive tokens ("set fire", "open fire", "state of emergency"). The type a
trigger gives is a default; :mod:`geomap.events.detect` refines it with the
sentence's context (who did it, to whom).
"""

from __future__ import annotations

from dataclasses import dataclass

from geomap.events.acled import (
    BATTLES,
    EVENT_TYPES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    SD,
    VAC,
    Trigger,
)
from geomap.events.phrases import PHRASES
from geomap.events.vocabulary import NEEDS
from geomap.model import Token

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
    "torched": Trigger(RIOTS, "Violent demonstration", 0.65, frozenset({"VERB", "ADJ"})),
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
    "retook": Trigger(BATTLES, "Government regains territory", 0.7, _V),
    # Explosions/Remote violence
    "airstrike": Trigger(EXPLOSIONS, "Air/drone strike", 0.85, _NV),
    "air-strike": Trigger(EXPLOSIONS, "Air/drone strike", 0.85, _NV),
    "bombard": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.75, _V),
    "bombardment": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.75, _N),
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
    # more protest words
    "strike": Trigger(PROTESTS, "Peaceful protest", 0.45, _NV, contextual=True),
    "boycott": Trigger(PROTESTS, "Peaceful protest", 0.5, _NV),
    "dharna": Trigger(PROTESTS, "Peaceful protest", 0.7, _N),
    "agitation": Trigger(PROTESTS, "Peaceful protest", 0.55, _N),
    "agitate": Trigger(PROTESTS, "Peaceful protest", 0.55, _V),
    "vigilante": Trigger(RIOTS, "Mob violence", 0.7, _N),
    # more battles
    "encounter": Trigger(BATTLES, "Armed clash", 0.55, _NV, contextual=True),
    "engage": Trigger(BATTLES, "Armed clash", 0.45, _V, contextual=True),
    "offensive": Trigger(BATTLES, "Armed clash", 0.5, _N),
    "regain": Trigger(BATTLES, "Government regains territory", 0.7, _V),
    "liberate": Trigger(BATTLES, "Government regains territory", 0.7, _V, contextual=True),
    "capture": Trigger(BATTLES, "Non-state actor overtakes territory", 0.5, _NV, contextual=True),
    "seize": Trigger(BATTLES, "Non-state actor overtakes territory", 0.5, _V, contextual=True),
    "overrun": Trigger(BATTLES, "Non-state actor overtakes territory", 0.7, _V, contextual=True),
    # more explosions/remote violence
    "warplane": Trigger(EXPLOSIONS, "Air/drone strike", 0.8, _N),
    "jet": Trigger(EXPLOSIONS, "Air/drone strike", 0.6, _N),
    "drone": Trigger(EXPLOSIONS, "Air/drone strike", 0.7, _N),
    "helicopter": Trigger(EXPLOSIONS, "Air/drone strike", 0.45, _N),
    "raid": Trigger(EXPLOSIONS, "Air/drone strike", 0.4, _NV, contextual=True),
    "shell": Trigger(EXPLOSIONS, "Shelling/artillery/missile attack", 0.75, _NV),
    "mine": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.6, _N),
    "explosive": Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.6, _N),
    "grenade": Trigger(EXPLOSIONS, "Grenade", 0.9, _N),
    "chemical": Trigger(EXPLOSIONS, "Chemical weapon", 0.9, frozenset({"ADJ", "NOUN"})),
    "sarin": Trigger(EXPLOSIONS, "Chemical weapon", 0.95, _N),
    "chlorine": Trigger(EXPLOSIONS, "Chemical weapon", 0.95, _N),
    "toxic": Trigger(EXPLOSIONS, "Chemical weapon", 0.7, frozenset({"ADJ"})),
    "suicide": Trigger(EXPLOSIONS, "Suicide bomb", 0.75, _N),
    # more violence against civilians
    "hostage": Trigger(VAC, "Abduction/forced disappearance", 0.7, _N),
    "abductor": Trigger(VAC, "Abduction/forced disappearance", 0.75, _N),
    "kidnapper": Trigger(VAC, "Abduction/forced disappearance", 0.75, _N),
    "disappearance": Trigger(VAC, "Abduction/forced disappearance", 0.7, _N),
    "sexual": Trigger(VAC, "Sexual violence", 0.85, frozenset({"ADJ"})),
    "sexually": Trigger(VAC, "Sexual violence", 0.85, frozenset({"ADV"})),
    "molest": Trigger(VAC, "Sexual violence", 0.85, _V),
    "raped": Trigger(VAC, "Sexual violence", 0.9, _V),  # the tagger lemmatises it "rap"
    "rape": Trigger(VAC, "Sexual violence", 0.9, _NV),
    "torture": Trigger(VAC, "Attack", 0.65, _NV),
    "hack": Trigger(VAC, "Attack", 0.6, _V),
    "beat": Trigger(VAC, "Attack", 0.5, _V, contextual=True),
    # more strategic developments
    "apprehend": Trigger(SD, "Arrests", 0.75, _V),
    "nab": Trigger(SD, "Arrests", 0.75, _V),
    "custody": Trigger(SD, "Arrests", 0.6, _N),
    "detention": Trigger(SD, "Arrests", 0.55, _N),
    "defuse": Trigger(SD, "Disrupted weapons use", 0.9, _V),
    "intercept": Trigger(SD, "Disrupted weapons use", 0.8, _V),
    "foil": Trigger(SD, "Disrupted weapons use", 0.8, _V),
    "thwart": Trigger(SD, "Disrupted weapons use", 0.8, _V),
    "cache": Trigger(SD, "Disrupted weapons use", 0.8, _N),
    "disposal": Trigger(SD, "Disrupted weapons use", 0.8, _N),
    "headquarters": Trigger(SD, "Headquarters or base established", 0.7, _N),
    "establish": Trigger(SD, "Headquarters or base established", 0.5, _V, contextual=True),
    "agreement": Trigger(SD, "Agreement", 0.7, _N),
    "accord": Trigger(SD, "Agreement", 0.65, _N),
    "sign": Trigger(SD, "Agreement", 0.5, _V),
    "swap": Trigger(SD, "Agreement", 0.7, _NV),
    "negotiation": Trigger(SD, "Agreement", 0.5, _N),
    "defect": Trigger(SD, "Change to group/activity", 0.8, _V),
    "defection": Trigger(SD, "Change to group/activity", 0.8, _N),
    "merge": Trigger(SD, "Change to group/activity", 0.75, _V),
    "merger": Trigger(SD, "Change to group/activity", 0.75, _N),
    "disband": Trigger(SD, "Change to group/activity", 0.75, _V),
    "dissolve": Trigger(SD, "Change to group/activity", 0.65, _V),
    "allegiance": Trigger(SD, "Change to group/activity", 0.75, _N),
    "withdraw": Trigger(SD, "Non-violent transfer of territory", 0.6, _V, contextual=True),
    "withdrawal": Trigger(SD, "Non-violent transfer of territory", 0.6, _N, contextual=True),
    "handover": Trigger(SD, "Non-violent transfer of territory", 0.7, _N),
    "destroy": Trigger(SD, "Looting/property destruction", 0.45, _V, contextual=True),
    "demolish": Trigger(SD, "Looting/property destruction", 0.65, _V),
    "destruction": Trigger(SD, "Looting/property destruction", 0.55, _N, contextual=True),
    "raze": Trigger(SD, "Looting/property destruction", 0.65, _V),
    "burn": Trigger(SD, "Looting/property destruction", 0.5, _V, contextual=True),
    # weapons: disrupted when found, seized or defused (decided by the governing verb)
    "weapon": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "firearm": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "ammunition": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "ammo": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "arms": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "gun": Trigger(SD, "Disrupted weapons use", 0.55, _N, contextual=True),
    "pistol": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "rifle": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "stash": Trigger(SD, "Disrupted weapons use", 0.6, _N, contextual=True),
    "depot": Trigger(SD, "Disrupted weapons use", 0.5, _N, contextual=True),
    "demine": Trigger(SD, "Disrupted weapons use", 0.8, _V),
    "demining": Trigger(SD, "Disrupted weapons use", 0.8, _N),
    # bases and posts: established when set up, built or opened (decided by the verb)
    "base": Trigger(SD, "Headquarters or base established", 0.55, _N, contextual=True),
    "outpost": Trigger(SD, "Headquarters or base established", 0.55, _N, contextual=True),
    "post": Trigger(SD, "Headquarters or base established", 0.5, _N, contextual=True),
    "barracks": Trigger(SD, "Headquarters or base established", 0.55, _N, contextual=True),
    "camp": Trigger(SD, "Headquarters or base established", 0.45, _N, contextual=True),
    # changes to armed groups: reinforcement, mobilisation, formation, movement of forces
    "reinforce": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    "reinforcement": Trigger(SD, "Change to group/activity", 0.6, _N, contextual=True),
    "mobilize": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    "mobilise": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    "mobilization": Trigger(SD, "Change to group/activity", 0.6, _N, contextual=True),
    "mobilisation": Trigger(SD, "Change to group/activity", 0.6, _N, contextual=True),
    "dispatch": Trigger(SD, "Change to group/activity", 0.6, _NV, contextual=True),
    "redeploy": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    "form": Trigger(SD, "Change to group/activity", 0.5, _V, contextual=True),
    "recruit": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    "fortify": Trigger(SD, "Change to group/activity", 0.6, _V, contextual=True),
    # agreements between armed actors: surrenders, exchanges, releases, talks
    "surrender": Trigger(SD, "Agreement", 0.7, _NV),
    "exchange": Trigger(SD, "Agreement", 0.5, _NV, contextual=True),
    "release": Trigger(SD, "Agreement", 0.45, _NV, contextual=True),
    "deal": Trigger(SD, "Agreement", 0.5, _N, contextual=True),
    "talk": Trigger(SD, "Agreement", 0.45, _N, contextual=True),
    "agree": Trigger(SD, "Agreement", 0.5, _V, contextual=True),
    # more territory verbs (the actor decides the sub-type)
    "occupy": Trigger(BATTLES, "Non-state actor overtakes territory", 0.5, _V, contextual=True),
    "free": Trigger(BATTLES, "Government regains territory", 0.5, _V, contextual=True),
    # more attacks, riots and protests
    "slaughter": Trigger(VAC, "Attack", 0.7, _NV),
    "shoot-out": Trigger(BATTLES, "Armed clash", 0.8, _N),
    "molotov": Trigger(RIOTS, "Violent demonstration", 0.7, _NV),
    "protester": Trigger(PROTESTS, "Peaceful protest", 0.5, _N, contextual=True),
    "demonstrator": Trigger(PROTESTS, "Peaceful protest", 0.5, _N, contextual=True),
    "striker": Trigger(PROTESTS, "Peaceful protest", 0.5, _N, contextual=True),
    # attacks told by their means: firing on a target, ramming a vehicle into people
    "fire": Trigger(BATTLES, "Armed clash", 0.6, _V, contextual=True),
    "ram": Trigger(VAC, "Attack", 0.6, _V, contextual=True),
    # forces entering a place take it (the actor decides the sub-type)
    "enter": Trigger(BATTLES, "Government regains territory", 0.45, _V, contextual=True),
    # roads and sites blocked by people who protest
    "block": Trigger(PROTESTS, "Peaceful protest", 0.5, _V, contextual=True),
    "blockade": Trigger(PROTESTS, "Peaceful protest", 0.5, _NV, contextual=True),
    # displacement and mass graves (ACLED's "Other")
    "flee": Trigger(SD, "Other", 0.4, _V, contextual=True),
    "grave": Trigger(SD, "Other", 0.4, _N, contextual=True),
    "displace": Trigger(SD, "Other", 0.5, _V, contextual=True),
    "expel": Trigger(SD, "Other", 0.5, _V, contextual=True),
    "expulsion": Trigger(SD, "Other", 0.5, _N, contextual=True),
}

#: nouns that make a trigger modifying them an event ("a looting spree", "riot incident")
EVENT_HEADS = frozenset({"spree", "incident", "violence", "wave", "campaign", "rampage"})

#: triggers that tell the outcome of another event of the sentence ("..., killing 12")
CONSEQUENCES = frozenset({"kill", "injure", "wound", "killing"})


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger matched in a sentence: its meaning and its token range."""

    trigger: Trigger
    start: int  # first token
    end: int  # end token


#: a phrase with its position in :data:`PHRASES` (the order in which phrases are tried)
_Entry = tuple[int, tuple[str | None, ...], Trigger]


def _index_phrases(
    phrases: dict[tuple[str | None, ...], Trigger],
) -> tuple[dict[str, list[_Entry]], list[_Entry]]:
    """Group phrases by their first lemma, keeping their order in ``phrases``.

    Phrases that start with a wildcard (``None``) go into a second list that is
    tried at every token.
    """
    by_first: dict[str, list[_Entry]] = {}
    wildcard: list[_Entry] = []
    for order, (phrase, trig) in enumerate(phrases.items()):
        entry = (order, phrase, trig)
        if phrase[0] is None:
            wildcard.append(entry)
        else:
            by_first.setdefault(phrase[0], []).append(entry)
    return by_first, wildcard


_PHRASES_BY_FIRST, _WILDCARD_PHRASES = _index_phrases(PHRASES)


def match_triggers(sent_tokens: list[Token]) -> list[Found]:
    """Triggers of one sentence's tokens: phrases first, then single words, in text order."""
    found: list[Found] = []
    used: set[int] = set()
    lemmas = [t.lemma.lower() for t in sent_tokens]
    # the verb "is" is no "IS" (Islamic State): surface forms of "be" give no context
    context = {*lemmas, *(t.text.lower() for t in sent_tokens if t.lemma.lower() != "be")}
    n_tokens = len(sent_tokens)
    for k in range(n_tokens):
        candidates = _PHRASES_BY_FIRST.get(lemmas[k], ())
        if _WILDCARD_PHRASES:
            candidates = sorted([*candidates, *_WILDCARD_PHRASES], key=lambda e: e[0])
        for _, phrase, trig in candidates:
            n = len(phrase)
            if k + n > n_tokens:
                continue
            if all(p is None or p == lemmas[k + q] for q, p in enumerate(phrase)):
                if not any(sent_tokens[k + q].i in used for q in range(n)):
                    found.append(Found(trig, sent_tokens[k].i, sent_tokens[k + n - 1].i + 1))
                    used.update(sent_tokens[k + q].i for q in range(n))
    for k, tok in enumerate(sent_tokens):
        if tok.i in used:
            continue
        word = lemmas[k] if lemmas[k] in WORDS else tok.text.lower()
        trig = WORDS.get(word)
        if trig is None or (trig.pos and tok.pos not in trig.pos):
            continue
        if tok.ent_type in ("DATE", "TIME"):
            continue  # "on March 16"
        if word in NEEDS and not NEEDS[word] & context:
            continue
        if (
            tok.dep in ("compound", "amod")
            and tok.pos != "VERB"
            and sent_tokens[0].i <= tok.head < sent_tokens[0].i + n_tokens
            and sent_tokens[tok.head - sent_tokens[0].i].lemma.lower() not in EVENT_HEADS
        ):
            continue  # "detention centre", "protest leader"; not "a looting spree"
        found.append(Found(trig, tok.i, tok.i + 1))
        used.add(tok.i)
    return sorted(found, key=lambda f: f.start)


def may_trigger(lemmas: list[str], texts: list[str]) -> bool:
    """Whether a sentence with these lower-case lemmas and texts may hold a trigger.

    A superset of :func:`match_triggers` that needs no parse and ignores parts of
    speech: any trigger word (by lemma or text) or any phrase whose lemmas all match.
    """
    context = {*lemmas, *texts}
    for word in context:
        if word in WORDS and (word not in NEEDS or NEEDS[word] & context):
            return True
    n_tokens = len(lemmas)
    for k in range(n_tokens):
        candidates = [*_PHRASES_BY_FIRST.get(lemmas[k], ()), *_WILDCARD_PHRASES]
        for _, phrase, _trig in candidates:
            n = len(phrase)
            if k + n <= n_tokens and all(
                p is None or p == lemmas[k + q] for q, p in enumerate(phrase)
            ):
                return True
    return False


__all__ = [
    "BATTLES",
    "EVENT_TYPES",
    "EXPLOSIONS",
    "NEEDS",
    "PHRASES",
    "PROTESTS",
    "RIOTS",
    "SD",
    "VAC",
    "WORDS",
    "Found",
    "Trigger",
    "match_triggers",
    "may_trigger",
]
