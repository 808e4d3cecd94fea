"""Synthetic ACLED exports, for the import's tests and benchmark.

``acled_export(n, seed)`` returns ``n`` synthetic incidents (``synth.synth_incidents``) as ACLED's
current export writes them: its 31 columns in its order, ``event_id_cnty`` for the id, actor
categories and interactions in words ("Rebel group", "State forces-Rebel group"), ISO dates,
empty cells for missing values. Like the synthetic table, about 3 % of the rows are undated
(an empty ``event_date``): an importer reports and skips them, so the export also exercises the
reporting of bad rows.

``write_acled_export(path, n, seed)`` writes it as UTF-8 CSV (quoted where needed); the same
(n, seed) gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from incidents.dataset.acled import INTER_CODES
from incidents.dataset.synth import synth_incidents, write_csv
from incidents.schema import ACLED_COLUMNS

# numeric inter code -> the words of ACLED's current schema ("Rebel group"), first spelling listed
INTER_WORDS: dict[int, str] = {}
for _words, _code in INTER_CODES.items():
    INTER_WORDS.setdefault(_code, _words[0].upper() + _words[1:])


def _worded(code: pd.Series) -> np.ndarray:
    """Int64 inter codes -> ACLED's words (missing or 0 -> missing)."""
    return code.map(lambda v: INTER_WORDS.get(int(v)) if pd.notna(v) else None).to_numpy(dtype=object)


def _interaction_words(inter1: np.ndarray, inter2: np.ndarray) -> np.ndarray:
    """The worded interaction ("State forces-Rebel group", lower code first; "Rebel group only")."""
    one = pd.Series(inter1, dtype=object)
    two = pd.Series(inter2, dtype=object)
    order = {w: c for c, w in INTER_WORDS.items()}
    lo_first = one.map(order).fillna(9) <= two.map(order).fillna(9)
    pair = np.where(lo_first, one + "-" + two, two + "-" + one)
    return np.where(two.isna(), one + " only", pair).astype(object)


def acled_export(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` synthetic incidents as a current-schema ACLED export (31 columns, strings and numbers)."""
    inc = synth_incidents(n, seed)
    out = inc[list(ACLED_COLUMNS)].copy()
    out["inter1"] = _worded(inc["inter1"])
    out["inter2"] = _worded(inc["inter2"])
    out["interaction"] = _interaction_words(out["inter1"].to_numpy(), out["inter2"].to_numpy())
    out["interaction"] = out["interaction"].where(out["inter1"].notna(), None)
    return out.rename(columns={"event_id": "event_id_cnty"})


def write_acled_export(path: Path, n: int, seed: int = 7) -> Path:
    """Write ``acled_export(n, seed)`` to ``path`` (UTF-8 CSV, header, atomic); returns the path."""
    write_csv(acled_export(n, seed), Path(path))
    return Path(path)
