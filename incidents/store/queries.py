"""The store's queries, each written once: a function of the tables and its own arguments.

Every query takes the tables first (``Tables``: a ``Store``) and then its arguments, builds one
Ibis expression (any backend: DuckDB by default, PostgreSQL in the tests) from a ``Filters``
value, runs it through ``tables.frame`` / ``tables.value`` and returns plain results: frames
(aggregates or limited rows, never a copy of the whole table unless asked for), dicts, ints.
``@query`` registers it under its name in ``QUERIES``; ``Store.run(name, *args, **kw)`` and the
dashboard's one cached call (``incidents.ui.data.run``) look it up there.

The incident table is expected with the schema's columns and these engine types: dates
(event_date, date_start, date_end) as DATE, latitude/longitude as floating point, counts and
codes as integers, the rest as strings. Multi-valued strings (source, source_articles) are
"; "-joined. Results: dates as ISO strings (``None`` when missing), except ``period`` in
timelines (pandas datetime64, the period's first day); integer columns pandas ``Int64``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

import ibis
import ibis.expr.types as ir
import pandas as pd

from incidents.filters import FILTERS, Filters, actor_name
from incidents.filters import SEP as SEP  # the list separator and test, kept here for incidents.store.store
from incidents.filters import in_list as in_list
from incidents.problems import Problem
from incidents.schema import ARTICLE_COLUMNS
from incidents.store import options_file
from incidents.store.results import scalar
from incidents.trends import HISTORY, TABLE_COLUMNS, Window, trend_table, window

UNKNOWN = "Unknown"
FREQS = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
GROUPS = ("event_type", "admin1", "sub_event_type", "dataset", "country")

# Columns of the rows the map draws as points (no long text but a short quote).
POINT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "date_start", "date_end", "time_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "wounded", "arrested", "source",
    "article_id", "dataset",
)
QUOTE_CHARS = 240  # length of the quote kept for map tooltips
SUMMARY_COUNTS = ("incidents", "fatalities", "fatalities_low", "fatalities_high", "governorates",
                  "articles", "undated", "governorate_only", "undated_apart")


class Tables(Protocol):
    """What a query needs (a ``Store``): the two tables, where options are kept, and a way to
    run an expression."""

    incidents: ir.Table
    articles: ir.Table
    load_problems: ir.Table | None
    options_file: Path | None

    def frame(self, expr: ir.Table, limit: int | None = None) -> pd.DataFrame: ...

    def value(self, expr: ir.Scalar) -> object: ...


QUERIES: dict[str, Callable[..., object]] = {}


def query(fn: Callable[..., object]) -> Callable[..., object]:
    """Register ``fn`` (tables first, then its own arguments) in ``QUERIES`` under its name."""
    QUERIES[fn.__name__] = fn
    return fn


def lookup(name: str) -> Callable[..., object]:
    """The query registered as ``name``; ValueError (naming the known ones) when there is none."""
    try:
        return QUERIES[name]
    except KeyError:
        raise ValueError(f"unknown query {name!r}: use one of {', '.join(sorted(QUERIES))}") from None


@functools.cache
def _signature(name: str) -> inspect.Signature:
    return inspect.signature(lookup(name))


def arguments(name: str, *args, **kw) -> dict[str, object]:
    """The arguments of a call of query ``name`` by parameter name, defaults filled in, the
    tables left out: one form of a call however it is written (``arguments("timeline", f)`` ==
    ``arguments("timeline", f, "week", by="event_type")``), for cache keys. TypeError when
    they do not fit the query."""
    bound = _signature(name).bind(None, *args, **kw)
    bound.apply_defaults()
    out = dict(bound.arguments)
    del out[next(iter(out))]  # the tables
    return out


# ---------------------------------------------------------------------------------------------
# conditions


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


def has_date_range(f: Filters) -> bool:
    """True when ``f`` sets a date range (``from`` or ``to``): its figures then count only
    incidents dated in it, and its undated incidents are shown apart (``apart``)."""
    return f.date_from is not None or f.date_to is not None


def apart(f: Filters) -> Filters | None:
    """The filters whose undated rows are the undated incidents shown apart from ``f``'s date
    range: ``f`` without its dates (every other filter kept). None when ``f`` sets no date range
    (its undated incidents are counted with the others, or left out) or leaves them out
    (``include_undated`` False)."""
    if not has_date_range(f) or not f.include_undated:
        return None
    return replace(f, date_from=None, date_to=None)


def _n(cond: ir.BooleanValue) -> ir.IntegerScalar:
    """How many rows satisfy ``cond`` (portable: no boolean-to-integer cast)."""
    return ibis.ifelse(cond, 1, 0).sum().cast("int64")


def _fat(t: ir.Table, col: str = "fatalities") -> ir.IntegerValue:
    return t[col].fill_null(t.fatalities).fill_null(0)


def _as_date(v) -> date | None:
    """A date cell (datetime.date, Timestamp, ISO string or None) -> datetime.date or None."""
    v = scalar(v)
    return v if isinstance(v, date) or v is None else pd.Timestamp(v).date()


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


def distinct(t: ir.Table, column: str) -> ir.Table:
    """Distinct non-empty values of ``column``, sorted, as column ``value``."""
    col = t[column]
    return t.filter(col.notnull()).select(value=col).distinct().order_by("value")


# ---------------------------------------------------------------------------------------------
# counts


@query
def count(db: Tables, f: Filters) -> int:
    """How many incidents ``f`` selects."""
    return int(db.value(filtered(db.incidents, f).count()) or 0)


@query
def summary(db: Tables, f: Filters) -> dict:
    """Counts under ``f``: incidents, fatalities, fatalities_low, fatalities_high (sums of best,
    low, high), governorates, articles, undated, governorate_only (geo_precision 3) as ints, and
    date_min/date_max (datetime.date or None). ``undated_apart``: under a date range, the undated
    incidents that match every other filter (counted in none of the other figures; 0 without a
    date range, where ``undated`` counts them, or when f leaves them out)."""
    s = filtered(db.incidents, f)
    row = db.frame(s.aggregate(
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
    )).iloc[0].to_dict()
    out = {k: scalar(v) for k, v in row.items()}
    g, t = apart(f), db.incidents
    out["undated_apart"] = 0 if g is None else int(db.value(filtered(t, g, t.event_date.isnull()).count()) or 0)
    for k in SUMMARY_COUNTS:
        out[k] = int(out[k] or 0)
    for k in ("date_min", "date_max"):
        out[k] = _as_date(out[k])
    return out


@query
def by_governorate(db: Tables, f: Filters) -> pd.DataFrame:
    """admin1 ("Unknown" when empty), incidents, fatalities under ``f``; most incidents first."""
    s = filtered(db.incidents, f)
    g = s.group_by(admin1=s.admin1.fill_null(UNKNOWN)).aggregate(
        incidents=s.count(), fatalities=s.fatalities.fill_null(0).sum().cast("int64")
    )
    return db.frame(g.order_by([ibis.desc("incidents"), "admin1"]))


@query
def data_sources(db: Tables, f: Filters) -> dict:
    """Where the incidents ``f`` selects come from, for credits: ``datasets`` (dataset name ->
    incidents, "Unknown" for an empty one), ``outlets`` (the distinct outlet names of their
    ``source`` cells, sorted) and ``acled_as_of`` (datetime.date, UTC, of the newest ACLED
    ``timestamp`` among them; None without ACLED rows or timestamps)."""
    s = filtered(db.incidents, f)
    g = db.frame(s.group_by(dataset=s.dataset.fill_null(UNKNOWN)).aggregate(
        incidents=s.count(), newest=s.timestamp.max()).order_by("dataset"))
    datasets = {str(d): int(n) for d, n in zip(g["dataset"], g["incidents"], strict=True)}
    newest = [scalar(v) for v in g.loc[g["dataset"] == "acled", "newest"]]
    as_of = pd.Timestamp(int(newest[0]), unit="s", tz="UTC").date() if newest and newest[0] else None
    outlets: set[str] = set()
    for joined in db.frame(distinct(s, "source"))["value"].tolist():
        outlets.update(o.strip() for o in str(joined).split(SEP) if o.strip())
    return {"datasets": datasets, "outlets": sorted(outlets, key=str.casefold), "acled_as_of": as_of}


# ---------------------------------------------------------------------------------------------
# incident rows


@query
def incidents(db: Tables, f: Filters, limit: int | None = None, order: str = "latest",
              columns: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The incidents ``f`` selects, all columns (or ``columns``) in schema order, sorted by
    ``order`` ("latest": newest first, undated last; "oldest"; "fatalities"), at most
    ``limit`` rows."""
    s = order_by(filtered(db.incidents, f), order)
    if columns is not None:
        s = s.select(*columns)
    return db.frame(s, limit)


