"""Toponym resolution rules, each on a small hand-made case (real model, real gazetteer)."""

import dataclasses

from geomap.model import Mention
from geomap.resolve import candidates, prior


def places(pipeline, text):
    doc = pipeline.process_text(text)
    return {m.text: m for m in doc.mentions}


def test_state_focus_picks_the_local_town(pipeline):
    found = places(
        pipeline,
        "Police in Columbus and Worthington said a man from Dublin was arrested near Westerville.",
    )
    assert found["Dublin"].place.admin1_code == "OH"
    assert "state" in found["Dublin"].why or "cluster" in found["Dublin"].why


def test_country_focus_picks_the_state_over_the_country(pipeline):
    found = places(pipeline, "Storms hit Atlanta and Savannah. Georgia declared an emergency.")
    assert found["Georgia"].place.country_code == "US"


def test_country_named_alone_is_the_country(pipeline):
    found = places(pipeline, "Tbilisi said Georgia would not negotiate with Moscow.")
    assert found["Georgia"].place.country_code == "GE"


def test_containment_in_a_region(pipeline):
    found = places(pipeline, "Shelling hit Kupiansk in the Kharkiv region overnight.")
    assert found["Kupiansk"].place.country_code == "UA"
    assert "qualifier" in found["Kupiansk"].why


def test_explicit_country_qualifier(pipeline):
    found = places(pipeline, "Clashes erupted in Tripoli, Lebanon, after the vote.")
    assert found["Tripoli"].place.country_code == "LB"


def test_unqualified_tripoli_is_the_libyan_capital(pipeline):
    found = places(pipeline, "Clashes erupted in Tripoli after the vote.")
    assert found["Tripoli"].place.country_code == "LY"


def test_city_outranks_a_second_order_region_of_the_same_name(gazetteer):
    mention = Mention(0, 8, "Richmond", "Richmond", "place", "GPE", 0)
    ranked = sorted(candidates(mention, gazetteer), key=lambda p: -prior(p, mention))
    assert ranked[0].feature_class == "P"


def test_country_beats_a_city_of_the_same_name(pipeline):
    found = places(pipeline, "Aid arrived in Armenia on Monday.")
    assert found["Armenia"].place.feature_code.startswith("PCL")


def test_every_resolution_has_a_breakdown(pipeline):
    for m in places(pipeline, "Floods in Lagos and Abuja; Nigerian officials met.").values():
        if m.place is not None:
            assert m.why.startswith("prior") and "best of" in m.why


def test_hamlet_only_gazetteer_match_without_support_is_no_match(gazetteer):
    from geomap.model import Document
    from geomap.resolve import resolve

    # pick a name whose every gazetteer place is a hamlet (population under 1,000)
    name = next(
        n
        for n in ("Cheneyville", "Boyce", "Dor", "Ayer")
        if (found := gazetteer.lookup(n, limit=40))
        and all(not p.is_area and p.population < 1000 for p in found)
    )
    mention = Mention(0, len(name), name, name, "place", "GAZ", 0)
    doc = Document("d", f"{name} burned.", mentions=(mention,))
    out = resolve(doc, gazetteer).mentions[0]
    assert out.place is None and out.why.startswith("no match")
    # the same name found by the NER is resolved (the model's label is support enough)
    ner = Document(
        "d", f"{name} burned.", mentions=(Mention(0, len(name), name, name, "place", "GPE", 0),)
    )
    assert resolve(ner, gazetteer).mentions[0].place is not None


def _resolved(gazetteer, text, names):
    """Resolve hand-made place mentions of ``names`` (first occurrence of each) in ``text``."""
    from geomap.model import Document
    from geomap.resolve import resolve

    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name, name, "place", "GPE", 0))
    mentions.sort(key=lambda m: m.start)
    doc = resolve(Document("d", text, mentions=tuple(mentions)), gazetteer)
    return {m.name: m for m in doc.mentions}


def test_near_picks_the_town_that_lies_in_the_named_county(gazetteer):
    # Paris, Texas is the seat of Lamar County, Texas; alone, "Paris" is the French capital
    alone = _resolved(gazetteer, "A fire broke out in Paris.", ["Paris"])
    assert alone["Paris"].place.country_code == "FR"
    found = _resolved(
        gazetteer,
        "A fire broke out in Paris; crews from across Lamar County helped.",
        ["Paris", "Lamar County"],
    )
    assert (found["Paris"].place.country_code, found["Paris"].place.admin1_code) == ("US", "TX")
    assert found["Lamar County"].place.admin1_code == "TX"
    assert "near" in found["Paris"].why


