"""Import ACLED exports into the incident table.

``read_acled(path)`` reads an export in ACLED's current 31-column schema (2023-) or the older
schema (data_id, event_id_no_cnty, iso3, numeric inter codes, ...), with dates written
2020-12-31, 31-Dec-20 or 31 December 2020, a byte-order mark and Windows line endings, and
returns rows in our schema (``incidents.schema.INCIDENT_COLUMNS``): ACLED's event ids
(event_id_cnty -> event_id), notes, sources and precision codes kept; governorates spelled
as in our boundaries; date_start/date_end from time_precision (1: the day; 2: the week
around the date, event_date - 3 .. event_date + 3; 3: the calendar month);
fatalities_low = fatalities_high = fatalities; dataset "acled", method "acled".

``import_acled(path, data_dir)`` merges them into data_dir/incidents.csv: an event already
imported is replaced when the new row's ACLED timestamp is the same or newer (so importing the
same file twice changes nothing and a newer export updates its events); rows of other datasets
are written back exactly as they were. A bad row is reported as ``FILE:LINE:COLUMN: reason``
and skipped; a file that is not an ACLED export raises ``NotAcledExport`` and nothing changes.
The table is written atomically, as one unit with the folder's other tables (``incidents.dataset.folder``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from incidents.dataset.disorder import disorder_types
from incidents.dataset.folder import writing
from incidents.dataset.tables import row_lines, write_table
from incidents.places.governorates import canonical_governorate
from incidents.problems import Problem
from incidents.schema import EVENT_TYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES
from incidents.wordlists import read_table

DATASET = "acled"
REQUIRED = ("event_date", "event_type", "country", "latitude", "longitude", "fatalities")
ID_COLUMNS = ("event_id_cnty", "event_id")
DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")

# ACLED's actor categories: the current schema writes words, the old one numbers (ACLED codebook).
INTER_CODES: dict[str, int] = {word: int(code) for word, code in read_table(Path(__file__).with_name("acled_inter_codes.csv"))}


class NotAcledExport(ValueError):
    """The file is not an ACLED export (message says why, with the file name)."""


@dataclass
class ImportResult:
    """What an import did: counts of rows added, updated, left unchanged (already imported,
    same or newer there), skipped as bad; the problems found; the table written."""

    path: Path
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.path}: {self.read} ACLED rows read, {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.skipped} skipped")


def _header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except OSError as exc:
        raise NotAcledExport(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise NotAcledExport(f"{path}: not an ACLED export (not UTF-8 CSV text)") from exc
    if not header:
        raise NotAcledExport(f"{path}: not an ACLED export (the file is empty)")
    return [h.strip().lower() for h in header]


def _parse_dates(s: pd.Series) -> pd.Series:
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & s.notna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce")
    return out


def _inter(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numeric or worded ACLED actor category -> (code Int64, bad mask)."""
    num = pd.to_numeric(s, errors="coerce")
    words = s.str.strip().str.lower().map(INTER_CODES)
    code = num.fillna(words)
    bad = s.notna() & code.isna()
    return code.round().astype("Int64"), bad


