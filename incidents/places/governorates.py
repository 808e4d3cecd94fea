"""Governorate names: our 18 names and the one resolver of every other spelling.

In: incidents/places/governorate_names.csv (``governorate,spelling,readings``; read once at import,
a few kilobytes). Nothing else: no gazetteer, no polygons, so parsing ``?governorates=Ninewa``
costs one small file.

Out:

* ``GOVERNORATES``: the 18 names as the boundaries spell them (property ``name``, see
  ``places.boundaries``: "Salah ad-Din", "Nineveh"), in file order; every table spells admin1 so;
* ``canonical_governorate(name, reading="text")``: any spelling in, our name out (None when it
  names no governorate). Case, hyphens, apostrophes, accents, a leading Arabic article and a
  last word "governorate" / "province" / "muhafazat" never matter ("At-Ta'mim", "al anbar",
  "Kirkuk Governorate"). The reading says which spellings count:

  - ``"text"``: the spellings an article uses for the governorate (the gazetteer's aliases);
    "Mosul" is the city, not Nineveh;
  - ``"field"``: the spellings of an admin1 column (ACLED exports, other tables), where a capital
    may stand for its governorate ("Mosul" -> Nineveh);
  - ``"any"``: either (the URL filters and the ACLED import);

* ``spellings(governorate, reading="text")``: the spellings of one governorate in file order, its
  name first (the gazetteer build gives a governorate these aliases).

A file whose rows break these rules raises ``GovernorateNamesError`` (``path:line:column: message``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from incidents.places.names import bare_key
from incidents.problems import Problem

NAMES_PATH = Path(__file__).resolve().parent / "governorate_names.csv"
COLUMNS: tuple[str, ...] = ("governorate", "spelling", "readings")
READINGS: tuple[str, ...] = ("text", "field", "any")
_ROW_READINGS = frozenset({"text", "field"})
# A last word that only says what kind of area the name is: "Kirkuk Governorate", "Anbar province".
ADMIN_WORDS: frozenset[str] = frozenset({"governorate", "province", "muhafazat"})


class GovernorateNamesError(ValueError):
    """governorate_names.csv breaks a rule; ``str()`` is ``path:line:column: message``."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Spelling:
    """One row of the file: our name, a spelling of it, the readings it counts in, its line."""

    governorate: str
    spelling: str
    readings: frozenset[str]
    line: int


def governorate_key(name: str) -> str:
    """The key two spellings of a governorate share: ``names.bare_key`` without ADMIN_WORDS
    ("Al-Anbar Governorate" -> "anbar", "Thi-Qar" -> "thiqar")."""
    return bare_key(name, ADMIN_WORDS)


def _entry_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the lines that are neither blank nor ``#`` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]


def _parse(path: Path) -> list[Spelling]:
    """The file's rows as Spelling values, checked one by one (see ``read_spellings``)."""
    entries = _entry_lines(path)
    if not entries or [f.strip() for f in next(csv.reader([entries[0][1]]))] != list(COLUMNS):
        raise GovernorateNamesError(Problem(str(path), entries[0][0] if entries else 1, 1,
                                            f"the header must be {','.join(COLUMNS)}"))
    rows = []
    for line, text in entries[1:]:
        fields = [f.strip() for f in next(csv.reader([text]))]
        if len(fields) != len(COLUMNS):
            raise GovernorateNamesError(Problem(str(path), line, 1, f"expected {len(COLUMNS)} fields"))
        governorate, spelling, readings = fields
        said = frozenset(readings.split())
        if not said or not said <= _ROW_READINGS:
            raise GovernorateNamesError(Problem(str(path), line, 3, f"readings {readings!r}: say text, field or both"))
        if not governorate_key(spelling):
            raise GovernorateNamesError(Problem(str(path), line, 2, f"spelling {spelling!r} has no letters"))
        rows.append(Spelling(governorate, spelling, said, line))
    return rows


def _check(path: Path, rows: list[Spelling]) -> None:
    """Each governorate's first row is its own name in both readings; no key names two governorates."""
    firsts: dict[str, Spelling] = {}
    for row in rows:
        first = firsts.setdefault(row.governorate, row)
        if first is row and (row.spelling != row.governorate or row.readings != _ROW_READINGS):
            raise GovernorateNamesError(Problem(str(path), row.line, 2, f"the first row of {row.governorate} must "
                                                "be its own name, readings 'text field'"))
    owner: dict[str, Spelling] = {}
    for row in rows:
        k = governorate_key(row.spelling)
        other = owner.setdefault(k, row)
        if other.governorate != row.governorate:
            raise GovernorateNamesError(Problem(str(path), row.line, 2, f"{row.spelling!r} ({row.governorate}) "
                                                f"reads like {other.spelling!r} ({other.governorate}, line "
                                                f"{other.line})"))


@cache
def read_spellings(path: Path = NAMES_PATH) -> tuple[Spelling, ...]:
    """governorate_names.csv in, its rows out (file order; read once per path).

    Raises GovernorateNamesError for a wrong header, a row without three fields, readings other
    than text / field, a spelling without letters, a governorate whose first row is not its own
    name, or two governorates with spellings that read alike.
    """
    rows = _parse(Path(path))
    _check(Path(path), rows)
    return tuple(rows)


GOVERNORATES: tuple[str, ...] = tuple(dict.fromkeys(row.governorate for row in read_spellings()))


@cache
def _index(reading: str) -> dict[str, str]:
    """governorate_key of every spelling that counts in ``reading`` -> our name."""
    return {governorate_key(row.spelling): row.governorate for row in read_spellings()
            if reading == "any" or reading in row.readings}


def canonical_governorate(name: object, reading: str = "text") -> str | None:
    """Any spelling of a governorate in ("Ninewa", "Sala al-Din", "At-Ta'mim", "Al Anbar", "Thi-Qar",
    "Dahuk", "Kirkuk Governorate"), its name in GOVERNORATES out; None when it is not
    a string or names no governorate in that ``reading`` ("text", "field" or "any": module docstring)."""
    if reading not in READINGS:
        raise ValueError(f"reading {reading!r} is not one of {', '.join(READINGS)}")
    if not isinstance(name, str) or not name.strip():
        return None
    return _index(reading).get(governorate_key(name))


def spellings(governorate: str, reading: str = "text") -> tuple[str, ...]:
    """The spellings of one of GOVERNORATES that count in ``reading``, in file order (its name first);
    () for a name that is not one of them."""
    return tuple(row.spelling for row in read_spellings()
                 if row.governorate == governorate and (reading == "any" or reading in row.readings))
