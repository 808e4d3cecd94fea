"""Colours shared by every view: one colour per event type (map, timeline, highlights, table).

Pure helpers over ``schema.EVENT_TYPE_COLORS``; nothing here imports streamlit.
"""

from __future__ import annotations

import math

from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPE_COLORS, UNKNOWN_TYPE_COLOR

# Qualitative palette (Tableau 20, light/dark pairs) for governorate stacks: 18 governorates.
_GOVERNORATE_PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#dbdb8d",
)


_SHADE_STOPS = ((254, 240, 217), (253, 204, 138), (252, 141, 89), (227, 74, 51), (179, 0, 0))
_DENSITY_STOPS = ((237, 248, 177), (127, 205, 187), (44, 127, 184), (37, 52, 148), (73, 0, 106))


def _ramp(stops: tuple[tuple[int, int, int], ...], fraction: float) -> tuple[int, int, int]:
    """Linear interpolation through ``stops`` at ``fraction`` (clamped to 0..1) -> an RGB triple."""
    t = min(1.0, max(0.0, float(fraction)))
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    w = pos - i
    a, b = stops[i], stops[i + 1]
    return tuple(round(a[k] + (b[k] - a[k]) * w) for k in range(3))  # type: ignore[return-value]


def type_rgb(event_type: str | None) -> tuple[int, int, int]:
    """Event type -> its RGB triple; unknown or empty types get the neutral grey."""
    return EVENT_TYPE_COLORS.get(event_type or "", UNKNOWN_TYPE_COLOR)


def rgb_hex(rgb: tuple[int, int, int]) -> str:
    """(r, g, b) -> '#rrggbb'."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def type_hex(event_type: str | None) -> str:
    """Event type -> '#rrggbb' (plotly, CSS)."""
    return rgb_hex(type_rgb(event_type))


def type_rgba_css(event_type: str | None, alpha: float) -> str:
    """Event type -> 'rgba(r, g, b, alpha)' for translucent CSS backgrounds."""
    r, g, b = type_rgb(event_type)
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def type_color_map() -> dict[str, str]:
    """Every known event type -> hex colour, for plotly's ``color_discrete_map``."""
    return {name: rgb_hex(rgb) for name, rgb in EVENT_TYPE_COLORS.items()}


def governorate_color_map() -> dict[str, str]:
    """Every governorate -> a fixed hex colour (the same on every chart and every run)."""
    return {name: _GOVERNORATE_PALETTE[i % len(_GOVERNORATE_PALETTE)] for i, name in enumerate(GOVERNORATES)}


def sequential_rgb(fraction: float) -> tuple[int, int, int]:
    """A value in 0..1 -> a colour from pale sand (0) to deep red (1), for shaded governorates and bins.

    Values outside 0..1 are clamped.
    """
    return _ramp(_SHADE_STOPS, fraction)


def shade_rgb(n: int, top: int) -> tuple[int, int, int] | None:
    """A governorate's incident count -> its shade on a square-root scale, from pale sand (few) to
    deep red (``top``, the most any governorate has); None when it has none (drawn light grey)."""
    if n <= 0 or top <= 0:
        return None
    return sequential_rgb(0.15 + 0.85 * math.sqrt(min(n, top) / top))


def density_rgb(fraction: float) -> tuple[int, int, int]:
    """A value in 0..1 -> a colour from pale yellow-green (0) to deep purple (1), for grid cells, so
    they stand out from the red governorate shading under them. Values outside 0..1 are clamped."""
    return _ramp(_DENSITY_STOPS, fraction)
