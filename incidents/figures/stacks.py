"""Incidents at one place drawn once, with their number: pure functions, no streamlit.

Many incidents share coordinates (every incident placed only to "Kirkuk" sits on the same point;
a town's incidents sit on the town). Drawn one by one they cover each other and a map of twelve
incidents looks like a map of five. Here such rows become one *stack*: one mark per place (and
per kind of mark: a disc for a town, a ring for a governorate only), which carries how many
incidents it holds, their ids, their summed fatalities and the colour of the event type most of
them have. The maps (``incidents.figures.maps`` for deck.gl, ``incidents.figures.vegalite`` for the
overview) draw the number on every stack of more than one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from incidents.schema import EVENT_TYPES

COORD_DECIMALS = 4  # coordinates are drawn rounded to this (about 10 m): equal after rounding = one place
TYPE_RANK = {t: i for i, t in enumerate(EVENT_TYPES)}


def stack_codes(lon: pd.Series, lat: pd.Series, ring: pd.Series) -> np.ndarray:
    """The stack of each row: rows with the same rounded coordinates and the same ``ring`` (True
    for an incident located only to its governorate) share a code; codes count 0, 1, ... in the
    order their first row appears."""
    key = (pd.to_numeric(lon).round(COORD_DECIMALS).astype(str) + ","
           + pd.to_numeric(lat).round(COORD_DECIMALS).astype(str) + "," + ring.astype(bool).astype(str))
    codes, _ = pd.factorize(key.to_numpy(), sort=False)
    return codes


def main_type(types: pd.Series) -> str:
    """The event type most rows of a stack have; a tie goes to the type first in the taxonomy,
    unknown types last. '' for no type at all."""
    counts = types.fillna("").astype(str).value_counts()
    if counts.empty:
        return ""
    best = counts.max()
    tied = [t for t, n in counts.items() if n == best]
    return min(tied, key=lambda t: (TYPE_RANK.get(t, len(TYPE_RANK)), t))


def stack_points(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per incident -> one row per stack.

    In: rows with event_id, longitude, latitude, ring (bool), event_type and fatalities (a number;
    NaN counts 0), in the order to keep (newest first); other columns are carried from the
    stack's first row. Out: those columns (one row per stack, in the order of first appearance)
    with ``count`` (incidents in the stack), ``event_ids`` (their ids, space-joined, in row
    order), ``fatalities`` (summed) and ``event_type`` (``main_type``). An empty frame gives an
    empty frame with those columns.
    """
    cols = list(rows.columns) + [c for c in ("count", "event_ids") if c not in rows.columns]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    df = rows.reset_index(drop=True)
    codes = stack_codes(df["longitude"], df["latitude"], df["ring"])
    first = pd.Series(np.arange(len(df))).groupby(codes).min().sort_values()
    out = df.iloc[first.to_numpy()].reset_index(drop=True)
    grouped = df.assign(_code=codes).groupby("_code", sort=False)
    order = first.index.to_numpy()
    out["count"] = grouped.size().reindex(order).to_numpy()
    out["event_ids"] = grouped["event_id"].agg(lambda s: " ".join(s.astype(str))).reindex(order).to_numpy()
    fat = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0)
    out["fatalities"] = fat.groupby(codes).sum().reindex(order).to_numpy()
    several = out["count"] > 1
    if several.any():
        types = df["event_type"].groupby(codes).agg(main_type).reindex(order)
        out.loc[several, "event_type"] = types.to_numpy()[several.to_numpy()]
    return out[cols]


def stack_lines(rows: pd.DataFrame, words: pd.Series, limit: int = 6) -> pd.Series:
    """One text per stack listing its incidents: ``words`` (one line per incident row, aligned
    with ``rows``) joined by new lines, at most ``limit`` of them, then "… and N more".

    In: the incident rows ``stack_points`` was given (same order) and their words. Out: a Series
    indexed by stack number (as ``stack_points`` orders them)."""
    if rows.empty:
        return pd.Series(dtype=object)
    df = rows.reset_index(drop=True)
    codes = stack_codes(df["longitude"], df["latitude"], df["ring"])
    first = pd.Series(np.arange(len(df))).groupby(codes).min().sort_values()

    def joined(lines: pd.Series) -> str:
        head = "\n".join(lines.iloc[:limit].astype(str))
        more = len(lines) - limit
        return head + (f"\n… and {more:,} more" if more > 0 else "")

    text = pd.Series(words.to_numpy(), index=np.arange(len(df))).groupby(codes).agg(joined)
    return text.reindex(first.index).reset_index(drop=True)
