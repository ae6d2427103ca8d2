"""One incident, one event: sentences and reports of one happening merged (real model, gazetteer).

The sentences are our own, written to have the shapes of the failures issue 16 lists.
"""

import datetime as dt
import warnings

import pytest

from geomap.join import events_frame
from geomap.model import Document


def events_of(pipeline, text, date="2023-03-14"):
    doc = pipeline.process_text(text, date=date)
    return doc, [(e, doc.mentions[e.mention].place.name) for e in doc.events]


# -- incidents, not sentences -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a police post in Quetta on Sunday. Nobody was injured in the assault.",
        "Bandits raided a market in Maiduguri on Friday. Four traders were killed.",
        "A car bomb exploded outside a hotel in Mogadishu on Monday. "
        "The blast left twelve people dead.",
    ],
)
def test_toll_and_aftermath_sentences_join_their_incident(pipeline, text):
    _, events = events_of(pipeline, text)
    assert len(events) == 1
    event = events[0][0]
    assert event.event_type != "Violence against civilians" or "raided" in event.trigger


def test_the_toll_sentence_is_evidence_and_its_dead_are_counted(pipeline):
    doc, events = events_of(
        pipeline, "Bandits raided a market in Maiduguri on Friday. Four traders were killed."
    )
    ((event, place),) = events
    assert place == "Maiduguri" and event.fatalities == 4
    assert [doc.text[a:b] for a, b in event.more_evidence] == ["Four traders were killed."]


def test_a_toll_told_twice_is_counted_once_and_an_added_toll_is_added(pipeline):
    _, same = events_of(
        pipeline, "Militants killed five soldiers near Gao on Monday. Five soldiers died."
    )
    assert [e.fatalities for e, _ in same] == [5]
    _, more = events_of(
        pipeline, "Gunmen killed two villagers near Jos on Monday. Three others were also killed."
    )
    assert [e.fatalities for e, _ in more] == [5]


def test_a_toll_at_another_town_is_an_event_of_its_own(pipeline):
    _, events = events_of(
        pipeline, "Gunmen killed two people in Kano on Monday. Three people were killed in Lagos."
    )
    assert sorted(place for _, place in events) == ["Kano", "Lagos"]


def test_a_toll_is_typed_by_what_took_the_lives(pipeline):
    _, events = events_of(pipeline, "Two policemen were killed in a bomb explosion in Quetta.")
    assert [(e.event_type, e.fatalities, e.actor2) for e, _ in events] == [
        ("Explosions/Remote violence", 2, "Police Forces of Pakistan")
    ]


# -- every place of a list, where it happened ---------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Protests also spread to Kumasi and Tamale, where crowds clashed with police.",
            {"Kumasi", "Tamale"},
        ),
        ("Authorities imposed a curfew on Lahore, Multan and Faisalabad.", None),
        ("Fierce fighting broke out in Kherson and Mykolaiv.", None),
        ("Students protested in Lyon and Nantes on Friday.", {"Lyon", "Nantes"}),
    ],
)
def test_every_place_of_a_coordinated_list_gets_its_event(pipeline, text, places):
    _, events = events_of(pipeline, text)
    got = {place for _, place in events}
    if places is None:
        assert len(got) == len(events) >= 2 and len(got) in (2, 3)
    else:
        assert got == places


def test_each_clause_keeps_its_own_place(pipeline):
    _, events = events_of(
        pipeline, "There was fighting in the outskirts of Bamako and shooting in Kayes."
    )
    by_trigger = {e.trigger: place for e, place in events}
    assert by_trigger == {"fighting": "Bamako", "shooting": "Kayes"}


def test_a_coordinated_act_elsewhere_is_an_event_there(pipeline):
    _, events = events_of(
        pipeline, "Truckers blocked highways near Ottawa and dumped tyres in Toronto."
    )
    assert sorted((e.event_type, place) for e, place in events) == [
        ("Protests", "Ottawa"),
        ("Protests", "Toronto"),
    ]
    assert {e.actor1 for e, _ in events} == {"Protesters (Canada)"}


def test_an_institution_word_is_no_town(pipeline):
    _, events = events_of(
        pipeline, "Hundreds of demonstrators marched towards Parliament in Nairobi."
    )
    assert [place for _, place in events] == ["Nairobi"]


