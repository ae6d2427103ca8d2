"""Names the text marks as places, whether or not the index has them.

Incident reports name villages, camps and neighbourhoods the gazetteer lacks, and
say so in the words around them. A capitalised name (whole: see
:mod:`geomap.toponyms.names`) is a place mention, resolved later or left
unresolved for the resolver to place at its container, when

- a lower-case noun of a kind of place follows it: "in Kouki village", "the Eastleigh
  neighbourhood", "Gassanieh town" (:data:`PART_NOUNS`);
- it follows "the village of", "town of", "the sub-prefecture of"
  (:data:`~geomap.toponyms.vocabulary.PLACE_NOUNS` and "of");
- after "in", "near" or "outside", it opens a chain whose next link is a place found
  already: "in Ngouaboudou, Haute-Kotto", "near Gaga, Zawa and Bekadili, Ombella-M'Poko
  province", "near X and Y in Idlib province" (each name of a list its own mention).
"""

from __future__ import annotations

from geomap.gazetteer.base import normalize_name
from geomap.toponyms.finder import Finder
from geomap.toponyms.vocabulary import (
    ACRONYM_PLACES,
    COMMON_WORDS,
    PLACE_NOUNS,
    SPATIAL_PREPOSITIONS,
)

#: lower-case nouns after a name that make it a place of that kind ("Kouki village")
PART_NOUNS = frozenset(
    {"village", "villages", "town", "city", "locality", "neighbourhood", "neighborhood"}
    | {"camp", "suburb", "district", "sub-district", "subdistrict", "quarter", "settlement"}
    | {"hamlet", "commune", "municipality", "township", "sub-prefecture", "subprefecture"}
)
#: words besides lower-case ones that may stand before a name a part noun follows
_BEFORE_PART = SPATIAL_PREPOSITIONS | {"the", "of", ",", "and", "or", "from", "near", "/"}
#: entity labels of names that are no places whatever the words around them
_NOT_PLACES = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "NORP", "LAW"}
)
#: prepositions that open a chain of places ("in X, Y"; not "at X", "to X": buildings
#: and people)
CHAIN_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "around", "across"})
#: words of the name of a building or a body, never of a village ("Mercy Hospital")
FACILITY_WORDS = frozenset(
    {"hospital", "center", "centre", "school", "college", "university", "church", "home"}
    | {"park", "agency", "congregation", "communities", "foundation", "hall", "library"}
    | {"station", "airport", "museum", "hotel", "mall", "club", "council", "court", "jail"}
    | {"prison", "office", "department", "company", "bank", "market", "street", "road"}
)
#: the most names a chain before a known place may list ("in A, B and C, Province")
_MAX_LISTED = 6


