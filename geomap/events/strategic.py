"""Context rules for territory, strikes, raids, bases, groups, withdrawals and destruction.

ACLED's strategic developments and the battles that change who holds ground:
who takes territory (a state's forces regain it, others overtake it, nobody
fights for it), whether a base was set up, weapons seized, forces deployed or
withdrawn. :class:`StrategicRules` is mixed into :class:`geomap.events.classify.Classifier`.
"""

from __future__ import annotations

import functools

from geomap.events import lexicon as lx
from geomap.events import vocabulary as vc
from geomap.events._syntax import Parse
from geomap.model import Document, Token

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

_GROUPS = vc.GROUPS

_AGREEMENT_CONTEXT = vc.AGREEMENT_CONTEXT

_DISPLACED = vc.DISPLACED

#: armed men whose raid is an attack ("bandits raided a market")
ARMED_RAIDERS = frozenset({"bandit", "gunman", "gunmen", "attacker", "assailant", "raider"})

#: ways people block in a protest ("blocked roads", "blockaded the port")
ROUTES = frozenset(
    {"road", "highway", "street", "bridge", "traffic", "railway", "rail", "access", "entrance"}
    | {"motorway", "junction", "route", "port", "crossing", "intersection", "roundabout"}
    | {"track", "avenue", "border", "refinery", "gate", "airport", "city"}
)


