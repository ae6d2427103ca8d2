"""Actors: who acted and who was targeted, named in ACLED's style.

The subject (or the agent of a passive) is the acting side, the object or the
target of "on/at X" the side acted on. A phrase is an actor only when its head
noun names people or a group: a named group ("Boko Haram", "the Taliban"), a
state's forces ("Police Forces of Kenya", "Military Forces of Mali"), protesters,
rioters, an unnamed armed group, civilians. Objects and places ("checkpoints",
"the offices of five TV channels") are no actors; a post or a vehicle of a force
("a police station", "an army convoy") stands for the force. Quantities are looked
through ("thousands of protesters", "about 18 security officials").
"""

from __future__ import annotations

from geomap.events import vocabulary as vc
from geomap.events._syntax import Parse
from geomap.model import Token

#: head nouns of protesters
PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "striker", "activist"})
#: head nouns of rioters (a crowd acting violently)
RIOTERS = frozenset({"rioter", "looter", "mob", "hooligan", "vandal", "youth", "crowd"})
#: head nouns of police
POLICE = frozenset({"police", "policeman", "policemen", "policewoman", "officer", "gendarme"})
POLICE |= {"constable", "cop", "gendarmerie"}
#: head nouns of a state's military
MILITARY = frozenset({"army", "military", "soldier", "troop", "serviceman", "force", "marine"})
MILITARY |= {"paratrooper", "guard", "personnel", "security", "navy", "airforce"}
#: head nouns of armed men of no named side
ARMED = frozenset({"gunman", "gunmen", "assailant", "attacker", "militant", "insurgent"})
ARMED |= {"rebel", "jihadist", "terrorist", "fighter", "militiaman", "bandit", "sniper", "raider"}
ARMED |= {"kidnapper", "abductor", "bomber", "extremist", "militia"}
#: head nouns of the state itself
GOVERNMENT = frozenset({"government", "authority", "regime", "administration", "president"})
GOVERNMENT |= {"ministry", "cabinet", "junta"}
#: head nouns of civilians (the people an attack on civilians is against)
CIVILIANS = vc.CIVILIANS | {"pedestrian", "passer", "bystander", "shopper", "commuter", "pilgrim"}
CIVILIANS |= {"villager", "herder", "driver", "official", "employee", "voter", "person", "boy"}
CIVILIANS |= {"girl", "priest", "imam", "monk", "nun", "tourist", "mourner", "guest", "youngster"}
#: quantity and group nouns looked through to their "of X"
QUANTITIES = frozenset({"thousand", "hundred", "dozen", "score", "group", "number", "band"})
QUANTITIES |= {"lot", "handful", "couple", "crowd", "dozens", "hundreds", "thousands", "member"}
#: posts, vehicles and buildings of a force: "a police station" stands for the police
FORCE_SITES = frozenset({"station", "post", "outpost", "checkpoint", "base", "barracks"})
FORCE_SITES |= {"convoy", "patrol", "vehicle", "camp", "headquarters", "position", "unit"}


def _of(parse: Parse, tok: Token) -> Token | None:
    """The noun of "X of N" below ``tok`` ("thousands of *protesters*")."""
    for c in parse.children[tok.i]:
        prep = parse.tokens[c]
        if prep.dep == "prep" and prep.text.lower() == "of":
            for g in parse.children[c]:
                if parse.tokens[g].dep == "pobj":
                    return parse.tokens[g]
    return None


def _modifiers(parse: Parse, tok: Token) -> list[Token]:
    return [
        parse.tokens[c]
        for c in parse.children[tok.i]
        if parse.tokens[c].dep in ("compound", "amod", "nmod", "poss")
    ]


def _name(parse: Parse, tok: Token) -> str | None:
    """The name of a named group headed by ``tok`` ("Boko Haram", "al-Shabaab militants")."""
    toks = parse.tokens
    if (
        tok.ent_type in ("GPE", "LOC", "NORP")
        and tok.pos == "PROPN"
        and not any(toks[c].pos == "PROPN" for c in parse.children[tok.i])
    ):
        return None  # a place or a nationality, not a group
    keep = {tok.i} if tok.pos == "PROPN" else set()
    stack = [tok.i]
    while stack:  # the proper nouns (and the hyphens joining them) that make the name
        for c in parse.children[stack.pop()]:
            child = toks[c]
            if child.dep in ("compound", "nmod", "punct", "amod") and (
                child.pos == "PROPN" or child.text == "-" or child.text[:1].isupper()
            ):
                keep.add(c)
                stack.append(c)
    names = sorted(i for i in keep if toks[i].ent_type not in ("GPE", "NORP", "LOC"))
    if not names or all(toks[i].text == "-" for i in names):
        return None
    return span_text(parse, names[0], names[-1])


