"""Toponym recognition: find the places a document names, with or without the NER's help.

Three sources are combined, on the plain tokens of the NLP stage:

1. the NER's GPE/LOC spans (and FAC spans that are gazetteer names);
2. a gazetteer matcher over capitalised token runs, which also finds places the
   model labels ORG or misses ("Alma-Ata", "Aktobe"), with filters for person
   names and names inside organisation names;
3. context: "the X region/oblast/province" becomes one region mention, and
   demonyms ("Kazakhstani") become demonym mentions of their country;
4. short forms: US state abbreviations after a place ("Gainesville, Ga.",
   "Modesto, CA"), continents ("Africa"), and hashtags ("#Ferguson",
   "#SierraLeone").

Filters drop person names (a word the NER uses in a person's name elsewhere in
the document, or after a title: "coach Ripley", "Michael Jordan"), capitalised
common words that happen to be gazetteer aliases ("Education", "Police"),
acronyms ("AP", "RT"), religious or ethnic adjectives that are no nationality
("Jewish"), and names inside organisation names that are not places ("Paris
Saint-Germain").

Kinds: ``"place"`` (a name), ``"region"`` ("the X region"), ``"demonym"`` ("Kazakhstani")
and ``"modifier"``: a place name that only qualifies an organisation ("the *Texas*
Department of Health", "*Oxford* Police", "the *U.S.* House"). Modifiers are resolved
like places but do not say where something happened; corpora differ on whether
they count as toponyms (LGL annotates them).

The result is a tuple of unresolved :class:`~geomap.model.Mention` records.
"""

from __future__ import annotations

import dataclasses
import re

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Mention, Token

#: nouns that, after a name, make "the X region"-style area mentions
REGION_NOUNS = frozenset(
    {
        "region",
        "oblast",
        "oblys",
        "oblysy",
        "province",
        "governorate",
        "state",
        "district",
        "county",
        "prefecture",
        "department",
        "territory",
        "krai",
        "republic",
        "emirate",
        "canton",
        "voivodeship",
        "parish",
    }
)

#: prepositions of place and direction, shared with the event-location linker
SPATIAL_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "to"}
    | {"towards", "toward"}
)

#: words before a name that signal a place ("in X", "outside X", "city of X")
PLACE_CUES = SPATIAL_PREPOSITIONS | {
    "from",
    "via",
    "through",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
}

#: words inside an ORG/PERSON span that show the span is not a place name
_ORG_WORDS = frozenset(
    {
        "ministry",
        "university",
        "party",
        "bank",
        "company",
        "corporation",
        "organization",
        "organisation",
        "council",
        "committee",
        "forces",
        "army",
        "police",
        "agency",
        "association",
        "club",
        "fc",
        "united",
        "hospital",
        "school",
        "college",
        "airport",
        "times",
        "post",
        "news",
        "inc",
        "ltd",
        "group",
        "federation",
        "union",
        "office",
        "department",
        "court",
        "church",
    }
)

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

#: smallest population for a name the model labels as an organisation
MIN_POPULATION_ORG = 10_000
#: smallest population for a gazetteer-only match without NER support or a cue
MIN_POPULATION_UNSUPPORTED = 20_000

_LOWER_OK = frozenset({"of", "de", "del", "la", "le", "el", "al", "upon", "on", "and", "-"})

#: words inside an organisation name (besides :data:`_ORG_WORDS`) that make a leading
#: place name a modifier ("the *Ohio* Supreme Court", "the *U.S.* House")
_ORG_MODIFIED = _ORG_WORDS | frozenset(
    {
        "house",
        "senate",
        "congress",
        "patrol",
        "sheriff",
        "authority",
        "board",
        "commission",
        "service",
        "services",
        "institute",
        "center",
        "centre",
        "foundation",
        "society",
        "coalition",
        "bureau",
        "administration",
        "assembly",
        "government",
        "guard",
        "navy",
        "attorney",
        "state",
        "utilities",
        "cabinet",
        "legislature",
        "chamber",
        "census",
        "supreme",
        "city",
        "county",
        "public",
        "health",
        "fire",
        "environmental",
        "workforce",
    }
)

