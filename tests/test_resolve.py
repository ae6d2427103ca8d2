"""Toponym resolution rules, each on a small hand-made case (real model, real gazetteer)."""

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