def span_text(parse: Parse, first: int, last: int) -> str | None:
    """The text of tokens ``first..last`` as written (no space where the text has none)."""
    toks = parse.tokens
    while toks[first].text == "-" and first < last:
        first += 1
    out = toks[first].text
    for i in range(first + 1, last + 1):
        out += ("" if toks[i].start == toks[i - 1].end else " ") + toks[i].text
    return out if len(out) > 1 else None


def owner_name(parse: Parse, noun: int) -> str | None:
    """The group named on an event noun: "an **al-Shabaab** attack", "a **Taliban** ambush"."""
    toks = parse.tokens
    mods = [
        c
        for c in parse.children[noun]
        if toks[c].dep in ("compound", "amod", "nmod", "poss")
        and (toks[c].pos == "PROPN" or toks[c].text == "-")
        and toks[c].ent_type not in ("GPE", "LOC")
    ]
    known = [
        c
        for c in mods
        if toks[c].ent_type in ("ORG", "NORP") or toks[c].lemma.lower() in vc.NON_STATE
    ]
    if not known or any(toks[c].ent_type == "NORP" and toks[c].pos != "PROPN" for c in known):
        return None
    if all(toks[c].ent_type == "NORP" for c in known) and len(mods) == 1:
        return None  # "a Kenyan attack": a nationality, not a group
    return span_text(parse, min(mods), max(mods))


def actor_name(
    parse: Parse,
    toks: list[Token],
    country: str,
    *,
    victims: bool = False,
    places: frozenset[int] = frozenset(),
) -> str | None:
    """ACLED's name of the first people or group among ``toks``; ``None`` for objects.

    Parameters
    ----------
    parse
        The document's parse.
    toks
        Head tokens of the subject (or object) phrases of the trigger's clause.
    country
        The country where the event happened, for "Protesters (Kenya)".
    victims
        The phrases are who was acted on: people of no side are civilians.
    places
        Tokens of place mentions: a place is no actor.

    """
    where = f" ({country})" if country else ""
    of = f" of {country}" if country else ""
    for tok in toks:
        if tok.pos in ("PRON", "DET", "NUM") and _of(parse, tok) is None:
            continue
        for _ in range(3):  # "thousands of protesters", "a group of gunmen"
            inner = _of(parse, tok)
            if inner is None or tok.lemma.lower() not in QUANTITIES | {"about", "some"}:
                if inner is not None and tok.pos == "NUM":
                    tok = inner
                    continue
                break
            tok = inner
        if tok.i in places:
            continue
        lemma = tok.lemma.lower()
        mods = {m.lemma.lower() for m in _modifiers(parse, tok)}
        named = _name(parse, tok)
        if named and not (
            tok.ent_type in ("ORG", "NORP")
            or lemma in vc.NON_STATE | ARMED
            or any(m.ent_type == "ORG" for m in _modifiers(parse, tok))
        ):
            named = None  # a proper name of no known group: a person or a place
        if lemma in FORCE_SITES:
            if mods & POLICE:
                return "Police Forces" + of
            if mods & (MILITARY | {"military", "army"}):
                return "Military Forces" + of
            continue
        if lemma in PROTESTERS:
            return "Protesters" + where
        if lemma in RIOTERS:
            return "Rioters" + where
        if lemma in POLICE or (lemma == "force" and "police" in mods):
            return "Police Forces" + of
        if named:
            return named
        if lemma in ARMED or lemma in vc.NON_STATE - {"opposition", "group"}:
            if mods & {"government", "army", "state", "security", "pro-government"}:
                return "Military Forces" + of
            return "Unidentified Armed Group" + where
        if lemma in MILITARY or (lemma == "official" and "security" in mods):
            if mods & {"rebel", "opposition", "insurgent", "militia"}:
                return "Unidentified Armed Group" + where
            return "Military Forces" + of
        if lemma in GOVERNMENT:
            return "Government" + of
        if lemma in CIVILIANS or lemma in ("people", "man", "woman", "child"):
            return ("Civilians" + where) if victims else None
        if lemma in vc.CROWD:
            return "Rioters" + where
    return None
