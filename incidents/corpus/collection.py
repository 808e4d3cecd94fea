"""Article collections (``.jsonl``, ``.json``, ``.csv``: scraper and news-database exports) -> one
:class:`~incidents.corpus.record.Article` per record.

``load_jsonl`` / ``load_json`` / ``load_csv`` ``(decoded, file, path) -> (articles, problems)``.

Fields (names in any case; the first one present and not empty is taken; other fields are ignored):
``text`` (or ``body``, ``content``, ``maintext``), ``title``, ``url``, ``published`` (or ``date``,
``publish_date``, ``date_publish``, ``datePublished``: ISO, read by
:func:`incidents.corpus.metadata.parse_published`), ``outlet`` (or ``source``, ``site_name``,
``source_domain``). A record's values are metadata: they fill what its text does not state and win
where they disagree (:func:`incidents.corpus.page.page_article`); a date from them has
``date_source`` "metadata".

Where: JSON Lines and CSV records are named by their first physical line (``Article.record`` "line
17"; a CSV text field may hold line breaks), elements of a JSON array by their position ("record 3"),
and problems name the line of the record's opening brace. A bad record (not JSON, not an object, no
text, a wrong number of CSV fields, an open quote) is a Problem ``FILE:LINE:COLUMN: reason`` and the
rest loads; a bad value (a date that is not ISO, an address that is not http or https) is reported
and left out, and the article still loads. A JSON array that stops being valid JSON is read up to
the error.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from incidents.corpus.metadata import Metadata, parse_published
from incidents.corpus.page import page_article
from incidents.corpus.record import Article
from incidents.problems import Problem

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "date", "publish_date", "date_publish", "datepublished"),
    "outlet": ("outlet", "source", "site_name", "source_domain"),
}


class _Where:
    """Where a record is: its file (as the user named it), line, column and ``Article.record`` label."""

    def __init__(self, path: str, line: int, column: int, label: str) -> None:
        self.path, self.line, self.column, self.label = path, line, column, label

    def problem(self, message: str, column: int | None = None) -> Problem:
        return Problem(self.path, self.line, self.column if column is None else column, message)


def _field(record: dict, name: str) -> tuple[str, object]:
    """(key found, value) of the first alias of ``name`` in ``record`` with a value that is not empty."""
    lowered = {str(k).lower(): k for k in record}
    for alias in ALIASES[name]:
        key = lowered.get(alias)
        if key is not None and record[key] not in (None, ""):
            return key, record[key]
    return "", None


def record_metadata(record: dict, where: _Where, columns: dict[str, int] | None = None) -> tuple[Metadata, list[Problem]]:
    """A record's title, url, outlet and published -> (Metadata, problems with values left out)."""
    values: dict[str, str] = {}
    problems: list[Problem] = []
    for name in ("title", "url", "outlet", "published"):
        key, value = _field(record, name)
        column = (columns or {}).get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(where.problem(f"{key} is {type(value).__name__}, not text: left out", column))
            continue
        values[name] = " ".join(value.split())
    published = parse_published(values.get("published", ""))
    if published is None:
        key = _field(record, "published")[0]
        problems.append(where.problem(f"{key} {values['published']!r} is not an ISO date (YYYY-MM-DD, "
                                      "YYYY-MM-DDTHH:MM or YYYY-MM): left out, the article is dated by its text "
                                      "if it can be", (columns or {}).get(key)))
        published = ("", "")
    url = values.get("url", "")
    if url and not url.lower().startswith(("http://", "https://")):
        problems.append(where.problem(f"url {url!r} is not an http or https address: left out",
                                      (columns or {}).get(_field(record, "url")[0])))
        url = ""
    return Metadata(url=url, outlet=values.get("outlet", ""), published=published[0],
                    published_precision=published[1], title=values.get("title", "")), problems


