"""The list pass: names listed with a place, or before a plural area noun."""

from __future__ import annotations

from geomap.gazetteer.base import normalize_name
from geomap.toponyms.finder import Finder, _is_capitalised
from geomap.toponyms.vocabulary import COMMON_WORDS, PLURAL_AREA_NOUNS


class ListsPass(Finder):
    """Grows places along lists."""

    def lists(self) -> None:
        """Names listed with a place or before a plural area noun are places.

        "Gainesville and Lindsay", "Paris, Roxton and Honey Grove", "Barrow, Jackson
        and Madison counties": a capitalised gazetteer name (its own name, not an
        alias, and no word of a person's full name) joined by a comma, "and" or "or"
        to a place found already becomes a place too.
        """
        tokens, n = self.tokens, len(self.tokens)
        seeds = [(i, j) for i, j, kind, _ in self.found if kind == "place"]
        for k in range(1, n):
            if tokens[k].text.lower() in PLURAL_AREA_NOUNS and _is_capitalised(tokens[k - 1]):
                run = self._name_before(k)
                if run is not None:
                    self.claim(*run, "place", "GAZ")
                    seeds.append(run)
        while seeds:
            i, j = seeds.pop()
            after = self._listed_after(j)
            if after is not None:
                self.claim(*after, "place", "GAZ")
                seeds.append(after)
            before = self._listed_before(i)
            if before is not None:
                self.claim(*before, "place", "GAZ")
                seeds.append(before)

    def _listed_after(self, j: int) -> tuple[int, int] | None:
        tokens, n = self.tokens, len(self.tokens)
        k = j
        if k < n and tokens[k].text == ",":
            k += 1
        if k < n and tokens[k].text.lower() in ("and", "or"):
            k += 1
        if k == j or k >= n or tokens[k].sent != tokens[j - 1].sent:
            return None
        comma_only = tokens[k - 1].text == ","
        for m in range(min(n, k + 3), k, -1):
            if m < n and _is_capitalised(tokens[m]):
                continue  # the name must end where the capitals end
            if comma_only and not (m < n and tokens[m].text.lower() in (",", "and", "or")):
                continue  # "Medina, Ohio, Sissy's handler" is no list
            if self._listable(k, m):
                return k, m
        return None

    def _listed_before(self, i: int) -> tuple[int, int] | None:
        tokens = self.tokens
        k = i
        if k > 0 and tokens[k - 1].text.lower() in ("and", "or"):
            k -= 1
        if k > 0 and tokens[k - 1].text == ",":
            k -= 1
        if k == i or k == 0 or tokens[k - 1].sent != tokens[i].sent:
            return None
        return self._name_before(k)

    def _name_before(self, k: int) -> tuple[int, int] | None:
        """The listable name that ends just before token ``k``, longest first."""
        for a in range(max(0, k - 3), k):
            if self._listable(a, k):
                return a, k
        return None

    def _listable(self, i: int, j: int) -> bool:
        tokens = self.tokens
        if any(self.taken[k] or not _is_capitalised(tokens[k]) for k in range(i, j)):
            return False
        if i > 0 and _is_capitalised(tokens[i - 1]) and tokens[i - 1].sent == tokens[i].sent:
            return False  # part of a longer capitalised name
        if j - i == 1 and tokens[i].text in self.full_name_words:
            return False
        name = self.span_text(i, j)
        key = normalize_name(name)
        if key in COMMON_WORDS or self.title_before(i) or not self.gaz.has_key(key):
            return False
        if self.gaz.demonym(name) is not None:
            return False  # "in English and Spanish"
        label = self.ent_of[i][2] if self.ent_of[i] else ""
        if label in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "NORP"):
            return False
        if self.primary(name):
            return True
        # a county or district by its short name ("Wilkin" for Wilkin County)
        return any(
            p.is_area and normalize_name(p.name).startswith(key + " ")
            for p in self.gaz.lookup(name, limit=4)
        )
