"""Place recognition for Russian and Kazakh text, in every grammatical case.

The gazetteer holds Russian and Kazakh names in the dictionary form ("Алма-Ата",
"Актюбинская область", "Ақтөбе"); the text declines them ("в Алма-Ате",
"Актюбинской области", "Ақтөбеде"). Each candidate span is therefore looked up
under every form it may have: the surface form (indeclinable names: "Тбилиси",
"Актау"), every lemma pymorphy3 gives, an adjective agreed with the area noun it
qualifies ("Актюбинской области" -> "Актюбинская область"), and Kazakh stems
with their case suffixes taken off ("Алматыда" -> "Алматы"). The first form the
gazetteer knows becomes :attr:`Mention.name`; resolution
(:func:`geomap.resolve.resolve`) is the same as for English.

Country names come from the Unicode CLDR names that ``babel`` ships (Russian
and Kazakh), so "Грузия" is the country and "Джорджия" (with or without "штат")
the US state; adjectives of nationality ("казахстанский", "российские военные")
are derived from those names. :func:`pin_places` fixes these after resolution.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.gazetteer.base import normalize_name
from geomap.model import Document, Mention, Token
from geomap.nlp.russian import inflect, lemmas, parses

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer

#: area nouns after an adjective ("Актюбинская область") and their gender
AREA_NOUNS = {
    "область": "femn",
    "край": "masc",
    "район": "masc",
    "округ": "masc",
    "республика": "femn",
    "губерния": "femn",
    "провинция": "femn",
}
#: Kazakh area nouns after a name ("Алматы облысы", "Қарасай ауданы")
KAZAKH_AREAS = ("облысы", "ауданы")
#: lower-case words before a name that say it is a settlement or an area
PLACE_CUES = frozenset(
    {
        "город",
        "г.",
        "село",
        "поселок",
        "посёлок",
        "аул",
        "деревня",
        "станица",
        "столица",
        "республика",
        "штат",
        "провинция",
        "регион",
        "área",
    }
)
#: prepositions of place and direction before a name
PLACE_PREPS = frozenset({"в", "во", "из", "на", "под", "около", "возле", "близ", "до", "через"})

#: short and older country names the CLDR list lacks, as ISO codes
COUNTRY_ALIASES = {
    "сша": "US",
    "штаты": "US",
    "соединенные штаты америки": "US",
    "рф": "RU",
    "российская федерация": "RU",
    "кнр": "CN",
    "фрг": "DE",
    "оаэ": "AE",
    "британия": "GB",
    "англия": "GB",
    "молдавия": "MD",
    "белоруссия": "BY",
    "киргизия": "KG",
    "туркмения": "TM",
    "кыргызская республика": "KG",
    "республика беларусь": "BY",
    "республика казахстан": "KZ",
    "казахстан": "KZ",
    "ресей": "RU",
}

#: the US states' Russian names (the gazetteer has only English ones), as postal codes
US_STATES_RU = {
    "алабама": "AL", "аляска": "AK", "аризона": "AZ", "арканзас": "AR", "калифорния": "CA",
    "колорадо": "CO", "коннектикут": "CT", "делавэр": "DE", "флорида": "FL", "джорджия": "GA",
    "гавайи": "HI", "айдахо": "ID", "иллинойс": "IL", "индиана": "IN", "айова": "IA",
    "канзас": "KS", "кентукки": "KY", "луизиана": "LA", "мэн": "ME", "мэриленд": "MD",
    "массачусетс": "MA", "мичиган": "MI", "миннесота": "MN", "миссисипи": "MS",
    "миссури": "MO", "монтана": "MT", "небраска": "NE", "невада": "NV",
    "нью гэмпшир": "NH", "нью джерси": "NJ", "нью мексико": "NM", "нью йорк": "NY",
    "северная каролина": "NC", "северная дакота": "ND", "огайо": "OH", "оклахома": "OK",
    "орегон": "OR", "пенсильвания": "PA", "род айленд": "RI", "южная каролина": "SC",
    "южная дакота": "SD", "теннесси": "TN", "техас": "TX", "юта": "UT", "вермонт": "VT",
    "вирджиния": "VA", "вашингтон": "WA", "западная вирджиния": "WV", "висконсин": "WI",
    "вайоминг": "WY",
}  # fmt: skip
#: state names that are also a city the text more often means ("Вашингтон")
_STATE_ONLY_WITH_CUE = frozenset({"WA", "NY"})

#: Kazakh case and possessive suffixes, longest first ("Алматыда", "Астанаға", "Шымкенттің")
KAZAKH_SUFFIXES = tuple(
    sorted(
        {
            *"да де та те нда нде".split(),
            *"ға ге қа ке на не а е".split(),
            *"дан ден тан тен нан нен".split(),
            *"ның нің дың дің тың тің".split(),
            *"ды ді ты ті ны ні".split(),
            *"мен бен пен".split(),
            *"дағы дегі тағы тегі".split(),
            *"лық лік".split(),
        },
        key=len,
        reverse=True,
    )
)

#: a Kazakh stem with no other cue must name an area or a town this large ("Кеше" is not "Кеш")
KAZAKH_STEM_POPULATION = 20_000

#: endings that turn the stem of an adjective of nationality into its country's name
_DEMONYM_ENDINGS = ("", "я", "ия", "а", "ь", "истан", "стан", "сия")
_ADJ_SUFFIX = re.compile(r"(?:ский|ской|цкий|ийский)$")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalised Russian and Kazakh country names -> ISO code (CLDR, via babel)."""
    from babel import Locale

    out: dict[str, str] = {}
    for locale in ("ru", "kk"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA"):
                out.setdefault(normalize_name(name), code)
    for name, code in COUNTRY_ALIASES.items():
        out[normalize_name(name)] = code
    return out


@lru_cache(maxsize=50_000)
def demonym_country(lemma: str) -> str | None:
    """The country an adjective of nationality names ("казахстанский" -> "KZ"), or ``None``.

    The adjective's stem (without "-ский") plus one of a few endings must be a
    country name: "казахстан-ский", "росси-йский" -> "россия",
    "киргиз-ский" -> "киргизия", "узбек-ский" -> "узбекистан".
    """
    lemma = lemma.lower()
    if not _ADJ_SUFFIX.search(lemma):
        return None
    names = country_names()
    stems = {lemma[: -len(m)] for m in ("ский", "йский", "цкий", "ийский") if lemma.endswith(m)}
    for stem in sorted(stems, key=len, reverse=True):
        if len(stem) < 3:
            continue
        for ending in _DEMONYM_ENDINGS:
            code = names.get(normalize_name(stem + ending))
            if code is not None:
                return code
    return None


def _kazakh_stems(word: str) -> list[str]:
    out = []
    for suffix in KAZAKH_SUFFIXES:
        if word.lower().endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out.append(stem)
            if stem.endswith(("н", "т", "д")) and len(stem) > 4:
                out.append(stem[:-1])  # "Шымкенттің" -> "Шымкент"
    return out


def word_forms(word: str) -> list[str]:
    """The forms under which a single word may be in the gazetteer, likeliest first.

    The lemmas pymorphy3 marks as place names (Geox), the surface form, the
    other lemmas, then Kazakh stems.
    """
    found = parses(word)
    geox = [p.normal_form for p in found if "Geox" in p.tag.grammemes]
    out: list[str] = []
    for form in [*geox, word.lower(), *lemmas(word), *_kazakh_stems(word)]:
        if form not in out:
            out.append(form)
    return out


def _phrase_forms(words: list[Token]) -> list[str]:
    """Forms of a multi-word name: as written, lemmatised, and agreed with its noun."""
    texts = [w.text for w in words]
    out = [" ".join(texts)]
    heads = [p for p in parses(texts[-1]) if p.tag.POS == "NOUN"]
    if heads:
        head = heads[0]
        agreed = []
        for text in texts[:-1]:
            form = inflect(text, {"nomn", "sing", head.tag.gender or "masc"}, pos="ADJF")
            agreed.append(form or text.lower())
        out.append(" ".join([*agreed, head.normal_form]))
    out.append(" ".join(lemmas(t)[0] if lemmas(t) else t for t in texts))
    return out


class _Finder:
    """One document's Russian recognition state."""

    def __init__(self, doc: Document, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.tokens = doc.tokens
        self.claimed = [False] * len(doc.tokens)
        self.mentions: list[Mention] = []

    def known(self, form: str) -> str | None:
        """The name under which ``form`` is a place: a country, US state or gazetteer key."""
        key = normalize_name(form)
        if not key:
            return None
        code = country_names().get(key)
        if code is not None:
            country = self.gaz.country(code)
            return country.name if country is not None else None
        if key in US_STATES_RU:
            return None  # states only through state()
        return form if self.gaz.has_key(key) else None

    def state(self, form: str, *, cue: bool) -> str | None:
        code = US_STATES_RU.get(normalize_name(form))
        if code is None or (code in _STATE_ONLY_WITH_CUE and not cue):
            return None
        place = self.gaz.admin1("US", code)
        return place.name if place is not None else None

    def add(self, a: int, b: int, name: str, kind: str, source: str) -> None:
        toks = self.tokens
        text = self.doc.text[toks[a].start : toks[b - 1].end]
        self.mentions.append(
            Mention(toks[a].start, toks[b - 1].end, text, name, kind, source, toks[a].sent)
        )
        for i in range(a, b):
            self.claimed[i] = True

    def prev_word(self, i: int) -> str:
        j = i - 1
        if j >= 0 and self.tokens[j].sent == self.tokens[i].sent:
            return self.tokens[j].text.lower()
        return ""

    def name_of(self, a: int, b: int) -> str | None:
        """The gazetteer name of tokens ``a:b``, trying every form; or ``None``."""
        words = list(self.tokens[a:b])
        cue = self.prev_word(a) in ("штат", "штате", "штата", "штату", "штатом")
        forms = word_forms(words[0].text) if len(words) == 1 else _phrase_forms(words)
        for form in forms:
            state = self.state(form, cue=cue)
            if state is not None:
                return state
            name = self.known(form)
            if name is not None:
                return name
        return None

    def _country_or_state(self, a: int, b: int) -> bool:
        words = list(self.tokens[a:b])
        forms = word_forms(words[0].text) if len(words) == 1 else _phrase_forms(words)
        keys = {normalize_name(f) for f in forms}
        return bool(keys & country_names().keys()) or bool(keys & US_STATES_RU.keys())

    # -- passes ---------------------------------------------------------------

    def areas(self) -> None:
        """Area phrases: "Актюбинской области", "Краснодарского края", "Алматы облысы"."""
        toks = self.tokens
        for i, tok in enumerate(toks):
            low = tok.text.lower()
            if i and low in KAZAKH_AREAS and toks[i - 1].text[:1].isupper():
                name = f"{toks[i - 1].text} {low}"
                if self.gaz.has_key(normalize_name(name)):
                    self.add(i - 1, i + 1, name, "region", "GAZ")
                continue
            noun = (
                next((lm for lm in lemmas(low) if lm in AREA_NOUNS), None)
                if low[:1].isalpha()
                else None
            )
            if noun is None or not i or self.claimed[i]:
                continue
            # adjectives before the noun, agreed with it ("Северо-Казахстанской")
            j = i
            while (
                j > 0
                and toks[j - 1].sent == tok.sent
                and toks[j - 1].pos == "ADJ"
                and toks[j - 1].text[:1].isupper()
            ):
                j -= 1
            if j == i:
                continue
            agreed = [
                inflect(t.text, {"nomn", "sing", AREA_NOUNS[noun]}, pos="ADJF") or t.text.lower()
                for t in toks[j:i]
            ]
            for k in range(len(agreed)):
                name = " ".join([*agreed[k:], noun])
                if self.gaz.has_key(normalize_name(name)):
                    self.add(j + k, i + 1, name.capitalize(), "region", "GAZ")
                    break

    def entities(self) -> None:
        """The NER model's LOC spans, and ORG spans that are a country ("РФ")."""
        for a, b, label in self.doc.entities:
            if label not in ("LOC", "ORG") or any(self.claimed[a:b]):
                continue
            name = self.name_of(a, b)
            if label == "ORG" and (name is None or not self._country_or_state(a, b)):
                continue  # "МИД", "ОДКБ": an organisation, unless its name is a country
            if name is None and b - a > 1:
                # "Алма-Ате и Талдыкоргане" in one span: each part that is a place
                for k in range(a, b):
                    if self.tokens[k].text[:1].isupper():
                        part = self.name_of(k, k + 1)
                        if part is not None:
                            self.add(k, k + 1, part, "place", label)
                continue
            if name is None:
                if label == "LOC":
                    words = self.tokens[a:b]
                    self.add(a, b, " ".join(lemmas(w.text)[0] for w in words), "place", label)
                continue
            self.add(a, b, name, "place", label)

    def words(self) -> None:
        """Capitalised words the NER left: place names by dictionary or by cue."""
        persons = {i for a, b, label in self.doc.entities if label == "PERSON" for i in range(a, b)}
        if self.doc.lang == "kk":
            persons = set()  # the Russian model reads Kazakh case forms as names
        for i, tok in enumerate(self.tokens):
            if self.claimed[i] or i in persons or not tok.text[:1].isupper() or len(tok.text) < 2:
                continue
            if (
                not any(ch.isalpha() for ch in tok.text)
                or tok.text.isupper()
                and len(tok.text) < 4
                and normalize_name(tok.text) not in country_names()
            ):
                continue
            geox = any("Geox" in p.tag.grammemes for p in parses(tok.text))
            cue = self.prev_word(i) in PLACE_PREPS or self.prev_word(i) in PLACE_CUES
            if self.doc.lang == "kk":
                # a Kazakh case suffix is the preposition: "Алматыда", "Шымкенттен"
                cue = cue or any(
                    p.is_area or p.population >= KAZAKH_STEM_POPULATION
                    for s in _kazakh_stems(tok.text)
                    if len(s) >= 4
                    for p in self.gaz.lookup(s, limit=3)
                )
            if not (geox or cue or normalize_name(tok.text) in country_names()):
                continue
            name = self.name_of(i, i + 1)
            if name is not None:
                self.add(i, i + 1, name, "place", "GAZ")

    def demonyms(self) -> None:
        """Adjectives of a country: "казахстанский", "российские военные"."""
        for i, tok in enumerate(self.tokens):
            if self.claimed[i] or tok.pos != "ADJ":
                continue
            for lemma in lemmas(tok.text):
                code = demonym_country(lemma)
                if code is not None:
                    country = self.gaz.country(code)
                    if country is not None:
                        self.add(i, i + 1, country.name, "demonym", "GAZ")
                    break


def recognise_ru(doc: Document, gazetteer: Gazetteer) -> Document:
    """Return ``doc`` (analysed by :class:`geomap.nlp.russian.RussianAnalyser`) with mentions."""
    finder = _Finder(doc, gazetteer)
    finder.areas()
    finder.entities()
    finder.words()
    finder.demonyms()
    mentions = sorted(finder.mentions, key=lambda m: (m.start, m.end))
    return dataclasses.replace(doc, mentions=tuple(mentions))


def pin_places(doc: Document, gazetteer: Gazetteer) -> Document:
    """After resolution: a Russian country or US-state name is that country or state.

    Resolution weighs every candidate of a name; a name that the CLDR list or the
    US-state table gave is not ambiguous in Russian ("Грузия" is never the US
    state, "штат Джорджия" never the country), and adjectives of nationality
    are their country.
    """
    out = []
    changed = False
    for m in doc.mentions:
        pinned = _pinned(m, gazetteer)
        if pinned is not None and (m.place is None or m.place.geonameid != pinned.geonameid):
            why = f"Russian name of {pinned.name} ({pinned.country_code})"
            m = dataclasses.replace(m, place=pinned, score=max(m.score, 0.9), why=why)
            changed = True
        out.append(m)
    return dataclasses.replace(doc, mentions=tuple(out)) if changed else doc


def _pinned(m: Mention, gazetteer: Gazetteer):  # noqa: ANN202 - Place | None
    text = m.text.lower()
    if m.kind == "demonym":
        code = next((c for lm in lemmas(text) if (c := demonym_country(lm))), None)
        return gazetteer.country(code) if code else None
    words = text.split()
    for form in [text, *(word_forms(words[-1]) if words else [])]:
        key = normalize_name(form)
        if key.startswith("штат "):
            key = key[5:]
        code = US_STATES_RU.get(key)
        if code is not None and (m.name != form):
            place = gazetteer.admin1("US", code)
            if place is not None and place.name == m.name:
                return place
        ccode = country_names().get(key)
        if ccode is not None:
            country = gazetteer.country(ccode)
            if country is not None and country.name == m.name:
                return country
    return None
