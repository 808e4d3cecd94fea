"""The filter state shared by every page, and the table that defines each filter once.

``Filters`` is a frozen value: pages never mutate it, they build a new one with
``dataclasses.replace``. ``FILTERS`` is the table of filters (after datasette's filters.py): each
``FilterSpec`` holds its URL parameters (key, parser with its notes, writer), its words for titles
and briefings, its predicate for the engine (an Ibis expression builder) and the kind of widget
the sidebar (incidents/ui/sidebar.py) draws for it. ``from_query_params``, ``to_query_params``,
``describe`` and ``incidents.store.queries.predicates`` are loops over that table.

``to_query_params`` writes only what differs from the defaults, so the default view has a clean
URL; ``from_query_params`` reads a URL's parameters back, ignoring unknown or malformed ones with
a note a person can read (never an exception). List parameters are comma separated
(``governorates=Kirkuk,Diyala``); a comma inside a value is written ``\\,``.
``governorates=all`` / ``countries=all`` mean no restriction.

Dates and undated incidents (``from``, ``to``, ``undated``): a date range counts only incidents
whose ``event_date`` lies in it; an undated incident cannot be placed in any range, so no range
ever counts it. ``undated`` (``include_undated``, default 1) says whether undated incidents are
shown at all: with no date range they are counted with the others (``undated=0``: dated
incidents only); under a date range the undated ones that match every other filter are shown
apart from the range's figures (a separate "+N undated, not placed in time" count and the
Timeline page's list: ``incidents.store.queries.undated`` and ``summary``'s ``undated_apart``),
and with ``undated=0`` not at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

import ibis

from incidents.places.governorates import canonical_governorate
from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES, GEO_PRECISION

if TYPE_CHECKING:
    import ibis.expr.types as ir

# Page-specific parameters that live in the URL next to the filters but are not filters.
PAGE_PARAMS: frozenset[str] = frozenset({"freq", "stack", "layers", "event", "incident", "embed", "embed_options",
                                         "trend_period", "trend"})

MAX_TEXT = 200  # longest free-text search kept from a URL
SEP = "; "      # separator of the multi-valued string columns (source, source_articles, assoc_actor_*)


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Defaults: the four focus governorates of Iraq, every date
    (undated incidents included), every type, actor, outlet and dataset. ``include_undated``: see
    the module docstring (counted without a date range, shown apart under one).

    ``governorates=None`` means every governorate; ``()`` means none (an empty view).
    ``countries=()`` means every country.
    """

    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    governorates: tuple[str, ...] | None = FOCUS_GOVERNORATES
    countries: tuple[str, ...] = ("Iraq",)
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_fatalities: int = 0
    outlets: tuple[str, ...] = ()
    article_id: str | None = None
    text: str = ""
    geo_precision: tuple[int, ...] = ()
    datasets: tuple[str, ...] = ()
    added_since: date | None = None


DEFAULT = Filters()

# ---------------------------------------------------------------------------------------------
# the shape of the table

Raw = str | list[str]  # a URL parameter's value, or its values when the key is repeated


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()  # what a parser returns to leave the field at its default


@dataclass(frozen=True)
class Param:
    """One URL parameter of a filter.

    ``parse(raw, notes)``: the URL value -> the field's value, or ``KEEP``; a value it ignores
    appends one note (naming the parameter and the reason). ``write(value)``: the field's value ->
    the URL value, or None when it is the default (nothing written).
    """

    key: str
    field: str
    parse: Callable[[Raw, list[str]], object]
    write: Callable[[object], str | None]


@dataclass(frozen=True)
class Widget:
    """How the sidebar draws a filter: plain data; the drawing is in incidents/ui/sidebar.py.

    ``kind`` names the drawing function: "choices" (a multiselect of the values Store.options()
    lists under the field's name, or of ``labels``' keys), "count" (a whole number from 0),
    "text" (a free-text box), or a filter's own kind ("dates", "governorates", "countries",
    "event_types", "article", "added"), whose texts are in its drawing function. ``label``,
    ``placeholder`` and ``help`` are the texts of the generic kinds; ``labels``: fixed options and
    their labels; ``optional``: drawn only when the data offers more than one option or a value
    is chosen.
    """

    kind: str
    label: str = ""
    placeholder: str = ""
    help: str = ""
    labels: Mapping[object, str] | None = None
    optional: bool = False


