"""The filter state shared by every page, and its form in the URL.

``Filters`` is a frozen value: pages never mutate it, they build a new one with
``dataclasses.replace``. ``to_query_params`` writes only what differs from the defaults, so the
default view has a clean URL; ``from_query_params`` reads a URL's parameters back, ignoring
unknown or malformed ones with a note a person can read (never an exception).

List parameters are comma separated (``governorates=Kirkuk,Diyala``); a comma inside a value is
written ``\\,``. ``governorates=all`` / ``countries=all`` mean no restriction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date

from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES, GEO_PRECISION

# Page-specific parameters that live in the URL next to the filters but are not filters.
PAGE_PARAMS: frozenset[str] = frozenset({"freq", "stack", "layers", "event", "incident", "embed", "embed_options"})

MAX_TEXT = 200  # longest free-text search kept from a URL


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Defaults: the four focus governorates of Iraq, every date
    (undated incidents included), every type, actor, outlet and dataset.

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


DEFAULT = Filters()

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


# ---------------------------------------------------------------------------------------------
# writing


def to_query_params(f: Filters) -> dict[str, str]:
    """Filters -> URL query parameters (name -> string), only those that differ from the defaults.

    ``from_query_params(to_query_params(f))[0] == f`` for every Filters built from valid values.
    """
    p: dict[str, str] = {}
    if f.date_from is not None:
        p["from"] = f.date_from.isoformat()
    if f.date_to is not None:
        p["to"] = f.date_to.isoformat()
    if f.include_undated != DEFAULT.include_undated:
        p["undated"] = "1" if f.include_undated else "0"
    if f.governorates is None:
        p["governorates"] = "all"
    elif not f.governorates:
        p["governorates"] = "none"
    elif tuple(f.governorates) != DEFAULT.governorates:
        p["governorates"] = _join(f.governorates)
    if tuple(f.countries) != DEFAULT.countries:
        p["countries"] = _join(f.countries) if f.countries else "all"
    for name, value in (
        ("event_types", f.event_types),
        ("sub_event_types", f.sub_event_types),
        ("actors", f.actors),
        ("outlets", f.outlets),
        ("datasets", f.datasets),
    ):
        if value:
            p[name] = _join(value)
    if f.min_fatalities:
        p["min_fatalities"] = str(int(f.min_fatalities))
    if f.article_id:
        p["article"] = f.article_id
    if f.text:
        p["q"] = f.text
    if f.geo_precision:
        p["geo_precision"] = _join(f.geo_precision)
    return p


# ---------------------------------------------------------------------------------------------
# reading

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_SUB_TO_TYPE = {sub.casefold(): sub for subs in EVENT_TYPES.values() for sub in subs}
_TYPE = {t.casefold(): t for t in EVENT_TYPES}


def _canonical_governorate(name: str) -> str | None:
    """A governorate as spelled in the boundaries file, or None when the name is not one."""
    from incidents.dataset.tables import governorate_name

    return governorate_name(name)


def _scalar(value: str | list[str]) -> str:
    """The last value of a repeated parameter (what a browser sends last wins)."""
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else ""
    return str(value)


def _listed(value: str | list[str]) -> list[str]:
    """All values of a list parameter: repeated keys and comma lists both work."""
    if isinstance(value, list | tuple):
        out: list[str] = []
        for v in value:
            out.extend(_split(str(v)))
        return out
    return _split(str(value))


def _date(name: str, raw: str, notes: list[str]) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    if _ISO_DATE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    notes.append(f"Ignored '{name}={raw}': not a date in the form YYYY-MM-DD.")
    return None


def from_query_params(
    params: Mapping[str, str | list[str]], extra: Iterable[str] = ()
) -> tuple[Filters, list[str]]:
    """URL query parameters -> (Filters, notes).

    ``params`` maps a parameter name to its value (or list of values, for repeated keys), as
    ``st.query_params.to_dict()`` or ``urllib.parse.parse_qs`` give them. Parameters named in
    ``PAGE_PARAMS`` or ``extra`` are page settings and skipped silently. Everything unknown or
    malformed is ignored; each ignored thing adds one note (naming the parameter and the reason)
    to the returned list. Never raises.
    """
    notes: list[str] = []
    kw: dict[str, object] = {}
    skip = PAGE_PARAMS | frozenset(extra)

    for name in params:
        if name in skip or name in _READERS:
            continue
        notes.append(f"Ignored unknown parameter '{name}'.")

    for name, reader in _READERS.items():
        if name in params:
            try:
                reader(params[name], kw, notes)
            except Exception as exc:  # noqa: BLE001 - never crash on a URL
                notes.append(f"Ignored '{name}': {exc}.")

    d_from, d_to = kw.get("date_from"), kw.get("date_to")
    if d_from is not None and d_to is not None and d_from > d_to:
        notes.append(f"'from={d_from}' is after 'to={d_to}': the two dates were swapped.")
        kw["date_from"], kw["date_to"] = d_to, d_from
    return Filters(**kw), notes


def _read_from(v, kw, notes):
    kw["date_from"] = _date("from", _scalar(v), notes)


def _read_to(v, kw, notes):
    kw["date_to"] = _date("to", _scalar(v), notes)


def _read_undated(v, kw, notes):
    raw = _scalar(v).strip().lower()
    if raw in ("1", "true", "yes", "on"):
        kw["include_undated"] = True
    elif raw in ("0", "false", "no", "off"):
        kw["include_undated"] = False
    else:
        notes.append(f"Ignored 'undated={_scalar(v)}': use 1 (include undated incidents) or 0.")


def _read_governorates(v, kw, notes):
    raw = _scalar(v).strip() if not isinstance(v, list | tuple) else None
    if raw is not None and raw.lower() == "all":
        kw["governorates"] = None
        return
    if raw is not None and raw.lower() in ("", "none"):
        kw["governorates"] = ()
        return
    names: list[str] = []
    for item in _listed(v):
        if item.lower() == "all":
            kw["governorates"] = None
            return
        found = _canonical_governorate(item)
        if found is None:
            notes.append(f"Ignored governorate '{item}' in 'governorates': not a governorate of Iraq.")
        else:
            names.append(found)
    if names:
        kw["governorates"] = _dedupe(names)
    else:
        notes.append("No valid governorate in 'governorates': showing the default governorates.")


def _read_countries(v, kw, notes):
    items = _listed(v)
    if not items or any(i.lower() == "all" for i in items):
        kw["countries"] = ()
    else:
        kw["countries"] = _dedupe(items)


def _vocabulary_list(field: str, vocabulary: dict[str, str], what: str):
    """A reader for a comma list whose items must be in ``vocabulary`` (casefolded -> canonical);
    an item outside it is ignored with a note naming the parameter."""
    def read(v, kw, notes):
        out = []
        for item in _listed(v):
            found = vocabulary.get(item.casefold())
            if found is None:
                notes.append(f"Ignored {what} '{item}' in '{field}': not an ACLED {what}.")
            else:
                out.append(found)
        kw[field] = _dedupe(out)

    return read


def _free_list(field: str):
    def read(v, kw, notes):
        kw[field] = _dedupe(item[:MAX_TEXT] for item in _listed(v))

    return read


def _read_min_fatalities(v, kw, notes):
    raw = _scalar(v).strip()
    if re.fullmatch(r"\d{1,7}", raw):
        kw["min_fatalities"] = int(raw)
    elif re.fullmatch(r"-\d+", raw):
        notes.append(f"Ignored 'min_fatalities={raw}': it cannot be negative.")
    else:
        notes.append(f"Ignored 'min_fatalities={raw}': not a whole number.")


def _read_article(v, kw, notes):
    raw = _scalar(v).strip()
    if not raw:
        return
    if _TOKEN.match(raw):
        kw["article_id"] = raw
    else:
        notes.append(f"Ignored 'article={raw[:40]}': not an article id.")


def _read_text(v, kw, notes):
    raw = " ".join(_scalar(v).split())
    if len(raw) > MAX_TEXT:
        notes.append(f"Shortened 'q' to its first {MAX_TEXT} characters.")
        raw = raw[:MAX_TEXT]
    kw["text"] = raw


def _read_geo_precision(v, kw, notes):
    out = []
    for item in _listed(v):
        if item.isdigit() and int(item) in GEO_PRECISION:
            out.append(int(item))
        else:
            notes.append(f"Ignored '{item}' in 'geo_precision': precision codes are 1, 2 or 3.")
    kw["geo_precision"] = tuple(sorted(set(out)))


def _read_datasets(v, kw, notes):
    out = []
    for item in _listed(v):
        if _TOKEN.match(item):
            out.append(item.lower())
        else:
            notes.append(f"Ignored '{item[:40]}' in 'datasets': not a dataset name.")
    kw["datasets"] = _dedupe(out)


_READERS = {
    "from": _read_from,
    "to": _read_to,
    "undated": _read_undated,
    "governorates": _read_governorates,
    "countries": _read_countries,
    "event_types": _vocabulary_list("event_types", _TYPE, "event type"),
    "sub_event_types": _vocabulary_list("sub_event_types", _SUB_TO_TYPE, "sub-event type"),
    "actors": _free_list("actors"),
    "min_fatalities": _read_min_fatalities,
    "outlets": _free_list("outlets"),
    "article": _read_article,
    "q": _read_text,
    "geo_precision": _read_geo_precision,
    "datasets": _read_datasets,
}


# ---------------------------------------------------------------------------------------------
# words


def _names(values: Iterable[object], limit: int = 6) -> str:
    values = [str(v) for v in values]
    if len(values) <= limit:
        return ", ".join(values)
    return ", ".join(values[:limit]) + f" and {len(values) - limit} more"


def describe(f: Filters) -> str:
    """The filters in words, parts joined by `` · ``, for page titles and briefings.

    Example: ``Kirkuk, Salah ad-Din, Diyala, Nineveh · all dates incl. undated · all event types``.
    """
    parts: list[str] = []
    if f.governorates is None:
        parts.append("all of Iraq" if tuple(f.countries) == ("Iraq",) else "all governorates")
    elif not f.governorates:
        parts.append("no governorate")
    else:
        parts.append(_names(f.governorates, limit=8))
    if tuple(f.countries) != ("Iraq",):
        parts.append("all countries" if not f.countries else _names(f.countries))

    undated = " incl. undated" if f.include_undated else ""
    if f.date_from and f.date_to:
        parts.append(f"{f.date_from.isoformat()} to {f.date_to.isoformat()}{undated}")
    elif f.date_from:
        parts.append(f"from {f.date_from.isoformat()}{undated}")
    elif f.date_to:
        parts.append(f"until {f.date_to.isoformat()}{undated}")
    else:
        parts.append("all dates incl. undated" if f.include_undated else "all dated incidents")

    if f.event_types or f.sub_event_types:
        parts.append(_names(tuple(f.event_types) + tuple(f.sub_event_types)))
    else:
        parts.append("all event types")
    if f.actors:
        parts.append("actors: " + _names(f.actors))
    if f.min_fatalities:
        parts.append(f"at least {f.min_fatalities} fatalit{'y' if f.min_fatalities == 1 else 'ies'}")
    if f.outlets:
        parts.append("outlets: " + _names(f.outlets))
    if f.article_id:
        parts.append(f"article {f.article_id}")
    if f.text:
        parts.append(f'text "{f.text}"')
    if f.geo_precision:
        parts.append("located to: " + ", ".join(GEO_PRECISION[p] for p in f.geo_precision if p in GEO_PRECISION))
    if f.datasets:
        parts.append("datasets: " + _names(f.datasets))
    return " · ".join(parts)


FILTER_FIELDS: tuple[str, ...] = tuple(fl.name for fl in fields(Filters))
