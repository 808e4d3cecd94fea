"""What changed: the current period, the periods before it, and the rule that flags a change.

Pure (no streamlit, no store): ``window`` turns the filters, the page's ``trend_period`` and the
data's first and last dates into a ``Window`` (the current period and the 12 of the same length
before it); ``trend_table`` turns the engine's counts per group and period
(``incidents.store.queries.trends``) into the table the Trends page, the overview's line and the
briefing show; ``headline`` says it in one line.

The period: the filters' date range when they have one (``from``..``to``; ``from`` alone runs to the
latest dated incident in the data; ``to`` alone gets the ``trend_period`` length), else the last
``trend_period`` days (30 by default) up to the latest dated incident in the data. Undated incidents
are in no period.

The rule (``flag``): a Poisson test of the current incident count ``n`` against the mean of the
earlier periods the data covers (at most 12; at least ``MIN_HISTORY`` needed), taken as the rate
r = (their sum + 1/2) / their number (``rate``: Jeffreys' rule, so a run of zeros is a small rate, not
an impossible one): "high" when P(X >= n | r) < ``ALPHA``, "low" when P(X <= n | r) < ``ALPHA``. Why Poisson and not mean ± 2 standard
deviations: counts per governorate and period are small (0-10 is usual), twelve values give a standard
deviation that is itself noisy and is 0 whenever the history is flat, and the normal band is
symmetric where small counts are not; the Poisson tail is exact for any count, zero included. It
assumes incidents come independently, while real violence comes in waves, so it flags somewhat more
often than 5 % of quiet governorates, and with 18 governorates about one flag in a quiet month is
chance: a flag says "look here", not "this is significant". Fatalities are not tested: one bombing
can carry 30, so a count test on fatalities would call every bombing unusual.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from incidents.filters import Filters

# trend_period URL values -> days (and their words)
PERIODS: dict[str, int] = {"week": 7, "30d": 30, "quarter": 91, "year": 365}
PERIOD_WORDS: dict[str, str] = {"week": "7 days", "30d": "30 days", "quarter": "91 days (quarter)",
                                "year": "365 days"}
DEFAULT_PERIOD = "30d"
HISTORY = 12          # earlier periods kept for the long mean
SHORT = 4             # earlier periods of the short mean
MIN_HISTORY = 4       # earlier periods the data must cover before a count is flagged
ALPHA = 0.05          # one-sided tail probability below which a count is flagged
TOTAL = "All"         # the group name of the totals row
FLAG_WORDS = {"high": "unusually high", "low": "unusually low"}
RULE = (f"Flag: a Poisson test of the period's incident count n against the up to {HISTORY} earlier "
        f"periods of the same length that the data covers (at least {MIN_HISTORY} needed), at the rate "
        "r = (their incidents + ½) / their number: unusually high when P(X ≥ n | r) < "
        f"{ALPHA:g}, unusually low when P(X ≤ n | r) < {ALPHA:g}. Fatalities are not tested "
        "(one bombing can carry 30).")

TABLE_COLUMNS: tuple[str, ...] = (
    "group", "incidents", "previous", "mean4", "mean12", "change", "vs_mean4", "vs_mean12",
    "p_high", "p_low", "flag", "fatalities", "fatalities_previous", "fatalities_mean4", "fatalities_mean12",
)


@dataclass(frozen=True)
class Window:
    """The current period (``days`` days ending on ``end``, both ends included) and the ``HISTORY``
    periods of the same length before it. ``data_start``: the earliest dated incident in the data
    (None when unknown), before which an earlier period is not covered. ``from_filters``: the
    period is the filters' date range (else it is the last ``days`` days of the data)."""

    end: date
    days: int
    data_start: date | None = None
    from_filters: bool = False

    def start(self, k: int = 0) -> date:
        """First day of period ``k`` (0 the current, 1 the one before, ...)."""
        return self.end - timedelta(days=(k + 1) * self.days - 1)

    def last(self, k: int = 0) -> date:
        """Last day of period ``k``."""
        return self.end - timedelta(days=k * self.days)

    def covered(self, k: int) -> bool:
        """Does the data reach back to the first day of period ``k``?"""
        return self.data_start is None or self.start(k) >= self.data_start

    def covered_count(self, n: int) -> int:
        """How many of the earlier periods 1..n the data covers."""
        return sum(self.covered(k) for k in range(1, n + 1))

    def words(self) -> str:
        """``"2024-11-10 to 2024-12-09 (30 days)"``."""
        return f"{self.start().isoformat()} to {self.end.isoformat()} ({days_words(self.days)})"


