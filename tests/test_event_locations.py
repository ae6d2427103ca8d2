"""The sentence-level event-location linker on invented sentences (real model, gazetteer).

Each test pins one rule of :mod:`geomap.events.locate`: unlisted place names in a
place slot, places in a subordinate clause, the larger area that frames a place,
the source of a report, lists, borders, the post of the subject, coordinated verbs,
and the name span the evaluator scores.
"""

import pytest

from geomap.evaluate.events import name_span


def linked(pipeline, text, trigger, *, resolved_only=False):
    from geomap.events import link_trigger
    from geomap.events.locate import Locator

    doc = pipeline.process_text(text, date="2022-01-05")
    locator = Locator(doc)
    start = text.index(trigger)
    links = link_trigger(
        doc, start, start + len(trigger), resolved_only=resolved_only, locator=locator
    )
    return [locator.mentions[link.mention].text for link in links]


def test_a_village_the_gazetteer_does_not_know_is_the_place_after_the_village_of(pipeline):
    text = "Gunmen killed three farmers in the village of Qarat Zubeirah on Monday."
    assert linked(pipeline, text, "killed") == ["Qarat Zubeirah"]
    # such a name has no coordinates: the event table (resolved places only) skips it
    assert linked(pipeline, text, "killed", resolved_only=True) == []


def test_the_larger_area_after_a_place_gives_way_to_it(pipeline):
    text = "A car bomb killed four people in Karradat Zubeir, central Baghdad."
    assert linked(pipeline, text, "killed") == ["Karradat Zubeir"]


def test_a_place_in_a_when_clause_places_the_event(pipeline):
    text = "Two soldiers were killed when militants attacked a checkpoint in Kandahar."
    assert linked(pipeline, text, "killed") == ["Kandahar"]


def test_a_clause_of_another_time_does_not_place_the_event(pipeline):
    text = "Police captured two suspects before rebels attacked Mosul."
    assert linked(pipeline, text, "captured") == []


def test_the_source_of_a_report_is_not_the_place(pipeline):
    text = "Ten people were killed, according to officials in Kabul."
    assert linked(pipeline, text, "killed") == []


def test_a_country_owning_the_place_noun_after_in_is_the_place(pipeline):
    text = "Dozens of people were killed in Syria's civil war last year."
    assert linked(pipeline, text, "killed") == ["Syria"]


@pytest.mark.parametrize(
    ("mention", "name"),
    [("the Aleppo province", "Aleppo"), ("Kandahar district", "Kandahar"), ("Homs", "Homs")],
)
def test_the_scored_span_is_the_place_name(mention, name):
    text = f"x {mention} y"
    a, b = name_span(text, 2, 2 + len(mention))
    assert text[a:b] == name


def test_the_town_is_kept_over_the_province_that_frames_the_sentence(pipeline):
    text = "In the province of Idlib, gunmen shelled the town of Saraqib on Monday."
    assert linked(pipeline, text, "shelled") == ["Saraqib"]


def test_all_members_of_a_list_of_settlements_are_linked(pipeline):
    text = "Rebels shelled the villages of Kafr Zeita, Morek and Latamneh."
    assert linked(pipeline, text, "shelled") == ["Kafr Zeita", "Morek", "Latamneh"]


def test_a_verb_with_its_own_subject_does_not_share_the_place(pipeline):
    text = "Pedro was captured last year and his brother was killed in Venezuela."
    assert linked(pipeline, text, "captured") == []


def test_an_event_told_as_earlier_does_not_place_this_one(pipeline):
    text = "Police patrolled the streets on Friday following an attack in Gaza."
    assert linked(pipeline, text, "patrolled") == []


def test_a_relative_clause_of_an_event_noun_places_the_event(pipeline):
    text = "Twelve fighters were killed in the clashes that broke out in Tel Hamis."
    assert linked(pipeline, text, "killed") == ["Tel Hamis"]


def test_a_participle_of_outcome_happened_where_its_verb_did(pipeline):
    text = "A suicide bomber blew himself up at a market in Kirkuk, killing six people."
    assert linked(pipeline, text, "killing") == ["Kirkuk"]


def test_the_object_of_the_verb_of_a_when_clause_places_the_event(pipeline):
    text = "Two soldiers were killed when rebels overran Kandahar."
    assert linked(pipeline, text, "killed") == ["Kandahar"]


def test_what_the_victims_were_trying_to_do_places_the_event(pipeline):
    tried = "Soldiers killed five smugglers who tried to reach the city of Mosul."
    assert linked(pipeline, tried, "killed") == ["Mosul"]
    wanted = "Soldiers killed five smugglers who wanted to see the city of Mosul."
    assert linked(pipeline, wanted, "killed") == []


def test_what_the_agent_was_doing_places_the_event(pipeline):
    text = "The mayor was shot by gunmen who were hiding near his house in Pattani."
    assert linked(pipeline, text, "shot") == ["Pattani"]


