"""File names of downloads, named after the view they hold (pure; no streamlit).

``download_name(f, ext, today)`` turns a ``Filters`` value into a file name such as
``incidents_kirkuk_2024-01-01_2026-12-02.csv``: ``incidents``, then the place (governorates,
"iraq" for all of Iraq, "focus" for the four focus governorates, "all-countries"), the event
types, the other filters that narrow the view (actors, outlets, datasets, text, article, ...),
then the dates (``FROM_TO``; an open end is ``today``, the day of the download; no range:
``as-of_TODAY``), then ``kind`` ("data" for the raw CSV) and the extension.

Safe on every system: only ASCII letters in lower case, digits, ``-``, ``_`` and the one ``.``
of the extension (accents dropped, every other run of characters made one ``-``, so no path
separator, control character, quote or leading dot ever gets in), and at most ``MAX_STEM``
characters before the extension (the dates and kind are always kept).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from incidents.filters import Filters
from incidents.schema import FOCUS_GOVERNORATES

MAX_STEM = 120  # characters before ".ext"
MAX_LISTED = 3  # more values of one filter than this are counted ("5-governorates")


def slug(text: object, limit: int = 40) -> str:
    """Lower-case ASCII words joined by ``-``, at most ``limit`` characters ('' when nothing is left).

    >>> slug("Salah ad-Din"), slug("Explosions/Remote violence"), slug("Ninawā ../../etc"), slug("كركوك")
    ('salah-ad-din', 'explosions-remote-violence', 'ninawa-etc', '')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def _listed(values: tuple | None, word: str, limit: int = 30) -> str:
    """A few values by name ('kirkuk-diyala'), more by count ('5-governorates'); '' for none."""
    if not values:
        return ""
    if len(values) > MAX_LISTED:
        return f"{len(values)}-{word}"
    return "-".join(s for s in (slug(v, limit) for v in values) if s)


def _place(f: Filters) -> str:
    if f.governorates is None:
        return "iraq" if tuple(f.countries) == ("Iraq",) else ("all-countries" if not f.countries else
                                                                _listed(f.countries, "countries"))
    if tuple(f.governorates) == tuple(FOCUS_GOVERNORATES):
        return "focus"
    return _listed(f.governorates, "governorates") or "no-governorate"


def _narrowing(f: Filters) -> list[str]:
    """The parts of the filters other than place and dates that narrow the view."""
    parts = [_listed(f.event_types, "types"), _listed(f.sub_event_types, "sub-types"), _listed(f.actors, "actors"),
             _listed(f.outlets, "outlets"), _listed(f.datasets, "datasets"),
             _listed(f.geo_precision, "precisions") and f"precision-{_listed(f.geo_precision, 'precisions')}"]
    if f.min_fatalities:
        parts.append(f"min-{f.min_fatalities}-killed")
    if f.text:
        parts.append(f"q-{slug(f.text, 30)}" if slug(f.text, 30) else "q")
    if f.article_id:
        parts.append(f"article-{slug(f.article_id, 30)}")
    if f.added_since:
        parts.append(f"added-{f.added_since.isoformat()}")
    return [p for p in parts if p]


def _dates(f: Filters, today: date) -> str:
    if f.date_from is None and f.date_to is None:
        return f"as-of_{today.isoformat()}" + ("" if f.include_undated else "_dated-only")
    if f.date_from is None:
        return f"until_{f.date_to.isoformat()}"
    return f"{f.date_from.isoformat()}_{(f.date_to or today).isoformat()}"


def download_name(f: Filters, ext: str, today: date, kind: str = "") -> str:
    """The file name of a download of the view ``f`` on ``today``: see the module docstring.

    >>> from datetime import date
    >>> download_name(Filters(governorates=("Kirkuk",), date_from=date(2024, 1, 1)), "csv", date(2026, 12, 2))
    'incidents_kirkuk_2024-01-01_2026-12-02.csv'
    >>> download_name(Filters(governorates=None, event_types=("Battles",)), "geojson", date(2026, 12, 2), "data")
    'incidents_iraq_battles_as-of_2026-12-02_data.geojson'
    """
    tail = "_".join(p for p in (_dates(f, today), slug(kind, 20)) if p)
    head = "_".join(["incidents", _place(f), *_narrowing(f)])
    room = MAX_STEM - len(tail) - 1
    if len(head) > room:
        head = head[:room].rstrip("-_")
    return f"{head}_{tail}.{slug(ext, 10) or 'txt'}"
