"""Cells of incident rows read as plain values: missing or not, a whole number, one line of text,
a day; and the column forms the figures use for many rows (``int_column``, ``text_column``: the
same readings as ``integer`` and ``short_text``, by pandas and pyarrow over the whole column).

Cells arrive in every form the tables use: None, NaN, ``pd.NA``/``pd.NaT``, numpy and nullable
numbers, ISO date strings (what the store returns), ``datetime.date`` and ``pd.Timestamp``.
``incidents.words`` builds its wordings on these.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pandas as pd

# Python's str.split() whitespace, in RE2 syntax (pyarrow's regex engine): \s is ASCII
# [\t\n\f\r ], \pZ the Unicode separators (no-break space, em space, line separator, ...).
_WHITESPACE_RUN = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\pZ]+"
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def missing(value: object) -> bool:
    """True for None, NaN, ``pd.NA``, ``pd.NaT`` and blank strings.

    >>> [missing(v) for v in (None, float("nan"), pd.NA, "  ", 0, "x")]
    [True, True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def integer(value: object) -> int | None:
    """A whole number, or None when missing or not a number (``4.0`` -> 4, ``"7"`` -> 7)."""
    if missing(value):
        return None
    try:
        return int(round(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def text(value: object) -> str:
    """The cell as a trimmed string; '' when missing."""
    return "" if missing(value) else str(value).strip()


def short_text(value: object, limit: int = 160) -> str:
    """Any cell -> a one-line string of at most ``limit`` characters ('…' when cut); missing -> ''.

    >>> short_text("Hawija\\n district", 60), short_text("x" * 20, 10)
    ('Hawija district', 'xxxxxxxxx…')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return ""
    line = " ".join(str(value).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def day(value: object) -> date | None:
    """A calendar day from an ISO date string ("2024-12-09", a time after it is ignored), a date or
    a Timestamp; None when missing or not a date."""
    if missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DAY.match(str(value).strip())
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:  # 2024-02-30
        return None


# ---------------------------------------------------------------------------------------------
# the same readings for a whole column


def int_column(df: pd.DataFrame, name: str) -> pd.Series:
    """``integer`` of each cell of column ``name`` as Int64 (all missing when there is no such column)."""
    if name not in df.columns:
        return pd.Series(pd.NA, index=df.index, dtype="Int64")
    return pd.to_numeric(df[name], errors="coerce").astype("Float64").round().astype("Int64")


def _squash(values: pd.Series) -> pd.Series:
    """Each cell as one line: runs of whitespace -> one space, trimmed; missing -> ''. Same
    result as ``" ".join(str(v).split())``, computed by pyarrow over the whole column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values.astype("string").fillna("").to_numpy(dtype=object), type=pa.string())
    arr = pc.utf8_trim(pc.replace_substring_regex(arr, _WHITESPACE_RUN, " "), characters=" ")
    return pd.Series(arr.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get).array, index=values.index)


def text_column(df: pd.DataFrame, name: str, limit: int = 60) -> pd.Series:
    """``short_text(cell, limit)`` of each cell of column ``name`` (object dtype; '' for missing
    cells or an absent column)."""
    if name not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    s = _squash(df[name])
    cut = s.str.len() > limit
    if cut.any():
        s = s.where(~cut, s.str.slice(0, limit - 1).str.rstrip() + "…")
    return s.astype(object)
