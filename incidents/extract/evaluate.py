"""Measure extracted incidents against a gold annotation.

In: a gold table (one row per real incident per article, see gold/README.md), a predicted incident
table (data/incidents.csv columns, with provenance article_id, span_start, span_end, quote) and,
optionally, the articles table (article_id, file, part, text) that both point into.

Out: a :class:`Report` with precision, recall and F1 of incident detection, the accuracy of the
fields on matched incidents, and every miss, false positive and wrong field, so a developer can act.

Matching: a predicted row and a gold row match when they come from the same article and the predicted
span overlaps one of the gold evidence quotes in the article text. Without article texts, a predicted
quote matches when it shares at least ``MIN_SHARED_CHARS`` characters with an evidence quote. Gold rows
linked by ``same_as`` (the same real incident told by two articles) form one gold incident. Matching is
one-to-one (Hungarian algorithm: the most matches, then the most overlap); a second prediction of a
matched incident is a false positive ("duplicate").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePath

import pandas as pd

from incidents.problems import Problem

EVIDENCE_SEPARATOR = " || "
MIN_SHARED_CHARS = 20

GOLD_REQUIRED: tuple[str, ...] = (
    "file", "part", "evidence", "admin1", "date_start", "date_end", "event_type", "sub_event_type",
    "fatalities_low", "fatalities_high", "wounded", "arrested",
)
PRED_REQUIRED: tuple[str, ...] = (
    "article_id", "span_start", "span_end", "quote", "admin1", "date_start", "date_end", "event_type",
    "sub_event_type", "fatalities_low", "fatalities_high", "wounded", "arrested",
)
# Without article texts, predictions are matched on their quotes: no span needed.
QUOTE_MODE_REQUIRED: tuple[str, ...] = tuple(c for c in PRED_REQUIRED if c not in ("article_id", "span_start", "span_end"))
ARTICLES_REQUIRED: tuple[str, ...] = ("article_id", "file", "part", "text")
PRED_OPTIONAL: tuple[str, ...] = ("event_id", "fatalities", "source_articles", "country", "time_precision",
                                   "actor1", "actor2", "confidence")
CONFIDENCE_THRESHOLDS: tuple[float, ...] = (0.5, 0.8)
COUNT_COLUMNS: tuple[str, ...] = ("fatalities", "fatalities_low", "fatalities_high", "wounded", "arrested")

# Field scores in the order they are printed.
FIELDS: tuple[str, ...] = (
    "governorate", "country", "date window", "time precision", "event type", "sub-event type", "fatalities (exact range)",
    "fatalities (range overlaps)", "wounded", "arrested", "actor1", "actor2", "all source articles",
)


class EvaluationInputError(ValueError):
    """Bad input tables; ``problems`` says what is wrong and where (file, line, column)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class FieldScore:
    """How many matched incidents have ``field`` right (``total`` = matched incidents scored)."""

    field: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class Pair:
    """A gold incident and the predicted row matched to it; ``wrong`` lists fields that differ."""

    gold_id: str
    file: str
    part: int
    event_id: str
    evidence: str
    quote: str
    overlap: int
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class Miss:
    """A gold incident that no predicted row found."""

    gold_id: str
    file: str
    part: int
    evidence: str
    notes: str = ""


@dataclass(frozen=True)
class FalsePositive:
    """A predicted row that matches no gold incident; ``reason`` says why (duplicate of which gold)."""

    event_id: str
    file: str
    part: int | None
    quote: str
    reason: str
    article_id: str = ""
    # a duplicate from an article other than those of the row that matched its gold incident (two outlets'
    # reports of one incident left as two rows), not a second row inside one article
    across_articles: bool = False


