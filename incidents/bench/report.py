"""The benchmark's printed table: figures of our dashboard and of the naive app, and ratios.

``table(results)`` takes what ``incidents.commands.bench`` collected per N:

    {"n": 1000000, "csv_mb": 450.0, "generate_s": 25.0, "load_s": 19.0,
     "ours":  {"script": {page: {"first", "median", "max", "error"}},
               "browser": {"visits": {label: {"seconds", "script_s", "bytes", "error"}}, "warm_s",
                           "rss_mb", "peak_mb"}},
     "naive": {... same shape ...}}

and returns lines of text. Missing figures print as "-"; a failure prints its reason
("fails: message too large").
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

TARGETS = {"filter_change_s": 1.0, "first_load_s": 3.0, "speedup": 10.0, "memory_mb": 2048.0}


def _fmt_s(v) -> str:
    return "-" if v is None else f"{v:.2f} s"


def _fmt_bytes(v) -> str:
    if v is None:
        return "-"
    for unit, size in (("MB", 1 << 20), ("kB", 1 << 10)):
        if v >= size:
            return f"{v / size:.1f} {unit}"
    return f"{v} B"


def _fmt_mb(v) -> str:
    return "-" if v is None else f"{v:,.0f} MB"


def ratio(naive, ours) -> str:
    """naive / ours as "12.3x", or "-" when either is missing or zero."""
    if naive is None or ours is None or ours <= 0:
        return "-"
    return f"{naive / ours:,.1f}x"


def _get(d: dict, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _cell(value: str, error: str | None) -> str:
    return error if error else value


def repeat_loads(ours: dict) -> list[float]:
    """Seconds of the overview's repeat first loads (visits labelled "/ again ..."), in visit order."""
    visits = _get(ours, "browser", "visits") or {}
    return [v["seconds"] for k, v in visits.items() if k.startswith("/ again") and not v.get("error")
            and v.get("seconds") is not None]


def rows_for(r: dict) -> list[tuple[str, str, str, str]]:
    """(measure, ours, naive, naive/ours) rows for one N."""
    ours, naive = r.get("ours", {}), r.get("naive", {})
    naive_page = next(iter(_get(naive, "script") or {}), None)
    nv = _get(naive, "script", naive_page) or {}
    rows: list[tuple[str, str, str, str]] = []
    for label, page in (("Map", "pages/1_Map.py"), ("Timeline", "pages/2_Timeline.py")):
        o = _get(ours, "script", page) or {}
        rows.append((f"filter change, {label} page script (median of {len(o.get('runs', []))})",
                     _cell(_fmt_s(o.get("median")), o.get("error")), _cell(_fmt_s(nv.get("median")), nv.get("error")),
                     ratio(nv.get("median"), o.get("median"))))
    o = _get(ours, "script", "pages/1_Map.py") or {}
    rows.append(("filter change, slowest Map run", _fmt_s(o.get("max")), _fmt_s(nv.get("max")),
                 ratio(nv.get("max"), o.get("max"))))
    ov = _get(ours, "browser", "visits", "/") or {}
    nvv = _get(naive, "browser", "visits", "/") or {}
    warm = _get(ours, "browser", "warm_s")
    if warm is not None:
        rows.append(("server start: warm-up run of the overview (before any visit)", _fmt_s(warm), "-", "-"))
    rows.append(("first load in chromium: map + timeline drawn", _cell(_fmt_s(ov.get("seconds")), ov.get("error")),
                 _cell(_fmt_s(nvv.get("seconds")), nvv.get("error")),
                 "-" if ov.get("error") or nvv.get("error") else ratio(nvv.get("seconds"), ov.get("seconds"))))
    rows.append(("  of which until the script finished", _fmt_s(ov.get("script_s")), _fmt_s(nvv.get("script_s")),
                 ratio(nvv.get("script_s"), ov.get("script_s"))))
    rows.append(("bytes sent to the browser (first load)", _fmt_bytes(ov.get("bytes")), _fmt_bytes(nvv.get("bytes")),
                 ratio(nvv.get("bytes"), ov.get("bytes"))))
    again = repeat_loads(ours)
    if again:
        rows.append((f"  overview again, {len(again)} more new browsers: median / worst",
                     f"{_fmt_s(statistics.median(again))} / {_fmt_s(max(again))}", "", ""))
    for path, label in (("/Map", "Map page"), ("/Timeline", "Timeline page")):
        v = _get(ours, "browser", "visits", path) or {}
        if v:
            rows.append((f"  {label} first load / bytes", _cell(f"{_fmt_s(v.get('seconds'))} / "
                                                                  f"{_fmt_bytes(v.get('bytes'))}", v.get("error")),
                         "", ""))
    rows.append(("server memory, peak (VmHWM)", _fmt_mb(_get(ours, "browser", "peak_mb")),
                 _fmt_mb(_get(naive, "browser", "peak_mb")),
                 ratio(_get(naive, "browser", "peak_mb"), _get(ours, "browser", "peak_mb"))))
    return rows


