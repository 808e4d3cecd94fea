"""The Review page's logic without Streamlit: the queue, and each action as correction rows.

- ``review_queue(df, order, unreviewed_only)``: the filtered incidents in review order, "confidence"
  (lowest first, rows without a confidence last, then newest) or "newest" (newest first, undated
  last); with ``unreviewed_only`` the confirmed ones are left out.
- ``edit_entries(row, changes, gazetteer, reason)``: the analyst's new values of the fields a person
  edits (``EDITABLE``: type and sub-type, the date window, the place, the counts, the actors) as
  ``override`` entries, with the columns that follow from them written too (``derived``: the place's
  governorate, district, country, coordinates and precision; the window's best date, year and
  precision; the type's disorder type; the actors' ACLED inter codes). Only changed columns.
- ``add_entries(article, start, end, fields, gazetteer, reason)``: a missed incident told by
  ``article``'s text[start:end] (an ``add`` whose id is the extractor's id for that span, then a
  ``confirm``: an analyst made it).
- ``reject_entry``, ``merge_entry``, ``confirm_entry``; ``undo_target(corrections, analyst)``: what the
  analyst's Undo takes back (their last action that still applies).
- ``history(corrections, event_id)``: every correction of an incident, in file order, with whether
  it still applies; ``field_spans(row)``: the place, date and count spans of a row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from incidents.dataset.correction_log import Entry
from incidents.dataset.correction_rules import confirmed, effective, row_text
from incidents.extract.actors import INTER, inter_code, interaction
from incidents.extract.dedupe import event_id as span_event_id
from incidents.extract.rows import ISO_NUMERIC, source_scale
from incidents.places.geo import PRECISION_BY_KIND, Gazetteer, Place
from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPES

ORDERS = {"confidence": "lowest confidence first", "newest": "newest first"}
EDITABLE = ("event_type", "sub_event_type", "date_start", "date_end", "place", "fatalities_low", "fatalities",
            "fatalities_high", "wounded", "arrested", "actor1", "actor2")
REJECT_KINDS = ("not an incident", "outside scope", "duplicate of")
KNOWN_ACTORS: tuple[str, ...] = tuple(sorted(INTER))


def review_queue(df: pd.DataFrame, order: str = "confidence", unreviewed_only: bool = False) -> pd.DataFrame:
    """The incidents of ``df`` in review order (module docstring); index reset."""
    out = df.copy()
    if unreviewed_only and "review_reasons" in out:
        out = out[[not confirmed(v) for v in out["review_reasons"]]]
    dates = pd.to_datetime(out.get("event_date"), errors="coerce") if "event_date" in out else None
    out = out.assign(_date=dates, _conf=pd.to_numeric(out.get("confidence"), errors="coerce"))
    if order == "newest":
        out = out.sort_values(["_date", "event_id"], ascending=[False, True], na_position="last", kind="stable")
    elif order == "confidence":
        out = out.sort_values(["_conf", "_date", "event_id"], ascending=[True, False, True], na_position="last",
                              kind="stable")
    else:
        raise ValueError(f"unknown order {order!r}: use {' or '.join(ORDERS)}")
    return out.drop(columns=["_date", "_conf"]).reset_index(drop=True)


def place_label(p: Place) -> str:
    """How a gazetteer place reads in the picker, and its key there (unique: a town and its
    governorate share a name): "Hawija (town, Kirkuk)", "Kirkuk (governorate)", "Syria (country)"."""
    where = p.admin1 if p.kind not in ("governorate", "country") and p.admin1 else ""
    return f"{p.name} ({p.kind}{', ' + where if where else ''})"


def places_by_label(gazetteer: Gazetteer) -> dict[str, Place]:
    """Every place of the gazetteer by its ``place_label``, in label order (for the picker)."""
    return dict(sorted((place_label(p), p) for p in gazetteer.places))


def place_columns(place: Place | None) -> dict[str, str]:
    """location, admin1, admin2, country, iso, latitude, longitude, geo_precision of a gazetteer place
    (precision as the extractor gives it, ``PRECISION_BY_KIND``: a governorate or a country alone 3,
    at its point; admin1 only for Iraq's governorates, as the boundaries name them); all empty for
    None."""
    if place is None:
        return dict.fromkeys(("location", "admin1", "admin2", "country", "iso", "latitude", "longitude",
                              "geo_precision"), "")
    iraqi = place.admin1 in GOVERNORATES
    return {"location": place.name, "admin1": place.admin1 if iraqi else "", "admin2": place.admin2 if iraqi else "",
            "country": place.country, "iso": str(ISO_NUMERIC.get(place.country, "")),
            "latitude": f"{place.latitude:.5f}", "longitude": f"{place.longitude:.5f}",
            "geo_precision": str(PRECISION_BY_KIND.get(place.kind, 1))}


def place_of(row: Mapping, gazetteer: Gazetteer) -> str:
    """The label of the gazetteer place a row is located to ("" when its place is none of them, as
    "60 km south of Mosul"): same name, governorate and precision."""
    t = row_text(row)
    name = t["location"] or t["admin1"] or t["country"]
    for p in gazetteer.lookup(name) if name else ():
        if place_columns(p)["geo_precision"] == t["geo_precision"] and place_columns(p)["admin1"] == t["admin1"]:
            return place_label(p)
    return ""


def date_columns(start: date | None, end: date | None) -> dict[str, str]:
    """event_date, year, time_precision, date_start, date_end of a window (one day when only one end
    is given; all empty when neither). Precision: 1 one day, 2 up to a week, 3 longer."""
    start, end = start or end, end or start
    if start is None:
        return dict.fromkeys(("event_date", "year", "time_precision", "date_start", "date_end"), "")
    start, end = min(start, end), max(start, end)
    days = (end - start).days + 1
    return {"event_date": start.isoformat(), "year": str(start.year),
            "time_precision": "1" if days == 1 else "2" if days <= 7 else "3",
            "date_start": start.isoformat(), "date_end": end.isoformat()}


def disorder_type(event_type: str) -> str:
    """ACLED's disorder type of an event type."""
    if event_type == "Strategic developments":
        return event_type
    return "Demonstrations" if event_type in ("Protests", "Riots") else "Political violence"


def actor_columns(actor1: str, actor2: str) -> dict[str, str]:
    """actor1, actor2, their inter codes, the interaction code and civilian_targeting."""
    i1, i2 = inter_code(actor1), inter_code(actor2)
    both = interaction(i1, i2)
    return {"actor1": actor1, "actor2": actor2, "inter1": "" if i1 is None else str(i1),
            "inter2": "" if i2 is None else str(i2), "interaction": "" if both is None else str(both),
            "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else ""}


def derived(fields: Mapping[str, object], gazetteer: Gazetteer) -> dict[str, str]:
    """The incident columns of the editable ``fields`` (``EDITABLE`` names; ``place`` a
    ``place_label`` or "", dates ``datetime.date`` or None, counts ints or None), the columns that follow from
    them included."""
    etype = str(fields.get("event_type") or "")
    sub = str(fields.get("sub_event_type") or "")
    if sub and etype and sub not in EVENT_TYPES.get(etype, ()):
        raise ValueError(f"'{sub}' is not a sub-event type of {etype}")
    out = {"event_type": etype, "sub_event_type": sub, "disorder_type": disorder_type(etype) if etype else ""}
    out.update(date_columns(fields.get("date_start"), fields.get("date_end")))
    name = str(fields.get("place") or "")
    place = places_by_label(gazetteer).get(name) if name else None
    if name and place is None:
        raise ValueError(f"'{name}' is not a place of the gazetteer")
    out.update(place_columns(place))
    out.update(actor_columns(str(fields.get("actor1") or ""), str(fields.get("actor2") or "")))
    counts = {k: fields.get(k) for k in ("fatalities_low", "fatalities", "fatalities_high", "wounded", "arrested")}
    if any(v is not None and int(v) < 0 for v in counts.values()):
        raise ValueError("counts of people cannot be negative")
    low, best, high = (counts[k] for k in ("fatalities_low", "fatalities", "fatalities_high"))
    if best is not None and ((low is not None and low > best) or (high is not None and high < best)):
        raise ValueError("the fatalities must be low <= best <= high")
    out.update({k: "" if v is None else str(int(v)) for k, v in counts.items()})
    return out


def editable_values(row: Mapping, gazetteer: Gazetteer) -> dict[str, object]:
    """The editable fields of a row as the edit form starts them (dates as ``datetime.date``, counts
    as ints, the place as its ``place_label`` when it is a gazetteer place, else "")."""
    t = row_text(row)
    return {"event_type": t["event_type"], "sub_event_type": t["sub_event_type"],
            "date_start": date.fromisoformat(t["date_start"]) if t["date_start"] else None,
            "date_end": date.fromisoformat(t["date_end"]) if t["date_end"] else None,
            "place": place_of(row, gazetteer),
            **{k: int(t[k]) if t[k] else None for k in ("fatalities_low", "fatalities", "fatalities_high",
                                                        "wounded", "arrested")},
            "actor1": t["actor1"], "actor2": t["actor2"]}


# editable fields -> the columns they write (with those that follow from them)
GROUPS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("event_type", "sub_event_type"): ("event_type", "sub_event_type", "disorder_type"),
    ("date_start", "date_end"): ("event_date", "year", "time_precision", "date_start", "date_end"),
    ("place",): tuple(place_columns(None)),
    ("fatalities_low", "fatalities", "fatalities_high", "wounded", "arrested"):
        ("fatalities_low", "fatalities", "fatalities_high", "wounded", "arrested"),
    ("actor1", "actor2"): ("actor1", "actor2", "inter1", "inter2", "interaction", "civilian_targeting"),
}


def edit_entries(row: Mapping, changes: Mapping[str, object], gazetteer: Gazetteer, reason: str) -> list[Entry]:
    """Override entries for the columns whose text ``changes`` (editable fields, as ``derived`` takes
    them) alter on ``row``: for each group of fields the analyst changed (``GROUPS``), its columns
    that differ. [] when nothing changes. ValueError for values that do not fit together."""
    start = editable_values(row, gazetteer)
    new = {**start, **changes}
    before, after = row_text(row), derived(new, gazetteer)
    columns = [c for fields, cols in GROUPS.items() if any(new[f] != start[f] for f in fields) for c in cols]
    # a new best count comes with the range the form shows: written too, or the build would narrow it to the count
    kept = {"fatalities_low", "fatalities_high"} if before.get("fatalities", "") != after.get("fatalities", "") else set()
    return [Entry(before["event_id"], "override", c, after[c], reason) for c in columns
            if before.get(c, "") != after[c] or c in kept]


def confirm_entry(event_id: str, reason: str = "checked against the source text") -> Entry:
    """The row of a Confirm."""
    return Entry(event_id, "confirm", reason=reason)


def reject_entry(event_id: str, kind: str, reason: str, duplicate_of: str = "") -> Entry:
    """The row of a Reject: ``kind`` one of REJECT_KINDS ("duplicate of" names ``duplicate_of``)."""
    if kind not in REJECT_KINDS:
        raise ValueError(f"unknown reason to reject {kind!r}: use {', '.join(REJECT_KINDS)}")
    if kind == "duplicate of" and not duplicate_of:
        raise ValueError("name the incident this one duplicates")
    value = f"duplicate of {duplicate_of}" if kind == "duplicate of" else kind
    return Entry(event_id, "reject", value=value, reason=reason)


def merge_entry(kept: str, other: str, reason: str) -> Entry:
    """The row of a Merge: ``other`` is told again by ``kept``, which lists the sources of both."""
    if not other or other == kept:
        raise ValueError("choose another incident to merge into this one")
    return Entry(kept, "merge", value=other, reason=reason)


def add_entries(article: Mapping, start: int, end: int, fields: Mapping[str, object], gazetteer: Gazetteer,
                reason: str) -> list[Entry]:
    """A missed incident told by ``article["text"][start:end]`` with the editable ``fields``: an
    ``add`` (id: the extractor's id for that span) and a ``confirm`` of it. ValueError for a span
    outside the text or empty."""
    text = str(article.get("text") or "")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"the span must lie in the article's text: 0 <= start < end <= {len(text)}")
    aid, outlet = str(article["article_id"]), str(article.get("outlet") or "")
    eid = span_event_id(aid, start, end)
    row = {**derived(fields, gazetteer), "region": "Middle East", "source": outlet,
           "source_scale": source_scale(outlet), "source_articles": aid, "article_id": aid, "span_start": start,
           "span_end": end, "quote": text[start:end], "method": "analyst", "dataset": "extracted", "timestamp": 0}
    row = {k: v for k, v in row.items() if v != ""}
    return [Entry(eid, "add", value=json.dumps(row, ensure_ascii=False, sort_keys=True), reason=reason),
            confirm_entry(eid, "added from the article text")]