def _interaction(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numeric interaction (12) or worded ("State forces-Rebel group") -> code, bad mask."""
    num = pd.to_numeric(s, errors="coerce")

    def words(v):
        if not isinstance(v, str) or not v.strip():
            return np.nan
        parts = [INTER_CODES.get(p.strip().lower()) for p in v.replace("–", "-").split("-")]
        if "only" in v.lower() or len(parts) == 1:
            first = INTER_CODES.get(v.lower().replace("only", "").strip())
            return first * 10 if first else np.nan
        if None in parts or len(parts) != 2:
            return np.nan
        lo, hi = sorted(parts)
        return lo * 10 + hi

    code = num.fillna(s.map(words))
    bad = s.notna() & code.isna()
    return code.round().astype("Int64"), bad


# Columns copied from the export as they are (stripped, empty -> missing).
PASSED_THROUGH: tuple[str, ...] = (
    "disorder_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "civilian_targeting", "region", "country", "admin2", "admin3", "location", "source",
    "source_scale", "notes", "tags",
)


def _open_export(path: Path) -> tuple[pd.DataFrame, str]:
    """Read an export as strings with lower-case column names.

    Out: (frame, the name of its event id column). Raises NotAcledExport when the header lacks
    ACLED's columns or the file is not readable CSV.
    """
    header = _header(path)
    id_col = next((c for c in ID_COLUMNS if c in header), None)
    missing = [c for c in REQUIRED if c not in header]
    if id_col is None:
        missing.insert(0, "event_id_cnty")
    if missing:
        raise NotAcledExport(
            f"{path}: not an ACLED export: the header lacks {', '.join(missing)} "
            f"(ACLED exports have event_id_cnty, event_date, event_type, country, latitude, longitude, fatalities)"
        )
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig")
    except (pd.errors.ParserError, ValueError) as exc:
        raise NotAcledExport(f"{path}: not a readable CSV file: {exc}") from exc
    raw.columns = [c.strip().lower() for c in raw.columns]
    return raw, id_col


class _Export:
    """The cells of one export with the problems found in them so far.

    ``col(name)`` is a stripped column (empty cells missing; an absent column all missing);
    ``report(column, mask, message)`` adds one Problem per row in ``mask`` (line and column of the
    file) and, unless ``skip=False``, marks those rows as left out (``bad_rows``).
    """

    def __init__(self, path: Path, raw: pd.DataFrame):
        self.path, self.raw = path, raw
        self.lines = row_lines(raw)
        self.col_no = {c: i + 1 for i, c in enumerate(raw.columns)}
        self.cells = {c: raw[c].str.strip().replace("", np.nan) for c in raw.columns}
        self.problems: list[Problem] = []
        self.bad_rows = pd.Series(False, index=raw.index)

    def col(self, name: str) -> pd.Series:
        """Column ``name`` stripped, empty cells missing; all missing when the export lacks it."""
        return self.cells[name] if name in self.cells else pd.Series(np.nan, index=self.raw.index, dtype=object)

    def cell(self, i, name: str) -> str:
        """The raw cell of row ``i`` (frame index) in column ``name``, as written in the file."""
        return self.raw.at[i, name]

    def report(self, column: str, mask: pd.Series, message, skip: bool = True) -> None:
        """One Problem per row in ``mask`` with ``message(i)``; the rows are left out unless ``skip=False``."""
        mask = mask.fillna(False).astype(bool)
        for i in mask[mask].index:
            self.problems.append(Problem(str(self.path), int(self.lines.loc[i]), self.col_no.get(column, 0), message(i)))
        if skip:
            self.bad_rows |= mask

    def number(self, name: str, whole: bool, lo=None, hi=None, skip: bool = True) -> pd.Series:
        """A numeric column (Int64 when ``whole``, else Float64), bad cells reported and left empty."""
        v = pd.to_numeric(self.col(name), errors="coerce")
        bad = self.col(name).notna() & v.isna()
        if whole:
            bad |= v.notna() & (v != v.round())
        if lo is not None:
            bad |= v.notna() & ((v < lo) | (v > hi))
        what = "a whole number" if whole else "a number"
        rng = f" in {lo}..{hi}" if lo is not None else ""
        self.report(name, bad, lambda i: f"{name} '{self.cell(i, name)}' is not {what}{rng}"
                    + (": skipped" if skip else ""), skip=skip)
        v = v.where(~bad)
        return v.round().astype("Int64") if whole else v.astype("Float64")


def _read_dates(ex: _Export) -> pd.Series:
    """event_date parsed (datetime64, NaT when unreadable or empty; such rows reported and skipped)."""
    dates = _parse_dates(ex.col("event_date"))
    ex.report("event_date", ex.col("event_date").notna() & dates.isna(),
              lambda i: f"event_date '{ex.cell(i, 'event_date')}' is not a date (2020-12-31, 31-Dec-20 or "
                        f"31 December 2020): skipped")
    ex.report("event_date", ex.col("event_date").isna(), lambda i: "event_date is empty: skipped")
    return dates


def _read_numbers(ex: _Export, out: dict[str, pd.Series]) -> pd.Series:
    """Coordinates, fatalities and the numeric codes into ``out``; returns time_precision as read."""
    out["latitude"] = ex.number("latitude", False, -90, 90)
    out["longitude"] = ex.number("longitude", False, -180, 180)
    ex.report("latitude", ex.col("latitude").isna() | ex.col("longitude").isna(),
              lambda i: "latitude or longitude is empty: skipped")
    out["fatalities"] = ex.number("fatalities", True, 0, 100_000)
    tp = ex.number("time_precision", True, 1, 3, skip=False)
    out["geo_precision"] = ex.number("geo_precision", True, 1, 3, skip=False)
    out["iso"] = ex.number("iso", True, skip=False)
    out["timestamp"] = ex.number("timestamp", True, skip=False)
    return tp


def _read_categories(ex: _Export, out: dict[str, pd.Series]) -> None:
    """event_type (ours spelled; unknown or empty rows skipped), inter1/inter2 and interaction codes."""
    known_types = {t.lower(): t for t in EVENT_TYPES}
    etype = ex.col("event_type").str.lower().map(known_types)
    ex.report("event_type", ex.col("event_type").notna() & etype.isna(),
              lambda i: f"event_type '{ex.cell(i, 'event_type')}' is not an ACLED event type: skipped")
    ex.report("event_type", ex.col("event_type").isna(), lambda i: "event_type is empty: skipped")
    out["event_type"] = etype
    for name in ("inter1", "inter2"):
        code, bad = _inter(ex.col(name))
        ex.report(name, bad, lambda i, name=name: f"{name} '{ex.cell(i, name)}' is not an ACLED actor category",
                  skip=False)
        out[name] = code
    code, bad = _interaction(ex.col("interaction"))
    ex.report("interaction", bad,
              lambda i: f"interaction '{ex.cell(i, 'interaction')}' is not an ACLED interaction", skip=False)
    out["interaction"] = code


def _read_admin1(ex: _Export) -> pd.Series:
    """admin1, Iraqi governorates spelled as ours; an unknown Iraqi one is reported and kept as given."""
    adm = ex.col("admin1")
    iraq = ex.col("country").fillna("") == "Iraq"
    fixed = adm.where(~iraq, adm.map(lambda v: canonical_governorate(v, reading="any") if isinstance(v, str) else np.nan))
    unknown = iraq & adm.notna() & fixed.isna()
    ex.report("admin1", unknown,
              lambda i: f"admin1 '{ex.cell(i, 'admin1')}' is not a governorate of Iraq: kept as given", skip=False)
    return fixed.where(~unknown, adm)


def _date_window(dates: pd.Series, tp: pd.Series) -> dict[str, pd.Series]:
    """event_date, year, time_precision (empty -> 1) and the date_start..date_end window it implies.

    1: the day; 2: event_date - 3 .. event_date + 3; 3: the calendar month.
    """
    day = dates.dt.normalize()
    tp = tp.where(tp.notna(), 1).astype("Int64")
    month_start = day.dt.to_period("M").dt.start_time
    month_end = day.dt.to_period("M").dt.end_time.dt.normalize()
    start = day.where(tp != 2, day - pd.Timedelta(days=3)).where(tp != 3, month_start)
    end = day.where(tp != 2, day + pd.Timedelta(days=3)).where(tp != 3, month_end)
    return {
        "event_date": day.dt.strftime("%Y-%m-%d"),
        "year": pd.Series(day.dt.year, index=dates.index).astype("Int64"),
        "time_precision": tp,
        "date_start": start.dt.strftime("%Y-%m-%d"),
        "date_end": end.dt.strftime("%Y-%m-%d"),
    }


def _typed_frame(out: dict[str, pd.Series], index: pd.Index) -> pd.DataFrame:
    """The columns read, as a frame of INCIDENT_COLUMNS in INCIDENT_DTYPES (absent columns empty)."""
    df = pd.DataFrame({c: out.get(c, pd.Series(np.nan, index=index)) for c in INCIDENT_COLUMNS})
    for c in INCIDENT_COLUMNS:
        kind = INCIDENT_DTYPES.get(c, "string")
        df[c] = df[c].astype(kind) if kind != "Int64" else pd.to_numeric(df[c]).astype("Int64")
    return df


def _drop_repeats(ex: _Export, df: pd.DataFrame, keep: pd.Series, id_col: str) -> pd.Series:
    """The same event twice in one file: keep the newest (then the last); out: the rows to keep."""
    ids = df["event_id"]
    dup = keep & ids.notna() & ids.duplicated(keep=False)
    if dup.any():
        order = df[dup].assign(_line=ex.lines[dup]).sort_values(["timestamp", "_line"], na_position="first")
        winners = set(order.drop_duplicates("event_id", keep="last").index)
        losers = dup & ~df.index.isin(winners)
        ex.report(id_col, losers, lambda i: f"event {ids.at[i]} appears again later in the file: this row skipped")
        keep &= ~losers
    return keep


def read_acled(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """An ACLED export -> (rows in INCIDENT_COLUMNS with INCIDENT_DTYPES, problems).

    Bad rows (no event id, unreadable date, coordinates or fatalities, unknown event type) are
    left out and reported with their line and column. Raises NotAcledExport when the file's
    header is not ACLED's.
    """
    path = Path(path)
    raw, id_col = _open_export(path)
    ex = _Export(path, raw)
    out: dict[str, pd.Series] = {"event_id": ex.col(id_col)}
    ex.report(id_col, out["event_id"].isna(), lambda i: f"row without {id_col}: skipped")
    dates = _read_dates(ex)
    tp = _read_numbers(ex, out)
    _read_categories(ex, out)
    out["admin1"] = _read_admin1(ex)
    for name in PASSED_THROUGH:
        out[name] = ex.col(name)
    out["disorder_type"] = disorder_types(out["disorder_type"], out["event_type"], out["sub_event_type"])  # old schema: none
    out.update(_date_window(dates, tp))
    out["fatalities_low"] = out["fatalities"]
    out["fatalities_high"] = out["fatalities"]
    out["method"] = pd.Series(DATASET, index=raw.index)
    out["dataset"] = pd.Series(DATASET, index=raw.index)
    df = _typed_frame(out, raw.index)
    keep = _drop_repeats(ex, df, ~ex.bad_rows, id_col)
    ex.problems.sort(key=lambda p: (p.line, p.column))
    return df[keep].reset_index(drop=True), ex.problems


def _format(df: pd.DataFrame) -> pd.DataFrame:
    """Typed rows -> the strings they are written as (empty for missing)."""
    out = {}
    for c in df.columns:
        s = df[c]
        if str(s.dtype) == "Float64":
            out[c] = s.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            out[c] = s.astype("string").fillna("")
        out[c] = out[c].astype(object)
    return pd.DataFrame(out, index=df.index)


def merge(existing: pd.DataFrame, new: pd.DataFrame, path: str = "") -> tuple[pd.DataFrame, dict, list[Problem]]:
    """Merge typed ACLED rows ``new`` into ``existing`` (the table as strings, as read from
    disk). Returns (merged table as strings, counts added/updated/unchanged, problems)."""
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    problems: list[Problem] = []
    new_s = _format(new)
    if existing.empty:
        counts["added"] = len(new_s)
        return new_s.reindex(columns=list(INCIDENT_COLUMNS)), counts, problems
    existing = existing.copy()
    for c in INCIDENT_COLUMNS:
        if c not in existing.columns:
            existing[c] = ""
    pos = {eid: i for i, eid in enumerate(existing["event_id"].tolist())}
    datasets = existing["dataset"].tolist()
    stamps = pd.to_numeric(existing["timestamp"], errors="coerce").tolist()
    replace_rows: dict[int, int] = {}
    add_rows: list[int] = []
    for j, (eid, ts) in enumerate(zip(new["event_id"].tolist(), new["timestamp"].tolist(), strict=True)):
        i = pos.get(eid)
        if i is None:
            add_rows.append(j)
            continue
        if datasets[i] != DATASET:
            problems.append(Problem(path, 0, 0, f"event {eid} is already in the table as a {datasets[i] or 'non-ACLED'} "
                                                 f"incident: not replaced"))
            continue
        old = stamps[i]
        if pd.isna(ts) or pd.isna(old) or ts >= old:
            row = new_s.iloc[j][list(INCIDENT_COLUMNS)].tolist()
            if existing.loc[existing.index[i], list(INCIDENT_COLUMNS)].tolist() == row:
                counts["unchanged"] += 1
            else:
                replace_rows[i] = j
        else:
            counts["unchanged"] += 1
    cols = list(INCIDENT_COLUMNS)
    for i, j in replace_rows.items():
        existing.loc[existing.index[i], cols] = new_s.iloc[j][cols].tolist()
    counts["updated"] = len(replace_rows)
    counts["added"] = len(add_rows)
    extra_cols = [c for c in existing.columns if c not in INCIDENT_COLUMNS]
    merged = pd.concat([existing, new_s.iloc[add_rows]], ignore_index=True)
    return merged.reindex(columns=cols + extra_cols).fillna(""), counts, problems


def import_acled(path: Path, data_dir: Path) -> ImportResult:
    """Read ACLED export ``path`` and merge it into ``data_dir``/incidents.csv (created when
    missing). Raises NotAcledExport (nothing written) when the file is not an ACLED export or
    the existing table cannot be read."""
    path, data_dir = Path(path), Path(data_dir)
    new, problems = read_acled(path)
    target = data_dir / "incidents.csv"
    result = ImportResult(path=target, read=len(new), problems=problems)
    result.skipped = len({p.line for p in problems if p.message.endswith("skipped")})
    with writing(data_dir) as unit:   # the folder's tables switch as one unit (incidents.dataset.folder)
        return _merge_into(unit, target, new, path, result)


def _merge_into(unit, target: Path, new: pd.DataFrame, path: Path, result: ImportResult) -> ImportResult:
    """Merge rows ``new`` read from ``path`` into ``target`` (the locked folder's incidents.csv)."""
    if target.is_file():
        try:
            existing = pd.read_csv(target, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig")
        except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as exc:
            raise NotAcledExport(f"{target}: the existing incident table cannot be read ({exc}); nothing imported") from exc
        if "event_id" not in existing.columns:
            raise NotAcledExport(f"{target}: the existing incident table has no event_id column; nothing imported")
    else:
        existing = pd.DataFrame(columns=list(INCIDENT_COLUMNS))
    merged, counts, merge_problems = merge(existing, new, str(path))
    result.problems += merge_problems
    result.added, result.updated, result.unchanged = counts["added"], counts["updated"], counts["unchanged"]
    if result.added or result.updated or not target.is_file():
        unit.commit({target.name: lambda tmp: write_table(merged, tmp, tuple(merged.columns), atomic=False)})
    return result