# -- actors are actors --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("Gunmen shot dead two farmers near Jos.", "Unidentified Armed Group (Nigeria)",
         "Civilians (Nigeria)"),
        ("Thousands of students marched in Santiago on Thursday.", "Protesters (Chile)", None),
        ("About 12 police officers were killed in Kismayo.", None, "Police Forces of Somalia"),
        ("Rebels ransacked the offices of three radio stations in Bangui.",
         "Unidentified Armed Group (Central African Republic)", None),
        ("Four Kenyan soldiers died in an al-Shabaab attack in Mandera.", "al-Shabaab",
         "Military Forces of Kenya"),
    ],
)  # fmt: skip
def test_actors_are_groups_and_forces_never_objects_or_places(pipeline, text, actor1, actor2):
    _, events = events_of(pipeline, text)
    assert len(events) == 1
    event = events[0][0]
    assert (event.actor1, event.actor2) == (actor1, actor2)


# -- types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen fired on an army post near Kidal.", ("Battles", "Armed clash")),
        ("Insurgents fired on a police checkpoint in Lakki Marwat.", ("Battles", "Armed clash")),
        ("Gunmen attacked a bus carrying villagers near Maiduguri.",
         ("Violence against civilians", "Attack")),
        ("A driver rammed his truck into shoppers in Stockholm.",
         ("Violence against civilians", "Attack")),
        ("Army troops entered the town of Menaka.", ("Battles", "Government regains territory")),
        ("The government declared martial law in Bangkok.", ("Strategic developments", "Other")),
        ("Artillery shells hit Kharkiv, killing at least 9 civilians.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("Youths burned cars and attacked police stations in Lyon.",
         ("Riots", "Violent demonstration")),
        ("Rebels fired rockets at Goma.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ],
)  # fmt: skip
def test_the_type_follows_who_did_what_to_whom(pipeline, text, kind):
    _, events = events_of(pipeline, text)
    assert [(e.event_type, e.sub_event_type) for e, _ in events] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "The club fired its coach in Madrid.",
        "Soldiers fired into the air in Bamako.",
        "Visitors entered the museum in Paris.",
        "Police blocked the road near Lyon.",
    ],
)
def test_words_of_attack_and_protest_need_their_arguments(pipeline, text):
    _, events = events_of(pipeline, text)
    assert events == []


def test_a_storming_and_the_arrests_after_it(pipeline):
    _, events = events_of(
        pipeline, "Protesters tried to storm the parliament in Tbilisi. Police detained 20 people."
    )
    kinds = sorted((e.event_type, e.actor1) for e, _ in events)
    assert kinds == [
        ("Riots", "Rioters (Georgia)"),
        ("Strategic developments", "Police Forces of Georgia"),
    ]


# -- across articles ----------------------------------------------------------------

A = "Gunmen killed four villagers near Maiduguri on Monday."
B = "Four villagers were killed by gunmen near Maiduguri on Monday, officials said."


def test_reports_of_one_incident_merge_and_keep_every_source(pipeline):
    docs = [
        Document(doc_id="wire-1", text=A, date=dt.date(2023, 3, 14), origin="a.jsonl:1"),
        Document(doc_id="paper-7", text=B, date=dt.date(2023, 3, 15), origin="b.jsonl:4"),
    ]
    processed = list(pipeline.process(docs))
    merged = events_frame(processed)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["n_sources"] == 2 and row["sources"] == "wire-1; paper-7"
    assert A in row["notes"] and B in row["notes"]
    apart = events_frame(processed, merge=False)
    assert len(apart) == 2 and set(apart["n_sources"]) == {1}


def test_reports_a_fortnight_apart_are_two_incidents(pipeline):
    docs = [
        Document(doc_id="d1", text=A, date=dt.date(2023, 3, 14)),
        Document(doc_id="d2", text=A, date=dt.date(2023, 3, 30)),
    ]
    assert len(events_frame(pipeline.process(docs))) == 2


def test_a_document_id_read_twice_is_reported_never_doubled(pipeline):
    same = [
        Document(doc_id="x", text=A, date=dt.date(2023, 3, 14), origin="one.jsonl:1"),
        Document(doc_id="x", text=A, date=dt.date(2023, 3, 14), origin="two.jsonl:9"),
    ]
    with pytest.warns(UserWarning, match=r"one\.jsonl:1 and two\.jsonl:9"):
        frame = events_frame(pipeline.process(same))
    assert len(frame) == 1 and frame.iloc[0]["n_sources"] == 1
    other = [
        Document(doc_id="x", text=A, date=dt.date(2023, 3, 14), origin="one.jsonl:1"),
        Document(doc_id="x", text=B, date=dt.date(2023, 3, 14), origin="two.jsonl:9"),
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = events_frame(pipeline.process(other), merge=False)
    assert any("renamed 'x@two.jsonl:9'" in str(w.message) for w in caught)
    assert sorted(frame["doc_id"]) == ["x", "x@two.jsonl:9"]
