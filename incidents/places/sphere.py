"""Distances and offsets on a spherical earth (pure functions, degrees in and out).

* ``haversine_km(lat1, lon1, lat2, lon2)``: great-circle distance in km;
* ``offset(lat, lon, distance_km, bearing_deg)``: the point that far on that initial bearing;
* ``initial_bearing(lat1, lon1, lat2, lon2)``: the bearing (0 north, 90 east) from the first point to the second.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two lat/lon points (spherical earth)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def offset(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) on initial bearing ``bearing_deg`` (0 north, 90 east).

    Spherical destination formula (radius EARTH_RADIUS_KM): within 0.5% of the ellipsoidal
    answer, far better than any distance a news report gives. Returns (lat, lon), 5 decimals.
    """
    d = distance_km / EARTH_RADIUS_KM
    th = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing in degrees [0, 360) from (lat1, lon1) to (lat2, lon2); 0 north, 90 east."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0
