"""A faster way to apply spaCy's attribute ruler, with the same result.

spaCy's ``AttributeRuler`` finds its token patterns with the ``Matcher``, which
costs as much as the tagger and the lemmatizer together on news text. The small
English model's rules look at one or two tokens and only at ``LOWER``, ``TAG``,
``DEP`` and ``IS_SPACE``, so the rules that apply to a token depend on those four
values alone: they are computed once per distinct combination and cached. The
ruler's own normalised attributes are then set with spaCy's own setter in the
ruler's order, so the result is the same as the ruler's. A ruler with other
kinds of patterns (quantifiers, other attributes) is applied as it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

#: token attributes the fast path understands
_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
#: distinct token keys kept in the cache before it starts again
MAX_CACHE = 200_000


class _UnsupportedError(Exception):
    """A pattern the fast path cannot read; the ruler is then applied as it is."""


def _value_test(spec: Any) -> Callable[[Any], bool]:
    """A test of one attribute value following the Matcher's semantics."""
    if isinstance(spec, dict):
        tests: list[Callable[[Any], bool]] = []
        for op, arg in spec.items():
            if op == "IN":
                allowed = frozenset(arg)
                tests.append(lambda v, allowed=allowed: v in allowed)
            elif op == "NOT_IN":
                banned = frozenset(arg)
                tests.append(lambda v, banned=banned: v not in banned)
            elif op == "REGEX":
                rx = re.compile(arg)
                tests.append(lambda v, rx=rx: bool(rx.search(v)))
            else:
                raise _UnsupportedError(op)
        return lambda v: all(t(v) for t in tests)
    return lambda v: v == spec


def _token_test(
    token_spec: dict[str, Any],
) -> tuple[frozenset[str] | None, Callable[[tuple[str, str, str, bool]], bool]]:
    """A token pattern as (the lower-case forms it allows, a test of a token's features).

    A token's features are its ``(lower, tag, dep, is_space)``. The forms are
    ``None`` when the pattern allows any form or tests it with a regular expression.
    """
    tests = []
    lower = token_spec.get("LOWER")
    if isinstance(lower, str):
        forms: frozenset[str] | None = frozenset({lower})
    elif isinstance(lower, dict) and set(lower) == {"IN"}:
        forms = frozenset(lower["IN"])
    else:
        forms = None
    for key, spec in token_spec.items():
        if key not in _KEYS:
            raise _UnsupportedError(key)
        tests.append((_KEYS.index(key), _value_test(spec)))
    return forms, lambda feats: all(test(feats[k]) for k, test in tests)


