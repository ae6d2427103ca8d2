"""Event extraction: triggers -> typed events with place, date, actors and fatalities.

The stage runs on a document whose mentions are resolved. For every sentence it
finds trigger words (:mod:`geomap.events.lexicon`), drops those that did not
happen (negated, planned, hypothetical, denied), refines the type from context,
links the place (:mod:`geomap.events.locate`), normalises the date
(:mod:`geomap.events.dates`), reads actors and fatalities, and finally merges
reports of one happening into one event.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from geomap.events import lexicon as lx
from geomap.events._syntax import Parse
from geomap.events.dates import normalise_date
from geomap.events.locate import NOT_LOCATIONS, Link, Locator, link_trigger
from geomap.model import Document, Event, Mention, Token

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUM = r"(\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_ABOUT = r"(?:(?:at least|more than|over|some|about|around|nearly|almost)\s+)?"
_FATAL = re.compile(
    r"\b" + _ABOUT + _NUM + r"\s+(?:[\w-]+\s+){0,3}?"
    r"(?:were\s+|have been\s+|had been\s+|was\s+)?(?:killed|dead|died|deaths?|lives)\b"
    r"|\b(?:killing|killed|kills|leaving)\s+" + _ABOUT + _NUM + r"\b",
    re.I,
)
_PARAGRAPH = re.compile(r"\n\s*\n")
#: people named by the event they take part in ("participants in the riots")
_PEOPLE_IN_EVENTS = frozenset(
    {
        "participant",
        "leader",
        "organizer",
        "organiser",
        "member",
        "victim",
        "instigator",
        "supporter",
    }
)
#: verbs whose object event is referred to, not reported ("caused the riots")
_REFERRING_VERBS = frozenset(
    {
        "cause",
        "provoke",
        "incite",
        "organize",
        "organise",
        "condemn",
        "blame",
        "investigate",
        "call",
        "defy",
        "violate",
        "flout",
    }
)
#: prepositions whose object names a known happening, not a new one
_BACKGROUND_PREPS = frozenset(
    {"during", "after", "before", "amid", "since", "following", "despite", "because"}
)
#: "because of X", "in the wake of X", "as a result of X", "due to X": X is a cause
_CAUSES = frozenset({("of", "because"), ("of", "wake"), ("of", "result"), ("to", "due")})


#: attack, killing and shooting triggers typed by weapon, victims and actor
_ATTACKS = frozenset(
    {"attack", "kill", "injure", "wound", "shoot", "shooting", "shot", "open", "storm", "gun"}
)
#: weapons that make an attack an explosion or remote violence ("a grenade attack")
_WEAPON_SUBTYPES = {
    "grenade": "Grenade",
    "rocket": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "mortar": "Shelling/artillery/missile attack",
    "artillery": "Shelling/artillery/missile attack",
    "drone": "Air/drone strike",
    "air": "Air/drone strike",
    "aerial": "Air/drone strike",
    "bomb": "Remote explosive/landmine/IED",
    "ied": "Remote explosive/landmine/IED",
    "landmine": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
    "gas": "Chemical weapon",
}
#: verbs whose object or passive subject is a victim
_HARM = frozenset({"kill", "injure", "wound", "die", "shoot", "kidnap", "abduct", "target"})
#: people who can be captured or intercepted (an arrest, not a weapon or a place)
_PEOPLE = frozenset(
    {
        "commander",
        "leader",
        "member",
        "suspect",
        "militant",
        "fighter",
        "terrorist",
        "man",
        "woman",
        "people",
        "person",
        "insurgent",
        "rebel",
        "smuggler",
        "chief",
    }
)
#: riot triggers that damage property
_DAMAGE = frozenset({"torch", "torched", "vandalize", "vandalise", "set", "burn", "torching"})
#: people of mob violence (not demonstrators)
_MOB = frozenset({"mob", "vigilante", "villager", "resident", "lynch", "mourner"})
#: words of protests
_PROTEST_WORDS = frozenset({"protest", "demonstration", "rally", "march", "demonstrate"})
#: property (an attack on it alone is property destruction)
_PROPERTY = frozenset({"property", "building", "office", "infrastructure", "shop", "store"})
#: words of territory changing hands without a fight
_UNOPPOSED = (
    "without resistance",
    "no resistance",
    "any resistance",
    "without a fight",
    "without firing",
    "pulled out",
    "pull out",
    "handed",
)
#: head nouns of a state's forces
_STATE_HEADS = frozenset(
    {"army", "government", "military", "soldier", "regime", "police", "trooper", "saa"}
)
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_GROUPS = lx.GROUPS
_AGREEMENT_CONTEXT = lx.AGREEMENT_CONTEXT
_DISPLACED = lx.DISPLACED


#: people whose action is an event ("protesters chanted slogans") when no other trigger tells it
_PEOPLE_TRIGGERS = frozenset({"protester", "demonstrator", "striker"})


def _only_people(found: lx.Found, triggers: list[lx.Found], tokens: tuple[Token, ...]) -> bool:
    """Whether ``found`` only names the people of an event another trigger of its sentence tells."""
    if tokens[found.start].lemma.lower() not in _PEOPLE_TRIGGERS:
        return False
    return any(tokens[f.start].lemma.lower() not in _PEOPLE_TRIGGERS for f in triggers)


#: things protesters throw
_THROWN = frozenset(
    {"stone", "rock", "bottle", "projectile", "firework", "brick", "object", "petrol", "egg"}
)
#: words of violence that may be the protesters' or the police's
_VIOLENCE = frozenset({"violent", "violence", "violently", "aggressive", "ugly", "escalate"})
#: words of forces putting down a protest
_SUPPRESSION = frozenset({"suppress", "crackdown", "disperse", "dispersal", "quell", "repress"})


#: verbs whose object is a grievance, not a happening ("to denounce violence")
_GRIEVANCE_VERBS = frozenset(
    {
        "condemn",
        "denounce",
        "decry",
        "mourn",
        "demand",
        "honor",
        "honour",
        "commemorate",
        "oppose",
        "protest",
        "demonstrate",
        "rally",
        "march",
        "allege",
        "inspire",
        "spark",
    }
)
#: heads whose "against X" or "over X" names the grievance of a protest
_PROTEST_HEADS = _GRIEVANCE_VERBS | {"protest", "demonstration", "rally", "march", "sign", "board"}


def cue_lemmas(doc: Document, parse: Parse, sent: int | None = None) -> set[str]:
    """Lemmas of ``doc`` (or of sentence ``sent``) outside what protesters protest about.

    "lawyers protested against police violence", "to denounce the arrests": the
    violence and the arrests are the grievance, not what happened at the protest.
    """
    tokens = doc.tokens if sent is None else [t for t in doc.tokens if t.sent == sent]
    skip: set[int] = set()
    for tok in tokens:
        if tok.i in skip:
            continue
        if tok.dep == "prep" and tok.text.lower() in ("against", "over", "about"):
            if doc.tokens[tok.head].lemma.lower() in _PROTEST_HEADS:
                skip.update(parse.subtree(tok.i))
        elif tok.pos == "VERB" and tok.lemma.lower() in _GRIEVANCE_VERBS:
            for c in parse.children[tok.i]:
                if doc.tokens[c].dep in ("dobj", "ccomp"):
                    skip.update(parse.subtree(c))
    return {t.lemma.lower() for t in tokens if t.i not in skip}


def protest_subtype(lemmas: set[str], text: str) -> tuple[str, str]:
    """ACLED's type of a protest from the words around it (lemmas and lower-case text).

    Violent protesters make a riot (violent demonstration); lethal or excessive force
    against protesters, a protest with excessive force; other force (tear gas,
    arrests, dispersal), a protest with intervention; otherwise a peaceful protest.
    Words of violence alone ("violent", "violence") are the protesters' unless the
    text tells of forces suppressing the protest ("violently dispersed").
    """
    suppressed = bool(lemmas & _SUPPRESSION) or "excessive force" in text
    thrown = lemmas & {"throw", "hurl", "pelt", "fling", "lob"} and lemmas & _THROWN
    violent = lemmas & (lx.VIOLENT_PROTEST - _THROWN - _VIOLENCE)
    vague = lemmas & _VIOLENCE and "non-violent" not in text and "nonviolent" not in text
    if (
        thrown
        or violent
        or (vague and not suppressed)
        or any(w in text for w in ("turned violent", "set fire", "set on fire", "broke into"))
    ):
        return lx.RIOTS, "Violent demonstration"
    harmed = lemmas & {"kill", "killing", "dead", "death", "die", "injure", "injury", "wound"}
    if (
        any(w in text for w in ("live ammunition", "live round", "live bullet", "live fire"))
        or (harmed and lemmas & (lx.CROWD | {"protestor", "rally", "march"}))
        or lemmas & {"brutally", "brutal"}
        or (vague and suppressed)
        or "excessive force" in text
    ):
        return lx.PROTESTS, "Excessive force against protesters"
    if (
        suppressed
        or lemmas & lx.INTERVENTION
        or any(w in text for w in ("tear gas", "water cannon", "rubber bullet", "broke up"))
        or any(w in text for w in ("stun grenade", "smoke grenade", "break up", "baton charge"))
    ):
        return lx.PROTESTS, "Protest with intervention"
    return lx.PROTESTS, "Peaceful protest"


class _Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        breaks = [m.end() for m in _PARAGRAPH.finditer(doc.text)]
        starts = [s + len(doc.text[s:e]) - len(doc.text[s:e].lstrip()) for s, e in doc.sentences]
        self.paragraph = [sum(1 for b in breaks if b <= s) for s in starts]
        self.focus = self._focus_country()

    @functools.cached_property
    def parse(self) -> Parse:
        """The document's parse (made when a trigger needs it)."""
        return Parse(self.doc)

    @functools.cached_property
    def locator(self) -> Locator:
        """Where the document's events happened (made when a trigger needs it)."""
        return Locator(self.doc)

    # -- helpers -----------------------------------------------------------------
    def _focus_country(self) -> int | None:
        """Index of a mention of the document's focus country, if one dominates."""
        votes: Counter[str] = Counter()
        for m in self.doc.mentions:
            if m.place is not None and m.place.country_code:
                votes[m.place.country_code] += 1
        if not votes:
            return None
        code, _ = votes.most_common(1)[0]
        for index, m in enumerate(self.doc.mentions):
            if (
                m.place is not None
                and m.place.feature_code.startswith("PCL")
                and m.place.country_code == code
            ):
                return index
        return None

    def _governor(self, i: int) -> int:
        """The verb whose clause holds token ``i`` (``i`` itself for a verb)."""
        tok = self.tokens[i]
        if tok.pos in ("VERB", "AUX"):
            return i
        for head in self.parse.ancestors(i):
            if self.tokens[head].pos in ("VERB", "AUX"):
                return head
        return i

    def _did_not_happen(self, start: int, end: int) -> str:
        """A reason the trigger at ``start`` did not happen (empty when it did)."""
        toks = self.tokens
        trigger = start
        for i in range(start, end):
            if toks[i].pos in ("VERB", "NOUN"):
                trigger = i
                break
        chain = [trigger, *self.parse.ancestors(trigger)[:4]]
        for depth, i in enumerate(chain):
            tok = toks[i]
            if depth > 0 and tok.lemma.lower() in lx.NOT_HAPPENED:
                return f"governed by '{tok.text}'"
            for c in self.parse.children[i]:
                child = toks[c]
                word = child.text.lower()
                if child.dep == "neg" and depth <= 1:
                    return f"negated by '{child.text}'"
                if child.dep in ("det",) and word == "no" and depth == 0:
                    return "negated by 'no'"
                if child.dep in ("aux", "auxpass") and word in lx.MODALS and depth <= 1:
                    return f"modal '{child.text}'"
                if child.dep == "mark" and word in ("if", "unless") and depth <= 1:
                    return f"hypothetical '{child.text}'"
            if (
                self.parse.is_clause_head(i)
                and depth > 0
                and tok.dep not in ("xcomp", "conj", "pcomp")
            ):
                break
        return ""

    def _is_background(self, found: lx.Found) -> bool:
        """Whether a nominal trigger only refers to events told elsewhere.

        "during the protests", "the participants in the riots", "the bandits who
        caused the riots": the noun names a known happening, it does not report one.
        """
        tok = self.tokens[found.start]
        if tok.pos not in ("NOUN", "PROPN") or found.end - found.start > 1:
            return False
        head = self.tokens[tok.head]
        if tok.dep == "pobj":
            prep = head.text.lower()
            if prep in _BACKGROUND_PREPS:
                return True
            owner = self.tokens[head.head]
            if (prep, owner.text.lower()) in _CAUSES:
                return True  # "fled because of the attacks": a cause, told elsewhere
            return owner.lemma.lower() in _PEOPLE_IN_EVENTS
        return tok.dep == "dobj" and head.lemma.lower() in _REFERRING_VERBS

    def _is_consequence(self, found: lx.Found, trigger_tokens: set[int]) -> bool:
        """Whether a kill/injure trigger only tells the toll of another trigger's event."""
        tok = self.tokens[found.start]
        if tok.lemma.lower() not in lx.CONSEQUENCES:
            return False
        if any(head in trigger_tokens for head in self.parse.ancestors(found.start)[:3]):
            return True
        # "An airstrike hit a market, killing 12": a participle after another trigger
        others = trigger_tokens - set(range(found.start, found.end))
        return tok.tag == "VBG" and tok.dep in ("advcl", "xcomp", "conj", "acl") and bool(others)

    def _sentence_lemmas(self, sent: int) -> set[str]:
        return {t.lemma.lower() for t in self.tokens if t.sent == sent}

    def _participants(
        self, head: int, *, exclude: set[int] | range = range(0)
    ) -> tuple[list[Token], list[Token]]:
        """Subjects and objects of the clause headed by ``head`` (not the trigger itself)."""
        subj, obj = [], []
        for c in self.parse.children[head]:
            tok = self.tokens[c]
            if c in exclude or tok.ent_type in ("DATE", "TIME"):
                continue
            if tok.dep == "agent":
                subj.extend(
                    self.tokens[g] for g in self.parse.children[c] if self.tokens[g].dep == "pobj"
                )
            elif tok.dep in ("nsubj", "csubj"):
                subj.append(tok)
            elif tok.dep in ("nsubjpass", "dobj", "attr", "dative"):
                obj.append(tok)
            elif tok.dep == "prep" and tok.text.lower() == "by" and self.tokens[head].pos == "NOUN":
                subj.extend(
                    self.tokens[g] for g in self.parse.children[c] if self.tokens[g].dep == "pobj"
                )
            elif tok.dep == "prep" and tok.text.lower() in ("on", "at", "against", "upon"):
                obj.extend(
                    self.tokens[g]
                    for g in self.parse.children[c]
                    if self.tokens[g].dep == "pobj"
                    and self.tokens[g].ent_type not in ("DATE", "TIME")
                )
        return subj, obj

    def _classify(self, found: lx.Found, governor: int) -> tuple[str, str] | None:
        """Refine a trigger's type from its context; ``None`` drops it."""
        trig = found.trigger
        etype, sub = trig.event_type, trig.sub_event_type
        sent = self.tokens[found.start].sent
        lemmas = self._sentence_lemmas(sent)
        unrest = bool(lemmas & lx.UNREST)
        if self.tokens[found.start].pos == "VERB":
            subj, obj = self._participants(found.start)
        else:  # a noun: its own "on X", "by Y", else its clause's (not itself)
            span = range(found.start, found.end)
            n_subj, n_obj = self._participants(self.parse.span_root(found.start, found.end))
            g_subj, g_obj = self._participants(governor, exclude=span)
            subj, obj = n_subj or g_subj, n_obj or g_obj
        subj_l = {t.lemma.lower() for t in subj}
        lemma = self.tokens[found.start].lemma.lower()
        if lx.WEAPONS & {self.tokens[i].lemma.lower() for i in range(found.start, found.end)}:
            if self._disrupted(found):
                return lx.SD, "Disrupted weapons use"
            if trig.sub_event_type == "Disrupted weapons use" and trig.contextual:
                return None  # a weapon only named, not found or seized
        special = self._classify_more(found, lemma, lemmas, subj, obj, unrest)
        if special is not None:
            return special or None
        if etype == lx.PROTESTS:
            if trig.contextual and not lemmas & {
                "protester",
                "protestor",
                "demonstrator",
                "protest",
                "activist",
                "opposition",
                "striker",
                "against",
                "chant",
                "slogan",
                "placard",
                "banner",
                "demand",
            }:
                return None  # "gather", "march" are protests only when protesters do them
            if lemma in ("protester", "demonstrator", "striker") and self.tokens[
                found.start
            ].dep not in ("nsubj", "ROOT"):
                return None  # protesters who do something protest; not those done to
            cues = cue_lemmas(self.doc, self.parse, sent)
            return protest_subtype(cues, self.doc.sentence_text(sent).lower())
        if (etype, sub) == _VIOLENT_DEMO and lemma in _DAMAGE:
            if lemmas & _MOB:
                return lx.RIOTS, "Mob violence"
            if not lemmas & (lx.CROWD | lx.UNREST | _PROTEST_WORDS):
                return lx.SD, "Looting/property destruction"  # no crowd: property destroyed
        if lemma == "intercept" and self._phrase(obj, 4) & _PEOPLE:
            return lx.SD, "Arrests"
        if lemma == "checkpoint" and self._established(found):
            return lx.SD, "Headquarters or base established"
        if lemma == "checkpoint" and any(
            self.tokens[up].lemma.lower() in _ATTACKS | {"target", "hit", "raid"}
            for up in self.parse.ancestors(found.start)[:3]
        ):
            return None  # the target of an attack, not a checkpoint set up
        if etype == lx.EXPLOSIONS and sub == "Remote explosive/landmine/IED":
            return lx.EXPLOSIONS, self._explosive(found, lemmas)
        if not trig.contextual:
            return etype, sub
        if lemma in ("apply", "appeal"):
            return (
                (lx.SD, "Other")
                if lemmas & {"help", "troop", "assistance", "peacekeeper", "force"}
                else None
            )
        if lemma in ("arrive", "transfer", "deliver", "send"):
            return (lx.SD, "Other") if (lemmas & lx.DEPLOYED) else None
        if lemma == "peacekeeper":
            return None  # a deployment is read from its verb
        if lemma in ("loot", "looting", "ransack", "plunder", "pillage"):
            return (lx.RIOTS, "Violent demonstration") if unrest else (etype, sub)
        if lemma in ("set", "break", "attempt", "try"):
            if unrest or subj_l & {"criminal", "bandit", "mob", "crowd", "protester", "rioter"}:
                return lx.RIOTS, "Violent demonstration"
            return None
        if lemma in _ATTACKS:
            return self._attack_type(found, lemma, lemmas, subj, obj)
        if lemma == "clash" and subj_l & (_MOB | {"community", "group", "youth"}):
            if not lemmas & (lx.FORCES | lx.NON_STATE | lx.CROWD):
                return lx.RIOTS, "Mob violence"
        if lemma in ("clash", "fight"):
            if lemmas & lx.CROWD and lemma == "clash":
                return lx.RIOTS, "Violent demonstration"
            return (
                (lx.RIOTS, "Violent demonstration")
                if unrest and lemma == "clash" and not lemmas & lx.NON_STATE
                else (lx.BATTLES, "Armed clash")
            )
        return etype, sub

    def _explosive(self, found: lx.Found, lemmas: set[str]) -> str:
        """The sub-type of an explosion by what exploded: suicide bomb, grenade, air bomb."""
        mods = {
            self.tokens[c].lemma.lower()
            for i in range(found.start, found.end)
            for c in self.parse.children[i]
            if self.tokens[c].dep in ("compound", "amod", "nmod")
        }
        if lemmas & {"suicide", "kamikaze", "svbied"} or (
            lemmas & {"himself", "herself", "themselves"} and lemmas & {"kill", "blow"}
        ):
            return "Suicide bomb"
        if "grenade" in mods | lemmas:
            return "Grenade"
        if lemmas & {"aircraft", "jet", "plane", "warplane", "drone", "air", "helicopter"}:
            if self.tokens[found.start].lemma.lower() in ("bomb", "bombing"):
                return "Air/drone strike"
        return "Remote explosive/landmine/IED"

    def _phrase(self, toks: list[Token], limit: int = 12) -> set[str]:
        """Lemmas of the noun phrases of ``toks`` (each subtree cut to ``limit`` tokens)."""
        out: set[str] = set()
        for tok in toks:
            out.update(self.tokens[i].lemma.lower() for i in self.parse.subtree(tok.i)[:limit])
        return out

    def _victims(self, sent: int) -> set[str]:
        """Lemmas of who was killed, wounded or shot in sentence ``sent``."""
        out: set[str] = set()
        for tok in self.tokens:
            if tok.sent != sent or tok.lemma.lower() not in _HARM:
                continue
            for c in self.parse.children[tok.i]:
                child = self.tokens[c]
                if child.dep in ("nsubjpass", "dobj") or (
                    child.dep == "nsubj" and tok.lemma.lower() == "die"
                ):
                    out.update(self._phrase([child], 8))
        return out

    def _attack_type(
        self, found: lx.Found, lemma: str, lemmas: set[str], subj: list[Token], obj: list[Token]
    ) -> tuple[str, str] | None:
        """Type an attack, a killing or a shooting by its weapon, its victims and its actor.

        ACLED: chemical weapons make a chemical attack; force against protesters is a
        protest event; an attack on armed forces or their posts is a battle; one on
        civilians, their homes and public places is violence against civilians.
        """
        sent = self.tokens[found.start].sent
        subj_l, obj_l = self._phrase(subj), self._phrase(obj)
        modifiers = {
            self.tokens[c].lemma.lower()
            for c in self.parse.children[found.start]
            if self.tokens[c].dep in ("compound", "amod", "nmod")
        }
        for word in modifiers:
            if word in _WEAPON_SUBTYPES and lemma in ("attack", "strike", "shot"):
                return lx.EXPLOSIONS, _WEAPON_SUBTYPES[word]
        if lemmas & lx.CHEMICAL and lemmas & {"gas", "weapon", "agent", "attack"}:
            if lemma in ("attack", "kill", "injure", "wound"):
                return lx.EXPLOSIONS, "Chemical weapon"
        if obj_l & {"protester", "protestor", "demonstrator"}:
            return lx.PROTESTS, "Excessive force against protesters"
        victims = obj_l or self._victims(sent)
        if lemma == "storm" and not victims:
            victims = obj_l
        if subj_l & _MOB and lemma in ("attack", "kill", "injure", "wound", "beat"):
            return lx.RIOTS, "Mob violence"
        if victims & _PROPERTY and not victims & (lx.CIVILIAN_TARGETS | lx.MILITARY_TARGETS):
            return lx.SD, "Looting/property destruction"
        crowd = lemmas & (lx.CROWD | {"criminal"})
        if crowd and lemma in ("attack", "kill", "injure", "wound", "storm"):
            if not {t.lemma.lower() for t in subj} & (lx.FORCES - {"official"}):
                civ = victims & lx.CIVILIAN_TARGETS
                return (
                    lx.RIOTS,
                    "Mob violence" if civ and "mob" in lemmas else "Violent demonstration",
                )
        if victims & {"protester", "protestor", "demonstrator"}:
            return lx.PROTESTS, "Excessive force against protesters"
        military = victims & (lx.MILITARY_TARGETS | lx.NON_STATE - {"group", "opposition"})
        civilian = victims & lx.CIVILIAN_TARGETS
        if not military and any(t.ent_type == "PERSON" for t in obj):
            civilian = civilian | {"person"}  # a named person shot or killed
        if "civilian" in victims or (civilian and not military):
            return lx.VAC, "Attack"
        if military:
            return lx.BATTLES, "Armed clash"
        if lemma == "storm":
            return (lx.BATTLES, "Armed clash") if subj_l & lx.FORCES else None
        if subj_l & lx.ARMED_NON_STATE and lemma in ("open", "attack", "kill", "gun"):
            return lx.VAC, "Attack"
        if subj_l & lx.FORCES or lemma in ("shooting", "shoot", "open", "shot"):
            return lx.BATTLES, "Armed clash"
        if lemma in ("injure", "wound"):
            return None
        return lx.VAC, "Attack"

    def _disrupted(self, found: lx.Found) -> bool:
        """Whether a weapon trigger was found, seized, defused or destroyed (not used)."""
        head = self.parse.span_root(found.start, found.end)
        if self.tokens[head].lemma.lower() in lx.DISRUPT:
            return True
        cur = head
        for up in self.parse.ancestors(head)[:5]:
            if self.tokens[cur].dep in ("nsubj", "csubj"):
                return False  # the weapon did something: "a bomb destroyed the bridge"
            tok = self.tokens[up]
            if tok.lemma.lower() in lx.DISRUPT:
                return True
            cur = up
        return False

    def _territory(
        self, found: lx.Found, lemma: str, lemmas: set[str], subj: list[Token], obj: list[Token]
    ) -> tuple[str, str] | tuple[()]:
        """Who took territory: a state's forces regain it, others overtake it."""
        obj_l = self._phrase(obj, 6) | {t.lemma.lower() for t in obj}
        verb = self.tokens[found.start]
        owner = self.tokens[verb.head].lemma.lower() if verb.dep == "acl" else ""
        if lemma in ("capture", "seize") and (obj_l | {owner}) & lx.WEAPONS:
            return lx.SD, "Disrupted weapons use"  # "weapons seized in the raid"
        phrase = found.end - found.start > 1
        if lemma == "capture" and not phrase and {t.lemma.lower() for t in obj} & _PEOPLE:
            return lx.SD, "Arrests"  # people captured
        if (
            not phrase
            and not (obj_l | lemmas) & lx.TERRITORY_NOUNS
            and not self._has_place_object(lemmas)
        ):
            return () if lemma != "capture" else (lx.SD, "Arrests")
        if lemmas & {"peacekeeper", "peacekeeping"}:
            return lx.SD, "Non-violent transfer of territory"  # peacekeepers take over
        handed = lemmas & {"withdraw", "withdrawal", "handover", "evacuate", "evacuation"}
        text = self.doc.sentence_text(self.tokens[found.start].sent).lower()
        if handed or any(w in text for w in _UNOPPOSED):
            if not lemmas & {"clash", "fighting", "battle", "offensive", "assault"}:
                return lx.SD, "Non-violent transfer of territory"
        side = self._side(subj, found.start)
        passive = [t for t in obj if t.dep == "nsubjpass"]
        if not subj and passive and lemma in ("push", "drive"):
            # "the militants were pushed back": the side pushed out loses the ground
            lost = self._side(passive, found.start)
            side = {"state": "non-state", "non-state": "state"}.get(lost, "")
        if side == "non-state":
            return lx.BATTLES, "Non-state actor overtakes territory"
        if side == "state":
            return lx.BATTLES, "Government regains territory"
        if lemma in ("liberate", "regain", "recapture", "retake", "free", "drive", "push"):
            return lx.BATTLES, "Government regains territory"
        if lemmas & lx.NON_STATE and not lemmas & lx.STATE:
            return lx.BATTLES, "Non-state actor overtakes territory"
        return found.trigger.event_type, found.trigger.sub_event_type

    def _side(self, subj: list[Token], trigger: int) -> str:
        """The side of the actor ``subj``: "state", "non-state" or "" (unknown).

        The head noun decides ("army", "militants"); a generic head ("forces",
        "fighters", "units") is decided by its modifiers ("government forces",
        "rebel fighters"), and forces of no named side are a state's. A pronoun
        stands for the sentence's first nominal subject.
        """
        if not subj or all(t.pos == "PRON" for t in subj):
            sent = self.tokens[trigger].sent
            subj = [
                t
                for t in self.tokens
                if t.sent == sent and t.dep in ("nsubj", "nsubjpass") and t.pos != "PRON"
            ][:1]
        for tok in subj:
            head = tok.lemma.lower()
            mods = {
                self.tokens[c].lemma.lower()
                for c in self.parse.children[tok.i]
                if self.tokens[c].dep in ("compound", "amod", "nmod", "poss", "npadvmod")
            }
            for c in self.parse.children[tok.i]:  # "X-backed", "pro-X": one level deeper
                mods.update(
                    self.tokens[g].lemma.lower()
                    for g in self.parse.children[c]
                    if self.tokens[g].dep in ("compound", "amod", "npadvmod")
                )
            words = mods | {head}
            non_state = words & (lx.NON_STATE - {"group", "opposition", "fighter"}) or mods & {
                "opposition",
                "kurdish",
                "peshmerga",
                "separatist",
                "rebel",
                "tribal",
            }
            state = words & (lx.STATE - {"force"}) or mods & {"security", "federal", "national"}
            if head in _STATE_HEADS and not non_state:
                return "state"
            if head in lx.NON_STATE - {"group", "opposition", "fighter"}:
                return "non-state"
            if state and not non_state:
                return "state"
            if non_state and not state:
                return "non-state"
            if head in ("force", "troop", "unit") and not non_state:
                return "state"
            if head in ("fighter", "group", "member"):
                return "non-state"
        return ""

    def _classify_more(
        self,
        found: lx.Found,
        lemma: str,
        lemmas: set[str],
        subj: list[Token],
        obj: list[Token],
        unrest: bool,
    ) -> tuple[str, str] | tuple[()] | None:
        """Context rules for territory, strikes, raids, bases, groups and destruction.

        Returns a (type, sub-type), ``()`` to drop the trigger, or ``None`` when
        the general rules of :meth:`_classify` apply.
        """
        subj_l = {t.lemma.lower() for t in subj}
        obj_l = {t.lemma.lower() for t in obj}
        sub = found.trigger.sub_event_type
        if lemma in lx.TERRITORY_VERBS or sub in _TERRITORY_SUBS:
            return self._territory(found, lemma, lemmas, subj, obj)
        if sub == "Headquarters or base established" and found.trigger.contextual:
            return self._established(found) or ()
        if sub == "Change to group/activity" and found.trigger.contextual:
            if lemma == "form":
                words = self._phrase(subj + obj, 6)
                return (lx.SD, sub) if words & _GROUPS else ()
            if lemma in ("dispatch", "redeploy"):  # units sent, not officers to a call
                words = self._phrase(subj + obj, 6)
                return (lx.SD, sub) if words & (lx.DEPLOYED | _GROUPS - {"member"}) else ()
            return (lx.SD, sub) if lemmas & (lx.FORCES | lx.NON_STATE | _GROUPS) else ()
        if sub == "Agreement" and found.trigger.contextual:
            return (lx.SD, sub) if lemmas & _AGREEMENT_CONTEXT.get(lemma, frozenset()) else ()
        if lemma in ("withdraw", "withdrawal", "pull"):
            # leaving a place hands it over; withdrawing forces changes the group's activity
            left = any(
                self.tokens[c].text.lower() in ("from", "of") or self.tokens[c].dep == "dobj"
                for i in range(found.start, found.end)
                for c in self.parse.children[i]
            )
            if left and not obj_l & (lx.FORCES | lx.DEPLOYED):
                return lx.SD, "Non-violent transfer of territory"
            return lx.SD, "Change to group/activity"
        if lemma in ("flee", "displace", "expel", "expulsion"):
            people = self._phrase(subj + obj, 6) if lemma != "expulsion" else lemmas
            return (lx.SD, "Other") if people & _DISPLACED else ()  # displacement
        if lemma == "grave":
            return (lx.SD, "Other") if "mass" in lemmas else ()
        if lemma == "strike":
            if lemmas & {"air", "drone", "aircraft", "warplane", "jet", "airstrike"}:
                return lx.EXPLOSIONS, "Air/drone strike"
            if lemmas & {"missile", "rocket", "shell", "artillery"}:
                return lx.EXPLOSIONS, "Shelling/artillery/missile attack"
            if lemmas & {"worker", "employee", "union", "teacher", "doctor", "driver", "labour"}:
                return lx.PROTESTS, "Peaceful protest"
            return ()
        if lemma == "raid":
            if lemmas & {"aircraft", "warplane", "jet", "drone", "air", "plane", "helicopter"} or (
                lemmas & {"chopper", "gunship", "aerial"}
            ):
                return lx.EXPLOSIONS, "Air/drone strike"
            if lemmas & {"weapon", "arm", "ammunition", "explosive", "seize", "recover", "gun"}:
                return lx.SD, "Disrupted weapons use"
            if lemmas & {"arrest", "detain", "apprehend", "police", "custody"}:
                return lx.SD, "Arrests"
            return ()
        if lemma == "destruction":
            return (lx.RIOTS, "Violent demonstration") if unrest else (lx.SD, sub)
        if lemma in ("destroy", "burn"):
            if unrest:
                return lx.RIOTS, "Violent demonstration"
            if lemmas & lx.WEAPONS and lemma == "destroy":
                return lx.SD, "Disrupted weapons use"
            if lemmas & {"house", "home", "shop", "building", "property", "vehicle", "car", "crop"}:
                return lx.SD, "Looting/property destruction"
            return ()
        if lemma == "establish":
            if lemmas & {"base", "headquarters", "camp", "outpost", "post", "barracks"}:
                return lx.SD, "Headquarters or base established"
            return ()
        if lemma in ("encounter", "engage"):
            if lemmas & (lx.FORCES | lx.NON_STATE):
                return lx.BATTLES, "Armed clash"
            return ()
        if lemma == "beat":
            if lemmas & {"mob", "villager", "crowd", "vigilante", "lynch"}:
                return lx.RIOTS, "Mob violence"
            if obj_l & {"protester", "demonstrator"}:
                return lx.PROTESTS, "Excessive force against protesters"
            return (lx.VAC, "Attack") if obj_l & lx.CIVILIANS else ()
        if lemma in ("deploy", "deployment", "send") and not lemmas & {"peacekeeper", "csto"}:
            if lemma != "send" or self._phrase(obj, 4) & lx.DEPLOYED:
                return lx.SD, "Change to group/activity"
        del subj_l
        return None

    def _established(self, found: lx.Found) -> tuple[str, str] | None:
        """A base, post or camp that was set up, built or opened."""
        head = self.parse.span_root(found.start, found.end)
        for up in self.parse.ancestors(head)[:3]:
            tok = self.tokens[up]
            lemma = tok.lemma.lower()
            if lemma in lx.ESTABLISH and tok.pos == "VERB":
                if lemma == "set" and not any(
                    self.tokens[c].text.lower() == "up" for c in self.parse.children[up]
                ):
                    continue
                return lx.SD, "Headquarters or base established"
        return None

    def _has_place_object(self, lemmas: set[str]) -> bool:
        """Whether the sentence names a resolved place (for "captured X")."""
        return any(m.place is not None for m in self.doc.mentions)

    def _date(self, trigger: int, governor: int) -> tuple[object, int, bool]:
        """(date, precision, explicit?) for a trigger."""
        toks = self.tokens
        sent = toks[trigger].sent
        ref = self.doc.date
        dates = [
            e for e in self.doc.entities if e[2] in ("DATE", "TIME") and toks[e[0]].sent == sent
        ]
        # prefer a date inside the trigger's or its governor's subtree
        near = set(self.parse.subtree(governor)) | set(self.parse.subtree(trigger))
        dates.sort(key=lambda e: (0 if e[0] in near else 1, abs(e[0] - trigger)))
        for a, b, _ in dates:
            text = self.doc.text[toks[a].start : toks[b - 1].end]
            got = normalise_date(text, ref)
            if got is not None:
                return got[0], got[1], True
        sent_start, sent_end = self.doc.sentences[sent]
        sent_text = self.doc.text[sent_start:sent_end].lower()
        for phrase in ("earlier that day", "overnight", "yesterday", "today", "last night"):
            if phrase in sent_text:
                got = normalise_date(phrase, ref)
                if got:
                    return got[0], got[1], True
        return None, 1, False

    def _tense_precision(self, head: int) -> int:
        """1 for present or progressive reports, 2 for undated past ones."""
        tok = self.tokens[head]
        if tok.tag in ("VBZ", "VBP", "VBG"):
            return 1
        aux = [
            self.tokens[c]
            for c in self.parse.children[head]
            if self.tokens[c].dep in ("aux", "auxpass")
        ]
        if any(a.tag in ("VBZ", "VBP") and a.lemma != "have" for a in aux):
            return 1
        return 2

    def _actor(self, toks: list[Token], country: str) -> str | None:
        for tok in toks:
            lemma = tok.lemma.lower()
            if tok.pos in ("PRON", "DET"):
                continue
            if lemma in ("protester", "protestor", "demonstrator", "participant"):
                return f"Protesters ({country})" if country else "Protesters"
            if lemma in ("rioter", "criminal", "bandit", "looter", "mob", "attacker"):
                return f"Rioters ({country})" if country else "Rioters"
            if lemma in ("police", "policeman", "officer"):
                return f"Police Forces of {country}" if country else "Police Forces"
            if lemma in ("army", "military", "soldier", "troop"):
                return f"Military Forces of {country}" if country else "Military Forces"
            subtree = self.parse.subtree(tok.i)
            text = " ".join(
                self.tokens[i].text for i in subtree if self.tokens[i].dep not in ("det", "punct")
            )
            if len(subtree) <= 8 and text:
                return text
            return tok.text
        return None

    def _fatalities(self, sent: int) -> int | None:
        start, end = self.doc.sentences[sent]
        m = _FATAL.search(self.doc.text[start:end])
        if not m:
            return None
        raw = (m[1] or m[2]).lower().replace(",", "")
        return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)

    # -- the stage ---------------------------------------------------------------
    def run(self) -> tuple[Event, ...]:
        events: list[Event] = []
        last_link: dict[int, tuple[int, int]] = {}  # paragraph -> (mention, precision)
        last_date: dict[int, tuple[object, int]] = {}
        by_sent: list[list[Token]] = [[] for _ in self.doc.sentences]
        for tok in self.tokens:
            by_sent[tok.sent].append(tok)
        for sent, sent_tokens in enumerate(by_sent):
            para = self.paragraph[sent]
            triggers = lx.match_triggers(sent_tokens)
            triggers = [f for f in triggers if not _only_people(f, triggers, self.tokens)]
            trigger_tokens = {i for f in triggers for i in range(f.start, f.end)}
            for found in triggers:
                if self._did_not_happen(found.start, found.end) or self._is_background(found):
                    continue
                if self._is_consequence(found, trigger_tokens):
                    continue
                head_tok = next(
                    (
                        i
                        for i in range(found.start, found.end)
                        if self.tokens[i].pos in ("VERB", "NOUN")
                    ),
                    found.start,
                )
                governor = self._governor(head_tok)
                typed = self._classify(found, governor)
                if typed is None:
                    continue
                span = range(found.start, found.end)
                others = frozenset(trigger_tokens - set(span))
                link = self._link(span, governor, sent, para, last_link, others)
                if link.mention is None:
                    continue
                date, precision, explicit = self._date(head_tok, governor)
                if explicit and self.doc.date is not None and date > self.doc.date:
                    continue  # a future date: planned, not happened
                if not explicit:
                    if para in last_date:
                        date, precision = last_date[para][0], max(2, last_date[para][1])
                    else:
                        date, precision = self.doc.date, self._tense_precision(governor)
                else:
                    last_date[para] = (date, precision)
                if not link.inherited:
                    last_link[para] = (link.mention, link.precision)
                place = self.doc.mentions[link.mention].place
                country = place.country if place is not None else ""
                subj, obj = self._participants(governor, exclude=trigger_tokens)
                if self.tokens[head_tok].pos != "VERB" and self.tokens[governor].lemma not in (
                    "impose",
                    "declare",
                ):
                    subj = [t for t in subj if t.dep == "pobj"]  # a nominal trigger: only "by X"
                confidence = found.trigger.confidence * (0.85 if link.inherited else 1.0)
                if self.doc.date is None:
                    confidence *= 0.8
                first_tok, last_tok = self.tokens[found.start], self.tokens[found.end - 1]
                s_start, s_end = self.doc.sentences[sent]
                events.append(
                    Event(
                        event_type=typed[0],
                        sub_event_type=typed[1],
                        trigger=self.doc.text[first_tok.start : last_tok.end],
                        trigger_start=first_tok.start,
                        trigger_end=last_tok.end,
                        evidence_start=s_start,
                        evidence_end=s_end,
                        sent=sent,
                        event_date=date,
                        time_precision=precision,
                        actor1=self._actor(subj, country),
                        actor2=self._actor(obj, country) if typed[0] != lx.SD else None,
                        fatalities=self._fatalities(sent) if typed[0] != lx.SD else None,
                        mention=link.mention,
                        geo_precision=link.precision,
                        confidence=round(min(1.0, confidence), 3),
                        location_why=link.why,
                    )
                )
        return merge_events(events, self.doc.mentions)

    def _link(
        self,
        trigger_span: range,
        governor: int,
        sent: int,
        para: int,
        last_link: dict[int, tuple[int, int]],
        others: frozenset[int],
    ) -> Link:
        trigger = trigger_span.start
        first, last = self.tokens[trigger_span.start], self.tokens[trigger_span.stop - 1]
        links = link_trigger(self.doc, first.start, last.end, locator=self.locator, others=others)
        if links:
            return links[0]
        kind = self.locator.anaphora(trigger, governor)
        mentions = self.doc.mentions
        before = [
            i
            for i, m in enumerate(mentions)
            if m.sent < sent and m.place is not None and m.kind not in NOT_LOCATIONS
        ]
        if kind == "country" and self.focus is not None:
            return Link(self.focus, 3, "'the republic/country': the document's focus country", True)
        if kind == "city":
            cities = [i for i in before if not mentions[i].place.is_area]
            if cities:
                return Link(cities[-1], 1, "'the city': the last city named before", True)
        if kind == "region":
            regions = [i for i in before if mentions[i].place.feature_code.startswith("ADM")]
            if regions:
                return Link(regions[-1], 3, "'the region': the last region named before", True)
        if para in last_link:
            mention, precision = last_link[para]
            return Link(mention, precision, "the paragraph's previous event location", True)
        in_para = [
            i
            for i in before
            if self.paragraph[mentions[i].sent] == para and i not in self.locator.in_list
        ]
        if in_para:
            m = mentions[in_para[-1]]
            return Link(in_para[-1], 3 if m.place.is_area else 1, "the paragraph's place", True)
        if self.focus is not None:
            return Link(
                self.focus, 3, "no place in the sentence: the document's focus country", True
            )
        return Link(None, 1, "no place", True)


