"""Whole names, names the text marks as places, admin suffixes, short forms of regions.

Sentences of our own, through the real model and the embedded gazetteer.
"""

from geomap.toponyms.abbreviations import abbreviates, short_region
from geomap.toponyms.names import known_spelling


def found(pipeline, text):
    doc = pipeline.process_text(text)
    return {m.text: m for m in doc.mentions}


def test_a_hyphenated_name_is_never_cut_to_a_known_prefix(pipeline):
    got = found(pipeline, "A bomb went off at a market in Kot-e-Sangi, Kabul, on Friday.")
    assert "Kot" not in got  # Kot is a town in India
    assert got["Kot-e-Sangi"].kind == "place"
    assert got["Kabul"].place.country_code == "AF"


def test_two_places_joined_by_a_hyphen_stay_two(pipeline):
    got = found(pipeline, "Talks on the Russia-Ukraine border resumed in Minsk.")
    assert got["Russia"].place.country_code == "RU"
    assert got["Ukraine"].place.country_code == "UA"


def test_a_name_with_an_arabic_particle_is_one_mention(pipeline):
    got = found(pipeline, "Rebels shelled Jisr al-Shughur before dawn.")
    jisr = got["Jisr al-Shughur"]
    # the index spells the article as pronounced: "Jisr ash Shughur"
    assert jisr.name == "Jisr ash Shughur" and jisr.place.country_code == "SY"
    got = found(pipeline, "Two soldiers died in Khan ash Shih town, Rif Dimashq Governorate.")
    assert "Khan ash Shih" in got and "Khan" not in got


def test_article_spellings_are_tried_only_where_the_name_is_not_indexed(gazetteer):
    assert known_spelling("Jisr al-Shughur", gazetteer) == "Jisr ash Shughur"
    assert known_spelling("Damascus", gazetteer) is None
    assert known_spelling("Qaryat al-Zzzz", gazetteer) is None


def test_unknown_names_marked_as_places_by_the_text(pipeline):
    # a part noun after the name, "the village of X", and a chain to a known place
    got = found(pipeline, "Militiamen burned houses in Ngbakotoro village, Ouaka province.")
    assert got["Ngbakotoro"].kind == "place"
    got = found(pipeline, "Gunmen raided Bawi Kalan village in the night.")
    assert got["Bawi Kalan"].kind == "place" and got["Bawi Kalan"].source == "CUE"
    got = found(pipeline, "Troops withdrew from the village of Zambotala on Tuesday.")
    assert "Zambotala" in got
    got = found(pipeline, "Herders clashed near Kpokoro, Mbiko and Ndazere, Ouaka province.")
    assert {"Kpokoro", "Mbiko", "Ndazere"} <= set(got)
    assert got["Ndazere"].source == "CUE"
    assert got["Ouaka province"].place.feature_code == "ADM1"


def test_a_capitalised_word_without_a_place_cue_stays_no_place(pipeline):
    got = found(pipeline, "Zambotala said the talks would resume in Kampala.")
    assert "Zambotala" not in got and "Kampala" in got


def test_admin_suffixes_in_any_case_make_area_mentions(pipeline):
    got = found(pipeline, "Clashes were reported in Kenema District on Monday.")
    kenema = got["Kenema District"]
    assert kenema.kind == "region" and kenema.place.country_code == "SL"
    got = found(pipeline, "The army sent reinforcements to Idlib Governorate.")
    assert got["Idlib Governorate"].place.feature_code == "ADM1"


def test_each_name_before_a_plural_area_noun_is_its_own_area(pipeline):
    got = found(pipeline, "Drones struck targets in the Homs and Hama Governorates.")
    assert got["Homs"].kind == got["Hama"].kind == "region"
    assert got["Homs"].place.feature_code == got["Hama"].place.feature_code == "ADM1"
    got = found(pipeline, "Tornadoes hit Cobb, Cherokee and Forsyth counties in Georgia.")
    for name in ("Cobb", "Cherokee", "Forsyth"):
        assert got[name].place.feature_code == "ADM2" and got[name].place.admin1_code == "GA"


def test_short_forms_are_read_from_region_names():
    assert abbreviates("Man.", "Manitoba") and abbreviates("Sask.", "Saskatchewan")
    assert abbreviates("N.S.W.", "New South Wales") and abbreviates("J&K", "Jammu and Kashmir")
    assert abbreviates("Alta.", "Alberta") and abbreviates("KPK", "Khyber Pakhtunkhwa")
    assert not abbreviates("N.S.W.", "Nova Scotia") and not abbreviates("Va.", "West Virginia")
    assert not abbreviates("Ont.", "Manitoba")


def test_a_short_form_needs_a_region_that_holds_the_place_before_it(gazetteer):
    assert short_region("Man.", "Brandon", gazetteer).name == "Manitoba"
    assert short_region("Ont.", "Kingston", gazetteer).name == "Ontario"
    assert short_region("Ont.", "Brandon", gazetteer) is None  # no Brandon in Ontario's list
    assert short_region("Texas", "Paris", gazetteer) is None  # a name of its own


def test_a_province_short_form_after_a_town_picks_the_town(pipeline):
    got = found(pipeline, "A grain elevator burned down in Brandon, Man., last night.")
    assert got["Man."].place.name == "Manitoba"
    assert got["Brandon"].place.country_code == "CA"
    got = found(pipeline, "Snow closed schools in Moose Jaw, Sask. on Monday.")
    assert got["Sask."].place.name == "Saskatchewan"


def test_a_person_of_a_nation_is_a_demonym(pipeline):
    got = found(pipeline, "The Welshman beat two Frenchmen and a Scotswoman in the final.")
    assert {m.kind for m in got.values()} == {"demonym"}
    assert got["Welshman"].place.country_code == "GB"
    assert got["Frenchmen"].place.country_code == "FR"
    assert "chairman" not in found(pipeline, "The Chairman spoke in Rome.")


def test_no_area_list_from_common_words_acronyms_or_names_of_bodies(pipeline):
    got = found(pipeline, "Several counties grew. The city has three TIF districts.")
    assert not [m for m in got.values() if m.kind == "region"]
    got = found(pipeline, "She lived at Willow Valley Retirement Communities in Lancaster.")
    assert "Willow Valley Retirement" not in got and "Lancaster" in got


def test_a_name_with_a_party_code_or_two_nations_is_no_whole_name(pipeline):
    got = found(pipeline, "Sen. Tom Jensen, R-London, praised the Russian-American crew.")
    assert "London" in got and got["Russian"].kind == "demonym"


def test_chains_skip_buildings_and_people_before_in(pipeline):
    got = found(pipeline, "He was flown to Mercy Memorial Hospital in Urbana on Monday.")
    assert "Mercy Memorial Hospital" not in got and "Urbana" in got
    got = found(pipeline, "Lisa Leff in San Francisco and Terry Collins in Oakland reported.")
    assert "Terry Collins" not in got and "Oakland" in got
