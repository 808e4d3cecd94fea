"""Colours shared by every view: one colour per event type (map, timeline, highlights, table), the
ramp that shades governorates by count and the one of grid cells.

Pure helpers over ``schema.EVENT_TYPE_COLORS``; nothing here imports streamlit. The governorate ramp
runs from pale cream to khaki: a hue no event type uses, light and low in chroma, so every incident
colour (the red of Battles included) stands out on every shade. ``delta_e`` (CIE76 distance in
CIELAB) is how that is measured: every shade is at least ``SHADE_MIN_DELTA_E`` from every event
type colour and from the grey of unknown types.
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


_SHADE_STOPS = ((250, 246, 228), (241, 231, 192), (226, 211, 158), (204, 185, 122), (172, 150, 80))
SHADE_MIN_DELTA_E = 30.0  # every governorate shade is at least this far from every event type colour
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
    """A value in 0..1 -> a colour from pale cream (0) to khaki (1), for shaded governorates.

    Values outside 0..1 are clamped.
    """
    return _ramp(_SHADE_STOPS, fraction)


def shade_rgb(n: int, top: int) -> tuple[int, int, int] | None:
    """A governorate's incident count -> its shade on a square-root scale, from pale cream (few) to
    khaki (``top``, the most any governorate has); None when it has none (drawn light grey)."""
    if n <= 0 or top <= 0:
        return None
    return sequential_rgb(0.15 + 0.85 * math.sqrt(min(n, top) / top))


def density_rgb(fraction: float) -> tuple[int, int, int]:
    """A value in 0..1 -> a colour from pale yellow-green (0) to deep purple (1), for grid cells, so
    they stand out from the governorate shading under them. Values outside 0..1 are clamped."""
    return _ramp(_DENSITY_STOPS, fraction)


def gradient_css(stops: str = "shade") -> str:
    """A CSS ``linear-gradient`` through the stops of the governorate ramp ("shade") or of the grid
    cells ("density"), for legends."""
    colors = ", ".join(rgb_hex(c) for c in (_SHADE_STOPS if stops == "shade" else _DENSITY_STOPS))
    return f"linear-gradient(90deg, {colors})"


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """sRGB (0-255) -> CIELAB (D65)."""
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """How different two colours look: the CIE76 distance of their CIELAB values (about 2.3 is
    just noticeable; above 30 they read as different colours)."""
    return math.dist(_lab(a), _lab(b))