def days_words(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def period_days(key: str | None) -> int:
    """A ``trend_period`` value -> its number of days (the default's for an unknown value)."""
    return PERIODS.get(key or "", PERIODS[DEFAULT_PERIOD])


def window(f: Filters, period: str | None, data_min: date | None, data_max: date | None) -> Window | None:
    """The trend window of filters ``f`` and ``trend_period`` value ``period`` on data whose dated
    incidents run from ``data_min`` to ``data_max`` (None when no incident is dated: no window)."""
    if f.date_from is not None and f.date_to is not None:
        return Window(f.date_to, (f.date_to - f.date_from).days + 1, data_min, True)
    if f.date_from is not None:
        end = max(f.date_from, data_max) if data_max is not None else f.date_from
        return Window(end, (end - f.date_from).days + 1, data_min, True)
    if f.date_to is not None:
        return Window(f.date_to, period_days(period), data_min, True)
    if data_max is None:
        return None
    return Window(data_max, period_days(period), data_min, False)


def undated_filters(f: Filters) -> Filters:
    """``f`` without its date range, undated incidents kept: what ``summary(...)["undated"]`` counts
    as the incidents that match every other filter but are in no period."""
    return replace(f, date_from=None, date_to=None, include_undated=True)


# ---------------------------------------------------------------------------------------------
# the rule


def poisson_cdf(n: int, mean: float) -> float:
    """P(X <= n) for X ~ Poisson(mean), summed exactly (in logs, so large counts do not overflow)."""
    if n < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    k = np.arange(n + 1, dtype=float)
    log_fact = np.concatenate(([0.0], np.cumsum(np.log(k[1:]))))
    return float(min(1.0, np.exp(k * math.log(mean) - mean - log_fact).sum()))


def tails(n: int, mean: float) -> tuple[float, float]:
    """(P(X >= n), P(X <= n)) for X ~ Poisson(mean)."""
    return 1.0 - poisson_cdf(n - 1, mean), poisson_cdf(n, mean)


def rate(mean: float, periods: int) -> float:
    """The rate a count is tested against: the mean of ``periods`` earlier periods plus half an
    incident spread over them (Jeffreys' rule, (sum + 1/2) / periods), so a history of zeros is
    not read as "impossible": after 12 empty periods one incident is flagged, after 4 it takes 2."""
    return float(mean) + 0.5 / periods


def flag(n: int, mean: float | None, periods: int) -> str:
    """The rule: "high", "low" or "" for a count ``n`` against the mean ``mean`` of ``periods``
    earlier periods (tested at ``rate(mean, periods)``; no flag with fewer than MIN_HISTORY
    periods or no mean)."""
    if mean is None or pd.isna(mean) or periods < MIN_HISTORY:
        return ""
    high, low = tails(int(n), rate(mean, periods))
    return "high" if high < ALPHA else ("low" if low < ALPHA else "")


# ---------------------------------------------------------------------------------------------
# the table


def _sums(counts: pd.DataFrame, groups: list[str], value: str, first: int, last: int) -> pd.Series:
    """Per group: the sum of ``value`` over periods first..last."""
    part = counts[(counts["period"] >= first) & (counts["period"] <= last)]
    return part.groupby("group")[value].sum().reindex(groups, fill_value=0).astype("int64")


def _mean(total: pd.Series, periods: int) -> pd.Series:
    return (total / periods).round(2) if periods else pd.Series(np.nan, index=total.index)


def trend_table(counts: pd.DataFrame, w: Window, groups: Iterable[str] = ()) -> pd.DataFrame:
    """Counts per group and period -> the trends table.

    In: ``counts`` with columns group, period (0 the current, 1..HISTORY before), incidents,
    fatalities; ``groups``: names to list even without incidents (the chosen governorates). Out:
    one row per group (most incidents now first, then by name) and a last row ``TOTAL``, columns
    TABLE_COLUMNS: incidents and fatalities now, in the period before (previous), the means of the
    covered periods among the SHORT and HISTORY before (NaN when none is covered), the changes
    (now minus previous / mean), the Poisson tails against the long mean and the flag. Only covered
    periods count (they are the first ones before the current: the data's first period and those
    before it are not), so a mean never averages in days before the data begins."""
    names = sorted(set(counts["group"]) | set(groups))
    p4, p12 = w.covered_count(SHORT), w.covered_count(HISTORY)
    out = pd.DataFrame({"group": names})
    for prefix, value in (("", "incidents"), ("fatalities_", "fatalities")):
        now = _sums(counts, names, value, 0, 0)
        out[value] = now.to_numpy()
        out[prefix + "previous"] = _sums(counts, names, value, 1, 1).to_numpy() if w.covered(1) else pd.NA
        out[prefix + "mean4"] = _mean(_sums(counts, names, value, 1, p4), p4).to_numpy()
        out[prefix + "mean12"] = _mean(_sums(counts, names, value, 1, p12), p12).to_numpy()
    out = out.sort_values(["incidents", "group"], ascending=[False, True], kind="stable")
    # counts now add up to 0 over no group; a previous count or a mean stays unknown (NaN) when no group has one
    total = {"group": TOTAL, **{c: out[c].sum(min_count=0 if c in ("incidents", "fatalities") else 1)
                                for c in out.columns if c != "group"}}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    return _with_changes(out, p12)


def _with_changes(out: pd.DataFrame, periods: int) -> pd.DataFrame:
    """Add the changes, the tails against mean12 and the flag (``periods``: how many earlier periods
    mean12 averages)."""
    out["previous"] = out["previous"].astype("Int64")
    out["fatalities_previous"] = out["fatalities_previous"].astype("Int64")
    out["change"] = out["incidents"] - out["previous"]
    out["vs_mean4"] = (out["incidents"] - out["mean4"]).round(2)
    out["vs_mean12"] = (out["incidents"] - out["mean12"]).round(2)
    tail = [tails(int(n), rate(m, periods)) if pd.notna(m) and periods else (np.nan, np.nan)
            for n, m in zip(out["incidents"], out["mean12"], strict=True)]
    out["p_high"] = [t[0] for t in tail]
    out["p_low"] = [t[1] for t in tail]
    out["flag"] = [flag(int(n), None if pd.isna(m) else float(m), periods)
                   for n, m in zip(out["incidents"], out["mean12"], strict=True)]
    return out.reindex(columns=list(TABLE_COLUMNS)).reset_index(drop=True)


def flagged(table: pd.DataFrame) -> list[tuple[str, str]]:
    """(group, flag) of the flagged rows of a trends table, totals row left out, in table order."""
    rows = table[(table["flag"] != "") & (table["group"] != TOTAL)]
    return list(zip(rows["group"], rows["flag"], strict=True))


def signed(n: float | int | None, digits: int = 0) -> str:
    """+5, −2, ±0 (a minus sign, not a hyphen); ``digits`` decimals; "–" when unknown."""
    if n is None or pd.isna(n):
        return "–"
    value = round(float(n), digits)
    if value == 0:
        return "±0"
    text = f"{abs(value):,.{digits}f}"
    return ("+" if value > 0 else "−") + text


def headline(table: pd.DataFrame, w: Window) -> str:
    """The overview's line, e.g. ``"Last 30 days (to 2024-12-09): 12 incidents (+5 on the 30 days
    before; unusually high in Kirkuk)"``."""
    total = table[table["group"] == TOTAL].iloc[0]
    n = int(total["incidents"])
    when = (f"{w.start().isoformat()} to {w.end.isoformat()}" if w.from_filters
            else f"Last {days_words(w.days)} (to {w.end.isoformat()})")
    parts = [f"{signed(total['change'])} on the {days_words(w.days)} before" if pd.notna(total["previous"])
             else "no data for the period before"]
    for kind in ("high", "low"):
        names = [g for g, fl in flagged(table) if fl == kind]
        if names:
            parts.append(f"{FLAG_WORDS[kind]} in {', '.join(names[:4])}{' and more' if len(names) > 4 else ''}")
    return f"{when}: {n:,} incident{'s' if n != 1 else ''} ({'; '.join(parts)})"
