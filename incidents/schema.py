"""Column contracts of the incident and article tables.

The incident table keeps ACLED's 31 column names in ACLED's order (``event_id`` stands for
ACLED's ``event_id_cnty``), then adds the columns ACLED lacks: the date window, the fatality
range, wounded and arrested counts, and provenance back to the article text.
"""

from __future__ import annotations

# ACLED's current export schema, in its order (event_id_cnty renamed event_id).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

# Columns of our own, after ACLED's.
EXTRA_COLUMNS: tuple[str, ...] = (
    "date_start", "date_end", "fatalities_low", "fatalities_high", "wounded", "arrested",
    "source_articles", "article_id", "span_start", "span_end", "quote", "method",
    "place_span", "date_span", "count_spans", "confidence", "review_reasons", "dataset",
)

INCIDENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# pandas dtypes used when reading data/incidents.csv; everything else is a string.
INCIDENT_DTYPES: dict[str, str] = {
    "year": "Int64",
    "time_precision": "Int64",
    "inter1": "Int64",
    "inter2": "Int64",
    "interaction": "Int64",
    "iso": "Int64",
    "latitude": "Float64",
    "confidence": "Float64",
    "longitude": "Float64",
    "geo_precision": "Int64",
    "fatalities": "Int64",
    "fatalities_low": "Int64",
    "fatalities_high": "Int64",
    "wounded": "Int64",
    "arrested": "Int64",
    "span_start": "Int64",
    "span_end": "Int64",
    "timestamp": "Int64",
}

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "file", "part", "title", "outlet", "published", "published_precision",
    "char_start", "char_end", "chrome_spans", "url", "date_source", "record", "ingested_at", "dataset", "text",
)

ARTICLE_DTYPES: dict[str, str] = {"part": "Int64", "char_start": "Int64", "char_end": "Int64"}

# The governorates the dashboard shows by default (names of incidents.places.governorates.GOVERNORATES,
# the one list of governorate names).
FOCUS_GOVERNORATES: tuple[str, ...] = ("Kirkuk", "Salah ad-Din", "Diyala", "Nineveh")

# ACLED taxonomy: event type -> its sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike", "Suicide bomb", "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack", "Grenade", "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": (
        "Arrests", "Disrupted weapons use", "Looting/property destruction", "Agreement",
        "Change to group/activity", "Headquarters or base established", "Non-violent transfer of territory",
        "Other",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}

# One colour per event type, everywhere (map, timeline, source highlights, table). RGB.
EVENT_TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "Battles": (214, 39, 40),
    "Explosions/Remote violence": (255, 127, 14),
    "Violence against civilians": (148, 103, 189),
    "Strategic developments": (31, 119, 180),
    "Protests": (44, 160, 44),
    "Riots": (140, 86, 75),
}
UNKNOWN_TYPE_COLOR: tuple[int, int, int] = (127, 127, 127)

ISLAMIC_STATE = "Islamic State (Iraq)"

# ACLED precision codes.
TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "town", 2: "near a town / part of a region", 3: "governorate only"}
