"""How much an extracted incident can be trusted, and why not more: ``confidence`` and ``review_reasons``.

``assess(row, date_source) -> (confidence, reasons)`` reads the evidence a merged row carries (its
place and how it was found, its date and where the article's date came from, its trigger, its counts,
how many mentions and articles tell it) and returns a confidence in [0, 1] with the short reasons that
lowered or raised it, so the review page can put the doubtful rows first. The weights are a table
(``WEIGHTS``), not code: each reason subtracts (or adds) its weight from a start of ``START``.

Calibrated on the development part of the real corpus (``scripts/eval_real.py dev`` prints precision
at confidence >= 0.5 and >= 0.8); never on the held-out part.
"""

from __future__ import annotations

from incidents.extract import dedupe as D

START = 0.9
FLOOR, CEILING = 0.05, 0.99

# reason -> change of confidence (negative: doubt, positive: support)
WEIGHTS: dict[str, float] = {
    "no place": -0.35,
    "place from the dateline only": -0.25,
    "place on a governorate border": -0.15,
    "governorate only": -0.1,
    "no place in its own sentence": -0.1,
    "undated": -0.15,
    "date from metadata only": -0.05,
    "date from the address only": -0.05,
    "weak trigger": -0.2,
    "no count": -0.05,
    "count from headline": -0.1,
    "counts differ": -0.1,
    "merged mentions": 0.05,
    "told by several articles": 0.1,
    "may repeat": -0.3,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
REPEAT_WINDOW = 500   # rows of one bucket looked back at (bounds the time on large builds)
_WEAK_FAMILIES = frozenset({"kill", "operation"})


def _evidence(row: dict) -> tuple:
    """(article id, date window, killed range) of a row, read once (what ``possible_repeats`` compares)."""
    return row.get("article_id"), D.event_window(row), D.count_range(row)


def _compatible(a: tuple, b: tuple) -> bool:
    """``D.dates_compatible`` and ``D.counts_compatible`` of two rows' evidence, rows of two articles."""
    if a[0] == b[0]:
        return False
    wa, wb = a[1], b[1]
    if wa is not None and wb is not None and not (wa[0] <= wb[1] and wb[0] <= wa[1]):
        return False
    ra, rb = a[2], b[2]
    if ra is None or rb is None:
        return True
    (la, ha), (lb, hb) = ra, rb
    return la <= (hb if hb is not None else 10**9) and lb <= (ha if ha is not None else 10**9)


def possible_repeats(rows: list[dict], only: set[int] | None = None) -> dict[int, str]:
    """Rows that may tell an incident an earlier row of another article already tells, but that could
    not be proven the same (one undated, or another sub-event type and no shared toll): index -> the
    event id of the earlier row. Same country and governorate, same kind of event ("attack", "air",
    "operation"), compatible dates and tolls, among the last ``REPEAT_WINDOW`` rows of that kind. The
    first told keeps its confidence; the later is doubted. ``only``: the indexes to answer for (the
    others are still looked back at); None for all."""
    out: dict[int, str] = {}
    seen: dict[tuple, list[tuple]] = {}    # (country, governorate, kind) -> (evidence, row) of rows so far
    for j, b in enumerate(rows):
        if not b.get("admin1"):
            continue
        bucket = seen.setdefault((b.get("country"), b["admin1"], D.event_group(b)), [])
        eb = _evidence(b)
        if only is None or j in only:
            a = next((a for ea, a in bucket[-REPEAT_WINDOW:] if _compatible(ea, eb)), None)
            if a is not None:
                out[j] = str(a.get("event_id", ""))
        bucket.append((eb, b))
    return out


def reasons_of(row: dict, date_source: str = "") -> list[str]:
    """The review reasons of one merged row (keys of ``WEIGHTS``, some with their figure).

    In: a row with INCIDENT_COLUMNS and the private evidence keys of extraction (``_own_place``,
    ``_weak_place``, ``_border_place``, ``_family``, ``_mentions``, ``_count_from_title``) and the article's date source.
    """
    out = []
    if not row.get("admin1"):
        out.append("no place")
    elif row.get("_border_place"):
        out.append("place on a governorate border")
    elif row.get("_weak_place"):
        out.append("place from the dateline only")
    elif str(row.get("geo_precision")) == "3":
        out.append("governorate only")
    if row.get("admin1") and not row.get("_own_place") and not row.get("_weak_place"):
        out.append("no place in its own sentence")
    if not row.get("date_start"):
        out.append("undated")
    elif date_source == "metadata":
        out.append("date from metadata only")
    elif date_source == "url":
        out.append("date from the address only")
    if row.get("_family") in _WEAK_FAMILIES:
        out.append("weak trigger")
    if row.get("fatalities") in ("", None) and row.get("wounded") in ("", None) and row.get("arrested") in ("", None):
        out.append("no count")
    if row.get("_count_from_title"):
        out.append("count from headline")
    low, high = row.get("fatalities_low"), row.get("fatalities_high")
    if low not in ("", None) and high not in ("", None) and int(low) != int(high):
        out.append("counts differ")
    if int(row.get("_mentions") or 1) > 1:
        out.append("merged mentions")
    if len([x for x in str(row.get("source_articles") or "").split("; ") if x]) > 1:
        out.append("told by several articles")
    if row.get("_repeats"):
        out.append("may repeat")
    return out


def assess(row: dict, date_source: str = "") -> tuple[float, str]:
    """(confidence rounded to 2 places, review reasons "; "-joined with their figures) of one row."""
    reasons = reasons_of(row, date_source)
    score = START + sum(WEIGHTS[r] for r in reasons)
    shown = []
    for r in reasons:
        if r == "merged mentions":
            shown.append(f"merged from {int(row.get('_mentions') or 1)} mentions")
        elif r == "may repeat":
            shown.append(f"may repeat {row['_repeats']}")
        elif r == "told by several articles":
            shown.append(f"told by {len(str(row['source_articles']).split('; '))} articles")
        elif r == "undated" and row.get("_lead_weekdays"):   # an undated article's lead: "... on Wednesday"
            shown.append(f"undated (the lead says {WEEKDAY_NAMES[row['_lead_weekdays'][0]]})")
        else:
            shown.append(r)
    return round(min(CEILING, max(FLOOR, score)), 2), "; ".join(shown)
