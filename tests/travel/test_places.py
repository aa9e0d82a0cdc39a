"""The place list (travel/data/places.json) and its data migration."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from travel.models import Place
from travel.places import distance_km, nearby

PLACES_FILE = Path(__file__).resolve().parents[2] / "travel" / "data" / "places.json"
ROWS = json.loads(PLACES_FILE.read_text(encoding="utf-8"))


def _point(name, country=None):
    found = [r for r in ROWS if r["name"] == name and country in (None, r["country"])]
    assert len(found) == 1, name
    return SimpleNamespace(latitude=found[0]["lat"], longitude=found[0]["lon"])


def test_every_row_has_the_fields_and_nothing_else():
    assert 120 <= len(ROWS) <= 250
    for row in ROWS:
        assert set(row) == {"name", "municipality", "country", "lat", "lon"}, row
        assert row["name"].strip() == row["name"] and row["name"], row
        assert row["municipality"].strip() == row["municipality"] and row["municipality"], row
        assert row["country"] in ("NL", "DE"), row
        assert isinstance(row["lat"], float) and isinstance(row["lon"], float), row
        assert round(row["lat"], 4) == row["lat"] and round(row["lon"], 4) == row["lon"], row


def test_no_place_twice():
    keys = [(r["name"], r["municipality"], r["country"]) for r in ROWS]
    assert len(keys) == len(set(keys))
    # Not even under one name in one country: a visitor could not tell them apart.
    names = [(r["name"].casefold(), r["country"]) for r in ROWS]
    assert len(names) == len(set(names))
    # Nor two rows on the same spot (a copied line with a new name).
    spots = [(r["lat"], r["lon"]) for r in ROWS]
    assert len(spots) == len(set(spots))


def test_every_place_lies_in_the_border_region():
    outside = [r["name"] for r in ROWS if not (51.3 <= r["lat"] <= 52.5 and 5.0 <= r["lon"] <= 7.1)]
    assert outside == []


def test_both_sides_of_the_border_and_the_event_towns_are_there():
    countries = {r["country"] for r in ROWS}
    assert countries == {"NL", "DE"}
    assert sum(r["country"] == "DE" for r in ROWS) >= 40
    names = {r["name"] for r in ROWS}
    for town in ("Amersfoort", "Nijmegen", "Kranenburg", "Groesbeek", "Winterswijk", "Kleve"):
        assert town in names


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        # Straight-line distances between the centres (the road is longer).
        ("Nijmegen", "Kranenburg", 10, 16),
        ("Groesbeek", "Kranenburg", 3.5, 7),
        ("Kleve", "Emmerich am Rhein", 7, 11),
        ("Nijmegen", "Arnhem", 14, 18),
        ("Amersfoort", "Utrecht", 18, 22),
        ("Doetinchem", "Winterswijk", 26, 33),
        ("Dinxperlo", "Suderwick", 0, 1.5),
        ("Enschede", "Gronau", 8, 12),
        ("Kranenburg", "Amersfoort", 55, 63),
    ],
)
def test_well_known_distances_hold(a, b, low, high):
    assert low <= distance_km(_point(a), _point(b)) <= high


@pytest.mark.django_db
def test_the_migration_loaded_the_list():
    assert Place.objects.count() >= len(ROWS)
    kranenburg = Place.objects.get(name="Kranenburg", country="DE")
    assert (kranenburg.municipality, kranenburg.latitude) == ("Kranenburg", 51.7894)
    near = {place.name for place, _ in nearby(Place.objects.get(name="Groesbeek"), 8)}
    assert {"Groesbeek", "Kranenburg", "Wyler", "Berg en Dal"} <= near
    assert "Winterswijk" not in near


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_keeps_editors_changes():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("travel.migrations.0002_places")
    Place.objects.filter(name="Zyfflich").update(active=False, latitude=51.8)
    before = Place.objects.count()
    migration.load_places(apps, None)
    assert Place.objects.count() == before
    assert Place.objects.get(name="Zyfflich").latitude == 51.8
    Place.objects.filter(name="Wyler").delete()
    migration.load_places(apps, None)
    assert Place.objects.filter(name="Wyler").count() == 1