@dataclass(frozen=True)
class FilterSpec:
    """One filter: its URL parameters, its words, its predicate and its widget.

    ``words(f)``: the filter in words for titles and briefings, or None to say nothing.
    ``predicate(t, f)``: the conditions it puts on incident table ``t`` (an Ibis table), [] when
    it restricts nothing. ``settle(values, notes)``: an optional last step over the parsed field
    values of all filters (field -> value) that returns the fields to change, with a note each.
    """

    name: str
    params: tuple[Param, ...]
    words: Callable[[Filters], str | None]
    predicate: Callable[[ir.Table, Filters], list[ir.BooleanValue]]
    widget: Widget
    settle: Callable[[Mapping[str, object], list[str]], dict[str, object]] | None = None

    @property
    def field(self) -> str:
        """The field of the filter's first URL parameter (the one a generic widget edits)."""
        return self.params[0].field


# ---------------------------------------------------------------------------------------------
# lists in URL values


def _join(values: Iterable[object]) -> str:
    return ",".join(str(v).replace("\\", "\\\\").replace(",", "\\,") for v in values)


def _split(value: str) -> list[str]:
    """Split a comma list, honouring ``\\,`` escapes; blanks dropped, whitespace trimmed."""
    out, cur, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            cur.append(value[i + 1])
            i += 2
            continue
        if ch == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