class StrategicRules:
    """Rules over the ``doc``, ``tokens`` and ``parse`` of the class they are mixed into."""

    doc: Document
    tokens: tuple[Token, ...]
    parse: Parse

    @functools.cached_property
    def _sentence_spans(self) -> list[tuple[int, int]]:
        """The token range ``[first, stop)`` of each sentence."""
        spans = [(0, 0)] * len(self.doc.sentences)
        for tok in self.tokens:
            first, stop = spans[tok.sent]
            spans[tok.sent] = (tok.i if stop == 0 else first, tok.i + 1)
        return spans

    def _sent_tokens(self, sent: int) -> tuple[Token, ...]:
        """The tokens of sentence ``sent``."""
        first, stop = self._sentence_spans[sent]
        return self.tokens[first:stop]

    def _phrase(self, toks: list[Token], limit: int = 12) -> set[str]:
        """Lemmas of the noun phrases of ``toks`` (each subtree cut to ``limit`` tokens)."""
        out: set[str] = set()
        for tok in toks:
            out.update(self.tokens[i].lemma.lower() for i in self.parse.subtree(tok.i)[:limit])
        return out

    def _disrupted(self, found: lx.Found) -> bool:
        """Whether a weapon trigger was found, seized, defused or destroyed (not used)."""
        head = self.parse.span_root(found.start, found.end)
        if self.tokens[head].lemma.lower() in vc.DISRUPT:
            return True
        cur = head
        for up in self.parse.ancestors(head)[:5]:
            if self.tokens[cur].dep in ("nsubj", "csubj"):
                return False  # the weapon did something: "a bomb destroyed the bridge"
            tok = self.tokens[up]
            if tok.lemma.lower() in vc.DISRUPT:
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
        if lemma in ("capture", "seize") and (obj_l | {owner}) & vc.WEAPONS:
            return lx.SD, "Disrupted weapons use"  # "weapons seized in the raid"
        phrase = found.end - found.start > 1
        if lemma == "capture" and not phrase and {t.lemma.lower() for t in obj} & _PEOPLE:
            return lx.SD, "Arrests"  # people captured
        if (
            not phrase
            and not (obj_l | lemmas) & vc.TERRITORY_NOUNS
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
        if lemmas & vc.NON_STATE and not lemmas & vc.STATE:
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
                for t in self._sent_tokens(sent)
                if t.dep in ("nsubj", "nsubjpass") and t.pos != "PRON"
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
            non_state = words & (vc.NON_STATE - {"group", "opposition", "fighter"}) or mods & {
                "opposition",
                "kurdish",
                "peshmerga",
                "separatist",
                "rebel",
                "tribal",
            }
            state = words & (vc.STATE - {"force"}) or mods & {"security", "federal", "national"}
            if head in _STATE_HEADS and not non_state:
                return "state"
            if head in vc.NON_STATE - {"group", "opposition", "fighter"}:
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
        if lemma == "enter":
            # armed men entering a town take it; people entering a building do not
            armed = self._phrase(subj, 6) & (vc.FORCES | vc.NON_STATE - {"group", "opposition"})
            target = self._phrase(obj, 4) & vc.TERRITORY_NOUNS or any(
                m.place is not None and self.tokens[found.start].sent == m.sent
                for m in self.doc.mentions
                if any(t.start <= m.start < t.end or m.start <= t.start < m.end for t in obj)
            )
            if not armed or not target:
                return ()
            return self._territory(found, lemma, lemmas, subj, obj)
        if lemma in ("block", "blockade"):
            # roads blocked by people are a protest; by forces, no event of its own
            if self._phrase(obj, 4) & ROUTES and not subj_l & (vc.FORCES | vc.NON_STATE):
                return None
            return ()
        if lemma in vc.TERRITORY_VERBS or sub in _TERRITORY_SUBS:
            return self._territory(found, lemma, lemmas, subj, obj)
        if sub == "Headquarters or base established" and found.trigger.contextual:
            return self._established(found) or ()
        if sub == "Change to group/activity" and found.trigger.contextual:
            if lemma == "form":
                words = self._phrase(subj + obj, 6)
                return (lx.SD, sub) if words & _GROUPS else ()
            if lemma in ("dispatch", "redeploy"):  # units sent, not officers to a call
                words = self._phrase(subj + obj, 6)
                return (lx.SD, sub) if words & (vc.DEPLOYED | _GROUPS - {"member"}) else ()
            return (lx.SD, sub) if lemmas & (vc.FORCES | vc.NON_STATE | _GROUPS) else ()
        if sub == "Agreement" and found.trigger.contextual:
            return (lx.SD, sub) if lemmas & _AGREEMENT_CONTEXT.get(lemma, frozenset()) else ()
        if lemma in ("withdraw", "withdrawal", "pull"):
            # leaving a place hands it over; withdrawing forces changes the group's activity
            left = any(
                self.tokens[c].text.lower() in ("from", "of") or self.tokens[c].dep == "dobj"
                for i in range(found.start, found.end)
                for c in self.parse.children[i]
            )
            if left and not obj_l & (vc.FORCES | vc.DEPLOYED):
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
            if self._phrase(subj, 6) & (ARMED_RAIDERS | vc.NON_STATE - {"group", "opposition"}):
                return self._attack_type(found, "attack", lemmas, subj, obj)  # bandits raided X
            return ()
        if lemma == "destruction":
            return (lx.RIOTS, "Violent demonstration") if unrest else (lx.SD, sub)
        if lemma in ("destroy", "burn"):
            if unrest or self._phrase(subj, 6) & vc.CROWD:
                return lx.RIOTS, "Violent demonstration"
            if lemmas & vc.WEAPONS and lemma == "destroy":
                return lx.SD, "Disrupted weapons use"
            if lemmas & {"house", "home", "shop", "building", "property", "vehicle", "car", "crop"}:
                return lx.SD, "Looting/property destruction"
            return ()
        if lemma == "establish":
            if lemmas & {"base", "headquarters", "camp", "outpost", "post", "barracks"}:
                return lx.SD, "Headquarters or base established"
            return ()
        if lemma in ("encounter", "engage"):
            if lemmas & (vc.FORCES | vc.NON_STATE):
                return lx.BATTLES, "Armed clash"
            return ()
        if lemma == "beat":
            if lemmas & {"mob", "villager", "crowd", "vigilante", "lynch"}:
                return lx.RIOTS, "Mob violence"
            if obj_l & {"protester", "demonstrator"}:
                return lx.PROTESTS, "Excessive force against protesters"
            return (lx.VAC, "Attack") if obj_l & vc.CIVILIANS else ()
        if lemma in ("deploy", "deployment", "send") and not lemmas & {"peacekeeper", "csto"}:
            if lemma != "send" or self._phrase(obj, 4) & vc.DEPLOYED:
                return lx.SD, "Change to group/activity"
        del subj_l
        return None

    def _established(self, found: lx.Found) -> tuple[str, str] | None:
        """A base, post or camp that was set up, built or opened."""
        head = self.parse.span_root(found.start, found.end)
        for up in self.parse.ancestors(head)[:3]:
            tok = self.tokens[up]
            lemma = tok.lemma.lower()
            if lemma in vc.ESTABLISH and tok.pos == "VERB":
                if lemma == "set" and not any(
                    self.tokens[c].text.lower() == "up" for c in self.parse.children[up]
                ):
                    continue
                return lx.SD, "Headquarters or base established"
        return None

    def _has_place_object(self, lemmas: set[str]) -> bool:
        """Whether the sentence names a resolved place (for "captured X")."""
        return any(m.place is not None for m in self.doc.mentions)
