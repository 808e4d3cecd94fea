"""The disputed places reports put in either of two governorates (incidents/places/two_governorates.py)."""

from incidents.places.geo import load_gazetteer
from incidents.places.two_governorates import _also_told_in, governorates_told, other_governorates


def test_every_listed_place_is_a_gazetteer_place_and_its_other_governorate_differs():
    names = {p.name: p.admin1 for p in load_gazetteer().places}
    for location, others in _also_told_in().items():
        assert location in names, location
        assert names[location] not in others, location


def test_makhmour_can_be_told_in_nineveh_but_not_in_diyala():
    makhmour = {"admin1": "Erbil", "location": "Makhmour"}
    assert governorates_told(makhmour) == {"Erbil", "Nineveh"}
    assert not other_governorates(makhmour, {"admin1": "Nineveh", "location": "Nineveh"})
    assert not other_governorates({"admin1": "Nineveh", "location": "Mosul"}, makhmour)
    assert other_governorates(makhmour, {"admin1": "Diyala", "location": "Baqubah"})


def test_two_ordinary_governorates_differ_and_a_row_without_one_fits_any():
    assert other_governorates({"admin1": "Kirkuk", "location": "Hawija"}, {"admin1": "Diyala", "location": "Jalawla"})
    assert not other_governorates({"admin1": "", "location": ""}, {"admin1": "Diyala", "location": "Jalawla"})