def _same_place(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return False
    return a.place.geonameid == b.place.geonameid and a.place.name == b.place.name


def merge_events(events: list[Event], mentions: tuple[Mention, ...]) -> tuple[Event, ...]:
    """Merge events of one type at one place on one date into one event, keeping all evidence.

    Two events merge when their type, sub-type, place and date agree (an
    undated report inherits the date of its paragraph's dated one first).
    """
    merged: list[Event] = []
    for event in events:
        target = None
        for k, other in enumerate(merged):
            if other.event_type != event.event_type or other.sub_event_type != event.sub_event_type:
                continue
            if not _same_place(mentions[other.mention], mentions[event.mention]):
                continue
            if other.event_date == event.event_date:
                target = k
                break
        if target is None:
            merged.append(event)
            continue
        other = merged[target]
        spans = {(other.evidence_start, other.evidence_end), *other.more_evidence}
        spans.add((event.evidence_start, event.evidence_end))
        spans.discard((other.evidence_start, other.evidence_end))
        best_date = (other.event_date, other.time_precision)
        if event.time_precision < other.time_precision:
            best_date = (event.event_date, event.time_precision)
        merged[target] = dataclasses.replace(
            other,
            more_evidence=tuple(sorted(spans)),
            event_date=best_date[0],
            time_precision=best_date[1],
            geo_precision=min(other.geo_precision, event.geo_precision),
            fatalities=max(filter(None, (other.fatalities, event.fatalities)), default=None),
            actor1=other.actor1 or event.actor1,
            actor2=other.actor2 or event.actor2,
            confidence=round(min(1.0, max(other.confidence, event.confidence) + 0.05), 3),
        )
    return tuple(merged)


def _typed_triggers(doc: Document) -> list[_Candidate]:
    """Every typed trigger of ``doc`` with whether it happened and where it stands."""
    if not doc.tokens:
        return []
    ex = _Extractor(doc)
    out: list[_Candidate] = []
    by_sent: list[list[Token]] = [[] for _ in doc.sentences]
    for tok in doc.tokens:
        by_sent[tok.sent].append(tok)
    for sent, sent_tokens in enumerate(by_sent):
        triggers = lx.match_triggers(sent_tokens)
        triggers = [f for f in triggers if not _only_people(f, triggers, doc.tokens)]
        trigger_tokens = {i for f in triggers for i in range(f.start, f.end)}
        for found in triggers:
            happened = not (
                ex._did_not_happen(found.start, found.end)
                or ex._is_background(found)
                or ex._is_consequence(found, trigger_tokens)
            )
            head_tok = next(
                (i for i in range(found.start, found.end) if doc.tokens[i].pos in ("VERB", "NOUN")),
                found.start,
            )
            typed = ex._classify(found, ex._governor(head_tok))
            if typed is None:
                continue
            first, last = doc.tokens[found.start], doc.tokens[found.end - 1]
            out.append(
                _Candidate(
                    confidence=found.trigger.confidence,
                    happened=happened,
                    event_type=typed[0],
                    sub_event_type=typed[1],
                    trigger=doc.text[first.start : last.end],
                    sent=sent,
                    lemma=doc.tokens[head_tok].lemma.lower(),
                )
            )
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    """A typed trigger of a snippet."""

    confidence: float
    happened: bool
    event_type: str
    sub_event_type: str
    trigger: str
    sent: int
    lemma: str


def type_candidates(doc: Document) -> list[tuple[float, bool, str, str, str]]:
    """Every typed trigger of ``doc``, whether or not it happened or has a place.

    Returns ``(confidence, happened, event_type, sub_event_type, trigger)`` tuples
    in text order; ``happened`` is false for negated, planned, hypothetical,
    background or consequence mentions.
    """
    return [
        (c.confidence, c.happened, c.event_type, c.sub_event_type, c.trigger)
        for c in _typed_triggers(doc)
    ]


_VIOLENT_DEMO = (lx.RIOTS, "Violent demonstration")
#: events that, in a snippet about a protest, are part of the protest
_AT_PROTESTS = frozenset({_VIOLENT_DEMO, (lx.SD, "Arrests"), (lx.BATTLES, "Armed clash")})

#: weight of a trigger in the snippet's vote by its sentence (the lead tells the main event)
_SENTENCE_WEIGHT = (1.0, 0.6, 0.45)


def snippet_type(doc: Document) -> tuple[str, str] | None:
    """The ACLED (type, sub-type) a short text reports, or ``None`` when it reports none.

    The (type, sub-type) with most weight wins: every trigger that happened votes
    with its confidence, weighted by its sentence (the lead sentence most); when
    every trigger was filtered out as not happened, the highest-confidence of those.
    """
    cands = _typed_triggers(doc)
    if not cands:
        return None
    happened = [c for c in cands if c.happened]
    if not happened:
        best = max(cands, key=lambda c: c.confidence)
        return best.event_type, best.sub_event_type
    votes: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], int] = {}
    for k, c in enumerate(happened):
        key = (c.event_type, c.sub_event_type)
        weight = _SENTENCE_WEIGHT[min(c.sent, len(_SENTENCE_WEIGHT) - 1)]
        if c.event_type == lx.EXPLOSIONS:
            weight *= 1.5  # the weapon decides: ACLED codes remote violence by its means
        elif c.sub_event_type in _TERRITORY_SUBS:
            weight *= 1.4  # ACLED codes a fight that changes who holds ground as the change
        elif c.lemma in _ATTACKS:
            weight *= 0.8  # a generic attack or killing
        votes[key] += c.confidence * weight
        first.setdefault(key, k)
    best = max(votes, key=lambda key: (round(votes[key], 6), -first[key]))
    if best[0] == lx.EXPLOSIONS:
        # the most specific weapon: chlorine in a barrel bomb is a chemical attack
        for sub in ("Chemical weapon", "Suicide bomb"):
            if (lx.EXPLOSIONS, sub) in votes:
                return lx.EXPLOSIONS, sub
    protest = any(
        c.event_type == lx.PROTESTS or (c.event_type, c.sub_event_type) == _VIOLENT_DEMO
        for c in cands
    )
    if protest and (best[0] == lx.PROTESTS or best in _AT_PROTESTS):
        # arrests, clashes and force at a protest are the protest's: type it as a whole
        return protest_subtype(cue_lemmas(doc, Parse(doc)), doc.text.lower())
    return best


def extract_events(doc: Document) -> Document:
    """Return ``doc`` with the events its text reports (mentions must be resolved)."""
    if not doc.tokens:
        return doc
    return dataclasses.replace(doc, events=_Extractor(doc).run())