def test_every_list_named_by_a_plural_place_noun_is_linked(pipeline):
    text = (
        "Rebels shelled the villages of Kafr Zeita and Morek, and the districts of "
        "Salah al-Din and Bustan al-Qasr."
    )
    assert linked(pipeline, text, "shelled") == [
        "Kafr Zeita",
        "Morek",
        "Salah al-Din",
        "Bustan al-Qasr",
    ]


def test_parallel_phrases_are_one_list_and_keep_their_provinces(pipeline):
    text = (
        "Army positions were shelled 12 times: in Aleppo - 5 times; in Hama province - "
        "4 times; in Idlib province - 3 times."
    )
    assert sorted(linked(pipeline, text, "shelled")) == [
        "Aleppo",
        "Hama province",
        "Idlib province",
    ]


def test_a_border_named_by_its_two_sides_is_a_place(pipeline):
    text = "Hundreds of anarchists demonstrated at the Greek-Macedonian border on Sunday."
    assert linked(pipeline, text, "demonstrated") == ["Greek-Macedonian border"]
    # it has no coordinates: the events table never links it
    assert linked(pipeline, text, "demonstrated", resolved_only=True) == []


def test_the_object_of_an_attack_on_is_a_place(pipeline):
    text = "Ten people were killed in the attack on Tell Qarmuz."
    assert linked(pipeline, text, "killed") == ["Tell Qarmuz"]


def test_a_name_split_by_a_double_space_or_a_modifier_is_whole(pipeline):
    text = "Four guards were killed at the checkpoint near the Baghdad International  Airport."
    assert linked(pipeline, text, "killed") == ["Baghdad International  Airport"]


def test_a_lone_capitalised_place_noun_is_no_name(pipeline):
    text = "A car bomb destroyed the Israeli Embassy in Buenos Aires in 1992."
    assert linked(pipeline, text, "destroyed") == ["Buenos Aires"]


def test_a_coordinated_verb_that_is_no_part_of_the_event_lends_no_place(pipeline):
    appeared = "He was captured and appeared before a judge in Madrid."
    assert linked(pipeline, appeared, "captured") == []
    executed = "He was captured and executed by rebels in Madrid."
    assert linked(pipeline, executed, "captured") == ["Madrid"]


def test_the_post_of_the_subject_is_not_the_place(pipeline):
    post = "Ahmed Saleh, the rebel commander in Mosul, was killed alongside his guards."
    assert linked(pipeline, post, "killed") == []
    # unless the clause points back at it
    back = (
        "Ahmed Saleh, the rebel commander in Mosul, was killed when his car was hit "
        "west of the city."
    )
    assert linked(pipeline, back, "killed") == ["Mosul"]


def test_the_owner_of_the_object_acted_on_is_the_place(pipeline):
    text = "Gunmen attacked Nigeria's oil installations on Monday."
    assert linked(pipeline, text, "attacked") == ["Nigeria"]


def test_the_place_attached_closer_to_the_event_ranks_first(pipeline):
    text = (
        "Gunmen shot a policeman on Tuesday in New York due to growing anxiety over the "
        "situation in the Middle East."
    )
    assert linked(pipeline, text, "shot") == ["New York"]


def test_a_participle_adjective_is_no_clause_between_a_place_and_what_follows(pipeline):
    text = (
        "Early on Friday, two gunmen attacked an army post north of Baiji in captured "
        "Humvees loaded with rockets."
    )
    assert linked(pipeline, text, "attacked") == ["Baiji"]


def test_a_second_participle_of_outcome_happened_where_the_first_did(pipeline):
    text = "A car bomb exploded near a market in Kirkuk, killing four people and wounding nine."
    assert linked(pipeline, text, "wounding") == ["Kirkuk"]


def test_a_participle_of_outcome_after_a_clause_of_time_belongs_to_the_main_verb(pipeline):
    text = (
        "Gunmen raided the town of Dikwa as traders were opening their shops, killing nine people."
    )
    assert linked(pipeline, text, "killing") == ["Dikwa"]


def test_places_of_the_parts_of_one_toll_are_a_list(pipeline):
    text = "Gunmen killed five people, three in Ramadi and two in Fallujah."
    assert linked(pipeline, text, "killed") == ["Ramadi", "Fallujah"]


def test_the_shipped_linker_model_loads_and_checks_the_rules(pipeline):
    from geomap.events import link_trigger
    from geomap.events.linker import feature_names, load_model
    from geomap.events.locate import Locator

    model = load_model()
    assert model is not None and model["features"] == feature_names()
    assert len(model["weights"]) == len(feature_names()) and 0 < model["drop"] < model["add"] < 1
    text = "Rebels shelled Goma on Monday, residents in Kinshasa said."
    doc = pipeline.process_text(text, date="2023-03-14")
    start = text.index("shelled")
    locator = Locator(doc)
    rules = link_trigger(doc, start, start + 7, locator=locator)
    assert [locator.mentions[x.mention].text for x in rules] == ["Goma"]
    # the model keeps the rules' sure place first (it may add others it believes in)
    learned = link_trigger(doc, start, start + 7, locator=locator, learned=True)
    assert locator.mentions[learned[0].mention].text == "Goma"
