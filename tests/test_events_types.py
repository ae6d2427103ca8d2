"""ACLED event and sub-event types of short texts of our own (real spaCy model, real gazetteer).

Each sentence is invented to show one rule of the ACLED codebook that the typing follows:
the weapon decides remote violence, the victims decide between a battle and violence
against civilians, the actor's side decides who took territory, the protesters' or the
police's violence decides the protest sub-type, and so on.
"""

import pytest

from geomap.events import snippet_type
from geomap.events.lexicon import may_trigger

SD = "Strategic developments"
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons found, seized or cleared are disrupted, not used
        (
            "Police seized six rifles and 300 rounds of ammunition in a raid on a farmhouse.",
            (SD, "Disrupted weapons use"),
        ),
        (
            "Soldiers found a cache of grenades and mortar shells near the village.",
            (SD, "Disrupted weapons use"),
        ),
        (
            "Two explosive devices were discovered under a bridge on the main road.",
            (SD, "Disrupted weapons use"),
        ),
        # bases and posts set up; armed groups reinforced, mobilised, deployed
        (
            "The army has set up two new observation posts near the border.",
            (SD, "Headquarters or base established"),
        ),
        (
            "The militia mobilised hundreds of fighters and reinforced its positions.",
            (SD, "Change to group/activity"),
        ),
        (
            "The government deployed troops to the northern province.",
            (SD, "Change to group/activity"),
        ),
        # agreements between armed actors: surrenders and prisoner exchanges
        ("Forty rebel fighters surrendered to the army on Monday.", (SD, "Agreement")),
        ("The two sides exchanged prisoners near the front line.", (SD, "Agreement")),
        # territory: the actor's side decides; no fight makes it a non-violent transfer
        (
            "Government forces took control of the town after two days of heavy fighting.",
            (BATTLES, "Government regains territory"),
        ),
        (
            "Rebel fighters took control of the town after two days of heavy fighting.",
            (BATTLES, "Non-state actor overtakes territory"),
        ),
        (
            "The militants were pushed out of the village by the army.",
            (BATTLES, "Government regains territory"),
        ),
        (
            "Rebels took over the town without resistance after the army pulled out.",
            (SD, "Non-violent transfer of territory"),
        ),
        # attacks: civilians or armed forces as victims
        (
            "Gunmen opened fire on a bus carrying pilgrims, killing five passengers.",
            (VAC, "Attack"),
        ),
        (
            "Militants attacked an army checkpoint, killing three soldiers.",
            (BATTLES, "Armed clash"),
        ),
        # the weapon decides remote violence
        (
            "Dozens of residents were treated after a chemical attack on the town.",
            (EXPLOSIONS, "Chemical weapon"),
        ),
        (
            "Two shopkeepers were wounded in a grenade attack on the market.",
            (EXPLOSIONS, "Grenade"),
        ),
        (
            "Two militants detonated explosives, killing themselves near the checkpoint.",
            (EXPLOSIONS, "Suicide bomb"),
        ),
        (
            "Warplanes struck a hospital, killing 12 civilians and wounding dozens of patients.",
            (EXPLOSIONS, "Air/drone strike"),
        ),
        (
            "A helicopter dropped a barrel bomb filled with chlorine gas on the village.",
            (EXPLOSIONS, "Chemical weapon"),
        ),
        # protests: who was violent
        (
            "Protesters threw stones at police during a rally in the capital.",
            ("Riots", "Violent demonstration"),
        ),
        (
            "Police fired tear gas to disperse a peaceful rally in the capital.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Security forces violently dispersed a peaceful protest in the capital.",
            ("Protests", "Excessive force against protesters"),
        ),
        (
            "Police detained 40 people during a protest against the new law.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Thousands of people marched against corruption in the capital.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "Lawyers marched through the capital to protest against police violence.",
            ("Protests", "Peaceful protest"),
        ),
        # withdrawals, captures, displacement, posts
        (
            "Government troops withdrew from the border town on Monday.",
            (SD, "Non-violent transfer of territory"),
        ),
        ("The militia withdrew its fighters to the north.", (SD, "Change to group/activity")),
        ("Soldiers captured a senior rebel commander near the border.", (SD, "Arrests")),
        (
            "Thousands of villagers fled their homes because of the attacks.",
            (SD, "Other"),
        ),
        (
            "Troops set up a new checkpoint on the highway.",
            (SD, "Headquarters or base established"),
        ),
        (
            "A grenade exploded near a police station, injuring two officers.",
            (EXPLOSIONS, "Grenade"),
        ),
        # mobs and property
        ("Angry villagers beat two suspected thieves to death.", ("Riots", "Mob violence")),
        (
            "Unknown men torched three cars outside the mayor's house.",
            (SD, "Looting/property destruction"),
        ),
    ],
)
def test_snippet_type_follows_the_acled_codebook(pipeline, text, expected):
    assert snippet_type(pipeline.process_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The budget talks ended on Friday without a result.",
        "He bought a gun last year and kept it at home.",
        "The airline moved its base to a new airport.",
        "The company released its annual report.",
        "He could not withdraw money from the bank.",
    ],
)
def test_words_that_need_a_context_are_no_event_without_it(pipeline, text):
    doc = pipeline.process_text(text)
    assert snippet_type(doc) is None
    lemmas = [t.lemma.lower() for t in doc.tokens]
    texts = [t.text.lower() for t in doc.tokens]
    assert not may_trigger(lemmas, texts)  # and the sentence need not be parsed


def test_seized_weapons_are_an_event_at_their_place(pipeline):
    doc = pipeline.process_text("Police seized 20 rifles in Almaty on Tuesday.", date="2022-01-05")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [(SD, "Disrupted weapons use")]
    assert doc.mentions[doc.events[0].mention].place.name == "Almaty"


def test_the_seed_article_keeps_its_types(seed_doc):
    # officials killed during the riots are the riots' toll, not a battle of their own
    got = sorted((e.event_type, e.sub_event_type) for e in seed_doc.events)
    assert len(got) == 14
    # the escalation into riots, the break-ins, the detention centre, Aktobe, the officials' toll
    assert got.count(("Riots", "Violent demonstration")) == 5
    # the shooting and fighting in Almaty on the 8th are one event; Taldykorgan's is another
    battles = {
        seed_doc.mentions[e.mention].name for e in seed_doc.events if e.event_type == "Battles"
    }
    assert got.count(("Battles", "Armed clash")) == 2 and battles == {"Alma-Ata", "Taldykorgan"}
    assert ("Protests", "Peaceful protest") in got
    # "impossible to withdraw money" is no withdrawal of forces
    assert "withdraw" not in {e.trigger for e in seed_doc.events}


def test_the_verb_is_gives_no_armed_group_context(pipeline):
    doc = pipeline.process_text(
        "Because of problems with cash machines in Almaty, it is almost impossible to "
        "withdraw money.",
        date="2022-01-08",
    )
    assert doc.events == ()