def record_article(record: object, file: str, part: int, where: _Where,
                   columns: dict[str, int] | None = None) -> tuple[Article | None, list[Problem]]:
    """One record (a dict of fields) -> (Article or None, problems)."""
    if not isinstance(record, dict):
        return None, [where.problem(f"the record is a JSON {type(record).__name__}, not an object: skipped")]
    key, text = _field(record, "text")
    if text is None:
        return None, [where.problem("no text (fields text, body, content or maintext): skipped")]
    if not isinstance(text, str):
        return None, [where.problem(f"{key} is {type(text).__name__}, not text: skipped", (columns or {}).get(key))]
    meta, problems = record_metadata(record, where, columns)
    article, more = page_article(text, meta, file, part, record=where.label, first_line=where.line, where=where.path)
    return article, problems + more


def _collect(items: Iterator[tuple[object, _Where, dict[str, int] | None]], file: str) -> tuple[list[Article], list[Problem]]:
    """Records (or Problems met while reading them) -> (articles, problems), parts numbered in order."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for record, where, columns in items:
        if isinstance(record, Problem):
            problems.append(record)
            continue
        article, trouble = record_article(record, file, len(articles) + 1, where, columns)
        problems.extend(trouble)
        if article is not None:
            articles.append(article)
    return articles, problems


def _no_records(articles: list[Article], problems: list[Problem], path: str) -> tuple[list[Article], list[Problem]]:
    if not articles and not problems:
        problems = [Problem(path, 0, 0, "no records: the collection is empty")]
    return articles, problems


# --------------------------------------------------------------------------- JSON Lines


def _jsonl_records(decoded: str, path: str) -> Iterator[tuple[object, _Where, None]]:
    for number, line in enumerate(decoded.split("\n"), start=1):  # not splitlines: U+2028 is text in JSON
        if not line.strip():
            continue
        where = _Where(path, number, 1, f"line {number}")
        try:
            yield json.loads(line), where, None
        except json.JSONDecodeError as exc:
            yield Problem(path, number, exc.colno, f"not valid JSON ({exc.msg}): record skipped"), where, None


def load_jsonl(decoded: str, file: str, path: str | None = None) -> tuple[list[Article], list[Problem]]:
    """JSON Lines (one JSON object a line; blank lines skipped) -> (articles, problems)."""
    articles, problems = _collect(_jsonl_records(decoded, path or file), file)
    return _no_records(articles, problems, path or file)


# --------------------------------------------------------------------------- JSON


def _line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _json_elements(decoded: str, path: str) -> Iterator[tuple[object, _Where, None]]:
    """The elements of a top-level JSON array (or the one top-level object), each with the line of its
    first character; a syntax error ends the array with a Problem at its line and column."""
    decoder = json.JSONDecoder()
    i = len(decoded) - len(decoded.lstrip())
    if not decoded.startswith("[", i):
        line, col = _line_col(decoded, i)
        try:
            value, end = decoder.raw_decode(decoded, i)
        except json.JSONDecodeError as exc:
            yield Problem(path, exc.lineno, exc.colno, f"not valid JSON ({exc.msg})"), None, None
            return
        if decoded[end:].strip():
            line, col = _line_col(decoded, end + len(decoded[end:]) - len(decoded[end:].lstrip()))
            yield Problem(path, line, col, "text after the JSON value: not read"), None, None
        yield value, _Where(path, line, col, "record 1"), None
        return
    i += 1
    number = 0
    while True:
        while i < len(decoded) and decoded[i] in " \t\r\n":
            i += 1
        if decoded.startswith("]", i):
            return
        number += 1
        line, col = _line_col(decoded, i)
        try:
            value, i = decoder.raw_decode(decoded, i)
        except json.JSONDecodeError as exc:
            yield Problem(path, exc.lineno, exc.colno, f"not valid JSON ({exc.msg}) in record {number}: it and the "
                          "records after it are not read"), None, None
            return
        yield value, _Where(path, line, col, f"record {number}"), None
        while i < len(decoded) and decoded[i] in " \t\r\n":
            i += 1
        if decoded.startswith(",", i):
            i += 1
        elif not decoded.startswith("]", i):
            line, col = _line_col(decoded, i)
            yield Problem(path, line, col, f"',' or ']' expected after record {number}: the records after it are "
                          "not read"), None, None
            return


def load_json(decoded: str, file: str, path: str | None = None) -> tuple[list[Article], list[Problem]]:
    """A JSON array of article objects (or one object) -> (articles, problems)."""
    articles, problems = _collect(_json_elements(decoded, path or file), file)
    return _no_records(articles, problems, path or file)


# --------------------------------------------------------------------------- CSV


def _next_record(lines: list[str], pos: int) -> tuple[int, list[str] | None, str]:
    """The CSV record that starts at line index ``pos`` -> (index after its last line, fields or None, error)."""
    reader = csv.reader(iter(lines[pos:]), strict=True)
    try:
        fields = next(reader)
    except csv.Error as exc:
        return pos + max(reader.line_num, 1), None, str(exc)
    return pos + reader.line_num, fields, ""


def _reread(lines: list[str], start: int, stop: int, n: int) -> list[tuple[int, list[str]]]:
    """The records in lines[start:stop] (swallowed by an open quote) when every one is good, else none."""
    out: list[tuple[int, list[str]]] = []
    pos = start
    while pos < stop:
        end, fields, error = _next_record(lines, pos)
        if fields == []:
            pos = end
            continue
        if error or end > stop or fields is None or len(fields) != n:
            return []
        out.append((pos, fields))
        pos = end
    return out


def _read_again(n: int) -> str:
    if not n:
        return ""
    return f"; the {n} record{'s' if n > 1 else ''} on the line{'s' if n > 1 else ''} after it {'were' if n > 1 else 'was'} read again"


def _csv_rows(lines: list[str], n: int) -> Iterator[tuple[int, list[str] | None, str]]:
    """(line index, fields, "") of each good record after the header, (line index, None, reason) of each bad one."""
    pos = 1
    while pos < len(lines):
        end, fields, error = _next_record(lines, pos)
        if fields == []:
            pos = end
            continue
        if fields is not None and len(fields) == n:
            yield pos, fields, ""
            pos = end
            continue
        reason = (f"the quote that opens a field is not closed ({error})" if error
                  else f"the record has {len(fields)} fields, the header {n}")
        again = _reread(lines, pos + 1, end, n)
        yield pos, None, reason + _read_again(len(again))
        yield from ((i, f, "") for i, f in again)
        pos = end


def _csv_records(decoded: str, path: str) -> Iterator[tuple[object, _Where, dict[str, int] | None]]:
    lines = io.StringIO(decoded, newline="").readlines()
    header = next(csv.reader(lines[:1]), []) if lines else []
    names = [h.strip() for h in header]
    if _field({h: "x" for h in names}, "text")[1] is None:
        where = _Where(path, 1, 1, "")
        yield where.problem(f"no text column (text, body, content or maintext) in the header (found: "
                            f"{', '.join(names) or 'nothing'}): not an article collection"), where, None
        return
    columns = {name: k + 1 for k, name in enumerate(names)}
    for index, fields, reason in _csv_rows(lines, len(names)):
        where = _Where(path, index + 1, 1, f"line {index + 1}")
        if fields is None:
            yield where.problem(f"{reason}: record skipped"), where, None
        else:
            yield dict(zip(names, fields, strict=True)), where, columns


def load_csv(decoded: str, file: str, path: str | None = None) -> tuple[list[Article], list[Problem]]:
    """A CSV collection (a header, then one record per article; fields may hold line breaks) -> (articles, problems)."""
    articles, problems = _collect(_csv_records(decoded, path or file), file)
    return _no_records(articles, problems, path or file)
