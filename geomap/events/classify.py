"""Event typing: ACLED's type and sub-type of a trigger from the words around it.

A trigger word gives a default type (:mod:`geomap.events.lexicon`); the sentence
refines it following ACLED's codebook: the weapon decides remote violence, the
victims decide between a battle and violence against civilians, who acts decides
a protest, a riot or mob violence, and who takes ground decides the battle
sub-type. :class:`Classifier` is mixed into the extractor of
:mod:`geomap.events.detect`, which gives it ``doc``, ``tokens`` and ``parse``.
"""

from __future__ import annotations

from geomap.events import lexicon as lx
from geomap.events import vocabulary as vc
from geomap.events._syntax import Parse
from geomap.events.strategic import _PEOPLE, StrategicRules
from geomap.model import Document, Token

#: attack, killing and shooting triggers typed by weapon, victims and actor
_ATTACKS = frozenset(
    {"attack", "kill", "injure", "wound", "shoot", "shooting", "shot", "open", "storm", "gun"}
)
#: people whose march or gathering is a protest ("thousands of students marched")
MARCHERS = frozenset(
    {"student", "worker", "teacher", "farmer", "supporter", "trucker", "union", "thousand"}
    | {"hundred", "nurse", "doctor", "pensioner", "opponent", "miner", "crowd", "resident"}
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
#: riot triggers that damage property
_DAMAGE = frozenset({"torch", "torched", "vandalize", "vandalise", "set", "burn", "torching"})
#: people of mob violence (not demonstrators)
_MOB = frozenset({"mob", "vigilante", "villager", "resident", "lynch", "mourner"})
#: words of protests
_PROTEST_WORDS = frozenset({"protest", "demonstration", "rally", "march", "demonstrate"})
#: property (an attack on it alone is property destruction)
_PROPERTY = frozenset({"property", "building", "office", "infrastructure", "shop", "store"})


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
    violent = lemmas & (vc.VIOLENT_PROTEST - _THROWN - _VIOLENCE)
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
        or (harmed and lemmas & (vc.CROWD | {"protestor", "rally", "march"}))
        or lemmas & {"brutally", "brutal"}
        or (vague and suppressed)
        or "excessive force" in text
    ):
        return lx.PROTESTS, "Excessive force against protesters"
    if (
        suppressed
        or lemmas & vc.INTERVENTION
        or any(w in text for w in ("tear gas", "water cannon", "rubber bullet", "broke up"))
        or any(w in text for w in ("stun grenade", "smoke grenade", "break up", "baton charge"))
    ):
        return lx.PROTESTS, "Protest with intervention"
    return lx.PROTESTS, "Peaceful protest"


_VIOLENT_DEMO = (lx.RIOTS, "Violent demonstration")


