"""Governorate names placed off the incident markers: pure functions, no streamlit.

A name drawn at its governorate's label point often lands on the incidents of its capital (the
label point of Kirkuk is next to Kirkuk city), and then either the name or the markers are
unreadable. ``place_labels`` moves each name, in screen pixels of the map as first drawn, to the
nearest spot around its label point where its box touches no marker and no other name and whose
centre stays inside its governorate.

Both maps use Mercator: deck.gl's Web Mercator at a zoom level (``deck_mercator``) and the
overview's Vega-Lite projection fitted to two corners (``fit_mercator``); ``Mercator`` turns
degrees into pixels and back (the origin does not matter, only distances do).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

RINGS_PX = (0, 14, 24, 36, 50, 66, 84, 104)  # how far from its label point a name may move, tried in order
ANGLES = tuple(range(0, 360, 30))
MARKER_GAP_PX = 3.0  # the least room left between a name's box and a marker


@dataclass(frozen=True)
class Mercator:
    """Mercator with ``scale`` pixels per radian of longitude; y grows downwards, as on screen."""

    scale: float

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Degrees -> pixels."""
        lam = np.radians(np.asarray(lon, dtype=float))
        phi = np.radians(np.clip(np.asarray(lat, dtype=float), -85, 85))
        return self.scale * lam, -self.scale * np.log(np.tan(np.pi / 4 + phi / 2))

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """Pixels -> degrees."""
        lon = math.degrees(x / self.scale)
        lat = math.degrees(2 * math.atan(math.exp(-y / self.scale)) - math.pi / 2)
        return lon, lat


def deck_mercator(zoom: float) -> Mercator:
    """deck.gl's Web Mercator at ``zoom``: the world is 512 * 2**zoom pixels wide."""
    return Mercator(512 * 2 ** zoom / (2 * math.pi))


def fit_mercator(corners: Iterable[Iterable[float]], width: float, height: float) -> Mercator:
    """The Mercator scale of a projection fitted to ``corners`` ([lon, lat] pairs, as in
    ``vegalite.projection_fit``) in a ``width`` x ``height`` pixel frame (as Vega's ``fit`` does)."""
    lon, lat = np.array([list(c) for c in corners], dtype=float).T
    x, y = Mercator(1.0).xy(lon, lat)
    return Mercator(min(width / max(np.ptp(x), 1e-9), height / max(np.ptp(y), 1e-9)))


def label_box(name: str, font_px: float) -> tuple[float, float]:
    """(width, height) in pixels of a bold sans-serif name at ``font_px`` (a generous estimate:
    bold Helvetica/Arial averages about 0.55 em a character), with its halo."""
    return 0.58 * font_px * len(name) + 6, 1.25 * font_px


def _hits(box: tuple[float, float, float, float], mx: np.ndarray, my: np.ndarray, mr: np.ndarray) -> int:
    """How many circles (centres mx, my; radii mr) come within MARKER_GAP_PX of ``box`` (x0, y0, x1, y1)."""
    if mx.size == 0:
        return 0
    x0, y0, x1, y1 = box
    dx = np.maximum(np.maximum(x0 - mx, 0), mx - x1)
    dy = np.maximum(np.maximum(y0 - my, 0), my - y1)
    return int(np.count_nonzero(dx * dx + dy * dy < (mr + MARKER_GAP_PX) ** 2))


def _overlaps(box: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _spots(cx: float, cy: float):
    """Candidate centres around (cx, cy), nearest first: the point itself, then rings of RINGS_PX."""
    yield cx, cy
    for r in RINGS_PX[1:]:
        for a in ANGLES:
            yield cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a))


def _best_spot(name: str, cx: float, cy: float, size: tuple[float, float], markers: tuple, placed: list,
               proj: Mercator, inside: Callable[[str, float, float], bool] | None) -> tuple[float, float]:
    """The first spot around (cx, cy) whose box is free of markers and names, inside the
    governorate; else the first such spot anywhere near; else the one touching fewest markers."""
    w, h = size
    best = (math.inf, cx, cy)
    for need_inside in ((True, False) if inside is not None else (False,)):
        for x, y in _spots(cx, cy):
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if _overlaps(box, placed) or (need_inside and not inside(name, *proj.lonlat(x, y))):
                continue
            hits = _hits(box, *markers)
            if hits == 0:
                return x, y
            if hits < best[0]:
                best = (hits, x, y)
    return best[1], best[2]


def place_labels(labels: pd.DataFrame, markers: pd.DataFrame | None, proj: Mercator, font_px: float,
                 inside: Callable[[str, float, float], bool] | None = None) -> pd.DataFrame:
    """Where to draw each name.

    In: ``labels`` (name, longitude, latitude: the label points); ``markers`` (longitude,
    latitude, radius in pixels) or None; the map's projection and the names' font size;
    ``inside(name, lon, lat)``: whether a point lies in that governorate (None: anywhere).
    Out: name, longitude, latitude: for each name the first spot, going out ring by ring from its
    label point, whose box keeps MARKER_GAP_PX from every marker and overlaps no name placed
    before it, with its centre inside its governorate if there is such a spot (a small
    governorate seen from afar may have none: then the nearest free spot outside); where no spot
    is free, the one that touches the fewest markers.
    """
    if markers is None or markers.empty:
        mx = my = mr = np.empty(0)
    else:
        mx, my = proj.xy(markers["longitude"].to_numpy(), markers["latitude"].to_numpy())
        mr = pd.to_numeric(markers["radius"], errors="coerce").fillna(0).to_numpy(dtype=float)
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for name, lon, lat in zip(labels["name"], labels["longitude"], labels["latitude"], strict=True):
        w, h = label_box(str(name), font_px)
        cx, cy = (float(v[0]) for v in proj.xy(np.array([lon]), np.array([lat])))
        x, y = _best_spot(str(name), cx, cy, (w, h), (mx, my, mr), placed, proj, inside)
        placed.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
        plon, plat = proj.lonlat(x, y)
        out.append({"name": name, "longitude": round(plon, 4), "latitude": round(plat, 4)})
    return pd.DataFrame(out, columns=["name", "longitude", "latitude"])


def inside_governorate(name: str, lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies in the governorate ``name`` (the boundaries file's polygon)."""
    import shapely

    from incidents.places.boundaries import governorate

    try:
        return bool(shapely.contains_xy(governorate(name).geometry, lon, lat))
    except (KeyError, ValueError):
        return True
