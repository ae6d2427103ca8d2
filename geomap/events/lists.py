"""Lists and frames of places: which names are members of one list, which only qualify another.

"in X and Y", "in A - 6 times; in B - 2 times", "shelled the settlements of A, B and C"
(members of one list, each an event place); "Syria's Aleppo province", "Taji, north of
Baghdad", "in al-Tijara neighbourhood in central Damascus" (a larger area or a reference
point that gives way to the place it frames). :class:`ListRules` is mixed into
:class:`geomap.events.locate.Locator`.
"""

from __future__ import annotations

from geomap.events._syntax import Parse
from geomap.events.place_words import (
    AREA_NOUNS,
    FRAME_GAP,
    PLACE_NOUNS,
    PLACE_PARTS,
)
from geomap.model import Mention


class ListRules:
    """Rules over the ``parse``, ``spans`` and ``mentions`` of the locator they serve."""

    parse: Parse
    mentions: list[Mention]
    spans: list[tuple[int, int]]

    def _qualifies_other(self, index: int, paths: dict[int, list[int]]) -> bool:
        """Whether the mention only qualifies a more specific candidate place.

        "Syria's Aleppo province", "Jerusalem's Old City", "the village of X in
        western Raqqa", "Taji, north of Baghdad": the owner or the larger area gives
        way to the place it qualifies (gold annotation keeps the most specific place).
        When two mentions seem to qualify each other ("Baghdad's district of X",
        "the Baghdad neighbourhood of X"), the later one names the place.
        """
        return any(
            not (self._qualifies(other, index, paths) and self.spans[index] > self.spans[other])
            for other in paths
            if other != index and self._qualifies(index, other, paths)
        )

    def _qualifies(self, index: int, other: int, paths: dict[int, list[int]]) -> bool:
        """Whether mention ``index`` qualifies the candidate place ``other``."""
        toks = self.parse.tokens
        path = paths[index]
        if toks[self.unit_root(index)].dep in ("conj", "appos") or len(path) < 2:
            return False
        other_path = paths[other]
        a, b = self.spans[other]
        nodes = set(range(a, b))
        if toks[other_path[0]].dep == "appos":
            other_path = other_path[:1]  # "X district, northern Iraq": Iraq is no part of it
        for k, i in enumerate(other_path[1:], start=1):
            tok = toks[i]
            if tok.text.lower() == "of" or (
                tok.lemma.lower() in PLACE_PARTS and toks[other_path[k - 1]].dep != "conj"
            ):
                nodes.add(i)
            elif k == 1 and toks[other_path[0]].dep == "compound":
                nodes.add(i)  # "Aziziyah district", "Umm al-Fahm junction"
            else:
                break
        return bool(set(path[1:]) & nodes)

    def _is_area(self, index: int, path: list[int]) -> bool:
        """Whether the mention names a country or region ("in the province of X")."""
        mention = self.mentions[index]
        if mention.kind == "region" or (mention.place is not None and mention.place.is_area):
            return True
        toks = self.parse.tokens
        return any(
            toks[i].text.lower() == "of" and toks[j].lemma.lower() in AREA_NOUNS
            for i, j in zip(path, path[1:], strict=False)
        )

    def _holds(self, area: int, town: int) -> bool:
        """Whether the area mention may hold the town mention (True when either is unresolved).

        "in Aleppo - 6 times; in Damascus province - 7 times": a province that does not
        hold the town is a place of its own.
        """
        big, small = self.mentions[area].place, self.mentions[town].place
        if big is None or small is None or not big.country_code:
            return True
        if big.country_code != small.country_code:
            return False
        if big.feature_code.startswith("PCL") or not big.admin1_code or not small.admin1_code:
            return True
        return big.admin1_code == small.admin1_code

    def _frames_other(self, index: int, chosen: list[int]) -> bool:
        """Whether the mention only frames a place named just before it.

        "in al-Tijara neighbourhood in central Damascus", "Kollupitiya, central
        Colombo", "the village of X in the countryside of Y, north of Z", "Dunya Pur,
        a town 100 km northeast of Multan", "in Gaza, near the Karni crossing": the
        larger area or the reference point after a place gives way to it (the gold
        convention keeps the most specific place), unless the two are coordinated.
        """
        toks = self.parse.tokens
        a, _ = self.spans[index]
        root = self.unit_root(index)
        if toks[root].dep == "conj" or (
            toks[root].dep == "appos" and self.parse.child_texts(root, frozenset({"conj"}))
        ):
            return False  # a member of a list ("the villages of A, B (twice) and C")
        for other in chosen:
            if other == index:
                continue
            _, ob = self.spans[other]
            if not 0 <= a - ob <= FRAME_GAP or self.coordinated(index, other):
                continue
            gap = toks[ob:a]
            if any(
                (t.pos in ("VERB", "AUX") and t.dep != "amod")
                or t.pos == "CCONJ"
                or t.text in (";", ":")
                for t in gap
            ):  # "in X, in the Israeli-occupied south of Y": a participle is no clause
                continue
            if not gap or any(t.text == "," or t.dep == "prep" for t in gap):
                if gap or toks[a].dep == "appos":
                    return True
        return False

    def unit_root(self, index: int) -> int:
        """The root of a mention with the place noun it names ("Khost" in "Khost province").

        In "in Kandahar and Khost provinces" or "in X and Y city" the second name hangs
        on the place noun, which is the conjunct.
        """
        toks = self.parse.tokens
        root = self.parse.span_root(*self.spans[index])
        head = toks[root].head
        if toks[root].dep == "compound" and toks[head].lemma.lower() in PLACE_NOUNS:
            return head
        return root

    def same_target(self, one: int, two: int, trigger: range) -> bool:
        """Whether two names are both in the list the event acts on.

        "shelled the settlements of A, B (twice) and C, and the districts of D, E": a
        list the parser splits still hangs from one object of the trigger.
        """
        toks = self.parse.tokens
        tops = []
        for k in (one, two):
            a, b = self.spans[k]
            if b <= a:
                return False
            cur = self.parse.span_root(a, b)
            steps = [cur]
            for head in self.parse.ancestors(cur):
                if head in trigger:
                    break
                if toks[head].dep == "prep" and toks[head].text.lower() != "of":
                    return False  # "in X", "near X": a place of its own, not a list member
                steps.append(head)
            else:
                return False
            tops.append(steps[-1])
        return tops[0] == tops[1] and toks[tops[0]].dep in ("dobj", "nsubjpass")

    def coordinated(self, one: int, two: int) -> bool:
        """Whether two mentions are joined by a conjunction ("in X and Y")."""
        toks = self.parse.tokens
        roots = []
        for k in (one, two):
            a, b = self.spans[k]
            if b <= a:
                return False
            roots.append(self.unit_root(k))
        r1, r2 = roots
        return (toks[r1].dep == "conj" and toks[r1].head == r2) or (
            toks[r2].dep == "conj" and toks[r2].head == r1
        )

    def parallel(self, one: int, two: int) -> bool:
        """Whether two mentions are objects of the same preposition in a list of phrases.

        "in Aleppo - 6 times; in Latakia - 2 times", "in X and in Y", "killed five, three
        in X and two in Y": the second phrase repeats the preposition after a semicolon
        or a conjunction, with no verb in between.
        """
        toks = self.parse.tokens
        one, two = sorted((one, two), key=lambda k: self.spans[k])
        (a1, b1), (a2, b2) = self.spans[one], self.spans[two]
        if b1 <= a1 or b2 <= a2:
            return False
        heads = []
        for k in (one, two):
            root = toks[self.unit_root(k)]
            if root.dep != "pobj":
                return False
            heads.append(toks[root.head])
        first, second = heads
        if first.text.lower() != second.text.lower() or not b1 <= second.i < a2:
            return False
        if second.i - b1 > FRAME_GAP or second.i == 0:
            return False
        gap = toks[b1 : second.i]
        if any(t.pos in ("VERB", "AUX") for t in gap):
            return False
        return any(t.text in (";", "and", "or") for t in gap)