@dataclass(frozen=True)
class Report:
    """Result of :func:`evaluate`."""

    gold_incidents: int
    predicted: int
    matched: int
    fields: tuple[FieldScore, ...]
    pairs: tuple[Pair, ...]
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    ignored_out_of_scope: int = 0
    ignored_without_article: int = 0
    quote_mismatches: tuple[str, ...] = ()  # event ids whose quote is not article.text[span_start:span_end]
    mode: str = "span"
    # (threshold, predicted rows with confidence >= threshold, of them matched); empty without confidences
    at_confidence: tuple[tuple[float, int, int], ...] = ()

    @property
    def duplicates(self) -> int:
        """False positives that repeat a matched gold incident (a missing deduplication)."""
        return sum(fp.reason.startswith("duplicate of") for fp in self.false_positives)

    @property
    def duplicates_across_articles(self) -> int:
        """Duplicates that are another article's report of an incident a row already matched."""
        return sum(fp.across_articles for fp in self.false_positives)

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.matched / self.predicted
        return 1.0 if self.gold_incidents == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_incidents if self.gold_incidents else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field(self, name: str) -> FieldScore:
        """The score of one field by name (see FIELDS)."""
        for f in self.fields:
            if f.field == name:
                return f
        raise KeyError(name)

    def to_dict(self) -> dict:
        """Plain data for JSON: the figures, then the lists."""
        return {
            "mode": self.mode,
            "gold_incidents": self.gold_incidents,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fields": {
                f.field: {"correct": f.correct, "total": f.total,
                          "accuracy": None if f.accuracy is None else round(f.accuracy, 4)}
                for f in self.fields
            },
            "duplicates": self.duplicates,
            "duplicates_across_articles": self.duplicates_across_articles,
            "precision_at_confidence": {f"{t:.1f}": {"predicted": n, "matched": m,
                                                     "precision": round(m / n, 4) if n else None}
                                        for t, n, m in self.at_confidence},
            "ignored_out_of_scope": self.ignored_out_of_scope,
            "ignored_without_article": self.ignored_without_article,
            "quote_mismatches": list(self.quote_mismatches),
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
            "matches": [{"gold_id": p.gold_id, "event_id": p.event_id, "overlap": p.overlap} for p in self.pairs],
            "wrong_fields": [asdict(p) for p in self.pairs if p.wrong],
        }


# ---------------------------------------------------------------------------------------------
# Reading CSV files with line numbers


