"""Toponym recognition and resolution with the real model and gazetteer."""


def mentions(pipeline, text, date="2022-01-05"):
    doc = pipeline.process_text(text, date=date)
    return [(m.text, m.kind, m.place) for m in doc.mentions]


def test_places_the_model_labels_org_are_found_by_the_gazetteer(seed_doc):
    found = {(m.text, m.place.geonameid if m.place else None) for m in seed_doc.mentions}
    assert ("Alma-Ata", 1526384) in found
    assert any(text == "the Aktobe region" and gid == 610688 for text, gid in found)
    assert any(text == "Taldykorgan" for text, _ in found)


def test_demonyms_point_to_their_country(seed_doc):
    demonyms = {m.text: m.place.country_code for m in seed_doc.mentions if m.kind == "demonym"}
    assert demonyms.get("Kazakhstani") == "KZ"
    assert demonyms.get("Belarusian") == "BY"


def test_acronyms_and_person_names_are_not_towns(pipeline):
    found = mentions(pipeline, "TASS said Michael Jordan visited Berlin.")
    names = [text for text, _, _ in found]
    assert "TASS" not in names and "Jordan" not in names
    assert "Berlin" in names


def test_explicit_qualifier_picks_the_right_paris(pipeline):
    found = mentions(pipeline, "Protesters gathered in Paris, Texas, on Friday.")
    paris = next(place for text, _, place in found if text == "Paris")
    assert paris.country_code == "US"


def test_unqualified_paris_is_the_capital(pipeline):
    found = mentions(pipeline, "Protesters gathered in Paris on Friday.")
    assert found[0][2].country_code == "FR"


def test_city_beats_the_region_named_after_it(pipeline):
    found = mentions(pipeline, "Shots were heard in Almaty.")
    assert found[0][2].feature_class == "P" and found[0][2].geonameid == 1526384


def test_every_resolution_explains_itself(seed_doc):
    for m in seed_doc.mentions:
        if m.place is not None:
            assert "prior" in m.why and 0.0 < m.score <= 1.0
