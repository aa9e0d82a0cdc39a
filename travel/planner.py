"""The journey-planner link from a place to the venue: 9292 for a venue in
the Netherlands, Deutsche Bahn for one in Germany. A link only: nothing is
fetched. The planners read the names as typed in their search box, so the
link carries "place, municipality" and the venue's "street, town"."""

from urllib.parse import quote, urlencode

PLANNERS = {
    "NL": "https://9292.nl/reisadvies?{query}",
    "DE": "https://www.bahn.de/buchung/fahrplan/suche#{fragment}",
}


def _from(place):
    if place.municipality and place.municipality != place.name:
        return f"{place.name}, {place.municipality}"
    return place.name


def _to(venue):
    return ", ".join(part for part in (venue.street, venue.city) if part) or venue.name


def planner_url(place, venue):
    """The planner's address for the trip, or "" without a venue."""
    if venue is None or not venue.city:
        return ""
    if venue.country == "DE":
        fragment = urlencode({"sts": "true", "so": _from(place), "zo": _to(venue)}, quote_via=quote)
        return PLANNERS["DE"].format(fragment=fragment)
    query = urlencode({"van": _from(place), "naar": _to(venue)}, quote_via=quote)
    return PLANNERS["NL"].format(query=query)


def planner_name(venue):
    return "Deutsche Bahn" if venue is not None and venue.country == "DE" else "9292"
