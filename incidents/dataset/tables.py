"""Reading, checking and writing the incident and article tables (CSV).

``read_incidents(path)`` and ``read_articles(path)`` return ``(frame, problems)``: the frame has
exactly the schema's columns in the schema's order and dtypes (``incidents.schema``); every
value that could not be read is left empty and reported as a ``Problem`` with the file, the
line of the file (quoted fields spanning lines are counted) and the 1-based column of the
header. Bad input never raises; a missing or unreadable file is one problem at line 0.

``write_table(frame, path, columns)`` writes atomically (temporary file in the same folder,
then rename), so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from incidents.atomic import atomic_path
from incidents.dataset.rules import (
    CODES,
    DATE_COLUMNS,
    RANGES,
    TIME_COLUMNS,
    TIME_FORMAT,
    TIME_PATTERN,
    message,
)
from incidents.places.governorates import GOVERNORATES, canonical_governorate
from incidents.problems import Problem
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES

REQUIRED_INCIDENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "event_type", "country", "admin1", "latitude", "longitude",
)
REQUIRED_ARTICLE_COLUMNS: tuple[str, ...] = ("article_id", "text")
MAX_PROBLEMS_PER_COLUMN = 20  # beyond this, one summary problem per column

# ---------------------------------------------------------------------------------------------
# reading


def header_names(path: Path, delimiter: str = ",", quotechar: str = '"') -> list[str]:
    """The names of the header record of a CSV file (stripped; a UTF-8 byte order mark is
    skipped; fields separated by ``delimiter`` and quoted with ``quotechar``). Only the header is
    decoded, so a bad byte further down is no error here.

    Raises OSError when the file cannot be read and UnicodeDecodeError when the header is not
    UTF-8; an empty file gives []."""
    chunks: list[bytes] = []
    with open(path, "rb") as fh:
        for raw in fh:  # physical lines, until the quotes of the header record are closed
            chunks.append(raw)
            if b"".join(chunks).count(quotechar.encode()) % 2 == 0 or len(chunks) > 1000:
                break
    text = b"".join(chunks).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar)
    return [h.strip() for h in next(reader, [])]


def check_header(path: Path, required: tuple[str, ...]) -> list[Problem]:
    """Read only the header line of a CSV file; one problem per missing required column.

    A missing, empty or unreadable file gives one problem at line 0 (a header that is not
    UTF-8 one at line 1).
    """
    try:
        names = header_names(path)
    except OSError as exc:
        return [Problem(str(path), 0, 0, f"cannot read the file: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return [Problem(str(path), 1, 0, "the header line is not UTF-8 text")]
    if not names:
        return [Problem(str(path), 1, 0, "the file is empty: expected a header line")]
    return [
        Problem(str(path), 1, 0, f"required column '{c}' is missing from the header")
        for c in required
        if c not in names
    ]


def row_lines(raw: pd.DataFrame) -> pd.Series:
    """Line number in the file where each record starts (header = line 1).

    A record spanning several lines (newlines inside quoted fields) pushes the next ones down.
    """
    if raw.empty:
        return pd.Series([], dtype="int64")
    extra = pd.Series(0, index=raw.index, dtype="int64")
    for c in raw.columns:
        col = raw[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            extra += col.str.count("\n").fillna(0).astype("int64")
    lines = 2 + (extra + 1).cumsum() - (extra + 1)
    return lines


def _read_raw(path: Path, required: tuple[str, ...]) -> tuple[pd.DataFrame | None, list[Problem]]:
    problems = check_header(path, required)
    if problems:
        return None, problems
    try:
        raw = pd.read_csv(
            path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig",
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        return None, [Problem(str(path), 0, 0, f"not a readable CSV file: {exc}")]
    raw.columns = [str(c).strip() for c in raw.columns]
    return raw, []


class _Reporter:
    """Collects problems for one file, at most MAX_PROBLEMS_PER_COLUMN per column."""

    def __init__(self, path: Path, header: list[str], lines: pd.Series):
        self.path, self.lines = str(path), lines
        self.col_no = {c: i + 1 for i, c in enumerate(header)}
        self.problems: list[Problem] = []

    def bad(self, column: str, mask: pd.Series, words) -> None:
        idx = mask[mask.fillna(False)].index
        for i in idx[:MAX_PROBLEMS_PER_COLUMN]:
            self.problems.append(
                Problem(self.path, int(self.lines.loc[i]), self.col_no.get(column, 0), words(i))
            )
        if len(idx) > MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(
                Problem(self.path, 0, self.col_no.get(column, 0),
                        f"{len(idx) - MAX_PROBLEMS_PER_COLUMN} more problems in column '{column}'")
            )


def _typed(raw: pd.DataFrame, columns: tuple[str, ...], dtypes: dict[str, str], rep: _Reporter) -> pd.DataFrame:
    out = {}
    n = len(raw)
    for c in columns:
        if c not in raw.columns:
            out[c] = pd.Series(pd.array([pd.NA] * n, dtype=dtypes.get(c, "string")), index=raw.index)
            continue
        s = raw[c].astype("string").str.strip()
        empty = s.isna() | (s == "")
        kind = dtypes.get(c)
        if kind in ("Int64", "Float64"):
            num = pd.to_numeric(s.where(~empty), errors="coerce")
            bad = ~empty & num.isna()
            if kind == "Int64":
                frac = num.notna() & (num != num.round())
                rep.bad(c, bad | frac, lambda i, c=c: message("whole", value=raw.at[i, c], column=c))
                num = num.where(~frac)
                out[c] = num.round().astype("Int64")
            else:
                rep.bad(c, bad, lambda i, c=c: message("number", value=raw.at[i, c], column=c))
                out[c] = num.astype("Float64")
        else:
            out[c] = s.where(~empty, pd.NA).astype("string")
    return pd.DataFrame(out, index=raw.index)


def read_incidents(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """data/incidents.csv -> (frame with INCIDENT_COLUMNS and INCIDENT_DTYPES, problems).

    Checked: required columns, numbers (whole numbers where the schema says Int64), latitude
    and longitude ranges, ISO dates (YYYY-MM-DD) in event_date / date_start / date_end,
    precision codes (time 1-3, geo 1-3), governorate names (other spellings are read as ours
    and reported), empty or repeated event ids. A bad value is left empty; its row stays.
    """
    path = Path(path)
    raw, problems = _read_raw(path, REQUIRED_INCIDENT_COLUMNS)
    if raw is None:
        return empty_incidents(), problems
    lines = row_lines(raw)
    rep = _Reporter(path, list(raw.columns), lines)
    df = _typed(raw, INCIDENT_COLUMNS, INCIDENT_DTYPES, rep)

    for c in DATE_COLUMNS:
        s = df[c]
        parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        bad = s.notna() & parsed.isna()
        rep.bad(c, bad, lambda i, c=c: message("date", value=raw.at[i, c], column=c))
        df.loc[bad, c] = pd.NA
    for c, (lo, hi) in RANGES.items():
        bad = df[c].notna() & ((df[c] < lo) | (df[c] > hi))
        rep.bad(c, bad, lambda i, c=c: message("range", column=c, value=df.at[i, c]))
        df.loc[bad.fillna(False), c] = pd.NA
    for c, codes in CODES.items():
        bad = df[c].notna() & ~df[c].isin(list(codes))
        rep.bad(c, bad, lambda i, c=c: message("code", column=c, value=df.at[i, c]))
        df.loc[bad.fillna(False), c] = pd.NA

    # governorates
    adm = df["admin1"]
    iraq = df["country"].isna() | (df["country"] == "Iraq")
    off = adm.notna() & iraq & ~adm.isin(GOVERNORATES)
    if off.any():
        mapped = adm[off].map(lambda v: canonical_governorate(str(v), reading="field"))
        fixable = mapped.notna()
        rep.bad("admin1", off & fixable.reindex(df.index, fill_value=False),
                lambda i: f"governorate '{raw.at[i, 'admin1']}' read as '{mapped.at[i]}'")
        rep.bad("admin1", off & ~fixable.reindex(df.index, fill_value=True),
                lambda i: f"'{raw.at[i, 'admin1']}' is not a governorate of Iraq")
        df.loc[mapped[fixable].index, "admin1"] = mapped[fixable].astype("string")

    ids = df["event_id"]
    rep.bad("event_id", ids.isna(), lambda i: message("empty_id", column="event_id"))
    dup = ids.notna() & ids.duplicated(keep="first")
    rep.bad("event_id", dup, lambda i: message("repeated_id", column="event_id", value=ids.at[i]))

    df = df.reset_index(drop=True)
    return df, problems + rep.problems


def read_articles(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """data/articles.csv -> (frame with ARTICLE_COLUMNS and ARTICLE_DTYPES, problems).

    Checked: required columns (article_id, text), whole numbers, ``ingested_at`` in the form
    YYYY-MM-DDTHH:MM:SSZ, empty or repeated article ids.
    """
    path = Path(path)
    raw, problems = _read_raw(path, REQUIRED_ARTICLE_COLUMNS)
    if raw is None:
        return empty_articles(), problems
    lines = row_lines(raw)
    rep = _Reporter(path, list(raw.columns), lines)
    df = _typed(raw, ARTICLE_COLUMNS, ARTICLE_DTYPES, rep)
    for c in TIME_COLUMNS:
        s = df[c]
        form = s.str.fullmatch(TIME_PATTERN).fillna(False).astype(bool)
        parsed = pd.to_datetime(s.where(form), format=TIME_FORMAT, errors="coerce")
        bad = s.notna() & (~form | parsed.isna() | s.str.startswith("0000").fillna(False))
        rep.bad(c, bad, lambda i, c=c: message("time", value=raw.at[i, c], column=c))
        df.loc[bad, c] = pd.NA
    # article text is kept exactly as found (no strip)
    if "text" in raw.columns:
        df["text"] = raw["text"].astype("string")
    ids = df["article_id"]
    rep.bad("article_id", ids.isna(), lambda i: message("empty_id", column="article_id"))
    rep.bad("article_id", ids.notna() & ids.duplicated(keep="first"),
            lambda i: message("repeated_id", column="article_id", value=ids.at[i]))
    return df.reset_index(drop=True), problems + rep.problems


def empty_incidents() -> pd.DataFrame:
    """A frame with no rows and the incident table's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=INCIDENT_DTYPES.get(c, "string")) for c in INCIDENT_COLUMNS})


def empty_articles() -> pd.DataFrame:
    """A frame with no rows and the article table's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=ARTICLE_DTYPES.get(c, "string")) for c in ARTICLE_COLUMNS})


# ---------------------------------------------------------------------------------------------
# writing


def write_table(frame: pd.DataFrame, path: Path, columns: tuple[str, ...], atomic: bool = True) -> None:
    """Write ``frame[columns]`` as CSV (UTF-8, header, empty cells for missing values) to
    ``path`` atomically: a temporary file in the same folder, then a rename (``atomic`` False:
    straight to ``path``, for a writer that switches files itself). Missing columns are written
    empty."""
    out = frame.reindex(columns=list(columns))
    if not atomic:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            out.to_csv(fh, index=False, lineterminator="\n")
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        out.to_csv(fh, index=False, lineterminator="\n")
