"""The partner map: real borders from the committed Natural Earth extract, one
numbered marker per town, the numbered list beside it, and an SVG that parses."""

import json
import math
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from home.models import Venue
from partners import geography
from partners import sections as partners
from tests.partners.test_partners import built_partner_tree, make_event, partner_tree

__all__ = ["built_partner_tree", "partner_tree"]

SVG = "{http://www.w3.org/2000/svg}"


def rings(path):
    """The closed rings of an SVG path made of M, L and Z, as lists of (x, y)."""
    found = []
    for part in re.findall(r"M([^MZ]+)Z", path):
        points = [tuple(map(float, p.split(","))) for p in part.replace("L", " ").split()]
        found.append(points)
    return found


def inside(point, path):
    """Even-odd rule over every ring of the path, as SVG fills it."""
    x, y = point
    crossings = 0
    for ring in rings(path):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


@pytest.mark.parametrize(
    ("town", "lat", "lon", "country"),
    [
        ("Utrecht", 52.0907, 5.1214, "NL"),
        ("Nijmegen", 51.8126, 5.8372, "NL"),
        ("Kranenburg", 51.7886, 6.0095, "DE"),
        ("Gronau", 52.2125, 7.0228, "DE"),
        ("Enschede", 52.2215, 6.8937, "NL"),
        ("Antwerpen", 51.2194, 4.4025, "BE"),
        ("Venlo", 51.3704, 6.1724, "NL"),
        ("Aachen", 50.7753, 6.0839, "DE"),
    ],
)
def test_towns_near_the_border_lie_in_their_own_country_on_the_drawn_outlines(
    town, lat, lon, country
):
    countries = geography.outlines()["countries"]
    point = geography.project(lat, lon)
    assert [code for code, path in countries.items() if inside(point, path)] == [country], town


def test_outline_file_names_its_source_and_licence_and_fits_the_map():
    data = json.loads(geography.DATA_FILE.read_text())
    assert "Natural Earth" in data["source"] and "ublic domain" in data["licence"]
    assert (data["width"], data["height"]) == (geography.MAP_WIDTH, geography.map_height())
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", " ".join(data["countries"].values()))]
    assert min(numbers) >= 0 and max(numbers) <= max(data["width"], data["height"])
    # Detailed enough to be real geography, small enough to inline in a page.
    assert 2000 < len(geography.DATA_FILE.read_bytes()) < 40_000


def test_projection_puts_kranenburg_east_of_nijmegen_and_leaves_belarus_off():
    nijmegen = geography.project(51.8146, 5.8606)
    kranenburg = geography.project(51.7886, 6.0095)
    assert kranenburg[0] > nijmegen[0] and kranenburg[1] > nijmegen[1]
    assert geography.project(54.49, 26.92) is None
    assert geography.project("not a number", None) is None


def venue(key, name, city, country, lat, lon):
    return Venue(
        name=name, city=city, country=country, latitude=lat, longitude=lon, translation_key=key
    )


def build(*venues):
    places = {}
    for v in venues:
        partners.add_venue(places, v, partners.MapEntry("event", v.name))
    return partners.build_map(places)


def test_venues_in_one_town_share_a_numbered_marker_however_far_apart():
    built = build(
        venue("a", "Dorpshuis", "Kranenburg", "DE", 51.7886, 6.0095),
        venue("b", "Mienthuus", " kranenburg ", "DE", 51.7500, 6.0600),
        venue("c", "Boszicht", "Nijmegen", "NL", 51.8146, 5.8606),
        venue("d", "De Oude Rechtbank", "Utrecht", "NL", 52.0907, 5.1214),
    )
    assert [[p.name for p in m.places] for m in built.markers] == [
        ["De Oude Rechtbank"],
        ["Boszicht"],
        ["Dorpshuis", "Mienthuus"],
    ]
    assert [m.number for m in built.markers] == [1, 2, 3]  # west to east
    kranenburg = built.markers[2]
    # The marker sits by the middle of its venues (moved a little off Nijmegen's).
    first, second = geography.project(51.7886, 6.0095), geography.project(51.75, 6.06)
    middle = ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2)
    assert math.dist(middle, (kranenburg.x, kranenburg.y)) < 20


