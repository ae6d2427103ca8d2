"""The gazetteer pass: capitalised runs that are gazetteer names, and state abbreviations."""

from __future__ import annotations

import re

from geomap.gazetteer.base import normalize_name
from geomap.model import Mention, Token
from geomap.regions import CONTINENTS
from geomap.toponyms.abbreviations import short_region, us_state_code
from geomap.toponyms.finder import Finder, _is_capitalised, _tokens_by_sentence
from geomap.toponyms.names import known_spelling
from geomap.toponyms.vocabulary import (
    _DEMONYM_POS,
    _LATIN,
    _LOWER_OK,
    _ORG_WORDS,
    _POSSESSIVE,
    _QUALIFIER_CODES,
    _STRONG_CUES,
    _YEAR,
    ACRONYM_PLACES,
    COMMON_WORDS,
    MIN_POPULATION_CITY,
    MIN_POPULATION_ORG,
    MIN_POPULATION_UNSUPPORTED,
    PLACE_CUES,
    SPEECH_VERBS,
)

#: a word for a person of a nation: a demonym and "man", "woman" ("Scotsman")
_PERSON_OF_NATION = re.compile(r"([A-Z][a-z]{2,}?)(?:man|woman|men|women)")


class RunsPass(Finder):
    """Matches capitalised runs against the gazetteer."""

    def gazetteer_runs(self) -> None:
        """Gazetteer matches over capitalised runs that no entity claimed."""
        gaz, taken, caps = self.gaz, self.taken, self.caps
        max_words = max(1, gaz.max_name_words)
        for sent_tokens in _tokens_by_sentence(self.doc):
            n = len(sent_tokens)
            k = 0
            while k < n:
                tok = sent_tokens[k]
                if taken[tok.i] or not caps[tok.i]:
                    k += 1
                    continue
                if self._abbreviation(tok):
                    k += 1
                    continue
                match_end = None
                # the run: unclaimed capitalised words, with "of", "de", "-" ... inside
                limit = min(n, k + 3 * max_words)
                end = k + 1
                while end < limit:
                    t = sent_tokens[end]
                    inside = self.units[t.i][0] < t.i  # "Khan *ash* Shih", "Kot*-e-*Sangi"
                    if taken[t.i] or not (caps[t.i] or t.text.lower() in _LOWER_OK or inside):
                        break
                    end += 1
                spelled = None
                for m in range(end, k, -1):
                    last = sent_tokens[m - 1]
                    if not caps[last.i]:
                        continue
                    span = self.span_text(sent_tokens[k].i, last.i + 1)
                    key = normalize_name(span)
                    if gaz.has_key(key) or key in CONTINENTS:
                        match_end = m
                        break
                    whole = self.whole(sent_tokens[k].i, last.i + 1)
                    if whole == (sent_tokens[k].i, last.i + 1):
                        spelled = known_spelling(span, gaz)  # "Jisr al-Shughur"
                        if spelled is not None:
                            match_end = m
                            break
                if match_end is None:
                    if (
                        gaz.demonym(tok.text) is not None
                        and self.has_pos(tok, _DEMONYM_POS, True)
                        and not self._bad_demonym(tok.i)
                        and self._demonym_context(tok.i)
                    ):
                        self.claim(tok.i, tok.i + 1, "demonym", "GAZ")
                    elif (stem := self._demonym_compound(tok.i)) is not None:
                        self.claim(tok.i, tok.i + 1, "demonym", "GAZ")  # "a Scotsman"
                        self.names[(tok.i, tok.i + 1)] = stem
                    k += 1
                    continue
                i, j = sent_tokens[k].i, sent_tokens[match_end - 1].i + 1
                if self._accept(i, j, spelled or self.span_text(i, j)):
                    self.claim(i, j, "place", "GAZ")
                    k = match_end
                else:
                    # a rejected name is not a place in part either ("Meadow *Grove*")
                    k = match_end if j - i > 1 else k + 1

    def _demonym_context(self, i: int) -> bool:
        ent = self.ent_of[i]
        return ent is None or ent[2] in ("NORP", "GPE")

    def _demonym_compound(self, i: int) -> str | None:
        """The demonym inside a word for a person of a nation ("Scotsman" -> "Scots").

        A capitalised word of a demonym and "man", "woman", "men" or "women"
        ("Welshman", "Englishwomen", "Frenchmen"), not itself a place name, is a
        demonym mention of that country whatever the NER made of it.
        """
        tok = self.tokens[i]
        match = _PERSON_OF_NATION.fullmatch(tok.text)
        if match is None or self.gaz.has_key(normalize_name(tok.text)):
            return None
        stem = match.group(1)
        if self.gaz.demonym(stem) is None or self._bad_demonym(i):
            return None
        return stem

    def _short_region(self, tok: Token) -> bool:
        """Claim the short form of a region after "Place, " ("Brandon, Man.", "Dubbo, NSW").

        The region is the one of :func:`~geomap.toponyms.abbreviations.short_region`:
        it must hold a place named as the words before the comma; the mention is
        looked up under the region's own name.
        """
        i, tokens = tok.i, self.tokens
        if i < 2 or tokens[i - 1].text != "," or tokens[i - 1].sent != tok.sent:
            return False
        before = next((f for f in self.found if f[1] == i - 1 and f[2] == "place"), None)
        if before is not None:
            place = self.span_text(before[0], before[1])
        else:
            starts = [a for a in range(max(0, i - 4), i - 1) if all(self.caps[a : i - 1])]
            if not starts:
                return False
            place = self.span_text(starts[0], i - 1)
        j = i + 1
        if j < len(tokens) and tokens[j].text == "." and tokens[j].start == tok.end:
            j += 1  # "Man" "." as two tokens
        region = short_region(self.span_text(i, j), place, self.gaz)
        if region is None:
            return False
        self.claim(i, j, "place", "ABBR")
        self.names[(i, j)] = region.name
        return True

    def _abbreviation(self, tok: Token) -> bool:
        """Claim a US state abbreviation ("Ga.", "S.C.", "D-S.C.", "Modesto, CA")."""
        text = tok.text
        offset = 0
        if len(text) > 2 and text[1] == "-" and text[0] in "DRI":
            text, offset = text[2:], 2  # "D-S.C." (party and state)
        code = us_state_code(text)
        if code is not None:
            multi = text.count(".") >= 2
            after_place = tok.i >= 2 and self.tokens[tok.i - 1].text == ","
            if not (multi or after_place or offset):
                return False
        elif self._postal_after_place(tok.i) or self._postal_after_cue(tok.i):
            code = text
        else:
            return self._short_region(tok)
        if offset:
            self.taken[tok.i] = True
            self.extra.append(
                Mention(
                    start=tok.start + offset,
                    end=tok.end,
                    text=text,
                    name=text,
                    kind="place",
                    source="ABBR",
                    sent=tok.sent,
                )
            )
        else:
            self.claim(tok.i, tok.i + 1, "place", "ABBR")
        return True

    def _accept(self, i: int, j: int, name: str) -> bool:
        """Decide whether a capitalised run that is a gazetteer name is a place here."""
        tokens, gaz = self.tokens, self.gaz
        if not _LATIN.search(name):
            # another script ("в Алматы"): the English model's entity labels, tags and
            # cue words say nothing there, so the gazetteer's size prior decides alone
            places = gaz.lookup(name, limit=1)
            return bool(places) and (
                places[0].is_area or places[0].population >= MIN_POPULATION_UNSUPPORTED
            )
        own = getattr(gaz, "own", None)  # the user's own places (``--places``)
        if own is not None and own.has_key(normalize_name(name)):
            return True  # they listed it: a place whatever the model labels it
        ents = {self.ent_of[k] for k in range(i, j)}
        ent = next(iter(ents)) if len(ents) == 1 else None
        label = ent[2] if ent else ""
        if label == "PERSON":
            return self._person_labelled_place(i, j, ent, name)
        if label in (
            "DATE",
            "TIME",
            "MONEY",
            "PERCENT",
            "CARDINAL",
            "ORDINAL",
            "WORK_OF_ART",
        ):
            return False
        key = normalize_name(name)
        cue = self.cue_before(i) or self.qualified_after(j) or self.event_after(i, j, name)
        if key in COMMON_WORDS or self.is_person(i, j) or self.is_disease(j):
            return False
        if i > 0 and tokens[i - 1].text == "$" and tokens[i - 1].end == tokens[i].start:
            return False  # a currency: "$US 15 billion"
        after_year = i > 0 and _YEAR.fullmatch(tokens[i - 1].text) is not None
        if after_year and not name.isupper() and not self.event_after(i, j, name):
            return False  # a car make: "a 1992 Toyota Corolla", not "2011 Brisbane floods"
        if key in CONTINENTS:
            return True
        places = gaz.lookup(name, limit=1)
        if not places:
            return False
        best = places[0]
        bare = name.replace(".", "").replace(" ", "")
        if bare.isupper():
            if len(bare) <= 3 and bare not in ACRONYM_PLACES:
                return False  # acronyms ("TASS", "VKS", "AP") are codes, not town names
            strong = i > 0 and tokens[i - 1].text.lower() in _STRONG_CUES
            city = bare in ACRONYM_PLACES or (
                strong and best.population >= MIN_POPULATION_UNSUPPORTED
            )  # "NYC", "PROTEST IN ABUJA"
            if not best.is_area and not city and not self._dateline(j):
                return False
            if self._dateline(j) and (self._line_start(i) or after_year):
                return True  # "TORRINGTON — City Council ...", tagged as a common noun
        single_alias = j - i == 1 and bare not in ACRONYM_PLACES and not self.primary(name)
        if label in ("ORG", "NORP", "PRODUCT", "EVENT", "LAW", "FAC"):
            # only when the whole entity (less "the") is the name, or the name follows "of"
            e_start, e_end = ent[0], ent[1]
            while e_start < e_end and tokens[e_start].text.lower() == "the":
                e_start += 1
            while e_end - e_start > 1 and tokens[e_end - 1].text in _POSSESSIVE:
                e_end -= 1  # "Sierra Leone's"
            words = {tokens[k].text.lower() for k in range(ent[0], ent[1])}
            whole = (e_start, e_end) == (i, j)
            after_of = i > 0 and tokens[i - 1].text.lower() == "of" and j == e_end
            if words & _ORG_WORDS and not after_of:
                return False
            if self.event_after(i, j, name):
                return True  # "the Great Alaska Earthquake", "the Haiti Earthquake"
            if not (whole or after_of):
                return False
            if whole and e_start > ent[0] and not best.is_area and not cue:
                return False  # "the White House": a building or body, not the town
            if whole and (cue or name in self.place_names or self._resident_after(j)):
                return True  # "in Cross Lanes", "a Winona man"
            if single_alias and not self._notable(name, best):
                return False
            return best.is_area or best.population >= MIN_POPULATION_ORG
        # no entity: need a proper noun that is not just a capitalised sentence start
        is_proper = all([self.is_proper(k) or tokens[k].text in ("-", "of") for k in range(i, j)])
        if not is_proper:
            return False
        if cue or self._region_after(j) or self._resident_after(j):
            return not single_alias or cue
        small = best.feature_code not in _QUALIFIER_CODES and best.population < MIN_POPULATION_CITY
        if small and i > 0 and tokens[i - 1].sent == tokens[i].sent:
            prev = tokens[i - 1]
            if _is_capitalised(prev) and not self._line_start(i - 1):
                if prev.text.lower() not in PLACE_CUES:
                    return False  # the end of a longer name the gazetteer lacks ("Taco Bell")
        if j - i == 1 and bare not in ACRONYM_PLACES:
            # one word and no support: it must be the own name of a sizeable place
            # ("Sam" is an alias of Damascus, "Rice" short for Rice County)
            if single_alias or normalize_name(best.name) != key:
                return self._notable(name, best)
            if best.is_area and best.feature_code not in _QUALIFIER_CODES:
                return False
            if best.is_area and best.population < MIN_POPULATION_UNSUPPORTED:
                return False
        return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED

    def _person_labelled_place(
        self, i: int, j: int, ent: tuple[int, int, str] | None, name: str
    ) -> bool:
        """Whether a place name the NER took for a person is a place after all.

        The name must be the whole entity and no word of a full person's name in
        the document ("Jesse Jackson"), nor follow a title; then it is a place
        after a place cue ("in Gainesville"), when the document names it as a place
        elsewhere (one sense per discourse), or when it is a name of several words
        that is the gazetteer's own name of a sizeable place ("Sri Lanka").
        """
        if ent is None or self._trim(ent[0], ent[1]) != (i, j):
            return False
        key = normalize_name(name)
        if key in COMMON_WORDS or self.title_before(i) or self.is_disease(j):
            return False
        if any(self.tokens[k].text in self.full_name_words for k in range(i, j)) and j - i == 1:
            return False
        # "to" and "from" go with people too ("said hi to Rice"); "in" and "near" do not
        strong_cue = i > 0 and self.tokens[i - 1].text.lower() in _STRONG_CUES
        if strong_cue or (self.cue_before(i) and self.tokens[i - 1].text.lower() == "of"):
            return True
        if self.qualified_after(j) or name in self.place_names or self._resident_after(j):
            return True
        if self.event_after(i, j, name):
            return True  # "the Ferguson riot", "the Bohol earthquake"
        places = self.gaz.lookup(name, limit=1)
        if not places:
            return False
        best = places[0]
        speaks = j < len(self.tokens) and self.tokens[j].text.lower() in SPEECH_VERBS
        if not self.primary(name):
            return j - i == 1 and not speaks and self._notable(name, best)
        if j - i > 1:
            return best.is_area or best.population >= MIN_POPULATION_ORG
        # one word: a country, state or city by its own name, unless it speaks
        if speaks:
            return False
        if best.name.casefold() != name.casefold():
            # spelt as the place, accents too ("Bush" is not "Būsh"), or a well-known town
            return self._notable(name, best)
        if best.is_area:
            return (
                best.feature_code in _QUALIFIER_CODES
                and best.population >= MIN_POPULATION_UNSUPPORTED
            )
        return best.population >= MIN_POPULATION_CITY