def test_near_support_is_graded_by_distance(gazetteer):
    from geomap.resolve import NEAR_KM, _near

    mentions = [Mention(0, 5, n, n, "place", "GPE", 0) for n in ("Paris", "Lamar County")]
    options = [candidates(m, gazetteer) for m in mentions]
    near = _near(["paris", "lamar county"], options, tuple(mentions))
    texas = next(k for k, p in enumerate(options[0]) if p.admin1_code == "TX")
    france = next(k for k, p in enumerate(options[0]) if p.country_code == "FR")
    assert near[0].get(texas, 0.0) > 0.5
    assert france not in near[0]  # no Lamar County within NEAR_KM of the French capital
    assert NEAR_KM < 500


def test_a_list_of_states_stays_states(gazetteer):
    names = ["California", "Nevada", "Oregon", "Idaho"]
    found = _resolved(gazetteer, "Cases were found in California, Nevada, Oregon and Idaho.", names)
    for name in names:
        place = found[name].place
        assert (place.feature_code, place.country_code) == ("ADM1", "US"), name


def test_country_named_exactly_beats_the_city_that_has_it_as_an_alias(gazetteer):
    found = _resolved(
        gazetteer, "Flu cases rose in Mexico and Guatemala this week.", ["Mexico", "Guatemala"]
    )
    assert found["Mexico"].place.feature_code.startswith("PCL")
    assert "name" in found["Mexico"].why


def test_state_named_exactly_beats_the_city_that_has_it_as_an_alias(gazetteer):
    found = _resolved(
        gazetteer,
        "Snow closed roads across New York, from Syracuse to Albany.",
        ["New York", "Syracuse", "Albany"],
    )
    assert found["New York"].place.feature_code == "ADM1"
    assert found["Albany"].place.admin1_code == "NY"


def test_city_named_like_its_region_still_wins(gazetteer):
    # the city's own name is the mention, so the region gets no "name" evidence
    found = _resolved(gazetteer, "Protests were reported in Almaty.", ["Almaty"])
    assert found["Almaty"].place.feature_class == "P"


def test_words_formed_from_place_names(gazetteer):
    from geomap.resolve import derived_candidates

    found = _resolved(gazetteer, "Ohioans and Texans went to the polls.", ["Ohioans", "Texans"])
    assert (found["Ohioans"].place.feature_code, found["Ohioans"].place.admin1_code) == (
        "ADM1",
        "OH",
    )
    assert found["Texans"].place.admin1_code == "TX"
    assert "formed from a place name" in found["Ohioans"].why
    # an unknown word is not matched to a village named like its stem
    assert derived_candidates("Zzyzxians", gazetteer) == []
    assert all(
        p.is_area or p.population >= 100_000 for _, p in derived_candidates("Londoner", gazetteer)
    )


def test_the_area_after_a_town_is_the_one_that_holds_it(gazetteer):
    found = _resolved(
        gazetteer,
        "Doctors in Tbilisi and Yerevan, and a lab in Macon, Georgia, found the strain.",
        ["Tbilisi", "Yerevan", "Macon", "Georgia"],
    )
    assert found["Georgia"].place.country_code == "US"
    assert found["Macon"].place.admin1_code == "GA"
    assert "qualifier" in found["Georgia"].why


def test_a_list_of_states_is_not_a_qualifier(gazetteer):
    found = _resolved(
        gazetteer,
        "Cases were reported in Washington, Pennsylvania and California.",
        ["Washington", "Pennsylvania", "California"],
    )
    assert "qualifier" not in found["Washington"].why


def test_state_cue_picks_the_region(gazetteer):
    found = _resolved(gazetteer, "Farms in the state of Washington were inspected.", ["Washington"])
    assert (found["Washington"].place.feature_code, found["Washington"].place.admin1_code) == (
        "ADM1",
        "WA",
    )
    assert "cue" in found["Washington"].why


def test_a_city_keeps_the_support_of_the_region_named_like_it(gazetteer):
    names = ["Almaty", "Shymkent", "Aktobe", "Karaganda"]
    found = _resolved(
        gazetteer, "Protesters gathered in Almaty, Shymkent, Aktobe and Karaganda.", names
    )
    assert found["Almaty"].place.feature_class == "P"
    assert found["Almaty"].place.country_code == "KZ"


