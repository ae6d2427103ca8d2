"""The priors and text cues of GeoNames' other feature classes (``geomap.feature_priors``)."""

from __future__ import annotations

import pytest

from geomap.feature_priors import (
    CUE_WEIGHT,
    NAME_CUE_WEIGHT,
    cue_words,
    feature_cue,
    feature_prior,
    index_base,
)
from geomap.model import Mention, Place
from geomap.resolve import prior


def place(cls: str, code: str, *, pop: int = 0, cc: str = "UA", name: str = "Irpin") -> Place:
    return Place(1, name, 50.5, 30.2, cc, cls, code, population=pop)


def mention(name: str = "Irpin", kind: str = "place") -> Mention:
    return Mention(start=0, end=len(name), text=name, name=name, kind=kind, source="NER", sent=0)


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        ("H", "STM"),
        ("H", "LK"),
        ("T", "MT"),
        ("T", "ISL"),
        ("S", "AIRP"),
        ("S", "HTL"),
        ("L", "LCTY"),
    ],
)
def test_other_classes_rank_below_a_village_of_unknown_size(cls, code):
    village = prior(place("P", "PPL"), mention())
    assert prior(place(cls, code), mention()) < village
    assert index_base(cls, code) < 2.0  # the index's base of a village of unknown size


def test_places_areas_and_world_regions_keep_the_resolver_prior():
    assert feature_prior(place("P", "PPL"), mention()) is None
    assert feature_prior(place("A", "ADM1"), mention()) is None
    assert feature_prior(place("L", "RGN"), mention()) is None  # "Donbas"
    assert feature_prior(place("L", "SEA", cc=""), mention()) is None  # geomap.regions' table
    assert index_base("P", "PPL") is None and index_base("L", "CONT") is None


def test_large_features_and_inhabited_islands_rank_higher():
    lake, spring = place("H", "LK"), place("H", "SPNG")
    assert feature_prior(lake, mention()) > feature_prior(spring, mention())
    island = place("T", "ISL", pop=150_000)
    assert feature_prior(island, mention()) > feature_prior(place("T", "ISL"), mention())


@pytest.mark.parametrize(
    ("name", "before", "after", "inside", "beside"),
    [
        ("Lake Kivu", "boats sank on ", " near Goma", {"lake"}, set()),
        ("Schiphol", "flights at ", " airport were", set(), {"airport"}),
        ("Kakuma", "clashes in ", " refugee camp in", set(), {"camp"}),
        ("Texel", "on the island of ", ".", set(), {"island"}),
        ("Hoverla", "climbers on mount ", " said", set(), {"mount"}),
        ("Sinai Peninsula", "across the ", ".", {"peninsula"}, set()),
        ("Kyiv", "in ", ", the capital", set(), set()),
        ("Mariupol", "the port of ", " was", set(), set()),  # "port" before is not a cue
    ],
)
def test_cue_words(name, before, after, inside, beside):
    assert cue_words(name, before, after) == (inside, beside)


def test_cue_weights():
    airport, town = place("S", "AIRP", name="Schiphol"), place("P", "PPLX", name="Schiphol")
    assert feature_cue(airport, set(), {"airport"}) == CUE_WEIGHT
    assert feature_cue(town, set(), {"airport"}) == 0.0
    assert feature_cue(place("H", "LK"), {"lake"}, set()) == NAME_CUE_WEIGHT
    assert feature_cue(place("H", "STM"), {"lake"}, set()) == 0.0
    # a cue inside the name does not beat a sizeable town of that name ("Lake Charles")
    city = place("P", "PPL", pop=80_000, name="Lake Charles")
    lake = place("H", "LK", name="Lake Charles")
    m = mention("Lake Charles")
    assert prior(lake, m) + feature_cue(lake, {"lake"}, set()) < prior(city, m)
