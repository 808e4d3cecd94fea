"""The trends tables as the Trends page and the briefing show them: escaped HTML tables whose
headers wrap (so every column fits a 1366 px screen beside the sidebar: no column hidden behind a
horizontal scroll), numbers right-aligned, the flag in words, the totals row last. Also the checks
of the briefing's ``trend`` and ``trend_period`` URL parameters. Pure: frames in, HTML / words out.

In: the table of ``incidents.trends.trend_table`` (the store's ``trends`` query) and the
``incidents.trends.Window`` it was made for.
"""

from __future__ import annotations

import html

import pandas as pd

from incidents.trends import FLAG_WORDS, HISTORY, PERIODS, RULE, SHORT, TOTAL, Window, signed

FLAG_MARK = {"high": "▲", "low": "▼"}

# column -> (header, help shown on hover, how a value of the trends table is written)
COLUMNS: dict[str, tuple[str, str]] = {
    "incidents": ("Incidents", "In the period"),
    "previous": ("Before", "In the period of the same length just before"),
    "change": ("Change", "Incidents minus the period before"),
    "mean4": (f"Mean of {SHORT}", f"Mean of the {SHORT} periods before (those the data covers)"),
    "mean12": (f"Mean of {HISTORY}", f"Mean of the {HISTORY} periods before (those the data covers)"),
    "vs_mean12": (f"vs mean of {HISTORY}", f"Incidents minus the mean of {HISTORY}"),
    "flag": ("Flag", RULE),
    "fatalities": ("Fatalities", "Best estimate, in the period"),
    "fatalities_previous": ("Fatalities before", "In the period just before"),
    "fatalities_mean12": (f"Fatalities, mean of {HISTORY}", f"Mean of the {HISTORY} periods before"),
}
PAGE_COLUMNS: tuple[str, ...] = tuple(COLUMNS)
BRIEFING_COLUMNS: tuple[str, ...] = ("incidents", "previous", "change", "mean4", "mean12", "fatalities", "flag")

TABLE_CSS = """
<style>
  .iim-trends-wrap { max-width: 100%; overflow-x: auto; }
  table.iim-trends { width: 100%; border-collapse: collapse; font-size: 0.92rem; line-height: 1.3; }
  table.iim-trends th { font-weight: 600; text-align: right; vertical-align: bottom; white-space: normal;
    border-bottom: 2px solid #999; padding: 0.2rem 0.45rem; }
  table.iim-trends td { text-align: right; border-bottom: 1px solid #e5e5e5; padding: 0.2rem 0.45rem;
    font-variant-numeric: tabular-nums; }
  table.iim-trends th.name, table.iim-trends td.name { text-align: left; }
  table.iim-trends th.flag, table.iim-trends td.flag { text-align: left; }
  table.iim-trends td.flag { white-space: nowrap; }
  table.iim-trends.compact td.flag { white-space: normal; }  /* half a briefing: the words may wrap */
  table.iim-trends td.high { color: #a33a24; font-weight: 600; }
  table.iim-trends td.low { color: #1f5a99; font-weight: 600; }
  table.iim-trends tr.iim-trend-total td { font-weight: 700; border-top: 1px solid #999; }
</style>
"""


def flag_words(row: pd.Series) -> str:
    """``"▲ unusually high (p = 0.012)"``, ``"▼ unusually low (p = 0.03)"`` or ""."""
    kind = row["flag"]
    if not kind:
        return ""
    p = row["p_high"] if kind == "high" else row["p_low"]
    return f"{FLAG_MARK[kind]} {FLAG_WORDS[kind]} (p {'< 0.001' if p < 0.001 else f'= {p:.3f}'})"


def cell_text(row: pd.Series, column: str) -> str:
    """One value of a trends-table row as the tables write it: counts "1,234", changes "+5" /
    "−2" / "±0", means "2.5", "–" when unknown (no earlier period covered), the flag in words."""
    value = row[column]
    if column == "flag":
        return flag_words(row)
    if column == "change":
        return signed(value)
    if column == "vs_mean12":
        return signed(value, 1)
    if value is None or pd.isna(value):
        return "–"
    if column in ("mean4", "mean12", "fatalities_mean12"):
        return f"{float(value):,.1f}"
    return f"{int(value):,}"


def table_html(table: pd.DataFrame, name: str = "Governorate", columns: tuple[str, ...] = PAGE_COLUMNS,
               testid: str = "iim-trends", compact: bool = False) -> str:
    """A trends table (rows in its order, the totals row "All" last as it comes) as an escaped HTML
    table: ``name`` heads the group column, then ``columns`` (keys of COLUMNS) with their help as a
    hover title. Flagged cells are coloured (high red, low blue); the flag's words stay on one line
    unless ``compact`` (a half-width table). Wrapped so it can never widen the page."""
    head = f'<th class="name">{html.escape(name)}</th>' + "".join(
        f'<th class="{"flag" if c == "flag" else "num"}" title="{html.escape(COLUMNS[c][1])}">'
        f"{html.escape(COLUMNS[c][0])}</th>" for c in columns)
    rows = []
    for _, r in table.iterrows():
        cells = [f'<td class="name">{html.escape(str(r["group"]))}</td>']
        for c in columns:
            cls = f' class="flag {html.escape(str(r["flag"]))}"' if c == "flag" else ""
            cells.append(f"<td{cls}>{html.escape(cell_text(r, c))}</td>")
        total = ' class="iim-trend-total"' if r["group"] == TOTAL else ""
        rows.append(f"<tr{total}>{''.join(cells)}</tr>")
    return (f'<div class="iim-trends-wrap"><table class="iim-trends{" compact" if compact else ""}" '
            f'data-testid="{html.escape(testid)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def briefing_rows(table: pd.DataFrame, limit: int = 8) -> pd.DataFrame:
    """The rows a briefing shows: at most ``limit`` groups, flagged ones first, then most incidents
    (the table's order), and the totals row last."""
    body = table[table["group"] != TOTAL]
    body = pd.concat([body[body["flag"] != ""], body[body["flag"] == ""]]).head(limit)
    return pd.concat([body, table[table["group"] == TOTAL]]).reset_index(drop=True)


def briefing_caption(w: Window) -> str:
    """The caption above a briefing's trends figure (escaped): the period, and what it is set against."""
    return (f'<div class="iim-brief-caption">What changed: {html.escape(w.words())} against the period before '
            f"and the means of the {SHORT} and {HISTORY} before</div>")


TREND_ON = ("1", "true", "yes", "on")
TREND_OFF = ("", "0", "false", "no", "off")


def trend_asked(value: object) -> bool:
    """Does a ``trend`` URL value ask the briefing for what changed? ("1", "true", "yes", "on")"""
    return str(value or "").strip().lower() in TREND_ON


def trend_param_problems(params: dict[str, str]) -> list[str]:
    """What is wrong with the ``trend`` and ``trend_period`` parameters of a briefing query (the
    briefing command is strict: a value the page would quietly ignore is an error), one sentence each."""
    out = []
    trend = str(params.get("trend", "")).strip().lower()
    if trend not in TREND_ON + TREND_OFF:
        out.append(f"'trend={params['trend']}': use 1 (show what changed) or 0.")
    period = params.get("trend_period")
    if period is not None and period not in PERIODS:
        out.append(f"'trend_period={period}': use one of {', '.join(PERIODS)}.")
    return out
