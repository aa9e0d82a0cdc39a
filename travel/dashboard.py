"""The organiser's counts: how many people travel together to a date, and
from where, so that a minibus can be arranged where a village has many
requests. Counts only, never who: the coordinator's page (`travel.admin`)
shows `summary` above its lists, and the admin dashboard's "Travel together"
panel (`TravelPanel`) shows `upcoming_counts` of the next dates to everyone
who may edit the event, also without the permission to see who travels.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Sum

from events.models import Occurrence
from registration.forms import date_label
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


# -- The admin dashboard's panel ----------------------------------------------


@dataclass
class DateCount:
    """One upcoming date on the dashboard: counts per place, never who."""

    occurrence: object
    label: str = ""
    places: dict = field(default_factory=dict)  # place id -> PanelPlace
    matched: int = 0

    @property
    def rows(self):
        return sorted(
            self.places.values(), key=lambda r: (-r.open_requests, -(r.people + r.seats), r.name)
        )

    @property
    def people(self):
        return sum(r.people for r in self.places.values())

    @property
    def seats(self):
        return sum(r.seats for r in self.places.values())

    @property
    def minibus_places(self):
        return [r for r in self.rows if r.minibus]


@dataclass
class PanelPlace:
    name: str
    requests: int = 0
    people: int = 0
    open_requests: int = 0  # requests without an accepted ride (the minibus hint)
    open_people: int = 0  # the people in them
    offers: int = 0
    seats: int = 0
    transit: int = 0

    @property
    def minibus(self):
        return self.open_requests >= MINIBUS_AT


def upcoming_counts(event_keys, now, limit=8):
    """The next `limit` dates of the events `event_keys` that have travel
    entries, each with its counts per place and the places given: four
    queries, whatever the number of dates and entries."""
    active = TravelEntry.objects.filter(
        event_key__in=event_keys, cancelled_at__isnull=True, occurrence__end__gte=now
    ).exclude(occurrence__status=Occurrence.Status.CANCELLED)
    dates = list(
        Occurrence.objects.filter(pk__in=active.values("occurrence_id"))
        .select_related("event")
        .order_by("start", "pk")[:limit]
    )
    found = {o.pk: DateCount(occurrence=o, label=date_label(o)) for o in dates}
    if not found:
        return []
    active = active.filter(occurrence_id__in=found)
    rows = active.values("occurrence_id", "place_id", "place__name", "kind").annotate(
        n=Count("pk"), people=Sum("people"), seats=Sum("seats")
    )
    for row in rows:
        place = found[row["occurrence_id"]].places.setdefault(
            row["place_id"], PanelPlace(name=row["place__name"])
        )
        if row["kind"] == TravelEntry.Kind.REQUEST:
            place.requests += row["n"]
            place.people += row["people"] or 0
        elif row["kind"] == TravelEntry.Kind.OFFER:
            place.offers += row["n"]
            place.seats += row["seats"] or 0
        else:
            place.transit += row["n"]
    accepted = TravelMatch.objects.filter(offer__in=active, status=TravelMatch.Status.ACCEPTED)
    for row in accepted.values("offer__occurrence_id").annotate(n=Sum("places")):
        found[row["offer__occurrence_id"]].matched = row["n"] or 0
    is_accepted = TravelMatch.objects.filter(
        request=OuterRef("pk"), status=TravelMatch.Status.ACCEPTED
    )
    still_open = (
        active.filter(kind=TravelEntry.Kind.REQUEST)
        .exclude(Exists(is_accepted))
        .values("occurrence_id", "place_id")
        .annotate(n=Count("pk"), people=Sum("people"))
    )
    for row in still_open:
        place = found[row["occurrence_id"]].places[row["place_id"]]
        place.open_requests, place.open_people = row["n"], row["people"] or 0
    return list(found.values())
