"""The list pass: names listed with a place, or before a plural area noun."""

from __future__ import annotations

from geomap.gazetteer.base import normalize_name
from geomap.toponyms.finder import Finder, _is_capitalised
from geomap.toponyms.marked import FACILITY_WORDS
from geomap.toponyms.vocabulary import COMMON_WORDS, PLURAL_AREA_NOUNS, REGION_NOUNS

#: area nouns whose plural may be capitalised after a list ("the X and Y Governorates")
_ADMIN = frozenset(
    {"county", "parish", "province", "district", "region", "oblast", "prefecture"}
    | {"governorate", "department", "territory", "municipality", "emirate", "canton"}
    | {"voivodeship"}
)


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
            noun = PLURAL_AREA_NOUNS.get(tokens[k].text.lower())
            if noun is not None and not tokens[k].text.islower() and noun not in _ADMIN:
                noun = None  # "Willow Valley Retirement Communities": a name
            if noun is not None and _is_capitalised(tokens[k - 1]):
                for run in self._area_list_before(k):
                    known = next((f for f in self.found if f[:3] == (*run, "place")), None)
                    if known is not None and noun not in REGION_NOUNS:
                        continue
                    if known is not None:
                        self.found.remove(known)  # "Jackson" of "Jackson and Madison counties"
                        self.taken[run[0] : run[1]] = [False] * (run[1] - run[0])
                    if noun in REGION_NOUNS:
                        # "the Daraa and Quneitra Governorates": each a region
                        self.claim(*run, "region", known[3] if known else "GAZ")
                        name = self.names.get(run, self.span_text(*run))
                        self.names[run] = f"{name} {noun}"
                    else:
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

    def _area_list_before(self, k: int) -> list[tuple[int, int]]:
        """The names listed before the plural area noun at token ``k``, last first.

        "Barrow, Jackson and Madison counties", "the Daraa and Quneitra Governorates":
        capitalised names (whole, one to three words) joined by commas, "and", "or"
        or "&"; the noun marks each as an area, known to the gazetteer or not.
        """
        tokens = self.tokens
        out: list[tuple[int, int]] = []
        end = k
        while end > 0:
            a = end
            while a > max(0, end - 3) and _is_capitalised(tokens[a - 1]):
                a -= 1
            a = self.units[a][0] if a < end else a
            if a == end or tokens[a].sent != tokens[k].sent:
                break
            # the longest name the gazetteer knows, else no capitalised first word of a
            # sentence ("Small Hitchcock and Hayes counties")
            known = [
                b
                for b in range(a, end)
                if self.units[b][0] == b
                and self.gaz.has_key(normalize_name(self.span_text(b, end)))
            ]
            if known:
                a = known[0]
            elif end - a > 1 and self._line_start(a):
                a = self.units[a + 1][0] if self.units[a + 1][0] > a else a + 1
            if any(self.taken[a:end]) and not any(f[:3] == (a, end, "place") for f in self.found):
                break
            if end < k and tokens[end].text.lower() not in ("and", "or", "&", ","):
                break
            name = self.span_text(a, end)
            key = normalize_name(name)
            if (
                key in COMMON_WORDS
                or self.title_before(a)
                or self.is_person(a, end, full_names=True)
            ):
                break
            if not all(self._area_word(m) for m in range(a, end) if tokens[m].text != "-"):
                break  # "Several counties", "TIF districts", "Block Grant Small Towns"
            if self.gaz.demonym(name) is not None and not self.gaz.has_key(key):
                break  # "the Syrian and Iraqi provinces"
            out.append((a, end))
            b = a
            if b > 0 and tokens[b - 1].text.lower() in ("and", "or", "&"):
                b -= 1
            if b > 0 and tokens[b - 1].text == ",":
                b -= 1
            if b == a:
                break
            end = b
        return out

    def _area_word(self, m: int) -> bool:
        """A word of an area's name before a plural area noun: a proper noun, no acronym."""
        text = self.tokens[m].text
        if not text.isalpha() or (text.isupper() and len(text) <= 4):
            return False
        if text.lower() in FACILITY_WORDS:
            return False
        tok = self.tokens[m]
        return tok.pos == "PROPN" if tok.pos else not self._line_start(m)

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
