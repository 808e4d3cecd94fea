"""The incident table's columns of one place, one date and one span, as the extraction stages write them.

``location_columns(loc)``, ``date_columns(date_mention)``: the columns a ``places.geo.Location`` and an
``extract.dates.DateMention`` fill ("" where None); ``span_text(article, span)``: an analysis-text span as
"start:end" in the article's own text; ``iso(d)``: a date's ISO text.
"""

from __future__ import annotations

from datetime import date


def iso(d: date | None) -> str:
    """ISO text of a date, "" for None."""
    return d.isoformat() if d else ""


def location_columns(loc) -> dict:
    """admin1, admin2, location, latitude, longitude, geo_precision of a Location ("" when None)."""
    if loc is None:
        return dict.fromkeys(("admin1", "admin2", "location", "latitude", "longitude", "geo_precision"), "")
    return {"admin1": loc.admin1, "admin2": loc.admin2, "location": loc.location, "latitude": loc.latitude,
            "longitude": loc.longitude, "geo_precision": loc.geo_precision}


def date_columns(dm) -> dict:
    """event_date, year, time_precision, date_start, date_end of a DateMention ("" when None)."""
    if dm is None:
        return dict.fromkeys(("event_date", "year", "time_precision", "date_start", "date_end"), "")
    first = dm.event_date or dm.date_start
    return {"event_date": iso(dm.event_date), "year": first.year if first else "",
            "time_precision": dm.time_precision or "", "date_start": iso(dm.date_start), "date_end": iso(dm.date_end)}


def span_text(article, span: tuple[int, int] | None) -> str:
    """"start:end" of an analysis-text span in ``article.text`` offsets, "" for None."""
    if span is None:
        return ""
    lo, hi = article.analysis().to_source(*span)
    return f"{lo}:{hi}"