def targets_for(r: dict) -> list[str]:
    """Yes/no against the issue's targets (filter change < 1 s, first load < 3 s, >= 10x faster
    than naive, memory < 2 GB) for one N. The first load is the overview's: met when both the
    visit right after the server started and the median of the next new browsers are under 3 s
    (the worst of them is printed beside)."""
    ours, naive = r.get("ours", {}), r.get("naive", {})
    medians = [(_get(ours, "script", p, "median")) for p in ("pages/1_Map.py", "pages/2_Timeline.py")]
    medians = [m for m in medians if m is not None]
    worst = max(medians) if medians else None
    first_visit = _get(ours, "browser", "visits", "/", "seconds")
    again = repeat_loads(ours)
    middle = statistics.median(again) if again else None
    loads = [x for x in (first_visit, middle) if x is not None]
    first = max(loads) if loads else None  # the slower of: the first visit, the median new browser
    naive_page = next(iter(_get(naive, "script") or {}), None)
    nv = _get(naive, "script", naive_page, "median")
    mem = _get(ours, "browser", "peak_mb")

    def yn(ok) -> str:
        return "-" if ok is None else ("yes" if ok else "NO")

    speed = None if worst is None or nv is None else nv / worst
    return [
        f"filter change < {TARGETS['filter_change_s']:.0f} s (slower page median {_fmt_s(worst)}): "
        f"{yn(None if worst is None else worst < TARGETS['filter_change_s'])}",
        f"first load < {TARGETS['first_load_s']:.0f} s (first visit {_fmt_s(first_visit)}, median of "
        f"{len(again)} more {_fmt_s(middle)}, worst {_fmt_s(max(again) if again else None)}): "
        f"{yn(None if first is None else first < TARGETS['first_load_s'])}",
        f">= {TARGETS['speedup']:.0f}x faster than naive on a filter change "
        f"({'-' if speed is None else f'{speed:,.1f}x'}): {yn(None if speed is None else speed >= TARGETS['speedup'])}",
        f"server memory < 2 GB ({_fmt_mb(mem)}): {yn(None if mem is None else mem < TARGETS['memory_mb'])}",
    ]


def table(results: Iterable[dict]) -> list[str]:
    """The whole report: one block per N with its rows and the targets."""
    lines: list[str] = []
    for r in results:
        head = (f"N = {r['n']:,} incidents  (CSV {r.get('csv_mb', 0):,.0f} MB; generated in "
                f"{_fmt_s(r.get('generate_s'))}; CSV -> DuckDB cache {_fmt_s(r.get('load_s'))}, once per data change"
                f"; load average {r.get('loadavg', '-')})")
        lines.append(head)
        rows = [("measure", "ours", "naive", "naive/ours"), *rows_for(r)]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for k, row in enumerate(rows):
            lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
            if k == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        lines.extend("  target: " + t for t in targets_for(r))
        lines.append("")
    return lines
