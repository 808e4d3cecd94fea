"""Governorate names (incidents/places/governorates.py on the shipped governorate_names.csv) and the
folding of names (incidents/places/names.py): every reading, the file against the boundaries and the
gazetteer, and bad files reported with their line."""

from __future__ import annotations

import pytest

from incidents.places.boundaries import governorates
from incidents.places.geo import load_gazetteer
from incidents.places.governorates import (
    GOVERNORATES,
    GovernorateNamesError,
    canonical_governorate,
    read_spellings,
    spellings,
)
from incidents.places.names import bare_key, breaks, fold, fold_word, key

# --- reading "text": spellings an article uses (was places.geo.canonical_governorate) -------------------


@pytest.mark.parametrize("spelling, expected", [
    ("Salah ad-Din", "Salah ad-Din"), ("Sala al-Din", "Salah ad-Din"), ("Salaheddine", "Salah ad-Din"),
    ("Salahuddin", "Salah ad-Din"), ("Saladin", "Salah ad-Din"), ("Salah al Din", "Salah ad-Din"),
    ("Ninewa", "Nineveh"), ("Ninawa", "Nineveh"), ("Nineva", "Nineveh"),
    ("At-Ta'mim", "Kirkuk"), ("Tamim", "Kirkuk"), ("Kirkuk Governorate", "Kirkuk"), ("kirkuk province", "Kirkuk"),
    ("Al Anbar", "Anbar"), ("Al-Anbar", "Anbar"), ("Thi-Qar", "Dhi Qar"), ("Dhi-Qar", "Dhi Qar"),
    ("Dahuk", "Duhok"), ("Dihok", "Duhok"), ("Arbil", "Erbil"), ("Al-Basrah", "Basra"), ("Missan", "Maysan"),
    ("Al-Qadisiyah", "Qadisiyah"), ("Al-Muthanna", "Muthanna"), ("As-Sulaymaniyah", "Sulaymaniyah"),
    ("Slemani", "Sulaymaniyah"), ("Babylon", "Babil"), ("Karbala'", "Karbala"), ("An-Najaf", "Najaf"),
    ("Diala", "Diyala"), ("Wasit", "Wasit"), ("Baghdad", "Baghdad"),
    ("Halabja", "Sulaymaniyah"), ("Qadissiya", "Qadisiyah"), ("Kerbala", "Karbala"), ("Wassit", "Wasit"),
    ("Basrah", "Basra"),
    ("Mosul", None), ("Samarra", None), ("Damascus", None), ("", None), ("   ", None),
])
def test_canonical_governorate(spelling, expected):
    assert canonical_governorate(spelling) == expected


# --- reading "field": values of an admin1 column (was dataset.tables.canonical_admin1) ------------------


@pytest.mark.parametrize(
    "name, expected",
    [("Ninewa", "Nineveh"), ("At-Ta'mim", "Kirkuk"), ("Sala al-Din", "Salah ad-Din"), ("Al Anbar", "Anbar"),
     ("salah al din", "Salah ad-Din"), ("Al-Basrah", "Basra"), ("Thi-Qar", "Dhi Qar"), ("Kerbala", "Karbala"),
     ("Al-Qadissiya", "Qadisiyah"), ("Missan", "Maysan"), ("Wassit", "Wasit"), ("Dohuk", "Duhok"),
     ("Arbil", "Erbil"), ("Halabja", "Sulaymaniyah"), ("Diyala Governorate", "Diyala"),
     ("Atlantis", None), ("", None)],
)
def test_canonical_admin1(name, expected):
    assert canonical_governorate(name, reading="field") == expected


def test_every_governorate_is_its_own_canonical_name():
    for reading in ("text", "field", "any"):
        assert [canonical_governorate(g, reading=reading) for g in GOVERNORATES] == list(GOVERNORATES)


# --- the readings differ where a capital stands for its governorate ------------------------------------


@pytest.mark.parametrize("spelling, text, field, any_", [
    ("Mosul", None, "Nineveh", "Nineveh"),          # an admin1 value naming the capital
    ("Ramadi", None, "Anbar", "Anbar"),
    ("Kut", None, "Wasit", "Wasit"),
    ("Zi Qar", "Dhi Qar", None, "Dhi Qar"),        # a spelling of the news, not of ACLED's tables
    ("Hewler", "Erbil", None, "Erbil"),
    ("NINEWA", "Nineveh", "Nineveh", "Nineveh"),
    ("Atlantis", None, None, None),
])
def test_readings(spelling, text, field, any_):
    assert [canonical_governorate(spelling, reading=r) for r in ("text", "field", "any")] == [text, field, any_]


def test_a_value_that_is_not_a_string_names_no_governorate_and_a_bad_reading_is_refused():
    assert canonical_governorate(None, reading="any") is None
    assert canonical_governorate(35, reading="field") is None
    with pytest.raises(ValueError, match="reading 'url' is not one of text, field, any"):
        canonical_governorate("Kirkuk", reading="url")


# --- the file against the boundaries and the gazetteer ----------------------------------------------