class FastAttributeRuler:
    """Apply a spaCy ``AttributeRuler`` with cached rule matching.

    Parameters
    ----------
    ruler
        The pipeline's attribute ruler; its patterns and attributes are read, not changed.

    """

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import LEMMA, MORPH, POS, TAG

        self.ruler = ruler
        self.supported = True
        #: token tests, by id; the tests of one-token patterns give their rule
        self._tests: list[Callable[[tuple[str, str, str, bool]], bool]] = []
        self._by_lower: dict[str, list[int]] = {}
        self._lower_free: list[int] = []  # tests that do not look at the form
        self._lower_other: list[int] = []  # tests of the form by regular expression
        self._single: dict[int, int] = {}  # test id -> rule (attribute id)
        self._multi: list[tuple[int, list[int], int]] = []  # rule, test ids, target index
        try:
            for attr_id, entry in enumerate(ruler.patterns):
                index = entry.get("index", 0)
                for pattern in entry["patterns"]:
                    ids = [self._add_test(spec) for spec in pattern]
                    if len(ids) == 1:
                        if index not in (0, -1):
                            raise _UnsupportedError("index")
                        self._single[ids[0]] = attr_id
                    else:
                        self._multi.append((attr_id, ids, index))
        except _UnsupportedError:
            self.supported = False
        self._multi_first = frozenset(ids[0] for _, ids, _ in self._multi)
        self._cache: dict[tuple[int, int, int, int], tuple[tuple[int, ...], frozenset]] = {}
        self._merged: dict[tuple[int, ...], tuple[tuple[int, ...], dict]] = {}
        self._free_cache: dict[tuple[int, int, int], list[int]] = {}
        #: attributes set through one array per document
        self._columns = [POS, MORPH, LEMMA, TAG]

    def pos_reach(self) -> int:
        """Words either side whose annotations may change a token's POS or tag before the parse.

        The longest pattern, less one, among those that set ``POS`` or ``TAG`` and
        can match tokens without a dependency label (0 when every such pattern
        is of one token, or needs a parse).
        """
        reach = 0
        for entry in self.ruler.patterns:
            if not {"POS", "TAG"} & set(entry.get("attrs", {})):
                continue
            for pattern in entry["patterns"]:
                if len(pattern) > 1 and self._matches_unparsed(pattern):
                    reach = max(reach, len(pattern) - 1)
        return reach

    def _matches_unparsed(self, pattern: list[dict[str, Any]]) -> bool:
        """Whether no token of ``pattern`` needs a dependency label (may match before the parse)."""
        for spec in pattern:
            if not isinstance(spec, dict):
                return True
            if "DEP" in spec:
                try:
                    if not _value_test(spec["DEP"])(""):
                        return False
                except _UnsupportedError:
                    return True
        return True

    def _add_test(self, spec: dict[str, Any]) -> int:
        forms, test = _token_test(spec)
        test_id = len(self._tests)
        self._tests.append(test)
        if "LOWER" not in spec:
            self._lower_free.append(test_id)
        elif forms is None:
            self._lower_other.append(test_id)
        else:
            for form in forms:
                self._by_lower.setdefault(form, []).append(test_id)
        return test_id

    def _free(self, key: tuple[int, int, int, int], feats: tuple[str, str, str, bool]) -> list[int]:
        """Ids of the passed tests that do not look at the form (cached by tag, dep, space)."""
        free_key = key[1:]
        passed = self._free_cache.get(free_key)
        if passed is None:
            passed = [t for t in self._lower_free if self._tests[t](feats)]
            self._free_cache[free_key] = passed
        return passed

    def _match(self, key: tuple[int, int, int, int], doc: Doc) -> tuple[tuple[int, ...], frozenset]:
        """(rules of one-token patterns, ids of all token tests passed) for a token's key."""
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()  # bounded memory on an ever-growing vocabulary
            strings = doc.vocab.strings
            feats = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            candidates = [*self._by_lower.get(feats[0], ()), *self._lower_other]
            passed = frozenset(
                [*self._free(key, feats), *(t for t in candidates if self._tests[t](feats))]
            )
            rules = tuple(sorted(self._single[t] for t in passed if t in self._single))
            found = (rules, passed)
            self._cache[key] = found
        return found

    def _attrs_for(self, rules: tuple[int, ...]) -> tuple[tuple[int, ...], dict]:
        """Values of the array columns (-1: unchanged) and the other attributes to set."""
        merged = self._merged.get(rules)
        if merged is None:
            attrs: dict = {}
            for attr_id in rules:
                attrs.update(self.ruler.attrs[attr_id])
            columns = tuple(attrs.pop(col, -1) for col in self._columns)
            merged = (columns, attrs)
            self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on ``doc`` and return it."""
        if not self.supported:
            return self.ruler(doc)
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if n == 0:
            return doc
        keys = map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist())
        cache, match = self._cache, self._match
        matched = [cache.get(key) or match(key, doc) for key in keys]
        rules = [m[0] for m in matched]
        multi_first = self._multi_first
        if multi_first:
            for start, (_, passed) in enumerate(matched):
                if multi_first.isdisjoint(passed):
                    continue
                for attr_id, ids, index in self._multi:
                    width = len(ids)
                    if start + width <= n and all(
                        t in matched[start + q][1] for q, t in enumerate(ids)
                    ):
                        target = start + (index if index >= 0 else width + index)
                        rules[target] = tuple(sorted((*rules[target], attr_id)))
        values = doc.to_array(self._columns)
        rows = values.tolist()
        changed = False
        for i, token_rules in enumerate(rules):
            if not token_rules:
                continue
            columns, others = self._attrs_for(token_rules)
            row = rows[i]
            for j, value in enumerate(columns):
                if value != -1:
                    row[j] = value
                    changed = True
            if others:
                set_token_attrs(doc[i], others)
        if changed:
            doc.from_array(self._columns, np.array(rows, dtype=values.dtype))
        return doc

    def pipe(self, docs: Any, **_: Any) -> Any:
        """Apply the ruler to each doc of a stream."""
        for doc in docs:
            yield self(doc)
