"""The hashtag pass: places written as hashtags or inside them."""

from __future__ import annotations

from geomap.gazetteer.base import normalize_name
from geomap.regions import CONTINENTS
from geomap.toponyms.abbreviations import US_STATE_POSTAL
from geomap.toponyms.finder import Finder
from geomap.toponyms.vocabulary import (
    _HASHTAG,
    _HASHTAG_PART,
    _QUALIFIER_CODES,
    ACRONYM_PLACES,
    COMMON_WORDS,
    MIN_POPULATION_CITY,
    MIN_POPULATION_UNSUPPORTED,
)


class TweetsPass(Finder):
    """Reads hashtags."""

    def hashtags(self) -> None:
        """Places written as hashtags or inside them ("#Ferguson", "#PrayForGaza").

        A hashtag is split into its words ("PrayForGaza" -> "Pray", "For", "Gaza";
        "IranTalksNYC" -> "Iran", "Talks", "NYC"); runs of up to three words are
        looked up, longest first. A lower-case hashtag counts only whole
        ("#canada", "#usa", "#ferguson"): a country by any of its names, or a region
        or a town of :data:`MIN_POPULATION_UNSUPPORTED` people by its own name.
        """
        text = self.text
        if "#" not in text:
            return
        starts = {tok.start: tok for tok in self.tokens}
        ends = {tok.end: tok for tok in self.tokens}
        for match in _HASHTAG.finditer(text):
            word = match.group(1)
            s, e = match.span(1)
            if text.startswith(("\u2026", "..."), e):
                continue  # cut off by the tweet's length ("#vac…"): the word is unknown
            first = starts.get(s) or starts.get(s - 1)
            last = ends.get(e)
            if first is None or last is None or any(self.taken[first.i : last.i + 1]):
                continue
            if word.islower():
                if self._hashtag_place(word, big=True) or self._hashtag_country(word):
                    self._claim_chars(s, e, word, first)
                continue
            parts = [(m.start(), m.group()) for m in _HASHTAG_PART.finditer(word)]
            k = 0
            while k < len(parts):
                for n in range(min(3, len(parts) - k), 0, -1):
                    run = parts[k : k + n]
                    p_start, p_end = run[0][0], run[-1][0] + len(run[-1][1])
                    if word[p_start:p_end] != "".join(w for _, w in run):
                        continue  # a digit or an underscore in between
                    name = " ".join(w for _, w in run)
                    # a lone word inside a longer hashtag is often a given name ("SaveMartin")
                    big = n == 1 and len(parts) > 1
                    if self._hashtag_place(name, big=big):
                        self._claim_chars(s + p_start, s + p_end, name, first)
                        k += n
                        break
                else:
                    k += 1

    def _hashtag_country(self, word: str) -> bool:
        """Whether a whole lower-case hashtag is a country by a short name ("#usa", "#uk")."""
        if len(word) < 2 or word in ("us", "me", "in"):
            return False
        places = self.gaz.lookup(word, limit=1)
        return bool(places) and places[0].feature_code.startswith("PCL")

    def _hashtag_place(self, name: str, *, big: bool) -> bool:
        """Whether a word or words of a hashtag name a place."""
        bare = name.replace(" ", "")
        if bare.isupper():
            return bare in ACRONYM_PLACES or bare in US_STATE_POSTAL
        if len(bare) < 3:
            return False
        key = normalize_name(name)
        if key in COMMON_WORDS:
            return False
        if key in CONTINENTS:
            return True
        places = self.gaz.lookup(name, limit=1)
        if not places or not self.primary(name):
            return False
        best = places[0]
        if not big:
            return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED
        # a word of a longer hashtag, or a lower-case one: a country, state or city by
        # its own name ("#PrayForGaza", not "Michael" of "#MichaelBrown")
        if normalize_name(best.name) != key:
            return False
        if name.islower() and not best.is_area:
            return best.population >= MIN_POPULATION_UNSUPPORTED  # a whole "#ferguson"
        if best.is_area:
            return (
                best.feature_code in _QUALIFIER_CODES
                and best.population >= MIN_POPULATION_UNSUPPORTED
            )
        return best.population >= MIN_POPULATION_CITY