#: capitalised words that are gazetteer aliases but, alone, almost never a place in news
COMMON_WORDS = frozenset(
    {
        "act",
        "airport",
        "allah",
        "ap",
        "big",
        "center",
        "centre",
        "christian",
        "commerce",
        "day",
        "dr",
        "earth",
        "ebola",
        "education",
        "fan",
        "first",
        "free",
        "hall",
        "hamas",
        "hill",
        "hills",
        "human",
        "islamic",
        "island",
        "jewish",
        "lake",
        "man",
        "march",
        "media",
        "mile",
        "muslim",
        "natural",
        "no",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "olympic",
        "park",
        "part",
        "peace",
        "police",
        "premier",
        "rebels",
        "region",
        "royal",
        "rt",
        "side",
        "st",
        "town",
        "university",
        "valley",
        "wood",
        "god",
        "jesus",
        "obama",
        "ismaili",
        "catholic",
        "sunni",
        "shia",
        "hindu",
        "sikh",
        "buddhist",
        "arab",
        "hispanic",
        "latino",
    }
)

#: words after a place name that make it the name of a disease ("West Nile virus")
DISEASE_NOUNS = frozenset(
    {"virus", "fever", "disease", "flu", "strain", "ebolavirus", "encephalitis"}
)

#: words before a name that make it a person ("coach Ripley", "Gov. Perry")
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "coach",
        "gov",
        "governor",
        "sen",
        "senator",
        "rep",
        "president",
        "judge",
        "justice",
        "officer",
        "sgt",
        "lt",
        "capt",
        "gen",
        "col",
        "rev",
        "father",
        "mayor",
        "minister",
        "prof",
        "professor",
        "deputy",
        "detective",
        "trooper",
        "sheriff",
        "pastor",
        "bishop",
    }
)

#: short forms that are places although written in capitals
ACRONYM_PLACES = frozenset({"US", "USA", "UK", "UAE", "NYC", "DRC", "PRC", "DPRK", "ROK"})

#: AP-style abbreviations of US states -> postal code (keys without dots, case folded)
US_STATE_AP: dict[str, str] = {
    "ala": "AL",
    "ariz": "AZ",
    "ark": "AR",
    "calif": "CA",
    "cal": "CA",
    "colo": "CO",
    "conn": "CT",
    "del": "DE",
    "fla": "FL",
    "ga": "GA",
    "ill": "IL",
    "ind": "IN",
    "kan": "KS",
    "kans": "KS",
    "ky": "KY",
    "la": "LA",
    "md": "MD",
    "mass": "MA",
    "mich": "MI",
    "minn": "MN",
    "miss": "MS",
    "mo": "MO",
    "mont": "MT",
    "neb": "NE",
    "nebr": "NE",
    "nev": "NV",
    "nh": "NH",
    "nj": "NJ",
    "nm": "NM",
    "ny": "NY",
    "nc": "NC",
    "nd": "ND",
    "okla": "OK",
    "ore": "OR",
    "pa": "PA",
    "penn": "PA",
    "ri": "RI",
    "sc": "SC",
    "sd": "SD",
    "tenn": "TN",
    "tex": "TX",
    "va": "VA",
    "vt": "VT",
    "wash": "WA",
    "wva": "WV",
    "wis": "WI",
    "wisc": "WI",
    "wyo": "WY",
    "dc": "DC",
}
#: US postal state codes, places only in "City, ST"
US_STATE_POSTAL = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)

#: continents and world regions the gazetteer lacks: name -> (GeoNames id, lat, lon)
CONTINENTS: dict[str, tuple[int, float, float]] = {
    "africa": (6255146, 7.1881, 21.09375),
    "asia": (6255147, 29.84064, 89.29688),
    "europe": (6255148, 48.69096, 9.14062),
    "north america": (6255149, 46.07323, -100.54688),
    "south america": (6255150, -14.60485, -57.65625),
    "oceania": (6255151, -18.31281, 138.51562),
    "antarctica": (6255152, -78.15856, 16.40626),
}

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HASHTAG = re.compile(r"#([A-Za-z][A-Za-z]{2,})\b")
_HYPHENATED_NAME = re.compile(r" [A-Z][a-z]+-[A-Z][a-z]+")
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


def us_state_code(name: str, *, postal: bool = False) -> str | None:
    """Return the postal code of a US state abbreviation ("W.Va." -> "WV"), or ``None``.

    AP-style forms need a dot ("Ga.", "S.C."); bare postal codes ("GA") count only
    with ``postal=True`` (they are words or other codes elsewhere).
    """
    if "." in name:
        return US_STATE_AP.get(name.replace(".", "").replace(" ", "").casefold())
    if postal and name in US_STATE_POSTAL:
        return name
    return None


def continent_key(name: str) -> str | None:
    """Return the :data:`CONTINENTS` key of a name ("the African continent" -> None), or None."""
    key = normalize_name(name)
    return key if key in CONTINENTS else None


