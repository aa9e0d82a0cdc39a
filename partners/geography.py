"""The geography of the partner map: the area it shows, the projection that puts
a latitude and longitude on it, and the outlines of the countries in it.

The outlines are real borders (Natural Earth, 1:10m, public domain), cut to the
area and simplified once by `manage.py build_partner_map`, which writes
`partners/data/border_region.json` (committed, with its source and licence in
the file). The site reads only that file: no package, data set or tile server
at run time.
"""

import json
import math
from functools import cache
from pathlib import Path

# The area the map shows: the Netherlands and the German border region as far
# as the Ruhr. Places outside it (Belarus) are only in the text list.
NORTH, SOUTH, WEST, EAST = 53.65, 50.65, 3.2, 8.1
MAP_WIDTH = 600
DATA_FILE = Path(__file__).resolve().parent / "data" / "border_region.json"


def _x_scale():
    # An equirectangular projection around the middle latitude: degrees of
    # longitude shrink by its cosine, so the countries keep their shape.
    middle = math.radians((NORTH + SOUTH) / 2)
    return MAP_WIDTH / ((EAST - WEST) * math.cos(middle))


def map_height():
    return round((NORTH - SOUTH) * _x_scale())


def project_unchecked(latitude, longitude):
    """(x, y) in map units, also for points outside the area."""
    scale = _x_scale()
    x = (longitude - WEST) * math.cos(math.radians((NORTH + SOUTH) / 2)) * scale
    y = (NORTH - latitude) * scale
    return x, y


def project(latitude, longitude):
    """(x, y) on the map for a latitude and longitude, or None outside the map."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (SOUTH <= lat <= NORTH and WEST <= lon <= EAST):
        return None
    x, y = project_unchecked(lat, lon)
    return round(x, 1), round(y, 1)


@cache
def outlines():
    """{"countries": {ISO code: SVG path}, "border": SVG path of the Dutch–German
    border}, read once per process from the committed data file."""
    data = json.loads(DATA_FILE.read_text())
    return {"countries": data["countries"], "border": data["border"]}