def _dedupe(values: Iterable[object]) -> tuple:
    seen: dict[object, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return tuple(seen)


def _scalar(value: Raw) -> str:
    """The last value of a repeated parameter (what a browser sends last wins)."""
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else ""
    return str(value)


def _listed(value: Raw) -> list[str]:
    """All values of a list parameter: repeated keys and comma lists both work."""
    if isinstance(value, list | tuple):
        out: list[str] = []
        for v in value:
            out.extend(_split(str(v)))
        return out
    return _split(str(value))


# ---------------------------------------------------------------------------------------------
# parsers: (raw, notes) -> value or KEEP

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_SUB_TO_TYPE = {sub.casefold(): sub for subs in EVENT_TYPES.values() for sub in subs}
_TYPE = {t.casefold(): t for t in EVENT_TYPES}


def _read_date(key: str) -> Callable[[Raw, list[str]], date | None]:
    """A parser for an ISO date (YYYY-MM-DD); blank or malformed gives None (no bound)."""
    def parse(v: Raw, notes: list[str]) -> date | None:
        raw = _scalar(v).strip()
        if not raw:
            return None
        if _ISO_DATE.match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        notes.append(f"Ignored '{key}={raw}': not a date in the form YYYY-MM-DD.")
        return None

    return parse


def _read_undated(v: Raw, notes: list[str]) -> object:
    raw = _scalar(v).strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    notes.append(f"Ignored 'undated={_scalar(v)}': use 1 (include undated incidents) or 0.")
    return KEEP


def _read_governorates(v: Raw, notes: list[str]) -> object:
    raw = _scalar(v).strip() if not isinstance(v, list | tuple) else None
    if raw is not None and raw.lower() == "all":
        return None
    if raw is not None and raw.lower() in ("", "none"):
        return ()
    names: list[str] = []
    items = _listed(v)
    for item in items:
        if item.lower() == "all":
            continue
        found = canonical_governorate(item, reading="any")
        if found is None:
            notes.append(f"Ignored governorate '{item}' in 'governorates': not a governorate of Iraq.")
        else:
            names.append(found)
    if any(item.lower() == "all" for item in items):
        return None  # 'all' among names: every governorate (the names it makes redundant are no error)
    if names:
        return _dedupe(names)
    notes.append("No valid governorate in 'governorates': showing the default governorates.")
    return KEEP


def _read_countries(v: Raw, notes: list[str]) -> tuple[str, ...]:
    items = _listed(v)
    if not items or any(i.lower() == "all" for i in items):
        return ()
    return _dedupe(items)


def _read_vocabulary(key: str, vocabulary: dict[str, str], what: str) -> Callable[[Raw, list[str]], tuple]:
    """A parser for a comma list whose items must be in ``vocabulary`` (casefolded -> canonical);
    an item outside it is ignored with a note naming the parameter."""
    def parse(v: Raw, notes: list[str]) -> tuple:
        out = []
        for item in _listed(v):
            found = vocabulary.get(item.casefold())
            if found is None:
                notes.append(f"Ignored {what} '{item}' in '{key}': not an ACLED {what}.")
            else:
                out.append(found)
        return _dedupe(out)

    return parse


def _read_free_list(v: Raw, notes: list[str]) -> tuple:
    return _dedupe(item[:MAX_TEXT] for item in _listed(v))


def _read_min_fatalities(v: Raw, notes: list[str]) -> object:
    raw = _scalar(v).strip()
    if re.fullmatch(r"\d{1,7}", raw):
        return int(raw)
    if re.fullmatch(r"-\d+", raw):
        notes.append(f"Ignored 'min_fatalities={raw}': it cannot be negative.")
    else:
        notes.append(f"Ignored 'min_fatalities={raw}': not a whole number.")
    return KEEP


def _read_article(v: Raw, notes: list[str]) -> object:
    raw = _scalar(v).strip()
    if not raw:
        return KEEP
    if _TOKEN.match(raw):
        return raw
    notes.append(f"Ignored 'article={raw[:40]}': not an article id.")
    return KEEP


def _read_text(v: Raw, notes: list[str]) -> str:
    raw = " ".join(_scalar(v).split())
    if len(raw) > MAX_TEXT:
        notes.append(f"Shortened 'q' to its first {MAX_TEXT} characters.")
        raw = raw[:MAX_TEXT]
    return raw


def _read_geo_precision(v: Raw, notes: list[str]) -> tuple[int, ...]:
    out = []
    for item in _listed(v):
        if item.isdigit() and int(item) in GEO_PRECISION:
            out.append(int(item))
        else:
            notes.append(f"Ignored '{item}' in 'geo_precision': precision codes are 1, 2 or 3.")
    return tuple(sorted(set(out)))


def _read_datasets(v: Raw, notes: list[str]) -> tuple:
    out = []
    for item in _listed(v):
        if _TOKEN.match(item):
            out.append(item.lower())
        else:
            notes.append(f"Ignored '{item[:40]}' in 'datasets': not a dataset name.")
    return _dedupe(out)


def _swap_dates(values: Mapping[str, object], notes: list[str]) -> dict[str, object]:
    """'from' after 'to': the two dates swapped, with a note."""
    d_from, d_to = values.get("date_from"), values.get("date_to")
    if d_from is not None and d_to is not None and d_from > d_to:
        notes.append(f"'from={d_from}' is after 'to={d_to}': the two dates were swapped.")
        return {"date_from": d_to, "date_to": d_from}
    return {}


# ---------------------------------------------------------------------------------------------
# writers: value -> URL value, None for the default


def _write_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _write_undated(value: bool) -> str | None:
    if value == DEFAULT.include_undated:
        return None
    return "1" if value else "0"


def _write_governorates(value: tuple[str, ...] | None) -> str | None:
    if value is None:
        return "all"
    if not value:
        return "none"
    return None if tuple(value) == DEFAULT.governorates else _join(value)


def _write_countries(value: tuple[str, ...]) -> str | None:
    if tuple(value) == DEFAULT.countries:
        return None
    return _join(value) if value else "all"


def _write_list(value: tuple) -> str | None:
    return _join(value) if value else None


def _write_count(value: int) -> str | None:
    return str(int(value)) if value else None


def _write_text(value: str | None) -> str | None:
    return value or None


# ---------------------------------------------------------------------------------------------
# words


def _names(values: Iterable[object], limit: int = 6) -> str:
    values = [str(v) for v in values]
    if len(values) <= limit:
        return ", ".join(values)
    return ", ".join(values[:limit]) + f" and {len(values) - limit} more"


def _dates_words(f: Filters) -> str:
    undated = " (undated shown apart)" if f.include_undated else ""
    if f.date_from and f.date_to:
        return f"{f.date_from.isoformat()} to {f.date_to.isoformat()}{undated}"
    if f.date_from:
        return f"from {f.date_from.isoformat()}{undated}"
    if f.date_to:
        return f"until {f.date_to.isoformat()}{undated}"
    return "all dates incl. undated" if f.include_undated else "all dated incidents"


def _governorates_words(f: Filters) -> str:
    if f.governorates is None:
        return "all of Iraq" if tuple(f.countries) == ("Iraq",) else "all governorates"
    return _names(f.governorates, limit=8) if f.governorates else "no governorate"


def _countries_words(f: Filters) -> str | None:
    if tuple(f.countries) == ("Iraq",):
        return None
    return _names(f.countries) if f.countries else "all countries"


def _types_words(f: Filters) -> str:
    if f.event_types or f.sub_event_types:
        return _names(tuple(f.event_types) + tuple(f.sub_event_types))
    return "all event types"


def _listed_words(field_name: str, prefix: str) -> Callable[[Filters], str | None]:
    """Words ``prefix + names`` for a list field, None when it is empty."""
    def words(f: Filters) -> str | None:
        values = getattr(f, field_name)
        return prefix + _names(values) if values else None

    return words


def _fatalities_words(f: Filters) -> str | None:
    n = f.min_fatalities
    return f"at least {n} fatalit{'y' if n == 1 else 'ies'}" if n else None


def _article_words(f: Filters) -> str | None:
    return f"article {f.article_id}" if f.article_id else None


def _text_words(f: Filters) -> str | None:
    return f'text "{f.text}"' if f.text else None


def _added_words(f: Filters) -> str | None:
    return f"added since {f.added_since.isoformat()}" if f.added_since else None


def _precision_words(f: Filters) -> str | None:
    if not f.geo_precision:
        return None
    return "located to: " + ", ".join(GEO_PRECISION[p] for p in f.geo_precision if p in GEO_PRECISION)


# ---------------------------------------------------------------------------------------------
# predicates: Ibis conditions on the incident table


def in_list(col: ir.StringValue, values: tuple[str, ...]) -> ir.BooleanValue:
    """True where the "; "-joined list in ``col`` holds one of ``values`` exactly."""
    padded = ibis.literal(SEP) + col.fill_null("") + ibis.literal(SEP)
    cond = ibis.literal(False)
    for v in values:
        cond = cond | padded.contains(SEP + v + SEP)
    return cond


def _dates_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """With a date range: rows with an event_date inside [date_from, date_to] (undated rows never:
    the undated ones are shown apart, see the module docstring). Without one: every row, or the
    dated ones when not ``include_undated``."""
    d = t.event_date
    if f.date_from is None and f.date_to is None:
        return [] if f.include_undated else [d.notnull()]
    dated = d.notnull()
    if f.date_from is not None:
        dated = dated & (d >= ibis.literal(f.date_from))
    if f.date_to is not None:
        dated = dated & (d <= ibis.literal(f.date_to))
    return [dated]


def _governorates_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    if f.governorates is None:
        return []
    return [t.admin1.isin(list(f.governorates)) if f.governorates else ibis.literal(False)]


def _one_of(field_name: str, column: str) -> Callable[[ir.Table, Filters], list[ir.BooleanValue]]:
    """A predicate: ``column`` is one of the field's values (none when the field is empty)."""
    def predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
        values = getattr(f, field_name)
        return [t[column].isin(list(values))] if values else []

    return predicate


def _types_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    return _one_of("event_types", "event_type")(t, f) + _one_of("sub_event_types", "sub_event_type")(t, f)


# ACLED names a state force with the period of its government ("Military Forces of Iraq (2022-)",
# "Police Forces of Iraq (2014-2018)"); extracted rows and older exports name the same force without
# it. The actor filter and its options compare names without that suffix; the table keeps them as written.
PERIOD_SUFFIX = r"\s*\((?:19|20)\d{2}-(?:(?:19|20)\d{2})?\)"
_PERIOD = re.compile(PERIOD_SUFFIX)


def actor_name(name: str) -> str:
    """An actor's name as the actor filter matches it: every ACLED period suffix removed.

    >>> actor_name("Military Forces of Iraq (2022-): Counter-Terrorism Service")
    'Military Forces of Iraq: Counter-Terrorism Service'
    """
    return _PERIOD.sub("", name)


def _actor_names(col: ir.StringValue) -> ir.StringValue:
    """``actor_name`` of every cell of ``col``, in the engine (every suffix of a "; " list too)."""
    return ibis.ifelse(col.contains("-"), col.re_replace(PERIOD_SUFFIX, ""), col)  # the regex only where it can match


def _actors_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """actor1/actor2 equal to an actor, or the actor listed in assoc_actor_1/2, names compared by
    ``actor_name`` (so "Military Forces of Iraq" finds "Military Forces of Iraq (2020-)")."""
    if not f.actors:
        return []
    names = _dedupe(actor_name(a) for a in f.actors)
    a = list(names)
    return [_actor_names(t.actor1).isin(a).fill_null(False) | _actor_names(t.actor2).isin(a).fill_null(False)
            | in_list(_actor_names(t.assoc_actor_1), names) | in_list(_actor_names(t.assoc_actor_2), names)]


def _fatalities_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    return [t.fatalities.fill_null(0) >= int(f.min_fatalities)] if f.min_fatalities > 0 else []


def _outlets_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """An outlet listed in source."""
    return [in_list(t.source, f.outlets)] if f.outlets else []


def _article_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """The incident's article, or one of its source_articles."""
    if not f.article_id:
        return []
    return [(t.article_id == f.article_id).fill_null(False) | in_list(t.source_articles, (f.article_id,))]


def _added_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """Rows that came into the data on or after the day ``added_since`` began (UTC): ``timestamp``
    (epoch seconds, as ACLED's) at or after its midnight. A row with no timestamp (0 or empty) does
    not say when it came in, so it does not pass."""
    if f.added_since is None:
        return []
    since = int(datetime.combine(f.added_since, time(0), tzinfo=UTC).timestamp())
    return [(t.timestamp >= since).fill_null(False)]


def _text_predicate(t: ir.Table, f: Filters) -> list[ir.BooleanValue]:
    """Case-insensitive substring of quote or notes."""
    if not f.text:
        return []
    q = f.text.lower()
    return [t.quote.lower().contains(q).fill_null(False) | t.notes.lower().contains(q).fill_null(False)]


# ---------------------------------------------------------------------------------------------
# the table, in reading order (URL parameters are read, predicates built and widgets drawn in it)

FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("dates", (Param("from", "date_from", _read_date("from"), _write_date),
                         Param("to", "date_to", _read_date("to"), _write_date),
                         Param("undated", "include_undated", _read_undated, _write_undated)),
               _dates_words, _dates_predicate, Widget("dates"), settle=_swap_dates),
    FilterSpec("governorates", (Param("governorates", "governorates", _read_governorates, _write_governorates),),
               _governorates_words, _governorates_predicate, Widget("governorates")),
    FilterSpec("countries", (Param("countries", "countries", _read_countries, _write_countries),),
               _countries_words, _one_of("countries", "country"), Widget("countries")),
    FilterSpec("event_types",
               (Param("event_types", "event_types", _read_vocabulary("event_types", _TYPE, "event type"), _write_list),
                Param("sub_event_types", "sub_event_types",
                      _read_vocabulary("sub_event_types", _SUB_TO_TYPE, "sub-event type"), _write_list)),
               _types_words, _types_predicate, Widget("event_types")),
    FilterSpec("actors", (Param("actors", "actors", _read_free_list, _write_list),),
               _listed_words("actors", "actors: "), _actors_predicate,
               Widget("choices", "Actors", placeholder="any actor")),
    FilterSpec("min_fatalities", (Param("min_fatalities", "min_fatalities", _read_min_fatalities, _write_count),),
               _fatalities_words, _fatalities_predicate, Widget("count", "Minimum fatalities")),
    FilterSpec("outlets", (Param("outlets", "outlets", _read_free_list, _write_list),),
               _listed_words("outlets", "outlets: "), _outlets_predicate,
               Widget("choices", "Outlets", placeholder="any outlet")),
    FilterSpec("article", (Param("article", "article_id", _read_article, _write_text),),
               _article_words, _article_predicate, Widget("article")),
    FilterSpec("text", (Param("q", "text", _read_text, _write_text),),
               _text_words, _text_predicate,
               Widget("text", "Text in quotes and notes", placeholder="e.g. Hamrin")),
    FilterSpec("geo_precision", (Param("geo_precision", "geo_precision", _read_geo_precision, _write_list),),
               _precision_words, _one_of("geo_precision", "geo_precision"),
               Widget("choices", "Location precision", placeholder="any precision", labels=GEO_PRECISION)),
    FilterSpec("datasets", (Param("datasets", "datasets", _read_datasets, _write_list),),
               _listed_words("datasets", "datasets: "), _one_of("datasets", "dataset"),
               Widget("choices", "Datasets", placeholder="every dataset", optional=True,
                      help="extracted: from the news articles; acled: imported ACLED exports.")),
    FilterSpec("added", (Param("added", "added_since", _read_date("added"), _write_date),),
               _added_words, _added_predicate, Widget("added")),
)