def read_table(path: Path | str, required: Iterable[str] = (),
               keep: Iterable[str] | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a CSV file as strings, keeping each record's first line number in the column ``_line``.

    In: a path, the columns the table must have, and optionally the only columns to load (those present).
    Out: (frame, problems); frame is None when the file cannot be used (missing, not UTF-8, empty, missing
    columns, a record with the wrong number of fields). ``frame.attrs["path"]`` is the path as given, so
    later problems can name the file.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem(name, 0, 0, f"cannot read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(name, line, column, "not UTF-8 text")]
    del raw
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return None, [Problem(name, 1, 1, "empty file: expected a CSV header")]
    except csv.Error as exc:
        return None, [Problem(name, 1, 1, f"not a CSV file: {exc}")]
    missing = [c for c in required if c not in header]
    if missing:
        return None, [Problem(name, 1, 1, f"missing column(s): {', '.join(missing)} (is this the right file?)")]
    # One pass with the csv module for line numbers and field counts; pandas' C parser for the data.
    lines: list[int] = []
    start = reader.line_num + 1
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            return None, [Problem(name, start, 1, f"bad CSV record: {exc}")]
        if rec:
            if len(rec) != len(header):
                return None, [Problem(name, start, 1, f"{len(rec)} fields where the header has {len(header)}")]
            lines.append(start)
        start = reader.line_num + 1
    usecols = None if keep is None else [c for c in header if c in set(keep)]
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                            usecols=usecols, engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        return None, [Problem(name, 0, 0, f"cannot parse as CSV: {exc}")]
    if len(frame) != len(lines):
        return None, [Problem(name, 0, 0, f"pandas read {len(frame)} records where the csv module read {len(lines)}")]
    frame["_line"] = lines
    frame.attrs["path"] = name
    return frame, []


def _char_column(path: str, line: int, column_name: str) -> int:
    """1-based character column of ``column_name``'s field on ``line`` of a CSV file (0 if unknown)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            lines = fh.read().splitlines()
        index = next(csv.reader([lines[0]])).index(column_name)
        raw = lines[line - 1]
    except (OSError, UnicodeDecodeError, ValueError, IndexError, StopIteration, csv.Error):
        return 0
    if index == 0:
        return 1
    field_no, quoted = 0, False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            field_no += 1
            if field_no == index:
                return i + 2
    return 0


class _Rows:
    """Some rows of a frame as plain dicts (fast to read), with where each came from, for messages.

    ``positions``: the frame rows to keep (default all). ``records[k]`` is a dict of column -> value;
    ``where(k, column, message)`` builds the Problem for that cell.
    """

    def __init__(self, df: pd.DataFrame, positions: list[int] | None = None):
        self.path = df.attrs.get("path", "<table>")
        self.from_file = "path" in df.attrs
        self.columns = set(df.columns)
        sub = df if positions is None else df.iloc[positions]
        self.records: list[dict] = sub.to_dict("records")
        rows = range(len(df)) if positions is None else positions
        self.lines = [int(x) for x in sub["_line"].tolist()] if "_line" in df.columns else [r + 2 for r in rows]

    def get(self, k: int, column: str) -> str:
        return _s(self.records[k].get(column))

    def where(self, k: int, column: str | None, message: str) -> Problem:
        line = self.lines[k]
        col = _char_column(self.path, line, column) if column is not None and self.from_file else 0
        return Problem(self.path, line, col, message)

    def counts(self, k: int, columns: Iterable[str], problems: list[Problem]) -> dict:
        """Whole-number cells as ints (None when empty or absent); a bad cell adds a Problem."""
        out: dict = {}
        for c in columns:
            try:
                out[c] = _int(self.records[k].get(c))
            except ValueError:
                problems.append(self.where(k, c, f"{c}: {self.get(k, c)!r} is not a whole number"))
                out[c] = None
        return out


# ---------------------------------------------------------------------------------------------
# Small value helpers


def _s(value) -> str:
    """A cell as a stripped string; NaN/None/NA give ''."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return "" if text.lower() in {"nan", "<na>", "none"} else text


def _int(value) -> int | None:
    """A cell as an int: '' gives None, '3.0' gives 3; raises ValueError on anything else."""
    text = _s(value)
    if not text:
        return None
    number = float(text)
    if not number.is_integer():
        raise ValueError(text)
    return int(number)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _isint(text: str) -> bool:
    try:
        _int(text)
    except ValueError:
        return False
    return True


def _file_key(name: str) -> str:
    return PurePath(name.replace("\\", "/")).name


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lcs(a: str, b: str) -> int:
    """Length of the longest common substring of two strings (whitespace and case normalised)."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


# ---------------------------------------------------------------------------------------------
# Assignment


def _assign(weights: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment over a sparse bipartite graph (Hungarian algorithm).

    In: {(left, right): positive weight}. Out: the chosen (left, right) pairs, every one an edge.
    Weights are lifted so that the number of pairs is maximised first, then their total weight.
    """
    if not weights:
        return []
    lefts = sorted({a for a, _ in weights})
    rights = sorted({b for _, b in weights})
    transpose = len(lefts) > len(rights)
    if transpose:
        lefts, rights = rights, lefts
        weights = {(b, a): w for (a, b), w in weights.items()}
    lift = 1 + sum(weights.values())
    n, m = len(lefts), len(rights)
    cost = [[-(lift + weights[(a, b)]) if (a, b) in weights else 0 for b in rights] for a in lefts]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        if p[j]:
            a, b = lefts[p[j] - 1], rights[j - 1]
            if (a, b) in weights:
                pairs.append((b, a) if transpose else (a, b))
    return sorted(pairs)


# ---------------------------------------------------------------------------------------------
# Validation and preparation


@dataclass
class _Gold:
    row: int
    gold_id: str
    file: str
    part: int
    quotes: list[str]
    values: dict
    notes: str
    article_id: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


def _missing(df: pd.DataFrame, required: Iterable[str]) -> list[Problem]:
    missing = [c for c in required if c not in df.columns]
    if not missing:
        return []
    return [Problem(df.attrs.get("path", "<table>"), 1, 1, f"missing column(s): {', '.join(missing)}")]


def _prepare_gold(gold: _Rows, problems: list[Problem]) -> list[_Gold]:
    rows = []
    for k in range(len(gold.records)):
        file = gold.get(k, "file")
        try:
            part = _int(gold.records[k].get("part")) or 0
        except ValueError:
            part = 0
        if not file or part < 1:
            problems.append(gold.where(k, "file" if not file else "part",
                                       "every gold row needs a file and a part (1, 2, ...)"))
            continue
        evidence = gold.get(k, "evidence")
        quotes = [evidence] if evidence else []
        if evidence:
            quotes += [q.strip() for q in gold.get(k, "other_evidence").split(EVIDENCE_SEPARATOR.strip())
                       if q.strip()]
        values = {c: gold.get(k, c) for c in ("country", "admin1", "date_start", "date_end", "time_precision",
                                              "event_type", "sub_event_type", "actor1", "actor2") if c in gold.columns}
        values.update(gold.counts(k, ("fatalities_low", "fatalities_high", "wounded", "arrested"), problems))
        rows.append(_Gold(k, gold.get(k, "gold_id") or f"line {gold.lines[k]}", file, part, quotes, values,
                          gold.get(k, "notes")))
    return rows


def _groups(gold: _Rows, rows: list[_Gold], problems: list[Problem]) -> list[list[_Gold]]:
    """Gold incidents: rows joined by same_as (union-find), rows with evidence only, in file order."""
    parent = {r.gold_id: r.gold_id for r in rows}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        other = gold.get(r.row, "same_as")
        if not other:
            continue
        if other not in parent:
            problems.append(gold.where(r.row, "same_as", f"same_as: no gold row with gold_id {other!r}"))
            continue
        parent[root(r.gold_id)] = root(other)
    groups: dict[str, list[_Gold]] = {}
    for r in rows:
        if r.quotes:
            groups.setdefault(root(r.gold_id), []).append(r)
    return list(groups.values())


# ---------------------------------------------------------------------------------------------
# Field comparison


def _window(values: dict) -> tuple[str, str]:
    return (_s(values.get("date_start"))[:10], _s(values.get("date_end"))[:10])


def _range(values: dict) -> tuple[int, int | None]:
    """Fatality range (low, high); high None is open above ("at least 3").

    Empty low and high take ``fatalities`` (best) when there is one, else 0-0 (ACLED: none reported);
    an empty low with a high ("up to 5") starts at 0.
    """
    low, high, best = values.get("fatalities_low"), values.get("fatalities_high"), values.get("fatalities")
    if low is None and high is None:
        return (best or 0, best or 0)
    return (low or 0, high)


def _range_text(r: tuple[int, int | None]) -> str:
    return f"{r[0]}+" if r[1] is None else f"{r[0]}-{r[1]}"


def _compare(g: dict, p: dict, group_articles: set[str], pred_articles: set[str]) -> dict[str, tuple[bool, str]]:
    """{field: (equal?, 'gold X / predicted Y')} for one matched pair; fields gold cannot score are left out."""
    out: dict[str, tuple[bool, str]] = {}

    def put(name: str, gv, pv, equal: bool | None = None) -> None:
        ok = (gv == pv) if equal is None else equal
        out[name] = (ok, f"gold {gv or '-'} / predicted {pv or '-'}")

    put("governorate", g.get("admin1", ""), p.get("admin1", ""))
    if "country" in g:
        put("country", g["country"], p.get("country", ""))
    gw, pw = _window(g), _window(p)
    put("date window", "..".join(gw).strip("."), "..".join(pw).strip("."), gw == pw)
    if "time_precision" in g:
        gp, pp = g["time_precision"], _s(p.get("time_precision"))
        put("time precision", gp, pp, _int(gp) == _int(pp) if _isint(gp) and _isint(pp) else gp == pp)
    put("event type", g.get("event_type", ""), p.get("event_type", ""))
    put("sub-event type", g.get("sub_event_type", ""), p.get("sub_event_type", ""))
    gr, pr = _range(g), _range(p)
    text = (_range_text(gr), _range_text(pr))
    tops = [x for x in (gr[1], pr[1]) if x is not None]
    put("fatalities (exact range)", *text, gr == pr)
    put("fatalities (range overlaps)", *text, not tops or max(gr[0], pr[0]) <= min(tops))
    for c in ("wounded", "arrested"):
        put(c, str(g.get(c) or 0), str(p.get(c) or 0))
    for c in ("actor1", "actor2"):
        if c in g and c in p:
            put(c, g[c], p[c])
    if len(group_articles) > 1:
        missing = sorted(group_articles - pred_articles)
        out["all source articles"] = (not missing, f"missing {', '.join(missing)}" if missing else "")
    return out


# ---------------------------------------------------------------------------------------------
# The evaluation

# Articles indexed two ways: id -> (file key, part, text) and (file key, part) -> id.
_ArticleIndex = tuple[dict[str, tuple[str, int, str]], dict[tuple[str, int], str]]
_VALUE_COLUMNS: tuple[str, ...] = ("country", "admin1", "date_start", "date_end", "time_precision",
                                   "event_type", "sub_event_type", "actor1", "actor2")


def _check_columns(gold: pd.DataFrame, pred: pd.DataFrame, articles: pd.DataFrame | None) -> None:
    """Raise EvaluationInputError when a table lacks a required column (quote mode needs no spans)."""
    problems = _missing(gold, GOLD_REQUIRED) + _missing(
        pred, PRED_REQUIRED if articles is not None else QUOTE_MODE_REQUIRED)
    if articles is not None:
        problems += _missing(articles, ARTICLES_REQUIRED)
    if problems:
        raise EvaluationInputError(problems)


def _index_articles(articles: pd.DataFrame, problems: list[Problem]) -> _ArticleIndex:
    """The articles table as (by id, by (file key, part)); a row with a bad part adds a Problem."""
    by_id: dict[str, tuple[str, int, str]] = {}
    by_key: dict[tuple[str, int], str] = {}
    arts = _Rows(articles)
    for k, rec in enumerate(arts.records):
        try:
            part = _int(rec.get("part")) or 0
        except ValueError:
            problems.append(arts.where(k, "part", "part is not a whole number"))
            continue
        text = "" if _s(rec.get("text")) == "" else str(rec.get("text"))
        key = (_file_key(arts.get(k, "file")), part)
        by_id[arts.get(k, "article_id")] = (key[0], part, text)
        by_key.setdefault(key, arts.get(k, "article_id"))
    return by_id, by_key


def _locate_evidence(rows: list[_Gold], gold: _Rows, index: _ArticleIndex, articles_name: str,
                     problems: list[Problem]) -> None:
    """Give each gold row its article id and the spans of its evidence quotes in that article's text
    (every place a quote occurs: a deck the lead prints again word for word is the same evidence).

    In: the gold rows (changed in place), the gold table for messages, the article index and the
    articles table's name. An unknown article or a quote not in the text adds a Problem.
    """
    by_id, by_key = index
    for r in rows:
        aid = by_key.get((_file_key(r.file), r.part))
        if aid is None:
            problems.append(gold.where(r.row, "file", f"unknown article: {r.file} part {r.part} is not in "
                                       f"{articles_name}"))
            continue
        r.article_id = aid
        text = by_id[aid][2]
        for q in r.quotes:
            found = [m.start() for m in re.finditer(re.escape(q), text)] if q else []
            if not found:
                problems.append(gold.where(r.row, "evidence", f"evidence not found in the text of "
                                           f"{r.file} part {r.part}: {q[:60]!r}"))
            r.spans.extend((at, at + len(q)) for at in found)


def _select_predictions(pred: pd.DataFrame, mode: str, by_id: dict, scope: set[str]) -> tuple[list[int], int, int]:
    """Which predicted rows to score, chosen in bulk (a predicted table may hold a million imported rows).

    Span mode keeps rows with an article id in a gold file (or an unknown id, reported later); quote
    mode keeps rows with a quote. Out: (kept positions, ignored out of scope, ignored without article).
    """
    ids = [_s(x) for x in pred["article_id"].tolist()] if "article_id" in pred.columns else [""] * len(pred)
    if mode == "span":
        keep = [i for i, a in enumerate(ids) if a and (a not in by_id or by_id[a][0] in scope)]
        ignored_no_article = sum(1 for a in ids if not a)
    else:
        quotes = [_s(x) for x in pred["quote"].tolist()]
        keep = [i for i, q in enumerate(quotes) if q]
        ignored_no_article = len(ids) - len(keep)
    return keep, len(ids) - len(keep) - ignored_no_article, ignored_no_article


def _prediction(prows: _Rows, k: int, problems: list[Problem]) -> dict:
    """One predicted row as a dict: event_id, article_id, quote, values, sources (file, part, span unset)."""
    aid = prows.get(k, "article_id")
    values = {c: prows.get(k, c) for c in _VALUE_COLUMNS if c in prows.columns}
    values.update(prows.counts(k, COUNT_COLUMNS, problems))
    sources = {x.strip() for x in prows.get(k, "source_articles").replace(",", ";").split(";") if x.strip()}
    confidence = prows.get(k, "confidence") if "confidence" in prows.columns else ""
    return {"event_id": prows.get(k, "event_id") or f"line {prows.lines[k]}", "article_id": aid,
            "confidence": float(confidence) if _is_number(confidence) else None,
            "quote": prows.get(k, "quote"), "values": values, "sources": sources | ({aid} if aid else set()),
            "file": "", "part": None, "span": None}


def _place_span(item: dict, prows: _Rows, k: int, by_id: dict, articles_name: str,
                problems: list[Problem]) -> str | None:
    """Set the file, part and span of a predicted row from its article.

    Out: the article text under the span, or None (and a Problem) for an unknown article or a bad span.
    """
    aid = item["article_id"]
    if aid not in by_id:
        problems.append(prows.where(k, "article_id", f"unknown article: article_id {aid!r} is not in "
                                    f"{articles_name}"))
        return None
    item["file"], item["part"], text = by_id[aid]
    try:
        start, end = _int(prows.records[k].get("span_start")), _int(prows.records[k].get("span_end"))
    except ValueError:
        problems.append(prows.where(k, "span_start", "span_start/span_end are not whole numbers"))
        return None
    if start is None or end is None or not 0 <= start < end <= len(text):
        problems.append(prows.where(k, "span_start", f"span {start}..{end} is not inside the article "
                                    f"text ({len(text)} characters)"))
        return None
    item["span"] = (start, end)
    return text[start:end]


def _predictions(prows: _Rows, mode: str, by_id: dict, articles_name: str,
                 problems: list[Problem]) -> tuple[list[dict], list[str]]:
    """The kept predicted rows as dicts, and the event ids whose quote is not the text of their span."""
    mismatches: list[str] = []
    preds: list[dict] = []
    for k in range(len(prows.records)):
        item = _prediction(prows, k, problems)
        if mode == "span":
            seen = _place_span(item, prows, k, by_id, articles_name, problems)
            if seen is None:
                continue
            if item["quote"] and " ".join(seen.split()) != " ".join(item["quote"].split()):
                mismatches.append(item["event_id"])
        preds.append(item)
    return preds, mismatches


def _overlap(grp: list[_Gold], p: dict, mode: str) -> int:
    """How much a prediction overlaps a gold incident: characters of span, or of shared quote text."""
    best = 0
    for r in grp:
        if mode == "span":
            if r.article_id != p["article_id"]:
                continue
            s, e = p["span"]
            best = max([best] + [min(e, b) - max(s, a) for a, b in r.spans])
        else:
            for q in r.quotes:
                shared = _lcs(p["quote"], q)
                if shared >= min(MIN_SHARED_CHARS, len(_norm(q)), len(_norm(p["quote"]))):
                    best = max(best, shared)
    return best


def _candidate_weights(groups: list[list[_Gold]], preds: list[dict], mode: str) -> dict[tuple[int, int], int]:
    """Candidate pairs: {(pred index, group index): overlap in characters}, overlaps above 0 only."""
    weights: dict[tuple[int, int], int] = {}
    for gi, grp in enumerate(groups):
        for pi, p in enumerate(preds):
            best = _overlap(grp, p, mode)
            if best > 0:
                weights[(pi, gi)] = best
    return weights


def _score(chosen: list[tuple[int, int]], preds: list[dict], groups: list[list[_Gold]],
           weights: dict[tuple[int, int], int], mode: str) -> tuple[dict[str, list[int]], list[Pair]]:
    """Field tallies {field: [correct, total]} and one Pair per chosen (pred, group), sorted by gold id."""
    tallies = {f: [0, 0] for f in FIELDS}
    pairs: list[Pair] = []
    for pi, gi in chosen:
        p, grp = preds[pi], groups[gi]
        if mode == "span":
            r = next((x for x in grp if x.article_id == p["article_id"]), grp[0])
        else:
            r = max(grp, key=lambda x: max(_lcs(p["quote"], q) for q in x.quotes))
        compared = _compare(r.values, p["values"], {x.article_id for x in grp if x.article_id}, p["sources"])
        wrong = []
        for name, (ok, text) in compared.items():
            tallies[name][1] += 1
            tallies[name][0] += ok
            if not ok:
                wrong.append(f"{name}: {text}")
        pairs.append(Pair(r.gold_id, r.file, r.part, p["event_id"], r.quotes[0], p["quote"],
                          weights[(pi, gi)], tuple(wrong)))
    pairs.sort(key=lambda x: x.gold_id)
    return tallies, pairs


def _false_positives(preds: list[dict], pred_to_group: dict[int, int], weights: dict[tuple[int, int], int],
                     groups: list[list[_Gold]]) -> tuple[FalsePositive, ...]:
    """Predicted rows left unmatched, each with why: a duplicate of which gold incidents, or none here; a
    duplicate is ``across_articles`` when its article is none of those the matched row of its gold tells."""
    told = {g: _told_articles(preds[pi]) for pi, g in pred_to_group.items()}
    fps = []
    for pi, p in enumerate(preds):
        if pi in pred_to_group:
            continue
        hit = [g for (q, g) in weights if q == pi]
        overlapping = [groups[g][0].gold_id for g in hit]
        reason = (f"duplicate of {', '.join(overlapping)}" if overlapping else "no gold incident here")
        across = bool(hit) and all(g in told and str(p["article_id"]) not in told[g] for g in hit)
        fps.append(FalsePositive(p["event_id"], p["file"], p["part"], p["quote"], reason, p["article_id"], across))
    return tuple(fps)


def _told_articles(pred: dict) -> set[str]:
    """The articles a predicted row tells: its ``source_articles`` ("; "-joined) and its ``article_id``."""
    listed = str(pred.get("source_articles") or "")
    return {x for x in listed.split("; ") if x and x != "nan"} | {str(pred.get("article_id"))}


def evaluate(gold: pd.DataFrame, pred: pd.DataFrame, articles: pd.DataFrame | None = None) -> Report:
    """Compare predicted incidents with gold incidents.

    In: gold (columns GOLD_REQUIRED, optionally gold_id, other_evidence, same_as, country, notes),
    pred (PRED_REQUIRED, optionally event_id, fatalities, source_articles, country), articles
    (ARTICLES_REQUIRED) or None to match on quotes alone. Frames may carry ``_line`` (1-based CSV line
    of each row) and ``attrs["path"]`` for messages. Out: a Report.
    Raises EvaluationInputError (all problems found, with file and line) on bad input.
    """
    _check_columns(gold, pred, articles)
    problems: list[Problem] = []
    gold_rows = _Rows(gold)
    rows = _prepare_gold(gold_rows, problems)
    groups = _groups(gold_rows, rows, problems)
    mode = "span" if articles is not None else "quote"
    scope = {_file_key(r.file) for r in rows}
    index: _ArticleIndex = ({}, {})
    articles_name = ""
    if articles is not None:
        articles_name = articles.attrs.get("path", "the articles table")
        index = _index_articles(articles, problems)
        _locate_evidence(rows, gold_rows, index, articles_name, problems)
    keep, ignored_scope, ignored_no_article = _select_predictions(pred, mode, index[0], scope)
    preds, mismatches = _predictions(_Rows(pred, keep), mode, index[0], articles_name, problems)
    if problems:
        raise EvaluationInputError(problems)
    weights = _candidate_weights(groups, preds, mode)
    chosen = _assign(weights)
    pred_to_group = dict(chosen)
    group_to_pred = {g: p for p, g in chosen}
    tallies, pairs = _score(chosen, preds, groups, weights, mode)
    misses = tuple(Miss(g[0].gold_id, g[0].file, g[0].part, g[0].quotes[0], g[0].notes)
                   for gi, g in enumerate(groups) if gi not in group_to_pred)
    return Report(
        gold_incidents=len(groups), predicted=len(preds), matched=len(chosen),
        fields=tuple(FieldScore(f, c, t) for f, (c, t) in tallies.items()),
        pairs=tuple(pairs), misses=misses, false_positives=_false_positives(preds, pred_to_group, weights, groups),
        ignored_out_of_scope=ignored_scope, ignored_without_article=ignored_no_article, mode=mode,
        quote_mismatches=tuple(mismatches), at_confidence=_at_confidence(preds, pred_to_group),
    )


def _at_confidence(preds: list[dict], pred_to_group: dict[int, int]) -> tuple[tuple[float, int, int], ...]:
    """(threshold, rows at or above it, matched among them) for CONFIDENCE_THRESHOLDS; () when no row has one."""
    if not any(p.get("confidence") is not None for p in preds):
        return ()
    out = []
    for t in CONFIDENCE_THRESHOLDS:
        above = [i for i, p in enumerate(preds) if (p.get("confidence") or 0.0) >= t]
        out.append((t, len(above), sum(i in pred_to_group for i in above)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Text output


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: Report, title: str = "") -> str:
    """The report as text for a terminal: figures first, then what a developer should look at."""
    out = []
    if title:
        out.append(title)
    out.append(f"Incident detection ({report.mode} matching)")
    out.append(f"  gold incidents {report.gold_incidents:5d}   predicted {report.predicted:5d}   "
               f"matched {report.matched:5d}")
    out.append(f"  precision {report.precision:.3f}   recall {report.recall:.3f}   F1 {report.f1:.3f}")
    out.append(f"  duplicate rows of one incident {report.duplicates} (counted against precision; "
               f"{report.duplicates_across_articles} of them from another article than the matched row's)")
    for t, n, m in report.at_confidence:
        out.append(f"  confidence >= {t:.1f}: {n} rows, {m} matched, precision "
                   + (f"{m / n:.3f}" if n else "-"))
    ignored = []
    if report.ignored_out_of_scope:
        ignored.append(f"{report.ignored_out_of_scope} predicted rows from articles the gold does not cover")
    if report.ignored_without_article:
        ignored.append(f"{report.ignored_without_article} predicted rows without an article (imports)")
    if ignored:
        out.append("  ignored: " + "; ".join(ignored))
    out.append(f"Fields on {report.matched} matched incidents")
    for f in report.fields:
        if f.total:
            out.append(f"  {f.field:28s} {f.correct:4d}/{f.total:<4d} {f.accuracy:.3f}")
    if report.quote_mismatches:
        out.append(f"Provenance: {len(report.quote_mismatches)} predicted rows whose quote is not the text of their "
                   f"span: {', '.join(report.quote_mismatches)}")
    if report.misses:
        out.append(f"Misses: {len(report.misses)} gold incidents not found")
        for m in report.misses:
            out.append(f"  {m.gold_id}  {m.file} part {m.part}: \"{_short(m.evidence)}\"")
    if report.false_positives:
        out.append(f"False positives: {len(report.false_positives)} predicted rows with no gold incident")
        for fp in report.false_positives:
            where = f"{fp.file} part {fp.part}" if fp.file else f"article {fp.article_id or '?'}"
            out.append(f"  {fp.event_id}  {where}: \"{_short(fp.quote)}\" ({fp.reason})")
    wrong = [p for p in report.pairs if p.wrong]
    if wrong:
        out.append(f"Wrong fields: {len(wrong)} matched incidents")
        for p in wrong:
            out.append(f"  {p.gold_id} <- {p.event_id}  {p.file} part {p.part}")
            out.extend(f"      {w}" for w in p.wrong)
    return "\n".join(out)
