"""Toponym recognition: find the places a document names, with or without the NER's help.

Sources, on the plain tokens of the NLP stage:

1. the NER's GPE/LOC spans (trimmed to the name and widened to the gazetteer name
   they are part of), and FAC spans that are gazetteer names;
2. a gazetteer matcher over capitalised runs, which also finds places the model
   labels ORG or PERSON or misses ("Alma-Ata", "Aktobe") when the text supports
   them: a place cue ("in X", "the village of X", "X, Kenya"), a resident noun
   ("a Winona man"), the same name as a place elsewhere in the document;
3. lists: names joined to a place by a comma, "and" or "or", or before a plural area
   noun ("Barrow and Jackson counties");
4. context: "the X region/oblast/province" becomes one region mention, and
   demonyms ("Kazakhstani") become demonym mentions of their country;
5. short forms: US state abbreviations after a place ("Gainesville, Ga.",
   "Modesto, CA"), postal codes the model calls places, continents ("Africa"), and
   hashtags and the words inside them ("#Ferguson", "#SierraLeone", "#PrayForGaza").

Filters drop person names (a word the NER uses in a person's name elsewhere in
the document, or after a title: "coach Ripley", "Michael Jordan"), capitalised
common words that happen to be gazetteer aliases ("Education", "Police"),
acronyms ("AP", "RT"), religious or ethnic adjectives that are no nationality
("Jewish"), names inside organisation names that are not places ("Paris
Saint-Germain"), institutions named like towns ("the White House"), car makes after
a year ("a 1992 Toyota"), holidays, user names and links.

Kinds: ``"place"`` (a name), ``"region"`` ("the X region"), ``"demonym"`` ("Kazakhstani")
and ``"modifier"``: a place name that only qualifies an organisation ("the *Texas*
Department of Health", "*Oxford* Police", "the *U.S.* House"). Modifiers are resolved
like places but do not say where something happened; corpora differ on whether
they count as toponyms (LGL annotates them).

The result is a tuple of unresolved :class:`~geomap.model.Mention` records.
"""

from __future__ import annotations

from geomap.gazetteer.base import Gazetteer
from geomap.model import Document
from geomap.toponyms.abbreviations import TWO_WORD_STATES, us_state_code
from geomap.toponyms.areas import area_mentions
from geomap.toponyms.lists import ListsPass
from geomap.toponyms.marked import MarkedPass
from geomap.toponyms.ner import NerPass
from geomap.toponyms.runs import RunsPass
from geomap.toponyms.tweets import TweetsPass
from geomap.toponyms.vocabulary import REGION_NOUNS, SPATIAL_PREPOSITIONS

__all__ = ["REGION_NOUNS", "SPATIAL_PREPOSITIONS", "TWO_WORD_STATES", "recognise", "us_state_code"]


class _Recogniser(NerPass, RunsPass, MarkedPass, ListsPass, TweetsPass):
    """One recognition run: the passes over one document's shared state."""


def recognise(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    assumed: list[tuple[int, frozenset[str], bool]] | None = None,
) -> Document:
    """Return ``doc`` with its place mentions found (not yet resolved).

    Where a test needs the POS of an untagged token (empty ``pos``), a demonym
    counts as an adjective and a capitalised word that does not start its
    sentence as a proper noun. Each such answer is appended to ``assumed`` when it
    is given, as ``(token index, POS tags, answer)``, so the caller may tag those
    tokens and recognise again where an answer does not hold. The answer holds
    when the token's POS turns out to be (or not to be) one of the tags. When
    every one holds once the tokens are tagged, recognising again
    gives the same mentions (recognition reads POS nowhere else).
    """
    finder = _Recogniser(doc, gazetteer, assumed)
    finder.ner()
    finder.gazetteer_runs()
    finder.marked_names()
    finder.lists()
    finder.hashtags()
    return area_mentions(finder, doc)