def _is_capitalised(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _tokens_by_sentence(doc: Document) -> list[list[Token]]:
    out: list[list[Token]] = [[] for _ in doc.sentences] or [[]]
    for tok in doc.tokens:
        out[tok.sent].append(tok)
    return out


def _bare(text: str) -> str:
    return text.replace(".", "").casefold()


class _Finder:
    """The state of one recognition run over one document."""

    def __init__(
        self, doc: Document, gazetteer: Gazetteer, untagged: set[int] | None = None
    ) -> None:
        self.doc = doc
        self.untagged = untagged
        self.gaz = gazetteer
        self.tokens = doc.tokens
        self.text = doc.text
        n = len(self.tokens)
        self.ent_of: list[tuple[int, int, str] | None] = [None] * n
        self.person_words: set[str] = set()
        for ent in doc.entities:
            for i in range(ent[0], ent[1]):
                self.ent_of[i] = ent
            if ent[2] == "PERSON":
                for i in range(ent[0], ent[1]):
                    word = self.tokens[i].text
                    if word[:1].isupper() and len(word) > 2:
                        self.person_words.add(word)
        self.taken = [False] * n
        self.found: list[tuple[int, int, str, str]] = []
        self.extra: list[Mention] = []

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def untagged_pos(self, tok: Token) -> bool:
        """Whether ``tok`` has no POS (it was not tagged); noted in :attr:`untagged`."""
        if tok.pos:
            return False
        if self.untagged is not None:
            self.untagged.add(tok.i)
        return True

    def is_proper(self, k: int) -> bool:
        """A proper noun; untagged: capitalised and not the first word of its sentence."""
        tok = self.tokens[k]
        if not self.untagged_pos(tok):
            return tok.pos == "PROPN"
        first = k
        while first > 0 and self.tokens[first - 1].sent == tok.sent:
            if self.tokens[first - 1].text.isalnum():
                return _is_capitalised(tok)
            first -= 1
        return False

    def claim(self, i: int, j: int, kind: str, source: str) -> None:
        while j - i > 1 and self.tokens[j - 1].text in _POSSESSIVE:
            j -= 1
        for k in range(i, j):
            self.taken[k] = True
        self.found.append((i, j, kind, source))

    def cue_before(self, i: int) -> bool:
        return i > 0 and self.tokens[i - 1].text.lower() in PLACE_CUES

    def title_before(self, i: int) -> bool:
        return i > 0 and _bare(self.tokens[i - 1].text) in TITLES

    def is_person(self, i: int, j: int) -> bool:
        """A person's name: after a title, or a word of a person's name elsewhere."""
        if self.title_before(i):
            return True
        if j - i == 1 and self.tokens[i].text in self.person_words:
            return not self.cue_before(i)
        return False

    def is_disease(self, j: int) -> bool:
        return j < len(self.tokens) and self.tokens[j].text.lower() in DISEASE_NOUNS

    def primary(self, name: str) -> bool:
        """Whether ``name`` is the own name (not only an alias) of a likely place."""
        key = normalize_name(name)
        return any(normalize_name(p.name) == key for p in self.gaz.lookup(name, limit=8))

    # -------------------------------------------------------------- passes

    def ner(self) -> None:
        """NER spans that name places, demonyms, and place names heading organisations."""
        tokens, gaz = self.tokens, self.gaz
        for start, end, label in self.doc.entities:
            i, j = start, end
            while i < j and tokens[i].text.lower() == "the":
                i += 1
            while j - i > 1 and tokens[j - 1].text in _POSSESSIVE:
                j -= 1
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
                if self._reject_ner_place(i, j, name, key):
                    continue
                if us_state_code(name) is not None:
                    self.claim(i, j, "place", "ABBR")
                else:
                    self.claim(i, j, "place", label)
            elif label == "FAC" and gaz.has_key(key) and not self.is_person(i, j):
                self.claim(i, j, "place", label)
            elif label == "ORG":
                self._org_modifier(i, j)

    def _bad_demonym(self, i: int) -> bool:
        tok = self.tokens[i]
        if i > 0 and self.tokens[i - 1].text == "-" and self.tokens[i - 1].end == tok.start:
            return True  # "African-American"
        return tok.text.lower() in COMMON_WORDS

    def _compound_name(self, i: int, j: int) -> bool:
        """A place glued to a hyphenated proper name: a club or brand ("Paris Saint-Germain")."""
        end = self.tokens[j - 1].end
        return _HYPHENATED_NAME.match(self.text, end) is not None

    def _reject_ner_place(self, i: int, j: int, name: str, key: str) -> bool:
        if key in COMMON_WORDS and not self.cue_before(i):
            return True
        if self._compound_name(i, j):
            return True
        if self.is_person(i, j) or self.is_disease(j):
            return True
        bare = name.replace(".", "")
        if bare.isupper() and len(bare) <= 3 and name not in ACRONYM_PLACES:
            return us_state_code(name) is None and not self._postal_after_place(i)
        return False

    def _org_modifier(self, i: int, j: int) -> None:
        """Claim a place that qualifies an organisation name ("Texas Department of ...")."""
        tokens, gaz = self.tokens, self.gaz
        words = {tokens[k].text.lower() for k in range(i, j)}
        if not words & _ORG_MODIFIED:
            return
        # a place name at the start of the organisation name
        for m in range(min(j - 1, i + 4), i, -1):
            name = self.span_text(i, m)
            if not all(_is_capitalised(tokens[k]) or tokens[k].text == "-" for k in range(i, m)):
                continue
            if us_state_code(name) is not None:
                self.claim(i, m, "modifier", "ABBR")
                return
            if normalize_name(name) in COMMON_WORDS or not gaz.has_key(normalize_name(name)):
                continue
            best = gaz.lookup(name, limit=1)
            if best and (best[0].is_area or best[0].population >= MIN_POPULATION_ORG):
                if self.primary(name) or m - i > 1:
                    self.claim(i, m, "modifier", "ORG")
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

    def _postal_after_place(self, i: int) -> bool:
        """Whether token ``i`` follows "Place ," ("Modesto, CA")."""
        tokens = self.tokens
        return (
            i >= 2
            and tokens[i - 1].text == ","
            and _is_capitalised(tokens[i - 2])
            and tokens[i].text in US_STATE_POSTAL
        )

    def gazetteer_runs(self) -> None:
        """Gazetteer matches over capitalised runs that no entity claimed."""
        gaz, taken = self.gaz, self.taken
        max_words = max(1, gaz.max_name_words)
        for sent_tokens in _tokens_by_sentence(self.doc):
            n = len(sent_tokens)
            k = 0
            while k < n:
                tok = sent_tokens[k]
                if taken[tok.i] or not _is_capitalised(tok):
                    k += 1
                    continue
                if self._abbreviation(tok):
                    k += 1
                    continue
                match_end = None
                limit = min(n, k + 3 * max_words)
                for m in range(limit, k, -1):
                    last = sent_tokens[m - 1]
                    if not _is_capitalised(last) or any(taken[t.i] for t in sent_tokens[k:m]):
                        continue
                    inner = sent_tokens[k + 1 : m - 1]
                    if any(
                        not _is_capitalised(t) and t.text.lower() not in _LOWER_OK for t in inner
                    ):
                        continue
                    key = normalize_name(self.span_text(sent_tokens[k].i, last.i + 1))
                    if gaz.has_key(key) or key in CONTINENTS:
                        match_end = m
                        break
                if match_end is None:
                    if (
                        gaz.demonym(tok.text) is not None
                        and (tok.pos in ("ADJ", "PROPN", "NOUN") or self.untagged_pos(tok))
                        and not self._bad_demonym(tok.i)
                        and self._demonym_context(tok.i)
                    ):
                        self.claim(tok.i, tok.i + 1, "demonym", "GAZ")
                    k += 1
                    continue
                i, j = sent_tokens[k].i, sent_tokens[match_end - 1].i + 1
                if self._accept(i, j, self.span_text(i, j)):
                    self.claim(i, j, "place", "GAZ")
                    k = match_end
                else:
                    k += 1

    def _demonym_context(self, i: int) -> bool:
        ent = self.ent_of[i]
        return ent is None or ent[2] in ("NORP", "GPE")

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
        elif self._postal_after_place(tok.i):
            code = text
        else:
            return False
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

    def hashtags(self) -> None:
        """Places written as hashtags ("#Ferguson", "#SierraLeone")."""
        text, gaz = self.text, self.gaz
        if "#" not in text:
            return
        starts = {tok.start: tok for tok in self.tokens}
        ends = {tok.end: tok for tok in self.tokens}
        for match in _HASHTAG.finditer(text):
            word = match.group(1)
            s, e = match.span(1)
            first = starts.get(s) or starts.get(s - 1)
            last = ends.get(e)
            if first is None or last is None or any(self.taken[first.i : last.i + 1]):
                continue
            if word.isupper() and word not in ACRONYM_PLACES:
                continue
            for name in dict.fromkeys((word, _CAMEL.sub(" ", word))):
                key = normalize_name(name)
                if key in COMMON_WORDS:
                    break
                if key in CONTINENTS:
                    ok = True
                else:
                    places = gaz.lookup(name, limit=1)
                    ok = bool(places) and (
                        places[0].is_area or places[0].population >= MIN_POPULATION_UNSUPPORTED
                    )
                    ok = ok and self.primary(name)
                if ok:
                    for t in range(first.i, last.i + 1):
                        self.taken[t] = True
                    self.extra.append(
                        Mention(
                            start=s,
                            end=e,
                            text=word,
                            name=name,
                            kind="place",
                            source="GAZ",
                            sent=first.sent,
                        )
                    )
                    break

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
        ents = {self.ent_of[k] for k in range(i, j)}
        ent = next(iter(ents)) if len(ents) == 1 else None
        label = ent[2] if ent else ""
        if label in (
            "PERSON",
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
        cue = self.cue_before(i)
        if key in COMMON_WORDS or self.is_person(i, j) or self.is_disease(j):
            return False
        if key in CONTINENTS:
            return True
        places = gaz.lookup(name, limit=1)
        if not places:
            return False
        best = places[0]
        bare = name.replace(".", "").replace(" ", "")
        if bare.isupper():
            if len(bare) <= 3 and name not in ACRONYM_PLACES:
                return False  # acronyms ("TASS", "VKS", "AP") are codes, not town names
            if not best.is_area and not self._dateline(j):
                return False
        single_alias = j - i == 1 and not self.primary(name)
        if label in ("ORG", "NORP", "PRODUCT", "EVENT", "LAW", "FAC"):
            # only when the whole entity (less "the") is the name, or the name follows "of"
            e_start, e_end = ent[0], ent[1]
            while e_start < e_end and tokens[e_start].text.lower() == "the":
                e_start += 1
            words = {tokens[k].text.lower() for k in range(ent[0], ent[1])}
            whole = (e_start, e_end) == (i, j)
            after_of = i > 0 and tokens[i - 1].text.lower() == "of" and j == e_end
            if words & _ORG_WORDS and not after_of:
                return False
            if not (whole or after_of) or single_alias:
                return False
            return best.is_area or best.population >= MIN_POPULATION_ORG
        # no entity: need a proper noun that is not just a capitalised sentence start
        is_proper = all([self.is_proper(k) or tokens[k].text in ("-", "of") for k in range(i, j)])
        if not is_proper:
            return False
        if single_alias and not cue:
            return False
        region_after = j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS
        return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED or cue or region_after

    def _dateline(self, j: int) -> bool:
        """A capitalised dateline: "COLUMBUS, Ohio (AP)", "KUALA LUMPUR -"."""
        return j < len(self.tokens) and self.tokens[j].text in (
            ",",
            "(",
            "-",
            "--",
            "\u2014",
            "\u2013",
        )


def recognise(doc: Document, gazetteer: Gazetteer, *, untagged: set[int] | None = None) -> Document:
    """Return ``doc`` with its place mentions found (not yet resolved).

    Where a test needs the POS of an untagged token (empty ``pos``), a demonym
    counts as an adjective and a capitalised word that does not start its
    sentence as a proper noun; the indices of those tokens are added to
    ``untagged`` when it is given, so the caller may tag them and recognise again.
    """
    finder = _Finder(doc, gazetteer, untagged)
    finder.ner()
    finder.gazetteer_runs()
    finder.hashtags()
    tokens = doc.tokens
    span_text = finder.span_text

    # Region phrases: extend "X" to "the X region" when a region noun follows.
    mentions: list[Mention] = list(finder.extra)
    for i, j, kind, source in sorted(finder.found):
        if kind == "place" and j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS:
            if tokens[j].sent == tokens[i].sent and tokens[j].start > tokens[j - 1].end:
                noun = tokens[j].text
                name = f"{span_text(i, j)} {noun.lower()}"
                start_i = i - 1 if i > 0 and tokens[i - 1].text.lower() == "the" else i
                mentions.append(
                    Mention(
                        start=tokens[start_i].start,
                        end=tokens[j].end,
                        text=span_text(start_i, j + 1),
                        name=name,
                        kind="region",
                        source=source,
                        sent=tokens[i].sent,
                    )
                )
                continue
        mentions.append(
            Mention(
                start=tokens[i].start,
                end=tokens[j - 1].end,
                text=span_text(i, j),
                name=span_text(i, j),
                kind=kind,
                source=source,
                sent=tokens[i].sent,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return dataclasses.replace(doc, mentions=tuple(mentions))
