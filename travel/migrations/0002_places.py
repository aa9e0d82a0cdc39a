"""Loads the place list (travel/data/places.json) into travel.Place.

Adds only the places that are missing (same name, municipality and country),
so running it again, or after editors changed the list, changes nothing that
is there. Going back keeps the places: entries may point at them.
"""

import json
from pathlib import Path

from django.db import migrations

PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "places.json"


def load_places(apps, schema_editor):
    Place = apps.get_model("travel", "Place")
    rows = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    known = set(Place.objects.values_list("name", "municipality", "country"))
    Place.objects.bulk_create(
        Place(
            name=row["name"],
            municipality=row["municipality"],
            country=row["country"],
            latitude=row["lat"],
            longitude=row["lon"],
        )
        for row in rows
        if (row["name"], row["municipality"], row["country"]) not in known
    )


class Migration(migrations.Migration):
    dependencies = [("travel", "0001_initial")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop, elidable=True)]
