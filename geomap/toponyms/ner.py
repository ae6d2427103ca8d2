"""The NER pass: entity spans that name places, demonyms and organisation modifiers."""

from __future__ import annotations

from geomap.gazetteer.base import normalize_name
from geomap.regions import CONTINENTS
from geomap.toponyms.abbreviations import US_STATE_POSTAL, us_state_code
from geomap.toponyms.finder import Finder, _bare, _is_capitalised
from geomap.toponyms.vocabulary import (
    _HYPHENATED_NAME,
    _INSTITUTION_WORDS,
    _LOWER_OK,
    _NOT_A_NAME,
    _ORG_MODIFIED,
    _PLACE_LABELS,
    _QUALIFIER_CODES,
    _TRAILING_NOUNS,
    ACRONYM_PLACES,
    COMMON_WORDS,
    DISEASE_NAMES,
    DISEASE_NOUNS,
    MIN_POPULATION_CITY,
    MIN_POPULATION_ORG,
    MIN_POPULATION_UNSUPPORTED,
    PLACE_NOUNS,
    PLURAL_AREA_NOUNS,
    SPEECH_VERBS,
)

#: area nouns that, capitalised after a name the index lacks with them, are no part of
#: the name ("Bo District"); "State", "City" and "County" often are ("Ohio State")
_ADMIN_NOUNS = frozenset(
    {"district", "districts", "governorate", "governorates", "province", "provinces"}
    | {"prefecture", "prefectures", "oblast", "oblasts", "region", "regions", "krai"}
    | {"municipality", "department", "voivodeship", "canton", "emirate", "raion"}
)


