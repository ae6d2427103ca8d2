"""Event extraction on small texts of our own (real spaCy model, real gazetteer)."""

import datetime as dt

import pytest


def events_of(pipeline, text, date="2022-01-05"):
    doc = pipeline.process_text(text, date=date)
    return doc, [(e, doc.mentions[e.mention]) for e in doc.events]


@pytest.mark.parametrize(
    "text",
    [
        "No protests were reported in Astana on Tuesday.",
        "Activists planned to hold a rally in Almaty next week.",
        "The government did not impose a curfew in Shymkent.",
        "If protesters storm the building, troops will open fire.",
    ],
)
def test_negated_planned_and_hypothetical_happenings_are_not_events(pipeline, text):
    _, events = events_of(pipeline, text)
    assert events == []


def test_weekday_is_read_against_the_document_date(pipeline):
    # 2022-01-05 is a Wednesday, so "on Tuesday" is 2022-01-04
    _, events = events_of(pipeline, "Protesters rallied in Almaty on Tuesday.")
    (event, mention) = events[0]
    assert len(events) == 1
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")
    assert event.event_date == dt.date(2022, 1, 4) and event.time_precision == 1
    assert mention.place.name == "Almaty" and mention.place.country_code == "KZ"
    assert event.geo_precision == 1
    assert event.actor1 == "Protesters (Kazakhstan)"


def test_one_happening_told_in_two_sentences_is_one_event_with_both_evidences(pipeline):
    doc, events = events_of(
        pipeline,
        "Thousands of protesters rallied in Almaty on Tuesday. "
        "The rally in Almaty was the largest in years.",
    )
    assert len(events) == 1
    event = events[0][0]
    assert len(event.more_evidence) == 1
    start, end = event.more_evidence[0]
    assert doc.text[start:end].startswith("The rally in Almaty")


def test_source_of_a_report_is_not_the_event_location(pipeline):
    _, events = events_of(
        pipeline, "Traders in London said the clashes in Taldykorgan worried markets."
    )
    assert [m.place.name for _, m in events] == ["Taldykorgan"]


def test_fatalities_and_excessive_force_against_protesters(pipeline):
    _, events = events_of(
        pipeline, "Police opened fire on protesters in Aktobe, killing at least 23 people."
    )
    assert len(events) == 1
    event, mention = events[0]
    assert event.event_type == "Protests"
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.fatalities == 23
    assert event.actor1 == "Police Forces of Kazakhstan"
    assert mention.place.name == "Aktobe"


def test_airstrike_with_qualified_place_and_toll(pipeline):
    _, events = events_of(
        pipeline, "An airstrike hit a market in Idlib, Syria, on Monday, killing 12 civilians."
    )
    assert len(events) == 1
    event, mention = events[0]
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert event.event_date == dt.date(2022, 1, 3)
    assert event.fatalities == 12
    assert mention.place.country_code == "SY" and not mention.place.is_area


def test_vicinity_gives_geo_precision_2(pipeline):
    _, events = events_of(
        pipeline, "A roadside bomb exploded outside Kandahar, Afghanistan, killing three soldiers."
    )
    event, mention = events[0]
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert mention.place.country_code == "AF"
    assert event.geo_precision == 2
    assert event.fatalities == 3


def test_members_of_a_list_are_not_event_locations(pipeline):
    _, events = events_of(
        pipeline,
        "The CSTO, which includes Russia, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan and Armenia, "
        "sent peacekeepers to Kazakhstan.",
        date="2022-01-08",
    )
    assert [m.place.country_code for _, m in events] == ["KZ"]
    assert events[0][0].event_type == "Strategic developments"
    assert events[0][0].geo_precision == 3


def test_anaphora_the_city_inherits_the_place_named_before(pipeline):
    _, events = events_of(
        pipeline,
        "The situation was tense in Taldykorgan. Rioters set fire to shops in the city.",
    )
    assert [(e.event_type, m.place.name) for e, m in events] == [("Riots", "Taldykorgan")]


def test_document_without_date_keeps_events_but_no_invented_date(pipeline):
    doc = pipeline.process_text("Protesters rallied in Almaty.", date=None)
    assert len(doc.events) == 1
    assert doc.events[0].event_date is None


# -- the sentence-level linker shared with `geomap evaluate event-locations` -----------


def linked(pipeline, text, trigger, *, resolved_only=True):
    from geomap.events import link_trigger

    doc = pipeline.process_text(text, date="2022-01-05")
    start = text.index(trigger)
    links = link_trigger(doc, start, start + len(trigger), resolved_only=resolved_only)
    return [doc.mentions[link.mention].text for link in links]


def test_the_actor_is_not_the_place_but_the_captured_town_is(pipeline):
    assert linked(pipeline, "Russia captured Bakhmut after months of fighting.", "captured") == [
        "Bakhmut"
    ]


def test_coordinated_places_are_all_linked(pipeline):
    text = "Protesters marched in Almaty and Shymkent on Tuesday."
    assert linked(pipeline, text, "marched") == ["Almaty", "Shymkent"]


def test_country_modifying_the_weapon_or_the_actor_is_no_place(pipeline):
    assert linked(pipeline, "A U.S. airstrike killed ten militants.", "killed") == []
    assert linked(pipeline, "Mexico's army captured a cartel leader.", "captured") == []


def test_protesting_against_a_country_does_not_place_the_protest_there(pipeline):
    assert linked(pipeline, "Demonstrators protested against Libya.", "protested") == []


def test_a_coordinated_verb_shares_the_place_of_its_clause(pipeline):
    text = "Soldiers shot dead two men and wounded five in the nearby city of Fallujah."
    assert linked(pipeline, text, "shot") == ["Fallujah"]


# -- event types of short texts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Security forces defused a roadside bomb near the market.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        (
            "Rebels seized the town of Kafr Nabl after heavy fighting.",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            "Government troops recaptured the village from the militants.",
            ("Battles", "Government regains territory"),
        ),
        (
            "A suicide bomber blew himself up at a mosque.",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        ("Two women were raped by armed men.", ("Violence against civilians", "Sexual violence")),
        ("The two factions signed a ceasefire agreement.", ("Strategic developments", "Agreement")),
        (
            "The commander defected to the opposition with his men.",
            ("Strategic developments", "Change to group/activity"),
        ),
        ("Villagers lynched a suspected thief.", ("Riots", "Mob violence")),
    ],
)
def test_snippet_type_reads_acled_sub_event_types(pipeline, text, expected):
    from geomap.events import snippet_type

    assert snippet_type(pipeline.process_text(text)) == expected


def test_snippet_type_falls_back_to_a_filtered_trigger_and_none_without_any(pipeline):
    from geomap.events import snippet_type, type_candidates

    planned = pipeline.process_text("Activists planned to hold a rally next week.")
    assert [c[1] for c in type_candidates(planned)] == [False]
    assert snippet_type(planned) == ("Protests", "Peaceful protest")
    assert snippet_type(pipeline.process_text("The weather was mild on Sunday.")) is None


def test_a_place_that_only_names_an_organisation_is_not_the_event_place(pipeline):
    _, events = events_of(
        pipeline, "The Texas Department of Health said protesters rallied in Almaty on Tuesday."
    )
    assert [m.place.name for _, m in events] == ["Almaty"]