# Links shared so far list their parameters in this order; a key not named here is written
# after these, in table order.
URL_ORDER: tuple[str, ...] = (
    "from", "to", "undated", "governorates", "countries", "event_types", "sub_event_types", "actors",
    "outlets", "datasets", "min_fatalities", "article", "q", "geo_precision", "added",
)
# The words name the place first; the other filters follow in table order.
WORDS_FIRST: tuple[str, ...] = ("governorates", "countries")

PARAMS: tuple[Param, ...] = tuple(p for spec in FILTERS for p in spec.params)
KEYS: frozenset[str] = frozenset(p.key for p in PARAMS)
FILTER_FIELDS: tuple[str, ...] = tuple(fl.name for fl in fields(Filters))


def _ranked(items: Iterable, name: Callable[[object], str], first: tuple[str, ...]) -> tuple:
    """``items`` with those whose name is in ``first`` first, in that order; the rest after, in
    their own order."""
    rank = {n: i for i, n in enumerate(first)}
    pairs = sorted(enumerate(items), key=lambda pair: (rank.get(name(pair[1]), len(first)), pair[0]))
    return tuple(item for _, item in pairs)


_WRITTEN = _ranked(PARAMS, lambda p: p.key, URL_ORDER)
_SAID = _ranked(FILTERS, lambda s: s.name, WORDS_FIRST)