class Classifier(StrategicRules):
    """The typing rules, over the ``doc``, ``tokens`` and ``parse`` of the class they serve."""

    doc: Document
    tokens: tuple[Token, ...]
    parse: Parse

    def _sentence_lemmas(self, sent: int) -> set[str]:
        return {t.lemma.lower() for t in self._sent_tokens(sent)}

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
            elif tok.dep in ("nsubj", "csubj") and self._reduced_passive(head):
                obj.append(tok)  # "18 officials killed": the officials were killed
            elif tok.dep in ("nsubj", "csubj"):
                subj.append(tok)
            elif tok.dep in ("nsubjpass", "dobj", "attr", "dative"):
                obj.append(tok)
            elif tok.dep == "prep" and tok.text.lower() == "by" and self.tokens[head].pos == "NOUN":
                subj.extend(
                    self.tokens[g] for g in self.parse.children[c] if self.tokens[g].dep == "pobj"
                )
            elif tok.dep == "prep" and tok.text.lower() in ("on", "at", "against", "upon", "into"):
                obj.extend(
                    self.tokens[g]
                    for g in self.parse.children[c]
                    if self.tokens[g].dep == "pobj"
                    and self.tokens[g].ent_type not in ("DATE", "TIME")
                )
        return subj, obj

    def _reduced_passive(self, verb: int) -> bool:
        """Whether a harm verb is a bare past participle: "officials killed", "two shot dead"."""
        tok = self.tokens[verb]
        if tok.tag != "VBN" or tok.lemma.lower() not in _HARM:
            return False
        return not any(
            self.tokens[c].dep in ("aux", "auxpass", "dobj") for c in self.parse.children[verb]
        )

    def _classify(self, found: lx.Found, governor: int) -> tuple[str, str] | None:
        """Refine a trigger's type from its context; ``None`` drops it."""
        trig = found.trigger
        etype, sub = trig.event_type, trig.sub_event_type
        sent = self.tokens[found.start].sent
        lemmas = self._sentence_lemmas(sent)
        unrest = bool(lemmas & vc.UNREST)
        if self.tokens[found.start].pos == "VERB":
            subj, obj = self._participants(found.start)
        else:  # a noun: its own "on X", "by Y", else its clause's (not itself)
            span = range(found.start, found.end)
            n_subj, n_obj = self._participants(self.parse.span_root(found.start, found.end))
            g_subj, g_obj = self._participants(governor, exclude=span)
            subj, obj = n_subj or g_subj, n_obj or g_obj
        subj_l = {t.lemma.lower() for t in subj}
        lemma = self.tokens[found.start].lemma.lower()
        if vc.WEAPONS & {self.tokens[i].lemma.lower() for i in range(found.start, found.end)}:
            if self._disrupted(found):
                return lx.SD, "Disrupted weapons use"
            if trig.sub_event_type == "Disrupted weapons use" and trig.contextual:
                return None  # a weapon only named, not found or seized
        special = self._classify_more(found, lemma, lemmas, subj, obj, unrest)
        if special is not None:
            return special or None
        if etype == lx.PROTESTS:
            if (
                trig.contextual
                and lemma not in ("block", "blockade")
                and not lemmas
                & {
                    "protester",
                    "protestor",
                    "demonstrator",
                    "protest",
                    "activist",
                    *MARCHERS,
                    "opposition",
                    "striker",
                    "against",
                    "chant",
                    "slogan",
                    "placard",
                    "banner",
                    "demand",
                }
            ):
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
            if not lemmas & (vc.CROWD | vc.UNREST | _PROTEST_WORDS):
                return lx.SD, "Looting/property destruction"  # no crowd: property destroyed
        if lemma == "intercept" and self._phrase(obj, 4) & _PEOPLE:
            return lx.SD, "Arrests"
        if lemma == "checkpoint" and self._established(found):
            return lx.SD, "Headquarters or base established"
        if lemma == "checkpoint" and self._site_of_other(found):
            return None  # the target or place of another happening, not a checkpoint set up
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
            return (lx.SD, "Other") if (lemmas & vc.DEPLOYED) else None
        if lemma == "peacekeeper":
            return None  # a deployment is read from its verb
        if lemma in ("loot", "looting", "ransack", "plunder", "pillage"):
            return (lx.RIOTS, "Violent demonstration") if unrest else (etype, sub)
        if lemma in ("set", "break", "attempt", "try"):
            if unrest or subj_l & {"criminal", "bandit", "mob", "crowd", "protester", "rioter"}:
                return lx.RIOTS, "Violent demonstration"
            return None
        if lemma == "fire":
            return self._firing(found, lemmas, subj, obj)
        if lemma in _ATTACKS:
            return self._attack_type(found, lemma, lemmas, subj, obj)
        if lemma == "clash" and subj_l & (_MOB | {"community", "group", "youth"}):
            if not lemmas & (vc.FORCES | vc.NON_STATE | vc.CROWD):
                return lx.RIOTS, "Mob violence"
        if lemma in ("clash", "fight"):
            if lemmas & vc.CROWD and lemma == "clash":
                return lx.RIOTS, "Violent demonstration"
            return (
                (lx.RIOTS, "Violent demonstration")
                if unrest and lemma == "clash" and not lemmas & vc.NON_STATE
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

    def _victims(self, sent: int) -> set[str]:
        """Lemmas of who was killed, wounded or shot in sentence ``sent``."""
        out: set[str] = set()
        for tok in self._sent_tokens(sent):
            if tok.lemma.lower() not in _HARM:
                continue
            for c in self.parse.children[tok.i]:
                child = self.tokens[c]
                if child.dep in ("nsubjpass", "dobj") or (
                    child.dep == "nsubj" and tok.lemma.lower() == "die"
                ):
                    out.update(self._phrase([child], 8))
            if tok.dep in ("acl", "relcl") and tok.tag == "VBN":
                out.update(self._phrase([self.tokens[tok.head]], 8))  # "soldiers killed in X"
        return out

    def _site_of_other(self, found: lx.Found) -> bool:
        """Whether a site noun is where or what another happening hit ("killed at a checkpoint").

        The noun hangs below another trigger of its sentence, or is the object of a
        place preposition ("at/near a checkpoint").
        """
        tok = self.tokens[found.start]
        head = self.tokens[tok.head]
        if tok.dep == "pobj" and head.text.lower() in ("at", "near", "on", "outside"):
            return True
        sent_tokens = list(self._sent_tokens(tok.sent))
        others = {
            i
            for f in lx.match_triggers(sent_tokens)
            if f.start != found.start
            for i in range(f.start, f.end)
        }
        return any(
            up in others or self.tokens[up].lemma.lower() in _ATTACKS | {"target", "hit", "fire"}
            for up in self.parse.ancestors(found.start)[:4]
        )

    def _firing(
        self, found: lx.Found, lemmas: set[str], subj: list[Token], obj: list[Token]
    ) -> tuple[str, str] | None:
        """Type "fired on X", "fired shells at X": an attack when something is fired at a target.

        What is fired decides remote violence ("rockets", "shells"); tear gas and
        water cannon are told by their own triggers; "fired the coach" and "fired
        into the air" are no attack.
        """
        verb = self.tokens[found.start]
        at = [
            self.tokens[c]
            for c in self.parse.children[verb.i]
            if self.tokens[c].dep == "prep"
            and self.tokens[c].text.lower() in ("on", "at", "upon", "into", "towards", "toward")
        ]
        shot = {
            self.tokens[c].lemma.lower()
            for c in self.parse.children[verb.i]
            if self.tokens[c].dep == "dobj"
        }
        targets = {
            self.tokens[g].lemma.lower()
            for p in at
            for g in self.parse.subtree(p.i)
            if self.tokens[g].dep == "pobj"
        }
        if shot & {"gas", "cannon", "canister", "bullet"} or targets & {"air", "sky"}:
            return None
        for word in sorted(shot):
            sub = _WEAPON_SUBTYPES.get("rocket" if word == "shell" else word)
            if sub is not None:
                return lx.EXPLOSIONS, sub
        if not at:
            return None
        return self._attack_type(found, "fire", lemmas, subj, obj)

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
        if lemmas & vc.CHEMICAL and lemmas & {"gas", "weapon", "agent", "attack"}:
            if lemma in ("attack", "kill", "injure", "wound"):
                return lx.EXPLOSIONS, "Chemical weapon"
        if obj_l & {"protester", "protestor", "demonstrator"}:
            return lx.PROTESTS, "Excessive force against protesters"
        victims = obj_l or self._victims(sent)
        if lemma == "storm" and not victims:
            victims = obj_l
        if subj_l & _MOB and lemma in ("attack", "kill", "injure", "wound", "beat"):
            return lx.RIOTS, "Mob violence"
        if victims & _PROPERTY and not victims & (vc.CIVILIAN_TARGETS | vc.MILITARY_TARGETS):
            return lx.SD, "Looting/property destruction"
        crowd = lemmas & (vc.CROWD | {"criminal"})
        if crowd and lemma in ("attack", "kill", "injure", "wound", "storm"):
            if not {t.lemma.lower() for t in subj} & (vc.FORCES - {"official"}):
                civ = victims & vc.CIVILIAN_TARGETS
                return (
                    lx.RIOTS,
                    "Mob violence" if civ and "mob" in lemmas else "Violent demonstration",
                )
        if victims & {"protester", "protestor", "demonstrator"}:
            return lx.PROTESTS, "Excessive force against protesters"
        military = victims & (vc.MILITARY_TARGETS | vc.NON_STATE - {"group", "opposition"})
        civilian = victims & vc.CIVILIAN_TARGETS
        if not military and any(t.ent_type == "PERSON" for t in obj):
            civilian = civilian | {"person"}  # a named person shot or killed
        if "civilian" in victims or (civilian and not military):
            return lx.VAC, "Attack"
        if military:
            return lx.BATTLES, "Armed clash"
        if lemma == "storm":
            return (lx.BATTLES, "Armed clash") if subj_l & vc.FORCES else None
        if subj_l & vc.ARMED_NON_STATE and lemma in ("open", "attack", "kill", "gun"):
            return lx.VAC, "Attack"
        if subj_l & vc.FORCES or lemma in ("shooting", "shoot", "open", "shot", "fire"):
            return lx.BATTLES, "Armed clash"
        if lemma in ("injure", "wound"):
            return None
        return lx.VAC, "Attack"
