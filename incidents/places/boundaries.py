"""The governorate boundaries: the one reader of data/iraq_governorates.geojson.

The file holds Natural Earth's 1:10m admin-1 polygons of Iraq's 18 governorates (data/SOURCES.md),
each with the properties ``name`` (ours, as every table spells admin1), ``name_ne`` (Natural
Earth's), ``geonames_admin1`` (GeoNames' admin1 code) and ``label_lat``/``label_lon`` (a label
point that always lies inside the polygon). It is read once per path; shapely is imported only
when a polygon is first needed.

What goes in and out:

* ``governorates(path)``: one ``Governorate`` per feature, in file order;
* ``admin1_at(lat, lon)``: the governorate whose polygon holds the point, or None;
  ``nearest_admin1``: else the nearest one within ``NEAREST_ADMIN1_MAX_KM``;
* ``governorate(name)`` in any spelling (``places.governorates``, reading "text"), its
  ``governorate_centroid`` (label point), ``governorate_part(name, bearing)`` (a point in one
  half of it) and ``snap_into(lat, lon, admin1)`` (a point moved just inside it);
* ``simplified_geojson(tolerance)``: the polygons as a small GeoJSON dict for the browser.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from incidents import DEFAULT_DATA_DIR
from incidents.places.governorates import canonical_governorate
from incidents.places.sphere import haversine_km

BOUNDARIES_PATH = DEFAULT_DATA_DIR / "iraq_governorates.geojson"
NEAREST_ADMIN1_MAX_KM = 50.0


@dataclass(frozen=True)
class Governorate:
    """One feature of the boundaries file: our name, Natural Earth's, GeoNames' admin1 code
    ("IQ.01"), the label point (lat, lon) and the polygon (shapely, prepared)."""

    name: str
    name_ne: str
    geonames_admin1: str
    label: tuple[float, float]
    geometry: object


@lru_cache(maxsize=4)
def _features(path: Path) -> tuple[dict, ...]:
    """The file's features as parsed JSON (read once per path)."""
    return tuple(json.loads(Path(path).read_text(encoding="utf-8"))["features"])


@lru_cache(maxsize=4)
def governorates(path: Path = BOUNDARIES_PATH) -> tuple[Governorate, ...]:
    """The boundaries file in, one Governorate per feature out (file order; cached per path)."""
    import shapely
    from shapely.geometry import shape

    out = []
    for feature in _features(Path(path)):
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        p = feature["properties"]
        out.append(Governorate(p["name"], p["name_ne"], p["geonames_admin1"],
                               (float(p["label_lat"]), float(p["label_lon"])), geometry))
    return tuple(out)


def admin1_at(lat: float, lon: float, path: Path = BOUNDARIES_PATH) -> str | None:
    """The governorate (its ``name``) whose polygon holds (lat, lon), or None outside them all."""
    from shapely.geometry import Point

    pt = Point(lon, lat)
    for g in governorates(path):
        if g.geometry.covers(pt):
            return g.name
    return None


def nearest_admin1(lat: float, lon: float, max_km: float = NEAREST_ADMIN1_MAX_KM,
                   path: Path = BOUNDARIES_PATH) -> str | None:
    """admin1_at, or else the governorate whose border is nearest and within ``max_km`` (approximate km)."""
    inside = admin1_at(lat, lon, path)
    if inside:
        return inside
    from shapely.geometry import Point

    pt = Point(lon, lat)
    km_per_deg = 111.2 * max(math.cos(math.radians(lat)), 0.5)  # conservative: longitudes shrink
    best = min(governorates(path), key=lambda g: g.geometry.distance(pt))
    return best.name if best.geometry.distance(pt) * km_per_deg <= max_km else None


def governorate(name: str) -> Governorate:
    """A governorate in any spelling of the text reading in, its Governorate out.
    Raises KeyError for a name that is not a governorate."""
    canon = canonical_governorate(name)
    for g in governorates():
        if g.name == canon:
            return g
    raise KeyError(f"not a governorate of Iraq: {name!r}")


def governorate_centroid(name: str) -> tuple[float, float]:
    """A governorate in any known spelling in, its label point (lat, lon) out (inside its polygon).

    Natural Earth's label point, not the geometric centroid, so that it always falls inside.
    Raises KeyError for a name that is not a governorate.
    """
    return governorate(name).label


def governorate_part(name: str, bearing_deg: float) -> tuple[float, float]:
    """A point in the ``bearing_deg`` half of a governorate ("southern Diyala"), as (lat, lon)."""
    from shapely.geometry import Polygon

    g = governorate(name)
    lat, lon = g.label
    th = math.radians(bearing_deg)
    vx, vy = math.sin(th), math.cos(th)  # direction in (lon, lat)
    px, py = -vy, vx
    big = 20.0
    half = Polygon([
        (lon + px * big, lat + py * big), (lon + px * big + vx * big, lat + py * big + vy * big),
        (lon - px * big + vx * big, lat - py * big + vy * big), (lon - px * big, lat - py * big),
    ])
    part = g.geometry.intersection(half)
    if part.is_empty:
        return g.label
    pt = part.representative_point()
    return round(pt.y, 5), round(pt.x, 5)


def snap_into(lat: float, lon: float, admin1: str, inset_km: float = 3.0) -> tuple[float, float]:
    """(lat, lon) if it lies in governorate ``admin1``, else the nearest point of that governorate's
    polygon moved ``inset_km`` towards its label point, so that an offset which overshoots a border
    ("120 km northwest of Mosul" ends in Syria) is still drawn inside the governorate it was assigned."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    gov = governorate(admin1)
    pt = Point(lon, lat)
    if gov.geometry.covers(pt):
        return lat, lon
    edge = nearest_points(gov.geometry, pt)[0]
    lab_lat, lab_lon = gov.label
    dist = haversine_km(edge.y, edge.x, lab_lat, lab_lon)
    f = min(1.0, inset_km / dist) if dist > 0 else 0.0
    return edge.y + (lab_lat - edge.y) * f, edge.x + (lab_lon - edge.x) * f


@lru_cache(maxsize=4)
def simplified_geojson(tolerance: float = 0.01, path: Path = BOUNDARIES_PATH) -> dict:
    """The governorate polygons as a GeoJSON dict, simplified (``tolerance`` degrees, shapely) and
    rounded to 3 decimals, to keep what the browser receives small; properties name, label_lat,
    label_lon. Cached: callers must not change it."""
    from shapely.geometry import mapping, shape

    features = []
    for feat in _features(Path(path)):
        geom = shape(feat["geometry"]).simplify(tolerance, preserve_topology=True)
        gj = json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), 3))
        props = feat["properties"]
        features.append({"type": "Feature", "geometry": gj, "properties": {
            "name": props["name"], "label_lat": props.get("label_lat"), "label_lon": props.get("label_lon"),
        }})
    return {"type": "FeatureCollection", "features": features}
