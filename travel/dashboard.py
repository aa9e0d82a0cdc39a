"""The organiser's counts: how many people travel together to a date, and
from where, so that a minibus can be arranged where a village has many
requests. Counts only, never who (`summary`); the coordinator's page
(`travel.admin`) shows them above the lists.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from travel import services
from travel.models import TravelEntry, TravelMatch

# From this many open requests (people without a ride yet) in one place the
# organiser is told to consider a minibus.
MINIBUS_AT = 4


@dataclass
class PlaceCount:
    place: object
    requests: int = 0  # ride requests
    people: int = 0  # people in those requests
    open_requests: int = 0  # requests without an accepted ride
    offers: int = 0  # cars
    seats: int = 0  # seats the cars offer
    transit: int = 0  # public-transport trips others may join
    matched: int = 0  # places given (accepted) in the cars and trips

    @property
    def minibus(self):
        return self.open_requests >= MINIBUS_AT


@dataclass
class Summary:
    places: list
    requests: int
    people: int
    open_requests: int
    offers: int
    seats: int
    transit: int
    matched: int

    @property
    def travelling_together(self):
        """People who found a ride or a companion (places accepted)."""
        return self.matched

    @property
    def minibus_places(self):
        return [row for row in self.places if row.minibus]


def summary(occurrence):
    """Per place and in total: requests (people, how many still open), cars
    (seats), public-transport trips and places accepted. Two queries."""
    rows = {}
    for row in services.counts_by_place(occurrence):
        rows[row["place"].pk] = PlaceCount(
            place=row["place"],
            requests=row["requests"],
            people=row["people"],
            offers=row["offers"],
            seats=row["seats"],
            transit=row["transit"],
            matched=row["matched"],
        )
    accepted = TravelMatch.objects.filter(
        request=OuterRef("pk"), status=TravelMatch.Status.ACCEPTED
    )
    open_places = (
        services.active_entries(occurrence)
        .filter(kind=TravelEntry.Kind.REQUEST)
        .exclude(Exists(accepted))
        .values_list("place_id", flat=True)
    )
    for place_id in open_places:
        if place_id in rows:
            rows[place_id].open_requests += 1
    places = sorted(
        rows.values(), key=lambda r: (-r.open_requests, -(r.people + r.seats), r.place.name)
    )
    return Summary(
        places=places,
        **{
            name: sum(getattr(r, name) for r in places)
            for name in ("requests", "people", "open_requests", "offers", "seats", "transit")
        },
        matched=sum(r.matched for r in places),
    )