# ---------------------------------------------------------------------------------------------
# the loops


def to_query_params(f: Filters) -> dict[str, str]:
    """Filters -> URL query parameters (name -> string), only those that differ from the defaults,
    in ``URL_ORDER``.

    ``from_query_params(to_query_params(f))[0] == f`` for every Filters built from valid values.
    """
    p: dict[str, str] = {}
    for param in _WRITTEN:
        value = param.write(getattr(f, param.field))
        if value is not None:
            p[param.key] = value
    return p


def from_query_params(params: Mapping[str, Raw], extra: Iterable[str] = ()) -> tuple[Filters, list[str]]:
    """URL query parameters -> (Filters, notes).

    ``params`` maps a parameter name to its value (or list of values, for repeated keys), as
    ``st.query_params.to_dict()`` or ``urllib.parse.parse_qs`` give them. Parameters named in
    ``PAGE_PARAMS`` or ``extra`` are page settings and skipped silently. Everything unknown or
    malformed is ignored; each ignored thing adds one note (naming the parameter and the reason)
    to the returned list: unknown parameters first, then each filter's in table order, then
    those of the ``settle`` steps. Never raises.
    """
    skip = PAGE_PARAMS | frozenset(extra)
    notes = [f"Ignored unknown parameter '{name}'." for name in params if name not in skip and name not in KEYS]
    kw: dict[str, object] = {}
    for param in PARAMS:
        if param.key in params:
            try:
                value = param.parse(params[param.key], notes)
            except Exception as exc:  # noqa: BLE001 - never crash on a URL
                notes.append(f"Ignored '{param.key}': {exc}.")
                continue
            if value is not KEEP:
                kw[param.field] = value
    for spec in FILTERS:
        if spec.settle is not None:
            kw.update(spec.settle(kw, notes))
    return Filters(**kw), notes


def describe(f: Filters) -> str:
    """The filters in words, parts joined by `` · ``, for page titles and briefings: the place
    first (``WORDS_FIRST``), then the other filters in table order.

    Example: ``Kirkuk, Salah ad-Din, Diyala, Nineveh · all dates incl. undated · all event types``.
    """
    parts = (spec.words(f) for spec in _SAID)
    return " · ".join(part for part in parts if part)