class NerPass(Finder):
    """Reads the NER's spans."""

    def ner(self) -> None:
        """NER spans that name places, demonyms, and place names heading organisations."""
        tokens, gaz = self.tokens, self.gaz
        for start, end, label in self.entities:
            i, j = self._trim(start, end)
            if i >= j:
                continue
            name = self.span_text(i, j)
            key = normalize_name(name)
            if label == "NORP" or (
                label == "GPE" and j - i == 1 and gaz.demonym(name) and not gaz.has_key(key)
            ):
                if gaz.demonym(name) is not None and not self._bad_demonym(i):
                    self.claim(i, j, "demonym", label)
                continue
            if label in ("GPE", "LOC"):
                i, j = self._extend(*self._core(i, j))
                name = self.span_text(i, j)
                key = normalize_name(name)
                if j - i > 1 and _bare(tokens[j - 1].text) in _INSTITUTION_WORDS:
                    if not gaz.has_key(key):
                        self._org_modifier(i, j)  # "the Henderson County Jail"
                        continue
                if j - i > 1 and not gaz.has_key(key):
                    i, j = self._known_head(i, j)  # "Las Vegas Review", "Peru Kills"
                    name = self.span_text(i, j)
                    key = normalize_name(name)
                if self._reject_ner_place(i, j, name, key, label):
                    continue
                if any(self.taken[i:j]):
                    continue  # "Congo" of "Democratic Republic of the Congo", widened before
                if us_state_code(name) is not None:
                    self.claim(i, j, "place", "ABBR")
                else:
                    self.claim(i, j, "place", label)
            elif label == "FAC" and gaz.has_key(key) and not self.is_person(i, j):
                self.claim(i, j, "place", label)
            elif label == "ORG":
                if j - i > 1 and self._demonym_head(i):
                    self.claim(i, i + 1, "demonym", "ORG")  # "the *Georgian* Interior Ministry"
                elif (
                    j - i == 1
                    or not gaz.has_key(key)
                    or any(_bare(tokens[k].text) in _ORG_MODIFIED for k in range(i, j))
                ):
                    self._org_modifier(i, j)  # "the *Ohio* State Patrol", "the State of *Ohio*"
                # else a place name as a whole ("Kota Bharu"): the gazetteer pass decides
            elif label in ("FAC", "PERSON") and j - i > 1:
                # "Newark Fire", "the Henderson County Jail", "Anderson County Sheriff X"
                words = {_bare(tokens[k].text) for k in range(i, j)}
                if words & _INSTITUTION_WORDS:
                    self._org_modifier(i, j)

    def _core(self, i: int, j: int) -> tuple[int, int]:
        """The place name inside an NER span that adds words around it.

        A trailing lower-case area noun goes ("Hebei province", "Fargo city"; the
        region stage adds it back as a region mention), so does a capitalised
        administrative noun the gazetteer's name lacks ("Bo District", "Hama
        Governorates"), and "City" after a name when only the name is in the
        gazetteer ("Dublin City", not "Kansas City").
        """
        tokens, gaz = self.tokens, self.gaz
        last = tokens[j - 1].text
        if j - i > 1 and (last in _TRAILING_NOUNS or last in PLURAL_AREA_NOUNS):
            j -= 1  # "Hebei province", "the Homs and Hama governorates"
        elif j - i > 1 and last.lower() in _ADMIN_NOUNS and _is_capitalised(tokens[j - 2]):
            if not gaz.has_key(normalize_name(self.span_text(i, j))):
                j -= 1  # "Bo District", "Idlib Governorate": the noun capitalised
        if j - i > 1 and not gaz.has_key(normalize_name(self.span_text(i, j))):
            if _bare(tokens[j - 1].text) == "city":
                if gaz.has_key(normalize_name(self.span_text(i, j - 1))):
                    return i, j - 1
        return i, j

    def _extend(self, i: int, j: int) -> tuple[int, int]:
        """Widen an NER place to the gazetteer name it is part of ("Goz *Beida*").

        Up to two capitalised words before and three after (with hyphens, "and",
        "of", "the" inside: "Democratic Republic *of the Congo*"),
        in the same sentence and not yet claimed, longest name first.
        """
        tokens, n = self.tokens, len(self.tokens)
        sent = tokens[i].sent

        def joinable(k: int, inside: bool) -> bool:
            if k < 0 or k >= n or self.taken[k] or tokens[k].sent != sent:
                return False
            text = tokens[k].text
            if text in ("-", "and", "of", "the", "de", "del"):
                return inside  # "Democratic Republic *of the* Congo"
            ent = self.ent_of[k]
            return _is_capitalised(tokens[k]) and (ent is None or ent[2] in _PLACE_LABELS)

        best = (i, j)
        for b in range(j + 3, j - 1, -1):
            if not all(joinable(k, k < b - 1) for k in range(j, b)):
                continue
            for a in range(i - 2, i + 1):
                if (a, b) == (i, j) or not all(joinable(k, k > a) for k in range(a, i)):
                    continue
                if self.gaz.has_key(normalize_name(self.span_text(a, b))):
                    if b - a > best[1] - best[0]:
                        best = (a, b)
        return best

    def _known_head(self, i: int, j: int) -> tuple[int, int]:
        """The longest place name that begins an NER span the gazetteer does not know.

        Headlines run a name into the next words ("Earthquake in Peru Kills 9",
        "Patients Should Not Be In The United States for Treatment"); the head counts
        when it is the own name of a country, a first-order region or a town of
        :data:`MIN_POPULATION_UNSUPPORTED` people and the next word is no proper
        noun that continues the name ("the Bay Area", "Santa Cruz de la Sierra").
        """
        tokens = self.tokens
        for m in range(j - 1, i, -1):
            if tokens[m].text.lower() in _LOWER_OK or tokens[m - 1].text in ("-", "of"):
                continue
            if tokens[m].pos == "PROPN" or (not tokens[m].pos and _is_capitalised(tokens[m])):
                continue  # "the Bay Area", "Central America": the name goes on
            if tokens[m].text.lower() in PLACE_NOUNS:
                continue  # "the Bay area"
            name = self.span_text(i, m)
            key = normalize_name(name)
            if key in COMMON_WORDS or not self.gaz.has_key(key):
                continue
            best = self.gaz.lookup(name, limit=1)[0]
            if normalize_name(best.name) != key and not self.primary(name):
                continue
            if best.feature_code in _QUALIFIER_CODES or (
                not best.is_area and best.population >= MIN_POPULATION_UNSUPPORTED
            ):
                return i, m
        return i, j

    def _demonym_head(self, i: int) -> bool:
        """Whether token ``i`` is a demonym and no place name ("American", not "Georgia")."""
        word = self.tokens[i].text
        return (
            self.gaz.demonym(word) is not None
            and not self.gaz.has_key(normalize_name(word))
            and not self._bad_demonym(i)
        )

    def _bad_demonym(self, i: int) -> bool:
        tok = self.tokens[i]
        if i > 0 and self.tokens[i - 1].text == "-" and self.tokens[i - 1].end == tok.start:
            return True  # "African-American"
        return tok.text.lower() in COMMON_WORDS

    def _compound_name(self, i: int, j: int) -> bool:
        """A place glued to a hyphenated proper name: a club or brand ("Paris Saint-Germain")."""
        end = self.tokens[j - 1].end
        return _HYPHENATED_NAME.match(self.text, end) is not None

    def _reject_ner_place(self, i: int, j: int, name: str, key: str, label: str) -> bool:
        tokens = self.tokens
        if key in COMMON_WORDS and not self.cue_before(i):
            return True
        if key in DISEASE_NAMES or tokens[j - 1].text.lower() in DISEASE_NOUNS:
            return True  # "died of Ebola", "West Nile Virus"
        if name.islower() and j - i == 1 and not self._big_own_name(name):
            return True  # "the dead swan", "cheddar cheese"
        if i > 0 and tokens[i - 1].text == "$" and tokens[i - 1].end == tokens[i].start:
            return True  # "$US 15 billion"
        if _NOT_A_NAME.search(name):
            return True  # user names, links, codes ("@someone", "H5N1")
        if (
            j - i == 1
            and not self.gaz.has_key(key)
            and key not in CONTINENTS
            and us_state_code(name) is None
        ):
            # a word the gazetteer does not know is a place only where the text says so
            return not (self.cue_before(i) or self._region_after(j) or self.qualified_after(j))
        if self._compound_name(i, j):
            return True
        if self.is_person(i, j, full_names=True) or self.is_disease(j):
            return True
        if tokens[j - 1].text == "Day":
            return True  # a holiday: "St. Patrick's Day"
        if j < len(tokens) and tokens[j].text.lower() in SPEECH_VERBS:
            # "Petrova said": a person, unless a country, state or city speaks
            best = self.gaz.lookup(name, limit=1)
            if not best or (
                best[0].feature_code not in _QUALIFIER_CODES
                and best[0].population < MIN_POPULATION_CITY
            ):
                return True
        bare = name.replace(".", "")
        if bare.isupper() and len(bare) <= 3 and bare not in ACRONYM_PLACES:
            if us_state_code(name) is not None or self._postal_after_place(i):
                return False
            # a state's postal code the model itself calls a place ("a fire in NJ")
            return not (label == "GPE" and bare in US_STATE_POSTAL)
        return False

    def _big_own_name(self, name: str) -> bool:
        """Whether ``name`` is the own name of a country, a first-order region or a large city."""
        key = normalize_name(name)
        for place in self.gaz.lookup(name, limit=4):
            if normalize_name(place.name) == key:
                if place.feature_code in _QUALIFIER_CODES:
                    return True
                return not place.is_area and place.population >= MIN_POPULATION_CITY
        return False

    def _org_modifier(self, i: int, j: int) -> None:
        """Claim a place that qualifies an organisation name ("Texas Department of ...").

        The place must head the name, with more words after it. A one-word place must
        be the gazetteer's own name of its best candidate ("White" of "White House" is
        not); a small town counts when the name has an organisation word ("the
        *Hopkinton* Police Department"). "City" and "State" before more words belong
        to the organisation ("the *Dublin* City Council", "*Ohio* State University").
        """
        tokens, gaz = self.tokens, self.gaz
        words = {_bare(tokens[k].text) for k in range(i, j)}
        org_word = bool(words & _ORG_MODIFIED)
        # a place name at the start of the organisation name
        for m in range(min(j - 1, i + 4), i, -1):
            name = self.span_text(i, m)
            if not all(_is_capitalised(tokens[k]) or tokens[k].text == "-" for k in range(i, m)):
                continue
            if us_state_code(name) is not None:
                if org_word:
                    self.claim(i, m, "modifier", "ABBR")
                    return
                continue
            last = tokens[m - 1].text.lower()
            if last == "-" or tokens[m].text == "-" or (m - i == 1 and last in _ORG_MODIFIED):
                continue  # "Wal-Mart", "Central Command"
            if m - i > 1 and last in ("city", "state"):
                continue
            key = normalize_name(name)
            if key in COMMON_WORDS or not gaz.has_key(key):
                continue
            best = gaz.lookup(name, limit=1)
            if not best:
                continue
            own = normalize_name(best[0].name) == key or name.replace(".", "") in ACRONYM_PLACES
            if m - i == 1 and not own:
                continue
            if best[0].is_area or best[0].population >= MIN_POPULATION_ORG or org_word:
                self.claim(i, m, "modifier", "ORG")
                return
        if not org_word:
            return
        # "... of Kentucky" at the end of the organisation name
        for k in range(j - 2, i, -1):
            if tokens[k].text.lower() != "of":
                continue
            name = self.span_text(k + 1, j)
            if normalize_name(name) in COMMON_WORDS:
                return
            places = gaz.lookup(name, limit=1)
            if places and (places[0].is_area or places[0].population >= MIN_POPULATION_ORG):
                if self.primary(name):
                    self.claim(k + 1, j, "modifier", "ORG")
            return
