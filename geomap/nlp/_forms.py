"""The lemmas a word may get, known from its lower-case form before any tagging.

spaCy's rule lemmatizer picks a lemma from the word's form and its part of
speech; the attribute ruler sets a few more (pronouns, contractions). Without
the tagger the part of speech is unknown, so :class:`LemmaForms` returns every
lemma the word could get under any part of speech: the form itself, each
exception and each suffix rule of the lemmatizer's tables (for nouns, verbs,
adjectives, ...), and the ruler's lemmas for that form. Sets are cached per form.

:class:`TriggerTest` uses it to tell, from the words alone, whether a
sentence may hold an event trigger (a superset of
:func:`geomap.events.lexicon.may_trigger`, which needs lemmas).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

#: distinct forms kept in the cache before it starts again
MAX_CACHE = 200_000


class LemmaForms:
    """Every lemma spaCy's lemmatizer and attribute ruler may give a lower-case form.

    Parameters
    ----------
    nlp
        A loaded pipeline; its ``lemmatizer`` (rule mode) and ``attribute_ruler``
        are read, not changed. Without a rule lemmatizer the only lemma of a form
        is the form itself (plus the ruler's).

    """

    def __init__(self, nlp: Language) -> None:
        self._rules: list[list[tuple[str, str]]] = []
        self._exceptions: list[dict[str, list[str]]] = []
        if "lemmatizer" in nlp.component_names:
            lemmatizer = nlp.get_pipe("lemmatizer")
            lookups = getattr(lemmatizer, "lookups", None)
            if getattr(lemmatizer, "mode", "") == "rule" and lookups is not None:
                rules = (
                    lookups.get_table("lemma_rules", {}) if lookups.has_table("lemma_rules") else {}
                )
                exc = lookups.get_table("lemma_exc", {}) if lookups.has_table("lemma_exc") else {}
                for pos in ("noun", "verb", "adj", "adv", "propn", "aux", "pron", "num"):
                    if pos in rules:
                        self._rules.append([tuple(r) for r in rules[pos]])
                    if pos in exc:
                        self._exceptions.append(dict(exc[pos]))
        #: lemmas the attribute ruler sets on a given form, and on any form
        self._ruler: dict[str, set[str]] = {}
        self.any_form: frozenset[str] = frozenset()
        if "attribute_ruler" in nlp.component_names:
            self._read_ruler(nlp.get_pipe("attribute_ruler").patterns)
        self._cache: dict[str, frozenset[str]] = {}

    def _read_ruler(self, patterns: list[dict[str, Any]]) -> None:
        any_form: set[str] = set()
        for entry in patterns:
            lemma = entry.get("attrs", {}).get("LEMMA")
            if not isinstance(lemma, str):
                continue
            for pattern in entry["patterns"]:
                index = entry.get("index", 0)
                spec = pattern[index] if -len(pattern) <= index < len(pattern) else {}
                lower = spec.get("LOWER") if isinstance(spec, dict) else None
                if isinstance(lower, str):
                    forms = [lower]
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    forms = list(lower["IN"])
                else:
                    any_form.add(lemma.lower())
                    continue
                for form in forms:
                    self._ruler.setdefault(form, set()).add(lemma.lower())
        self.any_form = frozenset(any_form)

    def __call__(self, form: str) -> frozenset[str]:
        """Every lemma (lower case) that the lower-case ``form`` may get."""
        found = self._cache.get(form)
        if found is None:
            lemmas = {form, *self._ruler.get(form, ()), *self.any_form}
            for exceptions in self._exceptions:
                lemmas.update(exceptions.get(form, ()))
            for rules in self._rules:
                for old, new in rules:
                    if form.endswith(old):
                        lemma = form[: len(form) - len(old)] + new
                        if lemma:
                            lemmas.add(lemma)
            found = frozenset(lemmas)
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()
            self._cache[form] = found
        return found


class TriggerTest:
    """Whether a sentence of lower-case words may hold an event trigger, before tagging.

    True whenever :func:`geomap.events.lexicon.may_trigger` could be true for any
    lemmas the words may get (:class:`LemmaForms`): a trigger word among the words
    or their possible lemmas (with, for a word of :data:`geomap.events.lexicon.NEEDS`,
    one of the lemmas it needs among those of the sentence), or a trigger phrase
    whose every word is among the possible lemmas of consecutive words.

    Parameters
    ----------
    forms
        The possible lemmas of a form.

    """

    def __init__(self, forms: LemmaForms) -> None:
        from geomap.events.lexicon import NEEDS, PHRASES, WORDS

        self.forms = forms
        self._words = frozenset(WORDS)
        #: trigger words that need context in their sentence, and the lemmas that give it
        self._needs = dict(NEEDS)
        self._by_first: dict[str, list[tuple[str | None, ...]]] = {}
        self._wildcard: list[tuple[str | None, ...]] = []
        for phrase in PHRASES:
            if phrase[0] is None:
                self._wildcard.append(phrase)
            else:
                self._by_first.setdefault(phrase[0], []).append(phrase)
        self._firsts = frozenset(self._by_first)
        #: every word of a trigger: only these of a form's possible lemmas matter
        self._vocabulary = self._words | {w for p in PHRASES for w in p if w is not None}
        self._vocabulary |= {w for context in NEEDS.values() for w in context}
        self._relevant: dict[str, frozenset[str]] = {}

    def _lemmas(self, text: str) -> frozenset[str]:
        """The possible lemmas of ``text`` that are words of some trigger (cached)."""
        found = self._relevant.get(text)
        if found is None:
            found = self.forms(text) & self._vocabulary
            if len(self._relevant) >= MAX_CACHE:
                self._relevant.clear()
            self._relevant[text] = found
        return found

    def __call__(self, texts: list[str]) -> bool:
        """Whether the sentence of lower-case words ``texts`` may hold a trigger."""
        possible = [self._lemmas(text) for text in texts]
        if not any(possible):
            return False
        words = self._words
        needs = self._needs
        context: set[str] | None = None
        for p in possible:
            for word in words.intersection(p):
                if word not in needs:
                    return True
                if context is None:
                    context = set().union(*possible)
                if not needs[word].isdisjoint(context):
                    return True
        n_tokens = len(texts)
        for k in range(n_tokens):
            candidates = list(self._wildcard)
            for lemma in self._firsts.intersection(possible[k]):
                candidates.extend(self._by_first[lemma])
            for phrase in candidates:
                n = len(phrase)
                if k + n <= n_tokens and all(
                    p is None or p in possible[k + q] for q, p in enumerate(phrase)
                ):
                    return True
        return False
