"""Toponym recognition: find the places a document names, with or without the NER's help.

Three sources are combined, on the plain tokens of the NLP stage:

1. the NER's GPE/LOC spans (and FAC spans that are gazetteer names);
2. a gazetteer matcher over capitalised token runs, which also finds places the
   model labels ORG or misses ("Alma-Ata", "Aktobe"), with filters for person
   names and names inside organisation names;
3. context: "the X region/oblast/province" becomes one region mention, and
   demonyms ("Kazakhstani") become demonym mentions of their country.

The result is a tuple of unresolved :class:`~geomap.model.Mention` records.
"""

from __future__ import annotations

import dataclasses

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

#: words before a name that signal a place ("in X", "outside X", "city of X")
PLACE_CUES = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "to",
        "into",
        "from",
        "towards",
        "toward",
        "via",
        "through",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
    }
)

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

#: smallest population for a name the model labels as an organisation
MIN_POPULATION_ORG = 10_000
#: smallest population for a gazetteer-only match without NER support or a cue
MIN_POPULATION_UNSUPPORTED = 20_000

_LOWER_OK = frozenset({"of", "de", "del", "la", "le", "el", "al", "upon", "on", "and", "-"})


def _is_capitalised(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _tokens_by_sentence(doc: Document) -> list[list[Token]]:
    out: list[list[Token]] = [[] for _ in doc.sentences] or [[]]
    for tok in doc.tokens:
        out[tok.sent].append(tok)
    return out


def recognise(doc: Document, gazetteer: Gazetteer) -> Document:
    """Return ``doc`` with its place mentions found (not yet resolved)."""
    tokens = doc.tokens
    text = doc.text
    ent_of: list[tuple[int, int, str] | None] = [None] * len(tokens)
    for ent in doc.entities:
        for i in range(ent[0], ent[1]):
            ent_of[i] = ent
    taken = [False] * len(tokens)
    found: list[tuple[int, int, str, str]] = []  # (first token, end token, kind, source)

    def span_text(i: int, j: int) -> str:
        return text[tokens[i].start : tokens[j - 1].end]

    def claim(i: int, j: int, kind: str, source: str) -> None:
        for k in range(i, j):
            taken[k] = True
        found.append((i, j, kind, source))

    # 1. NER spans that name places, and demonyms.
    for start, end, label in doc.entities:
        i, j = start, end
        while i < j and tokens[i].text.lower() == "the":
            i += 1
        if i >= j:
            continue
        name = span_text(i, j)
        key = normalize_name(name)
        if label == "NORP" or (label == "GPE" and j - i == 1 and gazetteer.demonym(name)):
            if gazetteer.demonym(name) is not None:
                claim(i, j, "demonym", label)
            continue
        if label in ("GPE", "LOC"):
            claim(i, j, "place", label)
        elif label == "FAC" and gazetteer.has_key(key):
            claim(i, j, "place", label)

    # 2. Gazetteer matches over capitalised runs not already claimed.
    max_words = max(1, gazetteer.max_name_words)
    for sent_tokens in _tokens_by_sentence(doc):
        n = len(sent_tokens)
        k = 0
        while k < n:
            tok = sent_tokens[k]
            if taken[tok.i] or not _is_capitalised(tok):
                k += 1
                continue
            match_end = None
            # longest capitalised run starting here, up to max_words words
            limit = min(n, k + 3 * max_words)
            for m in range(limit, k, -1):
                last = sent_tokens[m - 1]
                if not _is_capitalised(last) or any(taken[t.i] for t in sent_tokens[k:m]):
                    continue
                inner = sent_tokens[k + 1 : m - 1]
                if any(not _is_capitalised(t) and t.text.lower() not in _LOWER_OK for t in inner):
                    continue
                if gazetteer.has_key(normalize_name(span_text(sent_tokens[k].i, last.i + 1))):
                    match_end = m
                    break
            if match_end is None:
                if gazetteer.demonym(tok.text) is not None and tok.pos in ("ADJ", "PROPN", "NOUN"):
                    claim(tok.i, tok.i + 1, "demonym", "GAZ")
                k += 1
                continue
            i, j = sent_tokens[k].i, sent_tokens[match_end - 1].i + 1
            if _accept_gazetteer_match(doc, gazetteer, i, j, ent_of, span_text(i, j)):
                claim(i, j, "place", "GAZ")
                k = match_end
            else:
                k += 1

    # 3. Region phrases: extend "X" to "the X region" when a region noun follows.
    mentions: list[Mention] = []
    for i, j, kind, source in sorted(found):
        name_i, name_j = i, j
        if kind == "place" and j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS:
            if tokens[j].sent == tokens[i].sent:
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
                start=tokens[name_i].start,
                end=tokens[name_j - 1].end,
                text=span_text(name_i, name_j),
                name=span_text(name_i, name_j),
                kind=kind,
                source=source,
                sent=tokens[name_i].sent,
            )
        )
    return dataclasses.replace(doc, mentions=tuple(mentions))


def _accept_gazetteer_match(
    doc: Document,
    gazetteer: Gazetteer,
    i: int,
    j: int,
    ent_of: list[tuple[int, int, str] | None],
    name: str,
) -> bool:
    """Decide whether a capitalised run that is a gazetteer name is a place here."""
    tokens = doc.tokens
    ents = {ent_of[k] for k in range(i, j)}
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
    places = gazetteer.lookup(name, limit=1)
    if not places:
        return False
    best = places[0]
    if name.isupper() and not best.is_area:
        return False  # acronyms ("TASS", "VKS") are codes, not town names
    if label in ("ORG", "NORP", "PRODUCT", "EVENT", "LAW"):
        # only when the whole entity (less "the") is the name, or the name follows "of"
        e_start, e_end = ent[0], ent[1]
        while e_start < e_end and tokens[e_start].text.lower() == "the":
            e_start += 1
        words = {tokens[k].text.lower() for k in range(ent[0], ent[1])}
        whole = (e_start, e_end) == (i, j)
        after_of = i > 0 and tokens[i - 1].text.lower() == "of" and j == e_end
        if words & _ORG_WORDS and not after_of:
            return False
        if not (whole or after_of):
            return False
        return best.is_area or best.population >= MIN_POPULATION_ORG
    # no entity: need a proper noun that is not just a capitalised sentence start
    first = tokens[i]
    is_proper = all(tokens[k].pos == "PROPN" or tokens[k].text in ("-", "of") for k in range(i, j))
    if not is_proper:
        return False
    cue = first.i > 0 and tokens[first.i - 1].text.lower() in PLACE_CUES
    region_after = j < len(tokens) and tokens[j].text.lower() in REGION_NOUNS
    return best.is_area or best.population >= MIN_POPULATION_UNSUPPORTED or cue or region_after
