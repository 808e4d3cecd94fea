"""Ibis expressions for the store: Filters -> predicates -> aggregate expressions.

Pure functions of an Ibis table (any backend) and a ``Filters`` value; nothing here executes a
query. ``incidents.store.store.Store`` runs them, so the same code serves DuckDB and PostgreSQL.

The incident table is expected with the schema's columns and these engine types: dates
(event_date, date_start, date_end) as DATE, latitude/longitude as floating point, counts and
codes as integers, the rest as strings. Multi-valued strings (source, source_articles) are
"; "-joined.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from incidents.filters import FILTERS, Filters
from incidents.filters import SEP as SEP  # the list separator and test, kept here for incidents.store.store
from incidents.filters import in_list as in_list

UNKNOWN = "Unknown"
FREQS = {"week": "W", "month": "M"}
GROUPS = ("event_type", "admin1", "sub_event_type", "dataset", "country")

# Columns of the rows the map draws as points (no long text but a short quote).
POINT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "location", "admin1", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "source", "article_id",
    "dataset",
)
QUOTE_CHARS = 240  # length of the quote kept for map tooltips


def predicates(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """The row conditions of ``f`` on incident table ``t`` (all must hold): those of each filter
    of ``incidents.filters.FILTERS``, in table order (each filter's ``predicate`` says what it
    keeps)."""
    return [cond for spec in FILTERS for cond in spec.predicate(t, f)]


def filtered(t: ir.Table, f: Filters, *extra: ir.BooleanValue) -> ir.Table:
    """``t`` restricted to the rows ``f`` selects (and the ``extra`` conditions on ``t``), in
    one filter step (fewer steps compile faster)."""
    preds = predicates(t, f) + list(extra)
    return t.filter(*preds) if preds else t


def _n(cond: ir.BooleanValue) -> ir.IntegerScalar:
    """How many rows satisfy ``cond`` (portable: no boolean-to-integer cast)."""
    return ibis.ifelse(cond, 1, 0).sum().cast("int64")


def _fat(t: ir.Table, col: str = "fatalities") -> ir.IntegerValue:
    return t[col].fill_null(t.fatalities).fill_null(0)


def summary(t: ir.Table, f: Filters) -> ir.Table:
    """One row: incidents, fatalities (best, low, high sums), governorates, articles, undated,
    governorate_only (geo_precision 3), dated_min, dated_max."""
    s = filtered(t, f)
    return s.aggregate(
        incidents=s.count(),
        fatalities=s.fatalities.fill_null(0).sum().cast("int64"),
        fatalities_low=_fat(s, "fatalities_low").sum().cast("int64"),
        fatalities_high=_fat(s, "fatalities_high").sum().cast("int64"),
        governorates=s.admin1.nunique(),
        articles=s.article_id.nunique(),
        undated=_n(s.event_date.isnull()),
        governorate_only=_n((s.geo_precision == 3).fill_null(False)),
        date_min=s.event_date.min(),
        date_max=s.event_date.max(),
    )


def order_by(s: ir.Table, order: str) -> ir.Table:
    """Sort: "latest" (newest first, undated last), "oldest", "fatalities" (most first)."""
    if order == "oldest":
        keys = [ibis.asc(s.event_date, nulls_first=False), s.event_id]
    elif order == "fatalities":
        keys = [ibis.desc(s.fatalities.fill_null(0)), ibis.desc(s.event_date, nulls_first=False), s.event_id]
    elif order == "latest":
        keys = [ibis.desc(s.event_date, nulls_first=False), s.event_id]
    else:
        raise ValueError(f"unknown order {order!r}: use latest, oldest or fatalities")
    return s.order_by(keys)


def timeline(t: ir.Table, f: Filters, freq: str = "week", by: str | None = "event_type") -> ir.Table:
    """Dated incidents per period (Monday weeks or calendar months) and group.

    Columns: period (DATE of the period's first day), group (value of ``by``, "Unknown" when
    empty; omitted when ``by`` is None), incidents, fatalities, fatalities_low, fatalities_high.
    Undated rows are left out.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown freq {freq!r}: use week or month")
    if by is not None and by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}: use one of {', '.join(GROUPS)}")
    s = filtered(t, f, t.event_date.notnull())
    keys = {"period": s.event_date.truncate(FREQS[freq])}
    if by is not None:
        keys["group"] = s[by].fill_null(UNKNOWN)
    g = s.group_by(**keys).aggregate(
        incidents=s.count(),
        fatalities=s.fatalities.fill_null(0).sum().cast("int64"),
        fatalities_low=_fat(s, "fatalities_low").sum().cast("int64"),
        fatalities_high=_fat(s, "fatalities_high").sum().cast("int64"),
    )
    return g.order_by(["period", "group"] if by is not None else ["period"])


def by_governorate(t: ir.Table, f: Filters) -> ir.Table:
    """admin1 ("Unknown" when empty), incidents, fatalities; most incidents first."""
    s = filtered(t, f)
    g = s.group_by(admin1=s.admin1.fill_null(UNKNOWN)).aggregate(
        incidents=s.count(), fatalities=s.fatalities.fill_null(0).sum().cast("int64")
    )
    return g.order_by([ibis.desc("incidents"), "admin1"])


def map_bins(t: ir.Table, f: Filters, cell_deg: float) -> ir.Table:
    """Located incidents counted in a grid of ``cell_deg`` degree cells, computed in the engine.

    Columns: longitude, latitude (the cell's centre), incidents, fatalities, governorate_only
    (how many of them are placed only to a governorate). Cells without incidents are absent.
    """
    if not cell_deg or cell_deg <= 0:
        raise ValueError("cell_deg must be a positive number of degrees")
    s = filtered(t, f, t.latitude.notnull(), t.longitude.notnull())
    cell = float(cell_deg)
    g = s.group_by(gx=(s.longitude / cell).floor(), gy=(s.latitude / cell).floor()).aggregate(
        incidents=s.count(),
        fatalities=s.fatalities.fill_null(0).sum().cast("int64"),
        governorate_only=_n((s.geo_precision == 3).fill_null(False)),
    )
    return g.select(
        longitude=(g.gx.cast("float64") + 0.5) * cell,
        latitude=(g.gy.cast("float64") + 0.5) * cell,
        incidents=g.incidents,
        fatalities=g.fatalities,
        governorate_only=g.governorate_only,
    ).order_by([ibis.desc("incidents"), "longitude", "latitude"])


def map_points(t: ir.Table, f: Filters) -> ir.Table:
    """Located incidents with the columns a map point and its tooltip need (POINT_COLUMNS and
    ``quote`` cut to QUOTE_CHARS characters), newest first."""
    s = filtered(t, f, t.latitude.notnull(), t.longitude.notnull())
    cols = [s[c] for c in POINT_COLUMNS]
    s = s.select(*cols, quote=s.quote.substr(0, QUOTE_CHARS))
    return order_by(s, "latest")


def distinct(t: ir.Table, column: str) -> ir.Table:
    """Distinct non-empty values of ``column``, sorted."""
    col = t[column]
    return t.filter(col.notnull()).select(value=col).distinct().order_by("value")