def test_world_regions_and_seas_come_from_the_hand_made_table(gazetteer):
    found = _resolved(
        gazetteer,
        "Tankers left the Gulf of Mexico for the Middle East, and EU ministers met.",
        ["Gulf of Mexico", "Middle East", "EU"],
    )
    for name in ("Gulf of Mexico", "Middle East", "EU"):
        place = found[name].place
        assert place is not None and place.feature_class == "L", name
        assert place.country_code == ""
    assert found["Middle East"].place.name == "Middle East"
    assert found["EU"].place.name == "European Union"
    # the village in Maryland named Middle East is no candidate next to the region
    assert gazetteer.lookup("Middle East")
    opts = candidates(Mention(0, 11, "Middle East", "Middle East", "place", "LOC", 0), gazetteer)
    assert [p.feature_code for p in opts] == ["RGN"]


def test_world_region_table_entries_are_sound():
    from geomap.gazetteer.base import normalize_name
    from geomap.regions import ALIASES, CONTINENTS, WORLD_REGIONS, world_region

    for name, (lat, lon, code) in WORLD_REGIONS.items():
        assert -90 <= lat <= 90 and -180 <= lon <= 180, name
        assert code in {"RGN", "SEA", "GULF", "BAY", "OCN", "MTS", "STRT", "LKS", "ISL", "ZN"}, name
        place = world_region(f"the {name}")
        assert place is not None and place.name == name
    assert all(
        target in WORLD_REGIONS or normalize_name(target) in CONTINENTS
        for target in ALIASES.values()
    )
    assert not {normalize_name(name) for name in WORLD_REGIONS} & set(CONTINENTS)
    # the continents and the regions GeoNames has keep their GeoNames ids
    assert world_region("Africa").feature_code == "CONT"
    assert world_region("the Mideast").geonameid == CONTINENTS["middle east"][0]
    assert world_region("eu") is None  # the lower-case word is not the union
    assert world_region("Atlantis") is None


def test_words_formed_from_world_regions_and_continents(gazetteer):
    found = _resolved(
        gazetteer,
        "European and African leaders met South Ossetian officials.",
        ["European", "African", "South Ossetian"],
    )
    assert found["European"].place.feature_code == "CONT"
    assert found["African"].place.name == "Africa"
    assert found["South Ossetian"].place.name == "South Ossetia"
    assert "formed from a place name" in found["South Ossetian"].why


def test_dotted_initials_are_not_a_state_by_their_letters(gazetteer):
    found = _resolved(
        gazetteer, "Traffic in L.A. was slow; a man from Monroe, La., was hurt.", ["L.A.", "La."]
    )
    assert found["L.A."].place.name == "Los Angeles"
    assert (found["La."].place.feature_code, found["La."].place.admin1_code) == ("ADM1", "LA")
    ny = _resolved(gazetteer, "He moved to Albany, N.Y., in May.", ["N.Y."])
    assert ny["N.Y."].place.admin1_code == "NY"


def test_a_nationality_word_is_the_country_before_small_towns_named_so(gazetteer):
    found = _resolved(gazetteer, "He said he was tired of Canadian winters.", ["Canadian"])
    assert found["Canadian"].place.feature_code.startswith("PCL")
    assert found["Canadian"].place.country_code == "CA"


def test_the_way_the_text_is_written_points_to_its_country(gazetteer):
    from geomap.resolve import home_votes

    votes, signs = home_votes("Tickets cost $12 and the show starts at 7 p.m.")
    assert votes["US"] > 0 and len(signs) == 2
    assert home_votes("Tickets cost \u00a312.")[0]["GB"] > 0
    assert not home_votes("Tickets were sold out.")[0]
    # a story that names one ambiguous town and nothing else
    bare = _resolved(gazetteer, "Mansfield council met on Monday.", ["Mansfield"])
    assert bare["Mansfield"].place.country_code == "GB"
    found = _resolved(
        gazetteer,
        "Mansfield council met on Monday at 7 p.m. to vote on a $765,000 loan.",
        ["Mansfield"],
    )
    assert found["Mansfield"].place.country_code == "US"
    assert "focus" in found["Mansfield"].why and "dollar amounts" in found["Mansfield"].why


def test_the_text_style_does_not_outweigh_the_places_named(gazetteer):
    found = _resolved(
        gazetteer,
        "A $2 million grant went to hospitals in Birmingham, Coventry and Leicester.",
        ["Birmingham", "Coventry", "Leicester"],
    )
    assert found["Birmingham"].place.country_code == "GB"