def test_neighbouring_towns_keep_their_own_markers_and_same_name_abroad_does_not_merge():
    built = build(
        venue("a", "Dorpshuis", "Kranenburg", "DE", 51.7886, 6.0095),
        venue("b", "Zaal", "Groesbeek", "NL", 51.7769, 5.9361),
        venue("c", "Huis", "Bergen", "NL", 51.5996, 6.0336),
        venue("d", "Haus", "Bergen", "DE", 51.6100, 6.0500),
    )
    assert sorted(len(m.places) for m in built.markers) == [1, 1, 1, 1]


def test_venues_without_a_town_share_a_marker_only_when_they_overlap():
    built = build(
        venue("a", "Schuur", "", "NL", 52.0, 5.5),
        venue("b", "Stal", "", "NL", 52.001, 5.501),
        venue("c", "Kapel", "", "NL", 52.3, 5.9),
    )
    assert sorted(len(m.places) for m in built.markers) == [1, 2]


def test_index_map_is_valid_svg_with_one_marker_per_town_and_the_list_beside_it(
    client, partner_tree
):
    second = Venue.objects.create(
        name="Bürgerhaus",
        city="Kranenburg",
        country="DE",
        latitude=Decimal("51.750000"),
        longitude=Decimal("6.060000"),
    )
    make_event(partner_tree["calendar"], "Dorpsavond", "dorpsavond", venue=second,
               organisation=partner_tree["mienthuus"], days=9)  # fmt: skip
    html = client.get("/nl/partners/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    figure = page.select_one(".pt-map__layout > figure")
    listing = figure.find_next_sibling("ol")
    assert listing is not None and "pt-map__list" in listing["class"]

    # The SVG as the browser gets it (an HTML parser would lower-case viewBox).
    svg = ElementTree.fromstring(
        re.search(r"<svg class=\"pt-map__svg\".*?</svg>", html, re.S).group()
    )
    assert svg.tag == f"{SVG}svg"
    width, height = map(float, svg.get("viewBox").split()[2:])
    drawn = [p.get("d") for p in svg.iter(f"{SVG}path")]
    assert len(drawn) == 4 and all(re.fullmatch(r"[MLZ0-9., -]+", d) for d in drawn)
    markers = [g for g in svg.iter(f"{SVG}g") if "pt-map__marker" in g.get("class", "")]
    positions = [
        tuple(map(float, re.match(r"translate\(([\d.]+) ([\d.]+)\)", g.get("transform")).groups()))
        for g in markers
    ]
    assert all(0 <= x <= width and 0 <= y <= height for x, y in positions)
    numbers = [g.find(f".//{SVG}text").text.strip() for g in markers]

    items = listing.find_all("li", class_="pt-map__item")
    assert [i.select_one(".pt-map__number").get_text(strip=True) for i in items] == numbers
    towns = {
        item.select_one(".pt-map__number").get_text(strip=True): [
            p.get_text(" ", strip=True) for p in item.select(".pt-map__place")
        ]
        for item in items
    }
    kranenburg = [names for names in towns.values() if any("Kranenburg" in n for n in names)]
    assert len(kranenburg) == 1
    assert sorted(n.split(",")[0].split(": ")[-1].strip() for n in kranenburg[0]) == [
        "Bürgerhaus",
        "Dorpshuis",
    ]
    assert sum("Utrecht" in " ".join(names) for names in towns.values()) == 1


def test_markers_of_neighbouring_towns_are_moved_apart_enough_to_read():
    built = build(
        venue("a", "Dorpshuis", "Kranenburg", "DE", 51.7886, 6.0095),
        venue("b", "Boszicht", "Nijmegen", "NL", 51.8146, 5.8606),
        venue("c", "Zaal", "Groesbeek", "NL", 51.7769, 5.9361),
    )
    points = [(m.x, m.y) for m in built.markers]
    assert all(
        math.dist(p, q) >= partners.MARKER_SPACING - 0.5
        for i, p in enumerate(points)
        for q in points[i + 1 :]
    )
    # Each stays near its town.
    for marker in built.markers:
        place = marker.places[0]
        assert (
            math.dist((marker.x, marker.y), geography.project(place.latitude, place.longitude)) < 20
        )