def undo_target(corrections: Sequence, analyst: str):
    """The last correction of ``analyst`` (the first row of its action) that still applies, or None."""
    mine = [c for c in effective(corrections) if c.analyst == analyst]
    if not mine:
        return None
    key = mine[-1].key
    return next(c for c in mine if c.key == key)


@dataclass(frozen=True)
class Step:
    """One correction of an incident's history and whether it still applies."""

    correction: object
    applies: bool


def history(corrections: Sequence, event_id: str) -> list[Step]:
    """Every correction that names ``event_id`` (its own, or as the incident merged away), in file order."""
    live = {id(c) for c in effective(corrections)}
    return [Step(c, c.action != "undo" and id(c) in live) for c in corrections
            if c.event_id == event_id or (c.action == "merge" and c.value == event_id)]


def field_spans(row: Mapping) -> list[tuple[int, int, str]]:
    """(start, end, what) of the place, date and count spans of a row ("a:b" cells; counts
    ";"-joined), in text order; malformed cells are skipped."""
    t = row_text(row)
    out = []
    for col, what in (("place_span", "place"), ("date_span", "date"), ("count_spans", "count")):
        for part in t[col].split(";"):
            a, sep, b = part.partition(":")
            if sep and a.strip().isdigit() and b.strip().isdigit() and int(a) < int(b):
                out.append((int(a), int(b), what))
    return sorted(out)


def confidence_text(row: Mapping) -> str:
    """The confidence as the pages show it: "confirmed" once an analyst confirmed the incident, else
    the extractor's figure ("0.35"), or "not rated" (imported rows)."""
    t = row_text(row)
    if confirmed(t["review_reasons"]):
        return "confirmed"
    return f"{float(t['confidence']):.2f}" if t["confidence"] else "not rated"
