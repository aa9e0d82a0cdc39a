"""Distances between places of the place list (`travel.models.Place`).

The list itself ships as `travel/data/places.json` (name, municipality,
country, lat, lon), loaded by a data migration; editors add places as a
snippet. Distances are great-circle distances (haversine), good enough to
say "within 15 km"."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def distance_km(a, b):
    """Great-circle distance in km between two places (anything with
    `latitude` and `longitude`)."""
    lat1, lon1, lat2, lon2 = map(
        radians, (float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude))
    )
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def bounding_box(place, km):
    """(min lat, max lat, min lon, max lon) around `place` holding every point
    within `km`: a cheap database filter before the exact distance."""
    dlat = km / 111.2
    dlon = km / max(0.01, 111.2 * cos(radians(float(place.latitude))))
    lat, lon = float(place.latitude), float(place.longitude)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def nearby(place, km, queryset=None):
    """Active places within `km` of `place` (itself included), nearest first,
    as (place, distance) pairs."""
    from travel.models import Place

    low_lat, high_lat, low_lon, high_lon = bounding_box(place, km)
    candidates = (queryset if queryset is not None else Place.objects.filter(active=True)).filter(
        latitude__gte=low_lat,
        latitude__lte=high_lat,
        longitude__gte=low_lon,
        longitude__lte=high_lon,
    )
    found = [(other, distance_km(place, other)) for other in candidates]
    return sorted(((p, d) for p, d in found if d <= km), key=lambda pair: (pair[1], pair[0].name))