@query
def latest(db: Tables, f: Filters, n: int = 10) -> pd.DataFrame:
    """The ``n`` newest dated-or-undated incidents under ``f`` (newest first)."""
    return incidents(db, f, limit=n, order="latest")


@query
def undated(db: Tables, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """The undated incidents of ``f``'s view, by event_id, at most ``limit``: without a date range
    those it counts; under a date range those shown apart from it (every other filter matched,
    ``apart``); empty when f leaves undated incidents out."""
    t = db.incidents
    g = apart(f) or f
    return db.frame(filtered(t, g, t.event_date.isnull()).order_by("event_id"), limit)


@query
def incident(db: Tables, event_id: str) -> dict | None:
    """One incident by event_id (all columns), or None."""
    t = db.incidents
    df = db.frame(t.filter(t.event_id == event_id), limit=1)
    return None if df.empty else {k: scalar(v) for k, v in df.iloc[0].to_dict().items()}


# ---------------------------------------------------------------------------------------------
# timelines and maps


def _timeline_table(t: ir.Table, f: Filters, freq: str, by: str | None) -> ir.Table:
    """Dated incidents per period (Monday weeks, calendar months, quarters or years) and group: period (DATE of
    the period's first day), group (value of ``by``, "Unknown" when empty; omitted when ``by``
    is None), incidents, fatalities, fatalities_low, fatalities_high. Undated rows are left out."""
    if freq not in FREQS:
        raise ValueError(f"unknown freq {freq!r}: use one of {', '.join(FREQS)}")
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


@query
def timeline(db: Tables, f: Filters, freq: str = "week", by: str = "event_type") -> pd.DataFrame:
    """Dated incidents per period: columns period (datetime64, Monday of the week or first day
    of the month, quarter or year), group, incidents, fatalities, fatalities_low, fatalities_high.
    ``by``: "event_type", "admin1", "sub_event_type", "dataset" or "country"."""
    df = db.frame(_timeline_table(db.incidents, f, freq, by))
    df["period"] = pd.to_datetime(df["period"])
    return df


@query
def fatalities_timeline(db: Tables, f: Filters, freq: str = "week") -> pd.DataFrame:
    """Dated incidents per period, not grouped: period, incidents, fatalities,
    fatalities_low, fatalities_high."""
    df = db.frame(_timeline_table(db.incidents, f, freq, None))
    df["period"] = pd.to_datetime(df["period"])
    return df


@query
def map_bins(db: Tables, f: Filters, cell_deg: float) -> pd.DataFrame:
    """Located incidents counted in a grid of ``cell_deg`` degree cells, computed in the engine.

    Columns: longitude, latitude (the cell's centre), incidents, fatalities, governorate_only
    (how many of them are placed only to a governorate). Cells without incidents are absent.
    """
    if not cell_deg or cell_deg <= 0:
        raise ValueError("cell_deg must be a positive number of degrees")
    t = db.incidents
    s = filtered(t, f, t.latitude.notnull(), t.longitude.notnull())
    cell = float(cell_deg)
    g = s.group_by(gx=(s.longitude / cell).floor(), gy=(s.latitude / cell).floor()).aggregate(
        incidents=s.count(),
        fatalities=s.fatalities.fill_null(0).sum().cast("int64"),
        governorate_only=_n((s.geo_precision == 3).fill_null(False)),
    )
    return db.frame(g.select(
        longitude=(g.gx.cast("float64") + 0.5) * cell,
        latitude=(g.gy.cast("float64") + 0.5) * cell,
        incidents=g.incidents,
        fatalities=g.fatalities,
        governorate_only=g.governorate_only,
    ).order_by([ibis.desc("incidents"), "longitude", "latitude"]))


@query
def map_points(db: Tables, f: Filters, limit: int | None = 5_000) -> pd.DataFrame:
    """Located incidents with the columns a map point and its tooltip need (POINT_COLUMNS and
    ``quote`` cut to QUOTE_CHARS characters), newest first, at most ``limit``. Compare
    ``count`` with the limit before drawing points."""
    t = db.incidents
    s = filtered(t, f, t.latitude.notnull(), t.longitude.notnull())
    s = s.select(*[s[c] for c in POINT_COLUMNS], quote=s.quote.substr(0, QUOTE_CHARS))
    return db.frame(order_by(s, "latest"), limit)


# ---------------------------------------------------------------------------------------------
# trends: the current period against the periods of the same length before it

TREND_GROUPS = ("admin1", "event_type")


@query
def trend_window(db: Tables, f: Filters, period: str | None = None) -> Window | None:
    """The trend window (``incidents.trends.window``) of ``f`` and ``trend_period`` value ``period``
    on this data: the current period and the HISTORY before it; None when no incident is dated.
    The data's first and last dates are those of the whole table (not of the filtered rows)."""
    t = db.incidents
    row = db.frame(t.aggregate(lo=t.event_date.min(), hi=t.event_date.max())).iloc[0]
    return window(f, period, _as_date(row["lo"]), _as_date(row["hi"]))


def _trend_counts(t: ir.Table, f: Filters, w: Window, steps: int, by: str) -> ir.Table:
    """Dated incidents under ``f`` without its date range, in the HISTORY + 1 periods of ``w``,
    per group (value of ``by``, "Unknown" when empty) and step (0 the newest; ``steps`` per
    period, step s holding the days d with floor((w.end - d) * steps / w.days) == s): columns
    group, step, incidents, fatalities (best, missing as 0)."""
    if by not in TREND_GROUPS:
        raise ValueError(f"unknown grouping {by!r}: use one of {', '.join(TREND_GROUPS)}")
    base = replace(f, date_from=None, date_to=None, include_undated=False)
    d = t.event_date
    s = filtered(t, base, d >= ibis.literal(w.start(HISTORY)), d <= ibis.literal(w.end))
    step = (ibis.literal(w.end).delta(s.event_date, unit="day") * int(steps)) // int(w.days)
    return s.group_by(group=s[by].fill_null(UNKNOWN), step=step.cast("int64")).aggregate(
        incidents=s.count(), fatalities=s.fatalities.fill_null(0).sum().cast("int64"))


@query
def trends(db: Tables, f: Filters, period: str | None = None, by: str = "admin1") -> pd.DataFrame:
    """Incidents and fatalities per group (``by``: "admin1" or "event_type") in the current period
    of ``f`` against the period before and the means of the 4 and 12 before, with the changes and
    the flag: ``incidents.trends.trend_table`` over counts made in the engine (one grouped scan).
    The chosen governorates are listed even without incidents. Empty (no rows) when no incident is
    dated. Undated incidents are in no period."""
    w = trend_window(db, f, period)
    if w is None:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    counts = db.frame(_trend_counts(db.incidents, f, w, 1, by)).rename(columns={"step": "period"})
    wanted = f.governorates if by == "admin1" and f.governorates else ()
    return trend_table(counts, w, wanted)


MAX_STEPS = 4  # bars a period in the small multiples: 13 periods make at most 52 bars in a panel


def series_steps(days: int) -> int:
    """Steps per period of the small multiples: about a week each for periods up to 35 days, about
    a month each for longer ones, at most MAX_STEPS (a year: quarters), at least one."""
    return max(1, min(MAX_STEPS, round(days / 7) if days <= 35 else round(days / 30.44)))


@query
def trend_series(db: Tables, f: Filters, period: str | None = None) -> pd.DataFrame:
    """The small multiples' numbers: per governorate (admin1, "Unknown" when empty) and step of the
    13 periods of the trend window (``series_steps`` steps a period, counted back from its last
    day), columns group, step, first, last (ISO dates of the step's first and last day), period
    (0 the current), incidents, fatalities. Steps without incidents are absent."""
    w = trend_window(db, f, period)
    cols = ["group", "step", "first", "last", "period", "incidents", "fatalities"]
    if w is None:
        return pd.DataFrame(columns=cols)
    k = series_steps(w.days)
    df = db.frame(_trend_counts(db.incidents, f, w, k, "admin1"))
    df["step"] = df["step"].astype("int64")
    # step s holds the days w.end - d in [ceil(s*days/k), ceil((s+1)*days/k) - 1]
    near = -((-df["step"] * w.days) // k)
    far = -((-(df["step"] + 1) * w.days) // k) - 1
    df["last"] = [(w.end - timedelta(days=int(x))).isoformat() for x in near]
    df["first"] = [(w.end - timedelta(days=int(x))).isoformat() for x in far]
    df["period"] = df["step"] // k
    return df.reindex(columns=cols).sort_values(["group", "step"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# widgets and articles


@query
def options(db: Tables) -> dict:
    """Values for the filter widgets: governorates, countries, event_types, sub_event_types,
    actors (by ``incidents.filters.actor_name``), outlets, datasets, geo_precision (sorted lists), and date_min/date_max
    (datetime.date or None) and fatalities_max (int).

    With a cached database (``db.options_file`` set) the answer is kept in that JSON file
    (``incidents.store.options_file``), so a restarted server's first page skips these scans."""
    return options_file.kept(db.options_file, lambda: scan_options(db))


def scan_options(db: Tables) -> dict:
    """``options`` computed from the incident table (nine scans)."""
    t = db.incidents
    out: dict = {}
    for key, col in (("governorates", "admin1"), ("countries", "country"), ("event_types", "event_type"),
                     ("sub_event_types", "sub_event_type"), ("datasets", "dataset"),
                     ("geo_precision", "geo_precision")):
        out[key] = [scalar(v) for v in db.frame(distinct(t, col))["value"].tolist()]
    actors = set()
    for col in ("actor1", "actor2"):
        actors.update(actor_name(a) for a in db.frame(distinct(t, col))["value"].tolist())
    out["actors"] = sorted(actors)  # one name per actor: ACLED's period suffixes removed (actor_name)
    outlets = set()
    for joined in db.frame(distinct(t, "source"))["value"].tolist():
        outlets.update(o.strip() for o in str(joined).split(SEP) if o.strip())
    out["outlets"] = sorted(outlets)
    row = db.frame(t.aggregate(date_min=t.event_date.min(), date_max=t.event_date.max(),
                               fatalities_max=t.fatalities.max())).iloc[0]
    for k in ("date_min", "date_max"):
        out[k] = _as_date(row[k])
    out["fatalities_max"] = int(scalar(row["fatalities_max"]) or 0)
    return out


def _citations(t: ir.Table) -> ir.Table:
    """(event_id, article_id) of every incident of ``t`` and each article it cites: its own
    (``article_id``) and those listed in ``source_articles``, each pair once."""
    own = t.filter(t.article_id.notnull()).select("event_id", "article_id")
    listed = t.filter(t.source_articles.notnull()).select("event_id", article_id=t.source_articles.split(SEP).unnest())
    return own.union(listed, distinct=True)


@query
def articles(db: Tables, f: Filters | None = None) -> pd.DataFrame:
    """Every article without its text, plus ``incidents``: how many incidents cite it (as their
    article or among their source_articles, as the ``article`` filter selects them) and match
    ``f`` (its own article filter aside; None: every incident), sorted by published date, newest
    first."""
    a, t = db.articles, db.incidents
    cols = [c for c in ARTICLE_COLUMNS if c != "text"]
    cited = _citations(t if f is None else filtered(t, replace(f, article_id=None)))
    counts = cited.group_by("article_id").aggregate(incidents=cited.count())
    j = a.select(*cols).left_join(counts, "article_id").select(
        *cols, incidents=ibis.coalesce(counts.incidents, 0)
    )
    return db.frame(j.order_by([ibis.desc(j.published, nulls_first=False), j.article_id]))


@query
def article(db: Tables, article_id: str) -> dict | None:
    """One article with its text, as a dict of ARTICLE_COLUMNS, or None when unknown."""
    a = db.articles
    df = db.frame(a.filter(a.article_id == article_id), limit=1)
    return None if df.empty else {k: scalar(v) for k, v in df.iloc[0].to_dict().items()}


@query
def article_incidents(db: Tables, article_id: str) -> pd.DataFrame:
    """Incidents whose provenance span is in this article (article_id equal) first, by
    span_start; then incidents that only list it among their source_articles."""
    t = db.incidents
    own = (t.article_id == article_id).fill_null(False)
    listed = in_list(t.source_articles, (article_id,))
    s = t.filter(own | listed).mutate(_own=ibis.ifelse(own, 0, 1))
    return db.frame(s.order_by(["_own", "span_start", "event_id"]).drop("_own"))


# ---------------------------------------------------------------------------------------------
# what the loading left out or changed


@query
def load_problems(db: Tables, limit: int | None = 50) -> dict:
    """What loading the data files left out or changed (``incidents.store.checks``): ``total``
    (problems), ``counts`` (a list of (file name, effect, rows) with effect "not shown",
    "emptied" or "" for a row shown as it is; one row counts once per effect) and ``first``: the
    first ``limit`` problems (all with None) as ``Problem``s, by file, line and column. All empty
    for tables that were not loaded from files (``load_problems`` None)."""
    p = db.load_problems
    if p is None:
        return {"total": 0, "counts": [], "first": []}
    counts = db.frame(p.group_by(["file", "effect"]).aggregate(rows=p.line.nunique(), problems=p.count())
                      .order_by(["file", "effect"]))
    rows = db.frame(p.order_by(["file", "line", "column", "message"]), limit=limit)
    return {
        "total": int(counts["problems"].sum()) if len(counts) else 0,
        "counts": [(Path(f).name, e or "", int(n)) for f, e, n in counts[["file", "effect", "rows"]].itertuples(index=False)],
        "first": [Problem(f, int(line), int(col), m) for f, line, col, m in
                  rows[["file", "line", "column", "message"]].itertuples(index=False)],
    }