def test_the_names_are_the_boundaries_names_in_their_order():
    assert tuple(g.name for g in governorates()) == GOVERNORATES
    assert len(GOVERNORATES) == 18


def test_every_name_of_the_boundaries_file_is_a_text_spelling_of_its_governorate():
    for g in governorates():
        assert spellings(g.name)[0] == g.name
        assert g.name_ne in spellings(g.name, "text"), g.name
        assert canonical_governorate(g.name_ne) == g.name


def test_the_gazetteer_gives_each_governorate_exactly_its_text_spellings():
    """places.csv is built from the file: its governorate aliases are the text spellings (one per
    key and word breaks), and each of them resolves back to the governorate."""
    places = [p for p in load_gazetteer().places if p.kind == "governorate"]
    assert [p.name for p in sorted(places, key=lambda p: p.name)] == sorted(GOVERNORATES)
    for p in places:
        text = spellings(p.name, "text")
        assert set(p.aliases) <= set(text), p.name
        assert {(key(a), breaks(a)) for a in p.aliases} == {(key(s), breaks(s)) for s in text}, p.name
        assert {canonical_governorate(a) for a in p.aliases} == {p.name}


def test_field_only_spellings_stay_out_of_the_gazetteer():
    """"Mosul" in an article is the city: a spelling of the field reading alone, unless it matches a
    text spelling anyway ("At Ta'mim" = "At-Ta'mim"), finds no governorate in the gazetteer."""
    gaz = load_gazetteer()
    def keys(spelling: str) -> set[str]:  # what Gazetteer.lookup tries: the key, then without an article
        return {key(spelling), bare_key(spelling)}

    text_keys = set().union(*(keys(r.spelling) for r in read_spellings() if "text" in r.readings))
    field_only = [r.spelling for r in read_spellings() if "text" not in r.readings and not keys(r.spelling) & text_keys]
    assert {"Mosul", "Ramadi", "Kut", "Nasiriyah"} <= set(field_only)
    for spelling in field_only:
        assert all(p.kind != "governorate" for p in gaz.lookup(spelling)), spelling


def test_spellings_of_something_that_is_not_a_governorate():
    assert spellings("Mosul") == ()
    assert "Mosul" in spellings("Nineveh", "field") and "Mosul" not in spellings("Nineveh", "text")
    assert set(spellings("Nineveh", "any")) == set(spellings("Nineveh", "text")) | set(spellings("Nineveh", "field"))


# --- a bad file -------------------------------------------------------------------------------------------


GOOD = "# comment\ngovernorate,spelling,readings\nKirkuk,Kirkuk,text field\nKirkuk,Kerkuk,text\n"


@pytest.mark.parametrize("content, where, message", [
    ("kirkuk,spelling\n", ":1:1:", "the header must be governorate,spelling,readings"),
    (GOOD + "Kirkuk,Tamim\n", ":5:1:", "expected 3 fields"),
    (GOOD + "Kirkuk,Tamim,url\n", ":5:3:", "readings 'url': say text, field or both"),
    (GOOD + "Kirkuk,--,text\n", ":5:2:", "spelling '--' has no letters"),
    (GOOD + "Nineveh,Ninewa,text\n", ":5:2:", "the first row of Nineveh must be its own name"),
    (GOOD + "Nineveh,Nineveh,text field\nNineveh,Al-Kerkuk,field\n", ":6:2:",
     "'Al-Kerkuk' (Nineveh) reads like 'Kerkuk' (Kirkuk, line 4)"),
])
def test_a_bad_names_file_is_reported_with_its_line_and_column(tmp_path, content, where, message):
    path = tmp_path / "governorate_names.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GovernorateNamesError) as err:
        read_spellings(path)
    assert str(err.value).startswith(f"{path}{where} ") and message in str(err.value)


# --- names.py: the one folding of names ---------------------------------------------------------------


@pytest.mark.parametrize("name, folded, k", [
    ("Tall ‘Afar", "Tall Afar", "tallafar"), ("Ţūz Khūrmātū", "Tuz Khurmatu", "tuzkhurmatu"),
    ("Qeładizê", "Qeladize", "qeladize"), ("Salah ad-Din", "Salah ad-Din", "salahaddin"),
    ("At-Ta'mim", "At-Tamim", "attamim"),
])
def test_fold_and_key(name, folded, k):
    assert fold(name) == folded and key(name) == k


def test_breaks_and_bare_key():
    assert breaks("Tal Afar") == {3} and breaks("Talafar") == frozenset() and breaks("Salah ad-Din") == {5, 7}
    admin = frozenset({"governorate", "province"})
    assert [bare_key(n, admin) for n in ("Al Anbar", "An-Najaf", "Kirkuk Governorate", "Al", "Governorate",
                                          "Al-Anbar Province")] == ["anbar", "najaf", "kirkuk", "al", "governorate",
                                                                    "anbar"]
    assert bare_key("Kirkuk Governorate") == "kirkukgovernorate"  # nothing dropped unless asked
    assert fold_word("Ţūz") == "tuz" and fold_word("Kirkuk") == "kirkuk"