def test_a_part_or_division_of_a_place_takes_the_place(gazetteer):
    from geomap.resolve import part_of

    assert part_of("South Los Angeles") == "Los Angeles"
    assert part_of("Hamilton Township") == "Hamilton"
    assert part_of("Loudon Co.") == "Loudon County"
    assert part_of("North Island") is None  # a generic word is no place
    assert part_of("Paris") is None
    found = _resolved(
        gazetteer, "Volunteers cleaned parks in South Los Angeles.", ["South Los Angeles"]
    )
    place = found["South Los Angeles"].place
    assert (place.name, place.admin1_code) == ("Los Angeles", "CA")
    assert "read as part of 'Los Angeles'" in found["South Los Angeles"].why


def test_abbreviated_first_words_are_spelled_out(gazetteer):
    from geomap.resolve import name_key

    assert name_key("Mt. Pleasant") == name_key("Mount Pleasant") == "mount pleasant"
    assert name_key("St Albans") == "saint albans"
    assert name_key("Stanton") == "stanton"
    short = candidates(Mention(0, 12, "Mt. Pleasant", "Mt. Pleasant", "place", "GPE", 0), gazetteer)
    full = gazetteer.lookup("Mount Pleasant", limit=10)
    assert {p.geonameid for p in full} <= {p.geonameid for p in short}
    # a spelled-out name counts as the mention's own name in the prior
    mention = Mention(0, 12, "Mt. Pleasant", "Mt. Pleasant", "place", "GPE", 0)
    place = next(p for p in short if p.name == "Mount Pleasant")
    assert prior(place, mention) == prior(place, dataclasses.replace(mention, name=place.name))


def test_an_unknown_population_counts_as_a_small_town():
    from geomap.model import Place

    mention = Mention(0, 4, "Kew", "Kew", "place", "GPE", 0)
    unknown = Place(1, "Kew", 51.48, -0.29, "GB", "P", "PPL", population=0)
    small = dataclasses.replace(unknown, population=1_000)
    assert prior(unknown, mention) == prior(small, mention)


def test_a_part_of_an_unknown_place_is_no_place(gazetteer):
    # "Zzyzx" is nowhere; "North Zzyzx" must not become a hamlet that has it as an old name
    found = _resolved(gazetteer, "Protesters rallied in North Zzyzx.", ["North Zzyzx"])
    assert found["North Zzyzx"].place is None
    assert found["North Zzyzx"].why == "no candidate"


def test_words_for_a_people_of_one_country(gazetteer):
    assert gazetteer.demonym("Sinhalese").country_code == "LK"
    assert gazetteer.demonym("Maori").country_code == "NZ"


def test_an_event_in_a_world_region_is_placed_with_regional_precision(pipeline):
    from geomap.join import document_rows

    doc = pipeline.process_text("A tanker exploded in the Gulf of Mexico.", date="2024-01-02")
    rows = document_rows(doc)
    assert rows and rows[0]["location"] == "Gulf of Mexico"
    assert rows[0]["geo_precision"] == 3 and rows[0]["country_code"] == ""


def test_a_chain_rules_out_a_foreign_namesake(pipeline):
    found = places(pipeline, "Two men were shot in Madina, Sokoto state, Nigeria, on Friday.")
    assert found["Madina"].place.country_code == "NG"
    assert "container" in found["Madina"].why


def test_a_place_missing_from_the_index_sits_at_its_container(pipeline):
    found = places(pipeline, "A convoy was ambushed near Arak, Homs province, Syria.")
    place = found["Arak"].place
    assert place.country_code == "SY" and place.feature_code == "ADM1"


def test_a_much_larger_town_qualifies_a_neighbourhood(pipeline):
    found = places(
        pipeline, "Police said a grenade went off in Eastleigh, Nairobi, late on Sunday."
    )
    assert found["Eastleigh"].place.country_code == "KE"


def test_a_list_of_cities_is_no_chain(pipeline):
    found = places(pipeline, "Talks were held in London, Paris, Berlin, Rome.")
    assert found["London"].place.country_code == "GB"
    assert found["Paris"].place.country_code == "FR"


def test_a_chain_prefers_the_candidate_inside_it(pipeline):
    found = places(pipeline, "Heavy rain flooded San Fernando, Pampanga, Philippines.")
    assert found["San Fernando"].place.country_code == "PH"
    assert "contain" in found["San Fernando"].why