class MarkedPass(Finder):
    """Finds names the text marks as places (see the module docstring)."""

    def marked_names(self) -> None:
        """Claim capitalised names that a part noun, "X of", or a chain marks as places."""
        tokens, n = self.tokens, len(self.tokens)
        starts = {i: (i, j, kind) for i, j, kind, _ in self.found if kind in ("place", "region")}
        k = 0
        while k < n:
            if k in starts and k > 0 and tokens[k - 1].text.lower() in CHAIN_PREPOSITIONS:
                # "near Jisr al-Shughur and Maarat al-Numan in Idlib province"
                listed = self._chain_before_place(k, starts)
                for a, b in listed:
                    self._mark(a, b)
                k = listed[-1][1] if listed else starts[k][1]
                continue
            run = self._name_run(k)
            if run is None:
                k += 1
                continue
            i, j = run
            before = tokens[i - 1].text.lower() if i > 0 else ""
            after = tokens[j].text if j < n else ""
            free = before in _BEFORE_PART or before.isalpha() and tokens[i - 1].text.islower()
            if after.islower() and after in PART_NOUNS and (free or self._line_start(i)):
                self._mark(i, j)
            elif before == "of" and i > 1 and tokens[i - 2].text in PLACE_NOUNS | PART_NOUNS:
                self._mark(i, j)
            elif before in CHAIN_PREPOSITIONS:
                listed = self._chain_before_place(i, starts)
                for a, b in listed:
                    self._mark(a, b)
                if listed:
                    k = listed[-1][1]
                    continue
            k = j
            continue

    def _name_run(self, k: int) -> tuple[int, int] | None:
        """The capitalised name that starts at token ``k``: whole names, untaken, one sentence."""
        tokens, n = self.tokens, len(self.tokens)
        if self.units[k][0] != k or self.taken[k] or not self._name_word(k):
            return None
        sent = tokens[k].sent
        j = self.units[k][1]
        words = 1
        while j < n and words < 4 and tokens[j].sent == sent and not self.taken[j]:
            if tokens[j].start != tokens[j - 1].end + 1 or not self._name_word(j):
                break
            j = self.units[j][1]
            words += 1
        if any(self.taken[m] for m in range(k, j)):
            return None
        return k, j

    def _name_word(self, k: int) -> bool:
        """A word that may begin a name: capitalised, a proper noun, no number or date."""
        tok = self.tokens[k]
        text = tok.text
        if not text[:1].isupper() or not text.replace("'", "").replace(".", "").isalpha():
            return False
        ent = self.ent_of[k]
        if ent is not None and ent[2] in _NOT_PLACES:
            return False
        # not "The city", "Several counties"; untagged, a word that does not start its
        # sentence counts (asking for its POS would make every sentence tagged)
        return tok.pos == "PROPN" if tok.pos else not self._line_start(k)

    def _chain_before_place(
        self, i: int, starts: dict[int, tuple[int, int, str]]
    ) -> list[tuple[int, int]]:
        """The names listed from token ``i`` up to ", <a place found already>", or none."""
        tokens, n = self.tokens, len(self.tokens)
        listed: list[tuple[int, int]] = []
        k = i
        while len(listed) < _MAX_LISTED:
            if k in starts:
                k = starts[k][1]  # a place found already, listed with the new ones
            else:
                run = self._name_run(k)
                if run is None or not self._chain_name(*run, strict=False):
                    return []
                listed.append(run)
                k = run[1]
            if k < n and tokens[k].text == "," and k + 1 in starts:
                return listed  # "..., Haute-Kotto province"
            if (
                k + 1 < n
                and tokens[k].text in ("in", "near")
                and (k + 1 in starts or (tokens[k + 1].text == "the" and k + 2 in starts))
            ):
                # "X and Y in Idlib province"; people are in places too ("Terry Collins in
                # Oakland"), so no name the NER calls a person or an organisation
                if all(self._chain_name(a, b, strict=True) for a, b in listed):
                    return listed
                return []
            if k < n and tokens[k].text == "," and k + 1 < n:
                k += 1
                if tokens[k].text.lower() in ("and", "or"):
                    k += 1
            elif k < n and tokens[k].text.lower() in ("and", "or"):
                k += 1
            else:
                return []
        return []

    def _chain_name(self, i: int, j: int, *, strict: bool) -> bool:
        """Whether a name may be a link of a chain: no building, maybe no person.

        With ``strict``, a name the NER calls a person or an organisation counts only
        when it is bound by a particle or hyphens, as the model often calls such place
        names people ("Maarat al-Numan").
        """
        tokens = self.tokens
        if any(tokens[k].text.lower() in FACILITY_WORDS for k in range(i, j)):
            return False
        if not strict:
            return True
        ent = self.ent_of[i]
        if ent is not None and ent[2] in ("PERSON", "ORG"):
            return any(self.units[k][1] - self.units[k][0] > 1 for k in range(i, j))
        return True

    def _mark(self, i: int, j: int) -> None:
        """Claim ``[i, j)`` as a place unless a common word, a person, an acronym or a building."""
        name = self.span_text(i, j)
        key = normalize_name(name)
        if key in COMMON_WORDS or self.title_before(i) or self.is_person(i, j, full_names=True):
            return
        bare = name.replace(".", "")
        if bare.isupper() and len(bare) <= 3 and bare not in ACRONYM_PLACES:
            return  # "UPC", "IS": armed groups and codes
        if any(self.tokens[k].text.lower() in FACILITY_WORDS for k in range(i, j)):
            return  # "the area of Veterans Memorial Park": a building or a park
        if j - i == 1 and self.gaz.demonym(name) is not None and not self.gaz.has_key(key):
            return  # "Syrian village"
        self.claim(i, j, "place", "CUE")
