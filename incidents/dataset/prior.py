"""An incident row as stored in incidents.csv, made ready to merge again: typed values and the evidence
keys that extraction keeps in memory only.

``prior_row(cells) -> dict`` takes the cells of a stored ``extracted`` row (column -> text) and gives
the dict that ``incidents.extract.dedupe`` and ``incidents.extract.confidence`` read: numbers as
numbers, and the private keys rebuilt from what the row says of itself:

- ``_family`` / ``_priority`` (the kind of trigger): the family of the rule in ``method`` (the rule
  that found the kept span), unless ``sub_event_type`` names a more specific means taken from
  another mention (an airstrike told as an "attack" elsewhere), whose family it then is;
- ``_weak_place``, ``_border_place``, ``_own_place``, ``_mentions``, ``_count_from_title``: from ``review_reasons``
  ("place from the dateline only", "place on a governorate border", "no place in its own sentence", "merged from N mentions",
  "count from headline"), which ``confidence.assess`` wrote from exactly these keys;
- ``_objects``: the "(11 hideouts; 3 tunnels)" that ``rows.make_note`` adds to a note;
- ``_lead_weekdays``: the weekday of "undated (the lead says Wednesday)" in ``review_reasons``.

What cannot be rebuilt is the order of mentions inside an article; it plays no part once an
article's rows are one incident. So a new article merges into a stored incident as it would have
in one build with the stored articles first (``add`` relies on this).
"""

from __future__ import annotations

import re

from incidents.extract import types as T
from incidents.extract.confidence import WEEKDAY_NAMES
from incidents.extract.rows import make_note
from incidents.places.geo import names_governorate_part
from incidents.schema import INCIDENT_DTYPES

# sub-event types that name the means, and the trigger family that gives them
SUB_FAMILY: dict[str, str] = {
    "Suicide bomb": "suicide", "Remote explosive/landmine/IED": "ied", "Grenade": "grenade",
    "Air/drone strike": "air", "Shelling/artillery/missile attack": "shelling",
    "Abduction/forced disappearance": "abduction", "Arrests": "arrest", "Disrupted weapons use": "disrupted",
}
RULE_FAMILY: dict[str, tuple[str, str]] = {rule: (family, sub) for rule, family, _et, sub, _s, _p in T._RULES}
RULE_FAMILY["suicide_bomber_neutralised"] = ("disrupted_suicide", "Disrupted weapons use")
_MENTIONS = re.compile(r"merged from (\d+) mentions")
_LEAD_DAY = re.compile(r"undated \(the lead says (\w+)\)")


def family_of(method: str, sub_event_type: str) -> str:
    """The trigger family of a stored row (module docstring)."""
    rule = str(method or "").split("+")[0]
    family, rule_sub = RULE_FAMILY.get(rule, ("", ""))
    means = SUB_FAMILY.get(sub_event_type)
    if family and (rule_sub == sub_event_type or means is None):
        return family
    return means or family or "clash"


def _typed(column: str, value: str):
    kind = INCIDENT_DTYPES.get(column)
    if kind is None or value == "":
        return value
    try:
        number = float(value)
    except ValueError:
        return ""
    if kind == "Int64":
        return int(number) if number.is_integer() else ""
    return number


def _lead_weekdays(reasons: str) -> tuple[int, ...]:
    """The weekday an undated row's reason "undated (the lead says Wednesday)" names, as (2,); () when none."""
    day = _LEAD_DAY.search(reasons)
    return (WEEKDAY_NAMES.index(day.group(1)),) if day and day.group(1) in WEEKDAY_NAMES else ()


def _objects(row: dict, note: str) -> str:
    """The "(...)" part of a note that ``make_note`` adds from ``_objects``, or ""."""
    base = make_note(row)
    if note != base and note.startswith(base[:-1] + " (") and note.endswith(")."):
        return note[len(base) + 1:-2]
    return ""


def prior_row(cells: dict[str, str]) -> dict:
    """A stored row (column -> text) as a row to merge again (module docstring)."""
    row = {c: _typed(c, v) for c, v in cells.items()}
    reasons = str(cells.get("review_reasons") or "")
    family = family_of(cells.get("method", ""), cells.get("sub_event_type", ""))
    mentions = _MENTIONS.search(reasons)
    border = "place on a governorate border" in reasons
    row.update({
        "_family": family, "_priority": T._PRIORITY.get(family, 0), "_title": False, "_continues": False,
        "_weak_place": "place from the dateline only" in reasons or border,
        "_border_place": border,
        "_region": names_governorate_part(str(cells.get("location") or ""), cells.get("geo_precision")),
        "_own_place": "no place in its own sentence" not in reasons and not border,
        "_mentions": int(mentions.group(1)) if mentions else 1,
        "_count_from_title": "count from headline" in reasons,
        "_lead_weekdays": _lead_weekdays(reasons),
    })
    row["_objects"] = _objects(row, str(cells.get("notes") or ""))
    return row
