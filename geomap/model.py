"""The one data model that flows through geomap's text stages.

A :class:`Document` enters as text with a date and leaves enriched with its
:class:`Token` s, :class:`Mention` s (each resolved to a :class:`Place` or to no
match) and :class:`Event` s. All records are small frozen dataclasses that carry
character offsets into ``Document.text``; each stage returns a new document with
``dataclasses.replace``. Nothing here depends on spaCy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Feature classes of GeoNames that geomap uses.
#: populated place (city, town, village)
FEATURE_CITY = "P"
#: administrative area (country, first-order region, ...)
FEATURE_AREA = "A"


@dataclass(frozen=True, slots=True)
class Place:
    """A real place from the gazetteer.

    Parameters
    ----------
    geonameid
        GeoNames id, or ``None`` for a place from a source without one.
    name
        The place's preferred name ("Almaty").
    latitude, longitude
        WGS84 coordinates of the place, or of an area's representative point.
    country_code
        ISO 3166-1 alpha-2 code ("KZ"); empty for places outside any country.
    feature_class, feature_code
        GeoNames feature class ("P" populated place, "A" area, "S" spot such
        as an airport, "L" a region of :mod:`geomap.regions`) and code
        ("PPLA", "PPLC", "ADM1", "PCLI", "AIRP", ...).
    population
        Population as GeoNames gives it (0 when unknown).
    admin1_code
        GeoNames first-order code ("02" for Almaty city); empty when unknown.
    admin1
        Name of the first-order region the place lies in, or is.
    country
        Country name ("Kazakhstan").
    source
        Where the place comes from when not from GeoNames ("own places:
        camps.csv"); empty for GeoNames places.

    """

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    feature_class: str
    feature_code: str
    population: int = 0
    admin1_code: str = ""
    admin1: str | None = None
    country: str = ""
    source: str = ""

    @property
    def is_area(self) -> bool:
        """Whether the place is a country or region rather than a settlement."""
        return self.feature_class == FEATURE_AREA


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the analysed text, as plain data (spaCy stays in ``geomap.nlp``).

    ``head`` is the index of the syntactic head within ``Document.tokens`` (the
    token itself for a root); ``dep`` is empty where the parser did not run.

    The tagger runs only where it is read (:class:`geomap.nlp.Analyser`): on the
    parsed sentences (those that may hold an event trigger or a list of places)
    and on the words whose POS toponym recognition asks for. An untagged token
    has an empty ``pos`` and ``tag`` and its lower-case text as ``lemma``; a token
    tagged but not parsed has its ``pos`` and ``tag``, and still that ``lemma``.
    Tokens of parsed sentences have all of them, as spaCy's whole pipeline sets them.
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in the text, and what it resolved to.

    Parameters
    ----------
    start, end
        Character offsets of the mention in the document (end exclusive).
    text
        The mention as written ("Alma-Ata", "the Aktobe region").
    name
        The name looked up in the gazetteer ("Alma-Ata", "Aktobe").
    kind
        ``"place"`` for a name, ``"region"`` for "the X region/oblast/province",
        ``"demonym"`` for an adjective of nationality ("Kazakhstani").
    source
        What found it: the NER label ("GPE", "LOC", "ORG", ...) or ``"GAZ"``.
    sent
        Index of the sentence that holds it.
    place
        The resolved place, or ``None`` for "no match".
    score
        Confidence of the resolution in [0, 1].
    why
        Short explanation of the resolution (which evidence won).

    """

    start: int
    end: int
    text: str
    name: str
    kind: str
    source: str
    sent: int
    place: Place | None = None
    score: float = 0.0
    why: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One happening the text reports, with where and when.

    Offsets are characters in the document. ``mention`` is the index in
    ``Document.mentions`` of the place where the event happened, or ``None``.
    """

    event_type: str
    sub_event_type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    evidence_start: int
    evidence_end: int
    sent: int
    event_date: dt.date | None = None
    time_precision: int = 1
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    mention: int | None = None
    geo_precision: int = 1
    confidence: float = 0.5
    #: further (start, end) evidence spans merged into this event
    more_evidence: tuple[tuple[int, int], ...] = ()
    location_why: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A news document and everything the stages found in it.

    Parameters
    ----------
    doc_id
        File name or the ``id`` of a JSONL/CSV row.
    text
        The body text (without the dateline).
    date
        The document's date, or ``None`` when the input has none.
    source
        Publisher or file path, when known.
    origin
        Where the document was read from ("data/a.txt", "corpus.jsonl:12").
    title
        The headline, when the input gives one (a web page's title, a ``title`` field).
    url
        The article's address, when known (a web page's canonical URL, a ``url`` field).
    published
        When it was published, as a UTC :class:`datetime.datetime`, when the input
        gives a time with a UTC offset; ``date`` is then the date as written.
    lang
        Language code, from the input's ``lang`` field or detected by the pipeline
        (:func:`geomap.nlp.russian.detect_language`).

    """

    doc_id: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    origin: str = ""
    title: str | None = None
    url: str | None = None
    published: dt.datetime | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    tokens: tuple[Token, ...] = ()
    #: named entities of the NER model as (first token, end token, label)
    entities: tuple[tuple[int, int, str], ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    #: problems found while reading or processing that did not stop the document
    warnings: tuple[str, ...] = field(default=())
    #: language code ("en", "ru", "kk"); empty until given by the input or detected
    lang: str = ""

    def sentence_text(self, index: int) -> str:
        """Return the text of sentence ``index``."""
        start, end = self.sentences[index]
        return self.text[start:end]
