"""The organiser's counts (travel.dashboard): how many travel together and from
where, places with many open requests flagged; counts only, in few queries."""

import pytest

from tests.travel.conftest import at
from travel import dashboard, services
from travel.models import TravelEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

Kind = TravelEntry.Kind


def entry(date, kind, place, count=1, n=0):
    return services.create_entry(
        date,
        kind=kind,
        place=place,
        departs_at=at(date, 8),
        name=f"Reiziger {n}",
        email=f"reiziger{n}@example.org",
        seats=count if kind != Kind.REQUEST else 0,
        people=count if kind == Kind.REQUEST else 1,
    )


def test_counts_per_place_and_the_minibus_hint(date, places, admin_user):
    groesbeek, kranenburg = places["groesbeek"], places["kranenburg"]
    requests = [entry(date, Kind.REQUEST, groesbeek, count=1 + (n == 0), n=n) for n in range(4)]
    car = entry(date, Kind.OFFER, kranenburg, count=2, n=10)
    entry(date, Kind.TRANSIT, kranenburg, count=0, n=11)
    summary = dashboard.summary(date)
    [first, second] = summary.places
    assert first.place == groesbeek
    assert (first.requests, first.people, first.open_requests) == (4, 5, 4)
    assert first.minibus and summary.minibus_places == [first]
    assert (second.offers, second.seats, second.transit, second.matched) == (1, 2, 1, 0)
    assert not second.minibus

    # One request finds a ride: three open left, no minibus any more.
    services.pair(requests[1], car, by=admin_user)
    summary = dashboard.summary(date)
    groesbeek_row = next(r for r in summary.places if r.place == groesbeek)
    assert groesbeek_row.open_requests == 3 and not groesbeek_row.minibus
    assert summary.matched == summary.travelling_together == 1
    assert (summary.requests, summary.people, summary.offers, summary.seats) == (4, 5, 1, 2)

    # A cancelled request no longer counts.
    services.cancel(requests[0])
    assert dashboard.summary(date).people == 3


def test_the_summary_holds_counts_only(date, places):
    entry(date, Kind.REQUEST, places["groesbeek"], n=1)
    summary = dashboard.summary(date)
    assert "Reiziger" not in repr(summary) and "example.org" not in repr(summary)


def test_queries_do_not_grow_with_entries(date, places, django_assert_max_num_queries):
    for n in range(12):
        kind = Kind.REQUEST if n % 2 else Kind.OFFER
        entry(date, kind, places["winterswijk" if n % 3 else "groesbeek"], count=1, n=n)
    with django_assert_max_num_queries(3):
        summary = dashboard.summary(date)
    assert summary.requests == 6 and summary.offers == 6


def test_the_coordinator_page_shows_the_hint(client, admin_user, date, places):
    from events.models import EventPage

    for n in range(4):
        entry(date, Kind.REQUEST, places["groesbeek"], n=n)
    event = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    client.force_login(admin_user)
    html = client.get(f"/admin/travel/{event.pk}/").content.decode()
    assert "Groesbeek" in html and "⚠" in html  # the minibus hint
